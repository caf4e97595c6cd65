"""Attribution: who said it, resolved from titles, pronouns, surnames, quotes and outlets."""

from __future__ import annotations


def _by_text(statements, fragment):
    return next(s for s in statements if fragment in s.text)


def test_titles_pronouns_and_surnames(statements):
    text = (
        "Transport Minister Alma Verhoef visited the flooded depot at Kessel on Monday. "
        "The minister said the depot would reopen within a month. "
        "She added that repairs had already started. "
        "Verhoef told reporters the damage was limited to two workshops."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "The minister said").speaker.name == "Alma Verhoef"
    assert _by_text(sts, "The minister said").speaker.resolved_from
    assert _by_text(sts, "She added").speaker.name == "Alma Verhoef"
    assert _by_text(sts, "Verhoef told").speaker.name == "Alma Verhoef"


def test_according_to_outlets_and_media(statements):
    text = (
        "According to the Harlow Gazette, the mill will close in June. "
        "The media reported that 300 jobs were at risk. "
        "Prices at the mill rose sharply last year."
    )
    (sts,) = statements(text)
    gazette = _by_text(sts, "Harlow Gazette")
    assert "Harlow Gazette" in gazette.speaker.name and gazette.speaker.type == "outlet"
    media = _by_text(sts, "media reported")
    assert media.speaker.type == "outlet" and media.cue == "report"
    unattributed = _by_text(sts, "Prices at the mill")
    assert unattributed.speaker.name == "outlet0.example" and unattributed.speaker.type == "outlet"


def test_quote_spanning_sentences_keeps_its_speaker(statements):
    text = (
        '"The bridge is safe. We inspected every cable in March," said Mayor Ines Kobal.\n\n'
        '"Nobody should worry about driving across it," Kobal said. "The reports are simply wrong."'
    )
    (sts,) = statements(text)
    assert _by_text(sts, "The bridge is safe").speaker.name == "Ines Kobal"
    assert _by_text(sts, "simply wrong").speaker.name == "Ines Kobal"


def test_appositive_and_fronted_claims(statements):
    text = (
        "Pavel Orsk, a spokesman for the port authority, said 14 ships were waiting at anchor. "
        "The cranes stopped working at noon, the operator said."
    )
    (sts,) = statements(text)
    orsk = _by_text(sts, "Pavel Orsk")
    assert orsk.speaker.name == "Pavel Orsk" and "14 ships" in orsk.claim_text
    fronted = _by_text(sts, "The cranes stopped")
    assert fronted.claim_text.startswith("The cranes stopped") and "operator" not in fronted.claim.keys


def test_cues_polarity_and_modality(statements):
    text = (
        "The army denied that its soldiers had entered Velka. "
        "The ministry has not yet confirmed the death toll. "
        "The council said its earlier estimate was wrong. "
        "Officials said the plant could close next year. "
        "If the talks fail, the union said, workers would strike. "
        "The company said it will open a new factory in May. "
        "The mayor said the water was not safe to drink."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "denied").cue == "deny"
    assert _by_text(sts, "not yet confirmed").cue == "not_confirmed"
    assert _by_text(sts, "earlier estimate was wrong").cue == "retract"
    assert _by_text(sts, "could close").modality == "possible"
    assert _by_text(sts, "If the talks fail").modality == "conditional"
    assert _by_text(sts, "will open").modality == "future"
    mayor = _by_text(sts, "not safe")
    assert mayor.polarity == "negative" and mayor.modality == "fact"


def test_a_gerund_subject_with_would_is_a_hypothetical_and_a_backshifted_would_a_plan(statements):
    text = (
        "Closing the border crossing would mean a humanitarian disaster, the aid agency warned. "
        "The port authority said the new tariffs would apply from the first of March."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "Closing the border").modality == "conditional"
    assert _by_text(sts, "new tariffs").modality == "future"


