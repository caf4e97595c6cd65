"""Helpers of the pipeline integration tests that tests import directly (fixtures live in conftest.py)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class Reference:
    """What the pipeline must index for a set of articles, computed without Kafka or Elasticsearch."""

    articles: set[str]
    statements: set[str]
    contradictions: set[str]


def reference_for(article_ids: Iterable[str], statements_by_article: dict[str, list], min_score: float) -> Reference:
    """The exact outcome for these articles, assuming no candidate is evicted or left unjudged
    (``candidates_per_key``, ``max_candidates`` and ``judge_budget`` large, as ``pipeline_factory`` sets them).

    Pairs are judged within each blocking key and counted once (under their smallest shared key), as the
    ``detect`` agent does; the engine's verdict does not depend on which statement came first.
    """
    from collections import defaultdict
    from itertools import combinations

    from analysis import judge_statements
    from streams.agents.detect import should_emit

    ids = set(article_ids)
    statements = [s for a in ids for s in statements_by_article[a]]
    blocks: dict[str, list] = defaultdict(list)
    for s in statements:
        for key in set(s.blocking_keys):
            blocks[key].append(s)
    found: set[str] = set()
    for key, members in blocks.items():
        for a, b in combinations(sorted(members, key=lambda s: s.id), 2):
            if not should_emit(key, a, b):
                continue
            c = judge_statements(a, b)
            if c is not None and c.score >= min_score:
                found.add(c.id)
    return Reference(articles=ids, statements={s.id for s in statements}, contradictions=found)


def largest_block(statements: Iterable) -> int:
    from collections import Counter

    sizes = Counter(k for s in statements for k in set(s.blocking_keys))
    return max(sizes.values(), default=0)


def split_seed(seed_line: bytes) -> list[bytes]:
    """The seed article as one article per paragraph (different outlets and days)."""
    seed = json.loads(seed_line)
    paragraphs = [p for p in seed["text"].split("\n\n") if p.strip()]
    out = []
    for i, text in enumerate(paragraphs):
        out.append(
            json.dumps(
                {
                    "id": f"seed-part-{i:02d}",
                    "url": None,
                    "source": f"outlet{i}.example",
                    "title": f"{seed['title']} ({i + 1}/{len(paragraphs)})",
                    "text": text,
                    "published_at": (datetime(2024, 10, 10) + timedelta(days=i, hours=i)).isoformat(),
                    "language": "en",
                    "authors": [],
                }
            ).encode()
        )
    return out


def offline_contradictions(lines: list[bytes], min_score: float) -> list:
    """What the engine finds in these articles offline, one after the other (no Kafka, no Elasticsearch)."""
    from analysis import InMemoryCandidateIndex, extract_many, load_nlp
    from analysis.detection import detect
    from analysis.normalize import normalize_article
    from schemas import ArticleIn

    articles = [normalize_article(ArticleIn.model_validate_json(line)) for line in lines]
    index = InMemoryCandidateIndex()
    found = []
    for statements in extract_many(articles, load_nlp()):
        for s in statements:
            found += detect(s, index, min_score=min_score)
            index.add(s)
    return found


def offline_claims(lines: list[bytes], settings) -> dict[str, dict]:
    """Claim id -> the claim (JSON form) that `contraflow claims` finds offline in these articles, with the
    analysis settings of ``settings`` (no Kafka, no Elasticsearch)."""
    from analysis import load_nlp
    from analysis.normalize import normalize_article
    from contraflow.commands.claims import ledger_of
    from schemas import ArticleIn

    cfg = settings.analysis
    articles = [normalize_article(ArticleIn.model_validate_json(line)) for line in lines]
    _, ledger = ledger_of(articles, load_nlp(cfg.spacy_model), min_score=cfg.min_score,
                          per_key=cfg.candidates_per_key, judge_budget=cfg.judge_budget,
                          max_candidates=cfg.max_candidates)  # fmt: skip
    return {c.id: c.model_dump(mode="json") for c in ledger.claims()}


def claim_shape(claim: dict) -> tuple:
    """What must agree between two claims: status, who takes which stance in which statement, its contradictions."""
    stances = sorted((s["statement_id"], s["stance"]) for s in claim["statements"])
    return claim["status"], tuple(stances), tuple(sorted(claim["contradictions"]))


def metric(port: int, name: str) -> float:
    """The sum of every series of a worker's ``/metrics`` whose line starts with ``name`` (labels included)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
        text = resp.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))
