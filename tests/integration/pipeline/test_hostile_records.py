"""Hostile records on the real stack (the ones that crashed or wedged a worker): each ends in the dead-letter
topic with its reason, no agent crashes, and good articles published right after them are indexed at once.
A worker stops within ``worker.shutdown_timeout_s`` of SIGTERM even while Elasticsearch is unreachable."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from contraflow.runner import expected_article_ids


def _kcat_publish(bootstrap: str, topic: str, records: list[bytes], tmp: Path) -> None:
    """Publish each record byte for byte, one message per file (kcat -P with file arguments)."""
    kcat = shutil.which("kcat")
    if kcat is None:
        pytest.skip("kcat not installed (Debian package kcat; bash deploy/ci/system-deps.sh installs it)")
    files = []
    for i, record in enumerate(records):
        path = tmp / f"record-{i}.bin"
        path.write_bytes(record)
        files.append(str(path))
    subprocess.run(  # kcat from PATH, our own arguments
        [kcat, "-P", "-b", bootstrap, "-t", topic, "-X", "message.max.bytes=1000000", *files],
        check=True,
        timeout=60,
    )


def _wait_for_ids(ns, wanted: set[str], timeout_s: float) -> float:
    from elasticsearch import NotFoundError

    started = time.monotonic()
    while True:
        try:
            if wanted <= set(ns.ids("articles")):
                return time.monotonic() - started
        except NotFoundError:  # the worker has not created its indices yet
            pass
        for w in ns.workers:
            assert w.alive, f"worker died:\n{w.log_tail()}"
        assert time.monotonic() - started < timeout_s, f"not indexed within {timeout_s}s: {wanted}"
        time.sleep(0.1)


def test_hostile_records_are_dead_lettered_and_good_ones_follow(pipeline_factory, news_lines, tmp_path):
    ns = pipeline_factory(partitions=1)  # one partition: the good articles queue behind the hostile ones
    limit = ns.settings.analysis.max_text_chars
    good = news_lines[:4]
    warm, after = good[:1], good[1:]
    hostile = {
        "too_deep": b"[" * 3000 + b"]" * 3000,
        "date": json.dumps(
            {"id": "h-date", "source": "x.org", "text": "Words.", "published_at": "9999-12-31T23:59:59-01:00"}
        ).encode(),
        "too_large": json.dumps({"id": "h-big", "source": "x.org", "text": "a" * 800_000}).encode(),
        "long_id": json.dumps({"id": "é" * 300, "source": "x.org", "text": "The minister said it was closed."}).encode(
            "utf-8"
        ),
    }
    reasons = {"too_deep": "too_deep", "date": "validation", "too_large": "too_large", "long_id": "validation"}
    assert len(hostile["too_large"]) > limit

    worker = ns.worker()
    # Warm up (spaCy loaded, partitions assigned), so what is measured below is the hostile records' cost.
    _kcat_publish(ns.settings.kafka.bootstrap, ns.settings.topics.raw, warm, tmp_path)
    _wait_for_ids(ns, expected_article_ids(warm, max_text_chars=limit), timeout_s=240)

    _kcat_publish(ns.settings.kafka.bootstrap, ns.settings.topics.raw, [*hostile.values(), *after], tmp_path)
    elapsed = _wait_for_ids(ns, expected_article_ids(after, max_text_chars=limit), timeout_s=30)
    print(f"good articles after the hostile records indexed in {elapsed:.2f} s")

    deadline = time.monotonic() + 60
    while True:
        letters = [d for d in ns.dead_letters() if d["stage"] == "normalise"]
        if len(letters) >= len(hostile) or time.monotonic() > deadline:
            break
        time.sleep(1)
    by_hash = {d["payload_sha256"]: d for d in letters}
    assert len(letters) == len(hostile)
    for name, record in hostile.items():
        letter = by_hash[hashlib.sha256(record).hexdigest()]
        assert letter["reason"] == reasons[name], (name, letter["error"])
        assert letter["payload_bytes"] == len(record)
    big = by_hash[hashlib.sha256(hostile["too_large"]).hexdigest()]
    assert big["payload_truncated"] and len(big["payload_b64"]) < 400_000

    assert worker.alive
    text = worker.log_path.read_text(errors="replace")
    assert "Traceback" not in text and "crashed" not in text.lower(), worker.log_tail()
    assert worker.stop(grace_s=40) is not None


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_sigterm_stops_a_worker_within_the_bound_while_elasticsearch_is_down(pipeline_factory, news_lines):
    bound_s = 10.0
    ns = pipeline_factory(partitions=1, es_url=f"http://127.0.0.1:{_unused_port()}")  # nothing listens there
    worker = ns.worker(CONTRAFLOW_WORKER__SHUTDOWN_TIMEOUT_S=str(bound_s))
    ns.publish(news_lines[:2])
    deadline = time.monotonic() + 240
    while "es_retry" not in worker.log_tail(20_000) and "es_bulk_retry" not in worker.log_tail(20_000):
        assert worker.alive, worker.log_tail()
        assert time.monotonic() < deadline, worker.log_tail()
        time.sleep(1)
    time.sleep(3)  # well into the writer's backoff
    started = time.monotonic()
    code = worker.stop(grace_s=bound_s + 20)  # SIGTERM, then SIGKILL only past the bound and a margin
    took = time.monotonic() - started
    print(f"worker stopped {took:.1f} s after SIGTERM with ES down (exit {code})")
    assert code is not None and code != -9, worker.log_tail()
    assert took < bound_s + 5, worker.log_tail()