def test_a_schedule_a_promise_and_a_relayed_would_are_plans_a_cause_and_a_reason_are_not_hedges(statements):
    text = (
        "Councillors are due to vote on the harbour plan on February 12, the clerk said. "
        "The mayor promised there would be no new harbour fees. "
        "According to the union, managers told dockers on Monday that the crane hall would close in May. "
        "The ferry was cancelled due to the storm, the operator said. "
        "Harbour shares rose 4% on Tuesday, as investors bet that the fees would be dropped. "
        "Fees are expected to rise next year, the harbour board said. "
        "The skipper said he did not know whether the ferry had sunk."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "due to vote").modality == "future"
    assert _by_text(sts, "promised").modality == "future"
    assert _by_text(sts, "crane hall").modality == "future"
    assert _by_text(sts, "due to the storm").modality == "fact"
    assert _by_text(sts, "shares rose").modality == "fact"
    # the control: a forecast stays a hedge
    assert _by_text(sts, "expected to rise").modality == "possible"
    # and not knowing what happened is no claim of it
    assert _by_text(sts, "know whether the ferry").modality == "possible"


def test_entity_aliases_fold(statements):
    (sts,) = statements("Officials in Seoul said the DPRK fired a missile. North Korean state media confirmed it.")
    norms = {e.norm for s in sts for e in s.entities}
    assert "north_korea" in norms


def test_non_confirmations_worded_many_ways_are_one_cue(statements):
    # one lexicon (analysis.lexicon.NOT_CONFIRMED_RE) for the statement's cue and the unconfirmed kind's evidence
    text = (
        "The harbour office declined to confirm that the dredger had run aground, saying only that the channel "
        "was open. "
        "The insurer would neither confirm nor deny that it had paid the claim. "
        "Investigators had not yet been able to establish whether the pump had failed. "
        "The club declined to comment on the striker's contract. "
        "There was no official confirmation that the ferry had sunk. "
        "The mayor confirmed that the pool would reopen in May."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "no official confirmation").cue == "not_confirmed"
    dredger = _by_text(sts, "dredger")
    assert dredger.cue == "not_confirmed"
    # what was not confirmed is the "that" clause, not what the participle adjunct says
    assert "dredger" in dredger.claim.keys and "channel" not in dredger.claim.keys
    insurer = _by_text(sts, "neither confirm nor deny")
    assert insurer.cue == "not_confirmed" and "deny" not in insurer.claim.keys
    assert _by_text(sts, "able to establish").cue == "not_confirmed"
    # the controls: declining to comment is no cue of its own, and a confirmation is none
    assert _by_text(sts, "declined to comment").cue != "not_confirmed"
    assert _by_text(sts, "mayor confirmed").cue != "not_confirmed"


def test_denials_and_retractions_worded_many_ways_are_cues(statements):
    text = (
        '"There is no link whatsoever between our cheese and those patients," the dairy said. '
        "The ministry dismissed the skipper's account as pure invention. "
        "This story corrects an earlier report that wrongly said the mayor had resigned. "
        "The senator walked back his claim that the dam had failed. "
        "The council said the first notice had been issued in error. "
        "The bridge lies in the valley, the engineer said. "
        "The mayor said the plan had been amended twice."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "no link whatsoever").cue == "deny"
    assert _by_text(sts, "pure invention").cue == "deny"
    assert _by_text(sts, "This story corrects").cue == "retract"
    assert _by_text(sts, "walked back").cue == "retract"
    assert _by_text(sts, "issued in error").cue == "retract"
    # the controls: words that are evidence for the kind modules but no cue of their own
    assert _by_text(sts, "lies in the valley").cue == "assert"
    assert _by_text(sts, "amended twice").cue == "assert"


def test_denials_with_an_intensifier_are_cues(statements):
    text = (
        '"There is no truth whatsoever in the suggestion that we cancelled flights," the airline said. '
        "The owners said the master had not been drinking, calling the police account wholly untrue. "
        "The union said reports that the pit would close were simply not true. "
        "The physicist said that time is actually fake, as every traveller over the date line knows."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "no truth whatsoever").cue == "deny"
    assert _by_text(sts, "wholly untrue").cue == "deny"
    assert _by_text(sts, "simply not true").cue == "deny"
    # the control: an adverb that is no intensifier makes no denial of anybody's claim
    assert _by_text(sts, "actually fake").cue != "deny"


