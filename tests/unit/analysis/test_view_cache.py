"""The statement-view cache is shared by the worker's NLP thread (extraction reads rare words) and its event loop
(detection): lookups, inserts and evictions from both at once must never raise."""

from __future__ import annotations

import sys
import threading

import pytest

from analysis.kinds import view


@pytest.fixture
def tiny_cache(monkeypatch: pytest.MonkeyPatch):
    # a cache of a few entries evicts on nearly every insert: the race, if any, shows at once
    monkeypatch.setattr(view, "_CACHE_SIZE", 3)
    monkeypatch.setattr(view._by_object, "size", 3)
    view._by_object.clear()
    view._views.clear()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch between any two bytecodes, not every 5 ms
    yield
    sys.setswitchinterval(interval)
    view._by_object.clear()
    view._views.clear()


def test_views_from_several_threads_never_raise(tiny_cache, make_statement):
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work(offset: int) -> None:
        start.wait()
        try:
            for n in range(3000):
                s = make_statement(
                    offset + n % 50, ["k"], text=f"Minister {n % 7} said the bridge at Ystad {n} was shut"
                )
                assert view.view_of(s).s is s
        except BaseException as exc:  # reported below: a thread's exception would otherwise be lost
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i * 1000,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(view._by_object) <= 3 and len(view._views) <= 3


def test_ranking_candidates_builds_no_view_of_a_stored_statement(tiny_cache, make_statement, monkeypatch):
    # A store far larger than the view cache: ranking a new statement's candidates must read what each stored
    # profile kept, not rebuild the view the cache has long let go (at 10^5 stored that was most of detect's time).
    from analysis.blocking import profile
    from analysis.detection import select_candidates

    texts = [f"The port authority of Ystad said {n} ferries were cancelled on Monday by the storm" for n in range(12)]
    stored = [profile(make_statement(i, ["k"], article=f"a{i}", text=t)) for i, t in enumerate(texts)]
    new = profile(make_statement(99, ["k"], article="new", text="The port of Ystad said no ferries were cancelled"))
    built: list[str] = []
    real_build = view._build
    monkeypatch.setattr(view, "_build", lambda s: built.append(s.id) or real_build(s))
    picked = select_candidates(new, stored, budget=5)
    assert picked, "the control: these candidates are worth judging"
    assert built == []
