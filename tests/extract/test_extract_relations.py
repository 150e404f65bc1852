"""Relations, one predicate at a time, as SCHEMA.md's cues and conventions
say: exact (subject, predicate, object) triples, amounts and roles."""

import pytest


# --- locatedIn -------------------------------------------------------------

def test_located_in_administrative_chain(extract):
    x = extract("成都市武侯区桂溪街道和平社区开展活动。")
    assert x.with_predicate("locatedIn") == {
        ("武侯区", "locatedIn", "成都市"),
        ("桂溪街道", "locatedIn", "武侯区"),
        ("和平社区", "locatedIn", "桂溪街道"),
    }


def test_located_in_paired_names(extract):
    x = extract("滨江高新区(银杏街道)松鹤社区开展“邻里汇”活动。")
    assert ("银杏街道", "locatedIn", "滨江高新区") in x.triples
    assert ("松鹤社区", "locatedIn", "银杏街道") in x.triples


def test_located_in_village_list_after_township(extract):
    x = extract("桐庐县银杏镇松鹤村、翠竹村、桂花村被评为示范村。")
    assert {("翠竹村", "locatedIn", "银杏镇"), ("桂花村", "locatedIn", "银杏镇")} <= x.triples


def test_located_in_organization_named_after_its_place(extract):
    x = extract("银杏街道社区卫生服务中心为辖区老人免费体检。")
    assert ("银杏街道社区卫生服务中心", "locatedIn", "银杏街道") in x.triples


def test_located_in_she_zai(extract):
    x = extract("“暖心驿家”服务站设在松鹤社区党群服务中心。")
    assert ("暖心驿家", "locatedIn", "松鹤社区党群服务中心") in x.triples
    assert ("松鹤社区党群服务中心", "locatedIn", "松鹤社区") in x.triples


def test_located_in_wei_yu(extract):
    x = extract("“暖心驿家”服务站位于松鹤社区翠竹小区。")
    assert ("暖心驿家", "locatedIn", "松鹤社区") in x.triples
    assert ("翠竹小区", "locatedIn", "松鹤社区") in x.triples


def test_located_in_opening_at_a_place(extract):
    x = extract("银杏街道在松鹤社区开设“四点半课堂”。")
    assert ("四点半课堂", "locatedIn", "松鹤社区") in x.triples
    assert ("银杏街道", "organized", "四点半课堂") in x.triples
    # 在松鹤社区 is a setting, not an actor.
    assert ("松鹤社区", "organized", "四点半课堂") not in x.triples


def test_located_in_possessive(extract):
    x = extract("松鹤社区的“暖心驿家”服务站已接待居民2000余人次。")
    assert ("暖心驿家", "locatedIn", "松鹤社区") in x.triples


# --- organized -------------------------------------------------------------

def test_organized_lead_with_partners_all_organize(extract):
    x = extract("银杏街道联合青苗公益服务社、翠竹物业开展“邻里守望”主题活动。")
    assert x.with_predicate("organized") == {
        ("银杏街道", "organized", "邻里守望"),
        ("青苗公益服务社", "organized", "邻里守望"),
        ("翠竹物业", "organized", "邻里守望"),
    }
    # A partners with B and with C, not B with C.
    assert x.with_predicate("partneredWith") == {
        ("银杏街道", "partneredWith", "青苗公益服务社"),
        ("银杏街道", "partneredWith", "翠竹物业"),
    }


def test_organized_by_you_zhuban_de(extract):
    x = extract("由银杏街道主办的“邻里文化节”在松鹤社区开幕。")
    assert ("银杏街道", "organized", "邻里文化节") in x.triples
    assert ("松鹤社区", "organized", "邻里文化节") not in x.triples


def test_organized_by_the_headline_actor(extract):
    x = extract("近日,“邻里文化节”在松鹤社区广场开幕。", title="银杏街道“邻里文化节”开幕")
    assert ("银杏街道", "organized", "邻里文化节") in x.triples


def test_organized_bare_place_word_stands_for_the_articles_place(extract):
    x = extract("近日,松鹤社区迎来新变化。", "社区还推出了“银龄课堂”系列活动。")
    assert ("松鹤社区", "organized", "银龄课堂") in x.triples


def test_chairing_a_meeting_is_organizing(extract):
    x = extract("松鹤社区党委书记李小明主持召开“邻里议事会”。")
    assert ("李小明", "organized", "邻里议事会") in x.triples


