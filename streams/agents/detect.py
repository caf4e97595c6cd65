"""``detect``: each statement, in each of its blocks, against the recent statements of that block.

Input: ``BlockedStatements`` messages (one per extract batch and partition, see ``streams.agents.extract``), each
a list of (blocking key, statement) placements whose keys this partition owns.

The table keeps a ring of the last ``analysis.candidates_per_key`` statements per key (:class:`CandidateRing`: one
table record per message, its batch). A new statement is judged
only against the best of them, chosen by ``analysis.detection.place_all`` (all of the statement's keys in the message
at once), the very function the offline ``analyze`` uses, so the stream and ``analyze`` judge the same pairs: of
each ring's newest statements (its share of ``analysis.max_candidates``), the ones the judge could find nothing
with are dropped (a numpy pass over all the windows once they are large, ``analysis.prefilter``), the rest ranked,
and each key's share of ``analysis.judge_budget`` judged. Placing a statement costs one cheap pass over part of
the rings plus a bounded number of judgements per key, however large the store grows. Because every statement of a key
arrives on the partition that owns the key, a pair is compared whichever statement arrives first, on any worker.
A pair sharing several keys belongs to the smallest key they share, so it is judged and sent once, not per key.

The rings forget what is older than ``worker.candidates_window_s`` (:meth:`CandidateRing.expire`): a key nobody
wrote to within the window leaves no state behind, so the table and its replay after a restart stay bounded.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import faust
from pydantic import BaseModel, ValidationError

from schemas import BlockedStatements, ClaimLink, Contradiction, Statement

from ..context import PipelineContext
from ..dedupe import purge_interval
from ..guard import guarded
from .claims import find_links, send_links

if TYPE_CHECKING:  # the engine (and spaCy with it) is imported only when a ring is used
    from analysis.blocking import Profile, ProfileBlock

__all__ = [
    "CandidateRing",
    "RecentProfiles",
    "batch_key",
    "batch_text",
    "register_detect",
    "should_emit",
    "slot_text",
    "to_judge_all",
]

log = logging.getLogger(__name__)

_SEP = "\x1f"  # per-slot records (the format before batches): "<key>\x1f<slot>"
_BATCH = "\x1e"  # batch records: "\x1e<partition>:<offset>" (never a blocking key's first character)
_first = itemgetter(0)
# Longest stretch the detect agent runs without letting the event loop serve the other agents.
_YIELD_EVERY_S = 0.005
# Farthest a message's timestamp may set the rings' clock ahead of this machine's.
MAX_AHEAD_S = 60.0


def should_emit(key: str, a: Statement, b: Statement) -> bool:
    """True when ``key`` is the smallest blocking key the two statements share (one emission per pair)."""
    from analysis.detection import emits

    return emits(key, frozenset(a.blocking_keys), frozenset(b.blocking_keys))


def _profile(statement: Statement) -> Profile:
    from analysis.blocking import profile

    return profile(statement, with_blocking=True)


class RecentProfiles:
    """Profiles of the last ``size`` statements placed, by statement id.

    A statement reaches a worker once per partition of its keys that the worker owns (~2 on 6 partitions and 2
    workers), each time in another message: its profile is made once. A copy is used only when it equals the
    statement (an article re-published under the same id gets new statements with the same ids).
    """

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._by_id: dict[str, Profile] = {}

    def get(self, statement: Statement) -> Profile:
        prof = self._by_id.get(statement.id)
        if prof is not None and prof.statement == statement:
            return prof
        prof = self._by_id[statement.id] = _profile(statement)
        if len(self._by_id) > self.size:
            del self._by_id[next(iter(self._by_id))]  # the oldest id (dicts keep insertion order)
        return prof


def to_judge_all(
    new: Profile, rings: list[tuple[str, ProfileBlock]], budget: int, max_candidates: int
) -> list[tuple[str, list[Profile]]]:
    """(key, the ring entries to judge ``new`` against) for each of ``rings``: ``analysis.detection.place_all``."""
    from analysis.detection import place_all

    return place_all(new, rings, budget=budget, max_candidates=max_candidates)


def _read_slot(value: object) -> tuple[int, Statement] | None:
    """(sequence number, statement) of one ring slot of the per-slot format (versions before batches), or None.

    A slot is the JSON text ``{"n": ..., "s": {...}}``, or that as a JSON object (versions before ``slot_text``).
    """
    text = _text(value)
    if text is not None:
        try:
            value = json.loads(text)
        except ValueError:
            return None
    if not isinstance(value, dict) or not isinstance(value.get("n"), int) or not isinstance(value.get("s"), dict):
        return None
    try:
        return value["n"], Statement.model_validate(value["s"])
    except ValidationError:
        return None


def slot_text(n: int, statement_json: str) -> str:
    """A ring slot of the per-slot format that versions before batches wrote: ``{"n": n, "s": statement}``.

    Still read (:func:`_read_slot`), never written; kept to write such slots in tests of the upgrade path.
    """
    return f'{{"n":{n},"s":{statement_json}}}'


def batch_key(partition: int, offset: int) -> str:
    """Table key of the batch written for the message at ``offset`` of statements partition ``partition``."""
    return f"{_BATCH}{partition}:{offset}"


def batch_text(placements: list[tuple[str, int, int]], statements: str, at: float | None = None) -> str:
    """A batch record: a first line of ``[[key, n, i], ...]`` (ring key, sequence number in that ring, index of
    the statement), then ``statements``: one line of JSON, an object whose ``"statements"`` are the statements
    ``i`` points into (the ``BlockedStatements`` message itself, as received).

    With ``at`` (the message's time, epoch seconds; rings with a window) the first line is
    ``{"t": at, "p": [[key, n, i], ...]}``."""
    header = placements if at is None else {"t": at, "p": placements}
    return f"{json.dumps(header, separators=(',', ':'))}\n{statements}"


class _Statements(BaseModel):
    """The second line of a batch record: any object with the statements its placements point into."""

    statements: list[Statement]


def _partition_of(table_key: str) -> int | None:
    try:
        return int(table_key[len(_BATCH) :].split(":", 1)[0])
    except ValueError:
        return None


class CandidateRing:
    """A bounded ring of recent statements per blocking key, over a (Faust) table of batches.

    Each message's placements are stored as **one** table record, its batch (key :func:`batch_key`, value
    :func:`batch_text`): each statement's JSON once, and for each placement its ring key and its sequence number
    ``n`` in that ring. One record per message instead of one per placement: a few changelog records per article
    instead of one per placement (docs/performance.md, "Figures behind the defaults"), each statement once per
    partition instead of once per key, and a message's ring updates land together or not at all. A batch is
    deleted (a tombstone) once no ring holds any of its placements any more.

    The table is the truth: after a restart or a rebalance (call :meth:`forget`), the first lookup reads the first
    line of every batch in the table and keeps, per key, the ``size`` placements with the highest ``n``; a
    statement is parsed when its key is first used. Parsed statements are mirrored in memory per key, with their
    ``analysis.blocking.Profile``, in a ``ProfileBlock``. Slots of the older one-record-per-placement format
    (``<key>\x1f<slot>``, :func:`slot_text`) are read too, and deleted once out of their ring.

    Use: :meth:`begin` with the message's partition and offset, :meth:`entries` and :meth:`add` for its
    placements, :meth:`write` at its end. Table writes and deletions go to the changelog partition of the message
    being processed; that is right because every key used in between belongs to that partition (a key's
    statements all arrive on the partition that owns it), and so does every batch a ring entry comes from.
    """

    # table: a Faust table, or any mutable mapping
    def __init__(self, table, size: int, window_s: float | None = None) -> None:
        self.table = table
        self.size = size
        # Batches older than this (by their message's Kafka timestamp) are dropped: see expire(). None: never.
        self.window_s = window_s
        self._times: dict[str, float] = {}  # batch -> its message's time (batches written with a window only)
        self._clock: tuple[float, float] | None = None  # (newest message time seen, time.monotonic() then)
        self._at: float | None = None  # the open batch's message time
        self._expire_due = 0.0  # time.monotonic() of the next expiry begin() runs
        self._mirror: dict[str, ProfileBlock] = {}
        self._owners: dict[str, deque[str]] = {}  # key -> table key holding each of its ring entries, oldest first
        self._next: dict[str, int] = {}  # key -> sequence number of its next placement
        self._refs: dict[str, int] = {}  # batch -> ring entries it holds
        self._index: dict[str, list[tuple[int, str, int]]] | None = None  # key -> (n, table key, i), not parsed yet
        # batch -> its statements once parsed, and the profiles made of them (one per statement, shared by its keys)
        self._parsed: dict[str, tuple[list[Statement], dict[int, Profile]]] = {}
        self._legacy: dict[str, Statement] = {}  # per-slot table key -> its statement, until its key is used
        self._stale: dict[str, list[str]] = {}  # key -> its per-slot table keys to delete when the key is next used
        self._orphans: dict[int, list[str]] = {}  # partition -> its batches no ring holds (seen on loading)
        self._doomed: list[str] = []  # table keys to delete at the next write
        self._batch: tuple[int, str] | None = None  # (partition, table key) of the open batch
        self._staged: list[tuple[str, int, int]] = []
        self._message: str | None = None  # the open batch's message, as received
        self._staged_json: list[str] = []  # without a message: the JSON of each statement added
        self._staged_ids: dict[str, int] = {}

    def forget(self) -> None:
        """Drop the in-memory mirror (after a rebalance the table may hold other data for a key); the next lookup
        reloads from the table. An open batch stays open: what it staged is still written by :meth:`write`."""
        self._mirror.clear()
        self._owners.clear()
        self._next.clear()
        self._refs.clear()
        self._index = None
        self._parsed.clear()
        self._legacy.clear()
        self._stale.clear()
        self._orphans.clear()
        self._times.clear()

    def abort(self) -> None:
        """Give up the open batch after an error half-way through a message: what it staged is not written, and
        the mirror (which may hold its placements, or lack entries it released) is dropped; the next lookup
        reloads from the table, which only :meth:`write` changes. Harmless when no batch is open."""
        if self._batch is not None or self._staged:
            log.warning("ring_batch_aborted batch=%r placements=%d", self._batch, len(self._staged))
        self._clear_batch()
        self.forget()

    def _clear_batch(self) -> None:
        self._doomed = []
        self._batch = None
        self._at = None
        self._message = None
        self._staged, self._staged_json, self._staged_ids = [], [], {}

    # -- loading ---------------------------------------------------------------------------------------------

    def _build_index(self) -> dict[str, list[tuple[int, str, int]]]:
        """Per key, the newest ``size`` placements the table holds, oldest first; counts what each batch holds."""
        slots: dict[str, list[tuple[int, str, int]]] = {}
        unreadable: dict[str, list[str]] = {}
        batches: list[str] = []
        bad_batches = 0
        cutoff = None if self.window_s is None else self.clock() - self.window_s
        # Streamed, not listed: with a RocksDB store the values are read one by one from disk instead of all
        # held at once (5.5 GB for 10^6 stored statements; nothing here writes to the table meanwhile).
        for table_key, value in self.table.items():
            if not isinstance(table_key, str):
                continue
            if table_key.startswith(_BATCH):
                batches.append(table_key)
                header, at = _header_and_time(value)
                if header is None:
                    bad_batches += 1
                    continue
                if at is not None:
                    self._times[table_key] = at
                    if cutoff is not None and at < cutoff:
                        continue  # past the window: held by no ring, deleted as an orphan (or by expire())
                for key, n, i in header:
                    slots.setdefault(key, []).append((n, table_key, i))
            elif _SEP in table_key:
                key = table_key.rsplit(_SEP, 1)[0]
                read = _read_slot(value)
                if read is None:
                    unreadable.setdefault(key, []).append(table_key)
                else:
                    self._legacy[table_key] = read[1]
                    slots.setdefault(key, []).append((read[0], table_key, -1))
        if bad_batches or unreadable:
            # Another version's format, or damaged: skipping it loses candidates, crashing on it would stop the
            # agent on every restart (the changelog replays it).
            log.warning(
                "ring_slots_unreadable batches=%d slots=%d", bad_batches, sum(len(v) for v in unreadable.values())
            )
        self._stale.update(unreadable)
        for key, held in slots.items():
            held.sort(key=_first)
            self._next[key] = max(self._next.get(key, 0), held[-1][0] + 1)
            if len(held) > self.size:
                self._stale.setdefault(key, []).extend(t for _, t, i in held[: -self.size] if i < 0)
                del held[: -self.size]
            for _, table_key, i in held:
                if i >= 0:
                    self._refs[table_key] = self._refs.get(table_key, 0) + 1
        for table_key in batches:
            partition = _partition_of(table_key)
            if table_key not in self._refs and partition is not None:
                self._orphans.setdefault(partition, []).append(table_key)
        return slots

    def _profile_at(self, table_key: str, i: int) -> Profile | None:
        if i < 0:  # a slot of the per-slot format
            statement = self._legacy.pop(table_key, None)
            return None if statement is None else _profile(statement)
        parsed = self._parsed.get(table_key)
        if parsed is None:
            try:
                statements = _Statements.model_validate_json(_second_line(self.table.get(table_key))).statements
            except ValidationError:
                statements = []
            parsed = self._parsed[table_key] = (statements, {})
        statements, profiles = parsed
        if not 0 <= i < len(statements):
            return None
        prof = profiles.get(i)
        if prof is None:
            prof = profiles[i] = _profile(statements[i])
        return prof

    def entries(self, key: str) -> ProfileBlock:
        """Profiles of the statements in the ring of ``key`` (``.statement``, ``.blocking``, ...), oldest first."""
        entries = self._mirror.get(key)
        if entries is not None:
            return entries
        from analysis.blocking import ProfileBlock

        if self._index is None:
            self._index = self._build_index()
        entries = self._mirror[key] = ProfileBlock(self.size)
        owners = self._owners[key] = deque()
        self._next.setdefault(key, 0)
        lost = 0
        for _n, table_key, i in self._index.pop(key, ()):
            prof = self._profile_at(table_key, i)
            if prof is None:
                lost += 1
                self._release(table_key)
                continue
            entries.append(prof)
            owners.append(table_key)
        if lost:
            log.warning("ring_slots_unreadable key=%s unreadable=%d kept=%d", key, lost, len(entries))
        self._doomed.extend(self._stale.pop(key, ()))
        return entries

    def candidates(self, key: str) -> list[Statement]:
        return [p.statement for p in self.entries(key)]

    # -- writing -----------------------------------------------------------------------------------------------

    def begin(self, partition: int, offset: int, message: str | None = None, at: float | None = None) -> None:
        """Open the batch of the message at ``offset`` of statements partition ``partition``; ``message``: its
        JSON as received (stored as is, and :meth:`add` then takes each statement's index in it); ``at``: its
        Kafka timestamp (epoch seconds; the ring's clock and, with a window, the batch's age)."""
        if self._staged:
            # the last message never reached write() (it failed half-way): its entries are in the mirror, not in
            # the table; start again from the table
            log.warning("ring_batch_abandoned batch=%r placements=%d", self._batch, len(self._staged))
            self._clear_batch()
            self.forget()
        at = at or None  # a record without a timestamp (0): the ring's clock
        if at is not None:
            # a producer's clock far ahead must not age (and drop) every statement stored before it
            at = min(at, time.time() + MAX_AHEAD_S)
        if at is not None and (self._clock is None or at > self.clock()):
            self._clock = (at, time.monotonic())
        if self.window_s is not None and time.monotonic() >= self._expire_due:
            self._expire_due = time.monotonic() + purge_interval(self.window_s)
            self.expire(partition=partition, keep=batch_key(partition, offset))
        self._batch = (partition, batch_key(partition, offset))
        self._at = (at if at is not None else self.clock()) if self.window_s is not None else None
        self._message = message if message is not None and "\n" not in message else None

    def clock(self) -> float:
        """The ring's time: the newest message time seen, advanced by the wall-clock time elapsed since it (so
        a backlog replayed days later ages by its own timestamps); ``time.time()`` before any message."""
        if self._clock is None:
            return time.time()
        at, then = self._clock
        return at + (time.monotonic() - then)

    def expire(self, now: float | None = None, *, partition: int | None = None, keep: str | None = None) -> int:
        """Drop every batch older than the window (``now``: default :meth:`clock`) from the rings and the
        store; return how many. A key whose entries all expired leaves nothing behind (not even its sequence).

        Batches of ``partition`` (the message being opened) are deleted at :meth:`write`, through the table, so
        their changelog gets a tombstone; others only from the local store (no event: Faust cannot write their
        changelog), whose retention (``worker.candidates_window_s``) drops them, and a restarted worker skips
        any it still reads. ``keep``: a batch key never dropped here (the message being opened again).
        Never in the middle of a message (returns 0 then)."""
        if self.window_s is None or self._batch is not None:
            return 0
        if self._index is None:
            self._index = self._build_index()
        cutoff = (self.clock() if now is None else now) - self.window_s
        gone = {k for k, at in self._times.items() if at < cutoff and k != keep}
        if not gone:
            return 0
        for table_key in gone:
            del self._times[table_key]
            self._refs.pop(table_key, None)
            self._parsed.pop(table_key, None)
        from analysis.blocking import ProfileBlock

        for key in list(self._owners):
            owners = self._owners[key]
            if not any(owner in gone for owner in owners):
                continue
            kept = [(owner, prof) for owner, prof in zip(owners, self._mirror[key], strict=True) if owner not in gone]
            if kept:
                self._owners[key] = deque(owner for owner, _ in kept)
                self._mirror[key] = ProfileBlock(self.size, (prof for _, prof in kept))
            else:
                del self._owners[key], self._mirror[key]
                self._next.pop(key, None)
        for key in list(self._index):
            held = [h for h in self._index[key] if h[1] not in gone]
            if held:
                self._index[key] = held
            else:
                del self._index[key]
                if key not in self._mirror:
                    self._next.pop(key, None)
        store = getattr(self.table, "data", self.table)  # a Faust table's local store, or the mapping itself
        for table_key in gone:
            if partition is not None and _partition_of(table_key) == partition:
                self._doomed.append(table_key)  # (begin() keeps _doomed: it is cleared before)
            else:
                store.pop(table_key, None)
        log.info("candidates_expired batches=%d kept=%d", len(gone), len(self._times))
        return len(gone)

    def add(self, key: str, statement: Statement, prof: Profile | None = None, index: int | None = None) -> None:
        """Append ``statement`` to the ring of ``key`` (``prof``: its profile, when the caller has it already;
        ``index``: its index in the message given to :meth:`begin`); stored by :meth:`write` in the batch
        :meth:`begin` opened."""
        if self._batch is None:
            raise RuntimeError("CandidateRing.add outside a batch: call begin(partition, offset) first")
        batch = self._batch[1]
        entries = self.entries(key)
        owners = self._owners[key]
        n = self._next[key]
        self._next[key] = n + 1
        if self._message is not None:
            if index is None:
                raise ValueError("CandidateRing.add: the batch has a message, give the statement's index in it")
            i = index
        else:
            staged = self._staged_ids.get(statement.id)
            if staged is None:
                staged = self._staged_ids[statement.id] = len(self._staged_json)
                self._staged_json.append(statement.model_dump_json(exclude_defaults=True))
            i = staged
        self._staged.append((key, n, i))
        if len(entries) >= self.size and owners:
            self._release(owners.popleft())
        entries.append(prof if prof is not None and prof.blocking is not None else _profile(statement))
        owners.append(batch)
        self._refs[batch] = self._refs.get(batch, 0) + 1

    def _release(self, table_key: str) -> None:
        """One ring entry of ``table_key`` is gone: a batch holding no more, or a per-slot record, is deleted."""
        if table_key.startswith(_BATCH):
            left = self._refs.get(table_key, 0) - 1
            if left > 0:
                self._refs[table_key] = left
                return
            self._refs.pop(table_key, None)
            self._parsed.pop(table_key, None)  # (its profiles stay shared with the blocks that hold them)
        self._doomed.append(table_key)

    def write(self) -> None:
        """Store the open batch (what :meth:`add` appended since :meth:`begin`) and delete the batches and slots
        no ring holds any more. Call it once per message, at its end."""
        if self._batch is None:
            raise RuntimeError("CandidateRing.write outside a batch: call begin(partition, offset) first")
        partition, key = self._batch
        doomed = [*self._doomed, *self._orphans.pop(partition, ())]
        if self._staged and self._refs.get(key, 0) > 0:
            placements = self._staged
            if self._message is not None:
                statements = self._message
            else:
                statements = '{"statements":[' + ",".join(self._staged_json) + "]}"
            before = self.table.get(key)
            if before is not None:
                # the same message again (a replay after a crash) while its batch still holds ring entries: keep
                # them, add the new placements after them
                old_header = _header(before) or []
                if self._message is None:  # statements stored one by one: the new ones after the old ones
                    old = json.loads(_second_line(before) or "{}").get("statements") or []
                    placements = [(k, n, i + len(old)) for k, n, i in placements]
                    statements = json.dumps({"statements": [*old, *map(json.loads, self._staged_json)]})
                placements = [*old_header, *placements]
                self._parsed.pop(key, None)
            self.table[key] = batch_text(placements, statements, self._at)
            if self._at is not None:
                self._times[key] = self._at
        for table_key in dict.fromkeys(doomed):
            if table_key.startswith(_BATCH) and self._refs.get(table_key, 0) > 0:
                continue  # released, then held again by this batch's placements (a replay)
            if self.table.get(table_key) is not None:
                del self.table[table_key]
        self._clear_batch()


def _text(value: object) -> str | None:
    """A table value as text (a changelog may hand back bytes), or None when it is neither."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else None


