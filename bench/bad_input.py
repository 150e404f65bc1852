"""Benchmark what oversized input costs a build (not a test).

1. A build of tests/data/bad with and without a 50 MB one-line page beside it
   (the page is refused by its size before it is read).
2. Reading one-line pages up to the default size limit.
3. Extraction time against article length, which grows faster than linearly
   and is why articles over ``MAX_ARTICLE_CHARS`` are skipped.

Times are reported as ratios within this one run.

    PYTHONPATH=. python bench/bad_input.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.document import Article
from kg.pipeline import default_pipeline
from kg.read import read_page
from kg.read.pages import MAX_ARTICLE_CHARS, MAX_PAGE_BYTES

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
SENTENCE = "银杏社区开展读书会，居民踊跃参加。"


def timed(fn, *args, **kwargs) -> float:
    """Seconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def one_line_page(path: Path, size: int) -> Path:
    """Write a page of about ``size`` bytes: a headline, then one endless line."""
    unit = SENTENCE.encode("utf-8")
    with path.open("wb") as f:
        f.write("银杏社区启用书屋\n\n".encode("utf-8"))
        f.write(unit * (size // len(unit)))
    return path


def bench_huge_page(tmp: Path) -> None:
    corpus = tmp / "corpus"
    shutil.copytree(BAD, corpus, ignore=shutil.ignore_patterns("*.py"))
    build([corpus], tmp / "warm")  # load the pipeline once
    base = min(timed(build, [corpus], tmp / "out") for _ in range(3))
    one_line_page(corpus / "huge.txt", 50 * 2**20)
    with_huge = min(timed(build, [corpus], tmp / "out") for _ in range(3))
    print(f"build tests/data/bad: {base:.3f} s; with a 50 MB one-line page added: {with_huge:.3f} s "
          f"(ratio {with_huge / base:.2f})")


def bench_read_sizes(tmp: Path) -> None:
    sizes = [MAX_PAGE_BYTES // 8, MAX_PAGE_BYTES // 4, MAX_PAGE_BYTES // 2, MAX_PAGE_BYTES]
    times = [timed(read_page, one_line_page(tmp / f"p{s}.txt", s)) for s in sizes]
    for s, t in zip(sizes, times):
        print(f"read_page, one line of {s:>9,} bytes: {t:.2f} s ({t / times[0]:.1f}× the smallest)")


def bench_article_length() -> None:
    nlp = default_pipeline()
    nlp(Article(page="w", index=0, title="银杏社区", paragraphs=[SENTENCE]))  # warm up
    lengths = [5_000, 10_000, 20_000, MAX_ARTICLE_CHARS, 2 * MAX_ARTICLE_CHARS]
    times = []
    for n in lengths:
        paras = [SENTENCE * 10] * (n // (len(SENTENCE) * 10))
        times.append(timed(nlp, Article(page="p", index=0, title="银杏社区启用书屋", paragraphs=paras)))
    for n, t in zip(lengths, times):
        print(f"extraction, article of {n:>7,} characters: {t:.2f} s "
              f"({t / times[0]:.1f}× the 5,000-character time for {n / lengths[0]:.0f}× the text)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        bench_huge_page(Path(tmp))
        bench_read_sizes(Path(tmp))
    bench_article_length()
