"""HTML of the search page: the form, the facets and each contradiction as two statements side by side.

Plain server-rendered HTML (no JavaScript, no external assets), so it works offline, behind any proxy
and in a headless browser. Every value from Elasticsearch goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from schemas.contradiction import KINDS

from .form import PAGE_SIZE, SearchForm

__all__ = ["render_page"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d2733}
header{background:#1d2733;color:#fff;padding:.8rem 1.5rem}header h1{margin:0;font-size:1.3rem}
header p{margin:.2rem 0 0;color:#b8c2cc;font-size:.9rem}
main{max-width:1200px;margin:0 auto;padding:1rem 1.5rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#fff;padding:.8rem;border-radius:6px}
form.search label{display:flex;flex-direction:column;font-size:.75rem;color:#556}
form.search input,form.search select{font-size:.95rem;padding:.35rem;border:1px solid #c5ccd3;border-radius:4px}
form.search input[name=q]{width:22rem}button{padding:.45rem 1rem;font-size:.95rem;border:0;border-radius:4px;
background:#2563eb;color:#fff;cursor:pointer}
.summary{margin:.8rem 0;color:#445}.errors{color:#a61b1b}.facets{font-size:.85rem;color:#445;margin-bottom:.6rem}
.facets a{margin-right:.6rem;color:#2563eb;text-decoration:none}
article.pair{background:#fff;border-radius:6px;margin:.8rem 0;padding:.8rem;box-shadow:0 1px 2px #0002}
.pair-head{display:flex;gap:.6rem;align-items:center;margin-bottom:.5rem;font-size:.9rem}
.kind{font-weight:600;text-transform:uppercase;font-size:.75rem;padding:.15rem .45rem;border-radius:3px;
background:#fde68a;color:#5b3d00}.kind-denial,.kind-retraction{background:#fecaca;color:#7f1d1d}
.kind-unconfirmed{background:#e0e7ff;color:#1e3a8a}.score{color:#556}.scope{color:#778;font-size:.8rem}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.side{border-left:4px solid #94a3b8;padding:.3rem .7rem;background:#f8fafc}
.side-a{border-color:#2563eb}.side-b{border-color:#dc2626}
.speaker{font-weight:600}.speaker-type{color:#778;font-size:.8rem;font-weight:400}
.cue{color:#556;font-style:italic;font-size:.85rem}blockquote{margin:.4rem 0;font-size:.98rem;line-height:1.4}
.meta{font-size:.8rem;color:#556}.meta a{color:#2563eb}.explanation{margin-top:.5rem;font-size:.9rem;color:#334}
nav.pages{margin:1rem 0}nav.pages a{margin-right:1rem}
@media (max-width:800px){.sides{grid-template-columns:1fr}form.search input[name=q]{width:100%}}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _link(params: Mapping[str, str]) -> str:
    return "?" + urlencode(params) if params else "?"


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered as links (no javascript: or data: URLs from crawled input)."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def _statement(side: str, s: Mapping[str, Any]) -> str:
    speaker = s.get("speaker") or {}
    name = speaker.get("name") or "unknown speaker"
    stype = speaker.get("type") or "unknown"
    resolved = speaker.get("resolved_from")
    published = (s.get("published_at") or "")[:10]
    url = _safe_url(s.get("url"))
    source = _e(s.get("source"))
    link = f'<a class="link" href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>' if url else ""
    cue = s.get("cue_word") or s.get("cue") or ""
    resolved_html = f' <span class="speaker-type">(from “{_e(resolved)}”)</span>' if resolved else ""
    return (
        f'<div class="side side-{side}">'
        f'<div><span class="speaker">{_e(name)}</span> <span class="speaker-type">{_e(stype)}</span>{resolved_html}'
        f' <span class="cue">{_e(cue)}</span></div>'
        f'<blockquote class="text">{_e(s.get("text"))}</blockquote>'
        f'<div class="meta"><span class="source">{source}</span>'
        f"{' · ' + _e(published) if published else ''}"
        f' · article <code class="article-id">{_e(s.get("article_id"))}</code>'
        f"{' · ' + link if link else ''}</div>"
        "</div>"
    )


def _claim_link(doc: Mapping[str, Any]) -> str:
    """Every pair leads to its claim: by ``claim_id`` when the pair carries one, else by its two statement ids."""
    if doc.get("claim_id"):
        href = "/claims/" + quote(str(doc["claim_id"]), safe="")
    else:
        ids = [s.get("id") for s in (doc.get("a") or {}, doc.get("b") or {}) if s.get("id")]
        href = "/claims/of?" + urlencode([("statement", i) for i in ids])
    return f'<a class="claim-link" href="{_e(href)}">the claim: who says what</a>'


def _pair(doc: Mapping[str, Any]) -> str:
    kind = doc.get("kind", "")
    score = doc.get("score")
    score_text = f"{score:.2f}" if isinstance(score, int | float) else ""
    scope = (doc.get("scope") or "").replace("_", " ")
    return (
        f'<article class="pair" data-id="{_e(doc.get("id"))}" data-kind="{_e(kind)}">'
        f'<div class="pair-head"><span class="kind kind-{_e(kind)}">{_e(kind)}</span>'
        f'<span class="score">score {score_text}</span><span class="scope">{_e(scope)}</span></div>'
        f'<div class="sides">{_statement("a", doc.get("a") or {})}{_statement("b", doc.get("b") or {})}</div>'
        f'<div class="explanation">{_e(doc.get("explanation"))}</div>'
        f'<div class="meta">{_claim_link(doc)}</div>'
        "</article>"
    )


def _facets(form: SearchForm, aggs: Mapping[str, Any]) -> str:
    parts = []
    for name, label, param in (
        ("kinds", "Kinds", "kind"),
        ("speakers", "Speakers", "speaker"),
        ("sources", "Sources", "source"),
    ):
        buckets = (aggs.get(name) or {}).get("buckets") or []
        if not buckets:
            continue
        links = " ".join(
            f'<a href="{_e(_link(form.params(**{param: b["key"], "page": None})))}">'
            f"{_e(b['key'])} ({b['doc_count']})</a>"
            for b in buckets
        )
        parts.append(f'<div class="facet facet-{param}"><strong>{label}:</strong> {links}</div>')
    return f'<div class="facets">{"".join(parts)}</div>' if parts else ""


def _form(form: SearchForm) -> str:
    options = "".join(
        f'<option value="{k}"{" selected" if k == form.kind else ""}>{k or "any kind"}</option>' for k in ("", *KINDS)
    )
    return (
        '<form class="search" method="get" action="">'
        f'<label>Search<input name="q" type="search" value="{_e(form.q)}" '
        'placeholder="words, names, places: Kovalenko, North Korean troops" autofocus></label>'
        f'<label>Kind<select name="kind">{options}</select></label>'
        f'<label>Speaker<input name="speaker" value="{_e(form.speaker)}" placeholder="Budanov"></label>'
        f'<label>Source<input name="source" value="{_e(form.source)}" placeholder="censor.net"></label>'
        f'<label>Published from<input name="since" type="date" value="{_e(form.since)}"></label>'
        f'<label>Published until<input name="until" type="date" value="{_e(form.until)}"></label>'
        '<button type="submit">Search</button> <a href="?">reset</a>'
        "</form>"
    )


def render_page(
    form: SearchForm,
    hits: Sequence[Mapping[str, Any]] = (),
    total: int = 0,
    aggs: Mapping[str, Any] | None = None,
    error: str | None = None,
    index: str = "contraflow-contradictions",
) -> str:
    """The whole page. ``hits`` are contradiction documents (``_source``); ``error`` replaces the results."""
    messages = list(form.errors)
    if error:
        messages.append(error)
    errors_html = "".join(f'<p class="errors">{_e(m)}</p>' for m in messages)
    if error:
        body = ""
    elif not hits:
        body = (
            '<p class="empty">No contradictions match. Try fewer words or filters; if nothing was indexed yet, '
            "publish articles (<code>contraflow publish FILE.jsonl</code>) and run a worker "
            "(<code>contraflow worker</code>).</p>"
        )
    else:
        body = "".join(_pair(h) for h in hits)
    first = (form.page - 1) * PAGE_SIZE
    summary = (
        f'<p class="summary"><span class="total">{total}</span> contradiction{"s" if total != 1 else ""}'
        f"{f', showing {first + 1}–{first + len(hits)}' if hits else ''} · index <code>{_e(index)}</code></p>"
        if not error
        else ""
    )
    pages = []
    if form.page > 1:
        pages.append(f'<a rel="prev" href="{_e(_link(form.params(page=form.page - 1)))}">← previous</a>')
    if first + len(hits) < total:
        pages.append(f'<a rel="next" href="{_e(_link(form.params(page=form.page + 1)))}">next →</a>')
    title = f"{form.q} · contraflow" if form.q else "contraflow · contradictions"
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        "<header><h1>contraflow</h1><p>Contradicting statements in the news: who said what, where, when, "
        'and why the two clash. <a href="/claims" style="color:#b8c2cc">Claims</a> · '
        '<a href="/sources" style="color:#b8c2cc">Sources</a></p></header><main>'
        f"{_form(form)}{errors_html}{summary}{'' if error else _facets(form, aggs or {})}"
        f'<section id="results">{body}</section>'
        f'<nav class="pages">{"".join(pages)}</nav>'
        "</main></body></html>"
    )
