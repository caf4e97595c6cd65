"""Normalisation of raw articles: clean text, canonical URL, UTC time, deterministic ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from analysis.normalize import UnsupportedLanguageError, canonical_url, clean_text, normalize_article
from schemas import ArticleIn

SEED = Path(__file__).resolve().parents[4] / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"


def _article(**fields) -> ArticleIn:
    base = {"source": "Example.org", "title": "  A   title ", "text": "First paragraph.\n\nSecond one."}
    base.update(fields)
    return ArticleIn.model_validate(base)


def test_clean_text_keeps_paragraphs_and_drops_noise():
    raw = "\ufeffOne\u00a0 two\t three\u200b.\r\n\r\n\r\n\r\nNext\x07 paragraph.  \n"
    assert clean_text(raw) == "One two three.\n\nNext paragraph."


def test_clean_text_is_idempotent():
    raw = "A  b\n\n\n\nc\u00a0d"
    assert clean_text(clean_text(raw)) == clean_text(raw)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.ORG/a/b/?utm_source=x&id=3#frag", "https://example.org/a/b?id=3"),
        ("https://example.org/", "https://example.org/"),
        ("https://example.org/x?fbclid=1&gclid=2", "https://example.org/x"),
        ("   ", None),
        (None, None),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_normalize_article_fields():
    article = normalize_article(
        _article(url="https://www.example.org/n/1?utm_medium=rss", published_at="2024-10-21T10:00:00+03:00")
    )
    assert article.source == "example.org"
    assert article.title == "A title"
    assert article.url == "https://example.org/n/1"
    assert article.published_at == datetime(2024, 10, 21, 7, 0, tzinfo=UTC)
    assert article.language == "en"
    assert article.text == "First paragraph.\n\nSecond one."


def test_same_url_gives_same_id_despite_tracking_parameters():
    a = normalize_article(_article(url="https://example.org/n/1?utm_source=a"))
    b = normalize_article(_article(url="https://www.example.org/n/1?utm_source=b", text="Edited text."))
    assert a.id == b.id
    assert a.content_hash != b.content_hash


def test_content_hash_ignores_whitespace_noise():
    a = normalize_article(_article(text="Same  words.\n\nHere."))
    b = normalize_article(_article(text="Same words.\r\n\r\n\r\nHere.  "))
    assert a.content_hash == b.content_hash
    assert a.id == b.id


def test_unsupported_language_is_refused_and_regional_english_accepted():
    with pytest.raises(UnsupportedLanguageError):
        normalize_article(_article(language="uk"))
    assert normalize_article(_article(language="en-GB")).language == "en"


def test_text_empty_after_cleaning_is_refused():
    with pytest.raises(ValueError):
        normalize_article(_article(text="\u200b\x07 \u00a0"))


@pytest.mark.skipif(not SEED.exists(), reason="shared seed data not beside the checkout")
def test_seed_article_normalises_with_its_own_id():
    record = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])
    article = normalize_article(ArticleIn.model_validate(record))
    assert article.id == record["id"]
    assert article.text.count("\n\n") == len([p for p in record["text"].split("\n\n") if p.strip()]) - 1
    assert article.published_at == datetime(2024, 10, 21, tzinfo=UTC)
