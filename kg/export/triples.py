"""The triples of the RDF exports as plain Python values: one definition for every writer.

An IRI is a ``str``; a literal is a :class:`Lit` (lexical form, language,
datatype IRI). Each function describes whole subjects — (IRI, predicate →
objects) — which is the grouping every writer needs anyway. No rdflib term is built here, so the streaming writers of
:mod:`kg.export.rdfstream` cost no more than string work, and the rdflib
reference of :mod:`kg.export.rdf` converts the same tuples to rdflib terms.

Each entity becomes ``entity_iri(type, name)`` with labels and the articles
it is mentioned in; each edge becomes a direct triple plus a ``kg:Assertion``
statement node (subject, predicate, object, evidence sentence, article).
Donations are also written as ``schema:DonateAction`` and memberships with a
role as ``org:Membership``. Every node IRI is derived from content, never a
blank node, so the same graph gives the same triples in every run.

>>> t = list(triples_of([statement_node("x:a", "x:s", "x:p", "x:o", "x:art", {"evidence": "句子"})]))
>>> t[-1]
('x:a', 'https://w3id.org/civic-kg/vocab#evidence', Lit(lex='句子', lang='zh', datatype=None))
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
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
    "Lit", "Term", "Triple", "Props", "Description", "clean_text", "zh", "decimal_lexical",
    "article_ref", "node_iri", "entity_node", "article_nodes", "statement_node", "donation_nodes",
    "membership_node", "role_node", "edge_nodes", "triples_of", "node_iris", "ArticleRefs",
    "article_edges",
]


class Lit(NamedTuple):
    """A literal: lexical form, language tag or None, datatype IRI or None."""

    lex: str
    lang: str | None = None
    datatype: str | None = None


Term = str | Lit
Triple = tuple[str, str, Term]
#: Predicate → objects (no repeats) of one subject.
Props = dict[str, list[Term]]
#: One subject and what the export says about it.
Description = tuple[str, Props]

# Plain str copies of the vocabulary terms used per triple (URIRef is a str subclass;
# plain str keeps hashing and comparison on the fast C path).
_TYPE, _LABEL, _PREF, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel)
_DERIVED, _MENTIONED = str(WAS_DERIVED_FROM), str(MENTIONED_IN)
_INTEGER, _NON_NEG, _DECIMAL = str(XSD.integer), str(XSD.nonNegativeInteger), str(XSD.decimal)
_TYPE_IRIS = {name: str(t.iri) for name, t in TYPES.items()}
_CODE, _NEWS, _HEADLINE, _ALT_HEADLINE = str(DIVISION_CODE), str(NEWS_ARTICLE), str(HEADLINE), str(ALT_HEADLINE)
_AUTHOR, _SOURCE, _POSITION, _DUPLICATE = str(AUTHOR), str(SOURCE_FILE), str(POSITION), str(DUPLICATE_OF)
_ASSERTION, _EVIDENCE, _SENTENCE = str(ASSERTION), str(EVIDENCE), str(SENTENCE_INDEX)
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_AMOUNT_YUAN, _ROLE = str(AMOUNT_YUAN), str(ROLE)
_DONATE, _AGENT, _RECIPIENT, _AMOUNT = str(DONATE_ACTION), str(AGENT), str(RECIPIENT), str(AMOUNT)
_MONEY, _VALUE, _CURRENCY, _CNY = str(MONETARY_AMOUNT), str(VALUE), str(CURRENCY), Lit(CURRENCY_CODE)
_MEMBERSHIP, _ORG_MEMBER, _ORG_ORGANIZATION = str(MEMBERSHIP), str(ORG_MEMBER), str(ORG_ORGANIZATION)
_ORG_ROLE, _ROLE_CLASS = str(ORG_ROLE), str(ROLE_CLASS)
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


def _unique(items: Iterable[Term]) -> list[Term]:
    """Items without repeats, first occurrence kept (a graph holds each triple once).

    >>> _unique(["b", "a", "b"])
    ['b', 'a']
    """
    return list(dict.fromkeys(items))


def entity_node(iri: str, data: dict[str, Any], article_iris: list[str]) -> Description:
    """Type, labels, division code and mentions of one entity node.

    ``article_iris`` are the IRIs of ``data["articles"]``, in the same order.

    >>> [p.rsplit("#")[-1] for p in entity_node("x:e", {"type": "Person", "name": "李小明"}, [])[1]]
    ['type', 'label', 'prefLabel']
    """
    name = zh(data["name"])
    props: Props = {_TYPE: [_TYPE_IRIS[data["type"]]], _LABEL: [name], _PREF: [name]}
    aliases = [label for label in map(zh, data.get("aliases") or ()) if label.lex != name.lex]
    if aliases:
        props[_ALT] = _unique(aliases)
    if data.get("code"):
        props[_CODE] = [Lit(clean_text(str(data["code"])))]
    if article_iris:
        refs = _unique(article_iris)
        props[_MENTIONED] = refs
        props[_DERIVED] = list(refs)
    return iri, props


def article_nodes(iri: str, meta: dict[str, Any], duplicate_of: str | None) -> list[Description]:
    """One article as a schema:NewsArticle with headline, authors, source and
    position, and its authors as persons. ``duplicate_of`` is the IRI of the
    article it reprints, or None.

    >>> [len(props) for _iri, props in article_nodes("x:a", {"title": "题", "index": 0, "bylines": ["李"]}, None)]
    [4, 2]
    """
    props: Props = {_TYPE: [_NEWS]}
    authors: list[Description] = []
    if meta.get("title"):
        props[_HEADLINE] = [zh(meta["title"])]
    if meta.get("alt_titles"):
        props[_ALT_HEADLINE] = _unique(map(zh, meta["alt_titles"]))
    if meta.get("bylines"):
        people = [(str(entity_iri("Person", b)), zh(b)) for b in meta["bylines"]]
        props[_AUTHOR] = _unique(person for person, _ in people)
        authors = [(person, {_TYPE: [_TYPE_IRIS["Person"]], _LABEL: [label]}) for person, label in people]
    if meta.get("source"):
        props[_SOURCE] = [Lit(clean_text(str(meta["source"])))]
    if meta.get("index") is not None:
        props[_POSITION] = [Lit(str(int(meta["index"])), None, _INTEGER)]
    if duplicate_of is not None:
        props[_DUPLICATE] = [duplicate_of]
    return [(iri, props)] + authors


def statement_node(asrt: str, s: str, p: str, o: str, article: str, data: dict[str, Any]) -> Description:
    """The kg:Assertion node of one edge: what was said, where, and the sentence.

    >>> statement_node("x:a", "x:s", "x:p", "x:o", "x:art", {"sentence": 2})[1][_SENTENCE]
    [Lit(lex='2', lang=None, datatype='http://www.w3.org/2001/XMLSchema#nonNegativeInteger')]
    """
    props: Props = {_TYPE: [_ASSERTION], _RDF_SUBJECT: [s], _RDF_PREDICATE: [p], _RDF_OBJECT: [o],
                    _DERIVED: [article]}
    if data.get("evidence"):
        props[_EVIDENCE] = [zh(data["evidence"])]
    sentence = data.get("sentence")
    if isinstance(sentence, int) and sentence >= 0:
        props[_SENTENCE] = [Lit(str(int(sentence)), None, _NON_NEG)]
    amount = decimal_lexical(data.get("amount_yuan"))
    if amount is not None:
        props[_AMOUNT_YUAN] = [Lit(amount, None, _DECIMAL)]
    if data.get("role"):
        props[_ROLE] = [zh(data["role"])]
    return asrt, props


def donation_nodes(asrt: str, s: str, o: str, article: str, amount: str | None) -> list[Description]:
    """A donatedTo edge as a schema:DonateAction with a MonetaryAmount in CNY.

    >>> [iri for iri, _props in donation_nodes("x:a", "x:s", "x:o", "x:art", "5.0")]
    ['x:a/donation', 'x:a/amount']
    """
    action: Props = {_TYPE: [_DONATE], _AGENT: [s], _RECIPIENT: [o], _DERIVED: [article]}
    if amount is None:
        return [(f"{asrt}/donation", action)]
    money = f"{asrt}/amount"
    action[_AMOUNT] = [money]
    return [(f"{asrt}/donation", action),
            (money, {_TYPE: [_MONEY], _VALUE: [Lit(amount, None, _DECIMAL)], _CURRENCY: [_CNY]})]


def membership_node(asrt: str, s: str, o: str, article: str, role: str) -> Description:
    """A memberOf edge with a role (its IRI) as an org:Membership."""
    return f"{asrt}/membership", {_TYPE: [_MEMBERSHIP], _ORG_MEMBER: [s], _ORG_ORGANIZATION: [o],
                                  _ORG_ROLE: [role], _DERIVED: [article]}


def role_node(role: str) -> Description:
    """A role as an org:Role concept with its printed name.

    >>> len(role_node("书记")[1])
    3
    """
    return str(role_iri(role)), {_TYPE: [_ROLE_CLASS], _LABEL: [zh(role)], _PREF: [zh(role)]}


def edge_nodes(s: str, o: str, article: str, data: dict[str, Any], *,
               provenance: bool = True) -> list[Description]:
    """What one edge puts in its article's named graph: the direct triple (as
    a description of ``s``), its statement node (unless ``provenance`` is
    False), donation and membership nodes.

    A function of the edge and the IRIs of its two entities and article only.

    >>> [iri for iri, _ in edge_nodes("x:s", "x:o", "x:a", {"predicate": "serves"})][0]
    'x:s'
    """
    name = data["predicate"]
    p = _PREDICATE_IRIS[name]
    out: list[Description] = [(s, {p: [o]})]
    asrt = str(assertion_iri(article, s, name, o))
    if provenance:
        out.append(statement_node(asrt, s, p, o, article, data))
    if name == "donatedTo":
        out.extend(donation_nodes(asrt, s, o, article, decimal_lexical(data.get("amount_yuan"))))
    if name == "memberOf" and data.get("role"):
        out.append(membership_node(asrt, s, o, article, str(role_iri(data["role"]))))
    return out


def triples_of(descriptions: Iterable[Description]) -> Iterator[Triple]:
    """The triples of subject descriptions.

    >>> list(triples_of([("x:s", {"x:p": ["x:o", "x:q"]})]))
    [('x:s', 'x:p', 'x:o'), ('x:s', 'x:p', 'x:q')]
    """
    for s, props in descriptions:
        for p, objects in props.items():
            for o in objects:
                yield s, p, o


def node_iris(G: nx.MultiDiGraph) -> dict[str, str]:
    """The IRI of every entity node, computed once per export.

    >>> from kg.graph.model import new_graph, add_entity
    >>> G = new_graph(); k = add_entity(G, "Person", "李小明")
    >>> node_iris(G)[k] == node_iri(G, k)
    True
    """
    return {node: str(entity_iri(d["type"], d["name"])) for node, d in G.nodes(data=True)}


class ArticleRefs(dict):
    """Article id → IRI (:func:`article_ref`), computed once per id.

    >>> from kg.graph.model import new_graph
    >>> ArticleRefs(new_graph())["p#1"]
    'https://w3id.org/civic-kg/article/p/1'
    """

    def __init__(self, G: nx.MultiDiGraph):
        super().__init__()
        self.G = G

    def __missing__(self, article_id: str) -> str:
        iri = self[article_id] = article_ref(self.G, article_id)
        return iri


def article_edges(G: nx.MultiDiGraph, iris: dict[str, str] | None = None,
                  refs: dict[str, str] | None = None) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """Every edge as (subject IRI, object IRI, data), grouped by article IRI (sorted),
    each group in edge order (subject key, object key, edge key). ``iris``
    and ``refs`` may pass node IRIs and article IRIs already computed.

    >>> from kg.graph.model import new_graph
    >>> article_edges(new_graph())
    {}
    """
    iris = node_iris(G) if iris is None else iris
    refs = ArticleRefs(G) if refs is None else refs
    groups: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for subject, obj, _key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        groups.setdefault(refs[data["article"]], []).append((iris[subject], iris[obj], data))
    return {iri: groups[iri] for iri in sorted(groups)}
