"""``date_time``: the same event put on different days or at different times."""

from __future__ import annotations

from ..judge import event_days_of
from .align import Alignment
from .view import StatementView

__all__ = ["FEATURES", "NAME", "PAIRING", "explain", "features", "signal"]

NAME = "date_time"
FEATURES = ("date.both", "date.clash", "date*overlap", "time.both", "time.clash", "time*overlap", "date.gap")
_GRANULAR = ("day", "week", "month")
_SLACK_MIN = 20
_DAY_MIN = 24 * 60


def _days(v: StatementView) -> list[tuple]:
    return [(d.start_date, d.end_date) for d in v.s.dates if d.start_date and d.end_date and d.granularity in _GRANULAR]


def _gap(da: list[tuple], db: list[tuple]) -> int | None:
    """Days between the closest two day ranges of the two sides (0: they overlap), None if one side has none."""
    if not da or not db:
        return None
    return min(max(0, (max(x0, y0) - min(x1, y1)).days) for x0, x1 in da for y0, y1 in db)


def _day_gap(a: StatementView, b: StatementView) -> int | None:
    return _gap(_days(a), _days(b))


def _time_gap(a: StatementView, b: StatementView) -> int | None:
    if not a.minutes or not b.minutes:
        return None
    # on a clock face: 23:50 and 00:10 are twenty minutes apart
    return min(min(abs(x - y), _DAY_MIN - abs(x - y)) for x in a.minutes for y in b.minutes)


# The pre-check: both sides give a date or a time (``signal``).
PAIRING = "both"


def signal(v: StatementView) -> bool:
    return bool(v.s.dates or v.minutes)


def features(a: StatementView, b: StatementView, al: Alignment) -> tuple[float, ...]:
    days, minutes = _day_gap(a, b), _time_gap(a, b)
    d_clash = 1.0 if days else 0.0
    t_clash = 1.0 if minutes is not None and minutes > _SLACK_MIN else 0.0
    return (
        0.0 if days is None else 1.0,
        d_clash,
        d_clash * al.overlap,
        0.0 if minutes is None else 1.0,
        t_clash,
        t_clash * al.overlap,
        min(1.0, (days or 0) / 30.0),
    )


def _event_day_gap(a: StatementView, b: StatementView) -> int | None:
    """As ``_day_gap``, over the days the claims put their events on (``analysis.judge.event_days_of``: not a
    span's bound, not the day it was said, a weekday only between reports a day or two apart)."""
    return _gap(*event_days_of(a.s, b.s))


def explain(a: StatementView, b: StatementView, al: Alignment) -> str:
    # the evidence shown is the events' own dates: a score learned over every date of the two sentences does not
    # make "the coast guard said on Sunday" the day the ferry sank
    days, minutes = _event_day_gap(a, b), _time_gap(a, b)
    if minutes is not None and minutes > _SLACK_MIN:
        return f"times of day differ by {minutes // 60} h {minutes % 60:02d} min"
    if days:
        da = ", ".join(d.text for d in a.s.dates) or "?"
        db = ", ".join(d.text for d in b.s.dates) or "?"
        return f"dates differ by {days} day(s): {da!r} vs {db!r}"
    return ""
