"""Page files → :class:`~kg.document.Page` s: find the files, read, decode, split.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("银杏社区开展读书会\\n今年,社区组织居民读书。 李小明", encoding="utf-8")
>>> page = read_page(d / "a.txt")
>>> page.status, page.encoding, [a.title for a in page.articles], page.articles[0].bylines
('kept', 'utf-8', ['银杏社区开展读书会'], ['李小明'])
>>> [p.name for p in iter_page_files([d])]
['a.txt']
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.document import Page
from kg.errors import InputError
from kg.read.decode import decode_page, normalize_text
from kg.read.html_text import html_to_text, is_html_document
from kg.read.segment import split_articles

__all__ = ["read_page", "iter_page_files", "MAX_PAGE_BYTES", "MAX_ARTICLE_CHARS"]

#: File suffix of page files found in folders (compared case-insensitively).
PAGE_SUFFIX = ".txt"

#: Larger files are not read (``kg build --max-page-bytes``). News pages are
#: 10–20 KB; a file this big is a dump or an accident, and reading it would
#: hold the build for minutes.
MAX_PAGE_BYTES = 2_000_000
#: Longer articles are skipped (``kg build --max-article-chars``): extraction
#: time grows faster than linearly with article length (bench/bad_input.py).
MAX_ARTICLE_CHARS = 50_000


def read_page(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES,
              max_article_chars: int = MAX_ARTICLE_CHARS) -> Page:
    """Read one page file. Never raises: a bad file gives ``status="error"``.

    >>> read_page("/nonexistent/x.txt").status
    'error'
    """
    path = Path(path)
    page = Page(path=str(path), stem=path.stem)
    data = _read_bytes(path, max_bytes, page)
    if data is None:
        return page
    page.sha256 = hashlib.sha256(data).hexdigest()
    try:
        raw, page.encoding, page.warnings = decode_page(data, str(path))
    except InputError as err:
        page.status, page.reason = "error", err.problem
        return page
    if is_html_document(raw):
        raw = html_to_text(raw)
        page.warnings.append("HTML document: markup removed, its text read")
    page.text = normalize_text(raw)
    page.articles = split_articles(page.text, page.stem)
    if not page.articles:
        page.status, page.reason = "skipped", "no articles found"
    for art in page.articles:
        if not art.title:
            page.warnings.append(f"{art.id}: no headline found")
        _limit_length(art, max_article_chars)
    return page


def _read_bytes(path: Path, max_bytes: int, page: Page) -> bytes | None:
    """The file's bytes, or ``None`` with ``page`` marked as an error (unreadable, too large).

    Reads at most ``max_bytes + 1`` bytes, so a huge or endless file costs nothing.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        page.status, page.reason = "error", f"cannot read: {err.strerror or err}"
        return None
    if len(data) > max_bytes:
        page.status = "error"
        page.reason = f"too large: over {max_bytes:,} bytes (raise --max-page-bytes to read it)"
        return None
    return data


def _limit_length(art, max_chars: int) -> None:
    """Skip an article longer than ``max_chars`` characters, saying why.

    >>> from kg.document import Article
    >>> a = Article(page="p", index=0, title="题", paragraphs=["长" * 20])
    >>> _limit_length(a, 10); a.status, a.reason
    ('skipped', 'too long: 22 characters > 10 (raise --max-article-chars to read it)')
    """
    size = len(art.text)
    if size > max_chars:
        art.status = "skipped"
        art.reason = f"too long: {size:,} characters > {max_chars:,} (raise --max-article-chars to read it)"


def iter_page_files(inputs: list[str | Path]) -> list[Path]:
    """Page files named by ``inputs``: files as given, folders searched recursively.

    Files inside a folder are those ending in ``.txt``, sorted by their path
    relative to the folder; a file reached twice is listed once.
    Raises :class:`~kg.errors.InputError` for a path that does not exist.

    >>> iter_page_files(["/nonexistent"])
    Traceback (most recent call last):
    kg.errors.InputError: /nonexistent: no such file or directory
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for item in inputs:
        root = Path(item)
        if root.is_dir():
            files = sorted(
                (p for p in root.rglob("*") if p.is_file() and p.suffix.lower() == PAGE_SUFFIX),
                key=lambda p: p.relative_to(root).as_posix(),
            )
        elif root.is_file():
            files = [root]
        else:
            raise InputError(str(item), "no such file or directory")
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                found.append(f)
    return found
