"""The shipped combiner is what `contraflow train-engine` fits from the shared train data (a retrain reproduces it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
SHIPPED = ROOT / "analysis" / "kinds" / "model.json"

pytestmark = pytest.mark.quality


def _flat(values: list) -> list[float]:
    return [x for v in values for x in (_flat(v) if isinstance(v, list) else [v])]


def test_retrain_reproduces_the_shipped_model(tmp_path):
    if not (DATA / "news-cases-train.jsonl").exists():
        pytest.skip("shared train cases not available")
    out = tmp_path / "model.json"
    cmd = str(Path(sys.executable).with_name("contraflow"))
    run = subprocess.run(
        [cmd, "train-engine", "--train", str(DATA / "news-cases-train.jsonl"),
         "--real", str(DATA / "news-cases-real-train.jsonl"), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    fitted, shipped = json.loads(out.read_text()), json.loads(SHIPPED.read_text())
    assert fitted["features"] == shipped["features"] and fitted["classes"] == shipped["classes"]
    assert fitted["cv"] == shipped["cv"]
    for key in ("coef", "intercept", "mean", "scale"):
        assert _flat(fitted[key]) == pytest.approx(_flat(shipped[key]), abs=1e-4), key
    assert fitted["shift"] == pytest.approx(shipped["shift"], abs=1e-6)


def test_refit_reproduces_the_shipped_claim_linker(nlp):
    # The claim linker reads the same pair features as the combiner: a change to them needs a refit of both
    # (`python -m analysis.ledger.train`), or the shipped linker weighs features that no longer mean what it saw.
    from analysis.kinds.train import load_cases
    from analysis.ledger.train import build_examples, fit

    paths = [DATA / "news-cases-train.jsonl", DATA / "news-cases-real-train.jsonl"]
    if not all(p.exists() for p in paths):
        pytest.skip("shared train cases not available")
    cases = [case for p in paths for case in load_cases(str(p))]
    fitted = fit(build_examples(cases, nlp))
    shipped = json.loads((ROOT / "analysis" / "ledger" / "model.json").read_text(encoding="utf-8"))
    assert fitted["features"] == shipped["features"]
    assert fitted["cv"] == shipped["cv"]
    for key in ("coef", "mean", "scale"):
        assert _flat(fitted[key]) == pytest.approx(_flat(shipped[key]), abs=1e-4), key
    assert fitted["intercept"] == pytest.approx(shipped["intercept"], abs=1e-4)
