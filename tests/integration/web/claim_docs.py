"""Claims and contradictions built from the schemas, for tests that index them straight into a real Elasticsearch.

The seed's claim (Russia training North Korean soldiers) as it was reported over several days: Zelenskyy, the
Washington Post and Budanov assert it, Kovalenko denies it, Austin has not confirmed it. Beside it, a claim its own
speaker retracted, an uncontested one, and one whose text is hostile HTML.
"""

from __future__ import annotations

from datetime import UTC, datetime

from indexers import alias_name, document_json, ensure_indices, index_name
from schemas import Claim, ClaimStatement, Contradiction, Speaker, Statement, pair_id, statement_id

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

# (key, speaker, source, day of October 2024, stance, text)
_SEED = [
    ("zelenskyy", "Volodymyr Zelenskyy", "censor.net", 17, "asserts",
     "Russia was training ten thousand North Korean soldiers for the war in Ukraine, including infantry."),
    ("wapo", "the Washington Post", "washingtonpost.com", 18, "asserts",
     "Several thousand soldiers from the DPRK are being trained in Russia and may be sent to the front in Ukraine."),
    ("budanov", "Kyrylo Budanov", "kyivpost.com", 19, "asserts",
     "Nearly 11,000 North Korean infantry troops are being trained in eastern Russia."),
    ("kovalenko", "Andrii Kovalenko", "censor.net", 21, "denies",
     "The information about Russia's alleged preparation of DPRK soldiers to be sent to the front was not true."),
    ("austin", "Lloyd Austin", "censor.net", 23, "not_confirmed",
     "The United States cannot yet confirm that North Korean troops are in Russia."),
]  # fmt: skip
_RETRACTED = [
    ("port1", "Oleh Kiper", "odessa.example", 10, "asserts", "Forty ships left the port of Odesa on Tuesday."),
    ("port2", "Oleh Kiper", "odessa.example", 12, "retracts", "The figure of forty ships I gave was wrong."),
]
_UNCONTESTED = [
    ("kim", "Kim Yong-hyun", "yonhap.example", 8, "asserts", "The DPRK could send its military to Ukraine."),
]
_HOSTILE = [
    ("evil", f"Mallory {HOSTILE}", "evil.example", 20, "asserts", f"Troops were moved {HOSTILE} overnight."),
    ("evil2", "Trent", "good.example", 22, "denies", "No troops were moved overnight."),
]


def _when(day: int) -> datetime:
    return datetime(2024, 10, day, 9, 0, tzinfo=UTC)


def statement(key: str, speaker: str, source: str, day: int, text: str) -> Statement:
    """The statement behind one line of a claim (one article per statement)."""
    article_id = f"{source}-2024-10-{day:02d}-{key}"
    return Statement(
        id=statement_id(article_id, 0, len(text)),
        article_id=article_id,
        source=source,
        url=f"https://{source}/news/{key}",
        published_at=_when(day),
        text=text,
        start=0,
        end=len(text),
        speaker=Speaker(name=speaker, type="person"),
    )


def _claim(claim_id: str, summary: str, status: str, rows: list[tuple], contradictions: list[str]) -> Claim:
    members = []
    for key, speaker, source, day, stance, text in rows:
        s = statement(key, speaker, source, day, text)
        members.append(
            ClaimStatement(
                statement_id=s.id,
                article_id=s.article_id,
                speaker=speaker,
                source=source,
                url=s.url,
                published_at=s.published_at,
                stance=stance,
                text=text,
            )
        )
    members.sort(key=lambda m: (m.published_at, m.statement_id))
    return Claim(
        id=claim_id,
        summary=summary,
        status=status,
        first_seen=members[0].published_at,
        last_seen=members[-1].published_at,
        statements=members,
        contradictions=contradictions,
    )


def _pair(rows: list[tuple], first: str, second: str, kind: str) -> Contradiction:
    by_key = {r[0]: statement(r[0], r[1], r[2], r[3], r[5]) for r in rows}
    a, b = by_key[first], by_key[second]
    return Contradiction(
        id=pair_id(a.id, b.id), kind=kind, score=0.9, explanation=f"{kind}: {first} vs {second}",
        scope="cross_article", a=a, b=b,
    )  # fmt: skip


def contradictions() -> list[Contradiction]:
    """Kovalenko and Austin against each assertion of the seed claim; Kiper against himself."""
    out = [_pair(_SEED, asserted, later, kind) for asserted in ("zelenskyy", "wapo", "budanov")
           for later, kind in (("kovalenko", "denial"), ("austin", "unconfirmed"))]  # fmt: skip
    out.append(_pair(_RETRACTED, "port1", "port2", "retraction"))
    out.append(_pair(_HOSTILE, "evil", "evil2", "denial"))
    return out


def claims() -> list[Claim]:
    """The four claims (the seed's first)."""
    pairs = contradictions()
    return [
        _claim("claim-dprk-troops", _SEED[0][5], "denied", _SEED, [p.id for p in pairs[:6]]),
        _claim("claim-odesa-ships", _RETRACTED[0][5], "retracted", _RETRACTED, [pairs[6].id]),
        _claim("claim-dprk-could-send", _UNCONTESTED[0][5], "uncontested", _UNCONTESTED, []),
        _claim("claim-hostile", _HOSTILE[0][5], "contested", _HOSTILE, [pairs[7].id]),
    ]


def seed_statement_ids() -> dict[str, str]:
    """Statement id of each line of the seed claim, by key (``zelenskyy``, ``kovalenko`` ...)."""
    return {r[0]: statement(r[0], r[1], r[2], r[3], r[5]).id for r in _SEED}


def index_all(client, prefix: str, records=None) -> None:
    """Create the indices (templates, aliases) and index the records (default: the claims and contradictions)."""
    from indexers import kind_of

    ensure_indices(client, prefix)
    records = [*claims(), *contradictions()] if records is None else records
    operations: list = []
    for record in records:
        doc_id, source = document_json(record)
        operations += [{"index": {"_index": alias_name(prefix, kind_of(record)), "_id": doc_id}}, source]
    response = client.bulk(operations=operations, refresh="wait_for")
    assert not response["errors"], response


def drop_all(client, prefix: str) -> None:
    from indexers import INDEX_KINDS

    for kind in INDEX_KINDS:
        client.options(ignore_status=404).indices.delete(index=index_name(prefix, kind))
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-{kind}")
    client.options(ignore_status=404).cluster.delete_component_template(name=f"{prefix}-settings")
