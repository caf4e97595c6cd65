"""The claim ledger: statements that assert the same proposition, across articles, outlets and days, grouped
into claims, each statement with its stance towards its claim (asserts, denies, not_confirmed, retracts, reports,
corrects).

Two statements are linked when the learned linker (:mod:`analysis.ledger.link`, fitted on the train cases by
``python -m analysis.ledger.train``) scores their alignment high enough, or when the engine found a contradiction
between them; a claim is a connected component of links (:class:`Ledger`, union-find). The same links give the
same claims whatever their order: the claim id comes from the smallest statement id of the component.

    from analysis.ledger import Ledger
    ledger = Ledger()
    for s in statements:
        ledger.add(s, index)        # links s to its candidates in the blocking index
        index.add(s)
    for claim in ledger.claims():
        print(claim.status, claim.summary)
"""

from __future__ import annotations

from .core import Ledger, build_claim, claim_id, claim_statement
from .link import LinkModel, link_candidates, link_score, linkable, load_link_model
from .stance import claim_status, stance_of

__all__ = [
    "Ledger",
    "LinkModel",
    "build_claim",
    "claim_id",
    "claim_statement",
    "claim_status",
    "link_candidates",
    "link_score",
    "linkable",
    "load_link_model",
    "stance_of",
]
