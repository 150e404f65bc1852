"""Find typed entity mentions in an article body.

Each finder is a small rule family driven by the tables of
:mod:`kg.extract.gazetteer`: places by administrative suffix and the official
division table, organizations by suffix (with any place prefix), persons by
a post before or a form of address after the name, groups by the population
vocabulary, initiatives by quotation plus a head noun or a trigger verb.
:func:`find_mentions` runs them all and settles overlaps.

>>> from kg.document import Article
>>> art = Article(page="p", index=0, title="t",
...               paragraphs=["近日,苏州市姑苏区银杏街道松鹤社区党委书记李小明为困境儿童打造“阳光小屋”项目。"])
>>> sorted((m.name, m.type) for m in find_mentions(art).mentions)  # doctest: +NORMALIZE_WHITESPACE
[('困境儿童', 'Group'), ('姑苏区', 'District'), ('李小明', 'Person'), ('松鹤社区', 'Community'),
 ('松鹤社区党委', 'Organization'), ('苏州市', 'City'), ('银杏街道', 'Subdistrict'), ('阳光小屋', 'Initiative')]
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
import jieba.posseg

from kg.document import Article, Mention
from kg.extract.gazetteer import Gazetteer, division_spans, load
from kg.extract.sentences import sentence_at

jieba.setLogLevel(logging.WARNING)

_OPEN_QUOTES = "“\"「『‘"
_CLOSE_QUOTES = "”\"」』’"
_QUOTED = re.compile(r"“([^“”\n。！？；]{2,30})”|[\"「『]([^“”\"「」『』\n。！？；]{2,30})[\"」』]")
_PLACE_TYPES = ("City", "District", "Subdistrict", "Community", "Neighborhood")
_RANK = {"City": 0, "District": 1, "Subdistrict": 2, "Community": 3, "Neighborhood": 4}
# A suffix followed by one of these characters is part of another word
# (村民, 镇长, 乡村, 小组长).
_PLACE_RIGHT_STOP = {"村": "民庄落级委务干规内里两", "镇": "长", "乡": "村镇亲愁土贤", "社区": "化"}
_ORG_RIGHT_STOP = {"": "长员", "局": "长员面势", "中心": "长员任工", "办": "长员事理法好实到成",
                   "物业": "费管", "物业公司": "费", "队": "伍员长"}


def is_han(ch: str) -> bool:
    """True for a CJK ideograph.

    >>> is_han("社"), is_han("a"), is_han("，")
    (True, False, False)
    """
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tags, word → tag."""
    jieba.posseg.dt.tokenizer.initialize()
    return jieba.posseg.dt.word_tag_tab


def tag_of(word: str) -> str | None:
    """jieba's dictionary tag of a word, or None for a word it does not know.

    >>> tag_of("治理"), tag_of("潼泾")
    ('v', None)
    """
    return _word_tags().get(word)


def tokens(text: str, hmm: bool = True) -> list[str]:
    """jieba's precise-mode segmentation.

    >>> tokens("来自银杏街道")
    ['来自', '银杏', '街道']
    """
    return list(_cached_lcut(text, hmm))


# --- speed: the same short windows recur across articles; jieba is pure ---

@lru_cache(maxsize=1 << 16)
def _cached_lcut(text: str, hmm: bool) -> tuple[str, ...]:
    return tuple(_tokenizer().lcut(text, HMM=hmm))


# Single characters that end a name when scanning left (来社区, 与某社区):
# with jieba's HMM off, an unknown name falls apart into single characters,
# and these function characters are what separates it from the words before.
_FUNCTION_CHARS = frozenset("来着到多更与和及在对向从把被让给的了是为将由于以等也还都就又再已各该本这那其每上下中内外前后里去说要会能可即并而或此年月日号至某他她它我你们进个据")
_NUMERALS = "一二三四五六七八九十两百千万"
# Verbs and particles that follow a name, never end one (李某作报告, 王某说).
_AFTER_NAME = frozenset("作说在为是讲带到给和与对向将把被来去也都就还又")
# Organization suffixes that also name a facility a programme opens (打造“某某驿站”).
_FACILITY_ORGS = frozenset({"驿站", "中心", "社工站", "工作室"})


