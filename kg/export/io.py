"""Atomic file writing: a reader never sees half a file, a crash never leaves one.

Write to a temporary file in the target's directory (same file system), flush
it to disk, then ``os.replace`` it over the target in one step.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_text_atomic(d / "a.ttl", "<a> <b> <c> .\\n")
>>> (d / "a.ttl").read_text(encoding="utf-8")
'<a> <b> <c> .\\n'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["write_bytes_atomic", "write_text_atomic", "open_atomic"]


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, creating parent directories.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "sub" / "x.bin"
    >>> write_bytes_atomic(p, b"\\x00\\x01")
    >>> p.read_bytes()
    b'\\x00\\x01'
    """
    with open_atomic(path) as handle:
        handle.write(data)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` encoded as UTF-8 (newlines written as given).

    Raises ``UnicodeEncodeError`` on a lone surrogate rather than writing a
    file no UTF-8 reader can open; exporters clean their text first.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> write_text_atomic(p, "银杏社区\\n")
    >>> p.read_bytes() == "银杏社区\\n".encode("utf-8")
    True
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to stream an output into; it replaces ``path`` only when
    the block ends without an error (written to a temporary file beside it,
    flushed to disk, renamed), so writers need not hold the whole file in memory.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.ttl"
    >>> with open_atomic(p) as f:
    ...     _ = f.write(b"<a> <b> <c> .\\n")
    >>> p.read_bytes()
    b'<a> <b> <c> .\\n'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        # Leave no temporary file behind, whatever went wrong.
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
