"""Settings: defaults, environment variables, flag overrides, masked secrets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from contraflow.errors import ConfigError
from contraflow.settings import Settings, load_settings


def test_defaults_point_at_the_local_stack():
    settings = load_settings()
    assert settings.kafka.bootstrap == "localhost:9092"
    assert settings.es.url == "http://localhost:9200"
    assert settings.stack.kafka_port == 9092
    assert settings.stack.es_port == 9200


def test_environment_variables_use_prefix_and_nested_delimiter(monkeypatch):
    monkeypatch.setenv("CONTRAFLOW_KAFKA__BOOTSTRAP", "broker-a:19092,broker-b:19092")
    monkeypatch.setenv("CONTRAFLOW_ES__BULK_CHUNK_SIZE", "77")
    monkeypatch.setenv("CONTRAFLOW_STACK__HOME", "/tmp/elsewhere")
    monkeypatch.setenv("CONTRAFLOW_STACK__ES_PORT", "19200")
    settings = load_settings()
    assert settings.kafka.bootstrap == "broker-a:19092,broker-b:19092"
    assert settings.es.bulk_chunk_size == 77
    assert settings.stack.home == Path("/tmp/elsewhere")
    assert settings.stack.es_port == 19200


def test_flags_override_environment_and_none_means_not_given(monkeypatch):
    monkeypatch.setenv("CONTRAFLOW_ES__URL", "http://from-env:9200")
    monkeypatch.setenv("CONTRAFLOW_STACK__KAFKA_PORT", "19092")
    settings = load_settings(es={"url": "http://from-flag:9200"}, stack={"kafka_port": None, "es_port": 29200})
    assert settings.es.url == "http://from-flag:9200"
    assert settings.stack.kafka_port == 19092  # None = flag not given: the env value stays
    assert settings.stack.es_port == 29200


def test_invalid_values_are_rejected(monkeypatch):
    monkeypatch.setenv("CONTRAFLOW_STACK__ES_PORT", "70000")
    with pytest.raises(ConfigError):
        load_settings()


def test_unknown_field_in_a_section_is_rejected():
    with pytest.raises(ConfigError):
        load_settings(kafka={"bootstrapp": "typo:9092"})


def test_settings_are_frozen():
    settings = load_settings()
    with pytest.raises(ValidationError):
        settings.log_level = "DEBUG"  # type: ignore[misc]


def test_password_is_secret_and_masked_in_safe_dict(monkeypatch):
    monkeypatch.setenv("CONTRAFLOW_ES__USERNAME", "elastic")
    monkeypatch.setenv("CONTRAFLOW_ES__PASSWORD", "hunter2-very-secret")
    settings = Settings()
    assert settings.es.password is not None
    assert settings.es.password.get_secret_value() == "hunter2-very-secret"
    assert "hunter2" not in repr(settings)
    safe = settings.safe_dict()
    assert safe["es"]["username"] == "elastic"
    assert "hunter2" not in json.dumps(safe)
    assert safe["es"]["password"] not in (None, "")


def test_safe_dict_without_password_is_plain_json():
    safe = load_settings().safe_dict()
    assert safe["es"]["password"] is None
    json.dumps(safe)  # serialisable for the startup log line
