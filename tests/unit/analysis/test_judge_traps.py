"""Pairs that look alike but do not contradict: each must produce nothing."""

from __future__ import annotations

import pytest

TRAPS = {
    "modal_could": (
        "The strike could close the port of Velling for a week, union leaders said.",
        "The port of Velling stayed open on Monday, the harbour master said.",
    ),
    "conditional_if": (
        "If the levee fails, about 5,000 homes in Brenna would be flooded, the engineers said.",
        "Only 300 homes in Brenna were flooded on Tuesday, the mayor said.",
    ),
    "future_plan": (
        "The airline plans to cut 2,000 jobs at its Ostrava base, the union said.",
        "The airline employs 900 people at its Ostrava base, a spokeswoman said.",
    ),
    "approximation": (
        "About 2,000 people attended the rally in Corren on Saturday, police said.",
        "Organisers said 2,100 people attended the rally in Corren on Saturday.",
    ),
    "at_least": (
        "At least 40 people were injured in the blast at the Tamsk refinery, officials said.",
        "Hospital staff said 52 people were injured in the blast at the Tamsk refinery.",
    ),
    "same_number_scale": (
        "The new bridge over the Arle cost 3.5 million euros, the city said.",
        "The city said the new bridge over the Arle cost 3,500,000 euros.",
    ),
    "same_number_words": (
        "Forty-two miners were rescued from the Dorrow pit on Monday, the company said.",
        "Rescuers said 42 miners were rescued from the Dorrow pit on Monday.",
    ),
    "same_number_units": (
        "The bear caught near Hallin weighs 80 kilograms, the ranger said.",
        "The bear caught near Hallin weighs about 176 pounds, the wildlife office said.",
    ),
    "different_time": (
        "In 2018, the Brunt factory produced 12,000 cars, the company said.",
        "The Brunt factory produced 20,000 cars this year, the company said.",
    ),
    "different_place": (
        "In the neighbouring Brisk district, unemployment rose to 9% in April.",
        "Unemployment in the Tarn district rose to 6% in April, the statistics office said.",
    ),
    "reported_claim": (
        "The mayor said he had heard claims that the Osk dam was leaking water.",
        "The Osk dam is not leaking water, engineers said.",
    ),
    "compatible_denial_and_unconfirmed": (
        "The army denied that its troops had entered the village of Marra.",
        "The United Nations has not yet confirmed that troops entered the village of Marra.",
    ),
    "paraphrase": (
        "The storm knocked out power to 30,000 homes in Vessel County, the utility said.",
        "About 30,000 households in Vessel County lost electricity during the storm, officials said.",
    ),
}


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_trap_is_not_a_contradiction(pairs, statements, name):
    # The two sides must really meet in the index (share a blocking key), so the judge is what says no.
    a, b = (sts[0] for sts in statements(*TRAPS[name]))
    assert set(a.blocking_keys) & set(b.blocking_keys)
    found = pairs(*TRAPS[name])
    assert found == [], [(c.kind, c.explanation) for c in found]


MORE_TRAPS = {
    "different_metric": (
        "Rescuers recovered 12 bodies from the river near Odder, the coast guard said.",
        "Forty people died when the ferry sank in the river near Odder, the governor said.",
    ),
    "different_entity": (
        "Halvard Foods recalled 20,000 jars of baby food in Norrland, the regulator said.",
        "Brisco Foods recalled 3,000 jars of baby food in Norrland, the regulator said.",
    ),
    "updated_count": (
        "Firefighters had rescued 15 people from the Calder tower by noon, the fire service said.",
        "Firefighters have now rescued 42 people from the Calder tower, the fire service said.",
    ),
}


def test_statements_published_months_apart_are_not_compared(statements):
    from analysis import judge_statements

    claim = "Rebels have captured the town of Sarvik, a militia commander said."
    denial = "The army denied that rebels had captured the town of Sarvik."
    early = statements(claim, denial, published_at="2025-01-10")
    late = statements(claim, denial, published_at="2025-09-20")
    a, b, c = early[0][0], early[1][0], late[1][0]
    near = judge_statements(a, b)
    assert near is not None and near.kind == "denial"  # same day: one story
    assert judge_statements(a, c) is None  # eight months apart: another event, whatever the words


