"""Article updates: the same article id published again with new content replaces the old version.

A version is ``"<ms>:<content_hash>"`` (:func:`article_version`): the Kafka timestamp of the raw record (carried
through ``normalise`` and ``dedupe`` to ``extract``; producers' publish time), zero-padded to 15 digits so that
versions compare as strings, and the content hash to break a tie the same way on every worker. A later publish
wins, whatever order the partitions of the by-hash topic deliver the versions in (two versions of one id have
different hashes, so they may travel on different partitions and reach ``extract`` in either order).

``extract`` (see :func:`streams.agents.extract.register_extract`), when its sink is a :class:`VersionedSink`:

1. stamps each article with its version, and keeps only the latest version of an id within a batch;
2. reads the stored versions of the batch's ids (one realtime ``mget``) and skips an article whose stored
   version is newer (:func:`superseded`): not indexed, its statements neither indexed nor sent to ``detect``;
3. writes the others (article and statements, one bulk, as before);
4. for each article that was stored already (an update, or a replay), removes the statements of that id the new
   version does not have, and the contradictions that hold a statement of that article the new version does not
   have word for word (``remove_stale``).

``index-contradictions`` writes a contradiction only while both of its statements are stored as they are in it
(:func:`current_contradictions`, one realtime ``mget`` per batch): ``detect`` may still hold an old version's
statements in its rings, and its contradictions may arrive after the update removed theirs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from schemas import Contradiction, Statement

__all__ = [
    "VersionedSink",
    "article_version",
    "current_contradictions",
    "latest_per_id",
    "superseded",
]

_MS_DIGITS = 15


def article_version(timestamp_s: float | None, content_hash: str) -> str:
    """The version of an article published at ``timestamp_s`` (epoch seconds, the Kafka record's; None -> 0)."""
    ms = max(0, int(round((timestamp_s or 0.0) * 1000)))
    return f"{ms:0{_MS_DIGITS}d}:{content_hash}"


def superseded(version: str, stored: str | None) -> bool:
    """Whether an article of ``version`` must not be written over the ``stored`` one (a newer version is stored).

    The same version again (a replay) is not superseded: writing it again is idempotent. A stored document without
    a version (written before versions) is older than any version.
    """
    return stored is not None and stored > version


def latest_per_id(versions: Sequence[tuple[str, str]]) -> set[int]:
    """Indexes into ``versions`` (``(article id, version)`` pairs of one batch) of the latest version of each id;
    at equal versions the last one."""
    best: dict[str, tuple[str, int]] = {}
    for i, (article_id, version) in enumerate(versions):
        held = best.get(article_id)
        if held is None or version >= held[0]:
            best[article_id] = (version, i)
    return {i for _, i in best.values()}


def current_contradictions(
    contradictions: Sequence[Contradiction], stored: Mapping[str, Statement | None]
) -> tuple[list[Contradiction], list[Contradiction]]:
    """``(current, stale)``: a contradiction is current while both of its statements are stored exactly as it
    holds them (``stored``: statement id -> the stored statement, None or absent when there is none)."""
    current: list[Contradiction] = []
    stale: list[Contradiction] = []
    for c in contradictions:
        ok = all(_same(stored.get(s.id), s) for s in (c.a, c.b))
        (current if ok else stale).append(c)
    return current, stale


def _same(stored: Statement | None, s: Statement) -> bool:
    """The stored statement is ``s`` as judged; the claim id the claims agent sets later is not what was judged."""
    if stored is None:
        return False
    return stored == s or stored.model_copy(update={"claim_id": None}) == s.model_copy(update={"claim_id": None})


@runtime_checkable
class VersionedSink(Protocol):
    """What a document sink offers for article updates (``indexers.VersionedEsWriter`` in the worker)."""

    async def article_versions(self, article_ids: Sequence[str]) -> dict[str, str | None]:
        """Stored version per id (None: not stored; ``""``: stored without a version), realtime."""
        ...

    async def remove_stale(self, article_id: str, statements: Sequence[Statement]) -> tuple[int, int]:
        """Delete what the stored article ``article_id`` no longer has, given its new ``statements``: returns
        (statements deleted, contradictions deleted)."""
        ...

    async def stored_statements(self, statement_ids: Sequence[str]) -> dict[str, Statement | None]:
        """The stored statements of these ids (None when not stored), realtime."""
        ...
