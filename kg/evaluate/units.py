"""What is counted once per file: entity units, relation units, and a one-to-one matcher.

The schema scores *per source file*, while both gold and predictions list
entities per article. So the entity lines of one file are merged into
**units**: two lines are one unit when they share a name or alias (compared
with :func:`~kg.evaluate.annotations.match_key`) and a type. For gold the
type set is ``type`` plus ``alt_types``; for predictions it is ``type`` only,
because the schema judges "its type", not a list of candidates.

Relations are likewise counted once per file: an end is resolved to the unit
of its own article's entity with that name or alias, so ``银杏书屋
locatedIn 银杏社区`` written in two articles is one relation.

>>> from kg.evaluate.annotations import EntityRecord
>>> units, _ = build_entity_units([EntityRecord(0, "银杏社区", "Community", ("银杏",)),
...                                EntityRecord(1, "银杏", "Community")], gold=True)
>>> [(u.name, sorted(u.keys)) for u in units]
[('银杏社区', ['银杏', '银杏社区'])]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.evaluate.annotations import EntityRecord, RelationRecord, match_key

__all__ = [
    "EntityUnit",
    "RelationUnit",
    "build_entity_units",
    "build_relation_units",
    "max_matching",
]

SYMMETRIC_PREDICATES = frozenset({"partneredWith"})


@dataclass(frozen=True)
class EntityUnit:
    """One entity of one file, after merging its article-level lines.

    ``name``/``type`` are those of its first line in page order (used for
    reporting); ``names`` are the keys of the names it was written under,
    ``keys`` add the aliases; ``types`` are the types that count as correct.
    """

    id: int
    name: str
    type: str
    names: frozenset[str]
    keys: frozenset[str]
    types: frozenset[str]


@dataclass(frozen=True)
class RelationUnit:
    """One relation of one file; an end is a set of name keys it may match on."""

    identity: tuple
    p: str
    s_name: str
    o_name: str
    s_keys: frozenset[str]
    o_keys: frozenset[str]


def _record_types(record: EntityRecord, gold: bool) -> frozenset[str]:
    """Types a line counts under: gold adds its ``alt_types``, a prediction does not.

    >>> r = EntityRecord(0, "银杏书屋", "Initiative", (), ("Organization",))
    >>> sorted(_record_types(r, gold=True)), sorted(_record_types(r, gold=False))
    (['Initiative', 'Organization'], ['Initiative'])
    """
    return frozenset((record.type, *record.alt_types)) if gold else frozenset((record.type,))


def _record_keys(record: EntityRecord) -> frozenset[str]:
    """Match keys of a line's name and aliases (empty keys dropped).

    >>> sorted(_record_keys(EntityRecord(0, "“银杏”书屋", "Initiative", ("书屋", "“”"))))
    ['书屋', '银杏书屋']
    """
    return frozenset(k for k in map(match_key, (record.name, *record.aliases)) if k)


def _union_find_groups(n: int, joined: Callable[[int, int], bool], candidates: list[list[int]]) -> list[int]:
    """Group label (smallest member index) of each of ``n`` items.

    ``candidates`` lists buckets of items that may be joined; ``joined``
    decides for a pair.

    >>> _union_find_groups(4, lambda i, j: True, [[0, 2], [2, 3]])
    [0, 1, 0, 0]
    """
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for bucket in candidates:
        for a_pos, a in enumerate(bucket):
            for b in bucket[a_pos + 1:]:
                if joined(a, b):
                    ra, rb = find(a), find(b)
                    # The smaller index wins so the label is the first line in page order.
                    parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


def build_entity_units(records: Sequence[EntityRecord], gold: bool) -> tuple[list[EntityUnit], list[int]]:
    """Merge a file's entity lines into units; also return each line's unit id.

    Lines join when they share a key and a type (see the module docstring).
    Units are numbered in order of their first line.

    >>> recs = [EntityRecord(0, "银杏", "Community"), EntityRecord(0, "银杏", "Organization")]
    >>> units, of_line = build_entity_units(recs, gold=False)
    >>> [(u.name, u.type) for u in units], of_line
    ([('银杏', 'Community'), ('银杏', 'Organization')], [0, 1])
    """
    keys = [_record_keys(r) for r in records]
    types = [_record_types(r, gold) for r in records]
    by_key: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in sorted(ks):
            by_key.setdefault(k, []).append(i)
    labels = _union_find_groups(len(records), lambda a, b: bool(types[a] & types[b]),
                                [by_key[k] for k in sorted(by_key)])
    unit_of_label: dict[int, int] = {}
    members: list[list[int]] = []
    for i, label in enumerate(labels):
        if label not in unit_of_label:
            unit_of_label[label] = len(members)
            members.append([])
        members[unit_of_label[label]].append(i)
    units = []
    for uid, lines in enumerate(members):
        first = records[lines[0]]
        units.append(EntityUnit(
            id=uid,
            name=first.name,
            type=first.type,
            names=frozenset(k for i in lines if (k := match_key(records[i].name))),
            keys=frozenset().union(*(keys[i] for i in lines)),
            types=frozenset().union(*(types[i] for i in lines)),
        ))
    return units, [unit_of_label[label] for label in labels]


def _end_resolver(records: Sequence[EntityRecord], unit_ids: Sequence[int]) -> Callable[[int, str], int | None]:
    """A function ``(article, name) -> unit id``: the article's own lines first, then the file's.

    The schema says relation ends name entities of the same article; the
    file-wide fallback only rescues slightly sloppy files.
    """
    in_article: dict[tuple[int, str], int] = {}
    in_file: dict[str, int] = {}
    for record, uid in zip(records, unit_ids):
        for k in sorted(_record_keys(record)):
            # First line wins, so ambiguous keys resolve the same way every run.
            in_article.setdefault((record.article, k), uid)
            in_file.setdefault(k, uid)

    def resolve(article: int, name: str) -> int | None:
        key = match_key(name)
        found = in_article.get((article, key))
        return found if found is not None else in_file.get(key)

    return resolve


def build_relation_units(
    relations: Sequence[RelationRecord],
    records: Sequence[EntityRecord],
    units: Sequence[EntityUnit],
    unit_ids: Sequence[int],
    gold: bool,
) -> list[RelationUnit]:
    """A file's relations, one unit per (subject unit, predicate, object unit).

    A gold end may be matched by any name or alias of its entity unit; a
    predicted end by the name written in the relation or the names (not
    aliases) of the extracted entity it resolves to, as the schema matches an
    extracted entity by "its name". An end with no
    entity line stands for itself. For ``partneredWith`` the two ends are
    ordered so ``A–B`` and ``B–A`` are one relation.
    """
    resolve = _end_resolver(records, unit_ids)
    merged: dict[tuple, dict] = {}
    for rel in relations:
        ends = []
        for name in (rel.s, rel.o):
            uid = resolve(rel.article, name)
            key = match_key(name)
            if uid is None:
                ends.append((("name", key), name, frozenset({key})))
            else:
                unit = units[uid]
                # A predicted end also matches through the names of the entity it
                # resolved to (not its aliases): the end *is* that extracted entity.
                ends.append((("unit", uid), unit.name if gold else name,
                             unit.keys if gold else unit.names | {key}))
        if rel.p in SYMMETRIC_PREDICATES:
            ends.sort(key=lambda end: end[0])
        (s_id, s_name, s_keys), (o_id, o_name, o_keys) = ends
        identity = (s_id, rel.p, o_id)
        if identity not in merged:
            merged[identity] = {"s_name": s_name, "o_name": o_name, "s_keys": set(), "o_keys": set()}
        merged[identity]["s_keys"] |= s_keys
        merged[identity]["o_keys"] |= o_keys
    return [
        RelationUnit(identity=identity, p=identity[1], s_name=m["s_name"], o_name=m["o_name"],
                     s_keys=frozenset(m["s_keys"]), o_keys=frozenset(m["o_keys"]))
        for identity, m in merged.items()
    ]


def max_matching(n_left: int, n_right: int, edges: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum one-to-one matching ``{left: right}`` (augmenting paths).

    Deterministic: left items are tried in order and each tries right items
    in order, so ties resolve toward earlier items.

    >>> max_matching(2, 2, lambda l, r: (l, r) in {(0, 0), (0, 1), (1, 0)})
    {0: 1, 1: 0}
    >>> max_matching(2, 1, lambda l, r: True)  # one gold item, two candidates: one match
    {0: 0}
    """
    adjacency = [[r for r in range(n_right) if edges(l, r)] for l in range(n_left)]
    right_owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in adjacency[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in right_owner or augment(right_owner[right], seen):
                right_owner[right] = left
                return True
        return False

    for left in range(n_left):
        augment(left, set())
    return dict(sorted((left, right) for right, left in right_owner.items()))
