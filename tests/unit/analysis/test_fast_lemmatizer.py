"""``contraflow_lemmas`` sets exactly the lemmas the packaged rule ``lemmatizer`` sets, only faster."""

from __future__ import annotations

import pytest
import spacy

from analysis import load_nlp
from analysis.nlp import DEFAULT_MODEL

TEXTS = [
    "The ministers said on Tuesday that 1,200 workers were not losing their jobs; the unions disagreed.",
    "Shares of Holmvik Energy rose 2% to $14.50 in early trading, better than the analysts had expected.",
    "She has been running the biggest hospitals since 2019, and the children's wards are fuller than ever.",
    "Police officers didn't find the boats: two of them sank off the coast, the coast guard's reports show.",
]


@pytest.fixture(scope="module")
def both():
    fast = load_nlp()
    if "contraflow_lemmas" not in fast.pipe_names:
        pytest.skip("the pipeline has no rule lemmatizer to replace")
    packaged = spacy.load(DEFAULT_MODEL, exclude=["parser", "ner"])
    return fast, packaged


def test_the_packaged_lemmatizer_is_replaced(both):
    fast, _ = both
    assert "lemmatizer" not in fast.pipe_names


def test_same_lemmas_first_time_and_from_the_cache(both):
    fast, packaged = both
    expected = [[t.lemma_ for t in doc] for doc in packaged.pipe(TEXTS)]
    for _ in range(2):  # the second pass reads every lemma from the cache
        assert [[t.lemma_ for t in doc] for doc in fast.pipe(TEXTS)] == expected


def test_a_lemma_already_set_is_kept(both):
    fast, _ = both
    lemmas = fast.get_pipe("contraflow_lemmas")
    doc = fast.make_doc("The workers were striking.")
    for name, proc in fast.pipeline:
        if name == "contraflow_lemmas":
            break
        doc = proc(doc)
    doc[1].lemma_ = "staff"
    doc = lemmas(doc)
    assert [t.lemma_ for t in doc] == ["the", "staff", "be", "strike", "."]
