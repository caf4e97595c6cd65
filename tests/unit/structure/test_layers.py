"""The layers hold: ``schemas <- analysis <- (streams | indexers) <- contraflow``, checked by import-linter.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and run in ``make lint``; these tests run
them too, and prove on a throw-away tree that they catch a backwards import (so the config cannot go blind).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")

pytestmark = pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is not installed (pip install -e '.[dev]')")


def _lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_repository_keeps_its_import_contracts():
    result = _lint(ROOT, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _config_toml() -> str:
    """Our ``[tool.importlinter]`` section, as written in pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text()
    start = text.index("\n[tool.importlinter]\n")
    end = text.index("\n[tool.", start + 1)
    section = text[start:end]  # with its [[tool.importlinter.contracts]], up to the next [tool.x] table
    assert tomllib.loads(section)["tool"]["importlinter"] == tomllib.loads(text)["tool"]["importlinter"]
    return section


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for package in ("schemas", "analysis", "streams", "indexers", "contraflow"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    for name, body in files.items():
        (tmp_path / name).write_text(body)
    (tmp_path / "pyproject.toml").write_text(_config_toml())
    return tmp_path


@pytest.mark.parametrize(
    ("path", "body", "contract"),
    [
        ("analysis/nlp.py", "from contraflow.errors import AnalysisError\n", "Layers"),
        ("streams/app.py", "import contraflow.settings\n", "Layers"),
        ("indexers/client.py", "from contraflow import settings\n", "Layers"),
        ("schemas/article.py", "import analysis\n", "Layers"),
        ("streams/sink.py", "import indexers\n", "Layers"),
        ("analysis/io.py", "import elasticsearch\n", "The core"),
        ("streams/es.py", "from elasticsearch import helpers\n", "streams talks to Kafka only"),
        ("indexers/kafka.py", "import aiokafka\n", "indexers talks to Elasticsearch only"),
    ],
)
def test_a_backwards_import_breaks_a_contract(tmp_path, path, body, contract):
    tree = _tree(tmp_path, {path: body})
    result = _lint(tree, tree)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout


def test_an_allowed_import_keeps_the_contracts(tmp_path):
    tree = _tree(
        tmp_path,
        {
            "analysis/errors.py": "from schemas import errors\n",
            "streams/settings.py": "import analysis\n",
            "indexers/errors.py": "from schemas.errors import ContraflowError\n",
            "contraflow/settings.py": "import streams, indexers, analysis\n",
        },
    )
    result = _lint(tree, tree)
    assert result.returncode == 0, result.stdout + result.stderr
