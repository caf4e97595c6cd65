"""Reading JSON Lines input for the offline commands: one object per line, bad lines named, never fatal."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError

__all__ = ["open_input", "read_json_objects"]


@contextmanager
def open_input(file: str, what: str) -> Iterator[BinaryIO]:
    """The binary stream of ``file``, or of stdin for ``-``; a missing file is an ``InputError``.

    ``what`` names the expected content for the error message, e.g. "articles".
    """
    if file == "-":
        yield sys.stdin.buffer
        return
    path = Path(file)
    if not path.is_file():
        raise InputError(f"no such file: {file} (give a JSON Lines file of {what}, or - for stdin)")
    with path.open("rb") as stream:
        yield stream


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
