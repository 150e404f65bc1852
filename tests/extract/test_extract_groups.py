"""Groups: target populations from the vocabulary, synonyms under one
canonical name, kept only when something serves or gives to them."""

import pytest

from kg.extract.gazetteer import load
from kg.extract.mentions import find_groups


def test_group_served_by_a_programme(extract):
    x = extract("“暖心驿家”项目为独居老人提供上门助餐服务。")
    assert ("独居老人", "Group") in x.entities
    assert ("暖心驿家", "serves", "独居老人") in x.triples


def test_two_groups_in_one_list(extract):
    x = extract("“银龄互助”计划面向高龄老人和残疾人。")
    assert x.of_type("Group") == {"高龄老人", "残疾人"}


def test_synonym_takes_the_canonical_name_and_stays_an_alias(extract):
    x = extract("“骑手加油站”为外卖骑手等新就业群体提供休息场所。")
    group = x.entity("新业态新就业群体")
    assert group.type == "Group"
    assert group.aliases == ["新就业群体"]
    assert ("骑手加油站", "serves", "新业态新就业群体") in x.triples


@pytest.mark.parametrize("surface, canonical", [
    ("新业态从业人员", "新业态新就业群体"),
    ("新业态劳动者", "新业态新就业群体"),
    ("老人", "老年群体"),
    ("老年人", "老年群体"),
])
def test_find_groups_synonyms(surface, canonical):
    [m] = find_groups(f"关爱{surface}", load())
    assert (m.text, m.name) == (surface, canonical)


def test_longest_group_word_wins():
    assert [m.name for m in find_groups("关爱低保边缘老人", load())] == ["低保边缘老人"]


def test_group_named_in_passing_is_dropped(extract):
    x = extract("松鹤社区举办“邻里文化节”,老年人和青少年群体纷纷到场观看。")
    assert x.of_type("Group") == set()
    assert all(m.type != "Group" for m in x.article.mentions)


@pytest.mark.parametrize("text", [
    "活动吸引了200余名居民和志愿者参加。",
    "社区志愿者、网格员和骑手们一起忙碌着。",
    "辖区群众和党员干部踊跃参与。",
])
def test_generic_people_are_not_groups(extract, text):
    x = extract(text)
    assert x.of_type("Group") == set()
    assert find_groups(text, load()) == []
