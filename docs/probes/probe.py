"""Judge hand-written probe pairs, one file per kind: ``python docs/probes/probe.py docs/probes/*.txt``.

Each line of a probe file is ``CLAIM || ANSWER``: two one-sentence articles of two outlets, a day apart, written
for a kind (not taken from any case file). For each pair it prints whether the engine reports it, the combiner's
score and kind, whether a hand rule recognised it, and the two claims' keys: a quick look at how the engine reads
wording of one's own, next to the scored case files (docs/quality.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis import extract_many, load_nlp
from analysis.judge import judge_statements
from analysis.kinds.combiner import judge_pair, load_model
from analysis.kinds.features import pair_features
from analysis.normalize import normalize_article
from schemas import ArticleIn


def main(paths: list[str]) -> int:
    nlp, model = load_nlp(), load_model()
    for path in paths:
        lines = [line.split(" || ") for line in Path(path).read_text(encoding="utf-8").splitlines() if " || " in line]
        articles = [
            normalize_article(
                ArticleIn(
                    id=f"p{k}{side}",
                    source=f"{side}{k}.example",
                    text=text,
                    title="",
                    published_at="2025-05-14" if side == "a" else "2025-05-15",
                )  # fmt: skip
            )
            for k, pair in enumerate(lines)
            for side, text in zip("ab", pair, strict=True)
        ]
        found = extract_many(articles, nlp)
        hits = 0
        for k in range(len(lines)):
            first, second = found[2 * k], found[2 * k + 1]
            if not first or not second:
                print(f"{k:2d} no statement extracted")
                continue
            a, b = first[0], second[0]
            score, kind = model.score(pair_features(a, b)[0])
            c = judge_pair(a, b)
            hits += c is not None
            print(f"{k:2d} {'found ' + c.kind if c else 'missed':16s} score {score:.2f} ({kind}) "
                  f"rule {judge_statements(a, b) is not None!s:5s} {a.claim.keys} / {b.claim.keys}")  # fmt: skip
        print(f"{Path(path).name}: {hits}/{len(lines)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
