"""The bad-input corpus of tests/data/bad and one build over it, shared by the robustness tests."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"


def load_make_corpus():
    """The generator script next to the corpus, imported by path (it is not a package)."""
    spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Run:
    """One ``kg build`` run in this process: exit code, captured streams, output folder."""

    code: int
    stdout: str
    stderr: str
    out: Path

    @property
    def report(self) -> dict:
        return json.loads((self.out / "report.json").read_text(encoding="utf-8"))


def run_kg(*args: str, out: Path) -> Run:
    """Run ``kg build ARGS -o OUT -q`` in-process, capturing stdout and stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["build", *args, "-o", str(out), "-q"])
    return Run(code, stdout.getvalue(), stderr.getvalue(), out)


@pytest.fixture(scope="session")
def make_corpus():
    return load_make_corpus()


@pytest.fixture(scope="session")
def bad_build(tmp_path_factory) -> Run:
    """``kg build tests/data/bad``, run once for the whole session."""
    return run_kg(str(BAD), out=tmp_path_factory.mktemp("bad") / "out")


def check_outputs(out: Path) -> dict[str, int]:
    """Assert every output in ``out`` parses; return triple/quad counts.

    Turtle, TriG and JSON-LD must parse in both rdflib and Oxigraph (which
    also rejects invalid IRIs) and agree on their size; every JSON file must
    be strict JSON (no raw control characters).
    """
    import pyoxigraph as ox
    from rdflib import Dataset, Graph

    counts = {}
    for name, fmt, ox_fmt in (("graph.ttl", "turtle", ox.RdfFormat.TURTLE),
                              ("graph.jsonld", "json-ld", ox.RdfFormat.JSON_LD),
                              ("ontology.ttl", "turtle", ox.RdfFormat.TURTLE),
                              ("shapes.ttl", "turtle", ox.RdfFormat.TURTLE)):
        data = (out / name).read_bytes()
        g = Graph().parse(data=data.decode("utf-8"), format=fmt)
        assert len(list(ox.parse(data, format=ox_fmt))) == len(g), name
        counts[name] = len(g)
    assert counts["graph.ttl"] == counts["graph.jsonld"]
    trig = (out / "graph.trig").read_bytes()
    ds = Dataset().parse(data=trig.decode("utf-8"), format="trig")
    quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    assert len(quads) == len(list(ds.quads((None, None, None, None))))
    counts["graph.trig"] = len(quads)
    for path in [out / "report.json", *sorted((out / "extractions").glob("*.json"))]:
        json.loads(path.read_text(encoding="utf-8"))  # strict: raw controls would raise
    return counts


def html_outside_data(page: str) -> tuple[str, dict]:
    """The HTML page with its JSON data block cut out, and that data parsed.

    The data block is the one place article text goes; the test checks it
    holds no ``<`` or ``>`` (so it cannot close its script element).
    """
    start_tag = '<script type="application/json" id="kg-data">'
    start = page.index(start_tag) + len(start_tag)
    end = page.index("</script>", start)
    block = page[start:end]
    assert "<" not in block and ">" not in block
    return page[:start] + page[end:], json.loads(block)
