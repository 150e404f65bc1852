"""Turn a page's text into a sequence of classified lines, with layout repaired.

Print layout breaks lines in the middle of a sentence (``…从社`` /
``区、家庭教育…``), sometimes with a blank line in between, and runs a
byline into the end of the last paragraph (``…272人。 王芳``). Here broken
lines are joined and paragraph-end bylines split off, so that every item is
one whole heading, paragraph, byline, credit or caption.

>>> text = "银杏社区开展读书会\\n\\n今年,社区组织居民读书。从社\\n\\n区到家庭都很热闹。 王芳"
>>> [(l.kind, l.text) for l in page_lines(text)]
[('heading', '银杏社区开展读书会'), ('body', '今年,社区组织居民读书。从社区到家庭都很热闹。'), ('byline', '王芳')]
"""

from __future__ import annotations

from kg.read.lines import JOINERS, Line, classify_line, ends_sentence, split_tail_byline


def page_lines(text: str) -> list[Line]:
    """Classified, repaired lines of a page (blank lines dropped).

    >>> [l.kind for l in page_lines("►书架 银杏社区供图\\n李小明")]
    ['caption', 'byline']
    """
    lines = [classify_line(raw.strip()) for raw in text.split("\n") if raw.strip()]
    lines = _split_spaced_tails(lines)
    lines = _captions_above_credits(lines)
    lines = _join_broken(lines)
    return _split_touching_tails(lines)


def _split_spaced_tails(lines: list[Line]) -> list[Line]:
    """Split ``…。 王芳 李明/文`` into a body line and a byline line.

    >>> [l.kind for l in _split_spaced_tails([classify_line("活动结束。 王芳 李明/文")])]
    ['body', 'byline']
    """
    out: list[Line] = []
    for line in lines:
        tail = split_tail_byline(line.text) if line.kind == "body" else None
        if tail is None:
            out.append(line)
            continue
        head, names, credits = tail
        out.append(Line("body", head.rstrip()))
        out.append(Line("byline", line.text[len(head):].strip(), names, credits))
    return out


def _captions_above_credits(lines: list[Line]) -> list[Line]:
    """A heading-shaped line standing right above a photo credit is a caption.

    >>> [l.kind for l in _captions_above_credits([Line("heading", "孩子们在读书"), Line("credit", "银杏社区供图")])]
    ['caption', 'credit']
    """
    out = list(lines)
    for i in range(len(out) - 1):
        nxt = out[i + 1]
        if out[i].kind == "heading" and (nxt.kind == "credit" or (nxt.kind == "caption" and nxt.credits)):
            out[i] = Line("caption", out[i].text)
    return out


def _join_broken(lines: list[Line]) -> list[Line]:
    """Join a body line that stops mid-sentence with the line that continues it.

    A body line not ending a sentence continues into a following body line;
    it also swallows a following short line when it stops on a comma-like
    mark, since a heading cannot follow a comma.

    >>> [l.text for l in _join_broken([Line("body", "居民参与,共"), Line("body", "建家园。")])]
    ['居民参与,共建家园。']
    >>> [l.kind for l in _join_broken([Line("body", "共建家园。"), Line("heading", "读书会")])]
    ['body', 'heading']
    """
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "body" and not ends_sentence(prev.text) and (
            line.kind == "body" or (line.kind == "heading" and prev.text[-1] in JOINERS)
        ):
            out[-1] = Line("body", _glue(prev.text, line.text))
        else:
            out.append(line)
    return out


def _glue(left: str, right: str) -> str:
    """Concatenate two pieces of one sentence; a space only between Latin words.

    >>> _glue("从社", "区、家庭"), _glue("open", "source")
    ('从社区、家庭', 'open source')
    """
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


def _split_touching_tails(lines: list[Line]) -> list[Line]:
    """Split names that touch the final punctuation (``…。王芳``) of a finished paragraph.

    Only after joining: by then a body line that still does not end a
    sentence is followed by a heading or the page end, so its tail is a byline.

    >>> [l.kind for l in _split_touching_tails([Line("body", "活动结束。王芳")])]
    ['body', 'byline']
    """
    out: list[Line] = []
    for line in lines:
        tail = None
        if line.kind == "body" and not ends_sentence(line.text):
            tail = split_tail_byline(line.text, need_space=False)
        if tail is None:
            out.append(line)
            continue
        head, names, credits = tail
        out.append(Line("body", head))
        out.append(Line("byline", line.text[len(head):].strip(), names, credits))
    return out
