"""The pipeline multiplies on numpy's BLAS, one thread, with the same tags as thinc's default kernels."""

from __future__ import annotations

import pytest
import spacy
from threadpoolctl import threadpool_info

from analysis import load_nlp
from analysis.nlp import DEFAULT_MODEL

TEXTS = [
    "The ministers said on Tuesday that 1,200 workers were not losing their jobs; the unions disagreed.",
    "Police officers didn't find the boats: two of them sank off the coast, the coast guard's reports show.",
    "Shares of Holmvik Energy rose 2% to $14.50 in early trading, better than the analysts had expected.",
]


def test_every_layer_multiplies_without_blis():
    nlp = load_nlp()
    for name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        assert {getattr(layer.ops, "use_blis", False) for layer in model.walk()} == {False}, name


def test_blas_runs_one_thread_per_process():
    load_nlp()
    # numpy's own BLAS, the one thinc multiplies with (scipy, loaded by other tests, brings a second OpenBLAS)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas" and "numpy" in pool["filepath"]]
    if not blas:
        pytest.skip("numpy here is not linked to a BLAS shipped inside its wheel")
    assert {pool["num_threads"] for pool in blas} == {1}


def test_same_tags_and_sentences_as_the_default_kernels():
    fast = load_nlp()
    packaged = spacy.load(DEFAULT_MODEL, exclude=["parser", "ner"])  # thinc's default ops: its BLIS kernels
    packaged.enable_pipe("senter")
    assert any(getattr(layer.ops, "use_blis", False) for layer in packaged.get_pipe("tok2vec").model.walk())
    expected = [[(t.tag_, t.is_sent_start) for t in doc] for doc in packaged.pipe(TEXTS)]
    assert [[(t.tag_, t.is_sent_start) for t in doc] for doc in fast.pipe(TEXTS)] == expected
