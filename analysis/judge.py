"""Judge a pair of statements: which contradiction signal fires, how strongly, and why.

Signals, tried in this order: ``retraction``, ``denial``, ``unconfirmed`` (cue-based), then on two plain
claims ``quantity``, ``date_time``, ``antonym`` and ``negation``. Every signal first needs the two claims
to be about the same thing (shared content lemmas, no clash of named entities, places or periods, no
"another"/"neighbouring" referent on one side only), and both to be factual: could/may/would/if/future
claims never contradict facts.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from functools import lru_cache

from schemas import Contradiction, Quantity, Statement, pair_id

from .dates import minutes_of_day
from .entity_norm import fold_name
from .identity_cache import IdentityCache
from .lexicon import RECIPROCAL_RE, SAID_NOUNS, SYNONYMS, VALUE_UPDATE_RE
from .quantities import MEASURE_UNITS, PERSON_NOUNS

__all__ = [
    "CUE_BASED", "RISE_FALL", "contrast_clash", "event_days", "event_days_of", "judge_statements", "names_clash",
    "negated_word", "same_words", "similarity", "verbs_clash",
]  # fmt: skip

# Canonical lemmas (see lexicon.SYNONYMS) on either side of an antonym axis.
_AXES: tuple[tuple[frozenset[str], frozenset[str], str], ...] = (
    (frozenset({"rise", "higher", "expand"}), frozenset({"fall", "lower", "down", "lose"}), "rise/fall"),
    # a court that upholds a ruling approves it; a bill or a motion that fails is rejected
    (frozenset({"approve", "uphold"}), frozenset({"reject", "fail"}), "approve/reject"),
    (frozenset({"open"}), frozenset({"close"}), "open/close"),
    (frozenset({"guilty", "convict"}), frozenset({"innocent", "acquit"}), "guilty/innocent"),
    (frozenset({"alive", "survive"}), frozenset({"die"}), "alive/dead"),
    (frozenset({"legal"}), frozenset({"illegal"}), "legal/illegal"),
    (frozenset({"win", "victory"}), frozenset({"lose", "defeat"}), "win/lose"),
    (frozenset({"profit", "surplus"}), frozenset({"loss", "deficit"}), "profit/loss"),
    (frozenset({"include"}), frozenset({"exclude"}), "include/exclude"),
    (frozenset({"succeed", "success"}), frozenset({"fail", "failure"}), "succeed/fail"),
    (frozenset({"support"}), frozenset({"oppose"}), "support/oppose"),
    (frozenset({"hire"}), frozenset({"fire"}), "hire/fire"),
    (frozenset({"continue", "resume"}), frozenset({"halt", "stop", "suspend"}), "go on/stop"),
)
_SHORTLY = re.compile(
    r"\b(?:shortly|just|soon|about|around|approximately|roughly|some|nearly|almost|before|after|by|until|since|"
    r"between)\s+(?:after|before)?\s*$",
    re.I,
)
# One side talks about another instance of the thing ("a second vessel", "the neighbouring district").
_OTHER_REFERENT = re.compile(
    r"\b(?:neighbou?ring|nearby|another|a second|a separate|separate|other|also|similar|previous|a further|"
    r"by comparison|in comparison|compared (?:with|to))\b",
    re.I,
)
# Counts that keep changing: an updated figure is not a contradiction.
_RUNNING = re.compile(r"\b(?:now|so far|to date|by (?:then|\w+day|the end|noon|midnight|\d)|has risen|had risen|"
                      r"rising|climbed to|still)\b|" + VALUE_UPDATE_RE, re.I)  # fmt: skip
_WEEKDAY = re.compile(r"^(?:on |last |next |this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)

MIN_SHARED = 2
MIN_SIM = 0.34
# Two counts of the same thing with the same verb need less shared wording to be about the same claim.
MIN_SIM_QUANTITY = 0.4


class _Facts:
    """What the rules read of one statement alone, worked out once per statement instead of once per pair."""

    __slots__ = ("keys", "named", "compound", "numbers", "norms", "by_label", "periods", "other")

    def __init__(self, s: Statement) -> None:
        self.keys = frozenset(s.claim.keys)
        self.compound = any("_" in k for k in self.keys)  # a multi-word name among the keys
        self.named = len(_one_per_name(self.keys))  # content lemmas, a multi-word name once
        self.numbers = frozenset(f"#{q.value:g}" for q in s.quantities if q.approx != "several")
        self.norms = frozenset(e.norm for e in s.entities)
        by_label: dict[str, set[str]] = {}
        for e in s.entities:
            by_label.setdefault(e.label, set()).add(e.norm)
        self.by_label = {label: frozenset(norms) for label, norms in by_label.items()}
        self.periods = _periods_of(s)
        # another instance of the thing, or a scope that narrows the claim (``_other_referent``)
        self.other = (_mentions_other(s.claim_text or s.text), _scoped(s))


# Found by identity: the same statement object comes back for every pair it is in.
_facts: IdentityCache[Statement, _Facts] = IdentityCache(1 << 15)


def _facts_of(s: Statement) -> _Facts:
    return _facts.get(s, _Facts)


def _keys(s: Statement) -> frozenset[str]:
    return _facts_of(s).keys


def _numbers(s: Statement) -> frozenset[str]:
    return _facts_of(s).numbers


def _one_per_name(keys: AbstractSet[str], names: AbstractSet[str] | None = None) -> AbstractSet[str]:
    """``keys`` with a multi-word name counted once: 'boko_haram' stands for its words 'boko' and 'haram' too.

    ``names``: where to look for multi-word names (default ``keys``); the common keys of two claims pass both
    claims' keys, so words of a name that only one side recognised as a name ('BOKO HARAM') also count once.
    """
    compounds = [k for k in (keys if names is None else names) if "_" in k]
    if not compounds:
        return keys
    out = set(keys)
    taken: set[str] = set()
    # Names in ``keys`` first, then the shortest: a word belongs to one name only, so a longer name that one side
    # read out of a shouted headline ('haram_kidnap_terrorist') cannot count 'haram' again.
    for name in sorted(compounds, key=lambda n: (n not in keys, len(n), n)):
        parts = {w for p in name.split("_") for w in (p, fold_name(p))}
        if parts & taken or not (name in out or parts & out):
            continue
        taken |= parts
        out -= parts
        out.add(name)
    return out


def similarity(a: Statement, b: Statement) -> tuple[float, list[str]]:
    """Share of the smaller claim's content lemmas found in the other (a shared exact number counts as one more).

    A multi-word name counts once, with its words ('boko_haram', 'boko', 'haram' are one shared thing).
    """
    fa, fb = _facts_of(a), _facts_of(b)
    ka, kb = fa.keys, fb.keys
    common: AbstractSet[str] = ka & kb
    if common and (fa.compound or fb.compound):  # else no name of several words to count once
        common = _one_per_name(common, ka | kb)
    shared = sorted(common) + sorted(fa.numbers & fb.numbers)
    denom = max(1, min(fa.named, fb.named))
    return min(1.0, len(shared) / denom), shared


def _factual(s: Statement) -> bool:
    return s.modality == "fact"


def _entity_clash(a: Statement, b: Statement, strict: bool = False) -> str | None:
    """Two claims that name different specific things of the same kind are about different things.

    ``strict``: besides, none of either side's names of that kind may occur in the other's words at all (see
    :func:`names_clash`)."""
    fa, fb = _facts_of(a), _facts_of(b)
    if not fa.by_label or not fb.by_label:
        return None
    all_a, all_b = fa.norms, fb.norms
    none: frozenset[str] = frozenset()
    text_a = _letters(a.text) if strict else ""
    text_b = _letters(b.text) if strict else ""
    # Organisations clash only when the claims share no name at all (names of unknown kinds are often read as ORG)
    for label in ("PERSON", "FAC", "PRODUCT", "LOC", "GPE", "EVENT", "ORG"):
        ea = fa.by_label.get(label, none)
        eb = fb.by_label.get(label, none)
        if (
            not (ea and eb)
            or _names_meet(ea, eb)
            or (all_a & all_b and label not in ("FAC", "PRODUCT", "EVENT", "LOC"))
        ):
            continue
        if strict and (any(_named_in(n, text_b) for n in ea) or any(_named_in(n, text_a) for n in eb)):
            continue
        return f"different {label.lower()}: {', '.join(sorted(ea))} vs {', '.join(sorted(eb))}"
    return None


def _names_meet(ea: AbstractSet[str], eb: AbstractSet[str]) -> bool:
    """Whether the two sides share a name: the same key, or a one-word name that is a part of the other's full name
    ("emberley" / "farid_emberley": news copy names a person in full once, then by surname)."""
    if ea & eb:
        return True
    for x in ea:
        for y in eb:
            short, long_ = (x, y) if x.count("_") <= y.count("_") else (y, x)
            if "_" in short or "_" not in long_:
                continue
            if any(p == short or (len(short) >= 5 and p.startswith(short)) for p in long_.split("_")):
                return True
    return False


def names_clash(a: Statement, b: Statement) -> str | None:
    """Why the two claims name different specific things of one kind (another place, person, facility ...), or
    None: the hand rules never read such a pair as one claim, and the combiner is held to the same.

    Stricter than the rules' own check: none of either side's names of that kind may occur in the other's words
    at all, since the tagger labels one name differently in two sentences ("off Lesvos" a place, "the island of
    Lesvos" an organisation)."""
    return _entity_clash(a, b, strict=True)


def _named_in(norm: str, plain: str) -> bool:
    """Whether a name's normalised key ('los_angeles', 'lesvo') starts words of ``plain`` text."""
    return re.search(r"\b" + re.escape(norm.replace("_", " ")), plain) is not None


def _subject_clash(a: Statement, b: Statement) -> bool:
    """Both claims are about a named subject, and the names differ ('Goldman Sachs expects' / 'Citigroup expects')."""
    names_a, names_b = _facts_of(a).norms, _facts_of(b).norms
    sa = {w for w in (a.claim.subject or "").split() if w in names_a}
    sb = {w for w in (b.claim.subject or "").split() if w in names_b}
    return bool(sa and sb and not _names_meet(sa, sb) and not (sa & names_b) and not (sb & names_a))


# "two inmates were killed and 23 other people injured": after a first count, the rest of the same group, not
# another instance of the thing ("four other people survived that crash", with no count before, is another group)
_NUMBER = r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of)\b"
_COUNT_OTHER = re.compile(rf"{_NUMBER}\s+other\b", re.I)
_A_COUNT = re.compile(_NUMBER, re.I)


