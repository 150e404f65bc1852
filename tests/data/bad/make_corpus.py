"""Write the bad-input corpus of this folder: ``python tests/data/bad/make_corpus.py``.

Every file is small and made here from invented text, so the committed bytes
can be checked against this script (tests/robust/test_bad_corpus.py). The
huge page (50 MB on one line) and the over-long article are made at test
time instead of being committed.

>>> files = corpus()
>>> files["empty.txt"], files["gbk.txt"][:4] == "银杏".encode("gbk")
(b'', True)
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: Markup, quotes and escapes that would break a serialisation if pasted in raw.
HOSTILE_NAME = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
#: Markup that the reader still takes as part of a headline.
HOSTILE_TITLE = "</script><img src=x onerror=alert(2)>"
#: A name far longer than any real one (over 2,000 characters).
LONG_NAME = "长" * 2000 + "社区"


def article(community: str, initiative: str, org: str, person: str) -> str:
    """One plain-text article in the seeds' layout: headline, paragraphs, byline.

    >>> article("银杏社区", "暖心书屋", "松果公益服务社", "李小明").splitlines()[0]
    '银杏社区启用“暖心书屋”'
    """
    return (
        f"{community}启用“{initiative}”\n\n"
        f"近日，青松区白桦街道{community}“{initiative}”正式启用。"
        f"{initiative}由{org}运营，为社区独居老人提供阅读和陪伴服务。\n\n"
        f"活动当天，松果科技公司向{community}捐赠图书500册。\n\n"
        f"{person}\n"
    )


def traditional_article() -> str:
    """An article in traditional characters (Big5 archives)."""
    return (
        "樟樹社區啟用“書香驛站”\n\n"
        "近日，青松區白樺街道樟樹社區“書香驛站”正式啟用。書香驛站由微光志願服務隊運營，"
        "為社區獨居老人提供閱讀服務。\n\n"
        "李小明\n"
    )


def hostile_text() -> str:
    """A page whose names and sentences carry markup, quotes, escapes and controls."""
    return (
        f"银杏社区启用“{HOSTILE_TITLE}\"书屋\\\"'”\n\n"
        f"近日，青松区白桦街道{HOSTILE_NAME}社区“<b>书屋</b>”正式启用。"
        "书屋由\"\"\"松果\\u0000公益服务社\"\"\"@zh .运营，为<独居老人> ]]> <!-- {{APP_JS}} 提供服务。\n\n"
        "活动当天，'); DROP TABLE x; --科技公司向白桦街道捐赠图书500册。\x07\x1b[31m\x00\x7f\u0085\u2028\u2029\n\n"
        f"近日，{LONG_NAME}开展读书会，居民踊跃参加。\n\n"
        "李小明\n"
    )


def html_page() -> str:
    """A web page saved under a .txt name: head, script, style, entities, block elements."""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>页面标题</title>"
        "<script>document.write('不是正文')</script><style>p { color: red }</style></head>\n"
        "<body><h1>竹林社区启用“邻里食堂”</h1>\n"
        "<p>近日，青松区白桦街道竹林社区“邻里食堂”正式启用。邻里食堂由微光志愿服务队运营，"
        "为社区独居老人提供午餐&amp;晚餐。</p>\n"
        "<p>活动当天，松果科技公司向竹林社区捐赠大米500斤。</p>\n"
        "<p>陈小兰</p></body></html>\n"
    )


def corpus() -> dict[str, bytes]:
    """File name → bytes of every committed bad (or oddly encoded) input."""
    utf8 = article("银杏社区", "暖心书屋", "松果公益服务社", "李小明")
    truncated = article("桂花社区", "书香驿站", "微光志愿服务队", "王小红").encode("utf-8")
    return {
        "utf8.txt": utf8.encode("utf-8"),
        "utf8_bom_crlf.txt": codecs.BOM_UTF8 + article(
            "枫叶社区", "书香驿站", "微光志愿服务队", "王小红").replace("\n", "\r\n").encode("utf-8"),
        "gbk.txt": article("银杏社区", "邻里食堂", "松果公益服务社", "张晓东").encode("gbk"),
        "gb18030.txt": article("梧桐社区", "𠀀书屋", "松果公益服务社", "陈小兰").encode("gb18030"),
        "big5.txt": traditional_article().encode("big5"),
        "utf16le_bom.txt": codecs.BOM_UTF16_LE + article(
            "柳岸社区", "暖心书屋", "微光志愿服务队", "王小红").encode("utf-16-le"),
        "utf16be_bom.txt": codecs.BOM_UTF16_BE + article(
            "樟树社区", "邻里食堂", "松果公益服务社", "张晓东").encode("utf-16-be"),
        # Cut off in the middle of the byline's last character.
        "utf8_truncated.txt": truncated[:-3],
        # A lone high surrogate in the middle of a community name.
        "utf16_lone_surrogate.txt": codecs.BOM_UTF16_LE + article(
            "桃园社区", "暖心书屋", "微光志愿服务队", "陈小兰").encode("utf-16-le").replace(
            "桃园".encode("utf-16-le"), "桃".encode("utf-16-le") + b"\x00\xd8", 1),
        "utf16_no_bom.txt": article("杏林社区", "暖心书屋", "微光志愿服务队", "陈小兰").encode("utf-16-le"),
        "empty.txt": b"",
        "blank.txt": b" \r\n\t\n  \n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2,
        "no_text.txt": "……\n———\n".encode("utf-8"),
        "html_wrapped.txt": html_page().encode("utf-8"),
        "hostile.txt": hostile_text().encode("utf-8"),
        # The same page name as utf8.txt in a sub-folder (sorted after it): the
        # two pages' extraction files and article ids would collide.
        "x_again/utf8.txt": article("杏林社区", "邻里食堂", "松果公益服务社", "李小明").encode("utf-8"),
    }


def write(folder: Path = HERE) -> list[Path]:
    """Write :func:`corpus` into ``folder``; return the paths written."""
    written = []
    for name, data in sorted(corpus().items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
