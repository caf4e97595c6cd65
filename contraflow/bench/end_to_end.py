"""Phase 4: end to end: articles published to Kafka until they and their statements are searchable in ES.

For each worker count, a fresh lane (its own topics, indices and consumer group) and ``n`` ``contraflow worker``
processes. After the group is stable, a few warm-up articles go through (model loading, index creation are not
throughput), then:

- **throughput**: every article published at once (kafka-python, ``acks=all``); articles/s is the count over the
  time from the first send to the poll that saw the last one complete;
- **latency** (on one chosen worker count): articles offered at a fixed rate; each one's latency is from its
  send to the first poll reply that saw it complete (polling every ``poll_s``).

Each phase publishes *tagged* copies of the corpus (see :func:`corpus.tagged`), so nothing is skipped as a
duplicate, and "complete" means the article and as many statements as the analysis-only phase found in it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from schemas import ArticleIn

from ..kafka_admin import ensure_topics
from ..publish import Publisher
from ..settings import Settings
from .corpus import payload, tagged
from .cpu import CpuMeter, find_pids
from .errors import BenchError
from .kafka_util import admin_client
from .lane import Lane
from .profile import Profiler
from .searchable import SearchableTracker
from .stats import rate, summarize_latencies
from .workers import WorkerPool, wait_group_members

__all__ = ["EndToEndResult", "LatencyResult", "ThroughputResult", "run_end_to_end"]

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ThroughputResult:
    workers: int
    articles: int
    seconds: float
    startup_s: float
    # After the last article was searchable: seconds until the group had committed every topic (detection's
    # backlog drained). None when not measured.
    drain_s: float | None = None
    # CPU seconds used from the first send to the last article searchable, by group of processes ("workers",
    # "kafka", "elasticsearch", "bench"); None for a group not measured (see bench.cpu).
    cpu_s: dict[str, float | None] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return rate(self.articles, self.seconds)


@dataclass(frozen=True)
class LatencyResult:
    workers: int
    offered_per_s: float
    latencies_s: list[float] = field(repr=False)

    @property
    def summary(self) -> dict[str, float]:
        return summarize_latencies(self.latencies_s)


@dataclass(frozen=True)
class EndToEndResult:
    throughput: dict[int, ThroughputResult]
    latency: LatencyResult | None
    # py-spy summaries of the workers during each throughput phase (only with a profile directory).
    profiles: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Ctx:
    settings: Settings
    client: Elasticsearch
    expected: dict[str, int]  # statements per corpus article id
    progress: Progress
    timeout_s: float
    profile_dir: Path | None = None
    profiles: dict[str, Any] = field(default_factory=dict)
    publisher: Publisher | None = None  # the lane's, set while a lane runs


def _publish(ctx: _Ctx, tracker: SearchableTracker, base: ArticleIn, tag: str) -> tuple[str, float]:
    """Send the ``tag`` copy of corpus article ``base`` and watch for it; returns its id and send time."""
    article = tagged(base, tag)
    aid = article.article_id()
    tracker.add(aid, ctx.expected.get(base.article_id(), 0))
    assert ctx.publisher is not None, "a lane's publisher is set while the lane runs"
    t = time.perf_counter()
    ctx.publisher.send(aid.encode(), payload(article))
    return aid, t


def _poll(
    ctx: _Ctx,
    pool: WorkerPool,
    step: Callable[[], float | None],
    stalled: Callable[[], str],
    note: Callable[[], str],
    poll_s: float,
) -> float:
    """Call ``step`` every ``poll_s`` until it returns a time; ``stalled``/``note``: the timeout error, progress."""
    deadline = time.monotonic() + ctx.timeout_s
    last_note = 0.0
    while True:
        pool.check()
        done = step()
        if done is not None:
            return done
        if time.monotonic() > deadline:
            raise BenchError(f"{stalled()} after {ctx.timeout_s:.0f} s (worker logs: {', '.join(map(str, pool.logs))})")
        if time.monotonic() - last_note > 5:
            ctx.progress(f"  {note()}")
            last_note = time.monotonic()
        time.sleep(poll_s)


def _wait_all(ctx: _Ctx, tracker: SearchableTracker, pool: WorkerPool, what: str, poll_s: float = 0.2) -> float:
    """Poll per article until every one is complete; the time of the last one."""

    def step() -> float | None:
        if tracker.pending:
            tracker.poll()
        return None if tracker.pending else max(tracker.done.values(), default=time.perf_counter())

    return _poll(
        ctx,
        pool,
        step,
        stalled=lambda: f"{what}: {tracker.pending} articles not searchable",
        note=lambda: f"{what}: {len(tracker.done)} done, {tracker.pending} pending",
        poll_s=poll_s,
    )


def _wait_totals(
    ctx: _Ctx, tracker: SearchableTracker, pool: WorkerPool, what: str, target: tuple[int, int], poll_s: float = 0.2
) -> float:
    """When the lane first held ``target`` (articles, statements): the time of that count reply.

    Two ``count`` requests per poll instead of the per-article queries (see ``searchable``): polling must not
    take the CPU the pipeline is measured on. Once the totals are reached, one per-article poll confirms that
    each article is complete; if one is not (a count reached some other way), per-article polling takes over
    and the last article's time is returned.
    """
    totals = (0, 0)

    def step() -> float | None:
        nonlocal totals
        totals = tracker.totals()
        seen = time.perf_counter()
        if totals[0] < target[0] or totals[1] < target[1]:
            return None
        tracker.poll()
        if not tracker.pending:
            return seen
        log.warning("bench_totals_unconfirmed pending=%d: polling per article", tracker.pending)
        return _wait_all(ctx, tracker, pool, what, poll_s)

    return _poll(
        ctx,
        pool,
        step,
        stalled=lambda: (
            f"{what}: {target[0] - totals[0]} articles and {target[1] - totals[1]} statements not searchable"
        ),
        note=lambda: f"{what}: {totals[0] - target[0] + tracker.pending} of {tracker.pending} searchable",
        poll_s=poll_s,
    )


def _throughput(
    ctx: _Ctx, lane: Lane, pool: WorkerPool, articles: Sequence[ArticleIn], startup_s: float
) -> ThroughputResult:
    tracker = SearchableTracker(ctx.client, lane.name)
    base_articles, base_statements = tracker.totals()  # the warm-up's, already searchable
    meter = CpuMeter({"workers": pool.pids, **find_pids(), "bench": [os.getpid()]}).start()
    t0 = time.perf_counter()
    for a in articles:
        _publish(ctx, tracker, a, f"t{pool.n}")
    target = (base_articles + len(articles), base_statements + tracker.expected_statements())
    end = _wait_totals(ctx, tracker, pool, f"throughput with {pool.n} worker(s)", target)
    cpu_s = meter.stop()
    seconds = end - t0
    result = ThroughputResult(workers=pool.n, articles=len(articles), seconds=seconds, startup_s=startup_s, cpu_s=cpu_s)
    log.info(
        "bench_e2e_throughput workers=%d articles=%d seconds=%.2f cpu_s=%s",
        pool.n,
        len(articles),
        seconds,
        " ".join(f"{k}:{v:.1f}" for k, v in cpu_s.items() if v is not None),
    )
    return result


def _latency(
    ctx: _Ctx,
    lane: Lane,
    pool: WorkerPool,
    corpus: Sequence[ArticleIn],
    count: int,
    offered_per_s: float,
    poll_s: float,
) -> LatencyResult:
    """Offer ``count`` articles (the corpus again and again, each round tagged apart) at ``offered_per_s``."""
    tracker = SearchableTracker(ctx.client, lane.name)
    stop = threading.Event()

    def poller() -> None:
        while not stop.is_set():
            tracker.poll()
            stop.wait(poll_s)

    thread = threading.Thread(target=poller, name="bench-latency-poller", daemon=True)
    thread.start()
    sent: dict[str, float] = {}
    try:
        t0 = time.perf_counter()
        for i in range(count):
            # A fixed schedule, not a fixed sleep: a slow send does not lower the offered rate.
            delay = t0 + i / offered_per_s - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            aid, t_sent = _publish(ctx, tracker, corpus[i % len(corpus)], f"l{pool.n}-{i // len(corpus)}")
            sent[aid] = t_sent
            pool.check()
        deadline = time.monotonic() + ctx.timeout_s
        while tracker.pending:
            pool.check()
            if time.monotonic() > deadline:
                raise BenchError(f"latency: {tracker.pending} articles not searchable after {ctx.timeout_s:.0f} s")
            time.sleep(poll_s)
    finally:
        stop.set()
        thread.join(timeout=10)
    latencies = [tracker.done[aid] - t for aid, t in sent.items()]
    result = LatencyResult(workers=pool.n, offered_per_s=offered_per_s, latencies_s=latencies)
    s = result.summary
    log.info("bench_e2e_latency workers=%d articles=%d p50=%.3f p95=%.3f", pool.n, len(latencies), s["p50"], s["p95"])
    return result


def _drain(ctx: _Ctx, lane: Lane) -> float:
    """Seconds until the lane's group has no lag on any topic (detection catches up with extraction).

    The latency phase starts only then: latency at a fixed offered rate is measured on an idle pipeline, not
    behind the throughput phase's leftover detection work.
    """
    from ..runner import wait_processed

    started = time.perf_counter()
    wait_processed(lane.settings(ctx.settings), articles=0, timeout_s=ctx.timeout_s, poll_s=0.5, stable_polls=1)
    return time.perf_counter() - started


def _run_lane(
    ctx: _Ctx,
    lane: Lane,
    workers: int,
    articles: Sequence[ArticleIn],
    latency_articles: int,
    offered_per_s: float,
    poll_s: float,
    workdir: Path,
) -> tuple[ThroughputResult, LatencyResult | None]:
    admin = admin_client(ctx.settings.kafka)
    publisher = Publisher(ctx.settings, topic=lane.topics["raw"])
    ctx = replace(ctx, publisher=publisher)
    try:
        ensure_topics(lane.settings(ctx.settings))
        t_start = time.perf_counter()
        with WorkerPool(lane, ctx.settings, workers, workdir / lane.name) as pool:
            ctx.progress(f"  {workers} worker(s) starting on lane {lane.name} ...")
            wait_group_members(admin, lane.name, workers, pool, timeout_s=ctx.timeout_s)
            warm = SearchableTracker(ctx.client, lane.name)
            for a in articles[: 2 * workers]:
                _publish(ctx, warm, a, f"w{workers}")
            _wait_all(ctx, warm, pool, f"warm-up with {workers} worker(s)")
            startup_s = time.perf_counter() - t_start
            ctx.progress(f"  ready after {startup_s:.1f} s; throughput on {len(articles)} articles ...")
            if ctx.profile_dir is None:
                tp = _throughput(ctx, lane, pool, articles, startup_s)
            else:
                with Profiler(pool.pids, ctx.profile_dir, f"w{workers}") as prof:
                    tp = _throughput(ctx, lane, pool, articles, startup_s)
                ctx.profiles.update(prof.summary())
            drain_s = _drain(ctx, lane)
            tp = replace(tp, drain_s=drain_s)
            ctx.progress(f"  all topics drained {drain_s:.1f} s after the last article was searchable")
            lat = None
            if latency_articles:
                ctx.progress(f"  latency: {latency_articles} articles offered at {offered_per_s:g}/s ...")
                lat = _latency(ctx, lane, pool, articles, latency_articles, offered_per_s, poll_s)
    finally:
        publisher.close()
        admin.close()
    return tp, lat


def run_end_to_end(
    settings: Settings,
    client: Elasticsearch,
    articles: Sequence[ArticleIn],
    expected_statements: dict[str, int],
    run_id: str,
    worker_counts: Sequence[int] = (1, 2),
    latency_workers: int = 2,
    latency_articles: int = 150,
    offered_per_s: float = 5.0,
    poll_s: float = 0.1,
    timeout_s: float = 300.0,
    keep_logs: bool = False,
    profile_dir: Path | None = None,
    progress: Progress = lambda _msg: None,
) -> EndToEndResult:
    """Measure throughput for each of ``worker_counts`` and latency with ``latency_workers`` workers.

    ``expected_statements`` maps each corpus article id to its statement count (from the analysis-only phase).
    Every lane is cleaned up afterwards, also on failure. Worker logs are deleted after a successful run unless
    ``keep_logs``. With ``profile_dir``, py-spy samples the workers during each throughput phase.
    """
    ctx = _Ctx(settings, client, expected_statements, progress, timeout_s, profile_dir)
    workdir = Path(tempfile.mkdtemp(prefix="contraflow-bench-"))
    throughput: dict[int, ThroughputResult] = {}
    latency: LatencyResult | None = None
    ok = False
    try:
        for n in worker_counts:
            lane = Lane(f"{run_id}-w{n}")
            n_lat = latency_articles if n == latency_workers else 0
            try:
                throughput[n], lat = _run_lane(ctx, lane, n, articles, n_lat, offered_per_s, poll_s, workdir)
            finally:
                lane.cleanup(settings, client)
            latency = lat or latency
        ok = True
    finally:
        if ok and not keep_logs:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log.warning("bench_e2e_worker_logs ok=%s dir=%s", ok, workdir)
    return EndToEndResult(throughput=throughput, latency=latency, profiles=ctx.profiles)
