"""contraflow.web app: when Elasticsearch does not answer, every route says so, generically.

The client learns what it can do and a reference; the URL and the exception are only in the server's log.
"""

from __future__ import annotations

import logging
import re
import socket

from aiohttp.test_utils import TestClient, TestServer

from contraflow.settings import ElasticsearchSettings
from contraflow.web import create_app


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_unreachable_elasticsearch_is_explained_without_details(caplog) -> None:
    port = _closed_port()
    cfg = ElasticsearchSettings(url=f"http://127.0.0.1:{port}", request_timeout_s=2)
    caplog.set_level(logging.INFO, logger="contraflow.web")
    async with TestClient(TestServer(create_app(cfg))) as client:
        page = await client.get("/", params={"q": "Kovalenko"})
        assert page.status == 503
        html = await page.text()
        assert "unavailable" in html and "try again later" in html
        assert 'value="Kovalenko"' in html  # the form keeps what was typed

        api = await client.get("/api/contradictions", params={"q": "Kovalenko"})
        assert api.status == 503
        error = (await api.json())["error"]
        ref = re.search(r"reference ([0-9a-f]{8})", error)
        assert ref, error

        health = await client.get("/healthz")
        assert health.status == 503 and await health.json() == {"status": "unavailable"}

    for shown in (html, error):
        assert str(port) not in shown and "127.0.0.1" not in shown and "Connection" not in shown
    # The operator finds the cause under the reference the client was given.
    logged = [r.getMessage() for r in caplog.records if ref.group(1) in r.getMessage()]
    assert logged and "ConnectionError" in logged[0], [r.getMessage() for r in caplog.records]
