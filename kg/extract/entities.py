"""Group an article's mentions into the entities it talks about.

Within one article, surface forms of the same thing become one
:class:`~kg.document.ArticleEntity` with a preferred name and aliases:
standard abbreviations (经济技术开发区 ↔ 经开区), a short place name inside a
longer one with a filler word (某某社区 ↔ 某某家园社区), a bare zone suffix
standing for the article's zone, paired names ``A(B)`` of organizations,
population synonyms, and quoted names with their head nouns.

>>> from kg.document import Article
>>> from kg.extract.sentences import split_sentences
>>> from kg.extract.mentions import find_mentions
>>> art = Article(page="p", index=0, title="t",
...               paragraphs=["银杏经济技术开发区推出“暖心驿家”平台。经开区还表示,“暖心驿家”很受欢迎。"])
>>> art = group_mentions(find_mentions(split_sentences(art)))
>>> [(e.name, e.type, e.aliases) for e in art.entities]
[('银杏经济技术开发区', 'District', ['经开区']), ('暖心驿家', 'Initiative', ['暖心驿家平台'])]
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.document import Article, ArticleEntity, Mention
from kg.extract.gazetteer import Gazetteer, load
from kg.vocab import TYPES, canonical_key

# Words that may stand between a place's short and long name (某某社区 = 某某家园社区).
_FILLERS = ("家园", "花园", "嘉园", "新村", "新城", "苑", "园")
_QUOTE_MARKS = re.compile(r"[“”\"「」『』‘’]")
# Names recur across mentions, pairs and articles; canonical_key is pure: normalise each once.
_canonical = lru_cache(maxsize=1 << 14)(canonical_key)


def abbreviated(name: str, g: Gazetteer) -> str:
    """The name with any long institutional form replaced by its standard
    abbreviation, so every spelling of one body compares equal.

    >>> abbreviated("银杏经济技术开发区", load())
    '银杏经开区'
    >>> abbreviated("西湖区人力资源和社会保障局", load()) == abbreviated("西湖区人社局", load())
    True
    """
    for long, short in g.abbreviations:
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


def _place_suffix(name: str, g: Gazetteer) -> str:
    m = g.regex["place_suffix"].search(name)
    while m and m.end() != len(name):
        m = g.regex["place_suffix"].search(name, m.start() + 1)
    return m.group() if m else ""


def same_entity(a: str, b: str, type_name: str, g: Gazetteer | None = None) -> bool:
    """Whether two names of the same type name one thing (never a mere shared prefix).

    >>> same_entity("银杏社区", "银杏家园社区", "Community")
    True
    >>> same_entity("苏锦一社区", "苏锦二社区", "Community")
    False
    >>> same_entity("银杏经开区", "银杏经济技术开发区", "District")
    True
    >>> same_entity("西湖区人力资源社会保障局", "西湖区人社局", "Organization")
    True
    """
    g = g or load()
    ka, kb = _canonical(a), _canonical(b)
    if ka == kb:
        return True
    ea, eb = _canonical(abbreviated(a, g)), _canonical(abbreviated(b, g))
    if ea == eb:
        return True
    if type_name in ("Community", "Neighborhood", "Subdistrict"):
        short, long = sorted((ea, eb), key=len)
        suffix = _place_suffix(short, g)
        if suffix and long.endswith(suffix):
            s_stem, l_stem = short[: -len(suffix)], long[: -len(suffix)]
            if len(s_stem) >= 2 and l_stem.startswith(s_stem) and l_stem[len(s_stem):] in _FILLERS:
                return True
    if type_name == "Initiative":
        short, long = sorted((ka, kb), key=len)
        rest = long[len(short):]
        if len(short) >= 2 and long.startswith(short) and (rest in g.initiative_heads or
                                                           g.regex["head"].fullmatch(rest)):
            return True
    return False


def _loose_key(name: str) -> str:
    """Compare names ignoring quotes, spaces and punctuation (情系A,B = 情系A B).

    >>> _loose_key("“银杏·课堂”, 第二季") == _loose_key("银杏课堂第二季")
    True
    """
    return "".join(ch for ch in _canonical(name) if ch.isalnum())


def same_in_article(a: str, b: str, type_name: str, g: Gazetteer) -> bool:
    """Looser than :func:`same_entity`, for two names in one article: a
    programme's shorter form inside its longer one (慈善基金 / 社区慈善基金),
    an organization's name without its leading qualifier (指挥中心 / 集成指挥中心).

    >>> same_in_article("储蓄银行", "公益兑换储蓄银行", "Initiative", load())
    True
    >>> same_in_article("党委", "某某社区党委", "Organization", load())
    False
    """
    if same_entity(a, b, type_name, g):
        return True
    ka, kb = _loose_key(a), _loose_key(b)
    if ka == kb:
        return type_name in ("Initiative", "Organization", "Group")
    short, long = sorted((ka, kb), key=len)
    if type_name == "Initiative":
        return len(short) >= 3 and short in long
    if type_name == "Organization":
        return len(short) >= 4 and long.endswith(short) and short not in g.org_suffixes
    return False


def _paired_aliases(article: Article) -> list[tuple[Mention, Mention]]:
    """Organizations printed as ``A(B)``: two names of one body.

    Places printed that way are two entities (handled as locatedIn instead).
    """
    text = article.text
    by_start = {m.start: m for m in article.mentions if m.type == "Organization"}
    pairs = []
    for m in article.mentions:
        if m.type != "Organization" or text[m.end : m.end + 1] not in "(（":
            continue
        inner = by_start.get(m.end + 1)
        if inner is not None and text[inner.end : inner.end + 1] in ")）":
            pairs.append((m, inner))
    return pairs


def _resolve_bare_suffixes(article: Article, g: Gazetteer) -> None:
    """A bare zone word (经开区) names the article's zone when it has one."""
    full = [m for m in article.mentions if m.source != "bare-suffix" and m.start >= 0]
    kept = []
    for m in article.mentions:
        if m.source != "bare-suffix":
            kept.append(m)
            continue
        target = None
        for f in full:
            if f.type == m.type and (f.name.endswith(m.text) or
                                     abbreviated(f.name, g).endswith(abbreviated(m.text, g))):
                target = f
                break
        if target is not None:
            m.name = target.name
            kept.append(m)
    article.mentions = kept


