"""Word lists for the reading stage, loaded from ``kg/resources/read_*.txt``.

Each list is plain UTF-8 text: one entry per line (or several separated by
spaces), ``#`` starts a comment. Lists are read once and cached.

>>> "王" in surnames() and "欧阳" in surnames()
True
>>> "供图" in credit_suffixes()
True
"""

from __future__ import annotations

from functools import lru_cache

from kg.resources import entries, words


def read_entries(name: str) -> list[str]:
    """Entries of one resource file, in file order, comments and blanks removed.

    >>> read_entries("read_caption_marks.txt")[0]
    '►'
    """
    return list(entries(name))


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """Family names, single- and two-character.

    >>> "司马" in surnames(), "的" in surnames()
    (True, False)
    """
    return frozenset(words("surnames.txt"))


@lru_cache(maxsize=None)
def credit_suffixes() -> tuple[str, ...]:
    """Endings of a photo-credit token, longest first.

    >>> "摄影" in credit_suffixes()
    True
    """
    return tuple(sorted(read_entries("read_credit_suffixes.txt"), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=None)
def byline_marks() -> dict[str, tuple[str, ...]]:
    """Role marks around reporter names: ``suffix``, ``prefix`` and ``label`` lists.

    >>> "/文" in byline_marks()["suffix"], "记者" in byline_marks()["label"]
    (True, True)
    """
    marks: dict[str, list[str]] = {"suffix": [], "prefix": [], "label": []}
    for line in read_entries("read_byline_marks.txt"):
        kind, mark = line.split("\t", 1)
        marks[kind].append(mark.strip())
    # longest first so "/图文" is tried before "/图"
    return {k: tuple(sorted(v, key=lambda s: (-len(s), s))) for k, v in marks.items()}


@lru_cache(maxsize=None)
def caption_marks() -> str:
    """Characters that open a photo-caption line.

    >>> "►" in caption_marks()
    True
    """
    return "".join(read_entries("read_caption_marks.txt"))


@lru_cache(maxsize=None)
def place_suffixes() -> tuple[str, ...]:
    """Endings of place names, longest first.

    >>> place_suffixes()[0] in ("街道", "社区", "家园", "嘉园", "花园", "新村")
    True
    """
    return tuple(sorted(read_entries("read_place_suffixes.txt"), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=None)
def place_false_words() -> tuple[str, ...]:
    """Words containing a place ending that are not place names (区域, 城市…).

    >>> "区域" in place_false_words()
    True
    """
    return tuple(read_entries("read_place_false_suffixes.txt"))
