"""How a long-running contraflow process tunes Python's garbage collector: fewer, cheaper full collections.

A worker keeps hundreds of thousands of long-lived objects (the spaCy pipeline, and the statements and profiles of
every candidate ring), and CPython's cyclic collector walks all of them in each full collection. With the default
thresholds (700, 10, 10) a worker ran a full collection every few seconds under load, ~0.3 s each: ~20 % of its CPU
in the bench's end-to-end phase (docs/performance.md, measured with ``gc.callbacks``). Almost none of that memory is
cyclic garbage: statements and profiles are freed by reference counting when they leave a ring.

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

__all__ = ["THRESHOLDS", "freeze", "tune"]

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
