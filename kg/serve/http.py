"""A read-only SPARQL 1.1 Protocol endpoint over one graph file (``kg serve``).

``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded ``query=`` or an
``application/sparql-query`` body) answer SELECT, ASK, CONSTRUCT and
DESCRIBE queries in the format the ``Accept`` header asks for. Updates are
refused with 403 (``update=`` or ``application/sparql-update``), other
methods with 405. Each query runs in a worker process with a time limit and
a cap on the rows of the answer (:mod:`kg.serve.pool`). The server listens
on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import KgError
from kg.serve.pool import Answer, WorkerPool

__all__ = ["ENDPOINT_PATH", "MAX_REQUEST_BYTES", "make_server", "serve"]

ENDPOINT_PATH = "/sparql"
#: Largest request body accepted (a query text, form-encoded or not).
MAX_REQUEST_BYTES = 1_000_000
_FORM = "application/x-www-form-urlencoded"


def _params(text: str) -> dict[str, list[str]]:
    """Decoded form or query-string parameters (UTF-8, ``+`` as space).

    >>> _params("query=SELECT+%2A&x=1")
    {'query': ['SELECT *'], 'x': ['1']}
    """
    return parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="replace")


def protocol_request(params: dict[str, list[str]], body_query: str | None = None) -> str | Answer:
    """The query text of a protocol request, or the Answer that refuses it.

    >>> protocol_request({"update": ["DROP ALL"]}).status
    403
    >>> protocol_request({"query": ["ASK {}"], "format": ["json"]})
    'ASK {}'
    """
    if "update" in params:
        return Answer.text(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        return Answer.text(400, "default-graph-uri and named-graph-uri are not supported: "
                                "the endpoint serves one graph")
    queries = params.get("query", []) + ([body_query] if body_query is not None else [])
    if len(queries) != 1:
        return Answer.text(400, "expected exactly one query (a query= parameter or a "
                                "application/sparql-query body)")
    return queries[0]


def _safe_log_text(text: str) -> str:
    """Log text with control characters shown as escapes (request lines are client data).

    >>> _safe_log_text("GET /\\x1b[31m")
    'GET /\\\\x1b[31m'
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


class SparqlHandler(BaseHTTPRequestHandler):
    """One HTTP request: route, parse the protocol, hand the query to the pool."""

    server_version = "civic-kg-sparql"
    pool: WorkerPool  # set on the subclass made by make_server
    quiet = False

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Vary", "Accept")
        if answer.status == 405:
            self.send_header("Allow", "GET, POST")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _route(self) -> tuple[str, str] | None:
        """(path, query string) for the endpoint; answers 404 itself otherwise."""
        parts = urlsplit(self.path)
        if parts.path in ("", "/") and not parts.query:
            self._send(Answer.text(200, f"civic-kg SPARQL endpoint: send queries to {ENDPOINT_PATH} "
                                        "(SPARQL 1.1 Protocol, read-only)"))
            return None
        if parts.path != ENDPOINT_PATH:
            self._send(Answer.text(404, f"not found; the endpoint is {ENDPOINT_PATH}"))
            return None
        return parts.path, parts.query

    def _answer(self, request: str | Answer) -> None:
        self._send(request if isinstance(request, Answer)
                   else self.pool.run(request, self.headers.get("Accept")))

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        route = self._route()
        if route is not None:
            self._answer(protocol_request(_params(route[1])))

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        route = self._route()
        if route is None:
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._send(Answer.text(411, "a Content-Length header is required"))
            return
        if int(length) > MAX_REQUEST_BYTES:
            self.close_connection = True  # the body is not read
            self._send(Answer.text(413, f"request body over {MAX_REQUEST_BYTES} bytes"))
            return
        body = self.rfile.read(int(length)).decode("utf-8", "replace")
        media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        url_params = _params(route[1])
        if media_type == _FORM:
            self._answer(protocol_request({**url_params, **_params(body)}))
        elif media_type == "application/sparql-query":
            self._answer(protocol_request(url_params, body))
        elif media_type == "application/sparql-update":
            self._answer(protocol_request({"update": [body]}))
        else:
            self._send(Answer.text(415, f"expected {_FORM} or application/sparql-query"))

    def _refuse_method(self) -> None:
        self._send(Answer.text(405, "read-only SPARQL endpoint: only GET and POST"))

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (base-class signature)
        if not self.quiet:
            sys.stderr.write(_safe_log_text(f"{self.address_string()} - {format % args}") + "\n")


def _announce(message: str) -> None:
    """Print the address on stdout at once (a parent process may be waiting to read it)."""
    print(message, flush=True)


def make_server(pool: WorkerPool, host: str = "127.0.0.1", port: int = 0, *,
                quiet: bool = False) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL on ``host:port`` (port 0: any free port)."""
    handler = type("Handler", (SparqlHandler,), {"pool": pool, "quiet": quiet})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        raise KgError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    server.daemon_threads = True
    return server


def serve(graph: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          max_rows: int = 10_000, workers: int = 2, max_memory_mb: int = 0, quiet: bool = False,
          announce: Callable[[str], None] | None = None) -> None:
    """Load ``graph`` into the workers, listen, and answer until SIGINT or SIGTERM."""
    if not Path(graph).is_file():
        raise KgError(f"{graph}: not found; run `kg build` first")
    pool = WorkerPool(graph, workers=workers, timeout=timeout, max_rows=max_rows,
                      max_memory_mb=max_memory_mb)
    try:
        server = make_server(pool, host, port, quiet=quiet)
    except KgError:
        pool.close()
        raise
    bound_host, bound_port = server.server_address[:2]
    # SIGTERM stops the server like Ctrl-C, so the workers are stopped too.
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    thread = threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    (announce or _announce)(f"serving {graph} ({pool.triples} triples) at "
             f"http://{bound_host}:{bound_port}{ENDPOINT_PATH} (read-only; Ctrl-C stops)")
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.shutdown()
        server.server_close()
        pool.close()
