"""Pinned checksums of the local stack's Maven downloads: complete for the pinned versions, and enforced."""

from __future__ import annotations

import re

import pytest

from contraflow.errors import StackError
from contraflow.stack import checksums, load_versions
from contraflow.stack.checksums import file_sha512, load_checksums, verify_downloads


def test_every_pinned_version_has_pins_for_its_main_artifacts():
    versions, pins = load_versions(), load_checksums()
    kafka = pins[f"kafka-{versions.kafka}"]
    es = pins[f"elasticsearch-{versions.elasticsearch}"]
    assert f"kafka_{versions.scala}-{versions.kafka}.jar" in kafka and f"kafka-clients-{versions.kafka}.jar" in kafka
    assert list(es) == [f"elasticsearch-{versions.elasticsearch}.zip"]
    for service in (kafka, es):
        for name, pin in service.items():
            assert re.fullmatch(r"[0-9a-f]{128}", pin["sha512"]), name
            assert pin["checked_against"], name
    # Most Kafka jars were checked against a checksum Maven Central publishes, not only pinned as downloaded.
    assert sum(p["checked_against"].startswith("Maven Central") for p in kafka.values()) == len(kafka)


def test_a_file_that_differs_from_its_pin_is_deleted_and_named(tmp_path):
    versions = load_versions()
    jar = tmp_path / f"kafka_{versions.scala}-{versions.kafka}.jar"
    jar.write_bytes(b"not the jar Maven Central serves")
    with pytest.raises(StackError) as info:
        verify_downloads("kafka", versions.kafka, [jar])
    assert jar.name in str(info.value) and "deleted" in str(info.value) and "\n" not in str(info.value)
    assert not jar.exists()


def test_a_file_without_a_pin_is_refused(tmp_path):
    extra = tmp_path / "evil-1.0.jar"
    extra.write_bytes(b"x")
    with pytest.raises(StackError, match=r"evil-1.0.jar \(not pinned\)"):
        verify_downloads("kafka", load_versions().kafka, [extra])
    assert not extra.exists()


def test_a_version_without_pins_is_refused(tmp_path):
    with pytest.raises(StackError, match="no pinned checksums for kafka-0.0.1"):
        verify_downloads("kafka", "0.0.1", [])


def test_matching_files_pass(tmp_path, monkeypatch):
    good = tmp_path / "good-1.0.jar"
    good.write_bytes(b"the right bytes")
    pins = {"kafka-9.9.9": {good.name: {"sha512": file_sha512(good), "checked_against": "test"}}}
    monkeypatch.setattr(checksums, "load_checksums", lambda: pins)
    assert verify_downloads("kafka", "9.9.9", [good]) == 1
    assert good.exists()
