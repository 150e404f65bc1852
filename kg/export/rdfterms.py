"""Turtle and JSON-LD text of single subjects, exactly as the rdflib reference writes them.

A subject is an IRI and its predicate → objects map (:data:`kg.export.triples.Props`).
:func:`turtle_block` gives its statements in rdflib 7's Turtle layout (``a``
and ``rdfs:label`` first, then predicates sorted; objects in rdflib's term
order; rdflib's quoting and plain numeric forms), :func:`jsonld_node` its
node as ``json.dumps(indent=1, sort_keys=True)`` writes it inside a flattened
``@graph``. :class:`Names` memoises labels and collects the prefixes they use.
Anything it cannot reproduce raises :class:`Unsupported`.

>>> print(turtle_block("https://w3id.org/civic-kg/id/person/x", {_LABEL: [Lit("李小明", "zh")]}, Names()))
<https://w3id.org/civic-kg/id/person/x> rdfs:label "李小明"@zh .
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from json.encoder import encode_basestring as _json_str  # what json.dumps(ensure_ascii=False) uses

from rdflib import Literal, URIRef

from kg.export.triples import Description, Lit, Props, Term
from kg.vocab import ARTICLE, ID, PREFIXES, RDF, RDFS, XSD

__all__ = ["INVALID_IRI", "Unsupported", "quote", "Names", "group", "merge_props", "count_refs", "turtle_block",
           "jsonld_node"]

_TYPE, _LABEL, _CLASS = str(RDF.type), str(RDFS.label), str(RDFS.Class)
_XSD_STRING = str(XSD.string)
# Characters rdflib refuses in an IRI it writes (rdflib.term._is_valid_uri).
INVALID_IRI = re.compile(r'[<>" {}|\\^`]')
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
            if INVALID_IRI.search(iri):
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
                if INVALID_IRI.search(iri):
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


