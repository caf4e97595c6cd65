"""Normalise a raw article: clean text, canonical URL, UTC time, deterministic id, content hash.

Pure: no I/O. Statement offsets refer to the *clean* text returned here, so cleaning only
removes what no reader would miss (control characters, odd whitespace) and keeps paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from schemas import Article, ArticleIn, content_hash

__all__ = ["UnsupportedLanguageError", "canonical_url", "clean_text", "normalize_article"]

SUPPORTED_LANGUAGES = frozenset({"en"})

# Tracking parameters never change what a page says.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ocid|smid|smtyp)$", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


class UnsupportedLanguageError(ValueError):
    """The article's declared language is not one contraflow analyses."""


def clean_text(text: str) -> str:
    """NFC, unified newlines, no control characters, single spaces, paragraphs kept."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def normalize_article(raw: ArticleIn) -> Article:
    """Validated input -> the normalised ``Article``.

    Raises ``UnsupportedLanguageError`` when ``language`` is set to one we do not analyse.
    """
    language = (raw.language or "en").strip().lower().split("-")[0] or "en"
    if language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            f"language {raw.language!r} is not supported (supported: {', '.join(sorted(SUPPORTED_LANGUAGES))})"
        )
    text = clean_text(raw.text)
    if not text:
        raise ValueError("text is empty after cleaning")
    title = " ".join(raw.title.split())
    url = canonical_url(raw.url)
    source = raw.source.strip().lower()
    source = source[4:] if source.startswith("www.") else source
    canonical = raw.model_copy(update={"url": url, "source": source})
    return Article(
        id=canonical.article_id(),
        url=url,
        source=source,
        title=title,
        text=text,
        content_hash=content_hash(source, title, text),
        published_at=raw.published_at,
        language=language,
        authors=[a.strip() for a in raw.authors if a.strip()],
    )
