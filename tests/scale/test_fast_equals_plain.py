"""Each speed-up returns exactly what the plain computation returns, on
crafted inputs built to hit its edge cases (invented names only)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.document import Article, ArticleEntity, Page, Relation
from kg.export import rdf
from kg.export.ontology import bind_prefixes
from kg.extract import mentions, relations
from kg.extract.entities import same_entity
from kg.extract.gazetteer import load
from kg.graph.model import add_article, add_assertion, add_entity, new_graph
from kg.read import duplicates
from kg.resolve import corpus

G = load()
STEMS = ["银杏", "银杏家", "枫林", "枫", "松鹤", "“银杏”", "ＡＢ", "银 杏", "暖心", "暖心驿"]
TAILS = ["社区", "家园社区", "花园社区", "嘉园社区", "新村社区", "苑社区", "街道", "镇", "村", "小区", "家园",
         "经开区", "经济技术开发区", "高新区", "社工站", "社会工作服务站", "项目", "服务品牌", "课堂", "",
         "党委", "一社区", "二社区"]
TYPES = ["Community", "Neighborhood", "Subdistrict", "Initiative", "District", "Organization"]
names = st.builds(lambda a, b: a + b, st.sampled_from(STEMS), st.sampled_from(TAILS))


# --- resolve: blocking finds every pair same_entity accepts ---------------

@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=2, max_size=12), st.sampled_from(TYPES))
def test_blocking_keeps_every_pair_same_entity_accepts(name_list, type_name):
    accepted = {(i, j) for i in range(len(name_list)) for j in range(i + 1, len(name_list))
                if same_entity(name_list[i], name_list[j], type_name, G)}
    assert accepted <= set(corpus.candidate_pairs(name_list, type_name, G))


def test_blocking_prunes_unrelated_names():
    pairs = corpus.candidate_pairs(["银杏社区", "枫林社区", "松鹤社区", "银杏家园社区"], "Community", G)
    assert pairs == [(0, 3)]


def _all_pairs(names_, _type, _g):
    return [(i, j) for i in range(len(names_)) for j in range(i + 1, len(names_))]


def _pages(entity_lists, parent_of):
    pages = []
    for n, ents in enumerate(entity_lists):
        rels = [Relation(name, "locatedIn", parent_of[name]) for name, _ in ents if name in parent_of]
        art = Article(page=f"p{n}", index=0, title="t", relations=rels,
                      entities=[ArticleEntity(name, t) for name, t in ents])
        pages.append(Page(path=f"p{n}.txt", stem=f"p{n}", articles=[art]))
    return pages


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.tuples(names, st.sampled_from(TYPES)), min_size=1, max_size=5),
                min_size=1, max_size=6),
       st.dictionaries(names, st.sampled_from(["枫林街道", "松鹤街道"]), max_size=4))
def test_resolve_with_blocking_equals_resolve_over_all_pairs(monkeypatch, entity_lists, parent_of):
    fast = corpus.resolve(_pages(entity_lists, parent_of))
    with monkeypatch.context() as m:
        m.setattr(corpus, "candidate_pairs", _all_pairs)
        plain = corpus.resolve(_pages(entity_lists, parent_of))
    assert fast.index == plain.index
    assert list(fast.entities) == list(plain.entities)
    assert fast.entities == plain.entities


# --- duplicates: the prefix index finds what scanning every original finds ---

def _plain_mark_duplicates(pages):
    """The algorithm before the index: compare with every earlier original."""
    originals, exact = [], {}
    stock = duplicates.stock_clauses(
        {duplicates.body_key(a): frozenset(duplicates.clauses(a)) for p in pages for a in p.articles}.values())
    for page in pages:
        for art in page.articles:
            key = duplicates.body_key(art)
            grams = frozenset(duplicates.clauses(art)) - stock
            if not key:
                continue
            first = exact.get(key)
            if first is None:
                for other_art, other, other_grams in originals:
                    if not grams or not other_grams:
                        continue
                    if min(len(key), len(other)) < 0.9 * max(len(key), len(other)):
                        continue
                    if len(grams & other_grams) / len(grams | other_grams) < 0.5:  # clauses
                        continue
                    if SequenceMatcher(None, key, other, autojunk=False).ratio() >= 0.9:
                        first = other_art
                        break
            if first is not None:
                art.duplicate_of = first.id
                continue
            exact[key] = art
            originals.append((art, key, grams))


BASES = ["银杏社区今天开展读书会,居民踊跃参加,气氛热烈,大家交流读书心得。",
         "枫林村组织村民修缮村口凉亭,并种下二十棵桂花树,村民们表示夏天乘凉更方便了。",
         "松鹤街道举办邻里节,志愿者为独居老人送上慰问品,现场还有义诊和理发服务。"]


@st.composite
def bodies(draw):
    """A base body with a few random edits (so some are near-duplicates, some not)."""
    text = list(draw(st.sampled_from(BASES)) * draw(st.integers(1, 2)))
    for _ in range(draw(st.integers(0, 12))):
        pos = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["del", "ins", "sub"]))
        ch = draw(st.sampled_from("甲乙丙丁戊己庚辛壬癸,。"))
        if op == "del" and len(text) > 2:
            del text[pos]
        elif op == "ins":
            text.insert(pos, ch)
        else:
            text[pos] = ch
    return "".join(text)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(bodies(), min_size=1, max_size=4), min_size=1, max_size=5))
def test_prefix_index_marks_the_same_duplicates_as_plain_scan(page_bodies):
    def make():
        return [Page(path=f"p{i}.txt", stem=f"p{i}",
                     articles=[Article(page=f"p{i}", index=k, title="t", paragraphs=[b])
                               for k, b in enumerate(bs)])
                for i, bs in enumerate(page_bodies)]
    fast, plain = make(), make()
    duplicates.mark_duplicates(fast)
    _plain_mark_duplicates(plain)
    assert [a.duplicate_of for p in fast for a in p.articles] == \
        [a.duplicate_of for p in plain for a in p.articles]


# --- Turtle: the memoised writer writes rdflib's bytes --------------------

hostile = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


def _graph(G_):
    g = bind_prefixes(Graph(bind_namespaces="none"))
    for t in rdf.rdf_parts(G_).default:
        g.add(t)
    for ts in rdf.rdf_parts(G_).named.values():
        for t in ts:
            g.add(t)
    return g


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(hostile, hostile, st.sampled_from(["Person", "Organization", "Community"])),
                min_size=1, max_size=5),
       st.sampled_from(["p", "page_1", "a.b", "中文页", "x(1)", "_u", "9"]))
def test_memo_turtle_equals_rdflib_turtle(pairs, stem):
    G_ = new_graph()
    add_article(G_, f"{stem}#0", page=stem, index=0, title=pairs[0][0], bylines=[pairs[0][1]])
    for a, b, kind in pairs:
        x = add_entity(G_, kind, a, article=f"{stem}#0", aliases=[b])
        y = add_entity(G_, "Initiative", b + "项目", article=f"{stem}#0")
        add_assertion(G_, x, "organized", y, article=f"{stem}#0", sentence=1, evidence=a + "\n" + b)
        add_assertion(G_, x, "donatedTo", y, article=f"{stem}#0", evidence=b, amount_yuan=12.5)
        add_assertion(G_, x, "memberOf", y, article=f"{stem}#0", evidence=b, role=a)
    g = _graph(G_)
    memo: dict = {}
    assert rdf.canonical_turtle(g, memo) == g.serialize(format="turtle")
    assert rdf.canonical_turtle(g, memo) == g.serialize(format="turtle")  # warm memo too


def test_memo_turtle_falls_back_when_a_prefix_would_be_generated():
    g = bind_prefixes(Graph(bind_namespaces="none"))
    g.add((URIRef("http://example.org/a/x"), URIRef("http://example.org/voc/p"), Literal("v")))
    assert rdf.canonical_turtle(g, {}) == g.serialize(format="turtle")
    assert "ns1:p" in rdf.canonical_turtle(g, {})


def test_write_rdf_equals_the_three_writers(tmp_path):
    G_ = new_graph()
    add_article(G_, "p#0", page="p", index=0, title="银杏社区“暖心食堂”开张", bylines=["赵小明"])
    a = add_entity(G_, "Community", "银杏社区", article="p#0")
    b = add_entity(G_, "Initiative", "暖心食堂", article="p#0")
    add_assertion(G_, a, "organized", b, article="p#0", sentence=0, evidence="银杏社区“暖心食堂”开张")
    rdf.write_rdf(G_, tmp_path / "a.ttl", tmp_path / "a.trig", tmp_path / "a.jsonld")
    assert (tmp_path / "a.ttl").read_text("utf-8") == rdf.turtle_text(G_)
    assert (tmp_path / "a.trig").read_text("utf-8") == rdf.trig_text(G_)
    assert (tmp_path / "a.jsonld").read_text("utf-8") == rdf.jsonld_text(G_)


# --- extraction caches -----------------------------------------------------

@pytest.mark.parametrize("cues", [G.triggers["organized"], G.triggers["donatedTo"], ("联合", "联合开展")])
def test_cached_cue_pattern_finds_what_a_fresh_pattern_finds(cues):
    text = "银杏社区联合枫林物业开展活动,并联合开展捐赠,为居民送上慰问品。"
    plain = re.compile("|".join(re.escape(c) for c in sorted(cues, key=lambda c: (-len(c), c))))
    assert relations._cue_positions(text, cues, 5) == \
        [(m.start() + 5, m.end() + 5, m.group()) for m in plain.finditer(text)]


@pytest.mark.parametrize("text", ["来自银杏街道", "近年来,元和", "李小明主持会议", "社区党委书记王芳说"])
@pytest.mark.parametrize("hmm", [True, False])
def test_memoised_tokens_equal_jieba_and_are_private_copies(text, hmm):
    first = mentions.tokens(text, hmm=hmm)
    assert first == mentions._tokenizer().lcut(text, HMM=hmm)
    first.append("x")  # a caller changing its list must not change the next answer
    assert mentions.tokens(text, hmm=hmm) == mentions._tokenizer().lcut(text, HMM=hmm)


def test_fast_turtle_handles_classes_several_objects_and_defers_blank_nodes():
    from rdflib import BNode
    from rdflib.namespace import RDF, RDFS, XSD

    g = bind_prefixes(Graph(bind_namespaces="none"))
    cls, x = URIRef("https://w3id.org/civic-kg/vocab#Thing"), URIRef("https://w3id.org/civic-kg/id/x/%E9%93%B6")
    g.add((cls, RDF.type, RDFS.Class))
    g.add((x, RDF.type, cls))
    for v in ("乙", "甲", 'a "quote"\nline', "3"):
        g.add((x, RDFS.label, Literal(v, lang="zh")))
    g.add((x, URIRef("https://w3id.org/civic-kg/vocab#n"), Literal("7", datatype=XSD.nonNegativeInteger)))
    g.add((x, URIRef("https://w3id.org/civic-kg/vocab#d"), Literal("2.50", datatype=XSD.decimal)))
    assert rdf._fast_turtle(g, {}) == g.serialize(format="turtle")
    g.add((BNode("b1"), RDFS.label, Literal("blank")))
    assert rdf._fast_turtle(g, {}) is None
    assert rdf.canonical_turtle(g) == g.serialize(format="turtle")
