"""Fixtures for the web page's end-to-end test: the real stack and a headless Chromium.

The stack is the one `contraflow stack up` runs (or CONTRAFLOW_KAFKA__BOOTSTRAP / CONTRAFLOW_ES__URL).
When it does not answer the tests skip with the reason, except under CI=true where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import urllib.request

import pytest
from web_e2e_helpers import unavailable


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
def stack_urls() -> dict[str, str]:
    """Kafka bootstrap and Elasticsearch URL of the running stack (skip, or fail under CI, when either is down)."""
    es = os.environ.get("CONTRAFLOW_ES__URL", "http://localhost:9200").rstrip("/")
    kafka = os.environ.get("CONTRAFLOW_KAFKA__BOOTSTRAP", "localhost:9092")
    try:
        with urllib.request.urlopen(f"{es}/_cluster/health?wait_for_status=yellow&timeout=10s", timeout=15) as r:
            status = json.load(r)["status"]
    except OSError as exc:
        unavailable(f"Elasticsearch at {es} does not answer ({exc}); run `contraflow stack up`")
    if status not in ("yellow", "green"):
        unavailable(f"Elasticsearch at {es} is {status}")
    host, _, port = kafka.split(",")[0].rpartition(":")
    try:
        socket.create_connection((host or "localhost", int(port)), timeout=5).close()
    except OSError as exc:
        unavailable(f"Kafka at {kafka} does not answer ({exc}); run `contraflow stack up`")
    return {"es": es, "kafka": kafka}
