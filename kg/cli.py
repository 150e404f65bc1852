"""The ``kg`` command line: build, eval, query, view.

Exit codes: 0 success; 1 the build finished but ``--strict`` found files or
articles it had to skip; 2 bad usage or input (a missing path, nothing
readable, an unreadable gold or graph file, a bad query).
"""

from __future__ import annotations

import argparse
import json
import sys
import webbrowser
from pathlib import Path

from kg import __version__
from kg.errors import KgError

EXIT_OK, EXIT_STRICT, EXIT_INPUT = 0, 1, 2


def _err(message: str) -> None:
    print(f"kg: error: {message}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build, stderr_progress

    progress = (lambda _m: None) if args.quiet else stderr_progress
    cache_dir = None if args.no_cache else (args.cache_dir or Path(args.output) / ".cache")
    result = build(args.inputs or ["seeds"], args.output, progress=progress, html_max_nodes=args.max_html_nodes,
                   jobs=args.jobs, cache_dir=cache_dir, scheduler=args.scheduler)
    t = result.report["totals"]
    for f in result.report["files"]:
        if f["status"] != "kept":
            print(f"kg: {f['status']}: {f['file']}: {f['reason']}", file=sys.stderr)
    print(
        f"{t['files_kept']}/{t['files']} files, {t['articles_kept']}/{t['articles']} articles "
        f"({t['duplicates']} reprints), {t['nodes']} entities, {t['edges']} assertions → {result.outdir}"
    )
    if args.open:
        _open(result.outputs["graph.html"])
    if args.strict and result.problems:
        _err(f"--strict: {result.problems} files or articles were not kept (see report.json)")
        return EXIT_STRICT
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_report, report_to_json

    report = evaluate(args.gold, args.pred)
    if args.json:
        print(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, errors=args.errors))
    return EXIT_OK


def _parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise KgError(f"--param {item!r}: expected NAME=VALUE")
        params[name.lstrip("?$")] = value
    return params


def query_text(arg: str) -> str:
    """QUERY may be a ``.rq`` file, the name of a query in ``queries/``, or SPARQL text.

    >>> "SELECT" in query_text("SELECT * WHERE { ?s ?p ?o }")
    True
    """
    from kg.query.sparql import list_queries, load_query

    if arg.endswith(".rq") or Path(arg).is_file() or arg in list_queries():
        return load_query(arg)
    if any(word in arg.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        return arg
    raise KgError(f"{arg}: not a .rq file, a query name ({', '.join(list_queries())}) or SPARQL text")


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query.sparql import format_results, run_query

    text = query_text(args.query)
    variables, rows = run_query(text, args.graph, engine=args.engine, params=_parse_params(args.param))
    sys.stdout.write(format_results(variables, rows, args.format))
    return EXIT_OK


def _open(path: Path) -> None:
    uri = Path(path).resolve().as_uri()
    if not webbrowser.open(uri):
        print(f"open {uri} in a browser", file=sys.stderr)


def cmd_view(args: argparse.Namespace) -> int:
    page = Path(args.outdir) / "graph.html"
    if not page.is_file():
        raise KgError(f"{page}: not found; run `kg build` first")
    _open(page)
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"civic-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph and every output from page files")
    b.add_argument("inputs", nargs="*", metavar="INPUT", help=".txt page files or folders (default: seeds/)")
    b.add_argument("-o", "--output", default="outputs", help="output folder (default: outputs/)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    b.add_argument("--strict", action="store_true", help="exit 1 if any file or article was skipped")
    b.add_argument("--max-html-nodes", type=int, default=2000, metavar="N",
                   help="draw at most N nodes (the most connected) in graph.html")
    b.add_argument("--open", action="store_true", help="open graph.html in the default browser")
    b.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="extract pages on N processes (default: all cores)")
    b.add_argument("--cache-dir", metavar="DIR",
                   help="keep extracted pages here and skip unchanged ones (default: OUTDIR/.cache)")
    b.add_argument("--no-cache", action="store_true", help="extract every page afresh; keep no cache")
    b.add_argument("--scheduler", default="local", metavar="local|dask|dask:ADDRESS",
                   help="run the page map locally (default), on a local Dask cluster, or on the Dask "
                        "scheduler at ADDRESS")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("eval", help="score extractions against gold annotations (SCHEMA.md)")
    e.add_argument("gold", metavar="GOLD_DIR")
    e.add_argument("--pred", default="outputs/extractions", metavar="DIR",
                   help="extractions folder (default: outputs/extractions)")
    e.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.set_defaults(func=cmd_eval)

    q = sub.add_parser("query", help="run a SPARQL query (a .rq file, a name from queries/, or a string)")
    q.add_argument("query", metavar="QUERY")
    q.add_argument("--graph", default="outputs/graph.ttl", help="graph file (default: outputs/graph.ttl)")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--engine", choices=("rdflib", "oxigraph"), default="oxigraph")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to a literal VALUE (never spliced into the query text)")
    q.set_defaults(func=cmd_query)

    v = sub.add_parser("view", help="open graph.html in the default browser")
    v.add_argument("outdir", nargs="?", default="outputs")
    v.set_defaults(func=cmd_view)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except KgError as exc:
        _err(str(exc))
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("interrupted; earlier outputs are left as they were")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
