"""Article records: ``ArticleIn`` (what producers publish) and ``Article`` (normalised)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationInfo, field_validator

from .ids import ARTICLE_ID_MAX_BYTES, content_hash, short_hash

__all__ = [
    "AUTHOR_MAX_CHARS",
    "DEFAULT_MAX_TEXT_CHARS",
    "PUBLISHED_MAX",
    "PUBLISHED_MIN",
    "SOURCE_MAX_BYTES",
    "Article",
    "ArticleIn",
    "to_utc",
]

DEFAULT_MAX_TEXT_CHARS = 200_000
# Publication times outside this range are input errors, not news (and near year 1 or 9999 the conversion to
# UTC, or date arithmetic on them downstream, overflows).
PUBLISHED_MIN = datetime(1800, 1, 1, tzinfo=UTC)
PUBLISHED_MAX = datetime(2200, 1, 1, tzinfo=UTC)
# A derived article id is "<source>-<16 hex>": a source of at most this many bytes keeps it (and its statement
# ids) within Elasticsearch's 512-byte ``_id``.
SOURCE_MAX_BYTES = 256
AUTHOR_MAX_CHARS = 512


def _utf8_len(value: str) -> int:
    return len(value.encode("utf-8", "surrogatepass"))


def _in_range(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        utc = value.astimezone(UTC)
    except OverflowError as exc:  # e.g. 9999-12-31T23:59:59-01:00 is past datetime.max in UTC
        raise ValueError(f"date {value.isoformat()} is out of range (after converting to UTC)") from exc
    if not PUBLISHED_MIN <= utc < PUBLISHED_MAX:
        raise ValueError(
            f"date {value.isoformat()} is outside {PUBLISHED_MIN.date().isoformat()}"
            f"..{PUBLISHED_MAX.date().isoformat()}"
        )
    return utc


def to_utc(value: Any) -> Any:
    """Parse dates/datetimes into UTC-aware datetimes; a naive time is taken as UTC.

    Raises ``ValueError`` (never ``OverflowError``) for an unparsable value or one outside
    ``PUBLISHED_MIN`` .. ``PUBLISHED_MAX``.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _in_range(value)
    if isinstance(value, date):
        return _in_range(datetime(value.year, value.month, value.day, tzinfo=UTC))
    if isinstance(value, str):
        s = value.strip()
        if s.endswith("Z"):
            s = s[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(s)
        except ValueError as exc:
            raise ValueError(f"not an ISO-8601 date or datetime: {value[:40]!r}") from exc
        return _in_range(parsed)
    raise ValueError(f"expected an ISO-8601 string, got {type(value).__name__}")


class ArticleIn(BaseModel):
    """A raw news article as a producer publishes it to ``articles.raw``.

    Unknown fields are ignored; wrong types are rejected. ``text`` is limited to
    ``max_text_chars`` characters (pass ``context={"max_text_chars": N}`` to validate).
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    id: StrictStr | None = Field(None, max_length=512, description="Producer's article id (optional).")
    url: StrictStr | None = Field(None, max_length=4096, description="Article URL (optional).")
    source: StrictStr = Field(..., min_length=1, max_length=256, description="Outlet, e.g. 'reuters.com'.")
    title: StrictStr = Field("", max_length=2000, description="Headline.")
    text: StrictStr = Field(..., description="Full body; paragraphs separated by blank lines.")
    published_at: datetime | None = Field(None, description="Publication time, ISO-8601; naive = UTC.")
    language: StrictStr | None = Field(None, max_length=16, description="ISO 639-1 code; only 'en' is analysed.")
    authors: list[StrictStr] = Field(default_factory=list, max_length=100, description="Bylines.")

    @field_validator("id")
    @classmethod
    def _id_fits(cls, v: str | None) -> str | None:
        if v is not None and _utf8_len(v.strip()) > ARTICLE_ID_MAX_BYTES:
            raise ValueError(
                f"id has {_utf8_len(v.strip())} bytes (UTF-8), more than the limit of {ARTICLE_ID_MAX_BYTES} "
                "(Elasticsearch's 512-byte _id, less the statement-id suffix)"
            )
        return v

    @field_validator("authors")
    @classmethod
    def _authors_fit(cls, v: list[str]) -> list[str]:
        for author in v:
            if len(author) > AUTHOR_MAX_CHARS:
                raise ValueError(f"an author has {len(author)} characters, more than the limit of {AUTHOR_MAX_CHARS}")
        return v

    @field_validator("published_at", mode="before")
    @classmethod
    def _utc(cls, v: Any) -> Any:
        return to_utc(v)

    @field_validator("source")
    @classmethod
    def _source_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("source must not be blank")
        if _utf8_len(v.strip()) > SOURCE_MAX_BYTES:
            raise ValueError(f"source has more than {SOURCE_MAX_BYTES} bytes (UTF-8)")
        return v.strip()

    @field_validator("text")
    @classmethod
    def _text_limits(cls, v: str, info: ValidationInfo) -> str:
        limit = (info.context or {}).get("max_text_chars", DEFAULT_MAX_TEXT_CHARS)
        if not v.strip():
            raise ValueError("text is empty")
        if len(v) > limit:
            raise ValueError(f"text has {len(v)} characters, more than the limit of {limit}")
        return v

    def article_id(self) -> str:
        """The producer's id, else one derived from the url, else from the content."""
        if self.id and self.id.strip():
            return self.id.strip()
        if self.url and self.url.strip():
            return f"{self.source}-{short_hash('url', self.url.strip())}"
        return f"{self.source}-{content_hash(self.source, self.title, self.text)[:16]}"


class Article(BaseModel):
    """A validated, cleaned article on ``articles.normalized``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(..., description="Deterministic article id.")
    url: str | None = Field(None, description="Canonical URL (lower-case host, no tracking parameters).")
    source: str = Field(..., description="Outlet.")
    title: str = Field("", description="Headline, whitespace-normalised.")
    text: str = Field(..., description="Clean body text; statement offsets refer to it.")
    content_hash: str = Field(..., description="Hash of source, title and text (for de-duplication).")
    published_at: datetime | None = Field(None, description="Publication time in UTC.")
    language: str = Field("en", description="ISO 639-1 language code.")
    authors: list[str] = Field(default_factory=list, description="Bylines.")
    version: str | None = Field(
        None,
        description="Which version of the article this is, set by the extract stage: '<raw record's Kafka "
        "timestamp in ms, 15 digits>:<content_hash>'. In Elasticsearch a later version replaces an earlier one "
        "with the same id (and its statements and contradictions); an earlier one arriving later is skipped.",
    )
