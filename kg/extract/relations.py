"""Find relations sentence by sentence, each with its evidence sentence.

Rules are clause-level patterns over the mentions of one sentence and the
cue words of ``kg/resources/triggers.tsv``:

* locatedIn: administrative chains (苏州市姑苏区某街道 → two edges), paired
  names ``A(B)``, an organization named after its place (某社区党委), 设在/位于,
  在 P 开设 X;
* organized: agent … cue (开展, 打造, 成立 …) … initiative, including the
  partners of 联合/携手 and 由 X 主办的 Y;
* operatedBy: 由 X … 运营/承办;
* donatedTo: giver … 捐赠 … N元 … receiver;
* partneredWith: A 联合/携手/与 B 共建;
* memberOf: a post or team printed before a person's name, 是 X 的 成员;
* participatedIn: agent … 参加/参与/参赛 … initiative;
* serves: initiative (or organization) … 为/针对/关爱 … group.

>>> from kg.document import Article
>>> from kg.pipeline import default_pipeline
>>> art = default_pipeline()(Article(page="p", index=0, title="t",
...     paragraphs=["松鹤社区党委联合青苗物业开展“清凉一夏”主题活动,为新就业群体送上饮料。"]))
>>> sorted((r.subject, r.predicate, r.object) for r in art.relations)  # doctest: +NORMALIZE_WHITESPACE
[('松鹤社区党委', 'donatedTo', '新业态新就业群体'), ('松鹤社区党委', 'locatedIn', '松鹤社区'),
 ('松鹤社区党委', 'organized', '清凉一夏'), ('松鹤社区党委', 'partneredWith', '青苗物业'),
 ('清凉一夏', 'serves', '新业态新就业群体'), ('青苗物业', 'organized', '清凉一夏')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.document import Article, Mention, Relation, Sentence
from kg.extract.gazetteer import Gazetteer, load

_PLACE_RANK = {"City": 0, "District": 1, "Subdistrict": 2, "Community": 3, "Neighborhood": 4}
_AGENT_TYPES = ("Organization", "Person", "City", "District", "Subdistrict", "Community")
_PARTNER_TYPES = ("Organization", "Community", "Subdistrict", "District")
_CONNECTORS = ("、", "和", "与", "及", "以及", "同", ",")
# Words that stand for the article's own place when used as a subject (街道打造了…).
_GENERIC_ACTORS = {"街道": "Subdistrict", "镇": "Subdistrict", "社区": "Community", "村": "Community"}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?元")
_CREATES_ORGS = ("成立", "组建", "设立")
_CLAUSE_END = re.compile("[,，;；。]")


class _Collector:
    """Relations of one article, deduplicated, first evidence kept."""

    def __init__(self, article: Article):
        self.article = article
        self.seen: dict[tuple[str, str, str], Relation] = {}

    def add(self, s: Mention | str, p: str, o: Mention | str, sent: Sentence, source: str,
            amount: float | None = None, role: str | None = None) -> None:
        sname = s if isinstance(s, str) else s.name
        oname = o if isinstance(o, str) else o.name
        if not sname or not oname or sname == oname:
            return
        key = (sname, p, oname)
        if p == "partneredWith" and (oname, p, sname) in self.seen:
            return
        if key in self.seen:
            rel = self.seen[key]
            rel.amount_yuan = rel.amount_yuan if rel.amount_yuan is not None else amount
            rel.role = rel.role or role
            return
        self.seen[key] = Relation(sname, p, oname, sentence=sent.index, evidence=sent.text,
                                  amount_yuan=amount, role=role, source=source)

    def relations(self) -> list[Relation]:
        return list(self.seen.values())


def _cue_positions(text: str, cues: tuple[str, ...], start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, cue) of every cue occurrence, longest cue first at a position."""
    if not cues:
        return []
    pattern = _cue_pattern(tuple(cues))
    return [(m.start() + start, m.end() + start, m.group()) for m in pattern.finditer(text)]


# --- speed: compiled patterns cached (pure functions of their arguments) ---

@lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """The alternation of ``cues``, longest first (compiled once per cue list)."""
    return re.compile("|".join(re.escape(c) for c in sorted(cues, key=lambda c: (-len(c), c))))


@lru_cache(maxsize=8)
def _roles_alternation(roles: tuple[str, ...]) -> str:
    """``roles`` escaped and joined, longest first (built once per role list)."""
    return "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))


@lru_cache(maxsize=8)
def _copula_pattern(roles: tuple[str, ...]) -> re.Pattern:
    """某某是 X 的 <role> (compiled once per role list)."""
    return re.compile(rf"是([^,，。;；]{{2,20}}?)的({_roles_alternation(roles)})")


def _outside(mentions: list[Mention], pos: int) -> bool:
    return not any(m.start <= pos < m.end for m in mentions)


def _default_actor(article: Article, word: str) -> Mention | None:
    """The article's own subdistrict or community, for a bare 街道/社区 subject."""
    type_name = _GENERIC_ACTORS[word]
    for m in article.mentions:
        if m.type == type_name and m.start >= 0 and (word not in ("镇", "村") or m.name.endswith(word)):
            return m
    return None


def _top(ms: list[Mention]) -> list[Mention]:
    """Mentions not nested inside a longer one (the place inside 某社区党委 is not
    an actor of the sentence).

    One sweep instead of comparing every pair (this runs many times per
    sentence): in (start, -end) order, a span lies inside a longer one exactly
    when a different span sorted before it reaches as far.

    >>> [m.text for m in _top([Mention("某社区", "Community", 0, 3), Mention("某社区党委", "Organization", 0, 5)])]
    ['某社区党委']
    """
    nested = set()
    reach = float("-inf")
    for start, neg_end in sorted({(m.start, -m.end) for m in ms}):
        if reach >= -neg_end:
            nested.add((start, -neg_end))
        else:
            reach = -neg_end
    return [m for m in ms if (m.start, m.end) not in nested]


def protagonist(article: Article) -> Mention | None:
    """The actor the article is about: the first place or organization of the
    headline, else of the first body sentence."""
    for index in (0, 1):
        ms = _top([m for m in article.mentions if m.sentence == index and m.start >= 0])
        agents = [m for m in ms if m.type in _PARTNER_TYPES]
        if agents:
            return _innermost(agents[0], agents)
    return None


def _innermost(first: Mention, agents: list[Mention]) -> Mention:
    """The last place of a printed chain (苏州市姑苏区某街道 → 某街道)."""
    return _chain_end(first, agents, places_only=True)


def _chain_end(first: Mention, mentions: list[Mention], places_only: bool = False) -> Mention:
    """Follow mentions printed back to back from ``first`` to the last one
    (浙江省某市某县某镇某村党支部 → 某村党支部); with ``places_only``, only
    places are followed and only from places."""
    current = first
    for m in mentions:
        if m.start == current.end and (not places_only or
                                       (m.type in _PLACE_RANK and current.type in _PLACE_RANK)):
            current = m
    return current


def _clause_start(text: str, sent: Sentence, pos: int) -> int:
    cut = max((text.rfind(p, sent.start, pos) for p in ",，;；:："), default=-1)
    return max(sent.start, cut + 1)


