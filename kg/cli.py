"""The ``kg`` command line: build, eval, query, serve, view.

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
from kg.read.pages import MAX_ARTICLE_CHARS, MAX_PAGE_BYTES

EXIT_OK, EXIT_STRICT, EXIT_INPUT = 0, 1, 2


def _err(message: str) -> None:
    print(f"kg: error: {message}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build, stderr_progress

    progress = (lambda _m: None) if args.quiet else stderr_progress
    # Problems are reported even with --quiet: one line each, as they are met.
    cache_dir = None if args.no_cache else (args.cache_dir or Path(args.output) / ".cache")
    result = build(args.inputs or ["seeds"], args.output, progress=progress, html_max_nodes=args.max_html_nodes,
                   warn=lambda m: print(f"kg: {m}", file=sys.stderr, flush=True),
                   max_page_bytes=args.max_page_bytes, max_article_chars=args.max_article_chars,
                   jobs=args.jobs, cache_dir=cache_dir, scheduler=args.scheduler, keep_contents=False)
    t = result.report["totals"]
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


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import serve

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg: warning: listening on {args.host}: anyone who can reach it can query the graph",
              file=sys.stderr)
    serve(args.graph, host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
          workers=args.workers, max_memory_mb=args.max_memory, quiet=args.quiet)
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


def _positive_int(text: str) -> int:
    """An argparse type: a whole number ≥ 1 (``_`` separators allowed).

    >>> _positive_int("2_000_000")
    2000000
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="civic-kg: Chinese local-news pages about civic work → a knowledge graph.",
        epilog="Exit codes: 0 ok; 1 --strict found skipped files or articles; 2 bad input or usage; 130 interrupted.")
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
    b.add_argument("--max-page-bytes", type=_positive_int, default=MAX_PAGE_BYTES, metavar="N",
                   help=f"skip (as an error) page files larger than N bytes (default: {MAX_PAGE_BYTES:,})")
    b.add_argument("--max-article-chars", type=_positive_int, default=MAX_ARTICLE_CHARS, metavar="N",
                   help=f"skip articles longer than N characters (default: {MAX_ARTICLE_CHARS:,})")
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

    s = sub.add_parser("serve", help="serve the graph as a read-only SPARQL 1.1 endpoint")
    s.add_argument("--graph", default="outputs/graph.ttl", help="graph file (default: outputs/graph.ttl)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    s.add_argument("--timeout", type=float, default=10.0, metavar="S",
                   help="stop a query after S seconds (default: 10)")
    s.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                   help="refuse answers of more than N rows or triples (default: 10000)")
    s.add_argument("--workers", type=int, default=2, metavar="N",
                   help="queries answered at once, one process each (default: 2)")
    s.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                   help="address-space limit of each query process (default: 2048; 0: none)")
    s.add_argument("-q", "--quiet", action="store_true", help="do not log requests on stderr")
    s.set_defaults(func=cmd_serve)

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
