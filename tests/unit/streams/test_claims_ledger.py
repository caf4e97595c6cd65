"""The claims agent's state (streams.agents.claims.apply_link): order-free, replay-safe, merges delete."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from analysis.ledger import claim_id
from schemas import ClaimLink, Contradiction, Statement, pair_id
from streams.agents.claims import apply_link
from streams.claims_table import confirm_written


def _st(sid: str, day: int, cue: str = "assert", modality: str = "fact") -> Statement:
    return Statement(id=sid, article_id=sid.split("#")[0], source="x.example", text=f"Text of {sid}.", start=0,
                     end=5, cue=cue, modality=modality, published_at=datetime(2024, 10, day, tzinfo=UTC))  # fmt: skip


A, B, C, D = _st("a#0-5", 1), _st("b#0-5", 2), _st("c#0-5", 3, cue="deny"), _st("d#0-5", 4)
DENIAL = Contradiction(id=pair_id(A.id, C.id), kind="denial", score=0.9, explanation="x", scope="cross_article",
                       a=A, b=C)  # fmt: skip
LINKS = [ClaimLink(a=A, b=B), ClaimLink(a=C, b=D), ClaimLink(a=A, b=C, contradiction=DENIAL)]


def _final(order) -> tuple[tuple[str, ...], str]:
    table: dict = {}
    update = None
    for link in order:
        update = apply_link(table, link)
    claim_keys = tuple(sorted(k for k in table if k.startswith("c\x1f")))
    return claim_keys, update.claim.model_dump_json() if update and update.claim else ""


def test_same_claim_whatever_the_order_of_links():
    results = {_final(order) for order in itertools.permutations(LINKS)}
    assert len(results) == 1
    (keys, claim), *_ = results
    assert keys == ("c\x1fa#0-5",)  # one claim, rooted at its smallest statement id
    assert '"status":"contested"' in claim and DENIAL.id in claim


def test_a_replayed_link_changes_nothing_and_rewrites_the_same_documents():
    table: dict = {}
    for link in LINKS:
        first = apply_link(table, link, now=1000.0)
        confirm_written(table, first.pending)  # written: what the agent does once Elasticsearch took them
    before = dict(table)
    again = apply_link(table, LINKS[-1], now=1000.0)
    assert table == before
    assert again.claim == first.claim and again.removed == []
    assert {s.claim_id for s in again.statements} == {claim_id(["a#0-5"])}
    assert [c.claim_id for c in again.contradictions] == [claim_id(["a#0-5"])]


def test_a_merge_deletes_the_claim_merged_away():
    table: dict = {}
    apply_link(table, LINKS[1])  # c, d: claim rooted at c
    update = apply_link(table, LINKS[2])  # a joins: the root becomes a
    assert update.removed == [claim_id(["c#0-5"])]
    assert update.claim is not None and update.claim.id == claim_id(["a#0-5"])
    assert {s.id for s in update.statements} == {"a#0-5", "c#0-5", "d#0-5"}  # every statement whose claim changed


def test_a_modal_statement_joins_no_claim_but_its_contradiction_is_forwarded():
    could = _st("e#0-5", 5, modality="possible")
    c = Contradiction(id=pair_id(A.id, could.id), kind="negation", score=0.6, explanation="x",
                      scope="cross_article", a=A, b=could)  # fmt: skip
    table: dict = {}
    update = apply_link(table, ClaimLink(a=A, b=could, contradiction=c))
    assert update.claim is None and table == {} and [x.id for x in update.contradictions] == [c.id]


def _writes_one_by_one(updates) -> tuple[dict, dict, set, dict]:
    """What writing each update as it came would leave: documents, claim ids, deleted claims, forwarded pairs."""
    docs: dict = {}
    ids: dict = {}
    deleted: set = set()
    forwarded: dict = {}
    for u in updates:
        if u.claim is not None:
            docs[u.claim.id] = u.claim
            deleted.discard(u.claim.id)
        ids.update({s.id: s.claim_id for s in u.statements})
        for cid in u.removed:
            docs.pop(cid, None)
            deleted.add(cid)
        forwarded.update({c.id: c for c in u.contradictions})
    return docs, ids, deleted, forwarded


def test_a_batch_writes_each_document_once_as_writing_them_one_by_one_would_end():
    from streams.agents.claims import ClaimWrites

    for order in itertools.permutations(LINKS):
        table: dict = {}
        updates = [apply_link(table, link, now=1000.0) for link in order]
        pending = ClaimWrites()
        for u in updates:
            pending.add_update(u)
        docs, ids, deleted, forwarded = _writes_one_by_one(updates)
        assert pending.claims == docs and len(pending.claims) == 1  # one claim document, its last version
        assert pending.claim_ids == ids
        assert set(pending.removed) == deleted - set(docs)
        assert pending.forward == forwarded
    # a claim merged away and then written again in the same batch is written, not deleted (the last action wins)
    pending = ClaimWrites()
    claim = updates[-1].claim
    assert claim is not None
    pending.add([], {}, [claim.id], [])
    pending.add([claim], {}, [], [])
    assert list(pending.claims) == [claim.id] and not pending.removed
    pending.add([], {}, [claim.id], [])
    assert not pending.claims and list(pending.removed) == [claim.id]
    assert not ClaimWrites()


def test_links_read_again_after_a_crash_still_write_what_their_merges_changed():
    # c-d is a claim; a-b another; the denial a-c merges them (root a): claim c goes, c and d change claim id
    table: dict = {}
    for link in LINKS[:2]:
        confirm_written(table, apply_link(table, link, now=1000.0).pending)
    merge = apply_link(table, LINKS[2], now=1000.0)
    assert merge.removed == [claim_id(["c#0-5"])] and {s.id for s in merge.statements} == {"a#0-5", "c#0-5", "d#0-5"}
    # the worker dies before Elasticsearch took the writes: the table kept the merge, the link is read again
    again = apply_link(table, LINKS[2], now=1000.0)
    assert again.removed == merge.removed  # the claim merged away is still deleted
    assert {s.id for s in again.statements} == {"a#0-5", "c#0-5", "d#0-5"}  # d still gets its new claim id
    # a later link into the claim carries them too, until they are written
    later = apply_link(table, ClaimLink(a=B, b=_st("e#0-5", 5)), now=1000.0)
    assert later.removed == merge.removed and "d#0-5" in {s.id for s in later.statements}
    confirm_written(table, later.pending)
    done = apply_link(table, LINKS[2], now=1000.0)
    assert done.removed == [] and {s.id for s in done.statements} == {"a#0-5", "c#0-5"}  # the link's own
    assert not any(k.startswith("w\x1f") for k in table)


def test_a_record_changed_after_the_write_was_prepared_is_not_forgotten():
    table: dict = {}
    e, f = _st("e#0-5", 5), _st("f#0-5", 6)
    for link in [*LINKS[:2], ClaimLink(a=e, b=f)]:
        confirm_written(table, apply_link(table, link, now=1000.0).pending)
    first = apply_link(table, LINKS[2], now=1000.0)  # its writes go to Elasticsearch in the background ...
    second = apply_link(table, ClaimLink(a=B, b=e), now=1000.0)  # ... while the next batch merges claim e in
    assert claim_id(["e#0-5"]) in second.removed and "f#0-5" in {s.id for s in second.statements}
    confirm_written(table, first.pending)  # the first write lands: the record lists more now, it stays
    assert any(k.startswith("w\x1f") for k in table)
    confirm_written(table, second.pending)
    assert not any(k.startswith("w\x1f") for k in table)


def test_what_is_on_its_way_is_not_written_twice_but_a_new_process_writes_it():
    table: dict = {}
    for link in LINKS[:2]:
        confirm_written(table, apply_link(table, link, now=1000.0, writer="w1").pending)
    merge = apply_link(table, LINKS[2], now=1000.0, writer="w1")  # its writes are in flight
    assert merge.removed == [claim_id(["c#0-5"])]
    # the same agent's next batch: the merge's writes are already on their way
    later = apply_link(table, ClaimLink(a=B, b=_st("e#0-5", 5)), now=1000.0, writer="w1")
    assert later.removed == [] and {s.id for s in later.statements} == {"b#0-5", "e#0-5"}
    # a new process (or the same after a failed write) has another token: it owes them
    restarted = apply_link(table, LINKS[2], now=1000.0, writer="w2")
    assert restarted.removed == merge.removed and "d#0-5" in {s.id for s in restarted.statements}
