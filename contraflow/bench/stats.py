"""Small, pure statistics for the benchmark: percentiles, rates and ratios that never divide by zero."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["percentile", "rate", "ratio", "summarize_latencies"]


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``values``, linearly interpolated between closest ranks.

    Matches ``numpy.percentile(values, q)`` (its default "linear" method). Raises ``ValueError``
    on an empty sequence or a ``q`` outside 0..100.

    Example::

        >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
        2.5
    """
    if not values:
        raise ValueError("percentile of an empty sequence")
    if not 0.0 <= q <= 100.0:
        raise ValueError(f"percentile q must be within 0..100, got {q}")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = math.ceil(pos)
    if lo == hi:
        return float(ordered[lo])
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def rate(count: float, seconds: float) -> float:
    """``count / seconds``; NaN when nothing was timed (so a broken phase never looks infinitely fast)."""
    if seconds <= 0 or not math.isfinite(seconds):
        return math.nan
    return count / seconds


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``; NaN when either side is missing, not finite, or the denominator is 0."""
    if not (math.isfinite(numerator) and math.isfinite(denominator)) or denominator == 0:
        return math.nan
    return numerator / denominator


def summarize_latencies(latencies_s: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean of latencies in seconds (NaN for all of them when there are none)."""
    if not latencies_s:
        return {"p50": math.nan, "p95": math.nan, "p99": math.nan, "max": math.nan, "mean": math.nan}
    return {
        "p50": percentile(latencies_s, 50),
        "p95": percentile(latencies_s, 95),
        "p99": percentile(latencies_s, 99),
        "max": float(max(latencies_s)),
        "mean": sum(latencies_s) / len(latencies_s),
    }
