"""The claims JSON API (GET /api/claims, /api/claims/<id>, /api/claims/of) on a real Elasticsearch, over the claims
of tests/integration/web/claim_docs.py indexed through the real templates: the documents the pages show, as JSON,
behind the same authentication."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from claim_docs import claims, drop_all, index_all, seed_statement_ids
from pydantic import SecretStr

from contraflow.settings import ElasticsearchSettings, WebSettings
from contraflow.web import create_app
from indexers import make_client

pytestmark = pytest.mark.integration

TOKEN = "tok-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def es_cfg(stack_urls: dict[str, str]) -> Iterator[ElasticsearchSettings]:
    prefix = f"cfapi{uuid.uuid4().hex[:8]}"
    cfg = ElasticsearchSettings(url=stack_urls["es"], index_prefix=prefix, request_timeout_s=10)
    client = make_client(cfg)
    try:
        index_all(client, prefix)
        yield cfg
    finally:
        drop_all(client, prefix)
        client.close()


def _expected(claim_id: str) -> dict:
    (claim,) = [c for c in claims() if c.id == claim_id]
    return claim.model_dump(mode="json")


def _same_claim(got: dict, want: dict) -> None:
    # the document is the claim as indexed: every field of the schema, plus what the indexer adds (indexed_at, ...)
    for field in ("id", "summary", "status", "contradictions"):
        assert got[field] == want[field], field
    assert [s["statement_id"] for s in got["statements"]] == [s["statement_id"] for s in want["statements"]]
    assert [s["stance"] for s in got["statements"]] == [s["stance"] for s in want["statements"]]


async def test_one_claim_as_json(es_cfg: ElasticsearchSettings) -> None:
    async with TestClient(TestServer(create_app(es_cfg))) as client:
        resp = await client.get("/api/claims/claim-dprk-troops")
        assert resp.status == 200 and resp.content_type == "application/json"
        _same_claim(await resp.json(), _expected("claim-dprk-troops"))

        resp = await client.get("/api/claims/no-such-claim")
        assert resp.status == 404 and (await resp.json()) == {"error": "No such claim."}


async def test_claims_search_as_json(es_cfg: ElasticsearchSettings) -> None:
    async with TestClient(TestServer(create_app(es_cfg))) as client:
        resp = await client.get("/api/claims", params={"q": "alleged preparation"})  # words of the denial only
        body = await resp.json()
        assert resp.status == 200 and body["page"] == 1 and body["page_size"] == 20
        assert body["total"] >= 1 and body["hits"][0]["id"] == "claim-dprk-troops"
        _same_claim(body["hits"][0], _expected("claim-dprk-troops"))

        resp = await client.get("/api/claims", params={"status": "retracted"})
        assert [c["id"] for c in (await resp.json())["hits"]] == ["claim-odesa-ships"]
        resp = await client.get("/api/claims", params={"q": "ferries Lagos"})
        assert (await resp.json())["hits"] == [] and resp.status == 200
        # every claim, a bad status and page ignored as the page does
        resp = await client.get("/api/claims", params={"status": "bogus", "page": "x"})
        body = await resp.json()
        assert resp.status == 200 and body["page"] == 1 and body["total"] == len(claims())


async def test_the_claim_of_a_contradictions_statements_as_json(es_cfg: ElasticsearchSettings) -> None:
    ids = seed_statement_ids()
    async with TestClient(TestServer(create_app(es_cfg))) as client:
        resp = await client.get(
            "/api/claims/of", params=[("statement", ids["zelenskyy"]), ("statement", ids["kovalenko"])]
        )
        assert resp.status == 200 and (await resp.json())["id"] == "claim-dprk-troops"
        resp = await client.get("/api/claims/of", params={"statement": "no-such-statement"})
        assert resp.status == 404 and "error" in await resp.json()
        resp = await client.get("/api/claims/of")
        assert resp.status == 400


async def test_the_api_needs_the_pages_credentials(es_cfg: ElasticsearchSettings) -> None:
    access = WebSettings(token=SecretStr(TOKEN))
    async with TestClient(TestServer(create_app(es_cfg, access=access))) as client:
        for path in ("/api/claims", "/api/claims/claim-dprk-troops", "/api/claims/of?statement=x"):
            for headers in ({}, {"Authorization": f"Bearer {TOKEN[:-1]}"}):
                resp = await client.get(path, headers=headers)
                assert resp.status == 401, (path, headers)
                assert "claim-dprk-troops" not in await resp.text()
        resp = await client.get("/api/claims/claim-dprk-troops", headers={"Authorization": f"Bearer {TOKEN}"})
        assert resp.status == 200 and (await resp.json())["id"] == "claim-dprk-troops"


async def test_no_index_yet_is_a_json_404(stack_urls: dict[str, str]) -> None:
    cfg = ElasticsearchSettings(url=stack_urls["es"], index_prefix=f"cfnone{uuid.uuid4().hex[:8]}")
    async with TestClient(TestServer(create_app(cfg))) as client:
        for path in ("/api/claims", "/api/claims/x"):
            resp = await client.get(path)
            assert resp.status == 404 and "No claims have been indexed yet" in (await resp.json())["error"]
