"""Hostile article text and file names leave every output parseable and the HTML inert."""

from __future__ import annotations

import json

import pytest

from kg.build import build
from tests.robust.conftest import BAD, check_outputs, html_outside_data, run_kg

# vis-network itself calls alert("…"), so the markers are the corpus's own payloads.
MARKERS = ("alert(1)", "alert(2)", "onerror=alert", "<img src=x", "DROP TABLE")


@pytest.fixture(scope="module")
def benign_html(tmp_path_factory) -> str:
    """graph.html of a build with nothing hostile in it, to compare markup counts with."""
    out = tmp_path_factory.mktemp("benign") / "out"
    build([BAD / "utf8.txt"], out)
    return (out / "graph.html").read_text(encoding="utf-8")


def _assert_inert(page: str, benign: str) -> dict:
    """No more script elements than a benign page; markers only inside the escaped data."""
    low, ref = page.lower(), benign.lower()
    assert low.count("<script") == ref.count("<script")
    assert low.count("</script") == ref.count("</script")
    rest, data = html_outside_data(page)
    for marker in MARKERS:
        assert marker not in rest
    return data


def test_corpus_outputs_parse(bad_build):
    counts = check_outputs(bad_build.out)
    assert counts["graph.ttl"] > 100


def test_hostile_headline_and_evidence_round_trip(bad_build, make_corpus):
    data = json.loads((bad_build.out / "extractions" / "hostile.json").read_text(encoding="utf-8"))
    art = data["articles"][0]
    assert art["title"] == f"银杏社区启用“{make_corpus.HOSTILE_TITLE}\"书屋\\\"'”"
    evidence = " ".join(r["evidence"] for r in art["relations"])
    assert '"""松果\\u0000公益服务社"""@zh' in evidence
    assert "\x00" not in evidence and "\x07" not in json.dumps(data)


def test_corpus_html_runs_no_injected_script(bad_build, benign_html, make_corpus):
    page = (bad_build.out / "graph.html").read_text(encoding="utf-8")
    data = _assert_inert(page, benign_html)
    titles = set(data["articles"].values())
    assert f"银杏社区启用“{make_corpus.HOSTILE_TITLE}\"书屋\\\"'”" in titles


def test_hostile_file_name_gives_valid_iris_and_inert_html(tmp_path, make_corpus, benign_html):
    folder = tmp_path / "in"
    folder.mkdir()
    name = '<script>alert(1)<\\script> "q" #1 %41 {x}|^`'
    (folder / f"{name}.txt").write_text(
        make_corpus.article("银杏社区", "暖心书屋", "松果公益服务社", "李小明"), encoding="utf-8")
    run = run_kg(str(folder), out=tmp_path / "out")
    assert run.code == 0
    check_outputs(tmp_path / "out")
    assert (tmp_path / "out" / "extractions" / f"{name}.json").is_file()
    data = _assert_inert((tmp_path / "out" / "graph.html").read_text(encoding="utf-8"), benign_html)
    assert f"{name}#0" in data["articles"]


def test_hostile_entity_names_survive_every_export(tmp_path, make_corpus, benign_html):
    """Names the rules would never extract, pushed straight into the graph."""
    from kg.build import _write_outputs
    from kg.document import Article, ArticleEntity, Page, Relation
    from kg.graph import build_graph
    from kg.resolve import resolve

    names = [make_corpus.HOSTILE_NAME + "社区", make_corpus.LONG_NAME, '引号"反斜杠\\换行\n社区',
             "控制\x01\x1f字符\u2028分隔\u2029社区", "孤\ud800代理社区", "{{APP_JS}}]]><!--社区"]
    entities = [ArticleEntity(n, "Community") for n in names]
    relations = [Relation(a, "partneredWith", b, sentence=1, evidence=a + b) for a, b in zip(names, names[1:])]
    art = Article(page="h", index=0, title=make_corpus.HOSTILE_NAME, paragraphs=["正文。"],
                  bylines=[make_corpus.HOSTILE_TITLE], entities=entities, relations=relations)
    pages = [Page(path="h.txt", stem="h", articles=[art])]
    G = build_graph(pages, resolve(pages))
    assert G.number_of_nodes() == len(names) and G.number_of_edges() == len(relations)
    out = tmp_path / "out"
    _write_outputs(G, pages, out.joinpath, 2000)
    counts = check_outputs(out)
    assert counts["graph.ttl"] > 0
    data = _assert_inert((out / "graph.html").read_text(encoding="utf-8"), benign_html)
    assert len(data["nodes"]) == len(names)
    exported = json.loads((out / "extractions" / "h.json").read_text(encoding="utf-8"))
    assert {e["name"] for e in exported["articles"][0]["entities"]} >= {names[0], names[1]}
