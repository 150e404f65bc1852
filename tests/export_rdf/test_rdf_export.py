"""Turtle, TriG and JSON-LD exports: content, round trips, hostile text, determinism."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export.rdf import (
    clean_text,
    decimal_literal,
    graph_to_rdf,
    jsonld_text,
    rdf_parts,
    size_report,
    to_graph,
    trig_text,
    turtle_text,
    write_jsonld,
    write_trig,
    write_turtle,
)
from kg.graph.model import add_article, add_assertion, add_entity, new_graph
from kg import vocab
from kg.vocab import KG, RDF, RDFS, SKOS, article_iri, entity_iri

ROOT = Path(__file__).resolve().parents[2]


def small_graph():
    """Two articles (one a reprint), six entities, one of each interesting edge."""
    G = new_graph()
    add_article(G, "pa#0", page="pa", index=0, title="银杏社区“暖心食堂”开张", alt_titles=["副题"],
                bylines=["赵记者"], source="pa.txt", status="kept")
    add_article(G, "pb#1", page="pb", index=1, title="银杏社区“暖心食堂”开张", source="pb.txt",
                duplicate_of="pa#0", status="kept")
    com = add_entity(G, "Community", "银杏社区", article="pa#0", aliases=["银杏"])
    sd = add_entity(G, "Subdistrict", "枫林街道", article="pa#0", code="000000001")
    firm = add_entity(G, "Organization", "暖阳公司", article="pa#0")
    person = add_entity(G, "Person", "李小明", article="pb#1")
    canteen = add_entity(G, "Initiative", "暖心食堂", article="pa#0")
    group = add_entity(G, "Group", "独居老人", article="pa#0")
    add_assertion(G, com, "locatedIn", sd, article="pa#0", sentence=0, evidence="枫林街道银杏社区")
    add_assertion(G, firm, "donatedTo", canteen, article="pa#0", sentence=1, evidence="捐款7000元",
                  amount_yuan=7000.0)
    add_assertion(G, person, "memberOf", com, article="pb#1", sentence=2, evidence="社区书记李小明",
                  role="书记")
    add_assertion(G, canteen, "serves", group, article="pa#0", sentence=3, evidence="为独居老人")
    return G


def test_entities_have_type_labels_and_mentions():
    g = to_graph(small_graph())
    com = entity_iri("Community", "银杏社区")
    art = article_iri("pa", 0)
    assert (com, RDF.type, KG.Community) in g
    assert (com, RDFS.label, Literal("银杏社区", lang="zh")) in g
    assert (com, SKOS.prefLabel, Literal("银杏社区", lang="zh")) in g
    assert (com, SKOS.altLabel, Literal("银杏", lang="zh")) in g
    assert (com, KG.mentionedIn, art) in g
    assert (com, vocab.WAS_DERIVED_FROM, art) in g
    assert (entity_iri("Subdistrict", "枫林街道"), KG.divisionCode, Literal("000000001")) in g


def test_edges_give_direct_triples_and_statement_nodes():
    g = to_graph(small_graph())
    com, sd = entity_iri("Community", "银杏社区"), entity_iri("Subdistrict", "枫林街道")
    assert (com, KG.locatedIn, sd) in g
    (statement,) = list(g.subjects(RDF.predicate, KG.locatedIn))
    assert (statement, RDF.type, vocab.ASSERTION) in g
    assert g.value(statement, RDF.subject) == com
    assert g.value(statement, RDF.object) == sd
    assert g.value(statement, vocab.WAS_DERIVED_FROM) == article_iri("pa", 0)
    assert g.value(statement, KG.evidence) == Literal("枫林街道银杏社区", lang="zh")
    assert g.value(statement, KG.sentenceIndex).toPython() == 0


def test_donation_is_also_a_donate_action_with_money():
    g = to_graph(small_graph())
    (action,) = list(g.subjects(RDF.type, vocab.DONATE_ACTION))
    assert g.value(action, vocab.AGENT) == entity_iri("Organization", "暖阳公司")
    assert g.value(action, vocab.RECIPIENT) == entity_iri("Initiative", "暖心食堂")
    money = g.value(action, vocab.AMOUNT)
    assert (money, RDF.type, vocab.MONETARY_AMOUNT) in g
    value = g.value(money, vocab.VALUE)
    assert value.datatype == vocab.XSD.decimal and value.toPython() == Decimal(7000)
    assert str(g.value(money, vocab.CURRENCY)) == "CNY"
    (statement,) = list(g.subjects(RDF.predicate, KG.donatedTo))
    assert g.value(statement, KG.amountYuan).toPython() == Decimal(7000)


def test_membership_with_role():
    g = to_graph(small_graph())
    (membership,) = list(g.subjects(RDF.type, vocab.MEMBERSHIP))
    assert g.value(membership, vocab.ORG_MEMBER) == entity_iri("Person", "李小明")
    assert g.value(membership, vocab.ORG_ORGANIZATION) == entity_iri("Community", "银杏社区")
    role = g.value(membership, vocab.ORG_ROLE)
    assert g.value(role, RDFS.label) == Literal("书记", lang="zh")
    assert (role, RDF.type, vocab.ROLE_CLASS) in g


def test_articles_are_news_articles():
    g = to_graph(small_graph())
    a, b = article_iri("pa", 0), article_iri("pb", 1)
    assert (a, RDF.type, vocab.NEWS_ARTICLE) in g
    assert g.value(a, vocab.HEADLINE) == Literal("银杏社区“暖心食堂”开张", lang="zh")
    assert g.value(a, vocab.ALT_HEADLINE) == Literal("副题", lang="zh")
    author = g.value(a, vocab.AUTHOR)
    assert author == entity_iri("Person", "赵记者")
    assert g.value(author, RDFS.label) == Literal("赵记者", lang="zh")
    assert str(g.value(a, vocab.SOURCE_FILE)) == "pa.txt"
    assert g.value(b, vocab.POSITION).toPython() == 1
    assert g.value(b, vocab.DUPLICATE_OF) == a


def test_no_blank_nodes_in_data():
    g = to_graph(small_graph())
    assert not [t for triple in g for t in triple if isinstance(t, BNode)]


def test_turtle_round_trip_is_isomorphic_and_parses_in_oxigraph(tmp_path):
    G = small_graph()
    path = tmp_path / "kg.ttl"
    write_turtle(G, path)
    text = path.read_text(encoding="utf-8")
    parsed = Graph().parse(data=text, format="turtle")
    assert isomorphic(parsed, to_graph(G))
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(parsed)


def test_trig_round_trip_keeps_named_graphs(tmp_path):
    G = small_graph()
    path = tmp_path / "kg.trig"
    write_trig(G, path)
    text = path.read_text(encoding="utf-8")
    ds = Dataset()
    ds.parse(data=text, format="trig")
    parts = rdf_parts(G)
    assert set(parts.named) == {article_iri("pa", 0), article_iri("pb", 1)}
    for name, triples in parts.named.items():
        expected = Graph()
        for t in triples:
            expected.add(t)
        assert isomorphic(ds.graph(name), expected)
    default = Graph()
    for t in parts.default:
        default.add(t)
    assert isomorphic(ds.default_graph, default)
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.TRIG)
    assert len(store) == len(parts.default) + sum(len(set(t)) for t in parts.named.values())
    assert {g.value for g in store.named_graphs()} == {str(n) for n in parts.named}


def test_dataset_api_matches_trig_parts():
    G = small_graph()
    ds = graph_to_rdf(G)
    assert {g.identifier for g in ds.graphs() if len(g)} >= set(rdf_parts(G).named)
    assert len(ds.default_graph) == len(set(rdf_parts(G).default))


def test_jsonld_round_trip(tmp_path):
    G = small_graph()
    path = tmp_path / "kg.jsonld"
    write_jsonld(G, path)
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["@context"]["kg"] == str(KG)
    parsed = Graph().parse(data=text, format="json-ld")
    assert isomorphic(parsed, to_graph(G))
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.JSON_LD)
    assert len(store) == len(parsed)


HOSTILE = [
    'say "hi" to 银杏',
    "back\\slash \\u0022 \\n",
    "line\nbreak\r\nand tab\t",
    "</script><script>alert(1)</script>",
    "nul\x00bell\x07esc\x1bdel\x7f c1\x85",
    "lone \ud800 surrogate \udfff",
    "'''\"\"\" triple quotes @zh ^^xsd:string .",
    "银" * 5000,
    "<http://evil/> } GRAPH <x> { ",
    "",
]


def hostile_graph(name: str):
    G = new_graph()
    add_article(G, f"{name}#0", page=name, index=0, title=name, alt_titles=[name], bylines=[name],
                source=name)
    a = add_entity(G, "Organization", name + "会", article=f"{name}#0", aliases=[name])
    b = add_entity(G, "Initiative", "计划" + name, article=f"{name}#0")
    add_assertion(G, a, "memberOf", b, article=f"{name}#0", sentence=0, evidence=name, role=name,
                  amount_yuan=1.5)
    add_assertion(G, a, "donatedTo", b, article=f"{name}#0", sentence=0, evidence=name,
                  amount_yuan=float("inf"))
    return G


_IRI_OK = re.compile(r"^[A-Za-z0-9%:/._\-#~]+$")


def _quad_count(G) -> int:
    parts = rdf_parts(G)
    return len(set(parts.default)) + sum(len(set(t)) for t in parts.named.values())


def _check_parseable(G, name):
    expected = to_graph(G)
    turtle, trig, jsonld = turtle_text(G), trig_text(G), jsonld_text(G)
    for text in (turtle, trig, jsonld):
        text.encode("utf-8")  # no lone surrogates reach the file
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), expected)
    assert isomorphic(Graph().parse(data=jsonld, format="json-ld"), expected)
    ds = Dataset()
    ds.parse(data=trig, format="trig")
    union = Graph()
    for g in ds.graphs():
        for t in g:
            union.add(t)
    assert isomorphic(union, expected)
    for text, fmt, count in ((turtle, ox.RdfFormat.TURTLE, len(expected)),
                             (trig, ox.RdfFormat.TRIG, _quad_count(G)),
                             (jsonld, ox.RdfFormat.JSON_LD, len(expected))):
        store = ox.Store()
        store.load(text.encode("utf-8"), format=fmt)
        assert len(store) == count
    for triple in expected:
        for term in triple:
            if isinstance(term, URIRef):
                assert _IRI_OK.match(str(term)), str(term)[:100]
    # The text survives as data (cleaned of what no file may hold).
    labels = {str(o) for o in expected.objects(None, SKOS.altLabel)}
    headlines = {str(o) for o in expected.objects(None, vocab.HEADLINE)}
    if clean_text(name).strip():
        assert clean_text(name) in headlines
    if clean_text(name).strip():
        assert clean_text(name) in labels


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_parseable(name):
    _check_parseable(hostile_graph(name), name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40))
def test_any_text_stays_parseable(name):
    _check_parseable(hostile_graph(name), name)


def test_decimal_literals_are_canonical():
    assert str(decimal_literal(7000.0)) == "7000.0"
    assert str(decimal_literal(0.1)) == "0.1"
    assert str(decimal_literal(1e21)) == "1000000000000000000000.0"
    assert str(decimal_literal("2.50")) == "2.5"
    assert decimal_literal(float("nan")) is None
    assert decimal_literal(True) is None


_DUMP = """
import sys
from kg.graph.model import new_graph, add_article, add_entity, add_assertion
from kg.export.rdf import turtle_text, trig_text, jsonld_text
from kg.export.ontology import ontology_turtle
from kg.export.shapes import shapes_turtle
from kg.export.graphml import graphml_bytes
from kg.export.rdfstream import rdf_texts
G = new_graph()
for i in range(30):
    add_article(G, f"p{i % 4}#{i}", page=f"p{i % 4}", index=i, title=f"标题{i}", bylines=[f"记者{i % 3}"])
    a = add_entity(G, "Organization", f"组织{i % 7}", article=f"p{i % 4}#{i}", aliases=[f"别名{i}"])
    b = add_entity(G, "Initiative", f"项目{i % 5}", article=f"p{i % 4}#{i}")
    add_assertion(G, a, "organized", b, article=f"p{i % 4}#{i}", sentence=i, evidence=f"句子{i}")
    add_assertion(G, a, "donatedTo", b, article=f"p{i % 4}#{i}", amount_yuan=i * 1.5)
    add_assertion(G, a, "partneredWith", b, article=f"p{i % 4}#{i}")
sys.stdout.buffer.write(turtle_text(G).encode() + trig_text(G).encode() + jsonld_text(G).encode()
                        + ontology_turtle().encode() + shapes_turtle().encode() + graphml_bytes(G)
                        + "".join(rdf_texts(G)).encode())
"""


def test_output_is_byte_identical_across_hash_seeds():
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        result = subprocess.run([sys.executable, "-c", _DUMP], env=env, capture_output=True,
                                check=True, cwd=ROOT)
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert len(next(iter(outputs))) > 10_000


def test_statement_nodes_cost_is_measured():
    G = small_graph()
    report = size_report(G)
    assert report["triples_with"] > report["triples_without"] > 0
    assert report["turtle_bytes_with"] > report["turtle_bytes_without"]
    without = to_graph(G, provenance=False)
    assert not list(without.subjects(RDF.type, vocab.ASSERTION))
    assert (entity_iri("Community", "银杏社区"), KG.locatedIn, entity_iri("Subdistrict", "枫林街道")) \
        in without
