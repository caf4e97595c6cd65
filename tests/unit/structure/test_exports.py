"""Each package's ``__all__`` names exactly what it defines for users (like httpx's test_exported_members)."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = [
    "schemas",
    "schemas.errors",
    "analysis",
    "analysis.errors",
    "analysis.settings",
    "streams",
    "streams.settings",
    "streams.gc_tuning",
    "indexers",
    "indexers.errors",
    "indexers.settings",
    "contraflow",
    "contraflow.settings",
    "contraflow.errors",
    "contraflow.stack",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_names_exist_and_are_unique(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert len(exported) == len(set(exported)), f"{name}.__all__ has duplicates"
    missing = [item for item in exported if not hasattr(module, item)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"


@pytest.mark.parametrize("name", PACKAGES)
def test_public_names_defined_here_are_exported(name):
    module = importlib.import_module(name)
    # Classes and functions defined in the module itself (re-exports from submodules are a choice).
    public = {
        item
        for item, value in vars(module).items()
        if not item.startswith("_") and getattr(value, "__module__", None) == module.__name__
    }
    unlisted = sorted(public - set(module.__all__))
    assert not unlisted, f"{name} defines public names missing from __all__: {unlisted}"


def test_stack_api_other_engineers_use():
    from contraflow.stack import LocalStack

    for attr in ("up", "down", "status", "start_service", "stop_service", "kafka_bootstrap", "es_url"):
        assert hasattr(LocalStack, attr), attr
