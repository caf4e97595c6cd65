"""One event at a time, whatever it raises: the agents that handle events one by one (``normalise``, ``dedupe``,
``detect``) run each event through :func:`guarded`.

- A backend being unavailable (:func:`streams.batching.is_transient`: Kafka or Elasticsearch down, a timeout, a
  retriable Kafka error) is waited out: the *same* event is handled again after a capped, doubling wait. Nothing
  is dead-lettered because a broker restarts.
- Any other exception is logged with the event's topic, partition and offset (and its traceback), and the event
  is dead-lettered with reason ``processing_error``; the agent goes on with the next event. Before, such an
  exception ended the agent's loop (Faust restarts the actor, but the event and its partition's position were
  left to chance).
- A dead letter that cannot be sent because Kafka is down is retried the same way; one that fails otherwise is
  logged (``dead_letter_failed``) and the event skipped: the agent must not stop on it.

``asyncio.CancelledError`` (a rebalance, a stop) always propagates.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import faust

from .batching import is_transient
from .context import PipelineContext

__all__ = ["RETRY_MAX_S", "guarded"]

log = logging.getLogger(__name__)

# Longest wait between two tries of an event while a backend is down (the first wait is RETRY_FIRST_S).
RETRY_MAX_S = 10.0
RETRY_FIRST_S = 0.5


def _where(event: faust.EventT) -> tuple[object, object, object]:
    message = getattr(event, "message", None)
    return (getattr(message, "topic", None), getattr(message, "partition", None), getattr(message, "offset", None))


async def guarded(
    p: PipelineContext,
    stage: str,
    event: faust.EventT,
    handle: Callable[[faust.EventT], Awaitable[None]],
    *,
    on_error: Callable[[], None] | None = None,
    retry_first_s: float = RETRY_FIRST_S,
    retry_max_s: float = RETRY_MAX_S,
) -> bool:
    """Run ``handle(event)``; True when it returned, False when the event was dead-lettered (or skipped).

    ``on_error`` is called after every failed try, before the wait or the dead letter (``detect`` drops its
    half-updated ring mirror there).
    """
    wait = retry_first_s
    tries = 0
    while True:
        try:
            await handle(event)
            return True
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # whatever one event raises, the agent goes on
            tries += 1
            if on_error is not None:
                on_error()
            topic, partition, offset = _where(event)
            if is_transient(exc):
                log.warning(
                    "event_waiting stage=%s topic=%s partition=%s offset=%s tries=%d retry_in_s=%.1f error=%s: %s",
                    stage,
                    topic,
                    partition,
                    offset,
                    tries,
                    wait,
                    type(exc).__name__,
                    exc,
                )
                await asyncio.sleep(wait)
                wait = min(retry_max_s, wait * 2)
                continue
            log.exception(
                "event_failed stage=%s topic=%s partition=%s offset=%s error=%s", stage, topic, partition, offset, exc
            )
            await _dead_letter(p, stage, event, exc, retry_first_s, retry_max_s)
            return False


async def _dead_letter(
    p: PipelineContext, stage: str, event: faust.EventT, exc: Exception, retry_first_s: float, retry_max_s: float
) -> None:
    value = getattr(event, "value", None)
    wait = retry_first_s
    while True:
        try:
            await p.dead_letter(
                stage=stage,
                reason="processing_error",
                error=f"{type(exc).__name__}: {exc}",
                payload=value if isinstance(value, bytes) else None,
                event=event,
            )
            return
        except asyncio.CancelledError:
            raise
        except Exception as failed:
            topic, partition, offset = _where(event)
            if not is_transient(failed):
                log.exception(
                    "dead_letter_failed stage=%s topic=%s partition=%s offset=%s (event skipped)",
                    stage,
                    topic,
                    partition,
                    offset,
                )
                return
            log.warning("dead_letter_waiting stage=%s retry_in_s=%.1f error=%r", stage, wait, failed)
            await asyncio.sleep(wait)
            wait = min(retry_max_s, wait * 2)
