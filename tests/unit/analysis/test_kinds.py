"""The kind modules one by one, on statements built for these tests: each kind's evidence fires on its own
contradiction and stays silent on a control that differs in just what makes the kind."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from analysis.kinds import (
    BOTH_MASK,
    KINDS,
    ONE_MASK,
    REGISTRY,
    antonym,
    date_time,
    denial,
    may_pair,
    negation,
    quantity,
    retraction,
    signal_bits,
    unconfirmed,
)
from analysis.kinds.align import align
from analysis.kinds.combiner import SCORE_MAX, UNCONFIRMED_MAX, judge_pair, load_model, vetoed
from analysis.kinds.features import FEATURE_NAMES, pair_features
from analysis.kinds.view import rarity, stem, view_of
from schemas import ClaimFrame, DateMention, Entity, Quantity, Speaker, Statement

_N = iter(range(10_000))


def _st(text: str, *, cue: str = "assert", article: str | None = None, speaker: str | None = "A Speaker",
        polarity: str = "positive", modality: str = "fact", quantities: list[Quantity] | None = None,
        dates: list[DateMention] | None = None, day: int = 4) -> Statement:  # fmt: skip
    n = next(_N)
    art = article or f"k{n}"
    return Statement(
        id=f"{art}#{n}-{n + len(text)}", article_id=art, source="x.example",
        published_at=datetime(2025, 3, day, tzinfo=UTC), text=text, start=n, end=n + len(text), claim_text=text,
        speaker=Speaker(name=speaker, type="person" if speaker else "unknown"), cue=cue, polarity=polarity,
        modality=modality, quantities=quantities or [], dates=dates or [],
        claim=ClaimFrame(keys=[w.lower().strip(".,") for w in text.split() if len(w) > 4]),
    )  # fmt: skip


def _q(value: float, unit: str, text: str, low: float | None = None, high: float | None = None) -> Quantity:
    return Quantity(text=text, value=value, low=value if low is None else low, high=value if high is None else high,
                    unit=unit, start=0, end=1)  # fmt: skip


def _views(a: Statement, b: Statement):
    va, vb = view_of(a), view_of(b)
    return va, vb, align(va, vb)


def test_registry_is_ordered_and_complete():
    assert set(KINDS) == {"denial", "negation", "antonym", "quantity", "date_time", "retraction", "unconfirmed"}
    assert len(FEATURE_NAMES) == len(set(FEATURE_NAMES))  # every feature has its own name
    for m in REGISTRY:
        assert m.PAIRING in ("one", "both") and m.FEATURES and callable(m.explain)
    assert ONE_MASK & BOTH_MASK == 0 and (1 << len(REGISTRY)) - 1 == ONE_MASK | BOTH_MASK


def test_rarity_and_stems():
    assert rarity("said") < 0.2 < 0.9 < rarity("quorvalen")  # a made-up name is as rare as it gets
    assert stem("Resigned") == stem("resignation") == "resig"


@pytest.mark.parametrize(
    ("module", "cue_text", "control_text"),
    [
        (denial, "The ministry dismissed as baseless the report that the Orvell dam had cracked.",
         "The ministry said the report that the Orvell dam had cracked was published on Monday."),
        (unconfirmed, "The ministry could not independently verify that the Orvell dam had cracked.",
         "The ministry said engineers had inspected the Orvell dam on Monday."),
        (retraction, "The agency issued a correction: its earlier statement that the Orvell dam had cracked was wrong.",
         "The agency said the Orvell dam had cracked on Monday."),
    ],
)  # fmt: skip
def test_cue_kinds_fire_on_one_side_only(module, cue_text, control_text):
    claim = _st("Engineers said the Orvell dam had cracked after the storm.")
    cue = _st(cue_text)
    assert module.signal(view_of(cue)) and not module.signal(view_of(claim))
    assert module.features(*_views(claim, cue))[0] == 1.0
    assert module.explain(*_views(claim, cue))
    control = _st(control_text)
    assert not module.signal(view_of(control))
    assert module.features(*_views(claim, control))[0] == 0.0  # control: no such wording
    # two sides worded the same way are not this kind
    assert module.features(*_views(cue, _st(cue_text.replace("Orvell", "Orvell river"))))[0] == 0.0


def test_negation_reads_what_is_negated():
    pos = _st("Workers at the Pellum mill were offered new contracts by the owners.")
    neg = _st("No worker at the Pellum mill was offered a new contract, the union said.", polarity="negative")
    va, vb, al = _views(pos, neg)
    assert negation.signal(vb) and not negation.signal(va)
    assert negation.scope_found(va, vb) > 0.5  # "worker ... offered" is said on the other side
    other = _st("No rain fell at the Pellum mill.", polarity="negative")
    assert negation.scope_found(*_views(pos, other)[:2]) < negation.scope_found(va, vb)
    assert negation.features(*_views(pos, _st("Workers at the Pellum mill were offered contracts.")))[0] == 0.0


def test_antonym_needs_opposite_sides_of_one_axis():
    rose = _st("Copper exports from Tamsk rose in May.")
    fell = _st("Copper exports from Tamsk fell in May.")
    assert antonym.opposites(view_of(rose), view_of(fell)) == ("rose", "fell")
    assert antonym.opposites(view_of(rose), view_of(_st("Copper exports from Tamsk grew in May."))) is None
    # a word that merely starts like an axis word is not on it ("surgery" is no "surge")
    assert antonym.opposites(view_of(fell), view_of(_st("Waiting times for surgery in Tamsk in May."))) is None


def test_antonym_reads_the_claims_not_who_made_them():
    # "local sources" and "the foreign ministry" are who speaks; what they say opposes nothing
    def said(text: str, claim: str) -> Statement:
        keys = [w.lower().strip(".,") for w in claim.split() if len(w) > 4]
        return _st(text).model_copy(update={"claim_text": claim, "claim": ClaimFrame(keys=keys)})

    local = said("Local sources said the release of the Tamsk hostages was part of a swap.",
                 "the release of the Tamsk hostages was part of a swap.")  # fmt: skip
    foreign = said("Talks on the release of the Tamsk hostages were held, the foreign ministry said.",
                   "Talks on the release of the Tamsk hostages were held")  # fmt: skip
    assert antonym.opposites(view_of(local), view_of(foreign)) is None
    # the control: the same words inside the claims do oppose
    assert antonym.opposites(view_of(_st("Tamsk sells local grain.")), view_of(_st("Tamsk sells foreign grain.")))


def test_quantity_clash_respects_hedges():
    a = _st("Officials said 1,200 residents were evacuated.", quantities=[_q(1200, "resident", "1,200")])
    b = _st("The mayor said 4,500 residents were evacuated.", quantities=[_q(4500, "resident", "4,500")])
    assert quantity.clash(view_of(a), view_of(b)) is not None
    near = _st("The mayor said nearly 1,250 residents were evacuated.",
               quantities=[_q(1250, "resident", "nearly 1,250", low=1100, high=1250)])  # fmt: skip
    assert quantity.clash(view_of(a), view_of(near)) is None  # compatible approximation
    other = _st("The mayor said 4,500 homes were flooded.", quantities=[_q(4500, "home", "4,500")])
    assert quantity.features(*_views(a, other))[0] == 0.0  # another thing counted


def _counted(text: str, value: float, unit: str, verb: str) -> Statement:
    return _st(text, quantities=[_q(value, unit, f"{value:g}").model_copy(update={"verb": verb})])


def test_figures_of_two_actions_are_two_things_unless_one_level_moves():
    carried = _counted("A plane carrying 10 tourists crashed near Liberia, officials said.", 10, "person", "carry")
    killed = _counted("Police said 12 people were killed when the plane crashed near Liberia.", 12, "person", "kill")
    assert quantity.clash(view_of(carried), view_of(killed)) is None  # ten aboard, twelve dead in all
    also_killed = _counted("The airline said 10 people were killed when the plane crashed near Liberia.", 10,
                           "person", "kill")  # fmt: skip
    assert quantity.clash(view_of(also_killed), view_of(killed)) is not None  # the control: one action
    fell = _counted("The median wait for surgery fell to 14 weeks in February.", 14, "week", "fall")
    rose = _counted("The median wait for surgery rose to 19 weeks in February.", 19, "week", "rise")
    assert quantity.clash(view_of(fell), view_of(rose)) is not None  # one level, read twice


def test_date_time_compares_days_and_clock_times():
    a = _st("The ferry sank at 6:40 a.m. on Tuesday.")
    b = _st("The ferry sank at 9:15 a.m. on Tuesday.")
    feats = dict(zip(date_time.FEATURES, date_time.features(*_views(a, b)), strict=True))
    assert feats["time.clash"] == 1.0
    same = dict(zip(date_time.FEATURES, date_time.features(*_views(a, _st("It sank at 6:50 a.m."))), strict=True))
    assert same["time.both"] == 1.0 and same["time.clash"] == 0.0  # ten minutes apart: the same time, roughly
    day = DateMention(text="March 3", start_date=date(2025, 3, 3), end_date=date(2025, 3, 3))
    later = DateMention(text="March 9", start_date=date(2025, 3, 9), end_date=date(2025, 3, 9))
    c, d = _st("The law took effect on March 3.", dates=[day]), _st("The law took effect on March 9.", dates=[later])
    assert dict(zip(date_time.FEATURES, date_time.features(*_views(c, d)), strict=True))["date.clash"] == 1.0


def test_date_time_reads_midnight_and_noon_and_the_clock_face():
    def clash(x: str, y: str, dx: str | None = None, dy: str | None = None) -> float:
        ma = [DateMention(text=dx, granularity="time")] if dx else []
        mb = [DateMention(text=dy, granularity="time")] if dy else []
        feats = date_time.features(*_views(_st(x, dates=ma), _st(y, dates=mb)))
        return dict(zip(date_time.FEATURES, feats, strict=True))["time.clash"]

    assert clash("The robbery took place at about 3 a.m.", "The robbery happened shortly before midnight.",
                 "3 a.m.", "midnight") == 1.0  # fmt: skip
    # the control: ten to midnight and ten past are twenty minutes apart, not a day less forty minutes
    assert clash("The blast came at 11:50 p.m.", "The blast came at 12:10 a.m.") == 0.0


def test_signals_gate_pairs():
    plain = signal_bits(view_of(_st("The bridge was built by Tarrow engineers.")))
    denial_bits = signal_bits(view_of(_st("The council denied that Tarrow engineers built the bridge.", cue="deny")))
    assert plain == 0 and denial_bits == 1 << KINDS.index("denial")
    assert may_pair(plain, denial_bits) and not may_pair(denial_bits, denial_bits)
    assert not may_pair(0, 0)


def test_combiner_scores_explains_and_vetoes():
    model = load_model()
    assert model.features == FEATURE_NAMES
    claim = _st("Rebels captured the town of Sarvik on Monday, a militia commander said.", speaker="Ivo Drent")
    deny = _st("The army denied that rebels had captured the town of Sarvik.", cue="deny", speaker="Mila Brandt")
    doubt = _st("The ministry could not confirm that rebels had captured the town of Sarvik.", cue="not_confirmed",
                speaker="Ana Lunde")  # fmt: skip
    c = judge_pair(claim, deny)
    assert c is not None and c.kind == "denial" and c.score <= SCORE_MAX
    assert c.explanation.startswith("denial:") and "signals:" in c.explanation
    u = judge_pair(claim, doubt)
    assert u is not None and u.kind == "unconfirmed" and u.score <= UNCONFIRMED_MAX < c.score
    assert judge_pair(deny, doubt, 0.0) is None and vetoed(deny, doubt)  # a denial and a doubt agree
    far = _st("Rebels captured the town of Sarvik, a militia commander said.", day=4).model_copy(
        update={"published_at": datetime(2025, 11, 4, tzinfo=UTC)}
    )
    assert judge_pair(far, deny, 0.0) is None  # months apart: another event
    row, *_ = pair_features(claim, deny)
    assert len(row) == len(FEATURE_NAMES)


def test_cue_words_read_in_their_sense_and_with_either_apostrophe():
    # an attributive "wrong" (a wrong turn) denies nothing; a predicative one does
    assert not view_of(_st("The convoy took a wrong turn near the Harlow bridge.")).deny
    assert view_of(_st("The ministry said the casualty reports were wrong.")).deny
    # what goes wrong is a mishap, not a denial
    assert not view_of(_st("Engineers said a lot could go wrong on the first flight.")).deny
    assert not view_of(_st("Nobody could say what went wrong in the tunnel.")).deny
    # "something was wrong with him" retracts nothing; "the figure was wrong" does
    assert not view_of(_st("The coach saw that something was wrong with the goalkeeper.")).retract
    assert view_of(_st("The agency said its earlier figure was wrong.")).retract
    # waiting for a confirmation is not having one
    assert view_of(_st("Police were awaiting official confirmation of the names of the dead.")).unconfirmed
    # a typographic apostrophe negates like a straight one
    curly, straight = "The Tarrow dam didn\u2019t hold, the engineers said.", "The Tarrow dam didn't hold."
    assert view_of(_st(curly)).negated and view_of(_st(straight)).negated


@pytest.mark.parametrize(
    ("text", "unconfirmed"),
    [
        ("The harbour board said it was in no position to confirm a reopening date.", True),
        ("The minister said he was not in a position to confirm staff changes at the prison.", True),
        ("The regulator had not yet been able to establish whether the second pump failed.", True),
        ("The coast guard said it had yet to see any evidence that a flare was fired.", True),
        # controls: the same words in another sense
        ("The board said the harbour was in a good position to confirm its lead in grain exports.", False),
        ("She said she had yet to see the new stadium.", False),
        ("The coast guard said it had seen evidence that a flare was fired.", False),
    ],
)
def test_non_confirmations_worded_as_a_position_or_missing_evidence(text, unconfirmed):
    assert view_of(_st(text)).unconfirmed is unconfirmed


def test_a_correction_that_negates_with_a_contraction_reverses_the_claim():
    from analysis.judge import _new_polarity

    assert _new_polarity("the bridge wasn't closed") == "negative"
    assert _new_polarity("the bridge wasn\u2019t closed") == "negative"
    assert _new_polarity("the bridge was not closed") == "negative"
    assert _new_polarity("the bridge was closed for repairs") == "positive"
    assert _new_polarity("Tintern's bridge was closed") == "positive"


def _placed(text: str, place: str, day: int, speaker: str, cue: str = "assert") -> Statement:
    on = DateMention(text=f"March {day}", start_date=date(2025, 3, day), end_date=date(2025, 3, day))
    where = Entity(text=place, label="GPE", norm=place.lower())
    return _st(text, dates=[on], speaker=speaker, cue=cue).model_copy(update={"entities": [where]})


def test_a_pair_no_rule_reads_is_not_reported_across_different_places():
    # two flights that left two cities at two times are two events, whatever the learned score: the hand rules
    # never compare claims naming different places, and the combiner is held to the same
    first = _placed("The flight left Lisbon at 10:20 a.m. on March 3, the airline said.", "Lisbon", 3, "Ana Melo")
    same = _placed("The flight left Lisbon at 2:05 p.m. on March 4, the airport said.", "Lisbon", 4, "Rui Costa")
    c = judge_pair(first, same, 0.0)  # the control: one city, two times (any score: the veto is what is tested)
    assert c is not None and c.kind == "date_time"
    other = _placed("The flight left Chicago at 2:05 p.m. on March 4, the airport said.", "Chicago", 4, "Rui Costa")
    assert judge_pair(first, other, 0.0) is None
    # a retraction often names what it takes back differently: it is not held to the rule
    said = _placed("The mayor of Porto said the bridge would reopen on March 7.", "Porto", 7, "Rita Sousa")
    taken_back = _placed("The mayor withdrew her statement that the bridge in Oporto would reopen on March 7.",
                         "Oporto", 7, "Rita Sousa", cue="retract")  # fmt: skip
    r = judge_pair(said, taken_back, 0.0)
    assert r is not None and r.kind == "retraction"


def test_names_clash_holds_organisations_to_the_share_no_name_rule():
    # organisations differ only where the two claims share no name at all (the tagger reads names of unknown kinds
    # as organisations): a bridge named alike in both and one person in common is one story, whatever the ORGs
    from analysis.judge import names_clash

    def named(text: str, *names: tuple[str, str]) -> Statement:
        ents = [Entity(text=n, label=label, norm=n.lower().replace(" ", "_")) for label, n in names]
        return _st(text).model_copy(update={"entities": ents})

    a = named("Ana Melo said Kelmont Bank would pay for the Vasco Bridge repairs.",
              ("PERSON", "Ana Melo"), ("ORG", "Kelmont Bank"), ("FAC", "Vasco Bridge"))  # fmt: skip
    b = named("Ana Melo said the city council had paid for repairs to the Vasco bridge.",
              ("PERSON", "Ana Melo"), ("ORG", "city council"), ("FAC", "Vasco"))  # fmt: skip
    assert names_clash(a, b) is None
    # the control: another bridge, named nowhere in the first claim, is another thing
    c = named("Ana Melo said the city council had paid for repairs to the Dona Maria bridge.",
              ("PERSON", "Ana Melo"), ("ORG", "city council"), ("FAC", "Dona Maria"))  # fmt: skip
    assert names_clash(a, c) == "different fac: vasco_bridge vs dona_maria"


def test_what_only_may_happen_opposes_no_account_of_what_did():
    # the hand rules compare facts (or two plans) for these kinds; a learned score is held to the same, so a
    # "could" claim is no antonym of a fact however the combiner scores it (min_score 0: any score)
    fact = _st("The Varnu road through the Corren valley is safe again, the regional governor said.")
    opposite = _st(
        "The Varnu road through the Corren valley is unsafe again, the drivers' union said.", speaker="Ivo Lund"
    )
    c = judge_pair(fact, opposite, 0.0)  # the control: two accounts
    assert c is not None and c.kind == "antonym"
    maybe = _st("The Varnu road through the Corren valley could be unsafe again, the drivers' union said.",
                speaker="Ivo Lund", modality="possible")  # fmt: skip
    assert judge_pair(fact, maybe, 0.0) is None


def test_weighted_overlap_does_not_depend_on_the_hash_seed():
    # the overlap ranks candidates before the budget cut: a float sum in the order of a set of words differed in
    # its last bits between processes, and with it which of two tied candidates was kept (a refit of the claim
    # linker came out different under another PYTHONHASHSEED)
    import os
    import subprocess
    import sys

    code = (
        "from analysis.kinds.features import weighted_overlap as w;"
        "ws = {f'w{i}': 0.1 * (i % 7 + 1) / 3 for i in range(60)};"
        "print(repr(w(ws, sum(ws.values()), dict(ws), sum(ws.values()))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)}, capture_output=True,
            text=True, check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }  # fmt: skip
    assert len(outputs) == 1


def _figures(text: str, *figures: tuple[str, float, str, float]) -> Statement:
    """A statement whose figures (text, value, unit, upper bound) sit where their text is: the words after each
    are read."""
    s = _st(text)
    qs = []
    for raw, value, unit, high in figures:
        at = s.start + text.index(raw)
        qs.append(Quantity(text=raw, value=value, low=value, high=high, unit=unit, start=at, end=at + len(raw)))
    return s.model_copy(update={"quantities": qs})


def test_quantity_compares_like_with_like_figures():
    # one side gives two lengths of time: the prison term and how long the fraud ran
    a = _figures("Mr Dale was sentenced to 11 years in prison for a fraud that ran for over four years.",
                 ("11", 11, "year", 11), ("over four", 4, "year", 1e18))  # fmt: skip
    b = _figures("Mr Dale was handed a nine-year prison term on Thursday.", ("nine-year", 9, "year", 9))
    assert quantity.clash(view_of(a), view_of(b)) is not None  # 11 years in prison against a nine-year term
    same = _figures("Mr Dale was handed an 11-year prison term on Thursday.", ("11-year", 11, "year", 11))
    assert quantity.clash(view_of(a), view_of(same)) is None  # the control: the same term
