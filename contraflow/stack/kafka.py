"""Apache Kafka for the local stack: one KRaft JVM (broker + controller) from Maven Central jars.

Layout under ``<home>/kafka/``: ``kafka-<version>/libs`` (the jars), ``config/`` (server.properties,
log4j.properties), ``data/`` (the log dir, formatted once). Its console log is ``<home>/logs/kafka.log``.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import uuid
from pathlib import Path

from ..assets import copy_asset
from ..errors import StackError
from ..settings import StackSettings
from .checksums import verify_downloads
from .process import progress, run_step
from .secure import SecureMaterial
from .versions import StackVersions

__all__ = ["KafkaService", "new_cluster_id"]

log = logging.getLogger(__name__)

_LOG4J = """\
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
"""


def new_cluster_id() -> str:
    """A random KRaft cluster id (16 bytes, URL-safe base64) that does not start with "-": the storage tool would
    read such an id as an option and fail ("--cluster-id: expected one argument"), one format in 64 (Kafka's own
    ``Uuid.randomUuid`` skips those ids for the same reason)."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


class KafkaService:
    """The local single-node KRaft broker."""

    name = "kafka"

    def __init__(self, cfg: StackSettings, home: Path, versions: StackVersions) -> None:
        self.cfg = cfg
        self.version = versions.kafka
        self.scala = versions.scala
        self.root = home / "kafka"
        self.install_dir = self.root / f"kafka_{self.scala}-{self.version}"
        self.libs = self.install_dir / "libs"
        self.config_dir = self.root / "config"
        self.data_dir = self.root / "data"
        self.log_path = home / "logs" / "kafka.log"
        self.pid_path = home / "run" / "kafka.pid"
        self.port = cfg.kafka_port
        self.secure: SecureMaterial | None = None

    def use_secure(self, material: SecureMaterial) -> None:
        """Run with a SASL_SSL listener; its own log dir, formatted with the SCRAM users."""
        self.secure = material
        self.data_dir = self.root / "data-secure"

    @property
    def marker(self) -> str:
        """A string only our broker's command line contains (its classpath)."""
        return str(self.libs)

    @property
    def bootstrap(self) -> str:
        """``host:port`` for clients."""
        return f"localhost:{self.port}"

    def install(self, java_home: Path, mvn_log: Path) -> None:
        """Fetch the broker jars with Maven once (Maven's own cache makes a rerun cheap)."""
        done = self.install_dir / ".complete"
        if done.exists():
            return
        progress(f"fetching Kafka {self.version} (scala {self.scala}) with Maven into {self.libs} ...")
        self.libs.mkdir(parents=True, exist_ok=True)
        run_step(
            [
                "mvn",
                "-B",
                "-ntp",
                "-f",
                str(copy_asset(self.root, "stack", "kafka-pom.xml")),
                f"-Dkafka.version={self.version}",
                f"-Dscala.binary={self.scala}",
                "dependency:copy-dependencies",
                f"-DoutputDirectory={self.libs}",
                "-DincludeScope=runtime",
            ],
            what=f"downloading Kafka {self.version} with Maven",
            log_path=mvn_log,
            hint="is Maven installed (apt-get install maven) and Maven Central reachable?",
            timeout_s=1200,
        )
        if not any(self.libs.glob(f"kafka_{self.scala}-{self.version}*.jar")):
            raise StackError(f"Maven finished but no Kafka jar is in {self.libs}; see {mvn_log}")
        checked = verify_downloads("kafka", self.version, (p for p in self.libs.iterdir() if p.is_file()))
        progress(f"Kafka {self.version}: {checked} files match their pinned sha512")
        done.write_text(self.version + "\n")

    def configure(self) -> Path:
        """Write server.properties and log4j.properties (every start, so port changes apply)."""
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        props = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@127.0.0.1:{self.cfg.kafka_controller_port}",
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.cfg.kafka_controller_port}",
            "advertised.listeners": f"PLAINTEXT://localhost:{self.port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs": str(self.data_dir),
            "num.partitions": "6",
            "auto.create.topics.enable": "true",
            "default.replication.factor": "1",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "6",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "min.insync.replicas": "1",
            # Consumer groups start at once: tests and the demo do not wait 3 s per group.
            "group.initial.rebalance.delay.ms": "0",
            "delete.topic.enable": "true",
            "log.retention.hours": "168",
            "log.segment.bytes": str(64 * 1024 * 1024),
        }
        if self.secure is not None:
            props.update(self._secure_properties(self.secure))
        path = self.config_dir / "server.properties"
        text = "".join(f"{k}={v}\n" for k, v in props.items())
        # It holds the inter-broker password when secured: readable by its owner only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        path.chmod(0o600)
        (self.config_dir / "log4j.properties").write_text(_LOG4J)
        return path

    def _secure_properties(self, material: SecureMaterial) -> dict[str, str]:
        """One SASL_SSL listener for clients and the broker itself (SCRAM-SHA-512), and a controller listener
        that takes only TLS connections presenting this host's certificate (mutual TLS): no port speaks plaintext."""
        admin_password = material.credentials()["kafka_admin_password"]
        jaas = (
            "org.apache.kafka.common.security.scram.ScramLoginModule required "
            f'username="admin" password="{admin_password}";'
        )
        port, controller = self.port, self.cfg.kafka_controller_port
        return {
            "listeners": f"SASL_SSL://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller}",
            "advertised.listeners": f"SASL_SSL://localhost:{port}",
            "inter.broker.listener.name": "SASL_SSL",
            "listener.security.protocol.map": "SASL_SSL:SASL_SSL,CONTROLLER:SSL",
            "sasl.enabled.mechanisms": "SCRAM-SHA-512",
            "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
            "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": jaas,
            "listener.name.controller.ssl.client.auth": "required",
            "ssl.keystore.type": "PEM",
            "ssl.keystore.location": str(material.keystore),
            "ssl.truststore.type": "PEM",
            "ssl.truststore.location": str(material.ca),
            "super.users": "User:admin",
        }

    def scram_arguments(self) -> list[str]:
        """``--add-scram`` arguments of ``kafka-storage format``: the admin and the worker users."""
        if self.secure is None:
            return []
        creds = self.secure.credentials()
        users = (("admin", creds["kafka_admin_password"]), ("contraflow", creds["kafka_worker_password"]))
        out: list[str] = []
        for name, password in users:
            out += ["--add-scram", f"SCRAM-SHA-512=[name={name},password={password}]"]
        return out

    def client_options(self) -> dict[str, object]:
        """kafka-python options for the stack's own probe: the admin user over SASL_SSL when secured."""
        if self.secure is None:
            return {}
        return {
            "security_protocol": "SASL_SSL",
            "sasl_mechanism": "SCRAM-SHA-512",
            "sasl_plain_username": "admin",
            "sasl_plain_password": self.secure.credentials()["kafka_admin_password"],
            "ssl_context": self.secure.context(),
        }

    def _java_args(self, java_home: Path) -> list[str]:
        return [
            str(java_home / "bin" / "java"),
            f"-Xms{self.cfg.kafka_heap}",
            f"-Xmx{self.cfg.kafka_heap}",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            f"-Dlog4j.configuration=file:{self.config_dir / 'log4j.properties'}",
            f"-Dkafka.logs.dir={self.log_path.parent}",
            "-cp",
            f"{self.libs}/*",
        ]

    def format_storage(self, java_home: Path, properties: Path) -> None:
        """Format the KRaft log dir once (a formatted dir has meta.properties)."""
        if (self.data_dir / "meta.properties").exists():
            return
        progress(f"formatting Kafka storage in {self.data_dir} ...")
        cluster_id = new_cluster_id()
        run_step(
            [
                *self._java_args(java_home),
                "kafka.tools.StorageTool",
                "format",
                "-t",
                cluster_id,
                "-c",
                str(properties),
                *self.scram_arguments(),
            ],
            what="formatting Kafka storage",
            log_path=self.log_path,
            hint=f"see {self.log_path}; delete {self.data_dir} to start from scratch",
            timeout_s=120,
        )

    def command(self, java_home: Path, properties: Path) -> list[str]:
        """The argv of the broker process."""
        return [*self._java_args(java_home), "kafka.Kafka", str(properties)]

    def healthy(self, timeout_s: float = 5.0) -> bool:
        """Whether the broker answers a real metadata request (kafka-python)."""
        from kafka import KafkaAdminClient

        client = None
        try:
            client = KafkaAdminClient(
                bootstrap_servers=self.bootstrap,
                client_id="contraflow-stack-probe",
                request_timeout_ms=int(timeout_s * 1000),
                **self.client_options(),
            )
            cluster = client.describe_cluster()
            return bool(cluster.get("brokers"))
        except Exception as exc:  # any client error means "not healthy yet"
            log.debug("kafka_probe_failed error=%r", exc)
            return False
        finally:
            if client is not None:
                with contextlib.suppress(Exception):
                    client.close()
