"""Two claims about *different occurrences* (another launch, last year's attack, yesterday's price) are no
contradiction, however alike their words. Each trap has a control that differs only in what makes the
occurrences the same, and must still contradict: the rule is about the occurrence, not the words."""

from __future__ import annotations

import pytest

from analysis import judge_statements
from schemas import Contradiction, Statement


@pytest.fixture(scope="module")
def judged(statements):
    """judged((text, published_at), (text, published_at)) -> the contradictions between the two articles."""

    def run(first: tuple[str, str], second: tuple[str, str]) -> list[Contradiction]:
        (a_sts,) = statements(first[0], published_at=first[1])
        (b_sts,) = statements(second[0], published_at=second[1])
        found = []
        for a in a_sts:
            for b in b_sts:
                c = judge_statements(_other_article(a), b)
                if c is not None and c.score >= 0.5:
                    found.append(c)
        return found

    return run


def _other_article(s: Statement) -> Statement:
    # both texts come out as article "t0": give the first another id, as two outlets' articles have
    return s.model_copy(update={"article_id": "first", "id": "first" + s.id[2:]})


DAY = "2025-09-15"


def kinds(found: list[Contradiction]) -> list[str]:
    return [c.kind for c in found]


# name: (kinds expected, first article, second article); [] for a trap. A trap and its control differ only in
# what makes the two occurrences one.
OCCURRENCES = {
    "first_and_most_recent_launch_are_two_launches": (
        [],
        ("Velland first tested its Karst rocket on July 4, the defence ministry said.", DAY),
        ("Velland's most recent Karst rocket test, on Aug. 29, was watched by the navy.", DAY),
    ),
    "two_dates_for_the_first_test_still_clash": (
        ["date_time"],
        ("Velland first tested its Karst rocket on July 4, the defence ministry said.", DAY),
        ("Velland first tested its Karst rocket on July 9, the navy said.", DAY),
    ),
    "since_a_month_is_not_the_day_of_the_event": (
        [],
        ("Arle customs officers have seized Velland fuel shipments since June, officials said.", DAY),
        ("Arle customs officers seized Velland fuel shipments on September 2, officials said.", DAY),
    ),
    "a_time_of_day_told_weeks_apart_is_another_launch": (
        [],
        ("The Karst rocket was fired at 5:58 a.m. local time, the defence ministry said.", "2025-08-29"),
        ("The Karst rocket was fired at 6:57 a.m. local time, the navy said.", "2025-09-15"),
    ),
    "a_time_of_day_told_the_same_day_clashes": (
        ["date_time"],
        ("The Karst rocket was fired at 5:58 a.m. local time, the defence ministry said.", DAY),
        ("The Karst rocket was fired at 6:57 a.m. local time, the navy said.", DAY),
    ),
    "an_attack_dated_months_before_is_a_past_attack": (
        [],
        ("A gunman killed 49 people at a nightclub on March 3, police said.", "2025-10-02"),
        ("A gunman killed more than 50 people at a concert, police said.", "2025-10-02"),
    ),
    "an_attack_dated_the_day_before_is_todays_attack": (
        ["quantity"],
        ("A gunman killed 49 people at a nightclub on October 1, police said.", "2025-10-02"),
        ("A gunman killed more than 50 people at a nightclub, police said.", "2025-10-02"),
    ),
    "a_hundredfold_gap_is_another_measure": (
        [],
        ("The market value of Brightcoin dropped by more than $11 billion to $106 billion.", DAY),
        ("Brightcoin dropped below $6,000 on the Tarn exchange, traders said.", DAY),
    ),
    "a_price_reported_on_two_days_is_two_readings": (
        [],
        ("Brightcoin's price has dropped to $10,000, traders on the Tarn exchange said.", "2025-09-08"),
        ("Brightcoin's price dropped to $6,000, traders on the Tarn exchange said.", "2025-09-14"),
    ),
    "a_price_reported_twice_on_one_day_clashes": (
        ["quantity"],
        ("Brightcoin's price has dropped to $10,000, traders on the Tarn exchange said.", DAY),
        ("Brightcoin's price dropped to $6,000, traders on the Tarn exchange said.", DAY),
    ),
    "a_figure_for_one_of_a_group_is_not_the_groups_total": (
        [],
        ("About 900 start-ups raised over $6 billion from investors last year, a tracker said.", DAY),
        ("The $240 million raised from investors last year by one of the start-ups, Zelvo, is frozen.", DAY),
    ),
    "a_negation_of_another_verb_is_no_negation": (
        [],
        ("The Arle command determined that the Karst rocket launch did not pose a threat to the islands.", DAY),
        ("The Arle command was still trying to determine the type of the Karst rocket launch.", DAY),
    ),
    "a_negation_of_the_shared_verb_clashes": (
        ["negation"],
        ("The Karst rocket launch did not pose a threat to the Arle islands, the navy said.", DAY),
        ("The Karst rocket launch posed a threat to the Arle islands, the ministry said.", DAY),
    ),
    # the denied subject is "fighters" (of the Red Hand Brigade), not the brigade itself
    "a_denial_about_fighters_is_not_about_the_girls": (
        [],
        (
            "The minister denied reports that Red Hand Brigade fighters might have been released in exchange for the "
            "girls.",
            DAY,
        ),
        (
            "The release of the girls is the outcome of negotiations between the government and the Red Hand Brigade, "
            "the president said.",
            DAY,
        ),
    ),
    "a_denial_about_the_fighters_clashes_with_their_release": (
        ["denial"],
        ("The minister denied reports that Red Hand Brigade fighters were freed in exchange for the girls.", DAY),
        ("Red Hand Brigade fighters were freed in exchange for the girls, a negotiator said.", DAY),
    ),
    "a_rise_over_last_year_does_not_oppose_a_fall_today": (
        [],
        ("The price of Brightcoin rose by 900% last year on the Tarn exchange, traders said.", DAY),
        ("The price of Brightcoin fell sharply on the Tarn exchange, traders said.", DAY),
    ),
    # "since January" is how long the low has lasted, not the period the claim is about
    "a_rise_and_a_fall_on_one_day_oppose_even_since_a_month": (
        ["antonym"],
        ("Harlow shares rose in Tarn trading on Tuesday, brokers said.", DAY),
        ("Harlow shares fell in Tarn trading on Tuesday, closing at their lowest level since January.", DAY),
    ),
    "two_trading_sessions_are_two_readings": (
        [],
        ("Shares of Holmvik Energy rose 2 percent before the opening bell on Tuesday.", DAY),
        ("Shares of Holmvik Energy fell 3 percent in early trading on Tuesday.", DAY),
    ),
    "one_trading_session_still_clashes": (
        ["antonym"],
        ("Shares of Holmvik Energy rose 2 percent in early trading on Tuesday.", DAY),
        ("Shares of Holmvik Energy fell 3 percent in early trading on Tuesday.", DAY),
    ),
    "a_record_of_wins_and_one_lost_game": (
        [],
        ("The Harlow Kestrels won 41 games in coach Mira Dane's four seasons with the club.", DAY),
        ("The Harlow Kestrels lost that game to the Brenton Foxes.", DAY),
    ),
    "the_same_game_won_and_lost_still_clashes": (
        ["antonym"],
        ("The Harlow Kestrels won the cup final against the Brenton Foxes.", DAY),
        ("The Harlow Kestrels lost the cup final against the Brenton Foxes.", DAY),
    ),
    "records_over_two_stretches": (
        [],
        ("Mira Dane finished her spell in charge of the Harlow Kestrels with a 41-30 record.", DAY),
        ("Mira Dane finished her first spell in charge of the Harlow Kestrels with a 7-2 record.", DAY),
    ),
    # one signing put on two weekdays by reports of the same days, however much else each sentence tells
    "one_signing_on_two_weekdays": (
        ["date_time"],
        (
            "According to the finance minister, the Harlow debt agreement was signed late on Monday in Lindau "
            "after talks with the creditors that ran through the weekend.",
            DAY,
        ),
        (
            "The creditors' committee says the Harlow debt agreement was signed on Tuesday afternoon by its "
            "co-chair and two bank representatives.",
            DAY,
        ),
    ),
    # the same weekday named two weeks apart is two days, and which is meant cannot be told
    "weekdays_of_reports_weeks_apart": (
        [],
        ("The Harlow debt agreement was signed on Sunday in Lindau, the finance minister said.", DAY),
        ("The Harlow debt agreement was signed on Monday in Lindau, the creditors said.", "2025-09-29"),
    ),
    # the day a thing was said is not the day it happened
    "the_day_it_was_said": (
        [],
        ("The ferry Sallow Star sank off Quillan on Saturday, the operator said.", DAY),
        ("Port records show the ferry Sallow Star sank off Quillan, the coast guard said on Sunday.", DAY),
    ),
    "records_of_one_season_still_clash": (
        ["quantity"],
        ("Mira Dane's Harlow Kestrels finished the 2023 season with a 41-30 record, the club said.", DAY),
        ("Mira Dane's Harlow Kestrels finished the 2023 season with a 38-33 record, the league said.", DAY),
    ),
}


