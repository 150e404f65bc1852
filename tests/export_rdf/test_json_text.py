"""kg.export.jsontext writes what json.dumps writes, for any JSON value."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.export.jsontext import dumps

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(), inner, max_size=4)),
                      max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([1, 2, 4]))
def test_dumps_equals_json_dumps(value, indent):
    assert dumps(value, indent=indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_other_values_are_left_to_json():
    value = {1: (2.5, "甲"), "b": [True, None]}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
