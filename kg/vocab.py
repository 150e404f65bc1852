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
import re
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
                  _AGENTS, ("Initiative", "Organization"), None,  # see INVERSE_ALIGNMENTS
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
    return _QUOTES_AND_SPACES.sub("", unicodedata.normalize("NFKC", text))


_QUOTES = set("\"'“”‘’「」『』《》〈〉")
# One regex pass instead of a per-character loop (re's \s is exactly str.isspace).
_QUOTES_AND_SPACES = re.compile("[" + re.escape("".join(sorted(_QUOTES))) + r"\s]")


def _segment(text: str) -> str:
    """Percent-encode a name for an IRI path segment; hash very long names."""
    text = unicodedata.normalize("NFKC", text)
    # Lone surrogates and control characters cannot be encoded in an IRI.
    text = text.encode("utf-8", "replace").decode("utf-8")
    if not text.isprintable():  # only then can there be a category C character
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


# ---------------------------------------------------------------------------
# Terms of the RDF exports, the ontology and the SHACL shapes (kg.export).
# Added for kg.export.rdf / ontology / shapes; everything above is unchanged.
# ---------------------------------------------------------------------------

from rdflib.namespace import SH  # noqa: E402  (kept with the terms that use it)

ONTOLOGY_VERSION = "0.1.0"
#: The ontology document and its versioned IRI.
ONTOLOGY = URIRef(BASE + "vocab")
ONTOLOGY_VERSION_IRI = URIRef(f"{BASE}vocab/{ONTOLOGY_VERSION}")
#: Named SHACL shapes live here so the shapes graph has no anonymous roots.
SHAPES = Namespace(BASE + "shapes#")

#: The class of a reified relation (one relation asserted by one article).
ASSERTION = KG.Assertion
#: A reprinted article points at the earlier identical one.
DUPLICATE_OF = KG.duplicateOf
#: The page file an article was read from.
SOURCE_FILE = KG.sourceFile

# External classes and properties the exports use (schema.org, W3C ORG, PROV-O).
NEWS_ARTICLE = SCHEMA.NewsArticle
HEADLINE = SCHEMA.headline
ALT_HEADLINE = SCHEMA.alternativeHeadline
AUTHOR = SCHEMA.author
POSITION = SCHEMA.position
MENTIONS = SCHEMA.mentions
DONATE_ACTION = SCHEMA.DonateAction
AGENT = SCHEMA.agent
RECIPIENT = SCHEMA.recipient
AMOUNT = SCHEMA.amount
MONETARY_AMOUNT = SCHEMA.MonetaryAmount
VALUE = SCHEMA.value
CURRENCY = SCHEMA.currency
CURRENCY_CODE = "CNY"
MEMBERSHIP = ORG.Membership
ORG_MEMBER = ORG.member
ORG_ORGANIZATION = ORG.organization
ORG_ROLE = ORG.role
ROLE_CLASS = ORG.Role
WAS_DERIVED_FROM = PROV.wasDerivedFrom


@dataclass(frozen=True)
class Property:
    """A property that is not one of the eight relations: on entities, assertions or articles.

    ``range`` is an XSD datatype for data properties, a class for object properties.
    """

    name: str
    label_zh: str
    label_en: str
    comment: str
    object: bool
    domain: tuple[URIRef, ...]
    range: URIRef
    superproperty: URIRef | None = None
    inverse_of: URIRef | None = None

    @property
    def iri(self) -> URIRef:
        return KG[self.name]


#: Properties other than the eight relations, keyed by local name.
PROPERTIES: dict[str, Property] = {
    p.name: p
    for p in [
        Property("amountYuan", "金额(元)", "amount (yuan)",
                 "Amount of money given, in yuan (CNY), as printed in the article.",
                 False, (ASSERTION,), XSD.decimal),
        Property("role", "职务", "role",
                 "The post or role a member holds, as printed (e.g. a secretary or grid worker).",
                 False, (ASSERTION,), RDF.langString),
        Property("evidence", "依据句", "evidence",
                 "The sentence of the article that states the relation.",
                 False, (ASSERTION,), RDF.langString),
        Property("sentenceIndex", "句序号", "sentence index",
                 "0-based index of the evidence sentence in the article (sentence 0 is the headline).",
                 False, (ASSERTION,), XSD.nonNegativeInteger),
        Property("divisionCode", "区划代码", "division code",
                 "Official administrative-division code of a place.",
                 False, tuple(KG[n] for n in _PLACES), XSD.string, SCHEMA.identifier),
        Property("sourceFile", "来源文件", "source file",
                 "Name of the page file the article was read from.",
                 False, (NEWS_ARTICLE,), XSD.string),
        Property("mentionedIn", "见于", "mentioned in",
                 "The entity is named in the article.",
                 True, tuple(KG[n] for n in TYPES), NEWS_ARTICLE, None, MENTIONS),
        Property("duplicateOf", "重复于", "duplicate of",
                 "The article is a reprint of an earlier identical article.",
                 True, (NEWS_ARTICLE,), NEWS_ARTICLE, PROV.alternateOf),
    ]
}

