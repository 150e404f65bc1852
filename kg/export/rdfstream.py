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
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from json.encoder import encode_basestring as _json_str  # what json.dumps(ensure_ascii=False) uses
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef

from kg.export.io import open_atomic
from kg.export.triples import (
    Lit,
    Term,
    Triple,
    article_edges,
    article_ref,
    article_triples,
    entity_triples,
    node_iri,
    role_triples,
)
from kg.vocab import ARTICLE, ID, PREFIXES, RDF, RDFS, XSD

__all__ = ["Unsupported", "Names", "ArticlePart", "article_part", "turtle_literal", "quote",
           "jsonld_node", "rdf_texts", "write_rdf_streaming"]

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
    """Turtle labels of IRIs and literals, with the prefixes they use, memoised.

    Prefixed names come from rdflib's own lookup (through the serializer of
    :mod:`kg.export.rdf`) for vocabulary terms; entity, article and statement
    IRIs can never have one and are written ``<...>`` without asking.

    >>> n = Names()
    >>> n.iri(str(RDFS.label)), n.verb(_TYPE), n.iri("https://w3id.org/civic-kg/id/person/x")
    (('rdfs:label', 'rdfs'), ('a', None), ('<https://w3id.org/civic-kg/id/person/x>', None))
    """

    def __init__(self) -> None:
        from kg.export.rdf import _MemoTurtleSerializer, _new_graph

        self._ser = _MemoTurtleSerializer(_new_graph(), {})
        self._ser.reset()
        self._iri: dict[str, tuple[str, str | None]] = {}
        self._verb: dict[str, tuple[str, str | None]] = {}
        self._typed: dict[Lit, tuple[str, str | None, str, str]] = {}
        self.compact_memo: dict[str, str] = {}

    def _pname(self, iri: str, gen_prefix: bool) -> tuple[str, str] | None:
        """(prefixed name, prefix) as rdflib's Turtle writer finds it, or None."""
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
        return None if name is None else (name, name.split(":", 1)[0])

    def iri(self, iri: str) -> tuple[str, str | None]:
        """An IRI in subject or object position: (label, prefix used or None)."""
        got = self._iri.get(iri)
        if got is None:
            if _BAD_IRI.search(iri):
                raise Unsupported(f"not a valid IRI: {iri!r}")
            pname = self._pname(iri, False)
            got = self._iri[iri] = (f"<{iri}>", None) if pname is None else pname
        return got

    def verb(self, iri: str) -> tuple[str, str | None]:
        """An IRI in predicate position: ``a`` for rdf:type."""
        got = self._verb.get(iri)
        if got is None:
            if iri == _TYPE:
                got = ("a", None)
            else:
                if _BAD_IRI.search(iri):
                    raise Unsupported(f"not a valid IRI: {iri!r}")
                pname = self._pname(iri, True)
                got = (f"<{iri}>", None) if pname is None else pname
            self._verb[iri] = got
        return got

    def typed(self, lit: Lit) -> tuple[str, str | None, str, str]:
        """A literal with a datatype: (Turtle label, prefix, N-Triples form, lexical form).

        Few distinct ones occur (positions, sentence numbers, amounts), so
        rdflib itself renders each once: its lexical normalisation and plain
        numeric forms stay exactly its own.
        """
        got = self._typed.get(lit)
        if got is None:
            term = Literal(lit.lex, lang=lit.lang, datatype=URIRef(lit.datatype))
            pname = self._pname(lit.datatype, False)
            label = term._literal_n3(use_plain=True, qname_callback=lambda _dt: pname and pname[0])
            got = self._typed[lit] = (label, pname and pname[1], term.n3(), str(term))
        return got

    def term(self, term: Term) -> tuple[str, str | None]:
        """Any object term: (Turtle label, prefix used or None)."""
        if isinstance(term, str):
            return self.iri(term)
        return turtle_literal(term, self)

    def compact(self, iri: str) -> str:
        """A property IRI as JSON-LD key ``prefix:local`` (see rdf._compact)."""
        got = self.compact_memo.get(iri)
        if got is None:
            from kg.export.rdf import _compact

            got = self.compact_memo[iri] = _compact(URIRef(iri))
        return got


def turtle_literal(lit: Lit, names: Names) -> tuple[str, str | None]:
    """A literal's Turtle label and the prefix it uses.

    >>> turtle_literal(Lit("银杏", "zh"), Names()), turtle_literal(Lit("7.0", None, str(XSD.decimal)), Names())
    (('"银杏"@zh', None), ('7.0', 'xsd'))
    """
    if lit.datatype is None:
        return (quote(lit.lex) + "@" + lit.lang if lit.lang else quote(lit.lex)), None
    label, prefix, _n3, _lex = names.typed(lit)
    return label, prefix


