"""The README's recipe: load the exports into Oxigraph's SPARQL server over
the Graph Store Protocol, then query it over HTTP (server from PyPI's
``oxigraph`` package, declared in the test extra; run locally, in memory)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export.rdf import write_rdf
from kg.graph.model import add_article, add_assertion, add_entity, new_graph
from kg.query.sparql import load_query, open_store, query_store


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.fail("the Oxigraph server (pip install oxigraph; in the test extra) is not installed")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server():
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the Oxigraph server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def send(url: str, method: str, path: Path, content_type: str) -> int:
    req = urllib.request.Request(url, data=path.read_bytes(), method=method,
                                 headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status


def select(base: str, query: str) -> list[dict]:
    body = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(base + "/query", data=body,
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["results"]["bindings"]


def test_exports_load_through_graph_store_protocol_and_answer_queries(server, tmp_path):
    G = new_graph()
    add_article(G, "p#0", page="p", index=0, title="银杏社区“暖心食堂”开张", bylines=["赵小明"])
    giver = add_entity(G, "Organization", "暖阳公司", article="p#0")
    canteen = add_entity(G, "Initiative", "暖心食堂", article="p#0")
    add_assertion(G, giver, "donatedTo", canteen, article="p#0", sentence=1, evidence="暖阳公司捐款7000元",
                  amount_yuan=7000.0)
    ttl, trig, jsonld = tmp_path / "g.ttl", tmp_path / "g.trig", tmp_path / "g.jsonld"
    write_rdf(G, ttl, trig, jsonld)

    # Graph Store Protocol: replace the default graph with the Turtle file.
    assert send(server + "/store?default", "PUT", ttl, "text/turtle") in (200, 201, 204)
    local = ox.Store()
    local.load(ttl.read_bytes(), ox.RdfFormat.TURTLE)
    [row] = select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(row["n"]["value"]) == len(local) > 10

    # A canned query gives over HTTP what it gives on the file.
    text = load_query("donations")
    _, rows = query_store(open_store(ttl, "oxigraph"), text)
    remote = select(server, text)
    assert len(remote) == len(rows) == 1
    assert float(remote[0]["amountYuan"]["value"]) == 7000.0

    # The TriG file (one named graph per article) into the dataset.
    assert send(server + "/store", "POST", trig, "application/trig") in (200, 201, 204)
    [row] = select(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(row["n"]["value"]) == 1
