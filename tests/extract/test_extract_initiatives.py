"""Initiatives: a quoted name with a head noun or a trigger verb, an
unquoted name with a strong head, a nationwide campaign, a name standing in
the headline; quoted slogans and manners are not programmes."""

import pytest

from kg.extract.gazetteer import load
from kg.extract.mentions import find_initiatives


def test_quoted_name_with_head_noun(extract):
    x = extract("松鹤社区打造“邻里议事厅”协商平台。")
    item = x.entity("邻里议事厅")
    assert item.type == "Initiative"
    assert item.aliases == ["邻里议事厅协商平台"]


def test_quoted_name_after_a_trigger_verb(extract):
    x = extract("松鹤社区举办“邻里守望”,居民踊跃参加。")
    assert ("邻里守望", "Initiative") in x.entities


def test_short_quoted_name_takes_its_head(extract):
    # A two-character quote is a modifier: the programme is named with its head.
    x = extract("兰考县银杏乡松鹤村开展“村晚”活动。")
    assert ("村晚活动", "Initiative") in x.entities


def test_volunteer_team_is_also_an_organization(extract):
    x = extract("社区成立“银发先锋”志愿服务队,队员平均年龄65岁。")
    team = x.entity("银发先锋")
    assert team.type == "Initiative"
    assert team.alt_types == ["Organization"]
    assert team.aliases == ["银发先锋志愿服务队"]


@pytest.mark.parametrize("body, name", [
    ("松鹤社区新建了一座24小时城市图书馆。", "24小时城市图书馆"),
    ("银杏街道举办第三届松鹤杯篮球赛。", "松鹤杯篮球赛"),
    ("松鹤社区开设银杏邻里空间。", "银杏邻里空间"),
])
def test_unquoted_name_with_a_strong_head(extract, body, name):
    x = extract(body)
    assert x.of_type("Initiative") == {name}


@pytest.mark.parametrize("campaign", load().campaigns)
def test_nationwide_campaign_without_quotes(extract, campaign):
    # The campaign names come from the shipped list, not from this file.
    x = extract(f"银杏街道深入开展{campaign}。")
    assert ("银杏街道", "organized", campaign) in x.triples
    assert (campaign, "Initiative") in x.entities


def test_quoted_slogan_with_head_is_a_named_activity(extract):
    x = extract("银杏街道开展“学雷锋”志愿服务活动。")
    assert x.entity("学雷锋").aliases == ["学雷锋志愿服务活动"]


def test_later_unquoted_mention_is_the_same_programme(extract):
    x = extract("松鹤社区打造“暖心驿家”服务平台。", "目前,暖心驿家已服务居民3000人次。")
    item = x.entity("暖心驿家")
    assert [m.sentence for m in item.mentions] == [1, 2]
    assert x.of_type("Initiative") == {"暖心驿家"}


def test_name_standing_in_the_headline(extract):
    x = extract("近日,记者走进松鹤社区。", title="松鹤社区:打造“一刻钟便民生活圈”")
    assert ("一刻钟便民生活圈", "Initiative") in x.entities


def test_list_in_quotes_describes_the_named_thing_after_it():
    found = find_initiatives("社区打造“个人、家庭、社区”三级关爱平台", load())
    assert [(m.name, m.source) for m in found] == [("三级关爱平台", "after-list")]


def test_find_initiatives_alone():
    found = find_initiatives("社区启动“银杏课堂”品牌", load())
    assert [(m.name, m.text) for m in found] == [("银杏课堂", "“银杏课堂”品牌")]


@pytest.mark.parametrize("text", [
    "银杏街道着力打通服务群众的“最后一公里”。",
    "网格员对辖区进行“地毯式”排查,确保不漏一户。",
    "松鹤社区开展“地毯式”走访,摸清底数。",
    "社区积极推进“网格化”管理。",
    "居民们纷纷点赞:“这个活动办得好!”",
    "居民们常说“远亲不如近邻”。",
    "社区坚持“党建引领、多元共治”的思路。",
    "松鹤社区实现了“零投诉”。",
    "银杏街道以“绣花功夫”推进精细化治理。",
    "社区工作人员提出“家门口就业”的理念。",
    "社区书记说:“我们要把好事办实。”",
])
def test_slogans_manners_and_quoted_speech_are_not_initiatives(extract, text):
    x = extract(text)
    assert x.of_type("Initiative") == set()
