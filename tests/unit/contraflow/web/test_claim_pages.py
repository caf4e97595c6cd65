"""The claim pages without a server behind them: escaping of hostile text, and generic errors when Elasticsearch
does not answer (the URL and the exception only in the server's log, under the reference the client sees)."""

from __future__ import annotations

import logging
import re
import socket

from aiohttp.test_utils import TestClient, TestServer

from contraflow.settings import ElasticsearchSettings
from contraflow.web import create_app
from contraflow.web.claims_render import claim_href, render_claim, render_claims, render_sources
from contraflow.web.form import SearchForm
from contraflow.web.render import render_page

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def _claim() -> dict:
    return {
        "id": 'c"1<',
        "summary": f"Troops moved {EVIL}",
        "status": "denied",
        "first_seen": "2024-10-17T09:00:00+00:00",
        "last_seen": "2024-10-21T09:00:00+00:00",
        "statements": [
            {"statement_id": "s2", "speaker": EVIL, "source": "b.org", "published_at": "2024-10-21T09:00:00+00:00",
             "stance": "denies", "text": f"Not true {EVIL}", "url": "javascript:alert(3)", "article_id": EVIL},
            {"statement_id": "s1", "speaker": "Zelensky", "source": "a.org",
             "published_at": "2024-10-17T09:00:00+00:00",
             "stance": "asserts", "text": "Troops moved.", "url": "https://a.org/x", "quantities": ["ten thousand"]},
        ],
    }  # fmt: skip


def test_claim_page_escapes_everything_and_orders_the_timeline():
    page = render_claim(_claim())
    assert "<script>" not in page and "<img" not in page and "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Time order, whatever order the document holds them in.
    assert page.index('data-statement="s1"') < page.index('data-statement="s2"')
    assert "did not confirm" not in page and ">denied<" in page and "ten thousand" in page
    assert 'href="https://a.org/x"' in page


def test_claims_list_and_sources_escape_and_quote_ids():
    page = render_claims(EVIL, "denied", 1, [_claim()], 1, 20)
    assert "<script>" not in page and "<img" not in page
    assert claim_href('c"1<') == "/claims/c%221%3C" and 'href="/claims/c%221%3C"' in page
    sources = render_sources("speaker", [{"name": EVIL, "asserted": 1, "denied": 1}])
    assert "<script>" not in sources and "<img" not in sources and 'class="denied">1<' in sources


def test_every_contradiction_links_to_its_claim():
    side = {"id": "sa", "speaker": {"name": "A"}, "text": "x"}
    by_statements = render_page(SearchForm(), [{"id": "p1", "kind": "denial", "a": side, "b": {**side, "id": "sb"}}], 1)
    assert 'href="/claims/of?statement=sa&amp;statement=sb"' in by_statements
    by_id = render_page(SearchForm(), [{"id": "p1", "kind": "denial", "a": side, "b": side, "claim_id": "c/1"}], 1)
    assert 'href="/claims/c%2F1"' in by_id


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_claim_pages_explain_an_unreachable_elasticsearch_without_details(caplog) -> None:
    port = _closed_port()
    cfg = ElasticsearchSettings(url=f"http://127.0.0.1:{port}", request_timeout_s=2)
    caplog.set_level(logging.INFO, logger="contraflow.web")
    async with TestClient(TestServer(create_app(cfg))) as client:
        shown = []
        for path in ("/claims?q=troops", "/claims/c1", "/claims/of?statement=s1", "/sources?by=speaker"):
            response = await client.get(path, allow_redirects=False)
            assert response.status == 503, path
            shown.append(await response.text())
        missing = await client.get("/claims/of")
        assert missing.status == 400
    refs = []
    for html in shown:
        assert "unavailable" in html and str(port) not in html and "127.0.0.1" not in html
        assert "Connection" not in html
        refs.append(re.search(r"reference ([0-9a-f]{8})", html).group(1))
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert all(ref in logged for ref in refs) and "ConnectionError" in logged
