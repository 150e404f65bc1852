"""GraphML export for Gephi, yEd and networkx: one node per entity, one edge per assertion.

Every attribute is a string (GraphML ``attr.type="string"``) cleaned of the
characters XML 1.0 cannot hold, so any reader takes the file. Node and edge
ids are ``n0, n1, ...`` and ``e0, e1, ...`` in IRI order (GraphML ids must be
XML name tokens, which IRIs are not); the entity IRI is the ``iri``
attribute. The same graph gives the same bytes in every run.

>>> from kg.graph.model import new_graph, add_entity, add_assertion, add_article
>>> G = new_graph(); add_article(G, "p#0", page="p", index=0, title="新闻")
>>> a = add_entity(G, "Community", "银杏社区", article="p#0")
>>> b = add_entity(G, "Subdistrict", "枫林街道", article="p#0")
>>> _ = add_assertion(G, a, "locatedIn", b, article="p#0", sentence=0, evidence="枫林街道银杏社区")
>>> H = graphml_graph(G)
>>> H.nodes["n0"]["label"], H.edges["n0", "n1", "e0"]["predicate"]
('银杏社区', 'locatedIn')
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx

from kg.export.io import write_bytes_atomic
from kg.export.rdf import article_ref, clean_text, decimal_literal, node_iri
from kg.vocab import PREDICATES, TYPES, assertion_iri

__all__ = ["xml_text", "graphml_graph", "graphml_bytes", "write_graphml"]

# XML 1.0 has no place for U+FFFE and U+FFFF; clean_text removes the rest.
_NON_XML = re.compile("[\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Any value as text an XML 1.0 document can hold; line breaks become ``\\n``.

    XML readers turn ``\\r\\n`` and ``\\r`` into ``\\n`` anyway; doing it here
    keeps the file's text equal to what every reader gets back.

    >>> xml_text("a\\r\\nb\\x00c\\uffff")
    'a\\nbc'
    """
    text = clean_text(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return _NON_XML.sub("", text)


def _node_attributes(G: nx.MultiDiGraph, node: str) -> dict[str, str]:
    """The GraphML attributes of one entity (fixed key order: the file's key order)."""
    data = G.nodes[node]
    kind = TYPES[data["type"]]
    attrs = {
        "label": data["name"],
        "type": kind.name,
        "iri": str(node_iri(G, node)),
        "aliases": " | ".join(data.get("aliases") or ()),
        "articles": str(len(data.get("articles") or ())),
        "code": data.get("code") or "",
        "colour": kind.colour,
    }
    return {k: xml_text(v) for k, v in attrs.items() if v != ""}


def _edge_attributes(G: nx.MultiDiGraph, subject: str, obj: str, data: dict) -> dict[str, str]:
    """The GraphML attributes of one assertion: predicate, article, sentence, amount, role."""
    predicate = PREDICATES[data["predicate"]]
    article = article_ref(G, data["article"])
    headline = (G.graph.get("articles", {}).get(data["article"]) or {}).get("title") or ""
    amount = decimal_literal(data.get("amount_yuan"))
    sentence = data.get("sentence")
    attrs = {
        "predicate": predicate.name,
        "label": predicate.label_zh,
        "article": str(article),
        "headline": headline,
        "sentence": str(sentence) if isinstance(sentence, int) and sentence >= 0 else "",
        "evidence": data.get("evidence") or "",
        "amount_yuan": str(amount) if amount is not None else "",
        "role": data.get("role") or "",
        "assertion": str(assertion_iri(article, node_iri(G, subject), predicate.name,
                                       node_iri(G, obj))),
    }
    return {k: xml_text(v) for k, v in attrs.items() if v != ""}


def graphml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with GraphML ids and string attributes only, in a fixed order."""
    nodes = sorted(G.nodes, key=lambda n: str(node_iri(G, n)))
    ids = {node: f"n{i}" for i, node in enumerate(nodes)}
    H = nx.MultiDiGraph()
    for node in nodes:
        H.add_node(ids[node], **_node_attributes(G, node))
    edges = [(s, o, _edge_attributes(G, s, o, d)) for s, o, _k, d in G.edges(keys=True, data=True)]
    edges.sort(key=lambda e: (e[2]["assertion"], ids[e[0]], ids[e[1]]))
    for i, (s, o, attrs) in enumerate(edges):
        H.add_edge(ids[s], ids[o], key=f"e{i}", **attrs)
    return H


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as a UTF-8 GraphML document.

    networkx's ElementTree writer is used whether or not lxml is installed,
    so the bytes never depend on the environment.

    >>> from kg.graph.model import new_graph
    >>> graphml_bytes(new_graph()).startswith(b"<?xml")
    True
    """
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graphml_graph(G))
    out = io.BytesIO()
    writer.dump(out)
    return out.getvalue().rstrip(b"\n") + b"\n"


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GraphML to ``path`` atomically."""
    write_bytes_atomic(path, graphml_bytes(G))