def _second_line(value: object) -> str:
    text = _text(value)
    return text.partition("\n")[2] if text is not None else ""


def _header(value: object) -> list[tuple[str, int, int]] | None:
    """The placements of a batch record, or None when it is not one (reads the first line only)."""
    return _header_and_time(value)[0]


def _header_and_time(value: object) -> tuple[list[tuple[str, int, int]] | None, float | None]:
    """(placements, time) of a batch record; the time is None in records written without a window."""
    text = _text(value)
    if text is None:
        return None, None
    try:
        header = json.loads(text.partition("\n")[0])
    except ValueError:
        return None, None
    at = None
    if isinstance(header, dict):
        at = header.get("t")
        if not isinstance(at, int | float) or isinstance(at, bool):
            return None, None
        header = header.get("p")
    placements = _placements(header)
    return placements, (float(at) if placements is not None and at is not None else None)


def _placements(header: object) -> list[tuple[str, int, int]] | None:
    if not isinstance(header, list):
        return None
    placements = []
    for item in header:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)):
            return None
        key, n, i = item
        if not (isinstance(n, int) and isinstance(i, int)) or n < 0 or i < 0:
            return None
        placements.append((key, n, i))
    return placements


def _holds_same(entries: ProfileBlock, statement: Statement) -> bool:
    """Whether the ring holds ``statement`` itself (same id and same content)."""
    return entries.holds(statement.id) and any(p.statement == statement for p in entries)


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


