"""deploy/ci/system-deps.sh: idempotent, and harmless without root."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from deploy_helpers import DEPLOY

SCRIPT = DEPLOY / "ci" / "system-deps.sh"


def _run(path: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, timeout=60, env={**os.environ, "PATH": path}
    )


def _bin_with(tmp_path: Path, tools: dict[str, str]) -> str:
    """A PATH of only bash, coreutils-like basics and the given fake tools (name -> shell body)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("bash", "env"):
        (bin_dir / name).symlink_to(shutil.which(name))
    for name, body in tools.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return str(bin_dir)


def test_syntax() -> None:
    assert subprocess.run(["bash", "-n", str(SCRIPT)]).returncode == 0


def test_nothing_to_do_when_every_tool_is_present(tmp_path: Path) -> None:
    tools = {name: "exit 0" for name in ("chromium", "promtool", "docker-compose", "java", "mvn", "kcat")}
    tools["apt-get"] = "echo apt-get must not run >&2; exit 3"
    result = _run(_bin_with(tmp_path, tools), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "all present" in result.stdout


def test_without_root_it_reports_and_installs_nothing(tmp_path: Path) -> None:
    tools = {"id": "echo 1000", "apt-get": "echo apt-get must not run >&2; exit 3", "promtool": "exit 0"}
    result = _run(_bin_with(tmp_path, tools), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "missing" in result.stderr and "chromium" in result.stderr and "prometheus" not in result.stderr
    assert "apt-get must not run" not in result.stderr


def test_stack_mode_needs_only_java_and_maven(tmp_path: Path) -> None:
    tools = {"id": "echo 1000", "apt-get": "echo apt-get must not run >&2; exit 3", "java": "exit 0"}
    result = subprocess.run(
        ["bash", str(SCRIPT), "stack"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PATH": _bin_with(tmp_path, tools)},
    )
    assert result.returncode == 0, result.stderr
    assert "maven" in result.stderr and "chromium" not in result.stderr
