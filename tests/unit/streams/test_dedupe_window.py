"""The de-duplication table forgets content after its window, so it stays bounded."""

from __future__ import annotations

from streams.dedupe import entry, expired, first_seen, purge_interval

DAY = 86_400.0


def test_content_seen_within_the_window_is_a_duplicate():
    value = entry("a1", 1_000.0)
    assert first_seen(value, 1_000.0 + 29 * DAY, 30 * DAY) == "a1"


def test_content_seen_before_the_window_counts_as_new():
    value = entry("a1", 1_000.0)
    assert first_seen(value, 1_000.0 + 31 * DAY, 30 * DAY) is None


def test_never_seen_and_unreadable_entries_count_as_new():
    assert first_seen(None, 0.0, DAY) is None
    assert first_seen({"what": 1}, 0.0, DAY) is None
    assert first_seen(42, 0.0, DAY) is None


def test_entries_of_earlier_versions_still_dedupe_and_never_expire():
    assert first_seen("a1", 10 * 365 * DAY, DAY) == "a1"
    assert expired([("h", "a1")], 10 * 365 * DAY, DAY) == []


def test_expired_lists_only_entries_past_the_window():
    items = [
        ("old", entry("a", 0.0)),
        ("new", entry("b", 9 * DAY)),
        ("junk", {"x": 1}),
        ("edge", entry("c", 1.0)),
    ]  # exactly the window old: kept
    assert expired(items, 10 * DAY, 10 * DAY - 1) == ["old", "junk"]
    assert expired([], 0.0, DAY) == []


def test_purge_interval_is_bounded():
    assert purge_interval(30 * DAY) == 3600.0
    assert purge_interval(5.0) == 1.0
    assert purge_interval(600.0) == 60.0
