"""HTML of the claim pages: a claim and the timeline of who asserted, denied, did not confirm or retracted it; the
claims search; the sources track record.

Plain server-rendered HTML like the contradictions page (no JavaScript, no external assets). Every value read from
Elasticsearch goes through :func:`html.escape`; only http(s) URLs become links.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from schemas.claim import CLAIM_STATUSES

__all__ = ["STANCE_LABELS", "claim_href", "render_claim", "render_claims", "render_message", "render_sources"]

# How each stance reads in a timeline: "Kovalenko denied it".
STANCE_LABELS: dict[str, str] = {
    "asserts": "asserted",
    "denies": "denied",
    "not_confirmed": "did not confirm",
    "retracts": "retracted",
    "reports": "reported",
    "corrects": "corrected",
}
_COLUMNS = (
    ("asserted", "asserted"),
    ("denied", "later denied"),
    ("not_confirmed", "later not confirmed"),
    ("retracted", "later retracted by others"),
    ("retracted_own", "retracted by themselves"),
    ("contradicted", "later contradicted"),
)

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d2733}
header{background:#1d2733;color:#fff;padding:.8rem 1.5rem}header h1{margin:0;font-size:1.3rem}
header nav a{color:#b8c2cc;margin-right:1rem;font-size:.9rem}main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#fff;padding:.8rem;border-radius:6px}
form.search label{display:flex;flex-direction:column;font-size:.75rem;color:#556}
form.search input,form.search select{font-size:.95rem;padding:.35rem;border:1px solid #c5ccd3;border-radius:4px}
button{padding:.45rem 1rem;font-size:.95rem;border:0;border-radius:4px;background:#2563eb;color:#fff}
.status{font-weight:600;text-transform:uppercase;font-size:.75rem;padding:.15rem .45rem;border-radius:3px;
background:#e5e7eb}.status-denied,.status-retracted{background:#fecaca;color:#7f1d1d}
.status-contested{background:#fde68a;color:#5b3d00}.status-unconfirmed{background:#e0e7ff;color:#1e3a8a}
.status-uncontested{background:#dcfce7;color:#14532d}
article.claim,section.claim-view{background:#fff;border-radius:6px;margin:.8rem 0;padding:.8rem;
box-shadow:0 1px 2px #0002}.summary-text{font-size:1.05rem}.meta{font-size:.8rem;color:#556}.meta a{color:#2563eb}
ol.timeline{list-style:none;padding:0;margin:.8rem 0}ol.timeline li{border-left:4px solid #94a3b8;margin:.6rem 0;
padding:.3rem .7rem;background:#f8fafc}li.stance-asserts{border-color:#2563eb}li.stance-denies{border-color:#dc2626}
li.stance-retracts{border-color:#7f1d1d}li.stance-not_confirmed{border-color:#6366f1}
.speaker{font-weight:600}.stance{font-style:italic;color:#334}blockquote{margin:.4rem 0;line-height:1.4}
table.sources{border-collapse:collapse;background:#fff;width:100%}
table.sources th,table.sources td{padding:.35rem .6rem;border-bottom:1px solid #e5e7eb;text-align:right}
table.sources th:first-child,table.sources td:first-child{text-align:left}
.errors{color:#a61b1b}nav.pages a{margin-right:1rem}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _safe_url(url: str | None) -> str | None:
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def claim_href(claim_id: str) -> str:
    """The path of a claim's page (the id quoted: ids are hashes, but the page must not trust that)."""
    return "/claims/" + quote(str(claim_id), safe="")


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        '<header><h1>contraflow</h1><nav><a href="/">Contradictions</a><a href="/claims">Claims</a>'
        '<a href="/sources">Sources</a></nav></header>'
        f"<main>{body}</main></body></html>"
    )


def render_message(title: str, message: str) -> str:
    """A page that only says something went wrong, or that there is nothing to show (``message`` is escaped)."""
    return _page(title, f'<p class="errors">{_e(message)}</p>')


def _day(value: Any) -> str:
    return str(value or "")[:10]


def _event(s: Mapping[str, Any]) -> str:
    stance = str(s.get("stance") or "")
    url = _safe_url(s.get("url"))
    link = f' · <a class="link" href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>' if url else ""
    quantities = ", ".join(str(q) for q in s.get("quantities") or [])
    return (
        f'<li class="event stance-{_e(stance)}" data-stance="{_e(stance)}" '
        f'data-statement="{_e(s.get("statement_id"))}">'
        f"<div><time>{_e(_day(s.get('published_at')) or 'undated')}</time> · "
        f'<span class="speaker">{_e(s.get("speaker") or "unknown speaker")}</span> '
        f'<span class="stance">{_e(STANCE_LABELS.get(stance, stance))}</span></div>'
        f'<blockquote class="text">{_e(s.get("text"))}</blockquote>'
        f'<div class="meta"><span class="source">{_e(s.get("source"))}</span>'
        f' · article <code class="article-id">{_e(s.get("article_id"))}</code>'
        f"{f' · figures: {_e(quantities)}' if quantities else ''}{link}</div>"
        "</li>"
    )


