"""The seed split into separate articles (one per paragraph, different outlets and days): the same
contradictions are found across articles, whatever partition or order each article takes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from contraflow.runner import expected_article_ids
from schemas import ArticleIn


def _split(seed_line: bytes) -> list[bytes]:
    seed = json.loads(seed_line)
    paragraphs = [p for p in seed["text"].split("\n\n") if p.strip()]
    out = []
    for i, text in enumerate(paragraphs):
        out.append(
            json.dumps(
                {
                    "id": f"seed-part-{i:02d}",
                    "url": None,
                    "source": f"outlet{i}.example",
                    "title": f"{seed['title']} ({i + 1}/{len(paragraphs)})",
                    "text": text,
                    "published_at": (datetime(2024, 10, 10) + timedelta(days=i, hours=i)).isoformat(),
                    "language": "en",
                    "authors": [],
                }
            ).encode()
        )
    return out


def _offline(lines: list[bytes], min_score: float):
    from analysis import InMemoryCandidateIndex, detect, extract_many, load_nlp
    from analysis.normalize import normalize_article

    articles = [normalize_article(ArticleIn.model_validate_json(line)) for line in lines]
    index = InMemoryCandidateIndex()
    found = []
    for statements in extract_many(articles, load_nlp()):
        for s in statements:
            found += detect(s, index, min_score=min_score)
            index.add(s)
    return found


def _signature(kind: str, a: dict, b: dict) -> tuple:
    """What makes two findings "the same contradiction" across different article layouts."""
    return kind, frozenset({(a["speaker"].get("name"), a["text"]), (b["speaker"].get("name"), b["text"])})


def test_split_seed_yields_the_same_contradictions_across_articles(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    parts = _split(seed_lines[0])
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
    assert {c["id"] for c in found} == {c.id for c in _offline(parts, min_score)}
    # ...and that is the same set of clashes (same kinds, speakers, sentences) as in the whole seed article.
    whole = {_signature(c.kind, c.a.model_dump(), c.b.model_dump()) for c in _offline(seed_lines, min_score)}
    assert whole, "the engine finds nothing in the seed article"
    assert {_signature(c["kind"], c["a"], c["b"]) for c in found} == whole
