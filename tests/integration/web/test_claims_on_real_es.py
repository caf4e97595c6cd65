"""Claim queries and the sources track record on a real Elasticsearch, over claims and contradictions built from
the schemas (tests/integration/web/claim_docs.py) and indexed through the real templates; and the CLI on them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from claim_docs import HOSTILE, claims, drop_all, index_all, seed_statement_ids

from contraflow.settings import ElasticsearchSettings
from indexers import (
    alias_name,
    claims_of_statements_body,
    make_client,
    search_body,
    track_record_bodies,
    track_record_rows,
)

pytestmark = pytest.mark.integration

CONTRAFLOW = str(Path(sys.executable).with_name("contraflow"))


@pytest.fixture(scope="module")
def indexed(stack_urls: dict[str, str]) -> Iterator[tuple]:
    prefix = f"cfclaims{uuid.uuid4().hex[:8]}"
    client = make_client(ElasticsearchSettings(url=stack_urls["es"], index_prefix=prefix))
    try:
        index_all(client, prefix)
        yield client, prefix, stack_urls["es"]
    finally:
        drop_all(client, prefix)
        client.close()


def _ids(client, prefix: str, body: dict) -> list[str]:
    return [h["_id"] for h in client.search(index=alias_name(prefix, "claims"), **body)["hits"]["hits"]]


def test_claims_are_found_by_their_words_speakers_and_status(indexed) -> None:
    client, prefix, _ = indexed
    # Words of a denial only (the summary is Zelenskyy's assertion): found through the nested statements.
    assert _ids(client, prefix, search_body("alleged preparation", index="claims"))[0] == "claim-dprk-troops"
    assert _ids(client, prefix, search_body("North Korean soldiers", index="claims"))[0] == "claim-dprk-troops"
    assert _ids(client, prefix, search_body(None, index="claims", speaker="Kovalenko")) == ["claim-dprk-troops"]
    assert _ids(client, prefix, search_body(None, index="claims", status="retracted")) == ["claim-odesa-ships"]
    assert _ids(client, prefix, search_body(None, index="claims", source="yonhap.example")) == ["claim-dprk-could-send"]
    assert _ids(client, prefix, search_body(None, index="claims", since="2024-10-23")) == ["claim-dprk-troops"]
    assert _ids(client, prefix, search_body("ferries Lagos", index="claims")) == []
    # Everything, the most opposed first.
    assert _ids(client, prefix, search_body("*", index="claims"))[0] == "claim-dprk-troops"


def test_a_contradiction_leads_to_its_claim_by_statement_ids(indexed) -> None:
    client, prefix, _ = indexed
    ids = seed_statement_ids()
    assert _ids(client, prefix, claims_of_statements_body([ids["zelenskyy"], ids["kovalenko"]])) == [
        "claim-dprk-troops"
    ]
    assert _ids(client, prefix, claims_of_statements_body(["no-such-statement"])) == []


def _track_record(client, prefix: str, by: str) -> dict[str, dict]:
    claims_body, contradictions_body = track_record_bodies(by)
    c = client.search(index=alias_name(prefix, "claims"), **claims_body)
    x = client.search(index=alias_name(prefix, "contradictions"), **contradictions_body)
    return {r["name"]: r for r in track_record_rows(c["aggregations"], x["aggregations"], size=100)}


def _counts(row: dict) -> tuple[int, ...]:
    return tuple(row[c] for c in ("asserted", "denied", "not_confirmed", "retracted", "retracted_own", "contradicted"))


def test_track_record_per_speaker(indexed) -> None:
    client, prefix, _ = indexed
    rows = _track_record(client, prefix, "speaker")
    # asserted, denied, not confirmed, retracted by others, retracted by themselves, contradicted.
    assert _counts(rows["Volodymyr Zelenskyy"]) == (1, 1, 1, 0, 0, 1)
    assert _counts(rows["Kyrylo Budanov"]) == (1, 1, 1, 0, 0, 1)
    assert _counts(rows["Oleh Kiper"]) == (1, 0, 0, 0, 1, 1)
    assert _counts(rows["Kim Yong-hyun"]) == (1, 0, 0, 0, 0, 0)
    assert _counts(rows[f"Mallory {HOSTILE}"]) == (1, 1, 0, 0, 0, 1)
    # Those who only denied or did not confirm have no assertions to answer for.
    assert "Andrii Kovalenko" not in rows and "Lloyd Austin" not in rows


def test_track_record_per_source_and_ranking(indexed) -> None:
    client, prefix, _ = indexed
    rows = _track_record(client, prefix, "source")
    assert _counts(rows["censor.net"]) == (1, 1, 1, 0, 0, 1)
    assert _counts(rows["washingtonpost.com"]) == (1, 1, 1, 0, 0, 1)
    assert _counts(rows["odessa.example"]) == (1, 0, 0, 0, 1, 1)
    assert _counts(rows["yonhap.example"]) == (1, 0, 0, 0, 0, 0)
    ranked = list(rows)
    assert ranked.index("censor.net") < ranked.index("odessa.example") < ranked.index("yonhap.example")


def test_a_later_assertion_has_no_record_of_what_came_before_it(indexed) -> None:
    """Later is read from published_at: a claim asserted after it was denied was not later denied."""
    client, prefix, _ = indexed
    seed = claims()[0]
    late = seed.statements[0].model_copy(
        update={"statement_id": "late-1", "speaker": "Late Speaker", "published_at": seed.last_seen.replace(day=30)}
    )
    claim = seed.model_copy(update={"id": "claim-late", "statements": [*seed.statements, late]})
    index_all(client, prefix, [claim])
    try:
        rows = _track_record(client, prefix, "speaker")
        assert _counts(rows["Late Speaker"]) == (1, 0, 0, 0, 0, 0)
    finally:
        client.delete(index=alias_name(prefix, "claims"), id="claim-late", refresh="wait_for")


def _cli(*args: str, es_url: str, prefix: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRAFLOW_")}
    env.update(CONTRAFLOW_ES__URL=es_url, CONTRAFLOW_ES__INDEX_PREFIX=prefix)
    return subprocess.run([CONTRAFLOW, *args], env=env, capture_output=True, text=True, timeout=120)


def test_cli_search_claims_and_sources(indexed) -> None:
    _, prefix, es_url = indexed
    found = _cli("search", "North Korean soldiers", "--index", "claims", "--json", es_url=es_url, prefix=prefix)
    assert found.returncode == 0, found.stderr
    first = json.loads(found.stdout.splitlines()[0])
    assert first["id"] == "claim-dprk-troops" and first["status"] == "denied"
    text = _cli("search", "--index", "claims", "--status", "retracted", es_url=es_url, prefix=prefix)
    assert text.returncode == 0, text.stderr
    assert "retracted" in text.stdout and "Oleh Kiper" in text.stdout and "retracts" in text.stdout

    as_json = _cli("sources", "--by", "speaker", "--json", es_url=es_url, prefix=prefix)
    assert as_json.returncode == 0, as_json.stderr
    rows = {r["name"]: r for r in map(json.loads, as_json.stdout.splitlines())}
    assert rows["Oleh Kiper"]["retracted_own"] == 1 and rows["Volodymyr Zelenskyy"]["denied"] == 1
    table = _cli("sources", es_url=es_url, prefix=prefix)
    assert table.returncode == 0, table.stderr
    header, *lines = table.stdout.splitlines()
    assert header.split()[:2] == ["source", "asserted"]
    assert any(line.split()[0] == "washingtonpost.com" for line in lines)

    bad = _cli("sources", "--by", "planet", es_url=es_url, prefix=prefix)
    assert bad.returncode == 2 and "planet" in bad.stderr
    missing = _cli("sources", es_url=es_url, prefix=f"{prefix}-none")
    assert missing.returncode == 1 and "no index" in missing.stderr and "Traceback" not in missing.stderr


def test_the_kibana_track_record_panels_read_the_same_sources(indexed) -> None:
    """The aggregations behind the Kibana panels (flat fields, as Kibana cannot aggregate nested ones)."""
    client, prefix, _ = indexed
    claims_side = client.search(
        index=alias_name(prefix, "claims"), size=0, aggs={"s": {"terms": {"field": "questioned_sources"}}}
    )
    questioned = {b["key"] for b in claims_side["aggregations"]["s"]["buckets"]}
    rows = _track_record(client, prefix, "source")
    expected = {n for n, r in rows.items() if r["denied"] + r["not_confirmed"] + r["retracted"] + r["retracted_own"]}
    assert questioned == expected == {
        "censor.net", "washingtonpost.com", "kyivpost.com", "odessa.example", "evil.example"
    }  # fmt: skip
    contradicted = client.search(
        index=alias_name(prefix, "contradictions"),
        size=0,
        query={"query_string": {"query": "b_later:true"}},
        aggs={"s": {"terms": {"field": "a.source"}, "aggs": {"n": {"cardinality": {"field": "a.id"}}}}},
    )
    assert {b["key"]: b["n"]["value"] for b in contradicted["aggregations"]["s"]["buckets"]} == {
        n: r["contradicted"] for n, r in rows.items() if r["contradicted"]
    }
    contested = client.search(
        index=alias_name(prefix, "claims"),
        size=0,
        aggs={
            "c": {
                "terms": {"field": "summary.keyword", "order": {"o": "desc"}},
                "aggs": {"o": {"sum": {"field": "opposing_count"}}},
            }
        },
    )
    assert contested["aggregations"]["c"]["buckets"][0]["key"] == claims()[0].summary
