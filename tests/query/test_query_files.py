"""The bundled .rq files: documented, prefixes from kg.vocab, parameters declared, ordered."""

from __future__ import annotations

import re

import pytest

from kg.query.sparql import list_queries, load_query, query_params, queries_dir
from kg.vocab import PREFIXES

NAMES = list_queries()


def _body(text: str) -> str:
    return re.sub(r"(?m)^\s*#.*$", "", text)


def test_directory_has_ten_or_more_queries():
    assert queries_dir().is_dir()
    assert len(NAMES) >= 10


@pytest.mark.parametrize("name", NAMES)
def test_header_comment_says_what_it_asks_and_its_parameters(name):
    text = load_query(name)
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert len(header) >= 3, "a comment header describes the query"
    assert any("@param" in line or "Parameters: none" in line for line in header)


@pytest.mark.parametrize("name", NAMES)
def test_prefixes_match_the_vocabulary(name):
    declared = re.findall(r"(?im)^\s*PREFIX\s+(\w*):\s*<([^>]*)>", load_query(name))
    assert declared
    for prefix, iri in declared:
        assert prefix in PREFIXES and str(PREFIXES[prefix]) == iri, prefix


@pytest.mark.parametrize("name", NAMES)
def test_parameters_are_declared_and_only_written_with_dollar(name):
    text = load_query(name)
    body = _body(text)
    used = set(re.findall(r"\$(\w+)", body))
    assert used == set(query_params(text))
    for param in used:
        # ?x and $x are one variable in SPARQL; using ?x for something else would capture it.
        assert not re.search(rf"\?{param}\b", body), param


@pytest.mark.parametrize("name", NAMES)
def test_every_query_is_ordered(name):
    assert re.search(r"(?i)\bORDER\s+BY\b", _body(load_query(name)))
