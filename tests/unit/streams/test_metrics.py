from __future__ import annotations

import re

from streams.metrics import METRIC_NAMES, Metrics


def _families(m: Metrics) -> dict[str, str]:
    return {f.name: f.type for f in m.registry.collect()}


def test_metric_names_listed_match_the_registry():
    fams = _families(Metrics())
    exported = set()
    for name, kind in fams.items():
        exported.add(name + "_total" if kind == "counter" else name)
    assert exported == set(METRIC_NAMES)


def test_names_follow_prometheus_practice():
    for name, kind in _families(Metrics()).items():
        assert re.fullmatch(r"contraflow_[a-z0-9_]+", name), name
        if kind == "counter":
            assert not name.endswith("_total")  # prometheus_client adds it
        if "latency" in name or "duration" in name:
            assert name.endswith("_seconds"), name


def test_each_worker_gets_its_own_registry():
    a, b = Metrics(), Metrics()
    a.records_in.labels("normalise").inc()
    assert b.registry.get_sample_value("contraflow_records_consumed_total", {"stage": "normalise"}) is None
    assert a.registry.get_sample_value("contraflow_records_consumed_total", {"stage": "normalise"}) == 1
