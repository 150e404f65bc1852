"""Turtle, TriG and JSON-LD written straight from the plain triples of :mod:`kg.export.triples`.

The bytes are those of the rdflib reference in :mod:`kg.export.rdf` (rdflib
7's Turtle layout: subjects by how often they are referenced, then by IRI;
``a`` and ``rdfs:label`` first, then predicates and objects sorted; JSON-LD
flattened with sorted nodes, keys and values), but no rdflib graph of the
data is built: each output needs only triples grouped per subject.

The work is split the way a per-page cache would want it: :func:`article_part`
renders everything that belongs to one article (its TriG named graph, and its
statement, donation, money and membership nodes in Turtle and JSON-LD) from
that article's edges and the IRIs of their entities alone. What depends on
the whole corpus — entity, article, author and role nodes, and the order of
subjects in the merged Turtle file — is assembled around those parts.

>>> from kg.graph.model import new_graph, add_entity, add_assertion, add_article
>>> G = new_graph(); add_article(G, "p#0", page="p", index=0, title="银杏社区新闻")
>>> a = add_entity(G, "Community", "银杏社区", article="p#0")
>>> b = add_entity(G, "Subdistrict", "枫林街道", article="p#0")
>>> _ = add_assertion(G, a, "locatedIn", b, article="p#0", sentence=0, evidence="枫林街道银杏社区")
>>> ttl, trig, jsonld = rdf_texts(G)
>>> ttl.splitlines()[0], trig.count(" {")
('@prefix kg: <https://w3id.org/civic-kg/vocab#> .', 1)
"""

from __future__ import annotations

import heapq
import tempfile
from collections import Counter
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from json.encoder import encode_basestring as _json_str  # what json.dumps(ensure_ascii=False) uses
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
from rdflib import Literal, URIRef

from kg.export.io import open_atomic
from kg.export.triples import (
    Description,
    ArticleRefs,
    Lit,
    Props,
    Term,
    article_edges,
    article_nodes,
    edge_nodes,
    entity_node,
    node_iris,
    role_node,
)
from kg.vocab import ARTICLE, ID, PREFIXES, RDF, RDFS, XSD

__all__ = ["Unsupported", "Names", "ArticlePart", "article_part", "quote", "group", "merge_props",
           "count_refs", "turtle_block", "jsonld_node", "default_subjects", "rdf_texts",
           "write_rdf_streaming"]

_TYPE, _LABEL, _CLASS = str(RDF.type), str(RDFS.label), str(RDFS.Class)
_XSD_STRING = str(XSD.string)
# Characters rdflib refuses in an IRI it writes (rdflib.term._is_valid_uri).
_BAD_IRI = re.compile(r'[<>" {}|\\^`]')
# Bound namespaces that no other bound namespace extends: an IRI under one of
# them with a "/" or "#" after it can have no prefixed name (see Names.iri).
_LEAF_NAMESPACES = tuple(
    str(ns) for ns in (ID, ARTICLE)
    if not any(str(other) != str(ns) and str(other).startswith(str(ns)) for other in PREFIXES.values())
)


class Unsupported(Exception):
    """The data needs something only rdflib's writer does (a generated prefix, a class node)."""


def quote(text: str) -> str:
    """A Turtle string literal exactly as rdflib 7 quotes it (``Literal._quote_encode``).

    >>> print(quote('a "b"'), quote("x\\ny"), quote("c\\\\"))
    "a \\"b\\"" \"\"\"x
    y\"\"\" "c\\\\"
    """
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % text.replace("\n", "\\n").replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


