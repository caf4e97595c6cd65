"""Dead-letter records: input that could not be processed, with the reason (topic ``articles.deadletter``)."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DeadLetter", "DeadLetterReason"]

DeadLetterReason = Literal[
    "invalid_json",
    "invalid_encoding",
    "validation",
    "empty_text",
    "too_large",
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
    payload_b64: str = Field(..., description="The original bytes, base64.")
    payload_preview: str = Field("", description="First 500 characters of the payload, for humans.")
    at: datetime = Field(..., description="When it was dead-lettered (UTC).")

    @classmethod
    def from_bytes(cls, payload: bytes, **fields: object) -> DeadLetter:
        preview = payload[:2000].decode("utf-8", "backslashreplace")[:500]
        return cls(payload_b64=base64.b64encode(payload).decode("ascii"), payload_preview=preview, **fields)

    def payload(self) -> bytes:
        return base64.b64decode(self.payload_b64)
