"""The civic-kg ontology (OWL + RDFS), generated from :mod:`kg.vocab`.

Nine classes, eight relation properties and the data properties that carry
provenance, each with a Chinese and an English label and a comment, aligned
to schema.org, W3C ORG, SKOS and PROV-O. Nothing here names an IRI: every
term comes from the vocabulary, so the ontology cannot drift from the data.

>>> g = ontology_graph()
>>> from kg.vocab import KG, OWL, RDF
>>> (KG.partneredWith, RDF.type, OWL.SymmetricProperty) in g
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.export.io import write_text_atomic
from kg.vocab import (
    ASSERTION,
    CLASS_ALIGNMENTS,
    INVERSE_ALIGNMENTS,
    KG,
    ONTOLOGY,
    ONTOLOGY_VERSION,
    ONTOLOGY_VERSION_IRI,
    OWL,
    PREDICATE_SEE_ALSO,
    PREDICATES,
    PREFIXES,
    PROPERTIES,
    PROV,
    RDF,
    RDFS,
    TYPES,
    DCTERMS,
)

__all__ = ["ontology_graph", "ontology_turtle", "write_ontology", "bind_prefixes", "union_of"]

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]


def bind_prefixes(g: Graph) -> Graph:
    """Bind the project prefixes (kg.vocab.PREFIXES) on ``g`` and return it.

    >>> bind_prefixes(Graph(bind_namespaces="none")).namespace_manager.store.namespace("kgid")
    rdflib.term.URIRef('https://w3id.org/civic-kg/id/')
    """
    for prefix, namespace in sorted(PREFIXES.items()):
        g.bind(prefix, namespace, override=True, replace=True)
    return g


def union_of(g: Graph, node: BNode, members: Iterable[URIRef]) -> BNode:
    """Make ``node`` an ``owl:Class`` that is the union of ``members`` (sorted) in ``g``.

    The node is a blank node named from its members, so the same union is the
    same node in every build.

    >>> g = Graph(); u = union_of(g, BNode("u"), [KG.City, KG.District])
    >>> len(list(Collection(g, g.value(u, OWL.unionOf))))
    2
    """
    head = BNode(f"{node}-list")
    g.add((node, RDF.type, OWL.Class))
    g.add((node, OWL.unionOf, head))
    Collection(g, head, sorted(members))
    return node


def _labels(iri: URIRef, zh: str, en: str, comment: str) -> Iterator[Triple]:
    """Chinese and English labels and an English comment.

    >>> len(list(_labels(KG.City, "市", "City", "A city.")))
    3
    """
    yield iri, RDFS.label, Literal(zh, lang="zh")
    yield iri, RDFS.label, Literal(en, lang="en")
    yield iri, RDFS.comment, Literal(comment, lang="en")


def _add_all(g: Graph, triples: Iterable[Triple]) -> None:
    """Add every triple to ``g``.

    >>> g = Graph(); _add_all(g, _labels(KG.City, "市", "City", "c")); len(g)
    3
    """
    for triple in triples:
        g.add(triple)


def _class_or_union(g: Graph, owner: URIRef, role: str, names: Iterable[str]) -> URIRef | BNode:
    """The kg class for one type name, or a union class for several.

    >>> _class_or_union(Graph(), KG.serves, "range", ["Group"])
    rdflib.term.URIRef('https://w3id.org/civic-kg/vocab#Group')
    """
    classes = sorted({KG[n] for n in names})
    if len(classes) == 1:
        return classes[0]
    # Blank-node ids derive from the owner, so serialisations do not depend on bnode counters.
    return union_of(g, BNode(f"{owner.fragment}-{role}"), classes)


def _header(g: Graph) -> None:
    """The owl:Ontology node with its version."""
    g.add((ONTOLOGY, RDF.type, OWL.Ontology))
    g.add((ONTOLOGY, OWL.versionIRI, ONTOLOGY_VERSION_IRI))
    g.add((ONTOLOGY, OWL.versionInfo, Literal(ONTOLOGY_VERSION)))
    g.add((ONTOLOGY, DCTERMS.title, Literal("civic-kg 社区公益知识图谱本体", lang="zh")))
    g.add((ONTOLOGY, DCTERMS.title, Literal("civic-kg ontology of community initiatives", lang="en")))
    g.add((ONTOLOGY, RDFS.comment, Literal(
        "Entities and relations extracted from Chinese local news about civic and community "
        "initiatives, with sentence-level provenance.", lang="en")))


def _classes(g: Graph) -> None:
    """The nine entity classes, plus kg:Assertion for reified relations."""
    for t in TYPES.values():
        g.add((t.iri, RDF.type, OWL.Class))
        g.add((t.iri, RDFS.isDefinedBy, ONTOLOGY))
        _add_all(g, _labels(t.iri, t.label_zh, t.label_en, t.comment))
        g.add((t.iri, RDFS.subClassOf, t.superclass))
    for name, relation, target in CLASS_ALIGNMENTS:
        g.add((KG[name], relation, target))
    # The nine classes do not overlap: an entity has exactly one of them.
    Collection(g, BNode("AllDisjointClasses-members"), sorted(t.iri for t in TYPES.values()))
    g.add((BNode("AllDisjointClasses"), RDF.type, OWL.AllDisjointClasses))
    g.add((BNode("AllDisjointClasses"), OWL.members, BNode("AllDisjointClasses-members")))

    g.add((ASSERTION, RDF.type, OWL.Class))
    g.add((ASSERTION, RDFS.isDefinedBy, ONTOLOGY))
    _add_all(g, _labels(
        ASSERTION, "断言", "Assertion",
        "One relation as stated by one article: rdf:subject, rdf:predicate, rdf:object, "
        "with the evidence sentence and the article it was derived from."))
    g.add((ASSERTION, RDFS.subClassOf, RDF.Statement))
    g.add((ASSERTION, RDFS.subClassOf, PROV.Entity))


def _relations(g: Graph) -> None:
    """The eight relation properties with domain, range and alignments."""
    for p in PREDICATES.values():
        g.add((p.iri, RDF.type, OWL.ObjectProperty))
        g.add((p.iri, RDFS.isDefinedBy, ONTOLOGY))
        _add_all(g, _labels(p.iri, p.label_zh, p.label_en, p.comment))
        g.add((p.iri, RDFS.domain, _class_or_union(g, p.iri, "domain", p.domain)))
        g.add((p.iri, RDFS.range, _class_or_union(g, p.iri, "range", p.range)))
        if p.symmetric:
            g.add((p.iri, RDF.type, OWL.SymmetricProperty))
        if p.name in INVERSE_ALIGNMENTS:
            inverse = BNode(f"{p.name}-inverse")
            g.add((inverse, OWL.inverseOf, INVERSE_ALIGNMENTS[p.name]))
            g.add((p.iri, RDFS.subPropertyOf, inverse))
        elif p.superproperty is not None:
            g.add((p.iri, RDFS.subPropertyOf, p.superproperty))
    # Containment is transitive: a community in a subdistrict is in its district.
    g.add((PREDICATES["locatedIn"].iri, RDF.type, OWL.TransitiveProperty))
    for name, target in PREDICATE_SEE_ALSO:
        g.add((PREDICATES[name].iri, RDFS.seeAlso, target))


def _properties(g: Graph) -> None:
    """Data and provenance properties (amountYuan, role, evidence, ...)."""
    for p in PROPERTIES.values():
        kind = OWL.ObjectProperty if p.object else OWL.DatatypeProperty
        g.add((p.iri, RDF.type, kind))
        g.add((p.iri, RDFS.isDefinedBy, ONTOLOGY))
        _add_all(g, _labels(p.iri, p.label_zh, p.label_en, p.comment))
        domain = p.domain[0] if len(p.domain) == 1 else union_of(
            g, BNode(f"{p.name}-domain"), p.domain)
        g.add((p.iri, RDFS.domain, domain))
        g.add((p.iri, RDFS.range, p.range))
        if p.superproperty is not None:
            g.add((p.iri, RDFS.subPropertyOf, p.superproperty))
        if p.inverse_of is not None:
            g.add((p.iri, OWL.inverseOf, p.inverse_of))


def ontology_graph() -> Graph:
    """The ontology as an rdflib Graph with the project prefixes bound.

    >>> from kg.vocab import KG, RDFS
    >>> sorted(str(l) for l in ontology_graph().objects(KG.Group, RDFS.label))
    ['Group', '群体']
    """
    g = bind_prefixes(Graph(bind_namespaces="none"))
    _header(g)
    _classes(g)
    _relations(g)
    _properties(g)
    return g


def ontology_turtle() -> str:
    """The ontology serialised as Turtle (deterministic).

    >>> ontology_turtle().count("owl:Ontology")
    1
    """
    from kg.export.rdf import canonical_turtle  # late import: rdf imports bind_prefixes from here

    return canonical_turtle(ontology_graph())


def write_ontology(path: str | Path) -> None:
    """Write the ontology as Turtle to ``path`` atomically (UTF-8)."""
    write_text_atomic(path, ontology_turtle())
