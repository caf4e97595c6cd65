from __future__ import annotations

import json
from datetime import UTC, datetime

from indexers import document_for, document_json, kind_of
from schemas import (
    Article,
    Claim,
    ClaimStatement,
    Contradiction,
    Speaker,
    Statement,
    content_hash,
    pair_id,
    statement_id,
)


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


def _claim_statement(sid: str, speaker: str | None, source: str, day: int | None, stance: str) -> ClaimStatement:
    return ClaimStatement(
        statement_id=sid,
        article_id=f"art-{sid}",
        speaker=speaker,
        source=source,
        published_at=datetime(2024, 10, day, tzinfo=UTC) if day else None,
        stance=stance,
        text=f"{speaker or source} on the claim ({stance}).",
    )


def test_claim_document_marks_what_happened_later_to_each_assertion():
    statements = [
        _claim_statement("s1", "Volodymyr Zelenskyy", "censor.net", 17, "asserts"),
        _claim_statement("s2", None, "washingtonpost.com", 18, "asserts"),
        _claim_statement("s3", "Andrii Kovalenko", "censor.net", 19, "denies"),
        _claim_statement("s4", "Lloyd Austin", "censor.net", 19, "not_confirmed"),
        _claim_statement("s5", "volodymyr zelenskyy", "kyivpost.com", 20, "retracts"),
        _claim_statement("s6", "Kyrylo Budanov", "censor.net", 20, "asserts"),
        _claim_statement("s7", "Someone", "x.org", None, "asserts"),
    ]
    claim = Claim(id="c1", summary="Russia trains North Korean soldiers", status="denied", statements=statements)
    doc_id, doc = document_for(claim)
    assert doc_id == "c1" and kind_of(claim) == "claims"
    later = {s["statement_id"]: s["later"] for s in doc["statements"]}
    # Zelenskyy's own retraction is counted apart from the others' denial and non-confirmation.
    assert later["s1"] == ["denied", "not_confirmed", "retracted_own"]
    assert later["s2"] == ["denied", "not_confirmed", "retracted"]
    # Published the same day as the retraction: not "later"; no time: nothing can be said.
    assert later["s6"] == [] and later["s7"] == []
    # Only assertions have a record to keep.
    assert later["s3"] == [] and later["s5"] == []
    assert doc["opposing_count"] == 3 and doc["statement_count"] == 7
    assert doc["stance_counts"]["asserts"] == 4 and doc["stance_counts"]["reports"] == 0
    assert doc["sources"] == ["censor.net", "kyivpost.com", "washingtonpost.com", "x.org"]
    assert doc["questioned_sources"] == ["censor.net", "washingtonpost.com"]
    assert doc["questioned_speakers"] == ["Volodymyr Zelenskyy"]
    assert "s4" in doc["statement_ids"] and doc["stances"] == ["asserts", "denies", "not_confirmed", "retracts"]
    json.loads(document_json(claim)[1])


def test_contradiction_document_says_whether_b_came_later():
    s1 = _statement("a1", 0, "Kyrylo Budanov", "censor.net", 20)
    s2 = _statement("a2", 10, None, "kyivpost.com", 21)
    s3 = _statement("a3", 20, None, "kyivpost.com", 21)
    later = Contradiction(
        id=pair_id(s1.id, s2.id), kind="denial", score=0.8, explanation="x", scope="cross_article", a=s1, b=s2
    )
    same_day = Contradiction(
        id=pair_id(s2.id, s3.id), kind="denial", score=0.8, explanation="x", scope="cross_article", a=s2, b=s3
    )
    assert document_for(later)[1]["b_later"] is True
    assert document_for(same_day)[1]["b_later"] is False
