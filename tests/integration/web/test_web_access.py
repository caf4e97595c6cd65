"""contraflow web on a real Elasticsearch: credentials when configured, and generic errors for clients.

The page behind basic auth is also opened in headless Chromium through a real ``contraflow web`` process.
"""

from __future__ import annotations

import base64
import logging
import re
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from pydantic import SecretStr
from web_e2e_helpers import cli_env, dump_dom, web_server

from contraflow.settings import ElasticsearchSettings, WebSettings
from contraflow.web import create_app
from indexers import INDEX_KINDS, ensure_indices, index_name, make_client

pytestmark = pytest.mark.integration

TOKEN = "tok-" + uuid.uuid4().hex
PASSWORD = "pw-" + uuid.uuid4().hex


@pytest.fixture
def es_cfg(stack_urls: dict[str, str]) -> Iterator[ElasticsearchSettings]:
    """A fresh index prefix with contraflow's indices and aliases created (empty); deleted afterwards."""
    prefix = f"cfacc{uuid.uuid4().hex[:8]}"
    cfg = ElasticsearchSettings(url=stack_urls["es"], index_prefix=prefix, request_timeout_s=10)
    client = make_client(cfg)
    ensure_indices(client, prefix)
    try:
        yield cfg
    finally:
        for kind in INDEX_KINDS:
            client.options(ignore_status=404).indices.delete(index=index_name(prefix, kind))
            client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-{kind}")
        client.options(ignore_status=404).cluster.delete_component_template(name=f"{prefix}-settings")
        client.close()


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


async def test_token_and_basic_auth_guard_every_route_but_health(es_cfg: ElasticsearchSettings) -> None:
    access = WebSettings(token=SecretStr(TOKEN), username="analyst", password=SecretStr(PASSWORD))
    async with TestClient(TestServer(create_app(es_cfg, access=access))) as client:
        for path in ("/", "/api/contradictions"):
            for headers in (
                {},
                {"Authorization": f"Bearer {TOKEN[:-1]}"},
                {"Authorization": TOKEN},
                _basic("analyst", PASSWORD + "x"),
                _basic("someone", PASSWORD),
            ):
                resp = await client.get(path, params={"q": "Kovalenko"}, headers=headers)
                assert resp.status == 401, (path, headers)
                assert resp.headers["WWW-Authenticate"].startswith("Basic realm=")
                body = await resp.text()
                assert "Kovalenko" not in body and es_cfg.url not in body
            for headers in ({"Authorization": f"Bearer {TOKEN}"}, _basic("analyst", PASSWORD)):
                resp = await client.get(path, params={"q": "Kovalenko"}, headers=headers)
                assert resp.status == 200, (path, await resp.text())
        api = await client.get("/api/contradictions", headers={"Authorization": f"Bearer {TOKEN}"})
        assert (await api.json())["total"] == 0
        health = await client.get("/healthz")  # no credentials: health checks must still work
        assert health.status == 200 and await health.json() == {"status": "ok"}


async def test_a_search_elasticsearch_refuses_shows_no_elasticsearch_error(
    es_cfg: ElasticsearchSettings, caplog: pytest.LogCaptureFixture
) -> None:
    # A closed index makes Elasticsearch refuse the search with its own error (index_closed_exception).
    es = make_client(es_cfg)
    try:
        es.indices.close(index=index_name(es_cfg.index_prefix, "contradictions"))
    finally:
        es.close()
    caplog.set_level(logging.INFO, logger="contraflow.web")
    async with TestClient(TestServer(create_app(es_cfg))) as client:
        page = await client.get("/", params={"q": "Kovalenko"})
        api = await client.get("/api/contradictions", params={"q": "Kovalenko"})
        html, error = await page.text(), (await api.json())["error"]
    assert page.status == 502 and api.status == 502
    for shown in (html, error):
        assert "closed" not in shown and "exception" not in shown and es_cfg.url not in shown
        assert "the search failed" in shown
    ref = re.search(r"reference ([0-9a-f]{8})", error)
    assert ref, error
    logged = [r.getMessage() for r in caplog.records if ref.group(1) in r.getMessage()]
    assert logged and "closed" in logged[0], [r.getMessage() for r in caplog.records]


def test_the_page_behind_basic_auth_in_a_browser(
    free_port, es_cfg: ElasticsearchSettings, chromium: str, tmp_path: Path
) -> None:
    secret = tmp_path / "web-password"
    secret.write_text(PASSWORD + "\n")
    env = cli_env(
        CONTRAFLOW_ES__URL=es_cfg.url,
        CONTRAFLOW_ES__INDEX_PREFIX=es_cfg.index_prefix,
        CONTRAFLOW_WEB__USERNAME="analyst",
        CONTRAFLOW_WEB__PASSWORD_FILE=str(secret),
    )
    port = free_port()
    log_path = tmp_path / "web.log"
    with web_server(env, port, log_path) as base:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/?q=Kovalenko", timeout=10)
        assert refused.value.code == 401

        # Without credentials the browser gets no page (headless, it cannot answer the login prompt).
        dom = dump_dom(chromium, f"{base}/?q=Kovalenko", tmp_path / "chrome-anon", budget_ms=3000)
        assert 'name="q"' not in dom and "Kovalenko" not in dom
        # With them (in the URL: headless Chromium sends them as basic auth) it gets the search page.
        url = f"http://analyst:{PASSWORD}@127.0.0.1:{port}/?q=Kovalenko"
        dom = dump_dom(chromium, url, tmp_path / "chrome", budget_ms=3000)
        assert 'name="q"' in dom and 'value="Kovalenko"' in dom
    logged = log_path.read_text()
    assert "auth=basic" in logged and "web_auth_refused" in logged
    assert PASSWORD not in logged  # neither the configured secret nor what a client sent
