"""Fuzzing through a real worker: 1,300 hypothesis-generated raw records (random bytes, random JSON, mutated
valid articles, valid articles with generated words) published byte for byte to a worker on the real stack. Every
record is accounted for: indexed, dead-lettered or counted as a duplicate, exactly as ``normalise``'s
classification and the dedupe rule predict offline; no agent crashes.

One partition, so the worker sees the records in publish order and the duplicates (same content as an earlier
article under another id) are exactly predictable.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter

from fuzz_records import FUZZ, article_variants, json_values, mutated_articles, random_bytes
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from pipeline_helpers import metric

from streams.agents.normalise import RawRecordError, normalise_record

COUNTS = {"bytes": 300, "json": 300, "mutated": 500, "variants": 200}


def _generate() -> list[bytes]:
    """The records, in publish order; each article gets an id of its own (``fz-<n>``) where its id survived the
    mutation, so most valid ones are distinct articles (some keep a shared, mutated or missing id)."""
    records: list[bytes] = []

    def collect(strategy: st.SearchStrategy[bytes], n: int) -> None:
        @settings(FUZZ, max_examples=n, phases=[Phase.generate])
        @given(strategy)
        def run(payload: bytes) -> None:
            records.append(payload)

        run()

    collect(random_bytes(), COUNTS["bytes"])
    collect(json_values().map(lambda v: json.dumps(v).encode()), COUNTS["json"])
    start = len(records)
    collect(mutated_articles(), COUNTS["mutated"])
    collect(article_variants(), COUNTS["variants"])
    for n in range(start, len(records)):
        records[n] = records[n].replace(b'"a-1"', f'"fz-{n}"'.encode(), 1)
    return records


def _expected(records: list[bytes], max_text_chars: int) -> tuple[Counter, int, set[str]]:
    """(sha256 -> dead letters expected of it, duplicates, ids indexed) as the worker must end up."""
    dead: Counter = Counter()
    first_id: dict[str, str] = {}
    duplicates = 0
    indexed: set[str] = set()
    for payload in records:
        try:
            article, _ = normalise_record(payload, max_text_chars=max_text_chars)
        except RawRecordError:
            dead[hashlib.sha256(payload).hexdigest()] += 1
            continue
        first = first_id.setdefault(article.content_hash, article.id)
        if first != article.id:
            duplicates += 1  # same words under another id (streams/agents/normalise.py, dedupe)
        else:
            indexed.add(article.id)
    return dead, duplicates, indexed


def _publish_raw(ns, records: list[bytes]) -> None:
    """Each record as one Kafka message, byte for byte (no key)."""
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=ns.settings.kafka.bootstrap, acks="all", linger_ms=5)
    try:
        futures = [producer.send(ns.settings.topics.raw, value=r) for r in records]
        producer.flush(timeout=60)
        for f in futures:
            f.get(timeout=60)
    finally:
        producer.close()


def test_generated_records_through_a_worker_are_all_accounted_for(pipeline_factory):
    ns = pipeline_factory(partitions=1)
    records = _generate()
    assert len(records) >= 1_000
    dead, duplicates, indexed = _expected(records, ns.settings.analysis.max_text_chars)
    published = len(records)
    passed = published - sum(dead.values()) - duplicates
    print(
        f"\n{published} records: {sum(dead.values())} to dead-letter, {duplicates} duplicates, {passed} to index "
        f"under {len(indexed)} distinct ids"
    )
    assert dead and duplicates and indexed, "the generators no longer produce every outcome"

    worker = ns.worker()
    started = time.monotonic()
    _publish_raw(ns, records)
    ns.wait(articles=len(indexed), timeout_s=600)
    # dead letters of the last records may land after the last article is indexed
    deadline = time.monotonic() + 60
    while True:
        letters = ns.dead_letters()
        if len(letters) >= sum(dead.values()) or time.monotonic() > deadline:
            break
        time.sleep(1)
    print(f"all accounted for {time.monotonic() - started:.1f}s after publishing began")

    assert Counter(d["payload_sha256"] for d in letters) == dead
    assert {d["stage"] for d in letters} == {"normalise"}
    assert metric(worker.web_port, "contraflow_duplicate_articles_total") == duplicates
    ids = ns.ids("articles")
    assert sorted(ids) == sorted(indexed)
    # what the worker counted: passed on to be indexed (a later version of an id replaces the earlier one in
    # Elasticsearch) + dead letters + duplicates = published
    consumed = metric(worker.web_port, 'contraflow_records_consumed_total{stage="normalise"}')
    passed_on = metric(worker.web_port, 'contraflow_records_produced_total{stage="normalise"}')
    assert consumed == published
    assert passed_on == passed
    assert passed_on + len(letters) + metric(worker.web_port, "contraflow_duplicate_articles_total") == published

    assert worker.alive
    log = worker.log_path.read_text(errors="replace")
    assert "crashed" not in log.lower() and "Traceback" not in log and "event_failed" not in log, worker.log_tail()
