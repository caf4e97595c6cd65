"""The claims table over time (streams.claims_table): expiry, and articles written again (replays, new versions)."""

from __future__ import annotations

from datetime import UTC, datetime

from analysis.ledger import claim_id
from schemas import BlockedStatements, ClaimLink, Contradiction, Statement, pair_id
from streams.agents.claims import apply_link
from streams.claims_table import confirm_written, content_digest, expire_claims, revise_article

DAY = 86_400.0


def _st(sid: str, day: int, cue: str = "assert", text: str | None = None) -> Statement:
    return Statement(id=sid, article_id=sid.split("#")[0], source="x.example", text=text or f"Text of {sid}.",
                     start=0, end=5, cue=cue, published_at=datetime(2024, 10, day, tzinfo=UTC))  # fmt: skip


A, B, C = _st("a#0-5", 1), _st("b#0-5", 2), _st("c#0-5", 3, cue="deny")
A2 = _st("a#9-14", 1)  # a second statement of article a
DENIAL = Contradiction(id=pair_id(A.id, C.id), kind="denial", score=0.9, explanation="x", scope="cross_article",
                       a=A, b=C)  # fmt: skip


def _claim_of(table: dict, links: list[ClaimLink], now: float = 0.0) -> dict:
    """The table after ``links``, each written to the index (as the agent does once Elasticsearch took them)."""
    for link in links:
        confirm_written(table, apply_link(table, link, now=now).pending)
    return table


def _current(*statements: Statement) -> dict[str, str]:
    return {s.id: content_digest(s) for s in statements}


def test_the_digest_survives_the_trip_through_detect():
    # extract digests the statements it wrote; the claims table holds them as detect received them
    sent = BlockedStatements.model_validate_json(
        '{"article_id":"a","statements":[' + A.model_dump_json(exclude_defaults=True) + '],"placements":[["k",0]]}'
    )
    assert content_digest(sent.statements[0]) == content_digest(A)
    assert content_digest(A.model_copy(update={"claim_id": "x"})) == content_digest(A)
    assert content_digest(A.model_copy(update={"text": "Other words."})) != content_digest(A)


def test_a_claim_not_seen_for_the_window_leaves_the_table():
    table = _claim_of({}, [ClaimLink(a=A, b=B)], now=0.0)
    _claim_of(table, [ClaimLink(a=C, b=_st("d#0-5", 4))], now=20 * DAY)
    assert expire_claims(table, now=29 * DAY, window_s=30 * DAY) == []
    dropped = expire_claims(table, now=31 * DAY, window_s=30 * DAY)
    assert dropped == [claim_id(["a#0-5"])]
    # nothing of it is left: its statements' entries and its articles' records went with it
    assert not [k for k in table if "a#0-5" in k or "b#0-5" in k or k in ("a\x1fa", "a\x1fb")]
    assert "c\x1fc#0-5" in table and table["s\x1fd#0-5"] == "c#0-5"  # the other claim was seen 11 days ago
    # a link keeps a claim alive
    apply_link(table, ClaimLink(a=C, b=_st("e#0-5", 5)), now=45 * DAY)
    assert expire_claims(table, now=60 * DAY, window_s=30 * DAY) == []


def test_a_claim_stored_without_a_time_expires_a_window_after_it_is_first_looked_at():
    table = _claim_of({}, [ClaimLink(a=A, b=B)])
    table["c\x1fa#0-5"] = table["c\x1fa#0-5"].replace('"t":0.0,', "")  # as an earlier version stored it
    assert '"t"' not in table["c\x1fa#0-5"]
    assert expire_claims(table, now=100 * DAY, window_s=30 * DAY) == []
    assert expire_claims(table, now=131 * DAY, window_s=30 * DAY) == [claim_id(["a#0-5"])]


def test_a_replayed_article_changes_nothing_and_sets_the_claim_id_again():
    table = _claim_of({}, [ClaimLink(a=A, b=B), ClaimLink(a=A, b=C, contradiction=DENIAL)])
    revise_article(table, "a", _current(A, A2), now=0.0)
    before = dict(table)
    again = revise_article(table, "a", _current(A, A2), now=0.0)
    assert table == before
    assert again.claim_ids == {"a#0-5": claim_id(["a#0-5"])}  # what the replay's write cleared
    assert again.removed == [] and again.contradictions == []
    assert [c.id for c in again.claims] == [claim_id(["a#0-5"])]
    # and the links of the replay (detect judges again) change nothing either
    apply_link(table, ClaimLink(a=A, b=B), now=0.0)
    assert table == before


