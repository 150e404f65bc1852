"""RDF exports of the knowledge graph: Turtle, TriG (one named graph per article), JSON-LD.

Input is the networkx MultiDiGraph of :mod:`kg.graph.model`. Each entity
becomes ``entity_iri(type, name)`` with labels and the articles it is
mentioned in; each edge becomes a direct triple plus a ``kg:Assertion``
statement node (subject, predicate, object, evidence sentence, article).
Donations are also written as ``schema:DonateAction`` and memberships with a
role as ``org:Membership``. Every node IRI is derived from content, never a
blank node, so the same graph gives the same bytes in every run.

>>> from kg.graph.model import new_graph, add_entity, add_assertion, add_article
>>> G = new_graph(); add_article(G, "p#0", page="p", index=0, title="银杏社区新闻")
>>> a = add_entity(G, "Community", "银杏社区", article="p#0")
>>> b = add_entity(G, "Subdistrict", "枫林街道", article="p#0")
>>> _ = add_assertion(G, a, "locatedIn", b, article="p#0", sentence=0, evidence="枫林街道银杏社区")
>>> g = to_graph(G)
>>> from kg.vocab import entity_iri, KG
>>> (entity_iri("Community", "银杏社区"), KG.locatedIn, entity_iri("Subdistrict", "枫林街道")) in g
True
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from io import BytesIO
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import BNode, Node

from kg.export import triples as plain
from kg.export.io import write_text_atomic
from kg.export.ontology import bind_prefixes, write_ontology
from kg.export.triples import clean_text, decimal_lexical
from kg.vocab import PREFIXES, RDF, RDFS, XSD

__all__ = [
    "RdfParts",
    "clean_text",
    "zh",
    "decimal_literal",
    "article_ref",
    "node_iri",
    "rdf_parts",
    "graph_to_rdf",
    "to_graph",
    "canonical_turtle",
    "turtle_text",
    "trig_text",
    "jsonld_document",
    "jsonld_text",
    "write_turtle",
    "write_trig",
    "write_jsonld",
    "write_rdf",
    "write_ontology",
    "size_report",
]

Triple = tuple[URIRef, URIRef, Node]


def zh(text: str) -> Literal:
    """A Chinese-language literal of cleaned text.

    >>> zh("银杏社区").n3()
    '"银杏社区"@zh'
    """
    return Literal(clean_text(text), lang="zh")


def decimal_literal(amount: float | int | str | Decimal | None) -> Literal | None:
    """An ``xsd:decimal`` literal in canonical lexical form (no exponent), or None.

    >>> decimal_literal(7000.0).n3()
    '"7000.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    >>> str(decimal_literal(0.5)), decimal_literal(float("nan"))
    ('0.5', None)
    """
    text = decimal_lexical(amount)
    return None if text is None else Literal(text, datatype=XSD.decimal)


def article_ref(G: nx.MultiDiGraph, article_id: str) -> URIRef:
    """The IRI of an article id (``"<page>#<index>"``), from its metadata when known.

    >>> from kg.graph.model import new_graph
    >>> str(article_ref(new_graph(), "p#2"))
    'https://w3id.org/civic-kg/article/p/2'
    """
    return URIRef(plain.article_ref(G, article_id))


def node_iri(G: nx.MultiDiGraph, node: str) -> URIRef:
    """The IRI of an entity node of ``G``.

    >>> from kg.graph.model import new_graph, add_entity
    >>> from kg.vocab import entity_iri
    >>> G = new_graph(); k = add_entity(G, "Person", "李小明")
    >>> node_iri(G, k) == entity_iri("Person", "李小明")
    True
    """
    return URIRef(plain.node_iri(G, node))


@dataclass
class RdfParts:
    """The export split the way TriG writes it.

    ``default`` holds article metadata and entity descriptions; ``named``
    maps each article IRI to the assertions that article makes.
    """

    default: list[Triple] = field(default_factory=list)
    named: dict[URIRef, list[Triple]] = field(default_factory=dict)


def _rdflib_triple(triple: plain.Triple) -> Triple:
    """A plain triple of :mod:`kg.export.triples` as rdflib terms.

    >>> _rdflib_triple(("x:s", "x:p", plain.Lit("1", None, str(XSD.integer))))[2].n3()
    '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    s, p, o = triple
    if isinstance(o, str):
        term: Node = URIRef(o)
    else:
        term = Literal(o.lex, lang=o.lang, datatype=URIRef(o.datatype) if o.datatype else None)
    return URIRef(s), URIRef(p), term


