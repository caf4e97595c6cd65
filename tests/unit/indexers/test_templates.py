from __future__ import annotations

import pytest

from indexers import INDEX_KINDS, alias_name, component_templates, index_name, index_templates, mappings


def test_every_kind_has_a_template_composed_of_the_shared_settings():
    templates = index_templates("t1")
    components = component_templates("t1")
    assert set(templates) == {f"t1-{k}" for k in INDEX_KINDS}
    for kind in INDEX_KINDS:
        body = templates[f"t1-{kind}"]
        assert body["index_patterns"] == [f"t1-{kind}-v*"]
        assert set(body["composed_of"]) <= set(components)
        # The versioned index behind the alias must match the template's pattern.
        assert index_name("t1", kind).startswith(f"t1-{kind}-v")
        assert alias_name("t1", kind) == f"t1-{kind}"


def test_search_fields_have_text_and_keyword():
    st = mappings("statements")["properties"]
    assert st["text"]["type"] == "text" and st["text"]["fields"]["keyword"]["type"] == "keyword"
    assert st["speaker"]["properties"]["name"]["fields"]["keyword"]["type"] == "keyword"
    assert st["speaker"]["properties"]["type"]["type"] == "keyword"
    assert st["published_at"]["type"] == "date"
    assert st["entities"]["properties"]["norm"]["type"] == "keyword"


def test_contradiction_mapping_holds_both_statements_and_explanation():
    c = mappings("contradictions")["properties"]
    assert c["kind"]["type"] == "keyword"
    assert c["score"]["type"] == "float"
    assert c["explanation"]["type"] == "text"
    for side in ("a", "b"):
        assert c[side]["properties"]["speaker"]["properties"]["name"]["type"] == "text"
    assert c["speakers"]["fields"]["keyword"]["type"] == "keyword"


def test_mappings_do_not_index_unplanned_fields():
    for kind in INDEX_KINDS:
        assert mappings(kind)["dynamic"] is False


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        mappings("tweets")


def test_claim_mapping_is_fit_for_search_and_per_statement_aggregations():
    c = mappings("claims")["properties"]
    assert c["summary"]["type"] == "text" and c["summary"]["fields"]["keyword"]["type"] == "keyword"
    assert c["status"]["type"] == "keyword"
    assert c["first_seen"]["type"] == "date" and c["last_seen"]["type"] == "date"
    # nested: one statement's source, stance and time stay together in an aggregation.
    st = c["statements"]
    assert st["type"] == "nested"
    for field in ("stance", "source", "statement_id", "later"):
        assert st["properties"][field]["type"] == "keyword", field
    assert st["properties"]["text"]["type"] == "text"
    assert st["properties"]["speaker"]["fields"]["keyword"]["type"] == "keyword"
    assert st["properties"]["published_at"]["type"] == "date"
    assert c["opposing_count"]["type"] == "integer"
    assert "claims" in INDEX_KINDS and alias_name("t1", "claims") == "t1-claims"


def test_contradictions_say_whether_b_came_later_and_link_their_claim():
    c = mappings("contradictions")["properties"]
    assert c["b_later"]["type"] == "boolean"
    assert c["claim_id"]["type"] == "keyword" and c["a"]["properties"]["claim_id"]["type"] == "keyword"
    assert mappings("statements")["properties"]["claim_id"]["type"] == "keyword"
