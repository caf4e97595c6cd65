"""The pipeline on the secured local stack: Kafka SASL_SSL (SCRAM-SHA-512) and Elasticsearch over HTTPS with users
whose roles reach only ``contraflow-*`` (issue #19). Wrong credentials and untrusted CAs fail fast, naming what to fix;
plaintext is refused; no secret reaches a log line, an error or ``/metrics``."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import trustme

from contraflow.runner import WorkerProcess, expected_article_ids, wait_processed, worker_env
from contraflow.settings import Settings

SEED = Path(__file__).resolve().parents[4] / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"
CLI = [sys.executable, "-c", "from contraflow.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _namespace(name: str) -> dict[str, str]:
    """Topics, group and index prefix of one test; the prefix is one the worker's role may write."""
    return {
        "CONTRAFLOW_ES__INDEX_PREFIX": f"contraflow-{name}",
        "CONTRAFLOW_TOPICS__RAW": f"{name}.raw",
        "CONTRAFLOW_TOPICS__NORMALIZED": f"{name}.normalized",
        "CONTRAFLOW_TOPICS__STATEMENTS": f"{name}.statements",
        "CONTRAFLOW_TOPICS__CONTRADICTIONS": f"{name}.contradictions",
        "CONTRAFLOW_TOPICS__DEADLETTER": f"{name}.deadletter",
        "CONTRAFLOW_TOPICS__PARTITIONS": "2",
        "CONTRAFLOW_WORKER__APP_ID": name,
    }


def _cli(args: list[str], env: dict[str, str], timeout_s: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=worker_env(env), capture_output=True, text=True, timeout=timeout_s)


def _assert_fails_fast(result: subprocess.CompletedProcess[str], elapsed_s: float, names: str, secrets: list[str]):
    last = result.stderr.strip().splitlines()[-1]
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert names in last, last
    assert elapsed_s < 30, f"took {elapsed_s:.0f}s: {last}"
    for secret in secrets:
        assert secret not in result.stderr + result.stdout


def test_seed_through_publish_worker_elasticsearch_and_search_over_sasl_ssl_and_https(secure_stack, tmp_path):
    name = f"sec-{uuid.uuid4().hex[:10]}"
    env = {**secure_stack.worker_env, **_namespace(name), "CONTRAFLOW_WORKER__DATA_DIR": str(tmp_path / "worker")}
    worker = WorkerProcess(env=worker_env(env), log_path=tmp_path / "worker.log", web_port=_free_port()).start()
    try:
        published = _cli(["publish", str(SEED)], env)
        assert published.returncode == 0, published.stderr
        settings = Settings(**_settings_of(env))
        lines = SEED.read_bytes().splitlines()
        counts = wait_processed(
            settings, articles=len(expected_article_ids(lines, max_text_chars=200_000)), timeout_s=240
        )
        assert counts["articles"] == 1 and counts["contradictions"] > 0, counts

        # Search as the read-only user, as an analyst would.
        reader = {**secure_stack.reader_env, "CONTRAFLOW_ES__INDEX_PREFIX": f"contraflow-{name}"}
        found = _cli(["search", "--kind", "denial", "--speaker", "Kovalenko", "--json"], reader)
        assert found.returncode == 0, found.stderr
        hits = [json.loads(line) for line in found.stdout.splitlines() if line.strip()]
        assert hits and all(h["kind"] == "denial" for h in hits), found.stdout[:500]

        # The web page, as the read-only user too.
        web_port, web_log = _free_port(), tmp_path / "web.log"
        with web_log.open("wb") as out:
            page = subprocess.Popen(
                [*CLI, "web", "--port", str(web_port)], env=worker_env(reader), stdout=out, stderr=subprocess.STDOUT
            )
        try:
            api = _get_json_when_up(f"http://127.0.0.1:{web_port}/api/contradictions?kind=denial&speaker=Kovalenko")
        finally:
            page.terminate()
            page.wait(30)
        assert api["total"] >= 1, api

        # The reader may not write, even its own indices.
        from elasticsearch import AuthorizationException

        from indexers import make_client

        client = make_client(Settings(**_settings_of(reader)).es)
        try:
            with pytest.raises(AuthorizationException):
                client.index(index=f"contraflow-{name}-articles", document={"x": 1})
        finally:
            client.close()

        with urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/metrics", timeout=10) as response:
            metrics = response.read().decode()
        assert "contraflow" in metrics
    finally:
        worker.stop(grace_s=20)
    log = (tmp_path / "worker.log").read_text(errors="replace") + web_log.read_text(errors="replace")
    assert "SASL_SSL" in log  # the settings line is there, with its secrets masked
    for secret in secure_stack.secrets:
        assert secret not in log, "a password is in the worker's or the web page's log"
        assert secret not in metrics, "a password is in /metrics"
        assert secret not in published.stderr + found.stderr


def _get_json_when_up(url: str, timeout_s: float = 60) -> dict:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return json.loads(response.read().decode())
        except (urllib.error.URLError, ConnectionError) as exc:
            if isinstance(exc, urllib.error.HTTPError) or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _settings_of(env: dict[str, str]) -> dict:
    """Settings sections from CONTRAFLOW_* variables (as the CLI would read them)."""
    data: dict = {}
    for key, value in env.items():
        parts = key.removeprefix("CONTRAFLOW_").lower().split("__")
        if len(parts) == 2:
            data.setdefault(parts[0], {})[parts[1]] = value
    return data


