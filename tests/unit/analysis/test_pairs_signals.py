"""Each pair-judge signal, and each trap, on sentences written for these tests (not from any evaluation set)."""

from __future__ import annotations

import pytest

from analysis.pairs import FEATURES, TRIGGER_KINDS, judge_pairs, signals


def _signal(pair_nlp, premise: str, hypothesis: str, name: str) -> float:
    sigs = signals(pair_nlp(premise), pair_nlp(hypothesis))
    assert [s.name for s in sigs] == list(FEATURES)
    return next(s.value for s in sigs if s.name == name)


def _verdict(pair_nlp, premise: str, hypothesis: str):
    return judge_pairs([(premise, hypothesis)], pair_nlp)[0]


POSITIVES = [
    # (premise, hypothesis, expected kind)
    ("The library is not open on Sundays.", "The library is open on Sundays.", "negation"),
    ("There is no child swimming in the lake.", "A child is swimming in the lake.", "negation"),
    ("Nobody is repairing the fence.", "A man is repairing the fence.", "negation"),
    ("The harbour master said the storm never reached the island.", "The storm reached the island.", "negation"),
    ("The bakery's profits rose last year.", "The bakery's profits fell last year.", "antonym"),
    ("The senate approved the mining bill.", "The senate rejected the mining bill.", "antonym"),
    ("The old lighthouse keeper is alive.", "The old lighthouse keeper is dead.", "antonym"),
    ("The museum recorded 4,200 visitors in May.", "The museum recorded 9,800 visitors in May.", "quantity"),
    ("The bridge was completed in 1998.", "The bridge was completed in 2004.", "date_time"),
    ("The mayor denied that the canal had been polluted by the factory.",
     "The canal had been polluted by the factory.", "denial"),
    ("The broadcaster retracted its claim that the striker had signed for the club.",
     "The striker had signed for the club.", "retraction"),
    ("The coast guard has not yet confirmed that the trawler sank.", "The trawler sank.", "unconfirmed"),
]  # fmt: skip

TRAPS = [
    # modal / conditional / future against a fact
    ("The minister said the railway could reopen in March.", "The railway reopened in March."),
    ("If the levee fails, the village would flood.", "The village flooded."),
    # compatible approximation and the same number written differently
    ("The museum recorded about 4,200 visitors in May.", "The museum recorded 4,150 visitors in May."),
    ("The museum recorded 4,200 visitors in May.", "The museum recorded 4200 visitors in May."),
    ("The farmer sold twelve cows at the market.", "The farmer sold 12 cows at the market."),
    # paraphrase and unrelated sentences
    ("A woman is cutting bread in the kitchen.", "A woman is slicing bread in the kitchen."),
    ("The orchestra is playing in the park.", "A dog is sleeping on a porch."),
    # negation of something the other side never says
    ("There is no cat on the roof.", "A boy is kicking a ball in the street."),
    # both sides negate the same thing
    ("The shop did not open today.", "The shop has not opened today."),
    # a negated antonym agrees: "did not rise" / "fell"
    ("Rents did not rise this year.", "Rents fell this year."),
]


@pytest.mark.parametrize(("premise", "hypothesis", "kind"), POSITIVES)
def test_contradiction_found_with_kind_and_explanation(pair_nlp, premise, hypothesis, kind):
    v = _verdict(pair_nlp, premise, hypothesis)
    assert v.contradiction, (premise, hypothesis, v)
    assert v.kind == kind
    assert v.score >= 0.5
    assert v.explanation and len(v.explanation) > 10


@pytest.mark.parametrize(("premise", "hypothesis"), TRAPS)
def test_traps_are_not_contradictions(pair_nlp, premise, hypothesis):
    v = _verdict(pair_nlp, premise, hypothesis)
    assert not v.contradiction, (premise, hypothesis, v)
    assert v.kind is None and v.explanation is None
    assert v.score < 0.5


def test_order_of_the_pair_does_not_matter_for_negation(pair_nlp):
    a = _verdict(pair_nlp, "The ferry left the port.", "The ferry did not leave the port.")
    b = _verdict(pair_nlp, "The ferry did not leave the port.", "The ferry left the port.")
    assert a.contradiction and b.contradiction and a.kind == b.kind == "negation"


def test_negation_alignment_needs_shared_content(pair_nlp):
    aligned = _signal(pair_nlp, "The guard is not opening the gate.", "The guard is opening the gate.", "neg_aligned")
    unrelated = _signal(pair_nlp, "The guard is not opening the gate.", "A chef is baking bread.", "neg_aligned")
    assert aligned == pytest.approx(1.0)
    assert unrelated < 0.5


def test_antonym_signal_and_its_negation_guard(pair_nlp):
    assert _signal(pair_nlp, "The river level rose overnight.", "The river level fell overnight.", "antonym") > 0.8
    assert (
        _signal(pair_nlp, "The river level did not rise overnight.", "The river level fell overnight.", "antonym") == 0
    )


def test_activity_opposites_are_weaker_than_antonyms(pair_nlp):
    sit_run = ("A boy is sitting in the garden.", "A boy is running in the garden.")
    assert _signal(pair_nlp, *sit_run, "antonym") == 0
    assert _signal(pair_nlp, *sit_run, "antonym_weak") > 0.8


def test_quantity_needs_the_same_measured_thing(pair_nlp):
    same = _signal(pair_nlp, "The firm employs 300 workers.", "The firm employs 900 workers.", "quantity")
    other = _signal(pair_nlp, "The firm employs 300 workers.", "The firm owns 900 trucks.", "quantity")
    assert same > 0 and other == 0


def test_approximation_widens_the_tolerance(pair_nlp):
    exact = _signal(pair_nlp, "The fire destroyed 100 homes.", "The fire destroyed 92 homes.", "quantity")
    approx = _signal(pair_nlp, "The fire destroyed nearly 100 homes.", "The fire destroyed 92 homes.", "quantity")
    assert exact > 0 and approx == 0


def test_weekday_mismatch_is_date_time(pair_nlp):
    assert _signal(pair_nlp, "The talks ended on Tuesday.", "The talks ended on Friday.", "date_time") > 0.5


def test_exclusive_roles_are_signalled(pair_nlp):
    assert _signal(pair_nlp, "A woman is painting a fence.", "A man is painting a fence.", "exclusive_person") > 0.8


def test_cue_signals_fire_on_one_side_only(pair_nlp):
    both = _signal(pair_nlp, "The club denied the report.", "The player denied the report.", "denial")
    one = _signal(pair_nlp, "The club denied the transfer.", "The club agreed the transfer.", "denial")
    assert both == 0 and one > 0


def test_adjective_fake_is_not_a_denial(pair_nlp):
    assert _signal(pair_nlp, "The actor wore a fake beard.", "The actor wore a beard.", "denial") == 0


def test_every_trigger_has_a_kind_of_the_engine():
    engine_kinds = {"denial", "negation", "antonym", "quantity", "date_time", "retraction", "unconfirmed"}
    assert set(TRIGGER_KINDS.values()) <= engine_kinds
    assert set(TRIGGER_KINDS) <= set(FEATURES)


def test_batch_equals_one_by_one(pair_nlp):
    pairs = [(p, h) for p, h, _ in POSITIVES[:4]] + TRAPS[:3]
    batch = judge_pairs(pairs, pair_nlp)
    single = [judge_pairs([pair], pair_nlp)[0] for pair in pairs]
    assert [(v.contradiction, v.kind, v.score) for v in batch] == [(v.contradiction, v.kind, v.score) for v in single]
