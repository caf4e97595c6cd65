"""Candidate blocking: only statements that share a key are compared.

Keys are normalised entities (``e:north_korea``) and the claim's main content nouns (``n:shell``).
``InMemoryCandidateIndex`` keeps at most ``per_key`` recent statements per key, so placing one
statement costs O(number of its keys x per_key), whatever the store size. The stream agent keeps a
ring per key in a Faust table instead (``streams.agents.detect.CandidateRing``).

Both store each statement with its :class:`Profile`: the sets the candidate selection
(``analysis.detection.select_candidates``) compares, computed once when the statement is stored, not
once per comparison.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import chain, islice
from typing import Protocol, runtime_checkable

from schemas import Statement

from .judge import _CUE_BASED, _facts_of, _letters
from .kinds.view import rare_stems, view_of
from .lexicon import STOP_LEMMAS
from .prefilter import Rows, features

__all__ = [
    "CandidateIndex",
    "InMemoryCandidateIndex",
    "Profile",
    "ProfileBlock",
    "blocking_keys",
    "profile",
]

_MAX_KEYS = 10
_MAX_ENTITY_KEYS = 4
_MAX_RARE_KEYS = 3
# Most stored statements a new one is compared with, over all its keys (``analysis.max_candidates``).
MAX_CANDIDATES = 800
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
    """Keys of the blocks a statement belongs to (at most ``_MAX_KEYS``).

    Its named entities (``e:``), then its rarest words by stem (``w:``: names the parser did not tag, technical
    terms, demonyms next to their country), then what its numbers count and the claim's content nouns (``n:``).
    Rare words carry the blocking across wordings: two reports of one event share few common words but
    nearly always a rare one.
    """
    keys: list[str] = []
    for e in s.entities:
        if e.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT") and e.norm:
            k = f"e:{e.norm}"
            if k not in keys and len(keys) < _MAX_ENTITY_KEYS:
                keys.append(k)
    keys.extend(f"w:{w}" for w in rare_stems(s, _MAX_RARE_KEYS))
    for q in s.quantities:
        if q.unit and q.unit not in ("%",) and f"n:{q.unit}" not in keys:
            keys.append(f"n:{q.unit}")
    names = {k[2:] for k in keys if k.startswith("e:")}
    # the claim's core first (what it is about, what happened, to what), so the cut keeps it
    frame = s.claim
    core = [w for part in (frame.subject, frame.predicate, frame.object) if part for w in part.split()[-1:]]
    for lemma in (*core, *frame.keys):
        if lemma in STOP_LEMMAS or lemma in _GENERIC or lemma in names:
            continue
        k = f"n:{lemma}"
        if k not in keys:
            keys.append(k)
    return keys[:_MAX_KEYS]


class Profile:
    """What the candidate selection compares of one statement, built once, when it is stored.

    ``content``: the claim's content lemmas and its exact numbers (``#12``), and ``nkeys``: how many content lemmas
    (a multi-word name once), for the share of content two claims have in common; ``words``: the claim's letters,
    to spot the same sentence quoted twice; ``signals``: the contradiction kinds' pre-check bits
    (``analysis.kinds.signal_bits``); ``weights`` and ``total``: the rarity-weighted content words of its view,
    which rank candidates (``analysis.kinds.features.weighted_overlap``) without building the stored statement's
    view again once the view cache has let it go; ``cue_based``: a denial, retraction or non-confirmation;
    ``blocking``: its blocking keys, when the caller needs them (the stream agent), else None; ``row``: what
    ``analysis.prefilter`` compares, as integers.
    """

    __slots__ = (
        "statement", "id", "article_id", "published_at", "cue", "cue_based", "modality",
        "content", "nkeys", "words", "blocking", "signals", "weights", "total", "_row",
    )  # fmt: skip

    def __init__(self, s: Statement, blocking: frozenset[str] | None = None) -> None:
        self.statement = s
        self.id = s.id
        self.article_id = s.article_id
        self.published_at: datetime | None = s.published_at
        self.cue = s.cue
        self.cue_based = s.cue in _CUE_BASED
        self.modality = s.modality
        facts = _facts_of(s)  # the hand rules' sets of the statement, cached once for all its pairs
        self.nkeys = facts.named
        self.content = facts.keys | facts.numbers
        self.words = _letters(s.claim_text or s.text)
        view = view_of(s)
        self.signals = view.signals
        self.weights = view.weights
        self.total = view.total
        self.blocking = blocking
        self._row: tuple[int, ...] | None = None

    @property
    def row(self) -> tuple[int, ...]:
        """:func:`analysis.prefilter.features` of this profile, computed once (when it is first stored)."""
        if self._row is None:
            self._row = features(self)
        return self._row

    def __repr__(self) -> str:
        return f"Profile({self.id!r})"


def profile(s: Statement, with_blocking: bool = False) -> Profile:
    """The :class:`Profile` of ``s``; ``with_blocking``: with its blocking keys (stored, or computed if none)."""
    return Profile(s, frozenset(s.blocking_keys or blocking_keys(s)) if with_blocking else None)


class ProfileBlock:
    """The newest ``size`` profiles stored under one key, oldest first, with their rows for the prefilter.

    A sequence of :class:`Profile` (``len``, ``[i]``, iteration oldest first, ``reversed`` newest first) that
    also keeps each profile's :attr:`Profile.row` in an ``analysis.prefilter.Rows``: what
    ``analysis.detection.place_all`` filters in one numpy pass. The offline index and the stream agent's ring
    mirror both keep their blocks in one.
    """

    __slots__ = ("size", "_profiles", "rows", "_ids")

    def __init__(self, size: int, profiles: Iterable[Profile] = ()) -> None:
        self.size = size
        self._profiles: list[Profile] = []
        self.rows = Rows(size)
        self._ids: dict[str, int] = {}  # statement id -> how many times it is in the block (a replay may add twice)
        for p in profiles:
            self.append(p)

    def append(self, p: Profile) -> None:
        self._profiles.append(p)
        self.rows.append(p.row)
        self._ids[p.id] = self._ids.get(p.id, 0) + 1
        if len(self._profiles) > self.size:
            gone = self._profiles.pop(0).id
            if self._ids[gone] == 1:
                del self._ids[gone]
            else:
                self._ids[gone] -= 1

    def holds(self, statement_id: str) -> bool:
        """Whether a statement of this id is in the block (constant time)."""
        return statement_id in self._ids

    def __len__(self) -> int:
        return len(self._profiles)

    def newest(self, n: int) -> list[Profile]:
        """The newest ``n`` profiles, oldest first: the ones ``rows.newest(n)`` describes, in the same order."""
        return self._profiles[-n:] if n > 0 else []

    def __getitem__(self, i: int) -> Profile:
        return self._profiles[i]

    def __iter__(self) -> Iterator[Profile]:
        return iter(self._profiles)

    def __reversed__(self) -> Iterator[Profile]:
        return reversed(self._profiles)


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

    ``max_candidates`` bounds how many stored statements a new one is compared with, split evenly over its
    keys: ``analysis.detection.detect`` reads each key's block newest first (:meth:`newest`) and judges only the
    best few of each (``analysis.detection.place``, as the stream agent does with its rings); :meth:`candidates`
    gives the same bound over the de-duplicated union of the blocks.

    Example::

        index = InMemoryCandidateIndex(per_key=200)
        for s in statements:
            found = detect(s, index)
            index.add(s)
    """

    def __init__(self, per_key: int = 200, max_keys: int = 1_000_000, max_candidates: int = MAX_CANDIDATES) -> None:
        self.per_key = per_key
        self.max_keys = max_keys
        self.max_candidates = max_candidates
        # One Profile per stored statement, shared by all of its blocks.
        self._blocks: OrderedDict[str, ProfileBlock] = OrderedDict()

    def __len__(self) -> int:
        return len(self._blocks)

    def add(self, s: Statement, prof: Profile | None = None) -> None:
        """Store ``s`` under each of its blocking keys (``prof``: its profile, when the caller has it already)."""
        keys = s.blocking_keys or blocking_keys(s)
        if prof is None or prof.statement is not s or prof.blocking is None:
            prof = Profile(s, frozenset(keys))
        for key in keys:
            block = self._blocks.get(key)
            if block is None:
                block = self._blocks[key] = ProfileBlock(self.per_key)
                if len(self._blocks) > self.max_keys:
                    self._blocks.popitem(last=False)  # forget the oldest key
            else:
                self._blocks.move_to_end(key)
            block.append(prof)

    def profiles(self, s: Statement) -> list[Profile]:
        """Profiles of the stored statements sharing a key with ``s``: at most ``max_candidates``, no duplicates.

        Each key gets an equal share of the pool (newest first), so a crowded key cannot crowd out the others.
        ``s`` itself is in the pool if it was stored (``select_candidates`` skips it; ``candidates`` leaves it out).
        """
        keys = s.blocking_keys or blocking_keys(s)
        blocks = [self._blocks[k] for k in keys if k in self._blocks]
        share = max(1, self.max_candidates // max(1, len(blocks)))
        # dict.fromkeys keeps the first occurrence of each profile (identity hash): the whole scan runs in C.
        return list(dict.fromkeys(chain.from_iterable(islice(reversed(block), share) for block in blocks)))

    def newest(self, key: str) -> Iterable[Profile]:
        """The profiles stored under ``key``, newest first (what ``analysis.detection.place`` reads)."""
        block = self._blocks.get(key)
        return reversed(block) if block is not None else ()

    def block(self, key: str) -> ProfileBlock | None:
        """The block of ``key`` (what ``analysis.detection.place_all`` reads), or None for a key never stored."""
        return self._blocks.get(key)

    def candidates(self, s: Statement) -> list[Statement]:
        return [p.statement for p in self.profiles(s) if p.id != s.id]
