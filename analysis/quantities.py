"""Numbers in a sentence: value, the interval the wording allows, and what is counted.

"nearly 11,000 soldiers" -> value 11000, [9900, 11000], approx nearly, unit "soldier".
Spelled numbers ("ten thousand", "fifty-seven"), scales ("6.2 million" = 6,200,000), percentages,
and units converted to one base unit (kg, °C, km, usd) so the same value written differently compares equal.
"""

from __future__ import annotations

import re

from schemas import Quantity

from .lexicon import SYNONYMS

__all__ = ["MEASURE_UNITS", "people_count", "find_quantities", "parse_number", "PERSON_NOUNS"]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a dozen": 12,
    "dozen": 12,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 10**12,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "m": 1_000_000,
    "k": 1_000,
}
_FRACTIONS = {
    "half": 0.5,
    "a half": 0.5,
    "a third": 1 / 3,
    "a quarter": 0.25,
    "a fifth": 0.2,
    "two thirds": 2 / 3,
    "three quarters": 0.75,
}

_WORDNUM = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_SPELLED = rf"(?:(?:{'|'.join(_TENS)})[- ](?:one|two|three|four|five|six|seven|eight|nine)|{_WORDNUM})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:\s*(?:hundred|thousand|million|billion|trillion|mln|bn)\b|(?<=\d)(?:m|bn|k)\b)"

# Hedges before the number, mapped to the kind of approximation.
_HEDGES = [
    (r"nearly|almost|close to|just under|up to", "nearly"),
    (r"about|around|roughly|approximately|some|an estimated|estimated|circa|approx\.?|more or less", "about"),
    (r"at least|no fewer than|no less than|a minimum of", "at_least"),
    (r"more than|over|upwards of|in excess of|above|exceeding|well over|just over", "more_than"),
    (r"at most|no more than|a maximum of|not more than", "at_most"),
    (r"fewer than|less than|under|below", "less_than"),
]
# "more-than 11 million" is written with a hyphen too
_HEDGES = [(h.replace(" ", r"[\s-]+"), kind) for h, kind in _HEDGES]
_HEDGE_RE = "|".join(f"(?:{h})" for h, _ in _HEDGES)

_NUMBER_RE = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE_RE})\s+)?"
    rf"(?P<cur>[$€£])?"
    rf"(?P<num>(?:{_DIGITS}){_SCALE_RE}?|\b(?:several|a few)\s+(?:hundred|thousand|million|billion)\b|"
    rf"\b(?:several|a few|a couple of|dozens of|hundreds of|thousands of|"
    rf"tens of thousands of|hundreds of thousands of|millions of)\b|\b{_SPELLED}(?:\s+(?:hundred|thousand|million|"
    rf"billion)(?:\s+(?:and\s+)?{_SPELLED})?)*\b(?:\s+(?:hundred|thousand|million|billion))?)"
    rf"(?P<range>\s*(?:-|–|to)\s*(?:{_DIGITS}))?"
    rf"(?P<pct>\s*(?:%|per cent\b|percent\b|percentage points?\b|points?\b))?",
    re.I,
)
_UNIT_RE = re.compile(
    r"\s*(?P<unit>(?:°\s?|degrees?\s+)?(?:C|F)\b|degrees?\s+(?:Celsius|Fahrenheit)|kilograms?|kg|pounds?|lbs?|lb|"
    r"tonnes?|tons?|kilometres?|kilometers?|km|miles?|metres?|meters?|m\b|feet\b|foot\b|ft\b|euros?|dollars?|usd|eur)?",
    re.I,
)
_NEXT_WORDS = re.compile(r"\s*(?:(?:of\s+)?(?:its|their|the|his|her|our)\s+)?(?:[\w'-]+\s+){0,3}")

_RATIO_RE = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE_RE})\s+)?\b(?P<n>\d+|{_SPELLED})\s+(?:in|out of)\s+(?P<d>\d+|{_SPELLED})\b", re.I
)
# What every _RATIO_RE match contains ("in"/"out of" before a number): a sentence without it has none. The full
# pattern, tried at every position of every sentence, was nearly half of find_quantities' time.
_RATIO_HINT = re.compile(rf"\b(?:in|out of)\s+(?:\d|{_SPELLED})", re.I)
# Nouns that count people; "people"/"person" compare with any of them.
PERSON_NOUNS = frozenset(
    [
        "people",
        "person",
        "passenger",
        "customer",
        "patient",
        "resident",
        "worker",
        "soldier",
        "troop",
        "inmate",
        "prisoner",
        "student",
        "candidate",
        "fan",
        "victim",
        "civilian",
        "employee",
        "staff",
        "member",
        "adult",
        "child",
        "citizen",
        "voter",
        "scientist",
        "crew",
        "migrant",
        "refugee",
        "detainee",
        "hostage",
        "tourist",
        "survivor",
        "protester",
        "demonstrator",
        "pupil",
        "miner",
        "fighter",
        "spectator",
        "visitor",
        "subscriber",
    ]
)
_NOT_UNITS = frozenset(
    ["of", "and", "or", "to", "from", "in", "on", "at", "by", "for", "with", "the", "a", "an", "than", "per"]
)
_YEARLIKE = re.compile(r"^(1[89]|20)\d\d$")


