"""All-or-nothing outputs: write a build into a staging folder, then move it into place.

Each file is already written atomically (:mod:`kg.export.io`), but a build
killed between two files would leave a new ``graph.ttl`` beside an old
``report.json``. So every output is first written into a hidden staging
folder inside the output folder (same file system), and only when all of them
exist are they renamed over the old ones — a few renames, with
``report.json`` last. A build interrupted before that (SIGINT, SIGKILL, an
error) leaves the previous outputs exactly as they were; an interrupted
build's staging folder is removed by the next build.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with StagedOutputs(out) as stage:
...     _ = stage.path("a.ttl").write_text("new")
...     (out / "a.ttl").exists()
False
>>> (out / "a.ttl").read_text(), [p.name for p in out.iterdir()]
('new', ['a.ttl'])
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["StagedOutputs", "STAGING_PREFIX", "remove_stale_staging"]

#: Name prefix of staging folders; the writing process's id follows it.
STAGING_PREFIX = ".kg-staging-"


class StagedOutputs:
    """Context manager: ``path(name)`` gives where to write an output; commits on success.

    On an exception (including ``KeyboardInterrupt``) nothing is moved and the
    staging folder is deleted.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "a.ttl").write_text("old")
    >>> try:
    ...     with StagedOutputs(out) as stage:
    ...         _ = stage.path("a.ttl").write_text("half")
    ...         raise RuntimeError("crash")
    ... except RuntimeError:
    ...     pass
    >>> (out / "a.ttl").read_text(), sorted(p.name for p in out.iterdir())
    ('old', ['a.ttl'])
    """

    def __init__(self, outdir: str | os.PathLike[str], last: tuple[str, ...] = ("report.json",)):
        self.outdir = Path(outdir)
        self.last = last
        self.dir: Path | None = None

    def __enter__(self) -> StagedOutputs:
        self.outdir.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(self.outdir)
        self.dir = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=self.outdir))
        return self

    def path(self, name: str) -> Path:
        """Where to write output ``name`` (a file, or a folder such as ``extractions``)."""
        assert self.dir is not None, "use StagedOutputs as a context manager"
        return self.dir / name

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.commit()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def commit(self) -> None:
        """Move every staged file over its target; files named in ``last`` go last."""
        assert self.dir is not None
        staged = sorted(p for p in self.dir.rglob("*") if p.is_file())
        staged.sort(key=lambda p: p.relative_to(self.dir).as_posix() in self.last)
        for src in staged:
            target = self.outdir / src.relative_to(self.dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, target)
        _fsync_dir(self.outdir)


def remove_stale_staging(outdir: Path) -> list[Path]:
    """Delete staging folders left by builds that are no longer running; return them.

    A folder whose process still runs belongs to a concurrent build and is kept.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> (out / ".kg-staging-999999999-x").mkdir(); (out / f".kg-staging-{os.getpid()}-y").mkdir()
    >>> [p.name for p in remove_stale_staging(out)], len(list(out.iterdir()))
    (['.kg-staging-999999999-x'], 1)
    """
    removed = []
    for folder in sorted(outdir.glob(STAGING_PREFIX + "*")):
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id exists.

    >>> _running(os.getpid()), _running(999999999)
    (True, False)
    """
    if os.name == "nt":
        return True  # os.kill(pid, 0) would terminate it there; keep the folder
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # exists but is not ours / an id no system uses: leave it alone
    return True


def _fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk so the renames survive a power cut (POSIX only)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
