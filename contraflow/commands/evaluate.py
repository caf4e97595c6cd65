"""``contraflow evaluate``: score the engine on the shared data and write docs/quality.md.

Five parts, each allowed to fail on its own (the table then says why):

1. ``judge`` on every ``pairs/*.jsonl`` file, scored by ``tools/score_pairs.py`` (contradiction-class
   P/R/F1, plus accuracy for two-way sets), with the cross-validated numbers stored with the weights;
2. ``tools/score_cases.py news-cases-dev.jsonl --batch`` on ``contraflow analyze``;
3. ``analyze`` on ``seed/*.jsonl`` and ``news/*.jsonl``: counts by kind and a few examples;
4. ``contraflow claims`` on the case files: expected pairs and different-thing traps in one claim;
5. recall stage by stage on the files whose labels may be read (``analysis.kinds.stages``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

__all__ = ["NOTES_MARKER", "PairResult", "evaluate_pairs", "kept_notes", "register", "render_markdown"]

# Everything below this line in the report is hand-written and kept when the report is regenerated.
NOTES_MARKER = "<!-- notes below are kept by contraflow evaluate -->"

log = logging.getLogger(__name__)


@dataclass
class PairResult:
    """One pair file's score (``error`` set when it could not be produced)."""

    name: str
    pairs: int = 0
    summary: str = ""
    p: float = 0.0
    r: float = 0.0
    f1: float = 0.0
    accuracy: float = 0.0
    two_way: bool = False
    seconds: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)
    error: str = ""


def _contraflow_cmd() -> str:
    """This installation's ``contraflow`` script (next to the running interpreter), else the one on PATH."""
    here = Path(sys.executable).with_name("contraflow")
    return str(here) if here.exists() else (shutil.which("contraflow") or "contraflow")


def _parse_summary(line: str) -> dict[str, float]:
    out = {}
    for part in line.split():
        key, _, value = part.partition("=")
        try:
            out[key] = float(value)
        except ValueError:
            continue
    return out


