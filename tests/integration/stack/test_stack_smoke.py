"""Smoke tests on the real local stack: a round trip through Kafka and through Elasticsearch."""

from __future__ import annotations

import asyncio
import json

from aiokafka import AIOKafkaConsumer
from elasticsearch import Elasticsearch
from kafka import KafkaProducer


async def test_kafka_python_produces_and_aiokafka_consumes(kafka_bootstrap, kafka_topic, unique_name):
    topic = kafka_topic("smoke", partitions=3)
    sent = {f"key-{i}": {"n": i, "run": unique_name("v")} for i in range(20)}

    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all")
    try:
        for key, value in sent.items():
            producer.send(topic, key=key.encode(), value=json.dumps(value).encode())
        producer.flush(timeout=30)
    finally:
        producer.close()

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka_bootstrap,
        group_id=unique_name("smoke-group"),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    received: dict[str, dict] = {}
    partitions: set[int] = set()
    try:
        async with asyncio.timeout(60):
            while len(received) < len(sent):
                batch = await consumer.getmany(timeout_ms=1000)
                for tp, records in batch.items():
                    for record in records:
                        received[record.key.decode()] = json.loads(record.value)
                        partitions.add(tp.partition)
    finally:
        await consumer.stop()

    assert received == sent
    # Keys spread over the topic's partitions: the broker really created a 3-partition topic.
    assert len(partitions) > 1


def test_topics_are_auto_created_with_six_partitions(kafka_bootstrap, unique_name):
    from kafka import KafkaAdminClient

    topic = unique_name("auto")
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    try:
        producer.send(topic, b"x").get(timeout=30)
        described = admin.describe_topics([topic])
        assert len(described[0]["partitions"]) == 6
    finally:
        producer.close()
        admin.delete_topics([topic])
        admin.close()


def test_elasticsearch_indexes_and_searches(es_url, es_index):
    index = es_index("smoke")
    client = Elasticsearch(es_url, request_timeout=30)
    try:
        version = next(iter(client.nodes.info()["nodes"].values()))["version"]
        assert version.split(".")[0] == "8"  # the client's major (8.x) must equal the server's
        client.indices.create(
            index=index,
            mappings={"properties": {"speaker": {"type": "keyword"}, "text": {"type": "text"}}},
        )
        docs = {
            "a1": {"speaker": "Mark Rutte", "text": "troops are training in Russia"},
            "a2": {"speaker": "Kim Yong-hyun", "text": "the report was not true"},
        }
        for doc_id, doc in docs.items():
            client.index(index=index, id=doc_id, document=doc)
        client.indices.refresh(index=index)

        hits = client.search(index=index, query={"match": {"text": "training"}})["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == ["a1"]
        by_speaker = client.search(index=index, query={"term": {"speaker": "Kim Yong-hyun"}})["hits"]["hits"]
        assert [hit["_source"] for hit in by_speaker] == [docs["a2"]]
        # A replay with the same id overwrites: still two documents.
        client.index(index=index, id="a1", document=docs["a1"], refresh=True)
        assert client.count(index=index)["count"] == 2
    finally:
        client.close()