def test_the_hearer_and_the_time_before_that_are_not_the_claim(statements):
    # "told X on Thursday that P" / "warned since June that P": P is the claim, not "Thursday that P"
    text = (
        "Harbour Minister Ines Dorrow told parliament on Thursday that the new quay would open in May. "
        "Dock unions have warned since June that the crane drivers would strike. "
        "Several pilots told me the harbour master was steering ships by radio alone. "
        "Dorrow told reporters the quay would be named after a fisherman. "
        "The harbour board said that in May the old quay would close for repairs."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "new quay").claim_text.startswith("the new quay would open")
    assert _by_text(sts, "crane drivers").claim_text.startswith("the crane drivers would strike")
    assert _by_text(sts, "Several pilots").claim_text.startswith("the harbour master was steering")
    assert _by_text(sts, "named after").claim_text.startswith("the quay would be named")
    # what follows "that" is all the claim's, its opening "in May" too
    assert _by_text(sts, "old quay").claim_text.startswith("in May the old quay")


def test_the_speaker_of_told_is_on_its_left_named_or_not(statements):
    # the one after "told" is who heard it; the appositive's organisation is not the speaker either
    text = (
        "A crane driver, speaking on condition of anonymity, told the Tessel Post that two cranes had failed. "
        "Ivo Brandt, chairman of the Tessel Dockers' Union (TDU), told members that the port would hire 40 drivers. "
        "Mara Quell, a surveyor at the engineering firm Castor Lane, said the quay wall was cracked."
    )
    (sts,) = statements(text)
    driver = _by_text(sts, "crane driver")
    assert "crane driver" in driver.speaker.name and driver.claim_text.startswith("two cranes had failed")
    assert _by_text(sts, "Ivo Brandt").speaker.name == "Ivo Brandt"
    assert _by_text(sts, "Mara Quell").speaker.name == "Mara Quell"


def test_scene_setting_and_participles_are_not_claims_or_cues(statements):
    text = (
        "Speaking to the Tessel Post from her office, where she had worked all night, Dorrow said the quay was safe. "
        "The quay will reopen in May, according to two engineers briefed on the repairs. "
        "The Tessel Port Authority (TPA) on Monday rejected a union's claim that the cranes were unsafe."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "Speaking to").claim_text.startswith("the quay was safe")
    reopen = _by_text(sts, "reopen in May")
    assert reopen.claim_text.startswith("The quay will reopen") and "engineers" in reopen.speaker.name
    tpa = _by_text(sts, "TPA")
    assert tpa.cue == "deny" and tpa.speaker.name == "Tessel Port Authority"


def test_a_namesake_is_not_the_same_person(statements):
    text = (
        "Gunnar Holt, the ferry's captain, said the engine had failed. "
        "His brother Emil Holt said the captain had warned the owners a week earlier. "
        "Holt said the ferry had no spare parts."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "His brother").speaker.name == "Emil Holt"
    assert _by_text(sts, "no spare parts").speaker.name.endswith("Holt")


def test_a_pronoun_speaker_is_not_the_person_its_claim_names(statements):
    text = (
        "Ana Petrova, who heads the families' committee, spoke after the meeting. "
        "She told me the journalist Marek Halyn, held for two years, was among those freed. "
        "After Petrova left, Ivo Marsh arrived at the bridge. He said the buses had left at noon."
    )
    (sts,) = statements(text)
    assert _by_text(sts, "Marek Halyn").speaker.name == "Ana Petrova"
    # the control: a person named earlier in the sentence or before it is who the pronoun refers back to
    assert _by_text(sts, "buses had left").speaker.name == "Ivo Marsh"


def test_according_to_a_source_described_at_length_claims_what_follows_its_comma(statements):
    (sts,) = statements(
        "According to the text of the decree published on the government's legal portal, the ban took effect on "
        "January 17."
    )
    assert sts[0].claim.subject == "ban" and "portal" not in sts[0].claim.keys


def test_a_hearer_and_a_time_between_told_and_that_are_not_the_claim(statements):
    (sts,) = statements(
        "According to Vukelic, managers told shift leaders at a meeting on Monday that production would stop on "
        "November 28."
    )
    assert sts[0].claim.predicate == "stop" and "meeting" not in sts[0].claim.keys


def test_an_age_between_commas_keeps_the_speaker(statements):
    (sts,) = statements("Tomas Grell, 34, who drives the night bus, told the Courier that the depot gates were locked.")
    [s] = sts
    assert (s.speaker.name, s.claim.predicate) == ("Tomas Grell", "lock")
    # the control: a person with an age inside the claim is not who speaks
    (sts,) = statements("Police in Varn said Tomas Grell, 34, had been arrested at the depot gates.")
    assert [s.speaker.name for s in sts] == ["Police in Varn"] or all(s.speaker.name != "Tomas Grell" for s in sts)


