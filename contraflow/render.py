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


def _claim(claim: dict[str, Any]) -> str:
    first, last = (claim.get("first_seen") or "")[:10], (claim.get("last_seen") or "")[:10]
    lines = [f"[{claim.get('status')}] {first}..{last}  id={claim.get('id')}"]
    lines.append(textwrap.fill(claim.get("summary", ""), width=100, initial_indent="  ", subsequent_indent="  "))
    for s in claim.get("statements") or []:
        when = (s.get("published_at") or "")[:10] or "?"
        lines.append(f"  {when} {s.get('stance', '?'):<13} {s.get('speaker') or 'unknown speaker'} - {s.get('source')}")
    return "\n".join(lines)


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
    if index == "claims":
        return _claim(source)
    when = (source.get("published_at") or "")[:10]
    return f"{source.get('source')} {when}  {source.get('title') or '(no title)'}\n  id={source.get('id')} " + (
        f"url={source.get('url')}" if source.get("url") else ""
    )
