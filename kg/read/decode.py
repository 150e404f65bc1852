"""Bytes → text: guess the encoding of a page file and clean the text.

Local news pages arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, or
a legacy Chinese code page. For the latter we try GB18030 first: it is a
superset of GB2312/GBK, and statistical detectors often mistake short Chinese
texts for look-alike codecs (Big5, Shift-JIS, EUC-KR).

>>> decode_bytes("社区".encode("gbk"), "p.txt")
('社区', 'gb18030')
>>> decode_page("社区街道".encode()[:-1], "p.txt")
('社区街\ufffd', 'utf-8', ['1 invalid utf-8 byte sequence(s) replaced by U+FFFD'])
>>> normalize_text("甲\\r\\n乙\\u200b\\r丙")
'甲\\n乙\\n丙'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from kg.errors import InputError

# BOMs, longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy Chinese code pages, tried in order before any statistical guess:
# GB18030 (superset of GB2312/GBK) for simplified text, then Big5.
_LEGACY_CHINESE = ("gb18030", "big5")

# Above this share of control characters the "text" is not text.
_MAX_CONTROL_SHARE = 0.02
# Below this share of ordinary CJK among non-ASCII characters a GB18030
# decoding is taken to be an accident of a different byte stream.
_MIN_CJK_SHARE = 0.85
# A damaged UTF page is repaired only if at most 1 character in this many is damaged.
_MAX_REPLACED_SHARE_INV = 100


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode a page file's bytes; return ``(text, encoding name)``.

    Raises :class:`~kg.errors.InputError` naming ``path`` for an empty file
    or content that is not text.

    >>> decode_bytes(codecs.BOM_UTF8 + "街道".encode(), "a.txt")
    ('街道', 'utf-8-sig')
    >>> decode_bytes("村".encode("utf-16"), "a.txt")
    ('村', 'utf-16')
    >>> decode_bytes(b"", "a.txt")
    Traceback (most recent call last):
    kg.errors.InputError: a.txt: empty file
    """
    text, name, _ = _decode(data, path)
    return text, name


