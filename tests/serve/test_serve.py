"""``kg serve`` over HTTP on 127.0.0.1: a standard client gets answers, updates are refused,
a runaway query is stopped at the time limit, an oversized answer is refused, and the
server and its workers stop."""

from __future__ import annotations

import csv
import io
import os
import select
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from kg.export.rdf import write_turtle
from kg.graph.model import add_article, add_assertion, add_entity, new_graph

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 1.0  # seconds, server side
MAX_ROWS = 50
COMMUNITIES = [f"银杏{i}社区" for i in range(12)]


def small_graph():
    """Twelve communities in one subdistrict (about 200 triples: enough for a runaway join)."""
    G = new_graph()
    add_article(G, "p#0", page="p", index=0, title="枫林街道新闻", source="p.txt")
    sd = add_entity(G, "Subdistrict", "枫林街道", article="p#0")
    for name in COMMUNITIES:
        c = add_entity(G, "Community", name, article="p#0")
        add_assertion(G, c, "locatedIn", sd, article="p#0", sentence=1, evidence=f"枫林街道{name}")
    return G


def _children(pid: int) -> set[int]:
    """PIDs of the live child processes of ``pid`` (Linux /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.add(int(stat.parent.name))
    return out


def _read_line(proc: subprocess.Popen, limit: float) -> str:
    """The first stdout line of ``proc``, waiting at most ``limit`` seconds."""
    ready, _, _ = select.select([proc.stdout], [], [], limit)
    if not ready:
        raise AssertionError(f"kg serve said nothing in {limit} s")
    return proc.stdout.readline()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    graph = tmp_path_factory.mktemp("serve") / "graph.ttl"
    write_turtle(small_graph(), graph)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph), "--port", "0",
         "--timeout", str(TIME_LIMIT), "--max-rows", str(MAX_ROWS), "--workers", "1", "-q"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = _read_line(proc, 60)
        url = line.split(" at ")[1].split()[0]
        yield {"proc": proc, "url": url, "graph": graph}
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(15)


def _client(url: str, query: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setTimeout(30)
    client.setQuery(query)
    return client


def _http(url: str, params: dict | None = None, *, data: bytes | None = None,
          headers: dict | None = None, method: str | None = None) -> tuple[int, str, bytes]:
    full = url + ("?" + urllib.parse.urlencode(params) if params else "")
    req = urllib.request.Request(full, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABELS = """PREFIX kg: <https://w3id.org/civic-kg/vocab#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name WHERE { ?c a kg:Community ; skos:prefLabel ?name } ORDER BY ?name"""


def _count(url: str) -> int:
    client = _client(url, COUNT)
    client.setReturnFormat(JSON)
    return int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def test_listens_on_loopback_only(server):
    assert urllib.parse.urlsplit(server["url"]).hostname == "127.0.0.1"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(server, method):
    client = _client(server["url"], LABELS)
    client.setReturnFormat(JSON)
    client.setMethod(method)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == sorted(COMMUNITIES)
    assert rows[0]["name"]["xml:lang"] == "zh"


def test_sparqlwrapper_ask_and_construct(server):
    client = _client(server["url"], "ASK { ?c a <https://w3id.org/civic-kg/vocab#Community> }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True
    client = _client(server["url"], "CONSTRUCT WHERE { ?c a kg:Community ; skos:prefLabel ?n }")
    client.setReturnFormat(TURTLE)
    g = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert len(g) == 2 * len(COMMUNITIES)


def test_content_negotiation(server):
    status, ctype, body = _http(server["url"], {"query": LABELS}, headers={"Accept": "text/csv"})
    assert status == 200 and ctype.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows == [["name"]] + [[n] for n in sorted(COMMUNITIES)]
    status, ctype, body = _http(server["url"], {"query": LABELS},
                                headers={"Accept": "text/csv;q=0.2, application/sparql-results+xml"})
    assert status == 200 and ctype == "application/sparql-results+xml"
    parsed = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.XML))
    assert parsed[0]["name"] == ox.Literal(sorted(COMMUNITIES)[0], language="zh")
    # The protocol's other POST form: the query as the request body.
    status, ctype, body = _http(server["url"], data=LABELS.encode("utf-8"),
                                headers={"Content-Type": "application/sparql-query",
                                         "Accept": "application/sparql-results+json"})
    assert status == 200 and len(list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))) == 12
    assert _http(server["url"], {"query": "ASK {}"}, headers={"Accept": "image/png"})[0] == 406
    assert _http(server["url"], {"query": "SELECT ?x WHERE {"})[0] == 400


def test_updates_are_refused_and_change_nothing(server):
    url = server["url"]
    before = _count(url)
    insert = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    client = _client(url, insert)
    client.setMethod(POST)  # SPARQLWrapper sends an update as update=... (the protocol's form)
    with pytest.raises(Exception) as err:
        client.query()
    assert "403" in str(err.value) or getattr(err.value, "code", None) == 403
    assert _http(url, data=insert.encode(), headers={"Content-Type": "application/sparql-update"})[0] == 403
    assert _http(url, data=urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
                 headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert _http(url, {"query": insert})[0] == 400  # not a query: the query parser rejects it
    assert _http(url, data=b"<a> <b> <c> .", headers={"Content-Type": "text/turtle"},
                 method="PUT")[0] == 405
    assert _count(url) == before


def test_runaway_query_is_stopped_and_the_server_recovers(server):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.monotonic()
    status, _ctype, body = _http(server["url"], {"query": runaway})
    elapsed = time.monotonic() - start
    assert status == 503 and b"stopped" in body
    assert TIME_LIMIT <= elapsed < TIME_LIMIT + 10
    # A fresh worker loads the graph in the background; the next query waits for it.
    assert _count(server["url"]) > 100


def test_answers_over_the_row_cap_are_refused(server):
    status, _ctype, body = _http(server["url"], {"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 422 and b"LIMIT" in body
    status, _ctype, body = _http(server["url"], {"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"},
                                 headers={"Accept": "text/csv"})
    assert status == 200 and body.count(b"\r\n") == MAX_ROWS + 1


def test_stops_with_its_workers(tmp_path):
    graph = tmp_path / "graph.ttl"
    write_turtle(small_graph(), graph)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph), "--port", "0", "-q"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, text=True)
    try:
        _read_line(proc, 60)
        workers = _children(proc.pid)  # two query workers and multiprocessing's resource tracker
        spawned = [p for p in workers if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert len(spawned) == 2
    finally:
        proc.terminate()
        proc.wait(15)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in workers):
        time.sleep(0.1)
    assert proc.returncode == 0
    assert not [p for p in workers if Path(f"/proc/{p}").exists()]
