"""The sections of the settings the Faust pipeline owns (``kafka``, ``topics``, ``worker``), and what it reads.

``contraflow.settings.Settings`` composes these sections with the others (``CONTRAFLOW_KAFKA__*``, ...). A
pipeline is built from any object shaped like :class:`PipelineSettings`: ``streams`` never imports the top
package, nor ``indexers`` (whose Elasticsearch section the index agents read through :class:`SinkSettings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from schemas.secrets import secret_from_file

if TYPE_CHECKING:  # only annotated: importing analysis loads spaCy
    from analysis.settings import AnalysisSettings

__all__ = ["KafkaSettings", "PipelineSettings", "SinkSettings", "TopicSettings", "WorkerSettings"]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KafkaSettings(_Section):
    bootstrap: str = Field("localhost:9092", description="Kafka bootstrap servers, comma-separated.")
    client_id: str = Field("contraflow", description="Client id sent to the broker.")
    # No compression and a short linger: the cheapest for the workers' and the broker's CPU at equal throughput
    # (docs/performance.md, "Figures behind the defaults").
    compression: Literal["none", "gzip", "snappy", "lz4"] = Field(
        "none",
        description=(
            "Compression of the records workers produce (none is cheapest in CPU; gzip, snappy or lz4 save disk "
            "and network; snappy and lz4 need their Python codec installed)."
        ),
    )
    linger_ms: int = Field(
        5, ge=0, le=1000, description="How long a worker's producer waits to fill a batch (fewer, larger requests)."
    )
    # Security (docs/security.md); streams/security.py turns these into every Kafka client's SSL and SASL options.
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="How clients talk to the brokers: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        "SCRAM-SHA-512", description="SASL mechanism (with a SASL_* protocol): PLAIN, SCRAM-SHA-256, SCRAM-SHA-512."
    )
    username: str | None = Field(None, description="SASL user (with a SASL_* protocol).")
    password: SecretStr | None = Field(None, description="SASL password (never logged).")
    password_file: Path | None = Field(
        None, description="File holding the SASL password, instead of PASSWORD (Docker secrets)."
    )
    ca_file: Path | None = Field(
        None, description="PEM file of the CA(s) that signed the brokers' certificates (default: the system's)."
    )
    cert_file: Path | None = Field(None, description="PEM client certificate, for brokers that require mutual TLS.")
    key_file: Path | None = Field(None, description="PEM private key of cert_file.")
    check_hostname: bool = Field(
        True, description="Check that a broker's certificate names the host connected to (turn off only to debug)."
    )

    @model_validator(mode="before")
    @classmethod
    def _password_from_file(cls, data: Any) -> Any:
        return secret_from_file(data, "kafka", "password")

    @model_validator(mode="after")
    def _consistent(self) -> KafkaSettings:
        sasl = self.security_protocol.startswith("SASL_")
        tls = self.security_protocol in ("SSL", "SASL_SSL")
        if (self.username is None) != (self.password is None):
            raise ValueError(
                "kafka: a SASL username needs its password and the other way round: set both "
                "CONTRAFLOW_KAFKA__USERNAME and CONTRAFLOW_KAFKA__PASSWORD (or CONTRAFLOW_KAFKA__PASSWORD_FILE)"
            )
        if sasl and self.username is None:
            raise ValueError(
                f"kafka: security_protocol {self.security_protocol} needs CONTRAFLOW_KAFKA__USERNAME and "
                "CONTRAFLOW_KAFKA__PASSWORD"
            )
        if self.username is not None and not sasl:
            raise ValueError(
                f"kafka: a username is set but security_protocol is {self.security_protocol}, which sends no "
                "credentials: set CONTRAFLOW_KAFKA__SECURITY_PROTOCOL to SASL_SSL (or SASL_PLAINTEXT)"
            )
        if not tls and any(f is not None for f in (self.ca_file, self.cert_file, self.key_file)):
            raise ValueError(
                f"kafka: TLS files are set but security_protocol is {self.security_protocol}: set "
                "CONTRAFLOW_KAFKA__SECURITY_PROTOCOL to SSL or SASL_SSL"
            )
        if (self.cert_file is None) != (self.key_file is None):
            raise ValueError("kafka: a client certificate needs its key: set both cert_file and key_file")
        return self


class TopicSettings(_Section):
    raw: str = Field("articles.raw", description="Topic producers publish ArticleIn records to.")
    normalized: str = Field("articles.normalized", description="Topic of validated, cleaned Article records.")
    statements: str = Field("statements", description="Topic of extracted Statement records.")
    contradictions: str = Field("contradictions", description="Topic of detected Contradiction records.")
    deadletter: str = Field("articles.deadletter", description="Topic of records that could not be processed.")
    partitions: int = Field(6, ge=1, description="Partitions of every contraflow topic.")
    replication: int = Field(1, ge=1, description="Replication factor of every contraflow topic.")


class WorkerSettings(_Section):
    app_id: str = Field("contraflow", description="Faust app id (= Kafka consumer group).")
    web_port: int = Field(6066, ge=0, description="Port of the worker's web server (/metrics, page).")
    web_bind: str = Field(
        "127.0.0.1", description="Address the worker's web server binds (0.0.0.0 in containers, to be scraped)."
    )
    store: str = Field("memory://", description="Faust table store: memory:// or rocksdb://.")
    dedupe_window_s: float = Field(
        30 * 86_400,
        gt=0,
        description=(
            "How long an article's content is remembered for de-duplication (seconds, default 30 days); a copy "
            "arriving later is processed again, under its own id."
        ),
    )
    candidates_window_s: float = Field(
        30 * 86_400,
        gt=0,
        description=(
            "How long a stored statement stays a candidate for contradiction detection (seconds, default 30 "
            "days, by its Kafka timestamp); older ones leave the rings, the table and its changelog, so a key "
            "idle for this long holds no state."
        ),
    )
    claims_window_s: float = Field(
        30 * 86_400,
        gt=0,
        description=(
            "How long a claim nobody links a statement to stays in the claims table (seconds, default 30 days); "
            "then it leaves the table and its changelog, not Elasticsearch. Keep it at least candidates_window_s: "
            "no link can reach a statement the detect rings have forgotten."
        ),
    )
    data_dir: Path = Field(Path(".contraflow/worker"), description="Worker state directory.")
    standby_replicas: int = Field(
        0,
        ge=0,
        description=(
            "Standby copies of each table partition kept by other workers (faster failover; each copy replays "
            "every changelog record of the partition it stands by for)."
        ),
    )
    batch_size: int = Field(200, ge=1, description="Records per indexing batch.")
    batch_within_s: float = Field(0.5, gt=0, description="Longest wait to fill an indexing batch.")
    extract_batch_size: int = Field(
        8, ge=1, description="Most articles per spaCy batch in a worker (bigger: more throughput, more latency)."
    )
    extract_within_s: float = Field(
        0.1,
        gt=0,
        description=(
            "Longest wait to fill a spaCy batch. Short, because articles that arrive while a batch is being "
            "analysed wait for it anyway: under load batches fill up, when idle an article starts at once."
        ),
    )

    max_batch_failures: int = Field(
        3,
        ge=1,
        description=(
            "Times a batch may fail in an agent (an error other than Elasticsearch or Kafka being unavailable) "
            "before it is split and each record retried alone; a record that fails this many times alone is "
            "dead-lettered (reason processing_error), so one poison record cannot stop a partition."
        ),
    )
    shutdown_timeout_s: float = Field(
        30.0,
        gt=0,
        description=(
            "Longest clean stop after SIGTERM or SIGINT: past it the worker exits anyway (its uncommitted records "
            "are processed again by the partition's next owner), even while Elasticsearch or Kafka is down."
        ),
    )
    deadletter_max_payload_bytes: int = Field(
        256 * 1024,
        ge=1024,
        le=512 * 1024,
        description=(
            "Bytes of the original record kept in a dead letter; a bigger record keeps only its prefix, with its "
            "full length and sha256, so a dead letter always fits Kafka's 1 MB record limit."
        ),
    )

    @model_validator(mode="after")
    def _claims_outlive_candidates(self) -> WorkerSettings:
        # A claim forgotten before the statements it holds would be founded again by the next link to one of them.
        if self.claims_window_s < self.candidates_window_s:
            raise ValueError(
                f"worker: claims_window_s ({self.claims_window_s:g} s) is shorter than candidates_window_s "
                f"({self.candidates_window_s:g} s): a statement still a candidate could link to a claim already "
                "forgotten; raise CONTRAFLOW_WORKER__CLAIMS_WINDOW_S or lower CONTRAFLOW_WORKER__CANDIDATES_WINDOW_S"
            )
        return self


class SinkSettings(Protocol):
    """What the index agents read of the document sink's section (``indexers.settings.ElasticsearchSettings``)."""

    @property
    def index_prefix(self) -> str: ...

    @property
    def max_backoff_s(self) -> float: ...

    @property
    def idle_refresh(self) -> bool: ...

    @property
    def idle_refresh_min_s(self) -> float: ...


class PipelineSettings(Protocol):
    """The sections a pipeline reads; ``contraflow.settings.Settings`` is one (tests may pass any such object)."""

    @property
    def kafka(self) -> KafkaSettings: ...

    @property
    def topics(self) -> TopicSettings: ...

    @property
    def worker(self) -> WorkerSettings: ...

    @property
    def analysis(self) -> AnalysisSettings: ...

    @property
    def es(self) -> SinkSettings: ...
