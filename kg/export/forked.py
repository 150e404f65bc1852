"""How the export jobs run: two at once (one in a forked child).

The exports only read the graph, so a forked child sees it without copying
or pickling anything, and writes its files itself. Where ``fork`` is not
available, or only one job is allowed, both run here one after the other;
the files are the same either way.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> run_beside(lambda: (d / "a").write_text("x"), lambda: "done", jobs=2)
'done'
>>> (d / "a").read_text()
'x'
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

__all__ = ["can_fork", "run_beside"]

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a child can share this process's memory (Linux ``fork``)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _child(job: Callable[[], object], conn) -> None:
    """Run ``job``; report None or the traceback text to the parent."""
    try:
        job()
        conn.send(None)
    except BaseException:  # noqa: BLE001  (the parent re-raises it)
        conn.send(traceback.format_exc())
    finally:
        conn.close()


def run_beside(background: Callable[[], object], foreground: Callable[[], T], *, jobs: int | None) -> T:
    """Run ``background`` in a forked child while ``foreground`` runs here;
    return what ``foreground`` returns. A failure of either raises here
    (the child's as a RuntimeError with its traceback) once the child has
    ended; an interrupt stops the child too.
    """
    jobs = jobs or os.cpu_count() or 1  # 0 or None: all cores, as for extraction
    if jobs < 2 or not can_fork():
        background()
        return foreground()
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(background, child), daemon=True)
    proc.start()
    child.close()
    try:
        result = foreground()
    except BaseException:
        proc.terminate()  # its files are in the staging folder, which goes too
        proc.join()
        parent.close()
        raise
    try:
        failure = parent.recv()
    except EOFError:
        failure = f"it ended without a report (exit code {proc.exitcode})"
    finally:
        proc.join()
        parent.close()
    if failure is not None:
        raise RuntimeError(f"export process failed:\n{failure}")
    return result
