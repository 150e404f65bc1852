"""One build of the seed pages per test session, shared by the end-to-end tests here."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """``kg build seeds/`` into a temporary folder (about 4 s); returns the BuildResult."""
    if not any(SEEDS.glob("*.txt")):
        pytest.fail(f"no seed pages in {SEEDS}")  # a missing corpus is a failure, never a skip
    return build([SEEDS], tmp_path_factory.mktemp("seed-outputs"))
