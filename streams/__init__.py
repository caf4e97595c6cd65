"""The Faust side of contraflow: app, topics, tables, agents and metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemas.lazy import lazy_exports

if TYPE_CHECKING:
    from .app import build_app
    from .context import DocumentSink, PipelineContext
    from .metrics import METRIC_NAMES, Metrics
    from .pipeline import build_pipeline
    from .tables import PipelineTables, build_tables
    from .topics import PipelineTopics, build_topics, by_hash_topic_name

__all__ = [
    "METRIC_NAMES",
    "DocumentSink",
    "Metrics",
    "PipelineContext",
    "PipelineTables",
    "PipelineTopics",
    "build_app",
    "build_pipeline",
    "build_tables",
    "build_topics",
    "by_hash_topic_name",
]

# The submodule of each public name, imported on first use: importing one submodule (``streams.settings``,
# ``streams.errors``) does not load Faust, so the CLI composes its settings without paying for it.
_WHERE = {
    "DocumentSink": "context",
    "METRIC_NAMES": "metrics",
    "Metrics": "metrics",
    "PipelineContext": "context",
    "PipelineTables": "tables",
    "PipelineTopics": "topics",
    "build_app": "app",
    "build_pipeline": "pipeline",
    "build_tables": "tables",
    "build_topics": "topics",
    "by_hash_topic_name": "topics",
}

__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
