from __future__ import annotations

from faust.types import TP

from contraflow.settings import Settings
from streams import build_pipeline
from streams.consumer import RewindingConsumer, partitions_to_rewind


def test_uncommitted_stream_partitions_are_rewound_and_changelogs_left_alone():
    raw0, raw1, raw2 = TP("raw", 0), TP("raw", 1), TP("raw", 2)
    log0 = TP("g-candidates-changelog", 0)
    committed = {raw0: 12, raw1: 0}  # raw1 committed at 0, raw2 never: both must be read from the start
    got = partitions_to_rewind({raw0, raw1, raw2, log0}, committed, {"g-candidates-changelog"})
    assert got == [raw1, raw2]


def test_the_worker_app_uses_the_rewinding_consumer():
    app = build_pipeline(Settings(), None).app
    assert app.transport.Consumer is RewindingConsumer
