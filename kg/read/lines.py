"""What one printed line of a page is: heading, body text, byline, credit or caption.

Rules are about shape, not content: a heading is short and has no
sentence-final punctuation; a byline line is a few 2–4-character names, at
least one starting with a family name; a credit token ends in 供图/摄影;
a caption opens with ►.

>>> classify_line("银杏社区开展读书会").kind
'heading'
>>> classify_line("李小明 王芳/文 银杏街道供图").names
['李小明', '王芳']
>>> classify_line("►孩子们在读书 银杏社区供图").kind
'caption'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.read.lexicon import (
    byline_marks,
    caption_marks,
    credit_suffixes,
    place_false_words,
    place_suffixes,
    surnames,
)

#: Characters that end a sentence (a closing quote or bracket may follow them).
TERMINALS = "。！？!?；;…"
#: Closing marks that may stand after a terminal.
CLOSERS = "”’」』）)》"
#: Characters after which a line cannot end a paragraph: the clause goes on.
JOINERS = "，,、：:（(“‘「『《—-·"
#: Longest printed heading part (characters) before a line counts as body text.
MAX_HEADING_PART = 24

# A byline tail is a handful of names and credits: look no further back.
_MAX_TAIL = 80

_CJK = "\u4e00-\u9fff"
_NAME_RE = re.compile(f"^[{_CJK}]{{2,4}}$")


@dataclass
class Line:
    """One non-blank line, classified.

    ``kind`` is ``heading``, ``body``, ``byline``, ``credit`` or ``caption``.
    ``names``/``credits`` hold what a byline or credit line carries.
    """

    kind: str
    text: str
    names: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closers allowed after it).

    >>> ends_sentence("好。”"), ends_sentence("好,"), ends_sentence("好")
    (True, False, False)
    """
    core = text.rstrip().rstrip(CLOSERS)
    return bool(core) and core[-1] in TERMINALS


def is_credit(token: str) -> bool:
    """A photo-credit token such as ``某某街道供图``.

    >>> is_credit("银杏街道供图"), is_credit("供图"), is_credit("李小明")
    (True, False, False)
    """
    return any(token.endswith(s) and len(token) > len(s) for s in credit_suffixes()) and len(token) <= 20


def strip_marks(token: str) -> str:
    """Remove role marks such as ``/文`` or ``文/`` around a name.

    >>> strip_marks("王芳/文"), strip_marks("文/王芳"), strip_marks("王芳")
    ('王芳', '王芳', '王芳')
    """
    marks = byline_marks()
    for mark in marks["suffix"]:
        if token.endswith(mark):
            return token[: -len(mark)]
    for mark in marks["prefix"]:
        if token.startswith(mark):
            return token[len(mark):]
    return token


def has_surname(name: str) -> bool:
    """True when ``name`` starts with a family name.

    >>> has_surname("李小明"), has_surname("欧阳明"), has_surname("的确")
    (True, True, False)
    """
    return name[:1] in surnames() or name[:2] in surnames()


def looks_like_name(token: str) -> bool:
    """A 2–3-character CJK token (4 with a two-character surname) not ending like a place.

    >>> looks_like_name("王芳"), looks_like_name("银杏社区"), looks_like_name("王")
    (True, False, False)
    >>> looks_like_name("欧阳小明"), looks_like_name("丰富生活")
    (True, False)
    """
    if not _NAME_RE.match(token) or token.endswith(place_suffixes()):
        return False
    return len(token) < 4 or token[:2] in surnames()


_BRACKETED = re.compile(r"[(（]\s*([^()（）]{2,60}?)\s*[)）]")
# 本报讯(记者 某某 通讯员 某某): a byline opening the lead paragraph.
_LEAD_BYLINE = re.compile(r"^(?:本报讯|本报|讯|记者|通讯员)?\s*([(（][^()（）]{2,60}[)）])\s*")


def split_lead_byline(text: str) -> tuple[list[str], str] | None:
    """Names of a byline printed at the start of a lead paragraph, and the rest.

    >>> split_lead_byline("本报讯(记者 李小明 通讯员 王芳)近日,银杏社区开展活动。")
    (['李小明', '王芳'], '近日,银杏社区开展活动。')
    >>> split_lead_byline("(一)组织开展活动。") is None
    True
    """
    m = _LEAD_BYLINE.match(text)
    if m is None:
        return None
    parsed = parse_byline(m.group(1))
    if parsed is None or not parsed[0]:
        return None
    return parsed[0], text[m.end():]


def parse_byline(text: str) -> tuple[list[str], list[str]] | None:
    """Split a run of byline tokens into ``(names, credits)``; ``None`` if it is not one.

    Every whitespace-separated token must be a name (marks stripped), a
    role label (记者) or a credit, and at least one name must start with a
    family name.

    >>> parse_byline("李小明 王芳/文 银杏街道供图")
    (['李小明', '王芳'], ['银杏街道供图'])
    >>> parse_byline("银杏街道供图")
    ([], ['银杏街道供图'])
    >>> parse_byline("开展活动 丰富生活") is None
    True
    >>> parse_byline("(记者 李小明 通讯员 王芳)")
    (['李小明', '王芳'], [])
    >>> parse_byline("银杏日报记者 李小明 通讯员 王芳")
    (['李小明', '王芳'], [])
    """
    names: list[str] = []
    credits: list[str] = []
    labels = byline_marks()["label"]
    inner = _BRACKETED.fullmatch(text.strip())
    if inner:
        text = inner.group(1)  # (记者 某某 通讯员 某某)
        if not any(text.lstrip().startswith(label) for label in labels):
            return None
    tokens = text.split()
    if not tokens:
        return None
    for token in tokens:
        if token in labels:
            continue
        if any(token.endswith(label) and len(token) > len(label) for label in ("记者", "通讯员")) \
                and any(token.endswith(w) for w in ("报记者", "社记者", "台记者", "网记者", "本报记者", "报通讯员")):
            continue  # 某某日报记者: the outlet and the role, not a name
        if is_credit(token):
            credits.append(token)
            continue
        name = strip_marks(token)
        if not looks_like_name(name):
            return None
        names.append(name)
    if names and not any(has_surname(n) for n in names):
        return None
    if not names and not credits:
        return None
    return names, credits