def _subject_before(article: Article, ms: list[Mention], sent: Sentence, pos: int,
                    types=_AGENT_TYPES, fallback: bool = True) -> Mention | None:
    """Who does what the cue at ``pos`` says: the nearest agent in the same
    clause; a bare 街道/社区 there standing for the article's own place; the
    first agent earlier in the sentence; a bare 街道/社区 earlier in it; and
    for a sentence without any, the article's protagonist."""
    text = article.text
    top = [m for m in _top(ms) if m.type in types and m.start >= 0 and m.end <= pos]
    # 在某某(的指导下/开设): a setting, not an actor.
    top = [m for m in top if text[max(sent.start, m.start - 1):m.start] != "在"]
    cstart = _clause_start(text, sent, pos)
    in_clause = [m for m in top if m.start >= cstart]
    if in_clause:
        return in_clause[-1]
    generic = _generic_actor(article, text[cstart:pos])
    if generic is not None:
        return generic
    if top:
        # The sentence's subject: its first agent, followed along a printed
        # chain (浙江省某市某县某镇某村党支部 → 某村党支部).
        return _chain_end(top[0], top)
    generic = _generic_actor(article, text[sent.start:cstart])
    if generic is not None:
        return generic
    if not fallback or sent.index == 0:
        return None
    # A sentence without a subject continues the one before it in its
    # paragraph (…建成某馆。截至目前,已开展“某某”活动).
    prev = article.sentences[sent.index - 1] if sent.index > 1 else None
    if prev is not None and "\n" not in text[prev.end : sent.start]:
        before = [m for m in _top([m for m in article.mentions if m.sentence == prev.index])
                  if m.type in types and m.start >= 0]
        cues = load().triggers["organized"]
        # Only the previous sentence's subject: an agent before any of its verbs.
        if before and not any(c in text[prev.start : before[0].start] for c in cues):
            return _chain_end(before[0], before)
    return protagonist(article)


def _generic_actor(article: Article, span: str) -> Mention | None:
    """The article's own place for the last bare 街道/社区/镇/村 in ``span``."""
    best, best_pos = None, -1
    for word in _GENERIC_ACTORS:
        pos = span.rfind(word)
        if pos > best_pos:
            actor = _default_actor(article, word)
            if actor is not None:
                best, best_pos = actor, pos
    return best


def _located_chains(c: _Collector, ms: list[Mention], sent: Sentence, text: str) -> None:
    """苏州市姑苏区某街道 and 某区(某街道)某社区: each place in the one before it."""
    places = [m for m in ms if m.type in _PLACE_RANK]
    by_end = {}
    for m in places:
        by_end.setdefault(m.end, m)
    for m in places:
        outer = by_end.get(m.start)
        if outer is None and text[m.start - 1 : m.start] in "(（" and m.start >= 1:
            outer = by_end.get(m.start - 1)  # A(B): B is inside A
        if outer is None and text[m.start - 1 : m.start] in ")）":
            inner = by_end.get(m.start - 1)  # A(B)C: C is inside B
            outer = inner
        if outer is not None and _PLACE_RANK[outer.type] <= _PLACE_RANK[m.type] and outer.name != m.name:
            if _PLACE_RANK[outer.type] < _PLACE_RANK[m.type] or m.type == "District":
                c.add(m, "locatedIn", outer, sent, "chain")


def _located_adjacent(c: _Collector, ms: list[Mention], sent: Sentence) -> None:
    """A programme printed right after a place is in it (某村“某某工坊”)."""
    places = {m.end: m for m in ms if m.type in ("Community", "Subdistrict", "Neighborhood")}
    for m in ms:
        team = "Organization" in m.alt_types and not _is_facility(m.text.rstrip("”\""), load())
        if m.type == "Initiative" and m.start in places and not team:
            c.add(m, "locatedIn", places[m.start], sent, "adjacent")  # not 某社区“某某导师”某某


def _located_prefix(c: _Collector, ms: list[Mention], sent: Sentence) -> None:
    """An organization whose name starts with a place is in that place."""
    places = [m for m in ms if m.type in _PLACE_RANK]
    for org in (m for m in ms if m.type == "Organization"):
        inside = [p for p in places if org.start <= p.start and p.end < org.end]
        if inside:
            innermost = max(inside, key=lambda p: (p.end, _PLACE_RANK[p.type]))
            c.add(org, "locatedIn", innermost, sent, "name-prefix")


