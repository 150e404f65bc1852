"""Parameters are data: hostile values are matched literally and never run as SPARQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.rdf import clean_text, write_trig, write_turtle
from kg.graph.model import add_article, add_entity, new_graph
from kg.query.sparql import (QueryError, load_query, open_store, param_languages, query_store, run_query,
                             values_query)

HOSTILE = [
    '" } DROP ALL',
    '"} ; DELETE WHERE { ?s ?p ?o } #',
    "\\u0022 } DROP ALL",
    "back\\slash\\",
    "new\nline\r",
    "') } UNION { ?x ?y ?z } #",
    "$entity ?label <http://x/>",
]


def graph_with_names(names):
    G = new_graph()
    add_article(G, "p#0", page="p", index=0, title="标题")
    for name in names:
        add_entity(G, "Organization", name, article="p#0")
    return G


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    d = tmp_path_factory.mktemp("kg")
    G = graph_with_names(HOSTILE + ["银杏社区"])
    write_turtle(G, d / "kg.ttl")
    write_trig(G, d / "kg.trig")
    return d


def _mentions(path, engine, value):
    store = open_store(path, engine)
    before = len(store.handle)
    variables, rows = query_store(store, load_query("articles_mentioning"), {"entity": value})
    assert len(store.handle) == before  # nothing was changed or dropped
    return [str(r[variables.index("entityName")]) for r in rows]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_value_matches_only_its_own_entity(paths, engine, value):
    assert _mentions(paths / "kg.ttl", engine, value) == [value]
    assert _mentions(paths / "kg.trig", engine, value) == [value]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_value_without_a_match_returns_nothing(paths, engine):
    assert _mentions(paths / "kg.ttl", engine, '银杏社区" || true || "') == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=30).filter(lambda s: clean_text(s).strip()))
def test_any_name_is_found_by_both_engines(tmp_path, name):
    path = tmp_path / "kg.ttl"
    write_turtle(graph_with_names([name]), path)
    label = clean_text(name)
    for engine in ("rdflib", "oxigraph"):
        assert _mentions(path, engine, label) == [label], engine


def test_missing_unknown_and_bad_parameters(paths):
    query = load_query("articles_mentioning")
    with pytest.raises(QueryError, match="missing parameter"):
        run_query(query, paths / "kg.ttl")
    with pytest.raises(QueryError, match="unknown parameter"):
        run_query(query, paths / "kg.ttl", params={"entity": "x", "nothere": "y"})
    with pytest.raises(QueryError, match="bad parameter name"):
        run_query(query, paths / "kg.ttl", params={"entity": "x", "a b": "y"})


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_only_select_and_valid_syntax(paths, engine):
    with pytest.raises(QueryError, match="only SELECT"):
        run_query("ASK { ?s ?p ?o }", paths / "kg.ttl", engine=engine)
    with pytest.raises(QueryError, match="syntax"):
        run_query("SELECT ?s WHERE { ?s ?p }", paths / "kg.ttl", engine=engine)


def test_bad_files_and_engines(tmp_path):
    with pytest.raises(QueryError, match="cannot read"):
        run_query("SELECT * WHERE {}", tmp_path / "none.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    for engine in ("rdflib", "oxigraph"):
        with pytest.raises(QueryError, match="cannot parse"):
            run_query("SELECT * WHERE {}", broken, engine=engine)
    with pytest.raises(QueryError, match="unknown graph file type"):
        run_query("SELECT * WHERE {}", tmp_path / "kg.xyz")
    with pytest.raises(QueryError, match="unknown engine"):
        run_query("SELECT * WHERE {}", broken, engine="sparql-anything")


LABELLED = """# @param who@zh: a name
SELECT ?x WHERE { ?x rdfs:label $who }"""
PLAIN = """# @param who: a name
SELECT ?x WHERE { ?x rdfs:label $who }"""


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_parameter_declared_zh_is_bound_as_a_zh_literal(paths, engine):
    # Labels are @zh: a parameter declared @zh matches them directly, a plain
    # one (a different RDF term) does not.
    for path in (paths / "kg.ttl", paths / "kg.trig"):
        assert len(run_query(LABELLED, path, engine=engine, params={"who": "银杏社区"})[1]) == 1
        assert run_query(PLAIN, path, engine=engine, params={"who": "银杏社区"})[1] == []


def test_zh_parameter_in_the_values_block_stays_escaped():
    text = values_query(LABELLED, {"who": '" } DROP ALL'})
    assert 'VALUES (?who) { ("\\" } DROP ALL"@zh) }' in text
    assert param_languages(LABELLED) == {"who": "zh"} and param_languages(PLAIN) == {}
