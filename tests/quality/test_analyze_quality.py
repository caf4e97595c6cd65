"""Quality floor: `contraflow analyze` on the shared hand-labelled news cases (dev set).

Runs the shared scorer in --batch mode and fails if F1 drops below the floor, traps rise, or attribution falls.
Reached when the floor was set (dev set): P=1.00 R=0.81 F1=0.89 traps=0/82 attribution=1.00 (now R=0.83 F1=0.91).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_cases.py"
CASES = SHARED / "data" / "news-cases-dev.jsonl"

F1_FLOOR = 0.87
MAX_TRAPS = 2
ATTRIBUTION_FLOOR = 0.9

pytestmark = pytest.mark.quality


def test_dev_cases_quality_floor():
    if not SCORER.exists() or not CASES.exists():
        pytest.skip("shared scorer or dev cases not available")
    cmd = str(Path(sys.executable).with_name("contraflow"))
    env = {**os.environ, "CONTRAFLOW_CMD": cmd}
    run = subprocess.run(
        [sys.executable, str(SCORER), str(CASES), "--batch"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    summary = run.stdout.strip().splitlines()[-1]
    m = re.search(r"F1=([\d.]+) traps=(\d+)/\d+ attribution=([\d.]+)", summary)
    assert m, f"unexpected scorer output: {summary!r}\n{run.stderr[-2000:]}"
    f1, traps, attribution = float(m.group(1)), int(m.group(2)), float(m.group(3))
    assert f1 >= F1_FLOOR, summary
    assert traps <= MAX_TRAPS, summary
    assert attribution >= ATTRIBUTION_FLOOR, summary
