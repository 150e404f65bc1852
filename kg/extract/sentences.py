"""Split an article's text (title line, then body) into sentences with offsets.

A sentence ends at 。！？!?；; or a line break; a closing quote right after
the end mark stays with its sentence. Sentence 0 is the title.

>>> from kg.document import Article
>>> a = split_sentences(Article(page="p", index=0, title="标题", paragraphs=["甲说：“好。”乙来了！", "丙"]))
>>> [s.text for s in a.sentences]
['标题', '甲说：“好。”', '乙来了！', '丙']
>>> a.sentences[2].start
10
"""

from __future__ import annotations

import re

from kg.document import Article, Sentence

_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』\"]*|\n|$)")


def split_sentences(article: Article) -> Article:
    body = article.text
    sentences: list[Sentence] = []
    for match in _SENTENCE.finditer(body):
        start, end = match.span()
        text = match.group()
        # Trim the line break and surrounding blanks but keep offsets exact.
        stripped = text.rstrip("\n")
        lead = len(stripped) - len(stripped.lstrip())
        stripped = stripped.strip()
        if not stripped:
            continue
        sentences.append(Sentence(len(sentences), start + lead, start + lead + len(stripped), stripped))
    article.sentences = sentences
    return article


def sentence_at(article: Article, offset: int) -> int:
    """Index of the sentence holding character ``offset`` of ``Article.text``, or -1."""
    lo, hi = 0, len(article.sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = article.sentences[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return mid
    return -1
