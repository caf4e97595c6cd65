"""Hand-set priors for the clean, explainable signals the pair data sets rarely exercise.

The learned combiner only sees what its training sets contain: SICK and RTE are mostly about
negation, so it learns almost nothing about "rose"/"fell", "312"/"190 passengers", "2011"/"2015",
"X denied ...". A rule here fires when such a signal is *clean* (the rest of the two sentences
agrees, see ``signals._rest_overlap``) and neither side is modal, conditional or future; its score
is a fixed prior scaled by how clean the signal is. The verdict takes the stronger of the rule and
the combiner, and a cue rule (denial, retraction, unconfirmed) names the kind even when a negation
is also present ("has not confirmed" is a non-confirmation, not a plain negation).
"""

from __future__ import annotations

from .signals import Signal

__all__ = ["CUE_KINDS", "RULES", "rule_verdict"]

# signal name -> (lowest value that counts, score at value 0 of the range, score gained up to value 1)
RULES: dict[str, tuple[float, float, float]] = {
    "antonym": (0.8, 0.5, 0.35),
    "quantity": (0.6, 0.5, 0.3),
    "date_time": (0.6, 0.5, 0.3),
    "denial": (0.6, 0.5, 0.3),
    "retraction": (0.6, 0.5, 0.3),
    "unconfirmed": (0.6, 0.5, 0.2),
}
CUE_KINDS = frozenset({"denial", "retraction", "unconfirmed"})


def rule_verdict(sigs: list[Signal], enabled: frozenset[str] | None = None) -> tuple[float, Signal] | None:
    """The strongest rule that fires for one pair's signals, as ``(score, signal)``, or None.

    ``enabled`` limits the rules to those names (a regime of the combiner may switch some off where
    cross-validation showed they hurt); None means all of :data:`RULES`.
    """
    values = {s.name: s.value for s in sigs}
    if values.get("modal_h", 0.0) or values.get("modal_p", 0.0):
        return None  # a claim under could/may/would/if/will is not a fact to contradict
    best: tuple[float, Signal] | None = None
    for s in sigs:
        rule = RULES.get(s.name)
        if rule is None or s.value < rule[0] or (enabled is not None and s.name not in enabled):
            continue
        floor, base, gain = rule
        score = base + gain * min(1.0, (s.value - floor) / (1.0 - floor) if floor < 1.0 else 1.0)
        if best is None or score > best[0]:
            best = (score, s)
    return best
