"""Reading + extraction of pages against one ``jieba.lcut`` pass (issue 6), in one run.

For each corpus (a folder of page files, e.g. from ``bench/corpus.py``), a
fresh child process loads jieba and the gazetteer, then times, on one core:

* one ``jieba.lcut`` pass (precise mode) over the text of every page file;
* :func:`kg.pagemap.process_page` over every page file (read, decode, split
  into articles, run the extraction pipeline), through ``map_pages`` on one
  process as ``kg build -j 1 --no-cache`` runs it, keeping every page;

and prints both (wall clock), their ratio (target ≤ 2.0), the extraction
time per article, so growth from 1k to 10k articles shows, and the ratio of
the CPU times of the two (less disturbed by other processes on the machine). Timing is noisy: the ratio
within one pass is the figure that counts (with ``--repeats``, the pass with
the median ratio is shown and every pass's ratio is listed).

    PYTHONPATH=. python bench/extract_speed.py /tmp/kg-bench/corpus_1000 /tmp/kg-bench/corpus_10000
    PYTHONPATH=. python bench/extract_speed.py --repeats 3 /tmp/kg-bench/corpus_1000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(folder: Path) -> dict:
    """Seconds of one jieba pass and of one process_page pass over ``folder``."""
    sys.path.insert(0, str(ROOT))
    import jieba

    from kg.pagemap import map_pages, warm_up

    jieba.setLogLevel(60)
    jieba.initialize()
    warm_up()  # tokenizer, tag table, gazetteer: loaded once per process, like a build worker
    files = sorted(folder.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in files]
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.lcut(text)
    jieba_s, jieba_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    pages = map_pages(files, jobs=1)  # process_page over every file, as kg build -j 1 --no-cache does
    extract_s, extract_cpu = time.perf_counter() - start, time.process_time() - cpu
    articles = sum(1 for page in pages for a in page.articles if a.status == "kept")
    return {"pages": len(files), "articles": articles, "jieba_s": jieba_s, "extract_s": extract_s,
            "jieba_cpu": jieba_cpu, "extract_cpu": extract_cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeats", type=int, default=1,
                        help="passes per corpus, each in a fresh process; the median is shown (default 1)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.folders[0])))
        return 0
    print(f"{'corpus':<16} {'pages':>6} {'articles':>8} {'jieba s':>8} {'extract s':>9} {'ratio':>6} "
          f"{'ms/article':>10} {'cpu ratio':>9}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for folder in args.folders:
        runs = []
        for _ in range(args.repeats):
            # A fresh process per pass: no cache warmed by an earlier pass or corpus.
            out = subprocess.run([sys.executable, __file__, "--child", str(folder)],
                                 env=env, check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        r = sorted(runs, key=lambda x: x["extract_s"] / x["jieba_s"])[len(runs) // 2]  # the median pass
        print(f"{folder.name:<16} {r['pages']:>6} {r['articles']:>8} {r['jieba_s']:>8.2f} {r['extract_s']:>9.2f} "
              f"{r['extract_s'] / r['jieba_s']:>6.2f} {1000 * r['extract_s'] / max(1, r['articles']):>10.2f} "
              f"{r['extract_cpu'] / r['jieba_cpu']:>9.2f}")
        if len(runs) > 1:
            print(f"{'':<16} ratios of the {len(runs)} passes: "
                  + " ".join(f"{x['extract_s'] / x['jieba_s']:.2f}" for x in runs)
                  + "; cpu: " + " ".join(f"{x['extract_cpu'] / x['jieba_cpu']:.2f}" for x in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
