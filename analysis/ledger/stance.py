"""A statement's stance towards the claim it is linked to, and a claim's status from the stances it holds."""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas import ClaimStatus, Stance, Statement

__all__ = ["claim_status", "stance_of"]

# A retraction that gives the corrected version ("corrected the toll to 31", "revised its estimate") corrects the
# claim; one that only takes it back retracts it.
_CORRECTS = re.compile(r"\b(?:correct(?:ed|ion|s|ing)?|amend(?:ed|s|ing)?|revis(?:ed|es|ing|ion)|updat(?:ed|es))\b",
                       re.I)  # fmt: skip


def stance_of(s: Statement) -> Stance | None:
    """How ``s`` relates to what it states, from its cue, and for a plain claim its modality; None: no stance.

    A denial denies and a non-confirmation does not confirm whatever their own wording ("the alleged
    preparation ... was not true" is still a denial). A plain or relayed claim that is only possible or
    conditional ("could send", "sending troops would mean") asserts no fact: it takes no stance and is linked to no
    claim. A future one ("will open on May 1") asserts a plan.
    """
    cue = s.cue
    if cue == "deny":
        return "denies"
    if cue == "not_confirmed":
        return "not_confirmed"
    if cue == "retract":
        return "corrects" if _CORRECTS.search(s.cue_word or "") or _CORRECTS.search(s.text) else "retracts"
    # a plan or schedule ("will take effect on May 1", "said the talks would resume on Monday") is asserted as
    # firmly as a past event, and is what a later "took effect in June" contradicts
    if s.modality not in ("fact", "future"):
        return None
    return "reports" if cue == "report" else "asserts"


def claim_status(stances: Iterable[str], contradicted: bool = False) -> ClaimStatus:
    """The status of a claim holding these stances (``contradicted``: two of its statements contradict each other).

    ``retracted`` once a speaker takes it back; ``denied`` when denied and asserted by no one, ``contested`` when
    both, or when a correction or a contradiction (two figures, two outcomes) splits its assertions;
    ``unconfirmed`` when someone has not confirmed it, or nobody asserts it (only relayed); else ``uncontested``.
    """
    held = set(stances)
    if "retracts" in held:
        return "retracted"
    if "denies" in held:
        return "contested" if "asserts" in held or "corrects" in held else "denied"
    if "corrects" in held or contradicted:
        return "contested"
    if "not_confirmed" in held or "asserts" not in held:
        return "unconfirmed"
    return "uncontested"