def _community_short_forms(article: Article, g: Gazetteer) -> None:
    """A compound's name that is also a community's name without 社区 is the
    community (某嘉园 in the headline, 某嘉园社区 in the body)."""
    communities = {m.name for m in article.mentions if m.type == "Community"}
    for m in article.mentions:
        if m.type == "Neighborhood" and m.name + "社区" in communities:
            m.type, m.name = "Community", m.name + "社区"


def group_mentions(article: Article) -> Article:
    """Pipeline component: fill ``article.entities`` and point every mention's
    ``name`` at its entity's preferred name."""
    g = load()
    _resolve_bare_suffixes(article, g)
    clusters: list[list[Mention]] = []
    _community_short_forms(article, g)
    # Names recur within an article and the test is pure: ask it once per pair.
    same: dict[tuple[str, str, str], bool] = {}

    def joins(name: str, m: Mention) -> bool:
        key = (name, m.name, m.type)
        if key not in same:
            same[key] = same_in_article(name, m.name, m.type, g)
        return same[key]

    # A mention joins the first cluster of its type holding a name that is the
    # same entity; each cluster's distinct names are kept beside it, by type.
    of_type: dict[str, list[tuple[list[Mention], list[str]]]] = {}
    # Longest names first, so a short form joins the cluster of its long form.
    for m in sorted(article.mentions, key=lambda m: (-len(m.name), m.start)):
        for cluster, names in of_type.get(m.type, ()):
            if any(joins(name, m) for name in names):
                cluster.append(m)
                if m.name not in names:
                    names.append(m.name)
                break
        else:
            clusters.append([m])
            of_type.setdefault(m.type, []).append((clusters[-1], [m.name]))
    for a, b in _paired_aliases(article):
        ca = next(c for c in clusters if a in c)
        cb = next(c for c in clusters if b in c)
        if ca is not cb:
            ca.extend(cb)
            clusters.remove(cb)
    entities = []
    for cluster in clusters:
        entity = _entity_from(cluster)
        for m in cluster:
            m.name = entity.name
        entities.append(entity)
    order = {t: i for i, t in enumerate(TYPES)}
    article.entities = sorted(entities, key=lambda e: (order[e.type], e.name))
    return article


def _entity_from(cluster: list[Mention]) -> ArticleEntity:
    """Preferred name: the quoted core for initiatives and groups' canonical
    names; otherwise the fullest (longest) form, abbreviations expanded."""
    type_name = cluster[0].type
    names = [m.name for m in cluster]
    if type_name in ("Initiative", "Group", "Person"):
        name = min(names, key=lambda n: (len(n) if type_name != "Group" else -len(n), n))
        if type_name == "Initiative":
            name = min(names, key=lambda n: (-names.count(n), len(n), n))
    else:
        name = max(names, key=lambda n: (len(n), n))
    surfaces = {_QUOTE_MARKS.sub("", x) for m in cluster for x in (m.text, m.name)}
    key = _canonical(name)
    aliases = sorted({s for s in surfaces if _canonical(s) != key and s})
    alt = sorted({t for m in cluster for t in m.alt_types} - {type_name})
    code = next((m.code for m in cluster if m.code), None)
    return ArticleEntity(name=name, type=type_name, aliases=aliases, alt_types=alt, mentions=list(cluster),
                         code=code)


def drop_unserved_groups(article: Article) -> Article:
    """Pipeline component (after relations): keep a population only when the
    article says something serves it or gives to it.

    A group is by definition a population that initiatives serve; one named in
    passing (居民, 老人 in a description) is not part of the graph.

    >>> art = Article(page="p", index=0, title="t", entities=[ArticleEntity("困境儿童", "Group")])
    >>> drop_unserved_groups(art).entities
    []
    """
    served = {r.object for r in article.relations if r.predicate in ("serves", "donatedTo")}
    dropped = {e.name for e in article.entities if e.type == "Group" and e.name not in served}
    article.entities = [e for e in article.entities if e.name not in dropped or e.type != "Group"]
    article.mentions = [m for m in article.mentions if not (m.type == "Group" and m.name in dropped)]
    return article
