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

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from analysis.settings import AnalysisSettings
from indexers.settings import ElasticsearchSettings
from schemas.secrets import secret_from_file
from streams.settings import KafkaSettings, TopicSettings, WorkerSettings

__all__ = [
    "AnalysisSettings",
    "ElasticsearchSettings",
    "KafkaSettings",
    "Settings",
    "StackSettings",
    "TopicSettings",
    "WebSettings",
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


class WebSettings(_Section):
    """Who may use ``contraflow web``; unset = anyone who reaches its port (loopback by default, or a proxy)."""

    token: SecretStr | None = Field(
        None,
        description=(
            "Bearer token `contraflow web` requires of every client (Authorization: Bearer ...); never logged."
        ),
    )
    token_file: Path | None = Field(
        None, description="File holding the bearer token, instead of TOKEN (Docker secrets)."
    )
    username: str | None = Field(None, description="Basic-auth user `contraflow web` requires (with a password).")
    password: SecretStr | None = Field(None, description="Basic-auth password (never logged).")
    password_file: Path | None = Field(
        None, description="File holding the basic-auth password, instead of PASSWORD (Docker secrets)."
    )

    @model_validator(mode="before")
    @classmethod
    def _secrets_from_files(cls, data: Any) -> Any:
        return secret_from_file(secret_from_file(data, "web", "token"), "web", "password")

    @model_validator(mode="after")
    def _consistent(self) -> WebSettings:
        if (self.username is None) != (self.password is None):
            raise ValueError(
                "web: basic auth needs both CONTRAFLOW_WEB__USERNAME and CONTRAFLOW_WEB__PASSWORD "
                "(or CONTRAFLOW_WEB__PASSWORD_FILE)"
            )
        for name, secret in (("token", self.token), ("password", self.password)):
            if secret is not None and not secret.get_secret_value().strip():
                raise ValueError(f"web: {name} is empty")
        return self

    @property
    def auth(self) -> str:
        """``bearer``, ``basic``, ``bearer+basic`` or ``none``: what the page requires."""
        kinds = [k for k, on in (("bearer", self.token is not None), ("basic", self.username is not None)) if on]
        return "+".join(kinds) or "none"


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
    web: WebSettings = WebSettings()
    log_level: str = Field("INFO", description="Log level: DEBUG, INFO, WARNING, ERROR.")

    @model_validator(mode="before")
    @classmethod
    def _secrets_from_files(cls, data: Any) -> Any:
        """``CONTRAFLOW_<SECTION>__<SECRET>_FILE``: the secret is the file's content (the Docker-secrets convention).

        For every secret (``SecretStr``) field of a section that does not declare a ``<field>_file`` setting of
        its own (``kafka`` and ``es`` do, and read it themselves); a trailing newline is dropped.
        """
        if not isinstance(data, dict):
            return data
        for section, field in cls.model_fields.items():
            values = data.get(section)
            if not isinstance(values, dict) or not isinstance(field.default, BaseModel):
                continue
            fields = type(field.default).model_fields
            for name, sub in fields.items():
                if f"{name}_file" in fields or SecretStr not in getattr(sub.annotation, "__args__", ()):
                    continue
                filled = secret_from_file(values, section, name)
                if filled is not values:  # the section has no <name>_file setting: the key goes
                    values = {k: v for k, v in filled.items() if k != f"{name}_file"}
            data = {**data, section: values}
        return data

    def safe_dict(self) -> dict[str, Any]:
        """The settings as a dict fit for a log line: secrets masked, as is a password written into the ES URL."""
        data = self.model_dump(mode="json")  # SecretStr fields dump as "**********"
        data["es"]["url"] = self.es.safe_url
        return data


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with ``overrides`` (from flags) on top.

    ``overrides`` are nested dicts by section, e.g. ``load_settings(es={"url": "http://h:9200"})``.
    """
    from .errors import ConfigError

    try:
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
    except ValidationError as exc:
        raise ConfigError(_one_line(exc)) from None


def _one_line(exc: ValidationError) -> str:
    """A settings error as one line naming the variable; never the value (it may be a secret)."""
    parts = []
    for error in exc.errors(include_input=False, include_url=False):
        where = "CONTRAFLOW_" + "__".join(str(p) for p in error["loc"]).upper() if error["loc"] else "settings"
        message = error["msg"].removeprefix("Value error, ")
        section = f"{error['loc'][0]}:" if error["loc"] else ""
        parts.append(message if section and message.startswith(section) or not error["loc"] else f"{where}: {message}")
    return "invalid settings: " + "; ".join(parts)
