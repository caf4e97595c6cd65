"""An unexpected error while handling one event never stops an agent: logged with the event's partition and offset,
dead-lettered as ``processing_error``, the next event handled; a backend being down is waited out instead."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import pytest

from contraflow.settings import Settings
from schemas import BlockedStatements, ClaimLink, Contradiction, DeadLetter, Statement, statement_id
from streams import Metrics, PipelineContext
from streams.agents import detect as detect_module
from streams.agents.detect import CandidateRing, batch_key, register_detect
from streams.guard import guarded


class _Topic:
    def __init__(self, fail: list[BaseException] | None = None) -> None:
        self.sent: list[tuple[bytes | None, bytes]] = []
        self.fail = list(fail or [])

    async def send(self, *, key, value, **_):
        if self.fail:
            raise self.fail.pop(0)
        self.sent.append((key, value))


class _Signal:
    def connect(self, fn):
        return fn


class _App:
    """Just what ``register_detect`` uses of a Faust app; ``agent`` hands back the plain coroutine function."""

    on_partitions_revoked = _Signal()
    on_rebalance_complete = _Signal()

    def agent(self, _topic, name):
        return lambda fn: fn

    def timer(self, _interval, name):
        return lambda fn: fn


class _Stream:
    def __init__(self, events) -> None:
        self._events = events

    async def events(self):
        for event in self._events:
            yield event


def _event(value: bytes, offset: int, partition: int = 2):
    message = SimpleNamespace(topic="t.statements", partition=partition, offset=offset, timestamp=None, key=b"a")
    return SimpleNamespace(value=value, message=message)


def _pipeline(**topics) -> PipelineContext:
    return PipelineContext(
        app=_App(),  # type: ignore[arg-type]
        settings=Settings(),
        topics=SimpleNamespace(  # type: ignore[arg-type]
            deadletter=_Topic(), contradictions=_Topic(), claim_links=_Topic(), statements=None, **topics
        ),
        tables=SimpleNamespace(candidates={}),  # type: ignore[arg-type]
        metrics=Metrics(),
    )


def _letters(p: PipelineContext) -> list[DeadLetter]:
    return [DeadLetter.model_validate_json(v) for _, v in p.topics.deadletter.sent]


# -- guarded -----------------------------------------------------------------------------------------------------


async def test_an_unexpected_error_is_logged_with_its_offset_and_dead_lettered(caplog):
    p = _pipeline()
    aborted: list[int] = []

    async def handle(_event):
        raise KeyError("ring bookkeeping")

    with caplog.at_level(logging.ERROR, logger="streams.guard"):
        ok = await guarded(p, "detect", _event(b"{}", offset=17), handle, on_error=lambda: aborted.append(1))
    assert ok is False and aborted == [1]
    (letter,) = _letters(p)
    assert (letter.stage, letter.reason, letter.partition, letter.offset) == ("detect", "processing_error", 2, 17)
    assert "KeyError" in letter.error and letter.payload() == b"{}"
    (record,) = [r for r in caplog.records if r.getMessage().startswith("event_failed")]
    assert "partition=2 offset=17" in record.getMessage() and record.exc_info is not None


async def test_a_backend_being_down_is_waited_out_not_dead_lettered():
    p = _pipeline()
    tries: list[int] = []

    async def handle(_event):
        tries.append(1)
        if len(tries) < 3:
            raise ConnectionError("kafka is away")  # also what faust wraps as the cause of ProducerSendError

    ok = await guarded(p, "normalise", _event(b"x", 1), handle, retry_first_s=0.001, retry_max_s=0.002)
    assert ok is True and len(tries) == 3
    assert p.topics.deadletter.sent == []


async def test_a_dead_letter_is_retried_while_kafka_is_down():
    p = _pipeline()
    p.topics.deadletter.fail = [TimeoutError("no broker"), TimeoutError("no broker")]

    async def handle(_event):
        raise ValueError("bad")

    assert await guarded(p, "dedupe", _event(b"x", 5), handle, retry_first_s=0.001) is False
    assert [letter.offset for letter in _letters(p)] == [5]


async def test_a_dead_letter_that_cannot_be_sent_skips_the_event_without_raising(caplog):
    p = _pipeline()
    p.topics.deadletter.fail = [RuntimeError("unknown topic")]

    async def handle(_event):
        raise ValueError("bad")

    with caplog.at_level(logging.ERROR, logger="streams.guard"):
        assert await guarded(p, "dedupe", _event(b"x", 6), handle) is False
    assert any(r.getMessage().startswith("dead_letter_failed") for r in caplog.records)


async def test_cancellation_propagates():
    p = _pipeline()

    async def handle(_event):
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await guarded(p, "detect", _event(b"x", 1), handle)
    assert p.topics.deadletter.sent == []


# -- the detect agent ------------------------------------------------------------------------------------------


def _st(article: str, n: int, keys: list[str], text: str | None = None) -> Statement:
    return Statement(
        id=statement_id(article, n, n + 1),
        article_id=article,
        source="s",
        text=text or f"{article} said {n}",
        start=n,
        end=n + 1,
        blocking_keys=keys,
    )


def _message(*statements: Statement) -> bytes:
    placements = [(key, i) for i, s in enumerate(statements) for key in sorted(s.blocking_keys)]
    return (
        BlockedStatements(article_id=statements[0].article_id, statements=list(statements), placements=placements)
        .model_dump_json(exclude_defaults=True)
        .encode()
    )


async def test_detect_goes_on_after_an_error_in_its_ring_handling(monkeypatch, caplog):
    p = _pipeline()
    detect = register_detect(p)
    add = CandidateRing.add

    def flaky_add(self, key, statement, *args, **kwargs):
        # the "boom" statement's first key gets into the ring's mirror, then its second key raises: a half-updated
        # ring that must not leak into the table or the next message
        if statement.text == "boom" and key == "k2":
            raise RuntimeError("ring bookkeeping bug")
        return add(self, key, statement, *args, **kwargs)

    monkeypatch.setattr(CandidateRing, "add", flaky_add)
    first, bad, last = _st("a", 1, ["k1", "k2"]), _st("b", 1, ["k1", "k2"], "boom"), _st("c", 1, ["k1", "k2"])
    events = [
        _event(_message(first), offset=10),
        _event(_message(bad), offset=11),
        _event(b'{"not": "a message"}', offset=12),
        _event(_message(last), offset=13),
    ]
    with caplog.at_level(logging.ERROR):
        await detect(_Stream(events))  # returns: the agent went through every event

    letters = _letters(p)
    assert [(d.stage, d.reason, d.partition, d.offset) for d in letters] == [
        ("detect", "processing_error", 2, 11),
        ("detect", "processing_error", 2, 12),
    ]
    assert "RuntimeError: ring bookkeeping bug" in letters[0].error
    assert any("partition=2 offset=11" in r.getMessage() for r in caplog.records)
    table = p.tables.candidates
    assert sorted(table) == [batch_key(2, 10), batch_key(2, 13)]  # nothing of the failed message stored
    ring = CandidateRing(table, Settings().analysis.candidates_per_key)  # what a restarted worker would load
    assert [s.id for s in ring.candidates("k1")] == [first.id, last.id]
    assert [s.id for s in ring.candidates("k2")] == [first.id, last.id]


async def test_detect_waits_out_kafka_when_sending_a_contradiction(monkeypatch):
    p = _pipeline()
    # a contradiction travels to the claims agent with the claim links (it forwards it with its claim id)
    p.topics.claim_links.fail = [ConnectionError("broker restarting")]

    def found(old, new, min_score):
        if old.id == new.id:
            return None
        return Contradiction(id="pair", kind="denial", score=1.0, explanation="x", scope="cross_article", a=old, b=new)

    monkeypatch.setattr("analysis.judge_statements", found)
    detect = register_detect(p)
    a, b = _st("a", 1, ["k"]), _st("b", 1, ["k"])
    monkeypatch.setattr(
        detect_module, "to_judge_all", lambda new, rings, *_: [(k, list(entries)) for k, entries in rings]
    )
    await detect(_Stream([_event(_message(a), 1), _event(_message(b), 2)]))
    assert p.topics.deadletter.sent == []
    sent = [ClaimLink.model_validate_json(v).contradiction for _, v in p.topics.claim_links.sent]
    assert [c.id for c in sent if c is not None] == ["pair"]  # sent once the broker was back
    ring = CandidateRing(p.tables.candidates, 10)
    assert [s.id for s in ring.candidates("k")] == [a.id, b.id]  # the retried message not stored twice


async def test_detect_stores_an_updated_statement_and_never_pairs_it_with_its_old_self(monkeypatch):
    p = _pipeline()
    judged: list[tuple[str, str]] = []

    def judge(old, new, min_score):
        judged.append((old.text, new.text))

    monkeypatch.setattr("analysis.judge_statements", judge)
    detect = register_detect(p)
    monkeypatch.setattr(
        detect_module, "to_judge_all", lambda new, rings, *_: [(k, list(entries)) for k, entries in rings]
    )
    old, other = _st("a", 1, ["k"], "a says one"), _st("b", 1, ["k"], "b says two")
    new = old.model_copy(update={"text": "a says three"})  # the article's next version: same id, other words
    events = [_event(_message(old), 1), _event(_message(other), 2), _event(_message(old), 3), _event(_message(new), 4)]
    await detect(_Stream(events))
    ring = CandidateRing(p.tables.candidates, 10)
    assert [s.text for s in ring.candidates("k")] == ["a says one", "b says two", "a says three"]  # replay not twice
    assert ("a says one", "a says three") not in judged and ("a says one", "a says one") not in judged
    assert ("b says two", "a says three") in judged
