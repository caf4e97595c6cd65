"""docker-compose.secure.yml: the secured production profile, merged over docker-compose.yml by the real client.

No Docker engine runs here: ``docker-compose config`` merges and validates the two files (with the secrets that
deploy/compose/make_secrets.py writes), and the merged result is checked for what the profile promises. The
generated certificates are tried in a real TLS handshake, and the contraflow services' settings are loaded with
the secret files in place, as the containers would.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest
import yaml
from deploy_helpers import REPO, require_tool, settings_env_names

from contraflow.settings import load_settings

BASE, SECURE = REPO / "docker-compose.yml", REPO / "docker-compose.secure.yml"


def _make_secrets_module():
    spec = importlib.util.spec_from_file_location("make_secrets", REPO / "deploy" / "compose" / "make_secrets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def secrets_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compose") / "secrets"
    _make_secrets_module().make_secrets(out)
    return out


@pytest.fixture(scope="module")
def merged(secrets_dir: Path) -> dict:
    client = require_tool("docker-compose", "docker-compose")
    env = {**os.environ, "CONTRAFLOW_SECRETS": str(secrets_dir)}
    args = [client, "-f", str(BASE), "-f", str(SECURE), "config"]
    check = subprocess.run([*args, "-q"], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert check.returncode == 0, f"docker-compose config: {check.stderr}"
    result = subprocess.run(args, capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def _env(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def _secrets(service: dict) -> set[str]:
    return {s["source"] if isinstance(s, dict) else s for s in service.get("secrets", [])}


def test_elasticsearch_has_security_and_https(merged: dict) -> None:
    es = _env(merged["services"]["elasticsearch"])
    assert es["xpack.security.enabled"] == "true"
    assert es["xpack.security.http.ssl.enabled"] == "true" and es["xpack.security.transport.ssl.enabled"] == "true"
    assert es["ELASTIC_PASSWORD_FILE"] == "/run/secrets/elastic_password"
    assert "ELASTIC_PASSWORD" not in es
    kibana = _env(merged["services"]["kibana"])
    assert kibana["ELASTICSEARCH_HOSTS"] == '["https://elasticsearch:9200"]'
    assert kibana["ELASTICSEARCH_USERNAME"] == "kibana_system" and "ELASTICSEARCH_PASSWORD" not in kibana


def test_kafka_listeners_are_sasl_ssl_and_the_controller_stays_local(merged: dict) -> None:
    kafka = _env(merged["services"]["kafka"])
    protocols = dict(item.split(":") for item in kafka["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    assert protocols == {"INTERNAL": "SASL_SSL", "EXTERNAL": "SASL_SSL", "CONTROLLER": "PLAINTEXT"}
    listeners = dict(item.split("://") for item in kafka["KAFKA_LISTENERS"].split(","))
    assert listeners["CONTROLLER"].startswith("localhost:")
    assert "kafka_jaas.conf" in kafka["KAFKA_OPTS"] and "kafka_jaas.conf" in _secrets(merged["services"]["kafka"])
    assert "command-config" in " ".join(merged["services"]["kafka"]["healthcheck"]["test"])


def test_grafana_needs_its_admin_password_and_has_no_anonymous_access(merged: dict) -> None:
    grafana = merged["services"]["grafana"]
    env = _env(grafana)
    assert env["GF_AUTH_ANONYMOUS_ENABLED"] == "false"
    assert env["GF_SECURITY_ADMIN_PASSWORD__FILE"] == "/run/secrets/grafana_admin_password"
    assert "GF_SECURITY_ADMIN_PASSWORD" not in env and "grafana_admin_password" in _secrets(grafana)


def test_every_secret_is_a_file_and_no_value_is_inline(merged: dict, secrets_dir: Path) -> None:
    for name, secret in merged["secrets"].items():
        assert Path(secret["file"]).parent == secrets_dir, name
        assert Path(secret["file"]).is_file(), name
    text = yaml.safe_dump(merged)
    for path in secrets_dir.iterdir():
        if path.stat().st_size < 100:  # the passwords
            assert path.read_text() not in text, f"{path.name}'s value is written into the compose configuration"
    for service in merged["services"].values():
        for key, value in _env(service).items():
            assert not (key.endswith("PASSWORD") or key.endswith("API_KEY") or key.endswith("TOKEN")), (key, value)


@pytest.mark.parametrize(
    ("service", "es_user"), [("setup", "elastic"), ("worker", "contraflow_worker"), ("web", "contraflow_web")]
)
def test_contraflow_services_load_their_secured_settings(
    merged: dict, secrets_dir: Path, monkeypatch: pytest.MonkeyPatch, service: str, es_user: str
) -> None:
    spec = merged["services"][service]
    env = {k: v for k, v in _env(spec).items() if k.startswith("CONTRAFLOW_")}
    assert set(env) <= settings_env_names(), sorted(set(env) - settings_env_names())
    for key, value in env.items():
        if value.startswith("/run/secrets/"):
            name = value.removeprefix("/run/secrets/")
            assert name in _secrets(spec), f"{service} reads {value} but does not mount that secret"
            value = str(secrets_dir / name)  # where the container would find it
        monkeypatch.setenv(key, value)
    settings = load_settings()
    assert settings.es.url.startswith("https://") and settings.es.username == es_user
    assert settings.es.password is not None and settings.es.ca_file is not None
    if service != "web":
        assert settings.kafka.security_protocol == "SASL_SSL" and settings.kafka.password is not None
    else:
        assert settings.web.auth == "basic"
        assert settings.web.password.get_secret_value() == (secrets_dir / "web_password").read_text()


def test_es_users_get_least_privilege(merged: dict) -> None:
    command = " ".join(merged["services"]["es-users"]["command"])
    assert '"names":["contraflow-*"]' in command
    reader = command[command.index("role/contraflow_reader") :]
    assert '"privileges":["read","view_index_metadata"]' in reader.split("-d", 1)[1].split(";", 1)[0]
    assert merged["services"]["setup"]["depends_on"]["es-users"]["condition"] == "service_completed_successfully"


def _handshake(secrets_dir: Path, client_ctx: ssl.SSLContext, host: str) -> bytes:
    """A TLS server with the generated certificate and key, and one client connection naming ``host``."""
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(secrets_dir / "tls.crt", secrets_dir / "tls.key")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def serve() -> None:
            conn, _ = listener.accept()
            try:
                with server_ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.sendall(b"ok")
            except (ssl.SSLError, OSError):
                pass  # the client refused us: its side raises

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        try:
            with (
                socket.create_connection(listener.getsockname(), timeout=10) as raw,
                client_ctx.wrap_socket(raw, server_hostname=host) as tls,
            ):
                return tls.recv(2)
        finally:
            thread.join(10)


def test_generated_certificates_pass_a_real_tls_handshake(secrets_dir: Path) -> None:
    assert (secrets_dir / "tls.key").read_text().startswith("-----BEGIN PRIVATE KEY-----")  # PKCS#8 for Kafka
    keystore = (secrets_dir / "kafka_keystore.pem").read_text()
    assert keystore.startswith("-----BEGIN PRIVATE KEY-----") and "BEGIN CERTIFICATE" in keystore
    trusting = ssl.create_default_context(cafile=secrets_dir / "ca.pem")
    for host in ("kafka", "elasticsearch", "localhost"):
        assert _handshake(secrets_dir, trusting, host) == b"ok", host
    with pytest.raises(ssl.SSLCertVerificationError):
        _handshake(secrets_dir, trusting, "example.org")  # a name the certificate does not carry
    with pytest.raises(ssl.SSLCertVerificationError):
        _handshake(secrets_dir, ssl.create_default_context(), "elasticsearch")  # without our CA


def test_make_secrets_never_overwrites(secrets_dir: Path) -> None:
    before = (secrets_dir / "elastic_password").read_text()
    with pytest.raises(SystemExit, match="not empty"):
        _make_secrets_module().make_secrets(secrets_dir)
    assert (secrets_dir / "elastic_password").read_text() == before
    assert oct(secrets_dir.stat().st_mode & 0o777) == "0o700"
