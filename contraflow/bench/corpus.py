"""The benchmark's input: articles of the shared news corpus, as the payloads producers publish."""

from __future__ import annotations

import json
from pathlib import Path

from schemas import ArticleIn

from ..errors import InputError

__all__ = ["NEWS_CORPUS", "load_corpus", "payload", "tagged"]

NEWS_CORPUS = Path("news") / "giveme5w1h-news-cluster.jsonl"


def load_corpus(data_dir: Path, limit: int | None = None) -> list[ArticleIn]:
    """The first ``limit`` articles (all when None) of the shared news corpus under ``data_dir``.

    Raises ``InputError`` naming the path when the file is missing or a line is not an article.
    """
    path = Path(data_dir) / NEWS_CORPUS
    if not path.is_file():
        raise InputError(f"news corpus not found at {path}; pass --data or set CONTRAFLOW_DATA_DIR")
    articles: list[ArticleIn] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(articles) >= limit:
                break
            if not line.strip():
                continue
            try:
                articles.append(ArticleIn.model_validate(json.loads(line)))
            except ValueError as exc:
                raise InputError(f"{path}:{lineno} is not an article: {exc}") from exc
    if not articles:
        raise InputError(f"news corpus at {path} holds no articles")
    return articles


def payload(article: ArticleIn) -> bytes:
    """The JSON bytes a producer publishes for ``article`` (what every Kafka phase sends)."""
    return article.model_dump_json(exclude_none=True).encode("utf-8")


def tagged(article: ArticleIn, tag: str) -> ArticleIn:
    """A copy of ``article`` that the pipeline sees as new: its own id and a title naming ``tag``.

    The pipeline skips articles whose content it has seen; the title is part of the content hash, so each
    phase can publish the same corpus again. The text (and so every statement offset) is unchanged.
    """
    base_id = article.article_id()
    return article.model_copy(update={"id": f"{base_id}~{tag}", "title": f"{article.title} [{tag}]"})
