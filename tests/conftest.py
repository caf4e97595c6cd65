"""Shared fixtures: the real local stack (Kafka + Elasticsearch), unique names, a clean environment.

- ``stack`` (session): a running stack. When ``CONTRAFLOW_KAFKA__BOOTSTRAP`` / ``CONTRAFLOW_ES__URL`` are set
  (as ``make test`` does), those services are used and checked; otherwise the stack of
  ``CONTRAFLOW_STACK__*`` (default: ``.stack`` on 9092/9200) is reused when healthy, or brought up through
  :class:`contraflow.stack.LocalStack` and stopped at the end. A stack that was already running is left running.
- ``kafka_bootstrap``, ``es_url`` (session): the addresses; ``stack_env`` sets them as ``CONTRAFLOW_*`` vars
  for one test (for code that calls ``load_settings()``); ``stack.env()`` gives them for a subprocess.
- ``unique_name(prefix)``: a lowercase name unique to this run, for topics, indices and consumer groups.
- ``kafka_topic(prefix, partitions=...)`` and ``es_index(prefix)``: per-test names, deleted afterwards.
- ``free_port()`` (session): a local TCP port nobody listens on, never the same twice in one run.
- ``run_cli("schema", "Nope")``: ``contraflow ARGS`` in this process through its entry point, as a user runs it
  (an error prints ``Type: message`` and exits with its code): a :class:`CliResult` (code, stdout, stderr).
- Shared by the unit tests of several packages: ``statement_factory`` / ``article_factory`` (records with
  defaults; name only what a test is about) and ``nlp`` (the spaCy pipeline, loaded once per run).
- Every test starts with no ``CONTRAFLOW_*`` variables (the session fixtures read them before).
- Tests under ``tests/integration/`` are marked ``integration`` automatically.

Test folders mirror the packages (``tests/unit/analysis/`` tests ``analysis``) without shadowing them: every
``tests/unit/<package>/`` has an ``__init__.py``, so pytest imports it as ``unit.<package>``, never as a
top-level ``<package>`` (``tests/unit/structure/test_test_layout.py`` checks both).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from schemas import Article, Statement, statement_id

# Captured at import, before any per-test clearing, so the session fixtures see what the caller set.
_SESSION_ENV = {key: value for key, value in os.environ.items() if key.startswith("CONTRAFLOW_")}
_INTEGRATION_DIR = Path(__file__).parent / "integration"


def unique_name(prefix: str = "t") -> str:
    """A lowercase name unique to this call (valid as a Kafka topic, ES index, consumer group)."""
    return f"{prefix.lower()}-{uuid.uuid4().hex[:12]}"


@dataclass
class StackInfo:
    """Where the test stack is, and whether this session started it."""

    kafka_bootstrap: str
    es_url: str
    started_here: bool = False
    local: object | None = field(default=None, repr=False)  # the LocalStack, when we control one

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """An environment for a ``contraflow`` subprocess pointed at this stack."""
        env = {k: v for k, v in (base if base is not None else os.environ).items() if not k.startswith("CONTRAFLOW_")}
        env["CONTRAFLOW_KAFKA__BOOTSTRAP"] = self.kafka_bootstrap
        env["CONTRAFLOW_ES__URL"] = self.es_url
        return env


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _INTEGRATION_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.integration)


def _check_kafka(bootstrap: str) -> None:
    from kafka import KafkaAdminClient

    try:
        client = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
        try:
            if not client.describe_cluster().get("brokers"):
                raise RuntimeError("no brokers in metadata")
        finally:
            client.close()
    except Exception as exc:
        pytest.fail(f"Kafka at {bootstrap} does not answer a metadata request ({exc!r}); run `contraflow stack up`")


def _check_es(url: str) -> None:
    import json
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/_cluster/health?wait_for_status=yellow&timeout=30s", timeout=40) as resp:
            status = json.load(resp).get("status")
    except OSError as exc:
        pytest.fail(f"Elasticsearch at {url} does not answer ({exc}); run `contraflow stack up`")
    if status not in ("yellow", "green"):
        pytest.fail(f"Elasticsearch at {url} is {status}")


@pytest.fixture(scope="session")
def stack() -> Iterator[StackInfo]:
    """The real Kafka broker and Elasticsearch node for integration tests (see module docstring)."""
    bootstrap = _SESSION_ENV.get("CONTRAFLOW_KAFKA__BOOTSTRAP")
    es_url = _SESSION_ENV.get("CONTRAFLOW_ES__URL")
    if bootstrap and es_url:
        _check_kafka(bootstrap)
        _check_es(es_url.rstrip("/"))
        yield StackInfo(kafka_bootstrap=bootstrap, es_url=es_url.rstrip("/"))
        return

    from contraflow.settings import Settings
    from contraflow.stack import LocalStack

    # Settings from the captured environment only (the stack section: home, ports, heaps).
    saved = dict(os.environ)
    os.environ.update(_SESSION_ENV)
    try:
        settings = Settings()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    local = LocalStack(settings.stack)
    was_healthy = local.status().healthy
    if not was_healthy:
        local.up()
    info = StackInfo(
        kafka_bootstrap=bootstrap or local.kafka_bootstrap,
        es_url=(es_url or local.es_url).rstrip("/"),
        started_here=not was_healthy,
        local=local,
    )
    try:
        yield info
    finally:
        if info.started_here:
            local.down()


@pytest.fixture(scope="session")
def kafka_bootstrap(stack: StackInfo) -> str:
    """Bootstrap servers of the test broker."""
    return stack.kafka_bootstrap


@pytest.fixture(scope="session")
def es_url(stack: StackInfo) -> str:
    """URL of the test Elasticsearch node."""
    return stack.es_url


@pytest.fixture(autouse=True)
def _clean_contraflow_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the caller's ``CONTRAFLOW_*`` settings (restored after the test)."""
    for key in [k for k in os.environ if k.startswith("CONTRAFLOW_")]:
        monkeypatch.delenv(key)


