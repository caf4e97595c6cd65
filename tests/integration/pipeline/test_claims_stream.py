"""The claim ledger in the stream (issue 20): the claims the worker indexes are the ones `contraflow claims` finds
offline in the same articles; statements and contradictions carry their claim id."""

from __future__ import annotations

import time

from contraflow.runner import expected_article_ids


def _offline_claims(lines: list[bytes], settings) -> dict[str, dict]:
    from analysis import load_nlp
    from analysis.normalize import normalize_article
    from contraflow.commands.claims import ledger_of
    from schemas import ArticleIn

    cfg = settings.analysis
    articles = [normalize_article(ArticleIn.model_validate_json(line)) for line in lines]
    _, ledger = ledger_of(articles, load_nlp(cfg.spacy_model), min_score=cfg.min_score,
                          per_key=cfg.candidates_per_key, judge_budget=cfg.judge_budget,
                          max_candidates=cfg.max_candidates)  # fmt: skip
    return {c.id: c.model_dump(mode="json") for c in ledger.claims()}


def _shape(claim: dict) -> tuple:
    """What must agree: status, who takes which stance in which statement, its contradictions."""
    stances = sorted((s["statement_id"], s["stance"]) for s in claim["statements"])
    return claim["status"], tuple(stances), tuple(sorted(claim["contradictions"]))


def test_stream_claims_equal_offline_claims_on_the_seed(pipeline_factory, seed_lines):
    ns = pipeline_factory()
    ns.worker()
    ns.publish(seed_lines)
    ns.wait(articles=len(expected_article_ids(seed_lines, max_text_chars=200_000)))
    expected = _offline_claims(seed_lines, ns.settings)
    assert expected, "the seed article holds a claim offline"
    want = {cid: _shape(c) for cid, c in expected.items()}
    deadline = time.monotonic() + 120
    got: dict[str, tuple] = {}
    while time.monotonic() < deadline:
        got = {c["id"]: _shape(c) for c in ns.docs("claims")}
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
    from pipeline_helpers import split_seed

    ns = pipeline_factory()
    parts = split_seed(seed_lines[0])  # one article per paragraph: other outlets and days
    ns.worker()
    ns.publish(list(reversed(parts)))  # the later statement of each link arrives first
    ns.wait(articles=len(expected_article_ids(parts, max_text_chars=ns.settings.analysis.max_text_chars)))
    want = {cid: _shape(c) for cid, c in _offline_claims(parts, ns.settings).items()}
    assert want
    deadline = time.monotonic() + 120
    got: dict[str, tuple] = {}
    while time.monotonic() < deadline:
        got = {c["id"]: _shape(c) for c in ns.docs("claims")}
        if got == want:
            break
        time.sleep(1)
    assert got == want
