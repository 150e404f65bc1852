"""Decoding page bytes and cleaning text."""

import codecs

import pytest
from hypothesis import given, strategies as st

from kg.errors import InputError
from kg.read import decode_bytes, normalize_text

TEXT = "银杏社区开展“读书会”，居民踊跃参加。\n李小明"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_decodes_common_encodings(data, encoding):
    text, name = decode_bytes(data, "page.txt")
    assert text == TEXT
    assert name == encoding


def test_big5_traditional_text_is_not_mistaken_for_japanese():
    text = "銀杏社區開展讀書會，居民踴躍參加。"
    assert decode_bytes(text.encode("big5"), "p.txt") == (text, "big5")


def test_non_chinese_legacy_text_falls_back_to_detection():
    text, name = decode_bytes("café au lait, crème".encode("latin-1") * 5, "p.txt")
    assert text.startswith("caf") and name


def test_gb18030_only_characters():
    text = "银杏社区𠀀读书会。"  # U+20000 exists only in GB18030, not GBK
    assert decode_bytes(text.encode("gb18030"), "p.txt") == (text, "gb18030")


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty file"),
        (b"  \n\r\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary content"),
        (bytes(range(1, 32)) * 20, "binary content"),
    ],
)
def test_bad_files_raise_input_error_naming_the_file(data, problem):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "dir/bad.txt")
    assert err.value.path == "dir/bad.txt"
    assert problem in err.value.problem
    assert str(err.value).startswith("dir/bad.txt: ")


def test_normalize_line_endings_invisibles_and_controls():
    raw = "\ufeff第一行\r\n第\u200b二\u200d行\r第三\x00行\t尾\u2028末"
    assert normalize_text(raw) == "第一行\n第二行\n第三行\t尾\n末"


def test_normalize_keeps_full_width_punctuation():
    assert normalize_text("“关爱之家”，（试点）") == "“关爱之家”，（试点）"


def test_normalize_replaces_lone_surrogates():
    assert normalize_text("甲\udc80乙") == "甲\ufffd乙"


@given(st.text())
def test_normalize_is_idempotent_and_leaves_no_controls(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once
    assert all(c in "\n\t" or ord(c) >= 0x20 for c in once)


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1))
def test_chinese_text_round_trips_through_gbk_and_utf8(text):
    assert decode_bytes(text.encode("utf-8"), "p")[0] == text
    assert decode_bytes(text.encode("gbk"), "p") == (text, "gb18030")


def test_a_few_damaged_bytes_in_a_long_utf8_page_are_replaced_not_fatal():
    from kg.read import decode_page

    damaged = (TEXT * 5).encode("utf-8") + b"\xff" + (TEXT * 15).encode("utf-8")
    text, name, warnings = decode_page(damaged, "p.txt")
    assert name == "utf-8" and text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == TEXT * 20
    assert warnings == ["1 invalid utf-8 byte sequence(s) replaced by U+FFFD"]


def test_heavily_damaged_utf8_is_not_forced_into_utf8():
    from kg.read import decode_page

    data = b"\xff".join([TEXT.encode("utf-8")] * 3) + b"\xff" * 40
    with pytest.raises(InputError):
        decode_page(data, "p.txt")


def test_bomless_utf16_is_recognised_by_its_nul_bytes():
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode_bytes(TEXT.encode(codec), "p.txt") == (TEXT, codec)


def test_a_stray_nul_in_a_long_text_page_does_not_make_it_binary():
    text, name = decode_bytes((TEXT * 10 + "\x00" + TEXT).encode("utf-8"), "p.txt")
    assert name == "utf-8" and normalize_text(text) == normalize_text(TEXT * 11)
