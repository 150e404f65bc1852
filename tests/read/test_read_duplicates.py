"""Reprinted articles are flagged, not dropped."""

from kg.document import Article, Page
from kg.read import mark_duplicates, split_articles

BODY = ["近日,银杏社区开展防诈宣传活动,志愿者向居民讲解常见骗局。", "活动共发放宣传单三百余份,受到居民欢迎。"]
OTHER = ["枫林村组织村民修缮村口凉亭,并种下二十棵桂花树。", "村民们表示,夏天乘凉更方便了。"]


def page(stem, *bodies):
    return Page(path=f"{stem}.txt", stem=stem,
                articles=[Article(page=stem, index=i, title=f"t{i}", paragraphs=list(b))
                          for i, b in enumerate(bodies)])


def test_same_page_reprint_points_to_first():
    p = page("a", BODY, OTHER, BODY)
    mark_duplicates([p])
    assert [x.duplicate_of for x in p.articles] == [None, None, "a#0"]
    assert all(x.status == "kept" for x in p.articles)


def test_cross_page_reprint_with_different_punctuation_and_spacing():
    p1 = page("a", OTHER)
    reprint = [BODY[0].replace(",", "，"), " " + BODY[1]]
    p2 = page("b", BODY, reprint)
    mark_duplicates([p1, p2])
    assert [x.duplicate_of for x in p2.articles] == [None, "b#0"]


def test_near_duplicate_with_small_edit_is_flagged_but_different_article_is_not():
    near = [BODY[0], BODY[1].replace("三百余份", "三百多份")]
    p1 = page("a", BODY)
    p2 = page("b", near, OTHER)
    mark_duplicates([p1, p2])
    assert p2.articles[0].duplicate_of == "a#0"
    assert p2.articles[1].duplicate_of is None


def test_third_printing_points_to_the_original():
    p = page("a", BODY, BODY, BODY)
    mark_duplicates([p])
    assert [x.duplicate_of for x in p.articles] == [None, "a#0", "a#0"]


def test_order_of_pages_decides_which_is_original():
    p1, p2 = page("a", BODY), page("b", BODY)
    mark_duplicates([p2, p1])
    assert p1.articles[0].duplicate_of == "b#0" and p2.articles[0].duplicate_of is None


def test_empty_bodies_are_not_duplicates():
    p = page("a", [], [])
    mark_duplicates([p])
    assert [x.duplicate_of for x in p.articles] == [None, None]


def test_reprint_with_new_headline_on_a_split_page():
    text = ("银杏社区开展防诈宣传\n" + "\n".join(BODY) + " 李小明\n"
            "银杏社区防诈宣传进楼道\n" + "\n".join(BODY) + " 李小明\n")
    p = Page(path="c.txt", stem="c", articles=split_articles(text, "c"))
    mark_duplicates([p])
    assert [(a.title, a.duplicate_of) for a in p.articles] == [
        ("银杏社区开展防诈宣传", None), ("银杏社区防诈宣传进楼道", "c#0")]


def test_stock_phrases_alone_do_not_make_a_reprint(monkeypatch):
    # The two bodies are alike (difflib ratio ≥ 0.9) only through clauses that
    # both print; once those count as stock phrases nothing distinctive is
    # shared, so the second is not a reprint.
    from kg.read import duplicates
    stock = ("据了解,活动现场气氛热烈,居民纷纷点赞,志愿者耐心讲解,大家收获满满,"
             "纷纷表示今后还要参加,社区工作人员全程陪同,确保活动安全有序。")

    def second_reprints_first(limit):
        monkeypatch.setattr(duplicates, "STOCK_CLAUSE_BODIES", limit)
        p = page("a", [stock + "银杏社区开展读书会。"], [stock + "枫林村开展义诊。"])
        mark_duplicates([p])
        return p.articles[1].duplicate_of == "a#0"

    assert second_reprints_first(limit=50)
    assert not second_reprints_first(limit=1)


def test_reprint_is_found_through_its_distinctive_clauses(monkeypatch):
    from kg.read import duplicates
    monkeypatch.setattr(duplicates, "STOCK_CLAUSE_BODIES", 2)
    stock = "据了解,活动现场气氛热烈,"
    p = page("a", [stock + "银杏社区开展读书会,居民踊跃参加,大家交流读书心得,并评出十位读书之星。"],
             [stock + "枫林村开展义诊,村民排起长队。"],
             [stock + "银杏社区开展读书会,居民积极参加,大家交流读书心得,并评出十位读书之星。"])
    mark_duplicates([p])
    assert [x.duplicate_of for x in p.articles] == [None, None, "a#0"]
