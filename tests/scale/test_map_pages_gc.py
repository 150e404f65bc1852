"""The page map keeps the pages it has collected away from the cyclic garbage
collector while it runs, and gives them back when it ends (or fails)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import kg.pagemap
from kg.document import Page
from kg.pagemap import map_pages

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))[:2]


def test_pages_are_frozen_while_the_map_runs_and_released_after(monkeypatch):
    counts = []

    def fake_page(path, **_):
        counts.append(gc.get_freeze_count())  # frozen so far, seen while the next page is made
        return Page(path=str(path), stem=Path(path).stem)

    monkeypatch.setattr(kg.pagemap, "process_page", fake_page)
    pages = map_pages(SEEDS, jobs=1)
    assert [p.stem for p in pages] == [s.stem for s in SEEDS]
    assert counts[0] == 0 and counts[1] > 0
    assert gc.get_freeze_count() == 0


def test_a_failing_page_still_releases_the_frozen_objects(monkeypatch):
    def broken(path, **_):
        if path.endswith(SEEDS[1].name):
            raise RuntimeError("disk gone")
        return Page(path=str(path), stem=Path(path).stem)

    monkeypatch.setattr(kg.pagemap, "process_page", broken)
    with pytest.raises(RuntimeError):
        map_pages(SEEDS, jobs=1)
    assert gc.get_freeze_count() == 0


def test_objects_someone_else_froze_stay_frozen(monkeypatch):
    monkeypatch.setattr(kg.pagemap, "process_page", lambda path, **_: Page(path=str(path), stem="p"))
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        map_pages(SEEDS, jobs=1)
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
