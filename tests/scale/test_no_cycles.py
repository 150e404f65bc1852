"""The build pauses the cycle collector while it reads, extracts, resolves
and builds the graph (kg.collector.paused_gc, in kg.build.build and kg.pagemap.map_pages): that is only safe while
those stages leave no reference cycles behind."""

import gc

from kg import document
from kg.build import read_pages
from kg.graph import build_graph
from kg.resolve import resolve

KG_CLASSES = tuple(v for v in vars(document).values() if isinstance(v, type) and v.__module__ == document.__name__)


def test_reading_to_graph_leaves_no_cyclic_garbage():
    # A first run imports everything; imports (pyparsing grammars) leave
    # cycles once, whose frames would hold the pages of that run.
    build_graph(pages := read_pages(["seeds"], jobs=1), resolve(pages))
    del pages
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        pages = read_pages(["seeds"], jobs=1)
        G = build_graph(pages, resolve(pages))
        del pages, G
        unreachable = gc.collect()
        kg_objects = [o for o in gc.garbage if isinstance(o, KG_CLASSES)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert kg_objects == []
    # The pages alone are hundreds of thousands of objects.
    assert unreachable < 100
