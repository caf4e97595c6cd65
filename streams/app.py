"""Build the ``faust.App`` from the settings (:class:`~streams.settings.PipelineSettings`)."""

from __future__ import annotations

from typing import Any

import faust

from .consumer import RewindingConsumer
from .security import faust_credentials
from .settings import PipelineSettings

__all__ = ["build_app"]


def build_app(
    settings: PipelineSettings, *, web_port: int | None = None, session_timeout_s: float | None = None
) -> faust.App:
    """A Faust app wired to the configured broker, store, partitions and web port.

    Parameters:
        settings: all configuration; ``worker.app_id`` is also the Kafka consumer group.
        web_port: port of the worker's web server that serves ``/metrics`` (default ``worker.web_port``).
        session_timeout_s: consumer session timeout (optional). Shorter means a killed worker's partitions move
            to the survivors sooner; it must stay well above the heartbeat interval.
    """
    brokers = [f"kafka://{host.strip()}" for host in settings.kafka.bootstrap.split(",") if host.strip()]
    extra: dict[str, Any] = {}  # faust.App's keyword arguments
    if session_timeout_s is not None:
        extra["broker_session_timeout"] = session_timeout_s
        extra["broker_heartbeat_interval"] = max(1.0, session_timeout_s / 5)
    app = faust.App(
        settings.worker.app_id,
        broker=brokers,
        broker_client_id=settings.kafka.client_id,
        broker_credentials=faust_credentials(settings.kafka),
        store=settings.worker.store,
        datadir=str(settings.worker.data_dir),
        autodiscover=False,
        topic_partitions=settings.topics.partitions,
        topic_replication_factor=settings.topics.replication,
        # Read a new topic from its start: no article published before the first worker may be skipped.
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        # A rebalance waits until the events already handed to agents are acked, so no offset is left behind
        # a gap (a dropped in-flight event would pin the partition's commit). Our batches are flushed by a
        # timer (streams/batching.py), never by the next event, so waiting cannot deadlock the way Faust's
        # take_events() can (faust-streaming/faust#133).
        stream_wait_empty=True,
        producer_compression_type=None if settings.kafka.compression == "none" else settings.kafka.compression,
        producer_linger=settings.kafka.linger_ms / 1000.0,
        table_standby_replicas=settings.worker.standby_replicas,
        web_enabled=True,
        # The web server is for /metrics only: Faust's /table views would serve every stored statement and
        # /router the cluster's worker URLs to anyone who reaches the port (no table_route is used here).
        web_tables_enabled=False,
        web_router_enabled=False,
        web_stats_enabled=False,
        web_graph_enabled=False,
        web_metrics_enabled=False,
        web_bind=settings.worker.web_bind,
        web_port=settings.worker.web_port if web_port is None else web_port,
        web_in_thread=False,
        **extra,
    )
    # Instance attribute: the transport creates the consumer lazily, when the worker starts.
    app.transport.Consumer = RewindingConsumer  # type: ignore[misc]
    return app
