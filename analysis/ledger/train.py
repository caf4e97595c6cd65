"""Fit the claim linker on the labelled news cases: ``python -m analysis.ledger.train [TRAIN REAL_TRAIN]``.

Every pair of a case's statements that :func:`analysis.ledger.link_candidates` offers (with a generous budget)
is one example. Positive: an expected contradiction pair, or a trap pair that states the same thing in other
words (``paraphrase``, ``approximation``, ``compatible``, ``same_number``). Negative: a trap about another thing
(``different_entity``, ``different_event``, ``different_place``, ``different_time``, ``different_metric``) or a
modal claim, and, weighing ``OTHER_WEIGHT``, every other pair of the case (mostly different things, but not
labelled). scikit-learn is needed here only; the same inputs give the same file.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from ..blocking import InMemoryCandidateIndex, profile
from ..kinds.features import FEATURE_NAMES, pair_features
from ..kinds.train import extract_cases, find_statement
from .link import link_candidates

__all__ = ["C", "OTHER_WEIGHT", "THRESHOLD", "build_examples", "fit", "main"]

log = logging.getLogger(__name__)

SAME = frozenset({"paraphrase", "approximation", "compatible", "same_number"})
OTHER = frozenset({"different_entity", "different_event", "different_place", "different_time", "different_metric",
                   "modal"})  # fmt: skip
# Chosen on the train cases (grouped by case, union-find over the links, 5 folds): unlabelled pairs at 0.2 and a
# link from probability 0.6 put 40 % of the expected pairs in one claim for 14 % of the different-thing traps;
# unlabelled pairs at 1.0 gave 30-34 % for 8-12 %, at 0.05 56 % for 26 % with components of hundreds of
# statements on the real clusters (docs/quality.md).
OTHER_WEIGHT = 0.2
THRESHOLD = 0.6
C = 0.5
LABELLED_WEIGHT = 3.0
_TRAIN_BUDGET = 50


def build_examples(cases: list[dict[str, Any]], nlp: Any) -> list[tuple[str, tuple[float, ...], int, float]]:
    """(case, features, label, weight) of every pair the linker is offered in each case."""
    out = []
    for case in cases:
        found = extract_cases([case], nlp)
        labels: dict[frozenset[str], int] = {}
        for kind, gold in [("expected", g) for g in case["expected"]] + [(g["kind"], g) for g in case["forbidden"]]:
            sides = [find_statement(*found[g["article"]], g["quote"]) for g in (gold["a"], gold["b"])]
            if sides[0] is None or sides[1] is None or sides[0].id == sides[1].id:
                continue
            pair = frozenset((sides[0].id, sides[1].id))
            if kind == "expected" or kind in SAME:
                labels.setdefault(pair, 1)
            elif kind in OTHER:
                labels[pair] = 0
        index = InMemoryCandidateIndex()
        for _article, statements in found.values():
            for s in statements:
                mine = profile(s, with_blocking=True)
                blocks = [(k, index.block(k)) for k in sorted(mine.blocking or ())]
                for other in link_candidates(mine, blocks, max_candidates=800, budget=_TRAIN_BUDGET):
                    pair = frozenset((other.id, s.id))
                    row, *_ = pair_features(other.statement, s)
                    label = labels.get(pair)
                    out.append((case["case"], row, label or 0, OTHER_WEIGHT if label is None else LABELLED_WEIGHT))
                index.add(s, mine)
    return out


def fit(examples: list[tuple[str, tuple[float, ...], int, float]], folds: int = 5) -> dict[str, Any]:
    """The fitted linker as ``analysis.ledger.LinkModel`` reads it, with grouped pair-level CV at ``THRESHOLD``."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x = np.array([e[1] for e in examples], dtype=float)
    y = np.array([e[2] for e in examples])
    w = np.array([e[3] for e in examples])
    groups = np.array([e[0] for e in examples])

    def model() -> Any:
        return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000))

    p = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=folds).split(x, y, groups):
        p[te] = model().fit(x[tr], y[tr], logisticregression__sample_weight=w[tr]).predict_proba(x[te])[:, 1]
    pred = p >= THRESHOLD
    tp = int((pred & (y == 1)).sum())
    final = model().fit(x, y, logisticregression__sample_weight=w)
    scaler, lr = final[0], final[1]
    return {
        "features": list(FEATURE_NAMES),
        "coef": [round(float(v), 6) for v in lr.coef_[0]],
        "intercept": round(float(lr.intercept_[0]), 6),
        "mean": [round(float(m), 6) for m in scaler.mean_],
        "scale": [round(float(s), 6) if s > 0 else 1.0 for s in scaler.scale_],
        "threshold": THRESHOLD,
        "C": C,
        "other_weight": OTHER_WEIGHT,
        "cv": {
            "folds": folds,
            "pairs": len(y),
            "positives": int((y == 1).sum()),
            "precision": round(tp / max(1, int(pred.sum())), 3),
            "recall": round(tp / max(1, int((y == 1).sum())), 3),
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Fit on TRAIN and REAL_TRAIN (default: the shared data) and write this package's model.json."""
    from ..nlp import load_nlp

    args = list(sys.argv[1:] if argv is None else argv)
    paths = args or ["../shared/data/news-cases-train.jsonl", "../shared/data/news-cases-real-train.jsonl"]
    cases = [json.loads(line) for path in paths for line in Path(path).read_text(encoding="utf-8").splitlines()
             if line.strip()]  # fmt: skip
    examples = build_examples(cases, load_nlp())
    model = fit(examples)
    target = Path(__file__).with_name("model.json")
    target.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target}: {model['cv']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
