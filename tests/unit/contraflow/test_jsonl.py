"""contraflow.jsonl: good lines become objects, every bad line becomes one message naming it."""

from __future__ import annotations

import io

from contraflow.jsonl import read_json_objects


def test_good_and_bad_lines_are_told_apart_by_line_number() -> None:
    data = b'{"a": 1}\n\nnot json\n[1, 2]\n\xff\xfe\n{"b": "\\u0000"}\x00\n{"c": 3}\n'
    out = list(read_json_objects(io.BytesIO(data), "an article"))
    assert [n for n, _ in out] == [1, 3, 4, 5, 6, 7]
    assert out[0][1] == {"a": 1} and out[-1][1] == {"c": 3}
    messages = [m for _, m in out if isinstance(m, str)]
    assert len(messages) == 4
    assert "line 3: not valid JSON" in messages[0]
    assert "line 4: expected a JSON object (an article), got list" in messages[1]
    assert "line 5: not UTF-8" in messages[2]
    assert "line 6: contains NUL" in messages[3]
