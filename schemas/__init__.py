"""Records of contraflow's topics: the one place a record's shape is defined."""

from pydantic import BaseModel

from .article import DEFAULT_MAX_TEXT_CHARS, Article, ArticleIn, to_utc
from .claim import CLAIM_STATUSES, STANCES, Claim, ClaimStatement, ClaimStatus, Stance
from .claim_link import ArticleRevision, ClaimLink
from .contradiction import KINDS, Contradiction, ContradictionKind
from .deadletter import DeadLetter, DeadLetterReason
from .ids import content_hash, pair_id, short_hash, statement_id
from .statement import BlockedStatements, ClaimFrame, DateMention, Entity, Quantity, Speaker, Statement

__all__ = [
    "ArticleRevision",
    "CLAIM_STATUSES",
    "STANCES",
    "Claim",
    "ClaimLink",
    "ClaimStatement",
    "ClaimStatus",
    "Stance",
    "DEFAULT_MAX_TEXT_CHARS",
    "KINDS",
    "Article",
    "ArticleIn",
    "BlockedStatements",
    "ClaimFrame",
    "Contradiction",
    "ContradictionKind",
    "DateMention",
    "DeadLetter",
    "DeadLetterReason",
    "Entity",
    "Quantity",
    "Speaker",
    "Statement",
    "content_hash",
    "pair_id",
    "short_hash",
    "statement_id",
    "to_utc",
]

SCHEMAS: dict[str, type[BaseModel]] = {
    "ArticleIn": ArticleIn,
    "Article": Article,
    "Statement": Statement,
    "BlockedStatements": BlockedStatements,
    "Contradiction": Contradiction,
    "Claim": Claim,
    "DeadLetter": DeadLetter,
}
