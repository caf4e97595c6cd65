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


def test_open_input_names_a_missing_file_and_reads_a_real_one(tmp_path) -> None:
    import pytest

    from contraflow.errors import InputError
    from contraflow.jsonl import open_input

    missing = open_input(str(tmp_path / "missing.jsonl"), "articles")
    with pytest.raises(InputError, match="no such file: .*missing.jsonl .*JSON Lines file of articles"), missing:
        pass
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    with open_input(str(path), "articles") as stream:
        assert [obj for _, obj in read_json_objects(stream)] == [{"a": 1}]
    assert stream.closed
