"""schemas.lazy: the PEP 562 ``__getattr__`` / ``__dir__`` the layers' packages load their exports with."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A throwaway package ``lazypkg`` exporting ``thing`` (from ``heavy``) and ``alias`` (``heavy.other``)."""
    root = tmp_path / "lazypkg"
    root.mkdir()
    (root / "__init__.py").write_text(
        "from schemas.lazy import lazy_exports\n"
        "__all__ = ['alias', 'thing']\n"
        "__getattr__, __dir__ = lazy_exports(__name__, {'thing': 'heavy', 'alias': 'heavy:other'})\n"
    )
    (root / "heavy.py").write_text("def thing():\n    return 1\n\n\ndef other():\n    return 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield __import__("lazypkg")
    for name in [n for n in sys.modules if n == "lazypkg" or n.startswith("lazypkg.")]:
        del sys.modules[name]


def test_an_export_is_loaded_on_first_use_and_kept(package) -> None:
    assert "lazypkg.heavy" not in sys.modules
    assert {"thing", "alias"} <= set(dir(package))
    assert package.thing() == 1 and "lazypkg.heavy" in sys.modules
    assert vars(package)["thing"] is sys.modules["lazypkg.heavy"].thing
    from lazypkg import alias

    assert alias is sys.modules["lazypkg.heavy"].other


def test_an_unknown_name_is_an_attribute_error(package) -> None:
    with pytest.raises(AttributeError, match="module 'lazypkg' has no attribute 'nothing'"):
        package.nothing  # noqa: B018
    assert not hasattr(package, "heavy_thing")


@pytest.mark.parametrize("name", ["analysis", "streams", "indexers"])
def test_the_layers_list_their_exports_before_loading_them(name: str) -> None:
    import importlib

    module = importlib.import_module(name)
    assert set(module.__all__) <= set(dir(module))
