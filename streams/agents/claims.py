"""``claims``: the claim ledger in the stream, kept as statements arrive.

The detect agent links each new statement to the stored statements of its rings that state the same proposition
(:func:`find_links`, ``analysis.ledger.link_candidates`` and the learned linker: the pairs the offline
``contraflow claims`` scores), and sends every contradiction it finds as a link too, to the internal topic of
claim links (one partition: a claim may span keys of every partition). This agent keeps the components in a
table: ``s\\x1f<statement id>`` -> the smallest statement id of its claim (the root), ``c\\x1f<root>`` -> the
claim's statements and contradictions. Each link merges two claims (or starts one); the claim record is then a
pure function of its statements (``analysis.ledger.build_claim``), written, and the stored statements whose claim
changed get its ``claim_id`` in place (never re-created: an article update may have removed one); a claim
merged into another is deleted. The contradictions
are forwarded to the ``contradictions`` topic from here, with their claim id, so the one agent that indexes them
writes them once. A replayed link changes no state and rewrites the same documents.

An article written again (a new version, or a replayed extract batch) sends an ``ArticleRevision`` to the same
topic once its statements are written (:func:`send_revisions`): its statements that claims hold and that it no
longer says leave them, the ones it still says get their ``claim_id`` again (the write cleared it), so a replay
changes nothing (:func:`streams.claims_table.revise_article`). Claims nobody touched for
``worker.claims_window_s`` leave the table, not Elasticsearch (:func:`streams.claims_table.expire_claims`). The
table's layout is described in :mod:`streams.claims_table`.

Links and revisions come in batches (``worker.batch_size``, ``worker.batch_within_s``): each is applied to the
table in order, and what the batch changed is written once (:class:`ClaimWrites`: a claim touched by ten links
is one document, the statements' claim ids one request), after the table and before the batch is acked; a
failed write is retried alone, without applying the links again. What a merge left to write stays in the table
until then (:func:`streams.claims_table.note_pending`): a link read again after a crash writes it too.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
import weakref
from collections.abc import Awaitable, Callable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import faust
from pydantic import TypeAdapter, ValidationError

from schemas import ArticleRevision, Claim, ClaimLink, Contradiction, Statement

from ..claims_table import (
    C,
    S,
    W,
    confirm_written,
    content_digest,
    expire_claims,
    is_stale,
    load_claim,
    note_members,
    note_pending,
    pending_of,
    revise_article,
    save_claim,
)
from ..context import PipelineContext
from ..dedupe import purge_interval

if TYPE_CHECKING:
    from analysis.blocking import Profile, ProfileBlock

__all__ = ["ClaimUpdate", "ClaimWrites", "apply_link", "find_links", "register_claims", "send_links", "send_revisions"]

log = logging.getLogger(__name__)


def find_links(new: Profile, rings: Sequence[tuple[str, ProfileBlock]], max_candidates: int) -> list[ClaimLink]:
    """Links of ``new`` to the ring entries the linker pairs it with (the rings of this partition's keys)."""
    from analysis.ledger import link_candidates, link_score, load_link_model

    model = load_link_model()
    out = []
    for other in link_candidates(new, rings, max_candidates=max_candidates):
        if link_score(other.statement, new.statement, model) >= model.threshold:
            out.append(ClaimLink(a=other.statement, b=new.statement))
    return out


@dataclass
class ClaimUpdate:
    """What one link changes: the claim to write (None: the link's statements take no stance), the statements and
    contradictions to write with its id, and the ids of claims merged into it (to delete)."""

    claim: Claim | None
    statements: list[Statement] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # root -> its record of unconfirmed writes (streams.claims_table.note_pending), to forget once written
    pending: dict[str, str] = field(default_factory=dict)


def apply_link(
    table: MutableMapping[str, Any], link: ClaimLink, now: float | None = None, writer: str = ""
) -> ClaimUpdate:
    """Merge the claims of ``link``'s two statements in ``table`` and return what to write.

    Order-free: whatever order the links of a component come in, it ends with the same root (its smallest
    statement id), members and contradictions, so the same claim record. ``now``: when the claim was last seen
    (epoch seconds, default the clock), for :func:`streams.claims_table.expire_claims`. ``writer``: the agent's
    token; what earlier merges of the same token left unconfirmed is on its way and not written again (without
    one, everything unconfirmed is).
    """
    from analysis.ledger import build_claim, claim_id, claim_statement

    a, b, c = link.a, link.b, link.contradiction
    if a.id == b.id or claim_statement(a) is None or claim_statement(b) is None:
        return ClaimUpdate(None, contradictions=[c] if c is not None else [])
    if is_stale(table, a) or is_stale(table, b):
        # a statement its article, written again since, no longer says (the detect rings may still hold it): the
        # index agent drops such a contradiction too (streams.versions.current_contradictions)
        return ClaimUpdate(None, contradictions=[c] if c is not None else [])
    roots = {table.get(S + s.id) or s.id for s in (a, b)}
    members: dict[str, str] = {}
    pairs: dict[str, str] = {}
    before: dict[str, str] = {}  # member -> its root before the link
    for root in sorted(roots):
        m, p = load_claim(table, root)
        for sid in m:
            before[sid] = root
        members.update(m)
        pairs.update(p)
    for s in (a, b):
        members.setdefault(s.id, s.model_dump_json())
    if c is not None:
        pairs[c.id] = c.model_dump_json()
    root = min(members)
    cid = claim_id([root])
    statements = [Statement.model_validate_json(v) for v in members.values()]
    contradictions = [Contradiction.model_validate_json(v) for v in pairs.values()]
    claim = build_claim([cs for s in statements if (cs := claim_statement(s)) is not None], pairs)
    # what changed claim: new members and the members of a merged-away claim, the claims merged away, and what
    # earlier merges into these claims left unconfirmed (a link read again after a crash merges nothing itself);
    # always the link's own statements
    left = pending_of(table, roots, writer)
    merged_away = {claim_id([old]) for old in roots - {root} if table.get(C + old) is not None} - {cid}
    # the link's own statements are always written (a link read again writes them again): not listed
    joined = {sid for sid in members if before.get(sid) != root} - {a.id, b.id}
    removed = merged_away | (left.owed_removed - {cid})
    changed = joined | (left.owed_moved & members.keys())
    pending = {}
    folded = any(old != root and table.get(W + old) is not None for old in roots)
    if merged_away - left.removed or joined - left.moved or folded or removed - merged_away or changed - joined:
        # something new to list, records to fold into one, or another writer's record now written by this one
        listed_removed = (merged_away | left.removed) - {cid}
        listed = joined | (left.moved & members.keys())
        pending[root] = note_pending(table, root, listed_removed, listed, roots, writer)
    for sid in members:
        if table.get(S + sid) != root:
            table[S + sid] = root
    save_claim(table, root, members, pairs, time.time() if now is None else now)
    note_members(table, [a, b])
    for old in roots - {root}:
        if table.get(C + old) is not None:
            del table[C + old]
    moved = changed | {a.id, b.id}
    return ClaimUpdate(
        claim,
        [s.model_copy(update={"claim_id": cid}) for s in statements if s.id in moved],
        [x.model_copy(update={"claim_id": cid}) for x in contradictions
         if x.a.id in moved or x.b.id in moved or (c is not None and x.id == c.id)],
        sorted(removed),
        pending,
    )  # fmt: skip


_MESSAGE: TypeAdapter[ClaimLink | ArticleRevision] = TypeAdapter(ClaimLink | ArticleRevision)


@dataclass
class ClaimWrites:
    """The documents a batch of claim events leaves to write, each once: the last version of every claim it
    touched, the claim id last given to each statement, the claims merged away or dissolved and still gone at
    the end, and the contradictions to forward with their last claim id.

    A link rewrites its whole claim and every statement that changed claim; one write per event made a big
    claim's record go to Elasticsearch once for each statement that joined it, in requests of one document (the
    bench's Elasticsearch node then spent more CPU on an article than on its statements). Last write wins, in
    event order, as writing them one by one would have ended.
    """

    claims: dict[str, Claim] = field(default_factory=dict)
    claim_ids: dict[str, str | None] = field(default_factory=dict)
    removed: dict[str, None] = field(default_factory=dict)
    forward: dict[str, Contradiction] = field(default_factory=dict)
    # root -> the record of unconfirmed writes these documents carry out (streams.claims_table.confirm_written)
    confirm: dict[str, str] = field(default_factory=dict)

    def add(self, claims: Sequence[Claim], claim_ids: dict[str, str | None], removed: Sequence[str],
            contradictions: Sequence[Contradiction], pending: dict[str, str] | None = None) -> None:  # fmt: skip
        self.confirm.update(pending or {})
        for cid in removed:
            self.claims.pop(cid, None)
            self.removed[cid] = None
        for claim in claims:
            self.removed.pop(claim.id, None)
            self.claims[claim.id] = claim
        self.claim_ids.update(claim_ids)
        for c in contradictions:
            self.forward.pop(c.id, None)  # re-inserted: forwarded in the order of their last change
            self.forward[c.id] = c

    def add_update(self, update: ClaimUpdate) -> None:
        self.add([update.claim] if update.claim is not None else [], {s.id: s.claim_id for s in update.statements},
                 update.removed, update.contradictions, update.pending)  # fmt: skip

    def __bool__(self) -> bool:
        return bool(self.claims or self.claim_ids or self.removed or self.forward)


@contextlib.contextmanager
def _handling(event: faust.EventT) -> Iterator[None]:
    """``event`` as Faust's current event while it is applied: a table write reads its partition from there, and
    a batch is applied outside the stream's own iteration (by the batcher's deadline task, too)."""
    from faust.streams import _current_event  # no public setter; the stream sets the same variable

    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)


