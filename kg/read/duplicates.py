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

The rule: an article reprints an earlier one when their bodies, with width,
spacing and punctuation normalised away, are equal, or when at least half of
their distinctive clauses are the same *and* the bodies are at least
:data:`MIN_SIMILARITY` alike (difflib ratio). A clause is a run of letters
and digits between punctuation marks; it is distinctive unless more than
:data:`STOCK_CLAUSE_BODIES` different bodies of the build print it (据了解,
下一步, 让更多居民受益: stock phrases say nothing about reprinting). A
reprint keeps most clauses verbatim (an editor changes a byline, a number, a
sentence). The clause test is what lets the search scale: a set overlap
can be searched with an index (:class:`_PrefixIndex`) whose lists are never
longer than the stock limit, while the difflib ratio can only be checked
pair by pair.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher

from kg.document import Article, Page

#: Bodies at least this similar (difflib ratio) are the same article …
MIN_SIMILARITY = 0.9
#: … if at least this share of their distinctive clauses (Jaccard) are the same.
MIN_CLAUSE_OVERLAP = 0.5
#: A clause printed in more different bodies than this is a stock phrase.
STOCK_CLAUSE_BODIES = 50

_NOISE = re.compile(r"[\s\W_]+")


def clauses(article: Article) -> list[str]:
    """The body's runs of letters and digits between punctuation and spaces,
    after width normalisation (NFKC).

    >>> clauses(Article(page="p", index=0, title="t", paragraphs=["读书， 会。", "好！"]))
    ['读书', '会', '好']
    """
    return [c for c in _NOISE.split(unicodedata.normalize("NFKC", article.body)) if c]


def body_key(article: Article) -> str:
    """The body with width, spacing and punctuation normalised away.

    >>> body_key(Article(page="p", index=0, title="t", paragraphs=["读书， 会。", "好！"]))
    '读书会好'
    """
    return "".join(clauses(article))


