"""The page map runs with the cyclic garbage collector paused (the pages it
collects would be rescanned again and again), and gives it back as it was
when it ends or fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import kg.pagemap
from kg.document import Page
from kg.pagemap import map_pages

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))[:2]


def test_collector_is_paused_while_the_map_runs_and_back_after(monkeypatch):
    states = []

    def fake_page(path, **_):
        states.append(gc.isenabled())  # seen while each page is made
        return Page(path=str(path), stem=Path(path).stem)

    monkeypatch.setattr(kg.pagemap, "process_page", fake_page)
    assert gc.isenabled()
    pages = map_pages(SEEDS, jobs=1)
    assert [p.stem for p in pages] == [s.stem for s in SEEDS]
    assert states == [False, False]
    assert gc.isenabled()


def test_a_failing_page_still_gives_the_collector_back(monkeypatch):
    def broken(path, **_):
        if path.endswith(SEEDS[1].name):
            raise RuntimeError("disk gone")
        return Page(path=str(path), stem=Path(path).stem)

    monkeypatch.setattr(kg.pagemap, "process_page", broken)
    with pytest.raises(RuntimeError):
        map_pages(SEEDS, jobs=1)
    assert gc.isenabled()


def test_a_collector_someone_else_paused_stays_paused(monkeypatch):
    monkeypatch.setattr(kg.pagemap, "process_page", lambda path, **_: Page(path=str(path), stem="p"))
    gc.disable()
    try:
        map_pages(SEEDS, jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