@pytest.mark.parametrize("name", sorted(OCCURRENCES))
def test_occurrences(judged, name):
    expected, first, second = OCCURRENCES[name]
    found = judged(first, second)
    assert kinds(found) == expected, [(c.kind, c.explanation) for c in found]


def test_a_name_after_in_is_a_place(statements):
    ((s,),) = statements("A gunman killed 12 people at a concert in Port Ellis, police said.")
    labels = {e.norm: e.label for e in s.entities}
    assert labels.get("port_ellis") == "GPE", labels


def test_a_name_after_from_is_still_a_person(statements):
    ((s,),) = statements("A letter from Anna Berg reached the council on Monday, officials said.")
    labels = {e.norm: e.label for e in s.entities}
    assert labels.get("anna_berg") == "PERSON", labels


def test_not_confirming_a_thing_mentioned_is_no_conflict(pairs):
    # "announced plans to open" is about an opening; "has not confirmed any plans" names only the plans
    found = pairs(
        "Mayor Ilse Varn announced plans to open a new ferry terminal in Tarn, the council said. "
        "Work on the old pier could start before the end of the year, but the port authority has not confirmed "
        "any plans."
    )
    assert found == [], [(c.kind, c.explanation) for c in found]


def test_not_confirming_what_happened_still_conflicts(pairs):
    found = pairs(
        "Customs officers in Tarn said the company has shipped 300 rifles to the Arle militia. "
        "The port authority has not yet confirmed any shipments, its spokesman said."
    )
    assert kinds(found) == ["unconfirmed"], [(c.kind, c.explanation) for c in found]
