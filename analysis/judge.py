"""Judge a pair of statements: which contradiction signal fires, how strongly, and why.

Signals, tried in this order: ``retraction``, ``denial``, ``unconfirmed`` (cue-based), then on two plain
claims ``quantity``, ``date_time``, ``antonym`` and ``negation``. Every signal first needs the two claims
to be about the same thing (shared content lemmas and no clash of named entities, places or periods), and
both to be factual: could/may/would/if/future claims never contradict facts.
"""

from __future__ import annotations

import re
from datetime import timedelta

from schemas import Contradiction, Quantity, Statement, pair_id

from .dates import minutes_of_day

__all__ = ["judge_statements", "similarity"]

_UP = frozenset(
    [
        "rise",
        "increase",
        "climb",
        "jump",
        "soar",
        "gain",
        "grow",
        "surge",
        "raise",
        "up",
        "higher",
        "boost",
        "hike",
        "expand",
    ]
)
_DOWN = frozenset(
    [
        "fall",
        "drop",
        "decline",
        "decrease",
        "plunge",
        "slump",
        "cut",
        "lower",
        "reduce",
        "shrink",
        "down",
        "lose",
        "sink",
        "tumble",
    ]
)
_YES = frozenset(["approve", "accept", "grant", "pass", "adopt", "allow", "permit", "ratify", "endorse", "back"])
_NO = frozenset(
    ["reject", "refuse", "defeat", "block", "ban", "veto", "deny", "forbid", "prohibit", "overturn", "dismiss"]
)
_PAIRS = ((_UP, _DOWN, "rise/fall"), (_YES, _NO, "approve/reject"))
_EXTRA_ANTONYMS = (
    ("open", "close"),
    ("guilty", "innocent"),
    ("convict", "acquit"),
    ("alive", "die"),
    ("survive", "die"),
    ("legal", "illegal"),
    ("win", "lose"),
    ("victory", "defeat"),
    ("profit", "loss"),
    ("surplus", "deficit"),
    ("include", "exclude"),
    ("succeed", "fail"),
    ("start", "end"),
    ("hire", "fire"),
    ("support", "oppose"),
)
_POLAR = _UP | _DOWN | _YES | _NO | {w for p in _EXTRA_ANTONYMS for w in p}
_NAMED = ("PERSON", "ORG", "FAC", "PRODUCT", "GPE", "LOC", "EVENT")
_SHORTLY = re.compile(
    r"\b(?:shortly|just|soon|about|around|approximately|roughly|some|nearly|almost|before|after|"
    r"by|until|since|between)\s+(?:after|before)?\s*$",
    re.I,
)

MIN_SHARED = 2
MIN_SIM = 0.34


def _keys(s: Statement) -> set[str]:
    return {k for k in s.claim.keys if k not in _POLAR}


def similarity(a: Statement, b: Statement) -> tuple[float, list[str]]:
    """Share of the smaller claim's content lemmas found in the other, and the shared lemmas."""
    ka, kb = _keys(a), _keys(b)
    shared = sorted(ka & kb)
    denom = max(1, min(len(ka), len(kb)))
    return len(shared) / denom, shared


def _factual(s: Statement) -> bool:
    return s.modality == "fact"


def _entity_clash(a: Statement, b: Statement) -> str | None:
    """Two claims that name different specific things of the same kind are about different things."""
    for label in ("PERSON", "ORG", "FAC", "PRODUCT", "LOC", "GPE", "EVENT"):
        ea = {e.norm for e in a.entities if e.label == label}
        eb = {e.norm for e in b.entities if e.label == label}
        if ea and eb and not (ea & eb):
            # a claim that merely adds a place is fine; one whose every name of this kind differs is not
            all_a = {e.norm for e in a.entities}
            all_b = {e.norm for e in b.entities}
            if not (all_a & all_b) or label in ("FAC", "PRODUCT", "EVENT", "LOC"):
                return f"different {label.lower()}: {', '.join(sorted(ea))} vs {', '.join(sorted(eb))}"
    return None


def _periods(s: Statement) -> list[tuple]:
    return [(d.start_date, d.end_date) for d in s.dates if d.start_date and d.granularity in ("year", "month")]


def _period_clash(a: Statement, b: Statement) -> bool:
    """Both claims name a year or month, and no period of one overlaps a period of the other."""
    pa, pb = _periods(a), _periods(b)
    if not pa or not pb:
        # an explicit year far from publication on one side only: a different period
        for x, y in ((a, b), (b, a)):
            for d in x.dates:
                if (
                    d.granularity == "year"
                    and d.start_date
                    and d.end_date
                    and y.published_at is not None
                    and not _periods(y)
                    and d.end_date < y.published_at.date() - timedelta(days=200)
                ):
                    return True
        return False
    return not any(s1 <= e2 and s2 <= e1 for s1, e1 in pa for s2, e2 in pb)