# Patterns seen in real multi-outlet news (none of these sentences is from an evaluation set). Each trap comes
# with a control: the same pair made a real contradiction, so the rule that stops the trap is shown not to stop
# everything of its kind.
NEWS_TRAPS = {
    "multi_word_name_counts_once": (
        "Information minister Dora Vell denied that the 30 miners were exchanged for Red Hand Brigade prisoners.",
        "Red Hand Brigade frees 30 Tollan miners, raising hopes for the others.",
    ),
    "denial_of_another_subject": (
        "Officials denied reports that Red Hand Brigade fighters had been released in exchange for the miners.",
        "The miners were released at dawn on Thursday, the governor said.",
    ),
    "different_companies": (
        "Shares of Harlow Energy fell 1 percent to $54 in early trading.",
        "Shares in Brightvale Group fell 3.5 percent to $12.40 in early trading.",
    ),
    "part_against_whole": (
        "The governor says 12 of the miners trapped in the Tollan pit have been brought to the surface.",
        "Television footage shows rescuers at the Tollan pit, where more than 40 miners were trapped.",
    ),
    "subgroup_within_total": (
        "The airstrike in Darrow killed several children, local officials said.",
        "More than 30 people, many of them children, were killed in the airstrike in Darrow, officials said.",
    ),
    "by_comparison": (
        "The Varnu rocket flew 900 kilometres before falling into the sea, the navy said.",
        "By comparison, a Varnu rocket launched in May flew 1,400 kilometres, the navy said.",
    ),
    "only_unit_and_verb_shared": (
        "After 20 minutes of delay, the concert at the Arden hall began.",
        "The final in Tessaly began five minutes later than planned.",
    ),
}

_ALL_MORE_TRAPS = {**MORE_TRAPS, **NEWS_TRAPS}


@pytest.mark.parametrize("name", sorted(_ALL_MORE_TRAPS))
def test_more_traps(pairs, name):
    found = pairs(*_ALL_MORE_TRAPS[name])
    assert found == [], [(c.kind, c.explanation) for c in found]


NEWS_CONTROLS = {
    "multi_word_name_counts_once": (
        "denial",
        "Information minister Dora Vell denied that the 30 miners were exchanged for Red Hand Brigade prisoners.",
        "The 30 miners were exchanged for Red Hand Brigade prisoners, a negotiator said.",
    ),
    "denial_of_another_subject": (
        "denial",
        "Officials denied reports that Red Hand Brigade fighters had been released in exchange for the miners.",
        "Red Hand Brigade fighters were released in exchange for the miners, a negotiator said.",
    ),
    "different_companies": (
        "quantity",
        "Shares of Harlow Energy fell 1 percent to $54 in early trading.",
        "Harlow Energy shares fell 3.5 percent to $52.20 in early trading.",
    ),
    "subgroup_within_total": (
        "quantity",
        "The airstrike in Darrow killed 45 children, local officials said.",
        "Twelve people were killed in the airstrike in Darrow, officials said.",
    ),
}


@pytest.mark.parametrize("name", sorted(NEWS_CONTROLS))
def test_news_trap_controls_still_contradict(pairs, name):
    kind, *texts = NEWS_CONTROLS[name]
    found = pairs(*texts)
    assert [c.kind for c in found] == [kind], [(c.kind, c.explanation) for c in found]


def test_pass_with_a_particle_is_not_approval(statements):
    # "pass" folds to "approve" (a bill passed) only without "away"/"on"/"out": "she has passed on" is no vote.
    (gone,), (voted,) = statements(
        "Our first coach at Harlow has passed on, the club said.",
        "The Harlow council passed the stadium plan on Monday.",
    )
    assert "approve" not in gone.claim.keys and "approve" in voted.claim.keys


def test_a_question_is_no_statement_even_inside_quotes(statements, pairs):
    # a question asks, it asserts nothing: not even when a closing quote or bracket follows its question mark
    texts = (
        'The mayor asked reporters: "Do you want the bridge to be closed for good?"',
        "What are the Harlow files?]",
        "The bridge over the Tarrow will not be closed for good, the mayor said.",
    )
    found = statements(*texts)
    assert [len(s) for s in found] == [0, 0, 1]
    assert pairs(*texts) == []
