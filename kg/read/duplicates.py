"""Flag reprinted articles: same (or nearly the same) body as an earlier one.

Reprints stay in the corpus (the gold lists them again, under their own
title) but are marked ``duplicate_of = "<page stem>#<index>"`` of the first
printing, so later stages can avoid counting their facts twice.

>>> from kg.document import Article, Page
>>> body = ["银杏社区今天开展读书会,居民踊跃参加,气氛热烈。"]
>>> p = Page(path="p.txt", stem="p", articles=[
...     Article(page="p", index=0, title="甲", paragraphs=body),
...     Article(page="p", index=1, title="乙", paragraphs=list(body))])
>>> mark_duplicates([p])
>>> [a.duplicate_of for a in p.articles]
[None, 'p#0']
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from kg.document import Article, Page

#: Bodies at least this similar (difflib ratio) are the same article.
MIN_SIMILARITY = 0.9
#: Shingle size and the overlap below which two bodies are not compared closely.
_SHINGLE = 4
_MIN_SHINGLE_OVERLAP = 0.5

_NOISE = re.compile(r"[\s\W_]+")


def body_key(article: Article) -> str:
    """The body with width, spacing and punctuation normalised away.

    >>> body_key(Article(page="p", index=0, title="t", paragraphs=["读书， 会。", "好！"]))
    '读书会好'
    """
    return _NOISE.sub("", unicodedata.normalize("NFKC", article.body))


def similarity(a: str, b: str) -> float:
    """How alike two normalised bodies are (0–1).

    >>> similarity("甲乙丙丁", "甲乙丙丁"), similarity("甲乙", "丙丁")
    (1.0, 0.0)
    """
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _shingles(text: str) -> frozenset[str]:
    return frozenset(text[i: i + _SHINGLE] for i in range(max(1, len(text) - _SHINGLE + 1)))


def mark_duplicates(pages: list[Page]) -> None:
    """Set ``duplicate_of`` on every article whose body repeats an earlier one.

    Pages are taken in the given order, articles in page order; the pointer
    always names the first printing. Empty bodies and articles not kept are
    never duplicates.
    """
    originals: list[tuple[Article, str, frozenset[str]]] = []
    exact: dict[str, Article] = {}
    for page in pages:
        for art in page.articles:
            key = body_key(art)
            if not key or art.status != "kept":  # a skipped (too long) article is not compared
                continue
            first = exact.get(key) or _near(key, originals)
            if first is not None:
                art.duplicate_of = first.id
                continue
            exact[key] = art
            originals.append((art, key, _shingles(key)))


def _near(key: str, originals: list[tuple[Article, str, frozenset[str]]]) -> Article | None:
    """The first earlier original at least :data:`MIN_SIMILARITY` alike, if any."""
    grams = _shingles(key)
    for art, other, other_grams in originals:
        if min(len(key), len(other)) < MIN_SIMILARITY * max(len(key), len(other)):
            continue  # lengths alone rule out the ratio
        overlap = len(grams & other_grams) / len(grams | other_grams)
        if overlap < _MIN_SHINGLE_OVERLAP:
            continue
        if similarity(key, other) >= MIN_SIMILARITY:
            return art
    return None
