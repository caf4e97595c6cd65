"""De-duplication remembers content for ``worker.dedupe_window_s``, then forgets it (the table stays bounded)."""

from __future__ import annotations

import json
import time


def test_a_copy_is_dropped_within_the_window_and_processed_after_it(pipeline_factory, seed_lines):
    window_s = 4.0
    ns = pipeline_factory()
    worker = ns.worker(CONTRAFLOW_WORKER__DEDUPE_WINDOW_S=str(window_s))
    data = json.loads(seed_lines[0])

    def copy(article_id: str) -> bytes:
        return json.dumps({**data, "id": article_id}).encode()

    published = time.time()
    ns.publish(seed_lines)
    ns.publish([copy("copy-within-window")])  # same content, under a second old: a duplicate
    assert ns.wait(articles=1)["articles"] == 1
    time.sleep(max(0.0, published + window_s + 2 - time.time()))
    ns.publish([copy("copy-after-window")])  # the content is forgotten: processed under its own id
    counts = ns.wait(articles=2)
    assert counts["articles"] == 2
    # of the two published together, whichever reached the table first is kept (they race across partitions)
    ids = set(ns.ids("articles"))
    assert "copy-after-window" in ids and len(ids & {data["id"], "copy-within-window"}) == 1

    # The worker also dropped the expired entry from its local store (its timer runs every second here).
    deadline = time.monotonic() + 30
    while "dedupe_purged" not in worker.log_path.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "dedupe_purged" in worker.log_path.read_text(errors="replace")

    # Its changelog forgets them too: Kafka deletes records older than the window.
    from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=ns.settings.kafka.bootstrap)
    try:
        topic = f"{ns.settings.worker.app_id}-seen-content-changelog"
        config = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])["topic"][topic]
    finally:
        admin.close()
    assert config["cleanup.policy"]["value"] == "compact,delete"
    assert config["retention.ms"]["value"] == str(int(window_s * 1000))