def rdf_parts(G: nx.MultiDiGraph, *, provenance: bool = True) -> RdfParts:
    """All triples of the export as rdflib terms, split into the default graph and one graph per article.

    The reference the streaming writers of :mod:`kg.export.rdfstream` are
    tested against. ``provenance=False`` leaves out the kg:Assertion
    statement nodes (the direct triples, donations and memberships stay);
    used to measure what sentence-level provenance costs.

    >>> from kg.graph.model import new_graph, add_entity, add_assertion
    >>> G = new_graph(); a = add_entity(G, "Person", "李小明", article="p#0")
    >>> b = add_entity(G, "Organization", "银杏社区党委", article="p#0")
    >>> _ = add_assertion(G, a, "memberOf", b, article="p#0", role="书记")
    >>> parts = rdf_parts(G)
    >>> list(parts.named) == [article_ref(G, "p#0")]
    True
    """
    parts = RdfParts()
    articles = G.graph.get("articles", {})
    default: list[plain.Description] = []
    for node in sorted(G.nodes):
        data = G.nodes[node]
        refs = [plain.article_ref(G, a) for a in data.get("articles") or ()]
        default.append(plain.entity_node(plain.node_iri(G, node), data, refs))
    for article_id in sorted(articles):
        meta = articles[article_id]
        dup = plain.article_ref(G, str(meta["duplicate_of"])) if meta.get("duplicate_of") else None
        default.extend(plain.article_nodes(plain.article_ref(G, article_id), meta, dup))
    for article, edges in plain.article_edges(G).items():
        named: list[plain.Description] = []
        for s, o, data in edges:
            named.extend(plain.edge_nodes(s, o, article, data, provenance=provenance))
            if data["predicate"] == "memberOf" and data.get("role"):
                default.append(plain.role_node(data["role"]))
        parts.named[URIRef(article)] = list(map(_rdflib_triple, plain.triples_of(named)))
    parts.default = list(map(_rdflib_triple, plain.triples_of(default)))
    return parts


def _new_graph(identifier: URIRef | None = None) -> Graph:
    """An empty Graph with only the project prefixes bound."""
    return bind_prefixes(Graph(identifier=identifier, bind_namespaces="none"))


def _fill(g: Graph, triples: Iterable[Triple]) -> Graph:
    for triple in triples:
        g.add(triple)
    return g


def graph_to_rdf(G: nx.MultiDiGraph, *, provenance: bool = True) -> Dataset:
    """The export as an rdflib Dataset: metadata in the default graph, one named graph per article.

    >>> from kg.graph.model import new_graph
    >>> len(graph_to_rdf(new_graph()))
    0
    """
    parts = rdf_parts(G, provenance=provenance)
    ds = Dataset()
    bind_prefixes(ds)  # overrides rdflib's defaults for every prefix the project uses
    _fill(ds.default_graph, parts.default)
    for name, triples in parts.named.items():
        _fill(ds.graph(name), triples)
    return ds


def to_graph(G: nx.MultiDiGraph, *, provenance: bool = True) -> Graph:
    """The whole export merged into one rdflib Graph (what the Turtle file holds).

    >>> from kg.graph.model import new_graph
    >>> len(to_graph(new_graph()))
    0
    """
    parts = rdf_parts(G, provenance=provenance)
    g = _fill(_new_graph(), parts.default)
    for triples in parts.named.values():
        _fill(g, triples)
    return g


def canonical_turtle(g: Graph, memo: dict | None = None) -> str:
    """Turtle text of ``g``: rdflib's writer sorts subjects, predicates and objects.

    Byte-identity across runs and hash seeds is checked by the tests; no blank
    node labels appear because the exports mint IRIs for every node. Pass the
    same ``memo`` to many calls (TriG writes one graph per article) to share
    prefixed-name lookups between them.

    >>> canonical_turtle(_new_graph())
    '\\n'
    """
    memo = {} if memo is None else memo
    fast = _fast_turtle(g, memo)
    if fast is not None:
        return fast
    serializer = _MemoTurtleSerializer(g, memo)
    stream = BytesIO()
    serializer.serialize(stream, base=g.base, encoding="utf-8")
    if serializer.generated_prefix:
        return g.serialize(format="turtle")  # bindings changed under the memo: rdflib's own way
    return stream.getvalue().decode("utf-8")


