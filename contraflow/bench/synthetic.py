"""Deterministic synthetic statements for the scaling phase, derived from statements of the news corpus.

Variant ``v`` of a seed statement is the same sentence "said again" in another article: every other entity is
renamed for the variant (so the key space grows with the store), the others keep their names (so popular keys
such as a country recur in every variant, as they do in real news), numbers are scaled by one of nine factors
and the time moves on by ``v`` minutes. Nothing is random: the same seeds always give the same store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta

from schemas import Entity, Quantity, Statement

__all__ = ["PROBE_VARIANT_BASE", "probes", "synthesize", "variant"]

# Probes use variant numbers no store of up to 10^8 statements reaches, so a probe is never already stored.
PROBE_VARIANT_BASE = 10_000_000

KeysFn = Callable[[Statement], list[str]]


def _factor(v: int) -> float:
    return 1.0 + 0.05 * (v % 9)


def _entity(e: Entity, j: int, v: int) -> Entity:
    if v == 0 or (v + j) % 2 == 0:
        return e
    return e.model_copy(update={"text": f"{e.text} {v}", "norm": f"{e.norm}_v{v}"})


def _quantity(q: Quantity, v: int) -> Quantity:
    f = _factor(v)
    return q.model_copy(update={"value": q.value * f, "low": q.low * f, "high": q.high * f})


def variant(seed: Statement, v: int, keys_fn: KeysFn | None = None, minutes: int | None = None) -> Statement:
    """Variant ``v`` of ``seed`` (``v == 0`` keeps names and numbers; ids always get the variant).

    ``keys_fn`` recomputes the blocking keys of the changed statement (``analysis.blocking_keys`` by default);
    ``minutes`` moves the publication time on (default ``v``).
    """
    article_id = f"{seed.article_id}~syn{v}"
    shift = timedelta(minutes=v if minutes is None else minutes)
    published = seed.published_at + shift if seed.published_at is not None else None
    changed = seed.model_copy(
        update={
            "id": f"{article_id}#{seed.start}-{seed.end}",
            "article_id": article_id,
            "published_at": published,
            "entities": [_entity(e, j, v) for j, e in enumerate(seed.entities)],
            "quantities": [_quantity(q, v) for q in seed.quantities],
        }
    )
    if keys_fn is None:
        from analysis import blocking_keys

        keys_fn = blocking_keys
    return changed.model_copy(update={"blocking_keys": list(keys_fn(changed))})


def synthesize(seeds: Sequence[Statement], n: int, keys_fn: KeysFn | None = None) -> Iterator[Statement]:
    """``n`` synthetic statements: seed ``i % len(seeds)`` in variant ``i // len(seeds)``, for i in 0..n-1.

    A store of the first 10^3 is a prefix of the store of the first 10^5, so larger stores only add statements.
    """
    if not seeds:
        raise ValueError("no seed statements to synthesize from")
    for i in range(n):
        yield variant(seeds[i % len(seeds)], i // len(seeds), keys_fn)


def probes(seeds: Sequence[Statement], n: int, store_size: int, keys_fn: KeysFn | None = None) -> list[Statement]:
    """``n`` new statements that are in no store (variants beyond ``PROBE_VARIANT_BASE``) but share its keys.

    They are published just after the newest statement of a store of ``store_size``, as a new statement is.
    """
    if not seeds:
        raise ValueError("no seed statements to make probes from")
    newest = (store_size - 1) // len(seeds) + 1
    return [
        variant(seeds[i % len(seeds)], PROBE_VARIANT_BASE + i // len(seeds), keys_fn, minutes=newest) for i in range(n)
    ]
