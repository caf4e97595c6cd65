"""A vectorised first pass over a placement's candidates: one numpy expression instead of a Python loop.

``analysis.detection.select_candidates`` checks each stored statement of a window in Python, and once
the blocks of a statement's keys are full that pass is most of what placing it costs (hundreds of candidates,
of which a handful are worth judging). Here every stored :class:`~analysis.blocking.Profile` also has a row of
integers (:func:`features`): a hash of its words, its cue, its time bounds and the kinds' pre-check bits; a block
keeps its rows in one array (:class:`Rows`). :func:`survivors` then evaluates, for all the rows of all the windows
at once, conditions that every candidate ``select_candidates`` keeps must meet, and only the survivors go through
the exact Python checks. The result is the same list of candidates, in the same order:
``tests/unit/analysis/test_prefilter.py`` compares the two paths. Rows hold per-process hashes: they are rebuilt
with the profile, never stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .judge import MAX_DAYS_APART
from .kinds import BOTH_MASK, ONE_MASK

if TYPE_CHECKING:
    from .blocking import Profile

__all__ = ["Rows", "features", "survivors"]

# Columns of a row: a hash of the claim's letters; 0 for a cue-based statement (a denial, retraction or
# non-confirmation), else 1; the times (s) it may be compared with, exclusive: published ± (MAX_DAYS_APART + 2) days
# (one day of slack for the judge's rounding; an undated statement compares with any time); the contradiction
# kinds' pre-check bits (analysis.kinds.signal_bits).
_WORDS, _CUE, _AFTER, _BEFORE, _SIGNALS = 0, 1, 2, 3, 4
_WIDTH = 5
_UNDATED = -(1 << 62)
_SLACK = (MAX_DAYS_APART + 2) * 86_400


def _signed(x: int) -> int:
    x &= (1 << 64) - 1
    return x - (1 << 64) if x >> 63 else x


def features(p: Profile) -> tuple[int, ...]:
    """The row of ``p``: what :func:`survivors` compares, as signed 64-bit integers."""
    if p.published_at is None:
        after, before = _UNDATED, -_UNDATED
    else:
        published = int(p.published_at.timestamp())
        after, before = published - _SLACK, published + _SLACK
    return (_signed(hash(p.words)), 0 if p.cue_based else 1, after, before, p.signals)


class Rows:
    """The rows of a bounded block of profiles, oldest first, in one growing numpy array (a column per feature).

    ``append`` adds one at the end and, past ``size``, forgets the oldest; ``newest(n)`` is a view of the newest
    ``n`` rows, oldest first, shaped (features, n). The live rows are ``[lo, hi)`` of an array of up to
    ``2 * size`` rows: forgetting moves ``lo``, and only a full array is compacted (amortised O(1) per append).
    Columns, not rows, are contiguous: :func:`survivors` works column by column.
    """

    __slots__ = ("size", "_a", "_lo", "_hi")

    def __init__(self, size: int) -> None:
        self.size = size
        self._a = np.empty((_WIDTH, min(8, 2 * size)), dtype=np.int64)
        self._lo = self._hi = 0

    def __len__(self) -> int:
        return self._hi - self._lo

    def append(self, row: tuple[int, ...]) -> None:
        cap = self._a.shape[1]
        if self._hi == cap:
            n = self._hi - self._lo
            if cap < 2 * self.size:
                grown = np.empty((_WIDTH, min(2 * cap, 2 * self.size)), dtype=np.int64)
                grown[:, :n] = self._a[:, self._lo : self._hi]
                self._a = grown
            else:
                self._a[:, :n] = self._a[:, self._lo : self._hi]
            self._lo, self._hi = 0, n
        self._a[:, self._hi] = row
        self._hi += 1
        if self._hi - self._lo > self.size:
            self._lo += 1

    def newest(self, n: int) -> np.ndarray:
        return self._a[:, max(self._lo, self._hi - n) : self._hi]


def survivors(new: Profile, rows: np.ndarray) -> list[int]:
    """Indices of the ``rows`` (shaped (features, n), as :meth:`Rows.newest`) that may pass ``select_candidates``
    against ``new``, in order.

    Every condition is a necessary one of ``select_candidates`` (with ``_rank``): not the same sentence (hash of
    its letters) unless exactly one side is cue-based, some contradiction kind's pre-check holds (their signal
    bits), not too far apart in time. What it cannot tell (which key owns the pair) is left to the exact checks.
    """
    r = new.row
    # the same sentence again is judged only when exactly one side is a denial, retraction or non-confirmation
    other_cue = rows[_CUE] == 0
    ok = (rows[_WORDS] != r[_WORDS]) | (other_cue != new.cue_based)
    # some kind's pre-check holds: a signal on one side only, or on both (analysis.kinds.may_pair, vectorised)
    signals = rows[_SIGNALS]
    ok &= (((signals ^ r[_SIGNALS]) & ONE_MASK) | (signals & r[_SIGNALS] & BOTH_MASK)) != 0
    if r[_AFTER] != _UNDATED:  # not more than MAX_DAYS_APART days apart (the row's bounds hold the slack)
        published = r[_AFTER] + _SLACK
        ok &= (rows[_AFTER] < published) & (rows[_BEFORE] > published)
    return np.flatnonzero(ok).tolist()