def _literal_n3(lit: Lit, names: Names) -> str:
    """``Literal.n3()`` (what the JSON-LD writer sorts values by)."""
    if lit.datatype is None:
        return quote(lit.lex) + "@" + lit.lang if lit.lang else quote(lit.lex)
    return names.typed(lit)[2]


def _rdflib_term(term: Term) -> URIRef | Literal:
    if isinstance(term, str):
        return URIRef(term)
    return Literal(term.lex, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)


def _turtle_order(objects: list[Term]) -> list[Term]:
    """Objects of one subject and predicate in rdflib's order (``Node.__lt__``).

    IRIs sort as strings, literals of one language as their text; any other
    mix is sorted by rdflib itself.
    """
    if len(objects) < 2:
        return objects
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


Props = dict[str, list[Term]]


def group(triples: Iterable[Triple], into: dict[str, Props] | None = None) -> dict[str, Props]:
    """Triples as subject → predicate → objects, without repeats (a graph is a set).

    >>> group([("s", "p", "o"), ("s", "p", "o"), ("s", "q", Lit("x"))])
    {'s': {'p': ['o'], 'q': [Lit(lex='x', lang=None, datatype=None)]}}
    """
    subjects: dict[str, Props] = {} if into is None else into
    for s, p, o in triples:
        props = subjects.get(s)
        if props is None:
            subjects[s] = {p: [o]}
            continue
        objects = props.get(p)
        if objects is None:
            props[p] = [o]
        elif o not in objects:
            objects.append(o)
    return subjects


def merge_props(*many: Props | None) -> Props:
    """The union of several predicate → objects maps of one subject.

    >>> merge_props({"p": ["a"]}, None, {"p": ["a", "b"], "q": ["c"]})
    {'p': ['a', 'b'], 'q': ['c']}
    """
    out: Props = {}
    for props in many:
        for p, objects in (props or {}).items():
            have = out.setdefault(p, [])
            have.extend(o for o in objects if o not in have)
    return out


def count_refs(subjects: dict[str, Props], refs: dict[str, int] | None = None) -> dict[str, int]:
    """How many triples have each IRI as object (rdflib's ``references``).

    >>> count_refs({"s": {"p": ["o", Lit("x")], "q": ["o"]}})
    {'o': 2}
    """
    refs = {} if refs is None else refs
    for props in subjects.values():
        for objects in props.values():
            for o in objects:
                if isinstance(o, str):
                    refs[o] = refs.get(o, 0) + 1
    return refs


_ORDER_MEMO: dict[tuple[str, ...], list[str]] = {}


def _predicate_order(props: Props) -> list[str]:
    """rdf:type and rdfs:label first, then the other predicates sorted (memoised per key set)."""
    key = tuple(props)
    order = _ORDER_MEMO.get(key)
    if order is None:
        order = [p for p in (_TYPE, _LABEL) if p in props]
        order += sorted(p for p in props if p not in order)
        _ORDER_MEMO[key] = order
    return order


def turtle_block(subject: str, props: Props, names: Names, used: set[str]) -> str:
    """One subject's statements in Turtle, ending in `` .``; prefixes used go into ``used``.

    >>> turtle_block("https://w3id.org/civic-kg/id/x/y", {_LABEL: [Lit("乙", "zh"), Lit("甲", "zh")]}, Names(), set())
    '<https://w3id.org/civic-kg/id/x/y> rdfs:label "乙"@zh,\\n        "甲"@zh .'
    """
    label, prefix = names.iri(subject)
    if prefix:
        used.add(prefix)
    out = [label]
    sep = " "
    for p in _predicate_order(props):
        if p == _TYPE and _CLASS in props[p]:
            raise Unsupported("rdfs:Class subjects are written first by rdflib")
        verb, prefix = names.verb(p)
        if prefix:
            used.add(prefix)
        out.append(sep)
        out.append(verb)
        sep = " ;\n    "
        first = True
        for o in _turtle_order(props[p]):
            text, prefix = names.term(o)
            if prefix:
                used.add(prefix)
            out.append(" " if first else ",\n        ")
            out.append(text)
            first = False
    out.append(" .")
    return "".join(out)


