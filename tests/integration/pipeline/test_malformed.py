"""Malformed records mixed with good ones: every bad one dead-lettered with its reason, every good one indexed."""

from __future__ import annotations

import base64
import json
import urllib.request

from contraflow.runner import expected_article_ids
from streams.metrics import METRIC_NAMES


def _scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
        return resp.read().decode()


def test_malformed_records_are_dead_lettered_and_good_ones_indexed(pipeline_factory, news_lines):
    ns = pipeline_factory(partitions=3, **{})
    limit = ns.settings.analysis.max_text_chars
    good = news_lines[:6]
    base = json.loads(good[0])
    bad = {
        b'{"id": "broken", "source": "x.org", "text": "unterminated': "invalid_json",
        b"\xff\xfe not utf-8 \x00": "invalid_encoding",
        json.dumps({"id": "no-text", "source": "x.org", "title": "t"}).encode(): "validation",
        json.dumps({"id": "typed", "source": "x.org", "text": ["not", "a", "string"]}).encode(): "validation",
        json.dumps({"id": "bad-date", "source": "x.org", "text": "Words.", "published_at": 17}).encode(): "validation",
        json.dumps([base]).encode(): "validation",
        json.dumps({"id": "empty", "source": "x.org", "text": "  \n\n "}).encode(): "empty_text",
        json.dumps({"id": "huge", "source": "x.org", "text": "word " * (limit // 5 + 10)}).encode(): "too_large",
        json.dumps({**base, "id": "french", "language": "fr"}).encode(): "unsupported_language",
    }
    mixed = []
    bad_items = list(bad)
    for i, line in enumerate(good):
        mixed.append(line)
        if i < len(bad_items):
            mixed.append(bad_items[i])
    mixed += bad_items[len(good) :]
    assert len(mixed) == len(good) + len(bad)

    ns.worker()
    ns.publish(mixed)
    expected_ids = expected_article_ids(good, max_text_chars=limit)
    ns.wait(articles=len(expected_ids))

    assert sorted(ns.ids("articles")) == sorted(expected_ids)
    letters = ns.dead_letters()
    got = {base64.b64decode(d["payload_b64"]): d for d in letters}
    assert len(letters) == len(bad), [(d["reason"], d["error"][:80]) for d in letters]
    assert set(got) == set(bad)
    for payload, reason in bad.items():
        d = got[payload]
        assert d["reason"] == reason, (reason, d["error"])
        assert d["stage"] == "normalise"
        assert d["error"].strip()
        assert d["topic"] == ns.settings.topics.raw and d["offset"] is not None
    # The worker is still alive and well after all of that, and says so on /metrics.
    assert all(w.alive for w in ns.workers)
    text = _scrape(ns.workers[0].web_port)
    for name in METRIC_NAMES:
        assert f"# HELP {name.removesuffix('_total')}" in text, name
    for reason in set(bad.values()):
        want = sum(1 for r in bad.values() if r == reason)
        line = f'contraflow_deadletter_records_total{{reason="{reason}",stage="normalise"}} {float(want)}'
        assert line in text, line
    e2e = [ln for ln in text.splitlines() if ln.startswith("contraflow_end_to_end_latency_seconds_count")]
    assert e2e and float(e2e[0].split()[-1]) >= len(expected_ids)
