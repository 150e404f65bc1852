"""The bundled queries, rewritten for speed, answer exactly what their plain forms answer.

``plain_queries/`` holds the straightforward version of each rewritten query
(one pattern per fact, statements typed ``kg:Assertion``, names looked up row
by row, parameters turned into labels with ``STRLANG``). On the seed graph,
for every label of the graph tried as the parameter, both give the same rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.query.examples import candidate_labels
from kg.query.sparql import list_queries, load_query, open_store, query_params, query_store

PLAIN = Path(__file__).resolve().parent / "plain_queries"
NAMES = sorted(p.stem for p in PLAIN.glob("*.rq"))


@pytest.fixture(scope="module")
def store(seed_build):
    return open_store(seed_build.outputs["graph.ttl"], "oxigraph")


def test_each_plain_form_is_of_a_bundled_query_that_was_rewritten():
    assert NAMES
    for name in NAMES:
        assert name in list_queries()
        assert load_query(name) != load_query(PLAIN / f"{name}.rq"), f"{name}: not rewritten, drop its plain form"


@pytest.mark.parametrize("name", NAMES)
def test_rewrite_gives_the_rows_of_the_plain_form(store, name):
    fast, plain = load_query(name), load_query(PLAIN / f"{name}.rq")
    declared = query_params(fast)
    assert declared == query_params(plain)
    if not declared:
        expected = query_store(store, plain)
        assert expected[1], f"{name}: no rows on the seeds, the comparison proves nothing"
        assert query_store(store, fast) == expected
        return
    answered = 0
    for label in candidate_labels(store)[:80]:
        params = {declared[0]: label}
        expected = query_store(store, plain, params)
        answered += bool(expected[1])
        assert query_store(store, fast, params) == expected, label
    assert answered, f"{name}: no label gives rows, the comparison proves nothing"


def test_only_assertions_are_reified(store):
    """The rewrites reach statements through rdf:predicate/subject/object alone,
    without also asking ``a kg:Assertion``: only assertions carry those."""
    query = """SELECT ?node WHERE {
      ?node rdf:predicate|rdf:subject|rdf:object ?any .
      FILTER NOT EXISTS { ?node a kg:Assertion }
    } LIMIT 3"""
    assert query_store(store, query)[1] == []
    assert query_store(store, "SELECT ?s WHERE { ?s a kg:Assertion ; rdf:predicate ?p } LIMIT 1")[1]
