"""Reading + extraction of pages against one ``jieba.lcut`` pass (issue 6), in one run.

For each corpus (a folder of page files, e.g. from ``bench/corpus.py``), a
fresh child process loads jieba and the gazetteer, then times, on one core:

* one ``jieba.lcut`` pass (precise mode) over the text of every page file;
* :func:`kg.pagemap.process_page` over every page file (read, decode, split
  into articles, run the extraction pipeline);

and prints both, their ratio (target ≤ 2.0) and the extraction time per
article, so growth from 1k to 10k articles shows. Timing is noisy: the ratio
within one run is the figure that counts.

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


def measure(folder: Path, repeats: int) -> dict:
    """Best-of-``repeats`` seconds of a jieba pass and of process_page over ``folder``."""
    sys.path.insert(0, str(ROOT))
    import jieba

    from kg.pagemap import process_page, warm_up

    jieba.setLogLevel(60)
    jieba.initialize()
    warm_up()  # tokenizer, tag table, gazetteer: loaded once per process, like a build worker
    files = sorted(folder.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in files]
    jieba_s, extract_s = [], []
    articles = 0
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        jieba_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        pages = [process_page(p) for p in files]
        extract_s.append(time.perf_counter() - start)
        articles = sum(1 for page in pages for a in page.articles if a.status == "kept")
    return {"folder": str(folder), "pages": len(files), "articles": articles,
            "chars": sum(len(t) for t in texts), "jieba_s": min(jieba_s), "extract_s": min(extract_s)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeats", type=int, default=1, help="best of this many passes (default 1)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.folders[0], args.repeats)))
        return 0
    print(f"{'corpus':<32} {'pages':>6} {'articles':>8} {'jieba s':>8} {'extract s':>9} "
          f"{'ratio':>6} {'ms/article':>10}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for folder in args.folders:
        # A fresh process per corpus: no cache warmed by an earlier corpus.
        out = subprocess.run([sys.executable, __file__, "--child", "--repeats", str(args.repeats), str(folder)],
                             env=env, check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{folder.name:<32} {r['pages']:>6} {r['articles']:>8} {r['jieba_s']:>8.2f} {r['extract_s']:>9.2f} "
              f"{r['extract_s'] / r['jieba_s']:>6.2f} {1000 * r['extract_s'] / max(1, r['articles']):>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
