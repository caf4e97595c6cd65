"""Percentiles, rates and ratios of the benchmark, checked against independent definitions."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from contraflow.bench.stats import percentile, rate, ratio, summarize_latencies


def _nearest_rank_bounds(values: list[float], q: float) -> tuple[float, float]:
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    return ordered[math.floor(pos)], ordered[math.ceil(pos)]


@pytest.mark.parametrize("q", [0, 10, 50, 90, 95, 99, 100])
def test_percentile_lies_between_the_neighbouring_ranks(q):
    values = [random.Random(q).uniform(0, 10) for _ in range(37)]
    lo, hi = _nearest_rank_bounds(values, q)
    assert lo <= percentile(values, q) <= hi


def test_percentile_50_is_the_median_and_ends_are_min_max():
    values = [random.Random(1).expovariate(1.0) for _ in range(101)]
    assert percentile(values, 50) == pytest.approx(statistics.median(values))
    assert percentile(values, 0) == min(values)
    assert percentile(values, 100) == max(values)


def test_percentile_interpolates_linearly():
    # numpy.percentile([1, 2, 3, 4], 95) == 3.85 (linear method), worked by hand: pos = 2.85.
    assert percentile([4.0, 1.0, 3.0, 2.0], 95) == pytest.approx(3.85)


def test_percentile_is_monotonic_in_q():
    values = [random.Random(7).gauss(0, 1) for _ in range(50)]
    got = [percentile(values, q) for q in range(0, 101, 5)]
    assert got == sorted(got)


@pytest.mark.parametrize("bad", [-1, 100.5])
def test_percentile_rejects_q_out_of_range(bad):
    with pytest.raises(ValueError):
        percentile([1.0], bad)


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 50)


def test_rate_and_ratio_never_divide_by_zero():
    assert rate(10, 2) == 5
    assert math.isnan(rate(10, 0))
    assert math.isnan(rate(10, math.inf))
    assert ratio(3, 4) == 0.75
    assert math.isnan(ratio(1, 0))
    assert math.isnan(ratio(math.nan, 2))


def test_summary_of_latencies():
    s = summarize_latencies([0.1 * i for i in range(1, 101)])
    assert s["p50"] == pytest.approx(5.05)
    assert s["p95"] == pytest.approx(9.505)
    assert s["p99"] == pytest.approx(9.901)
    assert s["max"] == pytest.approx(10.0)
    assert s["mean"] == pytest.approx(5.05)
    assert s["p50"] <= s["p95"] <= s["p99"] <= s["max"]


def test_summary_of_no_latencies_is_nan_not_zero():
    assert all(math.isnan(v) for v in summarize_latencies([]).values())
