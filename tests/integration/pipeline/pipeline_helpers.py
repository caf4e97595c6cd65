"""Helpers of the pipeline integration tests that tests import directly (fixtures live in conftest.py)."""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contraflow.stack import LocalStack

# The fault tests' private nodes: each its own stack home, .contraflow/<name> in the checkout.
PRIVATE_STACKS = Path(__file__).resolve().parents[3] / ".contraflow"


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


@contextlib.contextmanager
def private_elasticsearch(
    name: str, free_port: Callable[[], int], node_settings: dict[str, object] | None = None
) -> Iterator[LocalStack]:
    """An Elasticsearch node of the test's own (stack home ``.contraflow/<name>``, free ports), started through the
    same ``LocalStack`` code as ``contraflow stack up``, so a test may stop it or starve it without disturbing
    anyone using the shared stack; stopped afterwards. ``node_settings`` are static node settings
    (``{"thread_pool.write.size": 1}``); Kafka stays the shared broker.
    """
    from contraflow.settings import StackSettings
    from contraflow.stack import LocalStack

    local = LocalStack(
        StackSettings(
            home=PRIVATE_STACKS / name, es_port=free_port(), kafka_port=free_port(), kafka_controller_port=free_port()
        ),
        es_node_settings=node_settings,
    )
    local.start_service("elasticsearch")
    try:
        yield local
    finally:
        local.stop_service("elasticsearch")


def metric(port: int, name: str) -> float:
    """The sum of every series of a worker's ``/metrics`` whose line starts with ``name`` (labels included)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
        text = resp.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))