_RECIPROCAL = re.compile(RECIPROCAL_RE, re.I)


@lru_cache(maxsize=65536)
def _mentions_other(text: str) -> bool:
    text = _RECIPROCAL.sub(" ", text)
    for m in _COUNT_OTHER.finditer(text):
        if _A_COUNT.search(text, 0, m.start()):
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return bool(_OTHER_REFERENT.search(text))


def _same_subject(a: Statement, b: Statement) -> bool:
    """The two claims' subjects share a word."""
    return bool(set((a.claim.subject or "").split()) & set((b.claim.subject or "").split()))


def _undated_negation(a: Statement, b: Statement) -> bool:
    """One claim says the thing happened then, the other, giving no date, that it did not ("the factory passed its
    last inspection in March" / "the factory did not pass its last inspection"): the negation is about that event,
    however long ago it was."""
    return a.polarity != b.polarity and bool(a.dates) != bool(b.dates) and _same_subject(a, b) and _same_predicate(a, b)


def _one_plan_two_dates(a: Statement, b: Statement) -> bool:
    """Two plans for the same thing ("the hospital will open in March" / "will not open until September"): months
    named on each side are the dates the plan is set for, not two periods."""
    return a.modality == b.modality == "future" and _same_subject(a, b) and _same_predicate(a, b)


@lru_cache(maxsize=65536)
def _is_running(text: str) -> bool:
    return bool(_RUNNING.search(text))


def _other_referent(a: Statement, b: Statement) -> bool:
    """One side talks about another instance, or narrows the scope ("In mathematics, 64% passed") to one the other
    side does not name ("In the Vaipuna North seat, Moala received 8,412 votes" / "7,655 votes for Moala in the seat"
    is one scope)."""
    (other_a, scope_a), (other_b, scope_b) = _facts_of(a).other, _facts_of(b).other
    if other_a != other_b:
        return True
    if bool(scope_a) == bool(scope_b):
        return False
    head, other = (scope_a, b) if scope_a else (scope_b, a)
    return not re.search(rf"\b{re.escape(head)}s?\b", other.claim_text or other.text, re.I)


_SCOPE = re.compile(r"^(?:In|Among|For|Within|Outside)\s+(?P<scope>[^,]{3,60}),")
_DATE_WORDS = re.compile(r"\b(?:\d{4}|January|February|March|April|May|June|July|August|September|October|"
                         r"November|December|year|month|week|day|morning|evening|afternoon|night)\b", re.I)  # fmt: skip


def _scoped(s: Statement) -> str:
    """The last word of the scope the claim opens with, if it is not a time ('In the Kaldera region, ...': 'region';
    'Among men, ...': 'men'), else ''."""
    m = _SCOPE.match((s.claim_text or s.text).strip())
    if m is None or _DATE_WORDS.search(m.group("scope")):
        return ""
    return m.group("scope").split()[-1]


def _periods(s: Statement) -> tuple[tuple, ...]:
    """The years and months the claim is about (a day's date left out), from the statement's cached facts."""
    return _facts_of(s).periods


def _periods_of(s: Statement) -> tuple[tuple, ...]:
    claim = s.claim_text or s.text
    first = len(_first_clause_text(claim))
    return tuple(
        (d.start_date, d.end_date)
        for d in s.dates
        if d.start_date
        and d.end_date
        and d.granularity in ("year", "month", "relative")
        and not _since(s.text, d.text)  # "its lowest level since January" is not a claim about January
        # "said P and that a new intake began in February": the period of a later clause is not P's
        and claim.find(d.text) < first
    )


def _period_clash(a: Statement, b: Statement) -> bool:
    """The claims are about different periods: no named year/month of one overlaps one of the other.

    A claim dated to a year long before the other article's publication (and no period on the other side)
    is about another time as well.
    """
    pa, pb = _periods(a), _periods(b)
    if pa and pb:
        return not any(s1 <= e2 and s2 <= e1 for s1, e1 in pa for s2, e2 in pb)
    for x, y in ((a, b), (b, a)):
        # a denial or non-confirmation need not say when what it denies happened: it faces the dated claim; and the
        # dates it gives are often its own ("denied P and said the tanks passed an inspection in June")
        if y.published_at is None or _periods(y) or {x.cue, y.cue} & {"deny", "not_confirmed"}:
            continue
        for d in x.dates:
            if d.granularity == "year" and d.end_date and d.end_date < y.published_at.date() - timedelta(days=200):
                return True
        # every date of x is long over when y was written (and y gives none): x is about a past event
        # ("kills 49 people ... on June 12 last year" against today's count); "since March" runs until now
        if (
            not y.dates
            and x.dates
            and any(d.granularity in ("day", "month") for d in x.dates)
            and all(d.end_date and d.end_date < y.published_at.date() - timedelta(days=_PAST_DAYS) for d in x.dates)
            and not any(_since(x.text, d.text) for d in x.dates)
        ):
            return True
    return False


# A claim whose every day or month ended this many days before the other was written is about a past event.
_PAST_DAYS = 30


def _unit_class(unit: str | None) -> str | None:
    if unit in PERSON_NOUNS or unit == "person":
        return "person"
    return unit


def _units_match(x: Quantity, y: Quantity) -> bool:
    if x.unit is None or y.unit is None:
        return False
    if x.unit == y.unit:
        return True
    # "people" compares with any count of people; "patients" and "workers" do not compare with each other
    return _unit_class(x.unit) == _unit_class(y.unit) == "person" and "person" in (x.unit, y.unit)


def verbs_clash(x: Quantity, y: Quantity, a: Statement, b: Statement) -> bool:
    """Two figures counted by different actions, neither of which the other claim names: different things."""
    if not x.verb or not y.verb or x.verb == y.verb:
        return False
    return x.verb not in b.claim.keys and y.verb not in a.claim.keys


def _counted_alike(a: Statement, b: Statement, q: tuple[Quantity, Quantity], shared: list[str]) -> bool:
    """The two claims share something besides what is counted and the verbs ("after 4 minutes ... began" /
    "17 minutes later ... began" share nothing about *what* began)."""
    qa, qb = q
    return bool(set(shared) - {qa.unit, qb.unit, qa.verb, qb.verb, a.claim.predicate, b.claim.predicate})


_PARTITIVE = re.compile(r"\s+of\s+(?:the|those|them|these|its|their|all)\b", re.I)
_ONE_OF = re.compile(r"\bone of (?:the|those|its|their|his|her|our)\s+", re.I)


def _partitive(q: Quantity, s: Statement) -> bool:
    """'21 of the schoolgirls': a part of a group, not a count of the whole to compare with another count.

    So is a figure in a claim about one member of a group ("$240 million raised through one of the offerings"),
    unless the figure is the group's own size ("one of the 84 people killed").
    """
    at = q.end - s.start
    if 0 <= at <= len(s.text) and _PARTITIVE.match(s.text, at):
        return True
    return any(m.end() != q.start - s.start for m in _ONE_OF.finditer(s.text))


def _parts_compare(x: Quantity, a: Statement, y: Quantity, b: Statement) -> bool:
    px, py = _partitive(x, a), _partitive(y, b)
    if px and py:
        return bool(x.verb) and x.verb == y.verb
    return not (px or py)


def _intervals_meet(x: Quantity, y: Quantity) -> bool:
    """The two figures' hedged intervals overlap, within 1 % of the larger."""
    tol = 0.01 * max(abs(x.value), abs(y.value)) + 1e-9
    return x.low - tol <= y.high and y.low - tol <= x.high


def _subgroup_fits(x: Quantity, y: Quantity) -> bool:
    """A count of some people ('several children') fits inside a count of all ('more than 30 people')."""
    if x.unit == y.unit:
        return False
    part, whole = (x, y) if y.unit == "person" else (y, x)
    return part.low <= whole.high * 1.01


# Reports of one figure differ by a few times at most; a hundredfold gap means two measures in one unit
# (a price per coin and a market capitalisation, a daily and a yearly total).
_SCALE_GAP = 100.0


def _other_scale(x: Quantity, y: Quantity) -> bool:
    lo, hi = sorted((abs(x.value), abs(y.value)))
    return lo > 0 and hi / lo >= _SCALE_GAP


# A span of time that frames the claim rather than being what it counts: "in the last 24 hours", "over the past
# three years" (a window), "four hours into the flight", "two days after the vote" (time elapsed).
_WINDOW_BEFORE = re.compile(
    r"\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:last|past|previous|next|first|coming)\s+$", re.I
)
_ELAPSED_AFTER = re.compile(r"^[\s-]*(?:minutes?|hours?|days?|weeks?|months?|years?)\s+(?:into|after|before|later|"
                            r"earlier|ago)\b", re.I)  # fmt: skip


