"""Synthetic statements for the scaling phase: deterministic, distinct, sharing popular keys, never probes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from analysis import blocking_keys
from contraflow.bench.synthetic import probes, synthesize, variant
from schemas import Entity, Quantity, Statement


def _seed(i: int) -> Statement:
    return Statement(
        id=f"a{i}#0-40",
        article_id=f"a{i}",
        source="example.com",
        published_at=datetime(2024, 5, 1, 12, tzinfo=UTC),
        text=f"Officials in Country{i} said {100 + i} soldiers were training.",
        start=0,
        end=40,
        entities=[
            Entity(text=f"Country{i}", label="GPE", norm=f"country{i}"),
            Entity(text="Ministry", label="ORG", norm="ministry"),
        ],
        quantities=[
            Quantity(text=str(100 + i), value=100 + i, low=100 + i, high=100 + i, unit="soldier", start=20, end=23)
        ],
    )


SEEDS = [_seed(i) for i in range(5)]


def test_same_input_same_store():
    a = [s.model_dump() for s in synthesize(SEEDS, 23, blocking_keys)]
    b = [s.model_dump() for s in synthesize(SEEDS, 23, blocking_keys)]
    assert a == b


def test_every_synthetic_statement_has_its_own_id():
    store = list(synthesize(SEEDS, 50, blocking_keys))
    assert len({s.id for s in store}) == 50


def test_a_smaller_store_is_a_prefix_of_a_larger_one():
    small = [s.id for s in synthesize(SEEDS, 12, blocking_keys)]
    large = [s.id for s in synthesize(SEEDS, 40, blocking_keys)]
    assert large[:12] == small


def test_variants_keep_some_keys_and_rename_others():
    seed = SEEDS[0]
    v1 = variant(seed, 1, blocking_keys)
    v2 = variant(seed, 2, blocking_keys)
    # Entity 0 is renamed in odd variants, entity 1 in even ones: each variant shares one entity with the seed.
    assert v1.entities[0].norm != seed.entities[0].norm and v1.entities[1].norm == seed.entities[1].norm
    assert v2.entities[0].norm == seed.entities[0].norm and v2.entities[1].norm != seed.entities[1].norm
    assert set(v1.blocking_keys) & set(blocking_keys(seed))
    assert set(v1.blocking_keys) != set(blocking_keys(seed))


def test_numbers_are_scaled_consistently():
    v = variant(SEEDS[0], 3, blocking_keys)
    q, q0 = v.quantities[0], SEEDS[0].quantities[0]
    assert q.value == pytest.approx(q0.value * 1.15)
    assert q.low <= q.value <= q.high


def test_variant_zero_keeps_the_content():
    v = variant(SEEDS[0], 0, blocking_keys)
    assert v.entities == SEEDS[0].entities and v.quantities == SEEDS[0].quantities
    assert v.id != SEEDS[0].id


def test_blocking_keys_are_recomputed_with_the_given_function():
    v = variant(SEEDS[0], 1, lambda s: ["k:" + s.article_id])
    assert v.blocking_keys == [f"k:{v.article_id}"]


def test_probes_are_new_but_share_keys_with_the_store_and_come_after_it():
    store = list(synthesize(SEEDS, 30, blocking_keys))
    ids = {s.id for s in store}
    keys = {k for s in store for k in s.blocking_keys}
    newest = max(s.published_at for s in store)
    ps = probes(SEEDS, 8, 30, blocking_keys)
    assert not ids & {p.id for p in ps}
    assert all(set(p.blocking_keys) & keys for p in ps)
    assert all(p.published_at > newest for p in ps)


def test_no_seeds_is_an_error():
    with pytest.raises(ValueError):
        list(synthesize([], 3, blocking_keys))
    with pytest.raises(ValueError):
        probes([], 3, 10, blocking_keys)
