"""When is an article done? When it and all of its statements can be found in Elasticsearch.

The tracker polls the pipeline's aliases with two small queries per round (``ids`` on the articles alias,
a ``terms`` aggregation on ``article_id`` over the statements alias) and stamps each article with the time
of the first poll *reply* that saw it complete: an upper bound of when it became searchable.

Those queries are not free: a ``terms`` aggregation over hundreds of pending ids rebuilds its ordinals after
every refresh, and at 5 polls a second it took ~0.3 of a core from Elasticsearch during a throughput phase, on
the same two cores the pipeline runs on. :meth:`SearchableTracker.totals` (two ``count`` requests) is what a
throughput phase polls instead; the per-article check then confirms once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError

from indexers.templates import alias_name

__all__ = ["SearchableTracker", "complete_ids"]

_MAX_IDS_PER_QUERY = 1000


def complete_ids(found: Iterable[str], statement_counts: Mapping[str, int], expected: Mapping[str, int]) -> set[str]:
    """The ids of ``found`` articles whose statement count reached ``expected`` (0 expected: the article alone)."""
    return {a for a in found if statement_counts.get(a, 0) >= expected.get(a, 0)}


class SearchableTracker:
    """Watch articles become searchable: ``add`` when published, ``poll`` repeatedly, read ``done``.

    - ``client``: a synchronous Elasticsearch client.
    - ``prefix``: the pipeline's index prefix (its aliases are ``<prefix>-articles`` / ``-statements``).

    Thread-safe: one thread may publish (``add``) while another polls.
    """

    def __init__(self, client: Elasticsearch, prefix: str) -> None:
        # A 503 while the workers create the indices is "not yet", not an error: no client-side retries.
        self._client = client.options(retry_on_status=())
        self._articles = alias_name(prefix, "articles")
        self._statements = alias_name(prefix, "statements")
        self._lock = threading.Lock()
        self._pending: dict[str, int] = {}
        self.done: dict[str, float] = {}

    def add(self, article_id: str, expected_statements: int) -> None:
        """Start watching ``article_id``, which is complete once ``expected_statements`` statements are indexed."""
        with self._lock:
            self._pending[article_id] = expected_statements

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def poll(self) -> int:
        """One round of queries; returns how many articles it found complete."""
        with self._lock:
            expected = dict(self._pending)
        if not expected:
            return 0
        ids = list(expected)
        complete: set[str] = set()
        for i in range(0, len(ids), _MAX_IDS_PER_QUERY):
            chunk = ids[i : i + _MAX_IDS_PER_QUERY]
            found = self._found_articles(chunk)
            counts = self._statement_counts([a for a in found if expected[a] > 0])
            complete |= complete_ids(found, counts, expected)
        now = time.perf_counter()
        with self._lock:
            for a in complete:
                if self._pending.pop(a, None) is not None:
                    self.done[a] = now
        return len(complete)

    def totals(self) -> tuple[int, int]:
        """(articles, statements) searchable in the lane now: two ``count`` requests, cheap at any rate."""
        return self._count(self._articles), self._count(self._statements)

    def _count(self, index: str) -> int:
        try:
            return int(self._client.count(index=index)["count"])
        except NotFoundError:
            return 0
        except ApiError as exc:
            if exc.meta.status == 503:
                return 0
            raise

    def expected_statements(self) -> int:
        """Statements the pending articles still need, in all."""
        with self._lock:
            return sum(self._pending.values())

    def _search(self, **kwargs: Any) -> Any:
        """A search, or None while the workers have not created the index or its shard is not yet started."""
        try:
            return self._client.search(**kwargs)
        except NotFoundError:
            return None
        except ApiError as exc:
            if exc.meta.status == 503:
                return None
            raise

    def _found_articles(self, ids: list[str]) -> list[str]:
        resp = self._search(index=self._articles, query={"ids": {"values": ids}}, source=False, size=len(ids))
        return [hit["_id"] for hit in resp["hits"]["hits"]] if resp is not None else []

    def _statement_counts(self, ids: list[str]) -> dict[str, int]:
        if not ids:
            return {}
        resp = self._search(
            index=self._statements,
            size=0,
            query={"terms": {"article_id": ids}},
            aggs={"per_article": {"terms": {"field": "article_id", "size": len(ids)}}},
        )
        if resp is None:
            return {}
        return {b["key"]: b["doc_count"] for b in resp["aggregations"]["per_article"]["buckets"]}
