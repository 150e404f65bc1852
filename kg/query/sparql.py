"""SPARQL SELECT queries over an exported graph file, with rdflib or Oxigraph.

Parameters are bound as RDF terms (rdflib ``initBindings``; for Oxigraph a
``VALUES`` block of escaped string literals), never spliced into the query
text, so a value such as ``" } DROP ALL`` is only ever a string to compare
against. A query declares its parameters in its comment header
(``# @param place: ...``) and refers to them as ``$place``; values are plain
string literals, or literals with a language tag when the declaration names
one (``# @param place@zh: ...``). The bundled queries declare their names
``@zh``, like the labels, so ``?node rdfs:label $place`` looks the label up
directly (a label computed with ``BIND (STRLANG(...))`` is not used as a key
by Oxigraph, which then scans every label).

>>> q = "# @param who@zh: a name\\nSELECT ?x WHERE { ?x ?p $who }"
>>> query_params(q), param_languages(q)
(['who'], {'who': 'zh'})
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from kg.errors import KgError
from kg.export.rdf import decimal_literal
from kg.vocab import PREFIXES, XSD

__all__ = [
    "ENGINES",
    "FORMATS",
    "QueryError",
    "Store",
    "open_store",
    "query_store",
    "run_query",
    "query_params",
    "param_languages",
    "queries_dir",
    "list_queries",
    "load_query",
    "format_results",
    "from_oxigraph",
    "values_query",
]

ENGINES = ("rdflib", "oxigraph")
FORMATS = ("table", "csv", "json")
Row = list[Node | None]

_PARAM_DECL = re.compile(r"^\s*#\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\b", re.MULTILINE)
_PARAM_LANG = re.compile(r"^\s*#\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\b",
                         re.MULTILINE)
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# File suffix → (rdflib format name, Oxigraph format, holds named graphs).
_SUFFIXES = {
    ".ttl": ("turtle", "TURTLE", False),
    ".nt": ("nt", "N_TRIPLES", False),
    ".trig": ("trig", "TRIG", True),
    ".nq": ("nquads", "N_QUADS", True),
    ".jsonld": ("json-ld", "JSON_LD", False),
}


class QueryError(KgError):
    """A query could not be run: bad file, bad syntax, bad or missing parameter."""


@dataclass
class Store:
    """A loaded graph file ready to be queried by one engine."""

    engine: str
    path: str
    handle: Any
    union: bool  # query the union of named graphs as the default graph


def queries_dir() -> Path:
    """The directory of the bundled ``.rq`` files (``queries/`` at the project root).

    >>> queries_dir().name
    'queries'
    """
    return Path(__file__).resolve().parents[2] / "queries"


def list_queries(directory: str | Path | None = None) -> list[str]:
    """Names (file stems) of the ``.rq`` files, sorted.

    >>> "donations" in list_queries()
    True
    """
    base = Path(directory) if directory is not None else queries_dir()
    return sorted(p.stem for p in base.glob("*.rq"))


def load_query(name_or_path: str | Path) -> str:
    """The text of a bundled query by name (``donations``) or of a ``.rq`` file by path.

    >>> "SELECT" in load_query("donations")
    True
    """
    path = Path(name_or_path)
    if not path.suffix:
        path = queries_dir() / f"{name_or_path}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError(f"{path}: cannot read query ({err.strerror or err})") from None


def query_params(query_text: str) -> list[str]:
    """Parameters a query declares with ``# @param name: ...`` header lines, in order.

    >>> query_params("# @param a: x\\n# @param b: y\\nSELECT * WHERE {}")
    ['a', 'b']
    """
    seen: list[str] = []
    for name in _PARAM_DECL.findall(query_text):
        if name not in seen:
            seen.append(name)
    return seen


def param_languages(query_text: str) -> dict[str, str]:
    """Language tags of the parameters declared as ``# @param name@tag: ...``.

    >>> param_languages("# @param a@zh: x\\n# @param b: y\\nSELECT * WHERE {}")
    {'a': 'zh'}
    """
    return dict(_PARAM_LANG.findall(query_text))


def _format_of(path: Path) -> tuple[str, str, bool]:
    """The parser formats for a graph file, chosen by suffix.

    >>> _format_of(Path("kg.trig"))
    ('trig', 'TRIG', True)
    """
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_SUFFIXES))
        raise QueryError(f"{path}: unknown graph file type (expected one of {known})") from None


def open_store(graph_path: str | Path, engine: str = "rdflib") -> Store:
    """Load a graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD) for ``engine``.

    Named graphs are queried as one union default graph, so the same query
    works on the Turtle and the TriG export.
    """
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
    path = Path(graph_path)
    rdflib_format, ox_format, quads = _format_of(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise QueryError(f"{path}: cannot read graph ({err.strerror or err})") from None
    try:
        if engine == "rdflib":
            handle: Any = Dataset(default_union=True) if quads else Graph()
            handle.parse(data=data, format=rdflib_format)
        else:
            import pyoxigraph as ox

            handle = ox.Store()
            handle.load(data, format=getattr(ox.RdfFormat, ox_format))
    except Exception as err:  # both parsers raise their own exception types
        raise QueryError(f"{path}: cannot parse graph ({_one_line(err)})") from None
    return Store(engine, str(path), handle, quads)


def _one_line(err: BaseException) -> str:
    """An exception as one short line.

    >>> _one_line(ValueError("bad\\nthing"))
    'bad thing'
    """
    text = " ".join(str(err).split())
    return text[:300] or type(err).__name__


def _check_params(query_text: str, params: dict[str, str]) -> None:
    """Refuse unknown, missing or non-string parameters before running anything.

    >>> _check_params("# @param a: x\\nSELECT * WHERE { ?s ?p $a }", {})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    kg.query.sparql.QueryError: missing parameter: a
    """
    declared = query_params(query_text)
    for name, value in params.items():
        if not _VARNAME.match(name):
            raise QueryError(f"bad parameter name {name!r}")
        if not isinstance(value, str):
            raise QueryError(f"parameter {name} must be a string")
        used = re.search(rf"[?$]{name}\b", _strip_comments(query_text))
        if name not in declared and not used:
            raise QueryError(f"unknown parameter: {name}")
    missing = [name for name in declared if name not in params]
    if missing:
        raise QueryError(f"missing parameter: {', '.join(missing)}")


def _strip_comments(query_text: str) -> str:
    """Query text without whole-line comments (enough to look for variable names).

    >>> _strip_comments("# ?x\\nSELECT ?y {}")
    '\\nSELECT ?y {}'
    """
    return re.sub(r"(?m)^\s*#.*$", "", query_text)


def _param_term(value: str, lang: str | None = None) -> Literal:
    """A parameter value as a string literal, tagged ``lang`` if given (lone surrogates replaced).

    >>> _param_term('" } DROP ALL').n3()
    '"\\\\" } DROP ALL"'
    >>> _param_term("银杏", "zh").n3()
    '"银杏"@zh'
    """
    return Literal(re.sub("[\ud800-\udfff]", "\ufffd", value), lang=lang)


def _bindings(query_text: str, params: dict[str, str]) -> dict[str, Literal]:
    """Parameter values as the literals the query declares (``@zh`` or plain), sorted by name.

    >>> _bindings("# @param a@zh: x\\n# @param b: y\\n", {"b": "2", "a": "1"})
    {'a': rdflib.term.Literal('1', lang='zh'), 'b': rdflib.term.Literal('2')}
    """
    langs = param_languages(query_text)
    return {name: _param_term(value, langs.get(name)) for name, value in sorted(params.items())}


def _rdflib_select(store: Store, query_text: str, bindings: dict[str, Literal]):
    """Run a SELECT with rdflib; returns (variable names, rows)."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(query_text, initNs=dict(PREFIXES))
    except Exception as err:
        raise QueryError(f"query syntax error: {_one_line(err)}") from None
    if prepared.algebra.name != "SelectQuery":
        raise QueryError("only SELECT queries are supported")
    init = {Variable(name): term for name, term in bindings.items()}
    try:
        result = store.handle.query(prepared, initBindings=init)
        variables = [str(v) for v in result.vars]
        rows = [[row[i] for i in range(len(variables))] for row in result]
    except QueryError:
        raise
    except Exception as err:
        raise QueryError(f"query failed: {_one_line(err)}") from None
    return variables, rows