def test_organized_with_plain_verb(extract):
    x = extract("银杏街道实施“领头雁”工程,培养社区后备干部。")
    assert x.with_predicate("organized") == {("银杏街道", "organized", "领头雁")}


# --- operatedBy ------------------------------------------------------------

def test_operated_by_you_yunying(extract):
    x = extract("松鹤社区打造“暖心驿家”服务平台。", "“暖心驿家”由青苗公益服务社负责运营。")
    assert ("松鹤社区", "organized", "暖心驿家") in x.triples
    assert ("暖心驿家", "operatedBy", "青苗公益服务社") in x.triples
    assert ("青苗公益服务社", "organized", "暖心驿家") not in x.triples


def test_operated_by_after_a_comma(extract):
    x = extract("松鹤社区打造“暖心驿家”服务平台,由青苗公益服务社运营。")
    assert ("暖心驿家", "operatedBy", "青苗公益服务社") in x.triples


def test_operated_by_chengjie(extract):
    x = extract("松鹤社区“暖心驿家”项目由青苗社工服务中心承接运营。")
    assert ("暖心驿家", "operatedBy", "青苗社工服务中心") in x.triples


# --- donatedTo -------------------------------------------------------------

def test_donations_with_amounts_in_yuan_and_wan_yuan(extract):
    x = extract("近日,松鹤社区“暖心驿家”正式启用。",
                "活动当天,青苗物业捐赠物资5000元,翠竹公司捐赠2万元,用于“暖心驿家”的日常运营。",
                title="松鹤社区“暖心驿家”启用")
    assert x.with_predicate("donatedTo") == {
        ("青苗物业", "donatedTo", "暖心驿家"),
        ("翠竹公司", "donatedTo", "暖心驿家"),
    }
    assert x.relation("青苗物业", "donatedTo", "暖心驿家").amount_yuan == 5000
    assert x.relation("翠竹公司", "donatedTo", "暖心驿家").amount_yuan == 20000


def test_donation_with_decimal_wan_yuan(extract):
    x = extract("青苗物业捐赠“暖心驿家”项目爱心基金1.2万元。")
    assert x.relation("青苗物业", "donatedTo", "暖心驿家").amount_yuan == 12000


def test_donation_that_sets_up_a_fund(extract):
    x = extract("近日,翠竹公司捐赠20万元,设立“春苗助学金”。")
    assert x.relation("翠竹公司", "donatedTo", "春苗助学金").amount_yuan == 200000
    assert ("翠竹公司", "organized", "春苗助学金") in x.triples


def test_donation_without_amount(extract):
    x = extract("松鹤社区开设“长者食堂”。", "青苗物业捐赠一批餐具给“长者食堂”。")
    assert x.with_predicate("donatedTo") == {("青苗物业", "donatedTo", "长者食堂")}
    assert x.relation("青苗物业", "donatedTo", "长者食堂").amount_yuan is None


def test_donation_in_wan_yuan_to_an_organization(extract):
    x = extract("翠竹公司捐款50万元给银杏慈善基金会。")
    assert x.relation("翠竹公司", "donatedTo", "银杏慈善基金会").amount_yuan == 500000


# --- partneredWith ---------------------------------------------------------

def test_partnered_a_yu_b_lianhe_gongjian(extract):
    x = extract("松鹤社区党委与青苗物业党支部联合共建,推出便民服务。")
    assert x.with_predicate("partneredWith") == {("松鹤社区党委", "partneredWith", "青苗物业党支部")}


def test_partnered_xieshou(extract):
    x = extract("松鹤社区携手银杏小学开展“小小志愿者”活动。")
    assert ("松鹤社区", "partneredWith", "银杏小学") in x.triples
    assert {("松鹤社区", "organized", "小小志愿者"), ("银杏小学", "organized", "小小志愿者")} <= x.triples


def test_partnered_listed_once_for_a_symmetric_pair(extract):
    x = extract("海宁市银杏镇松鹤村与翠竹村结对共建。")
    pairs = x.with_predicate("partneredWith")
    assert pairs == {("松鹤村", "partneredWith", "翠竹村")}


# --- memberOf --------------------------------------------------------------

