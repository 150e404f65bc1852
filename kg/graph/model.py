"""The in-memory knowledge graph: a networkx MultiDiGraph with a fixed shape.

Nodes are corpus-wide entities, keyed ``"<Type>/<canonical name>"``:

========== ===============================================================
attribute  meaning
========== ===============================================================
type       one of :data:`kg.vocab.TYPES`
name       preferred (fullest) name
aliases    sorted list of other surface forms
alt_types  sorted list of other defensible types
articles   sorted list of article ids (``"<page stem>#<index>"``)
code       official administrative-division code, or ``None``
========== ===============================================================

Edges are assertions: one edge per (subject, predicate, object, article),
keyed ``"<predicate>|<article id>"`` so several relations between the same
pair, and the same relation from several articles, all survive. Edge
attributes: ``predicate``, ``article``, ``sentence`` (index in the article),
``evidence`` (the sentence text), ``amount_yuan`` and ``role`` (or ``None``).

``G.graph["articles"]`` maps article id → metadata dict: ``page``, ``index``,
``title``, ``alt_titles``, ``bylines``, ``source`` (file name),
``duplicate_of`` and ``status``.

>>> G = new_graph()
>>> a = add_entity(G, "Subdistrict", "沧浪街道", article="p#0")
>>> b = add_entity(G, "District", "姑苏区", article="p#0")
>>> add_assertion(G, a, "locatedIn", b, article="p#0", sentence=0, evidence="姑苏区沧浪街道")
'locatedIn|p#0'
>>> sorted(G.nodes)
['District/姑苏区', 'Subdistrict/沧浪街道']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.vocab import PREDICATES, TYPES, canonical_key


def entity_key(type_name: str, name: str) -> str:
    """The node id of an entity: its type and canonical name.

    >>> entity_key("Initiative", "“关爱之家”")
    'Initiative/关爱之家'
    """
    return f"{type_name}/{canonical_key(name)}"


def new_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph["articles"] = {}
    return G


def add_article(G: nx.MultiDiGraph, article_id: str, **meta: Any) -> None:
    """Record an article's metadata (page, index, title, bylines, source, ...)."""
    G.graph["articles"][article_id] = meta


def add_entity(
    G: nx.MultiDiGraph,
    type_name: str,
    name: str,
    *,
    aliases: list[str] | tuple[str, ...] = (),
    alt_types: list[str] | tuple[str, ...] = (),
    article: str | None = None,
    code: str | None = None,
) -> str:
    """Add (or enrich) an entity node and return its key."""
    if type_name not in TYPES:
        raise ValueError(f"unknown entity type {type_name!r}")
    key = entity_key(type_name, name)
    if key not in G:
        G.add_node(key, type=type_name, name=name, aliases=[], alt_types=[], articles=[], code=code)
    data = G.nodes[key]
    data["aliases"] = sorted(set(data["aliases"]) | {a for a in aliases if a != data["name"]})
    data["alt_types"] = sorted(set(data["alt_types"]) | set(alt_types) - {type_name})
    if article is not None:
        data["articles"] = sorted(set(data["articles"]) | {article})
    if code and not data.get("code"):
        data["code"] = code
    return key


def add_assertion(
    G: nx.MultiDiGraph,
    subject: str,
    predicate: str,
    obj: str,
    *,
    article: str,
    sentence: int = -1,
    evidence: str = "",
    amount_yuan: float | None = None,
    role: str | None = None,
) -> str:
    """Add one relation asserted by one article; returns the edge key."""
    if predicate not in PREDICATES:
        raise ValueError(f"unknown predicate {predicate!r}")
    for node in (subject, obj):
        if node not in G:
            raise KeyError(f"entity {node!r} is not in the graph")
    key = f"{predicate}|{article}"
    if G.has_edge(subject, obj, key):
        return key  # first evidence sentence wins: stable across runs
    G.add_edge(
        subject,
        obj,
        key=key,
        predicate=predicate,
        article=article,
        sentence=sentence,
        evidence=evidence,
        amount_yuan=amount_yuan,
        role=role,
    )
    return key


def sorted_edges(G: nx.MultiDiGraph):
    """Edges in a deterministic order: (subject, object, key, data)."""
    return sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
