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
from kg.read.decode import decode_bytes, normalize_text
from kg.read.segment import split_articles

__all__ = ["read_page", "iter_page_files"]

#: File suffix of page files found in folders (compared case-insensitively).
PAGE_SUFFIX = ".txt"


def read_page(path: str | Path) -> Page:
    """Read one page file. Never raises: a bad file gives ``status="error"``.

    >>> read_page("/nonexistent/x.txt").status
    'error'
    """
    path = Path(path)
    page = Page(path=str(path), stem=path.stem)
    try:
        data = path.read_bytes()
    except OSError as err:
        page.status, page.reason = "error", f"cannot read: {err.strerror or err}"
        return page
    page.sha256 = hashlib.sha256(data).hexdigest()
    try:
        raw, page.encoding = decode_bytes(data, str(path))
    except InputError as err:
        page.status, page.reason = "error", err.problem
        return page
    page.text = normalize_text(raw)
    page.articles = split_articles(page.text, page.stem)
    if not page.articles:
        page.status, page.reason = "skipped", "no articles found"
    for art in page.articles:
        if not art.title:
            page.warnings.append(f"{art.id}: no headline found")
    return page


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
