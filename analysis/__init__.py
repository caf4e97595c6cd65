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

from importlib import import_module
from typing import TYPE_CHECKING, Any

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
    "CandidateIndex": (".blocking", "CandidateIndex"),
    "InMemoryCandidateIndex": (".blocking", "InMemoryCandidateIndex"),
    "blocking_keys": (".blocking", "blocking_keys"),
    "detect": (".detection", "detect"),
    "extract_many": (".extract", "extract_many"),
    "extract_statements": (".extract", "extract_statements"),
    "judge_statements": (".kinds.combiner", "judge_pair"),
    "load_nlp": (".nlp", "load_nlp"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module, __name__), attr)
    globals()[name] = value
    return value
