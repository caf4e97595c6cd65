"""Dates resolved against the publication time."""

from __future__ import annotations

from datetime import UTC, date, datetime

from analysis.dates import find_dates, minutes_of_day

PUB = datetime(2025, 1, 10, tzinfo=UTC)  # a Friday


def test_month_day_takes_the_recent_year():
    (d,) = find_dates("On December 28 the ferry sank", PUB)
    assert d.start_date == date(2024, 12, 28)
    (d,) = find_dates("The talks resume on January 20", PUB)
    assert d.start_date == date(2025, 1, 20)


def test_a_day_followed_by_last_year_is_in_last_year():
    got = {d.text: d.start_date for d in find_dates("a nightclub attack on June 12 last year killed 49", PUB)}
    assert got["June 12"] == date(2024, 6, 12)
    got = {d.text: d.start_date for d in find_dates("the games open on March 3 next year", PUB)}
    assert got["March 3"] == date(2026, 3, 3)


def test_weekday_and_relative():
    (d,) = find_dates("the vote on Tuesday", PUB)
    assert d.start_date == date(2025, 1, 7)
    (d,) = find_dates("profits last year", PUB)
    assert (d.start_date, d.end_date) == (date(2024, 1, 1), date(2024, 12, 31))


def test_times_of_day():
    assert minutes_of_day("at 6:40 a.m.") == 400
    assert minutes_of_day("at 10 p.m. on Monday") == 22 * 60
    assert minutes_of_day("no time here") is None


def test_a_name_that_starts_like_a_month_is_no_date():
    assert find_dates("Jun-ho Seo left the bank; talks at Mar-a-Lago went on", PUB) == []
    # a range of months, and a month's possessive, are still months
    assert [d.text for d in find_dates("sales in the January-March quarter beat April's", PUB)][:1] == ["January"]
    assert "April" in [d.text for d in find_dates("sales beat April's", PUB)]
