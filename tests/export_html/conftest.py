"""Small crafted graphs for the HTML export tests (names are invented)."""

from __future__ import annotations

import pytest

from kg.graph.model import add_article, add_assertion, add_entity, new_graph

HOSTILE = "</script><img src=x onerror=alert(1)>"


@pytest.fixture
def hostile():
    """Markup that would run if it reached the DOM as HTML."""
    return HOSTILE


@pytest.fixture
def small_graph():
    """A subdistrict with two communities, an initiative, a donor and a volunteer.

    The donor gives twice to the same community (two articles), so one pair
    carries two edges with different keys.
    """
    G = new_graph()
    add_article(G, "p#0", page="p", index=0, title="银杏社区开展助老活动")
    add_article(G, "p#1", page="p", index=1, title="爱心企业再次捐赠")
    district = add_entity(G, "District", "青松区", article="p#0", code="320599")
    street = add_entity(G, "Subdistrict", "白桦街道", article="p#0")
    ginkgo = add_entity(G, "Community", "银杏社区", aliases=["银杏"], article="p#0")
    maple = add_entity(G, "Community", "枫叶社区", article="p#1")
    canteen = add_entity(G, "Initiative", "暖心食堂", article="p#0")
    firm = add_entity(G, "Organization", "松果科技公司", article="p#1")
    person = add_entity(G, "Person", "李小明", article="p#0")
    elders = add_entity(G, "Group", "独居老人", article="p#0")
    add_assertion(G, street, "locatedIn", district, article="p#0", evidence="青松区白桦街道")
    add_assertion(G, ginkgo, "locatedIn", street, article="p#0", evidence="白桦街道银杏社区")
    add_assertion(G, maple, "locatedIn", street, article="p#1", evidence="白桦街道枫叶社区")
    add_assertion(G, ginkgo, "organized", canteen, article="p#0", evidence="银杏社区办起暖心食堂")
    add_assertion(G, firm, "donatedTo", ginkgo, article="p#0", evidence="捐赠2万元",
                  amount_yuan=20000.0)
    add_assertion(G, firm, "donatedTo", ginkgo, article="p#1", evidence="再捐5千元",
                  amount_yuan=5000.0)
    add_assertion(G, person, "memberOf", firm, article="p#1", evidence="李小明任队长",
                  role="队长")
    add_assertion(G, canteen, "serves", elders, article="p#0", evidence="为独居老人送餐")
    return G


@pytest.fixture
def hostile_graph():
    """Markup, quotes, backslashes, line separators and a lone surrogate in the data."""
    G = new_graph()
    add_article(G, "h#0", page="h", index=0, title=HOSTILE + "标题")
    org = add_entity(G, "Organization", HOSTILE + "公益会", aliases=['"引号\\反斜杠'],
                     article="h#0")
    com = add_entity(G, "Community", "梧桐\u2028社区\u2029\ud800", article="h#0")
    add_assertion(G, org, "donatedTo", com, article="h#0",
                  evidence=HOSTILE + "捐赠 {{APP_JS}} <!-- \\", amount_yuan=float("nan"))
    return G
