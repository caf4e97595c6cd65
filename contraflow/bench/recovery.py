"""Restart recovery of the ``candidates`` table: how long a restarted worker takes, with 10^5 or 10^6 stored
statements, before it handles its first statements message, for each Faust store.

Run (on the local stack, which it leaves as it found it)::

    python -m contraflow.bench.recovery --statements 100000,1000000 --stores memory://,rocksdb://

For each size it fills the changelog of a fresh namespace (``cfbench-rec-*``: its own topics, group, data
folder and index prefix) with what ``detect`` writes for that many statements: the news corpus' statements,
extracted once and repeated under other ids and other blocking keys (``<key>~<n>``: so many statements do not
all crowd the same rings), grouped as ``extract`` groups them (8 articles a batch, one message per partition
that owns a key, :func:`streams.agents.extract.detect_records`) and stored as ``CandidateRing`` stores them (one
record per message, the message as received). Then, for each store, a ``contraflow worker`` is started and timed
from its start until its ``detect`` agent has handled one probe message (Faust holds every agent until the
tables are recovered, and the first lookup reads every batch of the table): cold (nothing on local disk: the
whole changelog is read) and again after a clean stop (``rocksdb://`` keeps its data and changelog offsets on
disk; ``memory://`` reads everything again). The same with an empty table gives the start-up cost without state.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import socket
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from kafka import KafkaProducer
from kafka.admin import NewTopic

from schemas import Statement
from streams.agents.detect import batch_key, batch_text
from streams.agents.extract import detect_records

from ..runner import WorkerProcess, worker_env
from ..settings import Settings, load_settings
from .corpus import load_corpus
from .kafka_util import admin_client, delete_topics_with_prefix

__all__ = ["RecoveryRun", "fill_changelog", "main", "measure_recovery", "stored_messages"]

log = logging.getLogger(__name__)

BATCH_ARTICLES = 8  # articles per extract batch (worker.extract_batch_size's default)


@dataclass
class RecoveryRun:
    statements: int  # statements stored (each on every partition that owns one of its keys)
    store: str
    start: str  # "cold" (empty data folder) or "restart" (after a clean stop)
    records: int  # changelog records (one per detect message)
    changelog_mb: float
    ready_s: float  # worker start -> first probe handled by detect
    peak_rss_mb: float | None


def _corpus_statements(data_dir: Path, limit: int | None) -> list[tuple[str, list[Statement]]]:
    from analysis import extract_many, load_nlp
    from analysis.normalize import normalize_article

    articles = [normalize_article(item) for item in load_corpus(data_dir, limit)]
    return [(a.id, s) for a, s in zip(articles, extract_many(articles, load_nlp()), strict=True)]


def _copy(statements: list[Statement], n: int) -> list[Statement]:
    if n == 0:
        return statements
    return [
        s.model_copy(
            update={
                "id": f"{s.id}~{n}",
                "article_id": f"{s.article_id}~{n}",
                "blocking_keys": [f"{k}~{n}" for k in s.blocking_keys],
            }
        )
        for s in statements
    ]


def stored_messages(
    corpus: Sequence[tuple[str, list[Statement]]], statements: int, partitions: int
) -> Iterator[tuple[int, bytes]]:
    """``(partition, message)`` of the detect messages for ``statements`` statements: the corpus repeated."""
    done, copy = 0, 0
    while done < statements:
        batch: list[tuple[str, list[Statement]]] = []
        for article_id, found in corpus:
            if done >= statements:
                break
            mine = _copy(found[: statements - done], copy)
            done += len(mine)
            batch.append((f"{article_id}~{copy}" if copy else article_id, mine))
            if len(batch) == BATCH_ARTICLES:
                yield from ((p, v) for p, _, v in detect_records(batch, partitions))
                batch = []
        if batch:
            yield from ((p, v) for p, _, v in detect_records(batch, partitions))
        copy += 1


def fill_changelog(settings: Settings, messages: Iterator[tuple[int, bytes]], at: float) -> tuple[int, int]:
    """Write one ``candidates`` changelog record per message, as the ring stores it; (records, bytes)."""
    from streams.pipeline import build_pipeline

    topic = build_pipeline(settings, None).tables.candidates.changelog_topic
    next_n: dict[str, int] = {}
    offsets: dict[int, int] = {}

    def records() -> Iterator[tuple[int, bytes, bytes]]:
        for partition, message in messages:
            placements = []
            for key, i in json.loads(message)["placements"]:
                n = next_n.get(key, 0)
                next_n[key] = n + 1
                placements.append((key, n, i))
            offset = offsets.get(partition, 0)
            offsets[partition] = offset + 1
            key_bytes, _ = topic.prepare_key(batch_key(partition, offset), None)
            value_bytes, _ = topic.prepare_value(batch_text(placements, message.decode(), at), None)
            yield partition, key_bytes, value_bytes

    return asyncio.run(_produce(settings, topic.get_topic_name(), records()))


async def _produce(settings: Settings, topic: str, records: Iterator[tuple[int, bytes, bytes]]) -> tuple[int, int]:
    # aiokafka builds record batches in C (kafka-python's pure-Python CRC32C ran at a few MB/s here)
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka.bootstrap,
        acks=1,
        linger_ms=20,
        max_batch_size=1 << 20,
        max_request_size=8 << 20,
    )
    await producer.start()
    count = size = 0
    try:
        pending = []
        for partition, key, value in records:
            pending.append(await producer.send(topic, value, key=key, partition=partition))
            count += 1
            size += len(key) + len(value)
            if len(pending) >= 500:
                await asyncio.gather(*pending)
                pending = []
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return count, size


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _consumed(port: int, stage: str) -> float:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
            text = resp.read().decode()
    except OSError:
        return 0.0
    want = f'contraflow_records_consumed_total{{stage="{stage}"}}'
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(want))


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _probe(settings: Settings, probe: Statement, n: int) -> None:
    """One statements message for ``detect`` (on partition 0 of the statements topic)."""
    from schemas import BlockedStatements

    s = probe.model_copy(update={"id": f"{probe.id}~probe{n}", "blocking_keys": [f"probe~{n}"]})
    message = BlockedStatements(article_id=s.article_id, statements=[s], placements=[(f"probe~{n}", 0)])
    producer = KafkaProducer(bootstrap_servers=settings.kafka.bootstrap, acks="all")
    try:
        producer.send(settings.topics.statements, value=message.model_dump_json().encode(), partition=0).get(60)
    finally:
        producer.close()


def measure_recovery(
    base: Settings,
    corpus: Sequence[tuple[str, list[Statement]]],
    statements: int,
    stores: Sequence[str],
    *,
    partitions: int = 6,
    timeout_s: float = 3600.0,
    memory_restart: bool = True,
    progress: Callable[[str], None] = print,
) -> list[RecoveryRun]:
    """Fill a fresh namespace's changelog with ``statements`` statements, then time workers recovering it.

    ``memory_restart=False``: ``memory://`` is started once (its restart reads the same changelog again)."""
    name = f"cfbench-rec-{uuid.uuid4().hex[:8]}"
    topics = {kind: f"{name}.{kind}" for kind in ("raw", "normalized", "statements", "contradictions", "deadletter")}
    settings = base.model_copy(
        update={
            "topics": base.topics.model_copy(update={**topics, "partitions": partitions}),
            "worker": base.worker.model_copy(update={"app_id": name}),
        }
    )
    admin = admin_client(settings.kafka)
    work = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    runs: list[RecoveryRun] = []
    try:
        admin.create_topics([NewTopic(t, partitions, 1) for t in topics.values()])
        started = time.monotonic()
        records, size = fill_changelog(settings, stored_messages(corpus, statements, partitions), time.time())
        took = time.monotonic() - started
        progress(f"{name}: {statements} statements, {records} changelog records, {size / 1e6:.0f} MB in {took:.0f}s")
        probe = next(s for _, found in corpus for s in found)
        n_probe = 0
        for store in stores:
            data_dir = work / store.split(":", 1)[0]
            for start in ("cold", "restart") if memory_restart or not store.startswith("memory") else ("cold",):
                n_probe += 1
                _probe(settings, probe, n_probe)
                env = {
                    "CONTRAFLOW_KAFKA__BOOTSTRAP": settings.kafka.bootstrap,
                    "CONTRAFLOW_ES__URL": settings.es.url,
                    "CONTRAFLOW_ES__INDEX_PREFIX": name,
                    **{f"CONTRAFLOW_TOPICS__{k.upper()}": v for k, v in topics.items()},
                    "CONTRAFLOW_TOPICS__PARTITIONS": str(partitions),
                    "CONTRAFLOW_WORKER__APP_ID": name,
                    "CONTRAFLOW_WORKER__DATA_DIR": str(data_dir),
                    "CONTRAFLOW_WORKER__STORE": store,
                }
                worker = WorkerProcess(
                    env=worker_env(env), log_path=work / f"worker-{len(runs)}.log", web_port=_free_port()
                )
                t0 = time.monotonic()
                worker.start()
                try:
                    while _consumed(worker.web_port, "detect") < 1:
                        if not worker.alive:
                            raise RuntimeError(f"worker died:\n{worker.log_tail()}")
                        if time.monotonic() - t0 > timeout_s:
                            raise RuntimeError(f"no probe handled after {timeout_s:.0f}s:\n{worker.log_tail()}")
                        time.sleep(0.2)
                    ready = time.monotonic() - t0
                    rss = _peak_rss_mb(worker.proc.pid) if worker.proc is not None else None
                finally:
                    worker.stop(grace_s=120)
                run = RecoveryRun(statements, store, start, records, round(size / 1e6, 1), round(ready, 1), rss)
                progress(json.dumps(asdict(run)))
                runs.append(run)
        return runs
    finally:
        delete_topics_with_prefix(admin, name)
        try:
            admin.delete_groups([name])
        except Exception as exc:  # an empty group left behind is harmless
            log.warning("bench_group_cleanup_failed group=%s error=%s", name, exc)
        admin.close()
        _delete_indices(settings, name)
        shutil.rmtree(work, ignore_errors=True)  # the workers' logs and stores (GBs at 10^6)