def _fast_turtle(g: Graph, memo: dict) -> str | None:
    """rdflib's Turtle output for graphs without blank nodes, written directly.

    The same steps as rdflib 7's ``TurtleSerializer`` (prefixes of the terms
    seen, subjects by class, then by how often they are referenced, then by
    IRI; ``rdf:type`` and ``rdfs:label`` first, then predicates and objects
    sorted; the same indentation and literal forms) without its per-node
    recursion. Returns None for graphs it does not cover (blank nodes, lists,
    a base IRI, prefixes rdflib would invent); the caller then uses rdflib.
    ``tests/scale/test_fast_equals_plain.py`` checks the bytes equal rdflib's.
    """
    if g.base is not None:
        return None
    ser = _MemoTurtleSerializer(g, memo)
    ser.reset()
    pname = ser.get_pname
    references: dict[Node, int] = defaultdict(int)
    subjects: dict[Node, bool] = {}
    for pattern in ((RDF.nil, None, None), (None, RDF.nil, None), (None, None, RDF.nil)):
        if next(iter(g.triples(pattern)), None) is not None:
            return None  # rdflib writes lists and rdf:nil its own way
    for s, p, o in g.triples((None, None, None)):
        if isinstance(s, BNode) or isinstance(o, BNode) or isinstance(p, BNode):
            return None
        references[o] += 1
        subjects[s] = True
        pname(s, False)
        if p != RDF.type:
            pname(p, True)
        pname(o, False)
        if isinstance(o, Literal) and o.datatype:
            pname(o.datatype, False)
    if ser.generated_prefix:
        return None

    def label(node: Node, verb: bool = False) -> str:
        if verb and node == RDF.type:
            return "a"
        if isinstance(node, Literal):
            return node._literal_n3(use_plain=True, qname_callback=lambda dt: pname(dt, False))
        return pname(node, verb) or node.n3()

    classes = sorted(g.subjects(RDF.type, RDFS.Class))
    seen = set(classes)
    rest = sorted((False, references[s], s) for s in subjects if s not in seen)
    out = [f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(ser.namespaces.items())]
    for subject in classes + [s for _, _, s in rest]:
        properties: dict[Node, list[Node]] = {}
        for _, p, o in g.triples((subject, None, None)):
            properties.setdefault(p, []).append(o)
        for objects in properties.values():
            objects.sort()
        order = [p for p in (RDF.type, RDFS.label) if p in properties]
        order += sorted(p for p in properties if p not in order)
        out.append("\n" + label(subject))
        for n, predicate in enumerate(order):
            out.append((" " if n == 0 else " ;\n    ") + label(predicate, verb=True))
            objects = properties[predicate]
            out.append(" " + label(objects[0]))
            out.extend(",\n        " + label(o) for o in objects[1:])
        out.append(" .\n")
    out.append("\n")
    if ser.generated_prefix:
        return None
    return "".join(out).encode("utf-8", "replace").decode("utf-8")


