"""The interactive HTML view: one self-contained page, no network access.

The page is our own shell (``templates/page.html``) with vis-network's JS and
CSS inlined from the copy bundled in the pyvis package, our own vanilla JS
(``templates/app.js``) and the graph embedded as JSON in a
``<script type="application/json">`` block. Article text only ever reaches
the DOM through ``textContent`` or vis's canvas, so it cannot run.

pyvis's own ``Network`` is not used: its ``add_edge`` scans a list per call
(quadratic), its "in_line" template still loads Bootstrap from a CDN, and its
``write_html`` uses the platform encoding.

>>> from kg.graph.model import new_graph, add_entity
>>> G = new_graph()
>>> _ = add_entity(G, "Community", "银杏社区")
>>> page = render_html(G)
>>> page.startswith("<!DOCTYPE html>") and "银杏社区" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.layout import adjacency, radial_layout
from kg.graph.model import sorted_edges
from kg.vocab import PREDICATES, TYPES

__all__ = ["render_html", "write_html", "build_page", "select_nodes", "graph_payload",
           "script_json", "stabilise_iterations", "PHYSICS_LIMIT"]

#: Above this many drawn nodes physics is off and the Python layout is final.
#: Measured in headless Chromium (2-core container): 500 nodes settle 100
#: iterations in ~3 s, 600 iterations take ~20 s.
PHYSICS_LIMIT = 500
#: Headlines listed on an entity's card (then "… +N").
ARTICLES_LISTED = 8

_VIS_DIR = ("lib", "vis-9.1.2")
_LANGS = ("zh", "en")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


# ---------------------------------------------------------------- assets


def _check_inline(text: str, tag: str) -> str:
    """Refuse asset text that could end its element early (``</script``).

    >>> _check_inline("a<b", "script")
    'a<b'
    """
    lowered = text.lower()
    if f"</{tag}" in lowered or "<!--" in lowered:
        raise ValueError(f"asset cannot be inlined in <{tag}>")
    return text


@lru_cache(maxsize=None)
def vis_assets() -> tuple[str, str]:
    """vis-network's (JS, CSS) from the pyvis package, ready to inline.

    The trailing source-map comment is dropped: it points at a file we do not ship.
    """
    base = resources.files("pyvis").joinpath(*_VIS_DIR)
    js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    js = _SOURCE_MAP.sub("", js).rstrip() + "\n"
    return _check_inline(js, "script"), _check_inline(css, "style")


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    """One of our own template files (page shell, JS, CSS)."""
    text = resources.files("kg.export").joinpath("templates", name).read_text(encoding="utf-8")
    return text


def _csp_hash(script: str) -> str:
    """The CSP source expression allowing exactly this inline script.

    >>> _csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _html_text(text: str) -> str:
    """Escape text for an HTML element or attribute.

    >>> _html_text('<a href="x">&')
    '&lt;a href=&quot;x&quot;&gt;&amp;'
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


# ---------------------------------------------------------------- data


def clean_text(value: Any) -> str:
    """Article text made safe to encode: lone surrogates become U+FFFD.

    >>> clean_text("a\\ud800b")
    'a\\ufffdb'
    >>> clean_text(None)
    ''
    """
    if value is None:
        return ""
    return _SURROGATE.sub("\ufffd", str(value))


def _clean_number(value: Any) -> float | int | None:
    """A finite JSON number or None (NaN/inf would make the JSON invalid).

    >>> _clean_number(500.0), _clean_number(float("nan")), _clean_number(2.5)
    (500, None, 2.5)
    """
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no ``</script>`` or
    ``<!--`` can appear; U+2028/U+2029 are escaped for old JS parsers.

    >>> script_json({"n": "</script>"})
    '{"n":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[str]:
    """The nodes to draw: all, or the ``max_nodes`` best connected (sorted keys).

    Ties on degree are broken by node key so the cut is deterministic.

    >>> from kg.graph.model import new_graph, add_entity
    >>> G = new_graph()
    >>> for n in ["乙", "甲", "丙"]: _ = add_entity(G, "Person", n)
    >>> select_nodes(G, 2)
    ['Person/丙', 'Person/乙']
    """
    nodes = sorted(G.nodes)
    if len(nodes) <= max_nodes:
        return nodes
    degree = dict(G.degree)  # one pass; G.degree(n) builds a view per call
    ranked = sorted(nodes, key=lambda n: (-degree[n], n))
    return sorted(ranked[:max(max_nodes, 0)])


def _curves(edges: list[tuple[str, str, str, dict]]) -> list[float]:
    """Roundness per edge so edges between the same pair do not overlap.

    A lone edge is straight (0); parallel edges bend by 0.2, 0.4, ...; vis's
    clockwise curve sends a→b and b→a edges to opposite sides.

    >>> _curves([("a", "b", "k1", {}), ("a", "b", "k2", {}), ("a", "c", "k", {})])
    [0.2, 0.4, 0]
    """
    pair_count: dict[frozenset, int] = {}
    for u, v, _, _ in edges:
        pair = frozenset((u, v))
        pair_count[pair] = pair_count.get(pair, 0) + 1
    seen: dict[tuple[str, str], int] = {}
    out: list[float] = []
    for u, v, _, _ in edges:
        if pair_count[frozenset((u, v))] == 1 or u == v:
            out.append(0)
            continue
        seen[(u, v)] = seen.get((u, v), 0) + 1
        out.append(round(0.2 * seen[(u, v)], 2))
    return out


def stabilise_iterations(n: int) -> int:
    """Physics iterations before the view settles: fewer for bigger graphs.

    Cost per iteration grows with n, so this keeps load time roughly flat.

    >>> stabilise_iterations(10), stabilise_iterations(250), stabilise_iterations(500)
    (600, 200, 100)
    """
    return max(100, min(600, 50000 // max(n, 1)))


def _vocab_payload() -> dict[str, list[dict[str, Any]]]:
    """Types and predicates with their labels, colours and shapes, from kg.vocab."""
    types = [{"name": t.name, "label_zh": t.label_zh, "label_en": t.label_en,
              "colour": t.colour, "shape": t.shape} for t in TYPES.values()]
    preds = [{"name": p.name, "label_zh": p.label_zh, "label_en": p.label_en,
              "colour": p.colour, "symmetric": p.symmetric} for p in PREDICATES.values()]
    return {"types": types, "predicates": preds}


def _notice(drawn: int, total: int) -> dict[str, str] | None:
    """The visible truncation notice in both languages, or None.

    >>> _notice(2, 3)["en"]
    'Showing the 2 best-connected of 3 entities.'
    """
    if drawn >= total:
        return None
    return {"zh": f"实体过多：仅显示连接最多的 {drawn} 个（共 {total} 个）。",
            "en": f"Showing the {drawn} best-connected of {total} entities."}


def graph_payload(G: nx.MultiDiGraph, *, lang: str = "zh", max_nodes: int = 2000,
                  physics_limit: int = PHYSICS_LIMIT) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-ready data.

    Nodes and edges refer to each other by index; each keeps its graph key
    (node key; edge ``from``/``to``/``key``) so the data maps back exactly.

    >>> from kg.graph.model import new_graph, add_entity
    >>> G = new_graph()
    >>> _ = add_entity(G, "Person", "李小明")
    >>> p = graph_payload(G)
    >>> p["nodes"][0]["key"], p["physics"], p["truncated"]
    ('Person/李小明', True, False)
    """
    if lang not in _LANGS:
        raise ValueError(f"lang must be one of {_LANGS}, not {lang!r}")
    keys = select_nodes(G, max_nodes)
    index = {k: i for i, k in enumerate(keys)}
    degree = dict(G.degree(keys))
    edges = [e for e in sorted_edges(G) if e[0] in index and e[1] in index]
    physics = len(keys) <= physics_limit
    # Positions always ship: final when physics is off, a deterministic start
    # (instead of vis's random one) when it is on.
    pos = radial_layout(adjacency(keys, ((u, v) for u, v, _, _ in edges)))
    articles: set[str] = set()
    nodes = []
    for key in keys:
        data = G.nodes[key]
        node = {
            "id": index[key],
            "key": clean_text(key),
            "name": clean_text(data.get("name") or key),
            "type": data.get("type"),
            "aliases": [clean_text(a) for a in data.get("aliases") or []],
            "alt_types": list(data.get("alt_types") or []),
            "code": clean_text(data.get("code")) or None,
            # The card lists a few headlines and the count: an entity of a big
            # corpus is in tens of thousands of articles (the page grew to 94 MB).
            "articles": [clean_text(a) for a in (data.get("articles") or [])[:ARTICLES_LISTED]],
            "article_count": len(data.get("articles") or []),
            "degree": degree[key],
            "x": pos[key][0],
            "y": pos[key][1],
        }
        articles.update(node["articles"])
        nodes.append(node)
    edge_rows = []
    for i, ((u, v, key, data), curve) in enumerate(zip(edges, _curves(edges))):
        article = clean_text(data.get("article"))
        articles.add(article)
        edge_rows.append({
            "id": i, "from": index[u], "to": index[v], "key": clean_text(key),
            "predicate": data.get("predicate"),
            "article": article,
            "evidence": clean_text(data.get("evidence")),
            "amount_yuan": _clean_number(data.get("amount_yuan")),
            "role": clean_text(data.get("role")) or None,
            "curve": curve,
        })
    meta = G.graph.get("articles", {})
    titles = {a: clean_text((meta.get(a) or {}).get("title")) for a in sorted(articles) if a}
    return {
        "lang": lang,
        **_vocab_payload(),
        "articles": titles,
        "nodes": nodes,
        "edges": edge_rows,
        "physics": physics,
        "iterations": stabilise_iterations(len(keys)) if physics else 0,
        "truncated": len(keys) < G.number_of_nodes(),
        "total_nodes": G.number_of_nodes(),
        "total_edges": G.number_of_edges(),
        "notice": _notice(len(keys), G.number_of_nodes()),
    }


