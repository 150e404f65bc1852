"""SPARQL over the exported graph (rdflib or Oxigraph), with bundled queries in ``queries/``."""

from kg.query.sparql import (
    ENGINES,
    FORMATS,
    QueryError,
    format_results,
    list_queries,
    load_query,
    open_store,
    query_params,
    query_store,
    run_query,
)

__all__ = [
    "ENGINES",
    "FORMATS",
    "QueryError",
    "format_results",
    "list_queries",
    "load_query",
    "open_store",
    "query_params",
    "query_store",
    "run_query",
]