def _clause_floor(text: str, pos: int, limit: int, extra: str = "") -> int:
    """Leftmost index reachable from ``pos`` through Han characters (and ``extra``)."""
    i = pos
    while i > 0 and pos - i < limit and (is_han(text[i - 1]) or text[i - 1] in extra):
        i -= 1
    return i


# jieba tags that end a name when scanning left: verbs, prepositions,
# conjunctions, adverbs, particles, pronouns, time and locative words,
# adjectives, idioms. Place names take none of them; organization names take
# the verbs of ``name_verbs.txt`` (社会治理中心).
_STOP_TAGS = ("v", "p", "c", "d", "u", "r", "t", "f", "a", "ad", "an", "i", "l", "y", "e", "o", "q", "z")


def _stops(tok: str, g: Gazetteer, mode: str, first: bool) -> bool:
    """Whether ``tok`` cannot belong to a name being scanned leftwards.

    Tags of single characters are not trusted (jieba tags 黄 of 黄埭 as an
    adjective); only the stopword list stops them.
    """
    if tok in g.stopwords and not (mode in ("org", "head") and tok in g.name_verbs):
        return True
    if len(tok) == 1:
        return tok in _FUNCTION_CHARS or (mode == "place" and tok in "杯赛")
    if mode == "loose":
        return False
    if mode in ("org", "head") and (tag_of(tok) in ("a", "an", "t") or tok in g.name_verbs):
        return False  # 安全生产监督管理局, 现代快报
    tag = _word_tags().get(tok)
    if tag is None:
        return False
    if tag == "m":
        # 某某二社区, 某某第十一支部, 某县第一人民医院: a numeral right before the
        # suffix, or an ordinal, is part of the name.
        return not first and not (mode == "org" and tok.startswith("第"))
    if tag == "vn" and mode != "place":
        return False
    if tok in g.name_verbs and mode != "place":
        return False  # org and head (programme) names take these verbs
    return tag.startswith(_STOP_TAGS)


def scan_left(text: str, end: int, floor: int, max_len: int, g: Gazetteer, extra: str = "",
              mode: str = "place") -> int:
    """Start of the name that ends at ``end``: whole jieba tokens, none of them
    a stopword or (for ``mode`` place/org) a verb-like token.

    >>> scan_left("近日,来自银杏街道", 7, 0, 4, load())
    5
    >>> scan_left("居民积极参与", 6, 0, 6, load())
    6
    >>> scan_left("近年来,元和", 6, 0, 4, load())  # jieba cuts 元/和; 和 is not a conjunction here
    4
    """
    lo = max(floor, _clause_floor(text, end, max_len + 6, extra))
    start = end
    toks = list(reversed(tokens(text[lo:end], hmm=False)))
    for i, tok in enumerate(toks):
        if mode == "org" and tok in ("和", "与") and 0 < i < len(toks) - 1 and len(toks[i - 1]) >= 2 \
                and len(toks[i + 1]) >= 2 and not _stops(toks[i + 1], g, mode, False) \
                and (end - start + 1) <= max_len \
                and not any(text[lo : start - 1].endswith(sfx) for sfx in g.org_suffixes):
            start -= 1  # 人力资源和社会保障局: 和 joins two parts of one name
            continue
        if _stops(tok, g, mode, i == 0) or (end - start + len(tok)) > max_len:
            # 和/之 as the last character of a two-character name (元和街道).
            if i == 0 and tok in "和之" and len(toks) > 1 and len(toks[1]) == 1 \
                    and toks[1] not in _FUNCTION_CHARS and (len(toks) == 2 or toks[2] in _FUNCTION_CHARS):
                return end - 2
            break
        start -= len(tok)
    return start


