"""The seed graph's page in a real browser: offline, complete, searchable, filterable.

Names and aliases are taken from the page's own data, never written here.
"""

from __future__ import annotations

import time

import pytest


@pytest.fixture(scope="module")
def seed_page(seed_build):
    return seed_build[0] / "graph.html"


def test_loads_offline_without_errors_and_holds_the_whole_graph(load, seed_page, seed_build):
    page = load(seed_page)
    assert page.console == []
    assert page.remote == []
    counts = page.js("return [kgGraph.nodes.length, kgGraph.edges.length]")
    totals = seed_build[1]["totals"]
    assert counts == [totals["nodes"], totals["edges"]]
    assert seed_build[1]["html"]["truncated"] is False
    nodes, edges = page.shown()
    assert (len(nodes), len(edges)) == (totals["nodes"], totals["edges"])
    assert page.js("return document.getElementById('kg-count').textContent") == (
        f"实体 {totals['nodes']} · 关系 {totals['edges']}")


def _alias_only_match(data: dict) -> tuple[dict, str]:
    """A node and an alias that finds it and nothing else: no name contains it."""
    names = [n["name"].strip().lower() for n in data["nodes"]]
    owners: dict[str, list[dict]] = {}
    for n in data["nodes"]:
        for a in n["aliases"]:
            owners.setdefault(a.strip().lower(), []).append(n)
    for alias in sorted(owners):
        if len(owners[alias]) == 1 and not any(alias in name for name in names):
            return owners[alias][0], alias
    raise AssertionError("the seed graph has no alias-only search target")


def test_search_by_alias_selects_and_focuses_the_node(load, seed_page):
    page = load(seed_page)
    node, alias = _alias_only_match(page.data)
    page.search(alias)
    assert page.js("return kgGraph.network.getSelectedNodes()") == [node["id"]]
    assert page.js("return document.getElementById('kg-selected').textContent") == node["name"]
    card = page.js("return document.querySelector('#kg-details h3').textContent")
    assert card == node["name"]


def test_search_miss_says_so(load, seed_page):
    page = load(seed_page)
    page.search("不存在的名字zzz")
    assert page.js("return kgGraph.network.getSelectedNodes()") == []
    assert "不存在的名字zzz" in page.js("return document.getElementById('kg-details').textContent")


def test_type_filter_hides_the_other_types(load, seed_page):
    page = load(seed_page)
    data = page.data
    type_of = {n["id"]: n["type"] for n in data["nodes"]}
    boxes = page.driver.find_elements("css selector", "#kg-types input[type=checkbox]")
    assert len(boxes) == len(data["types"])
    # Untick one type: exactly its nodes, and the edges touching them, go.
    first = data["types"][0]["name"]
    boxes[0].click()
    nodes, edges = page.shown()
    assert nodes == {i for i, t in type_of.items() if t != first}
    assert edges == {e["id"] for e in data["edges"]
                     if type_of[e["from"]] != first and type_of[e["to"]] != first}
    # Keep only communities.
    for box, ty in zip(boxes[1:], data["types"][1:]):
        if ty["name"] != "Community":
            box.click()
    nodes, edges = page.shown()
    communities = {i for i, t in type_of.items() if t == "Community"}
    assert communities and nodes == communities
    assert all(type_of[e["from"]] == type_of[e["to"]] == "Community"
               for e in data["edges"] if e["id"] in edges)
    page.click("#kg-reset")
    assert page.shown() == ({n["id"] for n in data["nodes"]}, {e["id"] for e in data["edges"]})


def test_predicate_filter_hides_those_relations(load, seed_page):
    page = load(seed_page)
    data = page.data
    names = [p["name"] for p in data["predicates"]]
    boxes = page.driver.find_elements("css selector", "#kg-preds input[type=checkbox]")
    boxes[names.index("locatedIn")].click()
    nodes, edges = page.shown()
    assert edges == {e["id"] for e in data["edges"] if e["predicate"] != "locatedIn"}
    assert len(nodes) == len(data["nodes"])  # relations hide, entities stay


def test_neighbourhood_of_a_subdistrict_is_what_lies_in_it(load, seed_page):
    page = load(seed_page)
    data = page.data
    subs = [n for n in data["nodes"] if n["type"] == "Subdistrict"]
    hub = max(subs, key=lambda n: (n["degree"], n["name"]))
    page.search(hub["name"])
    page.js("document.getElementById('kg-dir').value = 'in'")
    page.click("#kg-hood")
    nodes, edges = page.shown()
    inside = {hub["id"]} | {e["from"] for e in data["edges"] if e["to"] == hub["id"]}
    assert len(inside) > 1 and nodes == inside
    assert edges == {e["id"] for e in data["edges"] if e["from"] in inside and e["to"] in inside}


