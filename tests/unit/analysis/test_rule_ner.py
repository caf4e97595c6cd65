"""The rule-based names step types well-known places, teams named after them, and people who share a place's name."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def ents(nlp):
    def run(text: str) -> dict[str, str]:
        return {e.text: e.label_ for e in nlp(text).ents if e.label_ != "DATE"}

    return run


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials met on Tuesday with the mayor of Chicago and promised more buses.", "Chicago"),
        ("The plant near Los Angeles was closed after the leak, the company said.", "Los Angeles"),
        ("Prices rose fastest in Seattle, where rents climbed for a fourth month.", "Seattle"),
        ("Flights from Seoul were cancelled as the storm approached the coast.", "Seoul"),
        ("Exports to Japan fell sharply, while shipments to Brazil held up.", "Japan"),
        ("A second team was sent to Sioux Falls to inspect the dam.", "Sioux Falls"),
        ("Paris officials said the marathon would go ahead.", "Paris"),
    ],
)
def test_well_known_places_are_places(ents, text, name):
    assert ents(text).get(name) == "GPE", ents(text)


def test_a_team_named_after_its_city_is_an_organisation(ents):
    found = ents("The Boston Celtics beat the Chicago Bulls in overtime on Sunday night.")
    assert found.get("Chicago Bulls") == "ORG", found
    assert found.get("Boston Celtics") == "ORG", found


def test_a_person_who_shares_a_places_name_is_not_a_place(ents):
    # "Jordan" is a country, but here a person speaks; "Austin" is a city, but here a surname introduced earlier.
    assert ents("Jordan said the talks would resume next week.").get("Jordan") != "GPE"
    found = ents("Defence Secretary Lloyd Austin visited the base. Austin told reporters the drills would go on.")
    assert found.get("Lloyd Austin") == "PERSON" and found.get("Austin") == "PERSON", found


def test_an_unknown_town_still_needs_its_context(ents):
    # Not in the gazetteer: typed by the preposition in front, as before.
    assert ents("Floods hit homes in Brackenford Vale on Monday.").get("Brackenford Vale") == "GPE"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The ferry Orla Bay sank on Sunday with 80 people on board.", "Orla Bay"),
        ("Customs officers boarded the tanker Meridian at dawn.", "Meridian"),
        ("Velspace launched its Kite Heavy rocket from the coast on Tuesday.", "Kite Heavy"),
    ],
)
def test_a_name_next_to_a_craft_is_a_craft(ents, text, name):
    assert ents(text).get(name) == "PRODUCT", ents(text)


def test_a_hyphenated_modifier_is_not_part_of_the_name(ents):
    found = ents("A Hong Kong-flagged freighter and a Tokyo-bound airliner were delayed.")
    assert found.get("Hong Kong") == "GPE" and found.get("Tokyo") == "GPE", found
    assert ents("Jean-Luc Marrow said the plan had failed.").get("Jean-Luc Marrow") == "PERSON"
