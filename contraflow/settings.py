"""One frozen, validated configuration object for every part of contraflow.

Each layer owns its section (``analysis.settings``, ``streams.settings``, ``indexers.settings``); this module
composes them, adds the ``stack`` section of the local stack, and re-exports every section class, so
``from contraflow.settings import ElasticsearchSettings`` keeps working.

Precedence: CLI flags > ``CONTRAFLOW_*`` environment variables > defaults.
Nested sections use ``__``: ``CONTRAFLOW_KAFKA__BOOTSTRAP``, ``CONTRAFLOW_ES__URL``.
Only :func:`load_settings` reads the environment; everything else receives a ``Settings``
(or one section of it) as an argument.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from analysis.settings import AnalysisSettings
from indexers.settings import ElasticsearchSettings
from streams.settings import KafkaSettings, TopicSettings, WorkerSettings

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
