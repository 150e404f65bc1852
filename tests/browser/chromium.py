"""Headless Debian Chromium under Selenium, offline, for the browser tests and bench/.

Only the system's ``chromium`` and ``chromedriver`` are used (never a
downloaded browser); remote requests are blocked through the DevTools
protocol and every request the page tries is logged so a test can assert
there were none.

    driver = start_chromium()
    try:
        open_page(driver, Path("outputs/graph.html"))
        print(remote_requests(driver), console_messages(driver))
    finally:
        driver.quit()
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

#: Flags known to work headless in a container with no network.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
    # Any name lookup fails: a second wall behind the DevTools block below.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
)
#: URL schemes a self-contained page may load.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "devtools:", "chrome-error:")
_BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can.

    For example ``"`chromedriver` not found: apt-get install chromium-driver (.ci/run does)"``.
    """
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install -e '.[test]')"
    for program, package in (("chromium", "chromium"), ("chromedriver", "chromium-driver")):
        if shutil.which(program) is None:
            return f"`{program}` not found: apt-get install {package} (.ci/run does)"
    return None


def start_chromium(width: int = 1280, height: int = 800):
    """A fresh headless Chromium with its own profile, logging console and network."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--window-size={width},{height}")
    opts.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="kg-chromium-"))
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # An explicit driver path keeps Selenium Manager from fetching one.
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": _BLOCKED})
    return driver


def open_page(driver, path: Path, timeout: float = 120.0) -> float:
    """Load ``path`` over file:// and wait until the page says it is interactive.

    Returns ``kgGraph.readyMs``: ms from navigation start to the first frame
    drawn after the layout settled (see templates/app.js).
    """
    driver.get(Path(path).resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = driver.execute_script("return window.kgGraph ? window.kgGraph.readyMs : null")
        if ready is not None:
            return float(ready)
        time.sleep(0.05)
    raise TimeoutError(f"{path} did not become interactive within {timeout} s")


def console_messages(driver) -> list[dict]:
    """Console entries since the last call (warnings and errors, CSP reports included)."""
    return [e for e in driver.get_log("browser") if e["level"] in ("WARNING", "SEVERE")]


def remote_requests(driver) -> list[str]:
    """URLs of non-local requests the page tried since the last call (blocked or not)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(LOCAL_SCHEMES):
                urls.append(url)
    return urls
