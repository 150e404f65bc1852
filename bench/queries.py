"""Graph size, the cost of sentence-level provenance, and query timings per engine.

Builds the graph from the seed pages (or INPUT pages) in memory, then prints:

- triples of the Turtle export, and of the export without the kg:Assertion
  statement nodes, with Turtle and TriG bytes for both (what provenance costs);
- for every bundled query, the median time of --repeat runs with rdflib and
  with Oxigraph on the same loaded graph (parameters from the graph's own
  labels), and the ratio.

    python bench/queries.py [INPUT ...] [--repeat 7]

Load times are reported separately: ``kg query`` pays one load per call.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build import read_pages  # noqa: E402
from kg.export.rdf import size_report, trig_text, write_turtle  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.query.examples import example_params  # noqa: E402
from kg.query.sparql import list_queries, load_query, open_store, query_store  # noqa: E402
from kg.resolve import resolve  # noqa: E402


def seed_graph(inputs: list[str]):
    """The knowledge graph (networkx) of the input pages, as ``kg build`` makes it."""
    pages = read_pages(inputs)
    return build_graph(pages, resolve(pages))


def median_time(fn, repeat: int) -> float:
    """Median wall time of ``repeat`` calls, in seconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_sizes(G) -> None:
    sizes = size_report(G)
    trig_with = len(trig_text(G).encode("utf-8"))
    trig_without = len(trig_text(G, provenance=False).encode("utf-8"))
    print(f"entities {G.number_of_nodes()}, assertions (edges) {sizes['edges']}\n")
    print(f"{'':28}{'with statements':>16}{'without':>12}{'cost':>10}")
    rows = [("triples (graph.ttl)", sizes["triples_with"], sizes["triples_without"]),
            ("Turtle bytes", sizes["turtle_bytes_with"], sizes["turtle_bytes_without"]),
            ("TriG bytes", trig_with, trig_without)]
    for label, with_, without in rows:
        print(f"{label:28}{with_:>16,}{without:>12,}{with_ / without - 1:>+10.0%}")
    print()


def print_timings(ttl: Path, repeat: int) -> None:
    load = {e: median_time(lambda e=e: open_store(ttl, e), 3) for e in ("rdflib", "oxigraph")}
    stores = {e: open_store(ttl, e) for e in ("rdflib", "oxigraph")}
    print(f"median of {repeat} runs, ms (rdflib / oxigraph; ratio > 1: Oxigraph faster)\n")
    print(f"{'query':34}{'rows':>6}{'rdflib':>10}{'oxigraph':>10}{'ratio':>8}")
    total = {"rdflib": 0.0, "oxigraph": 0.0}
    for name in list_queries():
        text = load_query(name)
        params = example_params(stores["oxigraph"], text)
        rows = len(query_store(stores["oxigraph"], text, params)[1])
        t = {e: median_time(lambda e=e: query_store(stores[e], text, params), repeat) for e in stores}
        for e in t:
            total[e] += t[e]
        print(f"{name:34}{rows:>6}{t['rdflib'] * 1000:>10.1f}{t['oxigraph'] * 1000:>10.1f}"
              f"{t['rdflib'] / t['oxigraph']:>8.1f}")
    print(f"{'all queries':34}{'':>6}{total['rdflib'] * 1000:>10.1f}{total['oxigraph'] * 1000:>10.1f}"
          f"{total['rdflib'] / total['oxigraph']:>8.1f}")
    print(f"{'load graph.ttl':34}{'':>6}{load['rdflib'] * 1000:>10.1f}{load['oxigraph'] * 1000:>10.1f}"
          f"{load['rdflib'] / load['oxigraph']:>8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "seeds")], metavar="INPUT")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    G = seed_graph(args.inputs)
    print_sizes(G)
    with tempfile.TemporaryDirectory() as tmp:
        ttl = Path(tmp) / "graph.ttl"
        write_turtle(G, ttl)
        print_timings(ttl, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
