"""The scorer on small hand-made gold/prediction pairs (names are invented)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.evaluate.annotations import AnnotationError, match_key
from kg.evaluate.score import Counts, evaluate, format_report, report_to_json


def article(title="银杏社区书屋开放", entities=(), relations=(), bylines=(), alt_titles=None):
    """A gold-format article dict."""
    out = {"title": title, "bylines": list(bylines), "entities": list(entities), "relations": list(relations)}
    if alt_titles:
        out["alt_titles"] = list(alt_titles)
    return out


def ent(name, type_, aliases=None, alt_types=None):
    out = {"name": name, "type": type_}
    if aliases:
        out["aliases"] = list(aliases)
    if alt_types:
        out["alt_types"] = list(alt_types)
    return out


def rel(s, p, o, **extra):
    return {"s": s, "p": p, "o": o, **extra}


def write(folder: Path, stem: str, articles) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"source": f"{stem}.txt", "articles": list(articles)}
    (folder / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def run(tmp_path: Path, gold_articles, pred_articles, stem="p01"):
    """Score one gold page against one prediction page."""
    write(tmp_path / "gold", stem, gold_articles)
    write(tmp_path / "pred", stem, pred_articles)
    return evaluate(tmp_path / "gold", tmp_path / "pred")


def counts(c: Counts) -> tuple[int, int, int]:
    return (c.tp, c.fp, c.fn)


# ------------------------------------------------------------------ entities


def test_entity_matches_gold_alias(tmp_path):
    gold = [article(entities=[ent("银杏社区", "Community", aliases=["银杏"])])]
    pred = [article(entities=[ent("银杏", "Community")])]
    report = run(tmp_path, gold, pred)
    assert counts(report.entities) == (1, 0, 0)


def test_entity_match_ignores_quotes_and_nfkc_width(tmp_path):
    gold = [article(entities=[ent("“书香银杏”", "Initiative"), ent("ＡＢ小区", "Neighborhood")])]
    pred = [article(entities=[ent("书香银杏", "Initiative"), ent("「AB小区」", "Neighborhood")])]
    assert counts(run(tmp_path, gold, pred).entities) == (2, 0, 0)


def test_inner_space_is_significant(tmp_path):
    # The schema ignores only quotation marks; a space is part of the name.
    assert match_key("书香 银杏") != match_key("书香银杏")
    gold = [article(entities=[ent("书香 银杏", "Initiative")])]
    pred = [article(entities=[ent("书香银杏", "Initiative")])]
    assert counts(run(tmp_path, gold, pred).entities) == (0, 1, 1)


def test_entity_matches_gold_alt_type(tmp_path):
    gold = [article(entities=[ent("银杏先锋", "Initiative", alt_types=["Organization"])])]
    pred = [article(entities=[ent("银杏先锋", "Organization")])]
    report = run(tmp_path, gold, pred)
    # A TP is counted under the gold type even when the alt type was predicted.
    assert counts(report.entities_by_type["Initiative"]) == (1, 0, 0)
    assert "Organization" not in report.entities_by_type


def test_wrong_type_is_fp_for_predicted_type_and_fn_for_gold_type(tmp_path):
    gold = [article(entities=[ent("银杏街道", "Subdistrict")])]
    pred = [article(entities=[ent("银杏街道", "Community")])]
    report = run(tmp_path, gold, pred)
    assert counts(report.entities_by_type["Community"]) == (0, 1, 0)
    assert counts(report.entities_by_type["Subdistrict"]) == (0, 0, 1)
    fp = [e for e in report.files[0].errors if e.verdict == "FP"]
    assert [(e.text, e.note) for e in fp] == [("银杏街道 [Community]", "wrong type: gold 银杏街道 [Subdistrict]")]


def test_prediction_alt_types_do_not_rescue_a_wrong_type(tmp_path):
    gold = [article(entities=[ent("银杏书屋", "Organization")])]
    pred = [article(entities=[ent("银杏书屋", "Initiative", alt_types=["Organization"])])]
    assert counts(run(tmp_path, gold, pred).entities) == (0, 1, 1)


def test_same_predicted_name_twice_is_one_tp_and_no_fp(tmp_path):
    gold = [article(entities=[ent("李小明", "Person")])]
    pred = [article(entities=[ent("李小明", "Person"), ent("“李小明”", "Person")]),
            article(title="另一篇", entities=[ent("李小明", "Person")])]
    assert counts(run(tmp_path, gold, pred).entities) == (1, 0, 0)


def test_two_predicted_entities_for_one_gold_entity_give_one_fp(tmp_path):
    gold = [article(entities=[ent("银杏社区", "Community", aliases=["银杏"])])]
    pred = [article(entities=[ent("银杏社区", "Community"), ent("银杏", "Community")])]
    report = run(tmp_path, gold, pred)
    assert counts(report.entities) == (1, 1, 0)
    fp = [e for e in report.files[0].errors if e.verdict == "FP"]
    assert len(fp) == 1 and fp[0].note.startswith("duplicate")


def test_gold_entity_repeated_in_two_articles_counts_once(tmp_path):
    gold = [article(entities=[ent("银杏社区", "Community", aliases=["银杏"])]),
            article(title="第二篇", entities=[ent("银杏社区", "Community")])]
    pred = [article(entities=[ent("银杏", "Community")])]
    assert counts(run(tmp_path, gold, pred).entities) == (1, 0, 0)


def test_predicted_lines_joined_by_alias_across_articles(tmp_path):
    # The extractor says 银杏 is 银杏社区 in article 1, so 银杏 in article 2 is the same entity.
    gold = [article(entities=[ent("银杏社区", "Community", aliases=["银杏"])])]
    pred = [article(entities=[ent("银杏社区", "Community", aliases=["银杏"])]),
            article(title="第二篇", entities=[ent("银杏", "Community")])]
    assert counts(run(tmp_path, gold, pred).entities) == (1, 0, 0)


def test_predicted_alias_alone_does_not_make_a_name_match(tmp_path):
    gold = [article(entities=[ent("银杏", "Community")])]
    pred = [article(entities=[ent("银杏社区", "Community", aliases=["银杏"])])]
    assert counts(run(tmp_path, gold, pred).entities) == (0, 1, 1)


# ----------------------------------------------------------------- relations


PARTNERS = [ent("银杏公益社", "Organization"), ent("枫叶社工站", "Organization")]


def test_partneredwith_matches_in_either_order(tmp_path):
    gold = [article(entities=PARTNERS, relations=[rel("银杏公益社", "partneredWith", "枫叶社工站")])]
    pred = [article(entities=PARTNERS, relations=[rel("枫叶社工站", "partneredWith", "银杏公益社")])]
    assert counts(run(tmp_path, gold, pred).relations) == (1, 0, 0)


def test_directed_relation_reversed_does_not_match(tmp_path):
    gold = [article(entities=PARTNERS, relations=[rel("银杏公益社", "organized", "枫叶社工站")])]
    pred = [article(entities=PARTNERS, relations=[rel("枫叶社工站", "organized", "银杏公益社")])]
    assert counts(run(tmp_path, gold, pred).relations) == (0, 1, 1)


def test_partneredwith_listed_both_ways_in_prediction_is_one_relation(tmp_path):
    gold = [article(entities=PARTNERS, relations=[rel("银杏公益社", "partneredWith", "枫叶社工站")])]
    pred = [article(entities=PARTNERS, relations=[rel("枫叶社工站", "partneredWith", "银杏公益社"),
                                                  rel("银杏公益社", "partneredWith", "枫叶社工站")])]
    assert counts(run(tmp_path, gold, pred).relations) == (1, 0, 0)


def test_relation_end_matched_via_gold_alias(tmp_path):
    gold = [article(entities=[ent("银杏书屋", "Initiative"), ent("银杏社区", "Community", aliases=["银杏"])],
                    relations=[rel("银杏书屋", "locatedIn", "银杏社区")])]
    pred = [article(entities=[ent("银杏书屋", "Initiative"), ent("银杏", "Community")],
                    relations=[rel("“银杏书屋”", "locatedIn", "银杏")])]
    assert counts(run(tmp_path, gold, pred).relations) == (1, 0, 0)


def test_predicted_end_written_as_alias_matches_through_its_entity_name(tmp_path):
    # The relation says 银杏, which the extractor's entity 银杏社区 lists as an alias:
    # the end is that entity, and its name matches the gold entity.
    gold = [article(entities=[ent("银杏书屋", "Initiative"), ent("银杏社区", "Community")],
                    relations=[rel("银杏书屋", "locatedIn", "银杏社区")])]
    pred = [article(entities=[ent("银杏书屋", "Initiative"), ent("银杏社区", "Community", aliases=["银杏"])],
                    relations=[rel("银杏书屋", "locatedIn", "银杏")])]
    assert counts(run(tmp_path, gold, pred).relations) == (1, 0, 0)


def test_relation_with_wrong_predicate_is_fp_and_fn_by_predicate(tmp_path):
    ents = [ent("李小明", "Person"), ent("银杏书屋", "Initiative")]
    gold = [article(entities=ents, relations=[rel("李小明", "organized", "银杏书屋")])]
    pred = [article(entities=ents, relations=[rel("李小明", "participatedIn", "银杏书屋")])]
    report = run(tmp_path, gold, pred)
    assert counts(report.relations_by_predicate["organized"]) == (0, 0, 1)
    assert counts(report.relations_by_predicate["participatedIn"]) == (0, 1, 0)


def test_relation_repeated_in_reprinted_article_counts_once(tmp_path):
    ents = [ent("李小明", "Person"), ent("银杏书屋", "Initiative")]
    one = article(entities=ents, relations=[rel("李小明", "donatedTo", "银杏书屋", amount_yuan=500)])
    gold = [one, one]
    pred = [article(entities=ents, relations=[rel("李小明", "donatedTo", "银杏书屋")])]
    # amount_yuan is not scored: the schema scores ends and predicate only.
    assert counts(run(tmp_path, gold, pred).relations) == (1, 0, 0)


# ------------------------------------------------------------ titles, bylines


def test_title_matched_via_alt_titles(tmp_path):
    gold = [article(title="银杏社区书屋开放", alt_titles=["书香银杏,阅读暖心"])]
    pred = [article(title="书香银杏，阅读暖心")]  # full-width comma folds to ','
    assert counts(run(tmp_path, gold, pred).titles) == (1, 0, 0)


def test_reprinted_title_is_a_multiset(tmp_path):
    gold = [article(title="银杏书屋开放"), article(title="银杏书屋开放")]
    pred = [article(title="银杏书屋开放")]
    assert counts(run(tmp_path, gold, pred).titles) == (1, 0, 1)


def test_bylines_are_a_multiset_over_the_file(tmp_path):
    gold = [article(bylines=["李小明", "王芳"]), article(title="二", bylines=["李小明"])]
    pred = [article(bylines=["李小明"]), article(title="二", bylines=["李小明", "李小明", "赵一"])]
    # Gold bag {李小明×2, 王芳}; predicted {李小明×3, 赵一}: 2 TP, 2 FP, 1 FN.
    assert counts(run(tmp_path, gold, pred).bylines) == (2, 2, 1)


# ------------------------------------------------------ files and averaging


def test_missing_prediction_counts_all_fn_and_warns(tmp_path):
    write(tmp_path / "gold", "p01", [article(bylines=["李小明"], entities=[ent("李小明", "Person")])])
    (tmp_path / "pred").mkdir()
    report = evaluate(tmp_path / "gold", tmp_path / "pred")
    assert report.missing == ["p01"]
    assert counts(report.entities) == (0, 0, 1)
    assert counts(report.titles) == (0, 0, 1)
    assert counts(report.bylines) == (0, 0, 1)
    assert format_report(report).startswith("warning: no prediction for p01.json")


def test_prediction_without_gold_is_ignored_and_listed(tmp_path):
    write(tmp_path / "gold", "p01", [article(entities=[ent("李小明", "Person")])])
    write(tmp_path / "pred", "p01", [article(entities=[ent("李小明", "Person")])])
    write(tmp_path / "pred", "zz_extra", [article(entities=[ent("王芳", "Person")])])
    report = evaluate(tmp_path / "gold", tmp_path / "pred")
    assert report.ignored == ["zz_extra.json"]
    assert counts(report.entities) == (1, 0, 0)
    assert "ignored (no gold): zz_extra.json" in format_report(report)


def test_micro_average_adds_counts_over_files(tmp_path):
    # File a: 2 gold, 1 right + 1 spurious → tp1 fp1 fn1.
    write(tmp_path / "gold", "a", [article(entities=[ent("李小明", "Person"), ent("王芳", "Person")])])
    write(tmp_path / "pred", "a", [article(entities=[ent("李小明", "Person"), ent("赵一", "Person")])])
    # File b: 3 gold, 3 right + 1 spurious → tp3 fp1 fn0.
    write(tmp_path / "gold", "b", [article(entities=[ent("银杏社区", "Community"), ent("银杏街道", "Subdistrict"),
                                                     ent("枫叶社区", "Community")])])
    write(tmp_path / "pred", "b", [article(entities=[ent("银杏社区", "Community"), ent("银杏街道", "Subdistrict"),
                                                     ent("枫叶社区", "Community"), ent("枫叶", "Community")])])
    report = evaluate(tmp_path / "gold", tmp_path / "pred")
    # Micro: tp4 fp2 fn1 → P=4/6, R=4/5, F1=8/11 (not the mean of per-file F1s 0.5 and 6/7).
    assert counts(report.entities) == (4, 2, 1)
    assert report.entities.precision == pytest.approx(4 / 6)
    assert report.entities.recall == pytest.approx(4 / 5)
    assert report.entities.f1 == pytest.approx(8 / 11)
    assert counts(report.entities_by_type["Person"]) == (1, 1, 1)
    assert counts(report.entities_by_type["Community"]) == (2, 1, 0)
    summary = format_report(report).splitlines()[-4:]
    assert summary[0] == "entities  P=0.667 R=0.800 F1=0.727"
    assert [line.split()[0] for line in summary] == ["entities", "relations", "titles", "bylines"]


def test_gold_against_itself_scores_one_everywhere(tmp_path):
    gold = [
        article(title="银杏社区书屋开放", alt_titles=["书香银杏"], bylines=["李小明", "王芳"],
                entities=[ent("银杏社区", "Community", aliases=["银杏"]),
                          ent("银杏书屋", "Initiative", alt_types=["Organization"], aliases=["“银杏书屋”阅读点"]),
                          ent("枫叶公益社", "Organization"), ent("银杏公益社", "Organization"),
                          ent("李小明", "Person"), ent("银发读者", "Group")],
                relations=[rel("银杏书屋", "locatedIn", "银杏"), rel("枫叶公益社", "partneredWith", "银杏公益社"),
                           rel("李小明", "memberOf", "银杏公益社", role="社长"),
                           rel("枫叶公益社", "donatedTo", "银杏书屋", amount_yuan=800),
                           rel("银杏书屋", "serves", "银发读者")]),
        article(title="银杏社区书屋开放", bylines=["李小明"],
                entities=[ent("银杏社区", "Community"), ent("银杏书屋", "Initiative")],
                relations=[rel("银杏书屋", "locatedIn", "银杏社区")]),
    ]
    report = run(tmp_path, gold, gold)
    rows = [report.entities, report.relations, report.titles, report.bylines,
            *report.entities_by_type.values(), *report.relations_by_predicate.values()]
    assert all(c.f1 == 1.0 for c in rows)
    assert counts(report.entities) == (6, 0, 0)
    assert counts(report.relations) == (5, 0, 0)


# ------------------------------------------------------------ output, errors


def test_error_listing_names_every_fp_and_fn(tmp_path):
    gold = [article(entities=[ent("李小明", "Person"), ent("银杏书屋", "Initiative")],
                    relations=[rel("李小明", "organized", "银杏书屋")])]
    pred = [article(entities=[ent("王芳", "Person"), ent("银杏书屋", "Initiative")],
                    relations=[rel("王芳", "organized", "银杏书屋")])]
    text = format_report(run(tmp_path, gold, pred), errors=True)
    assert "FN entity    李小明 [Person]" in text
    assert "FP entity    王芳 [Person]" in text
    assert "FN relation  李小明 -organized-> 银杏书屋" in text
    assert "FP relation  王芳 -organized-> 银杏书屋" in text
    assert "李小明" not in format_report(run(tmp_path, gold, pred), errors=False)


def test_json_report_is_deterministic_and_serialisable(tmp_path):
    gold = [article(bylines=["李小明"], entities=[ent("李小明", "Person"), ent("银杏社区", "Community")])]
    pred = [article(bylines=["王芳"], entities=[ent("银杏社区", "Person")])]
    first = json.dumps(report_to_json(run(tmp_path, gold, pred)), ensure_ascii=False)
    second = json.dumps(report_to_json(evaluate(tmp_path / "gold", tmp_path / "pred")), ensure_ascii=False)
    assert first == second
    data = json.loads(first)
    assert data["micro"]["entities"]["fn"] == 2
    assert data["micro"]["entities"]["fp"] == 1
    assert data["files"][0]["stem"] == "p01"
    assert {e["verdict"] for e in data["files"][0]["errors"]} == {"FP", "FN"}


def test_invalid_prediction_file_is_a_one_line_error(tmp_path):
    write(tmp_path / "gold", "p01", [article()])
    (tmp_path / "pred").mkdir()
    (tmp_path / "pred" / "p01.json").write_text('{"articles": [{"title": "x", "entities": [{"name": "甲"}]}]}',
                                                encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"p01\.json: articles\[0\]\.entities\[0\]\.type"):
        evaluate(tmp_path / "gold", tmp_path / "pred")


def test_missing_folders_are_errors(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    with pytest.raises(KgError, match="no gold"):
        evaluate(tmp_path / "gold", tmp_path / "pred")
    with pytest.raises(KgError, match="not a directory"):
        evaluate(tmp_path / "nope", tmp_path / "pred")
