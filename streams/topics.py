"""The pipeline's Kafka topics. Every record travels as raw bytes and is validated by the agent that reads it."""

from __future__ import annotations

from dataclasses import dataclass

import faust

from .settings import PipelineSettings

__all__ = ["PipelineTopics", "build_topics", "by_hash_topic_name", "claim_links_topic_name"]


@dataclass(frozen=True)
class PipelineTopics:
    raw: faust.TopicT
    by_hash: faust.TopicT  # internal: normalised articles keyed by content hash (for de-duplication)
    normalized: faust.TopicT
    statements: faust.TopicT
    contradictions: faust.TopicT
    deadletter: faust.TopicT
    # internal: links between statements of one claim (detect -> claims), one partition: a claim may span keys
    # of every partition, so its components are kept in one place
    claim_links: faust.TopicT

    def names(self) -> list[str]:
        return [
            t.get_topic_name()
            for t in (self.raw, self.by_hash, self.normalized, self.statements, self.contradictions, self.deadletter,
                      self.claim_links)
        ]  # fmt: skip


def by_hash_topic_name(settings: PipelineSettings) -> str:
    """Name of the internal re-keying topic (one per consumer group)."""
    return f"{settings.worker.app_id}-articles-by-hash"


def claim_links_topic_name(settings: PipelineSettings) -> str:
    """Name of the internal topic of claim links (one per consumer group)."""
    return f"{settings.worker.app_id}-claim-links"


def build_topics(app: faust.App, settings: PipelineSettings) -> PipelineTopics:
    """Declare the topics on ``app`` (created on worker start if missing)."""
    t = settings.topics

    def topic(name: str, *, internal: bool = False, partitions: int | None = None) -> faust.TopicT:
        return app.topic(
            name,
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
            partitions=partitions or t.partitions,
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
        claim_links=topic(claim_links_topic_name(settings), internal=True, partitions=1),
    )
