"""Phase 3: analysis only: ``analysis/`` alone, on one core and on N cores.

The same work the pipeline does per article: normalise, extract statements, link each statement to the earlier
ones that state the same thing (the claim ledger, ``contraflow claims``) and detect each statement against them
(an ``InMemoryCandidateIndex`` with the pipeline's bounds),
without Kafka, Elasticsearch or Faust around it. Each measurement runs in fresh child processes (one per core)
so that the timed work is the engine alone: the children load the spaCy pipeline and warm it up on one
article, wait for each other at a barrier, then the clock runs from the first child's start to the last
child's end. Loading is reported apart.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from schemas import ArticleIn, Statement
from streams import gc_tuning

from ..errors import AnalysisError
from ..settings import AnalysisSettings
from .stats import rate

__all__ = ["AnalysisResult", "run_analysis"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalysisResult:
    """``articles`` analysed by ``processes`` processes in ``seconds`` (wall clock), giving ``statements``."""

    processes: int
    articles: int
    statements: int
    seconds: float
    load_s: float
    contradictions: int = 0  # found by the detection step (0 when the phase ran without one)
    # Statements per input article, in input order (kept only when asked for).
    per_article: list[list[Statement]] = field(default_factory=list, repr=False)

    @property
    def articles_per_s(self) -> float:
        return rate(self.articles, self.seconds)

    @property
    def statements_per_s(self) -> float:
        return rate(self.statements, self.seconds)

    @property
    def articles_per_s_per_core(self) -> float:
        return self.articles_per_s / self.processes


def _child(chunk: list[str], model: str, keep: bool, barrier: Any, out: Any, bounds: AnalysisSettings | None) -> None:
    """One analysis process: load, warm up, meet the others, run ``chunk``, send back the timings."""
    from analysis import InMemoryCandidateIndex, extract_many, load_nlp
    from analysis.detection import detect
    from analysis.normalize import normalize_article

    t_load = time.perf_counter()
    raws = [ArticleIn.model_validate_json(c) for c in chunk]
    nlp = load_nlp(model)
    gc_tuning.tune()  # the garbage-collector settings of the workers (and contraflow analyze): a fair comparison
    gc_tuning.freeze()
    if raws:
        extract_many([normalize_article(raws[0])], nlp)  # first-call costs are not throughput
    load_s = time.perf_counter() - t_load
    barrier.wait()
    t0 = time.perf_counter()
    results = extract_many([normalize_article(r) for r in raws], nlp)
    found = 0
    if bounds is not None:
        from analysis.blocking import profile
        from analysis.ledger import Ledger

        index = InMemoryCandidateIndex(per_key=bounds.candidates_per_key, max_candidates=bounds.max_candidates)
        # the claim ledger's links too: the detect agent scores them on the same rings (contraflow claims)
        ledger = Ledger(max_candidates=bounds.max_candidates)
        for statements in results:
            for s in statements:
                mine = profile(s, with_blocking=True)
                ledger.add(s, index, mine)
                found += len(detect(s, index, min_score=bounds.min_score, budget=bounds.judge_budget))
                index.add(s, mine)
    t1 = time.perf_counter()
    per_article = [[s.model_dump_json() for s in stmts] for stmts in results] if keep else []
    out.put((t0, t1, load_s, len(raws), sum(len(r) for r in results), per_article, found))


def _collect(procs: list[Any], out: Any, barrier: Any, timeout_s: float) -> list[tuple[Any, ...]]:
    """Every child's reply; a child that dies or hangs fails the phase instead of blocking it."""
    replies: list[tuple[Any, ...]] = []
    deadline = time.monotonic() + timeout_s
    while len(replies) < len(procs):
        try:
            replies.append(out.get(timeout=1.0))
            continue
        except queue.Empty:
            pass
        dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
        if dead or time.monotonic() > deadline:
            barrier.abort()
            why = f"exited with code {dead[0]}" if dead else f"did not finish within {timeout_s:.0f} s"
            raise AnalysisError(f"an analysis process {why}; its traceback is on stderr above")
    return replies


def run_analysis(
    articles: Sequence[ArticleIn],
    model: str,
    processes: int = 1,
    keep_statements: bool = False,
    timeout_s: float = 600.0,
    bounds: AnalysisSettings | None = AnalysisSettings(),  # frozen
) -> AnalysisResult:
    """Analyse ``articles`` split round-robin over ``processes`` child processes; time the slowest.

    ``bounds``: the pipeline's analysis settings, to detect each process's statements against its earlier ones
    as the pipeline does (``candidates_per_key``, ``max_candidates``, ``judge_budget``, ``min_score``); None:
    extract only.
    With ``keep_statements`` the result carries every article's statements (input order); that needs
    ``processes == 1``.
    """
    if keep_statements and processes != 1:
        raise ValueError("keep_statements needs processes == 1")
    ctx = mp.get_context("spawn")  # a clean interpreter: no Kafka/ES threads or state from the parent
    barrier = ctx.Barrier(processes)
    out = ctx.Queue()
    encoded = [a.model_dump_json() for a in articles]
    chunks = [encoded[i::processes] for i in range(processes)]
    procs = [
        ctx.Process(target=_child, args=(chunk, model, keep_statements, barrier, out, bounds), daemon=True)
        for chunk in chunks
    ]
    for p in procs:
        p.start()
    try:
        replies = _collect(procs, out, barrier, timeout_s)
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
    t0 = min(r[0] for r in replies)
    t1 = max(r[1] for r in replies)
    per_article: list[list[Statement]] = []
    if keep_statements:
        per_article = [[Statement.model_validate_json(s) for s in stmts] for stmts in replies[0][5]]
    result = AnalysisResult(
        processes=processes,
        articles=sum(r[3] for r in replies),
        statements=sum(r[4] for r in replies),
        seconds=t1 - t0,
        load_s=max(r[2] for r in replies),
        contradictions=sum(r[6] for r in replies),
        per_article=per_article,
    )
    log.info(
        "bench_analysis processes=%d articles=%d statements=%d seconds=%.2f articles_per_s=%.2f",
        processes,
        result.articles,
        result.statements,
        result.seconds,
        result.articles_per_s,
    )
    return result
