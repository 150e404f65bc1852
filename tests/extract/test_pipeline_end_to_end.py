"""One seed page through ``kg.build.build``: the extraction invariants every
article must satisfy, in memory and in the per-page JSON written out."""

import json
from pathlib import Path

import pytest

from kg.build import build
from kg.vocab import TYPES

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "002_dd3996d34628064b.txt"
PREDICATES = {"locatedIn", "organized", "operatedBy", "donatedTo", "partneredWith", "memberOf",
              "participatedIn", "serves"}

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed page not available")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build([SEED], tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def articles(built):
    arts = [a for p in built.pages for a in p.articles if a.status == "kept"]
    assert len(arts) >= 2
    return arts


def test_every_article_has_entities(articles):
    for art in articles:
        assert art.entities, art.title
        assert all(e.type in TYPES for e in art.entities)


def test_every_relation_joins_entities_of_its_own_article(articles):
    assert any(art.relations for art in articles)
    for art in articles:
        names = {e.name for e in art.entities}
        for r in art.relations:
            assert r.predicate in PREDICATES
            assert r.subject in names, (art.title, r.key())
            assert r.object in names, (art.title, r.key())
            assert r.subject != r.object


def test_evidence_is_the_sentence_in_the_article_text(articles):
    for art in articles:
        for r in art.relations:
            assert r.evidence, r.key()
            assert r.evidence in art.text, r.key()
            assert r.evidence == art.sentence_text(r.sentence)


def test_amounts_and_roles_only_where_they_belong(articles):
    for art in articles:
        for r in art.relations:
            if r.amount_yuan is not None:
                assert r.predicate == "donatedTo" and r.amount_yuan > 0
            if r.role is not None:
                assert r.predicate == "memberOf"


def test_written_extractions_agree_with_memory(built, articles):
    [path] = sorted((built.outdir / "extractions").glob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["source"] == SEED.name
    assert [a["title"] for a in data["articles"]] == [a.title for a in articles]
    for written, art in zip(data["articles"], articles):
        names = {e["name"] for e in written["entities"]}
        assert names == {e.name for e in art.entities}
        for r in written["relations"]:
            assert r["s"] in names and r["o"] in names
            assert r["evidence"] in art.text
