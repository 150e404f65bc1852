"""End to end on one seed page: the gold article count, titles and bylines."""

import json
from pathlib import Path

import pytest

from kg.read import mark_duplicates, read_page

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "002_dd3996d34628064b.txt"
GOLD = Path("/work/shared/gold") / "002_dd3996d34628064b.json"


@pytest.mark.skipif(not (SEED.exists() and GOLD.exists()), reason="seed page or gold file not available")
def test_seed_page_splits_into_gold_articles():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    page = read_page(SEED)
    mark_duplicates([page])
    assert page.status == "kept"
    assert len(page.articles) == len(gold)
    for art, g in zip(page.articles, gold):
        assert art.title in {g["title"], *g.get("alt_titles", [])}
        assert art.bylines == g["bylines"]
    # the page prints one article twice under two headlines
    assert sum(a.duplicate_of is not None for a in page.articles) == 1
