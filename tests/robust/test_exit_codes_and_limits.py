"""Exit codes, --strict, oversized pages and articles, and what a failed build leaves behind."""

from __future__ import annotations


import pytest

from kg.build import build
from kg.cli import main
from kg.read import read_page
from tests.robust.conftest import BAD, run_kg

GOOD = BAD / "utf8.txt"


@pytest.fixture
def good_page(make_corpus, tmp_path):
    """A folder with one readable page."""
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "p.txt"
    page.write_text(make_corpus.article("银杏社区", "暖心书屋", "松果公益服务社", "李小明"), encoding="utf-8")
    return page


def test_strict_exits_1_when_something_was_skipped(tmp_path):
    run = run_kg(str(BAD), "--strict", out=tmp_path / "out")
    assert run.code == 1
    assert "--strict: 5 files or articles were not kept" in run.stderr
    assert (tmp_path / "out" / "report.json").is_file()  # the outputs are still written


def test_strict_exits_0_when_everything_was_kept(tmp_path):
    assert run_kg(str(GOOD), "--strict", out=tmp_path / "out").code == 0


def test_nothing_readable_exits_2_and_leaves_earlier_outputs(tmp_path):
    out = tmp_path / "out"
    assert run_kg(str(GOOD), out=out).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    run = run_kg(str(BAD / "empty.txt"), str(BAD / "binary.txt"), out=out)
    assert run.code == 2
    assert f"kg: error: {BAD / 'empty.txt'}: empty file" in run.stderr.splitlines()
    assert run.stderr.splitlines()[-1] == "kg: error: no page could be read among 2 files; outputs left as they were"
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_missing_input_exits_2(tmp_path):
    run = run_kg(str(tmp_path / "nope.txt"), out=tmp_path / "out")
    assert run.code == 2 and "nope.txt: no such file or directory" in run.stderr
    assert not (tmp_path / "out").exists()


def test_bad_limit_value_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(GOOD), "--max-page-bytes", "0", "-o", str(tmp_path / "out")])
    assert exit_.value.code == 2
    assert "'0' must be at least 1" in capsys.readouterr().err


def test_huge_one_line_page_is_refused_unread(tmp_path, good_page):
    huge = good_page.parent / "huge.txt"
    with huge.open("wb") as f:  # 50 MB on one line, made here rather than committed
        f.write("银杏社区".encode("utf-8") * (50 * 2**20 // 12))
    assert huge.stat().st_size >= 50 * 10**6
    page = read_page(huge)
    assert page.status == "error"
    assert page.reason == "too large: over 2,000,000 bytes (raise --max-page-bytes to read it)"
    assert page.sha256 == "" and page.text == ""  # refused before reading it all
    run = run_kg(str(good_page.parent), out=tmp_path / "out")
    assert run.code == 0
    assert f"kg: error: {huge}: too large: over 2,000,000 bytes" in run.stderr
    assert [f["status"] for f in run.report["files"]] == ["error", "kept"]


def test_page_size_limit_is_configurable(tmp_path, good_page):
    size = good_page.stat().st_size
    run = run_kg(str(good_page), "--max-page-bytes", str(size - 1), out=tmp_path / "out")
    assert run.code == 2 and f"too large: over {size - 1:,} bytes" in run.stderr
    assert run_kg(str(good_page), "--max-page-bytes", str(size), out=tmp_path / "out").code == 0


def test_overlong_article_is_skipped_with_its_reason_and_others_kept(tmp_path, make_corpus):
    page = tmp_path / "long.txt"
    normal = make_corpus.article("银杏社区", "暖心书屋", "松果公益服务社", "李小明")
    long_body = "居民踊跃参加读书会。" * 6000  # 60,000 characters in one article
    page.write_text(normal + "\n枫叶社区举办读书会\n\n" + long_body + "\n\n王小红\n", encoding="utf-8")
    run = run_kg(str(page), out=tmp_path / "out")
    arts = run.report["articles"]
    assert [a["status"] for a in arts] == ["kept", "skipped"]
    assert arts[1]["reason"].startswith("too long: 60,")
    assert arts[1]["reason"].endswith("> 50,000 (raise --max-article-chars to read it)")
    assert arts[1]["entities"] == 0  # never extracted
    assert f"kg: skipped: {page}: article long#1: too long: 60," in run.stderr


def test_article_limit_is_configurable(tmp_path):
    run = run_kg(str(GOOD), "--max-article-chars", "20", "--strict", out=tmp_path / "out")
    assert run.code == 1
    assert run.report["articles"][0]["reason"].endswith("> 20 (raise --max-article-chars to read it)")


def test_a_crash_in_extraction_costs_one_article_not_the_build(tmp_path, monkeypatch, make_corpus):
    import kg.pagemap

    real = kg.pagemap._pipeline

    def fragile():
        nlp = real()

        def run(article):
            if "枫叶" in article.title:
                raise ValueError("boom")
            return nlp(article)
        return run

    monkeypatch.setattr(kg.pagemap, "_pipeline", fragile)
    page = tmp_path / "two.txt"
    page.write_text(make_corpus.article("银杏社区", "暖心书屋", "松果公益服务社", "李小明") + "\n"
                    + make_corpus.article("枫叶社区", "邻里食堂", "微光志愿服务队", "王小红"), encoding="utf-8")
    lines = []
    result = build([page], tmp_path / "out", warn=lines.append)
    statuses = [(a["status"], a["reason"]) for a in result.report["articles"]]
    assert statuses == [("kept", ""), ("error", "extraction failed: ValueError: boom")]
    assert lines == [f"error: {page}: article two#1: extraction failed: ValueError: boom"]
    assert result.report["articles"][0]["relations"] > 0
