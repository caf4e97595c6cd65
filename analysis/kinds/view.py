"""What the kind modules read of one statement, computed once per statement (``view_of``).

Words are compared by a crude stem (their first five letters), so "resigned" meets "resignation" and a demonym
meets its country ("Brennish" / "Brenland" share "bren"... only when the stems agree; "Tasmiri" / "Tasmir" do).
Each word carries a rarity weight from a packaged word-frequency table (``wordfreq``): rare words (names, technical
terms) say far more about two statements being about the same thing than common ones.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from schemas import Quantity, Statement

from .. import lexicon
from ..dates import minutes_of_day
from ..identity_cache import IdentityCache

__all__ = ["STOP", "WORD", "StatementView", "cache_size", "rare_stems", "rarity", "stem", "view_of"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])|\b([01]?\d|2[0-3]):([0-5]\d)\b", re.I)
# Words that say how something was reported, not what: never evidence that two claims are about one thing.
_REPORTING_WORDS = (
    "said says say told tell tells telling according added adds stated statement statements reporters reported "
    "spokesman spokeswoman spokesperson asked claimed claims claim quoted noted insisted maintained"
)
_REPORTING = frozenset(_REPORTING_WORDS.split())
_STOP = frozenset(w.lower() for w in STOP_WORDS) | _REPORTING
_DENY = re.compile(lexicon.DENY_EVIDENCE_RE, re.I)
_DENY_PHRASES = re.compile("|".join(f"(?:{p})" for p in lexicon.DENY_PHRASES), re.I)
_UNCONFIRMED = re.compile(f"{lexicon.NOT_CONFIRMED_RE}|{lexicon.NO_COMMENT_RE}", re.I)
_RETRACT = re.compile(lexicon.RETRACT_EVIDENCE_RE, re.I)
_ASKED_WHETHER = re.compile(lexicon.ASKED_WHETHER_RE, re.I)


def _takes_back(text: str) -> bool:
    """Worded as a retraction, not as a question put to the speaker ("asked whether it was a mistake")."""
    return any(not _ASKED_WHETHER.search(text[: m.start()]) for m in _RETRACT.finditer(text))


_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without|no one|not a single|n't)\b|n't\b", re.I
)
_MODAL = re.compile(r"\b(?:could|may|might|would|if|unless|should|possibly|perhaps|likely|expected to|plans? to)\b",
                    re.I)  # fmt: skip
# Counts that keep changing: a later, higher figure is an update, not a contradiction.
_RUNNING = re.compile(
    r"\b(?:so far|to date|now|has risen|had risen|rose to|climbed to|rising|still|at least|latest|updated|"
    r"by (?:then|noon|midnight|evening|morning|the end))\b",
    re.I,
)
# Someone changed a figure of their own ("raised its bid ... to $51 billion"): it updates the earlier one.
_UPDATE = re.compile(lexicon.VALUE_UPDATE_RE, re.I)
# A figure that counts part of a group: "ten US citizens were among the victims", "including three children",
# "four of the dead". It bounds the whole from below and contradicts no larger total.
_PART_AFTER = re.compile(r"^\W*(?:[\w'-]+\s+){0,3}?(?:were|are|was|is|had been|have been)\s+among\b"
                         r"|^\s+of\s+(?:the|them|those|whom)\b", re.I)  # fmt: skip
_PART_BEFORE = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s*$", re.I)
_OTHER = re.compile(
    r"\b(?:neighbou?ring|nearby|another|second|separate|other|similar|previous|last year|a year earlier|"
    r"compared (?:with|to)|by comparison|private|nationwide|worldwide|national)\b",
    re.I,
)
_RECIPROCAL = re.compile(lexicon.RECIPROCAL_RE, re.I)
_CACHE_SIZE = _DEFAULT_CACHE_SIZE = 8192
# What the kind modules read words with: a word, and the words that are never content.
WORD, STOP = _WORD, _STOP


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: the lower-cased word, cut to five letters (plural and tense endings fall away)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w[:5]


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


@lru_cache(maxsize=1 << 16)
def rarity(word: str) -> float:
    """How rare ``word`` is in English, 0.05 (very common) .. 1 (unknown to the frequency table: a name)."""
    freq = _frequencies().get(word, 0.0)
    zipf = math.log10(freq) + 9.0 if freq > 0 else 0.0
    return min(1.0, max(0.05, (6.5 - zipf) / 4.0))


def _minutes(text: str) -> frozenset[int]:
    out = set()
    for m in _TIME.finditer(text):
        if m.group(3):
            h, mi = int(m.group(1)), int(m.group(2) or 0)
            if h > 12:
                continue
            pm = m.group(3).lower().startswith("p")
            out.add(((h % 12) + (12 if pm else 0)) * 60 + mi)
        else:
            out.add(int(m.group(4)) * 60 + int(m.group(5)))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class StatementView:
    """One statement as the kind modules see it."""

    s: Statement
    weights: dict[str, float]  # stem -> rarity of the content words of the sentence (speaker's words left out)
    claim_stems: frozenset[str]  # stems of the claim (without the attribution)
    names: frozenset[str]  # stems of capitalised words that are not the first word: names, places, demonyms
    total: float  # sum of weights
    deny: bool  # worded as a denial ("dismissed ... as baseless"), whatever the parser's cue
    unconfirmed: bool  # worded as a non-confirmation
    retract: bool  # worded as a correction or retraction
    negated: bool  # the claim holds a negation
    modal: bool  # possible, conditional or future; or a modal word in the claim
    running: bool  # a count that keeps changing
    updated: bool  # gives a figure as its owner's change of an earlier one ("raised its bid ... to")
    figures: tuple[Quantity, ...]  # the figures as compared: one counting part of a group has no upper bound
    other: bool  # names another instance, place or period ("a second", "neighbouring", "last year")
    minutes: frozenset[int]  # clock times of day
    lemmas: frozenset[str]  # the claim frame's content lemmas
    words: frozenset[str]  # every word of the claim, lower-cased, and the claim frame's lemmas
    claim_weights: dict[str, float]  # stem -> rarity, of the claim's content words only
    negated_stems: frozenset[str]  # content stems in the few words after a negation ("no X", "not offered Y")
    bigrams: frozenset[tuple[str, str]]  # consecutive content stems of the claim
    signals: int = 0  # the kinds' pre-check signals, one bit each (``analysis.kinds.signal_bits``)

    @property
    def cue_based(self) -> bool:
        return self.s.cue in ("deny", "not_confirmed", "retract") or self.deny or self.unconfirmed or self.retract


def _build(s: Statement) -> StatementView:
    from . import signal_bits

    v = _view(s)
    return replace(v, signals=signal_bits(v))


def _view(s: Statement) -> StatementView:
    speaker = {stem(w) for w in _WORD.findall(s.speaker.name or "")}
    weights: dict[str, float] = {}
    names: set[str] = set()
    words = _WORD.findall(s.text)
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in _STOP or len(lw) < 3:
            continue
        st = stem(w)
        if st in speaker:
            continue
        weights[st] = max(weights.get(st, 0.0), rarity(lw))
        if i > 0 and w[0].isupper():
            names.add(st)
    claim = s.claim_text or s.text
    # the cue and negation patterns are written with a straight apostrophe: "didn\u2019t" is "didn't"
    text, folded_claim = s.text.replace("\u2019", "'"), claim.replace("\u2019", "'")
    every_claim_word = _WORD.findall(claim)
    claim_words = [w for w in every_claim_word if w.lower() not in _STOP and len(w) >= 3]
    claim_stems = frozenset(stem(w) for w in claim_words)
    claim_weights = {stem(w): rarity(w.lower()) for w in claim_words if stem(w) not in speaker}
    negated: set[str] = set()
    for m in _NEGATION.finditer(text):
        after = _WORD.findall(text[m.end() : m.end() + 60])[:6]
        negated.update(stem(w) for w in after if w.lower() not in _STOP and len(w) >= 3)
    lemmas = frozenset(s.claim.keys)
    return StatementView(
        s=s,
        weights=weights,
        claim_stems=claim_stems,
        names=frozenset(names),
        total=sum(weights.values()),
        deny=s.cue == "deny" or bool(_DENY.search(text)) or bool(_DENY_PHRASES.search(text)),
        unconfirmed=s.cue == "not_confirmed" or bool(_UNCONFIRMED.search(text)),
        # a denial that calls someone else's claim wrong ("said claims that P were wrong") takes nothing back
        retract=s.cue == "retract" or (s.cue != "deny" and _takes_back(text)),
        negated=s.polarity == "negative" or bool(_NEGATION.search(folded_claim)),
        modal=s.modality != "fact" or bool(_MODAL.search(folded_claim)),
        running=bool(_RUNNING.search(s.text)),
        updated=bool(_UPDATE.search(s.text)),
        figures=tuple(q.model_copy(update={"high": math.inf}) if _part(s, q) else q for q in s.quantities),
        other=bool(_OTHER.search(_RECIPROCAL.sub(" ", s.text))),
        # "shortly before midnight", "at noon": the times the date reader knows besides the clock's
        minutes=_minutes(s.text)
        | {t for d in s.dates if d.granularity == "time" and (t := minutes_of_day(d.text)) is not None},
        lemmas=lemmas,
        # the claim's, not the attribution's: "local sources said" / "the foreign ministry's spokesman" oppose nothing
        words=frozenset(w.lower() for w in every_claim_word) | lemmas,
        claim_weights=claim_weights,
        negated_stems=frozenset(negated),
        bigrams=frozenset(zip([stem(w) for w in claim_words[:-1]], [stem(w) for w in claim_words[1:]], strict=True)),
    )


def _part(s: Statement, q: Quantity) -> bool:
    start, end = q.start - s.start, q.end - s.start
    return bool(_PART_AFTER.search(s.text[end : end + 60]) or _PART_BEFORE.search(s.text[max(0, start - 20) : start]))


# A word this rare (Zipf frequency under ~4.3) can block: seldom in two unrelated statements.
_RARE = 0.55


def rare_stems(s: Statement, n: int) -> list[str]:
    """The stems of the ``n`` rarest words of the statement (the speaker's name left out), rarest first."""
    weights = view_of(s).weights
    rare = sorted((w for w, r in weights.items() if r >= _RARE), key=lambda w: (-weights[w], w))
    return rare[:n]


_views: OrderedDict[tuple, StatementView] = OrderedDict()
# A worker's NLP thread (extraction reads rare words) and its event loop (detection) share both caches: every
# change is made under this lock (a lookup is one dict read, safe without it; a view is built outside it).
_lock = threading.Lock()
# The same statement object comes back for every pair it is in: found by identity first, before the content key
# (whose tuples cost more to build than most views take to look up).
_by_object: IdentityCache[Statement, StatementView] = IdentityCache(_CACHE_SIZE, _lock)


def cache_size(n: int | None = None) -> int:
    """The most views each cache keeps (``n``: the new bound, never below the default; None: only ask).

    The default bounds a worker's memory. A run over a file (``contraflow analyze``) raises it to about two entries
    per statement it holds: with fewer, detection reads the earliest statements' views after extraction evicted
    them, and every view is built twice (about a tenth of the run's time on the news corpus).
    """
    global _CACHE_SIZE
    if n is not None:
        _CACHE_SIZE = max(_DEFAULT_CACHE_SIZE, n)
        _by_object.resize(_CACHE_SIZE)
        with _lock:
            while len(_views) > _CACHE_SIZE:
                _views.popitem(last=False)
    return _CACHE_SIZE


def view_of(s: Statement) -> StatementView:
    """The view of ``s``, from a small LRU cache (a stored statement is judged against many new ones)."""
    return _by_object.get(s, _view_by_content)


def _view_by_content(s: Statement) -> StatementView:
    # the id and sentence fix what extraction finds, but a caller may build two statements with one id
    key = (s.id, s.text, s.cue, s.polarity, s.modality, s.speaker.name,
           tuple((q.value, q.unit) for q in s.quantities), tuple(d.start_date for d in s.dates))  # fmt: skip
    v = _views.get(key)
    if v is None:
        v = _build(s)
        with _lock:
            _views[key] = v
            while len(_views) > _CACHE_SIZE:
                _views.popitem(last=False)
    else:
        with _lock:
            if key in _views:
                _views.move_to_end(key)
    return v
