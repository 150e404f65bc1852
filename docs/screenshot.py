"""Make docs/graph.png, the README's picture of the seed graph (not a test).

Builds seeds/ into a temporary folder, opens graph.html in headless Chromium,
selects the best-connected subdistrict (by the page's own data), shows what
lies within it (two hops, "into it") and saves the window.

    PYTHONPATH=. python docs/screenshot.py [--out docs/graph.png]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))  # the tests' Chromium driver setup

from chromium import console_messages, missing, open_page, start_chromium  # noqa: E402

_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def best_subdistrict(page: Path) -> str:
    """Name of the subdistrict with the most relations in a page's data."""
    data = json.loads(_DATA.search(page.read_text(encoding="utf-8")).group(1))
    subs = [n for n in data["nodes"] if n["type"] == "Subdistrict"]
    return max(subs, key=lambda n: (n["degree"], n["name"]))["name"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "graph.png")
    args = ap.parse_args()
    if missing():
        sys.exit("docs/screenshot.py: " + missing())
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from kg.build import build

    with tempfile.TemporaryDirectory() as tmp:
        page = build([REPO / "seeds"], tmp).outputs["graph.html"]
        driver = start_chromium()
        try:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 1200, "height": 720, "deviceScaleFactor": 1,
                                    "mobile": False})
            open_page(driver, page)
            driver.find_element(By.ID, "kg-search").send_keys(best_subdistrict(page), Keys.ENTER)
            driver.execute_script("document.getElementById('kg-hops').value = '2';"
                                  "document.getElementById('kg-dir').value = 'in';")
            driver.find_element(By.ID, "kg-hood").click()
            time.sleep(2)  # the short layout run and the fit animation
            problems = console_messages(driver)
            if problems:
                sys.exit(f"console: {problems}")
            args.out.write_bytes(driver.get_screenshot_as_png())
        finally:
            driver.quit()
    print(f"{args.out}: {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
