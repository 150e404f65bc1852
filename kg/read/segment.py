"""Cut a page's repaired lines into articles.

An article is a headline block (one or more heading lines), body paragraphs
and usually a byline. Where one article ends and the next begins:

* the first heading on the page opens an article;
* headings that follow each other before any body text form one headline block;
* after a byline that closes two or more paragraphs, the next heading opens
  a new article;
* otherwise (no byline yet, or a byline printed under the lead paragraph, as
  some layouts do before the section sub-headings) a heading opens a new
  article only if it begins with a place name (``某某街道…``) and the
  paragraph before it ended a sentence; other headings are section
  sub-headings and stay in the body.

Body paragraphs printed after the byline stay with the article (layout
sometimes sets the byline before the last paragraphs).

>>> arts = split_articles("银杏社区开展读书会\\n今年,社区组织居民读书。\\n读书会很热闹。\\n李小明\\n小组讨论\\n大家发言。", "p")
>>> [(a.title, a.bylines) for a in arts]
[('银杏社区开展读书会', ['李小明']), ('小组讨论', [])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.document import Article
from kg.read.lexicon import place_suffixes
from kg.read.lines import Line, ends_sentence, is_bare_place, place_at_start
from kg.read.paragraphs import page_lines
from kg.read.titles import choose_title

#: Paragraphs a byline must close before it is taken to end the article.
MIN_PARAGRAPHS_BEFORE_BYLINE = 2
#: How far before a place ending an abbreviated signature may reach (characters).
_PLACE_SPAN = 8

_CJK_RUN = re.compile("[\u4e00-\u9fff]+")


@dataclass
class _Draft:
    """An article being assembled."""

    headline: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    subheadings: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    closed_after: int | None = None  # body paragraphs before the first byline

    def body_count(self) -> int:
        return len(self.paragraphs) - len(self.subheadings)


def split_articles(text: str, stem: str) -> list[Article]:
    """Split a normalised page text into :class:`~kg.document.Article` s.

    >>> [a.title for a in split_articles("", "p")]
    []
    """
    drafts: list[_Draft] = []
    for line in page_lines(text):
        cur = drafts[-1] if drafts else None
        if line.kind == "heading":
            if cur is None or _opens_article(cur, line.text):
                drafts.append(_Draft(headline=[line.text]))
            elif not cur.paragraphs:
                cur.headline.append(line.text)
            else:
                cur.subheadings.append(len(cur.paragraphs))
                cur.paragraphs.append(line.text)
            continue
        if cur is None:
            cur = _Draft()
            drafts.append(cur)
        _add(cur, line)
    # a stray credit or caption with no headline or text around it is no article
    drafts = [d for d in drafts if d.headline or d.paragraphs]
    return [_finish(d, stem, i) for i, d in enumerate(drafts)]


def _opens_article(cur: _Draft, heading: str) -> bool:
    """Does ``heading`` start a new article after the draft ``cur``?

    >>> _opens_article(_Draft(headline=["甲"], paragraphs=["一。", "二。"], closed_after=2), "小组讨论")
    True
    >>> _opens_article(_Draft(headline=["甲"], paragraphs=["一。"], closed_after=1), "小组讨论")
    False
    >>> _opens_article(_Draft(headline=["甲"], paragraphs=["一。"]), "银杏村修路")
    True
    """
    if not cur.paragraphs:
        return False
    if cur.closed_after is not None and cur.closed_after >= MIN_PARAGRAPHS_BEFORE_BYLINE:
        return True
    return place_at_start(heading) and ends_sentence(cur.paragraphs[-1])


def _add(cur: _Draft, line: Line) -> None:
    """Put a non-heading line into the draft."""
    if line.kind == "body":
        cur.paragraphs.append(line.text)
        # 本报讯(记者 某某): names that open the lead do not close the article.
        cur.names.extend(n for n in line.names if n not in cur.names)
    elif line.kind == "byline":
        if cur.closed_after is None:
            cur.closed_after = cur.body_count()
        cur.names.extend(n for n in line.names if n not in cur.names)
        cur.credits.extend(line.credits)
    elif line.kind == "credit":
        cur.credits.extend(line.credits)
    elif line.kind == "caption":
        cur.captions.append(line.text)
        cur.credits.extend(line.credits)


def _promote_label_headline(d: _Draft) -> None:
    """When the headline is only a place label, take the heading printed after the lead.

    Some layouts print the area (``某某街道``) on top, then the lead and
    byline, then the real headline before the first section.

    >>> d = _Draft(headline=["银杏街道"], paragraphs=["导语。", "书香满园", "正文。"], subheadings=[1])
    >>> _promote_label_headline(d); d.headline, d.paragraphs, d.subheadings
    (['银杏街道', '书香满园'], ['导语。', '正文。'], [])
    """
    if d.headline and all(is_bare_place(h) for h in d.headline) and d.subheadings[:1] == [1]:
        d.headline.append(d.paragraphs.pop(1))
        d.subheadings = [i - 1 for i in d.subheadings[1:]]


def _finish(d: _Draft, stem: str, index: int) -> Article:
    """Turn a draft into an Article: choose the title, set signatures apart."""
    _promote_label_headline(d)
    body = "\n".join(d.paragraphs)
    title, alts = choose_title(d.headline, body)
    context = "\n".join([*d.headline, body])
    bylines = [n for n in d.names if not abbreviates_place(n, context)]
    meta: dict = {"captions": d.captions, "subheadings": d.subheadings}
    signatures = [n for n in d.names if n not in bylines]
    if signatures:
        meta["signatures"] = signatures
    if d.closed_after is not None and d.closed_after < d.body_count():
        meta["after_byline"] = d.body_count() - d.closed_after
    return Article(
        page=stem,
        index=index,
        title=title,
        paragraphs=d.paragraphs,
        alt_titles=alts,
        bylines=bylines,
        credits=d.credits,
        meta=meta,
    )


def abbreviates_place(token: str, text: str) -> bool:
    """True when ``token`` contracts a place name printed in ``text``.

    Desks sign some pieces with such a contraction (the characters of
    ``银杏新区`` shortened to ``银新``); it is a signature, not a reporter.
    A contraction skips characters, so a token printed whole in the text
    (a person named in the story) is never one.

    >>> abbreviates_place("银新", "银杏新区举办读书会"), abbreviates_place("李明", "银杏新区举办读书会")
    (True, False)
    >>> abbreviates_place("杏新", "银杏新区举办读书会")
    False
    """
    if not token or token in text or not set(token) <= set(text):
        return False  # a contraction's characters are all printed in the text
    for run in _CJK_RUN.findall(text):
        # Only the longest ending at a position matters: a longer place name
        # holds every subsequence a shorter one holds.
        for m in _place_ending_at().finditer(run, 1):
            j, end = m.start(), m.start() + len(m.group(1))
            for i in range(max(0, j - _PLACE_SPAN), j):
                if run[i] == token[0] and _is_subsequence(token[1:], run[i + 1: end]):
                    return True
    return False


@lru_cache(maxsize=1)
def _place_ending_at() -> re.Pattern:
    """Matches (empty) where a place ending starts, capturing the longest one."""
    return re.compile("(?=(" + "|".join(re.escape(s) for s in place_suffixes()) + "))")


def _is_subsequence(small: str, big: str) -> bool:
    """``small``'s characters appear in ``big`` in order.

    >>> _is_subsequence("ac", "abc"), _is_subsequence("ca", "abc")
    (True, False)
    """
    it = iter(big)
    return all(c in it for c in small)
