"""The seed article through the real pipeline: the contradictions it holds end up searchable in Elasticsearch."""

from __future__ import annotations

import json

from contraflow.runner import expected_article_ids
from indexers import alias_name, search_body
from schemas import ArticleIn


def _offline_pairs(lines: list[bytes], min_score: float) -> set[str]:
    """What the engine finds on the same articles without Kafka (the reference for the streaming result)."""
    from analysis import InMemoryCandidateIndex, extract_many, load_nlp
    from analysis.detection import detect
    from analysis.normalize import normalize_article

    articles = [normalize_article(ArticleIn.model_validate_json(line)) for line in lines]
    index = InMemoryCandidateIndex()
    found: set[str] = set()
    for statements in extract_many(articles, load_nlp()):
        for s in statements:
            found |= {c.id for c in detect(s, index, min_score=min_score)}
            index.add(s)
    return found


def _has(contradictions: list[dict], kind: str, speaker: str) -> list[dict]:
    out = []
    for c in contradictions:
        names = [c[side]["speaker"].get("name") or "" for side in ("a", "b")]
        if c["kind"] == kind and any(speaker in n for n in names):
            out.append(c)
    return out


def test_seed_article_yields_searchable_contradictions(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    ns.worker()
    lines = seed_lines
    ns.publish(lines)
    counts = ns.wait(articles=len(expected_article_ids(lines, max_text_chars=200_000)))
    assert counts["articles"] == 1
    assert counts["statements"] > 0

    found = ns.docs("contradictions")
    assert found, "no contradiction indexed for the seed article"
    for c in found:
        assert c["explanation"].strip()
        assert 0 < c["score"] <= 1
        assert c["a"]["text"] and c["b"]["text"]
    # The streaming pipeline finds what the engine finds offline on the same article: nothing more, nothing less.
    assert {c["id"] for c in found} == _offline_pairs(lines, ns.settings.analysis.min_score)

    # The article's clash: a denial ("was not true") and a non-confirmation against the troop claims.
    denials = _has(found, "denial", "Kovalenko")
    unconfirmed = _has(found, "unconfirmed", "Austin")
    assert denials, json.dumps([(c["kind"], c["speakers"]) for c in found])
    assert unconfirmed, json.dumps([(c["kind"], c["speakers"]) for c in found])
    for c in denials + unconfirmed:
        assert len([n for n in c["speakers"] if n]) == 2, c["speakers"]

    # Searchable by speaker and kind, as an analyst would (the same bodies `contraflow search` sends).
    client = ns.es()
    try:
        alias = alias_name(ns.settings.es.index_prefix, "contradictions")
        hits = client.search(index=alias, **search_body(None, kind="denial", speaker="Kovalenko"))["hits"]["hits"]
        assert {h["_id"] for h in hits} == {c["id"] for c in denials}
        hits = client.search(index=alias, **search_body("North Korea", kind="unconfirmed", speaker="Lloyd Austin"))
        assert {h["_id"] for h in hits["hits"]["hits"]} == {c["id"] for c in unconfirmed}
        st_alias = alias_name(ns.settings.es.index_prefix, "statements")
        hits = client.search(index=st_alias, **search_body(None, index="statements", speaker="Budanov"))["hits"]
        assert hits["total"]["value"] >= 1
        assert all("Budanov" in h["_source"]["speaker"]["name"] for h in hits["hits"])
    finally:
        client.close()


def test_republishing_changes_no_document_count(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    ns.worker()
    lines = seed_lines
    expected = len(expected_article_ids(lines, max_text_chars=200_000))
    ns.publish(lines)
    first = ns.wait(articles=expected)
    ids_first = {k: sorted(ns.ids(k)) for k in first}
    # The same records again, and the same article under another id (same content -> de-duplicated).
    data = json.loads(lines[0])
    clone = json.dumps({**data, "id": "a-copy-of-the-seed"}).encode()
    ns.publish(lines + [clone])
    second = ns.wait(articles=expected)
    assert second == first
    assert {k: sorted(ns.ids(k)) for k in second} == ids_first
