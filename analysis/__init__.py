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

from .blocking import CandidateIndex, InMemoryCandidateIndex, blocking_keys
from .detect import detect
from .extract import extract_many, extract_statements
from .judge import judge_statements
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
