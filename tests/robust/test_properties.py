"""Property-based: any page bytes or text is read or reported, never crashes, never vanishes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.build import build
from kg.errors import KgError
from kg.read import read_page
from kg.vocab import NEWS_ARTICLE, RDF
from tests.robust.conftest import check_outputs

# Pieces of a plausible page (invented names) and of hostile text, mixed with
# arbitrary Unicode so that headlines, bodies and bylines actually occur.
PLAUSIBLE = [
    "银杏社区启用“暖心书屋”", "近日，青松区白桦街道银杏社区“暖心书屋”正式启用。", "书屋由松果公益服务社运营，",
    "为社区独居老人提供服务。", "松果科技公司向银杏社区捐赠图书500册。", "李小明", "王小红",
    "\n", "\n\n", "“", "”", "，", "。", "长" * 300,
]
HOSTILE = ["<script>", "</script>", "<img src=x onerror=alert(1)>", '"', "'", "\\", "\u2028", "\ufeff",
           "\x00", "\x1b", "\ud800", "{{APP_JS}}", "]]>", "<!DOCTYPE html>"]
# Plausible pieces are drawn twice as often as the others, so most pages have articles.
page_text = st.lists(
    st.one_of(st.sampled_from(PLAUSIBLE), st.sampled_from(PLAUSIBLE), st.sampled_from(HOSTILE), st.text(max_size=10)),
    min_size=1, max_size=40,
).map("".join)
ENCODINGS = {"utf-8": "surrogatepass", "utf-16": "surrogatepass", "gb18030": "replace"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_or_reported(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.txt"
        path.write_bytes(data)
        page = read_page(path)
    assert page.status in ("kept", "skipped", "error")
    assert bool(page.reason) == (page.status != "kept")
    assert "\n" not in page.reason
    if page.status == "kept":
        assert page.articles and all(a.id.startswith("p#") for a in page.articles)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_text, st.sampled_from(sorted(ENCODINGS)))
def test_any_page_builds_or_is_reported_and_nothing_is_dropped(text, encoding):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.txt"
        path.write_bytes(text.encode(encoding, errors=ENCODINGS[encoding]))
        found = read_page(path)
        event(f"page {found.status}, {min(len(found.articles), 2)}+ articles {found.reason[:30]}")
        out = Path(tmp) / "out"
        try:
            result = build([path], out)
        except KgError as err:
            # Nothing readable: the page itself says why, and no output was written.
            assert found.status != "kept" and found.reason
            assert str(err).startswith("no page could be read among 1 files")
            assert not out.exists() or not any(out.iterdir())
            return
        report = result.report
        assert [f["status"] for f in report["files"]] == ["kept"]
        # Every article the reader found is in the report, none failed extraction.
        assert len(report["articles"]) == len(found.articles) == report["files"][0]["articles"]
        assert [a["title"] for a in report["articles"]] == [a.title for a in found.articles]
        assert all(a["status"] == "kept" or a["reason"].startswith("too long") for a in report["articles"])
        kept = [a for a in report["articles"] if a["status"] == "kept"]
        extraction = json.loads((out / "extractions" / "p.json").read_text(encoding="utf-8"))
        assert len(extraction["articles"]) == len(kept)
        check_outputs(out)
        g = Graph().parse(out / "graph.ttl", format="turtle")
        assert len(set(g.subjects(RDF.type, NEWS_ARTICLE))) == len(kept)
