"""The ontology: generated from kg.vocab, parseable, labelled in two languages, aligned."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.collection import Collection

from kg.export.ontology import ontology_graph, ontology_turtle, write_ontology
from kg.export.rdf import to_graph
from kg.graph.model import add_article, add_assertion, add_entity, new_graph
from kg.vocab import (
    KG,
    ONTOLOGY,
    ONTOLOGY_VERSION_IRI,
    OWL,
    PREDICATES,
    PROPERTIES,
    RDF,
    RDFS,
    SCHEMA,
    TYPES,
)
from kg import vocab


def _langs(g: Graph, iri) -> set[str]:
    return {o.language for o in g.objects(iri, RDFS.label) if isinstance(o, Literal)}


def test_nine_classes_with_chinese_and_english_labels():
    g = ontology_graph()
    classes = {c for c in g.subjects(RDF.type, OWL.Class) if c in {t.iri for t in TYPES.values()}}
    assert len(classes) == 9
    for c in classes:
        assert _langs(g, c) == {"zh", "en"}
        assert g.value(c, RDFS.comment) is not None


def test_eight_relations_with_labels_domain_and_range():
    g = ontology_graph()
    relations = {p.iri for p in PREDICATES.values()}
    assert len(relations) == 8
    for p in relations:
        assert (p, RDF.type, OWL.ObjectProperty) in g
        assert _langs(g, p) == {"zh", "en"}
        assert g.value(p, RDFS.domain) is not None
        assert g.value(p, RDFS.range) is not None


def test_union_domains_list_every_class():
    g = ontology_graph()
    domain = g.value(KG.memberOf, RDFS.domain)
    members = set(Collection(g, g.value(domain, OWL.unionOf)))
    assert members == {KG[n] for n in PREDICATES["memberOf"].domain}


def test_alignments_and_characteristics():
    g = ontology_graph()
    assert (KG.partneredWith, RDF.type, OWL.SymmetricProperty) in g
    assert (KG.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace) in g
    # organized points agent → initiative, the inverse of schema:organizer.
    inverse = g.value(KG.organized, RDFS.subPropertyOf)
    assert g.value(inverse, OWL.inverseOf) == SCHEMA.organizer
    assert (KG.organized, RDFS.subPropertyOf, SCHEMA.organizer) not in g
    assert (KG.Organization, RDFS.subClassOf, SCHEMA.Organization) in g
    assert (KG.amountYuan, RDFS.range, vocab.XSD.decimal) in g
    assert (KG.amountYuan, RDF.type, OWL.DatatypeProperty) in g
    assert (ONTOLOGY, OWL.versionIRI, ONTOLOGY_VERSION_IRI) in g


def test_no_predicate_claims_a_wrong_way_alignment():
    from kg.vocab import INVERSE_ALIGNMENTS

    for name in INVERSE_ALIGNMENTS:
        assert PREDICATES[name].superproperty is None, name
    # The direct alignments that remain run the same way as ours (subject → object).
    assert {p.name: p.superproperty for p in PREDICATES.values() if p.superproperty} == {
        "locatedIn": SCHEMA.containedInPlace, "memberOf": vocab.ORG.memberOf,
        "serves": SCHEMA.audience}


def test_data_properties_all_declared():
    g = ontology_graph()
    for p in PROPERTIES.values():
        kind = OWL.ObjectProperty if p.object else OWL.DatatypeProperty
        assert (p.iri, RDF.type, kind) in g, p.name
        assert _langs(g, p.iri) == {"zh", "en"}


def test_every_kg_term_used_by_the_data_is_defined():
    G = new_graph()
    add_article(G, "p#0", page="p", index=0, title="标题", bylines=["赵记者"], source="p.txt",
                duplicate_of="q#0")
    a = add_entity(G, "Organization", "暖阳公司", article="p#0")
    b = add_entity(G, "Person", "李小明", article="p#0")
    c = add_entity(G, "Community", "银杏社区", article="p#0", code="1")
    add_assertion(G, a, "donatedTo", c, article="p#0", sentence=0, evidence="捐", amount_yuan=1)
    add_assertion(G, b, "memberOf", a, article="p#0", sentence=1, evidence="员", role="员工")
    data = to_graph(G)
    onto = ontology_graph()
    used = {t for triple in data for t in triple if str(t).startswith(str(KG))}
    undefined = {t for t in used if (t, RDFS.isDefinedBy, ONTOLOGY) not in onto}
    assert used and not undefined


def test_turtle_parses_in_rdflib_and_oxigraph(tmp_path):
    path = tmp_path / "ontology.ttl"
    write_ontology(path)
    text = path.read_text(encoding="utf-8")
    assert text == ontology_turtle()
    parsed = Graph().parse(data=text, format="turtle")
    assert len(parsed) == len(ontology_graph())
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(parsed)
