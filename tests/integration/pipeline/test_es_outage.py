"""Elasticsearch stopped for 60 s mid-stream (issue #18's target): the worker backs off, resumes, and the final
counts are exact.

Uses a private Elasticsearch node (its own stack home and port, started through the same ``LocalStack`` code) so
that stopping it does not disturb anyone else using the shared stack. Kafka is the shared broker.
"""

from __future__ import annotations

import time

import pytest
from pipeline_helpers import metric, reference_for

from contraflow.runner import expected_article_ids

pytestmark = pytest.mark.slow

DOWN_S = 60.0


@pytest.fixture
def private_es(private_stack):
    with private_stack("fault-stack", "elasticsearch") as local:
        yield local


def test_es_down_60s_backs_off_resumes_exact(pipeline_factory, news_subset, news_statements, private_es):
    ns = pipeline_factory(partitions=3, es_url=private_es.es_url, candidates_per_key=1000)
    lines = news_subset[:90]
    first, rest = lines[:30], lines[30:]
    expected_ids = expected_article_ids(lines, max_text_chars=ns.settings.analysis.max_text_chars)
    ref = reference_for(expected_ids, news_statements, ns.settings.analysis.min_score)

    worker = ns.worker()
    ns.publish(first)
    deadline = time.monotonic() + 180
    while ns.counts()["articles"] < 5:
        assert time.monotonic() < deadline, worker.log_tail()
        time.sleep(1)

    private_es.stop_service("elasticsearch")
    down_at = time.monotonic()
    ns.publish(rest)  # lag grows while the node is away
    while time.monotonic() - down_at < DOWN_S:
        assert worker.alive, worker.log_tail()
        time.sleep(2)
    errors_while_down = metric(worker.web_port, "contraflow_es_bulk_errors_total")
    private_es.start_service("elasticsearch")
    up_at = time.monotonic()
    print(f"\nElasticsearch away {up_at - down_at:.1f}s (stopped, {DOWN_S:.0f}s, started again until healthy)")

    ns.wait(articles=len(expected_ids), timeout_s=400)
    print(f"all {len(expected_ids)} articles done {time.monotonic() - up_at:.1f}s after it was back")
    assert worker.alive
    assert errors_while_down > 0, "the worker never noticed Elasticsearch was down"
    assert set(ns.ids("articles")) == ref.articles
    assert set(ns.ids("statements")) == ref.statements
    assert set(ns.ids("contradictions")) == ref.contradictions
    counts = ns.counts()
    assert (counts["articles"], counts["statements"], counts["contradictions"]) == (
        len(ref.articles),
        len(ref.statements),
        len(ref.contradictions),
    )
    assert ns.dead_letters() == []
