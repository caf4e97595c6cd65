"""Fixtures for the deploy checks."""

from __future__ import annotations

import pytest
from deploy_helpers import require_tool


@pytest.fixture(scope="session")
def promtool() -> str:
    return require_tool("promtool", "prometheus")
