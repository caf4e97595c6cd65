"""A faster stand-in for the packaged ``attribute_ruler`` (``contraflow_attrs``), with the same result.

The packaged pipeline maps fine tags to POS and morphology, and fixes a few words, with a ``Matcher`` of 179
one-token patterns: a large share of the whole pipeline's time (docs/performance.md). Almost all of them test only a
token's tag and/or lower-case form, so they become dictionary lookups here. The rest (regexes, several tokens,
spaces, dependency labels) still go through a ``Matcher``: 22 patterns, or 9 for a doc without a parse. Rules apply
in the ruler's order (a later rule wins), as ``AttributeRuler.set_annotations`` does, on the token fields read and
written in one ``to_array`` / ``from_array`` pass rather than token by token (writing token by token was over half of
this step's time);
``tests/unit/analysis/test_attribute_ruler.py`` checks that both give the same tokens.
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what AttributeRuler itself calls

from .errors import AnalysisError

__all__ = ["FastAttributeRuler"]

# Token fields a rule may set that ``Doc.from_array`` sets the same way as ``set_token_attrs`` (no lexeme field).
_IDS: dict[str, int] = importlib.import_module("spacy.attrs").IDS  # spacy.attrs has no type stubs
_COLUMN_ATTRS = frozenset(_IDS[name] for name in ("LEMMA", "POS", "TAG", "DEP", "MORPH"))


def _values(v: object) -> list[str] | None:
    """The strings a pattern value accepts (``"NN"`` or ``{"IN": [...]}``), or None for anything else."""
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict) and set(v) == {"IN"} and all(isinstance(x, str) for x in v["IN"]):
        return list(v["IN"])
    return None


# Columns of ``Doc.to_array(["TAG", "LOWER", "IS_SPACE"])`` a fixed pattern's token may test.
_FIELDS = {"TAG": 0, "LOWER": 1, "IS_SPACE": 2}


def _fixed(pattern: list[dict]) -> list[list[tuple[int, str, Any]]] | None:
    """A pattern of tokens that each test only TAG, LOWER (a string, ``IN`` or ``REGEX``) and IS_SPACE, whose first
    token names its tags or forms or asks for a space, as checks on ``_FIELDS`` columns; None for any other."""
    specs: list[list[tuple[int, str, Any]]] = []
    for token in pattern:
        if not token or not set(token) <= set(_FIELDS):
            return None
        checks: list[tuple[int, str, Any]] = []
        for name, value in token.items():
            field = _FIELDS[name]
            if name == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                checks.append((field, "flag", int(value)))
            elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
                checks.append((field, "regex", re.compile(value["REGEX"])))
            else:
                values = _values(value)
                if values is None:
                    return None
                checks.append((field, "in", frozenset(get_string_id(v) for v in values)))
        specs.append(checks)
    if not any(kind == "in" or (kind == "flag" and value) for _, kind, value in specs[0]):
        return None  # nothing to find its first token by: left to the Matcher
    return specs


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
        # Fixed-length patterns on tags, lower-case forms and spaces, checked here for a doc with no parse: the
        # Matcher was about half of this step's time for the few such rules ("gon na", "y' all", spaces).
        self.fixed: list[tuple[int, int, list[list[tuple[int, str, Any]]]]] = []  # (rule, token index, specs)
        for rule in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(rule))
            for pattern in patterns:
                if not self._lookup(rule, pattern):
                    self.rest.add(str(rule), [pattern])
                    specs = _fixed(pattern)
                    if specs is not None:
                        self.fixed.append((rule, ruler.indices[rule], specs))
                    elif not any("DEP" in token for token in pattern):
                        self.rest_unparsed.add(str(rule), [pattern])
                    self.rest_index[str(rule)] = ruler.indices[rule]
        self._keyed()

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

    def _keyed(self) -> None:
        """The lookups by string hash (what ``Doc.to_array`` gives), and each rule's values by column."""
        self.by_tag_id = {get_string_id(tag): rules for tag, rules in self.by_tag.items()}
        self.by_lower_id = {get_string_id(lower): rules for lower, rules in self.by_lower.items()}
        self.by_both_id = {
            (get_string_id(lower), get_string_id(tag)): rules for (lower, tag), rules in self.by_both.items()
        }
        # each fixed pattern under its first token's tag, form or space: what the pass over the tokens looks up
        self.fixed_by_tag: dict[int, list[int]] = defaultdict(list)
        self.fixed_by_lower: dict[int, list[int]] = defaultdict(list)
        self.fixed_on_space: list[int] = []
        for k, (_, _, specs) in enumerate(self.fixed):
            field, kind, value = next(c for c in specs[0] if c[1] == "in" or (c[1] == "flag" and c[2]))
            if kind == "flag":
                self.fixed_on_space.append(k)
            else:
                for v in value:
                    (self.fixed_by_tag if field == 0 else self.fixed_by_lower)[v].append(k)
        # A rule that sets something other than token fields (extension attributes, or NORM, which
        # ``set_token_attrs`` treats apart) keeps the packaged way of setting it, for every doc.
        names = sorted({name for attrs in self.attrs for name in attrs})
        self.columns: list[int | str] | None = None
        if all(isinstance(name, int) and name in _COLUMN_ATTRS for name in names):
            self.columns = list(names)
            at = {name: k for k, name in enumerate(names)}
            self.values = [[(at[name], value) for name, value in attrs.items()] for attrs in self.attrs]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        hits: list[tuple[int, int]] = []  # (rule, token): rules apply in their order, a later one wins
        by_tag, by_lower, by_both = self.by_tag_id, self.by_lower_id, self.by_both_id
        parsed = doc.has_annotation("DEP")
        fixed_by_tag, fixed_by_lower = self.fixed_by_tag, self.fixed_by_lower
        on_space = () if parsed else self.fixed_on_space
        starts: list[tuple[int, int]] = []  # (fixed pattern, token its first token may be)
        rows = doc.to_array(["TAG", "LOWER", "IS_SPACE"]).tolist()
        for i, (tag, lower, space) in enumerate(rows):
            for rule in by_tag.get(tag, ()):
                hits.append((rule, i))
            for rule in by_lower.get(lower, ()):
                hits.append((rule, i))
            for rule in by_both.get((lower, tag), ()):
                hits.append((rule, i))
            if not parsed:
                for k in fixed_by_tag.get(tag, ()):
                    starts.append((k, i))
                for k in fixed_by_lower.get(lower, ()):
                    starts.append((k, i))
                if space:
                    for k in on_space:
                        starts.append((k, i))
        strings = doc.vocab.strings
        for k, i in starts:
            rule, at, specs = self.fixed[k]
            if i + len(specs) <= len(rows) and all(
                _holds(check, rows[i + j], strings) for j, checks in enumerate(specs) for check in checks
            ):
                hits.append((rule, i + at if at >= 0 else i + len(specs) + at))
        rest = self.rest if parsed else self.rest_unparsed
        for match_id, start, end in rest(doc, allow_missing=True):
            key = strings[match_id]
            hits.append((int(key), doc[start:end][self.rest_index[key]].i))
        hits = sorted(set(hits))  # a pattern found twice (two patterns of one rule) sets the same values twice
        if self.columns is None:
            for rule, i in hits:
                set_token_attrs(doc[i], self.attrs[rule])
            return doc
        # the same fields set in one pass over an array: what ``set_token_attrs`` sets, token by token
        table: Any = doc.to_array(self.columns)
        values = self.values
        for rule, i in hits:
            row = table[i]
            for column, value in values[rule]:
                row[column] = value
        doc.from_array(self.columns, table)
        return doc


def _holds(check: tuple[int, str, Any], row: list[int], strings: Any) -> bool:
    field, kind, value = check
    if kind == "in":
        return row[field] in value
    if kind == "flag":
        return row[field] == value
    return bool(value.search(strings[row[field]]))


@Language.factory("contraflow_attrs")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """Build from the pipeline's ``attribute_ruler`` (add this before removing that one)."""
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        raise AnalysisError(f"the pipeline's attribute_ruler is a {type(ruler).__name__}, not spaCy's AttributeRuler")
    return FastAttributeRuler(ruler)
