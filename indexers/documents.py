"""Schema records -> Elasticsearch documents (``_id`` is always the record's deterministic id)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from schemas import Article, Contradiction, Statement

__all__ = ["document_for", "document_json", "kind_of"]


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
    raise TypeError(f"no index for {type(record).__name__}")


def document_for(record: BaseModel) -> tuple[str, dict[str, Any]]:
    """``(_id, _source)`` of a record."""
    if isinstance(record, Article):
        return record.id, _article(record)
    if isinstance(record, Statement):
        return record.id, _statement(record)
    if isinstance(record, Contradiction):
        return record.id, _contradiction(record)
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
