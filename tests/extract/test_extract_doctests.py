"""The docstring examples of the extraction stage and of the page map are checked too."""

import doctest
import importlib

import pytest

MODULES = ["kg.extract.gazetteer", "kg.extract.mentions", "kg.extract.entities", "kg.extract.relations",
           "kg.pagemap", "kg.pipeline"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