class _MemoTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle writer with its prefixed-name lookup memoised.

    The writer asks for the prefixed name of every term several times, and
    rdflib caches only the successful lookups; our entity IRIs never have
    one, so most of the writing time went into failing the same lookup
    again. The answer for a term depends only on the prefixes bound, which
    :func:`bind_prefixes` makes the same for every graph we write, so the
    memo (term, may-generate) → parts is shared. If a lookup ever binds a
    new prefix, :func:`canonical_turtle` falls back to rdflib's writer.
    ``tests/scale/test_rdf_fast.py`` checks the bytes equal rdflib's.
    """

    def __init__(self, store: Graph, memo: dict):
        super().__init__(store)
        self.memo = memo
        self.generated_prefix = False

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        if not isinstance(uri, URIRef):
            return None
        key = (uri, gen_prefix)
        parts = self.memo.get(key)
        if parts is None:
            parts = self._pname_parts(uri, gen_prefix)
            if not self.generated_prefix:
                self.memo[key] = parts
        if not parts:
            return None
        prefix, namespace, local = parts
        return "%s:%s" % (self.addNamespace(prefix, namespace), local)

    def _pname_parts(self, uri: URIRef, gen_prefix: bool) -> tuple[str, URIRef, str] | tuple[()]:
        """What rdflib's ``TurtleSerializer.get_pname`` computes before registering the prefix."""
        try:
            prefix, namespace, local = self.store.compute_qname(uri, generate=gen_prefix)
        except Exception:
            pfx = self.store.store.prefix(uri)
            if pfx is None:
                return ()
            prefix, namespace, local = pfx, uri, ""
        if prefix not in PREFIXES:
            self.generated_prefix = True
        local = local.replace(r"(", r"\(").replace(r")", r"\)")
        local = self.LOCALNAME_PECRENT_CHARACTER_REQUIRING_ESCAPE_REGEX.sub("\\%", local)
        if local.endswith("."):
            return ()
        return prefix, namespace, local


def _split_prefixes(turtle: str) -> tuple[list[str], str]:
    """Separate the ``@prefix`` lines of a Turtle document from its statements.

    >>> _split_prefixes("@prefix a: <x:> .\\n\\na:b a:c a:d .\\n")
    (['@prefix a: <x:> .'], 'a:b a:c a:d .\\n')
    """
    lines = turtle.split("\n")
    prefixes = []
    rest = 0
    for i, line in enumerate(lines):
        if line.startswith("@prefix "):
            prefixes.append(line)
            rest = i + 1
        elif line.strip():
            break
        else:
            rest = i + 1
    return prefixes, "\n".join(lines[rest:])


def turtle_text(G: nx.MultiDiGraph, *, provenance: bool = True) -> str:
    """The merged export as Turtle text."""
    return canonical_turtle(to_graph(G, provenance=provenance))


def trig_text(G: nx.MultiDiGraph, *, provenance: bool = True) -> str:
    """The export as TriG: default graph first, then named graphs sorted by article IRI.

    Each graph is written by the (sorting) Turtle writer and the pieces are
    joined under one prefix block, so the order of graphs never depends on
    the store's internal order.

    >>> from kg.graph.model import new_graph
    >>> trig_text(new_graph())
    '\\n'
    """
    return _trig_from_parts(rdf_parts(G, provenance=provenance))


def _trig_from_parts(parts: RdfParts) -> str:
    """TriG text of already computed parts (see :func:`trig_text`)."""
    chunks = [(None, parts.default)] + list(parts.named.items())
    prefixes: set[str] = set()
    bodies: list[str] = []
    memo: dict = {}
    for name, triples in chunks:
        if not triples:
            continue
        lines, body = _split_prefixes(canonical_turtle(_fill(_new_graph(), triples), memo))
        prefixes.update(lines)
        body = body.strip("\n")
        bodies.append(body + "\n" if name is None else f"{URIRef(name).n3()} {{\n{body}\n}}\n")
    _check_prefixes(prefixes)
    head = "\n".join(sorted(prefixes))
    return (head + "\n\n" if head else "") + "\n".join(bodies) + ("" if bodies else "\n")


def _check_prefixes(lines: Iterable[str]) -> None:
    """Refuse to join graphs whose writers bound one prefix to two namespaces.

    >>> _check_prefixes(["@prefix a: <x:> .", "@prefix a: <y:> ."])
    Traceback (most recent call last):
    ...
    ValueError: prefix a: bound to two namespaces
    """
    seen: dict[str, str] = {}
    for line in lines:
        _, prefix, namespace, _dot = line.split(" ")
        if seen.setdefault(prefix, namespace) != namespace:
            raise ValueError(f"prefix {prefix} bound to two namespaces")


def _jsonld_value(term: Node) -> dict[str, str]:
    """One RDF term as a JSON-LD value or node reference.

    >>> _jsonld_value(zh("银杏"))
    {'@value': '银杏', '@language': 'zh'}
    """
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    assert isinstance(term, Literal)
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None and term.datatype != XSD.string:
        return {"@value": str(term), "@type": str(term.datatype)}
    return {"@value": str(term)}


