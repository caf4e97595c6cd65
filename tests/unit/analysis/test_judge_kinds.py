"""One test per contradiction kind, on sentences written for these tests."""

from __future__ import annotations

import pytest

CASES = {
    "denial": (
        "Harbour officials said the tanker Meridian spilled 300 tonnes of oil near Kestrel Point on Sunday.",
        "The shipping company Atlas Marine denied that the tanker Meridian had spilled oil near Kestrel Point.",
    ),
    "negation": (
        "The regional water board said the reservoir at Fenwick was contaminated with bacteria.",
        "The reservoir at Fenwick was not contaminated with bacteria, the health agency said.",
    ),
    "antonym": (
        "Exports of copper from Valdor rose 5% in March, the trade ministry said.",
        "Exports of copper from Valdor fell 3% in March, according to customs data.",
    ),
    "quantity": (
        "Flooding forced 1,200 residents of Marlow to leave their homes on Friday, the fire service said.",
        "The mayor said 4,500 residents of Marlow had been forced to leave their homes on Friday.",
    ),
    "date_time": (
        "The cargo plane landed at 9:10 a.m. at Dunmore airport, airport officials said.",
        "The cargo plane landed at 11:45 a.m. at Dunmore airport, the airline said.",
    ),
    "retraction": (
        "The council said 40 trees were cut down in Elm Park last week.",
        "The council said its earlier figure of 40 trees was wrong and that 14 trees had been cut down in Elm Park.",
    ),
    "unconfirmed": (
        "Rebels have captured the town of Sarvik, a militia commander said.",
        "The defence ministry could not confirm that rebels had captured the town of Sarvik.",
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_kind_is_found_with_explanation(pairs, kind):
    found = pairs(*CASES[kind])
    assert [c.kind for c in found] == [kind], [c.explanation for c in found]
    c = found[0]
    assert 0.5 <= c.score <= 1.0
    assert c.explanation.startswith(kind)
    assert c.scope == "cross_article"
    assert c.a.speaker.name and c.b.speaker.name


def test_unconfirmed_scores_below_denial(pairs):
    claim = "Rebels have captured the town of Sarvik, a militia commander said."
    denial = pairs(claim, "The army denied that rebels had captured the town of Sarvik.")
    unconfirmed = pairs(claim, "The defence ministry could not confirm that rebels had captured the town of Sarvik.")
    assert denial[0].kind == "denial" and unconfirmed[0].kind == "unconfirmed"
    assert unconfirmed[0].score < denial[0].score


def test_within_article_pair(pairs):
    text = (
        "Police said two men were arrested at the Lorne border crossing on Saturday. "
        "Border guards denied that any men had been arrested at the Lorne border crossing."
    )
    found = pairs(text)
    assert [(c.kind, c.scope) for c in found] == [("denial", "within_article")]


def test_an_open_question_of_who_did_it_is_unconfirmed_against_a_named_culprit(pairs):
    named = (
        "Interior Minister Tomas Bryn said the Red Hand group carried out the bombing at the Lisk market. "
        "Police chief Arno Vell said officers had not yet confirmed who was behind the bombing."
    )
    assert [c.kind for c in pairs(named)] == ["unconfirmed"], [c.explanation for c in pairs(named)]
    # the same open question against a claim that names no culprit: nothing to confirm
    unnamed = (
        "Interior Minister Tomas Bryn said the bombing at the Lisk market killed four people. "
        "Police chief Arno Vell said officers had not yet confirmed who was behind the bombing."
    )
    assert pairs(unnamed) == []


def test_the_claims_core_survives_the_cut_to_ten_blocking_keys(statements):
    from analysis import blocking_keys

    (sts,) = statements(
        "Harbour Minister Petra Olm told the Velland senate that a sabotage team of Arcadia's naval intelligence "
        "service from Brisk and Tarn planted the device under the Osler pier."
    )
    keys = blocking_keys(sts[0])
    assert len(keys) <= 10
    assert {"n:plant", "n:device"} <= set(keys), keys


def _judged(statements, a: str, b: str):
    from analysis.judge import judge_statements

    (sa,), (sb,) = statements(a, b)
    return judge_statements(sa, sb)


def _judged_a_day_apart(statements, a: str, b: str):
    """``_judged`` with the second statement published a day after the first."""
    from datetime import timedelta

    from analysis.judge import judge_statements

    (sa,), (sb,) = statements(a, b)
    assert sb.published_at is not None
    return judge_statements(sa, sb.model_copy(update={"published_at": sb.published_at + timedelta(days=1)}))


def test_a_figure_counted_by_another_action_does_not_hide_the_clash(statements):
    # "shrank 4.8%" counts something else than "go up to 20%": that pair of percentages is left out, and the
    # two tax rates still clash (the figure of another verb once vetoed every pair of the claim)
    b = (
        '"Talvia will see its sales tax go up to 20%, not a point more," Deputy Finance Minister Ivo Tal told '
        "reporters."
    )
    for a in (
        "Talvia will raise its sales tax to 21% from 19%, Finance Minister Ola Brenn said on Tuesday.",
        "Talvia will raise its sales tax to 21% from 19%, Finance Minister Ola Brenn said on Tuesday, as the economy "
        "shrank 4.8% in the spring.",
    ):
        found = _judged(statements, a, b)
        assert found is not None and found.kind == "quantity", a
    # the control: the only percentage of the first claim is the one of another action
    assert (
        _judged(
            statements, "Talvia's economy shrank 4.8% in the spring, Finance Minister Ola Brenn said on Tuesday.", b
        )
        is None
    )


def test_a_count_over_a_named_period_is_another_measure_than_one_events(statements):
    event = "More than 50 people were injured in the tram crash in Corren, police said."
    period = (
        "Official figures show that 20 people were injured in tram crashes in Corren between March 2015 and "
        "March 2016, the city said on Wednesday."
    )
    assert _judged(statements, event, period) is None
    # the control: the same count of the one crash, no period named, clashes
    found = _judged(
        statements,
        event,
        "Official figures show that 20 people were injured in the tram crash in Corren, the city said on Wednesday.",
    )
    assert found is not None and found.kind == "quantity"


def test_a_short_retracted_claim_said_in_full_by_the_other_is_taken_back(statements):
    withdrawn = (
        "The Corren Film Festival on Thursday withdrew its earlier statement that the jury had been unanimous, "
        "saying the vote had in fact been split."
    )
    found = _judged(
        statements,
        "The festival said the seven-member jury, chaired by the actor Ivo Marsh, had chosen the film unanimously.",
        withdrawn,
    )
    assert found is not None and found.kind == "retraction"
    # the control: another statement about the jury, which does not say what was taken back
    assert (
        _judged(statements, "The seven-member jury was chaired by the actor Ivo Marsh, the festival said.", withdrawn)
        is None
    )


def test_wrongly_said_takes_back_what_was_said_not_the_correction(statements):
    note = (
        "Editor's note: A dispatch of February 16 wrongly reported that the Supreme Court had upheld Decree 9; "
        "the court in fact annulled the decree."
    )
    found = _judged(statements, "The Supreme Court upheld Decree 9 on Monday, the government said.", note)
    assert found is not None and found.kind == "retraction"
    # the control: the statement of the correction agrees with the note
    assert (
        _judged(statements, "The Supreme Court annulled Decree 9 on Monday, lawyers for the petitioners said.", note)
        is None
    )


def test_a_retracted_figure_is_the_figure_of_the_same_thing(statements):
    withdrawn = (
        "The foreign ministry withdrew its earlier statement that two junior Kameshi diplomats had also been "
        "expelled from Halvoria."
    )
    assert (
        _judged(statements, "Halvoria expelled the Kameshi ambassador, a rupture between the two countries.", withdrawn)
        is None
    )
    found = _judged(
        statements, "Halvoria said two junior Kameshi diplomats had also been expelled on Monday.", withdrawn
    )
    assert found is not None and found.kind == "retraction"


def test_a_plan_negated_word_for_word_is_a_negation(pairs):
    # the same word of an antonym axis on both sides ("close" / "not close") does not make it an antonym question
    found = pairs(
        '"We will close the Harbour Road depot in March," the transport director told the council.',
        "The Harbour Road depot will not close in March, a union official said.",
    )
    assert [c.kind for c in found] == ["negation"]
    # control: "did not rise" and "fell" may both hold
    assert not pairs(
        "The regulator said fares on the Harbour Road line did not rise in March.",
        "The operator said fares on the Harbour Road line fell in March.",
    )


def test_a_plan_in_the_present_progressive_meets_one_in_the_future(pairs):
    found = pairs(
        '"We are not closing the Harbour Road depot," the transport director told the council.',
        "The transport authority will close the Harbour Road depot next spring, a union official said.",
    )
    assert [c.kind for c in found] == ["negation"]
    # control: what happened is no plan: a past fact and a future plan do not clash
    assert not pairs(
        '"We did not close the Harbour Road depot," the transport director told the council.',
        "The transport authority will close the Harbour Road depot next spring, a union official said.",
    )


@pytest.mark.parametrize(
    ("claim", "answer", "kind"),
    [
        (
            "The league said the Rovers coach Emil Sand had resigned on Monday.",
            "Coach Emil Sand denied he had resigned.",
            "denial",
        ),
        (
            "Staff said the Varlo insurance company moved its headquarters to Brenholt.",
            "The Varlo insurance company said it has not moved its headquarters.",
            "negation",
        ),
    ],
)
def test_a_speaker_answering_for_itself_with_a_pronoun_meets_the_claim_about_it(pairs, claim, answer, kind):
    # without its speaker the answer is about resigning or moving, and names nothing the claim names
    assert [c.kind for c in pairs(claim, answer)] == [kind]


def test_troops_deployed_and_soldiers_sent_are_one_act_counted_twice(pairs):
    found = pairs(
        "The defence ministry said 500 troops were deployed to the Harlan border on Monday.",
        "Local media said 2,000 soldiers were sent to the Harlan border on Monday.",
    )
    assert [c.kind for c in found] == ["quantity"], [c.explanation for c in found]
    # control: a different act at the same border is not the same count
    assert not pairs(
        "The defence ministry said 500 troops were deployed to the Harlan border on Monday.",
        "Local media said 2,000 soldiers were wounded at the Harlan border on Monday.",
    )


def test_not_one_cent_of_a_thing_negates_the_thing(statements):
    from analysis.judge import judge_statements as hand_rules

    (a,), (b,) = statements(
        "Not one cent of the pension fund was lent to Marlow Trading, the fund's chairman said.",
        "Auditors said money from the pension fund had been lent to Marlow Trading to cover its losses.",
    )
    # the hand rule, exact where it fires: what "not one cent of" negates is the fund's money being lent
    found = hand_rules(a.model_copy(update={"article_id": "other"}), b)
    assert found is not None and found.kind == "negation"


def test_a_denials_own_dates_do_not_make_it_about_a_past_event(statements):
    from analysis.judge import judge_statements

    claim = "The health minister said the outbreak began among workers at the Corren bottling plant."
    denial = (
        "The plant's owner denied that the outbreak began among its workers and said its tanks had passed an "
        "inspection in March."
    )
    (sa,), (sb,) = statements(claim, denial, published_at="2025-08-14")
    found = judge_statements(sa, sb)
    assert found is not None and found.kind == "denial"
    # the control: a plain account of March is about a past event, which today's undated claim is not
    (sa,), (sc,) = statements(
        claim, "Inspectors said the outbreak began among workers at the Corren bottling plant in March.",
        published_at="2025-08-14",
    )  # fmt: skip
    assert judge_statements(sa, sc) is None


def test_a_negated_light_verb_negates_its_object(statements):
    given = "According to the ministry, the army had given written permission for the march on Friday."
    found = _judged(statements, given, "The organisers said the army had not issued permission for the march.")
    assert found is not None and found.kind == "negation"
    # the control: the other claim does something else with the object than give it
    assert (
        _judged(
            statements,
            "The organisers had long fought to gain permission for the march, the mayor said.",
            "The organisers said the army had not issued permission for the march.",
        )
        is None
    )


def test_the_period_of_a_later_reported_clause_is_not_the_claims(statements):
    from analysis.judge import judge_statements

    (sa,), (sb,) = statements(
        "Dana Ilves said the cadet programme had been suspended in January to save money.",
        "The airline said the cadet programme had not been suspended and that a new class had begun in March.",
        published_at="2025-04-10",
    )
    found = judge_statements(sa, sb)
    assert found is not None and found.kind == "negation"
    # the control: a period in the claim itself is the claim's
    (sc,) = statements(
        "The airline said the cadet programme had not been suspended in March.", published_at="2025-04-10"
    )[0]
    assert judge_statements(sa, sc) is None


def test_failing_to_do_something_negates_it(statements):
    found = _judged(
        statements,
        "The mission director said the probe had reached its planned orbit above the Moon.",
        "The space agency said the probe had failed to reach its planned orbit above the Moon.",
    )
    assert found is not None and found.kind == "negation"
    (s,) = statements("The space agency said the probe had failed to reach its planned orbit.")[0]
    assert s.polarity == "negative"
    (f,) = statements("The government's failure to free the hostages has caused outrage, the group said.")[0]
    assert f.polarity == "negative"


def test_a_second_clause_with_its_own_subject_does_not_hedge_the_first(statements):
    (s,) = statements("The fire chief said the evacuation order was lifted at 8 p.m. and residents may go home.")[0]
    assert s.modality == "fact"
    # the control: a modal in the claim's own clause hedges it
    (t,) = statements("The fire chief said the evacuation order may be lifted at 8 p.m.")[0]
    assert t.modality == "possible"


def test_times_and_series_words_outside_the_event_do_not_decide(statements):
    # the live blog's own time stamp is not when the quake struck; "the first families" places no quake in a series
    found = _judged(
        statements,
        "The seismological institute said the quake struck the valley at 2:14 a.m. local time.",
        "17:55 — Rescue officers say the quake struck the valley at about 4:30 a.m., as the first families were "
        "waking.",
    )
    assert found is not None and found.kind == "date_time" and "04:30" in found.explanation
    found = _judged(
        statements,
        "The minister said the government declared a drought emergency in the three provinces on July 3.",
        "The drought emergency in the three provinces was declared on July 11, more than a week after farm groups "
        "first asked for one, the grain board said.",
    )
    assert found is not None and found.kind == "date_time"
    # the control: a series word of the event's own clause still tells two events apart
    assert (
        _judged(
            statements,
            "The minister said the government declared a drought emergency in the three provinces on July 3.",
            "The grain board said a second drought emergency in the three provinces was declared on July 11.",
        )
        is None
    )


def test_ages_told_a_day_apart_are_no_moving_level(statements):
    found = _judged_a_day_apart(
        statements,
        "After a 3-year-old boy fell into the bear enclosure at the Corren Zoo, keepers shot the bear.",
        "The shooting of a bear at the Corren Zoo after a 4-year-old boy fell into its enclosure caused outrage.",
    )
    assert found is not None and found.kind == "quantity"


def test_a_count_of_what_a_cut_hit_is_no_moving_level(statements):
    found = _judged_a_day_apart(
        statements,
        "The company said the storm had cut power to 35,000 homes in the region.",
        "The regional grid operator said the storm cut power to 120,000 homes.",
    )
    assert found is not None and found.kind == "quantity"
    # the control: a level that fell to a figure on one day and to another the next is two readings of it
    assert (
        _judged_a_day_apart(
            statements,
            "The grid operator said the number of homes without power fell to 35,000 homes.",
            "The grid operator said the number of homes without power fell to 12,000 homes.",
        )
        is None
    )


def test_a_surname_is_the_person_named_in_full_elsewhere(statements):
    full = "Police said Farid Emberley, the city treasurer, had stolen 410,000 crowns from the harbour fund."
    found = _judged(statements, full, "Prosecutors said Emberley had stolen 95,000 crowns from the harbour fund.")
    assert found is not None and found.kind == "quantity"
    # the control: another person named in full is another person
    other = "Prosecutors said Nadia Osman had stolen 95,000 crowns from the harbour fund."
    assert _judged(statements, full, other) is None


def test_a_pair_no_rule_reads_that_shares_only_names_is_not_reported(pairs):
    found = pairs(
        "An earlier version said that the Cleveland Indians' last appearance in the World Series was in 1948.",
        "Chicago Cubs players celebrate on the field after defeating the Cleveland Indians in the World Series.",
    )
    assert found == []


def test_an_axis_both_sides_of_which_a_claim_names_is_read_on_its_main_verb(statements):
    found = _judged(
        statements,
        "The jury has convicted Omar Farrah of the murder of his business partner.",
        "A jury at Lemboro High Court acquitted Omar Farrah of murder but convicted him of the manslaughter of his "
        "business partner.",
    )
    assert found is not None and found.kind == "antonym"


_UPHELD = (
    "The appeals court upheld the ban on the Corren tram strike.",
    "The appeals court overturned the ban on the Corren tram strike.",
)
_PASSED = (
    "The senator said the harbour bill passed the finance committee.",
    "Committee staff said the harbour bill failed in the finance committee.",
)


@pytest.mark.parametrize(("a", "b"), [_UPHELD, _PASSED])
def test_upholding_and_passing_oppose_overturning_and_failing(statements, a, b):
    found = _judged(statements, a, b)
    assert found is not None and found.kind == "antonym"


def test_a_correction_that_gives_the_figure_it_replaces_retracts_it(statements):
    found = _judged(
        statements,
        "The water board said 12 wells in the valley had been contaminated.",
        "The water board said its notice listing 12 contaminated wells had been issued in error and that 7 wells "
        "were in fact affected.",
    )
    assert found is not None and found.kind == "retraction"
    # the controls: a correction that repeats a figure without replacing it, and the same number counting another
    # thing, take back nothing of the other statement
    assert (
        _judged(
            statements,
            "Engineers inspected 12 wells in the valley on Monday.",
            "Correction: an earlier version of this article said the 12 wells included several near the river.",
        )
        is None
    )
    assert (
        _judged(
            statements,
            "The inspectors spent 12 days in the valley.",
            "The water board said its notice listing 12 contaminated wells had been issued in error and that 7 wells "
            "were in fact affected.",
        )
        is None
    )


def test_two_main_verbs_on_opposite_sides_need_only_their_subject_in_common(statements):
    found = _judged(
        statements, "The minister said the negotiations had succeeded.", "The envoy said the negotiations had failed."
    )
    assert found is not None and found.kind == "antonym"
    # the control: an opposite word that is not what the claim says happened shares nothing more
    assert (
        _judged(
            statements,
            "The minister said the negotiations had succeeded.",
            "The envoy said the negotiations had ended after the failure of the ceasefire.",
        )
        is None
    )


def test_a_short_non_confirmation_of_what_another_outlet_reports_that_day(statements):
    found = _judged(
        statements,
        "14:02 - Local television is reporting that the suspect has been arrested at the airport.",
        "Police have not yet confirmed that an arrest was made.",
    )
    assert found is not None and found.kind == "unconfirmed"
    # the control: what the short content names must be what the other claim says happened
    assert (
        _judged(
            statements,
            "Local television is reporting that the suspect was seen at the airport before his arrest.",
            "Police have not yet confirmed that an arrest was made.",
        )
        is None
    )


def test_a_would_under_a_non_confirmation_is_a_plan_not_a_condition(statements):
    found = _judged(
        statements,
        "A minister said the two leaders would meet in Geneva next month.",
        "The foreign ministry declined to confirm that the leaders would meet in Geneva.",
    )
    assert found is not None and found.kind == "unconfirmed"
    # the control: an open condition stays one
    (s,) = statements("The foreign ministry declined to confirm that the leaders would meet if the talks resumed.")[0]
    assert s.modality == "conditional"


def test_two_days_or_two_quarters_counts_and_changes_are_two_things(statements):
    assert _judged(statements, "The airline cancelled 40 flights on Monday.",
                   "The airline cancelled 25 flights on Tuesday.") is None  # fmt: skip
    assert _judged(statements, "The company said profit rose 5% in the first quarter.",
                   "The company said profit fell 3% in the second quarter.") is None  # fmt: skip
    # the controls: the same day's counts and the same quarter's changes still clash
    same_day = _judged(statements, "The airline cancelled 40 flights on Monday.",
                       "The airline cancelled 25 flights on Monday.")  # fmt: skip
    assert same_day is not None and same_day.kind == "quantity"
    same_quarter = _judged(statements, "The company said profit rose 5% in the first quarter.",
                           "Analysts said the company's profit fell in the first quarter.")  # fmt: skip
    assert same_quarter is not None and same_quarter.kind == "antonym"


def test_a_correction_named_by_reference_is_read_as_what_it_says_instead(statements):
    found = _judged(
        statements,
        "The company said 200 jobs would go at the plant.",
        "The company corrected its figure, saying 120 jobs, not 200, would go at the plant.",
    )
    assert found is not None and found.kind == "retraction"
    from analysis.kinds.combiner import judge_pair

    (sa,), (sb,) = statements(
        "The club announced that the striker had signed a new contract.",
        "The club said its announcement that the striker had signed a new contract had been made in error.",
    )
    assert sb.cue == "retract"
    made = judge_pair(sa, sb)
    assert made is not None and made.kind == "retraction"
    # the control: the same figure confirmed is no correction of it
    assert (
        _judged(
            statements,
            "The company said 200 jobs would go at the plant.",
            "The company confirmed its figure, saying 200 jobs would go at the plant.",
        )
        is None
    )


def test_two_plans_for_one_thing_set_for_different_months_clash(statements):
    found = _judged(
        statements,
        "The minister said the new hospital would open in March.",
        "The new hospital will not open until September, according to the health authority.",
    )
    assert found is not None and found.kind == "date_time"
    # the control: two facts about two months are two periods
    assert (
        _judged(
            statements,
            "The ministry said hospital admissions rose in March.",
            "The ministry said hospital admissions rose in September.",
        )
        is None
    )


def test_a_figure_set_against_another_partys_by_name_clashes_with_it(statements):
    # the two sentences count the thing in other words ("passengers and crew" / "people", "leaked" / "escaped"):
    # the comparison names whose figure it answers
    operator = "The Merrow Queen was carrying 140 passengers and 9 crew, its operator Tarn Ferries said."
    guard = (
        "Manifests show 260 people were aboard the Merrow Queen when it capsized, the coast guard said on Monday, "
        "far more than the number given by the operator."
    )
    found = _judged(statements, operator, guard)
    assert found is not None and found.kind == "quantity"
    assert "set against" in found.explanation
    company = "Brenlow Chemicals said on Tuesday that no more than 800 litres of acid escaped from its tank."
    regulator = (
        "About 9,000 litres of acid leaked into the river, the environment regulator said, more than ten times the "
        "volume reported by Brenlow Chemicals."
    )
    found = _judged(statements, company, regulator)
    assert found is not None and found.kind == "quantity"
    # the controls: the comparison points the other way ("far more than" a larger figure), or at someone else
    assert (
        _judged(statements, "The Merrow Queen was carrying 400 people, its operator Tarn Ferries said.", guard) is None
    )
    assert (
        _judged(
            statements,
            "The Merrow Queen was carrying 140 passengers and 9 crew, the port authority said.",
            guard.replace("the operator", "the harbour master"),
        )
        is None
    )


def test_money_raised_is_no_level_that_rose(statements):
    found = _judged_a_day_apart(
        statements,
        "Pellwick, the Danmor start-up, has raised $90 million in a round led by Orla Capital, two investors said.",
        "Pellwick said in a statement that it had raised $60 million in the round.",
    )
    assert found is not None and found.kind == "quantity"


def test_the_rest_of_a_counted_group_is_no_other_instance(statements):
    prisons = "Two inmates were killed and 23 other people injured in the riot at Kessel prison, the ministry said."
    found = _judged(statements, prisons, "At least six inmates died in the riot at Kessel prison, a rights group said.")
    assert found is not None and found.kind == "quantity"
    # the control: "four other people", with no count before it, is another group than the dead
    assert (
        _judged(
            statements,
            "Twelve people were killed in the bus crash near Kessel, police said.",
            "Four other people survived the bus crash near Kessel, the hospital said.",
        )
        is None
    )


def test_not_needing_to_do_something_negates_having_to(statements):
    found = _judged(
        statements,
        '"Corvia will not need to import rice this year," Farm Minister Ilse Marek said.',
        "A trade body said Corvia would have to import at least 200,000 tonnes of rice this year.",
    )
    assert found is not None and found.kind == "negation"
    # the control: both sides say it must be imported
    assert (
        _judged(
            statements,
            '"Corvia will need to import rice this year," Farm Minister Ilse Marek said.',
            "A trade body said Corvia would have to import at least 200,000 tonnes of rice this year.",
        )
        is None
    )


def test_a_plan_and_what_happened_on_another_day_clash(statements):
    def judged(plan: str, done: str):
        from analysis.judge import judge_statements

        (sa,), (sb,) = statements(plan, done, published_at="2025-03-18")
        return judge_statements(sa, sb)

    found = judged(
        "The curfew will take effect at midnight on March 20, the interior ministry said.",
        "The curfew took effect on March 17, police said.",
    )
    assert found is not None and found.kind == "date_time"
    # the controls: the same day; two changes with figures of their own
    assert (
        judged(
            "The curfew will take effect at midnight on March 20, the interior ministry said.",
            "The curfew took effect on March 20, police said.",
        )
        is None
    )
    assert (
        judged(
            "Household water bills will rise by 6 percent from April 1, the regulator said.",
            "Wholesale water costs rose 14 percent in the three months to January, the utility said.",
        )
        is None
    )
