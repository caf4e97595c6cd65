"""Deterministic ids: the same input always gets the same id, so replays overwrite, never duplicate."""

from __future__ import annotations

import hashlib

__all__ = [
    "ARTICLE_ID_MAX_BYTES",
    "ES_ID_MAX_BYTES",
    "STATEMENT_SUFFIX_MAX_BYTES",
    "content_hash",
    "pair_id",
    "short_hash",
    "statement_id",
]

# Elasticsearch refuses an ``_id`` over 512 bytes (UTF-8), and it refuses the whole bulk request that holds it.
ES_ID_MAX_BYTES = 512
# What :func:`statement_id` appends to an article id: "#<start>-<end>", offsets of up to 11 digits each (texts of
# up to 10^11 characters, far above any ``analysis.max_text_chars``). Pair ids are fixed-length hashes.
STATEMENT_SUFFIX_MAX_BYTES = len("#") + 11 + len("-") + 11
# The longest article id (UTF-8 bytes) whose statement ids still fit Elasticsearch's ``_id``.
ARTICLE_ID_MAX_BYTES = ES_ID_MAX_BYTES - STATEMENT_SUFFIX_MAX_BYTES


def short_hash(*parts: str, length: int = 16) -> str:
    """Hex sha256 of the parts joined by a separator no part is likely to contain."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return h[:length]


def content_hash(source: str, title: str, text: str) -> str:
    """Hash of what an article says, insensitive to whitespace differences."""
    norm = " ".join(text.split())
    return short_hash(source.strip().lower(), " ".join(title.split()), norm, length=32)


def statement_id(article_id: str, start: int, end: int) -> str:
    """Statement id: its article and its character span in the normalised text."""
    return f"{article_id}#{start}-{end}"


def pair_id(a: str, b: str) -> str:
    """Order-free id of a pair of statement ids: pair_id(a, b) == pair_id(b, a)."""
    x, y = sorted((a, b))
    return short_hash(x, y, length=24)