def similarity(a: str, b: str) -> float:
    """How alike two normalised bodies are (0–1).

    >>> similarity("甲乙丙丁", "甲乙丙丁"), similarity("甲乙", "丙丁")
    (1.0, 0.0)
    """
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def clause_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two clause sets.

    >>> clause_overlap(frozenset("甲乙丙"), frozenset("甲乙丁"))
    0.5
    """
    return len(a & b) / len(a | b) if a or b else 0.0


def is_reprint(key: str, grams: frozenset[str], other: str, other_grams: frozenset[str]) -> bool:
    """Whether a body (normalised ``key``, clause set ``grams``) reprints ``other``.

    >>> a = "近日银杏社区开展读书会居民踊跃参加气氛热烈"
    >>> b = "近日银杏社区开展读书会居民积极参加气氛热烈"
    >>> is_reprint(a, frozenset(["近日", "银杏社区开展读书会", "居民踊跃参加", "气氛热烈"]),
    ...            b, frozenset(["近日", "银杏社区开展读书会", "居民积极参加", "气氛热烈"]))
    True
    """
    if key == other:
        return True
    if not grams or not other_grams:
        return False  # nothing distinctive to compare
    if min(len(key), len(other)) < MIN_SIMILARITY * max(len(key), len(other)):
        return False  # lengths alone rule out the ratio
    if clause_overlap(grams, other_grams) < MIN_CLAUSE_OVERLAP:
        return False
    return similarity(key, other) >= MIN_SIMILARITY


def mark_duplicates(pages: list[Page]) -> None:
    """Set ``duplicate_of`` on every article whose body repeats an earlier one.

    Pages are taken in the given order, articles in page order; the pointer
    always names the first printing. Empty bodies and articles not kept are
    never duplicates.

    Only earlier originals that share a clause with the article's prefix
    (see :class:`_PrefixIndex`) are compared, which finds exactly the
    originals a comparison with every earlier one would find.
    """
    articles = []
    for page in pages:
        for art in page.articles:
            if art.status != "kept":  # a skipped (too long) article is not compared
                continue
            parts = clauses(art)
            if parts:
                articles.append((art, "".join(parts), frozenset(parts)))
    stock = stock_clauses({key: grams for _, key, grams in articles}.values())
    articles = [(art, key, grams - stock) for art, key, grams in articles]
    index = _PrefixIndex(grams for _, _, grams in articles)
    originals: list[tuple[Article, str, frozenset[str]]] = []
    exact: dict[str, Article] = {}
    for art, key, grams in articles:
        first = exact.get(key)
        if first is None:
            ordered = index.ordered(grams)
            first = next((o for o, other, other_grams in map(originals.__getitem__, index.candidates(ordered))
                          if is_reprint(key, grams, other, other_grams)), None)
        if first is not None:
            art.duplicate_of = first.id
            continue
        exact[key] = art
        index.add(ordered, len(originals))
        originals.append((art, key, grams))


def stock_clauses(clause_sets, limit: int | None = None) -> frozenset[str]:
    """Clauses found in more than ``limit`` (default :data:`STOCK_CLAUSE_BODIES`) of the sets.

    >>> sorted(stock_clauses([{"据了解", "银杏社区"}, {"据了解", "枫林村"}], limit=1))
    ['据了解']
    """
    limit = STOCK_CLAUSE_BODIES if limit is None else limit
    return frozenset(g for g, n in _set_counts(clause_sets).items() if n > limit)


def _set_counts(clause_sets) -> Counter[str]:
    """How many of the sets hold each clause.

    >>> _set_counts([{"甲", "乙"}, {"甲"}])["甲"]
    2
    """
    counts: Counter[str] = Counter()
    for grams in clause_sets:
        counts.update(grams)
    return counts


class _PrefixIndex:
    """Prefix and positional filtering for the clause-overlap test of :func:`is_reprint`.

    Order every clause set the same way, rarest clause first. Two sets
    with Jaccard overlap ≥ t share a clause among the first
    ``n - floor(t·n) + 1`` of either set (prefix filter, Chaudhuri et al.
    2006), and at a shared clause at positions i, j no more than
    ``min(|A|-i-1, |B|-j-1)`` clauses can still be shared (positional
    filter, Xiao et al. 2008). Originals that fail either bound cannot pass
    the test, so skipping them never changes the answer; rarest-first keeps
    the stock phrases most articles share out of the prefixes.

    Every set that will be added or looked up is counted up front:

    >>> a, b, c = frozenset("甲乙丙"), frozenset("甲乙丁"), frozenset("庚辛")
    >>> idx = _PrefixIndex([a, b, c])
    >>> idx.add(idx.ordered(a), 0)
    >>> idx.candidates(idx.ordered(b)), idx.candidates(idx.ordered(c))
    ([0], [])
    """

    def __init__(self, clause_sets):
        df = _set_counts(clause_sets)
        # One global order (rarest first, then by text), as ranks: sorting a
        # set by rank is a C-level key lookup.
        self.rank = {g: r for r, g in enumerate(sorted(df, key=lambda g: (df[g], g)))}
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.sizes: list[int] = []

    def ordered(self, grams: frozenset[str]) -> list[str]:
        """``grams`` rarest first: the order :meth:`add` and :meth:`candidates` take."""
        return sorted(grams, key=self.rank.__getitem__)

    @staticmethod
    def _prefix_length(n: int) -> int:
        return n - math.floor(MIN_CLAUSE_OVERLAP * n) + 1

    def add(self, ordered: list[str], position: int) -> None:
        """Index an original (its :meth:`ordered` clauses) as number ``position`` (positions increase)."""
        for j, g in enumerate(ordered[: self._prefix_length(len(ordered))]):
            self.postings.setdefault(g, []).append((position, j))
        self.sizes.append(len(ordered))

    def candidates(self, ordered: list[str]) -> list[int]:
        """Positions of the originals that may reach the overlap with
        ``ordered`` (:meth:`ordered` clauses), ascending."""
        n, t = len(ordered), MIN_CLAUSE_OVERLAP
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