def evaluate_pairs(data: Path, tools: Path, workdir: Path) -> list[PairResult]:
    """Judge every pair file under ``data/pairs`` and score it with ``score_pairs.py``."""
    from analysis.pairs import judge_pairs, load_pair_nlp

    results = []
    files = sorted((data / "pairs").glob("*.jsonl"))
    if not files:
        return [PairResult(name=str(data / "pairs"), error="no pair files found")]
    nlp = load_pair_nlp()
    for path in files:
        res = PairResult(name=path.name)
        try:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            res.pairs = len(rows)
            res.two_way = any(r.get("label") == "not_contradiction" for r in rows)
            t0 = time.perf_counter()
            verdicts = judge_pairs([(r["premise"], r["hypothesis"]) for r in rows], nlp)
            res.seconds = time.perf_counter() - t0
            pred = workdir / f"{path.stem}.judge.jsonl"
            with pred.open("w", encoding="utf-8") as fh:
                for r, v in zip(rows, verdicts, strict=True):
                    fh.write(json.dumps({"id": r["id"], "contradiction": v.contradiction, "score": v.score,
                                         "kind": v.kind}) + "\n")  # fmt: skip
            res.kinds = dict(Counter(v.kind for v in verdicts if v.contradiction and v.kind is not None))
            correct = sum(
                (r["label"] == "contradiction") == v.contradiction for r, v in zip(rows, verdicts, strict=True)
            )
            res.accuracy = correct / len(rows) if rows else 0.0
            proc = subprocess.run(
                [sys.executable, str(tools / "score_pairs.py"), str(path), str(pred)],
                capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            lines = proc.stdout.strip().splitlines()
            if not lines:
                raise RuntimeError(
                    f"score_pairs.py printed nothing (rc={proc.returncode}): {proc.stderr.strip()[-200:]}"
                )
            res.summary = lines[-1]
            got = _parse_summary(res.summary)
            res.p, res.r, res.f1 = got.get("P", 0.0), got.get("R", 0.0), got.get("F1", 0.0)
        except Exception as exc:  # one broken file must not stop the report
            res.error = f"{type(exc).__name__}: {exc}"
        log.info("pairs_scored file=%s pairs=%d f1=%.3f elapsed_s=%.1f", res.name, res.pairs, res.f1, res.seconds)
        results.append(res)
    return results


# The case files scored, in the order of the report. Validate is scored, never read: only its summary line and
# its recall by kind are kept.
CASE_FILES = ("news-cases-train.jsonl", "news-cases-real-train.jsonl", "news-cases-validate.jsonl",
              "news-cases-dev.jsonl")  # fmt: skip


def _run_cases(data: Path, tools: Path, timeout: int, name: str = "news-cases-dev.jsonl") -> dict[str, Any]:
    cases = data / name
    if not cases.exists():
        return {"error": f"{cases} not found"}
    env = dict(os.environ, CONTRAFLOW_CMD=_contraflow_cmd())
    cmd = [sys.executable, str(tools / "score_cases.py"), str(cases), "--batch"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"score_cases.py timed out after {timeout}s"}
    lines = proc.stdout.strip().splitlines()
    if not lines:
        return {"error": f"score_cases.py printed nothing (rc={proc.returncode}): {proc.stderr.strip()[-300:]}"}
    by_kind = [ln.strip() for ln in proc.stderr.splitlines() if "recall" in ln.lower() and "kind" in ln.lower()]
    tail = [] if "validate" in name else proc.stderr.strip().splitlines()[-12:]
    return {"summary": lines[-1], "rc": proc.returncode, "stderr_tail": tail, "by_kind": by_kind, "file": name}


def _top_examples(found: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Highest-scoring detections, one per distinct pair of sentences, a mix of kinds first."""
    seen: set[tuple[Any, Any]] = set()
    picked: list[dict[str, Any]] = []
    ranked = sorted(found, key=lambda c: -float(c.get("score") or 0))
    for pass_kinds in (True, False):
        for c in ranked:
            key = (c.get("a", {}).get("text"), c.get("b", {}).get("text"))
            kinds = {p.get("kind") for p in picked}
            if key in seen or (pass_kinds and c.get("kind") in kinds):
                continue
            seen.add(key)
            picked.append(c)
            if len(picked) == n:
                return picked
    return picked


def _run_analyze(path: Path, timeout: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([_contraflow_cmd(), "analyze", str(path)], capture_output=True, text=True,
                              timeout=timeout, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"file": path.name, "error": f"analyze timed out after {timeout}s"}
    found = []
    for line in proc.stdout.splitlines():
        try:
            found.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    summary = next((ln for ln in reversed(proc.stderr.splitlines()) if "articles_per_s" in ln), "")
    out: dict[str, Any] = {
        "file": path.name,
        "rc": proc.returncode,
        "seconds": time.perf_counter() - t0,
        "count": len(found),
        "kinds": dict(Counter(str(c.get("kind")) for c in found)),
        "summary": summary.strip(),
        "examples": _top_examples(found, 4),
    }
    if proc.returncode not in (0, 1) or (not found and proc.returncode != 0):
        out["error"] = f"analyze exited {proc.returncode}: {proc.stderr.strip()[-300:]}"
    return out


def _side_text(side: dict[str, Any]) -> str:
    text = " ".join(str(side.get("text", "")).split())
    if len(text) > 140:
        text = text[:137] + "..."
    return f"{side.get('speaker') or '?'}: \u201c{text}\u201d".replace("|", "\\|")


# The case files whose claims are scored (two aggregate figures each; validate is scored, never read).
CLAIM_CASE_FILES = ("news-cases-train.jsonl", "news-cases-real-train.jsonl", "news-cases-validate.jsonl")


def _run_claims(data: Path, tools: Path) -> list[dict[str, Any]]:
    """``contraflow claims`` on each of :data:`CLAIM_CASE_FILES`: the share of expected pairs in one claim and of
    different-thing traps in one claim (``contraflow.commands.claims.same_claim_shares``), nothing per case."""
    from analysis import load_nlp

    from ..settings import load_settings
    from .claims import same_claim_shares

    settings = load_settings()
    nlp = load_nlp(settings.analysis.spacy_model)
    out: list[dict[str, Any]] = []
    for name in CLAIM_CASE_FILES:
        t0 = time.perf_counter()
        try:
            res = same_claim_shares(data / name, tools, nlp, settings)
        except Exception as exc:  # one broken file must not stop the report
            res = {"file": name, "error": f"{type(exc).__name__}: {exc}"}
        res["seconds"] = time.perf_counter() - t0
        out.append(res)
    return out


def _claims_lines(claims: list[dict[str, Any]]) -> list[str]:
    lines = [
        "",
        "## Claims (`contraflow claims`)",
        "",
        "All the articles of a file through one ledger; a pair is in one claim when a statement matching each",
        "quote (`score_cases.side_matches`) lies in the same claim. Targets (validate): expected pairs >= 80 %,",
        "traps about another entity, event, place or time <= 10 %.",
        "",
        "| file | expected pairs in one claim | different-thing traps in one claim | claims | statements | seconds |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in claims:
        if "error" in r:
            lines.append(f"| {r['file']} | error: {r['error']} | | | | |")
            continue
        e, t = r["expected"], r["traps"]
        lines.append(
            f"| {r['file']} | {r['expected_same']}/{e} ({r['expected_same'] / max(1, e):.0%}) | "
            f"{r['traps_same']}/{t} ({r['traps_same'] / max(1, t):.0%}) | {r['claims']} | {r['statements']} | "
            f"{r['seconds']:.0f} |"
        )
    return lines


# Files whose labels the stage count may read (every expected pair): never the validate file.
STAGE_CASE_FILES = ("news-cases-train.jsonl", "news-cases-real-train.jsonl")


def _run_stages(data: Path) -> list[dict[str, Any]]:
    """``analysis.kinds.stages.recall_stages`` on each of :data:`STAGE_CASE_FILES`."""
    from analysis import load_nlp
    from analysis.kinds.stages import recall_stages
    from analysis.kinds.train import load_cases

    from ..settings import load_settings

    nlp = load_nlp(load_settings().analysis.spacy_model)
    out: list[dict[str, Any]] = []
    for name in STAGE_CASE_FILES:
        try:
            counts = recall_stages(load_cases(str(data / name)), nlp)
            out.append({"file": name, "total": dict(counts.total),
                        "by_kind": {k: dict(v) for k, v in sorted(counts.by_kind.items())}})  # fmt: skip
        except Exception as exc:  # one broken file must not stop the report
            out.append({"file": name, "error": f"{type(exc).__name__}: {exc}"})
    return out


def _stages_lines(stages: list[dict[str, Any]]) -> list[str]:
    from analysis.kinds.stages import STAGES

    lines = [
        "",
        "## Recall stage by stage (`analysis.kinds.stages`)",
        "",
        "Expected pairs still in play after each stage: both quotes extracted as two statements, the two share a",
        "blocking key, the candidate selection lets the pair through (one index over the file in file order, as",
        "`analyze` reads it), the judge reports it (score >= 0.5). Labelled files only, never validate. Per kind:",
        "found / reached / expected.",
        "",
        "| file | " + " | ".join(STAGES) + " | by kind |",
        "| --- | " + " | ".join("---:" for _ in STAGES) + " | --- |",
    ]
    for r in stages:
        if "error" in r:
            lines.append(f"| {r['file']} | error: {r['error']} |" + " |" * len(STAGES))
            continue
        kinds = ", ".join(
            f"{k} {v.get('found', 0)}/{v.get('reached', 0)}/{v.get('expected', 0)}" for k, v in r["by_kind"].items()
        )
        lines.append(f"| {r['file']} | " + " | ".join(str(r["total"].get(s, 0)) for s in STAGES) + f" | {kinds} |")
    return lines


def kept_notes(path: Path) -> str:
    """The hand-written part of an existing report (from :data:`NOTES_MARKER` on), or ''."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    at = text.find(NOTES_MARKER)
    return text[at:] if at >= 0 else ""


def render_markdown(
    command: str,
    pairs: list[PairResult],
    cv: dict[str, Any],
    cases: dict[str, Any] | list[dict[str, Any]] | None,
    analyses: list[dict[str, Any]],
    notes: str = "",
    engine_cv: dict[str, Any] | None = None,
    claims: list[dict[str, Any]] | None = None,
    stages: list[dict[str, Any]] | None = None,
) -> str:
    """The docs/quality.md page; ``notes`` (starting with :data:`NOTES_MARKER`) is appended unchanged."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Quality",
        "",
        f"Generated by `{command}` on {now}. Regenerate it with the same command after changing the engine.",
        "",
        "## Sentence pairs (`contraflow judge`)",
        "",
        "Contradiction class. P/R/F1 are the shipped weights on the whole set, scored with",
        "`python3 ../shared/tools/score_pairs.py GOLD PRED`; the *CV* columns are 5-fold cross-validation of the",
        "combiner (`python -m analysis.pairs.train`), the honest estimate. Accuracy is the target of the two-way set.",
        "",
        "| set | pairs | P | R | F1 | accuracy | CV P | CV R | CV F1 | CV acc | seconds | positives by kind |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for res in pairs:
        if res.error:
            lines.append(f"| {res.name} | {res.pairs} | error: {res.error} | | | | | | | | | |")
            continue
        c = cv.get(Path(res.name).stem, {})
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(res.kinds.items(), key=lambda t: -t[1]))
        lines.append(
            f"| {res.name} | {res.pairs} | {res.p:.3f} | {res.r:.3f} | **{res.f1:.3f}** | {res.accuracy:.3f} | "
            f"{c.get('p', '')} | {c.get('r', '')} | {c.get('f1', '')} | {c.get('acc', '')} | "
            f"{res.seconds:.1f} | {kinds} |"
        )
    lines += ["", "Targets (dev sets): RTE-3 F1 >= 0.40, SICK F1 >= 0.88, negated-RTE2 accuracy >= 0.85.", ""]
    lines += ["## News cases (`contraflow analyze`, `score_cases.py --batch`)", ""]
    if engine_cv:
        lines += [
            f"Grouped {engine_cv.get('folds')}-fold cross-validation of the combiner by case (train + real-train,"
            f" pair level, `contraflow train-engine`): P {engine_cv.get('precision')} R {engine_cv.get('recall')}"
            f" F1 **{engine_cv.get('f1')}** at threshold {engine_cv.get('threshold')} over {engine_cv.get('pairs')}"
            f" candidate pairs ({engine_cv.get('positives')} expected; an expected pair the candidate selection"
            " never reaches counts as missed).",
            "",
        ]
    runs = cases if isinstance(cases, list) else [] if cases is None else [cases]
    if cases is None:
        lines.append("Skipped (`--skip-analyze`).")
    for run in runs:
        lines += [f"### {run.get('file', 'news-cases')}", ""]
        if "error" in run:
            lines += [f"Could not score: {run['error']}", ""]
            continue
        lines += ["```", run["summary"], *run.get("by_kind", []), "```", ""]
        if run.get("stderr_tail"):
            lines += ["Scorer detail (last lines of its stderr):", "", "```", *run["stderr_tail"], "```", ""]
    if stages:
        lines += _stages_lines(stages)
    if claims:
        lines += _claims_lines(claims)
    lines += ["", "## What `analyze` finds", ""]
    if not analyses:
        lines.append("Skipped (`--skip-analyze`).")
    for a in analyses:
        lines.append(f"### {a['file']}")
        lines.append("")
        if a.get("error"):
            lines.append(f"Error: {a['error']}")
            lines.append("")
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(a.get("kinds", {}).items(), key=lambda t: -t[1])) or "none"
        lines.append(f"{a.get('count', 0)} contradictions ({kinds}); {a.get('summary') or ''}")
        lines.append("")
        if a.get("examples"):
            lines += ["| kind | score | a | b |", "| --- | ---: | --- | --- |"]
            for c in a["examples"]:
                lines.append(
                    f"| {c.get('kind')} | {float(c.get('score') or 0):.2f} | "
                    f"{_side_text(c.get('a', {}))} | {_side_text(c.get('b', {}))} |"
                )
            lines.append("")
    text = "\n".join(lines) + "\n"
    return text + ("\n" + notes if notes else "")


def register(app: typer.Typer) -> None:
    @app.command("evaluate")
    def evaluate(
        data: Path = typer.Option(
            Path("../shared/data"), "--data", envvar="CONTRAFLOW_DATA_DIR",
            help="Shared data dir with pairs/, seed/, news/.",
        ),
        tools: Path = typer.Option(
            None, "--tools", help="Dir with score_pairs.py and score_cases.py (default: DATA/../tools)."
        ),
        out: Path = typer.Option(Path("docs/quality.md"), "--out", help="Markdown report to write."),
        skip_analyze: bool = typer.Option(False, "--skip-analyze", help="Only the sentence-pair part."),
        timeout: int = typer.Option(900, "--timeout", help="Seconds allowed per analyze/scorer run."),
    ) -> None:  # fmt: skip
        """Score judge and analyze on the shared data and write the table to docs/quality.md.

        Example:  contraflow evaluate --data ../shared/data --out docs/quality.md
        """
        from analysis.pairs import load_model

        from ..errors import InputError

        if not data.is_dir():
            raise InputError(f"data dir {data} not found; pass --data or set CONTRAFLOW_DATA_DIR")
        tools = tools or data.parent / "tools"
        command = "contraflow evaluate" + (f" --data {data}" if str(data) != "../shared/data" else "")
        command += f" --out {out}" + (" --skip-analyze" if skip_analyze else "")
        with tempfile.TemporaryDirectory(prefix="contraflow-eval-") as tmp:
            pairs = evaluate_pairs(data, tools, Path(tmp))
        cv = load_model().meta.get("cv", {})
        cases: list[dict[str, Any]] | None = None
        analyses: list[dict[str, Any]] = []
        claims: list[dict[str, Any]] = []
        stages: list[dict[str, Any]] = []
        if not skip_analyze:
            cases = [_run_cases(data, tools, timeout, name) for name in CASE_FILES]
            for path in [*sorted((data / "seed").glob("*.jsonl")), *sorted((data / "news").glob("*.jsonl"))]:
                analyses.append(_run_analyze(path, timeout))
            claims = _run_claims(data, tools)
            stages = _run_stages(data)
        out.parent.mkdir(parents=True, exist_ok=True)
        notes = kept_notes(out)
        from analysis.kinds.combiner import engine_cv

        text = render_markdown(
            command, pairs, cv, cases, analyses, notes, engine_cv=engine_cv(), claims=claims, stages=stages
        )
        out.write_text(text, encoding="utf-8")
        for res in pairs:
            typer.echo(f"{res.name}: {res.error or res.summary} acc={res.accuracy:.3f}", err=True)
        for run in cases or []:
            typer.echo(f"{run.get('file')}: {run.get('error') or run.get('summary')}", err=True)
        for r in claims:
            got = (
                r.get("error") or f"expected {r['expected_same']}/{r['expected']} traps {r['traps_same']}/{r['traps']}"
            )
            typer.echo(f"claims {r['file']}: {got}", err=True)
        typer.echo(f"wrote {out}", err=True)
        failed = (
            any(r.error for r in pairs)
            or any("error" in c for c in cases or [])
            or any("error" in a for a in analyses)
            or any("error" in r for r in claims)
            or any("error" in r for r in stages)
        )
        if failed:
            raise typer.Exit(1)
