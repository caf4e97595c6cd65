from __future__ import annotations

import json

from contraflow.publish import compression_type, record_key, validate_line
from contraflow.runner import expected_article_ids

GOOD = {"id": "p1", "source": "www.x.org", "title": "T", "text": "He said it."}


def _line(obj) -> bytes:
    return json.dumps(obj).encode()


def test_strict_validation_reasons():
    assert validate_line(_line(GOOD), max_text_chars=100) is None
    assert "JSON" in validate_line(b'{"id": ', max_text_chars=100)
    assert "object" in validate_line(b"[]", max_text_chars=100)
    assert "text" in validate_line(_line({"source": "x"}), max_text_chars=100)
    assert "limit" in validate_line(_line({**GOOD, "text": "w" * 101}), max_text_chars=100)
    assert "language" in validate_line(_line({**GOOD, "language": "de"}), max_text_chars=100)


def test_key_is_the_id_the_worker_gives_the_article():
    assert record_key(_line(GOOD)) == b"p1"
    no_id = {k: v for k, v in GOOD.items() if k != "id"}
    a, b = record_key(_line(no_id)), record_key(_line({**no_id, "source": "X.org"}))
    assert a == b and a.startswith(b"x.org-")  # canonical source, content-derived id
    assert record_key(b"not json").startswith(b"raw-")
    assert record_key(b"not json") == record_key(b"not json")


def test_compression_is_available():
    assert compression_type() in ("lz4", "gzip")


def test_expected_ids_skip_bad_lines_and_duplicate_content():
    lines = [_line(GOOD), _line({**GOOD, "id": "copy"}), b"{bad", _line({**GOOD, "id": "p2", "text": "Other."})]
    assert expected_article_ids(lines, max_text_chars=1000) == {"p1", "p2"}
