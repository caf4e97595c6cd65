"""A faster stand-in for the packaged rule ``lemmatizer`` (``contraflow_lemmas``), with the same lemmas.

spaCy's rule lemmatizer caches its answer per (word, POS, morphology), but not the commonest one: a token already in
its base form (a singular noun, an infinitive, a positive adjective) is worked out again every time; each token is
read through a ``Token`` object; a new word's candidate forms are looked up in lists of up to 57,000 words.
Here the three keys of every token come out of the doc in one ``to_array`` call, every answer is cached, the word
lists are sets, and the lemmas go back in one ``from_array``; a key seen for the first time asks the packaged
lemmatizer's own ``lemmatize``, so the lemmas are its own.
``tests/unit/analysis/test_fast_lemmatizer.py`` checks that both give the same lemmas.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from .errors import AnalysisError

__all__ = ["FastLemmatizer"]

# Keys cached before the cache is emptied: a few hundred thousand words and tags, a few tens of MB.
_MAX_CACHED = 1 << 19


class FastLemmatizer:
    """Sets the lemmas the wrapped rule ``Lemmatizer`` would set, from a cache of its answers."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule":
            raise AnalysisError(f"the pipeline's lemmatizer is in {lemmatizer.mode!r} mode, not 'rule'")
        self.lemmatizer = lemmatizer
        # Its word lists for each POS are Python lists, searched in full for every candidate form of a new word;
        # as sets they answer the same in one lookup. The packaged lemmatizer is no longer in the pipeline (its
        # tables are not saved with it), and its tables are replaced, not changed.
        lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                table = Table(name=name, data={pos: frozenset(words) for pos, words in table.items()})
            lookups.set_table(name, table)
        lemmatizer.lookups = lookups
        self.overwrite = bool(lemmatizer.overwrite)
        self._lemma_of: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        cache = self._lemma_of
        if len(cache) > _MAX_CACHED:
            cache.clear()
        strings = doc.vocab.strings
        lemmatize = self.lemmatizer.lemmatize
        overwrite = self.overwrite
        lemmas = rows[:, 3].tolist()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma != 0 and not overwrite:
                continue
            key = (orth, pos, morph)
            new = cache.get(key)
            if new is None:
                new = cache[key] = strings.add(lemmatize(doc[i])[0])
            if new != lemma:
                lemmas[i] = new
                changed = True
        if changed:
            column: Any = np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1)
            doc.from_array(["LEMMA"], column)
        return doc


@Language.factory("contraflow_lemmas")
def make_fast_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    """Build from the pipeline's ``lemmatizer`` (add this before removing that one)."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise AnalysisError(f"the pipeline's lemmatizer is a {type(lemmatizer).__name__}, not spaCy's Lemmatizer")
    return FastLemmatizer(lemmatizer)
