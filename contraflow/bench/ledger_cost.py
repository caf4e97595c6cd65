"""CPU the claim ledger adds per article: ``python -m contraflow.bench.ledger_cost [FILE] [N]``.

Offline, on the first ``N`` articles of ``FILE`` (default: the shared news cluster, 300): extraction, the
contradiction detection and the ledger's linking (``analysis.ledger``: candidates and the linker, what the
detect agent adds per statement) are timed apart in process CPU time, then every link goes through the claims
agent's state update (``streams.agents.claims.apply_link`` over a dict), timed too. One line on stdout.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    from analysis import InMemoryCandidateIndex, extract_many, load_nlp
    from analysis.blocking import profile
    from analysis.detection import detect
    from analysis.ledger import link_candidates, link_score, load_link_model
    from schemas import ClaimLink
    from streams.agents.claims import apply_link

    from ..commands.analyze import read_articles

    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0] if args else "../shared/data/news/giveme5w1h-news-cluster.jsonl")
    n = int(args[1]) if len(args) > 1 else 300
    with path.open("rb") as f:
        articles, _ = read_articles(f, 200_000)
    articles = articles[:n]
    nlp = load_nlp()
    t = time.process_time()
    statements = [s for batch in extract_many(articles, nlp) for s in batch]
    extract_s = time.process_time() - t
    index, model = InMemoryCandidateIndex(), load_link_model()
    links: list[ClaimLink] = []
    link_s = detect_s = 0.0
    for s in statements:
        mine = profile(s, with_blocking=True)
        t0 = time.process_time()
        blocks = [(k, index.block(k)) for k in sorted(mine.blocking or ())]
        for other in link_candidates(mine, blocks, max_candidates=index.max_candidates):
            if link_score(other.statement, s, model) >= model.threshold:
                links.append(ClaimLink(a=other.statement, b=s))
        t1 = time.process_time()
        found = detect(s, index)
        detect_s += time.process_time() - t1
        link_s += t1 - t0
        links += [ClaimLink(a=c.a, b=c.b, contradiction=c) for c in found]
        index.add(s, mine)
    table: dict[str, str] = {}
    t = time.process_time()
    for link in links:
        apply_link(table, link)
    claims_s = time.process_time() - t
    per = 1000.0 / max(1, len(articles))
    print(
        f"ledger_cost articles={len(articles)} statements={len(statements)} links={len(links)} "
        f"extract_ms_per_article={extract_s * per:.1f} detect_ms_per_article={detect_s * per:.1f} "
        f"link_ms_per_article={link_s * per:.1f} claims_agent_ms_per_article={claims_s * per:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
