"""Which stored statements and contradictions an article's new version makes stale."""

from __future__ import annotations

from indexers.versions import stale_documents
from schemas import Contradiction, Statement, pair_id


def _doc(a: Statement, b: Statement) -> tuple[str, dict]:
    c = Contradiction(
        id=pair_id(a.id, b.id), kind="denial", score=0.9, explanation="x", scope="cross_article", a=a, b=b
    )
    return c.id, c.model_dump(mode="json")


def test_statements_the_new_version_lacks_and_pairs_on_changed_words_go(make_statement):
    kept, changed, dropped = (
        make_statement(0, article="x", text="x0", length=5),
        make_statement(10, article="x", text="x10", length=5),
        make_statement(20, article="x", text="x20", length=5),
    )
    other, other2 = (
        make_statement(0, article="y", text="y0", length=5),
        make_statement(10, article="y", text="y10", length=5),
    )
    new_version = [
        kept,
        changed.model_copy(update={"text": "now it says something else"}),
        make_statement(30, article="x", text="x30", length=5),
    ]
    pair_kept, pair_changed, pair_dropped = _doc(kept, other), _doc(other2, changed), _doc(dropped, other)
    within = _doc(kept, dropped)  # within the article: one side gone
    statements, contradictions = stale_documents(
        "x",
        new_version,
        [kept.id, changed.id, dropped.id],
        dict([pair_kept, pair_changed, pair_dropped, within]),
    )
    assert statements == [dropped.id]
    assert contradictions == sorted([pair_changed[0], pair_dropped[0], within[0]])


def test_an_unreadable_side_of_the_article_is_stale_the_other_articles_side_is_not_looked_at(make_statement):
    kept, other = (
        make_statement(0, article="x", text="x0", length=5),
        make_statement(0, article="y", text="y0", length=5),
    )
    cid, doc = _doc(kept, other)
    doc["b"]["bogus_field"] = 1  # the other article's side: not ours to judge
    assert stale_documents("x", [kept], [kept.id], {cid: doc}) == ([], [])
    doc["a"]["start"] = "not a number"
    assert stale_documents("x", [kept], [kept.id], {cid: doc}) == ([], [cid])