class Names:
    """Turtle labels of IRIs and literals and JSON-LD keys, memoised, with the
    prefixes the labels use collected in ``used``.

    Prefixed names come from rdflib's own lookup (through the serializer of
    :mod:`kg.export.rdf`) for vocabulary terms; entity, article and statement
    IRIs can never have one and are written ``<...>`` without asking. A label
    is computed once per distinct term, so ``used`` ends up holding the
    prefixes of every term written, which is what rdflib's writer declares.

    >>> n = Names()
    >>> n.iri(str(RDFS.label)), n.verb(_TYPE), n.iri("https://w3id.org/civic-kg/id/person/x"), sorted(n.used)
    ('rdfs:label', 'a', '<https://w3id.org/civic-kg/id/person/x>', ['rdfs'])
    """

    def __init__(self) -> None:
        from kg.export.rdf import _MemoTurtleSerializer, _new_graph

        self._ser = _MemoTurtleSerializer(_new_graph(), {})
        self._ser.reset()
        self.used: set[str] = set()
        self.labels: dict[str, str] = {}
        self.verbs: dict[str, str] = {}
        self._typed: dict[Lit, tuple[str, str, str]] = {}
        self._keys: dict[str, str] = {}
        self._plans: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self._jsonld_plans: dict[tuple[str, ...], list[tuple[str | None, str]]] = {}

    def _pname(self, iri: str, gen_prefix: bool) -> str | None:
        """The prefixed name rdflib's Turtle writer gives ``iri``, or None."""
        for ns in _LEAF_NAMESPACES:
            if iri.startswith(ns) and ("/" in iri[len(ns):] or "#" in iri[len(ns):]):
                # rdflib splits after the last "/" or "#", past ``ns``; no bound
                # namespace is that long, so the lookup fails (or would generate one).
                if gen_prefix:
                    raise Unsupported(f"a prefix would be generated for {iri}")
                return None
        name = self._ser.get_pname(URIRef(iri), gen_prefix)
        if self._ser.generated_prefix:
            raise Unsupported(f"a prefix would be generated for {iri}")
        if name is not None:
            self.used.add(name.split(":", 1)[0])
        return name

    def iri(self, iri: str) -> str:
        """An IRI in subject or object position."""
        got = self.labels.get(iri)
        if got is None:
            if _BAD_IRI.search(iri):
                raise Unsupported(f"not a valid IRI: {iri!r}")
            got = self.labels[iri] = self._pname(iri, False) or f"<{iri}>"
        return got

    def verb(self, iri: str) -> str:
        """An IRI in predicate position: ``a`` for rdf:type."""
        got = self.verbs.get(iri)
        if got is None:
            if iri == _TYPE:
                got = "a"
            else:
                if _BAD_IRI.search(iri):
                    raise Unsupported(f"not a valid IRI: {iri!r}")
                got = self._pname(iri, True) or f"<{iri}>"
            self.verbs[iri] = got
        return got

    def typed(self, lit: Lit) -> tuple[str, str, str]:
        """A literal with a datatype: (Turtle label, N-Triples form, lexical form).

        Few distinct ones occur (positions, sentence numbers, amounts), so
        rdflib itself renders each once: its lexical normalisation and plain
        numeric forms stay exactly its own.
        """
        got = self._typed.get(lit)
        if got is None:
            term = Literal(lit.lex, lang=lit.lang, datatype=URIRef(lit.datatype))
            pname = self._pname(lit.datatype, False)
            label = term._literal_n3(use_plain=True, qname_callback=lambda _dt: pname)
            got = self._typed[lit] = (label, term.n3(), str(term))
        return got

    def literal(self, lit: Lit) -> str:
        """A literal's Turtle label.

        >>> Names().literal(Lit("银杏", "zh")), Names().literal(Lit("7.0", None, str(XSD.decimal)))
        ('"银杏"@zh', '7.0')
        """
        if isinstance(lit, str):
            raise TypeError(f"IRIs are plain str, not {type(lit).__name__}")
        if lit.datatype is None:
            return quote(lit.lex) + "@" + lit.lang if lit.lang else quote(lit.lex)
        return self.typed(lit)[0]

    def n3(self, lit: Lit) -> str:
        """``Literal.n3()`` (what the JSON-LD writer sorts values by)."""
        if lit.datatype is None:
            return quote(lit.lex) + "@" + lit.lang if lit.lang else quote(lit.lex)
        return self.typed(lit)[1]

    def lexical(self, lit: Lit) -> str:
        """``str(Literal)``: the (normalised) lexical form."""
        return lit.lex if lit.datatype is None else self.typed(lit)[2]

    def key(self, iri: str) -> str:
        """A property IRI as a JSON-LD key, ``prefix:local`` when a project prefix covers it."""
        got = self._keys.get(iri)
        if got is None:
            from kg.export.rdf import _compact

            got = self._keys[iri] = _compact(URIRef(iri))
        return got

    def plan(self, props: Props) -> list[tuple[str, str]]:
        """(predicate, text before its objects) in Turtle order — rdf:type and
        rdfs:label first, then the other predicates sorted — memoised per key set.

        >>> Names().plan({_LABEL: [], _TYPE: []})
        [('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', ' a '), ('http://www.w3.org/2000/01/rdf-schema#label', ' ;\\n    rdfs:label ')]
        """
        keys = tuple(props)
        got = self._plans.get(keys)
        if got is None:
            order = [p for p in (_TYPE, _LABEL) if p in props]
            order += sorted(p for p in props if p not in order)
            got = [(p, (" " if i == 0 else " ;\n    ") + self.verb(p) + " ") for i, p in enumerate(order)]
            self._plans[keys] = got
        return got

    def jsonld_plan(self, props: Props) -> list[tuple[str | None, str]]:
        """(predicate, text before its values) in JSON-LD key order; None stands for ``@id``."""
        keys = tuple(props)
        got = self._jsonld_plans.get(keys)
        if got is None:
            named = sorted([("@id", None)] + [("@type" if p == _TYPE else self.key(p), p) for p in props],
                           key=lambda kp: kp[0])
            got = self._jsonld_plans[keys] = [(p, f"   {_json_str(k)}: ") for k, p in named]
        return got


