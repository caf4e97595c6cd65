"""Attributed statements extracted from articles (topic ``statements``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ApproxKind",
    "BlockedStatements",
    "ClaimFrame",
    "Cue",
    "DateMention",
    "Entity",
    "Modality",
    "Polarity",
    "Quantity",
    "Speaker",
    "SpeakerType",
    "Statement",
]

SpeakerType = Literal["person", "organisation", "outlet", "unknown"]
Cue = Literal["assert", "deny", "confirm", "not_confirmed", "retract", "report"]
Polarity = Literal["positive", "negative"]
Modality = Literal["fact", "possible", "conditional", "future"]
ApproxKind = Literal["exact", "about", "nearly", "at_least", "more_than", "at_most", "less_than", "several", "range"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Speaker(_Frozen):
    name: str | None = Field(None, description="Who said it, e.g. 'Andrii Kovalenko'; None if unknown.")
    type: SpeakerType = Field("unknown", description="person, organisation, outlet or unknown.")
    resolved_from: str | None = Field(
        None, description="The words in the sentence that named the speaker indirectly ('he', 'the minister')."
    )


class Quantity(_Frozen):
    text: str = Field(..., description="The words as written, e.g. 'nearly 11,000'.")
    value: float = Field(..., description="The number stated.")
    low: float = Field(..., description="Lowest value compatible with the wording.")
    high: float = Field(..., description="Highest value compatible with the wording.")
    approx: ApproxKind = Field("exact", description="How the number was hedged.")
    unit: str | None = Field(None, description="Unit or counted thing, normalised ('%', 'soldier', 'usd').")
    start: int = Field(..., ge=0, description="Offset in the article text.")
    end: int = Field(..., ge=0, description="End offset in the article text.")
    verb: str | None = Field(None, description="Content verb the number goes with ('die', 'recover'), if any.")


class DateMention(_Frozen):
    text: str = Field(..., description="The words as written, e.g. 'On October 17'.")
    start_date: date | None = Field(None, description="First day the mention can mean (resolved).")
    end_date: date | None = Field(None, description="Last day the mention can mean (resolved).")
    granularity: Literal["day", "week", "month", "year", "relative", "time"] = Field(
        "day", description="Precision of the mention."
    )


class Entity(_Frozen):
    text: str = Field(..., description="The words as written.")
    label: str = Field(..., description="spaCy label: PERSON, ORG, GPE, NORP, ...")
    norm: str = Field(..., description="Normalised key: 'north_korea' for DPRK / North Korean.")


class ClaimFrame(_Frozen):
    subject: str | None = Field(None, description="Who or what the claim is about.")
    predicate: str | None = Field(None, description="Main verb lemma of the claim.")
    object: str | None = Field(None, description="Object or complement of the claim.")
    keys: list[str] = Field(default_factory=list, description="Content lemmas used to compare claims.")


class Statement(_Frozen):
    """One attributed statement: who said what, where, when, with which cue."""

    id: str = Field(..., description="Deterministic id: article id + character offsets.")
    article_id: str = Field(..., description="Article it was found in.")
    source: str = Field(..., description="Outlet of the article.")
    url: str | None = Field(None, description="Article URL.")
    published_at: datetime | None = Field(None, description="Article publication time (UTC).")
    text: str = Field(..., description="The sentence as it appears in the article.")
    start: int = Field(..., ge=0, description="Sentence start offset in the article text.")
    end: int = Field(..., ge=0, description="Sentence end offset in the article text.")
    claim_text: str = Field("", description="The reported content without the attribution ('X said that').")
    speaker: Speaker = Field(default_factory=Speaker, description="Who made the statement.")
    cue: Cue = Field("assert", description="How it was said: assert, deny, confirm, not_confirmed, ...")
    cue_word: str | None = Field(None, description="The attribution verb or phrase as written ('denied').")
    polarity: Polarity = Field("positive", description="Whether the claim is negated.")
    modality: Modality = Field("fact", description="fact, or possible/conditional/future (not factual).")
    quantities: list[Quantity] = Field(default_factory=list, description="Numbers with their hedging.")
    dates: list[DateMention] = Field(default_factory=list, description="Dates resolved against publication.")
    entities: list[Entity] = Field(default_factory=list, description="Named entities, normalised.")
    claim: ClaimFrame = Field(default_factory=ClaimFrame, description="Claim frame for comparison.")
    blocking_keys: list[str] = Field(default_factory=list, description="Keys of candidate blocks.")
    claim_id: str | None = Field(None, description="The claim it belongs to (contraflow-claims), once linked.")


class BlockedStatements(_Frozen):
    """Statements of a batch of articles bound for one partition of ``statements`` (the detect stage's input).

    ``placements`` pairs a blocking key with the index of a statement in ``statements``: detect places that
    statement in that key's block. Every key of the message belongs to the partition the message was sent to.
    """

    article_id: str = Field(
        ..., description="Article of the first statement (a message holds one extract batch: one or more articles)."
    )
    statements: list[Statement] = Field(..., description="The statements with at least one key here.")
    placements: list[tuple[str, int]] = Field(..., description="(blocking key, index into statements).")
