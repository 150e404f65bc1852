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

import math
import re
import unicodedata
from collections import Counter
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

    Only earlier originals that share a shingle with the article's prefix
    (see :class:`_PrefixIndex`) are compared, which finds exactly the
    originals a comparison with every earlier one would find.
    """
    articles = [(art, body_key(art)) for page in pages for art in page.articles]
    index = _PrefixIndex(key for art, key in articles if key and art.status == "kept")
    originals: list[tuple[Article, str]] = []
    exact: dict[str, Article] = {}
    for art, key in articles:
        if not key or art.status != "kept":  # a skipped (too long) article is not compared
            continue
        grams = _shingles(key)
        first = exact.get(key) or _near(key, grams, [originals[i] for i in index.candidates(grams)])
        if first is not None:
            art.duplicate_of = first.id
            continue
        exact[key] = art
        index.add(grams, len(originals))
        originals.append((art, key))


class _PrefixIndex:
    """Prefix and positional filtering for the shingle-overlap test of :func:`_near`.

    Order every shingle set the same way, rarest shingle first. Two sets
    with Jaccard overlap ≥ t share a shingle among the first
    ``n - floor(t·n) + 1`` of either set (prefix filter, Chaudhuri et al.
    2006), and at a shared shingle at positions i, j no more than
    ``min(|A|-i-1, |B|-j-1)`` shingles can still be shared (positional
    filter, Xiao et al. 2008). Originals that fail either bound cannot pass
    the test, so skipping them never changes the answer; rarest-first keeps
    the stock phrases most articles share out of the prefixes.

    >>> idx = _PrefixIndex(["甲乙丙丁戊", "甲乙丙丁己"])
    >>> idx.add(_shingles("甲乙丙丁戊"), 0)
    >>> idx.candidates(_shingles("甲乙丙丁己")), idx.candidates(_shingles("庚辛壬癸"))
    ([0], [])
    """

    def __init__(self, keys):
        self.df: Counter[str] = Counter()
        for key in keys:
            self.df.update(_shingles(key))
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.sizes: list[int] = []

    def _ordered(self, grams: frozenset[str]) -> list[str]:
        return sorted(grams, key=lambda g: (self.df[g], g))

    @staticmethod
    def _prefix_length(n: int) -> int:
        return n - math.floor(_MIN_SHINGLE_OVERLAP * n) + 1

    def add(self, grams: frozenset[str], position: int) -> None:
        """Index an original as number ``position`` (positions increase)."""
        ordered = self._ordered(grams)
        for j, g in enumerate(ordered[: self._prefix_length(len(ordered))]):
            self.postings.setdefault(g, []).append((position, j))
        self.sizes.append(len(ordered))

    def candidates(self, grams: frozenset[str]) -> list[int]:
        """Positions of the originals that may reach the overlap, ascending."""
        ordered = self._ordered(grams)
        n, t = len(ordered), _MIN_SHINGLE_OVERLAP
        shared: dict[int, int] = {}
        alive: dict[int, bool] = {}
        for i, g in enumerate(ordered[: self._prefix_length(n)]):
            for pos, j in self.postings.get(g, ()):
                if alive.get(pos) is False:
                    continue
                m = self.sizes[pos]
                # Jaccard ≥ t ⇔ overlap ≥ t/(1+t)·(|A|+|B|); floor keeps the bound safe.
                need = math.floor(t / (1 + t) * (n + m))
                count = shared.get(pos, 0)
                if count + 1 + min(n - i - 1, m - j - 1) >= need:
                    shared[pos] = count + 1
                    alive[pos] = True
                else:
                    alive[pos] = False
        return sorted(pos for pos, ok in alive.items() if ok)


def _near(key: str, grams: frozenset[str], originals: list[tuple[Article, str]]) -> Article | None:
    """The first of ``originals`` at least :data:`MIN_SIMILARITY` alike, if any."""
    for art, other in originals:
        if min(len(key), len(other)) < MIN_SIMILARITY * max(len(key), len(other)):
            continue  # lengths alone rule out the ratio
        other_grams = _shingles(other)
        overlap = len(grams & other_grams) / len(grams | other_grams)
        if overlap < _MIN_SHINGLE_OVERLAP:
            continue
        if similarity(key, other) >= MIN_SIMILARITY:
            return art
    return None
