"""Every bundled query answers on the seed graph, with the same rows in rdflib and Oxigraph."""

from __future__ import annotations

import pytest

from kg.query.examples import example_params
from kg.query.sparql import list_queries, load_query, open_store, query_store


@pytest.fixture(scope="module")
def stores(seed_build):
    ttl = seed_build.outputs["graph.ttl"]
    return {engine: open_store(ttl, engine) for engine in ("rdflib", "oxigraph")}


@pytest.mark.parametrize("name", list_queries())
def test_query_returns_rows_on_the_seeds_in_both_engines(stores, name):
    text = load_query(name)
    # Parameters come from the graph's own labels, never from a name written here.
    params = example_params(stores["oxigraph"], text)
    assert params is not None, f"{name}: no label of the seed graph gives a row"
    variables, rows = query_store(stores["oxigraph"], text, params)
    assert rows, name
    assert query_store(stores["rdflib"], text, params) == (variables, rows)


def test_parameter_search_finds_nothing_for_an_impossible_query(stores):
    text = "# @param entity: a name\nSELECT ?x WHERE { ?x rdfs:label ?l FILTER (STR(?l) = CONCAT($entity, '\\u0000')) }"
    assert example_params(stores["oxigraph"], text, tries=20) is None
