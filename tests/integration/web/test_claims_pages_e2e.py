"""End to end in headless Chromium: the claim pages of `contraflow web` over claims and contradictions indexed
straight into a real Elasticsearch (tests/integration/web/claim_docs.py): from a contradiction to its claim's
timeline, the claims search, the sources track record, and hostile statement text shown as text."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from claim_docs import HOSTILE, drop_all, index_all
from web_e2e_helpers import cli_env, dump_dom, web_server

from contraflow.settings import ElasticsearchSettings
from indexers import make_client

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]


class Dom(HTMLParser):
    """Every element of a page with its attributes and the text inside it."""

    VOID = {"br", "meta", "input", "link", "img", "hr"}

    def __init__(self, text: str) -> None:
        super().__init__()
        self.nodes: list[dict] = []
        self._open: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = {"tag": tag, "attrs": dict(attrs), "text": "", "classes": (dict(attrs).get("class") or "").split()}
        self.nodes.append(node)
        if tag not in self.VOID:
            self._open.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for node in self._open:
            node["text"] += data

    def all(self, cls: str, tag: str | None = None) -> list[dict]:
        return [n for n in self.nodes if cls in n["classes"] and (tag is None or n["tag"] == tag)]

    def one(self, cls: str) -> dict:
        [node] = self.all(cls)
        return node


def _dom(chromium: str, url: str, profile: Path) -> Dom:
    return Dom(dump_dom(chromium, url, profile))


@pytest.fixture(scope="module")
def site(free_port, stack_urls: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    tmp = tmp_path_factory.mktemp("claims-web")
    prefix = f"cfclweb{uuid.uuid4().hex[:8]}"
    client = make_client(ElasticsearchSettings(url=stack_urls["es"], index_prefix=prefix))
    env = cli_env(CONTRAFLOW_ES__URL=stack_urls["es"], CONTRAFLOW_ES__INDEX_PREFIX=prefix)
    try:
        index_all(client, prefix)
        with web_server(env, free_port(), tmp / "web.log") as base:
            yield {"base": base, "tmp": tmp}
    finally:
        drop_all(client, prefix)
        client.close()


def test_every_contradiction_leads_to_its_claim_timeline(site: dict, chromium: str) -> None:
    page = _dom(chromium, f"{site['base']}/?q=Kovalenko", site["tmp"] / "c1")
    pairs = page.all("pair", "article")
    assert len(pairs) == 3  # Kovalenko against each of the three assertions
    links = page.all("claim-link", "a")
    assert len(links) == len(pairs)

    # Chromium follows the link, and the redirect to the claim.
    claim = _dom(chromium, site["base"] + links[0]["attrs"]["href"], site["tmp"] / "c1")
    view = claim.one("claim-view")
    assert view["attrs"]["data-id"] == "claim-dprk-troops" and view["attrs"]["data-status"] == "denied"
    events = claim.all("event", "li")
    who = [(e["attrs"]["data-stance"], next(n for n in claim.all("speaker") if n["text"] in e["text"])["text"])
           for e in events]  # fmt: skip
    assert who == [
        ("asserts", "Volodymyr Zelenskyy"),
        ("asserts", "the Washington Post"),
        ("asserts", "Kyrylo Budanov"),
        ("denies", "Andrii Kovalenko"),
        ("not_confirmed", "Lloyd Austin"),
    ]
    assert [n["text"] for n in claim.all("stance")] == ["asserted"] * 3 + ["denied", "did not confirm"]
    assert [n["text"] for n in claim.all("source")] == [
        "censor.net", "washingtonpost.com", "kyivpost.com", "censor.net", "censor.net"
    ]  # fmt: skip
    hrefs = [a["attrs"]["href"] for a in claim.all("link", "a")]
    assert hrefs[0] == "https://censor.net/news/zelenskyy" and len(hrefs) == 5
    assert claim.one("first-seen")["text"] == "2024-10-17" and claim.one("last-seen")["text"] == "2024-10-23"


def test_claims_search(site: dict, chromium: str) -> None:
    page = _dom(chromium, f"{site['base']}/claims?q=North+Korean+soldiers", site["tmp"] / "c2")
    hits = page.all("claim", "article")
    assert hits[0]["attrs"]["data-id"] == "claim-dprk-troops" and hits[0]["attrs"]["data-status"] == "denied"
    retracted = _dom(chromium, f"{site['base']}/claims?status=retracted", site["tmp"] / "c2")
    assert [h["attrs"]["data-id"] for h in retracted.all("claim", "article")] == ["claim-odesa-ships"]
    assert retracted.one("total")["text"] == "1"
    everything = _dom(chromium, f"{site['base']}/claims", site["tmp"] / "c2")
    assert everything.one("total")["text"] == "4"
    nothing = _dom(chromium, f"{site['base']}/claims?q=ferries+Lagos", site["tmp"] / "c2")
    assert nothing.all("claim", "article") == [] and nothing.one("total")["text"] == "0"
    missing = _dom(chromium, f"{site['base']}/claims/no-such-claim", site["tmp"] / "c2")
    assert "No such claim." in missing.one("errors")["text"]


def test_sources_track_record_page(site: dict, chromium: str) -> None:
    by_source = _dom(chromium, f"{site['base']}/sources", site["tmp"] / "c3")
    rows = {r["attrs"]["data-name"]: r for r in by_source.all("row", "tr")}
    assert {"censor.net", "washingtonpost.com", "kyivpost.com", "odessa.example", "yonhap.example"} <= set(rows)

    by_speaker = _dom(chromium, f"{site['base']}/sources?by=speaker", site["tmp"] / "c3")
    table: dict[str, dict[str, str]] = {}
    current = None
    for node in by_speaker.nodes:
        if node["tag"] == "tr" and "row" in node["classes"]:
            current = table.setdefault(node["attrs"]["data-name"], {})
        elif node["tag"] == "td" and current is not None:
            current[node["classes"][0]] = node["text"]
    assert table["Oleh Kiper"]["retracted_own"] == "1" and table["Oleh Kiper"]["retracted"] == "0"
    assert table["Volodymyr Zelenskyy"]["denied"] == "1" and table["Volodymyr Zelenskyy"]["contradicted"] == "1"
    assert table[f"Mallory {HOSTILE}"]["name"] == f"Mallory {HOSTILE}"  # shown as text
    assert not [n for n in by_speaker.nodes if n["tag"] in ("script", "img")]


def test_statement_text_cannot_inject_html(site: dict, chromium: str) -> None:
    for path in ("/claims/claim-hostile", "/claims?q=troops+moved", "/?q=overnight"):
        page = _dom(chromium, site["base"] + path, site["tmp"] / "c4")
        assert not [n for n in page.nodes if n["tag"] in ("script", "img")], path
        texts = " ".join(n["text"] for n in page.nodes if n["tag"] == "main")
        assert HOSTILE in texts, path
