"""Truncation above max_nodes, and the fixed layout used for large graphs."""

from __future__ import annotations

import json
import re

from kg.export.html import render_html, select_nodes, write_html
from kg.export.layout import adjacency, radial_layout
from kg.graph.model import add_article, add_assertion, add_entity, new_graph


def star_graph(leaves: int, extra: int = 0):
    """One hub community with ``leaves`` residents plus ``extra`` isolated people."""
    G = new_graph()
    add_article(G, "s#0", page="s", index=0, title="测试")
    hub = add_entity(G, "Community", "中心社区")
    for i in range(leaves):
        p = add_entity(G, "Person", f"居民{i:04d}")
        add_assertion(G, p, "memberOf", hub, article="s#0")
    for i in range(extra):
        add_entity(G, "Person", f"路人{i:04d}")
    return G


def data_of(page: str) -> dict:
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))


def test_truncation_keeps_highest_degree_and_says_so(tmp_path):
    G = star_graph(3, extra=4)
    mid = add_entity(G, "Person", "居民0000")  # give one resident a second edge
    other = add_entity(G, "Organization", "志愿队")
    add_assertion(G, mid, "memberOf", other, article="s#0")
    stats = write_html(G, tmp_path / "t.html", max_nodes=3)
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    data = data_of(page)
    kept = sorted(n["key"] for n in data["nodes"])
    # Hub (3 edges), 居民0000 (2), then the tie at degree 1 broken by key.
    assert kept == ["Community/中心社区", "Organization/志愿队", "Person/居民0000"]
    assert stats["truncated"] is True and data["truncated"] is True
    assert (stats["nodes"], stats["total_nodes"]) == (3, 9)
    assert stats["edges"] == 2  # only edges between kept nodes
    notice = re.search(r'<div id="kg-notice" role="status">([^<]*)</div>', page)
    assert notice and "3" in notice.group(1) and "9" in notice.group(1)


def test_no_notice_when_everything_fits():
    page = render_html(star_graph(3))
    assert '<div id="kg-notice" role="status" hidden></div>' in page
    assert data_of(page)["notice"] is None


def test_select_nodes_tie_break_is_by_key():
    G = star_graph(0, extra=5)
    # All have degree 0: the first keys win.
    assert select_nodes(G, 2) == ["Community/中心社区", "Person/路人0000"]


def test_large_graph_gets_fixed_positions():
    G = star_graph(40, extra=5)
    page = render_html(G, physics_limit=20)
    data = data_of(page)
    assert data["physics"] is False
    xy = [(n["x"], n["y"]) for n in data["nodes"]]
    assert all(isinstance(v, int) for p in xy for v in p)
    assert len(set(xy)) == len(xy)  # no two nodes on the same spot
    assert data["iterations"] == 0


def test_small_graph_gets_physics_and_a_fixed_start():
    data = data_of(render_html(star_graph(4)))
    assert data["physics"] is True and data["iterations"] > 0
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


def test_radial_layout_separates_ring_nodes():
    adj = adjacency([str(i) for i in range(60)], [("0", str(i)) for i in range(1, 60)])
    pos = radial_layout(adj)
    pts = [pos[str(i)] for i in range(1, 60)]
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(pts) for b in pts[i + 1:])
    assert closest >= 38  # SPACING, less integer rounding


def test_radial_layout_ignores_insertion_order():
    edges = [("a", "b"), ("b", "c"), ("d", "e")]
    one = radial_layout(adjacency(["a", "b", "c", "d", "e"], edges))
    two = radial_layout(adjacency(["e", "d", "c", "b", "a"], list(reversed(edges))))
    assert one == two


def test_components_do_not_overlap():
    edges = [("a", "b"), ("a", "c"), ("x", "y")]
    pos = radial_layout(adjacency(["a", "b", "c", "x", "y", "z"], edges))
    comp = {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 2}
    for u in pos:
        for v in pos:
            if comp[u] != comp[v]:
                d = ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
                assert d >= 40, (u, v)


def test_empty_graph_and_zero_limit_still_make_a_page():
    G = star_graph(2)
    for graph, limit in ((new_graph(), 10), (G, 0)):
        data = data_of(render_html(graph, max_nodes=limit))
        assert data["nodes"] == [] and data["edges"] == []
    assert data_of(render_html(G, max_nodes=0))["truncated"] is True
