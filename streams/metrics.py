"""Prometheus metrics of a worker, defined once, named after prometheus.io naming practice.

``contraflow_`` prefix, base units, ``_total`` on counters, ``_seconds`` on durations. Label
values stay few (stages, kinds, reasons, index aliases): never ids or URLs. Deploy files
(alert rules, Grafana panels) may only name metrics listed in :data:`METRIC_NAMES`.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily

from .gc_tuning import GcTimer

__all__ = ["METRIC_NAMES", "Metrics"]

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120)


class Metrics:
    """All worker metrics on one registry (a fresh registry per worker keeps tests isolated)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        # Read at scrape time; counts only once the worker installs it (``self.gc.install()``).
        self.gc = GcTimer()
        r.register(_GcCollector(self.gc))
        self.records_in = Counter(
            "contraflow_records_consumed_total", "Records consumed, by stage.", ["stage"], registry=r
        )
        self.records_out = Counter(
            "contraflow_records_produced_total", "Records produced, by stage.", ["stage"], registry=r
        )
        self.deadletters = Counter(
            "contraflow_deadletter_records_total",
            "Records sent to the dead-letter topic, by stage and reason.",
            ["stage", "reason"],
            registry=r,
        )
        self.duplicates = Counter(
            "contraflow_duplicate_articles_total", "Articles skipped as already seen (same content).", registry=r
        )
        self.contradictions = Counter(
            "contraflow_contradictions_detected_total", "Contradictions detected, by kind.", ["kind"], registry=r
        )
        self.stage_seconds = Histogram(
            "contraflow_stage_duration_seconds",
            "Time to process one record or batch, by stage.",
            ["stage"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.es_bulk_seconds = Histogram(
            "contraflow_es_bulk_duration_seconds",
            "Duration of one Elasticsearch bulk write (with retries).",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.es_bulk_errors = Counter(
            "contraflow_es_bulk_errors_total",
            "Failed Elasticsearch bulk attempts or rejected documents, by reason.",
            ["reason"],
            registry=r,
        )
        self.es_bulk_retries = Counter(
            "contraflow_es_bulk_retries_total",
            "Elasticsearch bulk retries after 429/5xx/connection errors.",
            registry=r,
        )
        self.es_refreshes = Counter(
            "contraflow_es_idle_refreshes_total",
            "Refreshes asked of Elasticsearch by an agent that had caught up (es.idle_refresh), by outcome.",
            ["stage", "outcome"],
            registry=r,
        )
        self.es_documents = Counter(
            "contraflow_es_documents_indexed_total",
            "Documents written to Elasticsearch, by index alias and outcome.",
            ["index", "outcome"],
            registry=r,
        )
        self.end_to_end_seconds = Histogram(
            "contraflow_end_to_end_latency_seconds",
            "Time from publish (Kafka timestamp) to indexed in Elasticsearch, per article.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.consumer_lag = Gauge(
            "contraflow_consumer_lag_records",
            "Records behind the end of the log, by topic (summed over assigned partitions).",
            ["topic"],
            registry=r,
        )
        self.candidates = Histogram(
            "contraflow_detect_candidates",
            "Candidate statements compared per new statement.",
            buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000),
            registry=r,
        )


class _GcCollector:
    """``contraflow_gc_seconds_total{generation}`` from a :class:`~streams.gc_tuning.GcTimer`."""

    def __init__(self, timer: GcTimer) -> None:
        self.timer = timer

    def collect(self):  # prometheus_client's collector protocol
        family = CounterMetricFamily(
            "contraflow_gc_seconds",
            "Seconds in Python's cyclic garbage collector, by generation (2: full collections).",
            labels=["generation"],
        )
        for generation, seconds in enumerate(self.timer.seconds):
            family.add_metric([str(generation)], seconds)
        yield family


METRIC_NAMES: frozenset[str] = frozenset(
    {
        "contraflow_records_consumed_total",
        "contraflow_records_produced_total",
        "contraflow_deadletter_records_total",
        "contraflow_duplicate_articles_total",
        "contraflow_contradictions_detected_total",
        "contraflow_stage_duration_seconds",
        "contraflow_es_bulk_duration_seconds",
        "contraflow_es_bulk_errors_total",
        "contraflow_es_bulk_retries_total",
        "contraflow_es_documents_indexed_total",
        "contraflow_es_idle_refreshes_total",
        "contraflow_end_to_end_latency_seconds",
        "contraflow_consumer_lag_records",
        "contraflow_detect_candidates",
        "contraflow_gc_seconds_total",
    }
)
