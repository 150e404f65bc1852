"""Places: the official division table, administrative suffixes, and the
containment chains (locatedIn) they print."""

import pytest

from kg.extract.gazetteer import load
from kg.extract.mentions import find_places


def _places(text):
    return [(m.name, m.type) for m in find_places(text, load())]


def test_city_district_subdistrict_community_chain(extract):
    x = extract("近日,杭州市西湖区银杏街道松鹤社区举办邻里节活动。")
    assert x.entities == {
        ("杭州市", "City"), ("西湖区", "District"), ("银杏街道", "Subdistrict"), ("松鹤社区", "Community"),
    }
    assert x.with_predicate("locatedIn") == {
        ("西湖区", "locatedIn", "杭州市"),
        ("银杏街道", "locatedIn", "西湖区"),
        ("松鹤社区", "locatedIn", "银杏街道"),
    }


def test_places_from_the_division_table_carry_official_codes(extract):
    x = extract("桐庐县银杏镇松鹤村开展活动。")
    county = x.entity("桐庐县")
    assert county.type == "District"
    assert {m.code for m in county.mentions} == {"330122000000"}
    # Suffix-found places are not in the table and carry no code.
    assert {m.code for m in x.entity("银杏镇").mentions} == {None}


def test_county_township_village_chain(extract):
    x = extract("兰考县银杏乡松鹤村开展“村晚”活动。")
    assert {("兰考县", "District"), ("银杏乡", "Subdistrict"), ("松鹤村", "Community")} <= x.entities
    assert x.with_predicate("locatedIn") == {
        ("银杏乡", "locatedIn", "兰考县"),
        ("松鹤村", "locatedIn", "银杏乡"),
    }


def test_county_level_city_is_a_district(extract):
    x = extract("海宁市银杏镇松鹤村与翠竹村结对共建。")
    assert ("海宁市", "District") in x.entities
    assert ("银杏镇", "locatedIn", "海宁市") in x.triples


def test_village_list_after_a_township_shares_its_parent(extract):
    x = extract("桐庐县银杏镇松鹤村、翠竹村、桂花村被评为示范村。")
    assert x.of_type("Community") == {"松鹤村", "翠竹村", "桂花村"}
    assert x.with_predicate("locatedIn") == {
        ("银杏镇", "locatedIn", "桐庐县"),
        ("松鹤村", "locatedIn", "银杏镇"),
        ("翠竹村", "locatedIn", "银杏镇"),
        ("桂花村", "locatedIn", "银杏镇"),
    }
    assert "示范村" not in x.names


def test_community_list_after_a_subdistrict_shares_its_parent(extract):
    x = extract("厦门市思明区银杏街道松鹤社区、翠竹社区、桂花社区联合开展“邻里节”。")
    assert {("松鹤社区", "locatedIn", "银杏街道"), ("翠竹社区", "locatedIn", "银杏街道"),
            ("桂花社区", "locatedIn", "银杏街道")} <= x.triples


def test_functional_zones_are_districts(extract):
    x = extract("合肥高新区银杏社区开展“邻里守望”行动。")
    assert {("合肥高新区", "District"), ("银杏社区", "Community")} <= x.entities
    assert ("银杏社区", "locatedIn", "合肥高新区") in x.triples

    x = extract("天津经济技术开发区松鹤社区开展活动。")
    assert ("天津经济技术开发区", "District") in x.entities
    assert ("松鹤社区", "locatedIn", "天津经济技术开发区") in x.triples


def test_new_area_is_a_district(extract):
    x = extract("上海市浦东新区银杏镇开展活动。")
    assert {("上海市", "City"), ("浦东新区", "District"), ("银杏镇", "Subdistrict")} <= x.entities
    assert {("浦东新区", "locatedIn", "上海市"), ("银杏镇", "locatedIn", "浦东新区")} <= x.triples


def test_paired_zone_and_subdistrict_a_of_b(extract):
    """A(B): two places, B inside A; a place printed after the pair is inside B."""
    x = extract("滨江高新区(银杏街道)松鹤社区开展“邻里汇”活动。")
    assert {("滨江高新区", "District"), ("银杏街道", "Subdistrict"), ("松鹤社区", "Community")} <= x.entities
    assert x.with_predicate("locatedIn") == {
        ("银杏街道", "locatedIn", "滨江高新区"),
        ("松鹤社区", "locatedIn", "银杏街道"),
    }


def test_paired_names_with_full_width_parentheses(extract):
    x = extract("滨江高新区（银杏街道）松鹤社区开展活动。")
    assert ("银杏街道", "locatedIn", "滨江高新区") in x.triples
    assert ("松鹤社区", "locatedIn", "银杏街道") in x.triples


def test_compound_below_community(extract):
    x = extract("广州市天河区石牌街道松鹤社区翠竹小区的居民自发组织清扫。")
    assert ("翠竹小区", "Neighborhood") in x.entities
    assert ("翠竹小区", "locatedIn", "松鹤社区") in x.triples


def test_compound_with_residential_suffix_inside_its_name(extract):
    x = extract("无锡市梁溪区银杏街道松鹤苑小区加装电梯。")
    assert ("松鹤苑小区", "Neighborhood") in x.entities
    assert ("松鹤苑小区", "locatedIn", "银杏街道") in x.triples


def test_worker_village_word_inside_a_community_name(extract):
    x = extract("南通市崇川区银杏街道翠竹新村社区开展活动。")
    assert ("翠竹新村社区", "Community") in x.entities
    assert "翠竹新村" not in x.names


def test_numbered_community(extract):
    x = extract("北京市朝阳区双井街道松鹤第一社区开展活动。")
    assert ("松鹤第一社区", "Community") in x.entities
    assert ("松鹤第一社区", "locatedIn", "双井街道") in x.triples


def test_possessive_states_containment(extract):
    x = extract("临安区青山湖街道的银杏花园小区完成改造。")
    assert ("银杏花园小区", "Neighborhood") in x.entities
    assert ("银杏花园小区", "locatedIn", "青山湖街道") in x.triples


def test_find_places_alone():
    assert _places("宁波市鄞州区银杏镇松鹤村") == [
        ("宁波市", "City"), ("鄞州区", "District"), ("银杏镇", "Subdistrict"), ("松鹤村", "Community"),
    ]


def test_place_name_ends_at_the_verb_before_it():
    assert _places("记者来到银杏街道") == [("银杏街道", "Subdistrict")]
    assert _places("居民们走进翠竹小区") == [("翠竹小区", "Neighborhood")]


def test_village_suffix_inside_a_longer_word_is_not_a_village():
    # 村民, 村委会 follow the village's own name; only the village is a place.
    assert _places("松鹤村村民和村委会一起清理河道") == [("松鹤村", "Community")]


@pytest.mark.parametrize("text", [
    "近年来,农村和城乡接合部的环境明显改善,辖区面貌焕然一新。",
    "乡村振兴离不开人才,家乡的变化有目共睹。",
    "各村、各社区要高度重视,全村上下齐动员。",
    "老旧小区改造让居民住得更舒心。",
    "社区志愿者和居民一起清理小区垃圾。",
    "镇党委、镇政府高度重视此项工作。",
    "村民们在村委会的组织下领取物资。",
    "孩子们在公园、校园和幼儿园里玩耍。",
])
def test_generic_place_words_are_not_places(extract, text):
    x = extract(text)
    assert x.entities == set()
    assert x.triples == set()
