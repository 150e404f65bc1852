"""The streaming RDF writers write the rdflib reference's bytes, for any text (invented names only)."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg.export import rdf, rdfstream
from kg.export.rdfstream import article_part, rdf_texts
from kg.export.rdfterms import Names, quote
from kg.export.triples import article_edges
from kg.graph.model import add_article, add_assertion, add_entity, new_graph

text = st.text(min_size=1, max_size=15)
# Names that collide once normalised (quotes, spaces, controls dropped) and plain ones.
name = st.one_of(text, st.sampled_from(["银杏社区", "“银杏社区”", "银杏 社区", "银杏\x00社区", "枫林街道",
                                        "a\nb", 'x"""y"', "尾\\", "(1)", "ab.", "%zz", "~t"]))
stem = st.sampled_from(["p", "p1", "p10", "p.x", "中文页", "a b", "x(1)", "9"])
TYPES = ["Community", "Subdistrict", "Organization", "Person", "Initiative", "Group"]
PREDICATES = ["locatedIn", "organized", "donatedTo", "partneredWith", "memberOf", "serves"]


@st.composite
def graphs(draw):
    """A few articles (some reprints) and entities with relations, all text drawn at random."""
    G = new_graph()
    articles = []
    for i in range(draw(st.integers(1, 4))):
        page = draw(stem)
        aid = f"{page}#{i}"
        dup = articles[0] if articles and draw(st.booleans()) else None
        add_article(G, aid, page=page, index=i, title=draw(name), alt_titles=draw(st.lists(name, max_size=2)),
                    bylines=draw(st.lists(name, max_size=2)), source=draw(name), duplicate_of=dup)
        articles.append(aid)
    keys = []
    for _ in range(draw(st.integers(1, 6))):
        keys.append(add_entity(G, draw(st.sampled_from(TYPES)), draw(name), aliases=draw(st.lists(name, max_size=2)),
                               article=draw(st.sampled_from(articles)),
                               code=draw(st.one_of(st.none(), st.sampled_from(["320500", "x\ny"])))))
    for _ in range(draw(st.integers(0, 8))):
        add_assertion(G, draw(st.sampled_from(keys)), draw(st.sampled_from(PREDICATES)), draw(st.sampled_from(keys)),
                      article=draw(st.sampled_from(articles)), sentence=draw(st.integers(-1, 30)),
                      evidence=draw(st.one_of(st.just(""), name)),
                      amount_yuan=draw(st.one_of(st.none(), st.sampled_from([0.5, 3000.0, 12.25, 1e21]))),
                      role=draw(st.one_of(st.none(), name)))
    return G


def reference(G):
    return rdf.turtle_text(G), rdf.trig_text(G), rdf.jsonld_text(G)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_streamed_bytes_equal_the_rdflib_reference(G):
    assert rdf_texts(G) == reference(G)


def _two_articles_sharing_a_relation():
    G = new_graph()
    for i in (0, 1):
        add_article(G, f"p#{i}", page="p", index=i, title=f"银杏社区新闻{i}", bylines=["李小明", "李 小明"])
    a = add_entity(G, "Community", "银杏社区", article="p#0", aliases=["银杏"])
    a2 = add_entity(G, "Community", "银杏\x00社区", article="p#1")  # another key, the same IRI
    b = add_entity(G, "Subdistrict", "枫林街道", article="p#0", code="320500")
    m = add_entity(G, "Person", "李小明", article="p#1")
    for article in ("p#0", "p#1"):
        add_assertion(G, a, "locatedIn", b, article=article, sentence=1, evidence="枫林街道银杏社区")
    add_assertion(G, a2, "locatedIn", b, article="p#1", sentence=2, evidence="另一句")
    add_assertion(G, m, "memberOf", a, article="p#1", evidence="书记李小明", role="书记")
    add_assertion(G, m, "donatedTo", a, article="p#0", evidence="捐款", amount_yuan=500)
    return G


def test_merged_subjects_and_reused_relations_equal_the_reference():
    G = _two_articles_sharing_a_relation()
    assert rdf_texts(G) == reference(G)


def test_streamed_files_parse_in_rdflib_and_oxigraph_as_the_same_graph():
    G = _two_articles_sharing_a_relation()
    turtle, trig, jsonld = rdf_texts(G)
    expected = rdf.to_graph(G)
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), expected)
    assert isomorphic(Graph().parse(data=jsonld, format="json-ld"), expected)
    ds = Dataset()
    ds.parse(data=trig, format="trig")
    assert len(list(ds.graphs())) >= 3  # default graph + one per article
    for data, fmt in ((turtle, ox.RdfFormat.TURTLE), (jsonld, ox.RdfFormat.JSON_LD)):
        store = ox.Store()
        store.load(data.encode("utf-8"), format=fmt)
        assert len(store) == len(expected)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1))
def test_quote_is_rdflibs_literal_quoting(value):
    assert quote(value) == Literal(value)._quote_encode()


def test_an_article_part_depends_only_on_its_article_and_edges():
    G = _two_articles_sharing_a_relation()
    edges = article_edges(G)
    article = sorted(edges)[1]
    first = article_part(article, edges[article], Names())
    # Another memo, other articles rendered before: the same part.
    names = Names()
    for other in sorted(edges):
        article_part(other, edges[other], names)
    again = article_part(article, edges[article], names)
    assert (first.trig, first.nodes, first.refs) == (again.trig, again.nodes, again.refs)
    assert first.trig and first.trig in rdf_texts(G)[1]


def test_write_rdf_falls_back_to_rdflib_when_the_fast_writer_declines(tmp_path, monkeypatch):
    G = _two_articles_sharing_a_relation()
    paths = [tmp_path / "g.ttl", tmp_path / "g.trig", tmp_path / "g.jsonld"]

    def decline(*_args, **_kwargs):
        raise rdfstream.Unsupported("test")

    monkeypatch.setattr(rdfstream, "write_rdf_streaming", decline)
    rdf.write_rdf(G, *paths)
    assert tuple(p.read_text("utf-8") for p in paths) == reference(G)


def test_a_generated_prefix_makes_the_fast_writer_decline():
    with pytest.raises(rdfstream.Unsupported):
        Names().verb("http://example.org/voc/p")
    # In subject or object position rdflib writes such an IRI in full, and so do we.
    assert Names().iri("http://example.org/voc/x") == "<http://example.org/voc/x>"


def test_empty_graph():
    G = new_graph()
    assert rdf_texts(G) == reference(G)
    buffers = [io.BytesIO() for _ in range(3)]
    rdfstream.write_rdf_streaming(G, *buffers)
    assert buffers[0].getvalue() == b"\n"
