"""Python's cycle collector, paused for the bulk stages of a build.

Reading, extraction, resolution, the graph and the exports allocate
millions of small objects that reference counting frees and that form no
reference cycles (``tests/scale/test_no_cycles.py``). Each allocation burst
would make the cycle collector walk everything alive again and find
nothing: at 10,000 articles that was 15% of extraction, a third of the
exports, and unpickling the cached pages took 5.6 s instead of 1.5 s.
Processes forked inside the block (extraction workers, the RDF writer)
inherit the pause.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Turn the cycle collector off for the block (as it was before, after).

    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
