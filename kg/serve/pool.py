"""Query workers: each is a process holding the graph in an Oxigraph store.

A query runs in a worker so that it can be stopped: Oxigraph cannot cancel
a running query, and a thread cannot be killed, but a process can. When a
query passes the time limit the worker is killed and a fresh one loads the
graph in the background. A worker also refuses answers longer than
``max_rows`` rows (or triples), so a runaway cross join that streams rows is
cut off before it fills memory.

The store is only ever queried (``Store.query``); no update code path exists.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KgError
from kg.vocab import PREFIXES

__all__ = ["Answer", "WorkerPool"]

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
# Spawned, not forked: a fork of a threaded server can inherit held locks.
_CONTEXT = mp.get_context("spawn")


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, content type and body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        """A plain-text answer (errors and notices).

        >>> Answer.text(400, "bad").body
        b'bad\\n'
        """
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def _one_line(err: BaseException) -> str:
    """An exception as one short line.

    >>> _one_line(SyntaxError("a\\n b"))
    'a b'
    """
    return " ".join(str(err).split())[:500] or type(err).__name__


class _TooLarge(Exception):
    pass


def _take(items, limit: int) -> list:
    """The first ``limit`` items of an iterator; raises _TooLarge if there are more.

    >>> _take(iter([1, 2]), 2)
    [1, 2]
    """
    out = []
    for item in items:
        if len(out) == limit:
            raise _TooLarge
        out.append(item)
    return out


def answer_query(store, union: bool, query_text: str, accept: str | None, max_rows: int) -> Answer:
    """Run one query on an Oxigraph store and write the answer in the negotiated format."""
    import pyoxigraph as ox

    from kg.serve.results import (NotAcceptable, boolean_body, content_type, graph_body,
                                  negotiate, solutions_body)

    try:
        result = store.query(query_text, prefixes=_PREFIXES, use_default_graph_as_union=union)
    except SyntaxError as err:
        return Answer.text(400, f"query syntax error: {_one_line(err)}")
    except Exception as err:
        return Answer.text(400, f"query failed: {_one_line(err)}")
    kind = ("select" if isinstance(result, ox.QuerySolutions)
            else "ask" if isinstance(result, ox.QueryBoolean) else "graph")
    try:
        fmt, media_type = negotiate(accept, kind)
    except NotAcceptable as err:
        return Answer.text(406, f"not acceptable: {err}")
    try:
        if kind == "select":
            variables = [v.value for v in result.variables]
            rows = _take(([s[v] for v in variables] for s in result), max_rows)
            body = solutions_body(variables, rows, fmt)
        elif kind == "ask":
            body = boolean_body(bool(result), fmt)
        else:
            body = graph_body(_take(iter(result), max_rows), fmt, _PREFIXES)
    except _TooLarge:
        return Answer.text(422, f"the answer has more than {max_rows} rows; add a LIMIT, "
                                "or start the server with a larger --max-rows")
    except Exception as err:  # evaluation errors surface while iterating
        return Answer.text(400, f"query failed: {_one_line(err)}")
    return Answer(200, content_type(media_type), body)


def _worker_main(conn: Connection, graph: str, max_rows: int, max_memory_mb: int) -> None:
    """Worker process: load the graph, say ready, then answer (query, accept) pairs until EOF."""
    if max_memory_mb > 0:
        import resource

        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from kg.query.sparql import open_store

    try:
        store = open_store(graph, "oxigraph")
    except Exception as err:
        conn.send(("failed", _one_line(err)))
        return
    conn.send(("ready", len(store.handle)))
    while True:
        try:
            query_text, accept = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        try:
            answer = answer_query(store.handle, store.union, query_text, accept, max_rows)
        except MemoryError:
            answer = Answer.text(503, "the query needed more memory than the server allows")
        conn.send(answer)


@dataclass(eq=False)  # identity: a set of live workers
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection


class WorkerPool:
    """``workers`` processes answering queries, each query limited to ``timeout`` seconds."""

    def __init__(self, graph: str | Path, *, workers: int = 2, timeout: float = 10.0,
                 max_rows: int = 10_000, max_memory_mb: int = 0, load_timeout: float = 300.0):
        if workers < 1 or timeout <= 0 or max_rows < 1:
            raise KgError("workers, timeout and max rows must be positive")
        self.graph = str(graph)
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_memory_mb = max_memory_mb
        self.load_timeout = load_timeout
        self.triples = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        """Start one worker and wait until it has loaded the graph."""
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_worker_main, name="kg-serve-worker", daemon=True,
                                   args=(child, self.graph, self.max_rows, self.max_memory_mb))
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        if not parent.poll(self.load_timeout):
            self._kill(worker)
            raise KgError(f"{self.graph}: loading took more than {self.load_timeout:.0f} s")
        try:
            status, detail = parent.recv()
        except EOFError:
            self._kill(worker)
            raise KgError(f"{self.graph}: the query worker stopped while loading") from None
        if status != "ready":
            self._kill(worker)
            raise KgError(detail)
        self.triples = detail
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start a fresh one in the background."""
        self._kill(worker)

        def start() -> None:
            try:
                fresh = self._start()
            except KgError:
                return  # the pool shrinks; the remaining workers keep answering
            if self._closed:
                self._kill(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=start, name="kg-serve-respawn", daemon=True).start()

    def run(self, query_text: str, accept: str | None) -> Answer:
        """Answer one query, or a 503 if it ran out of time or no worker came free in time."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.text(503, "all query workers are busy; try again")
        try:
            worker.conn.send((query_text, accept))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                return Answer.text(503, f"the query ran longer than {self.timeout:g} s and was stopped")
            answer = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return Answer.text(503, "the query worker stopped (out of memory?); try a smaller query")
        self._idle.put(worker)
        return answer

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)