def test_a_stance_then_saying_gives_the_speakers_account(statements):
    (sts,) = statements("The harbour master defended the closure, saying the breakwater had cracked in two places.")
    [s] = sts
    assert (s.speaker.name, s.claim.predicate) == ("harbour master", "crack")
    # the controls: after another verb the main clause stays the claim, and "saying" never names its speaker after it
    (sts,) = statements("Police closed the coast road, saying the breakwater was unsafe.")
    assert all(s.speaker.name != "breakwater" and s.claim.predicate == "close" for s in sts)


def test_a_sentence_of_thousands_of_participles_finds_its_main_clause_once(nlp, monkeypatch):
    from analysis import attribution

    calls = []
    real = attribution._main_clause
    monkeypatch.setattr(attribution, "_main_clause", lambda toks: calls.append(1) or real(toks))
    doc = nlp("The minister defended the plan" + ", saying it rained" * 3000 + ".")
    attrs = [attribution.find_attribution(sent) for sent in doc.sents]
    # a hostile sentence: one scan for the main clause, not one per participle (quadratic in the sentence's length)
    assert len(calls) == 1
    assert attrs[0].speaker_text == "The minister"


def test_a_pronoun_subject_of_a_reported_claim_is_its_speaker(statements):
    (sts,) = statements(
        "The ferry operator said it had suspended the night crossings. "
        "Harbour pilots said they had refused to guide the ships in. "
        "The ferry's captain denied he had left the bridge. "
        "Port director Ilse Brandt met the crews on Monday. She said she would not resign. "
        "The harbour board said it had no plans to close the pier."
    )
    operator = _by_text(sts, "suspended")
    assert operator.claim.subject == "operator" and "operator" in operator.claim.keys
    assert _by_text(sts, "refused").claim.subject == "pilot"
    assert _by_text(sts, "left the bridge").claim.subject == "captain"
    resigned = _by_text(sts, "not resign")  # "She" was resolved to the director named before
    assert resigned.claim.subject == "ilse_brandt" and "brandt" in resigned.claim.keys
    # the first noun after the pronoun and its verb is no subject: the claim is the board's
    assert _by_text(sts, "no plans").claim.subject == "board"


def test_a_pronoun_that_does_not_agree_with_the_speaker_is_left_alone(statements):
    (sts,) = statements(
        "Finance Minister Ola Berg said it was a mistake to sell the shares. "
        "The ferry operator said he had been warned. "
        "The ferry operator said the crossings had been suspended."
    )
    # a person is not "it", a company is not "he"; a claim with a subject of its own keeps it
    assert "berg" not in _by_text(sts, "a mistake").claim.keys
    assert "operator" not in _by_text(sts, "been warned").claim.keys
    assert _by_text(sts, "crossings").claim.subject == "crossing"


def test_what_the_speaker_does_next_is_not_part_of_what_is_denied(statements):
    (sts,) = statements(
        "The water board denied that the leak started at its reservoir and said its pipes had been inspected in May. "
        "The agency said it had not confirmed that the pilot was injured and was still waiting for a report. "
        "The agency said it had not confirmed that the bridge was closed and was still open to questions. "
        "The regulator said it could not verify his account and had asked the mill for its logs. "
        "The club denied that the striker was injured and trained with the squad on Monday."
    )
    leak = _by_text(sts, "leak started")
    assert leak.cue == "deny" and "reservoir" in leak.claim.keys and not {"pipe", "inspect"} & set(leak.claim.keys)
    pilot = _by_text(sts, "pilot was injured")
    assert "pilot" in pilot.claim.keys and not {"wait", "report"} & set(pilot.claim.keys)
    # not a verb of what the speaker is doing ("was still open"), nor one that is not under way: kept
    assert "open" in _by_text(sts, "bridge was closed").claim.keys
    assert "train" in _by_text(sts, "striker").claim.keys
    # an account named only by reference keeps the rest: the statement holds something to compare
    logs = _by_text(sts, "his account")
    assert logs.cue == "not_confirmed" and "mill" in logs.claim.keys


