"""Find the series names a PromQL expression selects, to check them against the code's metrics.

A tiny tokenizer, not a full PromQL parser: it drops strings, label matchers ``{...}``, range and
subquery brackets ``[...]``, grouping clauses ``by (...)`` / ``on (...)``, function calls, keywords
and numbers; every identifier left is a series name.
"""

from __future__ import annotations

import re

from prometheus_client import CollectorRegistry

HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
# Series Prometheus itself provides that rules and panels may use.
BUILTIN_SERIES = frozenset({"up"})
_KEYWORDS = frozenset(
    {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset"}
    | {"inf", "nan", "atan2"}
)

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_BRACES = re.compile(r"\{[^{}]*\}")
_BRACKETS = re.compile(r"\[[^\[\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")
_FUNCTION = re.compile(r"\b[a-zA-Z_][a-zA-Z0-9_]*\s*(?=\()")
_IDENT = re.compile(r"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")


def series_names(expr: str) -> set[str]:
    """Series (metric) names selected by a PromQL expression."""
    text = _STRING.sub(" ", expr)
    text = _BRACES.sub(" ", text)
    text = _BRACKETS.sub(" ", text)
    text = _GROUPING.sub(" ", text)
    text = _FUNCTION.sub(" ", text)
    # Durations/numbers like 5m or 1e3 start with a digit, so _IDENT never matches them.
    return {name for name in _IDENT.findall(text) if name.lower() not in _KEYWORDS}


def allowed_series(metric_names: frozenset[str], registry: CollectorRegistry) -> frozenset[str]:
    """``metric_names`` plus ``_bucket/_sum/_count`` of those that are histograms in ``registry``."""
    histograms = {m.name for m in registry.collect() if m.type == "histogram"}
    extra = {h + s for h in histograms & metric_names for s in HISTOGRAM_SUFFIXES}
    return frozenset(metric_names | extra | BUILTIN_SERIES)
