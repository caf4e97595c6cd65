"""``detect``: each statement, in each of its blocks, against the recent statements of that block.

Input: ``BlockedStatements`` messages (one per article and partition, see ``streams.agents.extract``), each a list
of (blocking key, statement) placements whose keys this partition owns.

The table keeps a ring of the last ``analysis.candidates_per_key`` statements per key. A new statement is judged
only against the best of them, chosen by ``analysis.detect.place_all`` (all of the statement's keys in the message
at once), the very function the offline ``analyze`` uses, so the stream and ``analyze`` judge the same pairs: of
each ring's newest statements (its share of ``analysis.max_candidates``), the ones the judge could find nothing
with are dropped (a numpy pass over all the windows once they are large, ``analysis.prefilter``), the rest ranked,
and each key's share of ``analysis.judge_budget`` judged. Placing a statement costs one cheap pass over part of
the rings plus a bounded number of judgements per key, however large the store grows. Because every statement of a key
arrives on the partition that owns the key, a pair is compared whichever statement arrives first, on any worker.
A pair sharing several keys belongs to the smallest key they share, so it is judged and sent once, not per key.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import TYPE_CHECKING

import faust
from pydantic import ValidationError

from schemas import BlockedStatements, Contradiction, Statement

from ..context import Pipeline

if TYPE_CHECKING:  # the engine (and spaCy with it) is imported only when a ring is used
    from analysis.blocking import Profile, ProfileBlock

__all__ = ["CandidateRing", "register_detect", "should_emit", "slot_text", "to_judge_all"]

log = logging.getLogger(__name__)

_SEP = "\x1f"
# Longest stretch the detect agent runs without letting the event loop serve the other agents.
_YIELD_EVERY_S = 0.005


def should_emit(key: str, a: Statement, b: Statement) -> bool:
    """True when ``key`` is the smallest blocking key the two statements share (one emission per pair)."""
    from analysis.detect import emits

    return emits(key, frozenset(a.blocking_keys), frozenset(b.blocking_keys))


def _profile(statement: Statement) -> Profile:
    from analysis.blocking import profile

    return profile(statement, with_blocking=True)


def to_judge_all(
    new: Profile, rings: list[tuple[str, ProfileBlock]], budget: int, max_candidates: int
) -> list[tuple[str, list[Profile]]]:
    """(key, the ring entries to judge ``new`` against) for each of ``rings``: ``analysis.detect.place_all``."""
    from analysis.detect import place_all

    return place_all(new, rings, budget=budget, max_candidates=max_candidates)


def _read_slot(value: object) -> tuple[int, Statement] | None:
    """(sequence number, statement) of one ring slot, or None when it is not in this version's format.

    A slot is the JSON text ``{"n": ..., "s": {...}}``; one written as a JSON object (versions before
    ``slot_text``) is read too.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict) or not isinstance(value.get("n"), int) or not isinstance(value.get("s"), dict):
        return None
    try:
        return value["n"], Statement.model_validate(value["s"])
    except ValidationError:
        return None


def slot_text(n: int, statement_json: str) -> str:
    """The value of a ring slot: ``{"n": n, "s": statement}`` as JSON text (``statement_json``: the statement's own
    JSON, without default fields, made once for all of its keys)."""
    return f'{{"n":{n},"s":{statement_json}}}'


class CandidateRing:
    """Bounded ring of statements per key over a (Faust) table: slot ``<key>\\x1f<slot>`` holds ``{"n", "s"}``.

    One small changelog record per append: ``n`` is the append's sequence number within the key (slot ``n %
    size``), ``s`` the statement without its default fields. The table is the truth (it is what a restarted or
    rebalanced worker recovers; the order and the next ``n`` are rebuilt from the slots); parsed statements are
    mirrored in memory per key, with their ``analysis.blocking.Profile``, so a lookup does not re-read,
    re-validate or re-profile the ring. Call :meth:`forget` whenever partitions move.

    A slot's value is one string of JSON (:func:`slot_text`), not a nested dict: the table's in-memory store
    keeps every slot for as long as it is in a ring, and a dict tree per slot (~100 objects, several slots per
    statement) made Python's cyclic garbage collector walk millions of objects, ~20 % of a worker's CPU
    (docs/performance.md). One string is one object, and the statement's JSON is made once for all its keys.
    """

    def __init__(self, table, size: int) -> None:
        self.table = table
        self.size = size
        self._mirror: dict[str, ProfileBlock] = {}
        self._next: dict[str, int] = {}

    def forget(self) -> None:
        """Drop the in-memory mirror (after a rebalance the table may hold other data for a key)."""
        self._mirror.clear()
        self._next.clear()

    def _load(self, key: str) -> tuple[ProfileBlock, int]:
        from analysis.blocking import ProfileBlock

        # Slot 0 is the first one written: empty means a key never seen (most keys), one lookup.
        if self.table.get(f"{key}{_SEP}0") is None:
            return ProfileBlock(self.size), 0
        slots: list[tuple[int, Statement]] = []
        unreadable = 0
        for slot in range(self.size):
            value = self.table.get(f"{key}{_SEP}{slot}")
            if value is None:
                break  # slots fill in order: the ring has not wrapped yet
            read = _read_slot(value)
            if read is None:
                unreadable += 1
            else:
                slots.append(read)
        if unreadable:
            # A slot written by another version, or damaged: skipping it loses one candidate, crashing on it
            # would stop the agent on every restart (the changelog replays it).
            log.warning("ring_slots_unreadable key=%s unreadable=%d kept=%d", key, unreadable, len(slots))
        slots.sort(key=lambda v: v[0])
        entries = ProfileBlock(self.size, (_profile(statement) for _, statement in slots))
        # without a readable slot, restart the sequence after every slot seen: nothing readable is overwritten first
        nxt = slots[-1][0] + 1 if slots else unreadable
        return entries, nxt

    def entries(self, key: str) -> ProfileBlock:
        """Profiles of the statements in the ring of ``key`` (``.statement``, ``.blocking``, ...), oldest first."""
        entries = self._mirror.get(key)
        if entries is None:
            entries, self._next[key] = self._load(key)
            self._mirror[key] = entries
        return entries

    def candidates(self, key: str) -> list[Statement]:
        return [p.statement for p in self.entries(key)]

    def add(
        self, key: str, statement: Statement, prof: Profile | None = None, statement_json: str | None = None
    ) -> None:
        """Append ``statement`` to the ring of ``key`` (``prof``: its profile, ``statement_json``: its JSON without
        default fields, when the caller has them already)."""
        entries = self.entries(key)
        n = self._next[key]
        if statement_json is None:
            statement_json = statement.model_dump_json(exclude_defaults=True)
        self.table[f"{key}{_SEP}{n % self.size}"] = slot_text(n, statement_json)
        self._next[key] = n + 1
        entries.append(prof if prof is not None and prof.blocking is not None else _profile(statement))