def parse_number(text: str) -> float | None:
    """'11,000' -> 11000; 'ten thousand' -> 10000; 'fifty-seven' -> 57; '6.2 million' -> 6200000; '2bn' -> 2e9."""
    t = text.lower().strip().replace("–", "-")
    m = re.fullmatch(rf"({_DIGITS})\s*(hundred|thousand|million|billion|trillion|mln|bn|m|k)?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        return value * _SCALES[m.group(2)] if m.group(2) else value
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", t):
        if word == "and" or word == "a":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("hundred",):
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# Vague counts are generous on purpose: "several thousand" is compatible with "ten thousand".
_VAGUE = {
    "several": (2, 15), "a few": (2, 9), "a couple of": (2, 3), "dozens of": (20, 200), "hundreds of": (100, 2000),
    "thousands of": (1000, 20000), "tens of thousands of": (10000, 200000), "hundreds of thousands of": (1e5, 2e6),
    "millions of": (1e6, 2e7),
}  # fmt: skip


def _interval(value: float, approx: str, digits: str) -> tuple[float, float]:
    """The values a hedged number is compatible with; unhedged round numbers keep half a unit of rounding."""
    if approx == "nearly":
        return value * 0.9, value
    if approx == "about":
        return value * 0.9, value * 1.1
    if approx in ("at_least",):
        return value, float("inf")
    if approx == "more_than":
        return value + 1e-9, float("inf")
    if approx == "at_most":
        return 0.0, value
    if approx == "less_than":
        return 0.0, value - 1e-9
    return value, value


def _unit_after(text: str, end: int) -> tuple[str | None, float, int]:
    """Measurement unit right after the number, as (base unit, factor to base, end offset)."""
    m = _UNIT_RE.match(text, end)
    if not m or not m.group("unit"):
        return None, 1.0, end
    u = m.group("unit").lower().replace("°", "").replace("degrees", "").replace("degree", "").strip()
    conv = {
        "c": ("celsius", 1.0),
        "celsius": ("celsius", 1.0),
        "f": ("fahrenheit", 1.0),
        "fahrenheit": ("fahrenheit", 1.0),
        "kg": ("kg", 1.0),
        "kilogram": ("kg", 1.0),
        "kilograms": ("kg", 1.0),
        "pound": ("kg", 0.45359237),
        "pounds": ("kg", 0.45359237),
        "lb": ("kg", 0.45359237),
        "lbs": ("kg", 0.45359237),
        "tonne": ("tonne", 1.0),
        "tonnes": ("tonne", 1.0),
        "ton": ("tonne", 0.907),
        "tons": ("tonne", 0.907),
        "km": ("km", 1.0),
        "kilometre": ("km", 1.0),
        "kilometres": ("km", 1.0),
        "kilometer": ("km", 1.0),
        "kilometers": ("km", 1.0),
        "mile": ("km", 1.609344),
        "miles": ("km", 1.609344),
        "m": ("metre", 1.0),
        "metre": ("metre", 1.0),
        "metres": ("metre", 1.0),
        "meter": ("metre", 1.0),
        "meters": ("metre", 1.0),
        "feet": ("metre", 0.3048),
        "foot": ("metre", 0.3048),
        "ft": ("metre", 0.3048),
        "euro": ("eur", 1.0),
        "euros": ("eur", 1.0),
        "eur": ("eur", 1.0),
        "dollar": ("usd", 1.0),
        "dollars": ("usd", 1.0),
        "usd": ("usd", 1.0),
    }.get(u)
    if conv is None:
        return None, 1.0, end
    return conv[0], conv[1], m.end()


# The units a level is measured in (shares, prices, temperatures, weights, lengths): any other unit is a counted thing.
MEASURE_UNITS = frozenset({"%", "pp", "usd", "eur", "gbp", "celsius", "kg", "tonne", "km", "metre"})


# the next word of a compound follows after a space only: in "112 pupils, Lien said" the comma ends the noun
_COMPOUND_NEXT = re.compile(r" ([A-Za-z][\w'-]*)")


def _counted_noun(text: str, end: int, lemma_of: dict[int, tuple[str, str]]) -> str | None:
    """The first noun after the number (within a few words): 'nearly 11,000 soldiers from' -> 'soldier'."""
    m = _NEXT_WORDS.match(text, end)
    window_end = m.end() if m else end
    pos = end
    for word in re.finditer(r"[A-Za-z][\w'-]*", text[end : window_end + 20]):
        start = end + word.start()
        info = lemma_of.get(start)
        w = word.group(0).lower()
        if w in _NOT_UNITS and w not in ("of",):
            if w in ("and", "or", "to", "than", "per", "from", "in", "on", "at", "by", "for", "with"):
                return None
            continue
        if w == "of":
            continue
        if info and info[1] in ("NOUN", "PROPN"):
            # the head of a compound is its last noun: "Alder sport utility vehicles" -> vehicle
            head = info[0]
            at = end + word.end()
            while nxt := _COMPOUND_NEXT.match(text, at):
                ninfo = lemma_of.get(nxt.start(1))
                if not ninfo or ninfo[1] not in ("NOUN", "PROPN"):
                    break
                head, at = ninfo[0], nxt.end()
            head = SYNONYMS.get(head, head)
            return "person" if head in ("people", "person") else head
        if info and info[1] in ("VERB", "AUX", "ADP", "CCONJ", "PUNCT", "SCONJ"):
            return None
        pos = start
    del pos
    return None


# a length of time written as an attribute ("a nine-year prison term", "a 30-day ban"), not an age ("7-year-old")
_SPAN = re.compile(r"-(year|month|week|day|hour|minute)(?![\w-])", re.I)
# an age: "a 4-year-old boy", "he was 3 years old"; "15- to 24-year-olds" names an age group, not one's age
_AGE = re.compile(r"(?:-|\s+)years?(?:-|\s+)old(?P<group>s)?\b", re.I)
# "aged 45" is an age; "aged 18 and over" a bound and "aged 15 to 24" a group
_AGED = re.compile(r"\baged\s+$", re.I)
_AGED_BOUND = re.compile(r"\s*(?:and|or)\s+(?:over|above|older|under|younger|up)\b", re.I)
# "the number of new jobs would be no more than 800": the count stands after what it counts
_NUMBER_OF = re.compile(
    r"\b(?:number|total|count|toll) of\b(?P<gap>[^\d]{0,60}?)\b(?:is|was|were|are|be|been|stood at|"
    r"stands at|reached|totall?ed|came to)\s+$",
    re.I,
)


def _number_of(text: str, start: int, lemma_of: dict[int, tuple[str, str]]) -> str | None:
    m = _NUMBER_OF.search(text, max(0, start - 90), start)
    return _counted_noun(text, m.start("gap"), lemma_of) if m else None


# "put the death toll at 32", "the death toll from the blast rose to 15", "a death toll of 12"; "drew a crowd of
# 60,000", "estimated the crowd at 25,000", "turnout was 8,000": counts of people named by what counts them
_COUNTED_AS = r"[^.;\d]{0,50}?\b(?:at|to|of|is|was|stood\s+at|stands\s+at|reached|hit|numbered)\s+" \
    r"(?:(?:about|around|nearly|almost|some|roughly|at\s+least|more\s+than|over)\s+)?$"  # fmt: skip
_PEOPLE_COUNTS = (
    (re.compile(r"\b(?:death\s+toll|number\s+of\s+(?:people\s+)?(?:dead|killed))\b" + _COUNTED_AS, re.I), "die"),
    (re.compile(r"\bnumber\s+of\s+(?:people\s+)?(?:injured|wounded|hurt)\b" + _COUNTED_AS, re.I), "injure"),
    (re.compile(r"\b(?:crowds?|attendance|turnout)\b" + _COUNTED_AS, re.I), "attend"),
)
# A number with no noun that what happened to it says counts people: "30 were injured", "the blast killed 12."
_PEOPLE_ACTS = r"(?:killed|injured|hurt|wounded|arrested|detained|evacuated|rescued|hospitali[sz]ed)"
_ACTED_ON_AFTER = re.compile(r"\s+(?:were|was|had\s+been|have\s+been|are|being)\s+" + _PEOPLE_ACTS + r"\b", re.I)
_ACTED_ON_BEFORE = re.compile(
    r"\b" + _PEOPLE_ACTS + r"\s+(?:(?:about|around|nearly|almost|some|roughly|at\s+least|more\s+than|over)\s+)?$", re.I
)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?\"'\u201d\u2019)]|$|\s+(?:and|but|in|on|at|after|when|during|since)\b)")


