"""A fast, deterministic layout for large graphs: radial trees, shelf-packed.

Force-directed layouts (``nx.spring_layout``) cost O(n²) per iteration and
need numpy; at 5,000 nodes the browser would also spend seconds settling
physics. Instead each connected component is drawn as a radial tree grown by
breadth-first search from its best-connected node (so a district sits in the
middle of its subdistricts, which sit in the middle of their communities),
and the components are packed in rows, biggest first. Everything is O(n log n)
in pure Python and depends only on the graph's content, never on insertion
order or a random seed.

>>> pos = radial_layout({"a": ["b", "c"], "b": ["a"], "c": ["a"], "d": []})
>>> sorted(pos) == ["a", "b", "c", "d"]
True
>>> pos["b"] != pos["c"]
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

#: Minimum distance between two nodes on the same ring, in vis pixels.
SPACING = 40.0
#: Minimum distance between two consecutive rings.
RING_STEP = 120.0
#: Empty space left around each packed component.
MARGIN = 60.0

Position = tuple[int, int]


def adjacency(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Undirected, sorted neighbour lists without self-loops or repeats.

    >>> adjacency(["a", "b"], [("a", "b"), ("b", "a"), ("a", "a")])
    {'a': ['b'], 'b': ['a']}
    """
    adj: dict[str, set[str]] = {n: set() for n in nodes}
    for u, v in edges:
        if u != v and u in adj and v in adj:
            adj[u].add(v)
            adj[v].add(u)
    return {n: sorted(adj[n]) for n in sorted(adj)}


def _hub_order(adj: Mapping[str, list[str]]) -> list[str]:
    """Nodes by falling degree, then by key: the order roots are picked in.

    >>> _hub_order({"a": ["b"], "b": ["a", "c"], "c": ["b"]})
    ['b', 'a', 'c']
    """
    return sorted(adj, key=lambda n: (-len(adj[n]), n))


def bfs_tree(adj: Mapping[str, list[str]], root: str, rank: Mapping[str, int]):
    """Breadth-first spanning tree from ``root``: (order, parent, children).

    Children are visited hubs-first (by ``rank``) so big subtrees sit together.

    >>> order, parent, children = bfs_tree({"a": ["b"], "b": ["a"]}, "a", {"a": 0, "b": 1})
    >>> order, parent["b"], children["a"]
    (['a', 'b'], 'a', ['b'])
    """
    order = [root]
    parent: dict[str, str | None] = {root: None}
    children: dict[str, list[str]] = {}
    head = 0
    while head < len(order):
        node = order[head]
        head += 1
        kids = [n for n in sorted(adj[node], key=rank.__getitem__) if n not in parent]
        for kid in kids:
            parent[kid] = node
        children[node] = kids
        order.extend(kids)
    return order, parent, children


def _radial_component(adj, root, rank) -> tuple[dict[str, tuple[float, float]], float]:
    """Place one component as a radial tree; returns positions and its radius.

    Each subtree gets a wedge of angle proportional to its number of leaves;
    a ring's radius grows until its closest pair of nodes is ``SPACING`` apart.
    """
    order, parent, children = bfs_tree(adj, root, rank)
    leaves: dict[str, int] = {}
    for node in reversed(order):  # children before parents
        leaves[node] = sum(leaves[k] for k in children[node]) or 1
    depth = {root: 0}
    angle = {root: 0.0}
    wedge_start = {root: 0.0}
    for node in order:
        start = wedge_start[node]
        for kid in children[node]:
            span = 2 * math.pi * leaves[kid] / leaves[root]
            wedge_start[kid] = start
            angle[kid] = start + span / 2
            depth[kid] = depth[node] + 1
            start += span
    rings: dict[int, list[float]] = {}
    for node in order[1:]:
        rings.setdefault(depth[node], []).append(angle[node])
    radius = {0: 0.0}
    for d in range(1, len(rings) + 1):
        angles = sorted(rings[d])
        gaps = [b - a for a, b in zip(angles, angles[1:])]
        if len(angles) > 1:
            gaps.append(2 * math.pi - angles[-1] + angles[0])
        need = SPACING / min(gaps) if gaps and min(gaps) > 0 else 0.0
        radius[d] = max(radius[d - 1] + RING_STEP, need)
    pos = {
        n: (radius[depth[n]] * math.cos(angle[n]), radius[depth[n]] * math.sin(angle[n]))
        for n in order
    }
    return pos, radius[len(rings)]


def shelf_pack(sizes: list[tuple[str, float]]) -> dict[str, tuple[float, float]]:
    """Centres for circles of the given radii, packed in rows, biggest first.

    The row width is chosen so the result is roughly square.

    >>> c = shelf_pack([("big", 10.0), ("small", 1.0)])
    >>> math.dist(c["big"], c["small"]) >= 10.0 + 1.0 + MARGIN / 2
    True
    """
    items = sorted(sizes, key=lambda s: (-s[1], s[0]))
    area = sum((2 * r + MARGIN) ** 2 for _, r in items)
    width = max(math.sqrt(area), max((2 * r + MARGIN for _, r in items), default=0.0))
    centres: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for name, r in items:
        size = 2 * r + MARGIN
        if x > 0 and x + size > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centres[name] = (x + size / 2, y + size / 2)
        x += size
        row_height = max(row_height, size)
    return centres


def radial_layout(adj: Mapping[str, list[str]]) -> dict[str, Position]:
    """Integer x/y for every node of an undirected adjacency mapping.

    >>> radial_layout({"only": []})
    {'only': (0, 0)}
    """
    hubs = _hub_order(adj)
    rank = {n: i for i, n in enumerate(hubs)}
    placed: dict[str, tuple[float, float]] = {}
    components: list[tuple[str, dict[str, tuple[float, float]], float]] = []
    for root in hubs:  # each unplaced hub roots a new component
        if root in placed:
            continue
        pos, radius = _radial_component(adj, root, rank)
        placed.update(pos)
        components.append((root, pos, radius))
    centres = shelf_pack([(root, radius) for root, _, radius in components])
    if centres:
        # Centre the drawing on the origin, where vis starts its view.
        min_x = min(cx for cx, _ in centres.values())
        max_x = max(cx for cx, _ in centres.values())
        min_y = min(cy for _, cy in centres.values())
        max_y = max(cy for _, cy in centres.values())
        shift = ((min_x + max_x) / 2, (min_y + max_y) / 2)
    out: dict[str, Position] = {}
    for root, pos, _ in components:
        cx, cy = centres[root]
        for node, (x, y) in pos.items():
            out[node] = (round(cx + x - shift[0]), round(cy + y - shift[1]))
    return {n: out[n] for n in sorted(out)}
