"""Factories for pipeline tests on the real stack: an isolated namespace, workers, publishing, reading topics.

Each test gets its own topics, consumer group (= Faust app id) and index prefix, deleted afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from contraflow.kafka_admin import end_offsets, ensure_topics, pipeline_topic_names
from contraflow.publish import Publisher
from contraflow.runner import WorkerProcess, index_counts, wait_processed, worker_env
from contraflow.settings import Settings, StackSettings

if TYPE_CHECKING:
    from contraflow.stack import LocalStack

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
SEED = DATA / "seed" / "censor-net-2024-10-21.jsonl"
NEWS = DATA / "news" / "giveme5w1h-news-cluster.jsonl"

# The fault tests' private stacks: each test's own stack home, .contraflow/<name>-<pid>-<random> in the checkout.
PRIVATE_STACKS = Path(__file__).resolve().parents[3] / ".contraflow"
# Read at import: every test starts with no CONTRAFLOW_* variables (tests/conftest.py).
_SHARED_HOME = os.environ.get("CONTRAFLOW_STACK__HOME")


@dataclass
class PipelineNs:
    """One isolated pipeline: settings, environment for workers, and helpers."""

    name: str
    settings: Settings
    env: dict[str, str]
    tmp: Path
    free_port: Callable[[], int]
    workers: list[WorkerProcess] = field(default_factory=list)

    def worker(self, *, session_timeout_s: float | None = None, **extra_env: str) -> WorkerProcess:
        env = worker_env({**self.env, **extra_env})
        w = WorkerProcess(
            env=env,
            log_path=self.tmp / f"worker-{len(self.workers)}.log",
            web_port=self.free_port(),
            session_timeout_s=session_timeout_s,
        ).start()
        self.workers.append(w)
        return w

    def publish(self, lines: Iterable[bytes]) -> int:
        with Publisher(self.settings) as pub:
            summary = pub.publish_lines(list(lines))
        assert summary.failed == 0
        return summary.sent

    def wait(self, articles: int, timeout_s: float = 300.0) -> dict[str, int]:
        def alive() -> None:
            for w in self.workers:
                if w.proc is not None and w.proc.returncode is None and not w.alive and w.proc.returncode != -9:
                    raise AssertionError(f"worker died:\n{w.log_tail()}")

        return wait_processed(self.settings, articles=articles, timeout_s=timeout_s, check=alive)

    def counts(self) -> dict[str, int]:
        return index_counts(self.settings)

    def es(self):
        from indexers import make_client

        return make_client(self.settings.es)

    def ids(self, kind: str) -> list[str]:
        """All document ids of one alias (scroll-free: search_after on _id is not allowed; use a big size)."""
        from indexers import alias_name

        client = self.es()
        try:
            alias = alias_name(self.settings.es.index_prefix, kind)
            client.indices.refresh(index=alias)
            resp = client.search(index=alias, query={"match_all": {}}, size=10_000, source=False)
            return [h["_id"] for h in resp["hits"]["hits"]]
        finally:
            client.close()

    def docs(self, kind: str, query: dict | None = None) -> list[dict]:
        from indexers import alias_name

        client = self.es()
        try:
            alias = alias_name(self.settings.es.index_prefix, kind)
            client.indices.refresh(index=alias)
            resp = client.search(index=alias, query=query or {"match_all": {}}, size=10_000)
            return [h["_source"] for h in resp["hits"]["hits"]]
        finally:
            client.close()

    def read_topic(self, topic: str) -> list[tuple[bytes | None, bytes | None]]:
        """Every record currently in ``topic`` as ``(key, value)`` (from the start to the end offsets taken now)."""
        return [(r.key, r.value) for r in self.topic_records(topic)]

    def topic_records(self, topic: str) -> list[ConsumerRecord]:
        """Every record currently in ``topic`` (from the start to the end offsets taken now), in each partition's
        order, with its partition, offset and timestamp as well as its key and value."""
        ends = {tp: off for tp, off in end_offsets(self.settings, [topic]).items() if off > 0}
        if not ends:
            return []
        consumer = KafkaConsumer(bootstrap_servers=self.settings.kafka.bootstrap, enable_auto_commit=False)
        try:
            consumer.assign(list(ends))
            consumer.seek_to_beginning(*ends)
            out: list[ConsumerRecord] = []
            done: set[TopicPartition] = set()
            deadline = time.monotonic() + 60
            while len(done) < len(ends) and time.monotonic() < deadline:
                for tp, records in consumer.poll(timeout_ms=1000).items():
                    for r in records:
                        if r.offset < ends[tp]:
                            out.append(r)
                        if r.offset >= ends[tp] - 1:
                            done.add(tp)
            return out
        finally:
            consumer.close()

    def dead_letters(self) -> list[dict]:
        return [json.loads(v) for _, v in self.read_topic(self.settings.topics.deadletter) if v]

    def stop_all(self) -> None:
        for w in self.workers:
            w.stop(grace_s=20)


def _cleanup(ns: PipelineNs) -> None:
    from kafka.admin import KafkaAdminClient

    with contextlib.suppress(Exception):
        admin = KafkaAdminClient(bootstrap_servers=ns.settings.kafka.bootstrap)
        try:
            names = [t for t in admin.list_topics() if t.startswith(ns.name)]
            if names:
                admin.delete_topics(names)
            with contextlib.suppress(Exception):
                admin.delete_groups([ns.name])
        finally:
            admin.close()
    with contextlib.suppress(Exception):
        client = ns.es()
        try:
            client.options(ignore_status=404).indices.delete(index=f"{ns.name}-*")
            for kind in ("articles", "statements", "contradictions"):
                client.options(ignore_status=404).indices.delete_index_template(name=f"{ns.name}-{kind}")
            client.options(ignore_status=404).cluster.delete_component_template(name=f"{ns.name}-settings")
        finally:
            client.close()


@pytest.fixture
def pipeline_factory(stack, unique_name, tmp_path, free_port) -> Iterator[Callable[..., PipelineNs]]:
    """``pipeline_factory(partitions=6)`` -> an isolated :class:`PipelineNs` (workers stopped, topics deleted).

    ``es_url`` / ``kafka_bootstrap``: a private node or broker instead of the shared stack's (fault tests)."""
    made: list[PipelineNs] = []

    def make(
        partitions: int = 6,
        *,
        es_url: str | None = None,
        kafka_bootstrap: str | None = None,
        candidates_per_key: int | None = None,
        **worker: object,
    ) -> PipelineNs:
        name = unique_name("cfp")
        es = es_url or stack.es_url
        kafka = kafka_bootstrap or stack.kafka_bootstrap
        # Exactness tests (candidates_per_key given) compare with reference_for, which judges every pair of a block:
        # no eviction, no window and no judge budget may drop a candidate the engine would accept.
        analysis = (
            {"candidates_per_key": candidates_per_key, "max_candidates": 1_000_000, "judge_budget": 100_000}
            if candidates_per_key
            else {}
        )
        env = {
            "CONTRAFLOW_KAFKA__BOOTSTRAP": kafka,
            "CONTRAFLOW_ES__URL": es,
            "CONTRAFLOW_ES__INDEX_PREFIX": name,
            "CONTRAFLOW_ES__MAX_BACKOFF_S": "4",
            "CONTRAFLOW_TOPICS__RAW": f"{name}.raw",
            "CONTRAFLOW_TOPICS__NORMALIZED": f"{name}.normalized",
            "CONTRAFLOW_TOPICS__STATEMENTS": f"{name}.statements",
            "CONTRAFLOW_TOPICS__CONTRADICTIONS": f"{name}.contradictions",
            "CONTRAFLOW_TOPICS__DEADLETTER": f"{name}.deadletter",
            "CONTRAFLOW_TOPICS__PARTITIONS": str(partitions),
            "CONTRAFLOW_WORKER__APP_ID": name,
            "CONTRAFLOW_WORKER__DATA_DIR": str(tmp_path / name / "worker"),
        }
        if candidates_per_key:
            env["CONTRAFLOW_ANALYSIS__CANDIDATES_PER_KEY"] = str(candidates_per_key)
            env["CONTRAFLOW_ANALYSIS__MAX_CANDIDATES"] = "1000000"
            env["CONTRAFLOW_ANALYSIS__JUDGE_BUDGET"] = "100000"
        settings = Settings.model_validate(
            {
                "kafka": {"bootstrap": kafka},
                "es": {"url": es, "index_prefix": name, "max_backoff_s": 4},
                "analysis": analysis,
                "topics": {
                    "raw": f"{name}.raw",
                    "normalized": f"{name}.normalized",
                    "statements": f"{name}.statements",
                    "contradictions": f"{name}.contradictions",
                    "deadletter": f"{name}.deadletter",
                    "partitions": partitions,
                },
                "worker": {"app_id": name, "data_dir": str(tmp_path / name / "worker"), **worker},
            }
        )
        ensure_topics(settings, pipeline_topic_names(settings))
        ns = PipelineNs(name=name, settings=settings, env=env, tmp=tmp_path / name, free_port=free_port)
        made.append(ns)
        return ns

    yield make
    for ns in made:
        ns.stop_all()
        _cleanup(ns)


