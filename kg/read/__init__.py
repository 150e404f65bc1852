"""Reading stage: page files → decoded, cleaned text → articles.

>>> from kg.read import split_articles
>>> [a.title for a in split_articles("银杏社区开展读书会\\n居民读书。 李小明", "p")]
['银杏社区开展读书会']
"""

from kg.read.decode import decode_bytes, decode_page, normalize_text
from kg.read.duplicates import mark_duplicates
from kg.read.pages import iter_page_files, read_page
from kg.read.segment import split_articles

__all__ = [
    "read_page",
    "split_articles",
    "iter_page_files",
    "mark_duplicates",
    "decode_bytes",
    "decode_page",
    "normalize_text",
]
