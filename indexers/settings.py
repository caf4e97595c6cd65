"""The ``es`` section of the settings: where and how the Elasticsearch side connects and writes.

``contraflow.settings.Settings`` composes it (``CONTRAFLOW_ES__*``); the clients and the writer take it alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from schemas.secrets import secret_from_file

__all__ = ["ElasticsearchSettings", "masked_url"]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ElasticsearchSettings(_Section):
    url: str = Field("http://localhost:9200", description="Elasticsearch URL.")
    username: str | None = Field(None, description="Basic-auth user (optional).")
    password: SecretStr | None = Field(None, description="Basic-auth password (never logged).")
    password_file: Path | None = Field(None, description="File holding the password, instead of PASSWORD.")
    api_key: SecretStr | None = Field(
        None,
        description=(
            "API key: the base64 'encoded' value Elasticsearch returns when it is created (never logged); "
            "instead of username and password."
        ),
    )
    api_key_file: Path | None = Field(None, description="File holding the API key, instead of API_KEY.")
    ca_file: Path | None = Field(None, description="PEM file of the CA that signed the node's HTTP certificate.")
    ssl_fingerprint: str | None = Field(
        None, description="SHA-256 fingerprint (hex) of the node's certificate, trusted instead of a CA file."
    )
    client_cert: Path | None = Field(None, description="PEM client certificate, for nodes that require mutual TLS.")
    client_key: Path | None = Field(None, description="PEM private key of client_cert.")
    cloud_id: str | None = Field(None, description="Elastic Cloud deployment id; replaces url when set.")
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

    @model_validator(mode="before")
    @classmethod
    def _secrets_from_files(cls, data: Any) -> Any:
        return secret_from_file(secret_from_file(data, "es", "password"), "es", "api_key")

    @model_validator(mode="after")
    def _consistent(self) -> ElasticsearchSettings:
        if (self.username is None) != (self.password is None):
            raise ValueError(
                "es: a username needs its password and the other way round: set both CONTRAFLOW_ES__USERNAME and "
                "CONTRAFLOW_ES__PASSWORD (or CONTRAFLOW_ES__PASSWORD_FILE), or use CONTRAFLOW_ES__API_KEY"
            )
        if self.username is not None and self.api_key is not None:
            raise ValueError("es: set either an API key or a username and password, not both")
        if self.client_key is not None and self.client_cert is None:
            raise ValueError("es: client_key is set without client_cert: set CONTRAFLOW_ES__CLIENT_CERT")
        return self

    @property
    def safe_url(self) -> str:
        """The URL fit for a log line or an error message: a ``user:password@`` in it is masked."""
        return masked_url(self.url) if self.cloud_id is None else f"cloud:{self.cloud_id.split(':', 1)[0]}"


def masked_url(url: str) -> str:
    """``url`` with the password of a ``user:password@`` part replaced by ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable url>"
    if parts.password is None and parts.username is None:
        return url
    host = parts.netloc.rpartition("@")[2]  # as written: keeps an IPv6 address's brackets
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
