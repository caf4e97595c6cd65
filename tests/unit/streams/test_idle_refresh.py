"""``streams.agents.index.idle_refresher``: at most one refresh per interval, and the last one is never dropped."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from prometheus_client import CollectorRegistry, Counter

from streams.agents.index import idle_refresher


class _Sink:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    async def refresh(self, kinds: tuple[str, ...]) -> bool:
        self.calls.append(kinds)
        return True


def _context(sink: _Sink, min_s: float) -> SimpleNamespace:
    refreshes = Counter("es_refreshes", "refreshes", ["stage", "outcome"], registry=CollectorRegistry())
    return SimpleNamespace(
        settings=SimpleNamespace(es=SimpleNamespace(idle_refresh=True, idle_refresh_min_s=min_s)),
        sink=sink,
        metrics=SimpleNamespace(es_refreshes=refreshes),
    )


def test_an_idle_call_too_soon_after_the_last_refresh_refreshes_once_the_interval_is_over():
    async def run() -> list[tuple[str, ...]]:
        sink = _Sink()
        refresh = idle_refresher(_context(sink, 0.2), "extract", ("articles", "statements"))  # type: ignore[arg-type]
        assert refresh is not None
        await refresh()  # articles written: refreshed at once
        await refresh()  # statements written right after: too soon, so later
        await refresh()  # and a third call in the same interval adds no further refresh
        assert len(sink.calls) == 1
        await asyncio.sleep(0.4)
        return sink.calls

    assert asyncio.run(run()) == [("articles", "statements")] * 2


def test_no_refresher_when_idle_refresh_is_off():
    ctx = _context(_Sink(), 0.2)
    ctx.settings.es.idle_refresh = False
    assert idle_refresher(ctx, "extract", ("articles",)) is None  # type: ignore[arg-type]
