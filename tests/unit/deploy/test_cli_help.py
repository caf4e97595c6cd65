"""Friendliness: `contraflow --help` and every subcommand's help explain themselves with an example."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from contraflow.cli import app


def _leaf_commands() -> list[list[str]]:
    root = typer.main.get_command(app)
    out = []

    def walk(command, path: list[str]) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            out.append(path)

    walk(root, [])
    return out


COMMANDS = _leaf_commands()


def test_root_help_lists_commands_and_a_quick_start() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Quick start" in result.output and "CONTRAFLOW_" in result.output
    for expected in ("web", "kibana"):
        assert expected in result.output


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_subcommand_help_has_an_example(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # help is re-wrapped to the terminal width
    assert "Example" in text, f"`contraflow {' '.join(path)} --help` shows no example"
    assert f"contraflow {' '.join(path)}" in text.split("Example", 1)[1], "the example does not run it"
