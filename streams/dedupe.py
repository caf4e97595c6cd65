"""How the ``dedupe`` agent remembers content: one entry per content hash, for a bounded time.

An entry is ``{"id": first article id, "t": when it was first seen}`` (the Kafka record timestamp, seconds). An
entry older than the window counts as absent: a copy arriving later is processed again, under its own id. So
the table stays bounded: the worker drops expired entries from its local store now and then
(:func:`expired`), and the changelog topic deletes them by retention (``compact,delete``), so a restarted worker
does not load them back. Entries written by versions before the window (a bare article id) never expire.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["entry", "expired", "first_seen", "purge_interval"]


def entry(article_id: str, seen_at: float) -> dict[str, Any]:
    """The table value for content first seen in ``article_id`` at ``seen_at`` (epoch seconds)."""
    return {"id": article_id, "t": seen_at}


def _read(value: object) -> tuple[str | None, float | None]:
    if isinstance(value, str):
        return value, None  # written before entries had a time
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        t = value.get("t")
        return value["id"], float(t) if isinstance(t, int | float) else None
    return None, None


def first_seen(value: object, now: float, window_s: float) -> str | None:
    """The article id that first had this content, or None when it was never seen or not within the window."""
    article_id, t = _read(value)
    if article_id is None or (t is not None and now - t > window_s):
        return None
    return article_id


def expired(items: Iterable[tuple[Any, object]], now: float, window_s: float) -> list[Any]:
    """Keys of ``items`` whose entry is past the window (unreadable entries too: they dedupe nothing)."""
    return [key for key, value in items if first_seen(value, now, window_s) is None]


def purge_interval(window_s: float) -> float:
    """How often a worker purges its local store: a tenth of the window, at least every second, at most hourly."""
    return min(3600.0, max(1.0, window_s / 10))
