"""A worker that has caught up refreshes what it wrote (``es.idle_refresh``): searchable without a periodic refresh.

Each pipeline's indices are made with ``refresh_interval: -1``, so nothing becomes searchable unless someone asks
for a refresh. With the setting off, the articles are processed (every offset committed, which happens only
after the writes) and stay invisible; with it on (the default), they become searchable on their own.
"""

from __future__ import annotations

import time

from contraflow.kafka_admin import group_lag
from indexers import INDEX_KINDS, alias_name, ensure_indices, index_name


def _visible(client, prefix: str, kind: str) -> int:
    return int(client.count(index=alias_name(prefix, kind))["count"])  # no refresh here, on purpose


def _written(client, prefix: str, kind: str) -> int:
    """Index operations the node has done, searchable or not."""
    stats = client.indices.stats(index=alias_name(prefix, kind), metric="indexing")
    return int(stats["_all"]["primaries"]["indexing"]["index_total"])


def _start(ns, articles, **env):
    """Indices without periodic refresh, a worker, ``articles`` published; returns (ES client, prefix, worker)."""
    prefix = ns.settings.es.index_prefix
    client = ns.es()
    ensure_indices(client, prefix)
    for kind in INDEX_KINDS:
        client.indices.put_settings(index=index_name(prefix, kind), settings={"index.refresh_interval": "-1"})
    worker = ns.worker(**env)
    ns.publish(articles)
    return client, prefix, worker


def test_a_caught_up_worker_makes_its_writes_searchable_without_a_periodic_refresh(pipeline_factory, news_lines):
    off_ns, on_ns = pipeline_factory(partitions=2), pipeline_factory(partitions=2)
    client, prefix, off = _start(off_ns, news_lines[:2], CONTRAFLOW_ES__IDLE_REFRESH="false")
    try:
        deadline = time.monotonic() + 240
        while True:
            lag = group_lag(off_ns.settings)
            if _written(client, prefix, "articles") >= 2 and not any(lag.values()):
                break
            assert off.alive, off.log_tail()
            assert time.monotonic() < deadline, f"lag: {lag}"
            time.sleep(1)
        time.sleep(2)  # the worker had time to ask for a refresh, if it were going to
        assert _visible(client, prefix, "articles") == 0
    finally:
        client.close()
    off.stop(grace_s=20)

    client, prefix, on = _start(on_ns, news_lines[2:4])  # the default: on
    try:
        deadline = time.monotonic() + 240
        # the statements are written after their article, and refreshed when the worker next catches up: wait for
        # both, as a reader would (asserting the statements the moment the articles show raced that refresh)
        while _visible(client, prefix, "articles") < 2 or _visible(client, prefix, "statements") == 0:
            assert on.alive, on.log_tail()
            assert time.monotonic() < deadline, (
                f"visible: {_visible(client, prefix, 'articles')} articles, "
                f"{_visible(client, prefix, 'statements')} statements\n{on.log_tail()}"
            )
            time.sleep(1)
    finally:
        client.close()