def test_member_with_post_of_a_party_branch(extract):
    x = extract("江西省婺源县江湾镇松鹤村党支部书记汪建国说,村里变化很大。")
    assert x.relation("汪建国", "memberOf", "松鹤村党支部").role == "党支部书记"


def test_member_community_secretary(extract):
    x = extract("松鹤社区书记李小明说,社区将继续推进这项工作。")
    assert x.relation("李小明", "memberOf", "松鹤社区").role == "社区书记"


def test_member_shi_x_de_chengyuan(extract):
    x = extract("党员李小明是松鹤社区党委的成员。")
    assert x.relation("李小明", "memberOf", "松鹤社区党委").role == "成员"


def test_member_shi_x_de_volunteer(extract):
    x = extract("松鹤社区居民李小明说,他是青苗公益服务社的志愿者。")
    assert x.with_predicate("memberOf") == {("李小明", "memberOf", "青苗公益服务社")}
    assert x.relation("李小明", "memberOf", "青苗公益服务社").role == "志愿者"


def test_member_of_a_named_team(extract):
    x = extract("“银发先锋”志愿服务队队长郑海涛带领队员开展巡逻。")
    assert x.relation("郑海涛", "memberOf", "银发先锋").role == "队长"


# --- participatedIn --------------------------------------------------------

def test_participated_organization(extract):
    x = extract("青苗公益服务社积极参与“暖心驿家”项目。")
    assert x.with_predicate("participatedIn") == {("青苗公益服务社", "participatedIn", "暖心驿家")}
    assert x.with_predicate("organized") == set()


def test_participated_person_in_the_articles_programme(extract):
    x = extract("近日,松鹤社区举办“邻里文化节”。", "居民李小明也报名参加了“邻里文化节”的书法比赛。",
                title="松鹤社区举办“邻里文化节”")
    assert ("李小明", "participatedIn", "邻里文化节") in x.triples
    assert ("松鹤社区", "organized", "邻里文化节") in x.triples
    assert ("李小明", "organized", "邻里文化节") not in x.triples


def test_participated_invited_organizations(extract):
    x = extract("近日,松鹤社区举办“邻里文化节”,并邀请青苗公益服务社、银杏小学参与。")
    assert {("青苗公益服务社", "participatedIn", "邻里文化节"),
            ("银杏小学", "participatedIn", "邻里文化节")} <= x.triples
    assert ("松鹤社区", "organized", "邻里文化节") in x.triples


# --- serves ----------------------------------------------------------------

def test_serves_wei_group_tigong(extract):
    x = extract("松鹤社区开设“四点半课堂”,为辖区留守儿童提供课后托管。")
    assert ("四点半课堂", "serves", "留守儿童") in x.triples
    assert ("松鹤社区", "serves", "留守儿童") not in x.triples


def test_serves_mianxiang(extract):
    x = extract("“银龄互助”计划面向高龄老人和残疾人。")
    assert x.with_predicate("serves") == {("银龄互助", "serves", "高龄老人"), ("银龄互助", "serves", "残疾人")}


def test_serves_guanai_synonym(extract):
    x = extract("“骑手加油站”关爱新业态从业人员。")
    assert x.with_predicate("serves") == {("骑手加油站", "serves", "新业态新就业群体")}


def test_serves_by_an_organization(extract):
    x = extract("银杏街道社区卫生服务中心为辖区老人免费体检。")
    assert ("银杏街道社区卫生服务中心", "serves", "老年群体") in x.triples


def test_means_programme_does_not_serve(extract):
    x = extract("松鹤社区依托“邻里议事厅”平台,为独居老人开展“敲门行动”。")
    assert ("邻里议事厅", "serves", "独居老人") not in x.triples
    assert ("敲门行动", "serves", "独居老人") in x.triples


# --- every relation's ends and evidence --------------------------------------

@pytest.mark.parametrize("body", [
    "银杏街道联合青苗公益服务社、翠竹物业开展“邻里守望”主题活动。",
    "松鹤社区党委书记李小明主持召开“邻里议事会”。",
    "松鹤社区开设“四点半课堂”,为辖区留守儿童提供课后托管。",
])
def test_relation_ends_are_entities_and_evidence_is_the_sentence(extract, body):
    x = extract(body)
    assert x.article.relations
    for r in x.article.relations:
        assert r.subject in x.names and r.object in x.names
        assert r.evidence and r.evidence in x.article.text
