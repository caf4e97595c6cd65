"""Predicate alignment signals: polarity compared on the aligned predicate, with role checks (own sentences)."""

from __future__ import annotations

from analysis.pairs import signals


def _values(pair_nlp, premise: str, hypothesis: str) -> dict[str, float]:
    return {s.name: s.value for s in signals(pair_nlp(premise), pair_nlp(hypothesis))}


def test_negated_hypothesis_against_a_relative_clause_that_asserts_it(pair_nlp):
    v = _values(
        pair_nlp,
        "The company, which owns the brewery, reported higher profits.",
        "The company does not own the brewery.",
    )
    assert v["polarity_flip_roles"] == 1.0 and v["align_roles"] == 1.0


def test_negated_premise_against_a_positive_hypothesis(pair_nlp):
    v = _values(
        pair_nlp, "The island will not accept the old permit as proof.", "The island accepts the old permit as proof."
    )
    assert v["polarity_flip"] > 0.9


def test_a_possessive_does_not_make_the_owner_the_thing(pair_nlp):
    v = _values(pair_nlp, "Maria's lawyer told the court that Maria was abroad.", "Maria is not a lawyer.")
    assert v["align_roles"] == 0.0 and v["polarity_flip_roles"] == 0.0


def test_passive_roles_are_undone(pair_nlp):
    v = _values(
        pair_nlp, "The coach was criticised by the players after the match.", "The coach never criticised the players."
    )
    assert v["polarity_flip_roles"] < 1.0


def test_negative_implicative_agrees_with_a_negation(pair_nlp):
    v = _values(pair_nlp, "The council failed to approve the budget.", "The council did not approve the budget.")
    assert v["polarity_flip"] == 0.0 and v["align_same_polarity"] > 0.9


def test_no_determiner_negates_the_clause(pair_nlp):
    v = _values(pair_nlp, "No passenger was injured in the crash.", "A passenger was injured in the crash.")
    assert v["polarity_flip"] > 0.9


def test_hypothetical_premise_is_not_a_fact(pair_nlp):
    v = _values(pair_nlp, "The river could flood the valley next week.", "The river will not flood the valley.")
    assert v["polarity_flip"] == 0.0 and v["align_modal"] == 1.0


def test_coverage_matches_derived_forms_and_flags_new_numbers(pair_nlp):
    v = _values(pair_nlp, "The Brazilian delegation arrived with 40 officials.", "Brazil sent 75 officials.")
    assert v["cov_names"] == 1.0 and v["new_numbers_h"] > 0


def test_a_year_pinned_to_another_predicate(pair_nlp):
    v = _values(pair_nlp, "In 1870 the mill burned down, and its owner moved to the coast.", "The owner died in 1870.")
    assert v["date_misattached"] > 0
    same = _values(pair_nlp, "The mill burned down in 1870 after a dry summer.", "The mill burned down in 1870.")
    assert same["date_misattached"] == 0.0
