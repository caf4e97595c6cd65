"""Quantities: values, hedges, units, and the same value written differently."""

from __future__ import annotations

import pytest

from analysis.quantities import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("11,000", 11000), ("ten thousand", 10000), ("fifty-seven", 57), ("6.2 million", 6_200_000),
     ("2,400 million", 2_400_000_000), ("two hundred and twelve", 212), ("3bn", 3e9)],
)  # fmt: skip
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_hedges_set_the_interval():
    (q,) = find_quantities("nearly 11,000 soldiers")
    assert (q.approx, q.low, q.high) == ("nearly", pytest.approx(9900), 11000)
    (q,) = find_quantities("at least 40 people")
    assert q.approx == "at_least" and q.low == 40 and q.high > 1e6
    (q,) = find_quantities("about 2,000 people")
    assert q.low < 2000 < q.high
    (q,) = find_quantities("several thousand troops")
    assert q.approx == "several" and q.low <= 3000 and q.high >= 10000


def test_units_are_converted_to_one_base():
    (kg,) = find_quantities("weighs 95 kilograms")
    (lb,) = find_quantities("weighs 210 pounds")
    assert kg.unit == lb.unit == "kg" and lb.value == pytest.approx(95.25, rel=0.01)
    (c,) = find_quantities("reached 46.2C in")
    (f,) = find_quantities("equivalent to 115.2 degrees Fahrenheit")
    assert c.unit == f.unit == "celsius" and f.value == pytest.approx(46.2, abs=0.05)


def test_times_years_and_ratios():
    assert find_quantities("at 6:40 a.m. on Tuesday") == []
    assert find_quantities("in 2019 the plant closed") == []
    (r,) = find_quantities("nearly four in five candidates")
    assert r.unit == "%" and r.high == pytest.approx(80)
    (p,) = find_quantities("rose 8% in May")
    assert p.unit == "%" and p.value == 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The first stage of the Varnu 4 mission will launch in June.", []),
        ("The airline flies a Harrow 320 jet on the route.", []),
        ("The Harrow 320 carried 150 passengers, the airline said.", [("150", "passenger")]),
        ("In Tessaly 40 people were hurt in the storm.", [("40", "person")]),
        ("Only 300 homes were flooded, the mayor said.", [("300", "home")]),
    ],
)
def test_numbers_inside_names_are_not_counts(statements, text, expected):
    # Needs the parse (a number after a proper noun), so it goes through extraction.
    (s,) = statements(text)[0]
    assert [(q.text, q.unit) for q in s.quantities] == expected


def test_a_figure_keeps_its_verb_in_any_sentence_of_the_article(statements):
    # The verb finder once read a number's place in the article as its place in the sentence: every sentence but
    # the first lost its verbs ("19 people had been hurt" counted nothing in particular).
    text = (
        "Four people died in the crush on Saturday, police said.\n\n"
        "The police spokesman said 19 people had been hurt in total. "
        "Officials told him he has 72 hours to leave the territory."
    )
    verbs = [[q.verb for q in s.quantities] for s in statements(text)[0]]
    assert verbs == [["die"], ["injure"], ["leave"]]


def test_a_verb_past_a_clause_opener_is_not_the_figures(statements):
    text = "Police said the first day went well.\n\nThe missile reached an altitude of 770 kilometres before landing."
    later = statements(text)[0][-1]
    assert [(q.text, q.verb) for q in later.quantities] == [("770 kilometres", None)]
    control = statements(
        "Police said the first day went well.\n\nThe missile flew 770 kilometres and then broke apart."
    )[0][-1]
    assert [(q.text, q.verb) for q in control.quantities] == [("770 kilometres", "fly")]


def test_a_number_joined_to_a_name_is_part_of_the_name(statements):
    text = (
        "Officials said the Rasi-3 satellite had reached orbit.\n\nCondor-2 carried 3 satellites into orbit on Monday."
    )
    first, second = statements(text)[0]
    assert first.quantities == []
    assert [(q.text, q.unit) for q in second.quantities] == [("3", "satellite")]


def test_a_comma_ends_the_counted_noun(statements):
    # "112 pupils, Halvard said": the name after the comma is not part of what is counted
    (s,) = statements("The school currently has 112 pupils, Halvard said, and numbers are stable.")[0]
    assert [(q.text, q.unit) for q in s.quantities][0] == ("112", "pupil")
    (control,) = statements("The firm recalled 400 sport utility vehicles on Monday, its chief said.")[0]
    assert [(q.text, q.unit) for q in control.quantities] == [("400", "vehicle")]