def _opens_name(text: str, pos: int, g: Gazetteer) -> bool:
    """Whether a surname (one character, or two) starts at ``pos``: no name can start elsewhere.

    >>> _opens_name("由李小明主持", 1, load()), _opens_name("由李小明主持", 0, load())
    (True, False)
    """
    return text[pos : pos + 1] in g.surnames or text[pos : pos + 2] in g.compound_surnames


def _person_name_at(text: str, pos: int, g: Gazetteer) -> str | None:
    """A full personal name (surname + given name) starting at ``pos``, if any.

    >>> _person_name_at("李小明主持会议", 0, load())
    '李小明'
    >>> _person_name_at("王先生说", 0, load()) is None
    True
    >>> _person_name_at("欧阳晓峰说", 0, load())
    '欧阳晓峰'
    """
    # Every candidate below is a prefix of the text at ``pos``, and a name
    # opens with a surname: without one here, there is no need to ask jieba.
    if not _opens_name(text, pos, g):
        return None
    window = text[pos : pos + 6]
    toks = tokens(window)
    if not toks:
        return None
    cand = toks[0]
    if len(cand) == 1 and len(toks) > 1 and cand in g.surnames and 1 <= len(toks[1]) <= 2:
        cand += toks[1]  # jieba splits rare names: 祁/培情
    elif cand in g.compound_surnames and len(toks) > 1 and 1 <= len(toks[1]) <= 2:
        cand += toks[1]  # 欧阳/明月
    for form in g.address_forms:
        if cand.endswith(form) and len(cand) > len(form):
            cand = cand[: -len(form)]
            break
    if len(cand) == 3 and cand[2] in _AFTER_NAME and cand[:2] not in g.compound_surnames:
        cand = cand[:2]  # 李红作专题辅导: jieba glued the verb to the name
    if not (2 <= len(cand) <= 4) or not all(is_han(c) for c in cand):
        return None
    if cand[:2] in g.compound_surnames:
        ok = len(cand) >= 3
    else:
        ok = cand[0] in g.surnames and len(cand) <= 3
    if not ok:
        return None
    tag = _word_tags().get(cand)
    if tag is not None and not tag.startswith("nr"):
        return None  # a dictionary word (e.g. 高度), not a name
    return cand


def _city_prefix(stem: str, g: Gazetteer):
    """The city whose short name (苏州 for 苏州市) opens a zone's stem, when at
    least two characters of the zone's own name follow it.

    >>> _city_prefix("苏州相城", load()).name
    '苏州市'
    >>> _city_prefix("相城", load()) is None
    True
    """
    for size in (3, 2):
        d = g.divisions.get(stem[:size] + "市")
        if d is not None and d.type == "City" and len(stem) - size >= 2:
            return d
    return None


def _district_in_stem(stem: str, g: Gazetteer) -> int | None:
    """Length of a leading ``某某区/县`` inside a township's stem, if any.

    >>> _district_in_stem("青松区银杏", load())
    3
    >>> _district_in_stem("银杏", load()) is None
    True
    """
    for i in range(2, min(len(stem) - 1, 4)):
        if stem[i] in "区县" and i + 1 <= len(stem) - 2:
            return i + 1
    return None


