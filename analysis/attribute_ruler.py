"""A faster stand-in for the packaged ``attribute_ruler`` (``contraflow_attrs``), with the same result.

The packaged pipeline maps fine tags to POS and morphology, and fixes a few words, with a ``Matcher`` of 179
one-token patterns: a large share of the whole pipeline's time (docs/performance.md). Almost all of them test only a
token's tag and/or lower-case form, so they become dictionary lookups here. The rest (regexes, several tokens,
spaces, dependency labels) still go through a ``Matcher``: 22 patterns, or 9 for a doc without a parse. Rules apply
in the ruler's order (a later rule wins), as ``AttributeRuler.set_annotations`` does;
``tests/unit/analysis/test_attribute_ruler.py`` checks that both give the same tokens.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what AttributeRuler itself calls

from .errors import AnalysisError

__all__ = ["FastAttributeRuler"]


def _values(v: object) -> list[str] | None:
    """The strings a pattern value accepts (``"NN"`` or ``{"IN": [...]}``), or None for anything else."""
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict) and set(v) == {"IN"} and all(isinstance(x, str) for x in v["IN"]):
        return list(v["IN"])
    return None


class FastAttributeRuler:
    """Applies an ``AttributeRuler``'s rules: dictionary lookups for one-token TAG/LOWER rules, a Matcher else."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = list(ruler.attrs)
        self.by_tag: dict[str, list[int]] = defaultdict(list)
        self.by_lower: dict[str, list[int]] = defaultdict(list)
        self.by_both: dict[tuple[str, str], list[int]] = defaultdict(list)
        # The rest, twice: all of them for a parsed doc, and without the rules on dependency labels for a doc with
        # none (our pipeline has no parser), which they can never match (each needs a non-empty label).
        self.rest, self.rest_unparsed = Matcher(ruler.vocab), Matcher(ruler.vocab)
        self.rest_index: dict[str, int] = {}
        for rule in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(rule))
            for pattern in patterns:
                if not self._lookup(rule, pattern):
                    self.rest.add(str(rule), [pattern])
                    if not any("DEP" in token for token in pattern):
                        self.rest_unparsed.add(str(rule), [pattern])
                    self.rest_index[str(rule)] = ruler.indices[rule]

    def _lookup(self, rule: int, pattern: list[dict]) -> bool:
        if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= {"TAG", "LOWER"}:
            return False
        tags = _values(pattern[0]["TAG"]) if "TAG" in pattern[0] else [None]
        lowers = _values(pattern[0]["LOWER"]) if "LOWER" in pattern[0] else [None]
        if tags is None or lowers is None:
            return False
        for tag in tags:
            for lower in lowers:
                if tag is not None and lower is not None:
                    self.by_both[(lower, tag)].append(rule)
                elif tag is not None:
                    self.by_tag[tag].append(rule)
                elif lower is not None:
                    self.by_lower[lower].append(rule)
        return True

    def __call__(self, doc: Doc) -> Doc:
        hits: list[tuple[int, int]] = []  # (rule, token): rules apply in their order, a later one wins
        by_tag, by_lower, by_both = self.by_tag, self.by_lower, self.by_both
        for tok in doc:
            tag, lower, i = tok.tag_, tok.lower_, tok.i
            for rule in by_tag.get(tag, ()):
                hits.append((rule, i))
            for rule in by_lower.get(lower, ()):
                hits.append((rule, i))
            for rule in by_both.get((lower, tag), ()):
                hits.append((rule, i))
        strings = doc.vocab.strings
        rest = self.rest if doc.has_annotation("DEP") else self.rest_unparsed
        for match_id, start, end in rest(doc, allow_missing=True):
            key = strings[match_id]
            hits.append((int(key), doc[start:end][self.rest_index[key]].i))
        hits.sort()
        for rule, i in hits:
            set_token_attrs(doc[i], self.attrs[rule])
        return doc


@Language.factory("contraflow_attrs")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """Build from the pipeline's ``attribute_ruler`` (add this before removing that one)."""
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        raise AnalysisError(f"the pipeline's attribute_ruler is a {type(ruler).__name__}, not spaCy's AttributeRuler")
    return FastAttributeRuler(ruler)