def _located_cues(c: _Collector, article: Article, ms: list[Mention], sent: Sentence, g: Gazetteer) -> None:
    """X设在/位于 P; 在 P 开设/打造 X; P(辖区)的 X."""
    text = article.text
    for s, e, cue in _cue_positions(sent.text, ("设在", "位于", "坐落于", "落户"), sent.start):
        subj = [m for m in ms if m.end <= s and m.type in ("Initiative", "Organization", "Neighborhood")]
        obj = [m for m in ms if m.start >= e and m.type in _PLACE_RANK or
               (m.start >= e and m.type == "Organization")]
        if subj and obj:
            c.add(subj[-1], "locatedIn", obj[0], sent, "cue")
    organize = g.triggers["organized"]
    for m in _top(ms):
        if m.type not in _PLACE_RANK and m.type != "Organization":
            continue
        if text[m.start - 1 : m.start] != "在" or m.start < 1:
            continue
        for x in (x for x in ms if x.start >= m.end and x.type == "Initiative"):
            seg = text[m.end : x.start]
            if any(cue in seg for cue in organize) and not re.search(r"[,，;；]", seg):
                c.add(x, "locatedIn", m, sent, "at-place")
            break
    for m in ms:
        if m.type not in ("Neighborhood", "Initiative", "Organization"):
            continue
        for p in ms:
            if p.type in ("Community", "Subdistrict") and p.end <= m.start:
                seg = text[p.end : m.start]
                if seg in ("的", "辖区的", "辖区内的", "内的"):
                    c.add(m, "locatedIn", p, sent, "possessive")


def _agents_in_partnership(article: Article, ms: list[Mention], sent: Sentence, cue_start: int,
                           cue_end: int) -> tuple[Mention | None, list[Mention]]:
    """A 联合 B、C (or A 与 B 联合): the lead and its partners."""
    text = article.text
    lead = _subject_before(article, ms, sent, cue_start, _PARTNER_TYPES)
    partners: list[Mention] = []
    # A与B联合: the partner stands between the lead and the cue.
    if lead is not None:
        prev = [m for m in _top(ms) if m.end <= lead.start and m.type in _PARTNER_TYPES]
        between = text[lead.end:cue_start]
        if prev and text[prev[-1].end : lead.start] in ("与", "和", "同") and len(between) <= 6 \
                and not re.search(r"[,，;；。]", between):
            return prev[-1], [lead]  # 甲与乙(签订)共建
    if lead is not None:
        listed = _with_list(lead, ms, text)
        if len(listed) > 1 and text[lead.end:cue_start].strip() in ("", "共同"):
            return listed[0], listed[1:]  # 甲、乙、丙联合开展
    pos = cue_end
    after = [m for m in _top(ms) if m.start >= cue_end and m.type in _PARTNER_TYPES]
    by_start = {m.start: m for m in _top(ms)}
    for m in after:
        if m.start < pos:
            continue  # already taken as part of a printed chain
        gap = text[pos : m.start]
        if gap not in ("",) + _CONNECTORS[:-1]:
            break
        # 联合北京市某区某养老院: the partner is the body at the end of the chain.
        while m.type in _PLACE_RANK and m.end in by_start:
            m = by_start[m.end]
        partners.append(m)
        pos = m.end
    return lead, partners


def find_relations(article: Article) -> Article:
    """Pipeline component: fill ``article.relations``."""
    g = load()
    c = _Collector(article)
    text = article.text
    body_mentions = [m for m in article.mentions if m.start >= 0]
    for sent in article.sentences:
        ms = sorted((m for m in body_mentions if m.sentence == sent.index), key=lambda m: (m.start, -m.end))
        if not ms:
            continue
        _located_chains(c, ms, sent, text)
        _located_prefix(c, ms, sent)
        if sent.index > 0:
            _located_adjacent(c, ms, sent)
        _located_cues(c, article, ms, sent, g)
        partners_of: dict[int, list[Mention]] = {}
        # Partnerships first: their members share the organizing that follows.
        for s, e, cue in _cue_positions(sent.text, g.triggers["partneredWith"], sent.start):
            if not _outside(ms, s):
                continue
            lead, partners = _agents_in_partnership(article, ms, sent, s, e)
            if lead is None:
                continue
            for p in partners:
                c.add(lead, "partneredWith", p, sent, "partner")
            # Everyone in 甲联合乙、丙 shares what the clause says they do next.
            team = [lead] + partners
            for member in team:
                partners_of[id(member)] = [t for t in team if t is not member]
        if sent.index == 0:
            _title_organizer(c, article, ms, sent)
        _organized(c, article, ms, sent, g, partners_of)
        _operated(c, ms, sent, g, main_initiative(article))
        _donations(c, article, ms, sent, g)
        _participation(c, article, ms, sent, g)
        _drawn_in(c, article, ms, sent, g)
        _serves(c, ms, sent, g, article)
        _membership(c, article, ms, sent, g)
    _containment_fallbacks(c, article, g)
    article.relations = c.relations()
    return article


