"""The page is self-contained, round-trips the graph exactly and is deterministic."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from kg.export.html import render_html, write_html
from kg.graph.model import sorted_edges

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def embedded(page: str) -> dict:
    """The graph data block of a page, parsed back.

    >>> embedded('<script type="application/json" id="kg-data">{"a":1}</script>')
    {'a': 1}
    """
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


class _Refs(HTMLParser):
    """Collects every tag with its attributes, and the text of <style> elements."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def test_page_has_no_remote_reference(small_graph):
    page = render_html(small_graph)
    refs = _Refs()
    refs.feed(page)
    tags = [t for t, _ in refs.tags]
    assert tags.count("script") == 3 and "link" not in tags and "img" not in tags
    for tag, attrs in refs.tags:
        for name in ("src", "href", "srcset", "poster", "data", "action"):
            assert name not in attrs, (tag, attrs)
    css = "".join(refs.styles)
    assert "vis-network" in css or ".vis-" in css  # vis's CSS really is inlined
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", css)
    assert urls and all(u.startswith("data:") for u in urls)
    assert "@import" not in css
    csp = [a["content"] for t, a in refs.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_vis_library_is_inlined(small_graph):
    page = render_html(small_graph)
    assert "vis-network" in page and "new vis.Network" in page
    assert "sourceMappingURL" not in page


def test_embedded_json_holds_exactly_the_graph(small_graph):
    data = embedded(render_html(small_graph))
    keys = [n["key"] for n in data["nodes"]]
    assert sorted(keys) == sorted(small_graph.nodes)
    by_id = {n["id"]: n["key"] for n in data["nodes"]}
    got = sorted((by_id[e["from"]], by_id[e["to"]], e["key"]) for e in data["edges"])
    want = sorted((u, v, k) for u, v, k, _ in sorted_edges(small_graph))
    assert got == want
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    firm_to_ginkgo = [e for e in data["edges"]
                      if by_id[e["from"]] == "Organization/松果科技公司"
                      and by_id[e["to"]] == "Community/银杏社区"]
    assert sorted(e["amount_yuan"] for e in firm_to_ginkgo) == [5000, 20000]
    assert len({e["curve"] for e in firm_to_ginkgo}) == 2  # drawn apart, not on top


def test_node_and_edge_details_are_carried(small_graph):
    data = embedded(render_html(small_graph))
    nodes = {n["key"]: n for n in data["nodes"]}
    assert nodes["District/青松区"]["code"] == "320599"
    assert nodes["Community/银杏社区"]["aliases"] == ["银杏"]
    assert nodes["Community/银杏社区"]["degree"] == small_graph.degree("Community/银杏社区")
    assert data["articles"]["p#1"] == "爱心企业再次捐赠"
    member = [e for e in data["edges"] if e["predicate"] == "memberOf"]
    assert member[0]["role"] == "队长" and member[0]["evidence"] == "李小明任队长"
    assert {t["name"] for t in data["types"]} >= {"Community", "Initiative"}
    assert [p["label_zh"] for p in data["predicates"] if p["name"] == "locatedIn"] == ["位于"]


def test_same_input_same_bytes(small_graph, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_html(small_graph, a)
    write_html(small_graph, b)
    assert a.read_bytes() == b.read_bytes()


def test_written_file_is_utf8_and_stats_match(small_graph, tmp_path):
    path = tmp_path / "g.html"
    stats = write_html(small_graph, path)
    text = path.read_text(encoding="utf-8")
    assert "银杏社区" in text
    assert stats["bytes"] == path.stat().st_size
    assert (stats["nodes"], stats["edges"], stats["truncated"]) == (8, 8, False)
    assert stats["layout"] == "physics"
    assert embedded(text)["physics"] is True


def test_english_labels_selected_by_lang(small_graph):
    data = embedded(render_html(small_graph, lang="en"))
    assert data["lang"] == "en"
    assert '<html lang="en">' in render_html(small_graph, lang="en")


def test_unknown_lang_is_refused(small_graph):
    import pytest

    with pytest.raises(ValueError):
        render_html(small_graph, lang="fr")


def test_entity_card_lists_a_few_headlines_and_the_count():
    # A big corpus puts one entity in thousands of articles; the page ships
    # a few of them and the count, and only the titles it refers to.
    from kg.export.html import ARTICLES_LISTED
    from kg.graph.model import add_article, add_entity, new_graph

    G = new_graph()
    n = ARTICLES_LISTED + 5
    for i in range(n):
        add_article(G, f"p#{i}", page="p", index=i, title=f"标题{i}")
        add_entity(G, "Community", "银杏社区", article=f"p#{i}")
    data = embedded(render_html(G))
    [node] = data["nodes"]
    assert len(node["articles"]) == ARTICLES_LISTED and node["article_count"] == n
    assert sorted(data["articles"]) == sorted(node["articles"])
