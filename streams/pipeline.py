"""Assemble one worker's pipeline: app, topics, tables, agents, ``/metrics`` and the consumer-lag gauge."""

from __future__ import annotations

import asyncio
import logging

from prometheus_client import generate_latest

from .agents import register_claims, register_detect, register_extract, register_index, register_normalise
from .app import build_app
from .context import DocumentSink, PipelineContext
from .metrics import Metrics
from .settings import PipelineSettings
from .tables import build_tables
from .topics import build_topics

__all__ = ["build_pipeline"]

log = logging.getLogger(__name__)

LAG_INTERVAL_S = 5.0


def build_pipeline(
    settings: PipelineSettings,
    sink: DocumentSink | None,
    *,
    metrics: Metrics | None = None,
    web_port: int | None = None,
    session_timeout_s: float | None = None,
) -> PipelineContext:
    """Build the Faust app with every agent of the pipeline.

    Parameters:
        settings: all configuration (topics, group = ``worker.app_id``, batch sizes, ...).
        sink: where ``extract`` and ``index-contradictions`` write (``indexers.EsWriter``); ``None`` indexes nothing.
        metrics: metrics registry holder (a fresh one by default).
        web_port: port of ``/metrics`` (default ``worker.web_port``).
        session_timeout_s: Kafka consumer session timeout (see :func:`streams.app.build_app`).

    Run it with ``faust.Worker(pipeline.app, ...)`` (what ``contraflow worker`` does).
    """
    app = build_app(settings, web_port=web_port, session_timeout_s=session_timeout_s)
    p = PipelineContext(
        app=app,
        settings=settings,
        topics=build_topics(app, settings),
        tables=build_tables(
            app, settings.topics.partitions, settings.worker.dedupe_window_s, settings.worker.candidates_window_s
        ),
        metrics=metrics or Metrics(),
        sink=sink,
    )
    register_normalise(p)
    register_extract(p)
    register_detect(p)
    register_claims(p)
    if sink is not None:
        register_index(p)
    _register_metrics(p)
    return p


def _register_metrics(p: PipelineContext) -> None:
    app, metrics = p.app, p.metrics
    consumed = set(p.topics.names()) - {p.topics.deadletter.get_topic_name()}

    @app.page("/metrics")
    async def metrics_page(web, request):  # faust view signature
        return web.bytes(
            generate_latest(metrics.registry),
            # aiohttp refuses a charset inside content_type; Prometheus reads plain text format 0.0.4.
            content_type="text/plain",
        )

    @app.timer(LAG_INTERVAL_S)
    async def consumer_lag() -> None:
        # An exception in a Faust timer crashes the whole worker (mode's Service.crash): while Kafka is down
        # position() can raise, and the gauge must not take the worker with it.
        try:
            await _measure_lag(app, metrics, consumed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the next tick measures again
            log.warning("consumer_lag_failed error=%r", exc)


async def _measure_lag(app, metrics: Metrics, consumed: set[str]) -> None:  # a faust.App
    """Set the consumer-lag gauge: per consumed topic, highwater less the committed offset."""
    consumer = app.consumer
    lag: dict[str, int] = {}
    for tp in consumer.assignment():
        if tp.topic not in consumed:
            continue  # table changelogs are read for recovery only; their "lag" means nothing
        try:
            high = consumer.highwater(tp)
        except Exception:  # not fetched yet after a rebalance
            continue
        committed = consumer._committed_offset.get(tp)  # faust keeps no public accessor for this
        position = committed if committed is not None else await consumer.position(tp)
        if high is None or position is None:
            continue
        lag[tp.topic] = lag.get(tp.topic, 0) + max(0, high - position)
    for topic, value in lag.items():
        metrics.consumer_lag.labels(topic).set(value)
