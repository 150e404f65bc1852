"""The docstring examples of the reading stage are checked too."""

import doctest
import importlib

import pytest

MODULES = ["decode", "lexicon", "lines", "paragraphs", "titles", "segment", "pages", "duplicates"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"kg.read.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
