"""Deterministic ids: the same input always gets the same id, so replays overwrite, never duplicate."""

from __future__ import annotations

import hashlib

__all__ = ["content_hash", "pair_id", "short_hash", "statement_id"]


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
