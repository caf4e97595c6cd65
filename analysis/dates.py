"""Dates and times of day in a sentence, resolved against the article's publication time.

"On October 17" -> 2024-10-17 (the latest October 17 not long after publication); "on Tuesday" -> the
Tuesday on or before publication; "in 2019" -> the whole year; "6:40 a.m." -> a time mention.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from schemas import DateMention

__all__ = ["find_dates", "minutes_of_day"]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
    r"(?!-[a-z])"  # part of a name ("Jun-ho", "Mar-a-Lago"), not a range ("January-March")
)

_DAY_MONTH = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<m2>{_MONTH_RE}))(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
)
_MONTH_YEAR = re.compile(
    rf"\b(?P<q>early|mid|late|the end of|end of|the start of|start of)?[- ]?(?P<m>{_MONTH_RE})"
    rf"(?:\s+(?P<y>(?:19|20)\d\d))?\b"
)
_YEAR = re.compile(r"\b(?P<y>(?:19|20)\d\d)\b")
_WEEKDAY = re.compile(
    r"\b(?P<rel>last|next|this|on)?\s*(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)(?:'s)?\b"
)
_RELATIVE = re.compile(
    r"\b(?P<w>yesterday|today|tonight|tomorrow|last (?:week|month|year)|this (?:week|month|year)|"
    r"next (?:week|month|year))\b",
    re.I,
)
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)|"
    r"\b(?P<h2>\d{1,2}):(?P<mi2>\d{2})\b|\b(?P<noon>noon|midnight)\b",
    re.I,
)


def minutes_of_day(text: str) -> int | None:
    """'6:40 a.m.' -> 400; '10 p.m.' -> 1320; '7:15' -> 435; None if no time."""
    m = _TIME.search(text)
    if not m:
        return None
    if m.group("noon"):
        return 720 if m.group("noon").lower() == "noon" else 0
    if m.group("h2"):
        return int(m.group("h2")) * 60 + int(m.group("mi2"))
    h, mi = int(m.group("h")), int(m.group("mi") or 0)
    pm = m.group("ap").lower().startswith("p")
    if h == 12:
        h = 0
    return (h + (12 if pm else 0)) * 60 + mi


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_YEAR_AFTER = re.compile(r"\s+(last|next|this) year\b", re.I)
_YEAR_SHIFT = {"last": -1, "next": 1, "this": 0}


def _pick_year(month: int, day: int, ref: date | None) -> int | None:
    """News reports the recent past: take the year that puts the date at most ~2 months after publication."""
    if ref is None:
        return None
    cand = _safe_date(ref.year, month, day)
    if cand and cand > ref + timedelta(days=60):
        return ref.year - 1
    return ref.year


def find_dates(text: str, published_at: datetime | None) -> list[DateMention]:
    """Dates and times mentioned in ``text``, resolved against ``published_at`` where possible."""
    ref = published_at.date() if published_at else None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _DAY_MONTH.finditer(text):
        month = _MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y")) if m.group("y") else _pick_year(month, day, ref)
        shift = _YEAR_AFTER.match(text, m.end())
        if shift and ref and not m.group("y"):
            year = ref.year + _YEAR_SHIFT[shift.group(1).lower()]  # "on June 12 last year"
        d = _safe_date(year, month, day) if year else None
        found.append(DateMention(text=m.group(0), start_date=d, end_date=d, granularity="day"))
        taken.append(m.span())
    for m in _MONTH_YEAR.finditer(text):
        if not free(*m.span()) or (m.group("m").lower().rstrip(".") == "may" and not m.group("y")):
            continue  # "may" is usually the modal verb
        month = _MONTHS[m.group("m").lower().rstrip(".")]
        if m.group("y"):
            year = int(m.group("y"))
        elif ref:
            year = ref.year if month <= ref.month + 2 else ref.year - 1
        else:
            year = None
        if year:
            last = calendar.monthrange(year, month)[1]
            s, e = date(year, month, 1), date(year, month, last)
            q = (m.group("q") or "").lower()
            if q == "early" or "start" in q:
                e = date(year, month, 10)
            elif q == "late" or "end" in q:
                s = date(year, month, 20)
            elif q == "mid":
                s, e = date(year, month, 10), date(year, month, 20)
            found.append(DateMention(text=m.group(0).strip(), start_date=s, end_date=e, granularity="month"))
        else:
            found.append(DateMention(text=m.group(0).strip(), granularity="month"))
        taken.append(m.span())
    for m in _YEAR.finditer(text):
        if not free(*m.span()):
            continue
        y = int(m.group("y"))
        found.append(
            DateMention(text=m.group(0), start_date=date(y, 1, 1), end_date=date(y, 12, 31), granularity="year")
        )
        taken.append(m.span())
    for m in _WEEKDAY.finditer(text):
        wd = _WEEKDAYS[m.group("wd").lower()]
        d = None
        if ref:
            rel = (m.group("rel") or "").lower()
            if rel == "next":
                d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
            else:
                d = ref - timedelta(days=(ref.weekday() - wd) % 7)
        found.append(DateMention(text=m.group(0).strip(), start_date=d, end_date=d, granularity="day"))
    for m in _RELATIVE.finditer(text):
        w = m.group("w").lower()
        since: date | None = None
        until: date | None = None
        if ref:
            if w in ("today", "tonight"):
                since = until = ref
            elif w == "yesterday":
                since = until = ref - timedelta(days=1)
            elif w == "tomorrow":
                since = until = ref + timedelta(days=1)
            elif w.endswith("year"):
                y = ref.year + {"last": -1, "this": 0, "next": 1}[w.split()[0]]
                since, until = date(y, 1, 1), date(y, 12, 31)
            elif w.endswith("month"):
                first = ref.replace(day=1)
                if w.startswith("last"):
                    until = first - timedelta(days=1)
                    since = until.replace(day=1)
                elif w.startswith("this"):
                    since, until = first, ref.replace(day=calendar.monthrange(ref.year, ref.month)[1])
            elif w.endswith("week"):
                monday = ref - timedelta(days=ref.weekday())
                if w.startswith("last"):
                    since, until = monday - timedelta(days=7), monday - timedelta(days=1)
                elif w.startswith("this"):
                    since, until = monday, monday + timedelta(days=6)
        found.append(DateMention(text=m.group(0), start_date=since, end_date=until, granularity="relative"))
    for m in _TIME.finditer(text):
        found.append(DateMention(text=m.group(0).strip(), granularity="time"))
    return found
