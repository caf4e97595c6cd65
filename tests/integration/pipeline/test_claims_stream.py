"""The claim ledger in the stream (issue 20): the claims the worker indexes are the ones `contraflow claims` finds
offline in the same articles; statements and contradictions carry their claim id."""

from __future__ import annotations

import time

from pipeline_helpers import claim_shape, offline_claims, split_seed

from contraflow.runner import expected_article_ids


def test_stream_claims_equal_offline_claims_on_the_seed(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    ns.worker()
    ns.publish(seed_lines)
    ns.wait(articles=len(expected_article_ids(seed_lines, max_text_chars=200_000)))
    expected = offline_claims(seed_lines, ns.settings)
    assert expected, "the seed article holds a claim offline"
    want = {cid: claim_shape(c) for cid, c in expected.items()}
    deadline = time.monotonic() + 120
    got: dict[str, tuple] = {}
    while time.monotonic() < deadline:
        got = {c["id"]: claim_shape(c) for c in ns.docs("claims")}
        if got == want:
            break
        time.sleep(1)
    assert got == want

    # statements and contradictions carry their claim id (the claims agent wrote them)
    members = {s[0]: cid for cid, shape in want.items() for s in shape[1]}
    pairs = {p: cid for cid, shape in want.items() for p in shape[2]}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        statements = {s["id"]: s.get("claim_id") for s in ns.docs("statements")}
        contradictions = {c["id"]: c.get("claim_id") for c in ns.docs("contradictions")}
        if {sid: statements.get(sid) for sid in members} == members and contradictions == pairs:
            break
        time.sleep(1)
    assert {sid: statements.get(sid) for sid in members} == members
    # every contradiction lies inside a claim here, and is indexed once, with its claim id
    assert contradictions == pairs
    # statements no claim holds ("could send", "would mean") carry none
    assert all(cid is None for sid, cid in statements.items() if sid not in members)


def test_stream_claims_equal_offline_claims_across_articles_in_any_order(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    parts = split_seed(seed_lines[0])  # one article per paragraph: other outlets and days
    ns.worker()
    ns.publish(list(reversed(parts)))  # the later statement of each link arrives first
    ns.wait(articles=len(expected_article_ids(parts, max_text_chars=ns.settings.analysis.max_text_chars)))
    want = {cid: claim_shape(c) for cid, c in offline_claims(parts, ns.settings).items()}
    assert want
    deadline = time.monotonic() + 120
    got: dict[str, tuple] = {}
    while time.monotonic() < deadline:
        got = {c["id"]: claim_shape(c) for c in ns.docs("claims")}
        if got == want:
            break
        time.sleep(1)
    assert got == want
