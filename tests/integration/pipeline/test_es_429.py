"""An Elasticsearch 429 storm mid-stream: the worker backs off and retries, and the final counts are exact.

A private node (its own stack home and port, started through the same ``LocalStack`` code as ``contraflow stack
up``, with the same downloaded distribution) runs with one write thread and a write queue of one
(``thread_pool.write.*`` are static node settings: they cannot be changed on a running node). Threads of the
test keep sending bulk requests of their own to it, so most of the worker's shard-level writes find the queue
full and come back ``429 es_rejected_execution_exception``. Kafka is the shared broker.
"""

from __future__ import annotations

import threading
import time

import pytest
from pipeline_helpers import metric, reference_for

from contraflow.runner import expected_article_ids

pytestmark = pytest.mark.slow

STORM_S = 45.0
HAMMERS = 4


@pytest.fixture
def tiny_queue_es(private_stack):
    node = {"thread_pool.write.size": 1, "thread_pool.write.queue_size": 1}  # static: set before the node starts
    with private_stack("es429-stack", "elasticsearch", es_node_settings=node) as local:
        yield local


class Storm:
    """Threads sending bulk requests of their own to the node until stopped; counts what the node refused."""

    def __init__(self, es_url: str, index: str) -> None:
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(es_url, request_timeout=30)
        self.index = index
        self.stop = threading.Event()
        self.sent = self.rejected = 0
        self._lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(HAMMERS)]

    def _run(self, n: int) -> None:
        i = 0
        while not self.stop.is_set():
            ops = []
            for _ in range(100):
                i += 1
                ops += [{"index": {"_index": self.index, "_id": f"{n}-{i}"}}, {"n": i, "text": "storm " * 20}]
            try:
                resp = self.client.bulk(operations=ops)
            except Exception:  # a refused request is the point; keep hammering
                continue
            refused = sum(1 for item in resp["items"] if item["index"].get("status") == 429)
            with self._lock:
                self.sent += 100
                self.rejected += refused

    def __enter__(self) -> Storm:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)
        self.client.close()


def test_es_429_storm_backs_off_and_loses_nothing(pipeline_factory, news_subset, news_statements, tiny_queue_es):
    ns = pipeline_factory(partitions=3, es_url=tiny_queue_es.es_url, candidates_per_key=1000)
    lines = news_subset[:60]
    expected_ids = expected_article_ids(lines, max_text_chars=ns.settings.analysis.max_text_chars)
    ref = reference_for(expected_ids, news_statements, ns.settings.analysis.min_score)

    worker = ns.worker()
    with Storm(tiny_queue_es.es_url, f"{ns.name}-storm") as storm:
        ns.publish(lines)
        started = time.monotonic()
        while time.monotonic() - started < STORM_S:
            assert worker.alive, worker.log_tail()
            time.sleep(2)
        refused_429 = metric(worker.web_port, 'contraflow_es_bulk_errors_total{reason="http_429"}')
        retries = metric(worker.web_port, "contraflow_es_bulk_retries_total")
        indexed_in_storm = ns.counts()["articles"]
    print(
        f"\nstorm {STORM_S:.0f}s: hammer sent {storm.sent} docs, {storm.rejected} refused (429); worker: "
        f"{refused_429:.0f} documents refused with 429, {retries:.0f} bulk retries, "
        f"{indexed_in_storm}/{len(expected_ids)} articles indexed during the storm"
    )
    assert storm.rejected > 0, "the node never answered 429: no storm, nothing tested"
    assert refused_429 > 0 and retries > 0, "the worker never met a 429"

    t0 = time.monotonic()
    ns.wait(articles=len(expected_ids), timeout_s=400)
    print(f"all {len(expected_ids)} articles done {time.monotonic() - t0:.1f}s after the storm")
    assert worker.alive
    articles, statements, contradictions = ns.ids("articles"), ns.ids("statements"), ns.ids("contradictions")
    # exact: every expected document once (ids are unique per index, so the counts show no duplicate)
    assert sorted(articles) == sorted(ref.articles)
    assert sorted(statements) == sorted(ref.statements)
    assert sorted(contradictions) == sorted(ref.contradictions)
    counts = ns.counts()
    assert (counts["articles"], counts["statements"], counts["contradictions"]) == (
        len(ref.articles),
        len(ref.statements),
        len(ref.contradictions),
    )
    assert ns.dead_letters() == [], "a 429 must be retried, never dead-lettered"
    log = worker.log_path.read_text(errors="replace")
    assert "es_bulk_retry" in log and "http_429" in log, "the backoff is not visible in the worker's log"
    assert "crashed" not in log