_XSD_STRING = str(XSD.string)
_XSD_DECIMAL = URIRef(str(XSD.decimal))


def _from_oxigraph(term: Any) -> Node | None:
    """An Oxigraph term as the equal rdflib term.

    >>> import pyoxigraph as ox
    >>> _from_oxigraph(ox.Literal("银杏", language="zh"))
    rdflib.term.Literal('银杏', lang='zh')
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        # normalize=False: a string's lexical form is its value, nothing to normalise.
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"unsupported result term {term!r}")


def _term_converter():
    """``_from_oxigraph`` then ``_canonical``, memoised for one result set.

    Names, classes and counts recur from row to row, and building an rdflib
    Literal costs microseconds; a 17k-row answer converted term by term
    spent longer in Python than in Oxigraph.

    >>> import pyoxigraph as ox
    >>> convert = _term_converter()
    >>> a, b = convert(ox.Literal("银杏", language="zh")), convert(ox.Literal("银杏", language="zh"))
    >>> a is b, a
    (True, rdflib.term.Literal('银杏', lang='zh'))
    """
    cache: dict[Any, Node | None] = {None: None}

    def convert(term: Any) -> Node | None:
        try:
            return cache[term]
        except KeyError:
            node = cache[term] = _canonical(_from_oxigraph(term))
            return node

    return convert


#: Public name for other modules (the endpoint converts Oxigraph answers too).
from_oxigraph = _from_oxigraph


def _sparql_string(value: str) -> str:
    r"""A SPARQL string literal for ``value``, with the four characters that need it escaped.

    Only for Oxigraph, which reads ``\u`` sequences inside strings literally;
    rdflib gets its parameters through ``initBindings`` instead.

    >>> print(_sparql_string('" } DROP ALL \\ x'))
    "\" } DROP ALL \\ x"
    """
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


def _sparql_literal(term: Literal) -> str:
    """A string literal in SPARQL syntax, with its language tag if it has one.

    >>> print(_sparql_literal(Literal('银"杏', lang="zh")))
    "银\\"杏"@zh
    """
    return _sparql_string(str(term)) + (f"@{term.language}" if term.language else "")


_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def _where_brace(query_text: str) -> int:
    r"""Offset of the ``{`` that opens the WHERE clause of a SELECT query.

    Skips comments, IRIs and strings, and braces inside parentheses (an
    ``EXISTS { }`` in a SELECT expression).

    >>> q = 'PREFIX a: <x:#{> # {\nSELECT ("{" AS ?s) WHERE { ?s ?p ?o }'
    >>> q[_where_brace(q):]
    '{ ?s ?p ?o }'
    """
    i, depth, n = 0, 0, len(query_text)
    while i < n:
        ch = query_text[i]
        if ch == "#":
            end = query_text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch == "<":
            m = _IRIREF.match(query_text, i)
            i = m.end() if m else i + 1
            continue
        if ch in "\"'":
            quote = query_text[i:i + 3] if query_text[i:i + 3] == ch * 3 else ch
            j = i + len(quote)
            while j < n and not query_text.startswith(quote, j):
                j += 2 if query_text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "{" and depth == 0:
            return i
        i += 1
    raise QueryError("query has no WHERE clause")


def _inject_values(query_text: str, bindings: dict[str, Literal]) -> str:
    r"""The query with a VALUES block binding the parameters at the start of its WHERE clause.

    >>> _inject_values("SELECT ?x WHERE { ?x ?p $a }", {"a": Literal("v")})
    'SELECT ?x WHERE { VALUES (?a) { ("v") }\n ?x ?p $a }'
    """
    if not bindings:
        return query_text
    names = sorted(bindings)
    head = " ".join(f"?{name}" for name in names)
    row = " ".join(_sparql_literal(bindings[name]) for name in names)
    at = _where_brace(query_text) + 1
    return f"{query_text[:at]} VALUES ({head}) {{ ({row}) }}\n{query_text[at:]}"


def values_query(query_text: str, params: dict[str, str]) -> str:
    """The query with its parameters bound in a VALUES block, to send to a SPARQL endpoint.

    Values are written as escaped string literals, the same way the Oxigraph
    engine binds them here.

    >>> print(values_query("# @param a: x\\nSELECT ?x WHERE { ?x ?p $a }", {"a": '"'}).splitlines()[1])
    SELECT ?x WHERE { VALUES (?a) { ("\\"") }
    """
    _check_params(query_text, params)
    return _inject_values(query_text, _bindings(query_text, params))


def _oxigraph_select(store: Store, query_text: str, bindings: dict[str, Literal]):
    """Run a SELECT with Oxigraph; returns (variable names, rows).

    Oxigraph's ``substitutions`` only accepts projected variables, so the
    values go into a VALUES block written with escaped string syntax.
    """
    import pyoxigraph as ox

    try:
        result = store.handle.query(
            _inject_values(query_text, bindings),
            prefixes={k: str(v) for k, v in PREFIXES.items()},
            use_default_graph_as_union=store.union,
        )
    except SyntaxError as err:
        raise QueryError(f"query syntax error: {_one_line(err)}") from None
    except Exception as err:
        raise QueryError(f"query failed: {_one_line(err)}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT queries are supported")
    variables = [v.value for v in result.variables]
    convert, columns = _term_converter(), range(len(variables))
    try:
        # By position: looking a solution up by variable name costs ~10x more.
        rows = [[convert(solution[i]) for i in columns] for solution in result]
    except QueryError:
        raise
    except Exception as err:  # evaluation errors surface while iterating
        raise QueryError(f"query failed: {_one_line(err)}") from None
    return variables, rows


def _canonical(term: Node | None) -> Node | None:
    """A result term with a canonical decimal lexical form, so both engines agree.

    rdflib keeps the lexical form it parsed (``2000.0``); Oxigraph
    normalises (``2000``). Both become the exporter's form, ``2000.0``.

    >>> _canonical(Literal("2000", datatype=XSD.decimal))
    rdflib.term.Literal('2000.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    if isinstance(term, Literal) and term.datatype == _XSD_DECIMAL:
        return decimal_literal(str(term)) or term
    return term


def query_store(store: Store, query_text: str, params: dict[str, str] | None = None
                ) -> tuple[list[str], list[Row]]:
    """Run a SELECT query on a loaded store; parameters are bound as string literals."""
    params = dict(params or {})
    _check_params(query_text, params)
    bindings = _bindings(query_text, params)
    if store.engine != "rdflib":
        return _oxigraph_select(store, query_text, bindings)  # terms made canonical as converted
    variables, rows = _rdflib_select(store, query_text, bindings)
    return variables, [[_canonical(term) for term in row] for row in rows]


def run_query(query_text: str, graph_path: str | Path, *, engine: str = "rdflib",
              params: dict[str, str] | None = None) -> tuple[list[str], list[Row]]:
    """Load ``graph_path`` and run one SELECT query; returns ``(variables, rows)``.

    Rows are lists of rdflib terms, ``None`` where a variable is unbound.
    """
    return query_store(open_store(graph_path, engine), query_text, params)


# ---------------------------------------------------------------------------
# Output formats
# ---------------------------------------------------------------------------

def _compact_iri(iri: str) -> str:
    """An IRI shortened with the project prefixes and percent-decoded for reading.

    >>> _compact_iri("https://w3id.org/civic-kg/id/person/%E6%9D%8E")
    'kgid:person/李'
    """
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(namespace)):
            return f"{prefix}:{unquote(iri[len(str(namespace)):])}"
    return iri


def _display(term: Node | None) -> str:
    """A term as one line of table text.

    >>> _display(Literal("a\\nb", lang="zh")), _display(None)
    ('a⏎b', '')
    """
    if term is None:
        return ""
    text = _compact_iri(str(term)) if isinstance(term, URIRef) else (
        f"_:{term}" if isinstance(term, BNode) else str(term))
    text = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")
    return "".join(ch if unicodedata.category(ch) != "Cc" else "�" for ch in text)


def _width(text: str) -> int:
    """Display width in a terminal: CJK wide and full-width characters count two.

    >>> _width("银杏ab")
    6
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _truncate(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` display columns, marking the cut with ``…``.

    >>> _truncate("银杏社区", 5)
    '银杏…'
    """
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(variables: Sequence[str], rows: Sequence[Row], max_width: int = 60) -> str:
    """Aligned text columns, CJK-width aware, long cells cut at ``max_width``.

    >>> print(_table(["a", "b"], [[Literal("银杏"), Literal("x")]]), end="")
    a     b
    ----  -
    银杏  x
    (1 row)
    """
    cells = [[_truncate(_display(t), max_width) for t in row] for row in rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths).rstrip()]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _csv(variables: Sequence[str], rows: Sequence[Row]) -> str:
    """SPARQL 1.1 CSV results: full IRIs, lexical forms of literals, CRLF line ends.

    >>> _csv(["x", "y"], [[URIRef("http://e/1"), None]])
    'x,y\\r\\nhttp://e/1,\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t))
                         for t in row])
    return buffer.getvalue()


def _json_term(term: Node) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format.

    >>> _json_term(Literal("1", datatype=XSD.integer))["type"]
    'literal'
    """
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _json(variables: Sequence[str], rows: Sequence[Row]) -> str:
    """SPARQL 1.1 Query Results JSON (unbound variables are left out of a binding).

    >>> json.loads(_json(["x"], [[None]]))["results"]["bindings"]
    [{}]
    """
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def format_results(variables: Sequence[str], rows: Sequence[Row], fmt: str = "table") -> str:
    """Render query results as ``table`` (aligned text), ``csv`` or ``json`` (SPARQL 1.1).

    >>> format_results(["n"], [[Literal(3)]], "csv")
    'n\\r\\n3\\r\\n'
    """
    if fmt == "table":
        return _table(variables, rows)
    if fmt == "csv":
        return _csv(variables, rows)
    if fmt == "json":
        return _json(variables, rows)
    raise QueryError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