def _frames_time(q: Quantity, s: Statement) -> bool:
    at, end = q.start - s.start, q.end - s.start
    if not 0 <= at <= end <= len(s.text):
        return False
    return bool(_WINDOW_BEFORE.search(s.text[max(0, at - 40) : at]) or _ELAPSED_AFTER.match(s.text[end : end + 40]))


_AGED_WORD = re.compile(r"\s+([a-z]+)")


def _aged(q: Quantity, s: Statement) -> str | None:
    """Whom an age describes, as the noun right after it ("a 4-year-old boy" -> 'boy'); None where it stands alone."""
    m = _AGED_WORD.match(s.text, q.end - s.start)
    word = m.group(1) if m else None
    return word if word and word not in _FUNCTION_WORDS else None


def _same_aged(x: Quantity, a: Statement, y: Quantity, b: Statement) -> bool:
    """Two ages describe one person unless both name whom and the two differ ("a 17-year-old gorilla" / "a
    3-year-old boy"); figures of every other unit pass."""
    if x.unit != "age":
        return True
    wx, wy = _aged(x, a), _aged(y, b)
    return wx is None or wy is None or wx == wy


_SET_ASIDE = re.compile(r"(?:,\s*not|\brather\s+than|\binstead\s+of)\s+$", re.I)


def _set_aside(q: Quantity, s: Statement) -> bool:
    """The figure is the one the claim rejects ("14 people, not 40", "rather than 40 as first reported")."""
    at = q.start - s.start
    return 0 <= at <= len(s.text) and bool(_SET_ASIDE.search(s.text[max(0, at - 20) : at]))


# Two claims that say what something is, not what was done ("a $42 billion bid for Brindle" / "a bid for Brindle of
# $51 billion"), count the same thing when they say nearly all of it alike.
VERBLESS_SIM = 0.75


def _quantity_clash(a: Statement, b: Statement, sim: float = 0.0) -> tuple[Quantity, Quantity] | None:
    """For a thing both claims count (with the same verb), no value of one is compatible with any of the other."""
    verbless = sim >= VERBLESS_SIM and not (a.claim.predicate or b.claim.predicate)
    # once per pair, not once per combination; a figure the claim sets aside ("14 people, not 40") is not its own
    counts_a = [x for x in a.quantities if not _frames_time(x, a) and not _set_aside(x, a)]
    counts_b = [y for y in b.quantities if not _frames_time(y, b) and not _set_aside(y, b)]
    for x0 in a.quantities:
        pairs = [
            (x, y)
            for x in counts_a
            for y in counts_b
            if _units_match(x, y)
            and _units_match(x0, y)
            # a part ('21 of the girls') is not compared with a whole ('more than 200 girls'), only with another
            # part counted by the same verb
            and _parts_compare(x, a, y, b)
            # figures counted by different actions are different things ("shrank 4.8%" / "will go up to 20%"),
            # whatever the other figures of the two claims count
            and not verbs_clash(x, y, a, b)
            and _same_aged(x, a, y, b)
        ]
        if not pairs:
            continue
        # the same thing counted by the same action: one verb for both numbers, or the same main verb
        if (
            not any(x.verb and x.verb == y.verb for x, y in pairs)
            and not _same_predicate(a, b)
            and not (verbless and any(not x.verb and not y.verb for x, y in pairs))
            and x0.unit != "age"  # an age goes with whom it describes, checked above, not with an action
        ):
            continue
        if (
            x0.unit in ("%", "pp")
            and not any(x.verb and x.verb == y.verb for x, y in pairs)
            and not _same_predicate(a, b)
        ):
            continue  # a percentage of what? without the same verb or predicate it is likely another rate
        # where figures of the same action meet, they are the comparison ("two inmates killed and 23 people hurt" /
        # "six inmates died": the dead against the dead, not the hurt)
        pairs = [(x, y) for x, y in pairs if x.verb and x.verb == y.verb] or pairs
        compatible = False
        for x, y in pairs:
            if _intervals_meet(x, y) or _subgroup_fits(x, y) or _other_scale(x, y):
                compatible = True
        if not compatible:
            return pairs[0]
    return None


# a level that rose to one figure and fell to another: one measure, two readings
RISE_FALL = _AXES[0][0] | _AXES[0][1]
# Counts kept over a stretch of time ("a 50-32 record", "a 9-3 record as interim coach"): two of them compare
# only when both say which stretch.
_SPAN_UNITS = frozenset({"record"})


def _moved_since(a: Statement, b: Statement, q: tuple[Quantity, Quantity]) -> bool:
    """A level that rises and falls (a price 'fell to $6,000'), reported as fact on different days with no date
    given on both sides: two readings of a moving figure, not two accounts of one."""
    if not (_factual(a) and _factual(b)):
        return False  # "will go up to 20%": a decided change, the same on any day
    if q[0].unit == "age":
        return False  # an age is no level that moves from one day to the next ("a 3-year-old boy fell")
    moving = {q[0].verb, q[1].verb, a.claim.predicate, b.claim.predicate} & RISE_FALL
    if moving and not (_a_level(q[0], a) or _a_level(q[1], b)):
        return False  # "the storm cut power to 35,000 homes": a count of what was hit, not a level that moved
    if moving and _sessions(a) != _sessions(b):
        return True  # "fell 1% in early trading" / "was down 3% at the close": two readings of the same day
    return bool(moving) and _days_apart(a, b) >= 1 and not (_days(a) and _days(b))


# Words a level's figure follows when it is what a change reached or moved by ("fell to 14", "rose 3%", "was down
# by a third"); "cut power to 35,000 homes" counts what the change hit.
_CHANGE_WORDS = frozenset(
    {
        "rose", "risen", "rise", "rises", "rising", "fell", "fallen", "fall", "falls", "falling", "cut", "cuts",
        "increased", "decreased", "dropped", "climbed", "jumped", "slipped", "surged", "plunged", "grew", "grown",
        "shrank", "shrunk", "declined", "gained", "raised", "lowered", "reduced", "soared", "slumped", "tumbled",
        "dipped", "edged", "eased", "down", "up", "higher", "lower", "increase", "decrease", "drop",
    }
)  # fmt: skip
_HEDGE_BEFORE = r"(?:(?:about|around|nearly|almost|some|roughly|just|more\s+than|less\s+than|over|under)\s+)?"
_RAISED = re.compile(r"\b(?:raised|raises|raising)\s+" + _HEDGE_BEFORE + r"$", re.I)
_TO_BY = re.compile(r"(\w+)\s+(?:to|by)\s+" + _HEDGE_BEFORE + r"$", re.I)
_RIGHT_AFTER = re.compile(r"(\w+)\s+" + _HEDGE_BEFORE + r"$", re.I)


def _a_level(q: Quantity, s: Statement) -> bool:
    """The figure measures a level (a share, a price, a temperature) or is what a change reached or moved by; a
    count of things ("35,000 homes") is a level only right after the change ("rose to 35,000 homes")."""
    before = s.text[max(0, q.start - s.start - 40) : max(0, q.start - s.start)]
    if _RAISED.search(before):
        return False  # "has raised $340 million": money collected, not a level that rose
    if q.unit is None or q.unit in MEASURE_UNITS:
        return True
    m = _TO_BY.search(before) or _RIGHT_AFTER.search(before)
    return m is not None and m.group(1).lower() in _CHANGE_WORDS


def _times(s: Statement) -> list[tuple[int, bool]]:
    out = []
    claim = s.claim_text or s.text
    for d in s.dates:
        # a time outside the claim is when it was said or posted ("17:55 — Officers say ..."), not the event's
        if d.granularity == "time" and d.text in claim:
            minutes = minutes_of_day(d.text)
            if minutes is None:
                continue
            pos = s.text.find(d.text)
            hedged = bool(_SHORTLY.search(s.text[max(0, pos - 20) : pos])) if pos >= 0 else False
            out.append((minutes, hedged))
    return out


def _days(s: Statement) -> list:
    return [
        (d.start_date, d.end_date)
        for d in s.dates
        if d.start_date
        and d.end_date
        and d.granularity in ("day", "month")
        and not _WEEKDAY.match(d.text)
        and not _since(s.text, d.text)
    ]


@lru_cache(maxsize=65536)
def _since(text: str, date_text: str) -> bool:
    """'since October': where a span of time starts, not when the event happened."""
    at = text.find(date_text)
    return at > 0 and text[max(0, at - 6) : at].lower().rstrip().endswith("since")


# A clause break after which a sentence goes on to another event ("sank overnight, and rescuers were searching ...
# on Sunday"): the date of a claim is one of its first clause.
_NEXT_CLAUSE = re.compile(
    r",\s+(?:and|but|although|though|as|while|when|after|before)\b|;|\s(?:but|while|whereas|because|although|"
    r"though|which|who|and\s+that)\s"
    # "..., more than a week after farm groups first asked": a short measure of time, then another event
    r"|,\s+(?:[\w-]+\s+){1,4}?(?:after|before|since)\s",
    re.I,
)
# Words before a date that make it a bound ("by Sunday", "between March and May") or the time of the telling ("the
# coast guard said on Sunday"), not when the event happened ("will stop running from October 6" is when it does).
_NOT_EVENT_DATE = re.compile(
    r"\b(?:by|since|between|said|says|told|announced|added|stated|reported)\s+"
    r"(?:late\s+|early\s+|the\s+)?$",
    re.I,
)

_SPAN_END = re.compile(r"\bbetween\b[^,;]*$", re.I)  # "between March 2023 and May 2024": May 2024 ends a span
_NAMED_DAY = re.compile(r"\b[A-Z][a-z]+\s+$")  # "Black Monday": a weekday that ends a name


