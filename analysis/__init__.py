"""The contradiction engine: pure functions from articles to statements to contradictions.

No Kafka, no Elasticsearch, no global state (the spaCy pipeline is cached per model name).

    from analysis import load_nlp, extract_many, InMemoryCandidateIndex, detect
    nlp = load_nlp()
    index = InMemoryCandidateIndex()
    for statements in extract_many(articles, nlp):
        for s in statements:
            for c in detect(s, index):
                print(c.kind, c.score, c.explanation)
            index.add(s)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemas.lazy import lazy_exports

if TYPE_CHECKING:
    from .blocking import CandidateIndex, InMemoryCandidateIndex, blocking_keys
    from .detection import detect
    from .extract import extract_many, extract_statements
    from .kinds.combiner import judge_pair as judge_statements
    from .nlp import load_nlp

__all__ = [
    "CandidateIndex",
    "InMemoryCandidateIndex",
    "blocking_keys",
    "detect",
    "extract_many",
    "extract_statements",
    "judge_statements",
    "load_nlp",
]

# Loaded on first use (PEP 562): importing ``analysis.settings`` or ``analysis.errors`` must not load spaCy.
_LAZY = {
    "CandidateIndex": "blocking",
    "InMemoryCandidateIndex": "blocking",
    "blocking_keys": "blocking",
    "detect": "detection",
    "extract_many": "extract",
    "extract_statements": "extract",
    "judge_statements": "kinds.combiner:judge_pair",
    "load_nlp": "nlp",
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
