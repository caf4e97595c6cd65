"""``contraflow bench``: throughput, latency and scaling of the pipeline, as ratios measured in one run.

Phases (each in its own module): raw Kafka (``raw_kafka``), raw Elasticsearch (``raw_es``), analysis only
(``analysis_only``), end to end with 1 and 2 workers and latency at a fixed offered rate (``end_to_end``), and
detection cost against growing candidate stores (``scaling``). ``runner.run_bench`` runs them in order and
``report`` turns the results into one JSON-able dict and rich tables.
"""

from __future__ import annotations

from .errors import BenchError
from .report import REQUIRED_KEYS, TARGETS, build_report, render, to_json_safe
from .runner import PHASES, BenchConfig, run_bench

__all__ = [
    "PHASES",
    "REQUIRED_KEYS",
    "TARGETS",
    "BenchConfig",
    "BenchError",
    "build_report",
    "render",
    "run_bench",
    "to_json_safe",
]
