"""``python -m contraflow.bench.recovery`` at a small scale (10^4 stored statements) on the real stack: a worker
recovers the ``candidates`` table with each store, cold and after a clean stop, and everything it made is gone
afterwards. (The 10^5 and 10^6 figures in docs/reliability.md come from the same command, too slow for the suite.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


def test_recovery_bench_10k_both_stores(stack, tmp_path):
    if not (DATA / "news" / "giveme5w1h-news-cluster.jsonl").is_file():
        pytest.skip(f"shared news corpus not found under {DATA}")
    out = tmp_path / "runs.json"
    proc = subprocess.run(  # our own interpreter and module
        [sys.executable, "-m", "contraflow.bench.recovery", "--statements", "10000", "--articles", "40"]
        + ["--data", str(DATA), "--json", str(out)],
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    runs = json.loads(out.read_text())
    assert [(r["store"], r["start"]) for r in runs] == [
        ("memory://", "cold"),
        ("memory://", "restart"),
        ("rocksdb://", "cold"),
        ("rocksdb://", "restart"),
    ]
    for r in runs:
        assert r["statements"] == 10_000
        assert r["records"] > 0 and r["changelog_mb"] > 10  # ~5.5 KB of changelog per stored statement
        assert 0 < r["ready_s"] < 600
    assert "| 10,000 | `rocksdb://` | restart |" in proc.stdout

    # nothing left behind: no topic of the run's namespace
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=stack.kafka_bootstrap)
    try:
        left = [t for t in admin.list_topics() if t.startswith("cfbench-rec-")]
    finally:
        admin.close()
    names = {line.split(":", 1)[0] for line in proc.stderr.splitlines() if line.startswith("cfbench-rec-")}
    assert names, proc.stderr[-2000:]
    assert not [t for t in left if any(t.startswith(f"{n}.") or t.startswith(f"{n}-") for n in names)], left
