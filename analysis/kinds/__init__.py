"""The contradiction kinds, one module each, in a short ordered registry (as spaCy registers components).

Each kind module owns the evidence it reads from a pair of statements (``features``: numbers the learned combiner
weighs, named in ``FEATURES``), its explanation (``explain``) and a cheap necessary condition: a yes/no ``signal``
of one statement and whether ``one`` side or ``both`` must have it (``PAIRING``). The signals of a statement are
a few bits (:func:`signal_bits`), so the candidate selection and the numpy prefilter check every kind's
pre-check at once (:func:`may_pair`). The combiner (:mod:`analysis.kinds.combiner`) turns the features of all
kinds, with the alignment scores they share, into a calibrated score and a kind.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .view import StatementView

from . import antonym, date_time, denial, negation, quantity, retraction, unconfirmed

__all__ = ["BOTH_MASK", "KINDS", "ONE_MASK", "REGISTRY", "may_pair", "signal_bits"]

# Order matters only for ties in explanations: cue-based kinds first, then the plain-claim kinds.
REGISTRY: tuple[ModuleType, ...] = (retraction, denial, unconfirmed, quantity, date_time, antonym, negation)
KINDS: tuple[str, ...] = tuple(m.NAME for m in REGISTRY)
# Bit i is kind i's signal; a pair may contradict when a "one" kind's bit differs or a "both" kind's bit is set twice.
ONE_MASK = sum(1 << i for i, m in enumerate(REGISTRY) if m.PAIRING == "one")
BOTH_MASK = sum(1 << i for i, m in enumerate(REGISTRY) if m.PAIRING == "both")


def signal_bits(v: StatementView) -> int:
    """The kinds' signals of one statement, one bit each."""
    return sum(1 << i for i, m in enumerate(REGISTRY) if m.signal(v))


def may_pair(x: int, y: int) -> bool:
    """Whether any kind's pre-check holds for two statements with these ``signal_bits``."""
    return bool(((x ^ y) & ONE_MASK) | (x & y & BOTH_MASK))
