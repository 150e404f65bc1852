"""The seed build's graph conforms to the shapes the same build wrote (pyshacl)."""

from __future__ import annotations

import pyshacl
from rdflib import Graph


def test_seed_graph_conforms_to_its_shapes(seed_build):
    data = Graph().parse(seed_build.outputs["graph.ttl"], format="turtle")
    shapes = Graph().parse(seed_build.outputs["shapes.ttl"], format="turtle")
    conforms, _report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert len(data) > 1000 and len(shapes) > 50  # a real graph against real shapes
    assert conforms, text[:3000]
