"""``contraflow judge PAIRS.jsonl|-``: sentence pairs in, contradiction verdicts out (JSON Lines)."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any, BinaryIO, TextIO

import typer

from ..jsonl import read_json_objects

__all__ = ["MAX_PAIR_TEXT_CHARS", "judge_lines", "read_pairs", "register"]

# A premise or hypothesis longer than this is refused: the judge compares sentences and paragraphs, and the
# pairwise signals grow with the product of the two lengths.
MAX_PAIR_TEXT_CHARS = 20_000

log = logging.getLogger(__name__)


def read_pairs(stream: BinaryIO, max_text_chars: int) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Valid ``(id, premise, hypothesis)`` triples, and one error message per bad line (naming the line)."""
    pairs: list[tuple[str, str, str]] = []
    errors: list[str] = []
    for lineno, data in read_json_objects(stream, "with id, premise, hypothesis"):
        if isinstance(data, str):
            errors.append(data)
            continue
        pair_id = data.get("id")
        if isinstance(pair_id, bool) or not isinstance(pair_id, str | int) or str(pair_id).strip() == "":
            errors.append(f"line {lineno}: missing or invalid 'id' (a string or integer); skipped")
            continue
        bad = None
        for key in ("premise", "hypothesis"):
            text = data.get(key)
            if not isinstance(text, str):
                bad = f"missing or non-string '{key}'"
            elif not text.strip():
                bad = f"empty '{key}'"
            elif len(text) > max_text_chars:
                bad = f"'{key}' is {len(text)} characters, over the limit of {max_text_chars}"
            if bad:
                break
        if bad:
            errors.append(f"line {lineno} (id {pair_id}): {bad}; skipped")
            continue
        pairs.append((str(pair_id), data["premise"], data["hypothesis"]))
    return pairs, errors


def judge_lines(
    stream: BinaryIO, out: TextIO, *, min_score: float, model: str, max_text_chars: int, batch_size: int = 256
) -> tuple[int, int, list[str]]:
    """Judge every valid pair of ``stream`` and write one verdict per line; returns (pairs, positives, errors)."""
    pairs, errors = read_pairs(stream, max_text_chars)
    for msg in errors:
        typer.echo(msg, err=True)
    if not pairs:
        return 0, 0, errors
    from analysis.pairs import judge_pairs, load_pair_nlp

    nlp = load_pair_nlp(model)
    t0 = time.perf_counter()
    verdicts = judge_pairs([(p, h) for _, p, h in pairs], nlp, batch_size=batch_size)
    positives = 0
    for (pair_id, _, _), v in zip(pairs, verdicts, strict=True):
        hit = v.contradiction and v.score >= min_score
        positives += hit
        record: dict[str, Any] = {
            "id": pair_id,
            "contradiction": hit,
            "score": v.score,
            "kind": v.kind if hit else None,
            "explanation": v.explanation if hit else None,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - t0
    typer.echo(
        f"judged pairs={len(pairs)} contradictions={positives} failed_lines={len(errors)} "
        f"elapsed_s={elapsed:.2f} pairs_per_s={len(pairs) / elapsed if elapsed > 0 else 0:.0f}",
        err=True,
    )
    return len(pairs), positives, errors


def register(app: typer.Typer) -> None:
    @app.command("judge")
    def judge(
        file: str = typer.Argument(..., help='Pairs as JSON Lines {"id","premise","hypothesis"}, or - for stdin.'),
        min_score: float = typer.Option(
            None, "--min-score", min=0.0, max=1.0,
            help="Lowest score called a contradiction (default 0.5) [env: CONTRAFLOW_ANALYSIS__MIN_SCORE].",
        ),
        max_chars: int = typer.Option(
            MAX_PAIR_TEXT_CHARS, "--max-chars", min=1, help="Longest premise or hypothesis accepted, in characters.",
        ),
    ) -> None:  # fmt: skip
        """Judge whether each hypothesis contradicts its premise.

        Prints one JSON object per pair on stdout: id, contradiction (bool), score (0..1, calibrated
        so that 0.5 is the judge's decision point), kind (denial, negation, antonym, quantity,
        date_time, retraction, unconfirmed, or null) and an explanation naming the signal that fired.
        Bad lines are reported on stderr with their line number; the exit code is 1 if any line failed.

        Example:  contraflow judge ../shared/data/pairs/sick-train-trial.jsonl > sick.out.jsonl
        """
        from ..jsonl import open_input
        from ..settings import load_settings

        cfg = load_settings().analysis
        threshold = cfg.min_score if min_score is None else min_score
        with open_input(file, "pairs") as stream:
            _, _, errors = judge_lines(
                stream, sys.stdout, min_score=threshold, model=cfg.spacy_model, max_text_chars=max_chars
            )
        sys.stdout.flush()
        if errors:
            raise typer.Exit(1)
