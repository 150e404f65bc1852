"""A build over tests/data/bad: every file is read or reported, one line each, and the rest goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.robust.conftest import BAD

# file → (status, words in the reason, encoding, words in a warning)
EXPECTED = {
    "utf8.txt": ("kept", "", "utf-8", None),
    "utf8_bom_crlf.txt": ("kept", "", "utf-8-sig", None),
    "gbk.txt": ("kept", "", "gb18030", None),
    "gb18030.txt": ("kept", "", "gb18030", None),
    "big5.txt": ("kept", "", "big5", None),
    "utf16le_bom.txt": ("kept", "", "utf-16", None),
    "utf16be_bom.txt": ("kept", "", "utf-16", None),
    "utf16_no_bom.txt": ("kept", "", "utf-16-le", None),
    "utf8_truncated.txt": ("kept", "", "utf-8", "1 invalid utf-8 byte sequence(s) replaced"),
    "utf16_lone_surrogate.txt": ("kept", "", "utf-16", "1 invalid utf-16 byte sequence(s) replaced"),
    "html_wrapped.txt": ("kept", "", "utf-8", "HTML document: markup removed"),
    "hostile.txt": ("kept", "", "utf-8", None),
    "no_text.txt": ("kept", "", "utf-8", "no headline found"),
    "empty.txt": ("error", "empty file", "", None),
    "blank.txt": ("error", "empty file", "", None),
    "binary.txt": ("error", "cannot decode", "", None),
    "x_again/utf8.txt": ("error", "page name utf8 already used by", "utf-8", None),
}


def _files(run) -> dict[str, dict]:
    return {Path(f["file"]).relative_to(BAD).as_posix(): f for f in run.report["files"]}


def test_committed_corpus_is_what_the_script_makes(make_corpus):
    committed = {p.relative_to(BAD).as_posix(): p.read_bytes() for p in BAD.rglob("*.txt")}
    assert committed == make_corpus.corpus()


def test_every_corpus_file_is_in_the_table():
    assert sorted(p.relative_to(BAD).as_posix() for p in BAD.rglob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_gets_its_status_reason_and_encoding(bad_build, name):
    status, reason, encoding, warning = EXPECTED[name]
    entry = _files(bad_build)[name]
    assert (entry["status"], entry["encoding"]) == (status, encoding)
    assert reason in entry["reason"] and bool(entry["reason"]) == bool(reason)
    if warning is None:
        assert entry["warnings"] == []
    else:
        assert any(warning in w for w in entry["warnings"])
    assert (entry["articles"] > 0) == (status == "kept" or name == "x_again/utf8.txt")


def test_build_goes_on_and_exits_0_without_strict(bad_build):
    assert bad_build.code == 0
    t = bad_build.report["totals"]
    assert (t["files"], t["files_kept"]) == (len(EXPECTED), 13)
    assert t["articles"] == sum(f["articles"] for f in bad_build.report["files"])
    assert t["articles_kept"] == t["articles"] - 1  # the page whose name was taken
    assert t["nodes"] > 0


def test_one_stderr_line_names_each_bad_file_and_its_reason(bad_build):
    lines = bad_build.stderr.splitlines()
    assert all(line.startswith("kg: ") for line in lines)
    for name, (status, reason, _, warning) in EXPECTED.items():
        path = str(BAD / name)
        if status != "kept":
            assert [line for line in lines if line == f"kg: {status}: {path}: " + _files(bad_build)[name]["reason"]]
            assert reason in _files(bad_build)[name]["reason"]
        if warning:
            assert [line for line in lines if line.startswith(f"kg: warning: {path}: ") and warning in line]
        if status == "kept" and not warning:
            assert not [line for line in lines if f" {path}: " in line]


def test_report_lists_every_article_of_every_file_with_its_status(bad_build):
    report = bad_build.report
    per_file = {}
    for art in report["articles"]:
        per_file[art["file"]] = per_file.get(art["file"], 0) + 1
        if art["file"] == str(BAD / "x_again/utf8.txt"):
            assert art["status"] == "error" and "page name utf8 already used" in art["reason"]
            assert art["entities"] == 0  # not extracted
        else:
            assert art["status"] == "kept" and art["reason"] == ""
    assert per_file == {f["file"]: f["articles"] for f in report["files"] if f["articles"]}


def test_extraction_file_for_each_kept_page_and_none_for_the_rest(bad_build):
    written = sorted(p.name for p in (bad_build.out / "extractions").iterdir())
    kept = sorted(Path(n).stem + ".json" for n, e in EXPECTED.items() if e[0] == "kept")
    assert written == kept
    # utf8.json is utf8.txt's, not the same-named page in x_again/ (which would overwrite it).
    titles = [a["title"] for a in json.loads((bad_build.out / "extractions" / "utf8.json").read_text())["articles"]]
    assert titles == ["银杏社区启用“暖心书屋”"]


def test_encodings_give_the_same_articles(bad_build):
    by_file = {Path(a["file"]).name: a for a in bad_build.report["articles"]}
    assert by_file["gbk.txt"]["title"] == "银杏社区启用“邻里食堂”"
    assert by_file["gb18030.txt"]["title"] == "梧桐社区启用“𠀀书屋”"
    assert by_file["big5.txt"]["title"] == "樟樹社區啟用“書香驛站”"
    assert by_file["utf16be_bom.txt"]["title"] == "樟树社区启用“邻里食堂”"
    assert by_file["utf16_no_bom.txt"]["title"] == "杏林社区启用“暖心书屋”"
    assert by_file["utf8_bom_crlf.txt"]["title"] == "枫叶社区启用“书香驿站”"
    for name in ("gbk.txt", "utf16le_bom.txt", "utf16_no_bom.txt", "html_wrapped.txt"):
        assert by_file[name]["bylines"] and by_file[name]["relations"] > 0, name


def test_damaged_bytes_become_replacement_characters(bad_build):
    arts = {Path(a["file"]).name: a for a in bad_build.report["articles"]}
    assert arts["utf16_lone_surrogate.txt"]["title"] == "桃\ufffd社区启用“暖心书屋”"
    assert arts["utf8_truncated.txt"]["bylines"] == []  # the cut-off byline is no longer a name


def test_html_page_is_read_as_its_visible_text():
    from kg.read import read_page

    page = read_page(BAD / "html_wrapped.txt")
    assert page.text.splitlines()[0] == "竹林社区启用“邻里食堂”"
    assert "午餐&晚餐" in page.text  # entities decoded
    for hidden in ("页面标题", "不是正文", "color", "<p>", "<!DOCTYPE"):
        assert hidden not in page.text
    assert page.articles[0].bylines == ["陈小兰"]


def test_markup_inside_a_plain_text_page_is_kept_as_text(make_corpus):
    from kg.read import read_page

    page = read_page(BAD / "hostile.txt")
    assert make_corpus.HOSTILE_NAME in page.text
    assert not [w for w in page.warnings if "HTML" in w]
