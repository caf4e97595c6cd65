"""The web page on a real Elasticsearch whose contraflow indices do not exist yet."""

from __future__ import annotations

import uuid

import pytest
from aiohttp.test_utils import TestClient, TestServer

from contraflow.settings import ElasticsearchSettings
from contraflow.web import create_app

pytestmark = pytest.mark.integration


async def test_missing_index_says_to_start_a_worker(stack_urls: dict[str, str]) -> None:
    cfg = ElasticsearchSettings(url=stack_urls["es"], index_prefix=f"cfnone{uuid.uuid4().hex[:8]}")
    async with TestClient(TestServer(create_app(cfg))) as client:
        health = await client.get("/healthz")
        assert health.status == 200 and await health.json() == {"status": "ok"}
        page = await client.get("/", params={"q": "Kovalenko"})
        assert page.status == 404
        html = await page.text()
        assert f"{cfg.index_prefix}-contradictions does not exist yet" in html and "contraflow worker" in html
        api = await client.get("/api/contradictions")
        assert api.status == 404