def test_node_size_grows_with_degree(load, seed_page):
    page = load(seed_page)
    # vis scales 'value' (the degree) into a size; compare dot-shaped entities.
    sizes = page.js("var out = []; kgGraph.nodes.forEach(function (n) {"
                    " if (n.shape === 'dot') { out.push([n.value,"
                    " kgGraph.network.body.nodes[n.id].options.size]); } }); return out;")
    by_degree = sorted(sizes)
    assert [s for _, s in by_degree] == sorted(s for _, s in by_degree)
    assert by_degree[0][1] < by_degree[-1][1]
    degree = {n["id"]: n["degree"] for n in page.data["nodes"]}
    assert page.js("return kgGraph.nodes.map(function (n) { return [n.id, n.value]; })") == [
        [i, degree[i]] for i in sorted(degree)]


def test_legend_lists_every_type_and_relation_with_its_colour(load, seed_page):
    page = load(seed_page)
    data = page.data
    rows = page.js("return Array.from(document.querySelectorAll('#kg-types li')).map("
                   "function (li) { return [li.textContent, li.querySelector('.kg-glyph')"
                   ".style.color]; })")
    assert len(rows) == len(data["types"])
    for (text, colour), ty in zip(rows, data["types"]):
        count = sum(n["type"] == ty["name"] for n in data["nodes"])
        assert ty["label_zh"] in text and f"({count})" in text
        assert colour == _rgb(ty["colour"])
    preds = page.js("return Array.from(document.querySelectorAll('#kg-preds li'))"
                    ".map(function (li) { return li.textContent; })")
    assert [p["label_zh"] in t for p, t in zip(data["predicates"], preds)] == [True] * len(preds)


def _rgb(hex_colour: str) -> str:
    """'#ff7f0e' → 'rgb(255, 127, 14)', as the DOM reports colours.

    >>> _rgb("#ff7f0e")
    'rgb(255, 127, 14)'
    """
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_edge_labels_switch_between_chinese_and_english(load, seed_page):
    page = load(seed_page)
    preds = {p["name"]: p for p in page.data["predicates"]}
    want_zh = [[e["id"], preds[e["predicate"]]["label_zh"]] for e in page.data["edges"]]
    got = "return kgGraph.edges.map(function (e) { return [e.id, e.label]; })"
    assert page.js(got) == want_zh
    page.click("#kg-lang")
    want_en = [[e["id"], preds[e["predicate"]]["label_en"]] for e in page.data["edges"]]
    assert page.js(got) == want_en
    assert page.js("return document.documentElement.lang") == "en"
    legend = page.js("return document.getElementById('kg-preds').textContent")
    assert all(p["label_en"] in legend for p in page.data["predicates"])


def _positions(page) -> dict:
    """Where every shown node is, rounded to whole pixels, once the view is still."""
    last, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        pos = page.js("var p = kgGraph.network.getPositions(), out = {};"
                      "for (var k in p) { out[k] = [Math.round(p[k].x), Math.round(p[k].y)]; }"
                      "return out;")
        if pos == last:
            return pos
        last = pos
        time.sleep(0.3)
    raise AssertionError("the nodes never stopped moving")


def test_neighbourhood_is_laid_out_afresh_and_reset_puts_it_back(load, seed_page):
    page = load(seed_page)
    before = _positions(page)
    subs = [n for n in page.data["nodes"] if n["type"] == "Subdistrict"]
    hub = max(subs, key=lambda n: (n["degree"], n["name"]))
    page.search(hub["name"])
    page.click("#kg-hood")
    during = _positions(page)
    assert set(during) < set(before)
    assert any(during[k] != before[k] for k in during)  # the short layout run moved them
    page.click("#kg-reset")
    assert _positions(page) == before


def test_a_type_toggled_off_and_on_comes_back_where_it_was(load, seed_page):
    page = load(seed_page)
    before = _positions(page)
    box = page.driver.find_elements("css selector", "#kg-types input[type=checkbox]")[-1]
    box.click()
    assert len(_positions(page)) < len(before)
    box.click()
    assert _positions(page) == before
