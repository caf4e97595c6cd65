"""The pinned versions of the local stack, read from ``deploy/local/versions.json`` (the one place they live)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import StackError

__all__ = ["DEPLOY_DIR", "StackVersions", "load_versions"]

# The checkout's deploy/local folder: contraflow is installed editable from the repository.
DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy" / "local"


@dataclass(frozen=True)
class StackVersions:
    """Versions of the services the local stack runs."""

    kafka: str
    scala: str
    elasticsearch: str


@lru_cache(maxsize=1)
def load_versions(path: Path | None = None) -> StackVersions:
    """Read the pinned versions; raise :class:`StackError` when the file is missing or incomplete."""
    path = path or DEPLOY_DIR / "versions.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return StackVersions(kafka=data["kafka"], scala=data["scala"], elasticsearch=data["elasticsearch"])
    except (OSError, ValueError, KeyError) as exc:
        raise StackError(f"cannot read stack versions from {path}: {exc}; is this a contraflow checkout?") from exc
