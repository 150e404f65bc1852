"""Sentence shapes from other outlets and cities (invented names throughout):
Shanghai 居民区, a township's party secretary, partners printed with their
whole address, receivers before the verb, programmes in the passive."""

from __future__ import annotations


def test_residents_area_is_a_community_with_its_director(extract):
    x = extract("静安区银杏路街道松鹤居民区开展活动。", "在松鹤居民区,居委会主任李小明带领志愿者上门送餐。")
    assert ("松鹤居民区", "Community") in x.entities
    assert ("松鹤居民区", "locatedIn", "银杏路街道") in x.triples
    assert x.relation("李小明", "memberOf", "松鹤居民区").role == "居委会主任"


def test_township_party_secretary_belongs_to_its_named_party_body(extract):
    x = extract("银杏街道党工委组织党员开展活动。", "街道党工委书记王建国主持活动。")
    assert x.relation("王建国", "memberOf", "银杏街道党工委").role == "党工委书记"


def test_partner_printed_with_its_address_is_the_body(extract):
    x = extract("银杏街道联合杭州市西湖区松鹤敬老院开展“银龄课堂”活动。")
    assert x.with_predicate("partneredWith") == {("银杏街道", "partneredWith", "杭州市西湖区松鹤敬老院")}
    assert ("杭州市西湖区松鹤敬老院", "locatedIn", "西湖区") in x.triples


def test_a_verb_glued_to_a_name_is_not_part_of_it(extract):
    x = extract("青苗大学社会学院教授李红作专题辅导。")
    assert "李红" in x.of_type("Person") and "李红作" not in x.names


def test_receiver_before_the_verb_with_a_modifier(extract):
    x = extract("活动中,银杏慈善总会为村里的留守儿童送上书包。")
    assert ("银杏慈善总会", "donatedTo", "留守儿童") in x.triples


def test_the_programme_of_the_article_is_organized_in_the_passive(extract):
    x = extract("本次活动由银杏街道党工委主办,吸引了500余名居民参与。", title="松鹤社区“邻里节”开幕")
    assert ("银杏街道党工委", "organized", "邻里节") in x.triples


def test_outlet_byline_and_lead_byline_are_read(tmp_path):
    from kg.read import split_articles

    text = ("银杏街道开展读书会\n\n本报讯(记者 李小明 通讯员 王芳)近日,银杏街道松鹤社区开展读书会。\n\n"
            "松鹤社区开展义诊\n\n今年,松鹤社区组织义诊活动。\n\n青苗日报记者 赵晓东 通讯员 钱丽")
    arts = split_articles(text, "p")
    assert [(a.title, a.bylines) for a in arts] == [
        ("银杏街道开展读书会", ["李小明", "王芳"]),
        ("松鹤社区开展义诊", ["赵晓东", "钱丽"]),
    ]
    assert arts[0].paragraphs[0].startswith("近日")


def test_ordinal_inside_an_organization_name(extract):
    x = extract("松鹤社区邀请银杏县第一人民医院的医生为居民义诊。")
    assert "银杏县第一人民医院" in x.of_type("Organization")


def test_quoted_name_ending_in_a_head_noun_is_a_programme(extract):
    x = extract("银杏街道“银发课堂”自2020年开办以来,已服务老年人3000余人次。")
    assert "银发课堂" in x.of_type("Initiative")
    # …but a one-character modifier before the head is a metaphor (“小平台”).
    y = extract("让“小平台”释放“大能量”。")
    assert not y.of_type("Initiative")