def render_claim(claim: Mapping[str, Any]) -> str:
    """A claim's page: summary, status, first and last seen, and every statement in time order."""
    status = str(claim.get("status") or "")
    statements = sorted(
        claim.get("statements") or [], key=lambda s: (str(s.get("published_at") or ""), str(s.get("statement_id")))
    )
    contradictions = claim.get("contradictions") or []
    body = (
        f'<section class="claim-view" data-id="{_e(claim.get("id"))}" data-status="{_e(status)}">'
        f'<p><span class="status status-{_e(status)}">{_e(status)}</span></p>'
        f'<h2 class="summary-text">{_e(claim.get("summary"))}</h2>'
        f'<p class="meta">first seen <span class="first-seen">{_e(_day(claim.get("first_seen")))}</span>'
        f' · last seen <span class="last-seen">{_e(_day(claim.get("last_seen")))}</span>'
        f" · {len(statements)} statement{'s' if len(statements) != 1 else ''}"
        f" · {len(contradictions)} contradiction{'s' if len(contradictions) != 1 else ''} between them</p>"
        f'<h3>Who said what, and when</h3><ol class="timeline">{"".join(_event(s) for s in statements)}</ol>'
        "</section>"
    )
    return _page(f"{claim.get('summary') or 'claim'} · contraflow", body)


def _claim_hit(claim: Mapping[str, Any]) -> str:
    status = str(claim.get("status") or "")
    counts = claim.get("stance_counts") or {}
    stances = " · ".join(f"{n} {STANCE_LABELS.get(k, k)}" for k, n in counts.items() if n)
    return (
        f'<article class="claim" data-id="{_e(claim.get("id"))}" data-status="{_e(status)}">'
        f'<span class="status status-{_e(status)}">{_e(status)}</span> '
        f'<a class="claim-link summary-text" href="{_e(claim_href(str(claim.get("id"))))}">'
        f"{_e(claim.get('summary'))}</a>"
        f'<div class="meta">{_e(_day(claim.get("first_seen")))} – {_e(_day(claim.get("last_seen")))}'
        f"{' · ' + _e(stances) if stances else ''}"
        f' · sources: <span class="sources">{_e(", ".join(claim.get("sources") or []))}</span></div>'
        "</article>"
    )


def render_claims(
    q: str, status: str, page: int, hits: Sequence[Mapping[str, Any]], total: int, page_size: int, error: str = ""
) -> str:
    """The claims search: a query box, a status filter and the matching claims, most opposed first."""
    options = "".join(
        f'<option value="{s}"{" selected" if s == status else ""}>{s or "any status"}</option>'
        for s in ("", *CLAIM_STATUSES)
    )
    form = (
        '<form class="search" method="get" action="/claims">'
        f'<label>Search claims<input name="q" type="search" value="{_e(q)}" '
        'placeholder="North Korean soldiers, Kovalenko"></label>'
        f'<label>Status<select name="status">{options}</select></label><button type="submit">Search</button></form>'
    )
    if error:
        return _page("claims · contraflow", form + f'<p class="errors">{_e(error)}</p>')
    params = {k: v for k, v in (("q", q), ("status", status)) if v}
    pages = []
    if page > 1:
        pages.append(f'<a rel="prev" href="/claims?{_e(urlencode({**params, "page": page - 1}))}">← previous</a>')
    if (page - 1) * page_size + len(hits) < total:
        pages.append(f'<a rel="next" href="/claims?{_e(urlencode({**params, "page": page + 1}))}">next →</a>')
    body = "".join(_claim_hit(h) for h in hits) or '<p class="empty">No claims match.</p>'
    summary = f'<p class="summary"><span class="total">{total}</span> claim{"s" if total != 1 else ""}</p>'
    return _page(
        f"{q} · claims · contraflow" if q else "claims · contraflow",
        f'{form}{summary}<section id="results">{body}</section><nav class="pages">{"".join(pages)}</nav>',
    )


def render_sources(by: str, rows: Sequence[Mapping[str, Any]], error: str = "") -> str:
    """The track record table, per source or per speaker."""
    other = "speaker" if by == "source" else "source"
    head = (
        f"<h2>Track record per {_e(by)}</h2>"
        f'<p class="meta">Of the statements each {_e(by)} asserted: how many were later denied, not confirmed or '
        "retracted (by others, or by themselves), from the claims; and how many of their statements a later one "
        'contradicted, from the contradictions. "Later" means published after. '
        f'<a class="by-{other}" href="/sources?by={other}">per {other}</a></p>'
    )
    if error:
        return _page("sources · contraflow", head + f'<p class="errors">{_e(error)}</p>')
    header = "".join(f"<th>{_e(label)}</th>" for _, label in _COLUMNS)
    body = "".join(
        f'<tr class="row" data-name="{_e(r.get("name"))}"><td class="name">{_e(r.get("name"))}</td>'
        + "".join(f'<td class="{key}">{_e(r.get(key, 0))}</td>' for key, _ in _COLUMNS)
        + "</tr>"
        for r in rows
    )
    table = (
        f'<table class="sources"><thead><tr><th>{_e(by)}</th>{header}</tr></thead><tbody>{body}</tbody></table>'
        if rows
        else '<p class="empty">Nothing yet: no claims or contradictions are indexed.</p>'
    )
    return _page("sources · contraflow", head + table)