def _jsonld_value(term: Term, names: Names) -> tuple[tuple[str, str], str]:
    """(sort key, JSON text at depth 4) of one value (see rdf._jsonld_value)."""
    if isinstance(term, str):
        return ("URIRef", f"<{term}>"), '    {\n     "@id": ' + _json_str(term) + "\n    }"
    key = ("Literal", _literal_n3(term, names))
    if term.lang:
        return key, ('    {\n     "@language": ' + _json_str(term.lang) + ',\n     "@value": '
                     + _json_str(term.lex) + "\n    }")
    if term.datatype is not None and term.datatype != _XSD_STRING:
        lexical = names.typed(term)[3]
        return key, ('    {\n     "@type": ' + _json_str(term.datatype) + ',\n     "@value": '
                     + _json_str(lexical) + "\n    }")
    return key, '    {\n     "@value": ' + _json_str(term.lex) + "\n    }"


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
    entries = [("@id", _json_str(subject))]
    for p, objects in props.items():
        values = sorted((_jsonld_value(o, names) for o in objects), key=lambda v: v[0])
        if p == _TYPE:
            types = sorted(objects, key=lambda o: ("URIRef", f"<{o}>") if isinstance(o, str)
                           else ("Literal", _literal_n3(o, names)))
            texts = ["    " + _json_str(o if isinstance(o, str) else names_lexical(o, names)) for o in types]
            entries.append(("@type", "[\n" + ",\n".join(texts) + "\n   ]"))
        else:
            entries.append((names.compact(p), "[\n" + ",\n".join(v for _, v in values) + "\n   ]"))
    entries.sort(key=lambda e: e[0])
    return "  {\n" + ",\n".join(f"   {_json_str(k)}: {v}" for k, v in entries) + "\n  }"


def names_lexical(lit: Lit, names: Names) -> str:
    """``str(Literal)``: the (normalised) lexical form."""
    return lit.lex if lit.datatype is None else names.typed(lit)[3]


# ---------------------------------------------------------------- one article


@dataclass
class ArticlePart:
    """Everything one article's edges contribute, rendered.

    ``trig`` is its named graph (``<article> { ... }``); ``nodes`` are its own
    subjects (statement, donation, money and membership nodes) as
    (IRI, references, Turtle block, JSON-LD node), sorted by IRI; ``refs``
    counts the references those nodes make to other subjects (entities,
    roles, the article); ``direct`` holds the entity → relation triples and
    ``roles`` the role names of its memberships; ``prefixes`` those its
    Turtle uses.
    """

    iri: str
    trig: str
    nodes: list[tuple[str, int, str, str]]
    refs: dict[str, int]
    direct: dict[str, Props]
    roles: set[str]
    prefixes: set[str] = field(default_factory=set)


def article_part(article: str, edges: list[tuple[str, str, dict[str, Any]]], names: Names) -> ArticlePart:
    """Render the named graph and own nodes of one article from its edges
    (subject IRI, object IRI, edge data): a pure function of its arguments.

    >>> part = article_part("https://w3id.org/civic-kg/article/p/0", [], Names())
    >>> part.trig, part.nodes
    ('', [])
    """
    from kg.export.triples import edge_triples

    subjects = group(chain.from_iterable(edge_triples(s, o, article, data) for s, o, data in edges))
    entity_subjects = {s for s, _o, _d in edges}
    local = count_refs(subjects)
    used: set[str] = set()
    blocks = {s: turtle_block(s, props, names, used) for s, props in subjects.items()}
    ordered = sorted(subjects, key=lambda s: (local.get(s, 0), s))
    trig = ""
    if subjects:
        if _BAD_IRI.search(article):
            raise Unsupported(f"not a valid IRI: {article!r}")
        trig = f"<{article}> {{\n" + "\n\n".join(blocks[s] for s in ordered) + "\n}\n"
    own = sorted(s for s in subjects if s not in entity_subjects)
    refs: dict[str, int] = count_refs({s: subjects[s] for s in own})
    nodes = [(s, local.get(s, 0), blocks[s], jsonld_node(s, subjects[s], names)) for s in own]
    roles = {data["role"] for _s, _o, data in edges if data["predicate"] == "memberOf" and data.get("role")}
    direct = {s: subjects[s] for s in entity_subjects if s in subjects}
    return ArticlePart(article, trig, nodes, refs, direct, roles, used)


# ---------------------------------------------------------------- the corpus


def default_subjects(G: nx.MultiDiGraph, roles: Iterable[str]) -> dict[str, Props]:
    """Entity, article, author and role nodes (TriG's default graph), grouped per subject."""
    articles = G.graph.get("articles", {})
    refs: dict[str, str] = {}

    def ref(article_id: str) -> str:
        got = refs.get(article_id)
        if got is None:
            got = refs[article_id] = article_ref(G, article_id)
        return got

    subjects: dict[str, Props] = {}
    for node in sorted(G.nodes):
        data = G.nodes[node]
        group(entity_triples(node_iri(G, node), data, [ref(a) for a in data.get("articles") or ()]), subjects)
    for article_id in sorted(articles):
        meta = articles[article_id]
        duplicate = ref(str(meta["duplicate_of"])) if meta.get("duplicate_of") else None
        group(article_triples(ref(article_id), meta, duplicate), subjects)
    for role in sorted(roles):
        group(role_triples(role), subjects)
    return subjects