def find_places(text: str, g: Gazetteer) -> list[Mention]:
    """Places by the official division table and by administrative suffix.

    >>> [(m.name, m.type) for m in find_places("苏州市姑苏区银杏街道松鹤社区", load())]
    [('苏州市', 'City'), ('姑苏区', 'District'), ('银杏街道', 'Subdistrict'), ('松鹤社区', 'Community')]
    """
    found: list[Mention] = []
    for s, e in division_spans(text, g):
        name = text[s:e]
        d = g.divisions[name]
        code = d.code
        city = found[-1] if found and found[-1].end == s and found[-1].type == "City" else None
        if d.type == "District":
            options = g.division_codes.get(name, ())
            if city is not None and city.code:
                options = tuple(c for c in options if c[:4] == city.code[:4])
            code = options[0] if len(options) == 1 else None  # 鼓楼区 alone: which city's?
        found.append(Mention(name, d.type, s, e, code=code, source="division"))
    ends = {m.end for m in found}
    suffix_re = g.regex["place_suffix"]
    # The generic words as tuples for str.endswith (one C call, not a loop per candidate).
    generic_words = tuple(w for w in g.place_generic_words if len(w) >= 3)
    generic_stems = tuple(w for w in g.place_generic_stems if len(w) >= 2)
    generic_modifiers = tuple(w for w in g.place_generic_stems if len(w) < 2 and w in "小大老")
    for m in suffix_re.finditer(text):
        s, e, suffix = m.start(), m.end(), m.group()
        spec = g.place_suffixes[suffix]
        nxt = suffix_re.match(text, e)
        if nxt and spec.type == "Neighborhood" and g.place_suffixes[nxt.group()].type in ("Community", "Neighborhood"):
            continue  # 家园 of 某家园社区 is part of the community's name
        if text[e : e + 1] and text[e] in _PLACE_RIGHT_STOP.get(suffix, ""):
            continue
        if any(f.start < s < f.end for f in found):
            continue  # inside an official name already found
        floor = max((x for x in ends if x <= s), default=0)
        start = scan_left(text, s, floor, spec.max_stem, g)
        stem = text[start:s]
        if spec.min_stem == 0 and len(stem) < 2:
            start, stem = s, ""  # 年经开区 / 暨经开区: a bare zone word
        if len(stem) >= 3 and stem[0] in "区县" and spec.type in ("Subdistrict", "Community"):
            start += 1  # 青松|区|银杏街道: the name starts after the district's suffix
            stem = text[start:s]
        chained_at = start in ends
        district = _district_in_stem(stem, g) if spec.type in ("Subdistrict", "Community") else None
        district_mention = None
        if district is not None:
            # 青松区银杏街道: a district the table does not know, then the name.
            district_mention = Mention(stem[:district], "District", start, start + district, source="suffix")
            start += district
            stem = text[start:s]
            chained_at = True
        if len(stem) < spec.min_stem and not (chained_at and len(stem) == spec.min_stem - 1 and suffix == "村"):
            continue  # 某镇余村: a one-character village right after its township
        if stem in g.place_generic_stems or stem + suffix in g.place_generic_words or \
                (stem + suffix).endswith(generic_words):
            continue  # 农村; 美丽新农村 (but 金山村 is a name although 山村 is a word)
        if stem.endswith(generic_stems) or (spec.type == "Neighborhood" and stem.endswith(generic_modifiers)):
            continue  # 辖区老旧小区, 改造成小花园 (but 华大街道 is a name)
        if stem and stem[-1] in "的之" and suffix not in ("家园", "花园"):
            continue
        if district_mention is not None:
            found.append(district_mention)
            ends.add(district_mention.end)
        if not stem and not chained_at:
            source = "bare-suffix"  # 经开区 standing for the article's zone
        else:
            source = "suffix"
        city = _city_prefix(stem, g) if spec.type == "District" else None
        if city is not None:
            # 苏州相城度假区: the city's short name, then the zone's own name.
            found.append(Mention(city.name[:-1], "City", start, start + len(city.name) - 1,
                                 name=city.name, code=city.code, source="city-short"))
            start += len(city.name) - 1
            stem = text[start:s]
        found.append(Mention(stem + suffix, spec.type, start, e, source=source))
        ends.add(e)
    return sorted(found, key=lambda x: (x.start, -x.end))


