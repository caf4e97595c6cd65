"""Reading JSON Lines input for the offline commands: one object per line, bad lines named, never fatal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

__all__ = ["read_json_objects"]


def read_json_objects(stream: BinaryIO, expected: str = "a JSON object") -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Yield ``(line number, object)`` for each good line, ``(line number, error message)`` for a bad one.

    Blank lines are skipped. ``expected`` names what a line should hold, for the message on a non-object.
    """
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield lineno, f"line {lineno}: not UTF-8 text (binary data?); skipped"
            continue
        if "\x00" in line:
            yield lineno, f"line {lineno}: contains NUL bytes (binary data?); skipped"
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, f"line {lineno}: not valid JSON ({exc.msg}, column {exc.colno}); skipped"
            continue
        if not isinstance(data, dict):
            yield lineno, f"line {lineno}: expected a JSON object ({expected}), got {type(data).__name__}; skipped"
            continue
        yield lineno, data
