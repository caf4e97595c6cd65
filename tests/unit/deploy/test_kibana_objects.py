"""contraflow/assets/kibana (built by deploy/kibana/build_objects.py): the saved objects are valid NDJSON,
references resolve, and every field they use exists in the index mappings the pipeline creates
(indexers/templates.py)."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest
from deploy_helpers import ASSETS, DEPLOY

from contraflow.commands.kibana import load_objects
from indexers import INDEX_KINDS, alias_name, mappings

KIBANA = DEPLOY / "kibana"
NDJSON = ASSETS / "kibana" / "contraflow.ndjson"
AGGREGATABLE = {"keyword", "date", "integer", "long", "float", "double", "boolean"}


def _objects() -> list[dict[str, Any]]:
    return [json.loads(line) for line in NDJSON.read_text().splitlines() if line.strip()]


def flatten(properties: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Field path -> type for a mapping's properties, multi-fields included (``speakers.keyword``)."""
    out: dict[str, str] = {}
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        if "properties" in spec:
            out.update(flatten(spec["properties"], f"{path}."))
            continue
        out[path] = spec.get("type", "object")
        for sub, sub_spec in spec.get("fields", {}).items():
            out[f"{path}.{sub}"] = sub_spec["type"]
    return out


def _fields_of(kind: str) -> dict[str, str]:
    return flatten(mappings(kind)["properties"])


def _data_view_kind(objects: list[dict[str, Any]], obj: dict[str, Any]) -> str:
    """Index kind of the data view an object's search source points at."""
    ref = next(r for r in obj["references"] if r["name"] == "kibanaSavedObjectMeta.searchSourceJSON.index")
    view = next(o for o in objects if o["type"] == "index-pattern" and o["id"] == ref["id"])
    return view["attributes"]["title"].removeprefix("contraflow-")