def _is_facility(name: str, g: Gazetteer) -> bool:
    """A place-like programme (某某工作站, 某某党史馆, 某某空间)."""
    return any(name.endswith(h) for h, spec in g.initiative_heads.items() if spec.facility)


def _containment_fallbacks(c: _Collector, article: Article, g: Gazetteer) -> None:
    """Containment the article implies rather than prints:

    * a list after a chained place shares its parent (某镇甲村、乙村);
    * a community with no stated parent lies in the article's only subdistrict;
    * a compound, a facility, or a body named 社区… with no stated place lies
      in the article's only community (or, lacking one, its only subdistrict).
    """
    text = article.text
    parent: dict[str, str] = {}
    for r in c.relations():
        if r.predicate == "locatedIn":
            parent.setdefault(r.subject, r.object)
    body = [m for m in article.mentions if m.start >= 0]
    sents = {s.index: s for s in article.sentences}
    # 某镇甲村、乙村、丙村
    for i, m in enumerate(body):
        if m.name not in parent or m.type not in _PLACE_RANK:
            continue
        pos = m.end
        for nxt in body[i + 1:]:
            if nxt.type != m.type or text[pos:nxt.start] not in ("、", "和", "及", "与"):
                if nxt.start >= pos and nxt.type in _PLACE_RANK:
                    break
                continue
            if nxt.name not in parent:
                c.add(nxt, "locatedIn", parent[m.name], sents[nxt.sentence], "list")
                parent[nxt.name] = parent[m.name]
            pos = nxt.end
    by_type: dict[str, list[str]] = {}
    for e in article.entities:
        by_type.setdefault(e.type, []).append(e.name)
    only = {t: names[0] for t, names in by_type.items() if len(names) == 1}

    first_mention: dict[str, Mention] = {}  # name → its first mention in the body
    for m in body:
        first_mention.setdefault(m.name, m)

    for e in article.entities:
        if e.name in parent:
            continue
        target = None
        if e.type == "Community":
            target = only.get("Subdistrict")
        elif e.type == "Initiative" and _is_facility(e.name, g):
            target = only.get("Community")  # a facility sits in a community, not "in the 街道"
        elif e.type == "Neighborhood" or (e.type == "Organization" and e.name.startswith("社区")):
            target = only.get("Community") or (only.get("Subdistrict") if "Community" not in by_type else None)
            if target is None and e.type == "Neighborhood" and not ({"Community", "Subdistrict"} & set(by_type)):
                target = only.get("District")
        m = first_mention.get(e.name)
        if target and m is not None and target != e.name:
            c.add(m, "locatedIn", target, sents.get(m.sentence, article.sentences[0]), "implied")


def _title_organizer(c: _Collector, article: Article, ms, sent) -> None:
    """A headline names its actor and its programme: 某街道“某某”启用."""
    top = _top(ms)
    agents = [m for m in top if m.type in _PARTNER_TYPES]
    if not agents:
        return
    actor = _innermost(agents[0], agents)
    for m in top:
        if m.type == "Initiative" and m.start > actor.start:
            c.add(actor, "organized", m, sent, "title")