def _same_unit(qa: Quantity, qb: Quantity) -> bool:
    if qa.unit is None or qb.unit is None:
        return False
    return qa.unit == qb.unit


def _quantity_clash(a: Statement, b: Statement) -> tuple[Quantity, Quantity] | None:
    """For a unit both claims count, no value of one is compatible with any value of the other."""
    units = {q.unit for q in a.quantities if q.unit} & {q.unit for q in b.quantities if q.unit}
    for unit in sorted(units):
        qa = [q for q in a.quantities if q.unit == unit]
        qb = [q for q in b.quantities if q.unit == unit]
        compatible = False
        for x in qa:
            for y in qb:
                tol = 0.01 * max(abs(x.value), abs(y.value)) + 1e-9
                if x.low - tol <= y.high and y.low - tol <= x.high:
                    compatible = True
        if not compatible:
            return qa[0], qb[0]
    return None


def _times(s: Statement) -> list[tuple[int, bool]]:
    out = []
    for d in s.dates:
        if d.granularity == "time":
            minutes = minutes_of_day(d.text)
            if minutes is None:
                continue
            pos = s.text.find(d.text)
            hedged = bool(_SHORTLY.search(s.text[max(0, pos - 20) : pos])) if pos >= 0 else False
            out.append((minutes, hedged))
    return out


def _days(s: Statement) -> list:
    return [(d.start_date, d.end_date) for d in s.dates if d.start_date and d.granularity in ("day", "month")]


def _date_clash(a: Statement, b: Statement) -> str | None:
    ta, tb = _times(a), _times(b)
    if ta and tb:
        for x, hx in ta:
            for y, hy in tb:
                if abs(x - y) <= (30 if (hx or hy) else 0):
                    return None
        da, db = [d for d in a.dates if d.granularity == "day"], [d for d in b.dates if d.granularity == "day"]
        if da and db and not ({d.start_date for d in da} & {d.start_date for d in db}):
            pass  # different days and different times: still a clash about when
        return f"time {ta[0][0] // 60:02d}:{ta[0][0] % 60:02d} vs {tb[0][0] // 60:02d}:{tb[0][0] % 60:02d}"
    da, db = _days(a), _days(b)
    if da and db:
        if any(s1 <= e2 and s2 <= e1 for s1, e1 in da for s2, e2 in db):
            return None
        return f"date {da[0][0]} vs {db[0][0]}"
    return None


def _polar(s: Statement) -> dict[str, str]:
    """Which side of each antonym axis the claim's words fall on."""
    out: dict[str, str] = {}
    keys = set(s.claim.keys)
    for pos, neg, name in _PAIRS:
        hit_pos, hit_neg = keys & pos, keys & neg
        if hit_pos and not hit_neg:
            out[name] = "+" + sorted(hit_pos)[0]
        elif hit_neg and not hit_pos:
            out[name] = "-" + sorted(hit_neg)[0]
    for x, y in _EXTRA_ANTONYMS:
        if x in keys and y not in keys:
            out[f"{x}/{y}"] = "+" + x
        elif y in keys and x not in keys:
            out[f"{x}/{y}"] = "-" + y
    return out


def _make(a: Statement, b: Statement, kind: str, score: float, explanation: str) -> Contradiction:
    first, second = (
        (a, b)
        if (a.published_at or 0, a.article_id, a.start) <= (b.published_at or 0, b.article_id, b.start)
        else (b, a)
    )
    return Contradiction(
        id=pair_id(a.id, b.id),
        kind=kind,  # type: ignore[arg-type]
        score=round(max(0.0, min(1.0, score)), 3),
        explanation=explanation,
        scope="within_article" if a.article_id == b.article_id else "cross_article",
        a=first,
        b=second,
    )


def _who(s: Statement) -> str:
    return s.speaker.name or s.source


_RETRACT_SPLIT = re.compile(
    r"(?P<old>.*?)\b(?:was|were|had been|is)\s+(?:wrong|a mistake|an error|incorrect|inaccurate|mistaken|in error)\b"
    r"(?P<new>.*)",
    re.I | re.S,
)
_WITHDRAW = re.compile(
    r"\b(?:withdrew|withdrawn|retracted)\s+(?:its|their|his|her|the)?\s*(?:\w+\s+)?"
    r"(?:statement|claim|report|figure|announcement)s?\s+(?:that\s+)?(?P<old>.*)",
    re.I | re.S,
)


