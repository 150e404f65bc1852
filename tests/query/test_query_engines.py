"""Every bundled query runs on a crafted graph with rdflib and Oxigraph, with the same rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.export.rdf import write_jsonld, write_trig, write_turtle
from kg.graph.model import add_article, add_assertion, add_entity, new_graph
from kg.query.sparql import list_queries, load_query, open_store, query_store

# Parameter values for the queries that declare parameters.
PARAMS = {
    "initiatives_in_place": {"place": "青山"},  # an alias of the district
    "who_serves_group": {"group": "独居老年人"},  # an alias of the group
    "articles_mentioning": {"entity": "李小明"},
    "entity_relations": {"entity": "暖心食堂"},
}


def crafted():
    """City > district > two subdistricts > communities > compound, with initiatives and gifts."""
    G = new_graph()
    add_article(G, "pa#0", page="pa", index=0, title="银杏社区办起暖心食堂", bylines=["李小明"],
                source="pa.txt")
    add_article(G, "pa#1", page="pa", index=1, title="枫林街道携手企业助老", source="pa.txt")
    add_article(G, "pb#0", page="pb", index=0, title="银杏社区办起暖心食堂", source="pb.txt",
                duplicate_of="pa#0")
    city = add_entity(G, "City", "江河市", article="pa#0")
    dist = add_entity(G, "District", "青山区", article="pa#0", aliases=["青山"])
    sd1 = add_entity(G, "Subdistrict", "枫林街道", article="pa#0")
    sd2 = add_entity(G, "Subdistrict", "柳岸镇", article="pa#1")
    com = add_entity(G, "Community", "银杏社区", article="pa#0")
    com2 = add_entity(G, "Community", "竹园村", article="pa#1")
    nb = add_entity(G, "Neighborhood", "桂花小区", article="pa#0")
    party = add_entity(G, "Organization", "银杏社区党委", article="pa#0")
    firm = add_entity(G, "Organization", "暖阳科技公司", article="pa#1")
    ngo = add_entity(G, "Organization", "青禾服务社", article="pa#1")
    person = add_entity(G, "Person", "李小明", article="pa#0")
    group = add_entity(G, "Group", "独居老人", article="pa#0", aliases=["独居老年人"])
    canteen = add_entity(G, "Initiative", "暖心食堂", article="pa#0")
    visit = add_entity(G, "Initiative", "上门探访", article="pa#1")
    for a in ("pa#0", "pb#0"):
        add_assertion(G, com, "locatedIn", sd1, article=a, sentence=0, evidence="枫林街道银杏社区")
        add_assertion(G, firm, "donatedTo", canteen, article=a, sentence=3, evidence="捐赠5000.5元",
                      amount_yuan=5000.5)
    add_assertion(G, sd1, "locatedIn", dist, article="pa#0", sentence=0, evidence="青山区枫林街道")
    add_assertion(G, dist, "locatedIn", city, article="pa#0", sentence=0, evidence="江河市青山区")
    add_assertion(G, nb, "locatedIn", com, article="pa#0", sentence=1, evidence="银杏社区桂花小区")
    add_assertion(G, com2, "locatedIn", sd2, article="pa#1", sentence=0, evidence="柳岸镇竹园村")
    add_assertion(G, sd2, "locatedIn", dist, article="pa#1", sentence=0, evidence="青山区柳岸镇")
    add_assertion(G, canteen, "locatedIn", nb, article="pa#0", sentence=1, evidence="设在桂花小区")
    add_assertion(G, visit, "locatedIn", com2, article="pa#1", sentence=2, evidence="在竹园村")
    add_assertion(G, party, "organized", canteen, article="pa#0", sentence=1, evidence="党委打造")
    add_assertion(G, sd1, "organized", visit, article="pa#1", sentence=1, evidence="街道开展")
    add_assertion(G, party, "organized", visit, article="pa#1", sentence=1, evidence="党委组织")
    add_assertion(G, canteen, "operatedBy", ngo, article="pa#0", sentence=2, evidence="由服务社运营")
    add_assertion(G, ngo, "participatedIn", visit, article="pa#1", sentence=3, evidence="服务社参与")
    add_assertion(G, firm, "donatedTo", visit, article="pa#1", sentence=4, evidence="捐赠2000元",
                  amount_yuan=2000)
    add_assertion(G, ngo, "donatedTo", group, article="pa#1", sentence=5, evidence="送去物资")
    add_assertion(G, firm, "partneredWith", ngo, article="pa#1", sentence=4, evidence="携手")
    add_assertion(G, ngo, "partneredWith", firm, article="pa#0", sentence=4, evidence="联合")
    add_assertion(G, person, "memberOf", party, article="pa#0", sentence=5, evidence="书记李小明",
                  role="党委书记")
    add_assertion(G, person, "memberOf", ngo, article="pa#1", sentence=6, evidence="志愿者李小明")
    add_assertion(G, canteen, "serves", group, article="pa#0", sentence=2, evidence="为独居老人")
    add_assertion(G, visit, "serves", group, article="pa#1", sentence=2, evidence="关爱独居老人")
    return G


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The crafted graph as Turtle, TriG and JSON-LD, loaded once per engine."""
    d = tmp_path_factory.mktemp("kg")
    G = crafted()
    write_turtle(G, d / "kg.ttl")
    write_trig(G, d / "kg.trig")
    write_jsonld(G, d / "kg.jsonld")
    return {(engine, suffix): open_store(d / f"kg.{suffix}", engine)
            for engine in ("rdflib", "oxigraph") for suffix in ("ttl", "trig", "jsonld")}


