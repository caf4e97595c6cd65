"""Candidate blocking: only statements that share a key are compared.

Keys are normalised entities (``e:north_korea``) and the claim's main content nouns (``n:shell``).
``InMemoryCandidateIndex`` keeps at most ``per_key`` recent statements per key, so placing one
statement costs O(number of its keys x per_key), whatever the store size. The stream agent backs the
same protocol with a Faust table (key -> list of statements as JSON).
"""

from __future__ import annotations

from collections import OrderedDict, deque
from itertools import islice
from typing import Protocol, runtime_checkable

from schemas import Statement

from .lexicon import STOP_LEMMAS

__all__ = ["CandidateIndex", "InMemoryCandidateIndex", "blocking_keys"]

_MAX_KEYS = 8
# Nouns too common in news to say two statements are about the same thing.
_GENERIC = frozenset(
    [
        "percent",
        "people",
        "number",
        "figure",
        "government",
        "country",
        "city",
        "region",
        "official",
        "report",
        "statement",
        "news",
        "source",
        "week",
        "month",
        "year",
        "day",
        "time",
        "area",
        "part",
        "group",
        "member",
        "way",
        "case",
        "issue",
        "thing",
        "side",
        "point",
        "rate",
        "level",
    ]
)


def blocking_keys(s: Statement) -> list[str]:
    """Keys of the blocks a statement belongs to: its entities, then its content nouns (at most 8)."""
    keys: list[str] = []
    for e in s.entities:
        if e.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT") and e.norm:
            k = f"e:{e.norm}"
            if k not in keys:
                keys.append(k)
    for q in s.quantities:
        if q.unit and q.unit not in ("%",) and f"n:{q.unit}" not in keys:
            keys.append(f"n:{q.unit}")
    for lemma in s.claim.keys:
        if lemma in STOP_LEMMAS or lemma in _GENERIC:
            continue
        k = f"n:{lemma}"
        if k not in keys:
            keys.append(k)
    return keys[:_MAX_KEYS]


@runtime_checkable
class CandidateIndex(Protocol):
    """Where recent statements wait to be compared with new ones."""

    def add(self, s: Statement) -> None:
        """Store ``s`` under each of its blocking keys."""
        ...

    def candidates(self, s: Statement) -> list[Statement]:
        """Stored statements sharing a key with ``s`` (at most ``max_candidates``, newest first, no duplicates)."""
        ...


class InMemoryCandidateIndex:
    """A bounded in-memory ``CandidateIndex``: ``per_key`` most recent statements per key.

    Example::

        index = InMemoryCandidateIndex(per_key=200)
        for s in statements:
            found = detect(s, index)
            index.add(s)
    """

    def __init__(self, per_key: int = 200, max_keys: int = 1_000_000, max_candidates: int = 400) -> None:
        self.per_key = per_key
        self.max_keys = max_keys
        self.max_candidates = max_candidates
        self._blocks: OrderedDict[str, deque[Statement]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._blocks)

    def add(self, s: Statement) -> None:
        for key in s.blocking_keys or blocking_keys(s):
            block = self._blocks.get(key)
            if block is None:
                block = self._blocks[key] = deque(maxlen=self.per_key)
                if len(self._blocks) > self.max_keys:
                    self._blocks.popitem(last=False)  # forget the oldest key
            else:
                self._blocks.move_to_end(key)
            block.append(s)

    def candidates(self, s: Statement) -> list[Statement]:
        seen: set[str] = {s.id}
        out: list[Statement] = []
        keys = s.blocking_keys or blocking_keys(s)
        blocks = [self._blocks[k] for k in keys if k in self._blocks]
        # Each key gets an equal share of the budget (newest first), so a crowded key cannot crowd out the others.
        share = max(1, self.max_candidates // max(1, len(blocks)))
        for block in blocks:
            for other in islice(reversed(block), share):
                if other.id not in seen:
                    seen.add(other.id)
                    out.append(other)
        return out