def find_organizations(text: str, g: Gazetteer, places: list[Mention]) -> list[Mention]:
    """Organizations by suffix; the name may start with a place (某社区党委).

    >>> [m.name for m in find_organizations("近日,松鹤社区党委联合青苗物业开展活动", load(),
    ...     find_places("近日,松鹤社区党委联合青苗物业开展活动", load()))]
    ['松鹤社区党委', '青苗物业']
    """
    found: list[Mention] = []
    place_at = {p.start: p for p in places}
    place_end = {p.end: p for p in places}
    for m in g.regex["org_suffix"].finditer(text):
        s, e, suffix = m.start(), m.end(), m.group()
        spec = g.org_suffixes[suffix]
        right = _ORG_RIGHT_STOP.get(suffix, _ORG_RIGHT_STOP[""])
        if text[e : e + 1] and text[e] in right and text[e : e + 2] not in ("长期", "长年", "长效"):
            continue
        if text[e : e + 1] in ("路", "街", "巷") or text[e : e + 2] == "大道":
            continue  # 学院路, 医院街: a street named after the body
        if text.endswith(g.org_false_endings, 0, e):
            continue
        start = scan_left(text, s, 0, spec.max_stem, g, mode="org")
        # A chain of places alone before the suffix: the body belongs to the
        # innermost place (某街道某社区党委 → 某社区党委, 某区环卫).
        if s in place_end:
            chain_start = place_end[s].start
            while chain_start in place_end:
                chain_start = place_end[chain_start].start
            if chain_start <= start or spec.max_stem == 0:
                start = place_end[s].start
        # A name never starts inside a place name: take the whole place.
        for p in places:
            if p.start < start < p.end:
                start = p.start
        stem = text[start:s]
        if not stem:
            if not spec.standalone:
                if len(suffix) >= 3 and (s == 0 or not is_han(text[s - 1]) or text[s - 1] in _FUNCTION_CHARS):
                    # 手工社 standing alone: the article's own 某某手工社, if it has one.
                    found.append(Mention(suffix, "Organization", s, e, source="bare-suffix"))
                continue
        elif len(stem) < spec.min_stem:
            continue
        elif stem in g.org_generic_stems or re.sub(r"^(社区|街道|村|镇)", "", stem) in g.org_generic_stems:
            continue
        elif stem[0] in _NUMERALS or stem.endswith("化"):
            continue  # “二定中心”, 专项化中心: slogans, not bodies
        # A stem ending in a generic place word must end in a real place name.
        if stem and any(stem.endswith(w) for w in ("社区", "街道", "村", "镇")):
            if s not in place_end:
                continue
        # Absorb organizations that this longer name contains (X大学 in X大学基层委员会).
        found = [f for f in found if not (start <= f.start and f.end <= e)]
        prefix = place_at.get(start)
        found.append(
            Mention(stem + suffix, "Organization", start, e,
                    source="org-suffix" + ("+place" if prefix else ""))
        )
    return found


