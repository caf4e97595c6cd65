"""Shared fixtures for the engine's unit tests: statements of texts and a pair finder (``nlp``: tests/conftest.py)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from analysis import InMemoryCandidateIndex, detect, extract_many
from analysis.normalize import normalize_article
from schemas import ArticleIn, Contradiction, Statement

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def statements(nlp):
    """statements(text, ...) -> list of Statement lists, one article per text (same outlet date)."""

    def run(*texts: str, published_at: str = "2025-05-14") -> list[list[Statement]]:
        arts = [
            normalize_article(
                ArticleIn(id=f"t{k}", source=f"outlet{k}.example", text=t, published_at=published_at, title="")
            )
            for k, t in enumerate(texts)
        ]
        return extract_many(arts, nlp)

    return run


@pytest.fixture(scope="session")
def pairs(statements):
    """pairs(text, ...) -> contradictions found across and within the given one-article texts."""

    def run(*texts: str, published_at: str = "2025-05-14") -> list[Contradiction]:
        index = InMemoryCandidateIndex()
        found: list[Contradiction] = []
        for sts in statements(*texts, published_at=published_at):
            for s in sts:
                found.extend(detect(s, index))
                index.add(s)
        return found

    return run


@pytest.fixture(scope="session")
def seed_and_corpus(nlp):
    """seed_and_corpus(n) -> statements of the seed article and the first ``n`` shared corpus articles, in order."""
    files = [DATA / "seed" / "censor-net-2024-10-21.jsonl", DATA / "news" / "giveme5w1h-news-cluster.jsonl"]
    if not all(f.exists() for f in files):
        pytest.skip(f"shared data not found under {DATA}")

    @cache
    def run(n: int) -> list[Statement]:
        lines = files[0].read_text().splitlines() + files[1].read_text().splitlines()[:n]
        articles = [normalize_article(ArticleIn(**json.loads(line))) for line in lines]
        return [s for per in extract_many(articles, nlp) for s in per]

    return run
