"""A bulk request Elasticsearch refuses as a whole (an ``_id`` over 512 bytes) is split, not retried forever:
the offending document comes back rejected, every other one is written."""

from __future__ import annotations

import time

from contraflow.settings import ElasticsearchSettings
from indexers import EsWriter, alias_name


async def test_poison_id_is_rejected_and_the_rest_indexed(make_article, es_url, es_index):
    prefix = es_index("cfw")
    cfg = ElasticsearchSettings(url=es_url, index_prefix=prefix, max_backoff_s=1)
    errors: list[str] = []
    writer = EsWriter(cfg, give_up_after_s=20, on_error=errors.append)
    poison = "é" * 300  # 300 characters, 600 bytes: over Elasticsearch's 512-byte _id
    good = [f"good-{i}" for i in range(9)]
    records = [make_article(i, source="example.com") for i in [*good[:4], poison, *good[4:]]]
    try:
        started = time.monotonic()
        result = await writer.write(records)
        elapsed = time.monotonic() - started
        assert set(result.rejected) == {poison}
        assert "512" in result.rejected[poison] or "too long" in result.rejected[poison]
        assert sum(result.indexed.values()) == len(good)
        assert result.retries == 0 and elapsed < 10
        assert "http_400" in errors and "rejected" in errors
        await writer.client.indices.refresh(index=alias_name(prefix, "articles"))
        found = await writer.client.search(index=alias_name(prefix, "articles"), size=100, source=False)
        assert sorted(h["_id"] for h in found["hits"]["hits"]) == sorted(good)
    finally:
        await writer.close()
