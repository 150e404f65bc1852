"""The command line end to end: build, eval, query, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kg.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One seed page built once for the module."""
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SEED), "-o", str(out), "-q"]) == 0
    return out


def test_build_writes_every_output(built: Path):
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "ontology.ttl", "shapes.ttl",
                 "graph.html", "report.json"):
        assert (built / name).stat().st_size > 0, name
    assert (built / "extractions" / f"{SEED.stem}.json").is_file()


def test_report_lists_the_page_and_all_its_articles(built: Path):
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in report["files"]] == [str(SEED)]
    assert report["files"][0]["status"] == "kept"
    extraction = json.loads((built / "extractions" / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    assert report["totals"]["articles"] == len(report["articles"]) == len(extraction["articles"])
    assert all(a["status"] == "kept" and a["title"] for a in report["articles"])
    assert report["totals"]["nodes"] > 0 and report["totals"]["edges"] > 0


def test_html_has_no_remote_reference(built: Path):
    html = (built / "graph.html").read_text(encoding="utf-8")
    # Licence comments may name web sites; nothing may be loaded from one.
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"""(url\(|@import)\s*["']?\s*(https?:)?//""", html, re.I)


def test_same_input_same_bytes(built: Path, tmp_path: Path):
    assert main(["build", str(SEED), "-o", str(tmp_path), "-q"]) == 0
    for name in ("graph.ttl", "graph.trig", "graph.html", "report.json"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_missing_input_is_exit_2_with_one_line(tmp_path: Path, capsys):
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope" in err[0]


def test_strict_fails_when_a_file_is_skipped(tmp_path: Path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEED, pages / SEED.name)
    (pages / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["build", str(pages), "-o", str(out), "-q"]) == 0
    assert "empty.txt" in capsys.readouterr().err
    assert main(["build", str(pages), "-o", str(out), "-q", "--strict"]) == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {Path(f["file"]).name: f["status"] for f in report["files"]}
    assert statuses == {SEED.name: "kept", "empty.txt": "error"}


def test_nothing_readable_is_exit_2(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out"), "-q"]) == 2


def test_eval_scores_an_extraction_against_itself(built: Path, capsys):
    gold = built / "extractions"
    assert main(["eval", str(gold), "--pred", str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["micro"]["entities"]["f1"] == pytest.approx(1.0)


def test_query_binds_a_parameter(built: Path, capsys):
    graph = str(built / "graph.ttl")
    text = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
            'SELECT ?s WHERE { ?s rdfs:label ?l . FILTER(STR(?l) = $name) }')
    assert main(["query", text, "--graph", graph, "--param", 'name=不存在"}', "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"]["bindings"] == []


def test_query_rejects_what_is_not_a_query(built: Path):
    assert main(["query", "no-such-query", "--graph", str(built / "graph.ttl")]) == 2
