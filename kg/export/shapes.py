"""SHACL shapes for the exported data, generated from :mod:`kg.vocab`, and a validator.

Violations (the data is wrong): an entity without exactly one vocabulary class
or without a Chinese rdfs:label; a ``kg:locatedIn`` object that is not in the
predicate's range; a non-decimal amount; a news article without a headline;
an assertion without subject, predicate, object and article. Warnings (the
extraction is doubtful but the data is well formed): subjects and objects of
the other relations outside the predicate's domain or range.

>>> from rdflib import Graph
>>> validate(Graph())[0]
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.export.io import write_text_atomic
from kg.export.ontology import bind_prefixes
from kg.vocab import (
    AMOUNT_YUAN,
    ASSERTION,
    AUTHOR,
    HEADLINE,
    MENTIONED_IN,
    NEWS_ARTICLE,
    PREDICATES,
    RDF,
    RDFS,
    SH,
    SHAPES,
    TYPES,
    VALUE,
    MONETARY_AMOUNT,
    WAS_DERIVED_FROM,
    XSD,
)

__all__ = ["shapes_graph", "shapes_turtle", "write_shapes", "validate"]


def _list(g: Graph, name: str, items: Iterable[URIRef | BNode]) -> BNode:
    """An RDF list in ``g`` under a blank node named ``name`` (stable across builds).

    >>> g = Graph(); head = _list(g, "l", [RDF.type]); list(Collection(g, head))
    [rdflib.term.URIRef('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')]
    """
    head = BNode(name)
    Collection(g, head, list(items))
    return head


def _class_alternatives(g: Graph, name: str, type_names: Iterable[str]) -> BNode:
    """An RDF list of ``[ sh:class kg:X ]`` shapes, for ``sh:or``: one of the classes.

    >>> g = Graph(); head = _class_alternatives(g, "u", ["City", "District"])
    >>> len(list(Collection(g, head)))
    2
    """
    alternatives = []
    for type_name in sorted(set(type_names)):
        alt = BNode(f"{name}-{type_name}")
        g.add((alt, SH["class"], TYPES[type_name].iri))
        alternatives.append(alt)
    return _list(g, f"{name}-list", alternatives)


def _entity_shape(g: Graph) -> None:
    """Every entity: exactly one of the nine classes, at least one rdfs:label in Chinese."""
    shape = SHAPES.EntityShape
    g.add((shape, RDF.type, SH.NodeShape))
    # Entities are whatever is typed with a vocabulary class, mentioned in an
    # article, written by an article, or at either end of a relation.
    for t in sorted(TYPES.values(), key=lambda t: t.name):
        g.add((shape, SH.targetClass, t.iri))
    g.add((shape, SH.targetSubjectsOf, MENTIONED_IN))
    g.add((shape, SH.targetObjectsOf, AUTHOR))
    for p in sorted(PREDICATES.values(), key=lambda p: p.name):
        g.add((shape, SH.targetSubjectsOf, p.iri))
        g.add((shape, SH.targetObjectsOf, p.iri))

    one_class = SHAPES["EntityShape-class"]
    g.add((shape, SH.property, one_class))
    g.add((one_class, SH.path, RDF.type))
    in_vocab = BNode("EntityShape-class-in")
    g.add((in_vocab, SH["in"], _list(g, "EntityShape-class-list",
                                     sorted(t.iri for t in TYPES.values()))))
    g.add((one_class, SH.qualifiedValueShape, in_vocab))
    g.add((one_class, SH.qualifiedMinCount, Literal(1)))
    g.add((one_class, SH.qualifiedMaxCount, Literal(1)))
    g.add((one_class, SH.message, Literal("An entity has exactly one class from the vocabulary.")))

    label = SHAPES["EntityShape-label"]
    g.add((shape, SH.property, label))
    g.add((label, SH.path, RDFS.label))
    zh = BNode("EntityShape-label-zh")
    g.add((zh, SH.languageIn, _list(g, "EntityShape-label-langs", [Literal("zh")])))
    g.add((label, SH.qualifiedValueShape, zh))
    g.add((label, SH.qualifiedMinCount, Literal(1)))
    g.add((label, SH.message, Literal("An entity has at least one rdfs:label in Chinese (@zh).")))


def _relation_shapes(g: Graph) -> None:
    """Domain and range of each relation; only kg:locatedIn's range is a violation."""
    for p in sorted(PREDICATES.values(), key=lambda p: p.name):
        for end, types in (("domain", p.domain), ("range", p.range)):
            shape = SHAPES[f"{p.name}-{end}"]
            g.add((shape, RDF.type, SH.NodeShape))
            target = SH.targetSubjectsOf if end == "domain" else SH.targetObjectsOf
            g.add((shape, target, p.iri))
            g.add((shape, SH["or"], _class_alternatives(g, f"{p.name}-{end}-or", types)))
            strict = p.name == "locatedIn" and end == "range"
            g.add((shape, SH.severity, SH.Violation if strict else SH.Warning))
            g.add((shape, SH.message, Literal(f"kg:{p.name} {end} is one of: {', '.join(sorted(types))}.")))


