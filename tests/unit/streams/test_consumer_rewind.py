from __future__ import annotations

from faust.types import TP

from contraflow.settings import Settings
from streams import build_pipeline
from streams.consumer import RewindingConsumer, partitions_to_rewind, stalled_partitions


def test_uncommitted_stream_partitions_are_rewound_and_changelogs_left_alone():
    raw0, raw1, raw2 = TP("raw", 0), TP("raw", 1), TP("raw", 2)
    log0 = TP("g-candidates-changelog", 0)
    committed = {raw0: 12, raw1: 0}  # raw1 committed at 0, raw2 never: both must be read from the start
    got = partitions_to_rewind({raw0, raw1, raw2, log0}, committed, {"g-candidates-changelog"})
    assert got == [raw1, raw2]


def test_the_worker_app_uses_the_rewinding_consumer():
    app = build_pipeline(Settings(), None).app
    assert app.transport.Consumer is RewindingConsumer


def test_an_idle_consumer_with_records_left_has_a_stalled_partition():
    raw4, raw5 = TP("articles.raw", 4), TP("articles.raw", 5)
    before = {raw4: (154, 179), raw5: (189, 188)}
    now = dict(before)
    assert stalled_partitions(before, now, {raw4: 180, raw5: 189}) == [raw4]


def test_a_moving_consumer_has_no_stalled_partition():
    raw4, raw5 = TP("articles.raw", 4), TP("articles.raw", 5)
    before = {raw4: (154, 179), raw5: (100, 120)}
    now = {raw4: (154, 179), raw5: (110, 121)}  # raw5 moved: the worker is busy, raw4 may just be queued
    assert stalled_partitions(before, now, {raw4: 180, raw5: 189}) == []


def test_no_snapshot_yet_or_nothing_left_is_no_stall():
    raw4 = TP("articles.raw", 4)
    assert stalled_partitions({}, {raw4: (10, 10)}, {raw4: 20}) == []
    assert stalled_partitions({raw4: (20, 19)}, {raw4: (20, 19)}, {raw4: 20}) == []
    assert stalled_partitions({raw4: (5, 4)}, {raw4: (5, 4)}, {raw4: None}) == []
