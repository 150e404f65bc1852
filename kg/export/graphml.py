"""GraphML export for Gephi, yEd and networkx: one node per entity, one edge per assertion.

Every attribute is a string (GraphML ``attr.type="string"``) cleaned of the
characters XML 1.0 cannot hold, so any reader takes the file. Node and edge
ids are ``n0, n1, ...`` and ``e0, e1, ...`` in IRI order (GraphML ids must be
XML name tokens, which IRIs are not); the entity IRI is the ``iri``
attribute. The same graph gives the same bytes in every run. The document is
written directly, in the layout of networkx's pretty-printing writer (which
built a whole ElementTree first and took 10× longer).

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

from collections.abc import Iterator

from kg.export.io import open_atomic
from kg.export.triples import ArticleRefs, clean_text, decimal_lexical, node_iris
from kg.vocab import PREDICATES, TYPES, assertion_iri

__all__ = ["xml_text", "graphml_rows", "graphml_chunks", "graphml_graph", "graphml_bytes",
           "graphml_reference_bytes", "write_graphml"]

# XML 1.0 has no place for U+FFFE and U+FFFF; clean_text removes the rest.
_NON_XML = re.compile("[\ufffe\uffff]")
# Any character xml_text changes: what clean_text removes or replaces, CR, U+FFFE/U+FFFF.
_UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Any value as text an XML 1.0 document can hold; line breaks become ``\\n``.

    XML readers turn ``\\r\\n`` and ``\\r`` into ``\\n`` anyway; doing it here
    keeps the file's text equal to what every reader gets back.

    >>> xml_text("a\\r\\nb\\x00c\\uffff")
    'a\\nbc'
    """
    text = str(value)
    if not _UNCLEAN.search(text):
        return text  # the common case: nothing to change, one scan
    text = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return _NON_XML.sub("", text)


def _node_attributes(data: dict, iri: str) -> dict[str, str]:
    """The GraphML attributes of one entity (fixed key order: the file's key order)."""
    kind = TYPES[data["type"]]
    attrs = {
        "label": data["name"],
        "type": kind.name,
        "iri": iri,
        "aliases": " | ".join(data.get("aliases") or ()),
        "articles": str(len(data.get("articles") or ())),
        "code": data.get("code") or "",
        "colour": kind.colour,
    }
    return {k: xml_text(v) for k, v in attrs.items() if v != ""}


def _edge_attributes(s_iri: str, o_iri: str, data: dict, article: str, headline: str) -> dict[str, str]:
    """The GraphML attributes of one assertion: predicate, article, sentence, amount, role."""
    predicate = PREDICATES[data["predicate"]]
    amount = decimal_lexical(data.get("amount_yuan"))
    sentence = data.get("sentence")
    attrs = {
        "predicate": predicate.name,
        "label": predicate.label_zh,
        "article": article,
        "headline": headline,
        "sentence": str(sentence) if isinstance(sentence, int) and sentence >= 0 else "",
        "evidence": data.get("evidence") or "",
        "amount_yuan": amount if amount is not None else "",
        "role": data.get("role") or "",
        "assertion": str(assertion_iri(article, s_iri, predicate.name, o_iri)),
    }
    return {k: xml_text(v) for k, v in attrs.items() if v != ""}


Row = tuple[str, dict[str, str]]


def graphml_rows(G: nx.MultiDiGraph, iris: dict[str, str] | None = None
                 ) -> tuple[list[Row], list[tuple[str, str, str, dict[str, str]]]]:
    """Nodes (id, attributes) and edges (source id, target id, id, attributes),
    in the order a GraphML writer walks the multigraph :func:`graphml_graph`
    builds: nodes by IRI; edges numbered by (assertion IRI, ids) and written
    per source node, per target in order of its first edge, then by number.

    >>> from kg.graph.model import new_graph
    >>> graphml_rows(new_graph())
    ([], [])
    """
    iris = node_iris(G) if iris is None else iris
    nodes = sorted(G.nodes, key=iris.__getitem__)
    ids = {node: f"n{i}" for i, node in enumerate(nodes)}
    refs = ArticleRefs(G)
    meta = G.graph.get("articles", {})
    headlines = {a: (meta.get(a) or {}).get("title") or "" for a in meta}
    edges = [(s, o, _edge_attributes(iris[s], iris[o], d, refs[d["article"]], headlines.get(d["article"], "")))
             for s, o, d in G.edges(data=True)]
    edges.sort(key=lambda e: (e[2]["assertion"], ids[e[0]], ids[e[1]]))
    numbered = [(ids[s], ids[o], f"e{i}", attrs) for i, (s, o, attrs) in enumerate(edges)]
    # A multigraph iterates its edges by source node, then by target in the
    # order the first edge to it was added, then by key in the order added.
    first: dict[tuple[str, str], int] = {}
    for i, (s, o, _e, _a) in enumerate(numbered):
        first.setdefault((s, o), i)
    rank = {node_id: i for i, node_id in enumerate(ids.values())}
    order = sorted(range(len(numbered)), key=lambda i: (rank[numbered[i][0]], first[numbered[i][:2]], i))
    return [(ids[n], _node_attributes(G.nodes[n], iris[n])) for n in nodes], [numbered[i] for i in order]


