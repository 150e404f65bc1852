"""Reading page files: statuses, hashes, encodings, file discovery."""

import hashlib

import pytest

from kg.errors import InputError
from kg.read import iter_page_files, read_page

PAGE = "银杏社区开展读书会\n\n近日,银杏社区开展读书会,居民踊跃参加。\n\n李小明\n"


def test_read_page_sets_hash_encoding_and_articles(tmp_path):
    f = tmp_path / "p1.txt"
    data = PAGE.encode("gbk")
    f.write_bytes(data)
    page = read_page(f)
    assert (page.status, page.stem, page.encoding) == ("kept", "p1", "gb18030")
    assert page.sha256 == hashlib.sha256(data).hexdigest()
    assert [(a.title, a.bylines, a.page) for a in page.articles] == [("银杏社区开展读书会", ["李小明"], "p1")]


def test_crlf_and_bom_page_reads_like_plain_utf8(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(PAGE.encode("utf-8"))
    b.write_bytes("\ufeff".encode("utf-8") + PAGE.replace("\n", "\r\n").encode("utf-8"))
    pa, pb = read_page(a), read_page(b)
    assert pa.text == pb.text
    assert [x.paragraphs for x in pa.articles] == [x.paragraphs for x in pb.articles]


@pytest.mark.parametrize("data, reason", [(b"", "empty file"), (b"\x00\x01\x02\x03" * 50, "binary content")])
def test_bad_page_is_an_error_page_not_an_exception(tmp_path, data, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    page = read_page(f)
    assert page.status == "error"
    assert reason in page.reason
    assert page.articles == []


def test_missing_file_is_an_error_page(tmp_path):
    page = read_page(tmp_path / "gone.txt")
    assert page.status == "error" and page.reason.startswith("cannot read")


def test_page_of_invisible_characters_is_skipped(tmp_path):
    f = tmp_path / "zw.txt"
    f.write_text("\u200b\u200b\n", encoding="utf-8")
    page = read_page(f)
    assert (page.status, page.reason, page.articles) == ("skipped", "no articles found", [])


def test_text_before_any_headline_is_an_untitled_article_with_a_warning(tmp_path):
    f = tmp_path / "nohead.txt"
    f.write_text("居民们踊跃参加了活动。\n", encoding="utf-8")
    page = read_page(f)
    assert page.status == "kept"
    assert [(a.title, a.paragraphs) for a in page.articles] == [("", ["居民们踊跃参加了活动。"])]
    assert page.warnings == ["nohead#0: no headline found"]


def test_iter_page_files_recursive_sorted_and_deduplicated(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    for rel in ["b/2.txt", "a/9.txt", "a/10.TXT", "c.txt", "notes.md"]:
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = iter_page_files([tmp_path, tmp_path / "c.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/10.TXT", "a/9.txt", "b/2.txt", "c.txt"]


def test_iter_page_files_missing_path_raises(tmp_path):
    with pytest.raises(InputError) as err:
        iter_page_files([tmp_path / "nope"])
    assert "nope" in str(err.value) and "no such file" in err.value.problem