def test_a_hyphenated_title_before_a_named_speaker_after_the_quote(statements):
    (sts,) = statements(
        '"We cannot confirm that the treaty has been signed," the deputy secretary-general, Ravi Perera, wrote '
        "in an email to the Gazette on Monday. "
        "The director-general, Ana Ruiz, said the plant had closed."
    )
    treaty = _by_text(sts, "treaty")
    assert treaty.speaker.name == "Ravi Perera" and treaty.cue == "not_confirmed"
    # the attribution is not part of what was not confirmed
    assert not {"perera", "email", "gazette"} & set(treaty.claim.keys)
    assert _by_text(sts, "plant had closed").speaker.name == "Ana Ruiz"


def test_a_cue_inside_an_opening_quote_is_the_quoted_speakers_word(statements):
    (sts,) = statements(
        '"They told us the ward was safe," Ama Owusu said. '
        '"There was no leak, and I say that having checked the valves myself," Kofi Mensah insisted. '
        '"We deny that the ward was unsafe."'
    )
    ward = _by_text(sts, "ward was safe")
    assert ward.speaker.name == "Ama Owusu" and "owusu" not in ward.claim.keys
    assert _by_text(sts, "no leak").speaker.name == "Kofi Mensah"
    # a quote with no attribution after it keeps its own cue
    assert _by_text(sts, "We deny").cue == "deny"


def test_that_after_a_preposition_is_a_determiner_not_the_claims_start(statements):
    (sts,) = statements("Sandhu said the warning signs on that stretch were not working.")
    signs = _by_text(sts, "warning signs")
    assert signs.claim.subject == "warning sign" and "stretch" in signs.claim.keys


def test_withdrawing_from_something_takes_back_nothing_said(statements):
    (sts,) = statements(
        "The singer withdrew from the festival on Monday, her agent said. "
        "The ministry withdrew its earlier statement that two diplomats had been expelled. "
        "The trust has withdrawn its fiction prize from Lena Hart, five months after awarding it."
    )
    left = _by_text(sts, "singer withdrew")
    assert left.cue == "assert" and left.speaker.name == "her agent"
    taken_back = _by_text(sts, "diplomats")
    assert taken_back.cue == "retract" and "expel" in taken_back.claim.keys
    assert _by_text(sts, "fiction prize").cue != "retract"


def test_a_leading_clause_of_time_is_not_the_claim(statements):
    (sts,) = statements(
        "Herman said that when the singer was able to talk again, she revealed that the producer had threatened "
        "to end her career."
    )
    threat = _by_text(sts, "threatened")
    assert threat.modality == "fact" and threat.claim.predicate == "threaten" and "producer" in threat.claim.keys


def test_who_denies_doing_something_is_who_did_not_do_it(statements):
    (sts,) = statements(
        "Through a spokesperson, the producer denied ever threatening her career. "
        "The minister denied taking a bribe from the builder. "
        "The club denied that rising costs had forced the sale."
    )
    threat = _by_text(sts, "threatening")
    assert threat.claim.subject == "producer" and threat.claim.predicate == "threaten"
    assert _by_text(sts, "bribe").claim.subject == "minister"
    # a gerund that is part of a noun phrase after "that" is not the denier's act
    assert _by_text(sts, "rising costs").claim.subject != "club"


def test_a_name_before_its_description_and_an_organisation_before_its_relative_clause(statements):
    (sts,) = statements(
        "Within hours Luc Marchetti, producer of the rival film Winter Ferry, alleged that the film had been shown "
        "in Almarsk. "
        "The Ardeshi Nuclear Generation Company (ANGC), which runs the station, said no radioactive material had "
        "been released. "
        "The head of the Centre for Countering Disinformation, Andrii Kovalenko, said the soldiers had been sent."
    )
    assert _by_text(sts, "Almarsk").speaker.name == "Luc Marchetti"
    released = _by_text(sts, "radioactive")
    # "said no radioactive material" does not invert: the material is what the claim is about, not its speaker
    assert (
        released.speaker.name in ("ANGC", "Ardeshi Nuclear Generation Company") and "radioactive" in released.claim.keys
    )
    assert _by_text(sts, "soldiers").speaker.name == "Andrii Kovalenko"


def test_a_speaker_that_opens_the_sentence_before_an_aside(statements):
    (sts,) = statements(
        "A presidential aide, asked about that meeting, said no meeting between the two leaders had been held. "
        "The army, which lost 12 men, said the town had fallen."
    )
    held = _by_text(sts, "leaders")
    assert held.speaker.name == "presidential aide" and "meeting" in held.claim.keys
    assert _by_text(sts, "town had fallen").speaker.name == "army"


