"""The faster reading and extraction code returns what the plain loops it
replaced return (the plain versions are kept here as the reference), on
crafted and generated inputs built to hit the edge cases (invented names only)."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Mention
from kg.extract import relations
from kg.extract.gazetteer import Division, division_spans, load
from kg.read import decode
from kg.read.lexicon import place_suffixes
from kg.read.segment import _PLACE_SPAN, _CJK_RUN, _is_subsequence, abbreviates_place

# --- reading: decoding checks and text cleaning ---------------------------

# Characters around every boundary the regexes draw: ASCII/wide, CJK block
# ends, full-width forms, the listed punctuation, controls, format characters.
EDGE_CHARS = ("a \t\n\r\x0b\x0c\x00\x1f\x7f\x80\x85\x9f\xa0\xad·—…“”‘’►"
              "\u3000\u3001\u303f\u3040\u4dff\u4e00\u9fff\ua000\ufeff\uff00\uffef\ufff0\ufffd"
              "\u200b\u200d\u2028\u2029\u202e\u2060\ud800\U0001f600\U000e0001社区银杏")
edge_text = st.text(alphabet=st.sampled_from(EDGE_CHARS) | st.characters(), max_size=60)


def _plain_looks_chinese(text: str) -> bool:
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return True
    if not any("\u4e00" <= c <= "\u9fff" for c in wide):
        return False
    common = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                 or "\uff00" <= c <= "\uffef" or c in "“”‘’…—·►")
    return common / len(wide) >= decode._MIN_CJK_SHARE


def _plain_controls(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")


def _plain_normalize(text: str) -> str:
    text = text.replace("\r\n", "\n")
    for old, new in decode._LINE_BREAKS.items():
        text = text.replace(old, new)
    out = []
    for c in text:
        cat = unicodedata.category(c)
        if cat == "Cs":
            out.append("\ufffd")
        elif (cat == "Cc" and c not in "\n\t") or cat == "Cf":
            continue
        else:
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


@settings(max_examples=400, deadline=None)
@given(edge_text)
def test_looks_chinese_equals_the_character_loop(text):
    assert decode._looks_chinese(text) == _plain_looks_chinese(text)


@settings(max_examples=400, deadline=None)
@given(edge_text)
def test_control_count_equals_the_category_loop(text):
    assert len(decode._CONTROLS.findall(text)) == _plain_controls(text)


@settings(max_examples=400, deadline=None)
@given(edge_text)
def test_normalize_text_equals_the_character_loop(text):
    assert decode.normalize_text(text) == _plain_normalize(text)


def test_normalize_text_cleans_only_the_lines_that_need_it():
    text = "银杏社区\n李小明\u200b说\t好\r\n\ufeff枫林街道\x07\ne\u0301"
    assert decode.normalize_text(text) == _plain_normalize(text) == "银杏社区\n李小明说\t好\n枫林街道\né"


# --- reading: abbreviated place signatures ---------------------------------

def _plain_abbreviates_place(token: str, text: str) -> bool:
    """Every place ending at every position, every start before it."""
    if not token or token in text:
        return False
    for run in _CJK_RUN.findall(text):
        for j in range(1, len(run)):
            for suffix in place_suffixes():
                if not run.startswith(suffix, j):
                    continue
                end = j + len(suffix)
                for i in range(max(0, j - _PLACE_SPAN), j):
                    if run[i] == token[0] and _is_subsequence(token[1:], run[i + 1: end]):
                        return True
    return False


# Few characters, so tokens often are contractions; endings that overlap (新村/村, 社区/区).
SIGN_CHARS = "银杏新枫林村社区街道镇家园花,。 李明"
sign_text = st.text(alphabet=st.sampled_from(SIGN_CHARS), max_size=40)
sign_token = st.text(alphabet=st.sampled_from("银杏新枫林村社区李明"), min_size=1, max_size=4)


@settings(max_examples=600, deadline=None)
@given(sign_token, sign_text)
def test_abbreviates_place_equals_the_plain_scan(token, text):
    assert abbreviates_place(token, text) == _plain_abbreviates_place(token, text)


def test_abbreviates_place_reaches_into_the_ending():
    # 银新村 skips 杏 and takes characters of the ending 新村 itself.
    text = "银杏新村举办读书会,枫林街道协办"
    for token, expected in (("银新村", True), ("枫街", True), ("林街道", False), ("李明", False), ("银枫", False)):
        assert abbreviates_place(token, text) is _plain_abbreviates_place(token, text) is expected


# --- extraction: names of the division table -------------------------------

G = load()
DIVISIONS = sorted(G.divisions)
# The plain alternation of every name, longest first: what division_spans replaces.
PLAIN_DIVISIONS = re.compile("|".join(re.escape(n) for n in sorted(DIVISIONS, key=lambda n: (-len(n), n))))
# Whole names, their heads and tails (苏州 + 市区, 姑苏区 inside 苏州市姑苏区), and glue.
piece = st.one_of(
    st.sampled_from(DIVISIONS),
    st.builds(lambda n, k: n[:k], st.sampled_from(DIVISIONS), st.integers(1, 4)),
    st.builds(lambda n, k: n[k:], st.sampled_from(DIVISIONS), st.integers(1, 4)),
    st.sampled_from(["市", "区", "县", "旗", "的", "和", "银杏", "经开区", "新区", "城区", "\n", "“"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(piece, max_size=12).map("".join))
def test_division_spans_equal_the_alternation_of_all_names(text):
    assert division_spans(text, G) == [m.span() for m in PLAIN_DIVISIONS.finditer(text)]


def test_division_spans_take_the_longest_name_and_do_not_overlap():
    # A city, then a district printed right after it, then another after 和.
    text = "苏州市姑苏区和吴中区"
    spans = division_spans(text, G)
    assert [text[s:e] for s, e in spans] == ["苏州市", "姑苏区", "吴中区"]
    assert spans == [m.span() for m in PLAIN_DIVISIONS.finditer(text)]


# The real table has no name that begins another one; invented ones that nest and cross do.
NESTED = ["银杏市", "银杏市新区", "杏市新区", "新区", "枫林县", "林县", "枫林县城区", "县城区"]


def _table(names):
    divisions = {n: Division(n, "District", "") for n in names}
    return dataclasses.replace(G, divisions=divisions, division_lengths=tuple(sorted({len(n) for n in names})),
                               division_tails=frozenset(n[-2:] for n in names),
                               regex={"division_end": re.compile("[" + "".join({n[-1] for n in names}) + "]")})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NESTED + ["银", "枫", "的", "市", "县"]), max_size=10).map("".join))
def test_division_spans_equal_the_alternation_on_nested_names(text):
    plain = re.compile("|".join(sorted(NESTED, key=lambda n: (-len(n), n))))
    assert division_spans(text, _table(NESTED)) == [m.span() for m in plain.finditer(text)]


# --- extraction: mentions not nested in a longer one ------------------------

def _plain_top(ms):
    """Compare every pair."""
    return [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                     and (o.end - o.start) > (m.end - m.start) for o in ms)]


# Small coordinates so spans often share a start, an end, or the whole span.
span = st.tuples(st.integers(-1, 8), st.integers(0, 4)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=500, deadline=None)
@given(st.lists(span, max_size=10))
def test_top_equals_the_pairwise_comparison(spans):
    ms = [Mention(f"m{i}", "Organization", s, e) for i, (s, e) in enumerate(spans)]
    assert relations._top(ms) == _plain_top(ms)


def test_top_keeps_twins_and_drops_what_a_longer_span_holds():
    ms = [Mention("银杏社区", "Community", 0, 4), Mention("银杏社区党委", "Organization", 0, 6),
          Mention("枫林", "Community", 7, 9), Mention("枫林", "Person", 7, 9), Mention("林", "Person", 8, 9)]
    assert [m.type for m in relations._top(ms)] == ["Organization", "Community", "Person"]
    assert relations._top(ms) == _plain_top(ms)
