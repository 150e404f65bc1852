"""Corpus-wide resolution on crafted articles from different pages: one
entity per real thing, never a merge of distinct places sharing a prefix.

All names are invented (银杏街道, 松鹤社区, 刘桂芳, “暖心驿家”); districts and
cities are real public geography from the official division table.
"""

from __future__ import annotations

from kg.document import Article, ArticleEntity, Page
from kg.extract.entities import same_entity
from kg.pipeline import default_pipeline
from kg.resolve import resolve

_NLP = default_pipeline()


def _page(stem: str, *bodies: str) -> Page:
    """One page whose articles are the given one-paragraph bodies, extracted."""
    arts = [_NLP(Article(page=stem, index=i, title="标题", paragraphs=[b])) for i, b in enumerate(bodies)]
    return Page(path=f"{stem}.txt", stem=stem, articles=arts)


def _by_type(res, type_name: str) -> dict[str, set[str]]:
    """name → aliases of the resolved entities of one type."""
    return {e.name: e.aliases for e in res.entities.values() if e.type == type_name}


def test_zone_abbreviation_merges_across_articles():
    res = resolve([_page("a", "近日,银杏经济技术开发区召开动员大会。"),
                   _page("b", "银杏经开区开展“暖心驿家”活动。")])
    assert _by_type(res, "District") == {"银杏经济技术开发区": {"银杏经开区"}}
    assert res.key_of("b#0", "银杏经开区") == "District/银杏经济技术开发区"
    assert res.entities["District/银杏经济技术开发区"].articles == {"a#0", "b#0"}


def test_high_tech_zone_abbreviation_merges_across_articles():
    res = resolve([_page("a", "滨江高新区银杏街道开展活动。"),
                   _page("b", "滨江高新技术产业开发区银杏街道举办活动。")])
    assert _by_type(res, "District") == {"滨江高新技术产业开发区": {"滨江高新区"}}
    assert list(_by_type(res, "Subdistrict")) == ["银杏街道"]


def test_human_resources_bureau_short_and_long_forms():
    """人社局 = 人力资源和社会保障局 (on article entities as a reader writes them)."""
    a = Article(page="a", index=0, title="t",
                entities=[ArticleEntity("西湖区人力资源和社会保障局", "Organization")])
    b = Article(page="b", index=0, title="t", entities=[ArticleEntity("西湖区人社局", "Organization")])
    res = resolve([Page(path="a.txt", stem="a", articles=[a]), Page(path="b.txt", stem="b", articles=[b])])
    assert _by_type(res, "Organization") == {"西湖区人力资源和社会保障局": {"西湖区人社局"}}
    assert same_entity("西湖区人社局", "西湖区人力资源和社会保障局", "Organization")
    assert not same_entity("西湖区人社局", "鼓楼区人社局", "Organization")


def test_short_community_name_with_filler_merges_across_articles():
    res = resolve([_page("a", "近日,银杏街道松鹤家园社区开展活动。"),
                   _page("b", "松鹤社区开展“暖心驿家”活动。")])
    assert _by_type(res, "Community") == {"松鹤家园社区": {"松鹤社区"}}
    assert res.key_of("b#0", "松鹤社区") == "Community/松鹤家园社区"


def test_numbered_communities_sharing_a_prefix_stay_apart():
    res = resolve([_page("a", "近日,银杏街道松鹤一社区开展活动。"),
                   _page("b", "银杏街道松鹤二社区开展“暖心驿家”活动。")])
    assert _by_type(res, "Community") == {"松鹤一社区": set(), "松鹤二社区": set()}
    assert not same_entity("松鹤一社区", "松鹤二社区", "Community")
    assert not same_entity("松鹤社区", "松鹤一社区", "Community")


def test_short_form_under_a_different_parent_is_another_place():
    res = resolve([_page("a", "西湖区银杏街道松鹤家园社区开展活动。"),
                   _page("b", "鼓楼区枫林街道松鹤社区开展活动。")])
    assert _by_type(res, "Community") == {"松鹤家园社区": set(), "松鹤社区": set()}


def test_short_form_under_the_same_parent_is_the_same_place():
    res = resolve([_page("a", "西湖区银杏街道松鹤家园社区开展活动。"),
                   _page("b", "西湖区银杏街道松鹤社区开展活动。")])
    assert _by_type(res, "Community") == {"松鹤家园社区": {"松鹤社区"}}


def test_person_with_a_form_of_address_is_the_named_person():
    res = resolve([_page("a", "“以前下雨就积水。”家住松鹤社区的刘桂芳阿姨说。"),
                   _page("b", "松鹤社区居民刘桂芳说,现在好多了。")])
    assert _by_type(res, "Person") == {"刘桂芳": {"刘桂芳阿姨"}}
    assert res.entities["Person/刘桂芳"].articles == {"a#0", "b#0"}


def test_quoted_and_unquoted_brand_are_one_initiative():
    res = resolve([_page("a", "松鹤社区打造“银杏书屋”,方便居民阅读。"),
                   _page("b", "周末,居民们常去银杏书屋看书。")])
    initiatives = _by_type(res, "Initiative")
    assert list(initiatives) == ["银杏书屋"]
    assert res.entities["Initiative/银杏书屋"].articles == {"a#0", "b#0"}


def test_quoted_brand_with_head_noun_keeps_the_core_name():
    res = resolve([_page("a", "松鹤社区打造“暖心驿家”服务平台。"),
                   _page("b", "翠竹社区学习松鹤社区“暖心驿家”项目的经验。")])
    assert _by_type(res, "Initiative") == {"暖心驿家": {"暖心驿家服务平台", "暖心驿家项目"}}


def test_resolution_is_deterministic():
    pages = [_page("a", "银杏经开区松鹤家园社区开展活动。"), _page("b", "银杏经济技术开发区松鹤社区举办活动。")]
    first = resolve(pages)
    second = resolve(list(reversed(pages)))
    assert sorted(first.entities) == sorted(second.entities)
    assert first.index == second.index
