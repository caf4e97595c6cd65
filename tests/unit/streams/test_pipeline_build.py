from __future__ import annotations

from contraflow.settings import Settings
from streams import build_pipeline


class _Sink:
    async def write(self, records):  # pragma: no cover - not called
        raise AssertionError


def test_pipeline_declares_every_agent_and_topic_from_settings():
    settings = Settings.model_validate(
        {"topics": {"raw": "r", "partitions": 3}, "worker": {"app_id": "g1", "web_port": 7001}}
    )
    p = build_pipeline(settings, _Sink())
    assert set(p.app.agents) == {
        "normalise",
        "dedupe",
        "extract",
        "detect",
        "claims",
        "index-contradictions",
    }
    assert p.topics.names()[:2] == ["r", "g1-articles-by-hash"]
    assert p.app.conf.id == "g1"
    assert p.app.conf.web_port == 7001
    assert p.app.conf.topic_partitions == 3
    assert p.app.conf.store.scheme == "memory"
    assert p.tables.candidates.partitions == 3
    # claims span keys of every partition: their links and components live on one partition
    assert p.topics.claim_links.get_topic_name() == "g1-claim-links" and p.topics.claim_links.partitions == 1
    assert p.tables.claims.partitions == 1


def test_every_topic_has_exactly_one_consuming_agent():
    # Faust clears agent queues on a rebalance: a message queued for two agents can stay in flight forever.
    p = build_pipeline(Settings(), _Sink())
    consumed = [name for agent in p.app.agents.values() for name in agent.channel.topics]
    assert len(consumed) == len(set(consumed)), consumed


def test_without_a_sink_no_index_agents():
    p = build_pipeline(Settings(), None)
    assert not any(name.startswith("index-") for name in p.app.agents)
