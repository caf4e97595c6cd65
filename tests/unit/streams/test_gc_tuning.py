"""The worker's garbage-collector settings (streams.gc_tuning)."""

from __future__ import annotations

import gc

from streams import gc_tuning


def test_tune_sets_the_thresholds_and_freeze_moves_live_objects_out_of_collections():
    before = gc.get_threshold()
    try:
        gc_tuning.tune()
        assert gc.get_threshold() == gc_tuning.THRESHOLDS
        kept = [[i] for i in range(1000)]  # long-lived containers, as a loaded model has
        gc_tuning.freeze()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    assert gc.get_freeze_count() == 0


def test_gc_timer_counts_collections_once_installed_and_metrics_export_it():
    from prometheus_client import generate_latest

    from streams.metrics import Metrics

    metrics = Metrics()
    gc.collect()
    assert metrics.gc.seconds == [0.0, 0.0, 0.0]  # not installed: nothing counted
    metrics.gc.install()
    try:
        junk = [[] for _ in range(10_000)]
        del junk
        gc.collect()
    finally:
        metrics.gc.remove()
    assert metrics.gc.collections[2] >= 1 and metrics.gc.seconds[2] > 0
    text = generate_latest(metrics.registry).decode()
    assert f'contraflow_gc_seconds_total{{generation="2"}} {metrics.gc.seconds[2]!r}' in text
