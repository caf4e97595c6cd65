"""The Kibana saved objects against a real Elasticsearch: every field they use is known to the real
indices (``_field_caps``), aggregatable where they aggregate or sort, searchable where they show it."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from contraflow.settings import ElasticsearchSettings
from indexers import INDEX_KINDS, alias_name, ensure_indices, index_name, make_client

pytestmark = pytest.mark.integration

NDJSON = Path(__file__).resolve().parents[3] / "contraflow" / "assets" / "kibana" / "contraflow.ndjson"


def _uses() -> list[tuple[str, str, str]]:
    """(index kind, field, use) for every field the saved objects name."""
    objects = [json.loads(line) for line in NDJSON.read_text().splitlines() if line.strip()]
    views = {
        o["id"]: o["attributes"]["title"].removeprefix("contraflow-") for o in objects if o["type"] == "index-pattern"
    }
    out = []
    for obj in objects:
        attrs = obj["attributes"]
        if obj["type"] == "index-pattern":
            out.append((views[obj["id"]], attrs["timeFieldName"], "aggregate"))
            continue
        refs = {r["name"]: r["id"] for r in obj["references"]}
        kind = views.get(refs.get("kibanaSavedObjectMeta.searchSourceJSON.index", ""))
        if obj["type"] == "search":
            out += [(kind, column, "show") for column in attrs["columns"]]
            out += [(kind, field, "aggregate") for field, _ in attrs["sort"]]
        elif obj["type"] == "visualization":
            for agg in json.loads(attrs["visState"])["aggs"]:
                if "field" in agg["params"]:
                    out.append((kind, agg["params"]["field"], "aggregate"))
    return out


@pytest.fixture(scope="module")
def field_caps(stack_urls: dict[str, str]) -> dict[str, dict]:
    prefix = f"cfkib{uuid.uuid4().hex[:8]}"
    client = make_client(ElasticsearchSettings(url=stack_urls["es"], index_prefix=prefix))
    try:
        ensure_indices(client, prefix)
        caps = {kind: client.field_caps(index=alias_name(prefix, kind), fields="*")["fields"] for kind in INDEX_KINDS}
    finally:
        for kind in INDEX_KINDS:
            client.options(ignore_status=404).indices.delete(index=index_name(prefix, kind))
            client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-{kind}")
        client.options(ignore_status=404).cluster.delete_component_template(name=f"{prefix}-settings")
        client.close()
    return caps


def test_every_saved_object_field_is_usable_on_the_real_index(field_caps: dict[str, dict]) -> None:
    uses = _uses()
    assert len(uses) >= 15
    problems = []
    for kind, field, use in uses:
        caps = field_caps[kind].get(field)
        if caps is None:
            problems.append(f"{kind}: {field} does not exist")
            continue
        [(es_type, cap)] = caps.items()
        if use == "aggregate" and not cap["aggregatable"]:
            problems.append(f"{kind}: {field} ({es_type}) is not aggregatable")
        if use == "show" and not cap["searchable"]:
            problems.append(f"{kind}: {field} ({es_type}) is not searchable")
    assert problems == []
