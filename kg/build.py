"""``kg build``: read pages → extract → resolve → graph → every export.

The stages are the subpackages of :mod:`kg`; this module only runs them in
order, reports progress on stderr and writes ``report.json``, which lists
every input file and every article with its status and reason.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.collector import paused_gc
from kg.document import Page
from kg.errors import KgError
from kg.export.io import write_text_atomic
from kg.export.staging import StagedOutputs
from kg.read import iter_page_files, mark_duplicates
from kg.read.pages import MAX_ARTICLE_CHARS, MAX_PAGE_BYTES

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


def read_pages(
    inputs: list[str | Path],
    progress: Progress = _quiet,
    *,
    warn: Progress | None = None,
    max_page_bytes: int = MAX_PAGE_BYTES,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    jobs: int | None = 1,
    cache_dir: str | Path | None = None,
    scheduler: str = "local",
) -> list[Page]:
    """Read and extract every page file, then flag reprints.

    Never raises for a bad file: its Page says why. Files are taken in path
    order whatever order they were named in, and pages come back in that
    order however many workers (``jobs``, a Dask ``scheduler``) extracted
    them, so the outputs do not depend on either; ``cache_dir`` keeps
    extracted pages so unchanged ones are not extracted again. ``warn``
    (default: ``progress``) gets one line per file or article that was not
    kept and per warning.
    """
    from kg.pagemap import PageCache, map_pages

    warn = warn or progress
    files = page_order(iter_page_files(inputs))
    # Compact pages: the corpus stages need no mentions (a quarter of the memory).
    limits = {"max_bytes": max_page_bytes, "max_article_chars": max_article_chars, "compact": True}
    cache = PageCache(cache_dir, limits=limits) if cache_dir is not None else None
    pages = map_pages(files, jobs=jobs, cache=cache, scheduler=scheduler, progress=progress, **limits)
    stems: dict[str, str] = {}
    for i, page in enumerate(pages, 1):
        _claim_stem(page, stems)
        progress(f"[{i}/{len(pages)}] {page.path}: {len(page.articles)} articles")
        if page.status != "kept":
            warn(f"{page.status}: {page.path}: {page.reason}")
        for w in page.warnings:
            warn(f"warning: {page.path}: {w}")
        for art in page.articles if page.status == "kept" else ():
            if art.status != "kept":
                warn(f"{art.status}: {page.path}: article {art.id}: {art.reason}")
    mark_duplicates(pages)
    return pages


def page_order(files: list[Path]) -> list[Path]:
    """Files in one canonical order (by path), so that the outputs do not
    depend on the order the inputs were named in.

    >>> [str(p) for p in page_order([Path("b/1.txt"), Path("a/2.txt")])]
    ['a/2.txt', 'b/1.txt']
    """
    return sorted(files, key=lambda p: p.as_posix())


def _claim_stem(page: Page, stems: dict[str, str]) -> None:
    """Mark ``page`` as an error if an earlier page has its file stem.

    The stem names the page's extraction file and its articles' ids, so two
    pages with one stem (``a/x.txt``, ``b/x.txt``) would overwrite each other
    (compared ignoring case, as some file systems do).

    >>> from kg.document import Article
    >>> stems = {}
    >>> _claim_stem(Page(path="a/x.txt", stem="x"), stems)
    >>> p = Page(path="b/x.txt", stem="x", articles=[Article(page="x", index=0, title="题")])
    >>> _claim_stem(p, stems); p.status, p.reason, p.articles[0].status
    ('error', 'page name x already used by a/x.txt', 'error')
    """
    key = page.stem.casefold()
    if key in stems:
        page.status, page.reason = "error", f"page name {page.stem} already used by {stems[key]}"
        for art in page.articles:  # listed in the report, not in the graph
            art.mark_error(page.reason)
    elif page.status == "kept":
        stems[key] = page.path


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
    warn: Progress | None = None,
    max_page_bytes: int = MAX_PAGE_BYTES,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    scheduler: str = "local",
    keep_contents: bool = True,
) -> BuildResult:
    """Run the whole job and write every output into ``outdir``.

    ``jobs`` extraction processes (default: all cores); ``cache_dir`` keeps
    extracted pages between runs; ``scheduler`` ``dask[:ADDRESS]`` runs the
    page map on a Dask cluster. None of them changes a byte of the outputs.
    The outputs are written into a staging folder and moved into ``outdir``
    only once all exist (:mod:`kg.export.staging`): an interrupted or failed
    build leaves the previous outputs as they were. With ``keep_contents``
    false the returned pages lose their articles' text and extraction once
    the per-page outputs are written (what ``kg build`` does: a 100,000-article
    build then stays in less memory).
    """
    from kg.graph import build_graph
    from kg.resolve import resolve

    out = Path(outdir)
    warn = warn or progress
    with paused_gc():  # from reading to the graph (kg/collector.py says why)
        pages = read_pages(inputs, progress, warn=warn, max_page_bytes=max_page_bytes,
                           max_article_chars=max_article_chars, jobs=jobs, cache_dir=cache_dir,
                           scheduler=scheduler)
        if not any(p.status == "kept" for p in pages):
            raise KgError(f"no page could be read among {len(pages)} files; outputs left as they were")
        progress(f"extracted {sum(len(p.articles) for p in pages)} articles")
        G = build_graph(pages, resolve(pages))
        progress(f"graph: {G.number_of_nodes()} entities, {G.number_of_edges()} assertions")
    with StagedOutputs(out) as stage:
        report = _write_outputs(G, pages, stage.path, html_max_nodes, jobs, release=not keep_contents)
    outputs = {name: out / name.rstrip("/") for name in report["outputs"]}
    progress(f"wrote {len(outputs)} outputs to {out}{os.sep}")
    return BuildResult(pages=pages, outdir=out, report=report, outputs=outputs)


def _write_outputs(G, pages: list[Page], where: Callable[[str], Path], html_max_nodes: int,
                   jobs: int | None = 1, release: bool = False) -> dict:
    """Write every output to ``where(name)``; return the report. With ``jobs``
    above 1 the RDF files are written by a forked process meanwhile. The
    per-page outputs and the report come first, from the pages; ``release``
    then drops the pages' contents before the graph's outputs are written."""
    from kg.export.extractions import write_extractions
    from kg.export.forked import run_beside
    from kg.export.graphml import write_graphml
    from kg.export.html import write_html
    from kg.export.jsontext import dumps
    from kg.export.ontology import write_ontology
    from kg.export.rdf import write_rdf
    from kg.export.shapes import write_shapes

    outputs = {
        "graph.ttl": where("graph.ttl"),
        "graph.trig": where("graph.trig"),
        "graph.jsonld": where("graph.jsonld"),
        "graph.graphml": where("graph.graphml"),
        "ontology.ttl": where("ontology.ttl"),
        "shapes.ttl": where("shapes.ttl"),
        "graph.html": where("graph.html"),
        "extractions/": where("extractions"),
        "report.json": where("report.json"),
    }

    def rdf() -> None:
        write_rdf(G, outputs["graph.ttl"], outputs["graph.trig"], outputs["graph.jsonld"])

    def the_rest() -> dict:
        write_graphml(G, outputs["graph.graphml"])
        write_ontology(outputs["ontology.ttl"])
        write_shapes(outputs["shapes.ttl"])
        return write_html(G, outputs["graph.html"], max_nodes=html_max_nodes)

    report = build_report(pages, G)
    with paused_gc():
        write_extractions([p for p in pages if p.status == "kept"], outputs["extractions/"])
        if release:
            for page in pages:
                page.release_contents()
        html_stats = run_beside(rdf, the_rest, jobs=jobs)
    report["html"] = html_stats
    report["outputs"] = sorted(outputs)
    write_text_atomic(outputs["report.json"], dumps(report, indent=2) + "\n")
    return report


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
