"""The claims agent's table: claim components, the statements of each article they hold, expiry and revisions.

Keys (one partition, as the topic of claim links):

- ``s\\x1f<statement id>`` -> the smallest statement id of its claim (the root);
- ``c\\x1f<root>`` -> ``{"t": seen, "m": {statement id: statement JSON}, "p": {pair id: contradiction JSON}}``,
  ``t`` the last time (epoch seconds) a link or a revision touched the claim;
- ``a\\x1f<article id>`` -> ``{"t": seen, "m": [its statement ids in claims], "v": {statement id: digest}}``: the
  statements of an article that claims hold, so that its next version finds them (:func:`revise_article`), and,
  once it was written again, the digests of its statements now (``v``), so that a link on an older version's
  statement (the detect rings may still hold it) is not taken (:func:`is_stale`);
- ``w\\x1f<root>`` -> ``{"r": [claim ids merged into it], "s": [statement ids that changed claim]}``: what a merge
  left to write and Elasticsearch has not confirmed yet (:func:`note_pending`, :func:`confirm_written`). The
  changelog can be ahead of the committed offsets: after a crash the agent reads links again that the table
  already holds, and a link applied twice merges nothing the second time; without this record the claims it had
  merged away would stay in the index and the statements that moved keep their old claim id.
- ``w\\x1f<article id>#revision`` -> ``{"r": [[claim id, its root], ...], "s": [statement ids]}``: the same for a
  revision (:func:`revise_article`): the claims it deleted or dissolved and the statements whose claim id it
  changed, which the revision read again finds gone from the table and would not write a second time.

A claim nobody touched for ``worker.claims_window_s`` leaves the table (:func:`expire_claims`); its documents stay
in Elasticsearch. The detect rings forget statements after ``worker.candidates_window_s``, so with a window at
least as long, no link can reach an expired claim's statements any more.

Every function here is pure over a mutable mapping (the Faust table in the worker, a dict in the tests), and is
called inside the agent's event, so each write and deletion goes to the changelog.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from schemas import Claim, Contradiction, Statement

__all__ = [
    "Pending",
    "Revision",
    "confirm_written",
    "content_digest",
    "expire_claims",
    "is_stale",
    "load_claim",
    "note_members",
    "note_pending",
    "pending_of",
    "revise_article",
    "save_claim",
]

S = "s\x1f"
C = "c\x1f"
A = "a\x1f"
W = "w\x1f"

Table = MutableMapping[str, Any]


def content_digest(statement: Statement) -> str:
    """A digest of what ``statement`` says (its claim id, set later, left out): equal digests, same statement."""
    text = statement.model_copy(update={"claim_id": None}).model_dump_json()
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _str(value: Any) -> Any:
    """A table value or key as text (a Faust table's store may hand back bytes)."""
    return value.decode() if isinstance(value, bytes) else value


def _json(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    data = json.loads(_str(value))
    return data if isinstance(data, dict) else {}


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"))


def load_claim(table: Table, root: str) -> tuple[dict[str, str], dict[str, str]]:
    """(members: statement id -> JSON, pairs: pair id -> JSON) of the claim rooted at ``root`` (empty: none)."""
    data = _json(table.get(C + root))
    return dict(data.get("m", {})), dict(data.get("p", {}))


def save_claim(table: Table, root: str, members: dict[str, str], pairs: dict[str, str], now: float) -> None:
    """Store the claim rooted at ``root``, seen at ``now`` (first in the record: :func:`_seen` reads it alone)."""
    table[C + root] = _dump({"t": now, "m": members, "p": pairs})


_SEEN = re.compile(r'\{"t":(-?[0-9][0-9.eE+-]*)[,}]')


def _seen(value: Any) -> float | None:
    """The time a claim or article record was last written, read from its first bytes: the expiry scan parses no
    statement; None when it has none."""
    text = _str(value)
    if not isinstance(text, str):
        return None
    found = _SEEN.match(text)
    if found is not None:
        return float(found.group(1))
    at = _json(text).get("t")  # a record written with "t" elsewhere
    return float(at) if isinstance(at, int | float) else None


@dataclass
class Pending:
    """The unconfirmed writes of some claims' records: all of them (to keep listing), and those this writer does
    not already have on their way (to write now): another process's, or this one's before a failed write."""

    removed: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)
    owed_removed: set[str] = field(default_factory=set)
    owed_moved: set[str] = field(default_factory=set)


def pending_of(table: Table, roots: Iterable[str], writer: str = "") -> Pending:
    """What merges into ``roots`` left unconfirmed (claim ids to delete, statement ids to give their claim id);
    ``writer``: the agent's current token (:func:`note_pending`), whose own records are on their way."""
    out = Pending()
    for root in roots:
        data = _json(table.get(W + root))
        removed = {x for x in data.get("r", []) if isinstance(x, str)}
        moved = {x for x in data.get("s", []) if isinstance(x, str)}
        out.removed |= removed
        out.moved |= moved
        if not writer or data.get("by") != writer:
            out.owed_removed |= removed
            out.owed_moved |= moved
    return out


def note_pending(
    table: Table, root: str, removed: set[str], moved: set[str], merged: Iterable[str], writer: str = ""
) -> str:
    """Record what the claim rooted at ``root`` has left to write (the merged roots' records fold into it), by
    ``writer``, and return the record, for :func:`confirm_written`. Written before the merge's other changes: the
    changelog keeps their order, so a merge whose changes survive a crash has its record too."""
    value = _dump({"r": sorted(removed), "s": sorted(moved), "by": writer})
    table[W + root] = value
    for old in merged:
        if old != root and table.get(W + old) is not None:
            del table[W + old]
    return value


def confirm_written(table: Table, written: dict[str, str]) -> None:
    """Elasticsearch has what these records (root -> :func:`note_pending`'s value) listed: forget each, unless a
    later link changed it meanwhile (then it stays, and that link's write takes it)."""
    for root, value in written.items():
        current = table.get(W + root)
        if current is not None and _str(current) == value:
            del table[W + root]


def note_members(table: Table, statements: list[Statement]) -> None:
    """Record that claims hold ``statements`` under their articles (written only when one is new there)."""
    for s in statements:
        data = _json(table.get(A + s.article_id))
        held = list(data.get("m", []))
        if s.id not in held:
            table[A + s.article_id] = _dump({**data, "m": sorted([*held, s.id])})


def is_stale(table: Table, statement: Statement) -> bool:
    """Whether ``statement`` is not what its article says now (the article was written again without it, or
    with other words under its id): a link on it is not taken."""
    current = _json(table.get(A + statement.article_id)).get("v")
    if not isinstance(current, dict):
        return False  # never written again: every statement of it is current
    return current.get(statement.id) != content_digest(statement)


@dataclass
class Revision:
    """What an article written again changes: claims to write, claims to delete, the claim id of each statement to
    set (None: no claim holds it any more) and the contradictions to send again with their (new) claim id."""

    claims: list[Claim] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    claim_ids: dict[str, str | None] = field(default_factory=dict)
    contradictions: list[Contradiction] = field(default_factory=list)
    pending: dict[str, str] = field(default_factory=dict)  # root -> its unconfirmed writes (note_pending)


# The root of an article's revision record: a statement id always ends in "#<start>-<end>", so no claim has it.
_REVISION = "#revision"


def _root_named(cid: str, candidates: Iterable[str]) -> str:
    """The statement id ``cid`` is the claim id of, among ``candidates``; "" when none is."""
    from analysis.ledger import claim_id

    return next((x for x in sorted(candidates) if claim_id([x]) == cid), "")


def revise_article(table: Table, article_id: str, current: dict[str, str], now: float) -> Revision:
    """The article ``article_id`` now has the statements ``current`` (id -> :func:`content_digest`).

    Its statements that claims hold and that it no longer says word for word leave their claims (with their
    contradictions); a claim left with one statement is dissolved, one whose smallest statement went gets the next
    one's id (the old claim is deleted). The statements it still says keep their claim: their claim id is set
    again (a replay's write cleared it). Links are not stored, so a claim held together only by a statement that
    went stays one claim. Idempotent: the same revision again changes nothing and returns the same writes.

    What it deleted or cleared is kept in the table (``w\\x1f<article id>#revision``, in ``Revision.pending``) until
    the agent confirms it written: read again after a crash, the revision finds those statements out of their
    claims already, and writes the record's deletions and claim ids again (a claim deleted then is not deleted
    again once a later link made it anew; a statement gets the claim id the table gives it now).
    """
    from analysis.ledger import build_claim, claim_id, claim_statement

    rev = article_id + _REVISION
    owed = _json(table.get(W + rev))
    owed_removed = {str(x[0]): str(x[1]) for x in owed.get("r", []) if isinstance(x, list) and len(x) == 2}
    owed_ids = {x for x in owed.get("s", []) if isinstance(x, str)}
    removed_here: dict[str, str] = {}  # claim id -> its root, deleted by this revision
    record = _json(table.get(A + article_id))
    held = [sid for sid in record.get("m", []) if isinstance(sid, str)]
    out = Revision()
    roots: dict[str, list[str]] = {}
    for sid in held:
        root = table.get(S + sid)
        if root is not None:
            roots.setdefault(_str(root), []).append(sid)
    kept_here: list[str] = []
    for root, sids in sorted(roots.items()):
        members, pairs = load_claim(table, root)
        gone = {
            sid
            for sid in sids
            if sid in members
            and (sid not in current or current[sid] != content_digest(Statement.model_validate_json(members[sid])))
        }
        for sid in gone:
            del members[sid]
            if table.get(S + sid) is not None:
                del table[S + sid]
            out.claim_ids[sid] = None
        pairs = {
            pid: text
            for pid, text in pairs.items()
            if not gone & {(c := Contradiction.model_validate_json(text)).a.id, c.b.id}
        }
        statements = [Statement.model_validate_json(v) for v in members.values()]
        stances = [cs for s in statements if (cs := claim_statement(s)) is not None]
        left = pending_of(table, [root])
        pending_removed, pending_moved = left.removed, left.moved
        if len(members) < 2 or not stances:
            # one statement is no claim: dissolved (its statement keeps no claim id)
            if table.get(C + root) is not None:
                del table[C + root]
            out.removed += [claim_id([root]), *sorted(pending_removed)]
            removed_here[claim_id([root])] = root
            was = set(members) | gone | pending_moved  # a claim merged away was named after one of them
            removed_here.update({cid: _root_named(cid, was) for cid in pending_removed})
            for sid in members:
                if table.get(S + sid) is not None:
                    del table[S + sid]
                out.claim_ids[sid] = None
            out.claim_ids.update({sid: None for sid in pending_moved if table.get(S + sid) is None})
            if table.get(W + root) is not None:
                del table[W + root]
            continue
        new_root = min(members)
        cid = claim_id([new_root])
        # what earlier merges left unwritten, and a rename, stay listed until written (a revision read again
        # after a crash finds the claim renamed already)
        renamed = {claim_id([root])} if new_root != root else set()
        pending_removed = (pending_removed | renamed) - {cid}
        pending_moved = (pending_moved & members.keys()) | (set(members) if renamed else set())
        out.removed += sorted(pending_removed - renamed)
        out.claim_ids.update(dict.fromkeys(sorted(pending_moved), cid))
        if pending_removed or pending_moved:
            out.pending[new_root] = note_pending(table, new_root, pending_removed, pending_moved, [root])
        elif table.get(W + root) is not None:
            del table[W + root]
        if new_root != root:
            if table.get(C + root) is not None:
                del table[C + root]
            out.removed.append(claim_id([root]))
            for sid in members:
                table[S + sid] = new_root
            out.claim_ids.update(dict.fromkeys(members, cid))
            out.contradictions += [Contradiction.model_validate_json(t).model_copy(update={"claim_id": cid})
                                   for t in pairs.values()]  # fmt: skip
        else:
            out.claim_ids.update({sid: cid for sid in sids if sid not in gone})
        save_claim(table, new_root, members, pairs, now)
        out.claims.append(build_claim(stances, pairs))
        kept_here += [sid for sid in sids if sid in members]
    table[A + article_id] = _dump({"t": now, "m": sorted(kept_here), "v": current})
    cleared_here = {sid for sid, cid in out.claim_ids.items() if cid is None}  # out of every claim now
    # what a run of this revision before a crash deleted and cleared, and the index may not have
    for cid, root in sorted(owed_removed.items()):
        if cid not in out.removed and not (root and table.get(C + root) is not None):
            out.removed.append(cid)
    for sid in sorted(owed_ids - out.claim_ids.keys()):
        root = table.get(S + sid)
        out.claim_ids[sid] = claim_id([_str(root)]) if root else None
    removed_all = {**owed_removed, **removed_here}
    if removed_all or owed_ids or cleared_here:
        value = _dump({"r": sorted([cid, root] for cid, root in removed_all.items()),
                       "s": sorted(owed_ids | cleared_here), "by": ""})  # fmt: skip
        table[W + rev] = value
        out.pending[rev] = value
    return out


def expire_claims(table: Table, now: float, window_s: float) -> list[str]:
    """Drop from ``table`` every claim not touched since ``now - window_s`` (its statements' entries, and them
    from their articles' records); returns the ids of the claims dropped (their documents stay in Elasticsearch).

    A claim stored before claims had a time is given ``now`` (it expires a window later). An article record that
    holds no claimed statement any more and was last written before the cutoff goes too.
    """
    from analysis.ledger import claim_id

    cutoff = now - window_s
    store = getattr(table, "data", table)  # a Faust table's local store (iterable), or the mapping itself
    keys = [_str(k) for k in list(store.keys())]
    dropped: list[str] = []
    articles: dict[str, set[str]] = {}
    for key in keys:
        if not key.startswith(C):
            continue
        value = table.get(key)
        at = _seen(value)
        if at is None:
            data = _json(value)
            table[key] = _dump({"t": now, **data})
            continue
        if at >= cutoff:
            continue
        data = _json(value)
        root = key[len(C) :]
        del table[key]
        if table.get(W + root) is not None:
            del table[W + root]
        for sid in data.get("m", {}):
            if table.get(S + sid) is not None:
                del table[S + sid]
            articles.setdefault(sid.rpartition("#")[0], set()).add(sid)
        dropped.append(claim_id([root]))
    for key in keys:
        if not key.startswith(A):
            continue
        value = table.get(key)
        gone = articles.get(key[len(A) :], set())
        at = _seen(value)
        if not gone and at is not None and at >= cutoff:
            continue  # a recent revision's record (its digests unread)
        data = _json(value)
        held = [sid for sid in data.get("m", []) if sid not in gone]
        if not held and (at is None or at < cutoff):
            del table[key]
        elif gone:
            table[key] = _dump({**data, "m": held})
    return dropped
