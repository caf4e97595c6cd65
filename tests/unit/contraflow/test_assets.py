"""What the CLI reads at run time ships as package data and is read through ``importlib.resources``
(tests/packaging/test_wheel.py proves it on an installed wheel)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import contraflow.assets as assets
from contraflow.stack import load_versions

PACKAGE = Path(assets.__file__).parent


def test_every_asset_the_docstring_lists_exists_and_the_wheel_config_ships_it():
    listed = re.findall(r"^    (\S+/\S+\.\w+)\s", assets.__doc__ or "", re.M)
    assert len(listed) == 4, listed
    for name in listed:
        assert assets.asset(*name.split("/")).is_file(), name
    shipped = Path(__file__).resolve().parents[3] / "pyproject.toml"
    patterns = re.search(r'^"contraflow.assets" = \[(.*)\]$', shipped.read_text(), re.M)
    assert patterns, "pyproject.toml lists no package data for contraflow.assets"
    globs = re.findall(r'"([^"]+)"', patterns.group(1))
    for name in listed:
        assert any(Path(name).match(g) for g in globs), f"{name} is not shipped by {globs}"


def test_versions_come_from_the_package():
    data = json.loads(assets.asset_text("stack", "versions.json"))
    versions = load_versions()
    assert (versions.kafka, versions.scala, versions.elasticsearch) == (
        data["kafka"],
        data["scala"],
        data["elasticsearch"],
    )


def test_copy_asset_gives_a_real_file_in_a_folder_of_ours(tmp_path):
    copy = assets.copy_asset(tmp_path / "kafka", "stack", "kafka-pom.xml")
    assert copy == tmp_path / "kafka" / "kafka-pom.xml"
    assert copy.read_bytes() == (PACKAGE / "stack" / "kafka-pom.xml").read_bytes()
    assert "<project" in copy.read_text()
