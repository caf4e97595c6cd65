"""Files contraflow reads at run time, shipped inside the package (package data), read with ``importlib.resources``
so that an installed wheel finds them as a source checkout does:

    stack/versions.json           the pinned versions of the local stack (the one place they live)
    stack/kafka-pom.xml           what ``contraflow stack up`` asks Maven for: the Kafka broker's jars
    stack/elasticsearch-pom.xml   ... and the Elasticsearch integ-test zip
    kibana/contraflow.ndjson      the saved objects ``contraflow kibana import`` loads
                                  (written by ``deploy/kibana/build_objects.py``: edit the script, not the file)

What only Docker or an operator reads (compose files, Prometheus rules, Grafana dashboards) stays in ``deploy/``.
"""

from __future__ import annotations

from functools import reduce
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["asset", "asset_text", "copy_asset"]


def asset(*parts: str) -> Traversable:
    """The shipped file at ``parts`` (``asset("stack", "versions.json")``); it may live inside a zip."""
    return reduce(lambda node, part: node / part, parts, files(__name__))


def asset_text(*parts: str) -> str:
    """The text of a shipped file."""
    return asset(*parts).read_text(encoding="utf-8")


def copy_asset(folder: Path, *parts: str) -> Path:
    """Write a shipped file into ``folder`` (one of ours, writable) for a tool that needs a real path (Maven's
    ``-f``); returns the copy. The installed package may be read-only, and Maven writes beside its pom."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / parts[-1]
    target.write_bytes(asset(*parts).read_bytes())
    return target
