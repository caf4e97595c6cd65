"""The Faust app takes its producer settings from contraflow's settings (no broker needed to build it)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from contraflow.settings import KafkaSettings, Settings, WorkerSettings
from streams.app import build_app


def test_defaults_produce_uncompressed_with_a_short_linger():
    app = build_app(Settings())
    assert app.conf.producer_compression_type is None
    assert app.conf.producer_linger == 0.005


def test_compression_and_linger_follow_the_settings():
    app = build_app(Settings(kafka=KafkaSettings(compression="gzip", linger_ms=25)))
    assert app.conf.producer_compression_type == "gzip"
    assert app.conf.producer_linger == 0.025


def test_no_standby_tables_by_default_and_the_setting_restores_them():
    # a standby replays every changelog record of the partitions it stands by for (~18% of a worker's CPU
    # with 2 workers, docs/performance.md): off unless asked for
    assert build_app(Settings()).conf.table_standby_replicas == 0
    app = build_app(Settings(worker=WorkerSettings(standby_replicas=1)))
    assert app.conf.table_standby_replicas == 1


def test_claims_may_not_be_forgotten_before_the_statements_they_hold():
    assert WorkerSettings(candidates_window_s=3600, claims_window_s=3600).claims_window_s == 3600
    with pytest.raises(ValidationError, match="claims_window_s .* shorter than candidates_window_s"):
        WorkerSettings(candidates_window_s=7200, claims_window_s=3600)
