from __future__ import annotations

from contraflow.bench.claims_queries import synthetic


def test_synthetic_claims_are_deterministic_and_pair_each_opposing_statement_with_the_first_assertion():
    claims, pairs = synthetic(40)
    again, pairs_again = synthetic(40)
    assert claims == again and pairs == pairs_again
    opposing = [s for c in claims for s in c.statements if s.stance in ("denies", "not_confirmed", "retracts")]
    assert len(pairs) == len(opposing) > 0
    for c in claims:
        assert [s.published_at for s in c.statements] == sorted(s.published_at for s in c.statements)
        assert c.first_seen == c.statements[0].published_at and c.last_seen == c.statements[-1].published_at
