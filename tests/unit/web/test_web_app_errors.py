"""contraflow.web app: when Elasticsearch does not answer, every route says so and what to do."""

from __future__ import annotations

import socket

from aiohttp.test_utils import TestClient, TestServer

from contraflow.settings import ElasticsearchSettings
from contraflow.web import create_app


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_unreachable_elasticsearch_is_explained() -> None:
    cfg = ElasticsearchSettings(url=f"http://127.0.0.1:{_closed_port()}", request_timeout_s=2)
    async with TestClient(TestServer(create_app(cfg))) as client:
        page = await client.get("/", params={"q": "Kovalenko"})
        assert page.status == 503
        html = await page.text()
        assert cfg.url in html and "contraflow stack status" in html
        assert 'value="Kovalenko"' in html  # the form keeps what was typed

        api = await client.get("/api/contradictions", params={"q": "Kovalenko"})
        assert api.status == 503 and "does not answer" in (await api.json())["error"]

        health = await client.get("/healthz")
        assert health.status == 503 and (await health.json())["status"] == "unavailable"