def _value_shapes(g: Graph) -> None:
    """Amounts are decimals; articles have a headline; assertions are complete."""
    amount = SHAPES.AmountShape
    g.add((amount, RDF.type, SH.NodeShape))
    g.add((amount, SH.targetSubjectsOf, AMOUNT_YUAN))
    _property(g, amount, "amount", AMOUNT_YUAN, datatype=XSD.decimal)

    money = SHAPES.MonetaryAmountShape
    g.add((money, RDF.type, SH.NodeShape))
    g.add((money, SH.targetClass, MONETARY_AMOUNT))
    _property(g, money, "value", VALUE, datatype=XSD.decimal, min_count=1, max_count=1)

    article = SHAPES.NewsArticleShape
    g.add((article, RDF.type, SH.NodeShape))
    g.add((article, SH.targetClass, NEWS_ARTICLE))
    _property(g, article, "headline", HEADLINE, min_count=1)

    assertion = SHAPES.AssertionShape
    g.add((assertion, RDF.type, SH.NodeShape))
    g.add((assertion, SH.targetClass, ASSERTION))
    for name, path in (("subject", RDF.subject), ("predicate", RDF.predicate), ("object", RDF.object)):
        prop = _property(g, assertion, name, path, min_count=1, max_count=1, node_kind=SH.IRI)
        if name == "predicate":
            g.add((prop, SH["in"], _list(g, "AssertionShape-predicates",
                                         sorted(p.iri for p in PREDICATES.values()))))
    _property(g, assertion, "derivedFrom", WAS_DERIVED_FROM, min_count=1, node_kind=SH.IRI)


def _property(g: Graph, shape: URIRef, name: str, path: URIRef, *, datatype: URIRef | None = None,
              min_count: int | None = None, max_count: int | None = None,
              node_kind: URIRef | None = None) -> URIRef:
    """Add a named property shape to ``shape`` and return it.

    >>> g = Graph(); p = _property(g, SHAPES.S, "x", RDFS.label, min_count=1)
    >>> int(g.value(p, SH.minCount))
    1
    """
    prop = URIRef(f"{shape}-{name}")
    g.add((shape, SH.property, prop))
    g.add((prop, SH.path, path))
    if datatype is not None:
        g.add((prop, SH.datatype, datatype))
    if min_count is not None:
        g.add((prop, SH.minCount, Literal(min_count)))
    if max_count is not None:
        g.add((prop, SH.maxCount, Literal(max_count)))
    if node_kind is not None:
        g.add((prop, SH.nodeKind, node_kind))
    return prop


def shapes_graph() -> Graph:
    """All shapes as one rdflib Graph.

    >>> g = shapes_graph()
    >>> (SHAPES.NewsArticleShape, SH.targetClass, NEWS_ARTICLE) in g
    True
    """
    g = bind_prefixes(Graph(bind_namespaces="none"))
    g.bind("sh", SH)
    g.bind("kgsh", SHAPES)
    _entity_shape(g)
    _relation_shapes(g)
    _value_shapes(g)
    return g


def shapes_turtle() -> str:
    """The shapes as Turtle text (deterministic: every blank node is used once and inlined).

    >>> "sh:NodeShape" in shapes_turtle()
    True
    """
    return shapes_graph().serialize(format="turtle")


def write_shapes(path: str | Path) -> None:
    """Write the shapes as Turtle to ``path`` atomically (UTF-8)."""
    write_text_atomic(path, shapes_turtle())


def validate(data_graph: Graph) -> tuple[bool, str]:
    """Validate ``data_graph`` against :func:`shapes_graph`; warnings do not break conformance.

    Returns ``(conforms, report_text)``; the report lists every result,
    warnings included.

    >>> from kg.vocab import entity_iri, TYPES
    >>> g = Graph(); _ = g.add((entity_iri("Person", "李小明"), RDF.type, TYPES["Person"].iri))
    >>> validate(g)[0]
    False
    """
    import pyshacl  # imported here: only validation needs it

    conforms, _report_graph, text = pyshacl.validate(
        data_graph,
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
        advanced=False,
    )
    return bool(conforms), str(text)
