"""Fixtures for the browser tests: one headless Chromium and the seed page per session.

Every test here is skipped, with the reason, when Chromium, chromedriver or
selenium is missing; ``.ci/run`` installs them, so CI runs them all.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

try:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:  # the tests are then skipped; see pytest_collection_modifyitems
    ActionChains = By = Keys = None

from chromium import console_messages, missing, open_page, remote_requests, start_chromium

REPO = Path(__file__).resolve().parents[2]
_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def pytest_collection_modifyitems(config, items):
    """Skip this folder's tests, saying why, when no browser is available."""
    reason = missing()
    if reason is None:
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.skip(reason="browser tests: " + reason))


@pytest.fixture(scope="session")
def driver():
    """One headless Chromium for the whole session (starting one costs ~1 s)."""
    drv = start_chromium()
    yield drv
    drv.quit()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """``kg build`` of seeds/ into a temporary folder, once: (outdir, report)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-build")
    result = build([REPO / "seeds"], out)
    return out, result.report


def page_data(path: Path) -> dict:
    """The JSON data block embedded in a page, parsed back."""
    return json.loads(_DATA.search(path.read_text(encoding="utf-8")).group(1))


class Loaded:
    """A page opened in the browser, with what it logged while loading."""

    def __init__(self, drv, path: Path):
        console_messages(drv)  # drop what earlier pages logged
        remote_requests(drv)
        self.driver = drv
        self.path = path
        self.ready_ms = open_page(drv, path)
        self.console = console_messages(drv)
        self.remote = remote_requests(drv)
        self.data = page_data(path)

    def js(self, script: str, *args):
        """Run ``script`` (a function body) in the page and return its value."""
        return self.driver.execute_script(script, *args)

    def shown(self) -> tuple[set[int], set[int]]:
        """Ids of the nodes and edges currently drawn (after filters)."""
        nodes, edges = self.js("return [kgGraph.nodeView.getIds(), kgGraph.edgeView.getIds()]")
        return set(nodes), set(edges)

    def click(self, css: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, css).click()

    def search(self, text: str) -> None:
        """Type ``text`` in the search box and press Enter, as a person would."""
        box = self.driver.find_element(By.ID, "kg-search")
        box.clear()
        box.send_keys(text, Keys.ENTER)

    def hover(self, x: float, y: float) -> str:
        """Move the mouse to canvas point (x, y) and return the tooltip's text."""
        canvas = self.driver.find_element(By.CSS_SELECTOR, "#kg-network canvas")
        w, h = canvas.size["width"], canvas.size["height"]
        actions = ActionChains(self.driver)
        actions.move_to_element_with_offset(canvas, 2 - w // 2, 2 - h // 2)  # away first
        actions.move_to_element_with_offset(canvas, round(x - w / 2), round(y - h / 2))
        actions.perform()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            text = self.js("var t = document.querySelector('div.vis-tooltip');"
                           "return t && t.style.visibility !== 'hidden' ? t.textContent : ''")
            if text:
                return text
            time.sleep(0.05)
        return ""

    def node_point(self, node_id: int) -> tuple[float, float]:
        """Where a node is drawn, in canvas pixels, once the view stops moving
        (search and neighbourhood animate the camera)."""
        where = ("var n = kgGraph.network;"
                 "return n.canvasToDOM(n.getPosition(arguments[0]));")
        last, deadline = None, time.monotonic() + 5
        while time.monotonic() < deadline:
            p = self.js(where, node_id)
            if p == last:
                break
            last = p
            time.sleep(0.15)
        return last["x"], last["y"]

    def hover_node(self, node_id: int) -> str:
        return self.hover(*self.node_point(node_id))

    def hover_edge(self, edge_id: int) -> str:
        """Hover the middle of a straight edge."""
        edge = next(e for e in self.data["edges"] if e["id"] == edge_id)
        (x1, y1), (x2, y2) = self.node_point(edge["from"]), self.node_point(edge["to"])
        return self.hover((x1 + x2) / 2, (y1 + y2) / 2)


@pytest.fixture
def console(driver):
    """Warnings and errors the browser logged since the last look: ``console()``."""
    return lambda: console_messages(driver)


@pytest.fixture
def load(driver):
    """Open a page file in the shared browser: ``load(path) -> Loaded``."""
    return lambda path: Loaded(driver, path)


# ---------------------------------------------------------------- crafted graphs (invented names)

#: Each string would set ``window.kgPwned`` if the page ever ran it as markup.
HOSTILE = (
    '<img src=x onerror="window.kgPwned=1">',
    '</script><script>window.kgPwned=2</script>',
    '<svg onload="window.kgPwned=3"></svg>',
)


@pytest.fixture(scope="session")
def crafted_page(tmp_path_factory):
    """A small page: a district with a code, a community with an alias, a donation
    with an amount, a membership with a role, a partnership. Returns its path."""
    from kg.export.html import write_html
    from kg.graph.model import add_article, add_assertion, add_entity, new_graph

    G = new_graph()
    add_article(G, "c#0", page="c", index=0, title="银杏社区开展助老活动")
    add_article(G, "c#1", page="c", index=1, title="松果科技公司捐赠两万元")
    district = add_entity(G, "District", "青松区", article="c#0", code="320599")
    street = add_entity(G, "Subdistrict", "白桦街道", article="c#0")
    ginkgo = add_entity(G, "Community", "银杏社区", aliases=["银杏里"], article="c#0")
    firm = add_entity(G, "Organization", "松果科技公司", article="c#1")
    team = add_entity(G, "Organization", "红枫志愿队", article="c#1")
    person = add_entity(G, "Person", "李小明", article="c#1")
    add_assertion(G, street, "locatedIn", district, article="c#0", evidence="青松区白桦街道")
    add_assertion(G, ginkgo, "locatedIn", street, article="c#0", evidence="白桦街道银杏社区")
    add_assertion(G, firm, "donatedTo", ginkgo, article="c#1",
                  evidence="松果科技公司向银杏社区捐赠2万元", amount_yuan=20000.0)
    add_assertion(G, person, "memberOf", team, article="c#1",
                  evidence="李小明担任红枫志愿队队长", role="队长")
    add_assertion(G, firm, "partneredWith", team, article="c#1", evidence="两家单位联合开展")
    path = tmp_path_factory.mktemp("crafted") / "crafted.html"
    write_html(G, path)
    return path


@pytest.fixture(scope="session")
def hostile():
    """The hostile strings of :func:`hostile_page`."""
    return HOSTILE


@pytest.fixture(scope="session")
def hostile_page(tmp_path_factory):
    """A page whose names, alias, headline and evidence are all live markup."""
    from kg.export.html import write_html
    from kg.graph.model import add_article, add_assertion, add_entity, new_graph

    G = new_graph()
    add_article(G, "h#0", page="h", index=0, title=HOSTILE[1] + "标题")
    org = add_entity(G, "Organization", HOSTILE[0] + "公益会", aliases=[HOSTILE[2]],
                     article="h#0")
    com = add_entity(G, "Community", HOSTILE[1] + "社区", article="h#0")
    add_assertion(G, org, "donatedTo", com, article="h#0",
                  evidence="".join(HOSTILE) + "捐赠", amount_yuan=100.0)
    path = tmp_path_factory.mktemp("hostile") / "hostile.html"
    write_html(G, path)
    return path
