"""End to end: publish the seed article, run a real worker, then search the built-in web page in
headless Chromium and see the contradicting pairs, each as two statements side by side.

Real Kafka and Elasticsearch (the local stack), real `contraflow publish`, `contraflow worker` and
`contraflow web` processes; every run uses its own topics, consumer group and index prefix.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from web_e2e_helpers import BROWSER_FLAGS, CONTRAFLOW, REPO, cli_env, dump_dom, running, web_server

from contraflow.settings import ElasticsearchSettings
from indexers import INDEX_KINDS, alias_name, index_name, make_client, search_body

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

SEED = REPO.parent / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"


class PairParser(HTMLParser):
    """Reads the result page: per ``article.pair`` its id, kind and the text of each side's fields."""

    VOID = {"br", "meta", "input", "link", "img", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[dict] = []
        self._classes: list[list[str]] = []
        self.total: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "article" and "pair" in classes:
            self.pairs.append({"id": attrs.get("data-id"), "kind": attrs.get("data-kind"), "a": {}, "b": {}, "x": ""})
        if tag not in self.VOID:
            self._classes.append(classes)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._classes:
            self._classes.pop()

    def handle_data(self, data: str) -> None:
        flat = [c for cs in self._classes for c in cs]
        if "total" in flat:
            self.total = data
        if not self.pairs or "pair" not in flat:
            return
        pair = self.pairs[-1]
        if "explanation" in flat:
            pair["x"] += data
        for side in ("a", "b"):
            if f"side-{side}" in flat:
                for field in ("speaker", "text", "source", "article-id", "cue"):
                    if field in flat:
                        pair[side][field] = pair[side].get(field, "") + data


def _cleanup(es_cfg: ElasticsearchSettings, prefix: str, bootstrap: str, topic_prefix: str) -> None:
    client = make_client(es_cfg)
    for kind in INDEX_KINDS:
        client.options(ignore_status=404).indices.delete(index=index_name(prefix, kind))
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-{kind}")
    client.options(ignore_status=404).cluster.delete_component_template(name=f"{prefix}-settings")
    client.close()
    from kafka.admin import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="contraflow-tests")
    try:
        ours = [t for t in admin.list_topics() if t.startswith(topic_prefix)]
        if ours:
            admin.delete_topics(ours, timeout_ms=30_000)
    finally:
        admin.close()


def _pairs(chromium: str, url: str, profile: Path) -> PairParser:
    parser = PairParser()
    parser.feed(dump_dom(chromium, url, profile))
    return parser


