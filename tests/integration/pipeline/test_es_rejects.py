"""Documents Elasticsearch refuses for good (a 4xx per item) go to the dead-letter topic; the stream moves on."""

from __future__ import annotations

import base64
import json
import time

from contraflow.kafka_admin import group_lag
from indexers import ensure_indices, index_name


def test_rejected_documents_are_dead_lettered_with_the_reason(pipeline_factory, news_lines):
    ns = pipeline_factory(partitions=2)
    prefix = ns.settings.es.index_prefix
    client = ns.es()
    try:
        ensure_indices(client, prefix)
        # A real refusal from the node: the articles index is write-blocked (403 per item, never retried).
        client.indices.put_settings(index=index_name(prefix, "articles"), settings={"index.blocks.write": True})
        good = news_lines[:3]
        ns.worker()
        ns.publish(good)
        deadline = time.monotonic() + 240
        while True:
            letters = [d for d in ns.dead_letters() if d["stage"] == "index-articles"]
            if len(letters) >= len(good) and not any(group_lag(ns.settings).values()):
                break
            assert time.monotonic() < deadline, f"dead letters so far: {len(letters)}"
            time.sleep(2)
    finally:
        client.indices.put_settings(index=index_name(prefix, "articles"), settings={"index.blocks.write": None})
        client.close()

    assert len(letters) == len(good)
    ids = {json.loads(base64.b64decode(d["payload_b64"]))["id"] for d in letters}
    assert ids == {json.loads(line)["id"] for line in good}
    for d in letters:
        assert d["reason"] == "es_rejected"
        assert "cluster_block_exception" in d["error"] or "blocked" in d["error"]
        assert d["topic"] == ns.settings.topics.normalized
    # The rest of the pipeline went on: statements of the same articles are indexed.
    counts = ns.counts()
    assert counts["articles"] == 0
    assert counts["statements"] > 0
    assert all(w.alive for w in ns.workers)