def _rdflib_term(term: Term) -> URIRef | Literal:
    if isinstance(term, str):
        return URIRef(term)
    return Literal(term.lex, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)


def _turtle_order(objects: list[Term]) -> list[Term]:
    """Objects of one subject and predicate in rdflib's order (``Node.__lt__``).

    IRIs sort as strings, literals of one language as their text; any other
    mix is sorted by rdflib itself.

    >>> _turtle_order([Lit("乙", "zh"), Lit("甲", "zh")])[0].lex, _turtle_order(["b", "a"])
    ('乙', ['a', 'b'])
    """
    first = objects[0]
    if isinstance(first, str):
        if all(isinstance(o, str) for o in objects):
            return sorted(objects)
    elif first.datatype is None and all(isinstance(o, Lit) and o.datatype is None and o.lang == first.lang
                                        for o in objects):
        return sorted(objects, key=lambda o: o.lex)
    pairs = sorted((_rdflib_term(o), i) for i, o in enumerate(objects))
    return [objects[i] for _, i in pairs]


# ---------------------------------------------------------------- subjects


def group(descriptions: Iterable[Description], into: dict[str, Props] | None = None) -> dict[str, Props]:
    """Subject descriptions merged per subject, without repeated objects (a graph is a set).

    >>> group([("s", {"p": ["o"]}), ("s", {"p": ["o", "x"], "q": [Lit("y")]})])
    {'s': {'p': ['o', 'x'], 'q': [Lit(lex='y', lang=None, datatype=None)]}}
    """
    subjects: dict[str, Props] = {} if into is None else into
    for s, props in descriptions:
        have = subjects.get(s)
        if have is None:
            subjects[s] = props
        else:
            subjects[s] = merge_props(have, props)
    return subjects


def merge_props(*many: Props | None) -> Props:
    """The union of several predicate → objects maps of one subject (a new map).

    >>> merge_props({"p": ["a"]}, None, {"p": ["a", "b"], "q": ["c"]})
    {'p': ['a', 'b'], 'q': ['c']}
    """
    out: Props = {}
    for props in many:
        for p, objects in (props or {}).items():
            have = out.get(p)
            if have is None:
                out[p] = list(objects)
            else:
                have.extend(o for o in objects if o not in have)
    return out


def count_refs(subjects: Iterable[Props], refs: Counter | None = None) -> Counter:
    """How many triples have each IRI as object (rdflib's ``references``).

    >>> count_refs([{"p": ["o", Lit("x")], "q": ["o"]}])
    Counter({'o': 2})
    """
    refs = Counter() if refs is None else refs
    refs.update([o for props in subjects for objects in props.values() for o in objects if o.__class__ is str])
    return refs


def turtle_block(subject: str, props: Props, names: Names) -> str:
    """One subject's statements in Turtle, ending in `` .`` (rdflib's layout).

    >>> turtle_block("https://w3id.org/civic-kg/id/x/y", {_LABEL: [Lit("乙", "zh"), Lit("甲", "zh")]}, Names())
    '<https://w3id.org/civic-kg/id/x/y> rdfs:label "乙"@zh,\\n        "甲"@zh .'
    """
    if _TYPE in props and _CLASS in props[_TYPE]:
        raise Unsupported("rdfs:Class subjects are written first by rdflib")
    labels = names.labels
    literal = names.literal
    out = [labels.get(subject) or names.iri(subject)]
    for p, head in names.plan(props):
        out.append(head)
        objects = props[p]
        if len(objects) == 1:
            o = objects[0]
            out.append((labels.get(o) or names.iri(o)) if o.__class__ is str else literal(o))
        else:
            out.append(",\n        ".join([(labels.get(o) or names.iri(o)) if o.__class__ is str else literal(o)
                                           for o in _turtle_order(objects)]))
    out.append(" .")
    return "".join(out)