def find_persons(text: str, g: Gazetteer, anchors: list[Mention]) -> list[Mention]:
    """Persons named after a post (党委书记某某), before a form of address
    (某某阿姨), after a named team (某某先锋某某), or before 说/表示.

    >>> [(m.name, m.role) for m in find_persons("社区党委书记李小明说", load(), [])]
    [('李小明', '党委书记')]
    """
    found: dict[tuple[int, int], Mention] = {}

    def add(name: str, start: int, role: str | None, source: str, surface_end: int | None = None):
        end = start + len(name)
        key = (start, end)
        if key not in found:
            found[key] = Mention(text[start : surface_end or end], "Person", start, surface_end or end,
                                 name=name, role=role, source=source)

    for m in g.regex["role"].finditer(text):
        pos = m.end()
        # 党委书记、居委会主任某某: several posts, one person.
        while text[pos : pos + 1] == "、":
            nxt = _post_pattern(g.regex["role"].pattern).match(text, pos + 1)
            if nxt is None:
                break
            pos = nxt.end()
        name = _person_name_at(text, pos, g)
        if name:
            add(name, pos, m.group(), "role")
            # 党员志愿者甲、乙: the same post for a list of names.
            end = pos + len(name)
            while text[end : end + 1] == "、":
                other = _person_name_at(text, end + 1, g)
                if other is None:
                    break
                add(other, end + 1, m.group(), "role")
                end += 1 + len(other)
    for a in anchors:
        name = _person_name_at(text, a.end + (1 if text[a.end : a.end + 1] in _CLOSE_QUOTES else 0), g)
        if name:
            pos = a.end + (1 if text[a.end : a.end + 1] in _CLOSE_QUOTES else 0)
            add(name, pos, None, "after-team")
    for m in _address_pattern(g.address_forms).finditer(text):
        s = m.start(2) if m.lastindex and m.lastindex >= 2 else m.end(1)
        if not any(_opens_name(text, i, g) for i in range(max(0, s - 4), s - 1)):
            continue  # a name of two or more characters ending at s would open with a surname
        # Take the name as jieba cuts the left context, so 的张某阿姨 → 张某.
        left = tokens(text[max(0, s - 4) : s])
        if not left:
            continue
        cand = left[-1]
        start = s - len(cand)
        name = _person_name_at(text, start, g)
        if name == cand:
            add(name, start, None, "address", surface_end=m.end())
    for m in _SPEECH.finditer(text):
        if not any(_opens_name(text, i, g) for i in range(max(0, m.start() - 4), m.start() - 1)):
            continue  # as above: no surname, no speaker's name
        left = tokens(text[max(0, m.start() - 4) : m.start()])
        if left:
            cand = left[-1]
            start = m.start() - len(cand)
            if start == 0 or not is_han(text[start - 1]) or text[start - 1] in "的员长记":
                name = _person_name_at(text, start, g)
                if name == cand:
                    add(name, start, None, "speaker")
    return sorted(found.values(), key=lambda x: x.start)


# --- speed: patterns built from the gazetteer, compiled once per table ---

@lru_cache(maxsize=8)
def _post_pattern(roles: str) -> re.Pattern:
    """A further post in a list of posts (、居委会主任), ``roles`` being the roles' alternation."""
    return re.compile(r"(?:居委会|村委会|办事处)?(?:" + roles + ")")


@lru_cache(maxsize=8)
def _address_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """Two to four ideographs, then a form of address (某某阿姨)."""
    return re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:" + "|".join(re.escape(f) for f in forms) + ")")


_SPEECH = re.compile(r"(?:笑着|高兴地|激动地|感慨地|动情地)?(?:说|表示|介绍|告诉)")


def find_groups(text: str, g: Gazetteer) -> list[Mention]:
    """Target populations from the vocabulary; synonyms take the canonical name.

    >>> [(m.text, m.name) for m in find_groups("关爱新就业群体和困境儿童", load())]
    [('新就业群体', '新业态新就业群体'), ('困境儿童', '困境儿童')]
    """
    out = []
    for m in g.regex["group"].finditer(text):
        name = g.group_synonyms.get(m.group(), m.group())
        out.append(Mention(m.group(), "Group", m.start(), m.end(), name=name, source="group"))
    return out


def _head_after(text: str, pos: int, g: Gazetteer) -> re.Match | None:
    """The head noun closing the phrase that starts at ``pos``: up to six
    modifier characters may stand before it (“某某”主题手工作品征集评比活动),
    and of several candidates the one reaching furthest wins (志愿服务活动)."""
    best = None
    for gap in range(0, 7):
        if pos + gap > len(text) or (gap and (not is_han(text[pos + gap - 1])
                                              or text[pos + gap - 1] in _FUNCTION_CHARS)):
            break  # 由/在/的… end the phrase: “某某”由某单位负责服务
        m = g.regex["head"].match(text, pos + gap)
        if m and (best is None or m.end() > best.end()):
            best = m
    return best


def _quoted_text(m: re.Match) -> str:
    """What a :data:`_QUOTED` match encloses (“…” or the other quote styles)."""
    return (m.group(1) or m.group(2) or "").strip()


