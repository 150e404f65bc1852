"""Run the extraction pipeline on crafted articles.

Every organization, programme, person and township-level place in these
tests is invented (银杏街道, 松鹤社区, 青苗公益服务社, 李小明, “暖心驿家”).
Cities and county-level districts are real public geography, because those
levels come from the official division table the extractor ships; none of
the names is taken from a seed page or gold file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kg.document import Article, Relation
from kg.pipeline import default_pipeline

_NLP = default_pipeline()


@dataclass
class Extracted:
    """What the pipeline found in one crafted article, in easy-to-assert shapes."""

    article: Article

    @property
    def entities(self) -> set[tuple[str, str]]:
        """{(name, type)} of the article's entities."""
        return {(e.name, e.type) for e in self.article.entities}

    @property
    def names(self) -> set[str]:
        return {e.name for e in self.article.entities}

    def of_type(self, type_name: str) -> set[str]:
        return {e.name for e in self.article.entities if e.type == type_name}

    def entity(self, name: str):
        return next(e for e in self.article.entities if e.name == name)

    @property
    def triples(self) -> set[tuple[str, str, str]]:
        """{(subject, predicate, object)} of the article's relations."""
        return {r.key() for r in self.article.relations}

    def with_predicate(self, predicate: str) -> set[tuple[str, str, str]]:
        return {t for t in self.triples if t[1] == predicate}

    def relation(self, s: str, p: str, o: str) -> Relation:
        return next(r for r in self.article.relations if r.key() == (s, p, o))


def run(*paragraphs: str, title: str = "标题") -> Extracted:
    """The default pipeline over one article (the neutral title 标题 names nothing)."""
    return Extracted(_NLP(Article(page="crafted", index=0, title=title, paragraphs=list(paragraphs))))


@pytest.fixture
def extract():
    """``extract("正文段落", ..., title="标题")`` → :class:`Extracted`."""
    return run
