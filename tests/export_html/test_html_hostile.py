"""Article text is data: it can neither break the page nor run."""

from __future__ import annotations

import json
import re

from kg.export.html import render_html, script_json, write_html


def test_hostile_text_never_appears_raw(hostile_graph, hostile):
    page = render_html(hostile_graph)
    assert hostile not in page
    assert "<img" not in page.lower()
    assert page.lower().count("</script>") == 3  # data, vis, app: no extra closer
    assert "\u2028" not in page and "\u2029" not in page


def test_hostile_text_round_trips_as_data(hostile_graph, hostile):
    page = render_html(hostile_graph)
    block = re.search(r'id="kg-data">(.*?)</script>', page, re.DOTALL).group(1)
    data = json.loads(block)
    names = sorted(n["name"] for n in data["nodes"])
    assert names[0].startswith(hostile)
    assert "梧桐\u2028社区\u2029\ufffd" in names  # lone surrogate replaced, rest kept
    edge = data["edges"][0]
    assert edge["evidence"] == hostile + "捐赠 {{APP_JS}} <!-- \\"
    assert edge["amount_yuan"] is None  # NaN would make the JSON unparseable
    assert data["articles"]["h#0"] == hostile + "标题"


def test_placeholder_in_data_is_not_expanded(hostile_graph):
    page = render_html(hostile_graph)
    # Our app script is inlined once; the "{{APP_JS}}" inside evidence stays literal.
    assert page.count("function nodeCard(") == 1


def test_hostile_page_writes_as_utf8(hostile_graph, tmp_path):
    path = tmp_path / "h.html"
    write_html(hostile_graph, path)
    assert "梧桐" in path.read_text(encoding="utf-8")


def test_script_json_escapes_markup_and_separators():
    text = script_json({"s": "</script>&<!--\u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"s": "</script>&<!--\u2028\u2029"}
