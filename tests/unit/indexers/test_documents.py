from __future__ import annotations

import json
from datetime import UTC, datetime

from indexers import document_for, document_json, kind_of
from schemas import Article, Contradiction, Speaker, Statement, content_hash, pair_id, statement_id


def _statement(article_id: str, start: int, speaker: str | None, source: str, day: int) -> Statement:
    text = "Officials said the report was not true."
    return Statement(
        id=statement_id(article_id, start, start + len(text)),
        article_id=article_id,
        source=source,
        published_at=datetime(2024, 10, day, tzinfo=UTC),
        text=text,
        start=start,
        end=start + len(text),
        speaker=Speaker(name=speaker, type="person" if speaker else "unknown"),
    )


def test_ids_are_the_records_deterministic_ids():
    a = Article(id="a1", source="x.org", title="t", text="body", content_hash=content_hash("x.org", "t", "body"))
    doc_id, doc = document_for(a)
    assert doc_id == "a1" and doc["content_hash"] == a.content_hash and "indexed_at" in doc
    assert kind_of(a) == "articles"


def test_contradiction_document_flattens_both_sides():
    s1 = _statement("a1", 0, "Kyrylo Budanov", "censor.net", 20)
    s2 = _statement("a2", 10, None, "kyivpost.com", 21)
    c = Contradiction(
        id=pair_id(s1.id, s2.id), kind="denial", score=0.8, explanation="denied", scope="cross_article", a=s1, b=s2
    )
    doc_id, doc = document_for(c)
    assert doc_id == pair_id(s2.id, s1.id)
    assert doc["speakers"] == ["Kyrylo Budanov"]
    assert doc["sources"] == ["censor.net", "kyivpost.com"]
    assert doc["article_ids"] == ["a1", "a2"]
    assert doc["published_at"].startswith("2024-10-21")
    assert doc["a"]["speaker"]["name"] == "Kyrylo Budanov"
    assert kind_of(c) == "contradictions" and kind_of(s1) == "statements"


def test_document_json_is_the_document_serialised():
    s1 = _statement("a1", 0, "Kyrylo Budanov", "censor.net", 20)
    s2 = _statement("a2", 10, None, "kyivpost.com", 21).model_copy(update={"blocking_keys": ["e:ü", 'n:"q"']})
    a = Article(id="a1", source="x.org", title="Tït", text="bödy", content_hash=content_hash("x.org", "t", "b"))
    c = Contradiction(
        id=pair_id(s1.id, s2.id), kind="denial", score=0.8, explanation="denied", scope="cross_article", a=s1, b=s2
    )
    for record in (a, s1, s2, c):
        doc_id, text = document_json(record)
        want_id, want = document_for(record)
        got = json.loads(text)
        assert doc_id == want_id
        assert got.pop("indexed_at") and want.pop("indexed_at")
        assert got == want
