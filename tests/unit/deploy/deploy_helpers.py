"""Helpers for the deploy checks: repository paths and external tools (promtool, chromium).

A tool that is missing makes its tests skip with the reason, unless ``CI=true`` (then they fail:
CI must run them) or we are root (then ``deploy/ci/system-deps.sh`` should have installed it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from contraflow.settings import Settings

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"
# What the code reads at run time ships in the package (contraflow/assets/__init__.py).
ASSETS = REPO / "contraflow" / "assets"


def require_tool(name: str, package: str) -> str:
    """Path of ``name`` on PATH; skip (or fail under CI / as root) when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} not found: install Debian package {package!r} (run: bash deploy/ci/system-deps.sh as root)"
    if os.environ.get("CI", "").lower() == "true" or (hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.fail(message)
    pytest.skip(message)


def settings_env_names() -> set[str]:
    """Every environment variable name ``Settings`` reads (``CONTRAFLOW_SECTION__FIELD``)."""
    names = set()
    for name, field in Settings.model_fields.items():
        default = field.default
        if isinstance(default, BaseModel):
            names |= {f"CONTRAFLOW_{name}__{sub}".upper() for sub in type(default).model_fields}
        else:
            names.add(f"CONTRAFLOW_{name}".upper())
    return names
