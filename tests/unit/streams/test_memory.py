"""The worker's garbage-collector settings (contraflow.memory)."""

from __future__ import annotations

import gc

from contraflow import memory


def test_tune_sets_the_thresholds_and_freeze_moves_live_objects_out_of_collections():
    before = gc.get_threshold()
    try:
        memory.tune()
        assert gc.get_threshold() == memory.THRESHOLDS
        kept = [[i] for i in range(1000)]  # long-lived containers, as a loaded model has
        memory.freeze()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    assert gc.get_freeze_count() == 0