@pytest.fixture(scope="module")
def pipeline(free_port, stack_urls: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The seed published and processed by a real worker, into run-private topics and indices."""
    tmp_path = tmp_path_factory.mktemp("web-e2e")
    if not SEED.is_file():
        pytest.fail(f"seed article missing: {SEED} (shared/ must lie beside the checkout)")
    run = f"cfweb{uuid.uuid4().hex[:8]}"
    env = cli_env(
        CONTRAFLOW_KAFKA__BOOTSTRAP=stack_urls["kafka"],
        CONTRAFLOW_ES__URL=stack_urls["es"],
        CONTRAFLOW_ES__INDEX_PREFIX=run,
        CONTRAFLOW_TOPICS__RAW=f"{run}.raw",
        CONTRAFLOW_TOPICS__NORMALIZED=f"{run}.normalized",
        CONTRAFLOW_TOPICS__STATEMENTS=f"{run}.statements",
        CONTRAFLOW_TOPICS__CONTRADICTIONS=f"{run}.contradictions",
        CONTRAFLOW_TOPICS__DEADLETTER=f"{run}.deadletter",
        CONTRAFLOW_TOPICS__PARTITIONS="1",
        CONTRAFLOW_WORKER__APP_ID=run,
        CONTRAFLOW_WORKER__WEB_PORT=str(worker_port := free_port()),
        CONTRAFLOW_WORKER__DATA_DIR=str(tmp_path / "worker"),
    )
    es_cfg = ElasticsearchSettings(url=stack_urls["es"], index_prefix=run)
    try:
        published = subprocess.run(
            [CONTRAFLOW, "publish", str(SEED), "--no-progress"], env=env, capture_output=True, text=True, timeout=120
        )
        assert published.returncode == 0, published.stderr
        with running([CONTRAFLOW, "worker"], env, tmp_path / "worker.log") as worker:
            client = make_client(es_cfg)
            alias = alias_name(run, "contradictions")
            deadline, total, stable_since = time.monotonic() + 300, -1, 0.0
            while time.monotonic() < deadline:
                assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-4000:]
                with contextlib.suppress(Exception):
                    client.indices.refresh(index=alias)
                    n = client.count(index=alias)["count"]
                    if n != total:
                        total, stable_since = n, time.monotonic()
                    elif n > 0 and time.monotonic() - stable_since > 8:
                        break  # all contradictions of the article are in
                time.sleep(1)
            client.close()
            assert total > 0, (
                "no contradictions indexed within 300 s:\n" + (tmp_path / "worker.log").read_text()[-4000:]
            )
            with urllib.request.urlopen(f"http://127.0.0.1:{worker_port}/metrics", timeout=10) as resp:
                metrics_text = resp.read().decode()
            with web_server(env, free_port(), tmp_path / "web.log") as base:
                yield {"base": base, "es": es_cfg, "total": total, "tmp": tmp_path, "metrics": metrics_text}
    finally:
        _cleanup(es_cfg, run, stack_urls["kafka"], run)


def test_search_kovalenko_shows_the_pairs_side_by_side(pipeline: dict, chromium: str) -> None:
    page = _pairs(chromium, f"{pipeline['base']}/?q=Kovalenko", pipeline["tmp"] / "chrome1")

    # The page shows exactly what Elasticsearch holds for the query.
    client = make_client(pipeline["es"])
    body = search_body("Kovalenko", size=100)
    expected = {
        h["_id"]
        for h in client.search(index=alias_name(pipeline["es"].index_prefix, "contradictions"), **body)["hits"]["hits"]
    }
    client.close()
    assert expected, "Elasticsearch has no contradiction matching Kovalenko"
    assert {p["id"] for p in page.pairs} == expected
    assert page.total == str(len(expected))

    for pair in page.pairs:
        for side in ("a", "b"):
            assert pair[side].get("speaker", "").strip(), f"{pair['id']}: side {side} has no speaker"
            assert len(pair[side].get("text", "").split()) >= 4, f"{pair['id']}: side {side} has no statement"
            assert pair[side].get("source") == "censor.net"
            assert pair[side].get("article-id") == "censor.net-2024-10-21-dprk"
        assert pair["a"]["text"] != pair["b"]["text"]
        assert pair["x"].strip(), f"{pair['id']}: no explanation"
    speakers = [pair[side]["speaker"] for pair in page.pairs for side in ("a", "b")]
    assert any("Kovalenko" in s for s in speakers), speakers


def test_filters_narrow_the_pairs(pipeline: dict, chromium: str) -> None:
    everything = _pairs(chromium, f"{pipeline['base']}/", pipeline["tmp"] / "chrome2")
    assert len(everything.pairs) == pipeline["total"]
    kinds = {p["kind"] for p in everything.pairs}

    for kind in kinds:
        only = _pairs(chromium, f"{pipeline['base']}/?kind={kind}", pipeline["tmp"] / "chrome2")
        assert only.pairs and {p["kind"] for p in only.pairs} == {kind}
        assert len(only.pairs) == sum(p["kind"] == kind for p in everything.pairs)

    by_speaker = _pairs(chromium, f"{pipeline['base']}/?speaker=Kovalenko", pipeline["tmp"] / "chrome2")
    assert by_speaker.pairs
    for pair in by_speaker.pairs:
        assert "Kovalenko" in pair["a"]["speaker"] + pair["b"]["speaker"]

    nothing = _pairs(chromium, f"{pipeline['base']}/?source=no-such-outlet.example", pipeline["tmp"] / "chrome2")
    assert nothing.pairs == [] and nothing.total == "0"

    later = _pairs(chromium, f"{pipeline['base']}/?since=2024-10-22", pipeline["tmp"] / "chrome2")
    assert later.pairs == []  # the seed was published on 2024-10-21
    same_day = _pairs(chromium, f"{pipeline['base']}/?since=2024-10-21&until=2024-10-21", pipeline["tmp"] / "chrome2")
    assert len(same_day.pairs) == pipeline["total"]


def test_screenshot_renders(pipeline: dict, chromium: str) -> None:
    shot = pipeline["tmp"] / "web.png"
    result = subprocess.run(
        [
            chromium,
            *BROWSER_FLAGS,
            f"--user-data-dir={pipeline['tmp'] / 'chrome3'}",
            "--window-size=1280,1000",
            f"--screenshot={shot}",
            f"{pipeline['base']}/?q=Kovalenko",
        ],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_worker_exports_what_alerts_and_dashboards_query(pipeline: dict) -> None:
    """Every metric the Prometheus rules and the Grafana dashboard name is on a real worker's /metrics."""
    import json

    import yaml

    sys.path.insert(0, str(REPO / "tests" / "unit" / "deploy"))
    from metric_refs import series_names

    exprs = [
        rule["expr"]
        for path in (REPO / "deploy" / "prometheus" / "rules").glob("*.yml")
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
    ]
    for path in (REPO / "deploy" / "grafana" / "dashboards").glob("*.json"):
        exprs += [t["expr"] for p in json.loads(path.read_text())["panels"] for t in p.get("targets", [])]
    # "# TYPE <family> <type>" (counters with or without "_total", depending on the client's version).
    families = {line.split()[2] for line in pipeline["metrics"].splitlines() if line.startswith("# TYPE ")}
    assert {"contraflow_records_consumed", "contraflow_records_consumed_total"} & families, sorted(families)
    missing = set()
    for expr in exprs:
        for name in series_names(expr) - {"up"}:
            candidates = {name, name.removesuffix("_total")}
            candidates |= {name[: -len(s)] for s in ("_bucket", "_sum", "_count") if name.endswith(s)}
            if not candidates & families:
                missing.add(name)
    assert missing == set(), f"not exported by a running worker: {sorted(missing)}"
