"""Article updates in Elasticsearch: stored versions, and removing what an article's new version no longer has.

:class:`VersionedEsWriter` is the worker's document sink: :class:`~indexers.writer.EsWriter` plus the three reads
and deletions ``streams.versions.VersionedSink`` describes. The local Elasticsearch build has no delete-by-query
(``reindex`` module), so stale documents are found with a search and deleted with one bulk. Reads of single
documents (``mget``) are realtime; the searches refresh the two indices first.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from schemas import Statement

from .templates import alias_name
from .writer import EsWriter, WriteResult

__all__ = ["MAX_CHILDREN", "VersionedEsWriter", "stale_documents"]

log = logging.getLogger(__name__)

# At most this many statements / contradictions of one article are looked at for removal (one search each;
# extract keeps at most analysis.max_statements_per_article = 2,000 statements per article).
MAX_CHILDREN = 10_000


def _statement(source: object) -> Statement | None:
    if not isinstance(source, dict):
        return None
    try:
        return Statement.model_validate({k: v for k, v in source.items() if k != "indexed_at"})
    except ValidationError:
        return None


def stale_documents(
    article_id: str,
    statements: Sequence[Statement],
    stored_statement_ids: Sequence[str],
    stored_contradictions: Mapping[str, Mapping[str, Any]],
) -> tuple[list[str], list[str]]:
    """``(statement ids, contradiction ids)`` to delete once ``statements`` are the article's statements.

    - A stored statement of the article whose id the new version does not have.
    - A stored contradiction (id -> its ``_source``, at least ``a`` and ``b``) one of whose sides is a statement of
      the article that the new version does not have word for word (same id with other content included): the
      pair was judged on words the article no longer says. Pairs on statements it still has stay.
    """
    new = {s.id: s for s in statements}
    gone_statements = sorted(i for i in set(stored_statement_ids) if i not in new)
    gone_contradictions = []
    for cid, source in stored_contradictions.items():
        for side in (source.get("a"), source.get("b")):
            if not isinstance(side, dict) or side.get("article_id") != article_id:
                continue
            kept = new.get(str(side.get("id")))
            if kept is None or _statement(side) != kept:
                gone_contradictions.append(cid)
                break
    return gone_statements, sorted(gone_contradictions)


class VersionedEsWriter(EsWriter):
    """The bulk writer, plus what article updates need (``streams.versions.VersionedSink``)."""

    async def article_versions(self, article_ids: Sequence[str]) -> dict[str, str | None]:
        """Stored version per article id: None when not stored, ``""`` when stored without one (realtime)."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        await self.setup()
        alias = alias_name(self.cfg.index_prefix, "articles")
        resp = await self._retrying(
            "mget", lambda: self.client.mget(index=alias, ids=ids, source_includes=["version"]), WriteResult()
        )
        out: dict[str, str | None] = dict.fromkeys(ids)
        for doc in resp["docs"]:
            if doc.get("found"):
                out[str(doc["_id"])] = str((doc.get("_source") or {}).get("version") or "")
        return out

    async def stored_statements(self, statement_ids: Sequence[str]) -> dict[str, Statement | None]:
        """The stored statements of these ids (None when not stored or unreadable), realtime."""
        ids = list(dict.fromkeys(statement_ids))
        if not ids:
            return {}
        await self.setup()
        alias = alias_name(self.cfg.index_prefix, "statements")
        resp = await self._retrying("mget", lambda: self.client.mget(index=alias, ids=ids), WriteResult())
        out: dict[str, Statement | None] = dict.fromkeys(ids)
        for doc in resp["docs"]:
            if doc.get("found"):
                out[str(doc["_id"])] = _statement(doc.get("_source"))
        return out

    async def remove_stale(self, article_id: str, statements: Sequence[Statement]) -> tuple[int, int]:
        """Delete the statements of ``article_id`` that ``statements`` (its new version's) lack, and the
        contradictions on statements of it that changed or went (:func:`stale_documents`)."""
        await self.setup()
        prefix = self.cfg.index_prefix
        st_alias, c_alias = alias_name(prefix, "statements"), alias_name(prefix, "contradictions")
        result = WriteResult()
        # (what was indexed since the last refresh must be found too)
        await self._retrying("refresh", lambda: self.client.indices.refresh(index=[st_alias, c_alias]), result)
        found = await self._retrying(
            "search",
            lambda: self.client.search(
                index=st_alias, query={"term": {"article_id": article_id}}, size=MAX_CHILDREN, source=False
            ),
            result,
        )
        pairs = await self._retrying(
            "search",
            lambda: self.client.search(
                index=c_alias,
                query={"term": {"article_ids": article_id}},
                size=MAX_CHILDREN,
                source_includes=["a", "b"],
            ),
            result,
        )
        stored_ids = [str(h["_id"]) for h in found["hits"]["hits"]]
        stored_pairs = {str(h["_id"]): h.get("_source") or {} for h in pairs["hits"]["hits"]}
        gone_st, gone_c = stale_documents(article_id, statements, stored_ids, stored_pairs)
        operations = [{"delete": {"_index": st_alias, "_id": i}} for i in gone_st]
        operations += [{"delete": {"_index": c_alias, "_id": i}} for i in gone_c]
        if operations:
            resp = await self._retrying("delete", lambda: self.client.bulk(operations=operations), result)
            failed = [
                item["delete"]
                for item in resp.get("items", [])
                if item.get("delete", {}).get("status") not in (200, 404)
            ]
            if failed:
                message = f"could not delete {len(failed)} stale documents of {article_id[:100]!r}: {failed[:3]}"
                if any(int(f.get("status") or 0) in (429,) or int(f.get("status") or 0) >= 500 for f in failed):
                    # the node is struggling: a transient error, the batch (and this deletion) is retried
                    raise ConnectionError(message)
                raise RuntimeError(message)
        log.info(
            "article_updated article_id=%s statements_deleted=%d contradictions_deleted=%d",
            article_id[:100],
            len(gone_st),
            len(gone_c),
        )
        return len(gone_st), len(gone_c)
