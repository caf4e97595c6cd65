"""Publish articles (JSON Lines) to ``articles.raw`` with a keyed, compressed, acks=all producer."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from kafka import KafkaProducer
from kafka.errors import KafkaError
from pydantic import ValidationError

from analysis.normalize import UnsupportedLanguageError, normalize_article
from schemas import ArticleIn, short_hash
from streams.security import check_access, client_options

from .errors import InputError
from .kafka_admin import kafka_error
from .settings import Settings

__all__ = ["PublishSummary", "Publisher", "compression_type", "record_key", "validate_line"]

log = logging.getLogger(__name__)


@dataclass
class PublishSummary:
    """What a publish run did."""

    read: int = 0
    sent: int = 0
    failed: int = 0
    skipped_blank: int = 0
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason) under --strict
    partitions: dict[int, int] = field(default_factory=dict)
    elapsed_s: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "sent": self.sent,
            "failed": self.failed,
            "skipped_blank": self.skipped_blank,
            "invalid": len(self.invalid),
            "partitions": {str(k): v for k, v in sorted(self.partitions.items())},
            "elapsed_s": round(self.elapsed_s, 3),
        }


def compression_type() -> str:
    """lz4 when its codec is installed, else gzip (always available)."""
    try:
        import lz4  # noqa: F401

        return "lz4"
    except ImportError:
        return "gzip"


def validate_line(line: bytes, *, max_text_chars: int) -> str | None:
    """Why a line would be dead-lettered by the worker, or ``None`` when it is a valid article."""
    try:
        data = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"not valid JSON: {exc}"
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}"
    try:
        normalize_article(ArticleIn.model_validate(data, context={"max_text_chars": max_text_chars}))
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())[:500]
    except (UnsupportedLanguageError, ValueError) as exc:
        return str(exc)
    return None


def record_key(line: bytes) -> bytes:
    """The article id the worker will give this record (so one article stays on one partition).

    Lines that are not articles get a hash of their bytes: they only go as far as the dead-letter topic.
    """
    try:
        data = json.loads(line)
        if isinstance(data, dict):
            return normalize_article(ArticleIn.model_validate(data)).id.encode()
    except (ValueError, ValidationError, UnicodeDecodeError):
        pass
    return f"raw-{short_hash(line.decode('utf-8', 'backslashreplace'))}".encode()


def _lines(source: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(source, start=1):
        yield number, line.rstrip(b"\r\n")


class Publisher:
    """A Kafka producer for ``articles.raw``: acks=all, idempotent, compressed, keyed by article id.

    Example::

        with Publisher(settings) as pub:
            summary = pub.publish_lines(open("articles.jsonl", "rb"))
    """

    def __init__(self, settings: Settings, *, topic: str | None = None) -> None:
        self.settings = settings
        self.topic = topic or settings.topics.raw
        check_access(settings.kafka)  # a refused password or an untrusted CA: fail now, naming the setting
        try:
            self._producer = KafkaProducer(
                bootstrap_servers=settings.kafka.bootstrap,
                **client_options(settings.kafka),
                client_id=f"{settings.kafka.client_id}-publish",
                acks="all",
                enable_idempotence=True,
                compression_type=compression_type(),
                linger_ms=20,
                retries=5,
                max_request_size=2 * 1024 * 1024,
            )
        except KafkaError as exc:
            raise kafka_error(exc, settings.kafka) from None

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._producer.close(timeout=30)

    def send(self, key: bytes | None, value: bytes):
        """Send one record; returns the kafka-python future."""
        return self._producer.send(self.topic, key=key, value=value)

    def publish_lines(
        self,
        source: Iterable[bytes],
        *,
        strict: bool = False,
        on_progress: Callable[[int], None] | None = None,
    ) -> PublishSummary:
        """Publish every non-blank line (as bytes, unchanged) and wait until the broker has them all.

        With ``strict``, every line is validated first and nothing is sent if any is invalid
        (``InputError`` lists the first few).
        """
        summary = PublishSummary()
        started = time.monotonic()
        lines = []
        for number, line in _lines(source):
            summary.read += 1
            if not line.strip():
                summary.skipped_blank += 1
                continue
            if strict:
                reason = validate_line(line, max_text_chars=self.settings.analysis.max_text_chars)
                if reason is not None:
                    summary.invalid.append((number, reason))
            lines.append(line)
        if summary.invalid:
            shown = "; ".join(f"line {n}: {r}" for n, r in summary.invalid[:5])
            raise InputError(f"{len(summary.invalid)} invalid line(s), nothing published ({shown})")
        futures = []
        for line in lines:
            futures.append(self.send(record_key(line), line))
        self._producer.flush(timeout=60)
        for future in futures:
            try:
                meta = future.get(timeout=60)
            except KafkaError as exc:
                summary.failed += 1
                log.error("publish_failed topic=%s error=%s", self.topic, exc)
                continue
            summary.sent += 1
            summary.partitions[meta.partition] = summary.partitions.get(meta.partition, 0) + 1
            if on_progress is not None:
                on_progress(1)
        summary.elapsed_s = time.monotonic() - started
        log.info(
            "publish_done topic=%s sent=%d failed=%d elapsed_s=%.2f",
            self.topic,
            summary.sent,
            summary.failed,
            summary.elapsed_s,
        )
        return summary
