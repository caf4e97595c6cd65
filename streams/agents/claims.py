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
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import faust
from pydantic import ValidationError

from schemas import Claim, ClaimLink, Contradiction, Statement

from ..context import PipelineContext
from ..guard import guarded

if TYPE_CHECKING:
    from analysis.blocking import Profile, ProfileBlock

__all__ = ["ClaimUpdate", "apply_link", "find_links", "register_claims"]

log = logging.getLogger(__name__)

_S = "s\x1f"
_C = "c\x1f"


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


def _load(table: MutableMapping[str, Any], root: str) -> tuple[dict[str, str], dict[str, str]]:
    value = table.get(_C + root)
    if value is None:
        return {}, {}
    data = json.loads(value.decode() if isinstance(value, bytes) else value)
    return dict(data.get("m", {})), dict(data.get("p", {}))


def apply_link(table: MutableMapping[str, Any], link: ClaimLink) -> ClaimUpdate:
    """Merge the claims of ``link``'s two statements in ``table`` and return what to write.

    Order-free: whatever order the links of a component come in, it ends with the same root (its smallest
    statement id), members and contradictions, so the same claim record.
    """
    from analysis.ledger import build_claim, claim_id, claim_statement

    a, b, c = link.a, link.b, link.contradiction
    if a.id == b.id or claim_statement(a) is None or claim_statement(b) is None:
        return ClaimUpdate(None, contradictions=[c] if c is not None else [])
    roots = {table.get(_S + s.id) or s.id for s in (a, b)}
    members: dict[str, str] = {}
    pairs: dict[str, str] = {}
    before: dict[str, str] = {}  # member -> its root before the link
    for root in sorted(roots):
        m, p = _load(table, root)
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
    for sid in members:
        if table.get(_S + sid) != root:
            table[_S + sid] = root
    table[_C + root] = json.dumps({"m": members, "p": pairs}, separators=(",", ":"))
    removed = []
    for old in roots - {root}:
        if table.get(_C + old) is not None:
            del table[_C + old]
        removed.append(claim_id([old]))
    # what changed claim: new members and the members of a merged-away claim; always the link's own (a replay
    # after a crash may have written the state and not the documents)
    moved = {sid for sid in members if before.get(sid) != root} | {a.id, b.id}
    return ClaimUpdate(
        claim,
        [s.model_copy(update={"claim_id": cid}) for s in statements if s.id in moved],
        [x.model_copy(update={"claim_id": cid}) for x in contradictions
         if x.a.id in moved or x.b.id in moved or (c is not None and x.id == c.id)],
        removed,
    )  # fmt: skip


def register_claims(p: PipelineContext) -> faust.types.AgentT:
    """Declare the ``claims`` agent on the pipeline's app."""
    from .index import index_records

    app, metrics = p.app, p.metrics
    table = p.tables.claims

    async def handle(event: faust.EventT) -> None:
        started = time.monotonic()
        try:
            link = ClaimLink.model_validate_json(event.value)
        except ValidationError as exc:
            await p.dead_letter(
                stage="claims", reason="processing_error", error=str(exc), payload=event.value, event=event
            )
            return
        metrics.records_in.labels("claims").inc()
        update = apply_link(table, link)
        if p.sink is not None:
            if update.claim is not None:
                await index_records(p, [update.claim], {})
            # the statements get their claim id in place: a statement an article update removed meanwhile must
            # not come back (its claim still lists it until the claim changes)
            set_fields = getattr(p.sink, "update_fields", None)
            if update.statements and set_fields is not None:
                await set_fields("statements", {s.id: {"claim_id": s.claim_id} for s in update.statements})
            delete = getattr(p.sink, "delete", None)
            if update.removed and delete is not None:
                await delete("claims", update.removed)
        for c in update.contradictions:
            await p.topics.contradictions.send(
                key=c.id.encode(), value=c.model_dump_json().encode(), timestamp=event.message.timestamp
            )
        metrics.records_out.labels("claims").inc()
        metrics.stage_seconds.labels("claims").observe(time.monotonic() - started)

    @app.agent(p.topics.claim_links, name="claims")
    async def claims(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await guarded(p, "claims", event, handle)

    return claims


async def send_links(
    p: PipelineContext, links: Sequence[ClaimLink], found: Sequence[Contradiction], timestamp: float | None
) -> None:
    """Send the links of one detect message, and its contradictions as links (the claims agent forwards them)."""
    topic = p.topics.claim_links
    for link in [*links, *(ClaimLink(a=c.a, b=c.b, contradiction=c) for c in found)]:
        await topic.send(key=b"claims", value=link.model_dump_json().encode(), timestamp=timestamp)
