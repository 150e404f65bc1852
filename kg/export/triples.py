"""The triples of the RDF exports as plain Python values: one definition for every writer.

An IRI is a ``str``; a literal is a :class:`Lit` (lexical form, language,
datatype IRI). No rdflib term is built here, so the streaming writers of
:mod:`kg.export.rdfstream` cost no more than string work, and the rdflib
reference of :mod:`kg.export.rdf` converts the same tuples to rdflib terms.

Each entity becomes ``entity_iri(type, name)`` with labels and the articles
it is mentioned in; each edge becomes a direct triple plus a ``kg:Assertion``
statement node (subject, predicate, object, evidence sentence, article).
Donations are also written as ``schema:DonateAction`` and memberships with a
role as ``org:Membership``. Every node IRI is derived from content, never a
blank node, so the same graph gives the same triples in every run.

>>> t = list(statement_triples("x:a", "x:s", "x:p", "x:o", "x:art", {"sentence": 2, "evidence": "句子"}))
>>> t[-1]
('x:a', 'https://w3id.org/civic-kg/vocab#sentenceIndex', Lit(lex='2', lang=None, datatype='http://www.w3.org/2001/XMLSchema#nonNegativeInteger'))
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import networkx as nx

from kg.vocab import (
    AGENT,
    ALT_HEADLINE,
    AMOUNT,
    AMOUNT_YUAN,
    ASSERTION,
    AUTHOR,
    CURRENCY,
    CURRENCY_CODE,
    DIVISION_CODE,
    DONATE_ACTION,
    DUPLICATE_OF,
    EVIDENCE,
    HEADLINE,
    MEMBERSHIP,
    MENTIONED_IN,
    MONETARY_AMOUNT,
    NEWS_ARTICLE,
    ORG_MEMBER,
    ORG_ORGANIZATION,
    ORG_ROLE,
    POSITION,
    PREDICATES,
    RDF,
    RDFS,
    RECIPIENT,
    ROLE,
    ROLE_CLASS,
    SENTENCE_INDEX,
    SKOS,
    SOURCE_FILE,
    TYPES,
    VALUE,
    WAS_DERIVED_FROM,
    XSD,
    article_iri,
    assertion_iri,
    entity_iri,
    role_iri,
)

__all__ = [
    "Lit", "Term", "Triple", "clean_text", "zh", "decimal_lexical", "article_ref", "node_iri",
    "entity_triples", "article_triples", "statement_triples", "donation_triples",
    "membership_triples", "role_triples", "edge_triples", "article_edges",
]


class Lit(NamedTuple):
    """A literal: lexical form, language tag or None, datatype IRI or None."""

    lex: str
    lang: str | None = None
    datatype: str | None = None


Term = str | Lit
Triple = tuple[str, str, Term]

# Plain str copies of the vocabulary terms used per triple (URIRef is a str subclass;
# plain str keeps hashing and comparison on the fast C path).
_TYPE, _LABEL, _PREF, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel)
_DERIVED, _MENTIONED = str(WAS_DERIVED_FROM), str(MENTIONED_IN)
_INTEGER, _NON_NEG, _DECIMAL = str(XSD.integer), str(XSD.nonNegativeInteger), str(XSD.decimal)
_TYPE_IRIS = {name: str(t.iri) for name, t in TYPES.items()}
_PREDICATE_IRIS = {name: str(p.iri) for name, p in PREDICATES.items()}

# Lone surrogates cannot be written as UTF-8; C0/C1 controls other than tab and
# line breaks make files that some RDF and JSON tools refuse.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text from an article made safe for any serialisation: no lone surrogates, no controls.

    >>> clean_text("a\\x00b\\ud800c\\nd")
    'ab\\ufffdc\\nd'
    """
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", text))


def zh(text: str) -> Lit:
    """A Chinese-language literal of cleaned text.

    >>> zh("银杏\\x00社区")
    Lit(lex='银杏社区', lang='zh', datatype=None)
    """
    return Lit(clean_text(text), "zh")