@lru_cache(maxsize=65536)
def _first_clause_text(text: str) -> str:
    m = _NEXT_CLAUSE.search(text, 10)
    return text[: m.start()] if m else text


def event_days(s: Statement, weekdays: bool = True) -> list[tuple[date, date]]:
    """The days (or months) the claim puts its event on: dates of its first clause that are neither a bound of a
    span nor the time it was said. ``weekdays``: whether a bare weekday counts (resolved against the publication
    date, it is right only for reports a day or two apart); one that ends a name ("Black Monday") never does."""
    claim = _first_clause_text(s.claim_text or s.text)
    out = []
    for d in s.dates:
        if not (d.start_date and d.end_date and d.granularity in ("day", "month")):
            continue
        at = claim.find(d.text)
        if (
            at < 0
            or _NOT_EVENT_DATE.search(claim[max(0, at - 16) : at])
            or _SPAN_END.search(claim[max(0, at - 48) : at])
            or _since(s.text, d.text)
        ):
            continue
        if _WEEKDAY.match(d.text) and (not weekdays or _NAMED_DAY.search(claim[max(0, at - 12) : at])):
            continue
        out.append((d.start_date, d.end_date))
    return out


_SAME_NEWS_DAYS = 3
# Reports at most this many days apart name one week's days alike: their weekdays are compared.
_WEEKDAY_DAYS_APART = 2


def event_days_of(a: Statement, b: Statement) -> tuple[list[tuple[date, date]], list[tuple[date, date]]]:
    """:func:`event_days` of both claims, weekdays counted only when the reports are close enough in time for
    their weekdays to name the same week's days."""
    weekdays = _days_apart(a, b) <= _WEEKDAY_DAYS_APART
    return event_days(a, weekdays), event_days(b, weekdays)


def _days_apart(a: Statement, b: Statement) -> int:
    """Whole days between the two publications (0 when either date is unknown)."""
    if a.published_at is None or b.published_at is None:
        return 0
    return abs((a.published_at - b.published_at).days)


def _date_clash(a: Statement, b: Statement) -> str | None:
    """Both claims time the event, and no time (or day) of one is compatible with any of the other."""
    ta, tb = _times(a), _times(b)
    if ta and tb and _days_apart(a, b) > _SAME_NEWS_DAYS and not (_days(a) and _days(b)):
        ta = tb = []  # a time of day with no date, told days apart: most likely another occurrence (a new launch)
    if ta and tb:
        for x, hx in ta:
            for y, hy in tb:
                if abs(x - y) <= (30 if (hx or hy) else 0):
                    return None
        return f"time {ta[0][0] // 60:02d}:{ta[0][0] % 60:02d} vs {tb[0][0] // 60:02d}:{tb[0][0] % 60:02d}"
    da, db = event_days_of(a, b)
    if da and db:
        if _days_meet(da, db):
            return None
        return f"date {da[0][0]} vs {db[0][0]}"
    return None


# Words that place an event in a series: "first tested on July 4" and "the most recent launch, on Aug. 29" are
# two launches, not two dates of one.
_SEQUENCE = re.compile(
    r"\b(?:first|second|third|fourth|latest|most recent|previous|prior(?! to)|earlier(?! than)|next|again|another"
    r"|last (?=[a-z]+))\b"
)


def _sequence(s: Statement) -> frozenset[str]:
    # the claim's first clause: "..., as the first families were waking" places nothing in a series
    text = _first_clause_text(s.claim_text or s.text)
    return frozenset(m.group(0).split()[0] for m in _SEQUENCE.finditer(text.lower()))


# Verbs that link a subject to its state: "remained open" says "open" as "was shut" says "shut".
_LINKING = frozenset({"remain", "stay", "keep", "become"})


def _says(s: Statement, word: str) -> bool:
    """``word`` is what the claim says happened: its main verb, or the state a linking verb gives its subject."""
    return s.claim.predicate == word or (s.claim.predicate in _LINKING and word in s.claim.keys)


def _main_verbs_opposed(a: Statement, b: Statement, pa: dict[str, str], pb: dict[str, str]) -> bool:
    """Both claims' main verbs sit on opposite sides of one axis (``pa``, ``pb``: their :func:`_polar`)."""
    return any(pa[x][0] != pb[x][0] and _says(a, pa[x][1:]) and _says(b, pb[x][1:]) for x in pa.keys() & pb.keys())


def _polar(s: Statement) -> dict[str, str]:
    """Which side of each antonym axis the claim's words fall on."""
    out: dict[str, str] = {}
    keys = set(s.claim.keys)
    for pos, neg, name in _AXES:
        hit_pos, hit_neg = keys & pos, keys & neg
        if hit_pos and not hit_neg:
            out[name] = "+" + sorted(hit_pos)[0]
        elif hit_neg and not hit_pos:
            out[name] = "-" + sorted(hit_neg)[0]
        elif s.claim.predicate in hit_pos or s.claim.predicate in hit_neg:
            # "acquitted him of murder but convicted him of manslaughter": the main verb is what the claim says
            sign = "+" if s.claim.predicate in hit_pos else "-"
            out[name] = sign + s.claim.predicate
    return out


