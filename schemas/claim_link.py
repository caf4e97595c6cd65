"""Links between statements of one claim (the detect agent's output to the claims agent)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .contradiction import Contradiction
from .statement import Statement

__all__ = ["ClaimLink"]


class ClaimLink(BaseModel):
    """Two statements that state the same proposition (the linker said so, or they contradict each other)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    a: Statement = Field(..., description="The stored statement.")
    b: Statement = Field(..., description="The new statement.")
    contradiction: Contradiction | None = Field(
        None, description="The contradiction between them, when the engine found one (it then shares their claim)."
    )
