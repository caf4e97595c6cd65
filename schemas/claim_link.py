"""Links between statements of one claim (the detect agent's output to the claims agent)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .contradiction import Contradiction
from .statement import Statement

__all__ = ["ArticleRevision", "ClaimLink"]


class ClaimLink(BaseModel):
    """Two statements that state the same proposition (the linker said so, or they contradict each other)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    a: Statement = Field(..., description="The stored statement.")
    b: Statement = Field(..., description="The new statement.")
    contradiction: Contradiction | None = Field(
        None, description="The contradiction between them, when the engine found one (it then shares their claim)."
    )


class ArticleRevision(BaseModel):
    """An article written again (a new version, or a replay after a crash): its statements now, for the claims
    agent, which drops the ones the article no longer has word for word from their claims and sets the claim id
    again on the ones it kept (the extract agent's write cleared it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    article_id: str = Field(..., description="The article written again.")
    statements: dict[str, str] = Field(
        ...,
        description="Its statements now: statement id -> digest of its content (streams.claims_table.content_digest).",
    )
