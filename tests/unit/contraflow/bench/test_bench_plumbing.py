"""Pure pieces of the end-to-end phase: completion rule, lane names and worker environment, tagged articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.normalize import normalize_article
from contraflow.bench.corpus import load_corpus, payload, tagged
from contraflow.bench.lane import Lane
from contraflow.bench.searchable import complete_ids
from contraflow.errors import InputError
from contraflow.settings import Settings
from schemas import ArticleIn

ARTICLE = ArticleIn(id="x-1", source="example.com", title="Title", text="Body text here.")


def test_complete_needs_the_article_and_all_its_statements():
    found = ["a", "b", "c"]
    counts = {"a": 3, "b": 2}
    expected = {"a": 3, "b": 3, "c": 0, "d": 1}
    assert complete_ids(found, counts, expected) == {"a", "c"}


def test_lane_names_and_worker_env():
    settings = Settings()
    lane = Lane("cfbench-1-w2")
    env = lane.worker_env(settings, data_dir=Path("/tmp/w"))
    assert env["CONTRAFLOW_TOPICS__RAW"] == "cfbench-1-w2.raw"
    assert {env[f"CONTRAFLOW_TOPICS__{k.upper()}"] for k in lane.topics} == set(lane.topics.values())
    assert all(t.startswith(lane.name) for t in lane.topics.values())
    assert env["CONTRAFLOW_ES__INDEX_PREFIX"] == env["CONTRAFLOW_WORKER__APP_ID"] == lane.name
    assert env["CONTRAFLOW_WORKER__DATA_DIR"] == "/tmp/w"


def test_worker_env_and_lane_settings_agree(monkeypatch):
    """What a worker reads from the environment is what the bench uses for the lane's topics."""
    base = Settings()
    lane = Lane("cfbench-2-w1")
    for key, value in lane.worker_env(base, data_dir=Path("/tmp/w")).items():
        monkeypatch.setenv(key, value)
    from_env = Settings()
    direct = lane.settings(base)
    assert from_env.topics == direct.topics
    assert from_env.es.index_prefix == direct.es.index_prefix == lane.name
    assert from_env.worker.app_id == direct.worker.app_id == lane.name
    assert base.topics.raw == "articles.raw"  # the base is not changed


@pytest.mark.parametrize("bad", ["Upper", "has space", "dot.ted"])
def test_lane_names_must_be_safe_for_kafka_and_es(bad):
    with pytest.raises(ValueError):
        Lane(bad)


def test_tagged_copy_is_a_new_article_with_the_same_text():
    a, b = tagged(ARTICLE, "t1"), tagged(ARTICLE, "t2")
    na, nb, n0 = normalize_article(a), normalize_article(b), normalize_article(ARTICLE)
    assert len({na.id, nb.id, n0.id}) == 3
    assert len({na.content_hash, nb.content_hash, n0.content_hash}) == 3
    assert na.text == nb.text == n0.text
    assert na.id.rsplit("~", 1)[0] == n0.id


def test_payload_is_the_article_as_json():
    assert ArticleIn.model_validate_json(payload(ARTICLE)) == ARTICLE


def test_corpus_loads_with_a_limit(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    lines = [tagged(ARTICLE, str(i)).model_dump_json() for i in range(5)]
    (news / "giveme5w1h-news-cluster.jsonl").write_text("\n".join(lines) + "\n\n")
    assert len(load_corpus(tmp_path)) == 5
    assert [a.id for a in load_corpus(tmp_path, 2)] == ["x-1~0", "x-1~1"]


def test_missing_or_bad_corpus_says_where(tmp_path):
    with pytest.raises(InputError, match="--data"):
        load_corpus(tmp_path)
    news = tmp_path / "news"
    news.mkdir()
    (news / "giveme5w1h-news-cluster.jsonl").write_text('{"source": "x"}\n')
    with pytest.raises(InputError, match=":1"):
        load_corpus(tmp_path)


def test_profile_summary_shares_self_and_inclusive():
    from contraflow.bench.profile import summarize_collapsed

    raw = "\n".join(
        [
            "main (w.py);loop (w.py);parse (j.py) 6",
            "main (w.py);loop (w.py);send (k.py) 3",
            "main (w.py);idle (w.py) 1",
            "garbage line",
        ]
    )
    top = {e["frame"]: e for e in summarize_collapsed(raw)}
    assert top["parse (j.py)"]["self"] == pytest.approx(0.6)
    assert top["send (k.py)"]["self"] == pytest.approx(0.3)
    assert "loop (w.py)" not in top  # never the innermost frame
    assert summarize_collapsed(raw, top=1)[0]["frame"] == "parse (j.py)"
    assert summarize_collapsed("") == []


def test_profile_inclusive_counts_a_recursive_frame_once():
    from contraflow.bench.profile import summarize_collapsed

    (entry,) = summarize_collapsed("f (a.py);f (a.py);f (a.py) 4\ng (a.py) 4", top=2)[:1]
    assert entry["inclusive"] == pytest.approx(0.5)


def test_machine_memory_from_meminfo(tmp_path):
    from contraflow.bench.machine import memory_gib

    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemFree:  1024 kB\nMemTotal:       25165824 kB\n")
    assert memory_gib(meminfo) == pytest.approx(24.0)
    assert memory_gib(tmp_path / "missing") != memory_gib(tmp_path / "missing")  # NaN


def test_machine_info_names_the_versions_without_a_cluster():
    from contraflow.bench.machine import machine_info

    m = machine_info(None)
    assert m["cores"] >= 1 and m["python"].count(".") == 2
    assert m["elasticsearch"] is None
    assert m["packages"]["spacy"] and m["packages"]["kafka-python"]


def test_unknown_phase_is_refused_before_any_server_is_touched(tmp_path):
    from contraflow.bench import BenchConfig, BenchError, run_bench

    cfg = BenchConfig.quick_run(tmp_path, phases=("analysis", "warp"))
    settings = Settings.model_validate({"kafka": {"bootstrap": "127.0.0.1:1"}, "es": {"url": "http://127.0.0.1:1"}})
    with pytest.raises(BenchError, match="warp"):
        run_bench(settings, cfg)


def test_quick_is_smaller_than_full_in_every_phase(tmp_path):
    from contraflow.bench import BenchConfig

    full, quick = BenchConfig.full(tmp_path), BenchConfig.quick_run(tmp_path)
    assert quick.quick and not full.quick
    assert full.articles is None and quick.articles and quick.articles < 383
    assert quick.raw_kafka_messages < full.raw_kafka_messages
    assert quick.latency_articles < full.latency_articles
    assert quick.scaling_probes * quick.scaling_rounds < full.scaling_probes * full.scaling_rounds
    assert quick.scaling_sizes == full.scaling_sizes == (1_000, 10_000, 100_000)
    assert quick.offered_per_s == full.offered_per_s == 5.0