def is_heading_shape(text: str) -> bool:
    """Short, no sentence-final punctuation anywhere, not cut off mid-clause.

    >>> is_heading_shape("银杏社区:书香满园,邻里同乐")
    True
    >>> is_heading_shape("今年,银杏社区开展读书会。社区")
    False
    >>> is_heading_shape("银杏社区开展读书会,")
    False
    """
    if any(c in TERMINALS for c in text):
        return False
    if text[-1] in JOINERS:
        return False
    return all(len(part) <= MAX_HEADING_PART for part in text.split())


def place_at_start(text: str) -> bool:
    """True when a heading opens with a place name (``某某街道…``, ``某某村…``).

    The place ending must come within the first ten characters, after at
    least two CJK characters, with no punctuation before it; endings that
    belong to words such as 区域 or 城市 do not count.

    >>> place_at_start("银杏街道开展读书会"), place_at_start("联动区域力量")
    (True, False)
    >>> place_at_start("读书会,构筑社区新风尚")
    False
    """
    run = re.match(f"[{_CJK}]+", text)
    if not run:
        return False
    head = run.group(0)[:10]
    for i in range(2, len(head)):
        for suffix in place_suffixes():
            if head.startswith(suffix, i) and not _in_false_word(head, i, suffix):
                return True
    return False


def is_bare_place(text: str) -> bool:
    """True when the whole line is just a place name (a section label, not a headline).

    >>> is_bare_place("银杏街道"), is_bare_place("银杏街道开展读书会")
    (True, False)
    """
    return bool(re.fullmatch(f"[{_CJK}]{{2,8}}", text)) and text.endswith(place_suffixes())


def _in_false_word(text: str, i: int, suffix: str) -> bool:
    """True when the ending at ``text[i]`` is part of a non-place word like 区域."""
    for word in place_false_words():
        k = word.find(suffix)
        if k >= 0 and i - k >= 0 and text.startswith(word, i - k):
            return True
    return False


def classify_line(text: str) -> Line:
    """Classify one stripped, non-blank line.

    >>> classify_line("王芳").kind, classify_line("王芳 李小明").names
    ('byline', ['王芳', '李小明'])
    >>> classify_line("银杏街道供图").kind
    'credit'
    >>> classify_line("今年,银杏社区开展读书会。").kind
    'body'
    """
    if text[0] in caption_marks():
        return _caption(text[1:].strip())
    parsed = parse_byline(text)
    if parsed is not None:
        names, credits = parsed
        return Line("byline" if names else "credit", text, names, credits)
    parts = text.rsplit(None, 1)
    if len(parts) == 2 and is_credit(parts[1]) and is_heading_shape(parts[0]):
        return _caption(text)
    lead = split_lead_byline(text)
    if lead is not None:
        return Line("body", lead[1], names=lead[0])  # the byline opens the lead paragraph
    if is_heading_shape(text):
        return Line("heading", text)
    return Line("body", text)


def _caption(text: str) -> Line:
    """A caption line, with a trailing credit token split off."""
    parts = text.rsplit(None, 1)
    if len(parts) == 2 and is_credit(parts[1]):
        return Line("caption", parts[0], credits=[parts[1]])
    return Line("caption", text)


_TAIL_CUT = re.compile("[" + re.escape(TERMINALS + CLOSERS) + "]")


def split_tail_byline(text: str, need_space: bool = True) -> tuple[str, list[str], list[str]] | None:
    """Split names (and credits) printed at the end of a paragraph.

    The tail must follow sentence-final punctuation; with ``need_space`` it
    must also be set off by whitespace (``…。 王芳``), otherwise it may touch
    the punctuation (``…。王芳``).

    >>> split_tail_byline("读书会圆满结束。 李小明 王芳/文 银杏街道供图")
    ('读书会圆满结束。', ['李小明', '王芳'], ['银杏街道供图'])
    >>> split_tail_byline("读书会圆满结束。王芳", need_space=False)
    ('读书会圆满结束。', ['王芳'], [])
    >>> split_tail_byline("读书会圆满结束。王芳") is None
    True
    """
    best = None
    start = max(0, len(text) - _MAX_TAIL)
    for mark in _TAIL_CUT.finditer(text, start):  # the characters a tail may follow
        i = mark.start()
        head, tail = text[: i + 1], text[i + 1:]
        if not tail.strip() or not ends_sentence(head):
            continue
        if need_space and not tail[0].isspace():
            continue
        parsed = parse_byline(tail)
        if parsed is not None and parsed[0]:
            best = (head, parsed[0], parsed[1])
            break  # the first cut that leaves a pure byline tail is the longest tail
    return best
