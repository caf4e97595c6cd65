"""Search request bodies for articles, statements, contradictions and claims, and the sources track record
(pure functions, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from schemas.claim import CLAIM_STATUSES

__all__ = [
    "SEARCH_FIELDS",
    "TRACK_RECORD_BY",
    "TRACK_RECORD_COLUMNS",
    "claims_of_statements_body",
    "search_body",
    "track_record_bodies",
    "track_record_rows",
]

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
    # The top-level fields of a claim; its statements' words are searched by a nested query (_claims_match).
    "claims": ["summary^3", "speakers^2", "sources"],
}
_CLAIM_STATEMENT_FIELDS = ["statements.text", "statements.speaker^2"]
_SPEAKER_FIELD = {
    "statements": "speaker.name",
    "contradictions": "speakers",
    "articles": "authors",
    "claims": "speakers",
}
_SOURCE_FIELD = {"statements": "source", "contradictions": "sources", "articles": "source", "claims": "sources"}
_TIME_FIELD = {"claims": "last_seen"}
_SORT = {
    "contradictions": [{"_score": "desc"}, {"score": "desc"}],
    "statements": [{"_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}}],
    "articles": [{"_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}}],
    "claims": [{"_score": "desc"}, {"opposing_count": "desc"}, {"last_seen": {"order": "desc", "missing": "_last"}}],
}


def _claims_match(query: str) -> dict[str, Any]:
    """A claim matches by its summary, speakers and sources, or by the words of any of its statements."""
    return {
        "bool": {
            "should": [
                {"multi_match": {"query": query, "fields": SEARCH_FIELDS["claims"], "type": "best_fields"}},
                {
                    "nested": {
                        "path": "statements",
                        "score_mode": "max",
                        "query": {"multi_match": {"query": query, "fields": _CLAIM_STATEMENT_FIELDS}},
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }


def search_body(
    query: str | None,
    *,
    index: str = "contradictions",
    kind: str | None = None,
    speaker: str | None = None,
    source: str | None = None,
    since: datetime | str | None = None,
    status: str | None = None,
    size: int = 10,
) -> dict[str, Any]:
    """The ``search`` body for a free-text query plus filters.

    Parameters:
        query: words to look for; empty or ``*`` matches everything.
        index: ``contradictions`` (default), ``statements``, ``articles`` or ``claims``.
        kind: contradiction kind (``denial``, ``quantity``, ...); contradictions only.
        speaker: a speaker's name or part of it ("Budanov"), matched on either side of a contradiction.
        source: outlet domain, exact (``censor.net``).
        since: earliest publication time (ISO-8601 date/datetime or ``now-7d``); for claims, last seen on or after.
        status: claim status (``denied``, ``contested``, ...); claims only.
        size: hits to return.

    Example: ``search_body("North Korean soldiers", kind="denial", speaker="Kovalenko")``
    """
    if index not in SEARCH_FIELDS:
        raise ValueError(f"unknown index {index!r}; choose one of {', '.join(SEARCH_FIELDS)}")
    must: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = []
    if query and query.strip() not in ("", "*") and index == "claims":
        must.append(_claims_match(query))
    elif query and query.strip() not in ("", "*"):
        must.append({"multi_match": {"query": query, "fields": SEARCH_FIELDS[index], "type": "best_fields"}})
    else:
        must.append({"match_all": {}})
    if kind:
        if index != "contradictions":
            raise ValueError("--kind filters contradictions only")
        filters.append({"term": {"kind": kind}})
    if status:
        if index != "claims":
            raise ValueError("--status filters claims only")
        if status not in CLAIM_STATUSES:
            raise ValueError(f"unknown claim status {status!r}; choose one of {', '.join(CLAIM_STATUSES)}")
        filters.append({"term": {"status": status}})
    if speaker:
        # All the words of the name must match, in any order: "Budanov" or "Kyrylo Budanov".
        filters.append({"match": {_SPEAKER_FIELD[index]: {"query": speaker, "operator": "and"}}})
    if source:
        filters.append({"term": {_SOURCE_FIELD[index]: source.strip().lower()}})
    if since:
        value = since.isoformat() if isinstance(since, datetime) else str(since)
        filters.append({"range": {_TIME_FIELD.get(index, "published_at"): {"gte": value}}})
    return {
        "query": {"bool": {"must": must, "filter": filters}},
        "size": size,
        "sort": _SORT[index],
        "track_total_hits": True,
    }


def claims_of_statements_body(statement_ids: list[str], size: int = 10) -> dict[str, Any]:
    """The ``search`` body for the claims holding any of these statements (a nested query on their ids).

    How a contradiction leads to its claim before contradictions carry a ``claim_id``: search with its two
    statement ids; the claim holding both comes first.
    """
    return {
        "query": {
            "nested": {
                "path": "statements",
                "score_mode": "sum",
                "query": {"terms": {"statements.statement_id": list(statement_ids)}},
            }
        },
        "size": size,
        "sort": [{"_score": "desc"}, {"statement_count": "desc"}],
    }


# The sources track record: per source (outlet) or speaker, how many of the statements they asserted were later
# denied, not confirmed or retracted (claims index, each statement's ``later``, indexers.documents.later_events),
# and how many of their statements were later contradicted (contradictions index: the earlier side ``a`` of a
# pair whose ``b`` was published strictly later, ``b_later``).
TRACK_RECORD_BY: dict[str, tuple[str, str]] = {
    "source": ("statements.source", "a.source"),
    "speaker": ("statements.speaker.keyword", "a.speaker.name.keyword"),
}
TRACK_RECORD_COLUMNS: tuple[str, ...] = (
    "asserted",
    "denied",
    "not_confirmed",
    "retracted",
    "retracted_own",
    "contradicted",
)
# Enough buckets for every outlet and speaker of a deployment; the rows are ranked and cut after merging, so a
# source with few assertions but many contradictions is not lost to a terms cut.
_TRACK_RECORD_BUCKETS = 10_000


def track_record_bodies(by: str = "source") -> tuple[dict[str, Any], dict[str, Any]]:
    """``(claims body, contradictions body)``: the two aggregation searches of the track record.

    Parameters:
        by: ``source`` (outlet) or ``speaker``.
    """
    if by not in TRACK_RECORD_BY:
        raise ValueError(f"unknown track record grouping {by!r}; choose one of {', '.join(TRACK_RECORD_BY)}")
    claims_field, contradictions_field = TRACK_RECORD_BY[by]
    claims = {
        "size": 0,
        "aggs": {
            "statements": {
                "nested": {"path": "statements"},
                "aggs": {
                    "asserted": {
                        "filter": {"term": {"statements.stance": "asserts"}},
                        "aggs": {
                            "by": {
                                "terms": {"field": claims_field, "size": _TRACK_RECORD_BUCKETS},
                                "aggs": {"later": {"terms": {"field": "statements.later", "size": 10}}},
                            }
                        },
                    }
                },
            }
        },
    }
    contradictions = {
        "size": 0,
        "query": {"bool": {"filter": [{"term": {"b_later": True}}]}},
        "aggs": {
            "by": {
                "terms": {"field": contradictions_field, "size": _TRACK_RECORD_BUCKETS},
                # Statements, not pairs: one statement contradicted by three later ones counts once. Exact (but
                # for hash collisions) up to the threshold of distinct statements per name, then an estimate within
                # a few per cent. Each bucket's memory grows with the threshold, so it is kept low (docs/performance.md,
                # claims and the track record, says what a higher one cost).
                "aggs": {"statements": {"cardinality": {"field": "a.id", "precision_threshold": 1_000}}},
            }
        },
    }
    return claims, contradictions


def _buckets(aggs: Mapping[str, Any] | None, *path: str) -> list[Mapping[str, Any]]:
    node: Any = aggs or {}
    for key in path:
        node = node.get(key) or {}
    return list(node.get("buckets") or [])


def track_record_rows(
    claims_aggs: Mapping[str, Any] | None, contradictions_aggs: Mapping[str, Any] | None, *, size: int = 50
) -> list[dict[str, Any]]:
    """Rows ``{"name", "asserted", "denied", "not_confirmed", "retracted", "retracted_own", "contradicted"}`` from
    the ``aggregations`` of the two searches of :func:`track_record_bodies`, most questioned first.

    ``retracted`` counts retractions by others; ``retracted_own``, the name's own. A missing index gives no rows.
    """
    rows: dict[str, dict[str, Any]] = {}

    def row(name: str) -> dict[str, Any]:
        return rows.setdefault(name, {"name": name, **dict.fromkeys(TRACK_RECORD_COLUMNS, 0)})

    for bucket in _buckets(claims_aggs, "statements", "asserted", "by"):
        r = row(str(bucket["key"]))
        r["asserted"] = int(bucket["doc_count"])
        for later in _buckets(bucket, "later"):
            if later["key"] in r and later["key"] not in ("asserted", "contradicted"):
                r[later["key"]] = int(later["doc_count"])
    for bucket in _buckets(contradictions_aggs, "by"):
        row(str(bucket["key"]))["contradicted"] = int((bucket.get("statements") or {}).get("value") or 0)
    questioned = ("denied", "not_confirmed", "retracted", "retracted_own", "contradicted")
    ranked = sorted(rows.values(), key=lambda r: (-sum(r[c] for c in questioned), -r["asserted"], r["name"]))
    return ranked[:size]
