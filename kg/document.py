"""The objects that flow through the pipeline.

read pages → :class:`Page` with :class:`Article` s → each article gets
:class:`Sentence` s, :class:`Mention` s and :class:`Relation` s → resolution
turns mentions into corpus-wide :class:`Entity` s → graph → exports.

Every stage reads and fills these plain dataclasses; none of them holds
behaviour beyond small conveniences, so any stage can be tested on a
hand-made article.

>>> art = Article(page="p", index=0, title="标题", paragraphs=["第一段。"])
>>> art.body
'第一段。'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Sentence:
    """One sentence of an article; ``start``/``end`` index ``Article.text``
    (sentence 0 is the title)."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A typed span of an article's body (or title) that names an entity.

    ``name`` is the mention's canonical surface (quotes removed, forms of
    address such as 阿姨 stripped); ``start``/``end`` index ``Article.text``
    (``-1`` for mentions that come from the bylines).
    """

    text: str
    type: str
    start: int
    end: int
    sentence: int = -1
    name: str = ""
    alt_types: tuple[str, ...] = ()
    source: str = ""  # which rule found it, for debugging and --errors
    code: str | None = None  # official division code, for places the table knows
    role: str | None = None  # a post printed before a person's name (党委书记)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.text


@dataclass(slots=True)
class Relation:
    """A typed edge between two entity names of one article, with its evidence."""

    subject: str
    predicate: str
    object: str
    sentence: int = -1
    evidence: str = ""
    amount_yuan: float | None = None
    role: str | None = None
    source: str = ""

    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


@dataclass(slots=True)
class ArticleEntity:
    """An entity as one article knows it: fullest name, other surface forms, type."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    alt_types: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    code: str | None = None  # official division code, from the first mention that has one


@dataclass(slots=True)
class Article:
    """One news article cut out of a page."""

    page: str  # page file stem
    index: int  # position on the page, 0-based
    title: str
    paragraphs: list[str] = field(default_factory=list)
    alt_titles: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # photo credits, e.g. 某某供图
    duplicate_of: str | None = None  # "page#index" of an earlier identical article
    status: str = "kept"
    reason: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[ArticleEntity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def text(self) -> str:
        """The text extraction reads: the title line, then the body.

        Sentence and mention offsets index this string, so a programme named
        only in the headline is still found.
        """
        return self.title + "\n" + self.body

    @property
    def id(self) -> str:
        return f"{self.page}#{self.index}"

    def mark_error(self, reason: str) -> None:
        """Take the article out of the graph (it stays in the report, with
        ``reason``), dropping whatever extraction it had.

        >>> a = Article(page="p", index=0, title="t", relations=[Relation("甲", "serves", "乙")])
        >>> a.mark_error("boom"); a.status, a.reason, a.relations
        ('error', 'boom', [])
        """
        self.status, self.reason = "error", reason
        self.sentences, self.mentions, self.entities, self.relations = [], [], [], []

    def sentence_text(self, index: int) -> str:
        if 0 <= index < len(self.sentences):
            return self.sentences[index].text
        return ""


@dataclass(slots=True)
class Page:
    """One input file: its decoded text and the articles found in it."""

    path: str
    stem: str
    text: str = ""
    encoding: str = ""
    articles: list[Article] = field(default_factory=list)
    status: str = "kept"  # kept | skipped | error
    reason: str = ""
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)

    def compact(self) -> None:
        """Drop what only extraction reads (the page text, every mention) and
        keep what the corpus stages use: a page of the build then takes
        about a quarter less memory.

        >>> m = Mention(text="银杏社区", type="Community", start=0, end=4)
        >>> p = Page(path="p.txt", stem="p", text="银杏社区", articles=[Article(page="p", index=0,
        ...          title="t", mentions=[m], entities=[ArticleEntity("银杏社区", "Community", mentions=[m])])])
        >>> p.compact(); p.text, p.articles[0].mentions, p.articles[0].entities[0].mentions
        ('', [], [])
        """
        self.text = ""
        for art in self.articles:
            art.mentions = []
            for ent in art.entities:
                ent.mentions = []

    def release_contents(self) -> None:
        """Drop every article's text and extraction (kept: ids, titles,
        bylines, statuses): once the per-page outputs and the report are
        written, the graph holds all the later outputs read.

        >>> p = Page(path="p.txt", stem="p", articles=[Article(page="p", index=0, title="t", paragraphs=["x"])])
        >>> p.release_contents(); p.articles[0].paragraphs, p.articles[0].title
        ([], 't')
        """
        self.compact()
        for art in self.articles:
            art.paragraphs, art.sentences, art.entities, art.relations = [], [], [], []


@dataclass(slots=True)
class Entity:
    """A corpus-wide entity: one node of the graph."""

    key: str  # stable id: "<Type>/<canonical name>"
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    alt_types: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)  # article ids
    code: str | None = None  # official division code when known