def test_a_new_version_without_a_statement_takes_it_out_of_its_claim():
    table = _claim_of({}, [ClaimLink(a=B, b=C), ClaimLink(a=A, b=C, contradiction=DENIAL)])  # rooted at a
    revision = revise_article(table, "a", _current(A2), now=0.0)  # a#0-5 went
    new_root = claim_id(["b#0-5"])
    assert revision.removed == [claim_id(["a#0-5"])]  # the claim was named after it: it is renamed
    assert revision.claim_ids == {"a#0-5": None, "b#0-5": new_root, "c#0-5": new_root}
    (claim,) = revision.claims
    assert claim.id == new_root and {s.statement_id for s in claim.statements} == {"b#0-5", "c#0-5"}
    assert claim.contradictions == [] and revision.contradictions == []  # the denial was on the statement gone
    assert "s\x1fa#0-5" not in table and "c\x1fa#0-5" not in table and table["s\x1fc#0-5"] == "b#0-5"


def test_a_statement_reworded_under_its_id_leaves_its_claim_and_old_links_on_it_are_not_taken():
    table = _claim_of({}, [ClaimLink(a=A, b=B), ClaimLink(a=B, b=C)])  # a, b, c: root a
    reworded = _st("a#0-5", 1, text="Other words entirely.")
    revision = revise_article(table, "a", _current(reworded), now=0.0)
    assert revision.claim_ids["a#0-5"] is None
    assert [c.id for c in revision.claims] == [claim_id(["b#0-5"])]
    # detect's rings may still hold the old wording: a link on it changes nothing
    stale = apply_link(table, ClaimLink(a=A, b=_st("d#0-5", 4)), now=0.0)
    assert stale.claim is None and "s\x1fd#0-5" not in table
    # the new wording links as any statement does
    fresh = apply_link(table, ClaimLink(a=reworded, b=C), now=0.0)
    assert fresh.claim is not None and fresh.claim.id == claim_id(["a#0-5"])


def test_a_claim_left_with_one_statement_is_dissolved():
    table = _claim_of({}, [ClaimLink(a=A, b=B)])
    revision = revise_article(table, "b", {}, now=0.0)
    assert revision.removed == [claim_id(["a#0-5"])] and revision.claims == []
    assert revision.claim_ids == {"b#0-5": None, "a#0-5": None}
    assert not [k for k in table if k.startswith(("s\x1f", "c\x1f"))]


def test_the_record_of_an_article_written_again_expires_once_no_claim_holds_its_statements():
    table = _claim_of({}, [ClaimLink(a=A, b=B)], now=0.0)
    revise_article(table, "z", {"z#0-5": "d"}, now=0.0)  # an article no claim holds: only its digests are kept
    revise_article(table, "a", _current(A), now=0.0)
    assert expire_claims(table, now=10 * DAY, window_s=30 * DAY) == [] and "a\x1fz" in table
    assert expire_claims(table, now=31 * DAY, window_s=30 * DAY) == [claim_id(["a#0-5"])]
    assert table == {}


def test_a_dissolving_revision_read_again_after_a_crash_writes_its_deletions_again():
    table = _claim_of({}, [ClaimLink(a=A, b=B)])
    first = revise_article(table, "b", {}, now=0.0)
    assert first.removed == [claim_id(["a#0-5"])] and first.claim_ids == {"a#0-5": None, "b#0-5": None}
    # the worker dies before Elasticsearch took the writes: the table has no claim left to find ...
    assert not [k for k in table if k.startswith(("s\x1f", "c\x1f"))]
    again = revise_article(table, "b", {}, now=0.0)
    # ... and the revision read again still deletes the claim and clears both claim ids
    assert again.removed == first.removed and again.claim_ids == first.claim_ids
    confirm_written(table, again.pending)
    done = revise_article(table, "b", {}, now=0.0)
    assert done.removed == [] and done.claim_ids == {} and not any(k.startswith("w\x1f") for k in table)


def test_a_statement_taken_out_of_its_claim_is_cleared_again_after_a_crash():
    table = _claim_of({}, [ClaimLink(a=A, b=B), ClaimLink(a=B, b=C)])  # a, b, c: root a
    first = revise_article(table, "b", {}, now=0.0)
    assert first.claim_ids["b#0-5"] is None and first.removed == []
    again = revise_article(table, "b", {}, now=0.0)
    assert again.claim_ids == {"b#0-5": None}  # not held by the article any more: only the record knows it
    confirm_written(table, again.pending)
    assert revise_article(table, "b", {}, now=0.0).claim_ids == {}


def test_a_claim_made_again_after_the_revision_is_not_deleted_by_its_replay():
    table = _claim_of({}, [ClaimLink(a=A, b=B)])
    revise_article(table, "b", {}, now=0.0)  # the claim rooted at a is dissolved; its writes are not confirmed
    made = apply_link(table, ClaimLink(a=A, b=_st("d#0-5", 4)), now=0.0)  # a new claim, rooted at a again
    assert made.claim is not None and made.claim.id == claim_id(["a#0-5"])
    again = revise_article(table, "b", {}, now=0.0)
    assert claim_id(["a#0-5"]) not in again.removed
    assert again.claim_ids == {"a#0-5": claim_id(["a#0-5"]), "b#0-5": None}  # what the table says now