def _compact(iri: URIRef) -> str:
    """A property IRI as ``prefix:local`` when a project prefix covers it.

    >>> _compact(RDFS.label)
    'rdfs:label'
    """
    for prefix, namespace in sorted(PREFIXES.items()):
        if str(iri).startswith(str(namespace)) and len(str(iri)) > len(str(namespace)):
            return f"{prefix}:{str(iri)[len(str(namespace)):]}"
    return str(iri)


def jsonld_document(g: Graph) -> dict[str, Any]:
    """``g`` as a flattened JSON-LD document with sorted nodes, keys and values.

    >>> jsonld_document(_new_graph())["@graph"]
    []
    """
    nodes: dict[Node, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in g:
        nodes[s][str(p)].append(o)
    out = []
    for s in sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n))):
        node: dict[str, Any] = {"@id": _jsonld_value(s)["@id"]}
        for p in sorted(nodes[s]):
            values = sorted(nodes[s][p], key=lambda t: (type(t).__name__, t.n3()))
            if p == str(RDF.type):
                node["@type"] = [str(v) for v in values]
            else:
                node[_compact(URIRef(p))] = [_jsonld_value(v) for v in values]
        out.append(node)
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    return {"@context": context, "@graph": out}


def jsonld_text(G: nx.MultiDiGraph, *, provenance: bool = True) -> str:
    """The merged export as JSON-LD text (UTF-8, not ASCII-escaped, sorted)."""
    doc = jsonld_document(to_graph(G, provenance=provenance))
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_rdf(G: nx.MultiDiGraph, turtle: str | Path, trig: str | Path, jsonld: str | Path) -> None:
    """Write the Turtle, TriG and JSON-LD files: streamed from plain triples
    (:mod:`kg.export.rdfstream`), or through rdflib when the data needs its
    writer (the same bytes as the three writers below either way)."""
    from kg.export.rdfstream import Unsupported, write_rdf_streaming

    try:
        write_rdf_streaming(G, turtle, trig, jsonld)
    except Unsupported:
        write_rdf_reference(G, turtle, trig, jsonld)


def write_rdf_reference(G: nx.MultiDiGraph, turtle: str | Path, trig: str | Path, jsonld: str | Path) -> None:
    """:func:`write_rdf` through rdflib graphs, building the triples and the
    merged graph once for all three."""
    parts = rdf_parts(G)
    merged = _fill(_new_graph(), parts.default)
    for named in parts.named.values():
        _fill(merged, named)
    write_text_atomic(turtle, canonical_turtle(merged))
    write_text_atomic(trig, _trig_from_parts(parts))
    doc = jsonld_document(merged)
    write_text_atomic(jsonld, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def write_turtle(G: nx.MultiDiGraph, path: str | Path, *, provenance: bool = True) -> None:
    """Write the merged export as Turtle to ``path`` atomically."""
    write_text_atomic(path, turtle_text(G, provenance=provenance))


def write_trig(G: nx.MultiDiGraph, path: str | Path, *, provenance: bool = True) -> None:
    """Write the export as TriG (one named graph per article) to ``path`` atomically."""
    write_text_atomic(path, trig_text(G, provenance=provenance))


def write_jsonld(G: nx.MultiDiGraph, path: str | Path, *, provenance: bool = True) -> None:
    """Write the merged export as JSON-LD to ``path`` atomically."""
    write_text_atomic(path, jsonld_text(G, provenance=provenance))


def size_report(G: nx.MultiDiGraph) -> dict[str, int]:
    """Triples and Turtle bytes with and without sentence-level statement nodes.

    >>> from kg.graph.model import new_graph
    >>> size_report(new_graph())["triples_with"]
    0
    """
    with_g, without_g = to_graph(G), to_graph(G, provenance=False)
    return {
        "edges": G.number_of_edges(),
        "triples_with": len(with_g),
        "triples_without": len(without_g),
        "turtle_bytes_with": len(canonical_turtle(with_g).encode("utf-8")),
        "turtle_bytes_without": len(canonical_turtle(without_g).encode("utf-8")),
    }
