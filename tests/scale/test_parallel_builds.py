"""Every way of running the page map gives the same bytes: serial, parallel,
any input order, cached, and on a Dask cluster (end to end on the seeds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.pagemap import PageCache, map_pages, warm_up

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every output file (not the cache) by relative path."""
    return {p.relative_to(outdir).as_posix(): p.read_bytes()
            for p in sorted(outdir.rglob("*")) if p.is_file() and ".cache" not in p.parts}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> dict[str, bytes]:
    warm_up()
    out = tmp_path_factory.mktemp("serial")
    build(SEEDS, out, jobs=1)
    files = outputs(out)
    assert "graph.ttl" in files and any(k.startswith("extractions/") for k in files)
    return files


def test_two_processes_and_reversed_input_order_give_the_same_bytes(serial, tmp_path):
    build(list(reversed(SEEDS)), tmp_path, jobs=2)
    assert outputs(tmp_path) == serial


def test_cached_rebuild_equals_fresh_build_and_extracts_nothing(serial, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(SEEDS, tmp_path / "first", jobs=1, cache_dir=cache)
    assert len(list(cache.rglob("*.pickle"))) == len(SEEDS)

    def no_extraction(path):
        raise AssertionError(f"{path} was extracted again")

    monkeypatch.setattr("kg.pagemap.process_page", no_extraction)
    build(SEEDS, tmp_path / "second", jobs=1, cache_dir=cache)
    assert outputs(tmp_path / "second") == serial


def test_changed_page_is_extracted_again(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("银杏社区开展读书会\n今年,银杏社区组织居民读书。 李小明\n", encoding="utf-8")
    cache = PageCache(tmp_path / "cache")
    [first] = map_pages([page], jobs=1, cache=cache)
    page.write_text("枫林村开展读书会\n今年,枫林村组织村民读书。 王芳\n", encoding="utf-8")
    [second] = map_pages([page], jobs=1, cache=cache)
    assert first.articles[0].title == "银杏社区开展读书会"
    assert second.articles[0].title == "枫林村开展读书会"


def test_cache_of_another_extractor_version_is_not_used(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("银杏社区开展读书会\n今年,银杏社区组织居民读书。 李小明\n", encoding="utf-8")
    [fresh] = map_pages([page], jobs=1, cache=PageCache(tmp_path / "c", version="a" * 64))
    assert PageCache(tmp_path / "c", version="b" * 64).get(str(page), fresh.sha256) is None
    assert PageCache(tmp_path / "c", version="a" * 64).get(str(page), fresh.sha256) is not None


def test_dask_cluster_gives_the_same_pages_as_local_run():
    distributed = pytest.importorskip("distributed")
    warm_up()
    local = map_pages(SEEDS, jobs=1)
    # Worker threads in this process, but tasks and results travel over TCP
    # (pickled), as they would to remote workers.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://",
                                  dashboard_address=None) as cluster:
        remote = map_pages(SEEDS, scheduler=f"dask:{cluster.scheduler_address}")
    assert [p.path for p in remote] == [str(s) for s in SEEDS]
    assert remote == local  # dataclass equality: every field of every article, mention, relation
    assert sum(len(a.relations) for p in remote for a in p.articles) > 0


def test_dask_build_outputs_equal_serial(serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                                  dashboard_address=None) as cluster:
        build(SEEDS, tmp_path, scheduler=f"dask:{cluster.scheduler_address}")
    assert outputs(tmp_path) == serial


def test_compact_pages_give_the_same_graph():
    # The build compacts pages (no mentions, no page text); resolution and the
    # graph must not notice.
    from kg.graph import build_graph
    from kg.read import mark_duplicates
    from kg.resolve import resolve

    def graph(compact):
        pages = map_pages(SEEDS, jobs=1, compact=compact)
        mark_duplicates(pages)
        G = build_graph(pages, resolve(pages))
        return sorted(G.nodes(data=True)), sorted(G.edges(keys=True, data=True)), pages

    full_nodes, full_edges, full_pages = graph(False)
    nodes, edges, pages = graph(True)
    assert any(a.mentions for p in full_pages for a in p.articles)
    assert not any(a.mentions for p in pages for a in p.articles)
    assert any(n[1]["code"] for n in nodes)  # division codes survive compaction
    assert (nodes, edges) == (full_nodes, full_edges)


def test_releasing_page_contents_changes_no_output(serial, tmp_path):
    # kg build drops the articles' text and extraction once the per-page
    # outputs are written; the graph's outputs must not need them.
    result = build(SEEDS, tmp_path, jobs=1, keep_contents=False)
    assert outputs(tmp_path) == serial
    assert not any(a.relations or a.paragraphs for p in result.pages for a in p.articles)
