"""Writer behaviour that needs no server: backoff schedule, and giving up on a node that is not there.

The "not there" case uses a real connection to a closed local port (no mock): the writer must retry with
backoff and then raise BackendUnavailableError, never drop the batch silently.
"""

from __future__ import annotations

import itertools
import socket
import time

import pytest

from contraflow.errors import BackendUnavailableError
from contraflow.settings import ElasticsearchSettings
from indexers import EsWriter, backoff_delays
from schemas import Article, content_hash


def test_backoff_doubles_and_is_capped():
    assert list(itertools.islice(backoff_delays(0.5, 4.0), 7)) == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_unreachable_node_raises_backend_unavailable_after_retrying():
    cfg = ElasticsearchSettings(url=f"http://127.0.0.1:{_closed_port()}", max_backoff_s=0.2, request_timeout_s=2)
    seen: list[str] = []
    retries: list[int] = []
    writer = EsWriter(
        cfg, give_up_after_s=1.0, initial_backoff_s=0.05, on_error=seen.append, on_retry=lambda: retries.append(1)
    )
    article = Article(id="a1", source="x.org", title="", text="body", content_hash=content_hash("x.org", "", "body"))
    started = time.monotonic()
    with pytest.raises(BackendUnavailableError) as info:
        await writer.write([article])
    await writer.close()
    assert info.value.retry_after > 0
    assert "contraflow stack status" in str(info.value)
    # It waited (several attempts) but not forever.
    assert 0.1 < time.monotonic() - started < 30
    # Failures are reported as they happen (a worker's metrics move while the node is down).
    assert seen and set(seen) == {"connection"}
    assert len(retries) >= 2
