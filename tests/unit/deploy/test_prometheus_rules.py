"""deploy/prometheus: promtool accepts config and rules, alerts fire as meant, metric names exist."""

from __future__ import annotations

import subprocess

import pytest
import yaml
from deploy_helpers import DEPLOY
from metric_refs import allowed_series, series_names

from streams.metrics import METRIC_NAMES, Metrics

PROM = DEPLOY / "prometheus"
RULE_FILES = sorted((PROM / "rules").glob("*.yml"))
REQUIRED_ALERTS = {
    "ContraflowWorkerDown",
    "ContraflowConsumerLagGrowing",
    "ContraflowDeadLetterRate",
    "ContraflowEsBulkErrors",
    "ContraflowEndToEndLatencyHigh",
}


def _rules() -> list[dict]:
    groups = [group for path in RULE_FILES for group in yaml.safe_load(path.read_text())["groups"]]
    return [rule for group in groups for rule in group["rules"]]


def test_rule_files_exist() -> None:
    assert RULE_FILES, "no rule files under deploy/prometheus/rules"


def test_promtool_check_config(promtool: str) -> None:
    result = subprocess.run(
        [promtool, "check", "config", str(PROM / "prometheus.yml")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_check_rules(promtool: str) -> None:
    result = subprocess.run(
        [promtool, "check", "rules", *map(str, RULE_FILES)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_rule_unit_tests(promtool: str) -> None:
    """Synthetic series in deploy/prometheus/tests/ make each alert fire (and stay quiet) as documented."""
    tests = sorted((PROM / "tests").glob("*.yml"))
    assert tests, "no promtool rule tests under deploy/prometheus/tests"
    result = subprocess.run([promtool, "test", "rules", *map(str, tests)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_required_alerts_present_with_for_and_summary() -> None:
    rules = [r for r in _rules() if "alert" in r]
    assert {r["alert"] for r in rules} >= REQUIRED_ALERTS
    for rule in rules:
        assert rule.get("for"), f"{rule['alert']} has no `for:`"
        assert rule.get("annotations", {}).get("summary"), f"{rule['alert']} has no summary"
        assert rule.get("labels", {}).get("severity") in {"warning", "critical"}, rule["alert"]


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.get("alert") or r.get("record"))
def test_rule_names_only_exported_metrics(rule: dict) -> None:
    allowed = allowed_series(METRIC_NAMES, Metrics().registry)
    names = series_names(rule["expr"])
    assert names, f"no series found in {rule['expr']!r}"
    assert names <= allowed, f"unknown metrics {sorted(names - allowed)} in {rule['expr']!r}"


def test_checker_rejects_unknown_metric() -> None:
    """The name check itself can fail: a misspelt metric and a histogram suffix on a counter are caught."""
    allowed = allowed_series(METRIC_NAMES, Metrics().registry)
    assert "contraflow_deadletter_record_total" not in allowed
    assert "contraflow_deadletter_records_total_bucket" not in allowed
    assert "contraflow_stage_duration_seconds_bucket" in allowed
    assert series_names("rate(contraflow_deadletter_record_total[5m])") - allowed
