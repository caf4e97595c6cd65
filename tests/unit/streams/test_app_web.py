"""The worker's web server is built for /metrics only: Faust's table, router and debug views are off.

A real worker answering 404 on them: tests/integration/pipeline/test_worker_web.py.
"""

from __future__ import annotations

from contraflow.settings import Settings
from streams.app import build_app


def test_faust_side_doors_are_off():
    conf = build_app(Settings()).conf
    assert conf.web_enabled  # /metrics is served by this web server
    for setting in ("web_tables_enabled", "web_router_enabled", "web_stats_enabled", "web_graph_enabled"):
        assert getattr(conf, setting) is False, setting