# ---------------------------------------------------------------- page


def _fill(template: str, parts: dict[str, str]) -> str:
    """Replace ``{{NAME}}`` placeholders in one pass.

    One pass matters: a name like ``{{APP_JS}}`` inside the data is not expanded.

    >>> _fill("<{{A}}|{{B}}>", {"A": "{{B}}", "B": "b"})
    '<{{B}}|b>'
    """
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def build_page(G: nx.MultiDiGraph, *, lang: str = "zh", max_nodes: int = 2000,
               physics_limit: int = PHYSICS_LIMIT) -> tuple[str, dict[str, Any]]:
    """The page and its stats (nodes, edges, truncated, bytes, ...)."""
    payload = graph_payload(G, lang=lang, max_nodes=max_nodes, physics_limit=physics_limit)
    vis_js, vis_css = vis_assets()
    app_js = _check_inline(_template("app.js"), "script")
    app_css = _check_inline(_template("app.css"), "style")
    # Only our two scripts may run; nothing may be fetched from anywhere.
    csp = ("default-src 'none'; script-src " + _csp_hash(vis_js) + " " + _csp_hash(app_js)
           + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    notice = payload["notice"]
    page = _fill(_template("page.html"), {
        "LANG": "zh-CN" if lang == "zh" else "en",
        "CSP": _html_text(csp),
        "TITLE": "civic-kg",
        "NOTICE": _html_text(notice[lang]) if notice else "",
        "NOTICE_HIDDEN": "" if notice else " hidden",
        "VIS_CSS": vis_css,
        "APP_CSS": app_css,
        "DATA": script_json(payload),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    })
    stats = {
        "nodes": len(payload["nodes"]),
        "edges": len(payload["edges"]),
        "truncated": payload["truncated"],
        "bytes": len(page.encode("utf-8")),
        "total_nodes": payload["total_nodes"],
        "total_edges": payload["total_edges"],
        "layout": "physics" if payload["physics"] else "fixed",
    }
    return page, stats


def render_html(G: nx.MultiDiGraph, *, lang: str = "zh", max_nodes: int = 2000,
                physics_limit: int = PHYSICS_LIMIT) -> str:
    """The interactive page for ``G`` as a string (see :func:`build_page`)."""
    return build_page(G, lang=lang, max_nodes=max_nodes, physics_limit=physics_limit)[0]


def write_html(G: nx.MultiDiGraph, path: str | Path, *, lang: str = "zh",
               max_nodes: int = 2000, physics_limit: int = PHYSICS_LIMIT) -> dict[str, Any]:
    """Write the page as UTF-8 bytes (no platform encoding, no newline translation).

    Returns stats: ``nodes`` and ``edges`` drawn, ``truncated``, ``bytes``,
    ``total_nodes``, ``total_edges`` and ``layout`` ("physics" or "fixed").
    """
    page, stats = build_page(G, lang=lang, max_nodes=max_nodes, physics_limit=physics_limit)
    Path(path).write_bytes(page.encode("utf-8"))
    return stats
