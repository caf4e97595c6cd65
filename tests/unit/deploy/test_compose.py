"""docker-compose.yml: services, ports, healthchecks, scalable workers, env names and image tags.

No Docker engine runs here, so the file is checked by parsing it against the code's own
configuration (``Settings`` fields, ``contraflow/assets/stack/versions.json``), and with ``docker compose config``
or ``docker-compose config`` when a client is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from deploy_helpers import ASSETS, DEPLOY, REPO, settings_env_names

from contraflow.settings import Settings

COMPOSE_FILE = REPO / "docker-compose.yml"
VERSIONS = json.loads((ASSETS / "stack" / "versions.json").read_text())
SERVICES = {"kafka", "elasticsearch", "kibana", "prometheus", "grafana", "setup", "worker", "web"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def _env(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def test_all_services_present(compose: dict) -> None:
    assert set(compose["services"]) >= SERVICES


def test_every_contraflow_env_name_is_a_settings_field(compose: dict) -> None:
    known = settings_env_names()
    assert "CONTRAFLOW_ES__URL" in known and "CONTRAFLOW_KAFKA__BOOTSTRAP" in known
    used = {k for s in compose["services"].values() for k in _env(s) if k.startswith("CONTRAFLOW_")}
    assert used, "no CONTRAFLOW_* variables in the compose file"
    assert used <= known, f"not Settings fields: {sorted(used - known)}"


def test_contraflow_env_values_validate_as_settings(compose: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """The values, not only the names, are accepted by Settings, and point at the compose services."""
    for name in ("setup", "worker", "web"):
        for key in [k for k in list(os.environ) if k.startswith("CONTRAFLOW_")]:
            monkeypatch.delenv(key)
        for key, value in _env(compose["services"][name]).items():
            if key.startswith("CONTRAFLOW_"):
                monkeypatch.setenv(key, value)
        settings = Settings()
        host, _, port = settings.kafka.bootstrap.partition(":")
        assert host in compose["services"], f"{name}: bootstrap host {host!r} is not a service"
        assert f"INTERNAL://{host}:{port}" in _env(compose["services"]["kafka"])["KAFKA_ADVERTISED_LISTENERS"]
        assert settings.es.url == "http://elasticsearch:9200"


def test_image_tags_match_local_stack_versions(compose: dict) -> None:
    services = compose["services"]
    assert services["kafka"]["image"] == f"apache/kafka:{VERSIONS['kafka']}"
    es = VERSIONS["elasticsearch"]
    assert services["elasticsearch"]["image"] == f"docker.elastic.co/elasticsearch/elasticsearch:{es}"
    assert services["kibana"]["image"] == f"docker.elastic.co/kibana/kibana:{es}"
    for name, service in services.items():
        if "image" in service and "build" not in service:
            tag = service["image"].rsplit(":", 1)[-1]
            assert ":" in service["image"] and tag != "latest", f"{name}: pin a version, not {service['image']!r}"
            assert re.match(r"v?\d+\.\d+\.\d+$", tag), f"{name}: tag {tag!r} is not an exact version"


def test_elasticsearch_client_major_matches_server() -> None:
    from elasticsearch import __version__ as client_version

    assert client_version[0] == int(VERSIONS["elasticsearch"].split(".")[0])


def test_worker_is_scalable(compose: dict) -> None:
    worker = compose["services"]["worker"]
    assert "container_name" not in worker, "a fixed container_name breaks --scale worker=N"
    assert "ports" not in worker, "a fixed host port breaks --scale worker=N"
    assert "build" in worker
    env = _env(worker)
    # Prometheus scrapes every replica at <container IP>:<web port>: the port must match the scrape
    # config and the worker must listen beyond loopback inside its container.
    assert env["CONTRAFLOW_WORKER__WEB_BIND"] == "0.0.0.0"
    prom = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    job = next(j for j in prom["scrape_configs"] if j["job_name"] == "contraflow-worker")
    [sd] = job["dns_sd_configs"]
    assert sd["names"] == ["worker"] and str(sd["port"]) == env["CONTRAFLOW_WORKER__WEB_PORT"]


def test_ports_bind_loopback_and_match_defaults(compose: dict) -> None:
    defaults = Settings.model_construct()
    expected = {
        "kafka": 9092,
        "elasticsearch": int(defaults.es.url.rsplit(":", 1)[-1]),
        "kibana": 5601,
        "prometheus": 9090,
        "grafana": 3000,
    }
    assert expected["kafka"] == int(defaults.kafka.bootstrap.rsplit(":", 1)[-1])
    for name, port in expected.items():
        ports = compose["services"][name]["ports"]
        assert f"127.0.0.1:{port}:{port}" in ports, f"{name}: {ports}"
    for service in compose["services"].values():
        for mapping in service.get("ports", []):
            assert str(mapping).startswith("127.0.0.1:"), f"{mapping} is reachable from other hosts"


def test_long_running_services_have_healthchecks(compose: dict) -> None:
    for name, service in compose["services"].items():
        if name != "setup":
            assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


def test_startup_order(compose: dict) -> None:
    services = compose["services"]
    assert services["worker"]["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    for dep in ("kafka", "elasticsearch", "kibana"):
        assert services["setup"]["depends_on"][dep]["condition"] == "service_healthy"
    assert services["setup"].get("restart") == "no"


def test_setup_steps_exist_in_the_code(compose: dict) -> None:
    """Each step of the setup job runs code that exists: `contraflow ...` commands the CLI has, and
    `python -c` snippets that compile and import only names the packages define."""
    import ast
    import importlib
    import shlex

    from typer.testing import CliRunner

    from contraflow.cli import app

    command = compose["services"]["setup"]["command"]
    assert command[:2] == ["sh", "-c"]
    steps = [shlex.split(step) for step in command[2].split("&&")]
    assert [s[0] for s in steps] == ["python", "contraflow"]
    code = steps[0][steps[0].index("-c") + 1]
    tree = ast.parse(code)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"ensure_topics", "ensure_indices"} <= called
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name), f"{node.module} has no {alias.name}"
    words = steps[1]
    path = [w for w in words[1:] if not w.startswith("-")][:2]
    assert path == ["kibana", "import"]
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    for option in (w for w in words if w.startswith("--")):
        assert option in result.output, f"`contraflow kibana import` has no {option}"


def test_mounted_deploy_paths_exist(compose: dict) -> None:
    for service in compose["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (REPO / source).exists(), f"{source} is mounted but missing"


def test_dockerfile_installs_every_package() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    packages = ["contraflow", "schemas", "analysis", "streams", "indexers"]
    for package in packages:
        assert re.search(rf"^COPY {package} \./{package}$", dockerfile, re.M), f"Dockerfile does not copy {package}/"
    assert "USER " in dockerfile, "the image should not run as root"
    # `contraflow kibana import` in the setup job reads the saved objects shipped in the package: no copy needed.
    assert "deploy/kibana" not in dockerfile


def test_compose_config_validates() -> None:
    """`docker compose config` (v2 plugin) or `docker-compose config` (v1), where a client is installed."""
    candidates = []
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if probe.returncode == 0:
            candidates.append(["docker", "compose"])
    if shutil.which("docker-compose"):
        candidates.append(["docker-compose"])
    if not candidates:
        pytest.skip("no docker compose client installed (the YAML checks above still ran)")
    for client in candidates:
        result = subprocess.run(
            [*client, "-f", str(COMPOSE_FILE), "config", "-q"], capture_output=True, text=True, cwd=REPO, timeout=60
        )
        assert result.returncode == 0, f"{' '.join(client)} config: {result.stderr}"


def test_web_service_serves_the_page_it_health_checks(compose: dict) -> None:
    """The `web` service's port and health URL are the ones `contraflow web` really serves."""
    from contraflow.settings import ElasticsearchSettings
    from contraflow.web import create_app

    web = compose["services"]["web"]
    command = web["command"]
    port = command[command.index("--port") + 1]
    assert command[:2] == ["contraflow", "web"] and command[command.index("--host") + 1] == "0.0.0.0"
    assert f"127.0.0.1:{port}:{port}" in web["ports"]
    probe = " ".join(web["healthcheck"]["test"])
    assert f"http://localhost:{port}/healthz" in probe
    routes = {r.resource.canonical for r in create_app(ElasticsearchSettings()).router.routes()}
    assert {"/", "/healthz", "/api/contradictions"} <= routes


def test_worker_replicas_share_no_state_volume(compose: dict) -> None:
    """`--scale worker=N` containers must not mount one named volume as their state directory."""
    for volume in compose["services"]["worker"].get("volumes", []):
        source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
        assert source.startswith(("./", "/")), f"named volume {source!r} would be shared by every replica"
