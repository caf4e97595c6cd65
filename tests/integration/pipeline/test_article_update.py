"""The same article id published again with new content replaces the old version in Elasticsearch: its article,
exactly the new version's statements, and exactly the contradictions the engine finds in the new version (those
on statements that went or changed are removed). A later version wins whatever order they arrive in.
"""

from __future__ import annotations

import json
import time

from kafka import KafkaProducer
from pipeline_helpers import reference_for

from streams.agents.normalise import classify_raw


def _version(seed: dict, drop: str) -> bytes:
    """The seed article without the paragraph that contains ``drop``."""
    paragraphs = [p for p in seed["text"].split("\n\n") if drop not in p]
    assert len(paragraphs) < len(seed["text"].split("\n\n")), drop
    return json.dumps({**seed, "text": "\n\n".join(paragraphs)}).encode()


def _expected(line: bytes, nlp, min_score: float):
    from analysis import extract_many

    article = classify_raw(line, max_text_chars=200_000)
    statements = list(extract_many([article], nlp))[0]
    return article, reference_for([article.id], {article.id: statements}, min_score)


def _assert_indexed(ns, article, ref) -> None:
    articles = ns.docs("articles")
    assert [a["id"] for a in articles] == [article.id]
    assert articles[0]["text"] == article.text
    statements = ns.ids("statements")
    assert set(statements) == ref.statements and len(statements) == len(ref.statements)
    contradictions = ns.ids("contradictions")
    missing, extra = ref.contradictions - set(contradictions), set(contradictions) - ref.contradictions
    assert not missing and not extra, f"missing={len(missing)} extra={len(extra)} of {len(ref.contradictions)}"
    assert len(contradictions) == len(ref.contradictions)


def test_a_new_version_replaces_the_old_one_and_a_later_version_wins(pipeline_factory, seed_lines):
    from analysis import load_nlp

    nlp = load_nlp()
    ns = pipeline_factory(partitions=3, candidates_per_key=1000)
    min_score = ns.settings.analysis.min_score
    seed = json.loads(seed_lines[0])
    v1 = seed_lines[0]
    v2 = _version(seed, "Kovalenko")  # the denial goes: its three contradictions must go too
    v3 = _version(seed, "Rutte wrote")
    v4 = _version(seed, "Lloyd Austin")  # the "not yet confirmed" statement goes
    a1, ref1 = _expected(v1, nlp, min_score)
    a2, ref2 = _expected(v2, nlp, min_score)
    a4, ref4 = _expected(v4, nlp, min_score)
    assert ref1.contradictions - ref2.contradictions, "v2 must lose contradictions, or nothing is tested"
    assert ref1.statements - ref2.statements, "v2 must lose statement ids, or nothing is tested"

    worker = ns.worker()
    ns.publish([v1])
    ns.wait(articles=1, timeout_s=300)
    _assert_indexed(ns, a1, ref1)

    started = time.monotonic()
    ns.publish([v2])
    ns.wait(articles=1, timeout_s=120)
    _assert_indexed(ns, a2, ref2)
    replaced_s = time.monotonic() - started

    # v4 is the later version (its producer's timestamp) but reaches Kafka first; v3 then arrives, older
    now_ms = int(time.time() * 1000)
    producer = KafkaProducer(bootstrap_servers=ns.settings.kafka.bootstrap, acks="all")
    try:
        key = seed["id"].encode()
        producer.send(ns.settings.topics.raw, key=key, value=v4, timestamp_ms=now_ms + 120_000).get(timeout=30)
        producer.send(ns.settings.topics.raw, key=key, value=v3, timestamp_ms=now_ms + 60_000).get(timeout=30)
    finally:
        producer.close()
    ns.wait(articles=1, timeout_s=120)
    _assert_indexed(ns, a4, ref4)
    assert ns.docs("articles")[0]["version"].startswith(f"{now_ms + 120_000:015d}:")
    assert ns.dead_letters() == []
    log = worker.log_path.read_text(errors="replace")
    assert "article_superseded" in log
    assert "crashed" not in log.lower() and "Traceback" not in log, worker.log_tail()
    print(
        f"\nv1: {len(ref1.statements)} statements, {len(ref1.contradictions)} contradictions; v2: "
        f"{len(ref2.statements)} / {len(ref2.contradictions)} (replaced in {replaced_s:.1f}s); "
        f"v4: {len(ref4.statements)} / {len(ref4.contradictions)}"
    )