def _run(stores, name, engine="rdflib", suffix="ttl"):
    return query_store(stores[(engine, suffix)], load_query(name), PARAMS.get(name))


def _cells(rows):
    return [[None if t is None else str(t) for t in row] for row in rows]


def test_at_least_ten_queries():
    assert len(list_queries()) >= 10


@pytest.mark.parametrize("name", list_queries())
def test_engines_and_formats_agree(stores, name):
    variables, rows = _run(stores, name)
    assert rows, f"{name} returns nothing on the crafted graph, so the comparison proves nothing"
    for engine in ("rdflib", "oxigraph"):
        for suffix in ("ttl", "trig", "jsonld"):
            assert _run(stores, name, engine, suffix) == (variables, rows), (engine, suffix)


def test_initiatives_in_nested_places(stores):
    _, rows = _run(stores, "initiatives_in_place", "oxigraph")
    assert _cells(rows) == [
        ["上门探访", "located in", "竹园村"],
        ["上门探访", "organized by", "枫林街道"],
        ["暖心食堂", "located in", "桂花小区"],
    ]


def test_donations_and_totals(stores):
    _, rows = _run(stores, "donations")
    assert ["暖阳科技公司", "上门探访", "2000.0", "枫林街道携手企业助老", "捐赠2000元"] in _cells(rows)
    assert ["青禾服务社", "独居老人", None, "枫林街道携手企业助老", "送去物资"] in _cells(rows)
    _, totals = _run(stores, "donation_totals", "oxigraph")
    # The same gift reported by two articles counts once.
    assert [(str(r[0]), r[1].toPython(), r[2].toPython()) for r in totals] == [
        ("暖心食堂", Decimal("5000.5"), 1), ("上门探访", Decimal("2000"), 1)]


def test_symmetric_partnership_listed_once(stores):
    _, rows = _run(stores, "partnerships")
    assert _cells(rows) == [["暖阳科技公司", "青禾服务社", "2"]]


def test_roles_party_and_hierarchy(stores):
    assert _cells(_run(stores, "people_roles")[1]) == [
        ["李小明", "银杏社区党委", "党委书记"], ["李小明", "青禾服务社", None]]
    assert _cells(_run(stores, "party_initiatives")[1]) == [
        ["银杏社区党委", "上门探访", "1"], ["银杏社区党委", "暖心食堂", "1"]]
    hierarchy = _cells(_run(stores, "place_hierarchy")[1])
    assert hierarchy[0] == ["江河市", "City", "青山区", "District"]
    assert hierarchy[-1] == ["银杏社区", "Community", "桂花小区", "Neighborhood"]


def test_counts_and_group_by(stores):
    top = _cells(_run(stores, "top_organizers")[1])
    assert top[0] == ["银杏社区党委", "Organization", "2", "2"]
    multi = _cells(_run(stores, "multi_subdistrict_organizations")[1])
    assert ["青禾服务社", "Subdistrict", "2"] in multi and ["暖阳科技公司", "Subdistrict", "2"] in multi
    assert [r[1] for r in multi] == ["Subdistrict"] * 3 + ["Community"] * 3  # subdistricts first
    serves = _cells(_run(stores, "who_serves_group")[1])
    assert sorted(r[0] for r in serves) == ["上门探访", "暖心食堂"]


def test_articles_and_relations_of_an_entity(stores):
    mentions = _cells(_run(stores, "articles_mentioning")[1])
    assert [r[3] for r in mentions] == ["author", "mentioned"]
    relations = _cells(_run(stores, "entity_relations")[1])
    assert ["out", "operatedBy", "青禾服务社", None, None, "银杏社区办起暖心食堂", "由服务社运营"] \
        in relations
    reprints = _cells(_run(stores, "reprinted_articles")[1])
    assert reprints == [["pb.txt", "0", "银杏社区办起暖心食堂", "pa.txt", "0", "银杏社区办起暖心食堂"]]


def _plain_term(term):
    """An Oxigraph term built as an rdflib term with the plain constructors."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value.endswith("#string"):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def test_memoised_conversion_equals_plain_conversion():
    import pyoxigraph as ox

    from kg.query.sparql import _canonical, _term_converter

    xsd = "http://www.w3.org/2001/XMLSchema#"
    terms = [ox.NamedNode("https://w3id.org/civic-kg/id/person/%E6%9D%8E"), ox.BlankNode("b0"),
             ox.Literal("银杏社区", language="zh"), ox.Literal("a\nb\\\""), ox.Literal(""),
             ox.Literal("2000", datatype=ox.NamedNode(xsd + "decimal")),
             ox.Literal("01", datatype=ox.NamedNode(xsd + "integer")),
             ox.Literal("x", datatype=ox.NamedNode(xsd + "integer")),
             ox.Literal("2024-01-02", datatype=ox.NamedNode(xsd + "date")), None]
    convert = _term_converter()
    for term in terms + terms:  # the second pass is served from the memo
        fast, plain = convert(term), _canonical(_plain_term(term))
        assert type(fast) is type(plain) and fast == plain, term
        if hasattr(plain, "language"):
            assert (fast.value, fast.language, fast.datatype, fast.ill_typed) == \
                (plain.value, plain.language, plain.datatype, plain.ill_typed), term
