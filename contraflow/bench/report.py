"""Turn the phases' results into one flat JSON-able report with ratios and targets, and render it as a table.

Every ratio is computed here, from numbers measured in the same run, so that a noisy machine moves
numerator and denominator together. A value that could not be measured is NaN in the report and ``null`` in
JSON (never a made-up 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from .analysis_only import AnalysisResult
from .end_to_end import EndToEndResult
from .raw_es import RawEsResult
from .raw_kafka import RawKafkaResult
from .scaling import ScalingResult
from .stats import ratio

__all__ = ["REQUIRED_KEYS", "TARGETS", "Target", "build_report", "render", "to_json_safe"]

REQUIRED_KEYS: tuple[str, ...] = (
    "raw_kafka_msgs_per_s",
    "raw_es_docs_per_s",
    "analysis_articles_per_s_per_core",
    "e2e_articles_per_s_1_worker",
    "e2e_articles_per_s_2_workers",
    "e2e_over_analysis",
    "latency_p50_s",
    "latency_p95_s",
    "latency_p99_s",
    "detect_cost_ratio_1e5_over_1e3",
    "machine",
)


@dataclass(frozen=True)
class Target:
    """A goal from the issue: ``key`` must be ``>=`` or ``<=`` ``bound``."""

    key: str
    op: str
    bound: float
    label: str

    def met(self, value: float) -> bool | None:
        """True/False, or None when the value was not measured."""
        if value is None or not math.isfinite(value):
            return None
        return value >= self.bound if self.op == ">=" else value <= self.bound


TARGETS: tuple[Target, ...] = (
    Target("analysis_articles_per_s_per_core", ">=", 15.0, "analysis >= 15 articles/s per core"),
    Target("e2e_over_analysis", ">=", 0.8, "e2e (2 workers) >= 0.8 x analysis on 2 cores"),
    Target("latency_p95_s", "<=", 2.0, "p95 publish -> searchable <= 2 s at 5 articles/s"),
    Target("detect_cost_ratio_1e5_over_1e3", "<=", 2.0, "detect cost at 1e5 stored <= 2 x cost at 1e3"),
)

_NAN = math.nan


def build_report(
    *,
    raw_kafka: RawKafkaResult | None,
    raw_es: RawEsResult | None,
    analysis_1: AnalysisResult | None,
    analysis_n: AnalysisResult | None,
    e2e: EndToEndResult | None,
    scaling: ScalingResult | None,
    machine: dict[str, Any],
    config: dict[str, Any],
) -> dict[str, Any]:
    """One flat dict: the issue's keys first, then details, ratios, targets, machine and config.

    A phase that was skipped (None) leaves its values NaN.
    """
    r: dict[str, Any] = {}
    r["raw_kafka_msgs_per_s"] = raw_kafka.msgs_per_s if raw_kafka else _NAN
    r["raw_es_docs_per_s"] = raw_es.docs_per_s if raw_es else _NAN
    r["analysis_articles_per_s_per_core"] = analysis_1.articles_per_s if analysis_1 else _NAN
    tp = e2e.throughput if e2e else {}
    r["e2e_articles_per_s_1_worker"] = tp[1].articles_per_s if 1 in tp else _NAN
    r["e2e_articles_per_s_2_workers"] = tp[2].articles_per_s if 2 in tp else _NAN
    analysis_2 = analysis_n.articles_per_s if analysis_n and analysis_n.processes == 2 else _NAN
    r["e2e_over_analysis"] = ratio(r["e2e_articles_per_s_2_workers"], analysis_2)
    lat = e2e.latency.summary if e2e and e2e.latency else {}
    r["latency_p50_s"] = lat.get("p50", _NAN)
    r["latency_p95_s"] = lat.get("p95", _NAN)
    r["latency_p99_s"] = lat.get("p99", _NAN)
    r["detect_cost_ratio_1e5_over_1e3"] = scaling.cost_ratio(100_000, 1_000) if scaling else _NAN

    # Details behind the headline numbers.
    if raw_kafka:
        r["raw_kafka_messages"] = raw_kafka.messages
        r["raw_kafka_produce_msgs_per_s"] = raw_kafka.produce_msgs_per_s
        r["raw_kafka_consume_msgs_per_s"] = raw_kafka.consume_msgs_per_s
    if raw_es:
        r["raw_es_documents"] = raw_es.documents
    if analysis_1:
        r["analysis_articles"] = analysis_1.articles
        r["analysis_statements"] = analysis_1.statements
        r["analysis_statements_per_s_per_core"] = analysis_1.statements_per_s
        r["analysis_load_s"] = analysis_1.load_s
        r["analysis_contradictions"] = analysis_1.contradictions
    r["analysis_articles_per_s_2_cores"] = analysis_2
    r["analysis_parallel_efficiency_2_cores"] = ratio(analysis_2, 2 * r["analysis_articles_per_s_per_core"])
    r["e2e_1_worker_over_analysis_1_core"] = ratio(
        r["e2e_articles_per_s_1_worker"], r["analysis_articles_per_s_per_core"]
    )
    r["e2e_scaling_2_over_1_workers"] = ratio(r["e2e_articles_per_s_2_workers"], r["e2e_articles_per_s_1_worker"])
    analysis_ms = ratio(1000.0, r["analysis_articles_per_s_per_core"])  # CPU ms per article, one process
    r["analysis_cpu_ms_per_article"] = analysis_ms
    for n, t in sorted(tp.items()):
        lane = f"{n}_worker{'s' if n > 1 else ''}"
        r[f"e2e_articles_{lane}"] = t.articles
        r[f"e2e_startup_s_{lane}"] = t.startup_s
        r[f"e2e_drain_s_{lane}"] = t.drain_s
        # CPU per article during the throughput phase, by process group: what the workers spend beyond the
        # analysis, and what Kafka and Elasticsearch take from the same cores.
        for group, seconds in t.cpu_s.items():
            per_article = ratio(1000.0 * seconds, t.articles) if seconds is not None else _NAN
            r[f"e2e_cpu_ms_per_article_{lane}_{group}"] = per_article
        workers_ms = r.get(f"e2e_cpu_ms_per_article_{lane}_workers", _NAN)
        r[f"e2e_worker_cpu_over_analysis_{lane}"] = ratio(workers_ms, analysis_ms)
    if e2e and e2e.latency:
        r["latency_offered_per_s"] = e2e.latency.offered_per_s
        r["latency_workers"] = e2e.latency.workers
        r["latency_articles"] = len(e2e.latency.latencies_s)
        r["latency_max_s"] = lat["max"]
        r["latency_mean_s"] = lat["mean"]

    # Pipeline overhead: seconds per article the pipeline spends beyond the analysis itself, against what the
    # raw clients need to move one article through Kafka and index it and its statements.
    stmts_per_article = ratio(analysis_1.statements, analysis_1.articles) if analysis_1 else _NAN
    overhead = ratio(1.0, r["e2e_articles_per_s_2_workers"]) - ratio(1.0, analysis_2)
    raw_io = ratio(1.0, r["raw_kafka_msgs_per_s"]) + ratio(1.0 + stmts_per_article, r["raw_es_docs_per_s"])
    r["statements_per_article"] = stmts_per_article
    r["pipeline_overhead_s_per_article"] = overhead
    r["raw_io_s_per_article"] = raw_io
    r["pipeline_overhead_over_raw_io"] = ratio(overhead, raw_io)

    if scaling:
        for size in sorted(scaling.cost_s):
            r[f"detect_cost_us_{size}"] = scaling.cost_s[size] * 1e6
            r[f"detect_candidates_mean_{size}"] = scaling.candidates[size]
            r[f"detect_contradictions_{size}"] = scaling.contradictions[size]
        r["detect_cost_ratio_1e4_over_1e3"] = scaling.cost_ratio(10_000, 1_000)
        r["detect_seeds"] = scaling.seeds
        r["detect_probes"] = scaling.probes
        r["detect_rounds"] = scaling.rounds

    if e2e and e2e.profiles:
        r["profile"] = e2e.profiles
    r["targets"] = {
        t.key: {"target": f"{t.op} {t.bound:g}", "value": r.get(t.key, _NAN), "met": t.met(r.get(t.key, _NAN))}
        for t in TARGETS
    }
    r["machine"] = machine
    r["config"] = config
    return r


def to_json_safe(value: Any) -> Any:
    """NaN/inf -> None (JSON has no NaN), recursively; floats rounded to 6 significant digits."""
    if isinstance(value, float):
        return float(f"{value:.6g}") if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): to_json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_safe(v) for v in value]
    return value


def _fmt(v: Any, unit: str = "") -> str:
    if isinstance(v, float):
        if not math.isfinite(v):
            return "n/a"
        text = f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}" if abs(v) < 10 else f"{v:,.1f}"
        return f"{text}{unit}"
    return f"{v}{unit}"


_ROWS: tuple[tuple[str, str, str], ...] = (
    ("raw Kafka produce+consume", "raw_kafka_msgs_per_s", " msg/s"),
    ("raw ES bulk index", "raw_es_docs_per_s", " doc/s"),
    ("analysis, 1 core", "analysis_articles_per_s_per_core", " art/s"),
    ("analysis statements, 1 core", "analysis_statements_per_s_per_core", " stmt/s"),
    ("analysis, 2 cores", "analysis_articles_per_s_2_cores", " art/s"),
    ("end to end, 1 worker", "e2e_articles_per_s_1_worker", " art/s"),
    ("end to end, 2 workers", "e2e_articles_per_s_2_workers", " art/s"),
    ("CPU per article: analysis, 1 process", "analysis_cpu_ms_per_article", " ms"),
    ("CPU per article, 2-worker lane: workers", "e2e_cpu_ms_per_article_2_workers_workers", " ms"),
    ("  Kafka broker", "e2e_cpu_ms_per_article_2_workers_kafka", " ms"),
    ("  Elasticsearch node", "e2e_cpu_ms_per_article_2_workers_elasticsearch", " ms"),
    ("  bench (publish, poll)", "e2e_cpu_ms_per_article_2_workers_bench", " ms"),
    ("latency p50 publish->searchable", "latency_p50_s", " s"),
    ("latency p95", "latency_p95_s", " s"),
    ("latency p99", "latency_p99_s", " s"),
    ("detect cost, 1e3 stored", "detect_cost_us_1000", " us"),
    ("detect cost, 1e4 stored", "detect_cost_us_10000", " us"),
    ("detect cost, 1e5 stored", "detect_cost_us_100000", " us"),
)

_RATIOS: tuple[tuple[str, str], ...] = (
    ("e2e 2 workers / analysis 2 cores", "e2e_over_analysis"),
    ("e2e 1 worker / analysis 1 core", "e2e_1_worker_over_analysis_1_core"),
    ("e2e 2 workers / 1 worker", "e2e_scaling_2_over_1_workers"),
    ("worker CPU per article / analysis (2 workers)", "e2e_worker_cpu_over_analysis_2_workers"),
    ("pipeline overhead / (raw Kafka + raw ES)", "pipeline_overhead_over_raw_io"),
    ("detect cost 1e5 / 1e3", "detect_cost_ratio_1e5_over_1e3"),
)


def render(report: dict[str, Any], console: Console) -> None:
    """Print the measurements, the ratios and the targets as rich tables."""
    m = report.get("machine", {})
    title = f"contraflow bench ({m.get('cores', '?')} cores, {_fmt(m.get('memory_gib', math.nan))} GiB)"
    table = Table(title=title)
    table.add_column("measurement")
    table.add_column("value", justify="right")
    for label, key, unit in _ROWS:
        if key in report:
            table.add_row(label, _fmt(report[key], unit))
    console.print(table)
    ratios = Table(title="ratios (same run)")
    ratios.add_column("ratio")
    ratios.add_column("value", justify="right")
    for label, key in _RATIOS:
        ratios.add_row(label, _fmt(report.get(key, math.nan)))
    console.print(ratios)
    targets = Table(title="targets")
    targets.add_column("target")
    targets.add_column("value", justify="right")
    targets.add_column("met")
    for t in TARGETS:
        entry = report["targets"][t.key]
        met = {True: "[green]yes[/green]", False: "[red]no[/red]", None: "n/a"}[entry["met"]]
        targets.add_row(t.label, _fmt(entry["value"]), met)
    console.print(targets)
