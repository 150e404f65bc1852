"""The docstring examples of the scorer and the extraction export are run as tests."""

import doctest

import pytest

import kg.evaluate.annotations
import kg.evaluate.score
import kg.evaluate.units
import kg.export.extractions


@pytest.mark.parametrize("module", [kg.evaluate.annotations, kg.evaluate.units, kg.evaluate.score,
                                    kg.export.extractions], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