_NEGATED = re.compile(r"(?:\b(?:not|never|no)|n't)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.I)
# Words between a negator and what it negates ("has not yet been", "did not really").
_NEG_SKIP_WORDS = (
    "be been being is are was were have has had do does did will would can could should may might must shall yet "
    "ever always really actually currently also even only still a an the any so too "
    # "did not need to import", "will not have to pay": what is negated is the act
    "need needs needed to "
    # "not one cent of customer money", "not a single worker": what is negated is the thing counted
    "one single cent penny bit shred of"
)
_NEG_SKIP = frozenset(_NEG_SKIP_WORDS.split())


@lru_cache(maxsize=65536)
def negated_word(text: str) -> str | None:
    """The first content word a negator applies to: 'did not pose a threat' -> 'pose'."""
    m = _NEGATED.search(text.replace("’", "'"))
    if not m:
        return None
    return next((w for w in m.group(1).lower().split() if w not in _NEG_SKIP), None)


def _voices_meet(a: Statement, b: Statement) -> bool:
    """One claim's object is the other's subject: "the leaders signed the accord" / "the accord was not signed"."""
    return any(
        x.claim.object and y.claim.subject and x.claim.object in y.claim.subject.split() for x, y in ((a, b), (b, a))
    )


# Verbs that say little but what their object says: "had not issued clearance" negates the clearance ("had given
# written clearance").
_LIGHT_VERBS = re.compile(r"^(?:issu|give|gave|grant|made|make|recei|got|get)")


def _negated_found(neg: Statement, pos: Statement) -> bool:
    """What the negative claim negates is in the other claim ('did not pose a threat' says nothing against 'were
    trying to determine the type of missile'). Matched on a word's first letters, as the text is not lemmatised."""
    text = neg.claim_text or neg.text
    word = negated_word(text)
    if word is None or len(word) < 3:
        return True  # a prefix negation ('uninspected') or nothing to go on: the other checks decide
    return _word_found(word, pos) or _light_object_found(neg, pos)


def _light_object_found(neg: Statement, pos: Statement) -> bool:
    """The negative claim negates a light verb whose object is in the other claim, itself a light verb's or a claim
    without a main verb ("had not issued clearance" / "had given written clearance"): the object stands for the
    predicate the two share."""
    text = neg.claim_text or neg.text
    word = negated_word(text)
    if word is None or not _LIGHT_VERBS.match(word):
        return False
    if pos.claim.predicate and not _LIGHT_VERBS.match(pos.claim.predicate):
        return False  # the other claim says another thing was done ("fought to gain access"), not given or issued
    m = _NEGATED.search(text.replace("’", "'"))
    words = _letters(text[m.start(1) : m.start(1) + 80]).split() if m else []
    after = words[words.index(word) + 1 :] if word in words else []
    obj = next((w for w in after if w not in _NEG_SKIP and w not in _FUNCTION_WORDS), None)
    return obj is not None and len(obj) >= 4 and _word_found(obj, pos)


def _act_named(neg: Statement, pos: Statement) -> bool:
    """The negative claim has no main verb and negates, as a noun, the act the other claim's verb names ("no
    arrests had been made" / "40 people had been arrested")."""
    if neg.claim.predicate or not pos.claim.predicate or pos.claim.predicate not in neg.claim.keys:
        return False
    word = negated_word(neg.claim_text or neg.text)
    if word is None or len(word) < 4:
        return False
    base = word[:-1] if word.endswith("s") else word  # "arrests" -> "arrest"
    return pos.claim.predicate in (base, SYNONYMS.get(base))


def _word_found(word: str, pos: Statement) -> bool:
    base = re.sub(r"(?:ing|ed)$", "", word) if len(word) > 5 else word
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "lsz":
        base = base[:-1]  # "cutting" -> "cut", "stopped" -> "stop"
    stem = base[:4]
    return any(k.startswith(stem) or (stem.startswith(k[:4]) and len(k) >= 3) for k in pos.claim.keys) or any(
        w.startswith(stem) for w in _letters(pos.claim_text or pos.text).split()
    )


def _one_window(a: Statement, b: Statement) -> bool:
    """Two opposite changes oppose only over one stretch of time: "rose 900% last year" (a period) does not
    oppose "plunged this morning" (none given, so the time of the report), nor does a rise "before the opening
    bell" oppose a fall "in early trading" (two trading sessions)."""
    return (
        bool(_periods(a)) == bool(_periods(b))
        and _sessions(a) == _sessions(b)
        and not _days_differ(a, b)
        and not _quarters_differ(a, b)
    )


_QUARTER = re.compile(r"\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(quarter|half)|(q)([1-4]))\b", re.I)
_ORDINAL = {"first": "1", "second": "2", "third": "3", "fourth": "4", "1st": "1", "2nd": "2", "3rd": "3", "4th": "4"}


@lru_cache(maxsize=65536)
def _quarters_of(text: str) -> frozenset[tuple[str, str]]:
    """The quarters and halves of a year a claim names: ("1", "quarter") for "the first quarter" and "Q1"."""
    out = set()
    for m in _QUARTER.finditer(text):
        if m.group(1):
            out.add((_ORDINAL[m.group(1).lower()], m.group(2).lower()))
        else:
            out.add((m.group(4), "quarter"))
    return frozenset(out)


def _quarters_differ(a: Statement, b: Statement) -> bool:
    """ "rose 5% in the first quarter" / "fell 3% in the second quarter": two periods' changes."""
    qa, qb = _quarters_of(a.claim_text or a.text), _quarters_of(b.claim_text or b.text)
    return bool(qa and qb) and not qa & qb


def _days_differ(a: Statement, b: Statement) -> bool:
    """Both claims put what they count or say changed on days, and none of one's is one of the other's ("40 flights
    cancelled on Monday" / "25 on Tuesday": two days' counts)."""
    da, db = event_days_of(a, b)
    return bool(da and db) and not _days_meet(da, db)


def _days_meet(da: list[tuple[date, date]], db: list[tuple[date, date]]) -> bool:
    """Some day range of one side overlaps one of the other."""
    return any(s1 <= e2 and s2 <= e1 for s1, e1 in da for s2, e2 in db)


# A trading session named in a market report: a price moves differently in each.
_SESSION_RE = re.compile(
    r"\b(?P<pre>pre-?market|before the (?:opening )?bell|before (?:the )?markets? open(?:ed|s)?)"
    r"|(?P<open>at the open(?:ing)?|in early (?:trading|trade|deals|dealings))"
    r"|(?P<mid>in (?:midday|mid-day|morning|afternoon) (?:trading|trade|deals|dealings)|at midday)"
    r"|(?P<close>at the close|by the close|in late (?:trading|trade|deals|dealings)|at the closing bell)"
    r"|(?P<after>after-?hours|after the (?:closing )?bell|in extended (?:trading|trade)|overnight trading)\b",
    re.I,
)


@lru_cache(maxsize=65536)
def _sessions_of(text: str) -> frozenset[str]:
    return frozenset(k for m in _SESSION_RE.finditer(text) for k, v in m.groupdict().items() if v)


def _sessions(s: Statement) -> frozenset[str]:
    return _sessions_of(s.claim_text or s.text)


def _tally(s: Statement) -> bool:
    """The claim counts several of what its verb does ("won 50 games"): a record over time, not one outcome."""
    keys = s.claim.keys
    return any(q.value >= 2 and q.verb in (None, s.claim.predicate) and q.unit in keys for q in s.quantities)


def _make(a: Statement, b: Statement, kind: str, score: float, explanation: str) -> Contradiction:
    def order(s: Statement) -> tuple:
        return (s.published_at.isoformat() if s.published_at else "", s.article_id, s.start)

    first, second = (a, b) if order(a) <= order(b) else (b, a)
    return Contradiction(
        id=pair_id(a.id, b.id),
        kind=kind,
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
_MISSPOKE = re.compile(r"(?P<old>.*?)\b(?:misspoke|misspoken)\b(?P<new>.*)", re.I | re.S)
_WITHDRAW = re.compile(
    r"\b(?:withdrew|withdrawn|withdraws|retracted|retracts|corrected|rescinded|backtracked on|walked back|"
    r"took back|revised|amended)\s+(?:its|their|his|her|the|an|a)?\s*(?:\w+\s+){0,2}?"
    r"(?:statement|claim|report|figure|announcement|estimate|count|toll|account|assertion|notice|post|version|"
    r"bulletin|number|remark|comment|allegation)s?\s+(?:that\s+|of\s+)?(?P<old>.*)",
    re.I | re.S,
)
# "wrongly said that P; in fact Q", "had been wrong to say P": what was said is P, whatever names the mistake
_WRONGLY = re.compile(
    r"\b(?:wrongly|incorrectly|mistakenly|erroneously)\s+(?:said|reported|stated|claimed|wrote|announced|gave|"
    r"listed|described|suggested)\s+(?:that\s+)?(?P<old>[^;:]*)(?:[;:](?P<new>.*))?"
    r"|\b(?:wrong|a mistake|an error|incorrect|mistaken)\s+to\s+(?:say|report|claim|state|announce|suggest)\s+"
    r"(?:that\s+)?(?P<old2>.*)",
    re.I | re.S,
)


# "(outright) the minister's statement", "the union's own estimate": an account named by its owner, with no content
# clause after it ("the council's claim that P" says what it is)
_OWNED_ACCOUNT = re.compile(
    r"(?:[a-z]+\s+)?(?:the|a|an)\s+(?:[A-Za-z-]+\s+){0,2}?([A-Za-z-]+)(?:'s|’s|s'|s’)\s+(?:[a-z-]+\s+)?"
    rf"(?:{'|'.join(sorted(SAID_NOUNS, key=len, reverse=True))})\b(?!\s+(?:that|about|on|of)\b)"
)


def _owner_named(d: Statement, o: Statement) -> bool:
    """``d`` rejects an account it names only by its owner ("the minister's statement", "the union's estimate", not
    "the council's claim that P", which says what it rejects), and the owner speaks in ``o``: named in ``o``'s
    attribution, a different speaker, in the same article or within a day."""
    if d.speaker.name and d.speaker.name == o.speaker.name:
        return False
    if o.published_at and d.published_at and abs((o.published_at - d.published_at).days) > 1:
        return False
    owners = _owners(d.text, d.cue_word)
    return bool(owners) and bool(owners & _speaker_words(o.text, o.speaker.name, o.speaker.resolved_from))


@lru_cache(maxsize=65536)
def _owned_account(text: str, cue_word: str | None) -> re.Match | None:
    """The account a denial names only by its owner, as the cue's object ("rejected the minister's statement"), not a
    later aside ("denied that P, calling the union's account a fiction")."""
    cue = _cue_in(text, cue_word)
    return _OWNED_ACCOUNT.match(text, cue.end() + 1) if cue else None


def _owners(text: str, cue_word: str | None) -> frozenset[str]:
    """Whose account a denial names it by, when it names it only so (first five letters of the owner's head)."""
    m = _owned_account(text, cue_word)
    return frozenset([m.group(1).lower()[:5]]) if m else frozenset()


_FIGURE_NOUNS = re.compile(r"(?:figure|estimate|count|tally|toll|number)s?$", re.I)


def _owned_figure(text: str, cue_word: str | None) -> bool:
    """The account a denial names by its owner is a figure ("branded the ministry's figure a lie")."""
    m = _owned_account(text, cue_word)
    return m is not None and bool(_FIGURE_NOUNS.search(m.group(0)))


# A report that sets its figure against another party's ("310 people, far more than the number given by the
# operator", "a tenth of the volume estimated by the regulator", "4,500 jobs, far more than management admitted"):
# the comparison, then whose figure it is.
_CONTRAST_LEAD = (
    r"(?:(?:far|much|well|significantly|considerably|substantially|many|several)\s+)?"
    r"(?P<dir>more|higher|larger|bigger|greater|fewer|less|lower|smaller|bleaker|rosier|worse|better)\s+"
    r"(?:\w+\s+)?than\s+(?:\w+\s+times\s+)?"
    r"|(?P<frac>(?:a|one)\s+(?:fraction|tenth|third|quarter|fifth|half)\s+of|half|twice|double|triple|\w+\s+times)\s+"
)
_FIGURE_NOUN = r"(?:figure|number|estimate|count|tally|total|toll|volume|amount|sum|one|forecast|picture)s?"
_GIVEN = (
    r"(?:given|reported|cited|claimed|announced|released|estimated|published|provided|offered|stated|acknowledged|"
    r"admitted|painted|quoted|advertised|disclosed|forecast|put forward|gave|said|conceded)"
)
_CONTRAST = re.compile(
    rf"\b(?:{_CONTRAST_LEAD})(?:"
    # "the number given by the operator", "the one painted by the agriculture ministry"
    rf"(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?{_FIGURE_NOUN}\s+(?:(?:that|which)\s+)?(?:(?:was|were|had been)\s+)?"
    rf"{_GIVEN}\s+(?:\w+\s+)?by\s+(?P<by>(?:the\s+|an?\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,2}})"
    # "the figure a hacker has advertised"
    rf"|(?:the|a|an)\s+{_FIGURE_NOUN}\s+(?P<who>(?:the\s+|an?\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:had\s+|has\s+|have\s+)?"
    rf"{_GIVEN}\b"
    # "the union's numbers"
    rf"|(?:the\s+)?(?P<own>[\w-]+)(?:'s|’s|s'|s’)\s+(?:own\s+|official\s+|earlier\s+|initial\s+)?{_FIGURE_NOUN}"
    # "far more than management admitted", "than the operator acknowledged"
    rf"|(?:what\s+)?(?P<subj>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:had\s+|has\s+|have\s+)?{_GIVEN}\b)",
    re.I,
)
_HEDGED_MODALITIES = frozenset({"possible", "conditional"})
# how far back a comparison reaches ("than the one painted by the ministry two days earlier")
CONTRAST_DAYS = 7
_SMALLER = frozenset({"fewer", "less", "lower", "smaller", "fraction", "tenth", "third", "quarter", "fifth", "half"})
_LARGER = frozenset({"more", "higher", "larger", "bigger", "greater", "twice", "double", "triple", "times"})
# words of an owner phrase that name no one ("the figure given earlier by the ...")
_OWNER_STOP = frozenset(
    {"the", "a", "an", "its", "their", "own", "on", "in", "at", "earlier", "this", "that", "has", "had", "have"}
)
# an organisation named in the contrasting sentence may be called by its kind ("the company", "the operator")
_ORG_WORDS = frozenset(
    {"company", "firm", "operator", "group", "carrier", "airline", "bank", "club", "employer", "owner", "insurer",
     "retailer", "manufacturer", "maker", "organisers", "organizers", "network", "utility", "management"}
)  # fmt: skip


@lru_cache(maxsize=65536)
def _contrasts(text: str) -> tuple[tuple[int, str, frozenset[str]], ...]:
    """Where ``text`` sets a figure against someone else's: (offset of the comparison, 'larger'/'smaller'/'', the
    owner's words by their first five letters)."""
    out = []
    for m in _CONTRAST.finditer(text):
        owner = next((g for g in (m.group("by"), m.group("who"), m.group("own"), m.group("subj")) if g), "")
        words = frozenset(w.lower()[:5] for w in re.findall(r"[A-Za-z]+", owner) if w.lower() not in _OWNER_STOP)
        if not words:
            continue
        lead = (m.group("dir") or m.group("frac") or "").lower().split()
        way = "smaller" if set(lead) & _SMALLER else "larger" if set(lead) & _LARGER else ""
        out.append((m.start(), way, words))
    return tuple(out)


def contrast_clash(d: Statement, o: Statement) -> tuple[Quantity, Quantity] | None:
    """``d`` sets a figure against the one ``o``'s speaker gave ("far more than the number given by the operator"),
    and ``o`` gives a figure of the same kind of thing that the comparison fits: (d's figure, o's figure)."""
    if d.article_id == o.article_id or not o.quantities or (d.speaker.name and d.speaker.name == o.speaker.name):
        return None
    if o.published_at and d.published_at and abs((o.published_at - d.published_at).days) > CONTRAST_DAYS:
        return None
    if d.modality in _HEDGED_MODALITIES or o.modality in _HEDGED_MODALITIES or d.polarity != o.polarity:
        return None
    contrasts = _contrasts(d.text)
    if not contrasts:
        return None
    speaker = _speaker_words(o.text, o.speaker.name, o.speaker.resolved_from)
    org_named = o.speaker.type == "organisation" and o.speaker.name is not None and o.speaker.name in d.text
    for at, way, owner in contrasts:
        if not (owner & speaker or (org_named and any(w.startswith(x[:5]) for x in _ORG_WORDS for w in owner))):
            continue
        # the figure compared is the last one before the comparison
        before = [x for x in d.quantities if x.end - d.start <= at and not _frames_time(x, d)]
        if not before:
            continue
        x = before[-1]
        for y in o.quantities:
            if not _units_match(x, y) or _frames_time(y, o):
                continue
            if _intervals_meet(x, y):
                continue  # the figures fit each other: no clash whatever the wording says
            if way == "larger" and x.value < y.value or way == "smaller" and x.value > y.value:
                continue
            return x, y
    return None


def _cue_in(text: str, cue_word: str | None) -> re.Match | None:
    """Where the cue's last word stands in the sentence, in any inflection: statements stored before ``cue_word``
    was written as it stands in the sentence ("denied") carry its lemma ("deny")."""
    if not cue_word:
        return None
    w = re.escape(cue_word.split()[-1].lower())
    if w.endswith("y"):
        pattern = rf"\b{w[:-1]}(?:y|ies|ied|ying)\b"
    elif w.endswith("e"):
        pattern = rf"\b{w[:-1]}(?:e|es|ed|ing)\b"
    else:
        pattern = rf"\b{w}(?:s|ed|ing)?\b"
    return re.search(pattern, text, re.I)


@lru_cache(maxsize=65536)
def _speaker_words(text: str, name: str | None, resolved_from: str | None) -> frozenset[str]:
    """The speaker's name and the few words before it ("Industry Minister Arjun Mehrotra", "the skipper of a
    trawler"), by their first five letters."""
    name = name or ""
    at = text.find(name) if name else -1
    before = text[max(0, at - 40) : at] if at >= 0 else ""
    words = re.findall(r"[A-Za-z]+", before)[-3:] + re.findall(r"[A-Za-z]+", f"{name} {resolved_from or ''}")
    return frozenset(w.lower()[:5] for w in words if len(w) >= 3)


def _retraction(r: Statement, other: Statement, sim: float, shared: list[str]) -> Contradiction | None:
    """``r`` takes back something; fire when ``other`` says what was taken back (not what it was corrected to)."""
    text = r.text
    old, new = "", ""
    wrongly = False  # "wrongly said P; Q": Q is the correction as a fact, no negation of P to compare
    for pattern in (_WITHDRAW, _WRONGLY, _RETRACT_SPLIT, _MISSPOKE):
        m = pattern.search(text)
        if m:
            groups = m.groupdict()
            old = groups.get("old") or groups.get("old2") or ""
            new = groups.get("new") or ""
            wrongly = pattern is _WRONGLY
            break
    if _period_clash(r, other):
        return None  # another period
    if not old.strip():
        # nothing named as taken back ("issued a correction", "withdrew its figure"), unless the correction gives
        # the figure it replaces beside the new one ("14 batches had been listed in error; 41 were affected")
        replaced = _replaced_figure(r, other, shared)
        if replaced is None:
            return _corrected_own_figure(r, other, shared)
        return _make(
            r, other, "retraction", 0.8,
            f"retraction: {_who(r)} corrected the figure ('{replaced.text}', '{(r.cue_word or 'corrected').strip()}') "
            f"that {_who(other)} stated; shared: {', '.join(shared)}",
        )  # fmt: skip
    # "..., after finding that ..." explains the retraction; it is not what was taken back
    old = re.split(r",\s+(?:after|because|since|saying|citing|when|as)\b", old)[0]
    if not old.strip(" ,."):
        return _corrected_own_figure(r, other, shared)
    other_numbers = {round(q.value, 3) for q in other.quantities}
    # a figure the correction repeats ("said profit fell 8%; it rose 8%") is not what was wrong
    old_figures = [q for q in r.quantities if q.text in old and q.text not in new]
    old_numbers = {round(q.value, 3) for q in old_figures}
    new_numbers = {round(q.value, 3) for q in r.quantities if q.text in new and q.text not in old}
    other_times = {t for t, _ in _times(other)}
    old_times = {minutes_of_day(d.text) for d in r.dates if d.granularity == "time" and d.text in old}
    new_times = {minutes_of_day(d.text) for d in r.dates if d.granularity == "time" and d.text in new}
    # the same figure of the same thing: "two junior diplomats" taken back is not "the two countries"
    same_figure = any(
        round(x.value, 3) == round(y.value, 3)
        and (x.unit is None or y.unit is None or _unit_class(x.unit) == _unit_class(y.unit))
        for x in old_figures
        for y in other.quantities
    )
    if same_figure or (other_times & old_times):
        signal, score = "the figure", 0.85
    elif (other_numbers & new_numbers) or (other_times & new_times):
        return None  # the other statement agrees with the correction
    elif old_numbers or old_times:
        return None  # what was taken back is a figure the other statement does not give
    elif new and not wrongly and other.polarity != _new_polarity(new) and sim >= 0.4 and len(shared) >= 2:
        signal, score = "the claim", 0.7
    elif not new.strip(" ,.") and sim >= 0.5 and len(shared) >= 2 and _old_overlap(old, other) >= 0.5:
        signal, score = "the claim", 0.65 + 0.2 * min(1.0, sim)
    elif (wrongly or not new.strip(" ,.")) and shared and _old_covered(old, other) >= _COVERED:
        # what was taken back is short and the other statement says all of it ("withdrew its statement that the
        # jury had been unanimous" / "the jury had chosen the film unanimously"): the other's further details
        # do not make it another claim
        signal, score = "the claim", 0.65
    else:
        return None
    return _make(
        r,
        other,
        "retraction",
        score,
        f"retraction: {_who(r)} took back {signal} ('{(r.cue_word or 'retracted').strip()}') that {_who(other)} "
        f"stated; shared: {', '.join(shared)}",
    )


def _corrected_own_figure(r: Statement, other: Statement, shared: list[str]) -> Contradiction | None:
    """A speaker corrects a figure of its own without repeating it ("corrected its figure, saying 14 people had been
    arrested", "backtracked, saying only 14 ..."): the figure it gave before, of the same thing counted by the same
    action, is what was taken back."""
    if not r.speaker.name or r.speaker.name != other.speaker.name or r.article_id == other.article_id:
        return None
    if len([w for w in shared if not w.startswith("#")]) < 2:
        return None
    for x in r.quantities:
        for y in other.quantities:
            if (
                _units_match(x, y)
                and x.verb
                and x.verb == y.verb
                and round(x.value, 3) != round(y.value, 3)
                and not _frames_time(x, r)
                and not _frames_time(y, other)
            ):
                return _make(
                    r, other, "retraction", 0.75,
                    f"retraction: {_who(r)} corrected its figure ('{y.text}' -> '{x.text}', "
                    f"'{(r.cue_word or 'corrected').strip()}'); shared: {', '.join(shared)}",
                )  # fmt: skip
    return None


def _replaced_figure(r: Statement, other: Statement, shared: list[str]) -> Quantity | None:
    """The figure of ``other`` that the correction ``r`` repeats beside another of its kind (the corrected value),
    with something besides the number in common: what the correction replaced."""
    words = [w for w in shared if not w.startswith("#")]

    def alike(x: Quantity, z: Quantity) -> bool:
        return x.unit is None or z.unit is None or _unit_class(x.unit) == _unit_class(z.unit)

    for x in r.quantities:
        for y in other.quantities:
            # the same figure of the same thing ("three days" is not "convicted on three counts"; a figure whose noun
            # was not read counts what the other's does if the correction names that)
            if round(x.value, 3) != round(y.value, 3):
                continue
            if _unit_class(x.unit) != _unit_class(y.unit) and not (x.unit is None and y.unit in r.claim.keys):
                continue
            if not (words or x.unit is not None):
                continue
            # and a corrected value beside it ("several near the port" corrects no figure)
            if any(
                z is not x and z.approx != "several" and round(z.value, 3) != round(x.value, 3) and alike(x, z)
                for z in r.quantities
            ):
                return y
    return None


def _old_overlap(old: str, other: Statement) -> float:
    """Share of ``other``'s content keys that (by a crude 5-letter stem) occur in the retracted words."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]{3,}", old)]
    keys = [k for k in other.claim.keys if "_" not in k]
    if not keys:
        return 0.0
    hit = sum(1 for k in keys if any(k[:5] in w or w[:5] in k for w in words))
    return hit / len(keys)


_NEW_NEGATED = re.compile(r"\b(?:not|never|no)\b|n['\u2019]t\b", re.I)


_COVERED = 0.85
_FUNCTION_WORDS = frozenset(
    (
        "that", "this", "these", "those", "there", "their", "them", "they", "have", "has", "had", "been", "were",
        "was", "would", "could", "will", "with", "from", "into", "about", "after", "before", "which", "what",
        "when", "where", "while", "also", "only", "said", "says", "according",
    )
)  # fmt: skip


def _old_covered(old: str, other: Statement) -> float:
    """Share of the retracted words' content (by a crude 5-letter stem) that ``other`` says; 0 when fewer than
    two content words were taken back (a name alone is not a claim)."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]{4,}", old)]
    content = {w[:5] for w in words if w not in _FUNCTION_WORDS}
    if len(content) < 2:
        return 0.0
    said = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", other.text)}
    return len(content & said) / len(content)


