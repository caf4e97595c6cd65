"""Human-readable text for search hits and demo output (plain text; no colours needed)."""

from __future__ import annotations

import textwrap
from typing import Any

__all__ = ["render_hit"]


def _side(side: dict[str, Any], label: str) -> list[str]:
    speaker = (side.get("speaker") or {}).get("name") or "unknown speaker"
    when = (side.get("published_at") or "")[:10]
    head = f"  {label}: {speaker} ({side.get('cue', 'assert')}) - {side.get('source', '?')} {when}".rstrip()
    body = textwrap.fill(side.get("text", ""), width=100, initial_indent='     "', subsequent_indent="      ")
    return [head, body + '"']


def render_hit(index: str, source: dict[str, Any]) -> str:
    """One search hit as a few lines of text."""
    if index == "contradictions":
        lines = [f"[{source.get('kind')}] score={source.get('score', 0):.2f}  id={source.get('id')}"]
        lines += _side(source.get("a", {}), "A")
        lines += _side(source.get("b", {}), "B")
        lines.append(
            textwrap.fill(
                f"why: {source.get('explanation', '')}", width=100, initial_indent="  ", subsequent_indent="       "
            )
        )
        return "\n".join(lines)
    if index == "statements":
        return "\n".join(_side(source, source.get("id", "statement")))
    when = (source.get("published_at") or "")[:10]
    return f"{source.get('source')} {when}  {source.get('title') or '(no title)'}\n  id={source.get('id')} " + (
        f"url={source.get('url')}" if source.get("url") else ""
    )
