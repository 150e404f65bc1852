"""Hover cards, arrows and hostile text, on small crafted pages in a real browser."""

from __future__ import annotations


def _node(page, name: str) -> dict:
    return next(n for n in page.data["nodes"] if n["name"] == name)


def _edge(page, predicate: str) -> dict:
    return next(e for e in page.data["edges"] if e["predicate"] == predicate)


def test_hovering_a_place_shows_type_code_and_headline(load, crafted_page):
    page = load(crafted_page)
    assert page.console == [] and page.remote == []
    text = page.hover_node(_node(page, "青松区")["id"])
    assert text.startswith("青松区")
    assert "类型: 区/县/开发区" in text and "区划代码: 320599" in text
    assert "银杏社区开展助老活动" in text  # the headline of its article, not its id


def test_hovering_a_community_shows_its_aliases(load, crafted_page):
    page = load(crafted_page)
    text = page.hover_node(_node(page, "银杏社区")["id"])
    assert "别名: 银杏里" in text and "类型: 社区/村" in text


def test_hovering_a_donation_shows_amount_evidence_and_headline(load, crafted_page):
    page = load(crafted_page)
    text = page.hover_edge(_edge(page, "donatedTo")["id"])
    assert "松果科技公司 → 捐赠给 → 银杏社区" in text
    assert "金额: 20,000 元" in text
    assert "松果科技公司向银杏社区捐赠2万元" in text
    assert "报道: 松果科技公司捐赠两万元" in text


def test_hovering_a_membership_shows_the_role(load, crafted_page):
    page = load(crafted_page)
    text = page.hover_edge(_edge(page, "memberOf")["id"])
    assert "角色: 队长" in text and "李小明担任红枫志愿队队长" in text


def test_hover_cards_follow_the_language(load, crafted_page):
    page = load(crafted_page)
    page.click("#kg-lang")
    text = page.hover_edge(_edge(page, "donatedTo")["id"])
    assert "donated to" in text and "amount: 20,000 yuan" in text


def test_edges_are_directed_and_symmetric_ones_point_both_ways(load, crafted_page):
    page = load(crafted_page)
    arrows = dict(page.js("return kgGraph.edges.map(function (e) { return [e.kgPred, e.arrows]; })"))
    assert arrows["donatedTo"] == "to" and arrows["locatedIn"] == "to"
    assert arrows["partneredWith"] == "to, from"


def test_hostile_text_is_shown_never_run(load, hostile_page, hostile, console):
    page = load(hostile_page)
    assert page.console == [] and page.remote == []
    org = next(n for n in page.data["nodes"] if n["type"] == "Organization")
    assert org["name"] == hostile[0] + "公益会"
    # Find it by its hostile alias, show its card, hover it and its donation.
    page.search(hostile[2])
    assert page.js("return kgGraph.network.getSelectedNodes()") == [org["id"]]
    details = page.js("return document.getElementById('kg-details').textContent")
    assert hostile[0] in details and hostile[2] in details
    assert hostile[0] in page.hover_node(org["id"])
    edge_text = page.hover_edge(page.data["edges"][0]["id"])
    assert "".join(hostile) in edge_text and hostile[1] + "标题" in edge_text
    assert page.js("return typeof window.kgPwned") == "undefined"
    assert page.js("return document.querySelectorAll('img, svg, iframe, object').length") == 0
    assert page.js("return document.scripts.length") == 3  # data, vis, app: none injected
    assert console() == []  # nothing logged while searching and hovering either


def test_the_watchers_see_console_errors_and_remote_requests(driver, tmp_path):
    # The offline and no-error assertions above mean something only if these fire.
    from chromium import console_messages, remote_requests

    console_messages(driver)
    remote_requests(driver)
    bad = tmp_path / "bad.html"
    bad.write_text('<img src="https://example.invalid/x.png">'
                   '<script>console.error("boom")</script>', encoding="utf-8")
    driver.get(bad.as_uri())
    assert remote_requests(driver) == ["https://example.invalid/x.png"]
    assert any("boom" in m["message"] for m in console_messages(driver))