def _jsonld_value(term: Term, names: Names) -> str:
    """One value as JSON text inside a node (see rdf._jsonld_value)."""
    if term.__class__ is str:
        return '    {\n     "@id": ' + _json_str(term) + "\n    }"
    if isinstance(term, str):
        raise TypeError(f"IRIs are plain str, not {type(term).__name__}")
    if term.lang:
        return ('    {\n     "@language": ' + _json_str(term.lang) + ',\n     "@value": '
                + _json_str(term.lex) + "\n    }")
    if term.datatype is not None and term.datatype != _XSD_STRING:
        return ('    {\n     "@type": ' + _json_str(term.datatype) + ',\n     "@value": '
                + _json_str(names.lexical(term)) + "\n    }")
    return '    {\n     "@value": ' + _json_str(term.lex) + "\n    }"


def _jsonld_sort_key(term: Term, names: Names) -> tuple[str, str]:
    """rdf.jsonld_document's value order: (type name, n3())."""
    if isinstance(term, str):
        return "URIRef", f"<{term}>"
    return "Literal", names.n3(term)


def jsonld_node(subject: str, props: Props, names: Names) -> str:
    """One subject as a flattened JSON-LD node, as ``json.dumps(indent=1, sort_keys=True)``
    writes it inside ``@graph``.

    >>> print(jsonld_node("x:s", {_TYPE: ["x:T"]}, Names()))
      {
       "@id": "x:s",
       "@type": [
        "x:T"
       ]
      }
    """
    out = []
    for p, head in names.jsonld_plan(props):
        if p is None:
            out.append(head + _json_str(subject))
            continue
        objects = props[p]
        if len(objects) > 1:
            objects = sorted(objects, key=lambda o: _jsonld_sort_key(o, names))
        if p == _TYPE:
            values = ",\n".join(["    " + _json_str(o if isinstance(o, str) else names.lexical(o)) for o in objects])
        elif len(objects) == 1:
            values = _jsonld_value(objects[0], names)
        else:
            values = ",\n".join([_jsonld_value(o, names) for o in objects])
        out.append(head + "[\n" + values + "\n   ]")
    return "  {\n" + ",\n".join(out) + "\n  }"


# ---------------------------------------------------------------- one article


@dataclass
class ArticlePart:
    """Everything one article's edges contribute, rendered.

    ``trig`` is its named graph (``<article> { ... }``); ``nodes`` are its own
    subjects (statement, donation, money and membership nodes) as
    (IRI, references, Turtle block, JSON-LD node), sorted by IRI; ``refs``
    counts the references those nodes make to other subjects (entities,
    roles, the article); ``direct`` holds the entity → relation statements
    and ``roles`` the role names of its memberships.
    """

    iri: str
    trig: str
    nodes: list[tuple[str, int, str, str]]
    refs: Counter
    direct: dict[str, Props]
    roles: set[str]


def article_part(article: str, edges: list[tuple[str, str, dict[str, Any]]], names: Names) -> ArticlePart:
    """Render the named graph and own nodes of one article from its edges
    (subject IRI, object IRI, edge data): a pure function of its arguments
    (``names`` only memoises).

    >>> part = article_part("https://w3id.org/civic-kg/article/p/0", [], Names())
    >>> part.trig, part.nodes
    ('', [])
    """
    subjects = group(chain.from_iterable(edge_nodes(s, o, article, data) for s, o, data in edges))
    entities = {s for s, _o, _d in edges}
    local = count_refs(subjects.values())
    blocks = {s: turtle_block(s, props, names) for s, props in subjects.items()}
    trig = ""
    if subjects:
        if _BAD_IRI.search(article):
            raise Unsupported(f"not a valid IRI: {article!r}")
        ordered = sorted(subjects, key=lambda s: (local.get(s, 0), s))
        trig = f"<{article}> {{\n" + "\n\n".join([blocks[s] for s in ordered]) + "\n}\n"
    own = sorted(s for s in subjects if s not in entities)
    # What the own nodes reference: everything but the direct entity → entity triples.
    refs = local - count_refs(subjects[s] for s in entities if s in subjects)
    nodes = [(s, local.get(s, 0), blocks[s], jsonld_node(s, subjects[s], names)) for s in own]
    roles = {data["role"] for _s, _o, data in edges if data["predicate"] == "memberOf" and data.get("role")}
    direct = {s: subjects[s] for s in entities if s in subjects}
    return ArticlePart(article, trig, nodes, refs, direct, roles)


