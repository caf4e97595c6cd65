"""Kafka stopped mid-stream for ``OUTAGE_S`` seconds and started again: the worker and the producers resume, and
Elasticsearch ends with exactly the expected articles, statements and contradictions, no duplicates, no dead
letters.

Uses a private broker (a stack home new for each test and its own ports, started through the same ``LocalStack``
code: the ``private_stack`` fixture) so that stopping it does not disturb anyone using the shared stack;
Elasticsearch is the shared node. The broker is stopped the way ``contraflow stack down`` stops it (SIGTERM, a
controlled shutdown).
"""

from __future__ import annotations

import time

import pytest
from pipeline_helpers import reference_for

from contraflow.runner import expected_article_ids

pytestmark = pytest.mark.slow

OUTAGE_S = 30.0


@pytest.fixture
def private_kafka(private_stack):
    with private_stack("kafka-fault-stack", "kafka") as local:  # a fresh broker: no topics or groups of other runs
        yield local


def test_kafka_down_mid_stream_resumes_exact(pipeline_factory, news_subset, news_statements, private_kafka):
    ns = pipeline_factory(partitions=3, kafka_bootstrap=private_kafka.kafka_bootstrap, candidates_per_key=1000)
    lines = news_subset[:90]
    first, rest = lines[:45], lines[45:]
    expected_ids = expected_article_ids(lines, max_text_chars=ns.settings.analysis.max_text_chars)
    ref = reference_for(expected_ids, news_statements, ns.settings.analysis.min_score)

    worker = ns.worker(session_timeout_s=10)
    ns.publish(first)
    deadline = time.monotonic() + 180
    while ns.counts()["articles"] < 5:
        assert time.monotonic() < deadline, worker.log_tail()
        time.sleep(0.5)

    before = ns.counts()
    stopping = time.monotonic()
    private_kafka.stop_service("kafka")
    down_at = time.monotonic()
    while time.monotonic() - down_at < OUTAGE_S:
        assert worker.alive, worker.log_tail()
        time.sleep(1)
    private_kafka.start_service("kafka")
    up_at = time.monotonic()
    ns.publish(rest)  # a producer started after the restart
    counts = ns.wait(articles=len(expected_ids), timeout_s=400)
    done_at = time.monotonic()
    print(
        f"\nkafka stop took {down_at - stopping:.1f}s, down {up_at - down_at:.1f}s (incl. start), "
        f"indexed before the stop {before}, all {len(expected_ids)} articles done {done_at - up_at:.1f}s after "
        f"the restart"
    )

    assert worker.alive, worker.log_tail()
    assert before["articles"] < len(first), "the first batch was done before the stop: nothing was tested"
    articles, statements, contradictions = ns.ids("articles"), ns.ids("statements"), ns.ids("contradictions")
    assert set(articles) == ref.articles and len(articles) == len(ref.articles)
    assert set(statements) == ref.statements and len(statements) == len(ref.statements)
    missing, extra = ref.contradictions - set(contradictions), set(contradictions) - ref.contradictions
    if missing or extra:  # where they were lost: before the contradictions topic (detect) or after (indexing)
        import json

        topic = {json.loads(v)["id"] for _, v in ns.read_topic(ns.settings.topics.contradictions) if v}
        statements_msgs = ns.read_topic(ns.settings.topics.statements)
        raise AssertionError(
            f"missing={len(missing)} extra={len(extra)} of {len(ref.contradictions)}; missing in the contradictions "
            f"topic: {len(missing - topic)}; {len(statements_msgs)} statements messages; "
            f"log: {worker.log_path}"
        )
    assert (counts["articles"], counts["statements"], counts["contradictions"]) == (
        len(articles),
        len(statements),
        len(contradictions),
    )
    assert ns.dead_letters() == []
    log = worker.log_path.read_text(errors="replace")
    assert "crashed" not in log.lower(), worker.log_tail()
