"""The Faust side of contraflow: app, topics, tables, agents and metrics."""

from .app import build_app
from .context import DocumentSink, Pipeline
from .metrics import METRIC_NAMES, Metrics
from .pipeline import build_pipeline
from .tables import PipelineTables, build_tables
from .topics import PipelineTopics, build_topics, by_hash_topic_name

__all__ = [
    "METRIC_NAMES",
    "DocumentSink",
    "Metrics",
    "Pipeline",
    "PipelineTables",
    "PipelineTopics",
    "build_app",
    "build_pipeline",
    "build_tables",
    "build_topics",
    "by_hash_topic_name",
]