def decode_page(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """Like :func:`decode_bytes`, also returning warnings about the decoding.

    A Chinese UTF-8 or UTF-16 page with a few damaged bytes (a file cut off
    mid-character, one stray byte) is read with those bytes replaced by
    U+FFFD rather than lost whole; the warning says how many.

    >>> decode_page(codecs.BOM_UTF16_LE + "银杏社区".encode("utf-16-le") + b"\\x00", "a.txt")[2]
    ['1 invalid utf-16 byte sequence(s) replaced by U+FFFD']
    """
    text, name, replaced = _decode(data, path)
    warnings = [f"{replaced} invalid {_base(name)} byte sequence(s) replaced by U+FFFD"] if replaced else []
    return text, name, warnings


def _decode(data: bytes, path: str) -> tuple[str, str, int]:
    """``(text, encoding, number of damaged byte sequences replaced)``."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _try(data, name)
            if text is not None:
                return (*_checked(text, name, path), 0)
            repaired = _repaired(data, name)
            if repaired is None:
                raise InputError(path, f"invalid {name} after its byte-order mark")
            return (*_checked(repaired[0], name, path), repaired[1])
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return (*_checked(utf16[0], utf16[1], path), 0)
        if data.count(b"\x00") > len(data) * _MAX_CONTROL_SHARE:
            raise InputError(path, "binary content (NUL bytes), not a text file")
        # A few stray NULs in text: decode on; normalize_text drops them.
    utf8 = _try(data, "utf-8")
    if utf8 is not None and _looks_chinese(utf8):
        return (*_checked(utf8, "utf-8", path), 0)
    # Short GBK byte runs can also be valid UTF-8 (D2 BB is "一" in GBK and a
    # Cyrillic letter in UTF-8): for Chinese pages prefer the Chinese reading.
    for name in _LEGACY_CHINESE:
        text = _try(data, name)
        if text is not None and _looks_chinese(text):
            return (*_checked(text, name, path), 0)
    if utf8 is not None:
        return (*_checked(utf8, "utf-8", path), 0)
    repaired = _repaired(data, "utf-8")
    if repaired is not None:
        return (*_checked(repaired[0], "utf-8", path), repaired[1])
    return (*_checked(*_detect(data, path), path), 0)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark, if ``data`` reads as Chinese that way.

    ASCII characters (newlines, digits) in UTF-16 put a NUL in their high
    byte: at odd offsets for little-endian, even ones for big-endian. That
    hints which to try first; the text must then read as Chinese (a few
    ideographs such as 开 U+5F00 have a NUL byte of their own).

    >>> _bomless_utf16("银杏社区开展\\n2024".encode("utf-16-le"))
    ('银杏社区开展\\n2024', 'utf-16-le')
    >>> _bomless_utf16("银杏社区开展\\n".encode("utf-16-be"))[1]
    'utf-16-be'
    >>> _bomless_utf16(b"\\x89PNG\\x00\\x00\\x00\\rIHDR") is None
    True
    """
    if len(data) % 2:
        return None
    odd = data[1::2].count(0)
    even = data.count(0) - odd
    for name in ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le"):
        text = _try(data, name)
        if text is not None and any("\u4e00" <= c <= "\u9fff" for c in text) and _looks_chinese(text):
            return text, name
    return None


def _base(name: str) -> str:
    """The codec family of an encoding name, for messages.

    >>> _base("utf-8-sig"), _base("utf-16")
    ('utf-8', 'utf-16')
    """
    return "utf-8" if name.startswith("utf-8") else name


def _repaired(data: bytes, name: str) -> tuple[str, int] | None:
    """``data`` decoded with damaged sequences replaced, if it is otherwise a Chinese page.

    Accepted only when the replacements are at most 1% of the characters
    and the rest reads as Chinese, so a file in another encoding is not
    forced into this one.

    >>> _repaired("银杏社区".encode() + b"\\xff", "utf-8")
    ('银杏社区\ufffd', 1)
    >>> _repaired("café".encode("latin-1"), "utf-8") is None
    True
    """
    text = data.decode(name, errors="replace")
    # U+FFFD already present in the file is not damage: "ignore" keeps only those.
    replaced = text.count("\ufffd") - data.decode(name, errors="ignore").count("\ufffd")
    if replaced > max(1, len(text) // _MAX_REPLACED_SHARE_INV):
        return None
    rest = text.replace("\ufffd", "")
    if not any("\u4e00" <= c <= "\u9fff" for c in rest) or not _looks_chinese(rest):
        return None
    return text, replaced


def _try(data: bytes, name: str) -> str | None:
    """``data`` decoded strictly with codec ``name``, or ``None``."""
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    """Fallback: let charset-normalizer pick an encoding."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot decode: not text in any known encoding")
    return str(best), best.encoding


_ASCII_RUN = re.compile("[\x00-\x7f]+")
_HAN = re.compile("[\u4e00-\u9fff]")
_COMMON_WIDE = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’…—·►]+")
# Category Cc (U+0000–001F, U+007F–009F) less \t \n \f \r.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_chinese(text: str) -> bool:
    """True when the non-ASCII characters are mostly common CJK ideographs and punctuation.

    >>> _looks_chinese("沧浪街道，你好"), _looks_chinese("Ã©Ã¨")
    (True, False)
    """
    wide = _ASCII_RUN.sub("", text)  # regexes, not a loop over characters: pages are long
    if not wide:
        return True
    if not _HAN.search(wide):
        return False  # punctuation alone (UTF-8 "·" is the GBK bytes of 路)
    common = len(wide) - len(_COMMON_WIDE.sub("", wide))
    return common / len(wide) >= _MIN_CJK_SHARE


def _checked(text: str, name: str, path: str) -> tuple[str, str]:
    """Reject decoded text that is mostly control characters (a binary file)."""
    if not text.strip("\ufeff \t\r\n"):
        raise InputError(path, "empty file")
    controls = len(_CONTROLS.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise InputError(path, f"binary content ({controls} control characters), not a text file")
    return text, name


_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n",
                "\x85": "\n"}


def normalize_text(text: str) -> str:
    """Clean decoded text without changing what is printed.

    Line endings become ``\\n``; BOMs, zero-width and other invisible format
    characters and control characters (except ``\\n`` and ``\\t``) are
    dropped; lone surrogates become U+FFFD; the result is NFC. Full-width
    punctuation is kept (no NFKC): titles are compared as printed.

    >>> normalize_text("\\ufeff“关爱”，\\x07好")
    '“关爱”，好'
    >>> normalize_text("a\\ud800b")
    'a\\ufffdb'
    """
    text = text.replace("\r\n", "\n")
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    # Each character is cleaned on its own, so lines can be; a printable line
    # (no control, format or surrogate character) is already clean.
    lines = [line if line.isprintable() else _clean_chars(line) for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines))


def _clean_chars(text: str) -> str:
    """Drop control and invisible format characters, replace lone surrogates.

    >>> _clean_chars("甲\\u200b乙\\ud800\\t")
    '甲乙\\ufffd\\t'
    """
    out = []
    for c in text:
        cat = unicodedata.category(c)
        if cat == "Cs":
            out.append("\ufffd")
        elif cat == "Cc" and c not in "\n\t":
            continue
        elif cat == "Cf":  # ZWSP, ZWJ, BOM, bidi marks, soft hyphen: invisible
            continue
        else:
            out.append(c)
    return "".join(out)
