"""Content negotiation and result bodies for the SPARQL endpoint.

SELECT and ASK answers are written by rdflib's SPARQL 1.1 result
serializers (JSON, XML, CSV); CONSTRUCT and DESCRIBE graphs by Oxigraph's
RDF serializers (Turtle, N-Triples, RDF/XML, JSON-LD). The client's
``Accept`` header picks the format, with q-values, as RFC 9110 says.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
('xml', 'application/sparql-results+xml')
>>> negotiate("", "graph")
('turtle', 'text/turtle')
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Variable
from rdflib.query import Result

from kg.query.sparql import from_oxigraph

__all__ = ["FORMATS", "NotAcceptable", "negotiate", "solutions_body", "boolean_body", "graph_body"]

#: Per kind of answer, the media types we can write: (media type, format), preferred first.
FORMATS: dict[str, list[tuple[str, str]]] = {
    "select": [("application/sparql-results+json", "json"), ("application/json", "json"),
               ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
               ("text/xml", "xml"), ("text/csv", "csv")],
    "ask": [("application/sparql-results+json", "json"), ("application/json", "json"),
            ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
            ("text/xml", "xml")],
    "graph": [("text/turtle", "turtle"), ("application/n-triples", "ntriples"),
              ("application/rdf+xml", "rdfxml"), ("application/ld+json", "jsonld")],
}

#: Media types whose body is text: they get ``; charset=utf-8``.
TEXT_TYPES = {"text/csv", "text/xml", "text/turtle", "application/n-triples"}


class NotAcceptable(Exception):
    """No format we can write is acceptable to the client (HTTP 406)."""


def _ranges(accept: str) -> list[tuple[float, int, str]]:
    """The media ranges of an Accept header as (q, order, range), best first.

    >>> _ranges("text/*;q=0.3, application/json")
    [(1.0, 1, 'application/json'), (0.3, 0, 'text/*')]
    """
    out = []
    for order, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((q, order, media.lower()))
    # Higher q first; among equal q, more specific ranges first, then header order.
    out.sort(key=lambda r: (-r[0], r[2].count("*"), r[1]))
    return [r for r in out if r[0] > 0]


def _matches(media_range: str, media_type: str) -> bool:
    """Whether ``media_type`` falls in ``media_range`` (``*/*``, ``text/*`` or exact).

    >>> _matches("application/*", "application/json"), _matches("text/*", "application/json")
    (True, False)
    """
    if media_range in ("*/*", "*"):
        return True
    if media_range.endswith("/*"):
        return media_type.startswith(media_range[:-1])
    return media_range == media_type


def negotiate(accept: str | None, kind: str) -> tuple[str, str]:
    """The (format, media type) to answer a ``kind`` query with, for this Accept header.

    No Accept header means anything: the first format of the kind.

    >>> negotiate("image/png", "ask")
    Traceback (most recent call last):
    ...
    kg.serve.results.NotAcceptable: none of image/png for ask results
    """
    offers = FORMATS[kind]
    if not accept or not accept.strip():
        media_type, fmt = offers[0]
        return fmt, media_type
    for _q, _order, media_range in _ranges(accept):
        for media_type, fmt in offers:
            if _matches(media_range, media_type):
                return fmt, media_type
    raise NotAcceptable(f"none of {accept} for {kind} results")


def content_type(media_type: str) -> str:
    """The Content-Type header value for a media type.

    >>> content_type("text/csv")
    'text/csv; charset=utf-8'
    """
    return f"{media_type}; charset=utf-8" if media_type in TEXT_TYPES else media_type


def solutions_body(variables: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> bytes:
    """A SELECT answer (Oxigraph terms, None where unbound) in JSON, XML or CSV.

    >>> import pyoxigraph as ox
    >>> solutions_body(["n"], [[ox.Literal("银杏")]], "csv").decode()
    'n\\r\\n银杏\\r\\n'
    """
    result = Result("SELECT")
    result.vars = [Variable(v) for v in variables]
    result.bindings = [
        {Variable(v): from_oxigraph(term) for v, term in zip(variables, row) if term is not None}
        for row in rows
    ]
    return result.serialize(format=fmt, encoding="utf-8")


def boolean_body(answer: bool, fmt: str) -> bytes:
    """An ASK answer in JSON or XML.

    >>> b'"boolean": true' in boolean_body(True, "json")
    True
    """
    result = Result("ASK")
    result.askAnswer = bool(answer)
    return result.serialize(format=fmt, encoding="utf-8")


def graph_body(triples: Sequence[object], fmt: str, prefixes: dict[str, str]) -> bytes:
    """A CONSTRUCT or DESCRIBE answer (Oxigraph triples) in Turtle, N-Triples, RDF/XML or JSON-LD.

    >>> import pyoxigraph as ox
    >>> t = ox.Triple(ox.NamedNode("x:s"), ox.NamedNode("x:p"), ox.Literal("银杏"))
    >>> graph_body([t], "ntriples", {}).decode()
    '<x:s> <x:p> "银杏" .\\n'
    """
    import pyoxigraph as ox

    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                  "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    return ox.serialize(triples, format=rdf_format,
                        prefixes=prefixes if fmt in ("turtle", "rdfxml") else None)
