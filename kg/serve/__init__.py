"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a built graph.

:mod:`kg.serve.http` speaks HTTP, :mod:`kg.serve.pool` runs each query in a
worker process with a time limit and a row cap, :mod:`kg.serve.results`
negotiates and writes the answer formats.
"""

from kg.serve.http import ENDPOINT_PATH, make_server, serve
from kg.serve.pool import Answer, WorkerPool

__all__ = ["ENDPOINT_PATH", "Answer", "WorkerPool", "make_server", "serve"]