def test_a_length_of_time_written_as_an_attribute_is_a_figure(statements):
    (s,) = statements("The former mayor was handed a seven-year prison term on Friday, the court said.")[0]
    assert [(q.text, q.value, q.unit) for q in s.quantities] == [("seven-year", 7.0, "year")]
    (ban,) = statements("The league imposed a 30-day ban on the club, officials said.")[0]
    assert [(q.value, q.unit) for q in ban.quantities] == [(30.0, "day")]
    # an age is not a length of time (it is an age), and other attributes stay what they were
    (age,) = statements("A 7-year-old girl and a 36-yard pass were shown on television, the station said.")[0]
    assert [(q.value, q.unit) for q in age.quantities] == [(7.0, "age")]


def test_a_count_after_what_it_counts(statements):
    (s,) = statements("The union said the true number of new jobs would be no more than 800.")[0]
    assert [(q.text, q.unit) for q in s.quantities] == [("no more than 800", "job")]
    # a count that follows no "number of" keeps no unit
    (control,) = statements("The union said the plan would add no more than 800 by 2030.")[0]
    assert [q.unit for q in control.quantities] == [None]


def test_taken_somewhere_is_what_a_figure_counts_not_a_light_verb(statements):
    # "were taken to hospital": people moved somewhere, the action two casualty counts share
    (s,) = statements("The mine's owner said nine miners were taken to hospital after the collapse.")[0]
    assert [(q.text, q.verb) for q in s.quantities] == [("nine", "convey")]
    assert s.claim.predicate == "convey"
    # the light verb alone stays out: "took the bus" counts nothing in particular ("took part" is one verb)
    (control,) = statements("The organisers said 400 runners took the bus to the start on Sunday.")[0]
    assert [(q.text, q.verb) for q in control.quantities] == [("400", None)]


def test_two_counts_of_people_taken_to_hospital_clash(pairs):
    found = pairs(
        "The mine's owner told reporters that nine miners were taken to hospital after the collapse.",
        "The regional fire chief said 31 miners had been taken to hospital after the blast.",
    )
    assert [c.kind for c in found] == ["quantity"]
    # control: the same figures for two different moves are not one count
    assert not pairs(
        "The mine's owner told reporters that nine miners were taken to hospital after the collapse.",
        "The regional fire chief said 31 miners had been sent home after the blast.",
    )


def test_an_age_is_a_figure_of_its_own():
    found = find_quantities("Rescuers reached a 7-year-old girl and her grandfather, who was 64 years old.")
    assert [(q.text, q.value, q.unit) for q in found] == [("7-year-old", 7.0, "age"), ("64 years old", 64.0, "age")]
    assert [(q.text, q.unit) for q in find_quantities("A man aged 45 was held overnight.")] == [("45", "age")]
    # an age group and a bound on age are no one's age
    assert [q.unit for q in find_quantities("Turnout among 18- to 24-year-olds rose.")] != ["age"]
    assert [q.unit for q in find_quantities("The rate applies to workers aged 21 and over.")] == [None]


def test_feet_and_a_hyphenated_hedge():
    (q,) = find_quantities("The crew said the wave was 20ft high.")
    assert (q.unit, round(q.value, 3)) == ("metre", 6.096)
    (q,) = find_quantities("The more-than 40 boxes were seized.")
    assert (q.approx, q.low) == ("more_than", 40.0)


def test_two_ages_of_one_person_clash_and_two_people_do_not(pairs):
    found = pairs(
        "Police said a 9-year-old boy was pulled from the river near the old mill on Sunday.",
        "Firefighters said the 11-year-old boy was pulled from the river near the mill on Sunday.",
    )
    assert [c.kind for c in found] == ["quantity"]
    # control: ages of two people (the boy and his uncle) are not one figure
    assert not pairs(
        "Police said a 9-year-old boy was pulled from the river near the old mill on Sunday.",
        "Firefighters said his 41-year-old uncle was pulled from the river near the mill on Sunday.",
    )


@pytest.mark.parametrize(
    "text",
    ["30 were injured in the blast.", "The blast had injured 30.", "Police said they had arrested at least 12, ..."],
)
def test_a_number_counts_people_by_what_happened_to_them(text):
    assert [q.unit for q in find_quantities(text)] == ["person"]


@pytest.mark.parametrize("text", ["He was seen 3 times in May.", "The index rose 30 in May."])
def test_a_number_with_no_such_act_counts_no_people(text):
    assert "person" not in [q.unit for q in find_quantities(text)]
