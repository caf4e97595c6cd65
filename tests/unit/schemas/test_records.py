"""Schemas: validation errors, limits, deterministic ids, order-free pair ids, JSON Schema export."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from contraflow.cli import app
from schemas import (
    SCHEMAS,
    Article,
    ArticleIn,
    Contradiction,
    DeadLetter,
    Statement,
    content_hash,
    pair_id,
    statement_id,
)


def _raw(**fields) -> dict:
    base = {"source": "example.org", "title": "A title", "text": "Someone said something."}
    base.update(fields)
    return base


def _error_fields(exc: ValidationError) -> set[str]:
    return {".".join(map(str, err["loc"])) for err in exc.errors()}


def test_article_in_accepts_minimal_record_and_ignores_unknown_fields():
    article = ArticleIn.model_validate(_raw(cluster="70", extra={"x": 1}))
    assert article.source == "example.org"
    assert not hasattr(article, "cluster")


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"source": None}, "source"),
        ({"source": "   "}, "source"),
        ({"text": ""}, "text"),
        ({"text": 42}, "text"),
        ({"title": ["a list"]}, "title"),
        ({"authors": "one string"}, "authors"),
        ({"published_at": "yesterday-ish"}, "published_at"),
    ],
)
def test_article_in_rejects_wrong_types_and_blank_values(fields, bad_field):
    with pytest.raises(ValidationError) as info:
        ArticleIn.model_validate(_raw(**fields))
    assert bad_field in _error_fields(info.value)


def test_missing_required_fields_are_named():
    with pytest.raises(ValidationError) as info:
        ArticleIn.model_validate({"title": "only a title"})
    assert {"source", "text"} <= _error_fields(info.value)


def test_text_limit_is_configurable_and_the_message_gives_the_numbers():
    text = "word " * 50  # 250 characters
    assert ArticleIn.model_validate(_raw(text=text)).text == text
    with pytest.raises(ValidationError) as info:
        ArticleIn.model_validate(_raw(text=text), context={"max_text_chars": 100})
    message = str(info.value)
    assert "250" in message and "100" in message


def test_published_at_becomes_utc_aware():
    naive = ArticleIn.model_validate(_raw(published_at="2024-10-21T08:30:00"))
    assert naive.published_at == datetime(2024, 10, 21, 8, 30, tzinfo=UTC)
    offset = ArticleIn.model_validate(_raw(published_at="2024-10-21T10:30:00+02:00"))
    assert offset.published_at == datetime(2024, 10, 21, 8, 30, tzinfo=UTC)
    day = ArticleIn.model_validate(_raw(published_at="2024-10-21"))
    assert day.published_at == datetime(2024, 10, 21, tzinfo=UTC)


def test_article_id_prefers_given_id_then_url_then_content():
    given = ArticleIn.model_validate(_raw(id="my-id", url="https://example.org/a"))
    assert given.article_id() == "my-id"

    by_url = ArticleIn.model_validate(_raw(url="https://example.org/a"))
    same_url_other_text = ArticleIn.model_validate(_raw(url="https://example.org/a", text="Different text."))
    other_url = ArticleIn.model_validate(_raw(url="https://example.org/b"))
    assert by_url.article_id() == same_url_other_text.article_id()
    assert by_url.article_id() != other_url.article_id()

    by_content = ArticleIn.model_validate(_raw())
    assert by_content.article_id() == ArticleIn.model_validate(_raw()).article_id()
    assert by_content.article_id() != ArticleIn.model_validate(_raw(text="Another body.")).article_id()


def test_content_hash_ignores_whitespace_but_not_words():
    assert content_hash("s", "t", "a  b\n\nc") == content_hash("s", "t", "a b c")
    assert content_hash("s", "t", "a b c") != content_hash("s", "t", "a b d")


def test_statement_id_is_article_and_offsets():
    assert statement_id("art-1", 10, 42) == statement_id("art-1", 10, 42)
    assert statement_id("art-1", 10, 42) != statement_id("art-1", 10, 43)
    assert statement_id("art-1", 10, 42) != statement_id("art-2", 10, 42)


def test_pair_id_is_order_free_and_distinct():
    a, b, c = "art#0-10", "art#20-30", "other#0-10"
    assert pair_id(a, b) == pair_id(b, a)
    assert pair_id(a, b) != pair_id(a, c)
    assert len({pair_id(a, b), pair_id(a, c), pair_id(b, c)}) == 3


def test_output_records_are_frozen_and_strict(make_statement):
    statement = make_statement(0, article="art", text="X said Y.", length=10, source="example.org")
    with pytest.raises(ValidationError):
        statement.text = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError) as info:
        Statement.model_validate({**statement.model_dump(), "unexpected": 1})
    assert "unexpected" in _error_fields(info.value)
    with pytest.raises(ValidationError) as info:
        Statement.model_validate({**statement.model_dump(), "start": -1})
    assert "start" in _error_fields(info.value)


def test_contradiction_score_is_bounded_and_kind_checked(make_statement):
    a, b = (
        make_statement(0, article="art", text="X said Y.", length=10, source="example.org"),
        make_statement(20, article="art", text="X said Y.", length=10, source="example.org"),
    )
    fields = {"id": pair_id(a.id, b.id), "explanation": "x", "scope": "within_article", "a": a, "b": b}
    assert Contradiction(kind="denial", score=0.9, **fields).score == 0.9
    with pytest.raises(ValidationError):
        Contradiction(kind="denial", score=1.5, **fields)
    with pytest.raises(ValidationError):
        Contradiction(kind="disagreement", score=0.5, **fields)


def test_deadletter_keeps_the_original_bytes():
    payload = b'{"broken": \xff'
    letter = DeadLetter.from_bytes(
        payload, stage="normalise", reason="invalid_json", error="bad", at=datetime(2024, 1, 1, tzinfo=UTC)
    )
    assert letter.payload() == payload
    assert DeadLetter.model_validate_json(letter.model_dump_json()).payload() == payload


def test_article_round_trips_through_json():
    article = Article(id="a", source="s", text="t", content_hash="h", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    assert Article.model_validate_json(article.model_dump_json()) == article


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_command_prints_json_schema_with_descriptions(name):
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == name
    assert schema["properties"]
    # Producers read the schema: every top-level field is described.
    assert all("description" in prop for prop in schema["properties"].values())


def test_schema_command_article_in_requires_source_and_text():
    schema = json.loads(CliRunner().invoke(app, ["schema", "ArticleIn"]).stdout)
    assert set(schema["required"]) == {"source", "text"}


def test_schema_command_rejects_unknown_record(run_cli):
    result = run_cli("schema", "Nope")
    assert result.code == 2
    assert result.stderr.startswith("ConfigError: unknown record 'Nope'; choose one of ArticleIn")
    assert "Traceback" not in result.stderr
