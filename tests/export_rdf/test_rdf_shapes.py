"""SHACL shapes: a well-formed export conforms; each kind of breakage is caught."""

from __future__ import annotations

from rdflib import Graph, Literal

from kg.export.rdf import to_graph
from kg.export.shapes import shapes_graph, shapes_turtle, validate
from kg.graph.model import add_article, add_assertion, add_entity, new_graph
from kg import vocab
from kg.vocab import KG, RDF, RDFS, article_iri, entity_iri


def good_graph():
    G = new_graph()
    add_article(G, "p#0", page="p", index=0, title="银杏社区新闻", bylines=["赵记者"], source="p.txt")
    com = add_entity(G, "Community", "银杏社区", article="p#0")
    sd = add_entity(G, "Subdistrict", "枫林街道", article="p#0")
    org = add_entity(G, "Organization", "暖阳公司", article="p#0")
    ini = add_entity(G, "Initiative", "暖心食堂", article="p#0")
    add_assertion(G, com, "locatedIn", sd, article="p#0", sentence=0, evidence="枫林街道银杏社区")
    add_assertion(G, org, "donatedTo", ini, article="p#0", sentence=1, evidence="捐", amount_yuan=30)
    add_assertion(G, org, "organized", ini, article="p#0", sentence=1, evidence="办")
    return G


COM = entity_iri("Community", "银杏社区")


def test_good_export_conforms():
    conforms, report = validate(to_graph(good_graph()))
    assert conforms, report


def test_missing_label_fails():
    g = to_graph(good_graph())
    g.remove((COM, RDFS.label, None))
    conforms, report = validate(g)
    assert not conforms
    assert "rdfs:label" in report or "label" in report


def test_label_without_chinese_tag_fails():
    g = to_graph(good_graph())
    g.remove((COM, RDFS.label, None))
    g.add((COM, RDFS.label, Literal("Ginkgo", lang="en")))
    assert not validate(g)[0]


def test_two_vocabulary_classes_fail():
    g = to_graph(good_graph())
    g.add((COM, RDF.type, KG.Organization))
    assert not validate(g)[0]


def test_untyped_entity_fails():
    g = to_graph(good_graph())
    g.remove((COM, RDF.type, None))
    assert not validate(g)[0]


def test_located_in_a_person_fails():
    g = to_graph(good_graph())
    person = entity_iri("Person", "李小明")
    g.add((person, RDF.type, KG.Person))
    g.add((person, RDFS.label, Literal("李小明", lang="zh")))
    g.add((COM, KG.locatedIn, person))
    conforms, report = validate(g)
    assert not conforms
    assert "locatedIn" in report


def test_amount_must_be_decimal():
    g = to_graph(good_graph())
    (statement,) = list(g.subjects(KG.amountYuan, None))
    g.remove((statement, KG.amountYuan, None))
    g.add((statement, KG.amountYuan, Literal("三十")))
    assert not validate(g)[0]


def test_article_needs_headline():
    g = to_graph(good_graph())
    g.remove((article_iri("p", 0), vocab.HEADLINE, None))
    assert not validate(g)[0]


def test_assertion_needs_its_parts():
    g = to_graph(good_graph())
    (statement,) = list(g.subjects(RDF.predicate, KG.locatedIn))
    g.remove((statement, RDF.subject, None))
    assert not validate(g)[0]


def test_out_of_range_relation_is_only_a_warning():
    g = to_graph(good_graph())
    # serves expects a Group as object; a Community there is doubtful, not malformed.
    g.add((entity_iri("Initiative", "暖心食堂"), KG.serves, COM))
    conforms, report = validate(g)
    assert conforms
    assert "Warning" in report and "serves" in report


def test_shapes_are_generated_for_every_predicate_and_parse():
    g = shapes_graph()
    for p in vocab.PREDICATES.values():
        assert (vocab.SHAPES[f"{p.name}-range"], vocab.SH.targetObjectsOf, p.iri) in g
    assert len(Graph().parse(data=shapes_turtle(), format="turtle")) == len(g)