#: Extra alignments of the nine classes, beyond ``EntityType.superclass``:
#: (type name, relation, external term). The relation is rdfs:subClassOf where
#: every member really is one; skos:relatedMatch where the match is looser
#: (a township acts as its government when it organizes something).
CLASS_ALIGNMENTS: tuple[tuple[str, URIRef, URIRef], ...] = tuple(
    [(n, RDFS.subClassOf, SCHEMA.Place) for n in _PLACES]
    + [(n, RDFS.subClassOf, PROV.Location) for n in _PLACES]
    + [(n, SKOS.relatedMatch, SCHEMA.GovernmentOrganization)
       for n in ("City", "District", "Subdistrict", "Community")]
    + [
        ("Organization", RDFS.subClassOf, ORG.Organization),
        ("Organization", RDFS.subClassOf, PROV.Organization),
        ("Person", RDFS.subClassOf, PROV.Person),
        ("Initiative", SKOS.relatedMatch, SCHEMA.Event),
        ("Initiative", RDFS.subClassOf, PROV.Entity),
    ]
)

#: Relations whose schema.org counterpart points the other way: kg:organized
#: runs agent → initiative, schema:organizer runs event → agent. The ontology
#: states ``rdfs:subPropertyOf [ owl:inverseOf schema:organizer ]`` for these
#: instead of ``Predicate.superproperty``, which stays None for them so that
#: nothing can read it as a direct (wrong-way) alignment.
INVERSE_ALIGNMENTS: dict[str, URIRef] = {"organized": SCHEMA.organizer}

#: Looser pointers from relations to the n-ary forms the exports also write.
PREDICATE_SEE_ALSO: tuple[tuple[str, URIRef], ...] = (
    ("donatedTo", DONATE_ACTION),
    ("memberOf", MEMBERSHIP),
    ("memberOf", ORG_ROLE),
)


def role_iri(role: str) -> URIRef:
    """The IRI of a role (an ``org:Role``) named by its printed text.

    >>> str(role_iri("书记"))
    'https://w3id.org/civic-kg/id/role/%E4%B9%A6%E8%AE%B0'
    """
    return ID[f"role/{_segment(canonical_key(role))}"]


def part_iri(assertion: URIRef, part: str) -> URIRef:
    """A stable IRI for a node that belongs to one assertion (its donation, membership, amount).

    >>> str(part_iri(URIRef("https://x/a/1/assertion/ab"), "donation"))
    'https://x/a/1/assertion/ab/donation'
    """
    return URIRef(f"{assertion}/{part}")


__all__ += [
    "SH",
    "ONTOLOGY_VERSION",
    "ONTOLOGY",
    "ONTOLOGY_VERSION_IRI",
    "SHAPES",
    "ASSERTION",
    "DUPLICATE_OF",
    "SOURCE_FILE",
    "AMOUNT_YUAN",
    "ROLE",
    "EVIDENCE",
    "SENTENCE_INDEX",
    "DIVISION_CODE",
    "MENTIONED_IN",
    "Property",
    "PROPERTIES",
    "CLASS_ALIGNMENTS",
    "INVERSE_ALIGNMENTS",
    "PREDICATE_SEE_ALSO",
    "role_iri",
    "part_iri",
    "NEWS_ARTICLE", "HEADLINE", "ALT_HEADLINE", "AUTHOR", "POSITION", "MENTIONS",
    "DONATE_ACTION", "AGENT", "RECIPIENT", "AMOUNT", "MONETARY_AMOUNT", "VALUE",
    "CURRENCY", "CURRENCY_CODE", "MEMBERSHIP", "ORG_MEMBER", "ORG_ORGANIZATION",
    "ORG_ROLE", "ROLE_CLASS", "WAS_DERIVED_FROM",
]
