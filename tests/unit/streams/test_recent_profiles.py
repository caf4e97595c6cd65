"""streams.agents.detect.RecentProfiles: a statement's copies in other messages reuse its profile, if equal."""

from __future__ import annotations

from schemas import Statement, statement_id
from streams.agents.detect import RecentProfiles


def _st(n: int, text: str = "Police said 12 people died.") -> Statement:
    return Statement(
        id=statement_id("a", n, n + len(text)),
        article_id="a",
        source="s",
        text=text,
        start=n,
        end=n + len(text),
        blocking_keys=["n:police", "n:die"],
    )


def test_an_equal_copy_gets_the_same_profile_a_changed_one_a_new_profile():
    recent = RecentProfiles()
    first = recent.get(_st(0))
    assert recent.get(_st(0)) is first  # another message's copy: equal, so the profile is reused
    changed = _st(0).model_copy(update={"cue": "deny"})  # same id, other content (a re-published article)
    prof = recent.get(changed)
    assert prof is not first and prof.statement == changed and prof.cue_based
    assert not first.cue_based


def test_only_the_newest_ids_are_kept():
    recent = RecentProfiles(size=3)
    oldest = recent.get(_st(0))
    for n in range(1, 4):
        recent.get(_st(n))
    assert recent.get(_st(0)) is not oldest  # evicted: made again
    assert recent.get(_st(3)) is recent.get(_st(3))
