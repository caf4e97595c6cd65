"""Helpers for the web page's end-to-end test (imported by name; conftest modules are not importable reliably)."""

from __future__ import annotations

import os
import socket

import pytest

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def unavailable(message: str) -> None:
    """Skip with ``message``; under CI=true fail instead (CI must run these tests)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
