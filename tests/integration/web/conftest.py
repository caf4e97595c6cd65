"""Fixtures for the web page's end-to-end test: the real stack and a headless Chromium.

The stack comes from the shared session fixture in tests/conftest.py (the one `contraflow stack up` runs,
or CONTRAFLOW_KAFKA__BOOTSTRAP / CONTRAFLOW_ES__URL). A missing chromium skips these tests with the reason,
except as root or under CI=true, where it fails (run deploy/ci/system-deps.sh).
"""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    message = "chromium not found: install Debian package 'chromium' (run: bash deploy/ci/system-deps.sh as root)"
    if os.environ.get("CI", "").lower() == "true" or os.geteuid() == 0:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def stack_urls(stack) -> dict[str, str]:
    """Kafka bootstrap and Elasticsearch URL of the shared test stack (tests/conftest.py `stack`)."""
    return {"es": stack.es_url, "kafka": stack.kafka_bootstrap}