# ---------------------------------------------------------------- the corpus


def default_subjects(G: nx.MultiDiGraph, roles: Iterable[str], iris: dict[str, str] | None = None,
                     refs: dict[str, str] | None = None) -> dict[str, Props]:
    """Entity, article, author and role nodes (TriG's default graph), grouped per subject.

    ``iris`` and ``refs``: node and article IRIs already computed, if any.
    """
    articles = G.graph.get("articles", {})
    iris = node_iris(G) if iris is None else iris
    refs = ArticleRefs(G) if refs is None else refs
    subjects: dict[str, Props] = {}
    group((entity_node(iris[node], data, [refs[a] for a in data.get("articles") or ()])
           for node, data in sorted(G.nodes(data=True))), subjects)
    for article_id in sorted(articles):
        meta = articles[article_id]
        duplicate = refs[str(meta["duplicate_of"])] if meta.get("duplicate_of") else None
        group(article_nodes(refs[article_id], meta, duplicate), subjects)
    group(map(role_node, sorted(roles)), subjects)
    return subjects


class _Out:
    """Text written through a buffer to a binary file, encoded in big pieces."""

    def __init__(self, handle: BinaryIO, errors: str = "strict", size: int = 1 << 20):
        self.handle, self.errors, self.size = handle, errors, size
        self.buffer: list[str] = []
        self.length = 0

    def write(self, text: str) -> None:
        self.buffer.append(text)
        self.length += len(text)
        if self.length >= self.size:
            self.flush()

    def write_bytes(self, data: bytes) -> None:
        """Bytes already encoded (from a spool), after the text written so far."""
        self.flush()
        self.handle.write(data)

    def flush(self) -> None:
        if self.buffer:
            self.handle.write("".join(self.buffer).encode("utf-8", self.errors))
            self.buffer, self.length = [], 0


class Spool:
    """Records (IRI, encoded text) appended in IRI order, kept in a temporary
    file once past a few megabytes, read back in the same order.

    The per-article text of a big corpus does not fit in memory comfortably;
    a spool keeps it on disk until the file it belongs in is written.

    >>> s = Spool("strict"); s.add("a", "甲"); s.add("b", "乙\\n")
    >>> [(k, t.decode()) for k, t in s]
    [('a', '甲'), ('b', '乙\\n')]
    >>> s.add("a", "x")
    Traceback (most recent call last):
    ...
    kg.export.rdfstream.Unsupported: records out of IRI order: a after b
    """

    def __init__(self, errors: str, memory: int = 1 << 23):
        self.errors = errors
        self.file = tempfile.SpooledTemporaryFile(max_size=memory)
        self.last: str | None = None

    def add(self, key: str, text: str) -> None:
        if self.last is not None and not self.last < key:
            raise Unsupported(f"records out of IRI order: {key} after {self.last}")
        self.last = key
        k, t = key.encode("utf-8", "surrogatepass"), text.encode("utf-8", self.errors)
        self.file.write(b"%d %d\n" % (len(k), len(t)) + k + t)

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        self.file.seek(0)
        read, readline = self.file.read, self.file.readline
        while head := readline():
            k, t = map(int, head.split())
            yield read(k).decode("utf-8", "surrogatepass"), read(t)

    def close(self) -> None:
        self.file.close()


