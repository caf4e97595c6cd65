"""Negation scope, taxonomy, partial counts and event words in the pair judge (sentences written for these tests)."""

from __future__ import annotations

import pytest

from analysis.pairs import judge_pairs, signals
from analysis.pairs import lexicon as lx


def _values(pair_nlp, premise: str, hypothesis: str) -> dict[str, float]:
    return {s.name: s.value for s in signals(pair_nlp(premise), pair_nlp(hypothesis))}


# --- lexicon -------------------------------------------------------------------------------------------------


def test_synonym_groups_sharing_a_word_merge_into_one_form():
    # "talk" is in two groups; every member must fold to the same form, or the two sides never meet
    assert lx.SYNONYMS["speak"] == lx.SYNONYMS["talk"] == lx.SYNONYMS["negotiation"]
    assert lx.SYNONYMS["commence"] == lx.SYNONYMS["start"]


def test_antonyms_are_found_under_the_folded_synonym():
    # "talk" folds to the canonical form; its opposite "silent" must still be listed under it
    assert "silent" in lx.ANTONYMS[lx.SYNONYMS["talk"]]
    assert lx.weak_opposites("sit", "stand") and not lx.weak_opposites("start", "stop")


def test_taxonomy_is_transitive():
    assert {"dog", "animal"} <= lx.HYPERNYMS["poodle"]
    assert {"child", "person"} <= lx.HYPERNYMS["girl"]
    assert "weapon" in lx.HYPERNYMS["rifle"]


def test_event_families_link_a_verb_to_its_noun():
    assert "death" in lx.EVENT_FAMILY["die"] and "arrive" in lx.EVENT_FAMILY["arrival"]


# --- negation ------------------------------------------------------------------------------------------------


def test_a_general_negated_word_covers_a_specific_one(pair_nlp):
    v = _values(pair_nlp, "There is no child playing on the swing.", "A girl is playing on the swing.")
    assert v["neg_aligned"] == pytest.approx(1.0)
    verdict = judge_pairs([("There is no child playing on the swing.", "A girl is playing on the swing.")], pair_nlp)[0]
    assert verdict.contradiction and verdict.kind == "negation"


def test_a_narrower_negated_word_is_flagged(pair_nlp):
    # "no man is frying fish" does not deny that someone cooks fish some other way
    assert _values(pair_nlp, "There is no man frying fish.", "A man is cooking fish.")["neg_narrower"] == 1.0
    assert _values(pair_nlp, "There is no man cooking fish.", "A man is frying fish.")["neg_narrower"] == 0.0


def test_existential_negation_with_a_light_head_counts_in_full(pair_nlp):
    v = _values(pair_nlp, "There is no farmer feeding the goats.", "A farmer is feeding the goats.")
    assert v["neg_full"] == 1.0


def test_with_no_describes_a_noun_and_negates_no_clause(pair_nlp):
    v = _values(pair_nlp, "A girl with no shoes is dancing on the pier.", "A girl is dancing on the pier.")
    assert v["neg_weak"] == 0.0 and v["neg_aligned"] == 0.0
    verdict = judge_pairs(
        [("A girl with no shoes is dancing on the pier.", "A girl is dancing on the pier.")], pair_nlp
    )[0]
    assert not verdict.contradiction


def test_no_on_a_verb_argument_still_negates(pair_nlp):
    v = _values(pair_nlp, "There is no girl dancing on the pier.", "A girl is dancing on the pier.")
    assert v["neg_weak"] > 0 and v["neg_aligned"] > 0.9


def test_a_measure_noun_before_of_need_not_be_matched(pair_nlp):
    v = _values(pair_nlp, "There is no man eating a bowl of soup.", "A man is eating soup.")
    assert v["neg_full"] == 1.0
    assert _values(pair_nlp, "There is no man eating a bowl.", "A man is eating soup.")["neg_full"] == 0.0


# --- roles and counts ----------------------------------------------------------------------------------------


def test_a_general_filler_of_the_same_role_is_no_slot_mismatch(pair_nlp):
    assert (
        _values(pair_nlp, "A man is painting the old fence.", "A person is painting the old fence.")["slot_mismatch"]
        == 0
    )
    assert (
        _values(pair_nlp, "A man is painting the old fence.", "A man is painting the old barn.")["slot_mismatch"] == 1
    )


def test_a_count_given_in_parts_is_no_quantity_mismatch(pair_nlp):
    parts = _values(pair_nlp, "A cyclist is waving and two other cyclists are riding.", "Three cyclists are riding.")
    another = _values(pair_nlp, "One rower is rowing and another rower is steering.", "Two rowers are in the boat.")
    whole = _values(pair_nlp, "Two cyclists are riding.", "Three cyclists are riding.")
    assert parts["quantity"] == 0 and another["quantity"] == 0
    assert whole["quantity"] > 0


def test_a_number_repeated_with_each_is_still_compared(pair_nlp):
    v = _values(
        pair_nlp, "The survey reached 450 farmers, each farmer answering twice.", "The survey reached 150 farmers."
    )
    assert v["quantity"] > 0


# --- dates pinned to a predicate -----------------------------------------------------------------------------


def test_a_date_on_the_noun_of_the_same_event_is_not_misattached(pair_nlp):
    premise = "The poet moved to Rome in 1819. His death came two years later, in 1821."
    assert _values(pair_nlp, premise, "The poet died in 1821.")["date_misattached"] == 0.0


def test_a_date_on_another_event_is_misattached(pair_nlp):
    premise = "The poet moved to Rome in 1819. His death came two years later, in 1821."
    assert _values(pair_nlp, premise, "The poet died in 1819.")["date_misattached"] == 1.0
