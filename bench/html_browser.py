"""Page size and time-to-interactive of graph.html in headless Chromium (not a test).

Time-to-interactive is ``kgGraph.readyMs`` from the page itself: milliseconds
from navigation start to the first frame drawn after the layout settled
(physics stabilised, or the fixed layout drawn). "Redraw" is the median time
of one full redraw afterwards, what each pan or zoom step costs. Each page is loaded
``--runs`` times in one fresh browser and the median is reported, with the
ratio to the seed page measured in the same run.

    PYTHONPATH=. python bench/html_browser.py                 # seeds, 5,000 nodes
    PYTHONPATH=. python bench/html_browser.py 500 5000 20000 --runs 5

Needs ``chromium``, ``chromedriver`` (Debian's chromium-driver) and selenium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))  # the tests' Chromium driver setup

from chromium import console_messages, missing, open_page, start_chromium  # noqa: E402
from html_scale import synthetic_graph  # noqa: E402

from kg.export.html import write_html  # noqa: E402


def pages(sizes: list[int], workdir: Path) -> list[tuple[str, Path, dict]]:
    """(label, path, stats) of the seed page and of synthetic pages of each size:
    with the default drawing limit (2,000) and with no limit."""
    from kg.build import build

    seed = build([REPO / "seeds"], workdir / "seed")
    out = [("seeds", seed.outputs["graph.html"], seed.report["html"])]
    for n in sizes:
        G = synthetic_graph(n)
        for label, limit in ((f"{n} (default limit)", 2000), (f"{n} (all drawn)", 10**9)):
            if limit >= n and "default" in label:
                continue  # nothing would be cut: same page as "all drawn"
            path = workdir / f"synthetic_{n}_{limit}.html"
            out.append((label, path, write_html(G, path, max_nodes=limit)))
    return out


_REDRAW = """
var n = kgGraph.network, t = [];
for (var i = 0; i < 5; i++) { var s = performance.now(); n.redraw(); t.push(performance.now() - s); }
t.sort(function (a, b) { return a - b; });
return t[2];
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[5000])
    ap.add_argument("--runs", type=int, default=3, help="loads per page (median reported)")
    args = ap.parse_args()
    reason = missing()
    if reason:
        sys.exit("bench/html_browser.py: " + reason)
    with tempfile.TemporaryDirectory() as tmp:
        todo = pages(args.sizes, Path(tmp))
        driver = start_chromium()
        try:
            print(f"{'page':<22} {'drawn':>11} {'layout':>7} {'page MB':>8} "
                  f"{'TTI ms (median)':>16} {'× seeds':>8} {'redraw ms':>10}  console")
            base = None
            for label, path, stats in todo:
                times, redraws = [], []
                console_messages(driver)
                for _ in range(args.runs):
                    times.append(open_page(driver, path, timeout=600))
                    redraws.append(driver.execute_script(_REDRAW))
                problems = len(console_messages(driver))
                tti = statistics.median(times)
                base = base or tti
                drawn = f"{stats['nodes']}/{stats['total_nodes']}"
                print(f"{label:<22} {drawn:>11} {stats['layout']:>7} "
                      f"{stats['bytes'] / 1e6:>8.2f} {tti:>16.0f} {tti / base:>8.1f} "
                      f"{statistics.median(redraws):>10.0f}  "
                      f"{problems} warnings/errors")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
