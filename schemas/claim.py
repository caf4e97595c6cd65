"""Claims: one proposition and every statement that takes a stance on it (index ``contraflow-claims``)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CLAIM_STATUSES", "STANCES", "Claim", "ClaimStatement", "ClaimStatus", "Stance"]

Stance = Literal["asserts", "denies", "not_confirmed", "retracts", "reports", "corrects"]
STANCES: tuple[str, ...] = ("asserts", "denies", "not_confirmed", "retracts", "reports", "corrects")
ClaimStatus = Literal["uncontested", "contested", "denied", "unconfirmed", "retracted"]
CLAIM_STATUSES: tuple[str, ...] = ("uncontested", "contested", "denied", "unconfirmed", "retracted")


class ClaimStatement(BaseModel):
    """One statement linked to a claim, and its stance towards it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    statement_id: str = Field(..., description="Id of the statement (as in contraflow-statements).")
    article_id: str = Field(..., description="Article the statement was found in.")
    speaker: str | None = Field(None, description="Who made the statement, None if unknown.")
    source: str = Field(..., description="Outlet of the article.")
    url: str | None = Field(None, description="Article URL.")
    published_at: datetime | None = Field(None, description="Article publication time (UTC).")
    stance: Stance = Field(..., description="asserts, denies, not_confirmed, retracts, reports or corrects.")
    text: str = Field(..., description="The sentence as it appears in the article.")
    quantities: list[str] = Field(
        default_factory=list, description="Numbers as written in this statement ('nearly 11,000'), kept per statement."
    )
    dates: list[str] = Field(default_factory=list, description="Dates as written in this statement.")


class Claim(BaseModel):
    """A proposition, who asserts, denies, has not confirmed or retracts it, and since when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(..., description="Deterministic id: the same statements always make the same claim id.")
    summary: str = Field(..., description="Its most central asserting statement, or a clause of it.")
    status: ClaimStatus = Field(..., description="uncontested, contested, denied, unconfirmed or retracted.")
    first_seen: datetime | None = Field(None, description="Earliest publication time of its statements.")
    last_seen: datetime | None = Field(None, description="Latest publication time of its statements.")
    statements: list[ClaimStatement] = Field(..., description="Its statements, in time order.")
    contradictions: list[str] = Field(default_factory=list, description="Ids of contradictions between them.")