_INSTEAD_OF = re.compile(r"(?:\s+[A-Za-z-]+){0,2}\s*,?\s*(?:not|rather\s+than|instead\s+of)\s+", re.I)


def _people_acted_on(text: str, start: int, end: int) -> bool:
    """The number counts people by what happened to them, with no noun of its own."""
    if _ACTED_ON_AFTER.match(text, end):
        return True
    return bool(_ACTED_ON_BEFORE.search(text, max(0, start - 40), start)) and bool(_CLAUSE_END.match(text, end))


def people_count(text: str, start: int) -> str | None:
    """What the people counted by the number at ``start`` did ("die" for a death toll, "attend" for a crowd), or
    None when no such count names it."""
    for pattern, verb in _PEOPLE_COUNTS:
        if pattern.search(text, max(0, start - 90), start):
            return verb
    return None


_NAME_BEFORE = re.compile(r"([A-Z][\w'’.-]*)[ -]$")
# a number joined by a hyphen to a capitalised word, anywhere in the sentence
_GLUED_NAME = re.compile(r"(?<![\w-])[A-Z][A-Za-z]*-$")
_WORD_AFTER = re.compile(r"\s+([a-z][\w'-]*)")


def _in_name(text: str, start: int, raw: str, lemma_of: dict[int, tuple[str, str]]) -> bool:
    """A bare number right after a proper noun that does not open the sentence: a model or mission number."""
    if not raw.strip().isdigit():
        return False
    glued = _GLUED_NAME.search(text, max(0, start - 30), start)
    if glued:
        return True  # "the Rasi-3 satellite", "Condor-2 lifted off": one word, tagged as a number or not
    m = _NAME_BEFORE.search(text, max(0, start - 30), start)
    if not m or m.start(1) == 0 or not text[: m.start(1)].strip():
        return False
    info = lemma_of.get(m.start(1))
    if not info or info[1] != "PROPN":
        return False
    # ... unless a plural noun follows: "In Tessaly 40 people were hurt" counts people
    nxt = _WORD_AFTER.match(text, start + len(raw))
    if nxt:
        word = nxt.group(1)
        ninfo = lemma_of.get(nxt.start(1))
        if word in ("people", "persons") or (ninfo and ninfo[1] == "NOUN" and ninfo[0] != word):
            return False
    return True


