"""``contraflow bench --quick --json`` on the real stack: one JSON object, every headline value measured.

Runs the real command in a subprocess (its own topics, indices, workers), so it checks what a user gets.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contraflow.bench import REQUIRED_KEYS

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"

HEADLINE = [k for k in REQUIRED_KEYS if k != "machine"]


def test_bench_quick_json(stack, tmp_path):
    if not (DATA / "news" / "giveme5w1h-news-cluster.jsonl").is_file():
        pytest.skip(f"shared news corpus not found under {DATA}")
    env = stack.env()
    env["CONTRAFLOW_DATA_DIR"] = str(DATA)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", "from contraflow.cli import main; main()", "bench", "--quick", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=400,
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"stdout must hold one JSON object, got {len(lines)} lines"
    report = json.loads(lines[0])

    missing = [k for k in REQUIRED_KEYS if k not in report]
    assert not missing, missing
    for key in HEADLINE:
        value = report[key]
        assert isinstance(value, (int, float)) and math.isfinite(value) and value > 0, f"{key}={value!r}"
    assert report["latency_p50_s"] <= report["latency_p95_s"] <= report["latency_p99_s"]

    machine = report["machine"]
    assert machine["cores"] >= 1 and machine["memory_gib"] > 0
    for key in ("python", "kafka", "elasticsearch"):
        assert machine[key], key
    assert machine["packages"]["spacy"]

    assert report["config"]["quick"] is True
    # The bound for --quick (generous here: CI machines are shared).
    assert elapsed < 300, f"--quick took {elapsed:.0f} s"

    # Everything the run created is gone.
    from elasticsearch import Elasticsearch
    from kafka import KafkaAdminClient

    run_id = report["config"]["run_id"]
    admin = KafkaAdminClient(bootstrap_servers=stack.kafka_bootstrap)
    try:
        assert not [t for t in admin.list_topics() if t.startswith(run_id)]
    finally:
        admin.close()
    es = Elasticsearch(stack.es_url)
    assert not es.indices.get(index=f"{run_id}*", expand_wildcards="all", ignore_unavailable=True)
