"""Phase 2: raw Elasticsearch: bulk-index the pipeline's documents with ``elasticsearch.helpers.bulk``.

The documents are the normalised articles and their statements, into indices with the pipeline's own
mappings (``indexers.templates``), with explicit ids. The clock runs from the first bulk request to the end of
the refresh that makes the last document searchable, as in the end-to-end phase.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk
from pydantic import BaseModel

from indexers.documents import document_json, kind_of
from indexers.templates import component_templates, mappings

from ..errors import IndexingError
from .stats import rate

__all__ = ["RawEsResult", "run_raw_es"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RawEsResult:
    """Throughput of bulk-indexing ``documents`` documents (``bytes_total`` bytes of JSON source)."""

    documents: int
    bytes_total: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return rate(self.documents, self.seconds)


def _actions(docs: Sequence[tuple[str, str, str]]) -> Iterator[dict[str, Any]]:
    for index, doc_id, source in docs:
        yield {"_index": index, "_id": doc_id, "_source": source}


def run_raw_es(client: Elasticsearch, records: Sequence[BaseModel], prefix: str, chunk_size: int) -> RawEsResult:
    """Bulk-index ``records`` (articles, statements) as the pipeline's documents into fresh ``<prefix>-<kind>``
    indices with the pipeline's mappings and settings, then delete the indices.

    Raises ``IndexingError`` when Elasticsearch rejects any document or not all become searchable.
    """
    settings = component_templates(prefix)[f"{prefix}-settings"]["template"]["settings"]
    docs = [(f"{prefix}-{kind_of(r)}", *document_json(r)) for r in records]
    indices = {kind_of(r): f"{prefix}-{kind_of(r)}" for r in records}
    try:
        for kind, index in indices.items():
            client.indices.create(index=index, settings=settings, mappings=mappings(kind))
        t0 = time.perf_counter()
        ok, errors = bulk(client, _actions(docs), chunk_size=chunk_size, raise_on_error=False, max_retries=3)
        client.indices.refresh(index=list(indices.values()))
        seconds = time.perf_counter() - t0
        rejected = errors if isinstance(errors, int) else len(errors)  # a count only with stats_only=True
        if rejected:
            raise IndexingError(f"raw Elasticsearch bulk: {rejected} of {len(docs)} documents rejected")
        counted = client.count(index=list(indices.values()))["count"]
        if counted != len(docs):
            raise IndexingError(f"raw Elasticsearch bulk: {counted} of {len(docs)} documents searchable")
    finally:
        client.indices.delete(index=list(indices.values()), ignore_unavailable=True)
    result = RawEsResult(documents=ok, bytes_total=sum(len(json.dumps(src)) for _, _, src in docs), seconds=seconds)
    log.info("bench_raw_es documents=%d seconds=%.3f docs_per_s=%.1f", ok, seconds, result.docs_per_s)
    return result
