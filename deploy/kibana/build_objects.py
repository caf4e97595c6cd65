"""Write contraflow/assets/kibana/contraflow.ndjson, the Kibana saved objects of contraflow.

The NDJSON is what `contraflow kibana import` posts to Kibana's saved-objects API; this script is
its readable source (nested JSON strings are painful to edit by hand); the NDJSON ships in the package, so an
installed contraflow finds it. After a change run:

    .venv/bin/python deploy/kibana/build_objects.py

Objects are written in the 7.14 saved-object format with their ``migrationVersion``; Kibana 8.x
migrates them on import, as it does for its own sample data. tests/unit/deploy checks that every
reference resolves and every field exists in the index mappings of ``indexers/templates.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[2] / "contraflow" / "assets" / "kibana" / "contraflow.ndjson"
PREFIX = "contraflow"  # `contraflow kibana import` rewrites it to CONTRAFLOW_ES__INDEX_PREFIX

DATA_VIEWS = {
    "articles": ("contraflow articles", "published_at"),
    "statements": ("contraflow statements", "published_at"),
    "contradictions": ("contraflow contradictions", "published_at"),
    # A claim's time is when it was first seen: "claims by status over time" counts new claims.
    "claims": ("contraflow claims", "first_seen"),
}


def _data_view(kind: str) -> dict[str, Any]:
    name, time_field = DATA_VIEWS[kind]
    return {
        "id": f"{PREFIX}-{kind}",
        "type": "index-pattern",
        "migrationVersion": {"index-pattern": "7.11.0"},
        "attributes": {"title": f"{PREFIX}-{kind}", "name": name, "timeFieldName": time_field},
        "references": [],
    }


def _search_source(query: str = "") -> str:
    return json.dumps(
        {
            "query": {"query": query, "language": "kuery"},
            "filter": [],
            "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index",
        }
    )


def _index_ref(kind: str = "contradictions") -> list[dict[str, str]]:
    return [{"name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern", "id": f"{PREFIX}-{kind}"}]


SIDE_BY_SIDE_COLUMNS = [
    "kind",
    "score",
    "a.speaker.name",
    "a.text",
    "b.speaker.name",
    "b.text",
    "explanation",
    "sources",
]


def _saved_search() -> dict[str, Any]:
    return {
        "id": f"{PREFIX}-contradictions-side-by-side",
        "type": "search",
        "migrationVersion": {"search": "7.9.3"},
        "attributes": {
            "title": "contraflow: contradictions, both statements side by side",
            "description": "Each row is one contradiction: who said what (a) against who said what (b), and why.",
            "columns": SIDE_BY_SIDE_COLUMNS,
            "sort": [["published_at", "desc"], ["score", "desc"]],
            "kibanaSavedObjectMeta": {"searchSourceJSON": _search_source()},
        },
        "references": _index_ref(),
    }


def _count_agg() -> dict[str, Any]:
    return {"id": "1", "enabled": True, "type": "count", "schema": "metric", "params": {}}


def _terms(agg_id: str, field: str, size: int, schema: str, label: str) -> dict[str, Any]:
    return {
        "id": agg_id,
        "enabled": True,
        "type": "terms",
        "schema": schema,
        "params": {
            "field": field,
            "size": size,
            "order": "desc",
            "orderBy": "1",
            "otherBucket": False,
            "missingBucket": False,
            "customLabel": label,
        },
    }


def _visualization(
    vis_id: str,
    title: str,
    vis_type: str,
    params: dict,
    aggs: list[dict],
    kind: str = "contradictions",
    query: str = "",
    description: str = "",
) -> dict[str, Any]:
    vis_state = {"title": title, "type": vis_type, "params": params, "aggs": aggs}
    return {
        "id": vis_id,
        "type": "visualization",
        "migrationVersion": {"visualization": "7.14.0"},
        "attributes": {
            "title": title,
            "description": description,
            "version": 1,
            "uiStateJSON": "{}",
            "visState": json.dumps(vis_state),
            "kibanaSavedObjectMeta": {"searchSourceJSON": _search_source(query)},
        },
        "references": _index_ref(kind),
    }


def _histogram_params(axis_title: str) -> dict[str, Any]:
    params = {
        "type": "histogram",
        "grid": {"categoryLines": False},
        "categoryAxes": [
            {
                "id": "CategoryAxis-1",
                "type": "category",
                "position": "bottom",
                "show": True,
                "style": {},
                "scale": {"type": "linear"},
                "labels": {"show": True, "filter": True, "truncate": 100},
                "title": {},
            }
        ],
        "valueAxes": [
            {
                "id": "ValueAxis-1",
                "name": "LeftAxis-1",
                "type": "value",
                "position": "left",
                "show": True,
                "style": {},
                "scale": {"type": "linear", "mode": "normal"},
                "labels": {"show": True, "rotate": 0, "filter": False, "truncate": 100},
                "title": {"text": axis_title},
            }
        ],
        "seriesParams": [
            {
                "show": True,
                "type": "histogram",
                "mode": "stacked",
                "data": {"label": axis_title, "id": "1"},
                "valueAxis": "ValueAxis-1",
                "drawLinesBetweenPoints": True,
                "lineWidth": 2,
                "showCircles": True,
            }
        ],
        "addTooltip": True,
        "addLegend": True,
        "legendPosition": "right",
        "times": [],
        "addTimeMarker": False,
        "labels": {"show": False},
        "thresholdLine": {"show": False, "value": 10, "width": 1, "style": "full", "color": "#E7664C"},
    }
    return params


def _date_histogram(field: str, label: str) -> dict[str, Any]:
    return {
        "id": "2",
        "enabled": True,
        "type": "date_histogram",
        "schema": "segment",
        "params": {
            "field": field,
            "useNormalizedEsInterval": True,
            "interval": "auto",
            "drop_partials": False,
            "min_doc_count": 1,
            "extended_bounds": {},
            "customLabel": label,
        },
    }


def _metric(agg_id: str, agg_type: str, field: str, label: str) -> dict[str, Any]:
    return {
        "id": agg_id,
        "enabled": True,
        "type": agg_type,
        "schema": "metric",
        "params": {"field": field, "customLabel": label},
    }


def _stacked_over_time(
    name: str,
    title: str,
    axis_title: str,
    time: tuple[str, str],
    group: tuple[str, int, str],
    kind: str = "contradictions",
    description: str = "",
) -> dict[str, Any]:
    """A histogram of counts over ``time`` (field, label), stacked by the terms of ``group`` (field, size, label)."""
    group_field, group_size, group_label = group
    aggs = [_count_agg(), _date_histogram(*time), _terms("3", group_field, group_size, "group", group_label)]
    return _visualization(
        f"{PREFIX}-vis-{name}",
        title,
        "histogram",
        _histogram_params(axis_title),
        aggs,
        kind=kind,
        description=description,
    )


_TABLE_PARAMS = {
    "perPage": 15,
    "showPartialRows": False,
    "showMetricsAtAllLevels": False,
    "showTotal": False,
    "totalFunc": "sum",
    "percentageCol": "",
}


def _top_table(
    name: str,
    title: str,
    field: str,
    label: str,
    metrics: list[dict[str, Any]] | None = None,
    kind: str = "contradictions",
    query: str = "",
    description: str = "",
) -> dict[str, Any]:
    """A table of the 20 top terms of ``field``, each with ``metrics`` (default: its count)."""
    aggs = [*(metrics or [_count_agg()]), _terms("2", field, 20, "bucket", label)]
    return _visualization(
        f"{PREFIX}-vis-{name}",
        title,
        "table",
        _TABLE_PARAMS,
        aggs,
        kind=kind,
        query=query,
        description=description,
    )


def _visualizations() -> list[dict[str, Any]]:
    """Every visualization, in the order they are written (the dashboard's grid is in :func:`build`)."""
    return [
        _stacked_over_time(
            "contradictions-over-time",
            "contraflow: contradictions over time by kind",
            "Contradictions",
            time=("published_at", "Published"),
            group=("kind", 7, "Kind"),
        ),
        _top_table("speakers-in-conflict", "contraflow: speakers most in conflict", "speakers.keyword", "Speaker"),
        _top_table("sources", "contraflow: sources of contradicting statements", "sources", "Source"),
        _stacked_over_time(
            "claims-by-status",
            "contraflow: claims by status over time",
            "Claims",
            time=("first_seen", "First seen"),
            group=("status", 5, "Status"),
            kind="claims",
            description="New claims per interval (by first seen), stacked by their current status.",
        ),
        _top_table(
            "most-contested-claims",
            "contraflow: most contested claims",
            "summary.keyword",
            "Claim",
            metrics=[
                _metric("1", "sum", "opposing_count", "Denials, non-confirmations, retractions"),
                _metric("3", "sum", "statement_count", "Statements"),
            ],
            kind="claims",
            query="opposing_count > 0",
            description="Claims with the most statements against them (denied, not confirmed, retracted).",
        ),
        _top_table(
            "track-record-claims",
            "contraflow: track record, sources whose assertions were later denied, not confirmed or retracted",
            "questioned_sources",
            "Source",
            kind="claims",
            description="Claims per source that asserted them before someone denied, did not confirm or retracted "
            "them. Per statement, own retractions apart: `contraflow sources` or the /sources page.",
        ),
        _top_table(
            "track-record-contradicted",
            "contraflow: track record, sources whose statements were later contradicted",
            "a.source",
            "Source",
            metrics=[_metric("1", "cardinality", "a.id", "Statements later contradicted")],
            query="b_later:true",
            description="Per source, its statements that a statement published later contradicted.",
        ),
    ]


def _dashboard(panels: list[tuple[dict[str, Any], dict[str, int]]]) -> dict[str, Any]:
    panels_json, references = [], []
    for i, (obj, grid) in enumerate(panels, start=1):
        ref = f"panel_{i}"
        panels_json.append(
            {
                "version": "7.14.0",
                "type": obj["type"],
                "gridData": {**grid, "i": str(i)},
                "panelIndex": str(i),
                "embeddableConfig": {"enhancements": {}},
                "panelRefName": ref,
            }
        )
        references.append({"name": ref, "type": obj["type"], "id": obj["id"]})
    return {
        "id": f"{PREFIX}-dashboard",
        "type": "dashboard",
        "migrationVersion": {"dashboard": "7.14.0"},
        "attributes": {
            "title": "contraflow: contradictions",
            "description": "Contradicting attributed statements in the news: when, which kinds, who, where from.",
            "hits": 0,
            "version": 1,
            "timeRestore": True,
            "timeFrom": "now-1y",
            "timeTo": "now",
            "refreshInterval": {"pause": False, "value": 60000},
            "optionsJSON": json.dumps({"useMargins": True, "syncColors": False, "hidePanelTitles": False}),
            "panelsJSON": json.dumps(panels_json),
            "kibanaSavedObjectMeta": {
                "searchSourceJSON": json.dumps({"query": {"query": "", "language": "kuery"}, "filter": []})
            },
        },
        "references": references,
    }


# The dashboard, top to bottom: (saved object id, grid position) on Kibana's 48-column grid.
DASHBOARD_GRID = [
    ("vis-contradictions-over-time", {"x": 0, "y": 0, "w": 48, "h": 14}),
    ("vis-speakers-in-conflict", {"x": 0, "y": 14, "w": 24, "h": 15}),
    ("vis-sources", {"x": 24, "y": 14, "w": 24, "h": 15}),
    ("contradictions-side-by-side", {"x": 0, "y": 29, "w": 48, "h": 30}),
    ("vis-claims-by-status", {"x": 0, "y": 59, "w": 48, "h": 14}),
    ("vis-most-contested-claims", {"x": 0, "y": 73, "w": 48, "h": 15}),
    ("vis-track-record-claims", {"x": 0, "y": 88, "w": 24, "h": 15}),
    ("vis-track-record-contradicted", {"x": 24, "y": 88, "w": 24, "h": 15}),
]


def build() -> list[dict[str, Any]]:
    """Every saved object, dependencies first (Kibana resolves references within one import)."""
    objects = [_saved_search(), *_visualizations()]
    by_id = {obj["id"]: obj for obj in objects}
    dashboard = _dashboard([(by_id[f"{PREFIX}-{name}"], grid) for name, grid in DASHBOARD_GRID])
    return [*(_data_view(k) for k in DATA_VIEWS), *objects, dashboard]


def render() -> str:
    """The NDJSON text: one object per line, stable key order."""
    return "".join(json.dumps(obj, sort_keys=True) + "\n" for obj in build())


if __name__ == "__main__":
    OUT.write_text(render())
    print(f"wrote {OUT} ({len(build())} objects)")
