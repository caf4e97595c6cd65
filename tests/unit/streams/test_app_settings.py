"""The Faust app takes its producer settings from contraflow's settings (no broker needed to build it)."""

from __future__ import annotations

from contraflow.settings import KafkaSettings, Settings
from streams.app import build_app


def test_defaults_produce_uncompressed_with_a_short_linger():
    app = build_app(Settings())
    assert app.conf.producer_compression_type is None
    assert app.conf.producer_linger == 0.005


def test_compression_and_linger_follow_the_settings():
    app = build_app(Settings(kafka=KafkaSettings(compression="gzip", linger_ms=25)))
    assert app.conf.producer_compression_type == "gzip"
    assert app.conf.producer_linger == 0.025
