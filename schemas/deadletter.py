"""Dead-letter records: input that could not be processed, with the reason (topic ``articles.deadletter``)."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DEADLETTER_KEY_MAX_BYTES", "DEFAULT_MAX_PAYLOAD_BYTES", "DeadLetter", "DeadLetterReason"]

# A dead letter must always fit the producer's and the broker's ~1 MB record limit, whatever it carries: the
# original bytes are kept whole up to this many (base64 makes them 4/3 larger), else only their prefix, with the
# full length and sha256.
DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024
# A longer record key is kept as its prefix (the Kafka key of the dead letter becomes its sha256).
DEADLETTER_KEY_MAX_BYTES = 1024

DeadLetterReason = Literal[
    "invalid_json",
    "invalid_encoding",
    "validation",
    "empty_text",
    "too_large",
    "too_deep",
    "unsupported_language",
    "es_rejected",
    "processing_error",
]


class DeadLetter(BaseModel):
    """A record we could not use, kept whole so it can be inspected and replayed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stage: str = Field(..., description="Agent that gave up: normalise, extract, detect, index.")
    reason: DeadLetterReason = Field(..., description="Short machine-readable reason.")
    error: str = Field(..., description="Human-readable error message.")
    key: str | None = Field(None, description="Original record key.")
    topic: str | None = Field(None, description="Topic the record came from.")
    partition: int | None = Field(None, description="Partition it came from.")
    offset: int | None = Field(None, description="Offset it came from.")
    payload_b64: str = Field(
        ..., description="The original bytes, base64; only their first bytes when payload_truncated."
    )
    payload_preview: str = Field("", description="First 500 characters of the payload, for humans.")
    payload_bytes: int | None = Field(None, description="Length of the original payload in bytes.")
    payload_sha256: str | None = Field(None, description="Hex sha256 of the whole original payload.")
    payload_truncated: bool = Field(
        False, description="True when payload_b64 holds only a prefix (the record was too big to keep whole)."
    )
    at: datetime = Field(..., description="When it was dead-lettered (UTC).")

    @classmethod
    def from_bytes(
        cls, payload: bytes, *, max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES, **fields: object
    ) -> DeadLetter:
        """A dead letter of ``payload``: whole up to ``max_payload_bytes``, else its prefix (with length and
        sha256 of the whole), so the dead letter always fits a Kafka record."""
        kept = payload[:max_payload_bytes]
        preview = kept[:2000].decode("utf-8", "backslashreplace")[:500]
        return cls(
            payload_b64=base64.b64encode(kept).decode("ascii"),
            payload_preview=preview,
            payload_bytes=len(payload),
            payload_sha256=hashlib.sha256(payload).hexdigest(),
            payload_truncated=len(kept) < len(payload),
            **fields,
        )

    def payload(self) -> bytes:
        """The original bytes (only their prefix when ``payload_truncated``)."""
        return base64.b64decode(self.payload_b64)
