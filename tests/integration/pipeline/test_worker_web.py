"""A real worker's web server serves /metrics and nothing of Faust's side doors (/table, /router, /stats, /graph)."""

from __future__ import annotations

import time
import urllib.error
import urllib.request


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def _wait_metrics(worker, timeout_s: float = 120.0) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert worker.alive, f"worker died:\n{worker.log_tail()}"
        try:
            status, body = _get(worker.web_port, "/metrics")
        except OSError:  # not listening yet (the web server starts after table recovery)
            time.sleep(0.5)
            continue
        if status == 200:
            return body
        time.sleep(0.5)
    raise AssertionError(f"/metrics did not answer within {timeout_s:.0f}s:\n{worker.log_tail()}")


def test_worker_serves_metrics_but_no_table_or_router_views(pipeline_factory, seed_lines):
    ns = pipeline_factory(partitions=2)
    worker = ns.worker()
    # A stored statement in the tables, so a /table view, if it were served, would have data to leak.
    ns.publish(seed_lines)
    ns.wait(articles=1)
    metrics = _wait_metrics(worker)
    assert "contraflow_records_consumed_total" in metrics
    app_id = ns.settings.worker.app_id
    for path in (
        "/table/",
        f"/table/{app_id}-candidates/",
        "/table/candidates/",
        "/table/seen-content/",
        "/router/",
        "/router/candidates/x/",
        "/stats/",
        "/graph/",
        "/performance/",
    ):
        status, body = _get(worker.web_port, path)
        assert status == 404, f"{path} answered {status}: {body[:200]}"
        assert "said" not in body and ns.settings.kafka.bootstrap not in body, path
    assert worker.alive