class _Out:
    """Text written through a buffer to a binary file, encoded in big pieces."""

    def __init__(self, handle, errors: str = "strict", size: int = 1 << 20):
        self.handle, self.errors, self.size = handle, errors, size
        self.buffer: list[str] = []
        self.length = 0

    def write(self, text: str) -> None:
        self.buffer.append(text)
        self.length += len(text)
        if self.length >= self.size:
            self.flush()

    def flush(self) -> None:
        self.handle.write("".join(self.buffer).encode("utf-8", self.errors))
        self.buffer, self.length = [], 0


def _prefix_lines(used: set[str]) -> list[tuple[str, str]]:
    """(prefix, namespace) of the prefixes used, sorted by prefix."""
    return sorted((p, str(PREFIXES[p])) for p in used)


def _check_order(items: list[tuple[str, ...]]) -> None:
    """The own nodes of all articles, taken article by article, must already be
    sorted by IRI (each lies under its article's IRI); refuse otherwise."""
    for a, b in zip(items, items[1:]):
        if not a[0] < b[0]:
            raise Unsupported("article nodes out of IRI order")


def write_rdf_streaming(G: nx.MultiDiGraph, turtle: Any, trig: Any, jsonld: Any) -> None:
    """Write graph.ttl, graph.trig and graph.jsonld (paths, or binary files for tests).

    Raises :class:`Unsupported` before writing anything when the data needs
    rdflib's writer; the caller then uses it.
    """
    names = Names()
    parts = [article_part(article, edges, names) for article, edges in article_edges(G).items()]
    roles = set().union(*(p.roles for p in parts))
    default = default_subjects(G, roles)
    direct: dict[str, Props] = {}
    for part in parts:
        for s, props in part.direct.items():
            direct[s] = merge_props(direct.get(s), props) if s in direct else props
    used: set[str] = set()
    default_refs = count_refs(default)
    trig_default = [turtle_block(s, default[s], names, used)
                    for s in sorted(default, key=lambda s: (default_refs.get(s, 0), s))]
    for part in parts:
        used |= part.prefixes
    merged_refs = count_refs(direct, dict(default_refs))
    for part in parts:
        for o, n in part.refs.items():
            merged_refs[o] = merged_refs.get(o, 0) + n
    own = [node for part in parts for node in part.nodes]
    _check_order(own)
    small = set(default) | set(direct)

    def merged(s: str) -> Props:
        return merge_props(default.get(s), direct.get(s)) if s in direct else default[s]

    prefixes = _prefix_lines(used)
    # Turtle: every subject by (references, IRI); own nodes are already sorted within a count.
    buckets: dict[int, list[tuple[int, str, str]]] = {}
    for iri, refs, block, _node in own:
        buckets.setdefault(refs, []).append((refs, iri, block))
    own_stream = chain.from_iterable(buckets[c] for c in sorted(buckets))
    small_stream = ((merged_refs.get(s, 0), s, None) for s in sorted(small, key=lambda s: (merged_refs.get(s, 0), s)))
    with _open(turtle) as handle:
        out = _Out(handle, "replace")
        out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes))
        for _refs, s, block in heapq.merge(own_stream, small_stream, key=lambda t: (t[0], t[1])):
            out.write("\n" + (block if block is not None else turtle_block(s, merged(s), names, set())) + "\n")
        out.write("\n")
        out.flush()
    with _open(trig) as handle:
        out = _Out(handle, "replace")
        head = "\n".join(sorted(f"@prefix {p}: <{ns}> ." for p, ns in prefixes))
        bodies = ["\n\n".join(trig_default) + "\n"] if trig_default else []
        out.write((head + "\n\n" if head else ""))
        first = True
        for body in chain(bodies, (p.trig for p in parts if p.trig)):
            out.write(body if first else "\n" + body)
            first = False
        out.write("\n" if first else "")
        out.flush()
    with _open(jsonld) as handle:
        out = _Out(handle)
        context = ",\n".join(f"  {_json_str(p)}: {_json_str(str(ns))}" for p, ns in sorted(PREFIXES.items()))
        out.write('{\n "@context": {\n' + context + '\n },\n "@graph": [')
        nodes = heapq.merge(((iri, node) for iri, _r, _b, node in own), ((s, None) for s in sorted(small)),
                            key=lambda t: t[0])
        sep = "\n"
        for s, node in nodes:
            out.write(sep + (node if node is not None else jsonld_node(s, merged(s), names)))
            sep = ",\n"
        out.write("\n ]\n}\n" if sep != "\n" else "]\n}\n")
        out.flush()


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

