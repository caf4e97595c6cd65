from __future__ import annotations

import pytest

from indexers import search_body


def _filters(body):
    return body["query"]["bool"]["filter"]


def test_free_text_searches_the_index_fields():
    body = search_body("North Korean soldiers", index="statements")
    mm = body["query"]["bool"]["must"][0]["multi_match"]
    assert mm["query"] == "North Korean soldiers"
    assert any(f.startswith("speaker.name") for f in mm["fields"])


@pytest.mark.parametrize("q", [None, "", "*", "  "])
def test_empty_query_matches_everything(q):
    assert search_body(q)["query"]["bool"]["must"] == [{"match_all": {}}]


def test_filters_kind_speaker_source_since():
    body = search_body("troops", kind="denial", speaker="Budanov", source="WWW.Censor.net ", since="2024-10-01")
    f = _filters(body)
    assert {"term": {"kind": "denial"}} in f
    assert {"match": {"speakers": {"query": "Budanov", "operator": "and"}}} in f
    assert {"term": {"sources": "www.censor.net"}} in f
    assert {"range": {"published_at": {"gte": "2024-10-01"}}} in f


def test_speaker_filter_uses_the_statement_field_on_statements():
    f = _filters(search_body(None, index="statements", speaker="Lloyd Austin"))
    assert f == [{"match": {"speaker.name": {"query": "Lloyd Austin", "operator": "and"}}}]


def test_kind_only_applies_to_contradictions():
    with pytest.raises(ValueError):
        search_body("x", index="statements", kind="denial")
    with pytest.raises(ValueError):
        search_body("x", index="tweets")


def test_claim_search_reaches_into_statements_and_filters_status():
    from indexers import search_body

    body = search_body("alleged preparation", index="claims", status="denied", since="2024-10-20")
    query = body["query"]["bool"]
    nested = query["must"][0]["bool"]["should"][1]["nested"]
    assert nested["path"] == "statements"
    assert {"term": {"status": "denied"}} in query["filter"]
    assert {"range": {"last_seen": {"gte": "2024-10-20"}}} in query["filter"]
    with pytest.raises(ValueError, match="claims only"):
        search_body(None, index="contradictions", status="denied")
    with pytest.raises(ValueError, match="unknown claim status"):
        search_body(None, index="claims", status="debunked")


def test_track_record_rows_merge_both_indices_and_rank_the_most_questioned_first():
    from indexers import track_record_bodies, track_record_rows

    own = {"key": "retracted_own", "doc_count": 2}
    claims_aggs = {
        "statements": {
            "asserted": {
                "by": {
                    "buckets": [
                        {"key": "a.org", "doc_count": 5, "later": {"buckets": [{"key": "denied", "doc_count": 1}]}},
                        {"key": "b.org", "doc_count": 2, "later": {"buckets": [own]}},
                    ]
                }
            }
        }
    }
    contradictions_aggs = {"by": {"buckets": [{"key": "c.org", "doc_count": 9, "statements": {"value": 4}}]}}
    rows = track_record_rows(claims_aggs, contradictions_aggs)
    assert [r["name"] for r in rows] == ["c.org", "b.org", "a.org"]
    assert rows[0]["contradicted"] == 4 and rows[0]["asserted"] == 0
    assert rows[1]["retracted_own"] == 2 and rows[1]["retracted"] == 0
    assert track_record_rows(None, None) == []
    assert track_record_rows(claims_aggs, None, size=1)[0]["name"] == "b.org"
    with pytest.raises(ValueError, match="planet"):
        track_record_bodies("planet")
