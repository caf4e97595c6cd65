"""Hypothesis strategies for raw records (what producers could put on ``articles.raw``), shared by the unit fuzz
test of ``normalise`` (``tests/unit/streams/test_normalise_fuzz.py``) and the fuzz run through a real worker
(``tests/integration/pipeline/test_fuzz_worker.py``)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

__all__ = ["FUZZ", "GOOD", "SCALARS", "article_variants", "json_values", "mutated_articles", "random_bytes"]

FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# A valid article the mutations start from.
GOOD = {
    "id": "a-1",
    "url": "https://www.Example.com/news/1?utm_source=x&id=3",
    "source": "www.Example.com",
    "title": "Minister denies report",
    "text": "The minister said the bridge was closed.\n\nA spokesman denied it on Monday.",
    "published_at": "2024-10-21T10:00:00+02:00",
    "language": "en",
    "authors": ["A. Writer"],
}

SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=50)
)


def random_bytes(max_size: int = 512) -> st.SearchStrategy[bytes]:
    """Any bytes."""
    return st.binary(max_size=max_size)


def json_values() -> st.SearchStrategy[object]:
    """Any JSON value (NaN and infinities included, as Python's json writes them), nested a few levels."""
    return st.recursive(
        SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    )


_odd_text = st.text(
    alphabet=st.characters(codec=None, blacklist_categories=()),  # any code point, surrogates included
    max_size=40,
)


def _field_values(long_text_chars: int) -> st.SearchStrategy[object]:
    return (
        SCALARS
        | _odd_text
        | st.sampled_from(
            [
                "9999-12-31T23:59:59-01:00",
                "0001-01-01T00:00:00+14:00",
                "2024-02-30",
                "é" * 300,
                "x" * (long_text_chars + 1),
                "http://[::1",
                "https://exa mple.com/%zz",
                "\ud800",
                "",
                " ",
                "en-GB",
                "zz",
            ]
        )
        | st.lists(SCALARS | _odd_text, max_size=3)
        | json_values()
    )


def mutated_articles(base: dict | None = None, long_text_chars: int = 2_000) -> st.SearchStrategy[bytes]:
    """``base`` (default :data:`GOOD`) with 1-4 fields deleted or replaced by odd values, then maybe truncated or
    with one byte changed. ``long_text_chars``: one of the odd values is a text one character longer."""
    base = GOOD if base is None else base
    values = _field_values(long_text_chars)

    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        record: dict[str, object] = dict(base)
        for _ in range(draw(st.integers(1, 4))):
            field = draw(st.sampled_from([*base, "extra"]))
            if draw(st.booleans()) and field in record:
                del record[field]
            else:
                record[field] = draw(values)
        payload = json.dumps(record).encode()
        cut = draw(st.sampled_from(["none", "none", "truncate", "flip"]))
        if cut == "truncate":
            payload = payload[: draw(st.integers(0, len(payload)))]
        elif cut == "flip" and payload:
            i = draw(st.integers(0, len(payload) - 1))
            payload = payload[:i] + bytes([draw(st.integers(0, 255))]) + payload[i + 1 :]
        return payload

    return mutated()


def article_variants(base: dict | None = None) -> st.SearchStrategy[bytes]:
    """``base`` (default :data:`GOOD`) with a generated title and text (any letters, digits, punctuation and
    spaces, in any script, sometimes numbers and quotes): mostly valid articles with odd words, for the stages
    after ``normalise``."""
    base = GOOD if base is None else base
    chars = st.characters(categories=["L", "M", "N", "P", "Zs"], exclude_characters="\x00")
    word = st.text(chars, min_size=1, max_size=12)
    sentence = st.lists(word, min_size=1, max_size=15).map(lambda ws: " ".join(ws) + ".")
    text = st.lists(sentence, min_size=1, max_size=8).map(" ".join)
    return st.builds(
        lambda title, body: json.dumps({**base, "title": title, "text": body}).encode(),
        st.text(chars, max_size=60),
        text,
    )