def _by_statement(placements: list[tuple[str, Statement]]) -> list[tuple[Statement, list[str]]]:
    """Consecutive placements of one statement grouped: (statement, its keys here), keys it lacks left out."""
    groups: list[tuple[Statement, list[str]]] = []
    for key, statement in placements:
        if key not in statement.blocking_keys:
            continue  # not a key of this statement: nothing to place
        if groups and groups[-1][0] is statement:
            groups[-1][1].append(key)
        else:
            groups.append((statement, [key]))
    return groups


def register_detect(p: Pipeline) -> faust.types.AgentT:
    """Declare the ``detect`` agent on the pipeline's app."""
    app, metrics = p.app, p.metrics
    min_score = p.settings.analysis.min_score
    budget = p.settings.analysis.judge_budget
    max_candidates = p.settings.analysis.max_candidates
    ring = CandidateRing(p.tables.candidates, p.settings.analysis.candidates_per_key)

    @app.on_partitions_revoked.connect
    async def _forget_on_revoke(_app, revoked, **_kw) -> None:  # noqa: ANN001 - faust signal signature
        ring.forget()

    @app.on_rebalance_complete.connect
    async def _forget_on_assign(_app, **_kw) -> None:  # noqa: ANN001
        ring.forget()

    @app.agent(p.topics.statements, name="detect")
    async def detect(stream: faust.StreamT) -> None:
        from analysis import judge_statements

        async for event in stream.events():
            started = time.monotonic()
            try:
                message = BlockedStatements.model_validate_json(event.value)
                placements = [(key, message.statements[i]) for key, i in message.placements]
            except (ValidationError, IndexError) as exc:
                await p.dead_letter(
                    stage="detect", reason="processing_error", error=str(exc), payload=event.value, event=event
                )
                continue
            metrics.records_in.labels("detect").inc(len(placements))
            found: list[Contradiction] = []
            yielded = started
            # Placements come statement by statement (keys sorted): each statement is placed in all of its
            # keys here at once, then appended to their rings, before the next statement of the article.
            for new, keys in _by_statement(placements):
                mine = _profile(new)
                rings = [(key, ring.entries(key)) for key in keys]
                for _key, entries in rings:
                    metrics.candidates.observe(len(entries))
                for key, candidates in to_judge_all(mine, rings, budget, max_candidates):
                    for candidate in candidates:
                        old = candidate.statement
                        try:
                            result = judge_statements(old, new)
                        except Exception as exc:  # noqa: BLE001 - an engine bug on one pair must not stop the stream
                            log.exception("judge_failed key=%s a=%s b=%s error=%s", key, old.id, new.id, exc)
                            continue
                        if result is not None and result.score >= min_score:
                            found.append(result)
                dumped = None
                for key, entries in rings:
                    # redelivered after a crash: compare again (idempotent), do not store twice
                    if not entries.holds(new.id):
                        dumped = dumped or new.model_dump_json(exclude_defaults=True)
                        ring.add(key, new, mine, dumped)
                # A message holds an article's placements on this partition (~30 on 6 partitions): let the
                # event loop serve the other agents every few milliseconds, so detect never holds up newer
                # articles (yielding after every statement cost more loop turns than it saved).
                if time.monotonic() - yielded > _YIELD_EVERY_S:
                    await asyncio.sleep(0)
                    yielded = time.monotonic()
            for c in found:
                await p.topics.contradictions.send(
                    key=c.id.encode(), value=c.model_dump_json().encode(), timestamp=event.message.timestamp
                )
                metrics.contradictions.labels(c.kind).inc()
            metrics.records_out.labels("detect").inc(len(found))
            metrics.stage_seconds.labels("detect").observe(time.monotonic() - started)

    return detect
