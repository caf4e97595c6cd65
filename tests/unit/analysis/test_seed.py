"""The seed article of issue 4: who denies and who has not confirmed the North Korean troop reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import InMemoryCandidateIndex, detect, extract_statements
from analysis.normalize import normalize_article
from schemas import ArticleIn

SEED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "seed" / "censor-net-2024-10-21.jsonl"


@pytest.fixture(scope="module")
def seed(nlp):
    if not SEED.exists():
        pytest.skip(f"shared seed article not found at {SEED}")
    article = normalize_article(ArticleIn(**json.loads(SEED.read_text().splitlines()[0])))
    statements = extract_statements(article, nlp)
    index = InMemoryCandidateIndex()
    found = []
    for s in statements:
        found.extend(detect(s, index))
        index.add(s)
    return statements, found


def _name(s) -> str:
    return s.speaker.name.removeprefix("the ")


def _speakers(c):
    return {_name(c.a), _name(c.b)}


def test_kovalenko_denies_each_figure(seed):
    _, found = seed
    denials = [c for c in found if c.kind == "denial"]
    others = {next(iter(_speakers(c) - {"Andrii Kovalenko"})) for c in denials}
    assert all("Andrii Kovalenko" in _speakers(c) for c in denials)
    assert others == {"Volodymyr Zelenskyy", "Washington Post", "Kyrylo Budanov"}


def test_austin_has_not_confirmed_the_claims(seed):
    _, found = seed
    unconfirmed = [c for c in found if c.kind == "unconfirmed"]
    assert unconfirmed and all("Lloyd Austin" in _speakers(c) for c in unconfirmed)
    assert {next(iter(_speakers(c) - {"Lloyd Austin"})) for c in unconfirmed} >= {
        "Volodymyr Zelenskyy",
        "Kyrylo Budanov",
    }
    for c in unconfirmed:
        assert c.score < min(d.score for d in found if d.kind == "denial") + 0.2


def test_no_other_pairs(seed):
    statements, found = seed
    assert {c.kind for c in found} == {"denial", "unconfirmed"}
    # compatible figures (ten thousand / several thousand / nearly 11,000) are never paired
    assert not any(c.kind == "quantity" for c in found)
    # "could send" and "would mean" are not factual claims, and pair with nothing
    for c in found:
        for side in (c.a, c.b):
            assert "could send" not in side.text and "would mean" not in side.text
    modal = [s for s in statements if "could send" in s.text or "would mean" in s.text]
    assert len(modal) == 2 and all(s.modality != "fact" for s in modal)


def test_speakers_are_named(seed):
    statements, found = seed
    assert all(c.a.speaker.name and c.b.speaker.name for c in found)
    quote = next(s for s in statements if "would mean" in s.text)
    assert quote.speaker.name == "Mark Rutte"  # "the NATO Secretary General" resolved to the name
    assert next(s for s in statements if "Washington Post" in s.text).speaker.type == "outlet"
