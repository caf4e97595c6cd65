"""Quality floor: `contraflow judge` on the shared sentence-pair dev sets, scored by the shared scorer.

Fails when a set's contradiction-class F1 (or accuracy, for the two-way negated-RTE2 set) drops below a floor
set a little under what the shipped weights reached (see docs/quality.md for the full table and the CV numbers).
The judge runs once per set through the real CLI, as a user would run it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_pairs.py"
PAIRS = SHARED / "data" / "pairs"

# set -> (metric, floor). Reached when set (shipped weights / 5-fold CV): SICK F1 0.884/0.882,
# RTE-3 F1 0.333/0.327, negated-RTE2 accuracy 0.645/0.628, FNC-1 F1 0.501/0.496.
FLOORS = {
    "sick-train-trial": ("f1", 0.87),
    "rte3-dev-3way": ("f1", 0.31),
    "negated-rte2-and-real-life": ("acc", 0.63),
    "fnc1-train-sample": ("f1", 0.48),
}

pytestmark = pytest.mark.quality


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_pair_set_quality_floor(name, tmp_path):
    gold = PAIRS / f"{name}.jsonl"
    if not SCORER.exists() or not gold.exists():
        pytest.skip("shared scorer or pair set not available")
    pred = tmp_path / "pred.jsonl"
    cmd = str(Path(sys.executable).with_name("contraflow"))
    with pred.open("w") as fh:
        run = subprocess.run([cmd, "judge", str(gold)], cwd=ROOT, stdout=fh, stderr=subprocess.PIPE, text=True,
                             timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    score = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)], capture_output=True, text=True)
    summary = score.stdout.strip().splitlines()[-1]
    m = re.search(r"P=([\d.]+) R=([\d.]+) F1=([\d.]+).*unanswered=(\d+)", summary)
    assert m, f"unexpected scorer output: {summary!r}"
    assert int(m.group(4)) == 0, summary
    labels = {r["id"]: r["label"] == "contradiction" for r in map(json.loads, gold.read_text().splitlines())}
    verdicts = {r["id"]: r["contradiction"] for r in map(json.loads, pred.read_text().splitlines())}
    accuracy = sum(labels[i] == verdicts.get(i) for i in labels) / len(labels)
    metric, floor = FLOORS[name]
    value = float(m.group(3)) if metric == "f1" else accuracy
    assert value >= floor, f"{name}: {metric}={value:.3f} fell below the floor {floor} ({summary} acc={accuracy:.3f})"
