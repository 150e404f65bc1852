"""GraphML export: any XML reader takes it back whole, with hostile text; same bytes every run."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import networkx as nx
from hypothesis import HealthCheck, given, settings

from kg.export.graphml import graphml_bytes, graphml_graph, graphml_reference_bytes, write_graphml, xml_text
from kg.graph.model import add_article, add_assertion, add_entity, new_graph
from kg.vocab import entity_iri
from tests.export_rdf.test_rdf_stream import graphs

HOSTILE = ['<b>&amp;</b> "引号" \'x\'', "]]><!--", "控制\x00\x08\x1f字符", "\ufffe\uffff尾",
           "行\r\n换\r行", "代理\ud800对", "\u202e反向"]


def sample(order=1):
    """Entities, a reprinted relation, a donation with an amount and a role; hostile names."""
    G = new_graph()
    add_article(G, "p#0", page="p", index=0, title="银杏社区<新闻>&", source="p.txt")
    add_article(G, "p#1", page="p", index=1, title="枫林街道助老", source="p.txt")
    names = [("Community", "银杏社区"), ("Subdistrict", "枫林街道"), ("Organization", "暖阳公司"),
             ("Person", "李小明"), ("Initiative", "暖心食堂")] + [("Organization", h) for h in HOSTILE]
    keys = {}
    for kind, name in names[::order]:
        keys[name] = add_entity(G, kind, name, article="p#0", aliases=[name + "别名"])
    rels = [("银杏社区", "locatedIn", "枫林街道", "p#0", {}),
            ("银杏社区", "locatedIn", "枫林街道", "p#1", {}),
            ("暖阳公司", "donatedTo", "暖心食堂", "p#0", {"amount_yuan": 3000}),
            ("李小明", "memberOf", "暖阳公司", "p#1", {"role": "志愿者\x00队长"})]
    rels += [(h, "partneredWith", "暖阳公司", "p#1", {}) for h in HOSTILE]
    for s, p, o, a, extra in rels[::order]:
        add_assertion(G, keys[s], p, keys[o], article=a, sentence=2, evidence=f"{s}{p}{o}\x0b", **extra)
    return G


def test_round_trip_through_networkx_and_elementtree(tmp_path):
    G = sample()
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    ET.parse(path)  # strict XML 1.0 parser: no illegal character got through
    back = nx.read_graphml(path, force_multigraph=True)
    expected = graphml_graph(G)
    assert back.number_of_nodes() == G.number_of_nodes() == expected.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges() == expected.number_of_edges()
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=str) == \
        sorted(expected.edges(keys=True, data=True), key=str)


def test_attributes_are_clean_strings_that_keep_the_text():
    H = graphml_graph(sample())
    labels = {d["label"] for _, d in H.nodes(data=True)}
    assert '<b>&amp;</b> "引号" \'x\'' in labels and "]]><!--" in labels
    assert "控制字符" in labels and "尾" in labels and "行\n换\n行" in labels
    assert "代理\ufffd对" in labels
    for _, data in list(H.nodes(data=True)) + [(None, d) for *_, d in H.edges(data=True)]:
        for value in data.values():
            assert isinstance(value, str) and value == xml_text(value)
    (donation,) = [d for *_, d in H.edges(data=True) if d["predicate"] == "donatedTo"]
    assert donation["amount_yuan"] == "3000.0" and donation["label"] == "捐赠给"
    (member,) = [d for *_, d in H.edges(data=True) if d["predicate"] == "memberOf"]
    assert member["role"] == "志愿者队长" and member["headline"] == "枫林街道助老"
    iris = {d["iri"] for _, d in H.nodes(data=True)}
    assert str(entity_iri("Community", "银杏社区")) in iris


def test_ids_are_xml_name_tokens_and_keys_typed_string():
    text = graphml_bytes(sample()).decode("utf-8")
    ids = re.findall(r' id="([^"]*)"', text)
    assert ids and all(re.fullmatch(r"[A-Za-z0-9_.:-]+", i) for i in ids)
    assert set(re.findall(r'attr.type="(\w+)"', text)) == {"string"}
    assert "银杏社区" in text  # real UTF-8, not character references


def test_same_bytes_whatever_the_insertion_order():
    assert graphml_bytes(sample()) == graphml_bytes(sample(order=-1))


def test_empty_graph_is_a_valid_document():
    root = ET.fromstring(graphml_bytes(new_graph()))
    assert root.tag.endswith("graphml") and len(root.findall("{*}graph")) == 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_direct_writer_writes_networkx_bytes(G):
    assert graphml_bytes(G) == graphml_reference_bytes(G)


def test_direct_writer_writes_networkx_bytes_for_hostile_text():
    assert graphml_bytes(sample()) == graphml_reference_bytes(sample())
