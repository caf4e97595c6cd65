"""How long the claim queries and the sources track record take on a real Elasticsearch, at a chosen size.

Synthetic claims (deterministic: a seeded generator) with their contradictions are bulk-indexed into a private index
prefix through the real templates, then each query is timed (median and max of ``--repeat`` runs, after one warm-up),
and the prefix is deleted. The track record is two aggregation searches (claims: nested terms over the
statements; contradictions: terms and cardinality), so this is what ``contraflow sources`` and ``/sources`` cost.

    python -m contraflow.bench.claims_queries --claims 20000 --es-url http://localhost:9200
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from elasticsearch import Elasticsearch, helpers

from indexers.documents import document_json
from indexers.queries import claims_of_statements_body, search_body, track_record_bodies, track_record_rows
from indexers.templates import INDEX_KINDS, alias_name, index_name
from schemas import Claim, ClaimStatement, Contradiction, Speaker, Statement, pair_id

__all__ = ["main", "synthetic"]

_WORDS = ("troops", "soldiers", "border", "ships", "port", "grain", "drones", "missiles", "talks", "ceasefire", "aid")
_STANCES = ["asserts"] * 6 + ["reports", "denies", "denies", "not_confirmed", "retracts", "corrects"]


def _statement(cs: ClaimStatement) -> Statement:
    return Statement(
        id=cs.statement_id, article_id=cs.article_id, source=cs.source, published_at=cs.published_at, text=cs.text,
        start=0, end=len(cs.text), speaker=Speaker(name=cs.speaker, type="person"),
    )  # fmt: skip


def synthetic(n_claims: int, seed: int = 7) -> tuple[list[Claim], list[Contradiction]]:
    """``n_claims`` claims of 2-12 statements from 300 sources and 3,000 speakers over a year, and a
    contradiction between each opposing statement and the claim's first assertion."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    claims, pairs = [], []
    for i in range(n_claims):
        members = []
        for j in range(rng.randint(2, 12)):
            words = " ".join(rng.choice(_WORDS) for _ in range(12))
            when = start + timedelta(hours=rng.randrange(8760))
            members.append(
                ClaimStatement(
                    statement_id=f"s{i}-{j}",
                    article_id=f"a{i}-{j}",
                    speaker=f"speaker {rng.randrange(3000)}",
                    source=f"outlet{rng.randrange(300)}.example",
                    published_at=when,
                    stance="asserts" if j == 0 else rng.choice(_STANCES),
                    text=f"Claim {i}: {words}.",
                )
            )
        members.sort(key=lambda m: (m.published_at or start, m.statement_id))
        claims.append(
            Claim(
                id=f"c{i}",
                summary=members[0].text,
                status="contested",
                first_seen=members[0].published_at,
                last_seen=members[-1].published_at,
                statements=members,
            )
        )
        first = next((m for m in members if m.stance == "asserts"), None)
        for m in members:
            if first is not None and m is not first and m.stance in ("denies", "not_confirmed", "retracts"):
                a, b = _statement(first), _statement(m)
                pairs.append(Contradiction(
                    id=pair_id(a.id, b.id), kind="denial", score=0.9, explanation="x", scope="cross_article", a=a, b=b
                ))  # fmt: skip
    return claims, pairs


def _time(call: Any, repeat: int) -> dict[str, float]:
    call()  # warm-up: caches and global ordinals
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(runs), 4), "max_s": round(max(runs), 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--es-url", default="http://localhost:9200")
    args = parser.parse_args(argv)
    from indexers.client import ensure_indices

    client = Elasticsearch(args.es_url, request_timeout=120)
    prefix = f"cfbenchclaims{uuid.uuid4().hex[:6]}"
    claims, pairs = synthetic(args.claims)
    try:
        ensure_indices(client, prefix)
        started = time.perf_counter()
        actions = (
            {"_index": alias_name(prefix, kind), "_id": doc_id, "_source": json.loads(source)}
            for kind, records in (("claims", claims), ("contradictions", pairs))
            for doc_id, source in map(document_json, records)
        )
        helpers.bulk(client, actions, chunk_size=1000)
        client.indices.refresh(index=f"{prefix}-*")
        index_s = time.perf_counter() - started
        claims_alias, pairs_alias = alias_name(prefix, "claims"), alias_name(prefix, "contradictions")

        def record(by: str, size: int = 50) -> list[dict[str, Any]]:
            claims_body, pairs_body = track_record_bodies(by)
            c = client.search(index=claims_alias, **claims_body)["aggregations"]
            x = client.search(index=pairs_alias, **pairs_body)["aggregations"]
            return track_record_rows(c, x, size=size)

        rows = {by: len(record(by, size=1_000_000)) for by in ("source", "speaker")}
        result = {
            "claims": len(claims),
            "statements": sum(len(c.statements) for c in claims),
            "contradictions": len(pairs),
            "index_s": round(index_s, 1),
            "track_record_rows": rows,
            "track_record_by_source": _time(lambda: record("source"), args.repeat),
            "track_record_by_speaker": _time(lambda: record("speaker"), args.repeat),
            "claims_search_words": _time(
                lambda: client.search(index=claims_alias, **search_body("troops border", index="claims", size=20)),
                args.repeat,
            ),
            "claim_of_statements": _time(
                lambda: client.search(index=claims_alias, **claims_of_statements_body(["s17-0", "s17-1"], size=1)),
                args.repeat,
            ),
        }
    finally:
        for kind in INDEX_KINDS:
            client.options(ignore_status=404).indices.delete(index=index_name(prefix, kind))
            client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-{kind}")
        client.options(ignore_status=404).cluster.delete_component_template(name=f"{prefix}-settings")
        client.close()
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
