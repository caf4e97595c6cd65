"""The local stack: a real Kafka broker and a real Elasticsearch node as background processes.

Example::

    from contraflow.settings import load_settings
    from contraflow.stack import LocalStack

    stack = LocalStack(load_settings().stack)
    stack.up()                       # fetch (Maven), start, wait until both are healthy; reuses a healthy stack
    print(stack.kafka_bootstrap, stack.es_url)
    stack.stop_service("elasticsearch"); stack.start_service("elasticsearch")   # fault tests
    stack.down()                     # stops only the processes this stack started

Everything lives under ``StackSettings.home`` (a relative path is taken from the source checkout contraflow runs
from, else from the working directory: see :func:`relative_base`):
``kafka/``, ``elasticsearch/`` (or ``/var/tmp/contraflow-stack/<hash>/`` when run as root from a folder
the Elasticsearch user cannot enter), ``logs/``, ``run/`` (pid files, lock), ``downloads/``.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import StackError
from ..settings import StackSettings
from .elasticsearch import ElasticsearchService
from .kafka import KafkaService
from .process import find_java, is_alive, ours, pids_with, port_in_use, progress, read_pid, spawn, stop_pids
from .secure import SecureMaterial
from .versions import StackVersions, load_versions

__all__ = [
    "SERVICES",
    "LocalStack",
    "ServiceStatus",
    "StackStatus",
    "StackVersions",
    "load_versions",
    "relative_base",
]

log = logging.getLogger(__name__)

SERVICES = ("kafka", "elasticsearch")
_PORT_ENV = {"kafka": "CONTRAFLOW_STACK__KAFKA_PORT", "elasticsearch": "CONTRAFLOW_STACK__ES_PORT"}


def relative_base() -> Path:
    """Where a relative ``stack.home`` is taken from.

    The source checkout when contraflow runs from one (an editable install: ``make``, the tests and the workers
    they start share one stack, whatever their working directory); else, an installed wheel, the working
    directory.
    """
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "deploy").is_dir():
        return root
    return Path.cwd()


@dataclass
class ServiceStatus:
    """How one service of the stack is."""

    name: str
    version: str
    port: int
    pid: int | None
    running: bool
    healthy: bool
    address: str
    log: str
    location: str
    detail: dict = field(default_factory=dict)


@dataclass
class StackStatus:
    """How the whole stack is."""

    home: str
    services: list[ServiceStatus]
    mode: str = "plain"  # or "secure": SASL_SSL Kafka, HTTPS Elasticsearch with security on
    client_env: str | None = None  # secure mode: the file of client settings to source

    @property
    def healthy(self) -> bool:
        """Whether every service is healthy."""
        return all(s.healthy for s in self.services)

    def to_dict(self) -> dict:
        """Plain data for ``--json``."""
        return {
            "home": self.home,
            "healthy": self.healthy,
            "mode": self.mode,
            "client_env": self.client_env,
            "services": [asdict(s) for s in self.services],
        }


class LocalStack:
    """Control the local Kafka + Elasticsearch stack described by ``cfg``.

    Parameters:
    - ``cfg``: the ``stack`` section of the settings (home, ports, heaps, ES user, Java home).
    - ``es_node_settings``: extra ``elasticsearch.yml`` settings of the node (optional; static node settings that
      a test needs, such as ``thread_pool.write.queue_size``), written at each start.
    """

    def __init__(self, cfg: StackSettings, es_node_settings: dict[str, object] | None = None) -> None:
        self.cfg = cfg
        home = cfg.home.expanduser()
        self.home = (home if home.is_absolute() else relative_base() / home).resolve()
        self.versions = load_versions()
        self.kafka = KafkaService(cfg, self.home, self.versions)
        self.elasticsearch = ElasticsearchService(cfg, self.home, self.versions, es_node_settings)
        self.material = SecureMaterial(self.home / "secure")
        if self._mode_path.exists() and self._mode_path.read_text().strip() == "secure":
            self._use_secure()

    # -- mode ----------------------------------------------------------------------------------------
    @property
    def _mode_path(self) -> Path:
        return self.home / "run" / "mode"

    @property
    def secure(self) -> bool:
        """Whether this stack runs (or last ran) secured: ``stack up --secure``."""
        return self.kafka.secure is not None

    @property
    def secure_env(self) -> Path:
        """The client settings of the secured stack (worker: Kafka user, writer API key)."""
        return self.home / "secure.env"

    @property
    def secure_readonly_env(self) -> Path:
        """The client settings of the secured stack for search and the web page (read-only API key)."""
        return self.home / "secure-readonly.env"

    def _use_secure(self) -> None:
        self.kafka.use_secure(self.material)
        self.elasticsearch.use_secure(self.material)

    # -- addresses -----------------------------------------------------------------------------------
    @property
    def kafka_bootstrap(self) -> str:
        """Bootstrap servers of the local broker, e.g. ``localhost:9092``."""
        return self.kafka.bootstrap

    @property
    def es_url(self) -> str:
        """URL of the local Elasticsearch node, e.g. ``http://localhost:9200``."""
        return self.elasticsearch.url

    def log_path(self, name: str) -> Path:
        """The console log of a service."""
        return self._service(name).log_path

    # -- lifecycle -----------------------------------------------------------------------------------
    def up(self, timeout_s: float = 240.0, secure: bool = False) -> StackStatus:
        """Fetch what is missing, start what is not running, wait until both services are healthy.

        Idempotent: a healthy stack is reused as it is. Raises :class:`StackError` on a taken port,
        missing Java, a failed download, or when a service is not healthy within ``timeout_s``.

        ``secure``: Kafka with one SASL_SSL listener (SCRAM-SHA-512 users ``admin`` and ``contraflow``) and
        Elasticsearch with security on and HTTPS (users ``contraflow-worker`` and ``contraflow-reader``),
        certificates from a local CA; the client settings go to :attr:`secure_env` and :attr:`secure_readonly_env`.
        Plain and secured runs keep separate data; switching needs a ``down`` first.
        """
        started = time.monotonic()
        with self._lock():
            running = [name for name in SERVICES if self._pid(name) is not None]
            if running and secure != self.secure:
                raise StackError(
                    f"the stack in {self.home} runs {'secured' if self.secure else 'plain'} "
                    f"({', '.join(running)}); stop it first (`contraflow stack down`), then "
                    f"`contraflow stack up{' --secure' if secure else ''}`"
                )
            if secure:
                self.material.ensure()
                self._use_secure()
            else:
                self.kafka = KafkaService(self.cfg, self.home, self.versions)
                self.elasticsearch = ElasticsearchService(
                    self.cfg, self.home, self.versions, self.elasticsearch.node_settings
                )
            self._mode_path.parent.mkdir(parents=True, exist_ok=True)
            self._mode_path.write_text("secure\n" if secure else "plain\n")
            # Fail fast, before any download: a taken port or a missing Java.
            for name in SERVICES:
                if self._pid(name) is None:
                    self._check_ports(name)
            java_home = find_java(self.cfg.java_home)
            for svc in (self.kafka, self.elasticsearch):
                svc.install(java_home, self.home / "logs" / f"mvn-{svc.name}.log")
            for name in SERVICES:
                self._start(name, java_home)
            self._wait_healthy(SERVICES, deadline=started + timeout_s)
            if secure:
                self.material.write_env(self.home, self.kafka_bootstrap, self.es_url)
                progress(f"secured: client settings in {self.secure_env} (search/web: {self.secure_readonly_env})")
        status = self.status()
        progress(f"up in {time.monotonic() - started:.0f}s: kafka {self.kafka_bootstrap}, elasticsearch {self.es_url}")
        return status

    def down(self, grace_s: float = 30.0, purge: bool = False) -> list[str]:
        """Stop the services this stack started (SIGTERM, then SIGKILL after ``grace_s``); return their names.

        ``purge``: then delete both services' data (topics, offsets, indices), so the next ``up`` starts empty;
        the downloads are kept. Refused while a service of this stack still runs.
        """
        stopped = []
        with self._lock():
            for name in reversed(SERVICES):
                if self._stop(name, grace_s):
                    stopped.append(name)
            if purge:
                running = [name for name in SERVICES if self._pid(name) is not None]
                if running:
                    names = ", ".join(running)
                    raise StackError(f"cannot purge: {names} still running after the stop; stop it by hand first")
                for svc in (self.kafka, self.elasticsearch):
                    for data_dir in (svc.root / "data", svc.root / "data-secure"):
                        if data_dir.exists():
                            shutil.rmtree(data_dir)
                            progress(f"purged {svc.name} data: {data_dir}")
                # The CA and passwords are kept (the users are in files, re-made at each secured start).
                for path in (self.secure_env, self.secure_readonly_env):
                    path.unlink(missing_ok=True)
        return stopped

    def start_service(self, name: str, timeout_s: float = 180.0) -> None:
        """Start one (installed) service again and wait until it is healthy, e.g. after :meth:`stop_service`."""
        deadline = time.monotonic() + timeout_s
        with self._lock():
            java_home = find_java(self.cfg.java_home)
            svc = self._service(name)
            svc.install(java_home, self.home / "logs" / f"mvn-{name}.log")
            self._start(name, java_home)
            self._wait_healthy((name,), deadline=deadline)

    def stop_service(self, name: str, grace_s: float = 30.0) -> bool:
        """Stop one service of this stack; return whether it was running."""
        with self._lock():
            return self._stop(name, grace_s)

    def status(self, probe_timeout_s: float = 3.0) -> StackStatus:
        """Versions, ports, pids and health of both services (a quick probe each)."""
        services = []
        for name in SERVICES:
            svc = self._service(name)
            pid = self._pid(name)
            running = pid is not None
            healthy = svc.healthy(probe_timeout_s) if port_in_use(svc.port) else False
            detail: dict = {}
            if isinstance(svc, KafkaService):
                address = self.kafka_bootstrap
                location = str(svc.root)
            else:
                address = self.es_url
                location = str(svc.root)
                detail["user"] = svc.user or "(current user)"
                detail["relocated"] = svc.relocated
                if healthy:
                    detail["running_version"] = svc.running_version()
                    detail["cluster_status"] = (svc.health(probe_timeout_s) or {}).get("status")
            if healthy and not running:
                detail["note"] = "a service answers on this port but was not started by this stack home"
            services.append(
                ServiceStatus(
                    name=name,
                    version=svc.version,
                    port=svc.port,
                    pid=pid,
                    running=running,
                    healthy=healthy,
                    address=address,
                    log=str(svc.log_path),
                    location=location,
                    detail=detail,
                )
            )
        return StackStatus(
            home=str(self.home),
            services=services,
            mode="secure" if self.secure else "plain",
            client_env=str(self.secure_env) if self.secure and self.secure_env.exists() else None,
        )

    # -- internals -----------------------------------------------------------------------------------
    def _service(self, name: str) -> KafkaService | ElasticsearchService:
        if name == "kafka":
            return self.kafka
        if name == "elasticsearch":
            return self.elasticsearch
        raise StackError(f"unknown service {name!r}; choose one of {', '.join(SERVICES)}")

    def _pid(self, name: str) -> int | None:
        """The pid of our running service (from its pid file, or found by its unique marker)."""
        svc = self._service(name)
        pid = read_pid(svc.pid_path)
        if ours(pid, svc.marker):
            return pid
        found = pids_with(svc.marker)
        return found[0] if found else None

    def _start(self, name: str, java_home: Path) -> None:
        svc = self._service(name)
        pid = self._pid(name)
        if pid is not None:
            log.info("stack_service_running service=%s pid=%s", name, pid)
            svc.pid_path.write_text(f"{pid}\n")
            return
        self._check_ports(name)
        svc.pid_path.parent.mkdir(parents=True, exist_ok=True)
        progress(f"starting {name} {svc.version} on port {svc.port} (log: {svc.log_path}) ...")
        if isinstance(svc, KafkaService):
            properties = svc.configure()
            svc.format_storage(java_home, properties)
            spawn(
                svc.command(java_home, properties),
                log_path=svc.log_path,
                pid_path=svc.pid_path,
                env=_base_env(java_home),
                cwd=svc.root,
            )
        else:
            svc.configure()
            if svc.secure is not None:
                svc.prepare_security(java_home)
            spawn(
                svc.command(),
                log_path=svc.log_path,
                pid_path=svc.pid_path,
                env=svc.environment(java_home),
                cwd=svc.install_dir,
                user=svc.user,
            )

    def _check_ports(self, name: str) -> None:
        """Raise when a port of a service we are about to start is taken by someone else."""
        svc = self._service(name)
        ports = {svc.port: _PORT_ENV[name]}
        if name == "kafka":
            ports[self.cfg.kafka_controller_port] = "CONTRAFLOW_STACK__KAFKA_CONTROLLER_PORT"
        for port, env in ports.items():
            if port_in_use(port):
                raise StackError(
                    f"port {port} for {name} is taken by a process this stack did not start "
                    f"(stack home {self.home}); stop it (e.g. `contraflow stack down` with its home) "
                    f"or choose another port with {env}"
                )

    def _wait_healthy(self, names: tuple[str, ...] | list[str], deadline: float) -> None:
        pending = list(names)
        last_note = 0.0
        while pending:
            for name in list(pending):
                svc = self._service(name)
                # Gone for good only when no process is left (a fresh child may not show its exec'd argv yet).
                if self._pid(name) is None and not is_alive(read_pid(svc.pid_path) or -1):
                    raise StackError(
                        f"{name} exited during start-up; see the end of {svc.log_path} (`contraflow stack logs {name}`)"
                    )
                if port_in_use(svc.port) and svc.healthy(3.0):
                    progress(f"{name} is healthy")
                    pending.remove(name)
            if not pending:
                return
            now = time.monotonic()
            if now > deadline:
                raise StackError(
                    f"{', '.join(pending)} not healthy in time; see `contraflow stack logs {pending[0]}` "
                    "and retry `contraflow stack up` (it resumes)"
                )
            if now - last_note > 15:
                progress(f"waiting for {', '.join(pending)} to become healthy ...")
                last_note = now
            time.sleep(1.0)

    def _stop(self, name: str, grace_s: float) -> bool:
        svc = self._service(name)
        pids = []
        pid = read_pid(svc.pid_path)
        if pid is not None:
            pids.append(pid)
        pids += [p for p in pids_with(svc.marker) if p not in pids]
        signalled = stop_pids(pids, svc.marker, grace_s)
        svc.pid_path.unlink(missing_ok=True)
        if signalled:
            progress(f"stopped {name} (pids {', '.join(map(str, signalled))})")
        return bool(signalled)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """One ``up``/``down`` at a time per stack home (other engineers share it)."""
        run = self.home / "run"
        try:
            run.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StackError(f"cannot create the stack home {self.home}: {exc}; set CONTRAFLOW_STACK__HOME") from exc
        with open(run / "stack.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _base_env(java_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRAFLOW_")}
    env["JAVA_HOME"] = str(java_home)
    return env