def decimal_lexical(amount: float | int | str | Decimal | None) -> str | None:
    """The canonical ``xsd:decimal`` lexical form of an amount (no exponent), or None.

    >>> decimal_lexical(7000.0), decimal_lexical(0.5), decimal_lexical(float("nan"))
    ('7000.0', '0.5', None)
    """
    if amount is None or isinstance(amount, bool):
        return None
    if isinstance(amount, float) and not math.isfinite(amount):
        return None
    try:
        # str() first: Decimal(0.1) would expose binary float noise.
        value = Decimal(str(amount))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    text = format(value.normalize(), "f")
    # XSD 1.0 canonical form keeps one fractional digit; rdflib's Turtle writer
    # adds ".0" anyway, so this form survives a write/read round trip.
    if "." not in text:
        text += ".0"
    return text


def article_ref(G: nx.MultiDiGraph, article_id: str) -> str:
    """The IRI of an article id (``"<page>#<index>"``), from its metadata when known.

    >>> from kg.graph.model import new_graph
    >>> article_ref(new_graph(), "p#2")
    'https://w3id.org/civic-kg/article/p/2'
    """
    meta = G.graph.get("articles", {}).get(article_id) or {}
    if "page" in meta and "index" in meta:
        return str(article_iri(str(meta["page"]), int(meta["index"])))
    page, _, index = article_id.rpartition("#")
    if page and index.isdigit():
        return str(article_iri(page, int(index)))
    # An id without "#<index>" still gets a stable IRI of its own.
    return str(article_iri(article_id, 0))


def node_iri(G: nx.MultiDiGraph, node: str) -> str:
    """The IRI of an entity node of ``G``.

    >>> from kg.graph.model import new_graph, add_entity
    >>> G = new_graph(); k = add_entity(G, "Person", "李小明")
    >>> node_iri(G, k) == str(entity_iri("Person", "李小明"))
    True
    """
    data = G.nodes[node]
    return str(entity_iri(data["type"], data["name"]))


def entity_triples(iri: str, data: dict[str, Any], article_iris: list[str]) -> Iterator[Triple]:
    """Type, labels, division code and mentions of one entity node.

    ``article_iris`` are the IRIs of ``data["articles"]``, in the same order.

    >>> [t[1].rsplit("#")[-1] for t in entity_triples("x:e", {"type": "Person", "name": "李小明"}, [])]
    ['type', 'label', 'prefLabel']
    """
    name = zh(data["name"])
    yield iri, _TYPE, _TYPE_IRIS[data["type"]]
    yield iri, _LABEL, name
    yield iri, _PREF, name
    for alias in data.get("aliases") or ():
        label = zh(alias)
        if label.lex != name.lex:
            yield iri, _ALT, label
    if data.get("code"):
        yield iri, str(DIVISION_CODE), Lit(clean_text(str(data["code"])))
    for ref in article_iris:
        yield iri, _MENTIONED, ref
        yield iri, _DERIVED, ref


def article_triples(iri: str, meta: dict[str, Any], duplicate_of: str | None) -> Iterator[Triple]:
    """One article as a schema:NewsArticle with headline, authors, source and position.

    ``duplicate_of`` is the IRI of the article it reprints, or None.

    >>> len(list(article_triples("x:a", {"title": "题", "index": 0}, None)))
    3
    """
    yield iri, _TYPE, str(NEWS_ARTICLE)
    if meta.get("title"):
        yield iri, str(HEADLINE), zh(meta["title"])
    for alt in meta.get("alt_titles") or ():
        yield iri, str(ALT_HEADLINE), zh(alt)
    for byline in meta.get("bylines") or ():
        author = str(entity_iri("Person", byline))
        yield iri, str(AUTHOR), author
        yield author, _TYPE, _TYPE_IRIS["Person"]
        yield author, _LABEL, zh(byline)
    if meta.get("source"):
        yield iri, str(SOURCE_FILE), Lit(clean_text(str(meta["source"])))
    if meta.get("index") is not None:
        yield iri, str(POSITION), Lit(str(int(meta["index"])), None, _INTEGER)
    if duplicate_of is not None:
        yield iri, str(DUPLICATE_OF), duplicate_of


