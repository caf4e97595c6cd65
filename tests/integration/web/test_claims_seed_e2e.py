"""The seed, end to end through the claim pages: `contraflow claims` makes its claims, the engine its contradictions
(in process, as `contraflow analyze` runs it), both go into a real Elasticsearch through the real templates, and in
headless Chromium every contradiction on the page leads to the claim holding both its statements."""

from __future__ import annotations

import html
import json
import re
import subprocess
import urllib.parse
import uuid
from collections.abc import Callable, Iterator

import pytest
from claim_docs import drop_all, index_all
from web_e2e_helpers import CONTRAFLOW, REPO, cli_env, dump_dom, web_server

from contraflow.settings import ElasticsearchSettings
from indexers import alias_name, make_client, track_record_bodies, track_record_rows
from schemas import ArticleIn, Claim

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

SEED = REPO.parent / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"


def _seed_contradictions() -> list:
    from analysis import InMemoryCandidateIndex, extract_many, load_nlp
    from analysis.detection import detect
    from analysis.normalize import normalize_article

    articles = [normalize_article(ArticleIn.model_validate_json(line)) for line in SEED.read_text().splitlines()]
    index = InMemoryCandidateIndex(per_key=200)
    found = []
    for statements in extract_many(articles, load_nlp()):
        for s in statements:
            found += detect(s, index)
            index.add(s)
    return found


@pytest.fixture(scope="module")
def seed_site(
    free_port: Callable[[], int], stack_urls: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict]:
    if not SEED.is_file():
        pytest.fail(f"seed article missing: {SEED} (shared/ must lie beside the checkout)")
    tmp = tmp_path_factory.mktemp("claims-seed")
    prefix = f"cfclseed{uuid.uuid4().hex[:8]}"
    env = cli_env(CONTRAFLOW_ES__URL=stack_urls["es"], CONTRAFLOW_ES__INDEX_PREFIX=prefix)
    made = subprocess.run([CONTRAFLOW, "claims", str(SEED)], env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr[-3000:]
    claims = [Claim.model_validate(json.loads(line)) for line in made.stdout.splitlines() if line.strip()]
    pairs = _seed_contradictions()
    assert claims and pairs
    client = make_client(ElasticsearchSettings(url=stack_urls["es"], index_prefix=prefix))
    try:
        index_all(client, prefix, [*claims, *pairs])
        with web_server(env, free_port(), tmp / "web.log") as base:
            yield {"base": base, "tmp": tmp, "claims": claims, "pairs": pairs, "client": client, "prefix": prefix}
    finally:
        drop_all(client, prefix)
        client.close()


def test_every_seed_contradiction_leads_to_the_claim_holding_both_statements(seed_site: dict, chromium: str) -> None:
    page = dump_dom(chromium, f"{seed_site['base']}/", seed_site["tmp"] / "s1")
    links = re.findall(r'<a class="claim-link" href="([^"]+)"', page)
    assert len(links) == len(seed_site["pairs"])
    by_statement = {s.statement_id: c for c in seed_site["claims"] for s in c.statements}
    linked = []
    for link in (html.unescape(x) for x in links):
        ids = [urllib.parse.unquote(i) for i in re.findall(r"statement=([^&]+)", link)]
        linked.append(frozenset(ids))
        claim = dump_dom(chromium, seed_site["base"] + link, seed_site["tmp"] / "s1")
        shown = re.search(r'class="claim-view" data-id="([^"]+)"', claim)
        assert shown, claim[-2000:]
        assert shown.group(1) == by_statement[ids[0]].id == by_statement[ids[1]].id
        for i in ids:
            assert f'data-statement="{i}"' in claim
    assert set(linked) == {frozenset((p.a.id, p.b.id)) for p in seed_site["pairs"]}


def test_the_seed_claim_timeline_and_a_track_record_with_nothing_later(seed_site: dict, chromium: str) -> None:
    [claim] = [c for c in seed_site["claims"] if any(s.stance == "denies" for s in c.statements)]
    page = dump_dom(chromium, f"{seed_site['base']}/claims?q=North+Korean+soldiers", seed_site["tmp"] / "s2")
    assert re.search(r'<article class="claim" data-id="([^"]+)"', page).group(1) == claim.id
    view = dump_dom(chromium, f"{seed_site['base']}/claims/{claim.id}", seed_site["tmp"] / "s2")
    stances = re.findall(r'data-stance="([a-z_]+)"', view)
    assert sorted(stances) == sorted(s.stance for s in claim.statements)
    assert {"asserts", "denies", "not_confirmed"} <= set(stances)
    # One article, one publication time: nothing in the seed happened "later".
    claims_body, pairs_body = track_record_bodies("speaker")
    client, prefix = seed_site["client"], seed_site["prefix"]
    rows = track_record_rows(
        client.search(index=alias_name(prefix, "claims"), **claims_body)["aggregations"],
        client.search(index=alias_name(prefix, "contradictions"), **pairs_body)["aggregations"],
    )
    asserted = {s.speaker for s in claim.statements if s.stance == "asserts"}
    assert {r["name"] for r in rows if r["asserted"]} >= asserted
    assert all(
        r[c] == 0 for r in rows for c in ("denied", "not_confirmed", "retracted", "retracted_own", "contradicted")
    )
