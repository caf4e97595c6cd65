"""The ``es`` section of the settings: where and how the Elasticsearch side connects and writes.

``contraflow.settings.Settings`` composes it (``CONTRAFLOW_ES__*``); the clients and the writer take it alone.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

__all__ = ["ElasticsearchSettings"]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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