def test_getting_it_wrong_takes_back_what_was_said(statements):
    (sts,) = statements(
        "We got this wrong earlier: our morning post said every service on the line had been cancelled, but one "
        "train an hour is running."
    )
    assert _by_text(sts, "every service").cue == "retract"


def test_calling_a_claim_untrue_denies_it(statements):
    (sts,) = statements(
        "The airline called the union's claim that it cancelled its Lisbon flights untrue. "
        "The mayor called for talks with the union. "
        "Union leaders called the meeting a success."
    )
    denied = _by_text(sts, "Lisbon")
    assert denied.cue == "deny" and denied.speaker.name == "airline" and "cancel" in denied.claim.keys
    # calling for something, or calling a meeting a success, denies nothing
    assert _by_text(sts, "called for talks").cue == "assert"
    assert _by_text(sts, "a success").cue == "assert"


def test_a_question_whether_it_was_a_mistake_takes_nothing_back(statements):
    from analysis.kinds.view import view_of

    (sts,) = statements(
        "Asked whether it was a mistake to close the line, the mayor said the decision had saved money. "
        "The council said its earlier statement that the line would reopen was a mistake."
    )
    asked = _by_text(sts, "saved money")
    assert asked.cue != "retract" and not view_of(asked).retract
    assert _by_text(sts, "would reopen").cue == "retract"


def test_a_relative_clause_after_the_speaker_is_not_who_a_pronoun_stands_for(statements):
    (sts,) = statements(
        "The ferry operator, which runs six routes on the lake, denied that it had ignored any safety warnings. "
        "Port director Ilse Brandt, who took over in May, said she would not resign."
    )
    denied = _by_text(sts, "ignored")
    assert denied.claim.subject == "operator" and "lake" not in denied.claim.keys
    assert _by_text(sts, "not resign").claim.subject == "ilse_brandt"


def test_quoted_denial_words_and_verifying_still_under_way_are_cues(statements):
    (sts,) = statements(
        'The agent said reports of a failed drug test were "completely untrue". '
        "The navy said it was still trying to verify reports that the tanker had been seized. "
        'The coach said the new signing was "simply brilliant". '
        "The navy said it was trying to reach the tanker's owners."
    )
    assert _by_text(sts, "completely untrue").cue == "deny"
    seized = _by_text(sts, "tanker had been seized")
    assert seized.cue == "not_confirmed" and "seize" in seized.claim.keys
    # the controls: a quoted word that denies nothing, and trying to do something else than verify
    assert _by_text(sts, "simply brilliant").cue == "assert"
    assert _by_text(sts, "trying to reach").cue == "assert"


def test_a_death_toll_counts_the_dead_a_crowd_those_who_came_and_taking_part_is_one_verb(statements):
    (sts,) = statements(
        "The governor put the death toll from the blast at 32. "
        "Organisers said 2,000 runners took part in the marathon. "
        "The toll road carried 32 trucks. "
        "Police estimated the crowd at the concert at 25,000."
    )
    [toll] = _by_text(sts, "death toll").quantities
    assert (toll.unit, toll.verb) == ("person", "die")
    [crowd] = _by_text(sts, "estimated the crowd").quantities
    assert (crowd.unit, crowd.verb) == ("person", "attend")
    runners = _by_text(sts, "took part")
    assert runners.claim.predicate == "participate" and runners.quantities[0].verb == "participate"
    # the control: a toll road's figures count no dead
    assert _by_text(sts, "toll road").quantities[0].unit != "person"


def test_common_phrasal_verbs_are_one_verb(statements):
    (sts,) = statements(
        "The singer pulled out of the festival. "
        "The company laid off 300 workers. "
        "The talks broke down on Friday. "
        "Engineers carried out repairs overnight."
    )
    assert _by_text(sts, "pulled out").claim.predicate == "withdraw"
    assert _by_text(sts, "laid off").claim.predicate == "layoff"
    assert _by_text(sts, "broke down").claim.predicate == "collapse"
    carried = _by_text(sts, "carried out")
    # the control: "carried out" conducts, it carries nothing
    assert carried.claim.predicate == "conduct" and "carry" not in carried.claim.keys