def _with_list(subj: Mention, ms: list[Mention], text: str) -> list[Mention]:
    """The subject and the agents listed before it (甲村、乙村组织开展…).

    Only agents of the same kind (places with places, bodies with bodies)
    joined by 、/和/与/及 count.
    """
    team = [subj]
    place = subj.type in _PLACE_RANK
    top = _top(ms)
    while True:
        head = team[0]
        prev = [m for m in top if m.end <= head.start and m.type in _PARTNER_TYPES
                and (m.type in _PLACE_RANK) == place]
        if not prev or text[prev[-1].end : head.start] not in ("、", "和", "与", "及", "以及"):
            return team
        team.insert(0, prev[-1])


def _organized(c: _Collector, article: Article, ms, sent, g, partners_of) -> None:
    cues = _cue_positions(sent.text, g.triggers["organized"], sent.start)
    cues = [x for x in cues if _outside(ms, x[0])]
    for i, (s, e, cue) in enumerate(cues):
        nxt = cues[i + 1][0] if i + 1 < len(cues) else sent.end
        objects = [m for m in ms if e <= m.start < nxt and (
            m.type == "Initiative" or (m.type == "Organization" and cue in _CREATES_ORGS))]
        if not objects:
            _organized_passive(c, article, ms, sent, s, cue)
            continue
        # 由 X 主办: the agent is the one after 由.
        you = article.text.rfind("由", sent.start, s)
        subj = None
        if you >= 0:
            after_you = [m for m in ms if m.start >= you + 1 and m.end <= s and m.type in _AGENT_TYPES]
            if after_you:
                subj = after_you[0]
        if subj is None:
            subj = _subject_before(article, ms, sent, s)
        if subj is None:
            continue
        agents = [subj] + [p for p in partners_of.get(id(subj), [])]
        if len(agents) == 1:
            agents = _with_list(subj, ms, article.text)
        for obj in objects:
            for a in agents:
                c.add(a, "organized", obj, sent, f"organized:{cue}")


def _organized_passive(c: _Collector, article: Article, ms, sent, s: int, cue: str) -> None:
    """“某某”项目由某单位发起: the programme before 由, the agent after it."""
    text = article.text
    you = text.rfind("由", sent.start, s)
    if you < 0 or re.search(r"[,，;；]", text[you:s]):
        return
    inits = [m for m in _top(ms) if m.type == "Initiative" and m.end <= you]
    if not inits and _refers_to_programme(text[sent.start:you]):
        inits = [x for x in [main_initiative(article)] if x is not None]  # 本次活动由某某主办
    agents = [m for m in _top(ms) if m.type in _AGENT_TYPES and you < m.start and m.end <= s]
    if inits and agents:
        c.add(agents[0], "organized", inits[-1], sent, f"organized-passive:{cue}")


def _operated(c: _Collector, ms, sent, g, main: Mention | None = None) -> None:
    text = sent.text
    for s, e, cue in _cue_positions(text, g.triggers["operatedBy"], sent.start):
        you = text.rfind("由", 0, s - sent.start)
        if you < 0:
            continue
        # The operator is the body nearest the verb, in the verb's own clause
        # (由甲主办、乙承办: 乙; 由甲主办,乙承办: 乙, never 甲).
        cut = max(sent.start + you, max((sent.start + i for i, ch in enumerate(text[: s - sent.start])
                                         if ch in ",，;；"), default=sent.start))
        ops = [m for m in _top(ms) if cut < m.start and m.end <= s and m.type == "Organization"]
        inits = [m for m in ms if m.end <= sent.start + you and m.type == "Initiative"]
        if not inits:
            inits = [m for m in ms if m.start >= e and m.type == "Initiative"][:1]  # …承办的“某某”
        if not inits and main is not None:
            inits = [main]  # 该项目由某某运营: the article's own programme
        if ops and inits:
            c.add(inits[-1], "operatedBy", ops[-1], sent, "operated")


