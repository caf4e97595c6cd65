"""``contraflow_attrs`` sets exactly what the packaged ``attribute_ruler`` sets, only faster."""

from __future__ import annotations

import pytest
import spacy

from analysis import load_nlp
from analysis.nlp import DEFAULT_MODEL

TEXTS = [
    "The minister said on Tuesday that 1,200 workers ain't gonna lose their jobs, and y'all know it.",
    "Let's be clear: nothin' was decided, the union's spokeswoman told reporters.\n\n  She added: 'It isn't over.'",
    "Shares of Holmvik Energy rose 2% to $14.50 in early trading; analysts had expected a fall.",
    "Police said it was the second attack this year. I don't think they did it, he said, and you can't say so.",
    "C'mon, there were 3 boats — two of them sank off the coast, the coast guard's report shows.",
]


@pytest.fixture(scope="module")
def both():
    fast = load_nlp()
    if "contraflow_attrs" not in fast.pipe_names:
        pytest.skip("the pipeline has no attribute_ruler to replace")
    packaged = spacy.load(DEFAULT_MODEL, exclude=["parser", "ner"])
    return fast, packaged


def test_the_packaged_ruler_is_replaced(both):
    fast, _ = both
    assert "attribute_ruler" not in fast.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_tags_morphology_and_lemmas(both, text):
    fast, packaged = both
    # the packaged pipeline up to its ruler and lemmatizer, against ours (sentences and names aside)
    a = packaged(text)
    b = fast(text)
    assert [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in a] == [
        (t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in b
    ]
