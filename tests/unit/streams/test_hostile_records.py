"""Hostile raw records (the ones that crashed or wedged the pipeline) get a dead-letter reason, and a dead letter
always fits a Kafka record whatever it carries."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from contraflow.settings import Settings
from schemas import ArticleIn, DeadLetter, statement_id, to_utc
from schemas.ids import ARTICLE_ID_MAX_BYTES, ES_ID_MAX_BYTES
from streams.agents.normalise import MAX_JSON_DEPTH, RawRecordError, classify_raw, json_depth, normalise_record
from streams.context import PipelineContext

KAFKA_RECORD_LIMIT = 1_048_576  # the producer's max.request.size and (about) the broker's message.max.bytes
GOOD = {"source": "example.com", "text": "The minister said the bridge was closed."}


def _reason(payload: bytes, max_text_chars: int = 200_000) -> str:
    with pytest.raises(RawRecordError) as info:
        classify_raw(payload, max_text_chars=max_text_chars)
    return info.value.reason


def _raw(**fields) -> bytes:
    return json.dumps({**GOOD, **fields}).encode()


def test_deeply_nested_json_is_too_deep_not_a_crash():
    assert _reason(b"[" * 3000 + b"]" * 3000) == "too_deep"
    assert _reason(b'{"a":' * 3000 + b"1" + b"}" * 3000) == "too_deep"
    # deep inside an otherwise good article (an ignored field)
    assert _reason(_raw()[:-1] + b', "extra": ' + b"[" * 200 + b"]" * 200 + b"}") == "too_deep"


def test_moderate_nesting_in_an_ignored_field_is_fine():
    payload = _raw()[:-1] + b', "extra": ' + b"[" * 20 + b"]" * 20 + b"}"
    assert classify_raw(payload, max_text_chars=1000).source == "example.com"


def test_json_depth():
    assert json_depth(1) == 0
    assert json_depth([]) == 1
    assert json_depth({"a": [[1], {"b": {}}]}) == 4
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    assert json_depth(deep) == MAX_JSON_DEPTH + 1  # stops counting past the limit


@pytest.mark.parametrize(
    "published_at",
    ["9999-12-31T23:59:59-01:00", "9999-12-31", "0001-01-01T00:00:00+01:00", "0001-01-01", "2500-01-01", "1700-05-05"],
)
def test_dates_out_of_range_are_validation_errors(published_at):
    assert _reason(_raw(published_at=published_at)) == "validation"


def test_to_utc_never_overflows():
    with pytest.raises(ValueError, match="out of range"):
        to_utc("9999-12-31T23:59:59-01:00")
    with pytest.raises(ValueError, match="outside"):
        to_utc(datetime(9999, 12, 31, tzinfo=UTC))
    assert to_utc("2024-10-21T10:00:00+02:00") == datetime(2024, 10, 21, 8, tzinfo=UTC)


def test_long_utf8_id_is_refused_before_elasticsearch():
    assert _reason(_raw(id="é" * 300)) == "validation"  # 300 characters, 600 bytes
    assert classify_raw(_raw(id="é" * (ARTICLE_ID_MAX_BYTES // 2)), max_text_chars=1000).id


def test_every_derived_id_fits_elasticsearch():
    longest = "é" * (ARTICLE_ID_MAX_BYTES // 2)
    big = 10**11 - 1
    assert len(statement_id(longest, big, big).encode()) <= ES_ID_MAX_BYTES
    # an id derived from a source (no id given) fits too
    source = "é" * 128
    raw = ArticleIn.model_validate({"source": source, "url": "https://x.org/a", "text": "t"})
    assert len(statement_id(raw.article_id(), big, big).encode()) <= ES_ID_MAX_BYTES
    assert _reason(_raw(source="é" * 129)) == "validation"  # 258 bytes


def test_field_sizes_are_bounded():
    assert _reason(_raw(authors=["a" * 513])) == "validation"
    assert _reason(_raw(authors=["a"] * 101)) == "validation"
    assert _reason(_raw(title="t" * 2001)) == "validation"
    assert _reason(_raw(text="w" * 200_001)) == "too_large"


def test_lone_surrogate_is_an_encoding_error():
    assert _reason(b'{"source": "x.org", "text": "a \\ud800 b"}') == "invalid_encoding"


def test_huge_number_is_invalid_json():
    assert _reason(b'{"source": "x.org", "text": "t", "n": ' + b"1" * 5000 + b"}") == "invalid_json"


def test_normalise_record_returns_the_json_it_sends():
    article, value = normalise_record(_raw(id="a1"), max_text_chars=1000)
    assert json.loads(value)["id"] == article.id == "a1"


def test_dead_letter_keeps_small_payloads_whole():
    letter = DeadLetter.from_bytes(b"abc", stage="normalise", reason="invalid_json", error="e", at=datetime.now(UTC))
    assert letter.payload() == b"abc" and not letter.payload_truncated and letter.payload_bytes == 3


def test_dead_letter_of_a_huge_record_fits_a_kafka_record():
    payload = ("é" * 500_000).encode()  # ~1 MB, as big as a broker accepts
    letter = DeadLetter.from_bytes(
        payload, stage="normalise", reason="too_large", error="x" * 5000, at=datetime.now(UTC)
    )
    assert letter.payload_truncated and letter.payload_bytes == len(payload)
    assert payload.startswith(letter.payload())
    assert len(letter.model_dump_json().encode()) < KAFKA_RECORD_LIMIT // 2


class _Topic:
    def __init__(self) -> None:
        self.sent: list[tuple[bytes | None, bytes]] = []

    async def send(self, *, key, value, **_):
        self.sent.append((key, value))


class _Counter:
    def labels(self, *_):
        return self

    def inc(self, *_):
        pass


async def test_pipeline_dead_letter_caps_payload_key_and_error():
    topic = _Topic()
    p = PipelineContext(
        app=None,  # type: ignore[arg-type]
        settings=Settings(),
        topics=SimpleNamespace(deadletter=topic),  # type: ignore[arg-type]
        tables=None,  # type: ignore[arg-type]
        metrics=SimpleNamespace(deadletters=_Counter()),  # type: ignore[arg-type]
    )
    message = SimpleNamespace(key=b"k" * 900_000, topic="articles.raw", partition=1, offset=7)
    payload = b"x" * 1_000_000
    await p.dead_letter(
        stage="normalise",
        reason="too_large",
        error="\ud800" + "e" * 10_000,
        payload=payload,
        event=SimpleNamespace(message=message),  # type: ignore[arg-type]
    )
    ((key, value),) = topic.sent
    assert len(key) == 64  # the sha256 of the over-long key
    assert len(key) + len(value) < KAFKA_RECORD_LIMIT // 2
    letter = DeadLetter.model_validate_json(value)
    assert letter.payload_truncated and letter.payload_bytes == 1_000_000 and letter.offset == 7
    assert len(letter.key or "") <= 1024
