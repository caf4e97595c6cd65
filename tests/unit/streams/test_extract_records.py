from __future__ import annotations

from schemas import Statement, statement_id
from streams.agents.extract import statement_records


def _st(n: int, keys: list[str]) -> Statement:
    return Statement(
        id=statement_id("a", n, n + 1), article_id="a", source="s", text=f"s{n}", start=n, end=n + 1, blocking_keys=keys
    )


def test_statement_sent_once_per_distinct_blocking_key_sorted():
    recs = statement_records(_st(1, ["b", "a", "a"]))
    assert [k for k, _ in recs] == [b"a", b"b"]
    assert len({v for _, v in recs}) == 1
    assert Statement.model_validate_json(recs[0][1]).id == _st(1, []).id


def test_statement_without_blocking_keys_is_not_sent_to_detect():
    assert statement_records(_st(2, [])) == []