def _new_polarity(new: str) -> str:
    # "wasn't" is one word: the contraction is found inside it, with either apostrophe
    return "negative" if _NEW_NEGATED.search(new) else "positive"


def _subject_found(s: Statement, other: Statement) -> bool | None:
    """Every word of ``s``'s subject chunk ('bank card number') is in ``other``; None if ``s`` has no subject."""
    if not s.claim.subject:
        return None
    keys = set(other.claim.keys)
    return all(w in keys for w in s.claim.subject.split())


def _same_predicate(a: Statement, b: Statement) -> bool:
    pa, pb = a.claim.predicate, b.claim.predicate
    if not pa or not pb:
        return False
    return pa == pb or (pa in b.claim.keys and pb in a.claim.keys)


# Subjects that refer back to something named earlier ("the company" = Brightvale): they cannot be matched by word.
_ANAPHORIC = frozenset(
    [
        "company",
        "firm",
        "government",
        "ministry",
        "group",
        "authority",
        "agency",
        "operator",
        "organisation",
        "organization",
        "country",
        "city",
        "party",
        "union",
        "club",
        "team",
        "side",
        "state",
        "man",
        "woman",
        "men",
        "women",
        "official",
        "officials",
        "institution",
        "board",
    ]
)


def _same_proposition(d: Statement, o: Statement, sim: float) -> bool:
    """The denied/unconfirmed content is the other claim: same subject, and same predicate or enough words shared.

    A subject the other claim does not mention needs most words shared and no other predicate.
    """
    subject = _subject_found(d, o)
    if subject is None or (d.claim.subject and set(d.claim.subject.split()) <= _ANAPHORIC):
        return sim >= 0.5 or bool(_numbers(d) & _numbers(o))
    dk, ok = _keys(d), _keys(o)
    common = _one_per_name(dk & ok, dk | ok)
    if not subject:
        # The other claim is about its own subject ("the girls were released" against a denial that fighters
        # were released): another proposition, however many words the two share.
        theirs = set((o.claim.subject or "").split())
        # ... unless all else is one claim: the same verb and four things in common ("diesel had reached the Kampung
        # Lebak water intake" / "the slick had reached the intake of the Kampung Lebak water plant")
        shared_facts = len(common)
        all_else = _same_predicate(d, o) and shared_facts >= 4
        if theirs and not theirs <= _ANAPHORIC and not theirs & set((d.claim.subject or "").split()):
            return all_else and sim >= 0.75
        # an anaphoric subject ("the company") stands for the denial's named one when four things are shared
        return (sim >= 0.7 or (bool(theirs) and shared_facts >= 4 and sim >= 0.6)) and (
            not d.claim.predicate or _same_predicate(d, o) or shared_facts >= 4
        )
    # a shared number does not make the same proposition by itself ("21 girls are back" / "21 girls were exchanged")
    # and it is most of what is denied that must be found, not most of a short other claim; what was denied to
    # have happened must be in it too when little else is shared ("denied the girls were exchanged" says nothing
    # of "the girls were freed")
    words = len(common) / max(1, _facts_of(d).named)
    # what it says happened is in the other claim, in so many words or as the same word in another form
    # ("overheat" / "an overheated scrubber")
    action = (not d.claim.predicate or d.claim.predicate in ok or _same_form(d.claim.predicate, ok)
              or len(common) >= 3)  # fmt: skip
    return _same_predicate(d, o) or (words >= 0.5 and action)


