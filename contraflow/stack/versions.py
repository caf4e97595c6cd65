"""The pinned versions of the local stack, read from ``contraflow/assets/stack/versions.json`` (the one place they
live; shipped as package data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..assets import asset
from ..errors import StackError

__all__ = ["StackVersions", "load_versions"]


@dataclass(frozen=True)
class StackVersions:
    """Versions of the services the local stack runs."""

    kafka: str
    scala: str
    elasticsearch: str


@lru_cache(maxsize=1)
def load_versions(path: Path | None = None) -> StackVersions:
    """Read the pinned versions; raise :class:`StackError` when the file is missing or incomplete."""
    source = path or asset("stack", "versions.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        return StackVersions(kafka=data["kafka"], scala=data["scala"], elasticsearch=data["elasticsearch"])
    except (OSError, ValueError, KeyError) as exc:
        raise StackError(f"cannot read stack versions from {source}: {exc}; is contraflow installed whole?") from exc