@pytest.fixture
def stack_env(stack: StackInfo, monkeypatch: pytest.MonkeyPatch) -> StackInfo:
    """Point ``load_settings()`` at the test stack for this test."""
    monkeypatch.setenv("CONTRAFLOW_KAFKA__BOOTSTRAP", stack.kafka_bootstrap)
    monkeypatch.setenv("CONTRAFLOW_ES__URL", stack.es_url)
    return stack


@dataclass
class CliResult:
    """What one ``contraflow`` command did: its exit code and what it wrote."""

    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Factory: ``run_cli(*args)`` runs ``contraflow.cli.main`` with those arguments (see module docstring)."""
    from contraflow.cli import main

    def run(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["contraflow", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return run


_PORTS_GIVEN: set[int] = set()


def _free_port() -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in _PORTS_GIVEN:  # a closed port may come back from the kernel: hand each out once
            _PORTS_GIVEN.add(port)
            return port


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """Factory: ``free_port()`` -> a local TCP port nobody listens on now, distinct from every other it gave."""
    return _free_port


def _make_statement(
    start: int = 0,
    keys: Iterable[str] = (),
    article: str = "a",
    *,
    text: str | None = None,
    length: int = 1,
    source: str = "s",
    **fields: Any,
) -> Statement:
    """A statement of ``article`` at ``start``..``start + length`` (its id follows from them); ``keys``: its
    blocking keys; any other :class:`~schemas.Statement` field by name."""
    return Statement(
        id=statement_id(article, start, start + length),
        article_id=article,
        source=source,
        text=f"s{start}" if text is None else text,
        start=start,
        end=start + length,
        blocking_keys=list(keys),
        **fields,
    )


@pytest.fixture(scope="session")
def make_statement() -> Callable[..., Statement]:
    """Factory: ``make_statement(3, ["k"])`` -> statement ``a#3-4``, blocking key ``k`` (``_make_statement``)."""
    return _make_statement


def _make_article(article_id: str = "a", **fields: Any) -> Article:
    base: dict[str, Any] = {"source": "s", "text": f"Text of {article_id}.", "content_hash": article_id}
    return Article(id=article_id, **{**base, **fields})


@pytest.fixture(scope="session")
def make_article() -> Callable[..., Article]:
    """Factory: ``make_article("a1", version="v2")`` -> a normalised :class:`~schemas.Article` with defaults."""
    return _make_article


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The statement pipeline (``analysis.load_nlp``), loaded once per run."""
    from analysis import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pair_nlp() -> Any:
    """The sentence-pair judge's pipeline (``analysis.pairs.judge.load_pair_nlp``), loaded once per run."""
    from analysis.pairs.judge import load_pair_nlp

    return load_pair_nlp()


@pytest.fixture(name="unique_name")
def unique_name_fixture() -> Callable[[str], str]:
    """The :func:`unique_name` helper as a fixture."""
    return unique_name


@pytest.fixture
def kafka_topic(kafka_bootstrap: str) -> Iterator[Callable[..., str]]:
    """Factory: create a unique topic (``kafka_topic("raw", partitions=3)``); all are deleted after the test."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic

    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap, request_timeout_ms=30_000)
    created: list[str] = []

    def make(prefix: str = "topic", partitions: int = 1) -> str:
        name = unique_name(prefix)
        admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
        created.append(name)
        return name

    try:
        yield make
    finally:
        # Cleanup must not hide the test's own result.
        with contextlib.suppress(Exception):
            if created:
                admin.delete_topics(created)
        admin.close()


@pytest.fixture
def es_index(es_url: str) -> Iterator[Callable[[str], str]]:
    """Factory: a unique index name/prefix; every index matching ``name*`` is deleted after the test."""
    from elasticsearch import Elasticsearch

    client = Elasticsearch(es_url, request_timeout=30)
    names: list[str] = []

    def make(prefix: str = "idx") -> str:
        name = unique_name(prefix)
        names.append(name)
        return name

    try:
        yield make
    finally:
        for name in names:
            with contextlib.suppress(Exception):
                client.indices.delete(index=f"{name}*", ignore_unavailable=True, allow_no_indices=True)
        client.close()
