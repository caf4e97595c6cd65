"""Batches of events by size and by deadline, acked only after the handler is done with them.

Faust's ``stream.take_events`` can wedge when a rebalance lands while the loop body is busy (a long spaCy
batch, an Elasticsearch outage): its buffer stops filling and the partition never commits again. This helper
keeps the same contract with plain parts: events come from ``stream.noack().events()``, a batch goes to the
handler when it holds ``size`` events or its oldest event is ``within`` seconds old, and every event of a batch
is acked only after the handler returned. A handler error keeps the batch (it is retried, never skipped)...

...unless it is poison. With ``on_poison``, a batch whose handler (or second stage) failed ``max_failures``
times with an error that is not a backend being unavailable (:func:`is_transient`) is split: each of its events
goes through the handler (and its second stage) alone, and an event that fails ``max_failures`` times alone is
handed to ``on_poison`` (the agents dead-letter it) and acked. So one poison record costs a few retries, never
the partition; Elasticsearch or Kafka being down is waited out, never dead-lettered.

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
OnPoison = Callable[[faust.EventT, BaseException], Awaitable[None]]


def is_transient(exc: BaseException) -> bool:
    """An error of a backend being unavailable (retried as long as it takes, never a reason to dead-letter):
    Elasticsearch unavailable, a connection error or timeout, a retriable Kafka error; also when it is the
    cause of ``exc`` (faust wraps Kafka's errors in ``ProducerSendError``)."""
    from schemas.errors import BackendUnavailableError

    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 8:
        if isinstance(current, BackendUnavailableError | ConnectionError | TimeoutError):
            return True
        if getattr(type(current), "retriable", False) is True:  # aiokafka.errors.KafkaError
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False


async def run_batched(
    stream: faust.StreamT,
    handler: Handler,
    *,
    size: int,
    within: float,
    name: str = "batch",
    on_idle: OnIdle | None = None,
    on_poison: OnPoison | None = None,
    max_failures: int = 3,
) -> None:
    """Feed ``handler`` with batches of at most ``size`` events from ``stream`` (see module docstring)."""
    manual = stream.noack()  # type: ignore[attr-defined]  # faust's StreamT lacks noack(); Stream has it
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
        except Exception:  # an optimisation: never let it fail or hold back a batch
            log.warning("batch_on_idle_failed name=%s", name, exc_info=True)

    def poisoned(failures: int, exc: BaseException) -> int:
        """The failure count after ``exc``: only errors that are not a backend being down count."""
        return failures if is_transient(exc) else failures + 1

    async def one_by_one(batch: list[faust.EventT]) -> None:
        """Each event of a poison batch alone (handler, then its stage); one that keeps failing is poison.

        Takes the events from the front of ``batch`` as they are acked: what is left there was not."""
        assert on_poison is not None
        log.warning("batch_split name=%s size=%d (failed %d times)", name, len(batch), max_failures)
        i = 0
        while batch:
            event = batch[0]
            failures = 0
            while True:
                try:
                    stage = await handler([event])
                    if stage is not None:
                        await stage()
                    break
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # counted; poison once it failed max_failures times
                    failures = poisoned(failures, exc)
                    if failures >= max_failures:
                        try:
                            await on_poison(event, exc)
                            log.warning("batch_poison name=%s index=%d error=%s", name, i, type(exc).__name__)
                            break
                        except asyncio.CancelledError:
                            raise
                        except Exception:  # could not dead-letter (Kafka down?): try again later
                            log.exception("batch_poison_failed name=%s (will retry)", name)
                    else:
                        log.warning(
                            "batch_failed name=%s size=1 failures=%d (will retry)", name, failures, exc_info=True
                        )
                    await asyncio.sleep(retry_s)
            await ack([event])
            batch.pop(0)
            i += 1

    async def finish(batch: list[faust.EventT], stage: Stage) -> None:
        failures = 0
        while True:
            try:
                await stage()
                break
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # retried until it succeeds; never ack unprocessed events
                failures = poisoned(failures, exc)
                if on_poison is not None and failures >= max_failures:
                    await one_by_one(list(batch))
                    await caught_up(stage_done=True)
                    return
                log.exception("batch_stage_failed name=%s size=%d (will retry)", name, len(batch))
                await asyncio.sleep(retry_s)
        await ack(batch)
        await caught_up(stage_done=True)

    async def flush(quiet: bool = False) -> None:
        """``quiet``: flushed by the ticker, so no event arrived for ``within`` seconds."""
        nonlocal buffer, behind
        async with lock:
            failures = 0
            while buffer:
                batch, buffer = buffer, []
                try:
                    stage = await handler(batch)
                except asyncio.CancelledError:
                    buffer = batch + buffer
                    raise
                except Exception as exc:  # keep the batch and try again; never ack unprocessed events
                    failures = poisoned(failures, exc)
                    if on_poison is not None and failures >= max_failures:
                        failures = 0
                        if behind is not None:
                            await asyncio.shield(behind)  # acks in order: the previous batch first
                            behind = None
                        try:
                            await one_by_one(batch)
                        except asyncio.CancelledError:
                            buffer = batch + buffer  # (the events not acked yet)
                            raise
                        continue
                    log.exception("batch_failed name=%s size=%d (will retry)", name, len(batch))
                    buffer = batch + buffer
                    await asyncio.sleep(retry_s)
                    continue
                failures = 0
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
                except Exception:  # never let the ticker die: the buffered events would never ack
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
