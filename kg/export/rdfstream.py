"""Turtle, TriG and JSON-LD files written straight from the plain triples of :mod:`kg.export.triples`.

The bytes are those of the rdflib reference in :mod:`kg.export.rdf` (rdflib
7's Turtle layout: subjects by how often they are referenced, then by IRI;
``a`` and ``rdfs:label`` first, then predicates and objects sorted; JSON-LD
flattened with sorted nodes, keys and values), but no rdflib graph of the
data is built: each output needs only triples grouped per subject, each
subject rendered by :mod:`kg.export.rdfterms`.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from json.encoder import encode_basestring as _json_str  # what json.dumps(ensure_ascii=False) uses
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from kg.export.io import open_atomic
from kg.export.rdfterms import (
    INVALID_IRI,
    Names,
    Unsupported,
    count_refs,
    group,
    jsonld_node,
    merge_props,
    turtle_block,
)
from kg.export.triples import (
    ArticleRefs,
    Props,
    article_edges,
    article_nodes,
    edge_nodes,
    entity_node,
    node_iris,
    role_node,
)
from kg.vocab import PREFIXES

__all__ = ["ArticlePart", "article_part", "default_subjects", "Spool", "rdf_texts", "write_rdf_streaming",
           "Unsupported"]

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
        if INVALID_IRI.search(article):
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
    kg.export.rdfterms.Unsupported: records out of IRI order: a after b
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

