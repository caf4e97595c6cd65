"""Run every phase of ``contraflow bench`` in one process, in an order that lets each reuse the last.

analysis (1 core, then 2 cores) -> raw Kafka -> raw Elasticsearch -> end to end (1, 2 workers, latency) ->
scaling. The analysis phase yields the statements that the raw Elasticsearch phase indexes, that the end-to-end
phase waits for, and that seed the scaling phase's synthetic store.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from analysis.normalize import normalize_article

from ..settings import Settings
from .analysis_only import run_analysis
from .corpus import load_corpus, payload
from .end_to_end import EndToEndResult, run_end_to_end
from .errors import BenchError
from .kafka_util import admin_client, delete_topics_with_prefix
from .machine import machine_info
from .raw_es import RawEsResult, run_raw_es
from .raw_kafka import RawKafkaResult, run_raw_kafka
from .report import build_report
from .scaling import ScalingResult, run_scaling

__all__ = ["PHASES", "BenchConfig", "run_bench"]

log = logging.getLogger(__name__)

PHASES: tuple[str, ...] = ("analysis", "raw_kafka", "raw_es", "e2e", "scaling")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BenchConfig:
    """How much work each phase does. Build it with :meth:`full` or :meth:`quick`."""

    data_dir: Path
    quick: bool
    articles: int | None  # corpus articles analysed and pushed end to end (None: the whole corpus)
    raw_kafka_messages: int
    latency_articles: int
    offered_per_s: float
    scaling_sizes: tuple[int, ...]
    scaling_seeds: int
    scaling_probes: int
    scaling_rounds: int
    phase_timeout_s: float
    phases: tuple[str, ...] = PHASES
    keep_logs: bool = False  # keep the end-to-end workers' logs (for profiling)
    profile_dir: Path | None = None  # py-spy the end-to-end workers, raw samples here

    @classmethod
    def full(cls, data_dir: Path, articles: int | None = None, phases: Sequence[str] = PHASES) -> BenchConfig:
        """The whole corpus, 5,000 raw Kafka records, 30 s of latency at 5 articles/s, 7 scaling rounds."""
        return cls(
            data_dir=data_dir,
            quick=False,
            articles=articles,
            raw_kafka_messages=5_000,
            latency_articles=150,
            offered_per_s=5.0,
            scaling_sizes=(1_000, 10_000, 100_000),
            scaling_seeds=1_000,
            scaling_probes=300,
            scaling_rounds=7,
            phase_timeout_s=600.0,
            phases=tuple(phases),
        )

    @classmethod
    def quick_run(cls, data_dir: Path, articles: int | None = None, phases: Sequence[str] = PHASES) -> BenchConfig:
        """A smoke-sized run that finishes in under 3 minutes: 30 articles, 6 s of latency, 3 scaling rounds."""
        return cls(
            data_dir=data_dir,
            quick=True,
            articles=articles or 30,
            raw_kafka_messages=1_000,
            latency_articles=30,
            offered_per_s=5.0,
            scaling_sizes=(1_000, 10_000, 100_000),
            scaling_seeds=1_000,
            scaling_probes=100,
            scaling_rounds=3,
            phase_timeout_s=120.0,
            phases=tuple(phases),
        )


def _run_id() -> str:
    return f"cfbench-{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{os.getpid()}"


def run_bench(settings: Settings, cfg: BenchConfig, progress: Progress = lambda _msg: None) -> dict[str, Any]:
    """Run the configured phases against the stack in ``settings``; returns the report (see ``report.py``).

    Everything the run creates in Kafka and Elasticsearch is named ``cfbench-<time>-<pid>...`` and deleted at
    the end, also when a phase fails.
    """
    from indexers.client import make_client, wait_ready

    unknown = set(cfg.phases) - set(PHASES)
    if unknown:
        raise BenchError(f"unknown phase(s) {', '.join(sorted(unknown))}; choose from {', '.join(PHASES)}")
    started = time.perf_counter()
    run_id = _run_id()
    client = make_client(settings.es)
    wait_ready(client, settings.es)
    machine = machine_info(client)
    articles = load_corpus(cfg.data_dir, cfg.articles)
    progress(f"bench {run_id}: {len(articles)} articles, phases {', '.join(cfg.phases)}")
    a1 = a2 = None
    raw_kafka: RawKafkaResult | None = None
    raw_es: RawEsResult | None = None
    e2e: EndToEndResult | None = None
    scaling: ScalingResult | None = None
    try:
        # The other phases need the statements, so analysis always runs on one core; on two only when asked.
        progress(f"analysis on 1 core: {len(articles)} articles ...")
        engine = settings.analysis  # the workers' model and detection bounds
        a1 = run_analysis(articles, engine.spacy_model, processes=1, keep_statements=True, bounds=engine)
        progress(f"  {a1.articles_per_s:.2f} articles/s, {a1.statements_per_s:.1f} statements/s")
        if "analysis" in cfg.phases:
            progress("analysis on 2 cores ...")
            a2 = run_analysis(articles, engine.spacy_model, processes=2, bounds=engine)
            progress(f"  {a2.articles_per_s:.2f} articles/s")
        statements = [s for per in a1.per_article for s in per]
        if "raw_kafka" in cfg.phases:
            progress(f"raw Kafka: {cfg.raw_kafka_messages} records produced and consumed ...")
            records = [(a.article_id().encode(), payload(a)) for a in articles]
            records = [records[i % len(records)] for i in range(cfg.raw_kafka_messages)]
            raw_kafka = run_raw_kafka(settings, records, f"{run_id}-raw", cfg.phase_timeout_s)
            progress(f"  {raw_kafka.msgs_per_s:,.0f} msgs/s")
        if "raw_es" in cfg.phases:
            docs = [normalize_article(a) for a in articles] + statements
            progress(f"raw Elasticsearch: {len(docs)} documents bulk-indexed ...")
            raw_es = run_raw_es(client, docs, f"{run_id}-raw", settings.es.bulk_chunk_size)
            progress(f"  {raw_es.docs_per_s:,.0f} docs/s")
        if "e2e" in cfg.phases:
            progress("end to end ...")
            expected = {a.article_id(): len(per) for a, per in zip(articles, a1.per_article, strict=True)}
            e2e = run_end_to_end(
                settings,
                client,
                articles,
                expected,
                run_id,
                latency_articles=cfg.latency_articles,
                offered_per_s=cfg.offered_per_s,
                timeout_s=cfg.phase_timeout_s,
                keep_logs=cfg.keep_logs,
                profile_dir=cfg.profile_dir,
                progress=progress,
            )
        if "scaling" in cfg.phases:
            seeds = statements[: cfg.scaling_seeds]
            progress(f"scaling: {len(seeds)} seed statements, stores of {', '.join(map(str, cfg.scaling_sizes))} ...")
            scaling = run_scaling(
                seeds,
                cfg.scaling_sizes,
                n_probes=cfg.scaling_probes,
                rounds=cfg.scaling_rounds,
                min_score=settings.analysis.min_score,
                judge_budget=settings.analysis.judge_budget,
                index_factory=_index_factory(settings),
                progress=progress,
            )
    finally:
        _sweep(settings, client, run_id)
    config = {**asdict(cfg), "data_dir": str(cfg.data_dir), "run_id": run_id}
    config["profile_dir"] = str(cfg.profile_dir) if cfg.profile_dir else None
    config["duration_s"] = time.perf_counter() - started
    machine["load_avg_1m_end"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return build_report(
        raw_kafka=raw_kafka,
        raw_es=raw_es,
        analysis_1=a1,
        analysis_n=a2,
        e2e=e2e,
        scaling=scaling,
        machine=machine,
        config=config,
    )


def _index_factory(settings: Settings) -> Callable[[], Any]:
    from analysis import InMemoryCandidateIndex

    per_key, max_candidates = settings.analysis.candidates_per_key, settings.analysis.max_candidates
    return lambda: InMemoryCandidateIndex(per_key=per_key, max_candidates=max_candidates)


def _sweep(settings: Settings, client: Any, run_id: str) -> None:
    """Last line of clean-up: anything named after this run that a phase left behind."""
    try:
        admin = admin_client(settings.kafka)
        try:
            left = delete_topics_with_prefix(admin, run_id)
            # Lanes delete their groups, but a group whose last worker was killed stays until its session ends.
            groups = [g["group_id"] for g in admin.list_groups() if str(g.get("group_id", "")).startswith(run_id)]
            if groups:
                admin.delete_groups(groups)
        finally:
            admin.close()
        indices = list(client.indices.get(index=f"{run_id}*", expand_wildcards="all", ignore_unavailable=True))
        if indices:
            client.indices.delete(index=indices, ignore_unavailable=True)
        if left or indices:
            log.warning("bench_sweep run_id=%s topics=%d indices=%d", run_id, len(left), len(indices))
    except Exception as exc:  # clean-up must not hide the phase's own error
        log.warning("bench_sweep_failed run_id=%s error=%s", run_id, exc)
