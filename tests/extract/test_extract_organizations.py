"""Organizations: found by suffix, with any place prefix; the place in the
name is where the organization is (locatedIn)."""

import pytest

from kg.extract.gazetteer import load
from kg.extract.mentions import find_organizations, find_places


def _orgs(text):
    g = load()
    return [m.name for m in find_organizations(text, g, find_places(text, g))]


@pytest.mark.parametrize("org, place", [
    ("松鹤社区党委", "松鹤社区"),
    ("银杏街道党工委", "银杏街道"),
    ("松鹤村党总支", "松鹤村"),
    ("翠竹社区党支部", "翠竹社区"),
    ("松鹤社区居委会", "松鹤社区"),
])
def test_party_and_residents_committees_are_in_their_place(extract, org, place):
    x = extract(f"近日,{org}召开专题会议。")
    assert (org, "Organization") in x.entities
    assert (place, x.entity(place).type) in x.entities
    assert (org, "locatedIn", place) in x.triples


def test_chain_then_organization_takes_the_innermost_place(extract):
    x = extract("昆山市周市镇银杏村党总支书记王建国介绍了情况。")
    assert ("银杏村党总支", "Organization") in x.entities
    assert ("银杏村党总支", "locatedIn", "银杏村") in x.triples
    assert ("银杏村", "locatedIn", "周市镇") in x.triples


def test_district_bureau_with_place_prefix(extract):
    x = extract("近日,西湖区人力资源社会保障局举办招聘会。")
    assert ("西湖区人力资源社会保障局", "Organization") in x.entities
    assert ("西湖区人力资源社会保障局", "locatedIn", "西湖区") in x.triples


@pytest.mark.parametrize("text, expected", [
    ("松鹤社区党委与青苗物业管理有限公司签订协议", ["松鹤社区党委", "青苗物业管理有限公司"]),
    ("杭州银杏网络科技有限公司捐款5万元", ["杭州银杏网络科技有限公司"]),
    ("长三角青年创业促进会向社区赠书", ["长三角青年创业促进会"]),
    ("银杏小学、松鹤中学和区人民医院的志愿者", ["银杏小学", "松鹤中学", "区人民医院"]),
    ("银杏街道党工委联合区卫生健康委员会开展义诊", ["银杏街道党工委", "区卫生健康委员会"]),
    ("银杏街道综合行政执法局、西湖区市场监督管理局", ["银杏街道综合行政执法局", "西湖区市场监督管理局"]),
    ("青苗律师事务所和银杏慈善基金会", ["青苗律师事务所", "银杏慈善基金会"]),
    ("西湖区融媒体中心记者", ["西湖区融媒体中心"]),
    ("翠竹手工社成员", ["翠竹手工社"]),
    ("银杏日报记者", ["银杏日报"]),
    ("银杏社区卫生服务中心", ["银杏社区卫生服务中心"]),
])
def test_long_organization_names(text, expected):
    assert _orgs(text) == expected


def test_organization_name_stops_at_the_verb_before_it(extract):
    x = extract("近日,银杏街道联合青苗公益服务社、翠竹物业开展活动。")
    assert x.of_type("Organization") == {"青苗公益服务社", "翠竹物业"}


def test_a_longer_name_absorbs_the_one_inside_it(extract):
    x = extract("银杏商会会长说,商会将继续支持社区。")
    assert ("银杏商会", "Organization") in x.entities
    x = extract("翠竹大学基层委员会为松鹤社区送来图书。")
    assert x.of_type("Organization") == {"翠竹大学基层委员会"}


@pytest.mark.parametrize("text", [
    "社区形成了共建共治共享的治理格局。",
    "街道举办了一场联谊会,活动由社区主办。",
    "这是事关全局的大事,要服务发展大局。",
    "社区党委高度重视,相关部门和属地社区密切配合。",
    "他认真负责,把这件事办好办实。",
    "居委会、村委会的工作人员也来了。",
    "为辖区企业开通办事绿色通道。",
])
def test_false_organization_endings_and_generic_bodies(extract, text):
    x = extract(text)
    assert x.of_type("Organization") == set()


@pytest.mark.parametrize("text", [
    "形成共建共治共享的新格局",
    "活动由社区主办",
    "社区党委高度重视",
    "各级党组织和相关部门",
])
def test_find_organizations_rejects_generic_stems_and_false_endings(text):
    assert _orgs(text) == []
