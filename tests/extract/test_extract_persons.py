"""Persons: a full name after a post, before a form of address, after a
named team, or before 说/表示; address-only forms are not persons."""

import pytest

from kg.extract.gazetteer import load
from kg.extract.mentions import find_persons


def test_name_after_a_post_keeps_the_post_as_role(extract):
    x = extract("松鹤社区党委书记李小明主持会议。")
    assert ("李小明", "Person") in x.entities
    assert x.relation("李小明", "memberOf", "松鹤社区党委").role == "党委书记"


def test_several_people_each_after_their_own_post(extract):
    x = extract("银杏小学校长赵建华、青苗公益服务社社长王芳出席活动。")
    assert x.of_type("Person") == {"赵建华", "王芳"}
    assert x.relation("赵建华", "memberOf", "银杏小学").role == "校长"
    assert x.relation("王芳", "memberOf", "青苗公益服务社").role == "社长"


def test_form_of_address_is_stripped_and_kept_as_alias(extract):
    x = extract("“以前下雨就积水。”家住翠竹小区的刘桂芳阿姨说。")
    person = x.entity("刘桂芳")
    assert person.type == "Person"
    assert person.aliases == ["刘桂芳阿姨"]
    assert "刘桂芳阿姨" not in x.names


def test_age_before_name_and_grandma_after_it(extract):
    x = extract("76岁的张桂兰奶奶拉着志愿者的手说:“谢谢你们。”")
    assert x.of_type("Person") == {"张桂兰"}


def test_speaker_before_shuo(extract):
    x = extract("李小明说,这个项目让他很受益。")
    assert x.entities == {("李小明", "Person")}


def test_resident_is_not_a_membership(extract):
    x = extract("银杏社区居民孙大伟说:“活动很有意义。”")
    assert ("孙大伟", "Person") in x.entities
    assert x.with_predicate("memberOf") == set()


def test_grid_worker_of_a_community(extract):
    x = extract("松鹤社区网格员陈晓燕每天走访辖区。")
    assert ("陈晓燕", "Person") in x.entities
    assert x.relation("陈晓燕", "memberOf", "松鹤社区").role == "网格员"


def test_member_named_after_a_quoted_team(extract):
    x = extract("银杏街道“银发先锋”李小明带头清理楼道。")
    assert ("李小明", "Person") in x.entities
    assert ("李小明", "memberOf", "银发先锋") in x.triples


def test_byline_reporters_are_persons(extract):
    from kg.document import Article
    from kg.pipeline import default_pipeline

    art = default_pipeline()(Article(page="p", index=0, title="标题", paragraphs=["松鹤社区开展活动。"],
                                     bylines=["周晓安", "吴大海"]))
    persons = {e.name for e in art.entities if e.type == "Person"}
    assert persons == {"周晓安", "吴大海"}


def test_find_persons_alone():
    text = "社区党委书记李小明说"
    assert [(m.name, m.role) for m in find_persons(text, load(), [])] == [("李小明", "党委书记")]


@pytest.mark.parametrize("text", [
    "居民王先生说,现在出门方便多了。赵阿姨也很高兴。",
    "陈师傅和张大爷每天都来下棋。",
    "刘女士表示,感谢社区的帮助。",
    "社区高度重视,李主任带队检查。",
    "他是一名老党员,也是社区的热心人。",
    "社区志愿者和居民纷纷点赞。",
])
def test_address_only_forms_and_generic_people_are_not_persons(extract, text):
    x = extract(text)
    assert x.of_type("Person") == set()