def test_a_wrong_kafka_password_fails_fast_naming_it(secure_stack):
    env = {**secure_stack.worker_env, "CONTRAFLOW_KAFKA__PASSWORD": "not-the-password"}
    started = time.monotonic()
    result = _cli(["publish", str(SEED)], env)
    _assert_fails_fast(result, time.monotonic() - started, "CONTRAFLOW_KAFKA__PASSWORD", secure_stack.secrets)
    assert "not-the-password" not in result.stderr


def test_a_worker_with_a_wrong_kafka_password_exits_at_once(secure_stack, tmp_path):
    env = {
        **secure_stack.worker_env,
        **_namespace(f"sec-{uuid.uuid4().hex[:10]}"),
        "CONTRAFLOW_KAFKA__PASSWORD": "not-the-password",
        "CONTRAFLOW_WORKER__DATA_DIR": str(tmp_path / "worker"),
    }
    started = time.monotonic()
    result = _cli(["worker", "--web-port", str(_free_port())], env, timeout_s=90)
    _assert_fails_fast(result, time.monotonic() - started, "CONTRAFLOW_KAFKA__PASSWORD", secure_stack.secrets)


@pytest.mark.parametrize("command", ["worker", "search"])
def test_wrong_elasticsearch_credentials_fail_fast_naming_them(secure_stack, tmp_path, command):
    env = {
        **secure_stack.worker_env,
        **_namespace(f"sec-{uuid.uuid4().hex[:10]}"),
        "CONTRAFLOW_ES__PASSWORD": "not-the-password",
        "CONTRAFLOW_WORKER__DATA_DIR": str(tmp_path / "worker"),
    }
    args = ["worker", "--web-port", str(_free_port())] if command == "worker" else ["search", "x"]
    started = time.monotonic()
    result = _cli(args, env, timeout_s=90)
    _assert_fails_fast(result, time.monotonic() - started, "CONTRAFLOW_ES__USERNAME", secure_stack.secrets)
    assert result.returncode == 2


def test_a_wrong_api_key_fails_fast_naming_it(secure_stack):
    env = {k: v for k, v in secure_stack.reader_env.items() if "USERNAME" not in k and "PASSWORD" not in k}
    env["CONTRAFLOW_ES__API_KEY"] = "bm90LWFuLWlkOm5vdC1hLWtleQ=="
    started = time.monotonic()
    result = _cli(["search", "x"], env)
    _assert_fails_fast(result, time.monotonic() - started, "CONTRAFLOW_ES__API_KEY", secure_stack.secrets)
    assert "bm90LWFuLWlkOm5vdC1hLWtleQ==" not in result.stderr


def test_an_untrusted_ca_fails_fast_naming_the_ca_setting(secure_stack, tmp_path):
    other_ca = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    env = {**secure_stack.worker_env, "CONTRAFLOW_KAFKA__CA_FILE": str(other_ca)}
    started = time.monotonic()
    result = _cli(["publish", str(SEED)], env)
    _assert_fails_fast(result, time.monotonic() - started, "CONTRAFLOW_KAFKA__CA_FILE", secure_stack.secrets)
    env = {**secure_stack.reader_env, "CONTRAFLOW_ES__CA_FILE": str(other_ca)}
    started = time.monotonic()
    result = _cli(["search", "x"], env)
    _assert_fails_fast(result, time.monotonic() - started, "CONTRAFLOW_ES__CA_FILE", secure_stack.secrets)


def _answers_without_client_certificate(port: int, context: ssl.SSLContext) -> bool:
    """Whether a TLS client without a certificate gets anything but a closed connection (an ApiVersions request)."""
    request = bytes.fromhex("0000001200120000000000010008") + b"probe-cf"
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
            context.wrap_socket(raw, server_hostname="localhost") as tls,
        ):
            tls.sendall(request)
            return tls.recv(4) != b""
    except (ssl.SSLError, ConnectionError, OSError):
        return False


def test_plaintext_connections_to_the_secured_ports_are_refused(secure_stack):
    from kafka import KafkaAdminClient

    local = secure_stack.local
    with pytest.raises(Exception):  # noqa: B017 - any failure: the point is that nothing plaintext gets through
        KafkaAdminClient(
            bootstrap_servers=local.kafka_bootstrap, request_timeout_ms=5000, api_version_auto_timeout_ms=5000
        )
    # The controller port takes only TLS with this host's certificate.
    context = ssl.create_default_context(cafile=str(local.material.ca))
    assert not _answers_without_client_certificate(local.cfg.kafka_controller_port, context)
    # Elasticsearch: no plain HTTP, and no anonymous HTTPS.
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        urllib.request.urlopen(f"http://localhost:{local.cfg.es_port}/_cluster/health", timeout=5)
    with pytest.raises(urllib.error.HTTPError) as denied:
        urllib.request.urlopen(f"{local.es_url}/_cluster/health", timeout=5, context=context)
    assert denied.value.code == 401


def test_stack_status_says_the_stack_runs_secured(secure_stack):
    local = secure_stack.local
    env = {
        "CONTRAFLOW_STACK__HOME": str(local.home),
        "CONTRAFLOW_STACK__KAFKA_PORT": str(local.cfg.kafka_port),
        "CONTRAFLOW_STACK__KAFKA_CONTROLLER_PORT": str(local.cfg.kafka_controller_port),
        "CONTRAFLOW_STACK__ES_PORT": str(local.cfg.es_port),
    }
    result = _cli(["stack", "status", "--json"], env, timeout_s=60)
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["mode"] == "secure" and status["healthy"], status
    assert status["client_env"] == str(local.secure_env)
    assert status["services"][1]["address"].startswith("https://")
    for secret in secure_stack.secrets:
        assert secret not in result.stdout + result.stderr