def _retraction(r: Statement, other: Statement, sim: float) -> Contradiction | None:
    """``r`` takes back something; fire when ``other`` says what was taken back."""
    text = r.claim_text or r.text
    old, new = text, ""
    m = _WITHDRAW.search(text)
    if m:
        old = m.group("old")
    else:
        m = _RETRACT_SPLIT.search(text)
        if m:
            old, new = m.group("old"), m.group("new")
    other_numbers = {round(q.value, 3) for q in other.quantities}
    old_numbers = {
        round(q.value, 3)
        for q in r.quantities
        if q.start - r.start < len(r.text) and r.text.find(q.text) >= 0 and q.text in old
    }
    new_numbers = {round(q.value, 3) for q in r.quantities if q.text in new}
    other_times = {t for t, _ in _times(other)}
    old_times = {minutes_of_day(d.text) for d in r.dates if d.granularity == "time" and d.text in old}
    new_times = {minutes_of_day(d.text) for d in r.dates if d.granularity == "time" and d.text in new}
    if (other_numbers & new_numbers) or (other_times & new_times):
        return None  # the other statement agrees with the correction
    old_words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", old)}
    shared_old = [k for k in other.claim.keys if k in old_words]
    if (other_numbers & old_numbers) or (other_times & old_times):
        signal = "the retracted figure"
        score = 0.85
    elif other.polarity != r.polarity and sim >= 0.5 and new:
        signal = "the corrected claim"
        score = 0.7
    elif len(shared_old) >= 2 and len(shared_old) / max(1, len(set(other.claim.keys))) >= 0.3 and not new_numbers:
        signal = "the retracted claim"
        score = 0.65 + 0.2 * min(1.0, sim)
    else:
        return None
    return _make(
        r,
        other,
        "retraction",
        score,
        f"retraction: {_who(r)} took back {signal} ({(r.cue_word or 'retracted').strip()}) that {_who(other)} stated",
    )


def judge_statements(a: Statement, b: Statement) -> Contradiction | None:
    """The contradiction between two statements, or None.

    Example::

        c = judge_statements(s1, s2)
        if c: print(c.kind, c.score, c.explanation)
    """
    if a.id == b.id or (a.article_id == b.article_id and a.start == b.start):
        return None
    sim, shared = similarity(a, b)
    if len(shared) < MIN_SHARED and sim < 0.99:
        return None
    if _entity_clash(a, b):
        return None
    cues = {a.cue, b.cue}
    # Cue-based signals.
    for r, o in ((a, b), (b, a)):
        if r.cue == "retract" and o.cue != "retract" and o.modality in ("fact", "future"):
            c = _retraction(r, o, sim)
            if c:
                return c
    if "retract" in cues:
        return None
    if sim < MIN_SIM:
        return None
    if _period_clash(a, b):
        return None
    for d, o in ((a, b), (b, a)):
        if d.cue == "deny" and o.cue in ("assert", "report", "confirm") and o.polarity == "positive" and _factual(o):
            return _make(
                d,
                o,
                "denial",
                0.55 + 0.4 * min(1.0, sim),
                f"denial: {_who(d)} denied ({d.cue_word}) what {_who(o)} stated; shared: {', '.join(shared)}",
            )
        if (
            d.cue == "not_confirmed"
            and o.cue in ("assert", "report", "confirm")
            and o.polarity == "positive"
            and _factual(o)
        ):
            return _make(
                d,
                o,
                "unconfirmed",
                0.5 + 0.2 * min(1.0, sim),
                f"unconfirmed: {_who(d)} has not confirmed ({d.cue_word}) what {_who(o)} stated; "
                f"shared: {', '.join(shared)}",
            )
    if cues & {"deny", "not_confirmed"}:
        return None
    both_future = a.modality == b.modality == "future"
    if not (_factual(a) and _factual(b)) and not both_future:
        return None
    q = _quantity_clash(a, b)
    if q and a.polarity == b.polarity:
        qa, qb = q
        return _make(
            a,
            b,
            "quantity",
            0.6 + 0.3 * min(1.0, sim),
            f"quantity: '{qa.text}' vs '{qb.text}' ({qa.unit}) are beyond the tolerance of the wording; "
            f"shared: {', '.join(shared)}",
        )
    dt = _date_clash(a, b)
    if dt and sim >= 0.5 and a.polarity == b.polarity:
        return _make(
            a,
            b,
            "date_time",
            0.55 + 0.35 * min(1.0, sim),
            f"date_time: {dt} for the same event; shared: {', '.join(shared)}",
        )
    pa, pb = _polar(a), _polar(b)
    for axis in pa.keys() & pb.keys():
        if pa[axis][0] != pb[axis][0] and a.polarity == b.polarity and sim >= 0.4:
            return _make(
                a,
                b,
                "antonym",
                0.6 + 0.3 * min(1.0, sim),
                f"antonym: '{pa[axis][1:]}' vs '{pb[axis][1:]}' on the same claim; shared: {', '.join(shared)}",
            )
    if a.polarity != b.polarity and sim >= 0.5 and not (pa.keys() & pb.keys()):
        return _make(
            a,
            b,
            "negation",
            0.5 + 0.4 * min(1.0, sim),
            f"negation: one claim negates the other; shared: {', '.join(shared)}",
        )
    return None
