"""HTML-wrapped pages: a saved web page instead of plain text.

Archives sometimes hold a page saved from a browser (``<!DOCTYPE html>…``)
under a ``.txt`` name. Such a file is recognised only by its *start* — a
doctype, ``<html>`` or an XML declaration followed by ``<html>`` — so an
article whose text merely contains markup (``<script>`` quoted in a story)
is never mistaken for one and stays data. The page is turned into text with
the standard library's :mod:`html.parser`: ``<script>``, ``<style>`` and the
``<head>`` are dropped, block elements end a line, entities are decoded.

>>> is_html_document("<!DOCTYPE html><html><body><p>银杏社区</p></body></html>")
True
>>> is_html_document("银杏社区 <script>alert(1)</script>")
False
>>> html_to_text("<html><head><title>t</title></head><body><h1>标题</h1><p>甲&amp;乙<br>丙</p></body></html>")
'标题\\n甲&乙\\n丙'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["is_html_document", "html_to_text"]

# Only the document's opening counts: optional BOM/whitespace and comments,
# then a doctype, <html, or an XML declaration (XHTML) before <html.
_DOCUMENT_START = re.compile(
    r"\A[\ufeff\s]*(?:<!--.*?-->\s*)*(?:<!doctype\s+html\b|<html[\s>]|<\?xml[^>]*>\s*(?:<!doctype\s+html\b|<html[\s>]))",
    re.IGNORECASE | re.DOTALL,
)

#: Elements whose content is never page text.
_SKIP = frozenset({"script", "style", "head", "template", "noscript", "svg", "iframe", "object"})
#: Elements that start and end a line of text.
_BLOCK = frozenset({
    "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section", "article",
    "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure",
    "figcaption", "main", "nav", "aside", "td", "th", "caption", "address", "body", "html",
})


def is_html_document(text: str) -> bool:
    """True when ``text`` starts like a whole HTML document (not just containing tags).

    >>> is_html_document("\\ufeff  <!-- saved --> <HTML lang='zh'>")
    True
    >>> is_html_document("<p>一段</p>")
    False
    """
    return _DOCUMENT_START.match(text[:4096]) is not None


class _TextCollector(HTMLParser):
    """Collects the visible text, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, blocks on their own lines, blank lines dropped.

    >>> html_to_text("<body><p>甲</p><script>var x='<p>乙</p>'</script><style>p{}</style><p> 丙 </p></body>")
    '甲\\n丙'
    """
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
