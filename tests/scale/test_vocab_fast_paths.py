"""IRIs and canonical keys: the loop-free versions equal the per-character definitions."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from kg import vocab


def plain_canonical_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in vocab._QUOTES and not ch.isspace())


def plain_segment_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).encode("utf-8", "replace").decode("utf-8")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


names = st.text(st.characters(), max_size=30) | st.sampled_from(["“银杏”社区", "银 杏\u3000社区\u2028", "李\u200b小明"])


@settings(max_examples=400, deadline=None)
@given(names)
def test_canonical_key_equals_the_character_loop(text):
    assert vocab.canonical_key(text) == plain_canonical_key(text)


@settings(max_examples=400, deadline=None)
@given(names)
def test_segment_equals_the_character_loop(text):
    expected = plain_segment_text(text)
    if len(expected) <= 80:
        assert vocab._segment(text) == quote(expected, safe="")
