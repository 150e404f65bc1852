"""The civic-kg vocabulary: the only module that names IRIs.

Every other stage imports its terms from here (the way rdflib's
``namespace`` modules define terms): entity types, predicates, their labels
in Chinese and English, the colours and shapes used by the HTML view, and the
function that turns an entity into its stable IRI.

>>> TYPES["Subdistrict"].label_zh
'街道/镇/乡'
>>> PREDICATES["donatedTo"].iri
rdflib.term.URIRef('https://w3id.org/civic-kg/vocab#donatedTo')
>>> str(entity_iri("Community", "潼泾一社区"))
'https://w3id.org/civic-kg/id/community/%E6%BD%BC%E6%B3%BE%E4%B8%80%E7%A4%BE%E5%8C%BA'
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "BASE",
    "KG",
    "ID",
    "ARTICLE",
    "SCHEMA",
    "ORG",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "OWL",
    "XSD",
    "DCTERMS",
    "EntityType",
    "Predicate",
    "TYPES",
    "PREDICATES",
    "PLACE_TYPES",
    "entity_iri",
    "article_iri",
    "assertion_iri",
    "canonical_key",
    "PREFIXES",
]

BASE = "https://w3id.org/civic-kg/"
KG = Namespace(BASE + "vocab#")
ID = Namespace(BASE + "id/")
ARTICLE = Namespace(BASE + "article/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

#: Prefixes bound in every serialisation and SPARQL query.
PREFIXES = {
    "kg": KG,
    "kgid": ID,
    "kgart": ARTICLE,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": DCTERMS,
}


@dataclass(frozen=True)
class EntityType:
    """One of the nine entity classes of the gold schema."""

    name: str
    label_zh: str
    label_en: str
    comment: str
    superclass: URIRef
    colour: str
    shape: str
    is_place: bool = False

    @property
    def iri(self) -> URIRef:
        return KG[self.name]


@dataclass(frozen=True)
class Predicate:
    """One of the eight relation predicates of the gold schema."""

    name: str
    label_zh: str
    label_en: str
    comment: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    superproperty: URIRef | None
    symmetric: bool = False
    colour: str = "#888888"

    @property
    def iri(self) -> URIRef:
        return KG[self.name]


_PLACES = ("City", "District", "Subdistrict", "Community", "Neighborhood")
_AGENTS = ("Organization", "Person", "Subdistrict", "District", "City", "Community")

TYPES: dict[str, EntityType] = {
    t.name: t
    for t in [
        EntityType("City", "市", "City", "A prefecture-level city (地级市).",
                   SCHEMA.City, "#d62728", "diamond", True),
        EntityType("District", "区/县/开发区", "District",
                   "A county-level district, county-level city or functional zone "
                   "(开发区, 高新区, 园区, 度假区).",
                   SCHEMA.AdministrativeArea, "#ff7f0e", "diamond", True),
        EntityType("Subdistrict", "街道/镇/乡", "Subdistrict",
                   "A township-level division: 街道, 镇 or 乡.",
                   SCHEMA.AdministrativeArea, "#bcbd22", "triangle", True),
        EntityType("Community", "社区/村", "Community",
                   "A residents' or villagers' committee area (社区, 村).",
                   SCHEMA.AdministrativeArea, "#2ca02c", "triangle", True),
        EntityType("Neighborhood", "小区/片区", "Neighborhood",
                   "A residential compound or named site below community level.",
                   SCHEMA.Place, "#17becf", "square", True),
        EntityType("Organization", "组织", "Organization",
                   "A government body, party organization, social organization, company, "
                   "school, hospital, media outlet, or named team or club.",
                   SCHEMA.Organization, "#1f77b4", "dot"),
        EntityType("Person", "人物", "Person", "A named individual.",
                   SCHEMA.Person, "#9467bd", "dot"),
        EntityType("Group", "群体", "Group", "A target population that initiatives serve.",
                   SCHEMA.Audience, "#8c564b", "star"),
        EntityType("Initiative", "项目/品牌/活动", "Initiative",
                   "A named program, project, platform, brand, campaign, event series, fund "
                   "or facility set up as civic work.",
                   SCHEMA.Project, "#e377c2", "box"),
    ]
}

PLACE_TYPES = frozenset(t.name for t in TYPES.values() if t.is_place)

PREDICATES: dict[str, Predicate] = {
    p.name: p
    for p in [
        Predicate("locatedIn", "位于", "located in",
                  "The subject is inside the object place.",
                  tuple(TYPES), _PLACES + ("Organization",), SCHEMA.containedInPlace,
                  colour="#7f7f7f"),
        Predicate("organized", "组织开展", "organized",
                  "The subject runs, launches or holds the initiative.",
                  _AGENTS, ("Initiative", "Organization"), SCHEMA.organizer,
                  colour="#1f77b4"),
        Predicate("operatedBy", "运营方", "operated by",
                  "The initiative is run by the organization on its owner's behalf.",
                  ("Initiative",), ("Organization",), None, colour="#17becf"),
        Predicate("donatedTo", "捐赠给", "donated to",
                  "The subject gave money or goods to the object; see kg:amountYuan.",
                  _AGENTS + ("Initiative",), tuple(TYPES), None, colour="#d62728"),
        Predicate("partneredWith", "联合", "partnered with",
                  "Two organizations worked together (symmetric).",
                  _AGENTS + ("Initiative",), _AGENTS + ("Initiative",), None,
                  symmetric=True, colour="#2ca02c"),
        Predicate("memberOf", "成员", "member of",
                  "A person belongs to an organization or community; see kg:role.",
                  ("Person", "Organization", "Group"), ("Organization", "Community", "Initiative"),
                  ORG.memberOf, colour="#9467bd"),
        Predicate("participatedIn", "参与", "participated in",
                  "The subject took part in the initiative, not as its organizer.",
                  _AGENTS + ("Initiative",), ("Initiative",), None, colour="#ff7f0e"),
        Predicate("serves", "服务", "serves",
                  "The initiative or organization is meant for the group.",
                  ("Initiative", "Organization") + _PLACES, ("Group",), SCHEMA.audience,
                  colour="#8c564b"),
    ]
}

# Data properties on relations and entities.
AMOUNT_YUAN = KG.amountYuan
ROLE = KG.role
EVIDENCE = KG.evidence
SENTENCE_INDEX = KG.sentenceIndex
DIVISION_CODE = KG.divisionCode
MENTIONED_IN = KG.mentionedIn


def canonical_key(text: str) -> str:
    """Normalise a surface form for comparison: NFKC, no quotation marks, no spaces.

    >>> canonical_key("“关爱之家”")
    '关爱之家'
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in _QUOTES and not ch.isspace())


