"""Batches of events by size and by deadline, acked only after the handler is done with them.

Faust's ``stream.take_events`` can wedge when a rebalance lands while the loop body is busy (a long spaCy
batch, an Elasticsearch outage): its buffer stops filling and the partition never commits again. This helper
keeps the same contract with plain parts: events come from ``stream.noack().events()``, a batch goes to the
handler when it holds ``size`` events or its oldest event is ``within`` seconds old, and every event of a batch
is acked only after the handler returned. A handler error keeps the batch (it is retried, never skipped).

A handler may return a second stage (an async callable) instead of None: it runs in the background while the
next batch goes through the handler, and the batch is acked once it is done. The extract agent uses this to
write batch *N* to Elasticsearch and Kafka while spaCy already works on batch *N + 1*, instead of leaving the NLP
thread idle during the round trips. Second stages run one at a time and in batch order (each waits for the
previous one), so acks stay in order and at most one batch is prepared ahead; a failing second stage is retried
alone (the first stage's work is kept) until it succeeds, holding back the batches after it.

``on_idle`` (optional) is awaited when a batch is done and nothing is waiting behind it (no buffered event, no
batch in the handler): the agent has caught up with its input. The index-writing agents use it to make what they
wrote searchable at once instead of at the index's next periodic refresh (see ``streams.agents.index``). It is
best effort: its errors are logged, never retried, and never hold back a batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

import faust

__all__ = ["run_batched"]

log = logging.getLogger(__name__)

Stage = Callable[[], Awaitable[None]]
Handler = Callable[[list[faust.EventT]], Awaitable[Stage | None]]
OnIdle = Callable[[], Awaitable[None]]


async def run_batched(
    stream: faust.StreamT,
    handler: Handler,
    *,
    size: int,
    within: float,
    name: str = "batch",
    on_idle: OnIdle | None = None,
) -> None:
    """Feed ``handler`` with batches of at most ``size`` events from ``stream`` (see module docstring)."""
    manual = stream.noack()
    buffer: list[faust.EventT] = []
    oldest = 0.0
    lock = asyncio.Lock()
    behind: asyncio.Future[None] | None = None  # the second stage in flight, if any
    retry_s = min(5.0, within * 4)

    async def ack(batch: list[faust.EventT]) -> None:
        for event in batch:
            await manual.ack(event)

    async def caught_up(stage_done: bool) -> None:
        # Nothing buffered and no batch in the handler (the lock) or in a second stage behind this one: idle.
        if on_idle is None or buffer or lock.locked() or (not stage_done and behind is not None):
            return
        try:
            await on_idle()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - an optimisation: never let it fail or hold back a batch
            log.warning("batch_on_idle_failed name=%s", name, exc_info=True)

    async def finish(batch: list[faust.EventT], stage: Stage) -> None:
        while True:
            try:
                await stage()
                break
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - retried until it succeeds; never ack unprocessed events
                log.exception("batch_stage_failed name=%s size=%d (will retry)", name, len(batch))
                await asyncio.sleep(retry_s)
        await ack(batch)
        await caught_up(stage_done=True)

    async def flush(quiet: bool = False) -> None:
        """``quiet``: flushed by the ticker, so no event arrived for ``within`` seconds."""
        nonlocal buffer, behind
        async with lock:
            while buffer:
                batch, buffer = buffer, []
                try:
                    stage = await handler(batch)
                except asyncio.CancelledError:
                    buffer = batch + buffer
                    raise
                except Exception:  # noqa: BLE001 - keep the batch and try again; never ack unprocessed events
                    log.exception("batch_failed name=%s size=%d (will retry)", name, len(batch))
                    buffer = batch + buffer
                    await asyncio.sleep(retry_s)
                    continue
                if behind is not None:
                    # one second stage at a time, in batch order (acks too); shielded: cancelling this wait must
                    # not cancel the previous batch's stage
                    await asyncio.shield(behind)
                    behind = None
                if stage is None:
                    await ack(batch)
                else:
                    behind = asyncio.ensure_future(finish(batch, stage))
        if quiet:
            # (after a flush by size the loop below has not read on yet: whether more is waiting is unknown)
            await caught_up(stage_done=False)

    async def ticker() -> None:
        # The ticker is what flushes a partial batch while no new event arrives (e.g. during a rebalance, when
        # faust waits for in-flight events to be acked): it must survive anything but its own cancellation.
        # A CancelledError that comes out of the handler (an inner await cancelled) leaves the batch buffered.
        while True:
            await asyncio.sleep(within / 2)
            if buffer and time.monotonic() - oldest >= within and not lock.locked():
                try:
                    await flush(quiet=True)
                except asyncio.CancelledError:
                    task = asyncio.current_task()
                    if task is not None and task.cancelling():
                        raise
                    log.warning("batch_cancelled name=%s size=%d (kept, will retry)", name, len(buffer))
                except Exception:  # noqa: BLE001 - never let the ticker die: the buffered events would never ack
                    log.exception("batch_flush_failed name=%s (will retry)", name)

    tick = asyncio.ensure_future(ticker())
    try:
        async for event in manual.events():
            if not buffer:
                oldest = time.monotonic()
            buffer.append(event)
            if len(buffer) >= size:
                await flush()
    finally:
        tick.cancel()
        if behind is not None:
            behind.cancel()  # its events are not acked: they are read again after a restart
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await tick
        if behind is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await behind
