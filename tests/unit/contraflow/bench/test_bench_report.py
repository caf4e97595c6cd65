"""The report: the issue's keys, ratios computed from the phases' numbers, targets, and JSON without NaN."""

from __future__ import annotations

import io
import json
import math

import pytest
from rich.console import Console

from contraflow.bench import REQUIRED_KEYS, build_report, render, to_json_safe
from contraflow.bench.analysis_only import AnalysisResult
from contraflow.bench.end_to_end import EndToEndResult, LatencyResult, ThroughputResult
from contraflow.bench.raw_es import RawEsResult
from contraflow.bench.raw_kafka import RawKafkaResult
from contraflow.bench.scaling import ScalingResult


def _phases(**over):
    phases = dict(
        raw_kafka=RawKafkaResult(messages=1000, bytes_total=10, produce_s=0.5, consume_s=0.5),
        raw_es=RawEsResult(documents=2100, bytes_total=10, seconds=3.0),
        analysis_1=AnalysisResult(processes=1, articles=100, statements=2000, seconds=10.0, load_s=1.0),
        analysis_n=AnalysisResult(processes=2, articles=100, statements=2000, seconds=6.25, load_s=1.0),
        e2e=EndToEndResult(
            throughput={
                1: ThroughputResult(workers=1, articles=100, seconds=20.0, startup_s=9.0),
                2: ThroughputResult(
                    workers=2,
                    articles=100,
                    seconds=12.5,
                    startup_s=11.0,
                    cpu_s={"workers": 20.0, "kafka": 0.5, "elasticsearch": None, "bench": 0.1},
                ),
            },
            latency=LatencyResult(workers=2, offered_per_s=5.0, latencies_s=[0.5 + 0.01 * i for i in range(100)]),
        ),
        scaling=ScalingResult(
            seeds=10,
            probes=5,
            rounds=3,
            cost_s={1_000: 1e-4, 10_000: 1.5e-4, 100_000: 3e-4},
            candidates={1_000: 10.0, 10_000: 20.0, 100_000: 40.0},
            contradictions={1_000: 1, 10_000: 2, 100_000: 3},
        ),
        machine={"cores": 2, "memory_gib": 24.0},
        config={"quick": True},
    )
    phases.update(over)
    return phases


def test_headline_numbers_and_ratios():
    r = build_report(**_phases())
    assert set(REQUIRED_KEYS) <= set(r)
    assert r["raw_kafka_msgs_per_s"] == pytest.approx(1000.0)
    assert r["raw_es_docs_per_s"] == pytest.approx(700.0)
    assert r["analysis_articles_per_s_per_core"] == pytest.approx(10.0)
    assert r["analysis_articles_per_s_2_cores"] == pytest.approx(16.0)
    assert r["e2e_articles_per_s_1_worker"] == pytest.approx(5.0)
    assert r["e2e_articles_per_s_2_workers"] == pytest.approx(8.0)
    assert r["e2e_over_analysis"] == pytest.approx(0.5)  # 8 / 16
    assert r["e2e_scaling_2_over_1_workers"] == pytest.approx(1.6)
    assert r["detect_cost_ratio_1e5_over_1e3"] == pytest.approx(3.0)
    assert r["latency_p50_s"] < r["latency_p95_s"] < r["latency_p99_s"]


def test_pipeline_overhead_against_raw_io():
    r = build_report(**_phases())
    # e2e: 1/8 s per article; analysis on 2 cores: 1/16 s -> overhead 1/16 s = 0.0625.
    assert r["pipeline_overhead_s_per_article"] == pytest.approx(0.0625)
    # raw: one Kafka record (1/1000 s) + 1 article + 20 statements as ES documents (21/700 s).
    assert r["raw_io_s_per_article"] == pytest.approx(0.001 + 21 / 700)
    assert r["pipeline_overhead_over_raw_io"] == pytest.approx(0.0625 / (0.001 + 0.03))


def test_cpu_per_article_by_process_group():
    r = build_report(**_phases())
    assert r["analysis_cpu_ms_per_article"] == pytest.approx(100.0)  # 10 articles/s on one core
    assert r["e2e_cpu_ms_per_article_2_workers_workers"] == pytest.approx(200.0)  # 20 s over 100 articles
    assert r["e2e_cpu_ms_per_article_2_workers_kafka"] == pytest.approx(5.0)
    assert math.isnan(r["e2e_cpu_ms_per_article_2_workers_elasticsearch"])  # not measured: NaN (null in JSON)
    assert r["e2e_worker_cpu_over_analysis_2_workers"] == pytest.approx(2.0)
    assert "e2e_cpu_ms_per_article_1_worker_workers" not in r  # that lane measured no CPU
    assert to_json_safe(r)["e2e_cpu_ms_per_article_2_workers_elasticsearch"] is None


def test_targets_met_and_missed():
    t = build_report(**_phases())["targets"]
    assert t["analysis_articles_per_s_per_core"]["met"] is False  # 10 < 15
    assert t["e2e_over_analysis"]["met"] is False  # 0.5 < 0.8
    assert t["latency_p95_s"]["met"] is True  # ~1.5 s <= 2
    assert t["detect_cost_ratio_1e5_over_1e3"]["met"] is False  # 3 > 2


def test_a_skipped_phase_gives_nan_and_unknown_target():
    r = build_report(**_phases(e2e=None, scaling=None))
    assert math.isnan(r["e2e_articles_per_s_2_workers"])
    assert math.isnan(r["e2e_over_analysis"])
    assert math.isnan(r["detect_cost_ratio_1e5_over_1e3"])
    assert r["targets"]["latency_p95_s"]["met"] is None


def test_json_has_no_nan_and_round_trips():
    r = to_json_safe(build_report(**_phases(raw_kafka=None)))
    text = json.dumps(r, allow_nan=False)
    back = json.loads(text)
    assert back["raw_kafka_msgs_per_s"] is None
    assert back["e2e_articles_per_s_2_workers"] == pytest.approx(8.0)
    assert back["machine"]["cores"] == 2


def test_render_prints_every_target():
    out = io.StringIO()
    render(build_report(**_phases()), Console(file=out, width=120))
    text = out.getvalue()
    for label in ("15 articles/s", "0.8 x analysis", "p95", "1e5"):
        assert label in text
    assert "n/a" not in text.split("targets")[1]
