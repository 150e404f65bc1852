"""Example parameter values: names for which a bundled query returns rows on a graph.

The seed tests and ``bench/queries.py`` need a value for ``$place``,
``$entity`` or ``$group`` that makes the query answer something, without
writing any name from the corpus into the code: they try the labels the
graph itself holds, most-mentioned entity first, and keep the first that
gives rows.

>>> from kg.query.sparql import open_store
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = p.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\\n'
...                  '<x:a> rdfs:label "银杏社区"@zh .\\n', encoding="utf-8")
>>> q = "# @param who: a name\\nSELECT ?x WHERE { ?x rdfs:label ?l FILTER (STR(?l) = $who) }"
>>> example_params(open_store(p, "oxigraph"), q)
{'who': '银杏社区'}
"""

from __future__ import annotations

from kg.query.sparql import Store, query_params, query_store

__all__ = ["candidate_labels", "example_params"]

# Every label and alias, with the number of articles that mention its entity.
_LABELS = """
SELECT ?label (COUNT(DISTINCT ?article) AS ?mentions)
WHERE {
  ?entity rdfs:label|skos:altLabel ?label .
  OPTIONAL { ?entity kg:mentionedIn ?article }
}
GROUP BY ?label
ORDER BY DESC(?mentions) ?label
"""


def candidate_labels(store: Store) -> list[str]:
    """Distinct entity labels and aliases, most-mentioned first, then in code-point order."""
    _vars, rows = query_store(store, _LABELS)
    seen: dict[str, None] = {}
    for label, _count in rows:
        seen.setdefault(str(label), None)
    return list(seen)


def example_params(store: Store, query_text: str, *, tries: int = 1000) -> dict[str, str] | None:
    """Values for the query's parameters that make it return at least one row, or None.

    A query without parameters gets ``{}``. Queries with one parameter try
    up to ``tries`` labels of the graph; several parameters are not searched.
    """
    names = query_params(query_text)
    if not names:
        return {}
    if len(names) > 1:
        return None
    for label in candidate_labels(store)[:tries]:
        params = {names[0]: label}
        if query_store(store, query_text, params)[1]:
            return params
    return None