def _used_fields(objects: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """(object id, index kind, field, use) for every field an object names; use is agg, sort or column."""
    used = []
    for obj in objects:
        attrs = obj["attributes"]
        if obj["type"] == "index-pattern":
            used.append((obj["id"], attrs["title"].removeprefix("contraflow-"), attrs["timeFieldName"], "time"))
        elif obj["type"] == "search":
            kind = _data_view_kind(objects, obj)
            used += [(obj["id"], kind, col, "column") for col in attrs["columns"]]
            used += [(obj["id"], kind, field, "sort") for field, _ in attrs.get("sort", [])]
        elif obj["type"] == "visualization":
            kind = _data_view_kind(objects, obj)
            for agg in json.loads(attrs["visState"])["aggs"]:
                if "field" in agg.get("params", {}):
                    used.append((obj["id"], kind, agg["params"]["field"], "agg"))
    return used


def test_ndjson_lines_are_objects_with_unique_ids() -> None:
    objects = _objects()
    assert len(objects) >= 8
    keys = [(o["type"], o["id"]) for o in objects]
    assert len(keys) == len(set(keys))
    for obj in objects:
        assert {"id", "type", "attributes", "references"} <= set(obj), obj.get("id")
        for name in ("visState", "optionsJSON", "panelsJSON", "uiStateJSON"):
            if name in obj["attributes"]:
                json.loads(obj["attributes"][name])
        meta = obj["attributes"].get("kibanaSavedObjectMeta")
        if meta:
            json.loads(meta["searchSourceJSON"])


def test_ndjson_is_generated_from_build_script() -> None:
    """contraflow/assets/kibana/contraflow.ndjson is the output of deploy/kibana/build_objects.py (edit the script,
    not the file)."""
    spec = importlib.util.spec_from_file_location("kibana_build_objects", KIBANA / "build_objects.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == NDJSON.read_text(), "run: .venv/bin/python deploy/kibana/build_objects.py"


def test_references_resolve() -> None:
    objects = _objects()
    present = {(o["type"], o["id"]) for o in objects}
    for obj in objects:
        names = {r["name"] for r in obj["references"]}
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in present, f"{obj['id']} references missing {ref}"
        meta = obj["attributes"].get("kibanaSavedObjectMeta")
        if meta:
            index_ref = json.loads(meta["searchSourceJSON"]).get("indexRefName")
            assert index_ref is None or index_ref in names, f"{obj['id']}: {index_ref} not in references"
        if obj["type"] == "dashboard":
            for panel in json.loads(obj["attributes"]["panelsJSON"]):
                assert panel["panelRefName"] in names, f"panel {panel['panelIndex']} has no reference"


def test_a_data_view_per_alias() -> None:
    views = {o["attributes"]["title"] for o in _objects() if o["type"] == "index-pattern"}
    assert views == {alias_name("contraflow", kind) for kind in INDEX_KINDS}


@pytest.mark.parametrize(("obj_id", "kind", "field", "use"), _used_fields(_objects()))
def test_field_exists_in_index_mapping(obj_id: str, kind: str, field: str, use: str) -> None:
    fields = _fields_of(kind)
    assert field in fields, f"{obj_id}: {use} field {field!r} is not in the {kind} mapping"
    if use in ("agg", "sort", "time"):
        assert fields[field] in AGGREGATABLE, f"{obj_id}: {field!r} is {fields[field]}, cannot {use} on it"
    if use == "time":
        assert fields[field] == "date"


def test_field_check_catches_unknown_and_text_fields() -> None:
    fields = _fields_of("contradictions")
    assert "a.speaker.name" in fields and "speakers.keyword" in fields
    assert "a.speaker.nam" not in fields
    assert fields["speakers"] == "text" and "text" not in AGGREGATABLE


def test_dashboard_shows_what_analysts_need() -> None:
    objects = {o["id"]: o for o in _objects()}
    dashboard = next(o for o in objects.values() if o["type"] == "dashboard")
    panels = [objects[r["id"]] for r in dashboard["references"]]
    aggs = [json.loads(p["attributes"]["visState"]) for p in panels if p["type"] == "visualization"]
    agg_fields = [{a["type"]: a["params"].get("field") for a in v["aggs"]} for v in aggs]
    assert {"date_histogram": "published_at", "terms": "kind"} in [
        {k: v for k, v in f.items() if k in ("date_histogram", "terms")} for f in agg_fields
    ], "no contradictions-over-time-by-kind panel"
    assert any(f.get("terms") == "speakers.keyword" for f in agg_fields), "no speakers panel"
    assert any(f.get("terms") == "sources" for f in agg_fields), "no sources panel"
    searches = [p for p in panels if p["type"] == "search"]
    assert searches, "no table of contradictions"
    columns = searches[0]["attributes"]["columns"]
    for side in ("a", "b"):
        assert f"{side}.text" in columns and f"{side}.speaker.name" in columns


def test_load_objects_renames_data_views_for_another_prefix() -> None:
    objects = load_objects(NDJSON, index_prefix="news2")
    titles = {o["attributes"]["title"] for o in objects if o["type"] == "index-pattern"}
    assert titles == {alias_name("news2", kind) for kind in INDEX_KINDS}


def test_dashboard_shows_claims_and_the_track_record() -> None:
    objects = {o["id"]: o for o in _objects()}
    dashboard = next(o for o in objects.values() if o["type"] == "dashboard")
    panels = [objects[r["id"]] for r in dashboard["references"] if r["type"] == "visualization"]

    def kind_of(panel: dict[str, Any]) -> str:
        return _data_view_kind(list(objects.values()), panel)

    def fields(panel: dict[str, Any]) -> dict[str, str]:
        return {a["type"]: a["params"].get("field") for a in json.loads(panel["attributes"]["visState"])["aggs"]}

    claims = [fields(p) for p in panels if kind_of(p) == "claims"]
    assert {"count": None, "date_histogram": "first_seen", "terms": "status"} in claims, "no claims-by-status panel"
    contested = [p for p in panels if fields(p).get("terms") == "summary.keyword"]
    assert contested, "no most-contested-claims panel"
    aggs = json.loads(contested[0]["attributes"]["visState"])["aggs"]
    assert aggs[0]["params"]["field"] == "opposing_count" and aggs[0]["type"] == "sum"
    assert next(a for a in aggs if a["type"] == "terms")["params"]["orderBy"] == aggs[0]["id"]
    assert any(f.get("terms") == "questioned_sources" for f in claims), "no track record panel over claims"
    contradicted = [p for p in panels if kind_of(p) == "contradictions" and fields(p).get("cardinality") == "a.id"]
    assert contradicted, "no track record panel over contradictions"
    query = json.loads(contradicted[0]["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]
    assert query["query"] == "b_later:true"
