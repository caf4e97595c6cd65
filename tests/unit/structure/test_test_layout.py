"""The test tree mirrors the packages without shadowing them (tests/conftest.py says how)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("schemas", "analysis", "streams", "indexers", "contraflow")


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_has_its_unit_test_folder_inside_the_unit_package(name):
    folder = ROOT / "tests" / "unit" / name
    assert folder.is_dir(), f"tests/unit/{name}/ mirrors the package {name}"
    # Without it pytest would put tests/unit/ on sys.path and import this folder as the package itself.
    assert (folder / "__init__.py").is_file()
    assert (ROOT / "tests" / "unit" / "__init__.py").is_file()


@pytest.mark.parametrize("name", PACKAGES)
def test_imports_of_a_package_reach_the_package_not_its_test_folder(name):
    module = importlib.import_module(name)
    assert module.__file__ is not None
    assert "tests" not in Path(module.__file__).resolve().relative_to(ROOT).parts


def test_no_test_file_lies_loose_in_tests_unit():
    loose = sorted(p.name for p in (ROOT / "tests" / "unit").glob("test_*.py"))
    assert loose == [], "put each test under tests/unit/<package>/ (or structure/ for the whole project)"
