"""Composable index templates, versioned indices and aliases for articles, statements, contradictions and claims.

Every alias (``<prefix>-articles``, ``<prefix>-statements``, ``<prefix>-contradictions``, ``<prefix>-claims``)
points at one versioned index (``<prefix>-articles-v1`` ...). Templates are saved at every start, so a new index always
gets the current mapping; nothing relies on dynamic index creation. Mappings are ``dynamic: false``:
fields we did not plan for are kept in ``_source`` but not indexed, so they can never cause a mapping
conflict.
"""

from __future__ import annotations

import copy
from typing import Any

from schemas.claim import STANCES

__all__ = [
    "INDEX_KINDS",
    "MAPPING_VERSION",
    "alias_name",
    "component_templates",
    "index_name",
    "index_templates",
    "mappings",
]

INDEX_KINDS: tuple[str, ...] = ("articles", "statements", "contradictions", "claims")
MAPPING_VERSION = 1

# Text for search plus an exact keyword for filters, aggregations and Kibana columns.
_TEXT_KW: dict[str, Any] = {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 1024}}}
_KW: dict[str, Any] = {"type": "keyword", "ignore_above": 1024}
_DATE: dict[str, Any] = {"type": "date"}

_STATEMENT_PROPERTIES: dict[str, Any] = {
    "id": _KW,
    "article_id": _KW,
    "source": _KW,
    "url": _KW,
    "published_at": _DATE,
    "text": _TEXT_KW,
    "start": {"type": "integer"},
    "end": {"type": "integer"},
    "claim_text": {"type": "text"},
    "speaker": {
        "properties": {
            "name": _TEXT_KW,
            "type": _KW,
            "resolved_from": _KW,
        }
    },
    "cue": _KW,
    "cue_word": _KW,
    "polarity": _KW,
    "modality": _KW,
    "quantities": {
        "properties": {
            "text": _KW,
            "value": {"type": "double"},
            "low": {"type": "double"},
            "high": {"type": "double"},
            "approx": _KW,
            "unit": _KW,
        }
    },
    "dates": {
        "properties": {
            "text": _KW,
            "start_date": _DATE,
            "end_date": _DATE,
            "granularity": _KW,
        }
    },
    "entities": {"properties": {"text": _TEXT_KW, "label": _KW, "norm": _KW}},
    "claim": {
        "properties": {
            "subject": _TEXT_KW,
            "predicate": _KW,
            "object": _TEXT_KW,
            "keys": _KW,
        }
    },
    "blocking_keys": _KW,
    # The claim the statement belongs to (contraflow-claims), once the claims agent sets it.
    "claim_id": _KW,
}

# One statement of a claim (schemas.ClaimStatement), plus ``later``: what happened to it afterwards in its claim
# (indexers.documents.claim_document). ``nested``, so one statement's source, speaker, stance and time are
# aggregated together (the sources track record), never mixed with another statement's of the same claim.
_CLAIM_STATEMENT_PROPERTIES: dict[str, Any] = {
    "statement_id": _KW,
    "article_id": _KW,
    "speaker": _TEXT_KW,
    "source": _KW,
    "url": _KW,
    "published_at": _DATE,
    "stance": _KW,
    "text": _TEXT_KW,
    "quantities": _KW,
    "dates": _KW,
    "later": _KW,
}


def mappings(kind: str) -> dict[str, Any]:
    """The mapping of one index kind: ``articles``, ``statements``, ``contradictions`` or ``claims``."""
    common = {"indexed_at": _DATE}
    if kind == "articles":
        props: dict[str, Any] = {
            "id": _KW,
            "url": _KW,
            "source": _KW,
            "title": _TEXT_KW,
            "text": {"type": "text"},
            "content_hash": _KW,
            "published_at": _DATE,
            "language": _KW,
            "authors": _TEXT_KW,
        }
    elif kind == "statements":
        props = copy.deepcopy(_STATEMENT_PROPERTIES)
    elif kind == "contradictions":
        statement = {"properties": copy.deepcopy(_STATEMENT_PROPERTIES)}
        props = {
            "id": _KW,
            "kind": _KW,
            "score": {"type": "float"},
            "explanation": {"type": "text"},
            "scope": _KW,
            "a": statement,
            "b": copy.deepcopy(statement),
            # Flattened copies of both sides, so one filter matches either statement.
            "speakers": _TEXT_KW,
            "sources": _KW,
            "article_ids": _KW,
            "published_at": _DATE,
            # True when b was published strictly after a: "a was later contradicted" (sources track record;
            # Elasticsearch aggregations cannot compare two fields without scripts).
            "b_later": {"type": "boolean"},
            # The claim both statements belong to, once the claims agent sets it (the page links to it).
            "claim_id": _KW,
        }
    elif kind == "claims":
        props = {
            "id": _KW,
            "summary": _TEXT_KW,
            "status": _KW,
            "first_seen": _DATE,
            "last_seen": _DATE,
            "statements": {"type": "nested", "properties": copy.deepcopy(_CLAIM_STATEMENT_PROPERTIES)},
            "contradictions": _KW,
            # Flat copies of the statements: filters and Kibana (whose visualizations cannot read nested fields).
            "statement_ids": _KW,
            "speakers": _TEXT_KW,
            "sources": _KW,
            "stances": _KW,
            "statement_count": {"type": "integer"},
            "source_count": {"type": "integer"},
            "opposing_count": {"type": "integer"},
            "stance_counts": {"properties": {stance: {"type": "integer"} for stance in STANCES}},
            # Who asserted something later denied, not confirmed or retracted: the track record for Kibana, which
            # cannot aggregate statements.later (contraflow sources and /sources count per statement, nested).
            "questioned_sources": _KW,
            "questioned_speakers": _KW,
        }
    else:
        raise ValueError(f"unknown index kind {kind!r}; choose one of {', '.join(INDEX_KINDS)}")
    return {"dynamic": False, "properties": {**props, **common}}


def alias_name(prefix: str, kind: str) -> str:
    """The alias readers and writers use, e.g. ``contraflow-contradictions``."""
    return f"{prefix}-{kind}"


def index_name(prefix: str, kind: str, version: int = MAPPING_VERSION) -> str:
    """The concrete versioned index behind an alias, e.g. ``contraflow-contradictions-v1``."""
    return f"{prefix}-{kind}-v{version}"


def component_templates(prefix: str, *, replicas: int = 0) -> dict[str, dict[str, Any]]:
    """Component templates shared by every contraflow index (name -> body)."""
    return {
        f"{prefix}-settings": {
            "template": {
                "settings": {
                    "number_of_shards": 1,
                    "number_of_replicas": replicas,
                    # Near-real-time search is enough for analysts; 1 s keeps bulk writes cheap.
                    "refresh_interval": "1s",
                }
            },
            "_meta": {"managed_by": "contraflow"},
        }
    }


def index_templates(prefix: str) -> dict[str, dict[str, Any]]:
    """Composable index templates, one per kind (name -> body), each composed of the shared settings."""
    out: dict[str, dict[str, Any]] = {}
    for kind in INDEX_KINDS:
        out[f"{prefix}-{kind}"] = {
            "index_patterns": [f"{prefix}-{kind}-v*"],
            "composed_of": [f"{prefix}-settings"],
            # Above the built-in templates, so ours wins for our patterns.
            "priority": 200,
            "template": {"mappings": mappings(kind)},
            "version": MAPPING_VERSION,
            "_meta": {"managed_by": "contraflow", "alias": alias_name(prefix, kind)},
        }
    return out
