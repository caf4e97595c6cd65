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
