from __future__ import annotations

import json

import pytest

from streams.agents.normalise import RawRecordError, classify_raw

GOOD = {"id": "n1", "source": "www.Example.com", "title": " A  title ", "text": "Someone said something.\n\n\n\nMore."}


def _raw(obj) -> bytes:
    return json.dumps(obj).encode()


def test_good_record_is_normalised():
    article = classify_raw(_raw(GOOD), max_text_chars=1000)
    assert article.id == "n1"
    assert article.source == "example.com"
    assert article.title == "A title"
    assert article.text == "Someone said something.\n\nMore."


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "invalid_json"),
        (b'{"source": "x", "text": ', "invalid_json"),
        (b"\xff\xfe\x00garbage", "invalid_encoding"),
        (b"[1, 2]", "validation"),
        (_raw({"source": "x.org"}), "validation"),  # missing text
        (_raw({"source": "x.org", "text": 42}), "validation"),  # wrong type
        (_raw({"source": 7, "text": "words"}), "validation"),
        (_raw({"source": "x.org", "text": "words", "authors": "me"}), "validation"),
        (_raw({"source": "x.org", "text": "   \n  "}), "empty_text"),
        (_raw({"source": "x.org", "text": "\u200b\u200b"}), "empty_text"),  # empty once cleaned
        (_raw({"source": "x.org", "text": "w" * 1001}), "too_large"),
        (_raw({"source": "x.org", "text": "Hola.", "language": "es"}), "unsupported_language"),
        (_raw({"source": "x.org", "text": "words", "published_at": "yesterday"}), "validation"),
    ],
)
def test_bad_records_get_a_reason(payload, reason):
    with pytest.raises(RawRecordError) as info:
        classify_raw(payload, max_text_chars=1000)
    assert info.value.reason == reason
    assert str(info.value)


def test_same_content_same_hash_whatever_the_id():
    a = classify_raw(_raw({**GOOD, "id": "x"}), max_text_chars=1000)
    b = classify_raw(_raw({**GOOD, "id": "y", "text": GOOD["text"] + "  "}), max_text_chars=1000)
    assert a.content_hash == b.content_hash and a.id != b.id