def _quoted_initiative(text: str, m: re.Match, g: Gazetteer, cues: list[str],
                       in_title: bool) -> Mention | None:
    """Decide whether one quoted span names an initiative, and how."""
    inner = _quoted_text(m)
    head = _head_after(text, m.end(), g)
    if "、" in inner:
        # “个人、家庭、社区”四维关爱平台: the list describes a named thing after it.
        if head is not None and head.start() > m.end():
            return Mention(text[m.end() : head.end()], "Initiative", m.end(), head.end(), source="after-list")
        return None
    if sum(is_han(c) for c in inner) < 2 or inner[-1] in "!?！？。…":
        return None  # quoted speech, not a name
    org = g.regex["org_suffix"].search(inner)
    while org and org.end() != len(inner):
        org = g.regex["org_suffix"].search(inner, org.start() + 1)
    clause = re.split(r"[,，。;；:：!！?？\n]", text[max(0, m.start() - 12) : m.start()])[-1]
    opened = any(c in clause for c in g.triggers["organized"]) and org is not None \
        and org.group() in _FACILITY_ORGS and inner[0] not in _NUMERALS
    if org is not None and head is None and not opened:
        return None  # “某某服务社”: an organization, found by its suffix
    if len(inner) <= 4 and inner[-1] in "式化型性":
        return None  # “地毯式”, “网格化”: a manner, not a name
    inside = g.regex["head"].search(inner)
    # A quoted name that ends in a head noun names a programme (“银发课堂”).
    names_facility = bool(inside and inside.end() == len(inner) and len(inner) - len(inside.group()) >= 2)
    rest = re.split(r"[,，。;；:：!！?？\n]", text[m.end() : m.end() + 14])[0]
    follows = text[m.end() : m.end() + 1]
    # A cue alone needs the quote to stand as a noun phrase, not to modify the
    # next word (建设“绿色文明”社区), unless a head noun closes the phrase.
    stands = not follows or not is_han(follows) or follows in "的等和与及为在是" or \
        bool(g.regex["head"].search(rest)) or text[m.start() - 1 : m.start()] == "的"
    cue = any(c in clause for c in cues) and stands
    person = _person_name_at(text, m.end(), g) is not None
    title = in_title and len(inner) >= 3
    if not (head or cue or person or names_facility or title or opened):
        return None
    alt: tuple[str, ...] = ()
    if opened:
        alt = ("Organization",)  # 打造“某某驿站”: a facility run as a programme
    elif head is not None and g.initiative_heads[head.group()].alt_type:
        alt = (g.initiative_heads[head.group()].alt_type,)
    elif inner[-1:] in "队站团社" or person:
        alt = ("Organization",)
    end = head.end() if head else m.end()
    name = inner
    if head is not None and (len(inner) <= 2 or not is_han(inner[-1])):
        name = inner + text[m.end() : head.end()]  # “红色”教育课堂 is named 红色教育课堂
    return Mention(text[m.start() : end], "Initiative", m.start(), end, name=name, alt_types=alt,
                   source="quoted")