_QUOTES = set("\"'“”‘’「」『』《》〈〉")


def _segment(text: str) -> str:
    """Percent-encode a name for an IRI path segment; hash very long names."""
    text = unicodedata.normalize("NFKC", text)
    # Lone surrogates and control characters cannot be encoded in an IRI.
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    if len(text) > 80:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        text = text[:40] + "-" + digest
    return quote(text, safe="")


def entity_iri(type_name: str, name: str) -> URIRef:
    """The stable IRI of an entity: a function of its type and canonical name only.

    The name is normalised with :func:`canonical_key` and percent-encoded, so
    ``“关爱之家”`` and ``关爱之家`` of the same type share one IRI in every build.

    >>> entity_iri("Person", "张帆") == entity_iri("Person", "“张帆”")
    True
    """
    return ID[f"{type_name.lower()}/{_segment(canonical_key(name))}"]


def article_iri(page_stem: str, index: int) -> URIRef:
    """The IRI of the ``index``-th article (0-based) of a page file."""
    return ARTICLE[f"{_segment(page_stem)}/{index}"]


def assertion_iri(article: URIRef, subject: URIRef, predicate: str, obj: URIRef) -> URIRef:
    """A stable IRI for one relation asserted in one article."""
    digest = hashlib.sha1(f"{article}|{subject}|{predicate}|{obj}".encode()).hexdigest()[:16]
    return URIRef(f"{article}/assertion/{digest}")
