"""Contradictions between two statements (topic ``contradictions``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .statement import Statement

__all__ = ["KINDS", "Contradiction", "ContradictionKind"]

ContradictionKind = Literal["denial", "negation", "antonym", "quantity", "date_time", "retraction", "unconfirmed"]
KINDS: tuple[str, ...] = ("denial", "negation", "antonym", "quantity", "date_time", "retraction", "unconfirmed")


class Contradiction(BaseModel):
    """Two statements that clash, why, and how sure we are."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(..., description="Order-free hash of the two statement ids.")
    kind: ContradictionKind = Field(..., description="Which signal fired.")
    score: float = Field(..., ge=0.0, le=1.0, description="Confidence 0..1.")
    explanation: str = Field(..., description="Human-readable reason naming the signal.")
    scope: Literal["within_article", "cross_article"] = Field(..., description="Same article or two.")
    a: Statement = Field(..., description="One statement (the earlier one when known).")
    b: Statement = Field(..., description="The other statement.")
    claim_id: str | None = Field(None, description="The claim both statements belong to, once the ledger has it.")