@pytest.fixture(scope="session")
def seed_lines() -> list[bytes]:
    """The seed article (one JSON line)."""
    return [line for line in SEED.read_bytes().splitlines() if line.strip()]


@pytest.fixture(scope="session")
def news_lines() -> list[bytes]:
    """The shared news corpus (383 JSON lines)."""
    return [line for line in NEWS.read_bytes().splitlines() if line.strip()]


# The fault tests run the first NEWS_SUBSET articles of the news corpus (the first ~25 event clusters): many
# cross-article contradictions and a kill mid-stream, while each table recovery after a rebalance (the memory
# store re-reads its changelog) stays short enough for a suite of minutes on 2 shared cores.
NEWS_SUBSET = 150


@pytest.fixture(scope="session")
def news_subset(news_lines) -> list[bytes]:
    """The first ``NEWS_SUBSET`` lines of the news corpus."""
    return news_lines[:NEWS_SUBSET]


@pytest.fixture(scope="session")
def news_statements(news_subset) -> dict[str, list]:
    """Article id -> statements the engine extracts for the subset (computed once per session)."""
    from analysis import extract_many, load_nlp
    from streams.agents.normalise import classify_raw

    articles = [classify_raw(line, max_text_chars=200_000) for line in news_subset]
    return {a.id: s for a, s in zip(articles, extract_many(articles, load_nlp()), strict=True)}


