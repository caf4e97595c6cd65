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


async def test_a_second_stage_overlaps_the_next_batch_and_acks_in_order_after_it() -> None:
    stop = asyncio.Event()
    stream = _Stream([f"e{i}" for i in range(6)], stop)
    log: list[str] = []
    release = asyncio.Event()
    failed: list[str] = []

    async def handler(batch: list[str]):
        log.append(f"prepare {batch[0]}")

        async def stage() -> None:
            log.append(f"stage {batch[0]} starts")
            if batch[0] == "e0":
                await release.wait()  # the first batch's writes are slow
            if batch[0] == "e2" and not failed:
                failed.append(batch[0])
                raise RuntimeError("Elasticsearch said no")  # retried alone, the handler is not run again
            log.append(f"stage {batch[0]} done")

        return stage

    task = asyncio.ensure_future(run_batched(stream, handler, size=2, within=0.01, name="t"))
    for _ in range(100):
        if "prepare e2" in log:
            break
        await asyncio.sleep(0.01)
    # batch 2 was prepared while batch 1's stage was still running; nothing is acked before its stage is done
    assert sorted(log) == ["prepare e0", "prepare e2", "stage e0 starts"]
    assert stream.acked == []
    release.set()
    for _ in range(300):
        if len(stream.acked) == 6:
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 2)
    assert stream.acked == [f"e{i}" for i in range(6)]
    assert log.count("prepare e2") == 1 and log.count("stage e2 starts") == 2 and failed == ["e2"]
    # one second stage at a time, in order: each starts after the previous one is done
    starts = [line for line in log if line.startswith("stage") and line.endswith("starts")]
    assert log.index("stage e0 done") < log.index("stage e2 starts") and starts[-1] == "stage e4 starts"
    assert log.index("stage e2 done") < log.index("stage e4 starts")


async def _run_until_acked(stream: _Stream, stop: asyncio.Event, n: int, **kwargs) -> None:
    task = asyncio.ensure_future(run_batched(stream, **kwargs))
    for _ in range(300):
        if len(stream.acked) == n:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)  # time for a (wrong) late idle call
    stop.set()
    await asyncio.wait_for(task, 2)


async def test_on_idle_runs_once_the_last_second_stage_is_done_not_between_batches() -> None:
    stop = asyncio.Event()
    stream = _Stream([f"e{i}" for i in range(6)], stop)
    idle_at: list[list[str]] = []

    async def handler(batch: list[str]):
        await asyncio.sleep(0.01)  # spaCy: the previous batch's stage runs meanwhile

        async def stage() -> None:
            await asyncio.sleep(0.005)

        return stage

    async def on_idle() -> None:
        idle_at.append(list(stream.acked))

    await _run_until_acked(stream, stop, 6, handler=handler, size=2, within=0.01, name="t", on_idle=on_idle)
    assert stream.acked == [f"e{i}" for i in range(6)]
    # only when nothing was left: after the last batch, never while batches were still coming
    assert idle_at == [[f"e{i}" for i in range(6)]]


async def test_on_idle_after_a_batch_the_ticker_flushed_and_its_errors_never_hold_back_a_batch() -> None:
    stop = asyncio.Event()
    stream = _Stream(["e0", "e1", "e2"], stop)
    idle_at: list[list[str]] = []

    async def handler(batch: list[str]) -> None:
        return None

    async def on_idle() -> None:
        idle_at.append(list(stream.acked))
        raise RuntimeError("Elasticsearch is down")  # logged, not retried

    await _run_until_acked(stream, stop, 3, handler=handler, size=2, within=0.02, name="t", on_idle=on_idle)
    assert stream.acked == ["e0", "e1", "e2"]
    # [e0, e1] was flushed because it was full (more may be waiting: no call); [e2] by the ticker (quiet: a call)
    assert idle_at == [["e0", "e1", "e2"]]


async def _run_poison_case(stream: _Stream, stop: asyncio.Event, n: int, **kw) -> asyncio.Task:
    task = asyncio.ensure_future(run_batched(stream, size=10, within=0.02, name="t", **kw))
    for _ in range(500):
        if len(stream.acked) >= n:
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 2)
    return task


async def test_a_poison_event_is_found_dead_lettered_and_the_rest_processed() -> None:
    stop = asyncio.Event()
    stream = _Stream(["a", "b", "poison", "c"], stop)
    done: list[str] = []
    poisoned: list[tuple[str, str]] = []

    async def handler(batch: list[str]) -> None:
        if "poison" in batch:
            raise ValueError("cannot handle poison")
        done.extend(batch)

    async def on_poison(event: str, exc: BaseException) -> None:
        poisoned.append((event, type(exc).__name__))

    await _run_poison_case(stream, stop, 4, handler=handler, on_poison=on_poison, max_failures=2)
    assert done == ["a", "b", "c"]
    assert poisoned == [("poison", "ValueError")]
    assert sorted(stream.acked) == ["a", "b", "c", "poison"]


async def test_a_poison_second_stage_is_split_too() -> None:
    stop = asyncio.Event()
    stream = _Stream(["a", "poison", "b"], stop)
    written: list[str] = []
    poisoned: list[str] = []

    async def handler(batch: list[str]):
        async def stage() -> None:
            if "poison" in batch:
                raise RuntimeError("record too large")
            written.extend(batch)

        return stage

    async def on_poison(event: str, exc: BaseException) -> None:
        poisoned.append(event)

    await _run_poison_case(stream, stop, 3, handler=handler, on_poison=on_poison, max_failures=2)
    assert written == ["a", "b"] and poisoned == ["poison"]
    assert sorted(stream.acked) == ["a", "b", "poison"]


async def test_a_backend_being_down_is_never_poison() -> None:
    from contraflow.errors import BackendUnavailableError

    stop = asyncio.Event()
    stream = _Stream(["a", "b"], stop)
    attempts: list[int] = []
    poisoned: list[str] = []

    async def handler(batch: list[str]) -> None:
        attempts.append(len(batch))
        if len(attempts) < 5:
            raise BackendUnavailableError("es down", retry_after=0.01)

    async def on_poison(event: str, exc: BaseException) -> None:
        poisoned.append(event)

    await _run_poison_case(stream, stop, 2, handler=handler, on_poison=on_poison, max_failures=2)
    assert poisoned == [] and attempts == [2, 2, 2, 2, 2]
    assert stream.acked == ["a", "b"]


def test_is_transient() -> None:
    from aiokafka.errors import KafkaConnectionError, MessageSizeTooLargeError

    from streams.batching import is_transient

    def wrapped(exc: Exception) -> Exception:
        try:
            raise RuntimeError("Error while sending") from exc
        except RuntimeError as outer:
            return outer

    assert is_transient(wrapped(KafkaConnectionError()))
    assert is_transient(ConnectionRefusedError())
    assert not is_transient(wrapped(MessageSizeTooLargeError()))
    assert not is_transient(ValueError("bad record"))
