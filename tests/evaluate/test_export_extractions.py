"""Per-page JSON extractions: gold format, determinism, atomic writes, scoring round trip."""

from __future__ import annotations

import json

import pytest

from kg.document import Article, ArticleEntity, Page, Relation, Sentence
from kg.errors import KgError
from kg.evaluate.score import evaluate
from kg.export.extractions import page_to_gold_format, write_extractions


def make_page(stem="p01", entity_order=None) -> Page:
    """A page with one kept article, one reprint and one skipped article."""
    entities = [
        ArticleEntity("李小明", "Person"),
        ArticleEntity("银杏书屋", "Initiative", aliases=["书屋", "银杏书屋", "书屋"], alt_types=["Organization"]),
        ArticleEntity("银杏社区", "Community", aliases=["银杏"]),
        ArticleEntity("枫叶公益社", "Organization"),
    ]
    if entity_order:
        entities = [entities[i] for i in entity_order]
    relations = [
        Relation("李小明", "memberOf", "枫叶公益社", sentence=1, role="社长"),
        Relation("枫叶公益社", "donatedTo", "银杏书屋", evidence="枫叶公益社捐款800元。", amount_yuan=800.0),
        Relation("银杏书屋", "locatedIn", "银杏社区", sentence=0),
        Relation("枫叶公益社", "organized", "银杏书屋", amount_yuan=3.0, role="主办"),
    ]
    first = Article(
        page=stem, index=0, title="银杏社区书屋开放", alt_titles=["书香银杏"], bylines=["王芳"],
        sentences=[Sentence(0, 0, 10, "银杏书屋设在银杏社区。"), Sentence(1, 11, 20, "社长李小明介绍。")],
        entities=entities, relations=relations,
    )
    reprint = Article(page=stem, index=1, title="银杏社区书屋开放", bylines=["王芳"], duplicate_of=f"{stem}#0",
                      entities=[ArticleEntity("银杏社区", "Community")],
                      relations=[Relation("枫叶公益社", "donatedTo", "银杏社区", amount_yuan=12.5)])
    skipped = Article(page=stem, index=2, title="广告", status="skipped")
    return Page(path=f"/data/seeds/{stem}.txt", stem=stem, articles=[first, reprint, skipped])


def test_gold_format_fields_order_and_omissions():
    data = page_to_gold_format(make_page())
    assert data["source"] == "p01.txt"
    assert [a["title"] for a in data["articles"]] == ["银杏社区书屋开放", "银杏社区书屋开放"]
    first, reprint = data["articles"]
    assert first["alt_titles"] == ["书香银杏"] and "alt_titles" not in reprint
    assert "duplicate_of" not in first and reprint["duplicate_of"] == "p01#0"
    # Entities by vocabulary type order (Community < Organization < Person < Initiative), then name.
    assert first["entities"] == [
        {"name": "银杏社区", "type": "Community", "aliases": ["银杏"]},
        {"name": "枫叶公益社", "type": "Organization"},
        {"name": "李小明", "type": "Person"},
        {"name": "银杏书屋", "type": "Initiative", "aliases": ["书屋"], "alt_types": ["Organization"]},
    ]
    # Relations by predicate order; amount only on donatedTo (int when integral), role only on memberOf.
    assert first["relations"] == [
        {"s": "银杏书屋", "p": "locatedIn", "o": "银杏社区", "evidence": "银杏书屋设在银杏社区。"},
        {"s": "枫叶公益社", "p": "organized", "o": "银杏书屋"},
        {"s": "枫叶公益社", "p": "donatedTo", "o": "银杏书屋", "amount_yuan": 800, "evidence": "枫叶公益社捐款800元。"},
        {"s": "李小明", "p": "memberOf", "o": "枫叶公益社", "role": "社长", "evidence": "社长李小明介绍。"},
    ]
    assert type(first["relations"][2]["amount_yuan"]) is int
    assert reprint["relations"][0]["amount_yuan"] == 12.5


def test_output_does_not_depend_on_input_order(tmp_path):
    a = write_extractions([make_page()], tmp_path / "a")[0].read_bytes()
    b = write_extractions([make_page(entity_order=[3, 1, 0, 2])], tmp_path / "b")[0].read_bytes()
    again = write_extractions([make_page()], tmp_path / "a")[0].read_bytes()
    assert a == b == again


def test_written_file_is_utf8_indented_with_final_newline_and_no_temp_left(tmp_path):
    paths = write_extractions([make_page("p01"), make_page("p02")], tmp_path / "out")
    assert [p.name for p in paths] == ["p01.json", "p02.json"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["p01.json", "p02.json"]
    text = paths[0].read_text(encoding="utf-8")
    assert text.endswith("}\n") and "银杏社区" in text and "\\u" not in text
    assert text.startswith('{\n  "source": "p01.txt",')
    assert json.loads(text) == page_to_gold_format(make_page("p01"))


def test_same_stem_twice_is_an_error(tmp_path):
    with pytest.raises(KgError, match="already used"):
        write_extractions([make_page("p01"), make_page("p01")], tmp_path)
    assert not list(tmp_path.iterdir())


def test_export_scores_perfectly_against_itself(tmp_path):
    # The exported file is valid scorer input: as gold and as prediction it scores 1.0.
    write_extractions([make_page()], tmp_path / "gold")
    write_extractions([make_page()], tmp_path / "pred")
    report = evaluate(tmp_path / "gold", tmp_path / "pred")
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (4, 0, 0)
    assert (report.relations.tp, report.relations.fp, report.relations.fn) == (5, 0, 0)
    assert report.titles.f1 == report.bylines.f1 == 1.0


def test_missing_entity_in_export_is_scored_as_fn(tmp_path):
    write_extractions([make_page()], tmp_path / "gold")
    page = make_page()
    page.articles[0].entities = [e for e in page.articles[0].entities if e.name != "李小明"]
    write_extractions([page], tmp_path / "pred")
    report = evaluate(tmp_path / "gold", tmp_path / "pred")
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (3, 0, 1)
