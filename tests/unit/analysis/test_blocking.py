"""Blocking: shared keys, bounded blocks, JSON-serialisable contents."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

from analysis import CandidateIndex, InMemoryCandidateIndex, blocking_keys, detect, judge_statements
from analysis.blocking import ProfileBlock, profile
from analysis.detection import JUDGE_BUDGET, key_share, select_candidates
from analysis.prefilter import survivors
from contraflow.settings import AnalysisSettings
from schemas import ClaimFrame, Entity, Quantity, Statement


def _st(i: int, keys: list[str], entity: str | None = None) -> Statement:
    ents = [Entity(text=entity, label="GPE", norm=entity.lower())] if entity else []
    return Statement(id=f"a{i}#0-10", article_id=f"a{i}", source="x.example", text="t", start=0, end=10,
                     claim=ClaimFrame(keys=keys), entities=ents)  # fmt: skip


def test_keys_from_entities_and_nouns():
    s = _st(1, ["tanker", "spill", "oil"], entity="Kestrel")
    keys = blocking_keys(s)
    assert keys[0] == "e:kestrel" and "n:tanker" in keys and len(keys) <= 8


def test_candidates_share_a_key_and_exclude_self():
    index = InMemoryCandidateIndex(per_key=10)
    assert isinstance(index, CandidateIndex)
    a, b, c = _st(1, ["tanker", "oil"]), _st(2, ["tanker", "port"]), _st(3, ["election", "vote"])
    for s in (a, b, c):
        index.add(s.model_copy(update={"blocking_keys": blocking_keys(s)}))
    got = [s.id for s in index.candidates(a.model_copy(update={"blocking_keys": blocking_keys(a)}))]
    assert got == [b.id]


def test_blocks_are_bounded_and_cost_stays_flat():
    # The cost of finding a statement's candidates is what it reads: the blocks of its keys. Counted, not timed
    # (a timed unit test flakes on a busy machine; docs/performance.md has the measured figures).
    def place_cost(n: int) -> tuple[int, int]:
        index = InMemoryCandidateIndex(per_key=50)
        for i in range(n):
            s = _st(i, ["flood", f"town{i % 97}"])
            index.add(s.model_copy(update={"blocking_keys": blocking_keys(s)}))
        probe = _st(-1, ["flood", "town3"])
        probe = probe.model_copy(update={"blocking_keys": blocking_keys(probe)})
        blocks = [index.block(k) for k in blocking_keys(probe)]
        read = sum(len(b) for b in blocks if b is not None)
        return read, len(index.candidates(probe))

    small, n_small = place_cost(1_000)
    large, n_large = place_cost(100_000)
    assert n_small <= 100 and n_large <= 100  # two keys x 50
    # a store 100 times larger reads no more than the keys' full blocks: per_key x keys
    assert 0 < small <= large <= len(blocking_keys(_st(-1, ["flood", "town3"]))) * 50


def test_stored_statements_are_json():
    s = _st(1, ["tanker"])
    assert Statement.model_validate(json.loads(s.model_dump_json())) == s


# --- candidate selection: a judge budget per new statement, the most promising candidates first ---------------


def _claim(
    n: int,
    keys: list[str],
    *,
    article: str | None = None,
    cue: str = "assert",
    polarity: str = "positive",
    modality: str = "fact",
    count: float | None = 40,
    text: str | None = None,
    verb: str = "evacuate",
) -> Statement:
    """``count`` workers ``verb`` (its main verb) at a plant: ``keys`` are its content lemmas."""
    qty = [] if count is None else [Quantity(text=f"{count:g}", value=count, low=count, high=count, unit="worker",
                                             start=0, end=2, verb=verb)]  # fmt: skip
    s = Statement(
        id=f"{article or f'p{n}'}#{n}-{n + 1}", article_id=article or f"p{n}", source="x.example",
        published_at=datetime(2025, 3, 4, 12, tzinfo=UTC), text=text or f"Sentence number {n} about the plant.",
        start=n, end=n + 1, cue=cue, polarity=polarity, modality=modality,
        quantities=qty, claim=ClaimFrame(keys=keys, predicate=verb),
    )  # fmt: skip
    return s.model_copy(update={"blocking_keys": blocking_keys(s)})


NEW_KEYS = ["evacuate", "worker", "plant", "harbour"]


def test_selection_never_exceeds_the_budget():
    new = profile(_claim(0, NEW_KEYS, count=75))
    pool = [profile(_claim(n, NEW_KEYS, count=40)) for n in range(1, 41)]
    for budget in (1, 5, 32):
        assert len(select_candidates(new, pool, budget)) == budget
    assert len(select_candidates(new, pool, 100)) == 40
    assert select_candidates(new, pool, 0) == []


def test_selection_keeps_the_candidates_sharing_most_over_newer_weaker_ones():
    new = profile(_claim(0, NEW_KEYS, count=75))
    weak = [profile(_claim(n, ["evacuate", "worker", "fire", "smoke"])) for n in range(1, 31)]  # half in common
    strong = [profile(_claim(n, NEW_KEYS)) for n in range(31, 34)]  # all in common, but oldest in the pool
    denial = profile(_claim(40, ["evacuate", "worker", "plant"], cue="deny", count=None))
    got = select_candidates(new, [*weak, *strong, denial], budget=4)
    assert got[0] is denial  # a denial of what the new statement says is judged first
    assert got[1:] == strong


def test_selection_drops_what_no_kind_could_read_as_a_contradiction():
    new = profile(_claim(0, NEW_KEYS, count=75))
    hopeless = [
        _claim(1, NEW_KEYS, text=new.statement.text),  # the same sentence again
        _claim(2, ["worker", "strike", "union", "pay"], count=None),  # no figure, negation, cue, date or opposite
    ]
    assert select_candidates(new, [profile(s) for s in hopeless], budget=32) == []
    assert select_candidates(new, [profile(_claim(7, NEW_KEYS))], budget=32)  # two figures: a real candidate
    # a denial is judged against the claim it may deny, even in the same words; two denials are not paired
    denial = profile(_claim(8, NEW_KEYS, cue="deny", count=None))
    assert select_candidates(denial, [profile(_claim(9, NEW_KEYS, count=None))], 32)
    assert select_candidates(denial, [profile(_claim(10, NEW_KEYS, cue="deny", count=None))], 32) == []


def test_detect_judges_at_most_the_budget(monkeypatch):
    module = sys.modules["analysis.detection"]
    calls: list[str] = []
    real = module.judge_pair

    def counting(a: Statement, b: Statement, min_score: float = 0.5):
        calls.append(b.id)
        return real(a, b, min_score)

    monkeypatch.setattr(module, "judge_pair", counting)
    index = InMemoryCandidateIndex(per_key=100)
    for n in range(1, 81):
        index.add(_claim(n, NEW_KEYS))
    new = _claim(0, NEW_KEYS, count=75)
    assert len(index.candidates(new)) == 80
    nkeys = len(blocking_keys(new))
    assert nkeys > 1
    # every candidate shares all of new's keys, so each pair belongs to the smallest key: one key's share is judged
    found = detect(new, index, budget=7)
    assert len(calls) == key_share(7, nkeys) and len(found) <= len(calls)
    calls.clear()
    detect(new, index)
    assert len(calls) == key_share(JUDGE_BUDGET, nkeys)


def test_index_stores_one_profile_per_statement_and_leaves_the_probe_out():
    index = InMemoryCandidateIndex(per_key=10)
    a, b = _claim(1, NEW_KEYS), _claim(2, NEW_KEYS)
    index.add(a)
    index.add(b)
    pool = index.profiles(a)
    assert [p.id for p in pool] == [b.id, a.id]  # newest first, once each although both share four keys
    assert [s.id for s in index.candidates(a)] == [b.id]


def test_default_budget_is_the_settings_default():
    assert AnalysisSettings().judge_budget == JUDGE_BUDGET


_TEXTS = (
    "Firefighters evacuated 40 workers from the Marlow refinery on Tuesday, the fire service said. "
    "The blaze started at 6 a.m., according to the plant manager. "
    "The regional council approved the new safety plan, a spokesman said.",
    "The fire service said firefighters evacuated 75 workers from the Marlow refinery on Tuesday. "
    "The plant manager said the blaze started at 9 a.m. "
    "The regional council rejected the new safety plan, a spokesman said.",
    "Harlow Energy denied that workers were evacuated from the Marlow refinery. "
    "The company said the refinery was not damaged by the fire.",
    "Inspectors said the refinery was damaged by the fire, according to a report on Wednesday.",
    "The port authority said the Keswick ferry terminal reopened to passengers on Friday. "
    "Police said the harbour bridge was under control. "
    "The union said 300 dockers joined the strike at the Keswick terminal.",
    "The ferry company said the Keswick ferry terminal did not reopen to passengers on Friday. "
    "The mayor said the harbour bridge was not under control. "
    "Organisers said 120 dockers joined the strike at the Keswick terminal on Friday.",
    "Nine passengers died in the crash, the coroner said. "
    "The regional hospital said the nine passengers survived the crash.",
)


def _survives(a: Statement, b: Statement) -> bool:
    """``b`` passes the numpy prefilter (``analysis.prefilter.survivors``) against ``a``."""
    return survivors(profile(a), ProfileBlock(1, [profile(b)]).rows.newest(1)) == [0]


def test_selection_keeps_every_pair_the_judge_finds(statements):
    # What select_candidates drops must be what judge_statements would reject: over every pair of these
    # sentences, each contradiction the judge finds is selected (with a budget of one).
    flat = [s for per in statements(*_TEXTS) for s in per]
    kinds = set()
    for i, a in enumerate(flat):
        for b in flat[i + 1 :]:
            c = judge_statements(a, b)
            if c is not None:
                kinds.add(c.kind)
                assert select_candidates(profile(a), [profile(b)], 1), (c.kind, a.text, b.text)
                assert select_candidates(profile(b), [profile(a)], 1), (c.kind, b.text, a.text)
                assert _survives(a, b) and _survives(b, a), (c.kind, a.text, b.text)
    assert {"quantity", "denial", "date_time", "antonym", "negation"} <= kinds


def test_detect_gives_the_same_pairs_with_any_candidate_index(statements):
    class ListIndex:  # the bare protocol: no stored profiles, so detect profiles the candidates itself
        def __init__(self) -> None:
            self.items: list[Statement] = []

        def add(self, s: Statement) -> None:
            self.items.append(s)

        def candidates(self, s: Statement) -> list[Statement]:
            return [o for o in self.items if o.id != s.id]

    found: dict[str, set[str]] = {}
    for index in (InMemoryCandidateIndex(), ListIndex()):
        pairs = found.setdefault(type(index).__name__, set())
        for per in statements(*_TEXTS):
            for s in per:
                pairs.update(c.id for c in detect(s, index))
                index.add(s)
    assert len(found["ListIndex"]) >= 4 and found["ListIndex"] == found["InMemoryCandidateIndex"]


_NAMED_TEXTS = (
    "The flight left Port Averly, New Calder at 12:05 am on Sunday.",
    "The flight left Harrow Bay International Airport at 11:36 am on Sunday.",
    "Harrow Air denied that the Port Averly flight had been diverted to New Calder.",
    "The Port Averly flight was diverted to New Calder after a fault, a passenger said.",
)


def test_selection_keeps_the_pairs_of_statements_with_multi_word_names(statements):
    # The judge counts a multi-word name once ('port_averly' with 'port' and 'averly'); the selection's shares
    # must never come out lower than the judge's, or it would drop pairs the judge finds.
    flat = [s for per in statements(*_NAMED_TEXTS) for s in per]
    found = 0
    for i, a in enumerate(flat):
        for b in flat[i + 1 :]:
            if judge_statements(a, b) is not None:
                found += 1
                assert select_candidates(profile(a), [profile(b)], 1), (a.text, b.text)
                assert select_candidates(profile(b), [profile(a)], 1), (b.text, a.text)
                assert _survives(a, b) and _survives(b, a), (a.text, b.text)
    assert found >= 2
