"""Article splitting on small crafted pages (invented names, not seed text)."""

from kg.read import split_articles

BLANK_LINE_PAGE = """

书香满园,邻里同乐

银杏社区读书会正式开幕

3月5日,银杏社区读书会在社区活动室开幕。居民们带着自家的书前来交换。

李小明 王芳 赵一鸣



►孩子们在阅览室读书
银杏街道供图

开辟共享书架

社区在每栋楼的大厅设置了共享书架,居民可以随时借阅,也可以把读完的书放回书架。目前已有图书三百余册,借阅一千余次,

志愿者每周整理两次。

枫林村修缮村口凉亭

近日,枫林村组织村民修缮村口凉亭,并在凉亭旁种下二十棵桂花树。

村民们纷纷表示,凉亭修好后,夏天乘凉更方便了。

陈思远 高明/文 枫林村供图
"""

NO_BLANK_PAGE = """银杏社区开展垃圾分类宣传活动 志愿者入户讲解垃圾分类知识
近日,银杏社区组织志愿者开展垃圾分类宣传活动,向居民发放宣传册两百余份。
活动中,志愿者逐户讲解厨余垃圾和可回收物的区别,居民们认真聆听。 周小雨 钱明
枫林村举办农民丰收节
9月23日,枫林村举办农民丰收节,村民们展示了自家种植的瓜果蔬菜。
丰收节上还举行了趣味农事比赛。 吴海峰/文
"""


def test_blank_line_layout_splits_into_articles_with_kicker_and_credits():
    arts = split_articles(BLANK_LINE_PAGE, "p")
    assert [a.title for a in arts] == ["银杏社区读书会正式开幕", "枫林村修缮村口凉亭"]
    assert arts[0].alt_titles == ["书香满园,邻里同乐"]
    assert arts[0].bylines == ["李小明", "王芳", "赵一鸣"]
    assert arts[0].credits == ["银杏街道供图"]
    # '/文' stripped; the credit token is not a byline
    assert arts[1].bylines == ["陈思远", "高明"]
    assert arts[1].credits == ["枫林村供图"]
    assert [a.index for a in arts] == [0, 1] and arts[1].id == "p#1"


def test_subheading_after_lead_byline_stays_in_article_and_is_flagged():
    art = split_articles(BLANK_LINE_PAGE, "p")[0]
    assert "开辟共享书架" in art.paragraphs
    assert art.meta["subheadings"] == [art.paragraphs.index("开辟共享书架")]
    # the sub-heading is its own paragraph, not glued to the next one
    nxt = art.paragraphs[art.paragraphs.index("开辟共享书架") + 1]
    assert nxt.startswith("社区在每栋楼")


def test_caption_is_dropped_from_body_and_kept_in_meta():
    art = split_articles(BLANK_LINE_PAGE, "p")[0]
    assert art.meta["captions"] == ["孩子们在阅览室读书"]
    assert not any("阅览室读书" in p for p in art.paragraphs)


def test_broken_line_after_comma_is_joined_across_blank_line():
    art = split_articles(BLANK_LINE_PAGE, "p")[0]
    assert any(p.endswith("借阅一千余次,志愿者每周整理两次。") for p in art.paragraphs)
    assert "志愿者每周整理两次。" not in art.paragraphs


def test_no_blank_line_layout_with_bylines_at_paragraph_end():
    arts = split_articles(NO_BLANK_PAGE, "q")
    assert [a.title for a in arts] == ["银杏社区开展垃圾分类宣传活动", "枫林村举办农民丰收节"]
    assert arts[0].alt_titles == ["志愿者入户讲解垃圾分类知识"]
    assert arts[0].bylines == ["周小雨", "钱明"]
    assert arts[0].paragraphs[-1].endswith("居民们认真聆听。")
    assert arts[1].bylines == ["吴海峰"]
    assert arts[1].paragraphs == ["9月23日,枫林村举办农民丰收节,村民们展示了自家种植的瓜果蔬菜。",
                                  "丰收节上还举行了趣味农事比赛。"]


