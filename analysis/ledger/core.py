"""Claims from links: the claim record of a set of linked statements, and the offline ledger (union-find)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from schemas import Claim, ClaimStatement, Statement, short_hash

from ..blocking import CandidateIndex, Profile, profile
from ..detection import MAX_CANDIDATES
from ..kinds.view import STOP, WORD, rarity, stem
from .link import LINK_BUDGET, LinkModel, link_candidates, link_score, load_link_model
from .stance import claim_status, stance_of

__all__ = ["Ledger", "build_claim", "claim_id", "claim_statement"]

# Longest summary, in characters (a clause of a long sentence, cut at a word).
_SUMMARY_CHARS = 240


def claim_id(statement_ids: Iterable[str]) -> str:
    """The id of the claim holding these statements: a hash of the smallest statement id, so the same statements
    give the same id whatever order they were linked in (and a claim keeps its id as later statements join)."""
    return short_hash("claim", min(statement_ids), length=24)


def claim_statement(s: Statement) -> ClaimStatement | None:
    """``s`` as a claim holds it (with its stance), or None when it takes no stance (a "could"/"would" claim)."""
    stance = stance_of(s)
    if stance is None:
        return None
    return ClaimStatement(
        statement_id=s.id,
        article_id=s.article_id,
        speaker=s.speaker.name,
        source=s.source,
        url=s.url,
        published_at=s.published_at,
        stance=stance,
        text=s.text,
        quantities=[q.text for q in s.quantities],
        dates=[d.text for d in s.dates],
    )


def _offset(statement_id: str) -> int:
    """Where a statement starts in its article, from its id ("<article>#<start>-<end>"); 0 when not that shape."""
    start = statement_id.rpartition("#")[2].partition("-")[0]
    return int(start) if start.isdigit() else 0


def _order(m: ClaimStatement) -> tuple[str, str, int, str]:
    return (m.published_at.isoformat() if m.published_at else "", m.article_id, _offset(m.statement_id),
            m.statement_id)  # fmt: skip


def _weights(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for w in WORD.findall(text):
        lw = w.lower()
        if lw not in STOP and len(lw) >= 3:
            out[stem(w)] = max(out.get(stem(w), 0.0), rarity(lw))
    return out


def _summary(members: list[ClaimStatement]) -> str:
    """The most central asserting statement (most weighted words in common with the others); ties: the earliest."""
    pool = [m for m in members if m.stance == "asserts"] or [m for m in members if m.stance == "reports"] or members
    weights = {m.statement_id: _weights(m.text) for m in members}

    def centrality(m: ClaimStatement) -> float:
        mine = weights[m.statement_id]
        return sum(
            sum(min(v, other[k]) for k, v in mine.items() if k in other)
            for o, other in weights.items()
            if o != m.statement_id
        )

    best = max(pool, key=centrality)  # max keeps the first of equals: pool is in time order
    text = " ".join(best.text.split())
    if len(text) > _SUMMARY_CHARS:
        text = text[: _SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text


def build_claim(members: Iterable[ClaimStatement], contradictions: Iterable[str] = ()) -> Claim:
    """The claim holding ``members`` (at least one), whose ``contradictions`` (pair ids) are between its statements.

    A pure function of the two sets: the same members give the same claim, whatever order they came in.
    """
    unique = {m.statement_id: m for m in members}
    if not unique:
        raise ValueError("a claim needs at least one statement")
    ordered = sorted(unique.values(), key=_order)
    seen = [m.published_at for m in ordered if m.published_at is not None]
    pairs = sorted(set(contradictions))
    first: datetime | None = min(seen) if seen else None
    last: datetime | None = max(seen) if seen else None
    return Claim(
        id=claim_id(unique),
        summary=_summary(ordered),
        status=claim_status((m.stance for m in ordered), contradicted=bool(pairs)),
        first_seen=first,
        last_seen=last,
        statements=ordered,
        contradictions=pairs,
    )


class Ledger:
    """Claims as statements arrive: each new statement is linked to its candidates, claims are the components.

    Offline (``contraflow claims``) the candidates come from the same blocking index the contradiction detection
    uses; the stream keeps the same links in the detect agent and the components in the claims agent. Only
    components of two statements or more are claims.

    Example::

        ledger, index = Ledger(), InMemoryCandidateIndex()
        for s in statements:
            ledger.add(s, index)
            for c in detect(s, index):
                ledger.contradiction(c.a, c.b, c.id)
            index.add(s)
        claims = ledger.claims()
    """

    def __init__(
        self, model: LinkModel | None = None, max_candidates: int = MAX_CANDIDATES, budget: int = LINK_BUDGET
    ) -> None:
        self.model = model or load_link_model()
        self.max_candidates = max_candidates
        self.budget = budget
        self._parent: dict[str, str] = {}
        self._members: dict[str, ClaimStatement] = {}
        self._pairs: dict[str, tuple[str, str]] = {}  # contradiction id -> its two statement ids

    def _find(self, x: str) -> str:
        parent = self._parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _union(self, a: str, b: str) -> None:
        x, y = self._find(a), self._find(b)
        if x != y:
            self._parent[max(x, y)] = min(x, y)  # the smaller id is the root: order-free

    def _member(self, s: Statement) -> bool:
        if s.id not in self._members:
            m = claim_statement(s)
            if m is None:
                return False
            self._members[s.id] = m
            self._parent[s.id] = s.id
        return True

    def link(self, a: Statement, b: Statement) -> bool:
        """Put ``a`` and ``b`` in one claim (False when either takes no stance)."""
        if a.id == b.id or not (self._member(a) and self._member(b)):
            return False
        self._union(a.id, b.id)
        return True

    def contradiction(self, a: Statement, b: Statement, pair: str) -> None:
        """A contradiction the engine found between ``a`` and ``b``: they share a claim, which lists it."""
        if self.link(a, b):
            self._pairs[pair] = (a.id, b.id)

    def add(self, s: Statement, index: CandidateIndex, prof: Profile | None = None) -> list[str]:
        """Link ``s`` to the stored statements of ``index`` the linker pairs it with (``s`` is not added to the
        index); returns their ids."""
        if stance_of(s) is None:
            return []
        mine = prof if prof is not None and prof.blocking is not None else profile(s, with_blocking=True)
        block = getattr(index, "block", None)
        if block is None:
            raise TypeError("Ledger.add needs an index with blocks (analysis.InMemoryCandidateIndex)")
        blocks = [(key, block(key)) for key in sorted(mine.blocking or ())]
        linked = []
        for other in link_candidates(mine, blocks, max_candidates=self.max_candidates, budget=self.budget):
            if link_score(other.statement, s, self.model) >= self.model.threshold and self.link(other.statement, s):
                linked.append(other.id)
        return linked

    def claim_of(self, statement_id: str) -> str | None:
        """The id of the claim ``statement_id`` belongs to, or None (not linked to any other statement)."""
        if statement_id not in self._parent:
            return None
        root = self._find(statement_id)
        size = sum(1 for x in self._parent if self._find(x) == root)
        return claim_id([root]) if size > 1 else None

    def claims(self) -> list[Claim]:
        """Every claim of two statements or more, earliest first (then by id)."""
        groups: dict[str, list[ClaimStatement]] = {}
        for sid in self._parent:
            groups.setdefault(self._find(sid), []).append(self._members[sid])
        pairs: dict[str, list[str]] = {}
        for pair, (a, _b) in self._pairs.items():
            pairs.setdefault(self._find(a), []).append(pair)
        claims = [build_claim(members, pairs.get(root, ())) for root, members in groups.items() if len(members) > 1]
        claims.sort(key=lambda c: (c.first_seen.isoformat() if c.first_seen else "", c.id))
        return claims