def _share(src: Path, dst: Path) -> None:
    """Make ``dst`` a hard-linked copy of the file or folder ``src`` (copied across file systems), unless it
    exists or ``src`` does not. Built beside ``dst`` and renamed into place: a reader never sees half of it."""
    if dst.exists() or not src.exists():
        return

    def link(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    dst.parent.mkdir(parents=True, exist_ok=True)
    part = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", dir=dst.parent)) / dst.name
    try:
        if src.is_dir():
            shutil.copytree(src, part, copy_function=link)
        else:
            link(str(src), str(part))
        with contextlib.suppress(OSError):  # another run put it there meanwhile: theirs is as good
            part.rename(dst)
    finally:
        shutil.rmtree(part.parent, ignore_errors=True)


def _download(local: LocalStack, service: str) -> Path:
    """What ``LocalStack`` fetches with Maven for ``service``, relative to its home: the Elasticsearch zip
    (checked against its pinned sha512 before each unpack) or the Kafka jars (checked when fetched, then marked
    ``.complete``)."""
    if service == "elasticsearch":
        path = local.elasticsearch.downloads / f"elasticsearch-{local.versions.elasticsearch}.zip"
    else:
        path = local.kafka.install_dir
    return path.relative_to(local.home)


def _remove_private_stack(local: LocalStack) -> None:
    if local.elasticsearch.relocated:  # as root, when the Elasticsearch user cannot enter the home
        shutil.rmtree(local.elasticsearch.root.parent, ignore_errors=True)
    shutil.rmtree(local.home, ignore_errors=True)


def _reap_private_stacks(name: str) -> None:
    """Stop and remove the private stacks ``name`` of runs that are gone (killed before their clean-up)."""
    from contraflow.stack import LocalStack
    from contraflow.stack.process import is_alive

    for home in PRIVATE_STACKS.glob(f"{name}-*-*"):
        pid, _, _ = home.name.removeprefix(f"{name}-").partition("-")
        if home.is_dir() and pid.isdigit() and not is_alive(int(pid)):
            local = LocalStack(StackSettings(home=home))
            with contextlib.suppress(Exception):
                local.down(grace_s=10)
            _remove_private_stack(local)


@pytest.fixture
def private_stack(free_port, tmp_path) -> Callable[..., AbstractContextManager[LocalStack]]:
    """``with private_stack("fault-stack", "elasticsearch") as local:`` one service of a stack of the test's own,
    started through the same ``LocalStack`` code as ``contraflow stack up``, on free ports, so that a test may stop
    or starve it without disturbing anyone using the shared stack; stopped afterwards. ``es_node_settings``:
    static node settings (``{"thread_pool.write.size": 1}``).

    Its home is new for each test, so two runs on one checkout never share one: ``.contraflow/<name>-<pid>-<random>``
    in the checkout, which the Elasticsearch user may enter as it may the shared stack's (as root, the node runs
    as that user). It is removed afterwards (its logs are kept in ``tmp_path``), or by a later run if this one
    was killed. The download is a hard link to the shared test stack's (``CONTRAFLOW_STACK__HOME``, default
    ``.stack``), fetched into it once if it has none.
    """
    from contraflow.stack import LocalStack

    shared = LocalStack(StackSettings(**({"home": Path(_SHARED_HOME)} if _SHARED_HOME else {}))).home

    @contextlib.contextmanager
    def make(name: str, service: str, es_node_settings: dict[str, object] | None = None) -> Iterator[LocalStack]:
        PRIVATE_STACKS.mkdir(parents=True, exist_ok=True)
        _reap_private_stacks(name)
        home = Path(tempfile.mkdtemp(prefix=f"{name}-{os.getpid()}-", dir=PRIVATE_STACKS))
        home.chmod(0o755)  # mkdtemp makes it 700: the Elasticsearch user could not enter it
        ports = {"es_port": free_port(), "kafka_port": free_port(), "kafka_controller_port": free_port()}
        local = LocalStack(StackSettings(home=home, **ports), es_node_settings=es_node_settings)
        download = _download(local, service)
        _share(shared / download, home / download)
        try:
            local.start_service(service)
            _share(home / download, shared / download)  # fetched here: the next private stack links it
            yield local
        finally:
            local.stop_service(service)
            with contextlib.suppress(OSError):
                shutil.copytree(home / "logs", tmp_path / f"{name}-logs", dirs_exist_ok=True)
            _remove_private_stack(local)

    return make
