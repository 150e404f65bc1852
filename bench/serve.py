"""Compare SPARQL servers over one graph: start-up, per-query latency, a runaway query.

Candidates: ``kg`` (``kg serve``: stdlib HTTP + Oxigraph worker processes),
``oxigraph`` (the Oxigraph CLI server from the PyPI package ``oxigraph``,
given with --oxigraph-bin) and ``rdflib-endpoint`` (FastAPI + rdflib, given
with --rdflib-endpoint-bin). A candidate whose program is not given is left
out (both come from PyPI, ``pip install oxigraph 'rdflib-endpoint[cli,web]'``,
best in a separate virtual environment: neither is a project dependency).
Each server listens on a free port of 127.0.0.1 and is stopped at the end.

    python bench/serve.py --graph outputs/graph.ttl \\
        --oxigraph-bin /path/to/oxigraph --rdflib-endpoint-bin /path/to/rdflib-endpoint

Latencies are medians over --repeat runs of each bundled query (parameters
from the graph's own labels), measured by the same client in one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.query.examples import example_params  # noqa: E402
from kg.query.sparql import list_queries, load_query, open_store, values_query  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PROBE = "ASK { ?s ?p ?o }"


def free_port() -> int:
    """A port that was free a moment ago on 127.0.0.1 (for servers that cannot take port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(url: str, query: str, timeout: float) -> tuple[int, float]:
    """(HTTP status, seconds) of one GET query asking for SPARQL JSON; status 0 on a client timeout."""
    req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as err:
        status = err.code
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        status = 0
    return status, time.perf_counter() - start


def wait_ready(url: str, limit: float) -> float:
    """Seconds until the server answers a probe query, polling for at most ``limit`` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if ask(url, PROBE, 2)[0] == 200:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise RuntimeError(f"{url}: not answering after {limit} s")


def start(name: str, graph: Path, args, work: Path) -> tuple[subprocess.Popen, str, float]:
    """Start one candidate; returns (process, endpoint URL, seconds to first answer incl. loading)."""
    port = free_port()
    t0 = time.perf_counter()
    if name == "kg":
        cmd = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph), "--port", str(port),
               "--timeout", str(args.timeout), "-q"]
        url = f"http://127.0.0.1:{port}/sparql"
    elif name == "oxigraph":
        location = work / "oxigraph-db"
        subprocess.run([args.oxigraph_bin, "load", "--location", str(location), "--file", str(graph)],
                       check=True, capture_output=True, timeout=300)
        cmd = [args.oxigraph_bin, "serve-read-only", "--location", str(location),
               "--bind", f"127.0.0.1:{port}", "--timeout-s", str(int(args.timeout))]
        url = f"http://127.0.0.1:{port}/query"
    else:
        cmd = [args.rdflib_endpoint_bin, "serve", str(graph), "--host", "127.0.0.1", "--port", str(port)]
        url = f"http://127.0.0.1:{port}/"  # its CLI serves at the root path
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(url, 120)
    except Exception:
        stop(proc)
        raise
    return proc, url, time.perf_counter() - t0


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def bundled_queries(graph: Path) -> dict[str, str]:
    """Every bundled query with its parameters bound (VALUES), as sent over HTTP."""
    store = open_store(graph, "oxigraph")
    out = {}
    for name in list_queries():
        text = load_query(name)
        params = example_params(store, text)
        out[name] = values_query(text, params) if params else text
    return out


def measure(name: str, graph: Path, queries: dict[str, str], args) -> dict:
    with tempfile.TemporaryDirectory() as work:
        proc, url, startup = start(name, graph, args, Path(work))
        try:
            latency, statuses = {}, {}
            for qname, text in queries.items():
                runs = [ask(url, text, 60) for _ in range(args.repeat)]
                statuses[qname] = sorted({s for s, _ in runs})
                latency[qname] = statistics.median(t for _, t in runs)
            runaway_status, runaway_s = ask(url, RUNAWAY, args.client_timeout)
            # Can it still answer while (or after) the runaway query runs?
            after_status, after_s = ask(url, PROBE, 5)
        finally:
            stop(proc)
    return {"startup_s": startup, "latency_s": latency, "statuses": statuses,
            "runaway": (runaway_status, runaway_s), "after": (after_status, after_s)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", default=str(ROOT / "outputs" / "graph.ttl"))
    parser.add_argument("--oxigraph-bin", default=shutil.which("oxigraph"))
    parser.add_argument("--rdflib-endpoint-bin", default=shutil.which("rdflib-endpoint"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=10, help="server-side query time limit")
    parser.add_argument("--client-timeout", type=float, default=30,
                        help="how long the client waits for the runaway query")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    graph = Path(args.graph)
    names = ["kg"] + [n for n, b in (("oxigraph", args.oxigraph_bin),
                                     ("rdflib-endpoint", args.rdflib_endpoint_bin)) if b]
    queries = bundled_queries(graph)
    results = {n: measure(n, graph, queries, args) for n in names}
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"graph: {graph}; {len(queries)} bundled queries, median of {args.repeat} runs each (ms)\n")
    print(f"{'query':34}" + "".join(f"{n:>16}" for n in names))
    for q in queries:
        cells = []
        for n in names:
            ok = results[n]["statuses"][q] == [200]
            cells.append(f"{results[n]['latency_s'][q] * 1000:>15.1f}" + (" " if ok else "!"))
        print(f"{q:34}" + "".join(cells))
    print(f"{'sum of medians':34}" + "".join(
        f"{sum(results[n]['latency_s'].values()) * 1000:>15.1f} " for n in names))
    print(f"{'start-up incl. load (s)':34}" + "".join(f"{results[n]['startup_s']:>15.2f} " for n in names))
    print(f"{'runaway: status / s':34}" + "".join(
        f"{results[n]['runaway'][0]:>9} /{results[n]['runaway'][1]:>5.1f} " for n in names))
    print(f"{'probe just after: status / s':34}" + "".join(
        f"{results[n]['after'][0]:>9} /{results[n]['after'][1]:>5.1f} " for n in names))
    print("\n! = some run did not answer 200; status 0 = the client gave up waiting")
    return 0


if __name__ == "__main__":
    sys.exit(main())
