"""Build the MultiDiGraph from resolved entities and per-article relations.

>>> from kg.document import Article, ArticleEntity, Page, Relation
>>> art = Article(page="p", index=0, title="银杏社区启用书屋", bylines=["李小明"],
...               entities=[ArticleEntity("银杏社区", "Community"), ArticleEntity("银杏街道", "Subdistrict")],
...               relations=[Relation("银杏社区", "locatedIn", "银杏街道", sentence=0, evidence="银杏街道银杏社区")])
>>> from kg.resolve import resolve
>>> pages = [Page(path="seeds/p.txt", stem="p", articles=[art])]
>>> G = build_graph(pages, resolve(pages))
>>> sorted(G.edges(keys=True))
[('Community/银杏社区', 'Subdistrict/银杏街道', 'locatedIn|p#0')]
>>> G.graph["articles"]["p#0"]["title"]
'银杏社区启用书屋'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import networkx as nx

from kg.document import Page
from kg.graph.model import add_article, add_assertion, new_graph

if TYPE_CHECKING:  # kg.resolve imports kg.graph.model: avoid a cycle at import time
    from kg.resolve import Resolution


def build_graph(pages: list[Page], resolution: Resolution) -> nx.MultiDiGraph:
    G = new_graph()
    for key in sorted(resolution.entities):
        e = resolution.entities[key]
        G.add_node(key, type=e.type, name=e.name, aliases=sorted(e.aliases), alt_types=sorted(e.alt_types),
                   articles=sorted(e.articles), code=e.code)
    for page in pages:
        for art in page.articles:
            if art.status != "kept":
                continue
            art_id = art.id
            add_article(G, art_id, page=page.stem, index=art.index, title=art.title,
                        alt_titles=list(art.alt_titles), bylines=list(art.bylines),
                        source=os.path.basename(page.path), duplicate_of=art.duplicate_of,
                        status=art.status)
            for r in art.relations:
                s = resolution.key_of(art_id, r.subject)
                o = resolution.key_of(art_id, r.object)
                if s is None or o is None or s == o:
                    continue
                add_assertion(G, s, r.predicate, o, article=art_id, sentence=r.sentence,
                              evidence=r.evidence, amount_yuan=r.amount_yuan, role=r.role)
    return G
