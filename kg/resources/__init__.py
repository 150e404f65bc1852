"""Knowledge as data: gazetteers, suffix tables, cue words, word lists.

Every file is UTF-8 text; ``#`` starts a comment line; blank lines are
ignored. ``.txt`` files hold one entry per line (or several separated by
spaces where the header says so); ``.tsv`` files hold tab-separated columns.

>>> "街道" in [row[0] for row in rows("place_suffixes.tsv")]
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a resource file, stripped, in file order."""
    text = resources.files(__name__).joinpath(name).read_text("utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


def words(name: str) -> tuple[str, ...]:
    """All space-separated entries of a resource file."""
    return tuple(w for line in entries(name) for w in line.split())


def rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a ``.tsv`` resource file."""
    return [line.split("\t") for line in entries(name)]
