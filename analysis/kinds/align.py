"""Are two statements about the same thing? Soft alignment scores shared by every kind module."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from schemas import Statement

from .view import StatementView

__all__ = ["Alignment", "align", "weighted_overlap"]

_DAY_S = 86_400.0


@dataclass(frozen=True, slots=True)
class Alignment:
    overlap: float  # share of the smaller statement's weighted content found in the other (rare words weigh more)
    claim_overlap: float  # share of the smaller claim's stems in the other claim (attribution left out)
    claim_weighted: float  # the same, with rare words weighing more
    claim_rare_shared: int  # rare content words in common between the two claims
    bigrams_shared: int  # pairs of consecutive content words in common between the claims
    same_predicate: bool  # the claims' main verbs agree (lemma), or each is among the other's content
    rare_shared: int  # content words in common that are rare in English (names, technical terms)
    names_shared: int  # capitalised words in common (names, places, demonyms by their stem)
    lemmas_shared: int  # claim-frame lemmas in common
    shared: tuple[str, ...]  # the shared stems, rarest first (for explanations)
    same_article: bool
    same_speaker: bool
    days_apart: float  # between publications (0 when unknown)


def _same_predicate(a: Statement, b: Statement) -> bool:
    pa, pb = a.claim.predicate, b.claim.predicate
    return bool(pa and pb) and (pa == pb or (pa in b.claim.keys and pb in a.claim.keys))


def align(a: StatementView, b: StatementView) -> Alignment:
    wa, wb = a.weights, b.weights
    common = wa.keys() & wb.keys()
    ca, cb = a.claim_stems, b.claim_stems
    claim_overlap = len(ca & cb) / max(1, min(len(ca), len(cb)))
    cwa, cwb = a.claim_weights, b.claim_weights
    ccommon = cwa.keys() & cwb.keys()
    sa, sb = a.s, b.s
    name_a, name_b = sa.speaker.name, sb.speaker.name
    days = 0.0
    if sa.published_at is not None and sb.published_at is not None:
        days = abs((sa.published_at - sb.published_at).total_seconds()) / _DAY_S
    shared = tuple(sorted(common, key=lambda k: (-min(wa[k], wb[k]), k)))  # ties by word: the same text every run
    return Alignment(
        overlap=weighted_overlap(wa, a.total, wb, b.total),
        claim_overlap=claim_overlap,
        claim_weighted=weighted_overlap(cwa, sum(cwa.values()), cwb, sum(cwb.values())),
        claim_rare_shared=sum(1 for k in ccommon if min(cwa[k], cwb[k]) >= 0.55),
        bigrams_shared=len(a.bigrams & b.bigrams),
        same_predicate=_same_predicate(sa, sb),
        rare_shared=sum(1 for k in common if min(wa[k], wb[k]) >= 0.6),
        names_shared=len(a.names & b.names),
        lemmas_shared=len(a.lemmas & b.lemmas),
        shared=shared,
        same_article=sa.article_id == sb.article_id,
        same_speaker=bool(name_a and name_b and name_a == name_b),
        days_apart=days,
    )


def weighted_overlap(wa: Mapping[str, float], total_a: float, wb: Mapping[str, float], total_b: float) -> float:
    """Share (0..1) of the lighter side's weighted words found in the other, from the two sides' weighted words and
    their sums (a stored ``Profile`` keeps both): the alignment's overlaps, and the rank of candidates before the
    budget cut."""
    common = wa.keys() & wb.keys()
    if not common:
        return 0.0
    # fsum: the same sum in any order of the set (ties between candidates must not depend on the hash seed)
    return min(1.0, math.fsum(min(wa[k], wb[k]) for k in common) / max(1e-9, min(total_a, total_b)))
