"""A deterministic synthetic corpus of seed-like news pages (stdlib only).

Every page holds about ten articles: a headline, three to six paragraphs
written from sentence templates, and a byline. Names are invented from
name parts (place stems, surnames, given-name characters) so that the
corpus has many distinct places, organizations, people and programmes and
the resolver sees realistic collisions (the same community in several
articles, different communities sharing a stem).

    python bench/corpus.py 1000 /tmp/corpus1k      # 1,000 articles, ~100 pages

>>> pages = list(corpus_pages(25, seed=1))
>>> len(pages), sum(text.count("\\n\\n\\n\\n") for _, text in pages) >= 2
(3, True)
>>> list(corpus_pages(25, seed=1)) == pages
True
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

ARTICLES_PER_PAGE = 10

# Name parts. Two-character stems are drawn from FIRST × SECOND; with
# 30 × 30 stems a 100k corpus still reuses names, as a real archive does.
_FIRST = "云青禾枫松竹梅兰桂杉柳荷菱莲槐榆桐杏樱芷苇蓉萱澜汀渚岚霞曦晴"
_SECOND = "溪泉湾塘浦港洲渚坞岭峰坪桥亭苑庭湖滨川源泽林园塘圩墩阁巷里湄"
_SURNAMES = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
_GIVEN = "小明芳丽伟娜静敏强磊军洋勇艳杰涛超秀霞平刚桂英华玉兰萍红娟宇浩凯鹏辉晨瑶琳婷雪梦欣怡佳思雨文博嘉宁"
_WORDS = ["邻里", "暖心", "红帆", "同心", "幸福", "书香", "微光", "守望", "阳光", "连心", "彩虹", "晨曦",
          "助老", "护苗", "乐享", "和美", "众行", "春晖", "清风", "益路"]
_HEADS = ["项目", "服务品牌", "主题活动", "课堂", "驿站", "志愿服务项目", "议事平台"]
_GROUPS = ["困境儿童", "独居老人", "新就业群体", "残疾人", "留守儿童", "困难家庭", "高龄老人", "退役军人"]
_ORG_KINDS = ["公益服务社", "志愿服务队", "物业公司", "社会工作服务中心", "社工站", "文化中心", "商会"]
_ROLES = ["党委书记", "主任", "副主任", "党支部书记", "队长", "负责人"]
_GIFTS = ["慰问品", "防暑用品", "书籍", "学习用品", "米面粮油", "爱心礼包"]


class Names:
    """Invented names drawn from a seeded generator.

    >>> n = Names(random.Random(0))
    >>> n.community().endswith(("社区", "村")), len(n.person()) in (2, 3)
    (True, True)
    """

    def __init__(self, rng: random.Random):
        self.rng = rng

    def stem(self) -> str:
        return self.rng.choice(_FIRST) + self.rng.choice(_SECOND)

    def city(self) -> str:
        return self.stem() + "市"

    def district(self) -> str:
        return self.stem() + "区"

    def subdistrict(self) -> str:
        return self.stem() + self.rng.choice(["街道", "街道", "镇"])

    def community(self) -> str:
        return self.stem() + self.rng.choice(["社区", "社区", "社区", "村"])

    def person(self) -> str:
        given = "".join(self.rng.choice(_GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(_SURNAMES) + given

    def organization(self) -> str:
        return self.stem() + self.rng.choice(_ORG_KINDS)

    def initiative(self) -> str:
        return self.rng.choice(_WORDS) + self.rng.choice(_WORDS[::-1])


def _article(rng: random.Random, n: Names) -> str:
    """One article: headline, blank-line separated paragraphs, byline."""
    city, district, sub = n.city(), n.district(), n.subdistrict()
    comm, comm2 = n.community(), n.community()
    org, org2 = n.organization(), n.organization()
    init, init2 = n.initiative(), n.initiative()
    head, group = rng.choice(_HEADS), rng.choice(_GROUPS)
    person, person2 = n.person(), n.person()
    amount, amount2 = rng.randrange(5, 200) * 100, rng.randrange(1, 90) * 100
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    count, people = rng.randrange(3, 60), rng.randrange(20, 3000)
    headlines = [
        f"{sub}“{init}”{head}启用",
        f"{comm}:{init[:2]}润民心,{init[2:]}暖邻里",
        f"{comm}开展“{init}”{head}",
        f"{sub}举办{group}关爱座谈会",
    ]
    sentences = [
        f"{month}月{day}日,{city}{district}{sub}{comm}“{init}”{head}正式启用。",
        f"近日,{comm}党委联合{org}开展“{init2}”主题活动,为{group}送上{rng.choice(_GIFTS)}。",
        f"活动当天,{org}捐赠物品{amount}元,{org2}捐款{amount2}元。",
        f"{comm}{rng.choice(_ROLES)}{person}表示,社区将继续深化“{init}”品牌建设,让更多居民受益。",
        f"据了解,“{init}”{head}由{org2}负责运营,目前已服务居民{people}人次。",
        f"今年以来,{sub}共开展各类活动{count}场,参与群众{people}余人。",
        f"{person2}阿姨是{comm2}的志愿者,她说:“能帮到大家,我很开心。”",
        f"下一步,{sub}将持续推进“{init}”{head}建设,不断提升居民的获得感和幸福感。",
        f"{comm}位于{sub}东部,辖区内有{count}个小区,常住人口{people}人。",
        f"{comm2}携手{org}共建“{init2}”服务阵地,每月开展{count % 9 + 1}次志愿服务。",
    ]
    rng.shuffle(sentences)
    cuts = sorted(rng.sample(range(1, len(sentences)), rng.randrange(2, 6)))
    paragraphs = ["".join(sentences[a:b]) for a, b in zip([0] + cuts, cuts + [len(sentences)])]
    byline = " ".join(n.person() for _ in range(rng.randrange(1, 4)))
    return "\n\n".join([rng.choice(headlines)] + paragraphs + [byline])


def corpus_pages(n_articles: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` of pages holding ``n_articles`` articles in all."""
    rng = random.Random(seed)
    names = Names(rng)
    for page, first in enumerate(range(0, n_articles, ARTICLES_PER_PAGE)):
        count = min(ARTICLES_PER_PAGE, n_articles - first)
        text = "\n\n\n\n".join(_article(rng, names) for _ in range(count))
        yield f"page_{page:06d}.txt", "\n\n\n" + text + "\n"


def write_corpus(n_articles: int, outdir: str | Path, seed: int = 0) -> list[Path]:
    """Write the pages into ``outdir`` (created) and return their paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in corpus_pages(n_articles, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = write_corpus(args.articles, args.outdir, args.seed)
    print(f"{len(paths)} pages, {args.articles} articles → {args.outdir}")


if __name__ == "__main__":
    main()
