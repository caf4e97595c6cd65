"""Property-based fuzzing of the raw-record path: whatever the bytes, ``normalise`` classifies them.

Every generated record either becomes an ``Article`` (whose JSON, the message ``normalise`` sends on, parses back
to it) or raises ``RawRecordError`` with a dead-letter reason: never any other exception, which would crash the
agent. 4,000 random byte strings + 3,000 random JSON documents + 4,000 mutated valid articles = 11,000 records.
"""

from __future__ import annotations

import json
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import Article, DeadLetterReason
from streams.agents.normalize import RawRecordError, normalise_record

REASONS = set(get_args(DeadLetterReason))
MAX_TEXT_CHARS = 2_000  # small, so generated texts cross it
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _check(payload: bytes) -> None:
    try:
        article, value = normalise_record(payload, max_text_chars=MAX_TEXT_CHARS)
    except RawRecordError as exc:
        assert exc.reason in REASONS, exc.reason
        assert str(exc)
        return
    assert isinstance(article, Article)
    assert Article.model_validate_json(value) == article
    assert len(article.id.encode()) <= 488


@settings(FUZZ, max_examples=4_000)
@given(st.binary(max_size=512))
def test_random_bytes(payload: bytes) -> None:
    _check(payload)


_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=50)
)
_json = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
)


@settings(FUZZ, max_examples=3_000)
@given(_json)
def test_random_json(value: object) -> None:
    _check(json.dumps(value).encode())


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

_odd_text = st.text(
    alphabet=st.characters(codec=None, blacklist_categories=()),  # any code point, surrogates included
    max_size=40,
)
_field_values = (
    _scalars
    | _odd_text
    | st.sampled_from(
        [
            "9999-12-31T23:59:59-01:00",
            "0001-01-01T00:00:00+14:00",
            "2024-02-30",
            "é" * 300,
            "x" * (MAX_TEXT_CHARS + 1),
            "http://[::1",
            "https://exa mple.com/%zz",
            "\ud800",
            "",
            " ",
            "en-GB",
            "zz",
        ]
    )
    | st.lists(_scalars | _odd_text, max_size=3)
    | _json
)


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    record: dict[str, object] = dict(GOOD)
    for _ in range(draw(st.integers(1, 4))):
        field = draw(st.sampled_from([*GOOD, "extra"]))
        if draw(st.booleans()) and field in record:
            del record[field]
        else:
            record[field] = draw(_field_values)
    payload = json.dumps(record).encode()
    cut = draw(st.sampled_from(["none", "none", "truncate", "flip"]))
    if cut == "truncate":
        payload = payload[: draw(st.integers(0, len(payload)))]
    elif cut == "flip" and payload:
        i = draw(st.integers(0, len(payload) - 1))
        payload = payload[:i] + bytes([draw(st.integers(0, 255))]) + payload[i + 1 :]
    return payload


@settings(FUZZ, max_examples=4_000)
@given(_mutated())
def test_mutated_articles(payload: bytes) -> None:
    _check(payload)


def test_the_unmutated_article_is_accepted() -> None:
    article, _ = normalise_record(json.dumps(GOOD).encode(), max_text_chars=MAX_TEXT_CHARS)
    assert article.source == "example.com" and article.id == "a-1"
