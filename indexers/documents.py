"""Schema records -> Elasticsearch documents (``_id`` is always the record's deterministic id)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from schemas import STANCES, Article, Claim, ClaimStatement, Contradiction, Statement

__all__ = ["OPPOSING_STANCES", "claim_document", "document_for", "document_json", "kind_of", "later_events"]

# Stances that go against a claim: a statement that asserted it before one of these was "later" denied, not
# confirmed or retracted (the sources track record).
OPPOSING_STANCES: dict[str, str] = {"denies": "denied", "not_confirmed": "not_confirmed", "retracts": "retracted"}


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _article(a: Article) -> dict[str, Any]:
    return {**a.model_dump(mode="json"), "indexed_at": _now()}


def _statement(s: Statement) -> dict[str, Any]:
    return {**s.model_dump(mode="json"), "indexed_at": _now()}


def _contradiction(c: Contradiction) -> dict[str, Any]:
    doc = c.model_dump(mode="json")
    sides = (c.a, c.b)
    doc["speakers"] = sorted({s.speaker.name for s in sides if s.speaker.name})
    doc["sources"] = sorted({s.source for s in sides})
    doc["article_ids"] = sorted({s.article_id for s in sides})
    times = [s.published_at for s in sides if s.published_at is not None]
    doc["published_at"] = max(times).isoformat() if times else None
    # a is the earlier side when both times are known (analysis.judge); equal times are not "later".
    ta, tb = c.a.published_at, c.b.published_at
    doc["b_later"] = ta is not None and tb is not None and ta < tb
    doc["indexed_at"] = _now()
    return doc


def _same_author(s: ClaimStatement, other: ClaimStatement) -> bool:
    if s.speaker and other.speaker:
        return s.speaker.casefold() == other.speaker.casefold()
    # Without speakers, an outlet retracting its own report.
    return not s.speaker and not other.speaker and s.source == other.source


def later_events(s: ClaimStatement, claim: Claim) -> list[str]:
    """What happened to an asserting statement afterwards, from the claim's statements published strictly later.

    ``denied``, ``not_confirmed``, ``retracted`` (by someone else) and ``retracted_own`` (by the same speaker, or
    the same outlet when neither names a speaker). Statements that do not assert, or have no publication time,
    have none: "later" is read from ``published_at`` only.
    """
    if s.stance != "asserts" or s.published_at is None:
        return []
    events = set()
    for other in claim.statements:
        if other.published_at is None or other.published_at <= s.published_at or other.stance not in OPPOSING_STANCES:
            continue
        event = OPPOSING_STANCES[other.stance]
        events.add("retracted_own" if event == "retracted" and _same_author(s, other) else event)
    return sorted(events)


def claim_document(c: Claim) -> dict[str, Any]:
    """The ``contraflow-claims`` document of a claim: the claim, each statement's ``later`` events, flat copies."""
    doc = c.model_dump(mode="json")
    questioned = []
    for statement, out in zip(c.statements, doc["statements"], strict=True):
        out["later"] = later_events(statement, c)
        if out["later"]:
            questioned.append(statement)
    stances = [s.stance for s in c.statements]
    doc["statement_ids"] = sorted({s.statement_id for s in c.statements})
    doc["speakers"] = sorted({s.speaker for s in c.statements if s.speaker})
    doc["sources"] = sorted({s.source for s in c.statements})
    doc["stances"] = sorted(set(stances))
    doc["statement_count"] = len(stances)
    doc["source_count"] = len(doc["sources"])
    doc["opposing_count"] = sum(1 for stance in stances if stance in OPPOSING_STANCES)
    counts: Counter[str] = Counter(stances)
    doc["stance_counts"] = {stance: counts[stance] for stance in STANCES}
    doc["questioned_sources"] = sorted({s.source for s in questioned})
    doc["questioned_speakers"] = sorted({s.speaker for s in questioned if s.speaker})
    doc["indexed_at"] = _now()
    return doc


def kind_of(record: BaseModel) -> str:
    """The index kind a record belongs to."""
    if isinstance(record, Article):
        return "articles"
    if isinstance(record, Statement):
        return "statements"
    if isinstance(record, Contradiction):
        return "contradictions"
    if isinstance(record, Claim):
        return "claims"
    raise TypeError(f"no index for {type(record).__name__}")


def document_for(record: BaseModel) -> tuple[str, dict[str, Any]]:
    """``(_id, _source)`` of a record."""
    if isinstance(record, Article):
        return record.id, _article(record)
    if isinstance(record, Statement):
        return record.id, _statement(record)
    if isinstance(record, Contradiction):
        return record.id, _contradiction(record)
    if isinstance(record, Claim):
        return record.id, claim_document(record)
    raise TypeError(f"no document for {type(record).__name__}")


def document_json(record: BaseModel) -> tuple[str, str]:
    """``(_id, _source as JSON text)`` of a record: what :func:`document_for` gives, serialised.

    Articles and statements (~27 documents per article) are serialised by pydantic in one call each, the
    ``indexed_at`` stamp spliced in, instead of a dict built field by field and then encoded by the client.
    """
    if isinstance(record, (Article, Statement)):
        text = record.model_dump_json()
        return record.id, f'{text[:-1]},"indexed_at":"{_now()}"}}'
    doc_id, doc = document_for(record)
    return doc_id, json.dumps(doc, ensure_ascii=False)