def _delete_indices(settings: Settings, prefix: str) -> None:
    from indexers import make_client

    client = make_client(settings.es)
    try:
        client.options(ignore_status=404).indices.delete(index=f"{prefix}-*")
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")
        client.options(ignore_status=404).cluster.delete_component_template(name=f"{prefix}-*")
    except Exception as exc:  # leftovers are harmless; say so
        log.warning("bench_es_cleanup_failed prefix=%s error=%s", prefix, exc)
    finally:
        client.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contraflow.bench.recovery", description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", default="100000,1000000", help="Comma-separated sizes (stored statements).")
    parser.add_argument("--stores", default="memory://,rocksdb://", help="Comma-separated Faust store URLs.")
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument("--articles", type=int, default=None, help="Corpus articles to extract (default: all).")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="Holds news/... (the corpus).")
    parser.add_argument("--json", type=Path, default=None, help="Also write the runs to this JSON file.")
    parser.add_argument(
        "--no-memory-restart", action="store_true", help="Start memory:// once (its restart is a cold start again)."
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    settings = load_settings()
    say = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    started = time.monotonic()
    corpus = _corpus_statements(args.data, args.articles)
    found = sum(len(s) for _, s in corpus)
    say(f"corpus: {len(corpus)} articles, {found} statements ({time.monotonic() - started:.0f}s)")
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    runs: list[RecoveryRun] = []
    for size in (int(s) for s in args.statements.split(",") if s.strip()):
        runs += measure_recovery(
            settings,
            corpus,
            size,
            stores,
            partitions=args.partitions,
            memory_restart=not args.no_memory_restart,
            progress=say,
        )
    print("| statements | store | start | changelog records | changelog MB | ready s | worker peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for r in runs:
        rss = f"{r.peak_rss_mb:.0f}" if r.peak_rss_mb is not None else "?"
        mb = f"{r.changelog_mb:,.0f}"
        print(f"| {r.statements:,} | `{r.store}` | {r.start} | {r.records:,} | {mb} | {r.ready_s} | {rss} |")
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(r) for r in runs], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
