from __future__ import annotations

from schemas import BlockedStatements, Statement, statement_id
from streams.agents.extract import detect_records, partition_for


def _st(n: int, keys: list[str]) -> Statement:
    return Statement(
        id=statement_id("a", n, n + 1), article_id="a", source="s", text=f"s{n}", start=n, end=n + 1, blocking_keys=keys
    )


def test_partition_of_a_key_is_stable_and_in_range():
    keys = [f"e:k{i}" for i in range(200)]
    parts = [partition_for(k, 6) for k in keys]
    assert parts == [partition_for(k, 6) for k in keys]
    assert set(parts) == set(range(6))  # 200 keys spread over every partition


def test_every_key_of_every_statement_is_placed_once_on_its_partition():
    statements = [_st(1, ["e:a", "n:b", "e:a"]), _st(2, ["n:b", "e:c"]), _st(3, []), _st(4, ["e:d"])]
    records = detect_records("a", statements, 4)
    placed: list[tuple[str, str]] = []
    for part, value in records:
        msg = BlockedStatements.model_validate_json(value)
        assert msg.article_id == "a"
        assert len({s.id for s in msg.statements}) == len(msg.statements)  # each statement once per message
        for key, i in msg.placements:
            assert partition_for(key, 4) == part
            placed.append((key, msg.statements[i].id))
    expected = [(k, s.id) for s in statements for k in sorted(set(s.blocking_keys))]
    assert sorted(placed) == sorted(expected)
    assert len(records) == len({partition_for(k, 4) for k, _ in expected})  # one message per partition


def test_statements_without_blocking_keys_are_not_sent():
    assert detect_records("a", [_st(3, [])], 6) == []


def test_statements_come_back_whole_though_sent_without_default_fields():
    full = Statement(
        id=statement_id("a", 5, 9), article_id="a", source="s", text="t", start=5, end=9, blocking_keys=["e:x"],
        cue="deny", polarity="negative",
    )  # fmt: skip
    [(_, value)] = detect_records("a", [full], 6)
    assert b'"modality"' not in value and b'"cue":"deny"' in value  # a default left out, a set field kept
    assert BlockedStatements.model_validate_json(value).statements == [full]
