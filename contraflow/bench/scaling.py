"""Phase 5: scaling: detection cost per new statement with 10^3, 10^4 and 10^5 statements already stored.

Stores are filled with deterministic synthetic statements (:mod:`.synthetic`); the same probes (new statements
sharing the stores' popular keys) are then detected against each store, judging at most ``judge_budget`` candidates
each (``analysis.detection.select_candidates``). Sizes are measured in interleaved
rounds (1e3, 1e4, 1e5, 1e3, ...) and each size's cost is the median over rounds, so a burst of load from
elsewhere on the machine hits every size alike instead of skewing one of them.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from schemas import Statement

from .stats import ratio
from .synthetic import probes, synthesize

__all__ = ["ScalingResult", "run_scaling"]

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ScalingResult:
    """Cost of ``detect`` per new statement (seconds, median over rounds), by store size."""

    seeds: int
    probes: int
    rounds: int
    cost_s: dict[int, float]
    candidates: dict[int, float]  # mean candidates returned per probe, by store size
    contradictions: dict[int, int]  # contradictions found by the probes in one round, by store size
    build_s: dict[int, float] = field(default_factory=dict)
    judged: dict[int, float] = field(default_factory=dict)  # mean candidates fully judged per probe, by store size

    def cost_ratio(self, big: int, small: int) -> float:
        return ratio(self.cost_s.get(big, float("nan")), self.cost_s.get(small, float("nan")))


def run_scaling(
    seeds: Sequence[Statement],
    sizes: Sequence[int] = (1_000, 10_000, 100_000),
    n_probes: int = 300,
    rounds: int = 5,
    min_score: float = 0.5,
    index_factory: Callable[[], Any] | None = None,
    progress: Progress = lambda _msg: None,
    judge_budget: int | None = None,
) -> ScalingResult:
    """Build one candidate index per size from ``seeds``' synthetic variants and time ``detect`` on probes.

    ``index_factory`` makes an empty candidate index (``analysis.InMemoryCandidateIndex`` by default).
    ``judge_budget``: most candidates judged per probe (``analysis.detection.JUDGE_BUDGET`` by default).
    Probes are detected against a store and not added to it, so every round sees the same stores.
    """
    from analysis import InMemoryCandidateIndex, blocking_keys
    from analysis.detection import JUDGE_BUDGET, detect

    factory = index_factory or InMemoryCandidateIndex
    budget = JUDGE_BUDGET if judge_budget is None else judge_budget
    largest = max(sizes)
    build_s: dict[int, float] = {}
    ordered = sorted(sizes)
    t0 = time.perf_counter()
    stores: dict[int, Any] = {size: factory() for size in ordered}
    for i, s in enumerate(synthesize(seeds, largest, blocking_keys)):
        # One pass over the synthetic stream fills every store still below its size.
        for size, index in stores.items():
            if i < size:
                index.add(s)
        filled = i + 1
        if filled in stores:
            build_s[filled] = time.perf_counter() - t0
            progress(f"  store of {filled:,} statements built in {build_s[filled]:.1f} s")
    probe_set = probes(seeds, n_probes, largest, blocking_keys)
    for p in probe_set:  # warm-up, untimed: first calls fill caches (regexes, lemma tables) for every size alike
        detect(p, stores[ordered[0]], min_score=min_score, budget=budget)
    per_round: dict[int, list[float]] = {size: [] for size in ordered}
    candidates: dict[int, float] = {}
    found: dict[int, int] = {}
    judged: dict[int, float] = {}
    for r in range(rounds):
        for size in ordered:
            index = stores[size]
            t = time.perf_counter()
            hits = sum(len(detect(p, index, min_score=min_score, budget=budget)) for p in probe_set)
            per_round[size].append((time.perf_counter() - t) / len(probe_set))
            if r == 0:
                found[size] = hits
                looked = [_looked_at(p, index, budget) for p in probe_set]
                candidates[size] = sum(n for n, _ in looked) / len(probe_set)
                judged[size] = sum(n for _, n in looked) / len(probe_set)
    cost = {size: statistics.median(v) for size, v in per_round.items()}
    result = ScalingResult(
        seeds=len(seeds),
        probes=len(probe_set),
        rounds=rounds,
        cost_s=cost,
        candidates=candidates,
        contradictions=found,
        build_s=build_s,
        judged=judged,
    )
    log.info(
        "bench_scaling seeds=%d probes=%d %s",
        len(seeds),
        len(probe_set),
        " ".join(f"cost_us_{size}={cost[size] * 1e6:.1f}" for size in ordered),
    )
    return result


def _looked_at(p: Any, index: Any, budget: int) -> tuple[int, int]:
    """(stored statements compared with probe ``p``, candidates judged) as ``analysis.detection.detect`` places it."""
    from analysis.blocking import profile
    from analysis.detection import place, window

    mine = profile(p, with_blocking=True)
    keys = mine.blocking or frozenset()
    size = window(index.max_candidates, len(keys))
    looked = judged = 0
    for key in sorted(keys):
        block = list(islice(index.newest(key), size))
        looked += len(block)
        judged += len(place(key, mine, block, budget=budget, max_candidates=index.max_candidates))
    return looked, judged
