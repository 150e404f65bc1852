"""Benchmark the HTML export on synthetic graphs (not a test).

Builds place hierarchies with organisations, people, initiatives and groups
around them (about 2.5 edges per node, evidence sentences of ~40 characters),
then times ``build_page`` and reports page size.

    PYTHONPATH=. python bench/html_scale.py            # 500 and 5,000 nodes
    PYTHONPATH=. python bench/html_scale.py 20000 --out /tmp/bench
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from kg.export.html import build_page
from kg.export.layout import adjacency, radial_layout
from kg.graph.model import add_article, add_assertion, add_entity, new_graph

_KINDS = ["Organization", "Person", "Initiative", "Group"]


def synthetic_graph(n: int, seed: int = 0):
    """A graph of about ``n`` nodes: a city, districts, subdistricts, communities, actors.

    >>> G = synthetic_graph(200)
    >>> 180 <= G.number_of_nodes() <= 220
    True
    """
    rng = random.Random(seed)
    G = new_graph()
    articles = [f"bench#{i}" for i in range(max(1, n // 10))]
    for i, a in enumerate(articles):
        add_article(G, a, page="bench", index=i, title=f"合成报道第{i}篇：社区活动")
    city = add_entity(G, "City", "合成市", article=articles[0])
    places = n // 4
    districts = [add_entity(G, "District", f"合成{i}区") for i in range(max(1, places // 60))]
    subs = [add_entity(G, "Subdistrict", f"合成{i}街道") for i in range(max(1, places // 12))]
    comms = [add_entity(G, "Community", f"合成{i}社区") for i in range(places)]

    def link(u, p, v):
        add_assertion(G, u, p, v, article=rng.choice(articles),
                      evidence=f"这是一句用于测试的证据文本，{u}与{v}之间存在关系，共四十字左右。")

    for d in districts:
        link(d, "locatedIn", city)
    for s in subs:
        link(s, "locatedIn", rng.choice(districts))
    for c in comms:
        link(c, "locatedIn", rng.choice(subs))
    actors = []
    for i in range(n - G.number_of_nodes()):
        kind = _KINDS[i % 4]
        actors.append(add_entity(G, kind, f"合成{kind}{i}", article=rng.choice(articles)))
    for a in actors:
        kind = G.nodes[a]["type"]
        c = rng.choice(comms)
        if kind == "Initiative":
            link(c, "organized", a)
        elif kind == "Person":
            link(a, "memberOf", c)
        elif kind == "Group":
            link(rng.choice(comms), "serves", a)
        else:
            link(a, "locatedIn", c)
            link(a, "donatedTo", rng.choice(comms))
        link(a, "partneredWith", rng.choice(actors))
    return G


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[500, 5000])
    ap.add_argument("--max-nodes", type=int, default=100000, help="truncation limit")
    ap.add_argument("--out", type=Path, help="write bench_<n>.html pages here")
    args = ap.parse_args()
    print(f"{'nodes':>7} {'edges':>7} {'layout':>7} {'layout s':>9} {'build s':>8} {'page MB':>8}")
    for n in args.sizes:
        G = synthetic_graph(n)
        t0 = time.perf_counter()
        radial_layout(adjacency(G.nodes, ((u, v) for u, v in G.edges())))
        t_layout = time.perf_counter() - t0
        t0 = time.perf_counter()
        page, stats = build_page(G, max_nodes=args.max_nodes)
        t_build = time.perf_counter() - t0
        print(f"{stats['nodes']:>7} {stats['edges']:>7} {stats['layout']:>7} "
              f"{t_layout:>9.3f} {t_build:>8.3f} {stats['bytes'] / 1e6:>8.2f}")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"bench_{n}.html").write_bytes(page.encode("utf-8"))


if __name__ == "__main__":
    main()
