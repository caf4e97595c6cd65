"""The claim inside a statement: cue refinement, polarity, modality and the comparison frame."""

from __future__ import annotations

import re

from spacy.tokens import Span

from schemas import ClaimFrame

from .lexicon import (
    ATTRIBUTION_VERBS,
    DENY_PHRASES,
    FUTURE_MARKERS,
    MODAL_POSSIBLE,
    NEGATORS,
    NOT_CONFIRMED_RE,
    REPORT_NOUNS,
    RETRACT_RE,
    STOP_LEMMAS,
    SYNONYMS,
)

__all__ = ["claim_frame", "claim_keys", "detect_cue", "modality_of", "polarity_of"]

_DENY_RE = re.compile("|".join(DENY_PHRASES), re.I)
_NOT_CONFIRMED_RE = re.compile(NOT_CONFIRMED_RE, re.I)
_RETRACT_RE = re.compile(RETRACT_RE, re.I)
_CONDITIONAL_RE = re.compile(r"\b(?:if|unless|provided that|in case|should .{0,40}\b(?:be|happen))\b", re.I)
# "not ... until" is about timing, "not only" adds, "no later than" bounds: none of them negate the claim.
_NOT_NEGATING = re.compile(
    r"\b(?:not|n't)\s+(?:\w+\s+){0,3}?until\b|\bnot only\b|\bno later than\b|\bno sooner\b|"
    r"\bno longer than\b|\bnot a (?:point|cent|day) more\b|\bno more than\b|\bnot least\b|"
    r"\bno fewer than\b|\bno less than\b|\bnot more than\b|\bno doubt\b|\bwithout delay\b",
    re.I,
)


def detect_cue(sentence: str, claim: str, cue_lemma: str | None) -> tuple[str, str | None]:
    """Cue of the statement: deny / not_confirmed / retract / confirm / report / assert, and the words that show it."""
    m = _NOT_CONFIRMED_RE.search(sentence)
    if m:
        return "not_confirmed", m.group(0)
    m = _RETRACT_RE.search(sentence)
    if m:
        return "retract", m.group(0)
    if cue_lemma and ATTRIBUTION_VERBS.get(cue_lemma) == "deny":
        return "deny", cue_lemma
    m = _DENY_RE.search(sentence)
    if m:
        return "deny", m.group(0)
    if cue_lemma and ATTRIBUTION_VERBS.get(cue_lemma) in ("confirm", "report"):
        return ATTRIBUTION_VERBS[cue_lemma], cue_lemma
    if cue_lemma == "accord":
        return "report", "according to"
    return "assert", cue_lemma


def polarity_of(tokens: list) -> str:
    """'negative' when the claim's own verb is negated ('not', 'no', 'never'), ignoring 'not until' and friends."""
    text = " ".join(t.text for t in tokens)
    cleaned = _NOT_NEGATING.sub(" ", text)
    words = re.findall(r"[\w']+", cleaned.lower())
    return "negative" if any(w in NEGATORS for w in words) else "positive"


def modality_of(tokens: list, reported: bool) -> str:
    """fact / possible / conditional / future, from modal verbs, hedges and 'if'.

    Backshifted "would" in reported speech ("said the rules would apply from May") is a future, not a conditional.
    """
    text = " ".join(t.text for t in tokens)
    words = [t.lower_ for t in tokens]
    if _CONDITIONAL_RE.search(text):
        return "conditional"
    if any(w in MODAL_POSSIBLE for w in words):
        return "possible"
    if "would" in words:
        return "future" if reported else "conditional"
    for k, t in enumerate(tokens):
        w = t.lower_
        if w in ("will", "'ll", "shall"):
            return "future"
        if w in FUTURE_MARKERS and t.pos_ in ("VERB", "ADJ") and k + 1 < len(tokens) and tokens[k + 1].lower_ == "to":
            return "future"
        if w == "going" and k + 1 < len(tokens) and tokens[k + 1].lower_ == "to":
            return "future"
    return "fact"


def claim_keys(tokens: list) -> list[str]:
    """Content lemmas of the claim, canonicalised (synonyms folded), in order, without repeats."""
    keys: list[str] = []
    for t in tokens:
        if t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or t.is_stop or not t.is_alpha:
            continue
        lemma = t.lemma_.lower() if t.pos_ != "PROPN" else t.text.lower()
        lemma = SYNONYMS.get(lemma, lemma)
        if lemma in STOP_LEMMAS or lemma in REPORT_NOUNS or len(lemma) < 2:
            continue
        if lemma not in keys:
            keys.append(lemma)
    return keys


def claim_frame(span: Span | list) -> ClaimFrame:
    """Subject (first noun phrase head), predicate (first content verb) and object, plus the comparison keys."""
    tokens = list(span)
    subject = predicate = obj = None
    for t in tokens:
        if predicate is None and t.pos_ in ("NOUN", "PROPN") and subject is None:
            subject = t.lemma_.lower() if t.pos_ == "NOUN" else t.text
        elif t.pos_ == "VERB" and predicate is None and t.lemma_.lower() not in ("say", "be", "have"):
            predicate = t.lemma_.lower()
        elif predicate is not None and obj is None and t.pos_ in ("NOUN", "PROPN"):
            obj = t.lemma_.lower() if t.pos_ == "NOUN" else t.text
    return ClaimFrame(subject=subject, predicate=predicate, object=obj, keys=claim_keys(tokens))
