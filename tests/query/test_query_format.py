"""Result formats: aligned CJK table, SPARQL 1.1 CSV and JSON that standard parsers read."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.query.sparql import QueryError, format_results
from kg import vocab

VARS = ["name", "amount", "iri", "note"]
ROWS = [
    [Literal("银杏社区", lang="zh"), Literal("7000.0", datatype=vocab.XSD.decimal),
     URIRef("https://w3id.org/civic-kg/id/community/%E9%93%B6"), None],
    [Literal("ab"), Literal(3), URIRef("http://example.org/x"), Literal('say "hi",\nok')],
]


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_table_columns_line_up_with_cjk():
    text = format_results(VARS, ROWS, "table")
    lines = text.splitlines()
    assert lines[-1] == "(2 rows)"
    # The second column starts at the same display offset on every line.
    header, rule, first, second = lines[:4]
    offset = _display_width(rule.split("  ")[0]) + 2
    for line in (header, first, second):
        prefix = ""
        for ch in line:
            if _display_width(prefix) >= offset:
                break
            prefix += ch
        assert _display_width(prefix) == offset
    assert "kgid:community/银" in first  # IRIs are shortened and decoded for reading
    assert "\n" not in second.replace("\n", "") and "⏎" in second


def test_long_cells_are_cut():
    text = format_results(["x"], [[Literal("长" * 500)]], "table")
    assert "…" in text and len(text) < 300


def test_csv_reads_back():
    text = format_results(VARS, ROWS, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == VARS
    assert rows[1] == ["银杏社区", "7000.0", "https://w3id.org/civic-kg/id/community/%E9%93%B6", ""]
    assert rows[2][3] == 'say "hi",\nok'
    assert text.endswith("\r\n") and text.count("\r\n") == 3  # CRLF records, per the spec


def test_json_is_sparql_results_json():
    text = format_results(VARS, ROWS, "json")
    doc = json.loads(text)
    assert doc["head"]["vars"] == VARS
    first, second = doc["results"]["bindings"]
    assert first["name"] == {"type": "literal", "value": "银杏社区", "xml:lang": "zh"}
    assert first["amount"]["datatype"] == str(vocab.XSD.decimal)
    assert first["iri"]["type"] == "uri"
    assert "note" not in first
    assert "datatype" not in second["name"]
    parsed = list(ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.JSON))
    assert parsed[0]["name"] == ox.Literal("银杏社区", language="zh")
    assert parsed[1]["note"].value == 'say "hi",\nok'


def test_unknown_format():
    with pytest.raises(QueryError):
        format_results(VARS, ROWS, "xml")
