"""Reading gold and predicted annotation files (the format of ``gold/SCHEMA.md``).

Both sides use one format, so one reader serves both. Extra keys
(``evidence``, ``duplicate_of``, ``amount_yuan``, ``role``) are accepted and
ignored: the schema scores only names, types and ``s``/``p``/``o``.

>>> ann = parse_annotation({"source": "a.txt", "articles": [{"title": "银杏社区书屋",
...     "bylines": ["李小明"], "entities": [{"name": "银杏社区", "type": "Community"}],
...     "relations": []}]}, "a.json")
>>> ann.articles[0].entities[0]
EntityRecord(article=0, name='银杏社区', type='Community', aliases=(), alt_types=())
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError

__all__ = [
    "AnnotationError",
    "EntityRecord",
    "RelationRecord",
    "ArticleRecord",
    "Annotation",
    "match_key",
    "parse_annotation",
    "load_annotation",
]

#: Quotation marks the schema says to ignore when comparing names.
#: Book-title marks 《》 are not quotation marks and stay significant.
QUOTES = frozenset("“”‘’\"'「」『』")


class AnnotationError(KgError):
    """A gold or prediction file is not valid JSON in the annotation format."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def match_key(text: str) -> str:
    """The form names are compared in: NFKC, quotation marks dropped, ends stripped.

    Inner spaces are kept on purpose: the schema ignores only quotation
    marks, and a name such as ``书香 银杏`` may contain a space.
    (:func:`kg.vocab.canonical_key` also drops spaces and 《》, which is
    right for IRIs but looser than the scoring rule.)

    >>> match_key("“银杏书屋”") == match_key("银杏书屋")
    True
    >>> match_key("ＡＢ社区")  # full-width letters are NFKC-folded
    'AB社区'
    >>> match_key(" 阅读 银杏 ")
    '阅读 银杏'
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in QUOTES).strip()


@dataclass(frozen=True)
class EntityRecord:
    """One entity line of one article."""

    article: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    alt_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationRecord:
    """One relation line of one article; ``s``/``o`` are names or aliases."""

    article: int
    s: str
    p: str
    o: str


@dataclass
class ArticleRecord:
    """One article of an annotation file."""

    title: str
    alt_titles: tuple[str, ...] = ()
    bylines: tuple[str, ...] = ()
    entities: list[EntityRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)


@dataclass
class Annotation:
    """One annotation file: its ``source`` page name and its articles in page order."""

    path: str
    source: str = ""
    articles: list[ArticleRecord] = field(default_factory=list)


def _require(condition: bool, path: str, problem: str) -> None:
    """Raise an :class:`AnnotationError` naming the file unless ``condition`` holds."""
    if not condition:
        raise AnnotationError(path, problem)


def _string_list(value: Any, path: str, where: str) -> tuple[str, ...]:
    """A list of strings, or a one-line error naming where it is.

    >>> _string_list(["甲", "乙"], "f.json", "bylines")
    ('甲', '乙')
    >>> _string_list(None, "f.json", "bylines")
    ()
    """
    if value is None:
        return ()
    _require(isinstance(value, list) and all(isinstance(v, str) for v in value),
             path, f"{where} must be a list of strings")
    return tuple(value)


def _parse_entity(raw: Any, article: int, path: str, where: str) -> EntityRecord:
    """One entity object → :class:`EntityRecord`."""
    _require(isinstance(raw, dict), path, f"{where} must be an object")
    name, type_ = raw.get("name"), raw.get("type")
    _require(isinstance(name, str) and bool(name.strip()), path, f"{where}.name must be a non-empty string")
    _require(isinstance(type_, str) and bool(type_), path, f"{where}.type must be a non-empty string")
    return EntityRecord(
        article=article,
        name=name,
        type=type_,
        aliases=_string_list(raw.get("aliases"), path, f"{where}.aliases"),
        alt_types=_string_list(raw.get("alt_types"), path, f"{where}.alt_types"),
    )


def _parse_relation(raw: Any, article: int, path: str, where: str) -> RelationRecord:
    """One relation object → :class:`RelationRecord`."""
    _require(isinstance(raw, dict), path, f"{where} must be an object")
    for key in ("s", "p", "o"):
        _require(isinstance(raw.get(key), str) and bool(raw[key].strip()),
                 path, f"{where}.{key} must be a non-empty string")
    return RelationRecord(article=article, s=raw["s"], p=raw["p"], o=raw["o"])


def _parse_article(raw: Any, index: int, path: str) -> ArticleRecord:
    """One article object → :class:`ArticleRecord`."""
    where = f"articles[{index}]"
    _require(isinstance(raw, dict), path, f"{where} must be an object")
    _require(isinstance(raw.get("title"), str), path, f"{where}.title must be a string")
    entities = raw.get("entities") or []
    relations = raw.get("relations") or []
    _require(isinstance(entities, list), path, f"{where}.entities must be a list")
    _require(isinstance(relations, list), path, f"{where}.relations must be a list")
    return ArticleRecord(
        title=raw["title"],
        alt_titles=_string_list(raw.get("alt_titles"), path, f"{where}.alt_titles"),
        bylines=_string_list(raw.get("bylines"), path, f"{where}.bylines"),
        entities=[_parse_entity(e, index, path, f"{where}.entities[{i}]") for i, e in enumerate(entities)],
        relations=[_parse_relation(r, index, path, f"{where}.relations[{i}]")
                   for i, r in enumerate(relations)],
    )


def parse_annotation(data: Any, path: str) -> Annotation:
    """Validate decoded JSON and turn it into an :class:`Annotation`.

    >>> parse_annotation({"articles": [{"title": 1}]}, "bad.json")
    Traceback (most recent call last):
    kg.evaluate.annotations.AnnotationError: bad.json: articles[0].title must be a string
    """
    _require(isinstance(data, dict), path, "top level must be a JSON object")
    articles = data.get("articles")
    _require(isinstance(articles, list), path, "'articles' must be a list")
    source = data.get("source", "")
    _require(isinstance(source, str), path, "'source' must be a string")
    return Annotation(path=path, source=source,
                      articles=[_parse_article(a, i, path) for i, a in enumerate(articles)])


def load_annotation(path: str | Path) -> Annotation:
    """Read one annotation file (UTF-8 JSON, a BOM tolerated)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise AnnotationError(str(path), f"cannot read: {err}") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise AnnotationError(str(path), f"invalid JSON: {err}") from err
    return parse_annotation(data, str(path))
