"""A lane: one isolated pipeline instance (topics, indices, templates, consumer group) for one measurement.

Every name derives from the lane's name, so a bench run never touches anyone else's topics or indices, and
clean-up can find everything it created (Faust's own changelog topics included) by prefix.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from elasticsearch import ApiError, Elasticsearch, NotFoundError

from indexers.templates import component_templates, index_templates

from ..settings import Settings
from .kafka_util import admin_client, delete_topics_with_prefix

__all__ = ["Lane"]

log = logging.getLogger(__name__)

_TOPIC_KINDS = ("raw", "normalized", "statements", "contradictions", "deadletter")


@dataclass(frozen=True)
class Lane:
    """Names of one isolated pipeline; ``name`` must be a lower-case Kafka topic and ES index prefix."""

    name: str

    def __post_init__(self) -> None:
        if self.name != self.name.lower() or not self.name.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"lane name must be lower-case letters, digits, '-' or '_': {self.name!r}")

    @property
    def topics(self) -> dict[str, str]:
        """Topic kind (as in ``TopicSettings``) -> topic name."""
        return {kind: f"{self.name}.{kind}" for kind in _TOPIC_KINDS}

    def settings(self, base: Settings) -> Settings:
        """``base`` pointed at this lane: its topics, index prefix and consumer group."""
        return base.model_copy(
            update={
                "topics": base.topics.model_copy(update=self.topics),
                "es": base.es.model_copy(update={"index_prefix": self.name}),
                "worker": base.worker.model_copy(update={"app_id": self.name}),
            }
        )

    def worker_env(self, settings: Settings, data_dir: Path) -> dict[str, str]:
        """The ``CONTRAFLOW_*`` variables that point a ``contraflow worker`` at this lane."""
        env = {f"CONTRAFLOW_TOPICS__{kind.upper()}": topic for kind, topic in self.topics.items()}
        env.update(
            {
                "CONTRAFLOW_TOPICS__PARTITIONS": str(settings.topics.partitions),
                "CONTRAFLOW_KAFKA__BOOTSTRAP": settings.kafka.bootstrap,
                "CONTRAFLOW_ES__URL": settings.es.url,
                "CONTRAFLOW_ES__INDEX_PREFIX": self.name,
                "CONTRAFLOW_WORKER__APP_ID": self.name,
                "CONTRAFLOW_WORKER__DATA_DIR": str(data_dir),
            }
        )
        return env

    def cleanup(self, settings: Settings, client: Elasticsearch) -> None:
        """Delete this lane's topics, consumer group, indices and templates; log what could not go."""
        admin = admin_client(settings.kafka)
        try:
            topics = delete_topics_with_prefix(admin, self.name)
            try:
                admin.delete_groups([self.name])
            except Exception as exc:  # a group that never formed is fine; anything else only leaves metadata
                log.debug("bench_group_cleanup lane=%s error=%s", self.name, exc)
        finally:
            admin.close()
        try:
            indices = list(client.indices.get(index=f"{self.name}-*", expand_wildcards="all"))
        except NotFoundError:
            indices = []
        try:
            if indices:  # by name: ES refuses wildcard deletes by default
                client.indices.delete(index=indices, ignore_unavailable=True)
            quiet = client.options(ignore_status=404)  # a lane whose workers never started has no templates
            for name in index_templates(self.name):
                quiet.indices.delete_index_template(name=name)
            for name in component_templates(self.name):
                quiet.cluster.delete_component_template(name=name)
        except ApiError as exc:
            log.warning("bench_es_cleanup_failed lane=%s error=%s", self.name, exc)
        log.info("bench_lane_cleaned lane=%s topics=%d indices=%d", self.name, len(topics), len(indices))
