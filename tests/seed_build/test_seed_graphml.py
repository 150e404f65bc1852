"""``kg build`` writes graph.graphml beside the RDF: every entity and assertion, readable by networkx."""

from __future__ import annotations

import networkx as nx


def test_seed_graphml_has_every_entity_and_assertion(seed_build):
    path = seed_build.outputs["graph.graphml"]
    H = nx.read_graphml(path, force_multigraph=True)
    totals = seed_build.report["totals"]
    assert H.number_of_nodes() == totals["nodes"] > 100
    assert H.number_of_edges() == totals["edges"] > 100
    types = {d["type"] for _, d in H.nodes(data=True)}
    assert {"Organization", "Initiative", "Community"} <= types
    assert all(d.get("evidence") for *_, d in H.edges(data=True))
    assert "graph.graphml" in seed_build.report["outputs"]
