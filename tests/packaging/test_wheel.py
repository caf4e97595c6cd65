"""The wheel works on its own: built from the checkout, installed with its dependencies into a fresh virtual
environment outside the checkout, and run from a folder that is not the checkout.

Catches what an editable install hides: a module or data file left out of the wheel, a path found through
``Path(__file__).parents[...]`` that exists only in a source checkout, a dependency imported but not declared.
pip resolves the dependencies from the configured index (its cache makes a rerun take well under a minute).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"


def _run(args: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def _check(result: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    assert result.returncode == 0, (
        f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    )
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(bin folder of a fresh venv holding only the wheel and what it requires, a folder outside the checkout,
    a clean environment)."""
    base = tmp_path_factory.mktemp("wheel")
    # No CONTRAFLOW_* settings, no PYTHONPATH or active venv that could lend the checkout's packages.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CONTRAFLOW_") and k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    }
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    dist = base / "dist"
    _check(
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)], cwd=base, env=env),
        "pip wheel",
    )
    wheels = list(dist.glob("contraflow-*.whl"))
    assert len(wheels) == 1, wheels
    venv = base / "venv"
    _check(_run([sys.executable, "-m", "venv", str(venv)], cwd=base, env=env), "python -m venv")
    bin_dir = venv / "bin"
    _check(
        _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheels[0])], cwd=base, env=env), "pip install"
    )
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return bin_dir, elsewhere, env


def test_the_installed_packages_are_the_wheels_not_the_checkout(installed):
    bin_dir, elsewhere, env = installed
    code = (
        "import importlib, json\n"
        "mods = ['contraflow', 'schemas', 'analysis', 'streams', 'indexers']\n"
        "print(json.dumps({m: importlib.import_module(m).__file__ for m in mods}))\n"
    )
    files = json.loads(_check(_run([str(bin_dir / "python"), "-c", code], cwd=elsewhere, env=env), "import").stdout)
    for name, path in files.items():
        assert "site-packages" in path and not Path(path).is_relative_to(ROOT), (name, path)


def test_help(installed):
    bin_dir, elsewhere, env = installed
    result = _check(_run([str(bin_dir / "contraflow"), "--help"], cwd=elsewhere, env=env, timeout=120), "--help")
    for command in ("analyze", "stack", "worker", "kibana"):
        assert command in result.stdout


def test_analyze_a_file(installed):
    bin_dir, elsewhere, env = installed
    if not SEED.is_file():
        pytest.skip(f"no seed article at {SEED}")
    article = elsewhere / "seed.jsonl"
    shutil.copyfile(SEED, article)
    result = _check(_run([str(bin_dir / "contraflow"), "analyze", str(article)], cwd=elsewhere, env=env), "analyze")
    found = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert found, result.stderr[-3000:]
    assert all({"kind", "score", "explanation"} <= set(c) for c in found)


def test_stack_status_reads_the_shipped_versions(installed):
    """No stack runs from this folder: status says so (exit 1), with the versions from the package's assets."""
    bin_dir, elsewhere, env = installed
    versions = json.loads((ROOT / "contraflow" / "assets" / "stack" / "versions.json").read_text())
    result = _run([str(bin_dir / "contraflow"), "stack", "status"], cwd=elsewhere, env=env, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert f"stack home: {elsewhere.resolve() / '.stack'}" in result.stdout
    assert versions["kafka"] in result.stdout and versions["elasticsearch"] in result.stdout


def test_the_kibana_objects_ship_in_the_package(installed):
    bin_dir, elsewhere, env = installed
    code = "from contraflow.commands.kibana import load_objects; print(len(load_objects()))"
    result = _check(_run([str(bin_dir / "python"), "-c", code], cwd=elsewhere, env=env), "load_objects")
    shipped = (ROOT / "contraflow" / "assets" / "kibana" / "contraflow.ndjson").read_text().splitlines()
    assert int(result.stdout) == len([line for line in shipped if line.strip()])
