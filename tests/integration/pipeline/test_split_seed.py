"""The seed split into separate articles (one per paragraph, different outlets and days): the same
contradictions are found across articles, whatever partition or order each article takes."""

from __future__ import annotations

from pipeline_helpers import offline_contradictions, split_seed

from contraflow.runner import expected_article_ids


def _signature(kind: str, a: dict, b: dict) -> tuple:
    """What makes two findings "the same contradiction" across different article layouts."""
    return kind, frozenset({(a["speaker"].get("name"), a["text"]), (b["speaker"].get("name"), b["text"])})


def test_split_seed_yields_the_same_contradictions_across_articles(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    parts = split_seed(seed_lines[0])
    assert len(parts) >= 10
    ns.worker()
    # Publish in reverse order: the later statement of each pair arrives first.
    ns.publish(list(reversed(parts)))
    ns.wait(articles=len(expected_article_ids(parts, max_text_chars=ns.settings.analysis.max_text_chars)))

    found = ns.docs("contradictions")
    assert found
    for c in found:
        assert c["scope"] == "cross_article"
        assert c["a"]["article_id"] != c["b"]["article_id"]
        assert c["a"]["source"] != c["b"]["source"]
        assert c["explanation"].strip()

    min_score = ns.settings.analysis.min_score
    # The pipeline finds what the engine finds on the same split articles...
    assert {c["id"] for c in found} == {c.id for c in offline_contradictions(parts, min_score)}
    # ...and that is the same set of clashes (same kinds, speakers, sentences) as in the whole seed article.
    whole = {
        _signature(c.kind, c.a.model_dump(), c.b.model_dump()) for c in offline_contradictions(seed_lines, min_score)
    }
    assert whole, "the engine finds nothing in the seed article"
    assert {_signature(c["kind"], c["a"], c["b"]) for c in found} == whole