def test_who_a_lawyer_or_a_family_speaks_for_is_the_pronoun_and_the_client(statements):
    (sts,) = statements(
        "The patient's family said he had not been discharged. "
        "Kapor's lawyer, Ana Ruiz, said her client was never detained. "
        "The suspect's lawyer said his client has not confessed. "
        "The minister said she would not resign."
    )
    assert _by_text(sts, "discharged").claim.subject == "patient"
    assert _by_text(sts, "never detained").claim.subject == "kapor"
    assert _by_text(sts, "not confessed").claim.subject == "suspect"
    # the controls: whoever speaks for nobody else, a relative who speaks of herself and the manager of a club are
    # who the pronoun stands for
    assert _by_text(sts, "not resign").claim.subject == "minister"
    (more,) = statements(
        "The victim's mother said she had warned the police. The club's manager said he would stay until June."
    )
    assert _by_text(more, "warned").claim.subject == "mother"
    assert _by_text(more, "stay until").claim.subject == "manager"


def test_a_thing_found_is_no_claim_when_the_speaker_comes_later(statements):
    (sts,) = statements(
        "The Orvel bridge was closed to traffic on Monday after inspectors found cracks in its deck, the council said. "
        "Inspectors found that the deck of the Orvel bridge was sound."
    )
    closed = _by_text(sts, "was closed")
    assert closed.speaker.name == "council"
    assert closed.claim_text.startswith("The Orvel bridge was closed")
    # the control: finding *that* something is so is a claim of the finders
    assert _by_text(sts, "found that").speaker.name == "Inspectors"


def test_a_relative_clause_after_the_speaker_is_not_its_name(statements):
    (sts,) = statements(
        "The minister, who visited the Kessel plant on Monday, said it would close in June. "
        "Ruth Ingram, a researcher who first reported the leak, said the plant was safe."
    )
    assert _by_text(sts, "The minister").speaker.name == "minister"
    # the control: an appositive that names the speaker keeps the name
    assert _by_text(sts, "Ruth Ingram").speaker.name == "Ruth Ingram"


def test_a_release_to_come_is_the_news_not_a_claim_of_whoever_releases(statements):
    (sts,) = statements(
        "The Harnby statistics office will publish its quarterly jobs figures on July 29. "
        "The tribunal is due to announce its ruling on the Welk dispute on Friday. "
        "The minister will announce that the Welk plant is to close."
    )
    figures = _by_text(sts, "jobs figures")
    assert figures.speaker.type == "outlet" and figures.modality == "future"
    assert figures.claim_text.startswith("The Harnby statistics office will publish")
    ruling = _by_text(sts, "its ruling")
    assert ruling.speaker.type == "outlet" and ruling.modality == "future"
    # the control: announcing *that* something is so still reports a claim of the announcer
    closing = _by_text(sts, "is to close")
    assert closing.speaker.name == "minister" and closing.claim_text.startswith("the Welk plant")


def test_a_relative_clause_inside_the_subject_is_skipped_not_the_end_of_the_claim(statements):
    (sts,) = statements(
        "The council said the Harwick bridge, which was built in 1904, would not be demolished. "
        "Police said the Tesla ferry, which had 129 people on board, hit the pier at Orrin on Tuesday. "
        "The agency said the bridge had been closed, which angered drivers."
    )
    bridge = _by_text(sts, "Harwick")
    assert "demolish" in bridge.claim.keys and "build" not in bridge.claim.keys
    assert bridge.polarity == "negative"
    ferry = _by_text(sts, "Tesla ferry")
    assert ferry.claim.predicate == "strike" and "board" not in ferry.claim.keys
    assert [q.text for q in ferry.quantities] == []  # who was on board says what the ferry is, not what happened
    # the control: a relative clause after the main verb still ends the claim's main clause
    closed = _by_text(sts, "had been closed")
    assert "anger" not in closed.claim.keys and "driver" not in closed.claim.keys


def test_a_denied_act_named_by_its_gerund_is_what_is_denied_not_the_account_after_it(statements):
    (sts,) = statements(
        "The port authority denied closing the Kelby terminal, saying cargo volumes had not fallen this year. "
        "The port authority dismissed the dockers' story, saying the Kelby terminal had never been closed."
    )
    gerund = _by_text(sts, "denied closing")
    assert gerund.cue == "deny" and gerund.claim.predicate == "close" and "cargo" not in gerund.claim.keys
    # the control: a denial that names its target by reference is read as the account it gives instead
    story = _by_text(sts, "dockers' story")
    assert story.claim.predicate == "close" and "terminal" in story.claim.keys
