"""The pair judge's combiner: calibration, regimes, rules, the shipped weights file."""

from __future__ import annotations

import json

import pytest

from analysis.pairs import FEATURES, TRIGGER_KINDS, PairModel, Signal, load_model
from analysis.pairs.model import DEFAULT_WEIGHTS, calibrate, premise_tokens, value_bin
from analysis.pairs.rules import RULES, rule_verdict
from contraflow.errors import AnalysisError


def _sigs(**values: float) -> list[Signal]:
    return [Signal(f, values.get(f, 0.0), TRIGGER_KINDS.get(f), f"{f} fired") for f in FEATURES]


def _model(weights: dict[str, float], bias: float = -2.0, threshold: float = 0.4, rules=None) -> PairModel:
    regime = {
        "name": "all",
        "max_premise_tokens": None,
        "weights": [weights.get(f, 0.0) for f in FEATURES],
        "bias": bias,
        "threshold": threshold,
    }
    if rules is not None:
        regime["rules"] = rules
    return PairModel.from_dict({"features": list(FEATURES), "regimes": [regime]})


@pytest.mark.parametrize("threshold", [0.2, 0.35, 0.5, 0.7])
def test_calibrate_puts_the_threshold_at_one_half_and_is_monotone(threshold):
    assert calibrate(threshold, threshold) == pytest.approx(0.5)
    grid = [i / 100 for i in range(101)]
    mapped = [calibrate(p, threshold) for p in grid]
    assert mapped == sorted(mapped)
    assert mapped[0] == 0.0 and mapped[-1] == pytest.approx(1.0)


def test_premise_tokens_inverts_the_length_signal():
    import math

    for n in (1, 9, 20, 21, 250):
        assert premise_tokens(math.log1p(n) / 5.0) == n


def test_value_bins():
    assert [value_bin(v) for v in (0.1, 0.5, 0.9, 1.0)] == [1, 2, 3, 4]


def test_strongest_trigger_names_the_kind():
    m = _model({"neg_aligned": 3.0, "quantity": 1.0})
    v = m.verdict(_sigs(neg_aligned=1.0, quantity=1.0, overlap_h=1.0))
    assert v.contradiction and v.kind == "negation" and v.explanation == "neg_aligned fired"


def test_no_trigger_means_no_contradiction_whatever_the_context():
    m = _model({"overlap_h": 10.0}, rules=[])
    v = m.verdict(_sigs(overlap_h=1.0))
    assert not v.contradiction and v.kind is None and v.score < 0.5


def test_below_threshold_is_not_a_contradiction():
    m = _model({"neg_aligned": 1.0}, bias=-3.0, rules=[])
    v = m.verdict(_sigs(neg_aligned=1.0))
    assert not v.contradiction and v.kind is None


def test_regime_is_chosen_by_premise_length():
    import math

    weights = [1.0 if f == "neg_aligned" else 0.0 for f in FEATURES]
    short = {"name": "short", "max_premise_tokens": 20, "weights": weights, "bias": 5.0,
             "threshold": 0.5, "rules": []}  # fmt: skip
    long = {**short, "name": "long", "max_premise_tokens": None, "bias": -5.0}
    m = PairModel.from_dict({"features": list(FEATURES), "regimes": [short, long]})
    assert m.regime_for(10).name == "short" and m.regime_for(21).name == "long"
    assert m.verdict(_sigs(neg_aligned=1.0, log_len_p=math.log1p(10) / 5)).contradiction
    assert not m.verdict(_sigs(neg_aligned=1.0, log_len_p=math.log1p(40) / 5)).contradiction


def test_rules_fire_on_clean_signals_and_respect_modality():
    assert rule_verdict(_sigs(antonym=1.0))[1].name == "antonym"
    assert rule_verdict(_sigs(antonym=0.5)) is None  # not clean enough
    assert rule_verdict(_sigs(antonym=1.0, modal_h=1.0)) is None
    assert rule_verdict(_sigs(antonym=1.0), enabled=frozenset({"quantity"})) is None


def test_cue_rule_names_the_kind_over_a_stronger_negation():
    m = _model({"neg_aligned": 5.0}, bias=0.0, rules=sorted(RULES))
    v = m.verdict(_sigs(neg_aligned=1.0, unconfirmed=1.0))
    assert v.contradiction and v.kind == "unconfirmed"


def test_shipped_weights_cover_every_feature_and_record_cv():
    data = json.loads(DEFAULT_WEIGHTS.read_text())
    assert data["features"] == list(FEATURES)
    names = [r["name"] for r in data["regimes"]]
    assert names[0] == "short" and names[-1] == "long" and len(set(names)) == len(names)
    assert data["regimes"][-1]["max_premise_tokens"] is None  # the last regime takes any length
    assert all(len(r["weights"]) == len(FEATURES) for r in data["regimes"])
    assert set(data["meta"]["cv"]) >= {"sick-train-trial", "rte3-dev-3way", "negated-rte2-and-real-life"}
    assert load_model().regimes[0].name == "short"


def test_missing_or_stale_weights_give_a_clear_error(tmp_path):
    with pytest.raises(AnalysisError, match="not found"):
        load_model(str(tmp_path / "nope.json"))
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({"features": ["neg_aligned"], "regimes": []}))
    with pytest.raises(AnalysisError, match="lack features"):
        load_model(str(stale))


def test_regime_can_depend_on_a_one_sided_negation():
    base = {"max_premise_tokens": None, "weights": [0.0] * len(FEATURES), "bias": 0.0, "threshold": 0.5}
    regimes = [{**base, "name": "neg", "negation": True}, {**base, "name": "plain", "negation": False}]
    m = PairModel.from_dict({"features": list(FEATURES), "regimes": regimes})
    assert m.regime_for(50, negation=True).name == "neg"
    assert m.regime_for(50, negation=False).name == "plain"


def test_regime_can_split_on_another_signal():
    base = {"max_premise_tokens": None, "weights": [0.0] * len(FEATURES), "bias": 0.0, "threshold": 0.5}
    regimes = [{**base, "name": "hneg", "negation": True, "split_on": "neg_h_only"}, {**base, "name": "plain"}]
    m = PairModel.from_dict({"features": list(FEATURES), "regimes": regimes})
    assert m.regime_for(50, values={"neg_h_only": 1.0, "neg_weak": 0.0}).name == "hneg"
    assert m.regime_for(50, values={"neg_h_only": 0.0, "neg_weak": 1.0}).name == "plain"
