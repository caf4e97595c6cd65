"""The search form of the web page: parse and validate query parameters, build the Elasticsearch body."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indexers import search_body
from schemas.contradiction import KINDS

__all__ = ["PAGE_SIZE", "SearchForm"]

PAGE_SIZE = 20
_MAX_PAGE = 50  # deep paging is what Kibana is for; keeps from+size well under ES' 10k window
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FACET_SIZE = 20


@dataclass(frozen=True)
class SearchForm:
    """What the analyst asked for. Build it with :meth:`from_params`; ``errors`` lists what was ignored.

    Example:
        >>> form = SearchForm.from_params({"q": "Kovalenko", "kind": "denial"})
        >>> form.body()["query"]["bool"]["filter"]
        [{'term': {'kind': 'denial'}}]
    """

    q: str = ""
    kind: str = ""
    speaker: str = ""
    source: str = ""
    since: str = ""
    until: str = ""
    page: int = 1
    errors: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> SearchForm:
        """Read ``q, kind, speaker, source, since, until, page``; invalid values are dropped with a message."""
        errors: list[str] = []

        def text(name: str, limit: int = 200) -> str:
            return " ".join(str(params.get(name, "")).split())[:limit]

        kind = text("kind")
        if kind and kind not in KINDS:
            errors.append(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")
            kind = ""
        dates = {}
        for name in ("since", "until"):
            value = text(name, 10)
            if value:
                try:
                    if not _DATE.match(value):
                        raise ValueError
                    date.fromisoformat(value)
                except ValueError:
                    errors.append(f"{name} must be a date like 2024-10-21, not {value!r}")
                    value = ""
            dates[name] = value
        try:
            page = min(max(int(params.get("page", "1") or 1), 1), _MAX_PAGE)
        except ValueError:
            errors.append("page must be a number")
            page = 1
        return cls(
            q=text("q", 500),
            kind=kind,
            speaker=text("speaker"),
            source=text("source"),
            since=dates["since"],
            until=dates["until"],
            page=page,
            errors=tuple(errors),
        )

    def body(self, size: int = PAGE_SIZE) -> dict[str, Any]:
        """The ``search`` body for the contradictions alias: query, filters, page and facet aggregations."""
        body = search_body(
            self.q or None,
            index="contradictions",
            kind=self.kind or None,
            speaker=self.speaker or None,
            source=self.source or None,
            since=self.since or None,
            size=size,
        )
        if self.until:
            # Whole days: "until 2024-10-21" includes that day.
            body["query"]["bool"]["filter"].append({"range": {"published_at": {"lte": f"{self.until}||/d"}}})
        body["from"] = (self.page - 1) * size
        body["aggs"] = {
            "kinds": {"terms": {"field": "kind", "size": len(KINDS)}},
            "sources": {"terms": {"field": "sources", "size": _FACET_SIZE}},
            "speakers": {"terms": {"field": "speakers.keyword", "size": _FACET_SIZE}},
        }
        return body

    def params(self, **changes: Any) -> dict[str, str]:
        """The non-empty parameters of this form (with ``changes``), for links that keep the filters."""
        values = {
            "q": self.q,
            "kind": self.kind,
            "speaker": self.speaker,
            "source": self.source,
            "since": self.since,
            "until": self.until,
            "page": "" if self.page == 1 else str(self.page),
        }
        values.update({k: "" if v is None else str(v) for k, v in changes.items()})
        if values["page"] == "1":
            values["page"] = ""  # page 1 is the default: keep links short and canonical
        return {k: v for k, v in values.items() if v}
