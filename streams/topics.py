"""The pipeline's Kafka topics. Every record travels as raw bytes and is validated by the agent that reads it."""

from __future__ import annotations

from dataclasses import dataclass

import faust

from .settings import PipelineSettings

__all__ = ["PipelineTopics", "build_topics", "by_hash_topic_name"]


@dataclass(frozen=True)
class PipelineTopics:
    raw: faust.TopicT
    by_hash: faust.TopicT  # internal: normalised articles keyed by content hash (for de-duplication)
    normalized: faust.TopicT
    statements: faust.TopicT
    contradictions: faust.TopicT
    deadletter: faust.TopicT

    def names(self) -> list[str]:
        return [
            t.get_topic_name()
            for t in (self.raw, self.by_hash, self.normalized, self.statements, self.contradictions, self.deadletter)
        ]


def by_hash_topic_name(settings: PipelineSettings) -> str:
    """Name of the internal re-keying topic (one per consumer group)."""
    return f"{settings.worker.app_id}-articles-by-hash"


def build_topics(app: faust.App, settings: PipelineSettings) -> PipelineTopics:
    """Declare the topics on ``app`` (created on worker start if missing)."""
    t = settings.topics

    def topic(name: str, *, internal: bool = False) -> faust.TopicT:
        return app.topic(
            name,
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
            partitions=t.partitions,
            replicas=t.replication,
            internal=internal,
        )

    return PipelineTopics(
        raw=topic(t.raw),
        by_hash=topic(by_hash_topic_name(settings), internal=True),
        normalized=topic(t.normalized),
        statements=topic(t.statements),
        contradictions=topic(t.contradictions),
        deadletter=topic(t.deadletter),
    )
