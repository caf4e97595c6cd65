"""Secrets read from files (the Docker-secrets convention), shared by every layer's settings section.

``CONTRAFLOW_<SECTION>__<FIELD>_FILE`` names a file whose content is the secret ``<FIELD>``. The sections that
read one live in ``streams``, ``indexers`` and ``contraflow``; ``streams`` and ``indexers`` may not import each
other, so the one reader lives here, in the leaf every layer may import. It reads a local file and imports
nothing but the standard library: the core stays free of I/O libraries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["secret_from_file"]


def secret_from_file(data: Any, section: str, field: str) -> Any:
    """Fill ``field`` from the file named by ``<field>_file``, before a section's validation.

    For a pydantic ``mode="before"`` validator: ``data`` is the section's raw input; unless it is a dict with a
    ``<field>_file`` set, it is returned as it is. Otherwise a copy is returned with the file's content (less a
    trailing newline) as ``field`` and ``<field>_file`` set to ``None``: the file is read once, and a copy of the
    settings (flags on top) validates the value alone.

    Raises ``ValueError`` naming ``CONTRAFLOW_<SECTION>__<FIELD>_FILE`` (never the secret) when ``field`` is set
    too, when the file cannot be read, or when it is empty.

        >>> secret_from_file({"password": None, "password_file": None}, "es", "password")
        {'password': None, 'password_file': None}
    """
    if not isinstance(data, dict) or not data.get(f"{field}_file"):
        return data
    env = f"CONTRAFLOW_{section}__{field}".upper()
    if data.get(field) is not None:
        raise ValueError(f"{section}: both {env} and {env}_FILE are set: keep one")
    path = Path(data[f"{field}_file"])
    try:
        text = path.read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{section}: cannot read {env}_FILE {path} ({type(exc).__name__}): fix the path") from None
    if not text:
        raise ValueError(f"{section}: {env}_FILE {path} is empty")
    return {**data, field: text, f"{field}_file": None}