def _donations(c: _Collector, article: Article, ms, sent, g) -> None:
    cues = [x for x in _cue_positions(sent.text, g.triggers["donatedTo"], sent.start) if _outside(ms, x[0])]
    cue_starts = [x[0] for x in cues]
    givers = ("Organization", "Person", "Initiative", "Community", "Subdistrict")
    for s, e, cue in cues:
        giver = _subject_before(article, ms, sent, s, givers + ("Group",), fallback=False)
        if giver is None:
            continue
        # 甲向乙捐赠 / 甲为乙送去: the receiver stands before the verb.
        early = None
        if re.search(r"(向|为|给)(辖区|社区|村里|本地)?([\u4e00-\u9fff]{0,3}的)?$",
                     article.text[sent.start : giver.start]):
            early = giver
            giver = _subject_before(article, ms, sent, giver.start - 1, givers, fallback=False)
            if giver is None:
                continue
        elif giver.type == "Group":
            continue
        stop = _CLAUSE_END.search(article.text, e, sent.end)
        clause_end = stop.start() if stop else sent.end
        amount = None
        am = _AMOUNT.search(article.text, e, clause_end)
        if am:
            amount = float(am.group(1)) * (10000 if am.group(2) else 1)
        receivers = [early] if early is not None else []
        for m in ([] if early is not None else ms):
            if m.start < e or m.type not in ("Initiative", "Organization", "Group", "Person"):
                continue
            # Skip the next giver: a mention right before another donation cue.
            if any(0 <= cs - m.end <= 2 for cs in cue_starts if cs > s):
                continue
            receivers.append(m)
            break
        if not receivers and amount is not None and main_initiative(article) is not None:
            receivers = [main_initiative(article)]  # 某单位捐赠2万元: to the article's programme
        for r in receivers:
            c.add(giver, "donatedTo", r, sent, f"donated:{cue}", amount=amount)


def _participation(c: _Collector, article: Article, ms, sent, g) -> None:
    for s, e, cue in _cue_positions(sent.text, g.triggers["participatedIn"], sent.start):
        if not _outside(ms, s):
            continue
        # Taking part is said of the clause's own subject only (某某也参与了比赛).
        cstart = _clause_start(article.text, sent, s)
        subjects = [m for m in _top(ms) if m.type in ("Person", "Organization") and cstart <= m.start
                    and m.end <= s]
        if not subjects:
            continue
        subj = subjects[-1]
        after = [m for m in ms if m.start >= e and m.type == "Initiative"]
        before = [m for m in ms if m.end <= subj.start and m.type == "Initiative"]
        obj = after[0] if after else (before[-1] if before else main_initiative(article))
        if obj is not None:
            c.add(subj, "participatedIn", obj, sent, f"participated:{cue}")


def _drawn_in(c: _Collector, article: Article, ms, sent, g) -> None:
    """Organizations a programme draws in take part in it: 打造X,发挥甲、乙等
    多方力量 (mobilizes); 邀请甲 (invites) to the programme of this sentence or
    of the heading just before it."""
    top = None
    for family in ("mobilizes", "invites"):
        for s, e, cue in _cue_positions(sent.text, g.triggers.get(family, ()), sent.start):
            top = _top(ms) if top is None else top  # only for a sentence with such a cue
            orgs = [m for m in top if m.start >= e and m.type == "Organization"]
            orgs = [m for m in orgs if not re.search(r"[,，;；。]", article.text[e:m.start])]
            if not orgs:
                continue
            target = [m for m in top if m.type == "Initiative" and m.end <= s]
            if family == "invites" and not target:
                prev = [m for m in article.mentions if m.sentence == sent.index - 1 and m.type == "Initiative"]
                target = prev[-1:]
            if not target:
                continue
            for org in orgs:
                c.add(org, "participatedIn", target[-1], sent, f"{family}:{cue}")


_PROGRAMME_WORDS = ("活动", "项目", "计划", "行动", "工程", "平台", "驿站", "站点", "课堂", "基金")


def _refers_to_programme(span: str, article: Article | None = None) -> bool:
    """Whether a clause opens by pointing at the article's programme: 本次活动,
    该项目, or the last characters of its name (驿站 for 某某驿站).

    >>> _refers_to_programme("本次活动"), _refers_to_programme("居民")
    (True, False)
    """
    span = span.strip()
    if re.match(r"^(本次|此次|该|这个|这一|此)?(" + "|".join(_PROGRAMME_WORDS) + ")", span):
        return True
    main = main_initiative(article) if article is not None else None
    return bool(main and len(main.name) >= 3 and span.startswith(main.name[-2:]))


