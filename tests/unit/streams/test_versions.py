"""Article updates, the pure parts: versions, which version wins, which contradictions are still current."""

from __future__ import annotations

from types import SimpleNamespace

from schemas import Contradiction, Statement, pair_id
from streams.agents.extract import _latest_only
from streams.versions import (
    VersionedSink,
    article_version,
    current_contradictions,
    latest_per_id,
    superseded,
)


def _pair(a: Statement, b: Statement) -> Contradiction:
    return Contradiction(
        id=pair_id(a.id, b.id), kind="denial", score=0.9, explanation="x", scope="cross_article", a=a, b=b
    )


def test_versions_order_by_publish_time_then_hash():
    early, late = article_version(1_700_000_000.123, "ffff"), article_version(1_700_000_000.124, "0000")
    assert early < late  # the hash only breaks ties
    assert article_version(9.0, "aa") < article_version(10.0, "aa")  # zero-padded: not "10..." < "9..."
    assert article_version(None, "h") == "000000000000000:h"
    assert article_version(5.0, "a") < article_version(5.0, "b")  # a tie: the same winner on every worker


def test_a_newer_stored_version_supersedes_an_older_arrival_and_a_replay_passes():
    v1, v2 = article_version(1.0, "a"), article_version(2.0, "b")
    assert superseded(v1, v2)
    assert not superseded(v2, v1)
    assert not superseded(v2, v2)  # the same version again: idempotent
    assert not superseded(v1, None)  # never stored
    assert not superseded(v1, "")  # stored before versions existed


def test_latest_per_id_keeps_one_version_per_article():
    batch = [("x", "002:a"), ("y", "001:a"), ("x", "001:b"), ("x", "002:a")]
    assert latest_per_id(batch) == {1, 3}  # x's latest (its last copy at equal versions) and y


def test_a_contradiction_is_current_only_while_both_statements_are_stored_as_judged(make_statement):
    a, b, c = (
        make_statement(1, article="x", text="x1", length=5),
        make_statement(1, article="y", text="y1", length=5),
        make_statement(1, article="z", text="z1", length=5),
    )
    ab, bc, ca = _pair(a, b), _pair(b, c), _pair(c, a)
    changed = a.model_copy(update={"text": "the new version says otherwise"})
    stored = {a.id: changed, b.id: b, c.id: None}
    current, stale = current_contradictions([ab, bc, ca], stored)
    assert current == [] and stale == [ab, bc, ca]
    current, stale = current_contradictions([ab, bc], {a.id: a, b.id: b, c.id: c})
    assert current == [ab, bc] and stale == []


class _Sink:
    def __init__(self, stored: dict[str, str | None]) -> None:
        self.stored = stored

    async def article_versions(self, ids):
        return {i: self.stored.get(i) for i in ids}

    async def remove_stale(self, article_id, statements):
        return 0, 0

    async def stored_statements(self, ids):
        return {}


async def test_extract_writes_the_latest_version_and_marks_updates(make_article):
    sink = _Sink({"old": "000000000000005:aaaa", "newer-stored": "000000000000009:bbbb"})
    assert isinstance(sink, VersionedSink)
    ev = SimpleNamespace()
    versions = [
        ("fresh", "000000000000001:cccc"),
        ("old", "000000000000007:dddd"),  # an update of a stored article
        ("newer-stored", "000000000000008:eeee"),  # older than what is stored: skipped
        ("twice", "000000000000003:ffff"),
        ("twice", "000000000000002:abcd"),  # an older copy later in the same batch: skipped
    ]
    items = [(ev, make_article(i, text="t", content_hash=v[-4:], version=v), []) for i, v in versions]
    fresh, updates = await _latest_only(sink, items)
    assert [(a.id, a.version) for _, a, _ in fresh] == [
        ("fresh", "000000000000001:cccc"),
        ("old", "000000000000007:dddd"),
        ("twice", "000000000000003:ffff"),
    ]
    assert [a.id for _, a, _ in updates] == ["old"]