def _same_form(word: str, keys: AbstractSet[str]) -> bool:
    """``word`` is one of ``keys`` in another inflection (a shared stem of five letters or more, the shorter
    word whole): "overheat" / "overheated", not "present" / "president"."""
    return len(word) >= 5 and any(len(k) >= 5 and (k.startswith(word) or word.startswith(k)) for k in keys)


@lru_cache(maxsize=65536)
def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


CUE_BASED = frozenset({"deny", "not_confirmed", "retract"})
_CUE_BASED = CUE_BASED


# "has not confirmed who was behind the attack": the open question is the culprit of an event.
_WHO_OPEN = re.compile(
    r"\b(?:confirm(?:ed)?|verif(?:y|ied)|establish(?:ed)?|determin(?:e|ed)|identif(?:y|ied)|say|said)\s+"
    r"(?:who|which\s+(?:group|country|state|unit))\s+(?:was|were|is|are|had\s+been|has\s+been)\s+"
    r"(?:behind|responsible\s+for)\s+(?:the\s+|this\s+|that\s+|these\s+|those\s+)?(?:\w+\s+)?(?P<event>\w+)",
    re.I,
)
# A claim that names the culprit: "X carried out the attack", "X was behind the bombing".
_CULPRIT = re.compile(
    r"\b(?:carried\s+out|carries\s+out|launched|staged|mounted|conducted|perpetrated|orchestrated|"
    r"(?:was|were|is|are)\s+behind|(?:was|were|is|are)\s+responsible\s+for|claimed\s+responsibility\s+for)\b",
    re.I,
)


def _unconfirmed_culprit(d: Statement, o: Statement) -> bool:
    """``d`` has not confirmed who was behind an event that ``o`` (a factual claim: the caller checks) pins on
    someone.

    The event's noun must be in ``o``'s claim ("the attack" / "carried out the attack on the grid"), and ``o``
    must name a culprit with a verb of doing it; a claim that merely mentions the event does not count.
    """
    m = _WHO_OPEN.search(d.text)
    if m is None:
        return False
    event = m.group("event").lower().rstrip("s")
    keys = {k.rstrip("s") for k in o.claim.keys}
    return event in keys and bool(_CULPRIT.search(o.claim_text or o.text)) and _who(d) != _who(o)


def same_words(a: Statement, b: Statement) -> bool:
    """The same sentence quoted twice (other quotes marks, an added 'Well,'): one claim, not two."""
    x, y = _letters(a.claim_text or a.text), _letters(b.claim_text or b.text)
    if x == y:
        return True
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 30 and short in long_


# News about one event clusters within days; statements published further apart are almost always about
# different events (the same figure for another incident, another year's count), so they are not compared.
MAX_DAYS_APART = 60


# the present progressive of a plan: "we are not cutting jobs", "the school is closing in June"
_PROGRESSIVE = re.compile(r"\b(?:am|is|are|'re|'s)\s+(?:not\s+|n't\s+|never\s+)?\w+ing\b", re.I)


def _plan_and_now(future: Statement, now: Statement) -> bool:
    """A plan (``future``) against a statement of what is under way (the present progressive): one plan."""
    return future.modality == "future" and _factual(now) and bool(_PROGRESSIVE.search(now.claim_text or now.text))


def _plan_and_outcome(a: Statement, b: Statement, shared: list[str]) -> Contradiction | None:
    """A plan and what happened, one of them told as fact ("the ban will take effect on January 20" / "the ban took
    effect on January 17"): the same subject doing the same thing on another day is a date clash, unless their
    figures differ too ("prices will rise 9.5% from April 1" / "costs rose 18% in the three months to January": two
    changes)."""
    dt = _date_clash(a, b)
    if (
        dt
        and not dt.startswith("time")
        and _quantity_clash(a, b) is None
        and a.polarity == b.polarity
        and _same_subject(a, b)
        and _same_predicate(a, b)
        and _sequence(a) == _sequence(b)
    ):
        return _make(a, b, "date_time", 0.6, f"date_time: {dt} for the same event, planned and told as done; "
                     f"shared: {', '.join(shared)}")  # fmt: skip
    return None


def _too_far_apart(a: Statement, b: Statement) -> bool:
    return _days_apart(a, b) > MAX_DAYS_APART


