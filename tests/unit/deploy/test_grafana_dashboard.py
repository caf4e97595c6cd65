"""deploy/grafana: provisioning is consistent and every panel queries metrics the code exports."""

from __future__ import annotations

import json

import pytest
import yaml
from deploy_helpers import DEPLOY, REPO
from metric_refs import allowed_series, series_names

from streams.metrics import METRIC_NAMES, Metrics

GRAFANA = DEPLOY / "grafana"
DASHBOARDS = sorted((GRAFANA / "dashboards").glob("*.json"))


def _targets() -> list[tuple[str, str]]:
    out = []
    for path in DASHBOARDS:
        for panel in json.loads(path.read_text())["panels"]:
            for target in panel.get("targets", []):
                out.append((f"{path.stem}:{panel['title']}:{target['refId']}", target["expr"]))
    return out


def test_dashboards_are_valid_json_with_unique_ids() -> None:
    assert DASHBOARDS
    for path in DASHBOARDS:
        dash = json.loads(path.read_text())
        assert dash["uid"] and dash["title"]
        ids = [p["id"] for p in dash["panels"]]
        assert len(ids) == len(set(ids)), f"duplicate panel ids in {path.name}"
        for panel in dash["panels"]:
            assert panel.get("targets"), f"panel {panel['title']!r} queries nothing"


def test_panels_use_provisioned_datasource() -> None:
    ds = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())["datasources"]
    uids = {d["uid"] for d in ds}
    for path in DASHBOARDS:
        for panel in json.loads(path.read_text())["panels"]:
            assert panel["datasource"]["uid"] in uids, panel["title"]
            for target in panel["targets"]:
                assert target["datasource"]["uid"] in uids, panel["title"]


def test_dashboard_provider_path_is_mounted_by_compose() -> None:
    provider = yaml.safe_load((GRAFANA / "provisioning/dashboards/contraflow.yml").read_text())["providers"][0]
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    volumes = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in volumes


@pytest.mark.parametrize(("where", "expr"), _targets(), ids=[t[0] for t in _targets()])
def test_panel_names_only_exported_metrics(where: str, expr: str) -> None:
    allowed = allowed_series(METRIC_NAMES, Metrics().registry)
    names = series_names(expr)
    assert names, f"{where}: no series in {expr!r}"
    assert names <= allowed, f"{where}: unknown metrics {sorted(names - allowed)}"


def test_every_exported_metric_has_a_panel() -> None:
    """Operators see every metric the code exports somewhere on the dashboard."""
    used = set()
    for _, expr in _targets():
        for name in series_names(expr):
            used.add(name)
            for suffix in ("_bucket", "_sum", "_count"):
                if name.endswith(suffix):
                    used.add(name[: -len(suffix)])
    assert METRIC_NAMES - used == set()
