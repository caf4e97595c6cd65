"""``contraflow analyze FILE.jsonl|-``: articles in, contradictions out (JSON Lines), no servers needed."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any, BinaryIO

import typer

__all__ = ["analyze_lines", "contradiction_json", "read_articles", "register"]

log = logging.getLogger(__name__)

_ENGLISH_WORDS = (
    "the of and to in a is that for on was with said as by it at from he his be has have are were an not this but "
    "which had they their its who been will"
)
_ENGLISH = frozenset(_ENGLISH_WORDS.split())


def _looks_english(text: str) -> bool:
    words = re.findall(r"[A-Za-z]+", text.lower())
    if len(words) < 8:
        return len(words) > 0
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.08


def _side(s: Any) -> dict[str, Any]:
    return {
        "statement_id": s.id,
        "article_id": s.article_id,
        "text": s.text,
        "speaker": s.speaker.name or s.source,
        "speaker_type": s.speaker.type,
        "speaker_resolved_from": s.speaker.resolved_from,
        "cue": s.cue,
        "cue_word": s.cue_word,
        "source": s.source,
        "published_at": s.published_at.isoformat() if s.published_at else None,
        "polarity": s.polarity,
        "modality": s.modality,
        "claim": s.claim_text,
        "start": s.start,
        "end": s.end,
    }


def contradiction_json(c: Any) -> dict[str, Any]:
    """The output record of one contradiction (the shape DESIGN.md promises)."""
    return {
        "id": c.id,
        "kind": c.kind,
        "score": c.score,
        "explanation": c.explanation,
        "scope": c.scope,
        "a": _side(c.a),
        "b": _side(c.b),
    }


def read_articles(stream: BinaryIO, max_text_chars: int) -> tuple[list[Any], list[str]]:
    """Validated, normalised articles, and one error message per bad line (``contraflow claims`` reads alike)."""
    from pydantic import ValidationError

    from analysis.normalize import UnsupportedLanguageError, normalize_article
    from schemas import ArticleIn

    from ..jsonl import read_json_objects

    articles: list[Any] = []
    errors: list[str] = []
    seen: set[str] = set()
    for lineno, data in read_json_objects(stream, "an article"):
        if isinstance(data, str):
            errors.append(data)
            continue
        try:
            art_in = ArticleIn.model_validate(data, context={"max_text_chars": max_text_chars})
            article = normalize_article(art_in)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "record"
            errors.append(f"line {lineno}: invalid article: {where}: {first.get('msg')}; skipped")
            continue
        except (UnsupportedLanguageError, ValueError) as exc:
            errors.append(f"line {lineno}: {exc}; skipped")
            continue
        if not _looks_english(article.text):
            errors.append(f"line {lineno}: article {article.id!r} does not look like English text; skipped")
            continue
        if article.id in seen:
            errors.append(f"line {lineno}: duplicate article id {article.id!r}; skipped")
            continue
        seen.add(article.id)
        articles.append(article)
    return articles, errors


def analyze_lines(
    stream: BinaryIO,
    out: Any,
    *,
    min_score: float,
    model: str,
    max_text_chars: int,
    per_key: int,
    judge_budget: int | None = None,
    max_candidates: int | None = None,
) -> tuple[int, int, list[str]]:
    """Run the whole offline pipeline; returns (articles, contradictions, errors)."""
    from analysis import load_nlp
    from analysis.kinds import view

    articles, errors = read_articles(stream, max_text_chars)
    for msg in errors:
        typer.echo(msg, err=True)
    if not articles:
        return 0, 0, errors
    nlp = load_nlp(model)
    # Every statement's view stays cached for the whole run (extraction builds it, detection reads it again).
    views_before = view.cache_size()
    view.cache_size(_VIEWS_PER_ARTICLE * len(articles))
    try:
        return _analyze(articles, errors, nlp, out, min_score=min_score, per_key=per_key,
                        judge_budget=judge_budget, max_candidates=max_candidates)  # fmt: skip
    finally:
        view.cache_size(views_before)


# Statement views cached per article during a run: two entries per statement (the one extraction builds its
# blocking keys from, and the stored copy), ~26 statements per news article; more only costs memory.
_VIEWS_PER_ARTICLE = 64


def _analyze(
    articles: list[Any],
    errors: list[str],
    nlp: Any,
    out: Any,
    *,
    min_score: float,
    per_key: int,
    judge_budget: int | None,
    max_candidates: int | None,
) -> tuple[int, int, list[str]]:
    from analysis import InMemoryCandidateIndex, extract_many
    from analysis.detection import JUDGE_BUDGET, MAX_CANDIDATES, detect

    t0 = time.perf_counter()
    c0 = time.process_time()
    index = InMemoryCandidateIndex(
        per_key=per_key, max_candidates=MAX_CANDIDATES if max_candidates is None else max_candidates
    )
    budget = JUDGE_BUDGET if judge_budget is None else judge_budget
    n_found = n_statements = 0
    for statements in extract_many(articles, nlp):
        for s in statements:
            n_statements += 1
            for c in detect(s, index, min_score=min_score, budget=budget):
                out.write(json.dumps(contradiction_json(c), ensure_ascii=False) + "\n")
                n_found += 1
            index.add(s)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rate = len(articles) / elapsed if elapsed > 0 else float("inf")
    typer.echo(
        f"analyzed articles={len(articles)} statements={n_statements} contradictions={n_found} "
        f"failed_lines={len(errors)} elapsed_s={elapsed:.2f} cpu_s={cpu:.2f} articles_per_s={rate:.1f} "
        f"articles_per_cpu_s={len(articles) / cpu if cpu > 0 else float('inf'):.1f}",
        err=True,
    )
    return len(articles), n_found, errors


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    def analyze(
        file: str = typer.Argument(..., help="Articles as JSON Lines (one ArticleIn per line), or - for stdin."),
        min_score: float = typer.Option(
            None, "--min-score", min=0.0, max=1.0,
            help="Lowest score reported (default 0.5) [env: CONTRAFLOW_ANALYSIS__MIN_SCORE].",
        ),
    ) -> None:  # fmt: skip
        """Find contradicting statements within and across articles, offline.

        Prints one JSON object per contradiction on stdout: id, kind, score, explanation, and the two
        statements a/b (statement_id, article_id, text, speaker, cue, source, published_at, ...).
        Bad lines are reported on stderr with their line number; the exit code is 1 if any line failed.

        Example:  contraflow analyze ../shared/data/seed/censor-net-2024-10-21.jsonl
        """
        from streams import gc_tuning

        from ..jsonl import open_input
        from ..settings import load_settings

        settings = load_settings()
        cfg = settings.analysis
        threshold = cfg.min_score if min_score is None else min_score
        # The index grows with the input, as a worker's rings do: the same garbage-collector settings.
        gc_tuning.tune()
        with open_input(file, "articles") as stream:
            _, _, errors = analyze_lines(
                stream, sys.stdout, min_score=threshold, model=cfg.spacy_model,
                max_text_chars=cfg.max_text_chars, per_key=cfg.candidates_per_key, judge_budget=cfg.judge_budget,
                max_candidates=cfg.max_candidates,
            )  # fmt: skip
        sys.stdout.flush()
        if errors:
            raise typer.Exit(1)
