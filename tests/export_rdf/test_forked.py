"""Export jobs beside each other: results, failures and the sequential fallback."""

from __future__ import annotations

import gc
import os

import pytest

from kg.collector import paused_gc
from kg.export.forked import can_fork, run_beside


@pytest.mark.parametrize("jobs", [1, 2])
def test_both_jobs_run_and_the_foreground_result_comes_back(tmp_path, jobs):
    def background():
        (tmp_path / "bg").write_text(str(os.getpid()))

    assert run_beside(background, lambda: 42, jobs=jobs) == 42
    pid = int((tmp_path / "bg").read_text())
    assert (pid != os.getpid()) == (jobs == 2 and can_fork())


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_background_job_raises_here(jobs):
    def background():
        raise ValueError("银杏 broke")

    with pytest.raises((RuntimeError, ValueError), match="银杏 broke"):
        run_beside(background, lambda: None, jobs=jobs)


def test_a_failing_foreground_job_stops_the_child(tmp_path):
    def background():
        import time
        time.sleep(30)
        (tmp_path / "late").write_text("x")

    def foreground():
        raise KeyError("fg")

    with pytest.raises(KeyError):
        run_beside(background, foreground, jobs=2)
    assert not (tmp_path / "late").exists()


def test_paused_gc_restores_the_collector():
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with paused_gc():
            assert not gc.isenabled()
            1 / 0
    assert gc.isenabled()
