"""How a long-running contraflow process tunes Python's garbage collector: fewer, cheaper full collections.

A worker keeps hundreds of thousands of long-lived objects (the spaCy pipeline, and the statements and profiles of
every candidate ring), and CPython's cyclic collector walks all of them in each full collection: with the default
thresholds (700, 10, 10) that was a large share of a worker's CPU under load (docs/performance.md, "Figures behind
the defaults"). Almost none of that memory is cyclic garbage: statements and profiles are freed by reference
counting when they leave a ring.

- :func:`tune` raises the thresholds: a young collection every 50,000 allocations instead of 700, and older
  generations after 20 of the younger (CPython still runs a full one only once the long-lived objects have grown
  by 25 % since the last). Cyclic garbage is still collected, just in larger batches.
- :func:`freeze` moves what exists once the worker has loaded its model into the permanent generation: those
  objects stay alive for the whole process, and no later collection walks them again.

Used by ``contraflow worker``, ``contraflow analyze`` (its candidate index grows with the input the same way) and
the bench's analysis-only processes (so that they and the workers are compared under the same settings).
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Any

__all__ = ["THRESHOLDS", "GcTimer", "freeze", "tune"]

log = logging.getLogger(__name__)

THRESHOLDS = (50_000, 20, 20)


def tune() -> None:
    """Set :data:`THRESHOLDS` (once, when the worker starts)."""
    gc.set_threshold(*THRESHOLDS)


def freeze() -> None:
    """Collect once, then exclude every object alive now from later collections (after the model is loaded)."""
    gc.collect()
    gc.freeze()
    log.info("gc_frozen objects=%d thresholds=%s", gc.get_freeze_count(), gc.get_threshold())


class GcTimer:
    """Seconds spent in collections of each generation, measured by a ``gc.callbacks`` hook once installed.

    The hook only adds floats (no lock, nothing that could wait inside a collection); a worker's metrics read
    :attr:`seconds` when scraped (``contraflow_gc_seconds_total``), so operators see what the bench found.
    """

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.collections = [0, 0, 0]
        self._started = 0.0

    def _hook(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            generation = info["generation"]
            self.seconds[generation] += time.perf_counter() - self._started
            self.collections[generation] += 1

    def install(self) -> GcTimer:
        if self._hook not in gc.callbacks:
            gc.callbacks.append(self._hook)
        return self

    def remove(self) -> None:
        if self._hook in gc.callbacks:
            gc.callbacks.remove(self._hook)