def statement_triples(asrt: str, s: str, p: str, o: str, article: str,
                      data: dict[str, Any]) -> Iterator[Triple]:
    """The kg:Assertion node of one edge: what was said, where, and the sentence."""
    yield asrt, _TYPE, str(ASSERTION)
    yield asrt, str(RDF.subject), s
    yield asrt, str(RDF.predicate), p
    yield asrt, str(RDF.object), o
    yield asrt, _DERIVED, article
    if data.get("evidence"):
        yield asrt, str(EVIDENCE), zh(data["evidence"])
    sentence = data.get("sentence")
    if isinstance(sentence, int) and sentence >= 0:
        yield asrt, str(SENTENCE_INDEX), Lit(str(int(sentence)), None, _NON_NEG)
    amount = decimal_lexical(data.get("amount_yuan"))
    if amount is not None:
        yield asrt, str(AMOUNT_YUAN), Lit(amount, None, _DECIMAL)
    if data.get("role"):
        yield asrt, str(ROLE), zh(data["role"])


def donation_triples(asrt: str, s: str, o: str, article: str, amount: str | None) -> Iterator[Triple]:
    """A donatedTo edge as a schema:DonateAction with a MonetaryAmount in CNY.

    >>> [t[0] for t in donation_triples("x:a", "x:s", "x:o", "x:art", "5.0")][-1]
    'x:a/amount'
    """
    action = f"{asrt}/donation"
    yield action, _TYPE, str(DONATE_ACTION)
    yield action, str(AGENT), s
    yield action, str(RECIPIENT), o
    yield action, _DERIVED, article
    if amount is not None:
        money = f"{asrt}/amount"
        yield action, str(AMOUNT), money
        yield money, _TYPE, str(MONETARY_AMOUNT)
        yield money, str(VALUE), Lit(amount, None, _DECIMAL)
        yield money, str(CURRENCY), Lit(CURRENCY_CODE)


def membership_triples(asrt: str, s: str, o: str, article: str, role: str) -> Iterator[Triple]:
    """A memberOf edge with a role (its IRI) as an org:Membership."""
    membership = f"{asrt}/membership"
    yield membership, _TYPE, str(MEMBERSHIP)
    yield membership, str(ORG_MEMBER), s
    yield membership, str(ORG_ORGANIZATION), o
    yield membership, str(ORG_ROLE), role
    yield membership, _DERIVED, article


def role_triples(role: str) -> Iterator[Triple]:
    """A role as an org:Role concept with its printed name.

    >>> len(list(role_triples("书记")))
    3
    """
    iri = str(role_iri(role))
    yield iri, _TYPE, str(ROLE_CLASS)
    yield iri, _LABEL, zh(role)
    yield iri, _PREF, zh(role)


def edge_triples(s: str, o: str, article: str, data: dict[str, Any], *,
                 provenance: bool = True) -> Iterator[Triple]:
    """The triples of one edge in its article's named graph: direct triple,
    statement node (unless ``provenance`` is False), donation, membership.

    A function of the edge and the IRIs of its two entities and article only.

    >>> [t[1].rsplit("#")[-1] for t in edge_triples("x:s", "x:o", "x:a", {"predicate": "serves"})][:2]
    ['serves', 'type']
    """
    name = data["predicate"]
    p = _PREDICATE_IRIS[name]
    yield s, p, o
    asrt = str(assertion_iri(article, s, name, o))
    if provenance:
        yield from statement_triples(asrt, s, p, o, article, data)
    if name == "donatedTo":
        yield from donation_triples(asrt, s, o, article, decimal_lexical(data.get("amount_yuan")))
    if name == "memberOf" and data.get("role"):
        yield from membership_triples(asrt, s, o, article, str(role_iri(data["role"])))


def article_edges(G: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """Every edge as (subject IRI, object IRI, data), grouped by article IRI (sorted),
    each group in edge order (subject key, object key, edge key).

    >>> from kg.graph.model import new_graph
    >>> article_edges(new_graph())
    {}
    """
    iris = {node: str(entity_iri(d["type"], d["name"])) for node, d in G.nodes(data=True)}
    refs: dict[str, str] = {}
    groups: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for subject, obj, _key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        article_id = data["article"]
        article = refs.get(article_id)
        if article is None:
            article = refs[article_id] = article_ref(G, article_id)
        groups.setdefault(article, []).append((iris[subject], iris[obj], data))
    return {iri: groups[iri] for iri in sorted(groups)}
