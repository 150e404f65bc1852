"""The scale benchmark of issue 6, in one run (not a test: timing is noisy,
so the figures that count are ratios measured in the same run).

For each corpus size (synthetic pages from ``bench/corpus.py``) it prints:

* build time ÷ one ``jieba.lcut`` pass over the same page text;
* build time per article, and the split into read+extract / resolve+graph /
  exports (from the build's own progress lines);
* peak RSS of the build's largest process;
* an incremental rebuild after changing one page ÷ the full build;

and, on the largest graph, each query of ``queries/`` with rdflib and with
pyoxigraph (load time, p50 ms over repeats, and the ratio).

    PYTHONPATH=. python bench/run.py                      # 1k and 10k articles
    PYTHONPATH=. python bench/run.py --sizes 1000 10000 100000 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402

# Values for the parameterised queries, drawn from the corpus generator's vocabulary.
GROUP = "独居老人"


def machine() -> str:
    """Cores, memory and Python of this machine, for RESULTS.md."""
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return (f"{os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB RAM, "
            f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")


def corpus(size: int, workdir: Path) -> Path:
    """The corpus of ``size`` articles (generated once, reused by later runs)."""
    folder = workdir / f"corpus_{size}"
    done = folder / ".complete"
    if not done.exists():
        write_corpus(size, folder)
        done.write_text("ok")
    return folder


def jieba_pass(folder: Path) -> tuple[float, int]:
    """Seconds for one ``jieba.lcut`` pass (precise mode, the default) over every page, and chars."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start, sum(len(t) for t in texts)


def timed_build(args: list[str]) -> dict:
    """Run ``kg build`` in a child process; wall time, peak RSS, time of each progress stage."""
    cmd = [sys.executable, "-m", "kg.cli", "build", *args]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    marks: list[tuple[float, str]] = []

    def read_stderr():
        for line in proc.stderr:
            marks.append((time.perf_counter() - start, line.rstrip("\n")))

    reader = threading.Thread(target=read_stderr)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    reader.join()
    out = proc.stdout.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {' '.join(cmd)}\n" + "\n".join(m for _, m in marks[-5:]))

    def at(prefix: str) -> float | None:
        return next((t for t, m in marks if m.startswith(prefix)), None)

    stages = {}
    read_end, graph_end, write_end = at("extracted "), at("graph: "), at("wrote ")
    if read_end and graph_end and write_end:
        stages = {"read+extract": read_end, "resolve+graph": graph_end - read_end,
                  "exports": write_end - graph_end}
    # ru_maxrss is in KiB on Linux: the largest of the build process (pool workers are
    # separate processes, each smaller than the parent here).
    return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "stages": stages, "summary": out.strip()}


def change_one_page(folder: Path) -> Path:
    """Append a sentence to the first page (a page that 'arrived changed')."""
    page = sorted(folder.glob("*.txt"))[0]
    page.write_text(page.read_text("utf-8") + "\n\n补充报道:活动还吸引了周边居民参与。\n", encoding="utf-8")
    return page


def bench_size(size: int, workdir: Path, jobs: int) -> dict:
    folder = corpus(size, workdir)
    out = workdir / f"out_{size}"
    cache = workdir / f"cache_{size}"
    subprocess.run(["rm", "-rf", str(out), str(cache)], check=True)
    jieba_s, chars = jieba_pass(folder)
    full = timed_build([str(folder), "-o", str(out), "--cache-dir", str(cache), "-j", str(jobs)])
    page = change_one_page(folder)
    original = page.read_text("utf-8")
    incr = timed_build([str(folder), "-o", str(out), "--cache-dir", str(cache), "-j", str(jobs)])
    page.write_text(original[: original.rindex("\n\n补充报道")], encoding="utf-8")  # restore
    row = {
        "articles": size, "chars": chars, "jobs": jobs, "jieba_s": jieba_s,
        "build_s": full["wall"], "ratio_to_jieba": full["wall"] / jieba_s,
        "ms_per_article": 1000 * full["wall"] / size, "rss_mb": full["rss_mb"], "stages": full["stages"],
        "incremental_s": incr["wall"], "incremental_ratio": incr["wall"] / full["wall"],
        "incremental_stages": incr["stages"], "summary": full["summary"],
    }
    print(f"\n== {size} articles ({chars:,} chars), -j {jobs}")
    print(f"jieba.lcut pass        {jieba_s:8.1f} s")
    print(f"full build             {full['wall']:8.1f} s   = {row['ratio_to_jieba']:.1f} × jieba   "
          f"({row['ms_per_article']:.1f} ms/article)   peak RSS {full['rss_mb']:.0f} MB")
    print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in full["stages"].items()))
    print(f"one page changed       {incr['wall']:8.1f} s   = {row['incremental_ratio']:.2f} × full build")
    print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in incr["stages"].items()))
    print("  " + full["summary"])
    return row


