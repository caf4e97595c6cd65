from __future__ import annotations

from schemas import BlockedStatements, Statement, statement_id
from streams.agents.extract import detect_records, partition_for


def test_partition_of_a_key_is_stable_and_in_range():
    keys = [f"e:k{i}" for i in range(200)]
    parts = [partition_for(k, 6) for k in keys]
    assert parts == [partition_for(k, 6) for k in keys]
    assert set(parts) == set(range(6))  # 200 keys spread over every partition


def _placed(records, partitions: int) -> list[tuple[str, str]]:
    placed: list[tuple[str, str]] = []
    for part, _key, value in records:
        msg = BlockedStatements.model_validate_json(value)
        assert len({s.id for s in msg.statements}) == len(msg.statements)  # each statement once per message
        for key, i in msg.placements:
            assert partition_for(key, partitions) == part
            placed.append((key, msg.statements[i].id))
    return placed


def test_every_key_of_every_statement_of_a_batch_is_placed_once_on_its_partition(make_statement):
    a = [
        make_statement(1, ["e:a", "n:b", "e:a"], "a"),
        make_statement(2, ["n:b", "e:c"], "a"),
        make_statement(3, [], "a"),
    ]
    b = [make_statement(4, ["e:d"], "b"), make_statement(5, ["e:a", "n:z"], "b")]
    records = detect_records([("a", a), ("b", b)], 4)
    expected = [(k, s.id) for s in a + b for k in sorted(set(s.blocking_keys))]
    assert sorted(_placed(records, 4)) == sorted(expected)
    assert len(records) == len({partition_for(k, 4) for k, _ in expected})  # one message per partition
    for _part, key, value in records:
        msg = BlockedStatements.model_validate_json(value)
        # keyed (and named) by the first article with a statement in the message, statements in batch order
        assert key == msg.article_id == msg.statements[0].article_id
        assert [s.start for s in msg.statements] == sorted(s.start for s in msg.statements)


def test_a_message_is_split_before_it_passes_the_byte_budget(make_statement):
    statements = [make_statement(n, ["e:same", f"n:k{n}"]) for n in range(10)]
    one = detect_records([("a", statements)], 2, max_bytes=10**6)
    size = max(len(s.model_dump_json(exclude_defaults=True)) for s in statements)
    split = detect_records([("a", statements)], 2, max_bytes=3 * size)
    assert len(split) > len(one)
    assert sorted(_placed(split, 2)) == sorted(_placed(one, 2))  # the same placements, in more messages
    for _part, _key, value in split:
        msg = BlockedStatements.model_validate_json(value)
        assert 1 <= len(msg.statements) <= 3
    parts = [part for part, _, _ in split]
    assert parts == sorted(parts)


def test_statements_without_blocking_keys_are_not_sent(make_statement):
    assert detect_records([("a", [make_statement(3, [])])], 6) == []


def test_statements_come_back_whole_though_sent_without_default_fields():
    full = Statement(
        id=statement_id("a", 5, 9), article_id="a", source="s", text="t", start=5, end=9, blocking_keys=["e:x"],
        cue="deny", polarity="negative",
    )  # fmt: skip
    [(_, _, value)] = detect_records([("a", [full])], 6)
    assert b'"modality"' not in value and b'"cue":"deny"' in value  # a default left out, a set field kept
    assert BlockedStatements.model_validate_json(value).statements == [full]
