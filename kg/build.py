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
from kg.export.staging import StagedOutputs
from kg.pipeline import default_pipeline
from kg.read import iter_page_files, mark_duplicates, read_page
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
) -> list[Page]:
    """Read every page file (never raises for a bad file: its Page says why).

    Files are taken in path order whatever order they were named in, so the
    outputs do not depend on it. ``warn`` (default: ``progress``) gets one
    line per file or article that was not kept and per warning.
    """
    warn = warn or progress
    files = sorted(iter_page_files(inputs), key=lambda p: p.as_posix())
    pages = []
    stems: dict[str, str] = {}
    for i, path in enumerate(files, 1):
        page = read_page(path, max_bytes=max_page_bytes, max_article_chars=max_article_chars)
        _claim_stem(page, stems)
        progress(f"[{i}/{len(files)}] {path}: {len(page.articles)} articles")
        if page.status != "kept":
            warn(f"{page.status}: {path}: {page.reason}")
        for w in page.warnings:
            warn(f"warning: {path}: {w}")
        for art in page.articles if page.status == "kept" else ():
            if art.status != "kept":
                warn(f"{art.status}: {path}: article {art.id}: {art.reason}")
        pages.append(page)
    mark_duplicates(pages)
    return pages


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
        for art in page.articles:  # listed in the report, not extracted
            art.status, art.reason = "error", page.reason
    elif page.status == "kept":
        stems[key] = page.path


def extract(pages: list[Page], warn: Progress = _quiet) -> None:
    """Run the extraction pipeline over every kept article, in place.

    An article on which extraction fails gets ``status="error"`` and the
    reason (with a line to ``warn``); the other articles go on.
    """
    nlp = default_pipeline()
    for page in pages:
        for art in page.articles:
            if art.status == "kept":
                try:
                    nlp(art)
                except Exception as exc:  # a bug met on odd text must not sink the corpus
                    art.sentences, art.mentions, art.entities, art.relations = [], [], [], []
                    art.status, art.reason = "error", f"extraction failed: {type(exc).__name__}: {exc}"
                    warn(f"error: {page.path}: article {art.id}: {art.reason}")


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
) -> BuildResult:
    """Run the whole job and write every output into ``outdir``.

    The outputs are written into a staging folder and moved into ``outdir``
    only once all exist (:mod:`kg.export.staging`): an interrupted or failed
    build leaves the previous outputs as they were.
    """
    from kg.graph import build_graph
    from kg.resolve import resolve

    out = Path(outdir)
    warn = warn or progress
    pages = read_pages(inputs, progress, warn=warn, max_page_bytes=max_page_bytes,
                       max_article_chars=max_article_chars)
    if not any(p.status == "kept" for p in pages):
        raise KgError(f"no page could be read among {len(pages)} files; outputs left as they were")
    progress(f"extracting {sum(len(p.articles) for p in pages)} articles")
    extract(pages, warn)
    resolution = resolve(pages)
    G = build_graph(pages, resolution)
    progress(f"graph: {G.number_of_nodes()} entities, {G.number_of_edges()} assertions")
    with StagedOutputs(out) as stage:
        report = _write_outputs(G, pages, stage.path, html_max_nodes)
    outputs = {name: out / name.rstrip("/") for name in report["outputs"]}
    progress(f"wrote {len(outputs)} outputs to {out}{os.sep}")
    return BuildResult(pages=pages, outdir=out, report=report, outputs=outputs)


def _write_outputs(G, pages: list[Page], where: Callable[[str], Path], html_max_nodes: int) -> dict:
    """Write every output to ``where(name)``; return the report."""
    from kg.export.extractions import write_extractions
    from kg.export.graphml import write_graphml
    from kg.export.html import write_html
    from kg.export.ontology import write_ontology
    from kg.export.rdf import write_jsonld, write_trig, write_turtle
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
    write_turtle(G, outputs["graph.ttl"])
    write_trig(G, outputs["graph.trig"])
    write_jsonld(G, outputs["graph.jsonld"])
    write_graphml(G, outputs["graph.graphml"])
    write_ontology(outputs["ontology.ttl"])
    write_shapes(outputs["shapes.ttl"])
    html_stats = write_html(G, outputs["graph.html"], max_nodes=html_max_nodes)
    write_extractions([p for p in pages if p.status == "kept"], outputs["extractions/"])
    report = build_report(pages, G)
    report["html"] = html_stats
    report["outputs"] = sorted(outputs)
    write_text_atomic(outputs["report.json"], json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return report


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
