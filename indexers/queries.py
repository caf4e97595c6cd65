"""Search request bodies for articles, statements and contradictions (pure functions, no I/O)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

__all__ = ["SEARCH_FIELDS", "search_body"]

# Fields searched by the free-text query, per index kind (boosts favour what analysts type).
SEARCH_FIELDS: dict[str, list[str]] = {
    "articles": ["title^3", "text", "source", "authors"],
    "statements": ["text^2", "claim_text", "speaker.name^3", "entities.text", "cue_word"],
    "contradictions": [
        "explanation^2",
        "speakers^3",
        "a.text",
        "b.text",
        "a.claim_text",
        "b.claim_text",
        "a.entities.text",
        "b.entities.text",
    ],
}
_SPEAKER_FIELD = {"statements": "speaker.name", "contradictions": "speakers", "articles": "authors"}
_SOURCE_FIELD = {"statements": "source", "contradictions": "sources", "articles": "source"}
_SORT = {
    "contradictions": [{"_score": "desc"}, {"score": "desc"}],
    "statements": [{"_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}}],
    "articles": [{"_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}}],
}


def search_body(
    query: str | None,
    *,
    index: str = "contradictions",
    kind: str | None = None,
    speaker: str | None = None,
    source: str | None = None,
    since: datetime | str | None = None,
    size: int = 10,
) -> dict[str, Any]:
    """The ``search`` body for a free-text query plus filters.

    Parameters:
        query: words to look for; empty or ``*`` matches everything.
        index: ``contradictions`` (default), ``statements`` or ``articles``.
        kind: contradiction kind (``denial``, ``quantity``, ...); contradictions only.
        speaker: a speaker's name or part of it ("Budanov"), matched on either side of a contradiction.
        source: outlet domain, exact (``censor.net``).
        since: earliest publication time (ISO-8601 date/datetime or ``now-7d``).
        size: hits to return.

    Example: ``search_body("North Korean soldiers", kind="denial", speaker="Kovalenko")``
    """
    if index not in SEARCH_FIELDS:
        raise ValueError(f"unknown index {index!r}; choose one of {', '.join(SEARCH_FIELDS)}")
    must: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = []
    if query and query.strip() not in ("", "*"):
        must.append({"multi_match": {"query": query, "fields": SEARCH_FIELDS[index], "type": "best_fields"}})
    else:
        must.append({"match_all": {}})
    if kind:
        if index != "contradictions":
            raise ValueError("--kind filters contradictions only")
        filters.append({"term": {"kind": kind}})
    if speaker:
        # All the words of the name must match, in any order: "Budanov" or "Kyrylo Budanov".
        filters.append({"match": {_SPEAKER_FIELD[index]: {"query": speaker, "operator": "and"}}})
    if source:
        filters.append({"term": {_SOURCE_FIELD[index]: source.strip().lower()}})
    if since:
        value = since.isoformat() if isinstance(since, datetime) else str(since)
        filters.append({"range": {"published_at": {"gte": value}}})
    return {
        "query": {"bool": {"must": must, "filter": filters}},
        "size": size,
        "sort": _SORT[index],
        "track_total_hits": True,
    }
