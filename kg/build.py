"""``kg build``: read pages → extract → resolve → graph → every export.

The stages are the subpackages of :mod:`kg`; this module only runs them in
order, reports progress on stderr and writes ``report.json``, which lists
every input file and every article with its status and reason.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.document import Page
from kg.errors import KgError
from kg.export.io import write_text_atomic
from kg.pipeline import default_pipeline
from kg.read import iter_page_files, mark_duplicates, read_page

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    pages: list[Page]
    outdir: Path
    report: dict
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def problems(self) -> int:
        """Files or articles that were not kept."""
        t = self.report["totals"]
        return (t["files"] - t["files_kept"]) + (t["articles"] - t["articles_kept"])


def _quiet(_: str) -> None:
    pass


def read_pages(inputs: list[str | Path], progress: Progress = _quiet) -> list[Page]:
    """Read every page file (never raises for a bad file: its Page says why)."""
    files = iter_page_files(inputs)
    pages = []
    for i, path in enumerate(files, 1):
        page = read_page(path)
        if page.status == "kept":
            progress(f"[{i}/{len(files)}] {path}: {len(page.articles)} articles")
        else:
            progress(f"[{i}/{len(files)}] {path}: {page.status}: {page.reason}")
        for w in page.warnings:
            progress(f"warning: {path}: {w}")
        pages.append(page)
    mark_duplicates(pages)
    return pages


def extract(pages: list[Page]) -> None:
    """Run the extraction pipeline over every kept article, in place."""
    nlp = default_pipeline()
    for page in pages:
        for art in page.articles:
            if art.status == "kept":
                nlp(art)


def page_order(files: list[Path]) -> list[Path]:
    """Files in one canonical order (by path), so that the outputs do not
    depend on the order the inputs were named in.

    >>> [str(p) for p in page_order([Path("b/1.txt"), Path("a/2.txt")])]
    ['a/2.txt', 'b/1.txt']
    """
    return sorted(files, key=lambda p: p.as_posix())


def read_and_extract(inputs: list[str | Path], progress: Progress = _quiet, *, jobs: int | None = None,
                     cache_dir: str | Path | None = None, scheduler: str = "local") -> list[Page]:
    """Read and extract every page (in parallel, skipping cached pages), then flag reprints."""
    from kg.pagemap import PageCache, map_pages

    files = page_order(iter_page_files(inputs))
    cache = PageCache(cache_dir) if cache_dir is not None else None
    pages = map_pages(files, jobs=jobs, cache=cache, scheduler=scheduler, progress=progress)
    for i, page in enumerate(pages, 1):
        if page.status == "kept":
            progress(f"[{i}/{len(pages)}] {page.path}: {len(page.articles)} articles")
        else:
            progress(f"[{i}/{len(pages)}] {page.path}: {page.status}: {page.reason}")
        for w in page.warnings:
            progress(f"warning: {page.path}: {w}")
    mark_duplicates(pages)
    return pages


def build_report(pages: list[Page], G=None) -> dict:
    """The content of ``report.json``: every file and article, kept or not."""
    files, articles = [], []
    for page in pages:
        files.append({
            "file": page.path,
            "status": page.status,
            "reason": page.reason,
            "encoding": page.encoding,
            "sha256": page.sha256,
            "articles": len(page.articles),
            "warnings": list(page.warnings),
        })
        for art in page.articles:
            articles.append({
                "id": art.id,
                "file": page.path,
                "index": art.index,
                "title": art.title,
                "status": art.status,
                "reason": art.reason,
                "duplicate_of": art.duplicate_of,
                "bylines": list(art.bylines),
                "paragraphs": len(art.paragraphs),
                "sentences": len(art.sentences),
                "entities": len(art.entities),
                "relations": len(art.relations),
            })
    totals = {
        "files": len(files),
        "files_kept": sum(f["status"] == "kept" for f in files),
        "articles": len(articles),
        "articles_kept": sum(a["status"] == "kept" for a in articles),
        "duplicates": sum(a["duplicate_of"] is not None for a in articles),
        "article_entities": sum(a["entities"] for a in articles),
        "article_relations": sum(a["relations"] for a in articles),
    }
    if G is not None:
        totals["nodes"] = G.number_of_nodes()
        totals["edges"] = G.number_of_edges()
    return {"files": files, "articles": articles, "totals": totals}


def build(
    inputs: list[str | Path],
    outdir: str | Path,
    *,
    progress: Progress = _quiet,
    html_max_nodes: int = 2000,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    scheduler: str = "local",
) -> BuildResult:
    """Run the whole job and write every output into ``outdir``.

    ``jobs`` extraction processes (default: all cores); ``cache_dir`` keeps
    extracted pages between runs; ``scheduler`` ``dask[:ADDRESS]`` runs the
    page map on a Dask cluster. None of them changes a byte of the outputs.
    """
    from kg.export.extractions import write_extractions
    from kg.export.html import write_html
    from kg.export.ontology import write_ontology
    from kg.export.rdf import write_rdf
    from kg.export.shapes import write_shapes
    from kg.graph import build_graph
    from kg.resolve import resolve

    out = Path(outdir)
    # Pages are read and extracted together (a pure map over files, see kg.pagemap).
    pages = read_and_extract(inputs, progress, jobs=jobs, cache_dir=cache_dir, scheduler=scheduler)
    if not any(p.status == "kept" for p in pages):
        raise KgError("no page could be read: " + "; ".join(f"{p.path}: {p.reason}" for p in pages))
    progress(f"extracted {sum(len(p.articles) for p in pages)} articles")
    resolution = resolve(pages)
    G = build_graph(pages, resolution)
    progress(f"graph: {G.number_of_nodes()} entities, {G.number_of_edges()} assertions")
    out.mkdir(parents=True, exist_ok=True)
    outputs = {
        "graph.ttl": out / "graph.ttl",
        "graph.trig": out / "graph.trig",
        "graph.jsonld": out / "graph.jsonld",
        "ontology.ttl": out / "ontology.ttl",
        "shapes.ttl": out / "shapes.ttl",
        "graph.html": out / "graph.html",
        "extractions/": out / "extractions",
        "report.json": out / "report.json",
    }
    write_rdf(G, outputs["graph.ttl"], outputs["graph.trig"], outputs["graph.jsonld"])
    write_ontology(outputs["ontology.ttl"])
    write_shapes(outputs["shapes.ttl"])
    html_stats = write_html(G, outputs["graph.html"], max_nodes=html_max_nodes)
    write_extractions([p for p in pages if p.status == "kept"], outputs["extractions/"])
    report = build_report(pages, G)
    report["html"] = html_stats
    report["outputs"] = sorted(outputs)
    write_text_atomic(outputs["report.json"], json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    progress(f"wrote {len(outputs)} outputs to {out}{os.sep}")
    return BuildResult(pages=pages, outdir=out, report=report, outputs=outputs)


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
