"""streams.batching: a partial batch is flushed by the timer, and the timer survives a cancelled handler."""

from __future__ import annotations

import asyncio

from streams.batching import run_batched


class _Stream:
    """The two calls run_batched makes on a faust stream: noack().events() and ack(event)."""

    def __init__(self, events: list[str], stay_open: asyncio.Event) -> None:
        self._events, self._open, self.acked = events, stay_open, []

    def noack(self) -> _Stream:
        return self

    async def events(self):
        for e in self._events:
            yield e
        await self._open.wait()  # like a paused consumer during a rebalance: no new events arrive

    async def ack(self, event: str) -> None:
        self.acked.append(event)


async def test_partial_batch_is_flushed_and_acked_after_a_cancelled_handler() -> None:
    stop = asyncio.Event()
    stream = _Stream(["e1", "e2"], stop)
    calls: list[list[str]] = []

    async def handler(batch: list[str]) -> None:
        calls.append(list(batch))
        if len(calls) == 1:
            raise asyncio.CancelledError  # an inner await cancelled, not the agent itself

    task = asyncio.ensure_future(run_batched(stream, handler, size=10, within=0.05, name="t"))
    for _ in range(100):
        if stream.acked:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, 2)
    assert calls[0] == ["e1", "e2"] and calls[-1] == ["e1", "e2"] and len(calls) >= 2
    assert stream.acked == ["e1", "e2"]
