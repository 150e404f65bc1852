"""Pick an article's main title among the headline lines printed above it.

Pages print a kicker or sub-headline beside the headline, above or below it,
or on the same line after a space (``主标题 副标题``). The main title is the
one that names the actor: it opens with a place name (``某某街道…``,
``某某村…``); a slogan-like kicker (``筑梦童年,搭建平台``) does not. When
no line opens with a place, the first printed line wins.

>>> choose_title(["书香满园,邻里同乐", "银杏社区开展读书会"])
('银杏社区开展读书会', ['书香满园,邻里同乐'])
>>> choose_title(["银杏社区开展读书会活动了 书香满园,邻里同乐共成长"])
('银杏社区开展读书会活动了', ['书香满园,邻里同乐共成长'])
>>> choose_title(["银杏街道", "书香满园,邻里同乐"])
('书香满园,邻里同乐', ['银杏街道'])
"""

from __future__ import annotations

import re

from kg.read.lines import is_bare_place, place_at_start

#: Both halves of a one-line ``主标题 副标题`` must be at least this long;
#: shorter halves are a single headline printed with a space (``甲乙 丙丁``).
MIN_HALF = 12

_QUOTES = re.compile("[“”‘’\"'「」『』]")


def split_headline(line: str, body: str = "") -> list[str]:
    """Split a one-line ``headline sub-headline`` into its two parts.

    Not split when either half is short, or when the whole line (quotes
    aside) is quoted in the body, as a slogan or event name.

    >>> split_headline("银杏社区开展读书会活动了 书香满园邻里同乐共成长啦")
    ['银杏社区开展读书会活动了', '书香满园邻里同乐共成长啦']
    >>> split_headline("书香满园 邻里同乐")
    ['书香满园 邻里同乐']
    >>> split_headline("银杏社区开展读书会活动了 书香满园邻里同乐共成长啦", "举办“银杏社区开展读书会活动了 书香满园邻里同乐共成长啦”")
    ['银杏社区开展读书会活动了 书香满园邻里同乐共成长啦']
    """
    parts = line.split()
    if len(parts) != 2 or min(len(p) for p in parts) < MIN_HALF:
        return [line]
    if _QUOTES.sub("", line) in _QUOTES.sub("", body):
        return [line]
    return parts


def choose_title(lines: list[str], body: str = "") -> tuple[str, list[str]]:
    """Return ``(title, alt_titles)`` from the headline lines in print order.

    >>> choose_title(["银杏社区开展读书会"])
    ('银杏社区开展读书会', [])
    >>> choose_title([])
    ('', [])
    """
    candidates = [part for line in lines for part in split_headline(line, body)]
    if not candidates:
        return "", []
    # a bare place name ("某某街道") is a section label, the title only if alone
    worded = [i for i, c in enumerate(candidates) if not is_bare_place(c)] or [0]
    with_place = [i for i in worded if place_at_start(candidates[i])]
    pick = with_place[0] if with_place else worded[0]
    return candidates[pick], candidates[:pick] + candidates[pick + 1:]
