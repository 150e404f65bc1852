"""Per-page JSON extractions in the gold annotation format (``gold/SCHEMA.md``).

One file per page, ``<outdir>/<page stem>.json``, which ``kg.evaluate``
scores against ``<gold>/<page stem>.json``. Beyond the gold fields it carries
two keys the scorer ignores: ``evidence`` per relation and ``duplicate_of``
per reprinted article.

>>> from kg.document import Article, ArticleEntity, Page
>>> art = Article(page="p", index=0, title="银杏社区启用书屋", bylines=["李小明"],
...               entities=[ArticleEntity("银杏社区", "Community")])
>>> page_to_gold_format(Page(path="in/p.txt", stem="p", articles=[art]))["articles"][0]["entities"]
[{'name': '银杏社区', 'type': 'Community'}]
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.document import Article, ArticleEntity, Page, Relation
from kg.errors import KgError
from kg.export.io import write_text_atomic
from kg.export.jsontext import dumps
from kg.vocab import PREDICATES, TYPES

__all__ = ["page_to_gold_format", "write_extractions", "dumps_extraction"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPE_ORDER = {name: i for i, name in enumerate(TYPES)}
_PREDICATE_ORDER = {name: i for i, name in enumerate(PREDICATES)}


def _type_rank(type_name: str) -> tuple[int, str]:
    """Sort key of a type: vocabulary order, unknown types last by name.

    >>> _type_rank("City") < _type_rank("Person") < _type_rank("Zzz")
    True
    """
    return (_TYPE_ORDER.get(type_name, len(_TYPE_ORDER)), type_name)


def _predicate_rank(predicate: str) -> tuple[int, str]:
    """Sort key of a predicate: vocabulary order, unknown predicates last by name.

    >>> _predicate_rank("locatedIn") < _predicate_rank("serves") < _predicate_rank("aaa")
    True
    """
    return (_PREDICATE_ORDER.get(predicate, len(_PREDICATE_ORDER)), predicate)


def json_number(value: float) -> int | float:
    """An amount as JSON wants it: ``int`` when integral, else the float.

    >>> json_number(7000.0), json_number(12.5)
    (7000, 12.5)
    """
    if float(value).is_integer():
        return int(value)
    return float(value)


def entity_to_dict(entity: ArticleEntity) -> dict[str, Any]:
    """One gold-format entity; ``aliases``/``alt_types`` only when non-empty.

    Aliases are de-duplicated, never repeat the name, and are sorted;
    alt types follow vocabulary order and never repeat the type.

    >>> entity_to_dict(ArticleEntity("银杏社区", "Community", aliases=["银杏", "银杏", "银杏社区"]))
    {'name': '银杏社区', 'type': 'Community', 'aliases': ['银杏']}
    >>> entity_to_dict(ArticleEntity("银杏书屋", "Initiative", alt_types=["Organization"]))
    {'name': '银杏书屋', 'type': 'Initiative', 'alt_types': ['Organization']}
    """
    out: dict[str, Any] = {"name": entity.name, "type": entity.type}
    aliases = sorted({a for a in entity.aliases if a and a != entity.name})
    if aliases:
        out["aliases"] = aliases
    alt_types = sorted({t for t in entity.alt_types if t and t != entity.type}, key=_type_rank)
    if alt_types:
        out["alt_types"] = alt_types
    return out


def relation_to_dict(relation: Relation, article: Article | None = None) -> dict[str, Any]:
    """One gold-format relation plus its ``evidence`` sentence.

    ``amount_yuan`` is kept only on ``donatedTo`` and ``role`` only on
    ``memberOf``, as the schema defines them; evidence falls back to the
    article's sentence text when the relation carries only an index.

    >>> relation_to_dict(Relation("李小明", "donatedTo", "银杏书屋", amount_yuan=500.0,
    ...                           evidence="李小明捐款500元。"))
    {'s': '李小明', 'p': 'donatedTo', 'o': '银杏书屋', 'amount_yuan': 500, 'evidence': '李小明捐款500元。'}
    >>> relation_to_dict(Relation("李小明", "locatedIn", "银杏社区", amount_yuan=5.0, role="x"))
    {'s': '李小明', 'p': 'locatedIn', 'o': '银杏社区'}
    """
    out: dict[str, Any] = {"s": relation.subject, "p": relation.predicate, "o": relation.object}
    amount = relation.amount_yuan
    if relation.predicate == "donatedTo" and amount is not None and math.isfinite(amount):
        out["amount_yuan"] = json_number(amount)
    if relation.predicate == "memberOf" and relation.role:
        out["role"] = relation.role
    evidence = relation.evidence
    if not evidence and article is not None:
        evidence = article.sentence_text(relation.sentence)
    if evidence:
        out["evidence"] = evidence
    return out


def _relation_sort_key(rel: dict[str, Any]) -> tuple:
    """Predicate order, then subject, object; the rest only breaks ties."""
    return (
        _predicate_rank(rel["p"]),
        rel["s"],
        rel["o"],
        # Tie-breakers keep byte-identical output when one edge is found twice.
        str(rel.get("amount_yuan", "")),
        rel.get("role", ""),
        rel.get("evidence", ""),
    )


def article_to_dict(article: Article) -> dict[str, Any]:
    """One gold-format article: title, bylines, sorted entities and relations.

    >>> art = Article(page="p", index=1, title="银杏社区书屋", duplicate_of="p#0")
    >>> article_to_dict(art)
    {'title': '银杏社区书屋', 'bylines': [], 'entities': [], 'relations': [], 'duplicate_of': 'p#0'}
    """
    out: dict[str, Any] = {"title": article.title}
    if article.alt_titles:
        out["alt_titles"] = list(article.alt_titles)
    out["bylines"] = list(article.bylines)
    entities = [entity_to_dict(e) for e in article.entities]
    out["entities"] = sorted(entities, key=lambda e: (_type_rank(e["type"]), e["name"]))
    relations = [relation_to_dict(r, article) for r in article.relations]
    out["relations"] = sorted(relations, key=_relation_sort_key)
    if article.duplicate_of:
        out["duplicate_of"] = article.duplicate_of
    return out


def page_source_name(page: Page) -> str:
    """The page's file name, as the gold ``source`` field records it.

    >>> page_source_name(Page(path="/data/seeds/007_ab.txt", stem="007_ab"))
    '007_ab.txt'
    >>> page_source_name(Page(path="", stem="007_ab"))
    '007_ab'
    """
    return Path(page.path).name if page.path else page.stem


def page_to_gold_format(page: Page) -> dict[str, Any]:
    """The page's kept articles, in page order, in the gold annotation format.

    >>> kept = Article(page="p", index=0, title="甲")
    >>> dropped = Article(page="p", index=1, title="乙", status="skipped")
    >>> [a["title"] for a in page_to_gold_format(Page("p.txt", "p", articles=[kept, dropped]))["articles"]]
    ['甲']
    """
    return {
        "source": page_source_name(page),
        "articles": [article_to_dict(a) for a in page.articles if a.status == "kept"],
    }


def dumps_extraction(data: dict[str, Any]) -> str:
    """The exact text written for one page: UTF-8 JSON, indent 2, final newline.

    >>> dumps_extraction({"source": "银杏.txt", "articles": []})
    '{\\n  "source": "银杏.txt",\\n  "articles": []\\n}\\n'

    A lone surrogate (no UTF-8 form) becomes U+FFFD rather than failing the write:

    >>> dumps_extraction({"s": "甲\\ud800"})
    '{\\n  "s": "甲\\ufffd"\\n}\\n'
    """
    return _SURROGATE.sub("\ufffd", dumps(data, indent=2)) + "\n"


def write_extractions(pages: Iterable[Page], outdir: str | os.PathLike[str]) -> list[Path]:
    """Write ``<outdir>/<page stem>.json`` for every page; return the paths in input order.

    Two pages with one stem would overwrite each other's file, so that is an error.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    pages = list(pages)
    seen: dict[str, str] = {}
    for page in pages:
        if page.stem in seen:
            raise KgError(f"{page.path}: page stem {page.stem!r} already used by {seen[page.stem]}")
        seen[page.stem] = page.path
    written = []
    for page in pages:
        path = out / f"{page.stem}.json"
        write_text_atomic(path, dumps_extraction(page_to_gold_format(page)))
        written.append(path)
    return written
