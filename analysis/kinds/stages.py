"""Where the expected pairs of labelled cases are lost, stage by stage (``contraflow evaluate``).

A pair the engine misses is lost at one of four places: extraction (a quote maps to no statement, or both quotes to
one), blocking (the two statements share no blocking key), the candidate selection (``analysis.detection``: the
window, the cheap necessary conditions and the per-key budget of the placement, over one index of the whole file in
file order, as ``contraflow analyze`` reads it) or the judge (``judge_pair`` under the report threshold). Counting
each stage says where recall is to be won; the batch scorer only says how much is missing.

For files whose labels may be read (train, real-train, dev), never the validate file: this reads every expected pair.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["STAGES", "StageCounts", "recall_stages"]

# In pipeline order; each counts the expected pairs that got through it (and every stage before).
STAGES = ("expected", "extracted", "share_key", "reached", "found")


@dataclass
class StageCounts:
    """Expected pairs still in play after each of :data:`STAGES`, overall and per kind."""

    total: Counter[str] = field(default_factory=Counter)
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, kind: str, stage: str) -> None:
        self.total[stage] += 1
        self.by_kind.setdefault(kind, Counter())[stage] += 1


def recall_stages(cases: list[dict[str, Any]], nlp: Any, min_score: float = 0.5) -> StageCounts:
    """Follow every expected pair of ``cases`` through extraction, blocking, candidate selection and the judge."""
    from ..blocking import InMemoryCandidateIndex, blocking_keys
    from ..detection import candidates
    from .combiner import judge_pair
    from .train import extract_cases, find_statement

    extracted = extract_cases(cases, nlp)
    reached: set[frozenset[str]] = set()
    index = InMemoryCandidateIndex()
    order: dict[str, int] = {}
    for _article, statements in extracted.values():
        for s in statements:
            order[s.id] = len(order)
            reached.update(frozenset((o.id, s.id)) for o in candidates(s, index))
            index.add(s)
    counts = StageCounts()
    for case in cases:
        for gold in case["expected"]:
            kind = gold["kind"]
            counts.add(kind, "expected")
            sides = [find_statement(*extracted[gold[k]["article"]], gold[k]["quote"]) for k in ("a", "b")]
            a, b = sides
            if a is None or b is None or a.id == b.id:
                continue
            counts.add(kind, "extracted")
            if not set(a.blocking_keys or blocking_keys(a)) & set(b.blocking_keys or blocking_keys(b)):
                continue
            counts.add(kind, "share_key")
            if frozenset((a.id, b.id)) not in reached:
                continue
            counts.add(kind, "reached")
            first, second = (a, b) if order[a.id] < order[b.id] else (b, a)
            if judge_pair(first, second, min_score) is not None:
                counts.add(kind, "found")
    return counts
