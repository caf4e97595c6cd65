"""The claim ledger when an article is written again (issue 20): a replayed extract batch changes no claim and
keeps every statement's claim id; a new version of an article takes the statements it no longer has out of their
claims. On the real stack, as the other stream tests."""

from __future__ import annotations

import json
import time

from kafka import KafkaProducer
from pipeline_helpers import claim_shape, offline_claims

from contraflow.runner import expected_article_ids


def _offline_claims(lines: list[bytes], settings) -> dict[str, tuple]:
    return {cid: claim_shape(c) for cid, c in offline_claims(lines, settings).items()}


def _state(ns) -> tuple[dict, dict, dict]:
    """(claims by id -> shape, statement id -> claim id, contradiction id -> claim id) in Elasticsearch."""
    claims = {c["id"]: claim_shape(c) for c in ns.docs("claims")}
    statements = {s["id"]: s.get("claim_id") for s in ns.docs("statements")}
    contradictions = {c["id"]: c.get("claim_id") for c in ns.docs("contradictions")}
    return claims, statements, contradictions


def _until(check, timeout_s: float = 120.0):
    deadline = time.monotonic() + timeout_s
    while True:
        value = check()
        if value[0] or time.monotonic() > deadline:
            return value[1]
        time.sleep(1)


def _settled(ns, want: dict) -> tuple[dict, dict, dict]:
    """Wait until the claims are ``want`` and every statement of them carries its claim id; the state then."""

    def check():
        claims, statements, contradictions = _state(ns)
        members = {sid: cid for cid, shape in want.items() for sid, _ in shape[1]}
        ok = claims == want and {sid: statements.get(sid) for sid in members} == members
        return ok, (claims, statements, contradictions)

    return _until(check)


def _replay(ns, topic: str) -> int:
    """Deliver every record of ``topic`` again, as Kafka redelivers after a crash: same key, value, timestamp."""
    records = ns.topic_records(topic)
    producer = KafkaProducer(bootstrap_servers=ns.settings.kafka.bootstrap, acks="all")
    try:
        for r in records:
            producer.send(topic, key=r.key, value=r.value, partition=r.partition, timestamp_ms=r.timestamp)
        producer.flush(timeout=30)
    finally:
        producer.close()
    return len(records)


def test_a_replayed_extract_batch_changes_no_claim_and_keeps_every_claim_id(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    worker = ns.worker()
    ns.publish(seed_lines)
    ns.wait(articles=len(expected_article_ids(seed_lines, max_text_chars=200_000)))
    want = _offline_claims(seed_lines, ns.settings)
    assert want, "the seed article holds a claim offline"
    before = _settled(ns, want)
    assert before[0] == want

    replayed_at = time.time()
    assert _replay(ns, ns.settings.topics.normalized) >= 1

    def rewritten():  # the replay went through extract: its statements were written again
        docs = ns.docs("statements")
        return bool(docs) and all(_epoch(d["indexed_at"]) >= replayed_at for d in docs), None

    _until(rewritten)
    after = _settled(ns, want)
    assert after == before
    assert "claims_revised" in worker.log_path.read_text(errors="replace")  # the path under test ran
    time.sleep(3)  # and nothing comes afterwards to undo it
    assert _state(ns) == before


def test_a_new_version_takes_the_statements_it_no_longer_has_out_of_their_claims(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    ns.worker()
    seed = json.loads(seed_lines[0])
    ns.publish(seed_lines)
    ns.wait(articles=1)
    v1 = _settled(ns, _offline_claims(seed_lines, ns.settings))
    kovalenko = [sid for sid, _ in _statements_saying(ns, "Kovalenko")]
    assert any(sid in {m for shape in v1[0].values() for m, _ in shape[1]} for sid in kovalenko), (
        "Kovalenko's denial is in a claim in v1, or nothing is tested"
    )

    # v2: the paragraph with the denial goes (and the statements after it move: new offsets, new ids)
    paragraphs = [p for p in seed["text"].split("\n\n") if "Kovalenko" not in p]
    v2 = json.dumps({**seed, "text": "\n\n".join(paragraphs)}).encode()
    ns.publish([v2])
    ns.wait(articles=1)

    def current():
        claims, statements, _ = _state(ns)
        members = {sid for shape in claims.values() for sid, _ in shape[1]}
        # no claim holds a statement the article no longer has, and the denial is gone with its paragraph
        ok = bool(claims) and members <= set(statements) and not any("denies" in str(s) for s in claims.values())
        return ok, (claims, statements)

    claims, statements = _until(current)
    members = {sid for shape in claims.values() for sid, _ in shape[1]}
    assert members <= set(statements), sorted(members - set(statements))[:5]
    assert not any(stance == "denies" for shape in claims.values() for _, stance in shape[1])
    # every statement a claim holds carries that claim's id
    by_id = {sid: cid for cid, shape in claims.items() for sid, _ in shape[1]}
    assert {sid: statements[sid] for sid in by_id} == by_id


def _statements_saying(ns, word: str) -> list[tuple[str, str]]:
    return [(d["id"], d["text"]) for d in ns.docs("statements") if word in d["text"]]


def _epoch(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()