def main_initiative(article: Article) -> Mention | None:
    """The programme the article is about: the first one its headline or
    first sentence names."""
    for index in (0, 1):
        for m in article.mentions:
            if m.sentence == index and m.type == "Initiative":
                return m
    return None


def _serves(c: _Collector, ms, sent, g, article: Article | None = None) -> None:
    groups = [m for m in ms if m.type == "Group"]
    if not groups:
        return
    if not any(cue in sent.text for cue in g.triggers["serves"] + ("提供", "送上", "送去")):
        return
    text = sent.text
    # A programme used as a means (依托某某, 利用某某) is not the one that serves.
    inits = [m for m in _top(ms) if m.type == "Initiative" and not re.search(
        r"(依托|利用|借助|通过|围绕|依靠)[^,，;；]*$", text[: m.start - sent.start])]
    if not inits and article is not None and _refers_to_programme(text, article) \
            and not any(m.type == "Organization" for m in ms):
        inits = [x for x in [main_initiative(article)] if x is not None]  # 驿站…为老人提供服务
    for grp in groups:
        if inits:
            for subj in inits:
                c.add(subj, "serves", grp, sent, "serves")
            continue
        orgs = [m for m in _top(ms) if m.type == "Organization" and m.end <= grp.start]
        if orgs:
            c.add(orgs[0], "serves", grp, sent, "serves")


def _membership(c: _Collector, article: Article, ms, sent, g) -> None:
    text = article.text
    for p in (m for m in ms if m.type == "Person"):
        if p.role:
            kind = g.roles.get(p.role, "")
            if kind == "resident":
                continue
            role_start = article.text.rfind(p.role, 0, p.start)  # 党委书记、居委会主任某某
            org = None
            for m in ms:
                if m.type in ("Organization", "Community", "Initiative") and \
                        role_start - 1 <= m.end <= p.start and m.start < role_start:
                    if org is None or m.end > org.end:
                        org = m  # 某社区党委|书记 beats 某社区
            role = p.role
            if org is None and p.role.startswith(("社区", "村", "居委会", "村委会")):
                org = _default_actor(article, "社区")
            if org is None:
                # 镇党委书记某某, 街道党工委副书记某某: the article's own township or community.
                for word in ("街道", "社区", "镇", "村"):
                    if text[max(0, role_start - len(word)) : role_start] == word:
                        org = _default_actor(article, word)
                        # 街道党工委书记: the place's own party body when the article names it.
                        party = role.replace("副书记", "").replace("书记", "")
                        body = [m for m in article.mentions if m.type == "Organization" and org is not None
                                and party and m.name == org.name + party]
                        org = body[0] if body else org
                        break
            if org is None:
                continue
            c.add(p, "memberOf", org, sent, "post", role=role if kind == "post" else None)
            if org.type == "Community" and "书记" in role:
                party = [m for m in article.mentions if m.type == "Organization" and
                         m.name.startswith(org.name) and m.name[len(org.name):] in ("党委", "党总支", "党支部")]
                if party:
                    c.add(p, "memberOf", party[0], sent, "post", role=role)
        elif p.source == "after-team":
            teams = [m for m in ms if m.type in ("Initiative", "Organization") and 0 <= p.start - m.end <= 1]
            if teams:
                c.add(p, "memberOf", teams[-1], sent, "team")
    # 某某是 X 的 Y; 也是 X 的成员
    for m in _copula_pattern(tuple(g.roles)).finditer(sent.text):
        s = sent.start + m.start(1)
        e = sent.start + m.end(1)
        orgs = [x for x in ms if x.start >= s and x.end == e and x.type in ("Organization", "Community")]
        persons = [x for x in ms if x.type == "Person" and x.end <= s]
        if orgs and persons:
            role = m.group(2)
            c.add(persons[-1], "memberOf", orgs[0], sent, "copula", role=role)
