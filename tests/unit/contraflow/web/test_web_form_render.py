"""contraflow.web: form parsing, the Elasticsearch body it builds, and the HTML it renders (no server)."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

from contraflow.web import PAGE_SIZE, SearchForm, render_page
from indexers import document_for
from schemas import Contradiction, Statement
from schemas.statement import Speaker


def _statement(i: int, name: str | None, text: str, source: str = "censor.net", url: str | None = None) -> Statement:
    return Statement(
        id=f"st-{i}",
        article_id=f"art-{i}",
        source=source,
        url=url,
        published_at=datetime(2024, 10, 21, tzinfo=UTC),
        text=text,
        start=0,
        end=len(text),
        speaker=Speaker(name=name, type="person" if name else "unknown"),
        cue_word="said",
    )


def _doc(a: Statement, b: Statement, kind: str = "denial") -> dict:
    c = Contradiction(id=f"{a.id}-{b.id}", kind=kind, score=0.8, explanation="why", scope="cross_article", a=a, b=b)
    return document_for(c)[1]


class _Pairs(HTMLParser):
    """Collects text per CSS class inside each article.pair."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[dict] = []
        self.stack: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        cls = attrs.get("class") or ""
        if tag == "article" and "pair" in cls.split():
            self.pairs.append({"kind": attrs.get("data-kind"), "text": {}})
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag not in ("br", "meta", "input", "link"):
            self.stack.append(cls)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "meta", "input", "link") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.pairs and self.stack:
            for cls in self.stack[-1].split():
                self.pairs[-1]["text"].setdefault(cls, []).append(data)


def test_form_keeps_valid_filters_and_reports_invalid_ones() -> None:
    form = SearchForm.from_params(
        {"q": "  North   Korean ", "kind": "rumour", "since": "2024-13-01", "until": "2024-10-31", "page": "x"}
    )
    assert form.q == "North Korean"
    assert form.kind == "" and form.since == "" and form.until == "2024-10-31" and form.page == 1
    assert len(form.errors) == 3
    assert any("rumour" in e for e in form.errors)


def test_body_filters_and_pages() -> None:
    form = SearchForm.from_params(
        {
            "q": "troops",
            "kind": "quantity",
            "speaker": "Budanov",
            "source": "Censor.net",
            "until": "2024-10-31",
            "page": "3",
        }
    )
    body = form.body()
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"kind": "quantity"}} in filters
    assert {"term": {"sources": "censor.net"}} in filters
    assert {"range": {"published_at": {"lte": "2024-10-31||/d"}}} in filters
    assert body["from"] == 2 * PAGE_SIZE and body["size"] == PAGE_SIZE
    assert body["aggs"]["speakers"]["terms"]["field"] == "speakers.keyword"


def test_empty_query_matches_everything() -> None:
    body = SearchForm.from_params({}).body()
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["query"]["bool"]["filter"] == []


def test_page_shows_each_pair_side_by_side() -> None:
    a = _statement(1, "Kyrylo Budanov", "Budanov said 11,000 soldiers are training.", url="https://example.org/a")
    b = _statement(2, "Andrii Kovalenko", "Kovalenko said the reports were not true.", source="kyivindependent.com")
    html = render_page(SearchForm.from_params({"q": "Kovalenko"}), [_doc(a, b)], total=1)
    parser = _Pairs()
    parser.feed(html)
    [pair] = parser.pairs
    assert pair["kind"] == "denial"
    assert pair["text"]["speaker"] == ["Kyrylo Budanov", "Andrii Kovalenko"]
    assert pair["text"]["source"] == ["censor.net", "kyivindependent.com"]
    assert pair["text"]["text"] == [a.text, b.text]
    assert "https://example.org/a" in parser.hrefs
    assert '<span class="total">1</span> contradiction,' in html


def test_page_escapes_input_and_drops_unsafe_links() -> None:
    evil = "<script>alert(1)</script>"
    a = _statement(1, evil, evil, url="javascript:alert(1)")
    b = _statement(2, None, "plain")
    html = render_page(SearchForm.from_params({"q": evil}), [_doc(a, b)], total=1)
    assert "<script>" not in html
    assert "javascript:" not in html
    assert "unknown speaker" in html


def test_error_replaces_results_and_says_what_to_do() -> None:
    html = render_page(SearchForm.from_params({"kind": "nope"}), error="Elasticsearch at http://x does not answer")
    assert "does not answer" in html and "unknown kind" in html
    assert 'class="pair"' not in html


def test_paging_links_keep_filters() -> None:
    a, b = _statement(1, "A", "a"), _statement(2, "B", "b")
    form = SearchForm.from_params({"q": "x", "kind": "denial", "page": "2"})
    html = render_page(form, [_doc(a, b)] * PAGE_SIZE, total=PAGE_SIZE * 3)
    assert "?q=x&amp;kind=denial&amp;page=3" in html
    assert "?q=x&amp;kind=denial&amp;page=1" not in html  # page 1 drops the parameter
    assert '?q=x&amp;kind=denial"' in html