def test_byline_touching_final_punctuation_is_split_off():
    page = "银杏社区举办书法展\n近日,银杏社区举办书法展,展出作品五十余幅。孙晓梅 高明\n枫林村开展义诊\n近日,枫林村开展义诊活动。高明"
    arts = split_articles(page, "r")
    assert [(a.title, a.bylines) for a in arts] == [
        ("银杏社区举办书法展", ["孙晓梅", "高明"]),
        ("枫林村开展义诊", ["高明"]),
    ]
    assert arts[0].paragraphs == ["近日,银杏社区举办书法展,展出作品五十余幅。"]


def test_mid_word_break_is_repaired():
    page = ("银杏社区开展防诈宣传\n\n今年以来,社区共开展防诈讲座十余场,发放宣传单三千余份。社区还组织志愿者走进楼道,为老年居民讲解常见骗局,提醒大家从社\n\n"
            "区、家庭两方面共同防范。\n\n李小明")
    art = split_articles(page, "s")[0]
    assert len(art.paragraphs) == 1
    assert "提醒大家从社区、家庭两方面共同防范。" in art.paragraphs[0]


def test_long_line_without_punctuation_is_joined_but_short_heading_is_not():
    page = ("银杏社区开展读书分享会\n读书会开场,主持人介绍了活动流程。\n"
            "同样来自银杏社区的读书小组成员王大伟老师也分享了读书心得\n并向居民推荐了三本好书。\n"
            "邻里共读\n社区还将每月举办一次共读活动。 李小明")
    art = split_articles(page, "t")[0]
    assert "同样来自银杏社区的读书小组成员王大伟老师也分享了读书心得并向居民推荐了三本好书。" in art.paragraphs
    assert "邻里共读" in art.paragraphs


def test_body_after_byline_stays_with_article_until_next_headline():
    page = ("银杏社区开展消防演练\n近日,银杏社区开展消防演练。\n演练中,消防员讲解了灭火器的用法。 李小明 高明\n"
            "同时,社区还检查了楼道消防通道。\n枫林村开展义诊\n近日,枫林村开展义诊活动。 高明")
    arts = split_articles(page, "u")
    assert [a.title for a in arts] == ["银杏社区开展消防演练", "枫林村开展义诊"]
    assert arts[0].paragraphs[-1] == "同时,社区还检查了楼道消防通道。"
    assert arts[0].meta["after_byline"] == 1


def test_article_without_byline_ends_at_place_headline():
    page = ("银杏社区开展消防演练\n近日,银杏社区开展消防演练。\n演练很成功。\n"
            "枫林村开展义诊\n近日,枫林村开展义诊活动。 高明")
    arts = split_articles(page, "v")
    assert [(a.title, a.bylines) for a in arts] == [("银杏社区开展消防演练", []), ("枫林村开展义诊", ["高明"])]


def test_place_abbreviation_signature_is_not_a_byline():
    page = "银杏新区举办运动会\n近日,银杏新区举办职工运动会。\n比赛项目包括拔河和跳绳。 银新 高明"
    art = split_articles(page, "w")[0]
    assert art.bylines == ["高明"]
    assert art.meta["signatures"] == ["银新"]


def test_slogan_line_with_space_is_not_a_byline():
    page = "银杏社区开展读书会\n近日,社区开展读书会。\n活动很热闹。\n开展活动 丰富生活\n大家都很开心。"
    art = split_articles(page, "x")[0]
    assert art.bylines == []
    assert "开展活动 丰富生活" in art.paragraphs


def test_same_text_gives_same_articles():
    a = split_articles(BLANK_LINE_PAGE, "p")
    b = split_articles(BLANK_LINE_PAGE, "p")
    assert [(x.title, x.paragraphs, x.bylines, x.meta) for x in a] == [
        (x.title, x.paragraphs, x.bylines, x.meta) for x in b]
