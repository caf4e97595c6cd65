"""``contraflow claims FILE.jsonl|-``: articles in, claims out (JSON Lines), no servers needed."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

import typer

__all__ = ["claim_json", "ledger_of", "register", "same_claim_shares"]

# Trap kinds that are about another thing: their two statements must not share a claim.
DIFFERENT_THINGS = ("different_entity", "different_event", "different_place", "different_time")


def claim_json(c: Any) -> dict[str, Any]:
    """The output record of one claim: the ``schemas.Claim`` fields, times as ISO strings."""
    return c.model_dump(mode="json", exclude_none=False)


def ledger_of(articles: list[Any], nlp: Any, *, min_score: float, per_key: int, judge_budget: int,
              max_candidates: int) -> tuple[list[Any], Any]:  # fmt: skip
    """(every statement, the ledger) of ``articles``, read in order as ``contraflow analyze`` reads them: each
    statement linked to its candidates, and to the statements it contradicts."""
    from analysis import InMemoryCandidateIndex, extract_many
    from analysis.blocking import profile
    from analysis.detection import detect
    from analysis.ledger import Ledger

    index = InMemoryCandidateIndex(per_key=per_key, max_candidates=max_candidates)
    ledger = Ledger(max_candidates=max_candidates)
    statements = []
    for batch in extract_many(articles, nlp):
        for s in batch:
            statements.append(s)
            mine = profile(s, with_blocking=True)
            ledger.add(s, index, mine)
            for c in detect(s, index, min_score=min_score, budget=judge_budget):
                ledger.contradiction(c.a, c.b, c.id)
            index.add(s, mine)
    return statements, ledger


def _score_cases_module(tools: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_cases", tools / "score_cases.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{tools / 'score_cases.py'} not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same_claim_shares(cases_path: Path, tools: Path, nlp: Any, settings: Any) -> dict[str, Any]:
    """Two aggregate figures of a cases file, nothing about any one case: the share of expected pairs whose two
    statements land in one claim, and the share of different-thing traps (:data:`DIFFERENT_THINGS`) that do.

    All articles go through one ledger (as ``score_cases.py --batch`` runs ``analyze``); a gold side is the
    statements of its article that ``score_cases.side_matches`` its quote; a pair is in one claim when any
    statement of one side shares a claim with any of the other.
    """
    from analysis.normalize import normalize_article
    from schemas import ArticleIn

    sc = _score_cases_module(tools)
    cases = [json.loads(line) for line in cases_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [normalize_article(ArticleIn.model_validate(sc.article_record(a))) for c in cases for a in c["articles"]]
    cfg = settings.analysis
    statements, ledger = ledger_of(articles, nlp, min_score=cfg.min_score, per_key=cfg.candidates_per_key,
                                   judge_budget=cfg.judge_budget, max_candidates=cfg.max_candidates)  # fmt: skip
    by_article: dict[str, list[Any]] = {}
    for s in statements:
        by_article.setdefault(s.article_id, []).append(s)
    counts = {"expected": [0, 0], "traps": [0, 0]}
    for case in cases:
        texts = sc.case_articles(case)

        def side(g: dict[str, Any], texts: dict[str, Any] = texts) -> set[str]:
            aid = str(g["article"])
            found = (s for s in by_article.get(aid, ()) if sc.side_matches(g["quote"], s.text, texts.get(aid)))
            return {c for s in found if (c := ledger.claim_of(s.id)) is not None}

        pairs = [("expected", g) for g in case.get("expected", [])]
        pairs += [("traps", g) for g in case.get("forbidden", []) if g.get("kind") in DIFFERENT_THINGS]
        for what, g in pairs:
            counts[what][1] += 1
            counts[what][0] += bool(side(g["a"]) & side(g["b"]))
    return {
        "file": cases_path.name,
        "expected_same": counts["expected"][0],
        "expected": counts["expected"][1],
        "traps_same": counts["traps"][0],
        "traps": counts["traps"][1],
        "claims": len(ledger.claims()),
        "statements": len(statements),
    }


def register(app: typer.Typer) -> None:
    @app.command("claims")
    def claims(
        file: str = typer.Argument(..., help="Articles as JSON Lines (one ArticleIn per line), or - for stdin."),
    ) -> None:
        """Group the statements of the articles into claims, offline: who asserts, denies, has not confirmed,
        retracts, relays or corrects the same proposition, across articles, outlets and days.

        Prints one JSON object per claim (two statements or more) on stdout: id (the same statements always
        give the same id), summary (its most central asserting statement), status (uncontested, contested,
        denied, unconfirmed, retracted), first_seen, last_seen, statements (statement_id, article_id, speaker,
        source, url, published_at, stance, text, quantities, dates; in time order) and contradictions (ids of
        the contradictions `contraflow analyze` reports between them). A "could"/"would" claim takes no
        stance and joins no claim. Bad lines are reported on stderr; the exit code is 1 if any line failed.

        Example:  contraflow claims ../shared/data/seed/censor-net-2024-10-21.jsonl
        """
        from analysis import load_nlp
        from streams import gc_tuning

        from ..jsonl import open_input
        from ..settings import load_settings
        from .analyze import read_articles

        cfg = load_settings().analysis
        gc_tuning.tune()
        with open_input(file, "articles") as stream:
            articles, errors = read_articles(stream, cfg.max_text_chars)
        for msg in errors:
            typer.echo(msg, err=True)
        found = []
        t0 = time.perf_counter()
        statements: list[Any] = []
        if articles:
            statements, ledger = ledger_of(
                articles, load_nlp(cfg.spacy_model), min_score=cfg.min_score, per_key=cfg.candidates_per_key,
                judge_budget=cfg.judge_budget, max_candidates=cfg.max_candidates,
            )  # fmt: skip
            found = ledger.claims()
        for c in found:
            sys.stdout.write(json.dumps(claim_json(c), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        typer.echo(
            f"claims articles={len(articles)} statements={len(statements)} claims={len(found)} "
            f"failed_lines={len(errors)} elapsed_s={time.perf_counter() - t0:.2f}",
            err=True,
        )
        if errors:
            raise typer.Exit(1)
