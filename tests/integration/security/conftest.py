"""The secured local stack (``contraflow stack up --secure``) for the security tests: one per session.

It is a second Kafka + Elasticsearch beside the plain test stack, in ``<plain stack home>/secure-tests`` on free
ports (or ``CONTRAFLOW_TEST_SECURE_PORTS=kafka,controller,es``), reusing the plain stack's Elasticsearch download.
A secured stack already running there is reused and left running; one started here is stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from contraflow.settings import StackSettings
from contraflow.stack import LocalStack

# Read at import: every test starts with no CONTRAFLOW_* variables (tests/conftest.py).
_PLAIN_HOME = os.environ.get("CONTRAFLOW_STACK__HOME")
_PORTS = os.environ.get("CONTRAFLOW_TEST_SECURE_PORTS")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def read_env(path: Path) -> dict[str, str]:
    """The ``KEY=value`` lines of a ``secure.env`` file."""
    out = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            out[key] = value
    return out


@dataclass
class SecureStack:
    local: LocalStack
    worker_env: dict[str, str]  # secure.env: Kafka user contraflow, ES user contraflow-worker
    reader_env: dict[str, str]  # secure-readonly.env: ES user contraflow-reader

    @property
    def secrets(self) -> list[str]:
        """Every password of this stack (none may appear in a log line, an error or /metrics)."""
        return [v for k, v in self.local.material.credentials().items() if k.endswith("password")]


@pytest.fixture(scope="session")
def secure_stack() -> Iterator[SecureStack]:
    # Beside the plain test stack (its home holds the Elasticsearch download).
    plain = LocalStack(StackSettings(**({"home": Path(_PLAIN_HOME)} if _PLAIN_HOME else {})))
    home = plain.home / "secure-tests"
    zip_name = f"elasticsearch-{plain.versions.elasticsearch}.zip"
    cached, wanted = plain.home / "downloads" / zip_name, home / "downloads" / zip_name
    if cached.exists() and not wanted.exists():  # a link, not a second 100 MB download
        wanted.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(cached, wanted)
        except OSError:  # another file system
            shutil.copyfile(cached, wanted)
    ports_file = home / "run" / "test-ports"
    if _PORTS:
        ports = [int(p) for p in _PORTS.split(",")]
    elif ports_file.exists():  # a secured stack left running by an earlier session keeps its ports
        ports = [int(p) for p in ports_file.read_text().split(",")]
    else:
        ports = [_free_port(), _free_port(), _free_port()]
    cfg = StackSettings(home=home, kafka_port=ports[0], kafka_controller_port=ports[1], es_port=ports[2])
    local = LocalStack(cfg)
    was_healthy = local.secure and local.status().healthy
    if not was_healthy:
        local.up(secure=True, timeout_s=300)
        ports_file.write_text(",".join(map(str, ports)))
    try:
        yield SecureStack(local, read_env(local.secure_env), read_env(local.secure_readonly_env))
    finally:
        if not was_healthy:
            local.down()
            ports_file.unlink(missing_ok=True)