def _escape(text: str) -> str:
    """Character data as ElementTree escapes it.

    >>> _escape("a<b>&]]>")
    'a&lt;b&gt;&amp;]]&gt;'
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
         'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def _element(tag: str, head: str, attrs: dict[str, str], keys: dict[str, str]) -> str:
    """One pretty-printed ``<node>`` or ``<edge>`` with its ``<data>`` children."""
    if not attrs:
        return f"    <{tag} {head} />\n"
    rows = [f'      <data key="{keys[k]}">{_escape(v)}</data>\n' if v else f'      <data key="{keys[k]}" />\n'
            for k, v in attrs.items()]
    return f"    <{tag} {head}>\n" + "".join(rows) + f"    </{tag}>\n"


def graphml_chunks(G: nx.MultiDiGraph, iris: dict[str, str] | None = None) -> Iterator[str]:
    """The GraphML document in pieces: the bytes networkx's pretty-printing
    ElementTree writer gives :func:`graphml_graph` (checked by the tests),
    without building the tree."""
    nodes, edges = graphml_rows(G, iris)
    keys: dict[tuple[str, str], str] = {}
    for scope, rows in (("node", (a for _i, a in nodes)), ("edge", (a for *_x, a in edges))):
        for attrs in rows:
            for name in attrs:
                if (scope, name) not in keys:
                    keys[scope, name] = f"d{len(keys)}"
    yield _HEAD
    yield "".join(f'  <key id="{key}" for="{scope}" attr.name="{name}" attr.type="string" />\n'
                  for (scope, name), key in reversed(keys.items()))
    if not nodes and not edges:
        yield '  <graph edgedefault="directed" />\n</graphml>\n'
        return
    yield '  <graph edgedefault="directed">\n'
    node_keys = {name: key for (scope, name), key in keys.items() if scope == "node"}
    edge_keys = {name: key for (scope, name), key in keys.items() if scope == "edge"}
    for start in range(0, len(nodes), 1000):
        yield "".join(_element("node", f'id="{i}"', a, node_keys) for i, a in nodes[start:start + 1000])
    for start in range(0, len(edges), 1000):
        yield "".join(_element("edge", f'source="{s}" target="{o}" id="{e}"', a, edge_keys)
                      for s, o, e, a in edges[start:start + 1000])
    yield "  </graph>\n</graphml>\n"


def graphml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with GraphML ids and string attributes only, in a fixed order."""
    nodes, edges = graphml_rows(G)
    H = nx.MultiDiGraph()
    for node_id, attrs in nodes:
        H.add_node(node_id, **attrs)
    for s, o, e, attrs in sorted(edges, key=lambda edge: int(edge[2][1:])):
        H.add_edge(s, o, key=e, **attrs)
    return H


def graphml_reference_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as GraphML through networkx's ElementTree writer (what
    :func:`graphml_bytes` is tested against; slow on big graphs).

    >>> from kg.graph.model import new_graph
    >>> graphml_reference_bytes(new_graph()) == graphml_bytes(new_graph())
    True
    """
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graphml_graph(G))
    out = io.BytesIO()
    writer.dump(out)
    return out.getvalue().rstrip(b"\n") + b"\n"


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as a UTF-8 GraphML document.

    >>> from kg.graph.model import new_graph
    >>> graphml_bytes(new_graph()).startswith(b"<?xml")
    True
    """
    return "".join(graphml_chunks(G)).encode("utf-8")


def write_graphml(G: nx.MultiDiGraph, path: str | Path, iris: dict[str, str] | None = None) -> None:
    """Write ``G`` as GraphML to ``path`` atomically, streaming."""
    with open_atomic(path) as handle:
        for chunk in graphml_chunks(G, iris):
            handle.write(chunk.encode("utf-8"))
