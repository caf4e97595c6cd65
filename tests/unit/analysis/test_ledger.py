"""The claim ledger (issue 20): stances, status, order-free ids, and the seed article's one claim."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from analysis import InMemoryCandidateIndex, detect, extract_statements
from analysis.blocking import profile
from analysis.kinds.features import pair_features
from analysis.ledger import (
    Ledger,
    build_claim,
    claim_id,
    claim_statement,
    claim_status,
    link_score,
    load_link_model,
    stance_of,
)
from analysis.normalize import normalize_article
from schemas import ArticleIn, ClaimFrame, ClaimStatement, Entity, Speaker, Statement

SEED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"


def _st(sid: str, **kw) -> Statement:
    return Statement(id=sid, article_id=sid.split("#")[0], source="x.example", text=kw.pop("text", "Text."),
                     start=0, end=5, **kw)  # fmt: skip


@pytest.mark.parametrize(
    ("cue", "modality", "text", "stance"),
    [
        ("assert", "fact", "He said it happened.", "asserts"),
        ("confirm", "fact", "She confirmed it happened.", "asserts"),
        ("report", "fact", "Media reported it happened.", "reports"),
        ("deny", "possible", "He said the alleged plan was not true.", "denies"),
        ("not_confirmed", "fact", "He has not confirmed it.", "not_confirmed"),
        ("retract", "fact", "The paper retracted its report.", "retracts"),
        ("retract", "fact", "The ministry corrected the toll to 31.", "corrects"),
        ("assert", "possible", "North Korea could send troops.", None),
        ("assert", "conditional", "Sending troops would mean an escalation.", None),
        ("assert", "future", "The new tariffs will apply from March.", "asserts"),
        ("report", "future", "Media reported the talks would resume on Monday.", "reports"),
        ("report", "conditional", "If confirmed, it would be a first.", None),
    ],
)
def test_stance_from_cue_and_modality(cue, modality, text, stance):
    assert stance_of(_st("a#0-5", cue=cue, modality=modality, text=text)) == stance


@pytest.mark.parametrize(
    ("stances", "contradicted", "status"),
    [
        (["asserts", "asserts"], False, "uncontested"),
        (["asserts", "asserts"], True, "contested"),
        (["asserts", "denies"], False, "contested"),
        (["denies", "reports"], False, "denied"),
        (["asserts", "not_confirmed"], False, "unconfirmed"),
        (["reports", "reports"], False, "unconfirmed"),
        (["asserts", "retracts", "denies"], False, "retracted"),
        (["asserts", "corrects"], False, "contested"),
    ],
)
def test_status_from_stances(stances, contradicted, status):
    assert claim_status(stances, contradicted) == status


def _member(sid: str, day: int, stance: str = "asserts", text: str = "Russia trains soldiers.") -> ClaimStatement:
    return ClaimStatement(statement_id=sid, article_id=sid.split("#")[0], source="x", stance=stance, text=text,
                          published_at=datetime(2024, 10, day, tzinfo=UTC))  # fmt: skip


def test_claim_is_a_function_of_its_statements_not_their_order():
    members = [_member("b#10-20", 3), _member("a#5-9", 2, "denies", "It was not true."), _member("c#1-4", 1)]
    claims = set()
    for _ in range(5):
        random.shuffle(members)
        claims.add(build_claim(members, ["p2", "p1"]).model_dump_json())
    (one,) = claims
    claim = json.loads(one)
    assert claim["id"] == claim_id(["c#1-4", "a#5-9", "b#10-20"]) == claim_id(["a#5-9", "b#10-20", "c#1-4"])
    assert [s["statement_id"] for s in claim["statements"]] == ["c#1-4", "a#5-9", "b#10-20"]  # time order
    assert claim["first_seen"].startswith("2024-10-01") and claim["last_seen"].startswith("2024-10-03")
    assert claim["status"] == "contested" and claim["contradictions"] == ["p1", "p2"]
    assert claim["summary"] == "Russia trains soldiers."  # an asserting statement, never the denial


def test_statements_of_one_article_in_text_order():
    members = [_member("a#578-741", 1), _member("a#1108-1306", 1), _member("a#99-120", 1)]
    assert [m.statement_id for m in build_claim(members).statements] == ["a#99-120", "a#578-741", "a#1108-1306"]


def test_a_modal_statement_joins_no_claim():
    ledger = Ledger()
    could = _st("a#0-5", modality="possible")
    assert claim_statement(could) is None
    assert ledger.link(could, _st("b#0-5")) is False
    assert ledger.claims() == []


@pytest.fixture(scope="module")
def seed_claims(nlp):
    if not SEED.exists():
        pytest.skip(f"shared seed article not found at {SEED}")
    article = normalize_article(ArticleIn(**json.loads(SEED.read_text().splitlines()[0])))
    statements = extract_statements(article, nlp)

    def run(order: list[Statement]) -> list:
        index, ledger = InMemoryCandidateIndex(), Ledger()
        for s in order:
            mine = profile(s, with_blocking=True)
            ledger.add(s, index, mine)
            for c in detect(s, index):
                ledger.contradiction(c.a, c.b, c.id)
            index.add(s, mine)
        return ledger.claims()

    return statements, run


def test_seed_one_claim_who_says_what(seed_claims):
    statements, run = seed_claims
    claims = run(statements)
    troops = [c for c in claims if any((s.speaker or "").endswith("Kovalenko") for s in c.statements)]
    assert len(troops) == 1, [c.summary for c in claims]
    claim = troops[0]
    stance = {(s.speaker or s.source).removeprefix("the "): s.stance for s in claim.statements}
    for who in ("Volodymyr Zelenskyy", "Washington Post", "Kyrylo Budanov"):
        assert stance.get(who) == "asserts", stance
    assert stance.get("Andrii Kovalenko") == "denies"
    assert stance.get("Lloyd Austin") == "not_confirmed"
    assert claim.status in ("denied", "contested")
    # "could send" (Kim Yong-hyun) and "would mean" (Rutte) assert no fact: in no claim as assertions
    texts = {s.text for c in claims for s in c.statements if s.stance == "asserts"}
    assert not any("could send" in t or "would mean" in t for t in texts)
    # the three denials and three non-confirmations of the engine all lie inside it
    assert len(claim.contradictions) == 6


def test_seed_claims_do_not_depend_on_arrival_order(seed_claims):
    statements, run = seed_claims
    forward = [c.model_dump_json() for c in run(statements)]
    assert forward == [c.model_dump_json() for c in run(list(reversed(statements)))]


def test_statements_naming_different_places_are_never_linked():
    def placed(sid: str, text: str, place: str, speaker: str) -> Statement:
        where = Entity(text=place, label="GPE", norm=place.lower())
        keys = [w.lower().strip(".,") for w in text.split() if len(w) > 3]
        return _st(sid, text=text, claim_text=text, entities=[where], speaker=Speaker(name=speaker, type="person"),
                   claim=ClaimFrame(keys=keys, predicate="close"))  # fmt: skip

    first = placed("a#0-5", "Floods closed the main road into Lisbon on Tuesday.", "Lisbon", "Ana Melo")
    again = placed("b#0-5", "Floods closed the main road into Lisbon on Tuesday.", "Lisbon", "Rui Costa")
    other = placed("c#0-5", "Floods closed the main road into Chicago on Tuesday.", "Chicago", "Rui Costa")
    model = load_link_model()
    assert link_score(first, again) == model.probability(pair_features(first, again)[0]) > 0.3  # one place
    # the linker alone reads the two places as alike as the two reports of one road: the names rule them apart
    assert model.probability(pair_features(first, other)[0]) > 0.3
    assert link_score(first, other) == 0.0
