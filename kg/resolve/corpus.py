"""Resolve article entities to corpus-wide entities: one node per real thing.

Two article entities of the same type are one entity when any of their
surface forms are the same name (after quote and width normalisation), the
same name up to a standard abbreviation (某经开区 = 某经济技术开发区), or a
short place name inside a longer one with a filler word (某某社区 =
某某家园社区) *and* no recorded parent place says otherwise. Distinct places
that merely share a prefix (某一社区, 某二社区) stay apart.

>>> from kg.document import Article, ArticleEntity, Page
>>> a1 = Article(page="p", index=0, title="t", entities=[ArticleEntity("银杏家园社区", "Community")])
>>> a2 = Article(page="q", index=0, title="t", entities=[ArticleEntity("银杏社区", "Community")])
>>> res = resolve([Page(path="p.txt", stem="p", articles=[a1]), Page(path="q.txt", stem="q", articles=[a2])])
>>> [(e.name, sorted(e.aliases)) for e in res.entities.values()]
[('银杏家园社区', ['银杏社区'])]
>>> res.key_of("q#0", "银杏社区")
'Community/银杏家园社区'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.document import Entity, Page
from kg.extract import entities as _entities
from kg.extract.entities import abbreviated, same_entity
from kg.extract.gazetteer import Gazetteer, load
from kg.graph.model import entity_key
from kg.vocab import canonical_key


@dataclass
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)
    # (article id, article-level entity name) → entity key
    index: dict[tuple[str, str], str] = field(default_factory=dict)

    def key_of(self, article_id: str, name: str) -> str | None:
        return self.index.get((article_id, name))


def _name_keys(g: Gazetteer):
    """``name → canonical_key(abbreviated(name))``, computed once per distinct
    name (a corpus names the same things over and over).

    >>> key = _name_keys(load()); key("银杏经济技术开发区") == key("银杏经开区")
    True
    """
    keys: dict[str, str] = {}

    def key(name: str) -> str:
        k = keys.get(name)
        if k is None:
            k = keys[name] = canonical_key(abbreviated(name, g))
        return k

    return key


def _parents(pages: list[Page], name_key) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(type, name) → (type, normalised name) of the places it is stated to be in."""
    parents: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for page in pages:
        for art in page.articles:
            types = {e.name: e.type for e in art.entities}
            for r in art.relations:
                if r.predicate == "locatedIn" and r.subject in types and r.object in types:
                    parent = (types[r.object], name_key(r.object))
                    parents.setdefault((types[r.subject], r.subject), set()).add(parent)
    return parents


def _conflicting(pa: set[tuple[str, str]], pb: set[tuple[str, str]]) -> bool:
    """Two stated parents of the same level that differ: two different places."""
    levels = {t for t, _ in pa} & {t for t, _ in pb}
    return any({n for t, n in pa if t == level}.isdisjoint({n for t, n in pb if t == level})
               for level in levels)


# Words that may stand between a place's short and long name; must match the
# fillers :func:`kg.extract.entities.same_entity` accepts.
_FILLERS = _entities._FILLERS


def blocking_keys(name: str, type_name: str, g: Gazetteer) -> set[tuple[str, str]]:
    """Keys under which :func:`same_entity` could match ``name`` with another name.

    Two names can only be the same entity when they share a key, so merging
    compares names within a key instead of every pair of a type (quadratic
    at 100,000 articles). Each rule of ``same_entity`` gives one kind of key:
    the canonical name, the standard abbreviation, (stem, place suffix) for
    short and long place forms, and the name without a head noun for
    initiatives. ``tests/scale/test_resolve_blocking.py`` checks that no
    pair ``same_entity`` accepts is missed.

    >>> keys = blocking_keys("银杏家园社区", "Community", load())
    >>> keys & blocking_keys("银杏社区", "Community", load()) != set()
    True
    """
    key = canonical_key(name)
    expanded = canonical_key(abbreviated(name, g))
    keys = {("=", key), ("=", expanded)}
    if type_name in ("Community", "Neighborhood", "Subdistrict"):
        suffix = _entities._place_suffix(expanded, g)
        if suffix:  # as the short form: stem + suffix
            keys.add(("place", expanded[: -len(suffix)] + "\0" + suffix))
        for sfx in g.place_suffixes:  # as the long form: stem + filler + suffix
            if expanded.endswith(sfx):
                for filler in _FILLERS:
                    if expanded.endswith(filler + sfx):
                        keys.add(("place", expanded[: -len(filler + sfx)] + "\0" + sfx))
    if type_name == "Initiative":
        for head in g.initiative_heads:
            if key.endswith(head):
                keys.add(("=", key[: -len(head)]))
    return keys