def find_initiatives(text: str, g: Gazetteer, title_end: int = 0) -> list[Mention]:
    """Named initiatives: a quoted name with a head noun, a trigger verb before
    it, a member named after it, or standing in the headline; an unquoted name
    with a strong head noun; a nationwide campaign.

    >>> [(m.name, m.text) for m in find_initiatives("社区打造“银杏课堂”品牌", load())]
    [('银杏课堂', '“银杏课堂”品牌')]
    """
    found: list[Mention] = []
    cues = [c for p in ("organized", "participatedIn", "partneredWith", "operatedBy") for c in g.triggers.get(p, ())]
    cues += ["依托", "深化", "推进", "成为", "配备", "名为"]
    names: dict[str, tuple[str, ...]] = {}
    for m in _QUOTED.finditer(text):
        mention = _quoted_initiative(text, m, g, cues, m.start() < title_end)
        if mention is None:
            continue
        found.append(mention)
        if mention.source == "quoted" and mention.name == _quoted_text(m):
            names[mention.name] = mention.alt_types
    # Every other occurrence of a name already recognised in this article.
    taken = {(f.start, f.end) for f in found}
    for name, alt in names.items():
        if len(name) < 3:
            continue
        for m in re.finditer(re.escape(name), text):
            s, e = m.start(), m.end()
            if s > 0 and text[s - 1] in _OPEN_QUOTES:
                s -= 1
                e += 1 if text[e : e + 1] in _CLOSE_QUOTES else 0
            if any(a <= s < b or a < e <= b for a, b in taken):
                continue
            found.append(Mention(text[s:e], "Initiative", s, e, name=name, alt_types=alt, source="repeat"))
            taken.add((s, e))
    for m in g.regex["head"].finditer(text):
        spec = g.initiative_heads[m.group()]
        if not spec.strong or any(f.start <= m.start() < f.end for f in found):
            continue
        start = scan_left(text, m.start(), 0, 16, g, extra="0123456789", mode="head")
        # 2021年某镇…项目: a leading year belongs to the name.
        year = re.search(r"\d{4}年(度)?$", text[max(0, start - 6) : start])
        if year:
            start -= len(year.group())
        stem = text[start : m.start()]
        if len(stem) < 2 or stem[0].isdigit() and not re.match(r"\d+[\u4e00-\u9fff]", stem):
            continue
        alt = (spec.alt_type,) if spec.alt_type else ()
        found.append(Mention(stem + m.group(), "Initiative", start, m.end(), alt_types=alt, source="head"))
    for m in g.regex["campaign"].finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        found.append(Mention(m.group(), "Initiative", m.start(), m.end(), source="campaign"))
    return found


# Higher wins when two mentions cover the same or crossing spans.
_PRIORITY = {"Person": 6, "Group": 5, "Organization": 4, "Initiative": 3,
             "Community": 2, "Subdistrict": 2, "District": 2, "City": 2, "Neighborhood": 2}


def settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep a place nested inside another name (a community inside its party
    committee's name) but drop other nesting and crossing spans, longer first.

    >>> a = Mention("松鹤社区党委", "Organization", 0, 6)
    >>> b = Mention("松鹤社区", "Community", 0, 4)
    >>> c = Mention("社区党委", "Organization", 2, 6)
    >>> [m.text for m in settle_overlaps([c, b, a])]
    ['松鹤社区', '松鹤社区党委']
    >>> [m.text for m in settle_overlaps([Mention("李明", "Person", 2, 4), Mention("银杏李明队", "Organization", 0, 5)])]
    ['银杏李明队']
    """
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), -_PRIORITY[m.type], m.start, m.name))
    kept: list[Mention] = []
    for m in ordered:
        clash = False
        for k in kept:
            if m.start >= k.end or k.start >= m.end:
                continue  # no overlap (inlined: this loop is quadratic)
            nested = k.start <= m.start and m.end <= k.end
            # Only a place may sit inside another name (某社区党委, 某镇某项目).
            if not nested or m.type not in _PLACE_TYPES or k.type == m.type:
                clash = True
                break
        if not clash:
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end, m.type))


def find_mentions(article: Article) -> Article:
    """Pipeline component: fill ``article.mentions`` (body spans and bylines)."""
    g = load()
    text = article.text
    places = find_places(text, g)
    orgs = find_organizations(text, g, places)
    initiatives = find_initiatives(text, g, title_end=len(article.title))
    groups = find_groups(text, g)
    persons = find_persons(text, g, initiatives + orgs)
    mentions = settle_overlaps(places + orgs + initiatives + groups + persons)
    for m in mentions:
        m.sentence = sentence_at(article, m.start)
    for name in article.bylines:
        mentions.append(Mention(name, "Person", -1, -1, source="byline"))
    article.mentions = mentions
    return article
