"""The ``candidates`` table on a real worker: bounded by ``worker.candidates_window_s``, durable with RocksDB.

Both tests publish the seed article split into one article per paragraph (``pipeline_helpers.split_seed``): most of its
contradictions are between two parts, so they are found only while the earlier part's statements are stored.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline_helpers import offline_contradictions, split_seed

from contraflow.runner import expected_article_ids


def _halves(seed_lines) -> tuple[list[bytes], list[bytes]]:
    parts = split_seed(seed_lines[0])
    return parts[::2], parts[1::2]  # each half holds one side of most pairs


def test_an_idle_keys_statements_are_forgotten_after_the_window(pipeline_factory, seed_lines):
    window_s = 8.0
    ns = pipeline_factory()
    worker = ns.worker(CONTRAFLOW_WORKER__CANDIDATES_WINDOW_S=str(window_s))
    first, second = _halves(seed_lines)
    limit = ns.settings.analysis.max_text_chars
    min_score = ns.settings.analysis.min_score
    across = {c.id for c in offline_contradictions(first + second, min_score)}
    within = {c.id for c in offline_contradictions(first, min_score)} | {
        c.id for c in offline_contradictions(second, min_score)
    }
    assert across - within, "no contradiction between the halves: nothing to forget"

    published = time.time()
    ns.publish(first)
    ns.wait(articles=len(expected_article_ids(first, max_text_chars=limit)))
    # The idle worker drops the batches past the window from its rings and store (its timer runs every second).
    deadline = time.monotonic() + 60
    while "candidates_expired" not in worker.log_path.read_text(errors="replace"):
        assert time.monotonic() < deadline, worker.log_tail()
        time.sleep(0.5)
    assert time.time() - published > window_s
    ns.publish(second)
    ns.wait(articles=len(expected_article_ids(first + second, max_text_chars=limit)))

    # only the pairs within each half: the first half's statements were gone when the second half came
    assert {c["id"] for c in ns.docs("contradictions")} == within
    log = worker.log_path.read_text(errors="replace")
    assert "crashed" not in log.lower() and "Traceback" not in log, worker.log_tail()

    # the changelog forgets them too: Kafka deletes records older than the window
    from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=ns.settings.kafka.bootstrap)
    try:
        topic = f"{ns.settings.worker.app_id}-candidates-changelog"
        config = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])["topic"][topic]
    finally:
        admin.close()
    assert config["cleanup.policy"]["value"] == "compact,delete"
    assert config["retention.ms"]["value"] == str(int(window_s * 1000))


def test_a_worker_restarted_on_its_rocksdb_store_finds_pairs_with_what_it_stored_before(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    first, second = _halves(seed_lines)
    limit = ns.settings.analysis.max_text_chars
    min_score = ns.settings.analysis.min_score
    expected = {c.id for c in offline_contradictions(first + second, min_score)}
    within = {c.id for c in offline_contradictions(first, min_score)} | {
        c.id for c in offline_contradictions(second, min_score)
    }
    assert expected - within

    worker = ns.worker(CONTRAFLOW_WORKER__STORE="rocksdb://")
    ns.publish(first)
    ns.wait(articles=len(expected_article_ids(first, max_text_chars=limit)))
    assert worker.stop(grace_s=60) == 0, worker.log_tail()
    data_dir = Path(ns.settings.worker.data_dir)
    stores = list(data_dir.rglob("candidates-*.db"))
    assert stores, f"no RocksDB store of the candidates table under {data_dir}"

    again = ns.worker(CONTRAFLOW_WORKER__STORE="rocksdb://")
    ns.publish(second)
    ns.wait(articles=len(expected_article_ids(first + second, max_text_chars=limit)))
    assert {c["id"] for c in ns.docs("contradictions")} == expected
    log = again.log_path.read_text(errors="replace")
    assert "crashed" not in log.lower() and "Traceback" not in log, again.log_tail()