def candidate_pairs(names: list[str], type_name: str, g: Gazetteer) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that share a blocking key, in the
    order a double loop over ``names`` would visit them.

    >>> candidate_pairs(["银杏社区", "枫林社区", "银杏家园社区"], "Community", load())
    [(0, 2)]
    """
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, name in enumerate(names):
        for k in blocking_keys(name, type_name, g):
            by_key.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                pairs.add((i, j))
    return sorted(pairs)


def resolve(pages: list[Page]) -> Resolution:
    """Cluster every kept article's entities across the corpus (deterministic)."""
    g = load()
    name_key = _name_keys(g)
    parents = _parents(pages, name_key)
    res = Resolution()
    # Exact-name buckets first (cheap), then merge buckets that are the same entity.
    buckets: dict[tuple[str, str], dict] = {}
    for page in pages:
        for art in page.articles:
            if art.status != "kept":
                continue
            art_id = art.id
            for ent in art.entities:
                bucket_key = (ent.type, name_key(ent.name))
                b = buckets.get(bucket_key)
                if b is None:
                    b = buckets[bucket_key] = {
                        "type": ent.type, "names": set(), "aliases": set(), "alt_types": set(),
                        "articles": set(), "members": [], "code": None}
                b["names"].add(ent.name)
                b["aliases"].update(ent.aliases)
                b["alt_types"].update(ent.alt_types)
                b["articles"].add(art_id)
                b["members"].append((art_id, ent.name))
                b["code"] = b["code"] or ent.code
    keys = sorted(buckets)
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_type: dict[str, list[tuple[str, str]]] = {}
    for k in keys:
        by_type.setdefault(k[0], []).append(k)
    for type_name, group in by_type.items():
        if type_name not in ("Community", "Neighborhood", "Subdistrict", "Initiative", "District",
                             "Organization"):
            continue
        first = [min(buckets[k]["names"]) for k in group]
        for i, j in candidate_pairs(first, type_name, g):
            a, b = group[i], group[j]
            na, nb = first[i], first[j]
            if not same_entity(na, nb, type_name, g):
                continue
            pa = set().union(*(parents.get((type_name, n), set()) for n in buckets[a]["names"]))
            pb = set().union(*(parents.get((type_name, n), set()) for n in buckets[b]["names"]))
            if _conflicting(pa, pb) and canonical_key(na) != canonical_key(nb):
                continue  # same short name under different parents: different places
            parent[find(b)] = find(a)
    clusters: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for k in keys:
        clusters.setdefault(find(k), []).append(k)
    for root, members in sorted(clusters.items()):
        names = set().union(*(buckets[m]["names"] for m in members))
        name = max(names, key=lambda n: (len(n), n)) if root[0] not in ("Initiative", "Group", "Person") \
            else min(names, key=lambda n: (len(n), n))
        type_name = root[0]
        ekey = entity_key(type_name, name)
        entity = Entity(key=ekey, type=type_name, name=name)
        for m in members:
            b = buckets[m]
            entity.aliases |= (b["names"] | b["aliases"])
            entity.alt_types |= b["alt_types"]
            entity.articles |= b["articles"]
            entity.code = entity.code or b["code"]
            for art_id, ent_name in b["members"]:
                res.index[(art_id, ent_name)] = ekey
        entity.aliases = {a for a in entity.aliases if canonical_key(a) != canonical_key(name)}
        entity.alt_types.discard(type_name)
        res.entities[ekey] = entity
    return res