def query_params(store) -> dict[str, str]:
    """Values for the queries' parameters that exist in the graph: its most
    mentioned subdistrict and initiative, and a population of the generator."""
    from kg.query.sparql import query_store

    def top(cls: str) -> str:
        q = f"""PREFIX kg: <https://w3id.org/civic-kg/vocab#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?n (COUNT(?a) AS ?c) WHERE {{ ?e a kg:{cls} ; rdfs:label ?n ; kg:mentionedIn ?a }}
        GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 1"""
        _, rows = query_store(store, q)
        return str(rows[0][0]) if rows else ""

    initiative = top("Initiative")
    return {"place": top("Subdistrict"), "name": initiative, "entity": initiative, "group": GROUP}


def _timed_query(store, text: str, bound: dict, repeats: int, conn) -> None:
    """Child process: run one query ``repeats`` times, send (times ms, rows)."""
    from kg.query.sparql import query_store

    times, rows = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        _, rows = query_store(store, text, bound)
        times.append(1000 * (time.perf_counter() - t))
    conn.send((times, len(rows)))


def bench_queries(graph: Path, engines: list[str], repeats: int, rdflib_repeats: int,
                  timeout: float) -> dict:
    """p50 of every canned query per engine. Each query runs in a forked child
    that shares the loaded store and is stopped after ``timeout`` seconds."""
    import multiprocessing

    from kg.query.sparql import list_queries, load_query, open_store, query_params as declared

    ctx = multiprocessing.get_context("fork")
    results: dict = {}
    params = None
    for engine in engines:
        start = time.perf_counter()
        store = open_store(graph, engine)
        load_s = time.perf_counter() - start
        params = params or query_params(store)
        results[engine] = {"load_s": load_s, "p50_ms": {}, "rows": {}}
        print(f"\n{engine}: loaded {graph.name} in {load_s:.1f} s")
        for name in list_queries():
            text = load_query(name)
            bound = {k: params[k] for k in declared(text) if k in params}
            n = rdflib_repeats if engine == "rdflib" else repeats
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_timed_query, args=(store, text, bound, n, child))
            proc.start()
            if parent.poll(timeout):
                times, rows = parent.recv()
                p50 = statistics.median(times)
                print(f"  {name:34s} p50 {p50:9.1f} ms   {rows:6d} rows   ({n} runs)")
            else:
                p50, rows = None, None
                print(f"  {name:34s} stopped after {timeout:.0f} s")
            proc.kill()
            proc.join()
            results[engine]["p50_ms"][name] = p50
            results[engine]["rows"][name] = rows
        del store
    if len(engines) == 2:
        a, b = engines
        print(f"\n{'query':34s} {a:>10s} {b:>10s}  {b}/{a}")
        for name in results[a]["p50_ms"]:
            x, y = results[a]["p50_ms"][name], results[b]["p50_ms"][name]
            fx = f"{x:10.1f}" if x is not None else f"{'>' + str(int(timeout)) + 's':>10s}"
            fy = f"{y:10.1f}" if y is not None else f"{'>' + str(int(timeout)) + 's':>10s}"
            ratio = f"{y / x:8.1f}" if x and y else "       -"
            print(f"{name:34s} {fx} {fy}  {ratio}")
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--workdir", default="/tmp/kg-bench")
    ap.add_argument("--repeats", type=int, default=5, help="runs per query (p50 is over these)")
    ap.add_argument("--rdflib-repeats", type=int, default=1, help="runs per query on rdflib (slow)")
    ap.add_argument("--query-timeout", type=float, default=120, help="stop a query after this many seconds")
    ap.add_argument("--query-size", type=int, help="articles of the graph to query (default: the largest)")
    ap.add_argument("--queries-only", action="store_true",
                    help="skip the builds; query the graph a previous run left in WORKDIR")
    ap.add_argument("--rdflib-max", type=int, default=10000,
                    help="query with rdflib only on graphs of at most this many articles")
    ap.add_argument("--skip-queries", action="store_true", help="only the builds (query later with --queries-only)")
    ap.add_argument("--json", metavar="FILE", help="also write every figure to FILE")
    args = ap.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}; date: {time.strftime('%Y-%m-%d')}")
    rows = [] if args.queries_only else [bench_size(n, workdir, args.jobs) for n in args.sizes]
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"\nper-article growth {first['articles']} → {last['articles']}: "
              f"{last['ms_per_article'] / first['ms_per_article']:.2f}×")
    biggest = args.query_size or max(args.sizes)
    engines = ["oxigraph", "rdflib"] if biggest <= args.rdflib_max else ["oxigraph"]
    queries = {} if args.skip_queries else bench_queries(
        workdir / f"out_{biggest}" / "graph.ttl", engines, args.repeats, args.rdflib_repeats, args.query_timeout)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "sizes": rows, "queries": queries},
                                              ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