def _merge(spooled: Iterable[tuple[str, bytes]], keys: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """Spooled records and other keys (both sorted) as one sorted stream; the
    other keys come with None (their text is made when written).

    >>> list(_merge([("b", b"B")], ["a", "c"]))
    [('a', None), ('b', b'B'), ('c', None)]
    """
    return heapq.merge(spooled, ((k, None) for k in keys), key=lambda r: r[0])


def write_rdf_streaming(G: nx.MultiDiGraph, turtle: Any, trig: Any, jsonld: Any) -> None:
    """Write graph.ttl, graph.trig and graph.jsonld (paths, or binary files for tests).

    Each article's part is rendered once and goes straight into spools (its
    TriG graph, its own nodes' Turtle per reference count and their JSON-LD);
    what stays in memory is per entity, not per triple: the default graph's
    subjects, the entity → relation statements and reference counts.
    Raises :class:`Unsupported` when the data needs rdflib's writer (a path
    is then left as it was); the caller then uses that.
    """
    names = Names()
    iris, refs = node_iris(G), ArticleRefs(G)
    edges_by_article = article_edges(G, iris, refs)
    roles = {data["role"] for edges in edges_by_article.values() for _s, _o, data in edges
             if data["predicate"] == "memberOf" and data.get("role")}
    default = default_subjects(G, roles, iris, refs)
    direct: dict[str, Props] = {}
    references: Counter = Counter()
    named = tempfile.SpooledTemporaryFile(max_size=1 << 23)
    buckets: dict[int, Spool] = {}
    own_jsonld = Spool("strict")
    try:
        for article, edges in edges_by_article.items():
            part = article_part(article, edges, names)
            if part.trig:  # graphs are separated by a blank line
                named.write(("\n" if named.tell() else "").encode() + part.trig.encode("utf-8", "replace"))
            for iri, n, block, node in part.nodes:
                if n not in buckets:
                    buckets[n] = Spool("replace")
                buckets[n].add(iri, "\n" + block + "\n")
                own_jsonld.add(iri, ",\n" + node)
            for s, props in part.direct.items():
                direct[s] = merge_props(direct[s], props) if s in direct else props
            references.update(part.refs)
        default_refs = count_refs(default.values())
        count_refs(direct.values(), references)
        references.update(default_refs)

        def merged(s: str) -> Props:
            return merge_props(default.get(s), direct.get(s)) if s in direct else default[s]

        # TriG's default graph first: its labels complete the prefixes used.
        ordered = sorted(default, key=lambda s: (default_refs.get(s, 0), s))
        default_body = "\n\n".join([turtle_block(s, default[s], names) for s in ordered])
        prefixes = sorted((p, str(PREFIXES[p])) for p in names.used)
        small = sorted(set(default) | set(direct))
        with _open(turtle) as handle:
            out = _Out(handle, "replace")
            out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes))
            by_count: dict[int, list[str]] = {}
            for s in small:
                by_count.setdefault(references.get(s, 0), []).append(s)
            for n in sorted(set(by_count) | set(buckets)):
                for s, data in _merge(buckets.get(n, ()), by_count.get(n, ())):
                    if data is None:
                        out.write("\n" + turtle_block(s, merged(s), names) + "\n")
                    else:
                        out.write_bytes(data)
            out.write("\n")
            out.flush()
        with _open(trig) as handle:
            out = _Out(handle, "replace")
            head = "\n".join(sorted(f"@prefix {p}: <{ns}> ." for p, ns in prefixes))
            out.write(head + "\n\n" if head else "")
            if ordered:
                out.write(default_body + "\n")
            del default_body
            named.seek(0)
            first = True
            for chunk in iter(lambda: named.read(1 << 20), b""):
                if first and ordered:
                    out.write("\n")  # graphs are separated by a blank line
                first = False
                out.write_bytes(chunk)
            if first and not ordered:
                out.write("\n")
            out.flush()
        with _open(jsonld) as handle:
            out = _Out(handle)
            context = ",\n".join(f"  {_json_str(p)}: {_json_str(str(ns))}" for p, ns in sorted(PREFIXES.items()))
            out.write('{\n "@context": {\n' + context + '\n },\n "@graph": [')
            sep = "\n"
            for s, data in _merge(own_jsonld, small):
                if data is None:
                    out.write(sep + jsonld_node(s, merged(s), names))
                else:
                    out.write_bytes(data if sep == ",\n" else data[1:])
                sep = ",\n"
            out.write("\n ]\n}\n" if sep != "\n" else "]\n}\n")
            out.flush()
    finally:
        named.close()
        own_jsonld.close()
        for spool in buckets.values():
            spool.close()


class _open:
    """An output: a path written atomically, or an already open binary file."""

    def __init__(self, target: Any):
        self.target = target
        self.ctx = None

    def __enter__(self):
        if isinstance(self.target, (str, Path)):
            self.ctx = open_atomic(self.target)
            return self.ctx.__enter__()
        return self.target

    def __exit__(self, *exc):
        if self.ctx is not None:
            return self.ctx.__exit__(*exc)
        return False


def rdf_texts(G: nx.MultiDiGraph) -> tuple[str, str, str]:
    """The three files as text (for tests and small graphs)."""
    import io

    bufs = [io.BytesIO(), io.BytesIO(), io.BytesIO()]
    write_rdf_streaming(G, *bufs)
    return tuple(b.getvalue().decode("utf-8") for b in bufs)

