"""Recall stage by stage: where each expected pair of a labelled case is lost (sentences written for the test)."""

from __future__ import annotations

from analysis.kinds.stages import STAGES, recall_stages


def _article(aid: str, source: str, text: str) -> dict:
    return {"id": aid, "url": None, "source": source, "title": "", "text": text,
            "published_at": "2025-05-14T09:00:00Z", "language": "en", "authors": []}  # fmt: skip


def _pair(kind: str, a: tuple[str, str], b: tuple[str, str]) -> dict:
    return {"a": {"article": a[0], "quote": a[1]}, "b": {"article": b[0], "quote": b[1]}, "kind": kind}


def test_each_expected_pair_is_counted_up_to_the_stage_where_it_is_lost(nlp):
    case = {
        "case": "tram-line",
        "articles": [
            _article(
                "x1",
                "north.example",
                "The city council approved the new Felby tram line on Tuesday, Mayor "
                "Kaja Lund said. Ticket machines at Orrin station were repaired overnight, the operator said.",
            ),
            _article(
                "x2",
                "south.example",
                "The city council rejected the new Felby tram line on Tuesday, "
                "opposition councillor Eda Pym said. Bakers in Hallam went on strike, their union said.",
            ),
        ],  # fmt: skip
        "expected": [
            # found: one claim, opposite verbs
            _pair("antonym", ("x1", "approved the new Felby tram line"), ("x2", "rejected the new Felby tram line")),
            # lost at extraction: the quote is in no article
            _pair("negation", ("x1", "the tram line will not open"), ("x2", "rejected the new Felby tram line")),
            # lost at blocking: nothing in common
            _pair("negation", ("x1", "Ticket machines at Orrin station"), ("x2", "Bakers in Hallam went on strike")),
        ],
        "forbidden": [],
    }
    counts = recall_stages([case], nlp)
    assert [counts.total[s] for s in STAGES] == [3, 2, 1, 1, 1]
    assert counts.by_kind["antonym"]["found"] == 1
    assert counts.by_kind["negation"]["expected"] == 2 and counts.by_kind["negation"]["extracted"] == 1
    assert counts.by_kind["negation"]["share_key"] == 0
