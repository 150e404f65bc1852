"""A pipeline of small named components over one :class:`~kg.document.Article`.

Like spaCy's ``Language``: each component is a callable ``(article) -> article``
registered under a name; the pipeline runs them in order.

>>> from kg.document import Article
>>> p = Pipeline([("shout", lambda a: (a.paragraphs.append("!"), a)[1])])
>>> p(Article(page="p", index=0, title="t", paragraphs=["x"])).body
'x\\n!'
>>> p.names
['shout']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.document import Article

Component = Callable[[Article], Article]


class Pipeline:
    def __init__(self, components: Iterable[tuple[str, Component]] = ()):
        self.components: list[tuple[str, Component]] = list(components)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.components]

    def add(self, name: str, component: Component) -> None:
        self.components.append((name, component))

    def __call__(self, article: Article) -> Article:
        for _, component in self.components:
            article = component(article)
        return article


def default_pipeline() -> Pipeline:
    """The extraction pipeline used by ``kg build``."""
    from kg.extract.sentences import split_sentences
    from kg.extract.mentions import find_mentions
    from kg.extract.entities import drop_unserved_groups, group_mentions
    from kg.extract.relations import find_relations

    return Pipeline(
        [
            ("sentences", split_sentences),
            ("mentions", find_mentions),
            ("entities", group_mentions),
            ("relations", find_relations),
            ("groups", drop_unserved_groups),
        ]
    )