def register_detect(p: PipelineContext) -> faust.types.AgentT:
    """Declare the ``detect`` agent on the pipeline's app."""
    app, metrics = p.app, p.metrics
    min_score = p.settings.analysis.min_score
    budget = p.settings.analysis.judge_budget
    max_candidates = p.settings.analysis.max_candidates
    window_s = p.settings.worker.candidates_window_s
    ring = CandidateRing(p.tables.candidates, p.settings.analysis.candidates_per_key, window_s)
    recent = RecentProfiles()

    @app.timer(purge_interval(window_s), name="candidates-expire")
    async def expire_candidates() -> None:
        # An idle worker forgets too (begin() expires only when messages come). Between messages only: expire()
        # does nothing while a message is open. An exception in a Faust timer crashes the worker: only logged.
        try:
            ring.expire()
        except Exception:  # the next run tries again
            log.warning("candidates_expire_failed", exc_info=True)

    # mode types a receiver with mypy_extensions' VarArg/NamedArg, which mypy matches to no async def
    @app.on_partitions_revoked.connect  # type: ignore[arg-type]
    async def _forget_on_revoke(_app: Any, revoked: Any, **_kw: Any) -> None:
        ring.forget()

    @app.on_rebalance_complete.connect  # type: ignore[arg-type]
    async def _forget_on_assign(_app: Any, **_kw: Any) -> None:
        ring.forget()

    async def handle(event: faust.EventT) -> None:
        """One ``BlockedStatements`` message: place its statements, judge them, update the rings, send what is
        found. A malformed message is dead-lettered here; anything else it raises is :func:`guarded`'s."""
        from analysis import judge_statements

        started = time.monotonic()
        try:
            message = BlockedStatements.model_validate_json(event.value)
            placements = [(key, message.statements[i]) for key, i in message.placements]
            index_of = {id(statement): i for i, statement in enumerate(message.statements)}
        except (ValidationError, IndexError) as exc:
            await p.dead_letter(
                stage="detect", reason="processing_error", error=str(exc), payload=event.value, event=event
            )
            return
        metrics.records_in.labels("detect").inc(len(placements))
        found: list[Contradiction] = []
        links: list[ClaimLink] = []
        yielded = started
        raw = _text(event.value)
        # the batch stores the message as received: no statement is serialised again
        ring.begin(event.message.partition, event.message.offset, raw, event.message.timestamp)
        # Placements come statement by statement (keys sorted): each statement is placed in all of its
        # keys here at once, then appended to their rings, before the next statement of the message.
        for new, keys in _by_statement(placements):
            mine = recent.get(new)
            rings = [(key, ring.entries(key)) for key in keys]
            for _key, entries in rings:
                metrics.candidates.observe(len(entries))
            for key, candidates in to_judge_all(mine, rings, budget, max_candidates):
                for candidate in candidates:
                    old = candidate.statement
                    if old.id == new.id:
                        continue  # itself (a replay), or its article's earlier version: never a pair
                    try:
                        result = judge_statements(old, new, min_score)
                    except Exception as exc:  # an engine bug on one pair must not stop the stream
                        log.exception("judge_failed key=%s a=%s b=%s error=%s", key, old.id, new.id, exc)
                        continue
                    if result is not None and result.score >= min_score:
                        found.append(result)
            # the claim ledger: links to what this statement states again, before it joins the rings (as the
            # offline ledger links before adding to its index)
            try:
                links.extend(find_links(mine, rings, max_candidates))
            except Exception as exc:  # an engine bug on one statement must not stop the stream
                log.exception("link_failed b=%s error=%s", new.id, exc)
            for key, entries in rings:
                # redelivered after a crash: compare again (idempotent), do not store twice; a statement of an
                # updated article under the same id with other words is stored (the old one ages out of the ring)
                if not _holds_same(entries, new):
                    ring.add(key, new, mine, index_of[id(new)])
            # A message holds a batch's placements on this partition (~30 per article on 6 partitions): let
            # the event loop serve the other agents every few milliseconds, so detect never holds up newer
            # articles (yielding after every statement cost more loop turns than it saved).
            if time.monotonic() - yielded > _YIELD_EVERY_S:
                await asyncio.sleep(0)
                yielded = time.monotonic()
        ring.write()  # the message's ring updates as one table record (and what no ring holds any more deleted)
        # contradictions go to the claims agent with the links; it forwards them, with their claim id
        await send_links(p, links, found, event.message.timestamp)
        for c in found:
            metrics.contradictions.labels(c.kind).inc()
        metrics.records_out.labels("detect").inc(len(found))
        metrics.stage_seconds.labels("detect").observe(time.monotonic() - started)

    @app.agent(p.topics.statements, name="detect")
    async def detect(stream: faust.StreamT) -> None:
        # Whatever one message raises (ring bookkeeping, a send), it is logged with its partition and offset and
        # dead-lettered, and the agent goes on; Kafka being down is waited out (streams.guard). A failed try may
        # leave the ring's mirror half-updated: abort() drops it, the table (written only by write()) is the truth.
        async for event in stream.events():
            await guarded(p, "detect", event, handle, on_error=ring.abort)

    return detect
