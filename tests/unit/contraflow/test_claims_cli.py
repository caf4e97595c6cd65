"""`contraflow claims`: claims of a file as JSON Lines, bad lines named on stderr, honest exit codes (#20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contraflow.cli import app

SEED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"


def test_claims_cli_on_seed():
    if not SEED.exists():
        pytest.skip(f"shared seed article not found at {SEED}")
    result = CliRunner().invoke(app, ["claims", str(SEED)])
    assert result.exit_code == 0, result.output[-500:]
    claims = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert claims and all(set(c) >= {"id", "summary", "status", "first_seen", "last_seen", "statements",
                                       "contradictions"} for c in claims)  # fmt: skip
    first = claims[0]["statements"][0]
    assert set(first) >= {"statement_id", "article_id", "speaker", "source", "published_at", "stance", "text"}


def test_claims_cli_bad_line_named_and_exit_1():
    result = CliRunner().invoke(app, ["claims", "-"], input="not json\n")
    assert result.exit_code == 1 and "line 1" in result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith("{")]