def judge_statements(a: Statement, b: Statement) -> Contradiction | None:
    """The contradiction between two statements, or None.

    Example::

        c = judge_statements(s1, s2)
        if c: print(c.kind, c.score, c.explanation)
    """
    if a.id == b.id or (a.article_id == b.article_id and a.start == b.start):
        return None
    # The same words twice are one claim quoted twice, unless one side denies, doubts or retracts them.
    if (a.cue in _CUE_BASED) == (b.cue in _CUE_BASED) and same_words(a, b):
        return None
    if _too_far_apart(a, b):
        return None
    sim, shared = similarity(a, b)
    # A figure set against another party's by name ("far more than the number given by the operator") points at
    # that party's figure, however differently (or little) the two sentences word what is counted: checked first.
    for d, o in ((a, b), (b, a)):
        q = contrast_clash(d, o)
        if q:
            return _make(
                d, o, "quantity", 0.6 + 0.3 * min(1.0, sim),
                f"quantity: '{q[0].text}' set against the figure of {_who(o)}, '{q[1].text}'",
            )  # fmt: skip
    # A denial that names whose account it rejects ("dismissed the skipper's story") points at it, however it
    # words it: checked before the clash gates, as the two often name the same thing differently.
    for d, o in ((a, b), (b, a)):
        if d.cue in ("deny", "not_confirmed") and o.cue in ("assert", "report") and _factual(o) and _owner_named(d, o):
            if not shared and not (o.quantities and _owned_figure(d.text, d.cue_word)):
                continue  # with nothing in common, only a figure named by its owner says which claim it is
            kind = "denial" if d.cue == "deny" else "unconfirmed"
            return _make(
                d, o, kind, 0.6 if kind == "denial" else 0.5,
                f"{kind}: {_who(d)} rejected ('{d.cue_word}') the account of {_who(o)}"
                + (f"; shared: {', '.join(shared)}" if shared else ""),
            )  # fmt: skip
    if not shared:
        return None
    # Retractions refer back to an earlier claim, often naming it differently: checked first.
    for r, o in ((a, b), (b, a)):
        if r.cue == "retract" and o.cue != "retract" and o.modality in ("fact", "future"):
            c = _retraction(r, o, sim, shared)
            if c:
                return c
    if a.cue == "retract" or b.cue == "retract":
        return None
    if _entity_clash(a, b) or _subject_clash(a, b) or _other_referent(a, b):
        return None
    if _period_clash(a, b) and not _one_plan_two_dates(a, b) and not _undated_negation(a, b):
        return None
    # An article's own narration, or one speaker, does not contradict itself (retractions were handled above).
    if a.article_id == b.article_id and (a.speaker.name or a.source) == (b.speaker.name or b.source):
        return None
    for d, o in ((a, b), (b, a)):
        if d.cue not in ("deny", "not_confirmed") or o.cue not in ("assert", "report", "confirm"):
            continue
        # a plan denied ("denied that any lease would be signed") against the plan announced is one claim too
        planned = o.modality == d.modality == "future"
        if not (_factual(o) or planned) or (d.speaker.name == o.speaker.name and d.speaker.type != "outlet"):
            continue
        if d.cue == "not_confirmed" and o.polarity == "positive" and _unconfirmed_culprit(d, o):
            return _make(
                d, o, "unconfirmed", 0.6,
                f"unconfirmed: {_who(d)} has not confirmed ('{d.cue_word}') who was behind what {_who(o)} "
                f"attributes; shared: {', '.join(shared)}",
            )  # fmt: skip
        if _owners(d.text, d.cue_word):
            continue  # "rejected the minister's statement" rejects the minister's, and no one else's (above)
        # What is denied/unconfirmed is usually short: all of it must be in the other claim if it is one word.
        # Within one article the story is the same: a short denied/unconfirmed content ("any shipments") may
        # match on its one or two words, if all of them are in the other claim and one is what it says happened
        # (its main verb: "has shipped"); a thing it merely mentions ("announced plans") is not enough.
        dk = set(d.claim.keys)
        short_local = (
            (d.article_id == o.article_id or _days_apart(d, o) <= 1)
            and 0 < len(dk) <= 2
            and dk <= set(o.claim.keys)
            and o.claim.predicate in dk
        )
        if len(shared) < MIN_SHARED and not short_local:
            continue
        if not short_local and (sim < MIN_SIM or not _same_proposition(d, o, sim)):
            continue
        if not d.claim.predicate and len(shared) < 3 and not short_local:
            continue  # "denied allegations of assault": a bare noun phrase needs more in common
        joined = ", ".join(shared)
        # Denying P clashes with asserting P (a denied "uninspected" clashes with "not inspected").
        if d.cue == "deny" and o.polarity == d.polarity:
            return _make(
                d, o, "denial", 0.6 + 0.35 * min(1.0, sim),
                f"denial: {_who(d)} denied ('{d.cue_word}') what {_who(o)} stated; shared: {joined}",
            )  # fmt: skip
        if d.cue == "not_confirmed" and o.polarity == "positive":
            return _make(
                d, o, "unconfirmed", 0.5 + 0.2 * min(1.0, sim),
                f"unconfirmed: {_who(d)} has not confirmed ('{d.cue_word}') what {_who(o)} stated; shared: {joined}",
            )  # fmt: skip
    if {a.cue, b.cue} & {"deny", "not_confirmed"}:
        return None
    # two main verbs on opposite sides of one axis ("the talks succeeded" / "the talks failed") are a thing the two
    # claims have in common besides their subject
    pa, pb = _polar(a), _polar(b)
    if len(shared) + _main_verbs_opposed(a, b, pa, pb) < MIN_SHARED or sim < MIN_SIM_QUANTITY:
        return None
    one_plan = a.modality == b.modality == "future" or _plan_and_now(a, b) or _plan_and_now(b, a)
    if {a.modality, b.modality} == {"future", "fact"} and not one_plan:
        return _plan_and_outcome(a, b, shared)
    if not (_factual(a) and _factual(b)) and not one_plan:
        return None
    joined = ", ".join(shared)
    q = _quantity_clash(a, b, sim)
    if not q and sim < MIN_SIM:
        return None
    if (
        q
        and a.polarity == b.polarity
        and not (_is_running(a.text) or _is_running(b.text))
        and not _moved_since(a, b, q)
        and _counted_alike(a, b, q, shared)
        and (q[0].unit not in _SPAN_UNITS or bool(_periods(a) and _periods(b)))
        # a count over a named period ("20 injured in 112 accidents between March 2015 and March 2016") is
        # another measure than the count of one event that names none, as a rise over a year is not a fall today
        and _one_window(a, b)
    ):
        qa, qb = q
        return _make(
            a, b, "quantity", 0.6 + 0.3 * min(1.0, sim),
            f"quantity: '{qa.text}' vs '{qb.text}' ({qa.unit}) differ beyond what the wording allows; shared: {joined}",
        )  # fmt: skip
    dt = _date_clash(a, b)
    # the same thing (subject) happening (predicate) at two different times; with two different counts as well
    # ("40 flights cancelled on Monday" / "25 on Tuesday") it happened twice
    same_subject = _same_subject(a, b)
    if (
        dt
        and not q
        and a.polarity == b.polarity
        and _sequence(a) == _sequence(b)
        and (
            (
                sim >= 0.5
                # "the contract was awarded on January 12" / "the ministry awarded the contract on February 3"
                and (same_subject or (_voices_meet(a, b) and _same_predicate(a, b)))
                and (_same_predicate(a, b) or len(shared) >= 3 or not (a.claim.predicate or b.claim.predicate))
            )
            # the same thing doing the same on two days, however much else either sentence tells
            or (same_subject and _same_predicate(a, b) and not dt.startswith("time"))
        )
    ):
        return _make(a, b, "date_time", 0.55 + 0.35 * min(1.0, sim), f"date_time: {dt} for the same event; "
                     f"shared: {joined}")  # fmt: skip
    for axis in sorted(pa.keys() & pb.keys()):
        # the clashing words must be what each claim says happened (its main verb), not a side detail
        main = _says(a, pa[axis][1:]) and _says(b, pb[axis][1:])
        if axis == "win/lose" and (_tally(a) or _tally(b)):
            continue  # "won 50 games in five seasons" and "lost that game": a record and one of its games
        if pa[axis][0] != pb[axis][0] and a.polarity == b.polarity and sim >= 0.4 and main and _one_window(a, b):
            return _make(
                a, b, "antonym", 0.6 + 0.3 * min(1.0, sim),
                f"antonym: '{pa[axis][1:]}' vs '{pb[axis][1:]}' ({axis}) on the same claim; shared: {joined}",
            )  # fmt: skip
    copular = not a.claim.predicate and not b.claim.predicate and same_subject  # "X was (not) under control"
    # "the siren sounded" / "the siren did not sound": one subject, one verb, one of them negated, nothing else
    # needed in common
    bare = (same_subject or _voices_meet(a, b)) and _same_predicate(a, b) and sim >= 0.5
    neg, pos = (a, b) if a.polarity == "negative" else (b, a)
    if (
        a.polarity != b.polarity
        and ((sim >= 0.6 and len(shared) >= 3) or bare)
        # "did not rise" / "fell" may both hold; "will not close" / "will close" cannot
        and all(pa[axis] == pb[axis] for axis in pa.keys() & pb.keys())
        and (_same_predicate(a, b) or copular or _light_object_found(neg, pos) or _act_named(neg, pos))
        and _negated_found(neg, pos)
    ):
        return _make(a, b, "negation", 0.5 + 0.4 * min(1.0, sim), f"negation: one claim negates the other; "
                     f"shared: {joined}")  # fmt: skip
    return None
