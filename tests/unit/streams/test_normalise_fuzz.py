"""Property-based fuzzing of the raw-record path: whatever the bytes, ``normalise`` classifies them.

Every generated record either becomes an ``Article`` (whose JSON, the message ``normalise`` sends on, parses back
to it) or raises ``RawRecordError`` with a dead-letter reason: never any other exception, which would crash the
agent. 4,000 random byte strings + 3,000 random JSON documents + 4,000 mutated valid articles = 11,000 records.
"""

from __future__ import annotations

import json
from typing import get_args

from fuzz_records import FUZZ, GOOD, json_values, mutated_articles, random_bytes
from hypothesis import given, settings

from schemas import Article, DeadLetterReason
from streams.agents.normalise import RawRecordError, normalise_record

REASONS = set(get_args(DeadLetterReason))
MAX_TEXT_CHARS = 2_000  # small, so generated texts cross it


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
@given(random_bytes())
def test_random_bytes(payload: bytes) -> None:
    _check(payload)


@settings(FUZZ, max_examples=3_000)
@given(json_values())
def test_random_json(value: object) -> None:
    _check(json.dumps(value).encode())


@settings(FUZZ, max_examples=4_000)
@given(mutated_articles(long_text_chars=MAX_TEXT_CHARS))
def test_mutated_articles(payload: bytes) -> None:
    _check(payload)


def test_the_unmutated_article_is_accepted() -> None:
    article, _ = normalise_record(json.dumps(GOOD).encode(), max_text_chars=MAX_TEXT_CHARS)
    assert article.source == "example.com" and article.id == "a-1"