def register_claims(p: PipelineContext) -> faust.types.AgentT:
    """Declare the ``claims`` agent on the pipeline's app."""
    from ..batching import run_batched
    from .index import index_records

    app, metrics, w = p.app, p.metrics, p.settings.worker
    table = p.tables.claims
    window_s = w.claims_window_s
    every_s = purge_interval(window_s)
    last_expiry = time.monotonic()
    # what this agent's merges left to write is on its way in its batches' writes, and later links need not write
    # it again; a new token after any failure (and in every new process) makes it owed again
    token = uuid.uuid4().hex[:12]

    def failed() -> None:
        nonlocal token
        token = uuid.uuid4().hex[:12]

    async def write(writes: ClaimWrites, stamps: dict[str, float | None]) -> None:
        if p.sink is not None:
            if writes.claims:
                await index_records(p, list(writes.claims.values()), {})
            # the statements get their claim id in place: a statement an article update removed meanwhile must
            # not come back (its claim still lists it until the claim changes)
            set_fields = getattr(p.sink, "update_fields", None)
            if writes.claim_ids and set_fields is not None:
                await set_fields("statements", {sid: {"claim_id": cid} for sid, cid in writes.claim_ids.items()})
            delete = getattr(p.sink, "delete", None)
            if writes.removed and delete is not None:
                await delete("claims", list(writes.removed))
        for c in writes.forward.values():
            await p.topics.contradictions.send(key=c.id.encode(), value=c.model_dump_json().encode(),
                                               timestamp=stamps.get(c.id))  # fmt: skip

    def apply(message: ClaimLink | ArticleRevision, writes: ClaimWrites) -> list[Contradiction]:
        """Apply one link or revision to the table, add what it changed to ``writes``; its contradictions."""
        if isinstance(message, ArticleRevision):
            revision = revise_article(table, message.article_id, message.statements, time.time())
            writes.add(revision.claims, revision.claim_ids, revision.removed, revision.contradictions,
                        revision.pending)  # fmt: skip
            log.info("claims_revised article_id=%s claims=%d removed=%d statements=%d",
                     message.article_id[:100], len(revision.claims), len(revision.removed),
                     len(revision.claim_ids))  # fmt: skip
            return revision.contradictions
        update = apply_link(table, message, writer=token)
        writes.add_update(update)
        return update.contradictions

    async def apply_all(events: list[faust.EventT], writes: ClaimWrites, stamps: dict[str, float | None]) -> None:
        for event in events:
            try:
                message = _MESSAGE.validate_json(event.value)
            except ValidationError as exc:
                await p.dead_letter(
                    stage="claims", reason="processing_error", error=str(exc), payload=event.value, event=event
                )
                continue
            metrics.records_in.labels("claims").inc()
            with _handling(event):
                found = apply(message, writes)
            for c in found:
                stamps[c.id] = event.message.timestamp
            metrics.records_out.labels("claims").inc()

    async def handle(events: list[faust.EventT]) -> Callable[[], Awaitable[None]] | None:
        """Apply the batch's links and revisions to the table (once: a failed write is retried alone) and return
        the writing of what they changed."""
        nonlocal last_expiry
        started = time.monotonic()
        writes = ClaimWrites()
        stamps: dict[str, float | None] = {}
        try:
            await apply_all(events, writes, stamps)
        except BaseException:
            failed()
            raise
        if time.monotonic() - last_expiry >= every_s and events:
            # inside a batch, so each deletion reaches the changelog (a timer has no event to write it with);
            # an idle table does not grow
            last_expiry = time.monotonic()
            with _handling(events[-1]):
                dropped = expire_claims(table, time.time(), window_s)
            log.info("claims_expired claims=%d", len(dropped))
        metrics.stage_seconds.labels("claims").observe(time.monotonic() - started)
        if not writes:
            return None

        async def written() -> None:
            try:
                await write(writes, stamps)
            except BaseException:
                failed()
                raise
            if writes.confirm:
                with _handling(events[-1]):
                    confirm_written(table, writes.confirm)

        return written

    @app.agent(p.topics.claim_links, name="claims")
    async def claims(stream: faust.StreamT) -> None:
        await run_batched(
            stream,
            handle,
            size=w.batch_size,
            within=w.batch_within_s,
            name="claims",
            on_poison=p.poison("claims"),
            max_failures=w.max_batch_failures,
        )

    return claims


async def send_revisions(p: PipelineContext, articles: Sequence[tuple[str, Sequence[Statement]]]) -> None:
    """Tell the claims agent what the articles written again say now (:func:`streams.claims_table.revise_article`),
    and wait until Kafka has them: a link on their new statements (sent by ``detect`` after this) must come
    after the revision on the one partition of claim links."""
    topic = p.topics.claim_links
    pending = []
    for article_id, statements in articles:
        revision = ArticleRevision(article_id=article_id, statements={s.id: content_digest(s) for s in statements})
        pending.append(await topic.send(key=b"claims", value=revision.model_dump_json().encode()))
    for sent in pending:
        await sent


async def send_links(
    p: PipelineContext, links: Sequence[ClaimLink], found: Sequence[Contradiction], timestamp: float | None
) -> None:
    """Send the links of one detect message, and its contradictions as links (the claims agent forwards them)."""
    topic = p.topics.claim_links
    for link in [*links, *(ClaimLink(a=c.a, b=c.b, contradiction=c) for c in found)]:
        await topic.send(key=b"claims", value=link.model_dump_json().encode(), timestamp=timestamp)