def find_quantities(text: str, offset: int = 0, lemma_of: dict[int, tuple[str, str]] | None = None) -> list[Quantity]:
    """All quantities in ``text`` (a sentence); offsets are shifted by ``offset`` into the article.

    ``lemma_of`` maps a character offset within ``text`` to (lemma, POS) so the counted noun is found.
    Years ("2024"), times of day ("6:40"), ordinals and dates are not quantities.
    """
    lemma_of = lemma_of or {}
    found: list[Quantity] = []
    ratio_spans: list[tuple[int, int]] = []
    # "four in five", "one out of three": a proportion, compared as a percentage
    for m in _RATIO_RE.finditer(text) if _RATIO_HINT.search(text) else ():
        num, den = parse_number(m.group("n")), parse_number(m.group("d"))
        if num is None or not den or num > den or _YEARLIKE.match(m.group("d")):
            continue
        approx = "exact"
        if m.group("hedge"):
            approx = next((k for p, k in _HEDGES if re.fullmatch(p, m.group("hedge").strip().lower())), "exact")
        value = 100.0 * num / den
        low, high = _interval(value, approx, m.group(0))
        if approx == "exact":
            low, high = value - 100.0 / den / 2, value + 100.0 / den / 2  # "four in five" is a rounded share
        found.append(Quantity(text=m.group(0).strip(), value=round(value, 6), low=round(low, 6),
                              high=round(min(high, 100.0), 6), approx=approx, unit="%",
                              start=offset + m.start(), end=offset + m.end()))  # fmt: skip
        ratio_spans.append(m.span())
    for m in _NUMBER_RE.finditer(text):
        if any(s <= m.start("num") < e for s, e in ratio_spans):
            continue
        raw = m.group("num")
        if not raw or not raw.strip():
            continue
        start, end = m.start("num"), m.end()
        before = text[max(0, start - 12) : start]
        after = text[m.end("num") : m.end("num") + 3]
        if re.search(r"\d[:.]$", before) or re.match(r"[:.]\d|\s*(?:a\.m|p\.m|am\b|pm\b)", after):
            continue  # part of a time of day
        if re.match(r"(?:st|nd|rd|th)\b", after):
            continue
        if re.match(r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
                    text[m.end("num") : m.end("num") + 12]):  # fmt: skip
            continue  # "4 November": a day of the month
        span = _SPAN.match(text, m.end()) if not m.group("pct") else None
        age_end = None  # where the age's words end ("3 years old"), None for every other figure
        if not (m.group("pct") or m.group("cur") or m.group("range")):
            age = _AGE.match(text, m.end())
            if age and age.group("group"):
                continue
            if age:
                age_end = age.end()
            elif _AGED.search(text, max(0, start - 8), start) and not _AGED_BOUND.match(text, m.end()):
                age_end = m.end()
        if re.match(r"-[a-z]", text[m.end() : m.end() + 2]) and not m.group("pct") and not span and age_end is None:
            continue  # "a 36-yard field goal", "a 7-year-old": an attribute, not a count
        if _YEARLIKE.match(raw.strip()) and not m.group("pct") and not m.group("cur"):
            continue
        if not (m.group("hedge") or m.group("cur") or m.group("pct")) and _in_name(text, start, raw, lemma_of):
            continue  # "Chang'e 4", "Falcon 9", "Boeing 737": part of a name, not a count
        if re.search(
            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
            r"\s*$",
            before,
            re.I,
        ):
            continue  # day of month
        rl = raw.lower().strip()
        approx = "exact"
        hedge_is_motion = m.group("hedge") and re.search(
            r"\b(?:go|goes|went|gone|going|rise|rises|rose|risen|climb\w*|jump\w*|increase\w*|grow\w*|grew|move\w*)\s+$",
            text[max(0, m.start() - 15) : m.start()],
            re.I,
        )
        if m.group("hedge") and hedge_is_motion and m.group("hedge").strip().lower() == "up to":
            pass  # "go up to 20%": a target, not "at most"
        elif m.group("hedge"):
            hedge = m.group("hedge").strip().lower()
            for pattern, kind in _HEDGES:
                if re.fullmatch(pattern, hedge):
                    approx = kind
                    break
        vague_scale = re.fullmatch(r"(several|a few)\s+(hundred|thousand|million|billion)", rl)
        if vague_scale:
            base_low, base_high = _VAGUE[vague_scale.group(1)]
            scale = _SCALES[vague_scale.group(2)]
            low, high = base_low * scale, base_high * scale
            value, approx = (low + high) / 2, "several"
        elif rl in _VAGUE:
            low, high = _VAGUE[rl]
            value, approx = (low + high) / 2, "several"
        else:
            parsed = parse_number(rl)
            if parsed is None:
                continue
            value = parsed
            if rl in ("one", "a") and not m.group("hedge"):
                continue  # "one of the", pronoun-like uses carry no count
            low, high = _interval(value, approx, raw)
        if m.group("range"):
            hi = parse_number(re.sub(r"^\s*(?:-|–|to)\s*", "", m.group("range")))
            if hi is not None and hi > value:
                low, high, approx = value, hi, "range"
        unit: str | None
        factor = 1.0
        if m.group("pct"):
            unit = "%" if "point" not in m.group("pct") else "pp"
        elif age_end is not None:
            unit, end = "age", age_end
        elif span:
            unit, end = span.group(1).lower(), span.end()  # "a nine-year prison term" lasts nine years
        else:
            unit, factor, uend = _unit_after(text, end)
            if unit:
                end = uend
            elif m.group("cur"):
                unit = {"$": "usd", "€": "eur", "£": "gbp"}[m.group("cur")]
            else:
                unit = _counted_noun(text, end, lemma_of) or _number_of(text, m.start(), lemma_of)
                if unit is None and (people_count(text, m.start()) or _people_acted_on(text, m.start(), end)):
                    unit = "person"
                if unit is None and found and _INSTEAD_OF.fullmatch(text, found[-1].end - offset, start):
                    unit = found[-1].unit  # "14 people, not 40": the figure set against counts the same thing
        if unit == "fahrenheit":
            value, low, high = ((v - 32) * 5 / 9 for v in (value, low, high))
            unit = "celsius"
        elif factor != 1.0:
            value, low, high = value * factor, low * factor, high * factor
        q_start = m.start("hedge") if m.group("hedge") else (m.start("cur") if m.group("cur") else start)
        found.append(
            Quantity(
                text=text[q_start:end].strip(),
                value=round(value, 6),
                low=round(low, 6),
                high=round(high, 6) if high != float("inf") else 1e18,
                approx=approx,
                unit=unit,
                start=offset + q_start,
                end=offset + end,
            )
        )
    return found
