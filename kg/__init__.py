"""civic-kg: Chinese local-news pages about civic initiatives → knowledge graph.

Data flow, one subpackage per stage::

    kg.read      pages (files) → Page → Articles (title, bylines, paragraphs)
    kg.extract   Article → sentences → mentions → article entities → relations
    kg.resolve   article entities → corpus-wide entities (one node per thing)
    kg.graph     entities + relations → networkx MultiDiGraph
    kg.export    graph → Turtle, TriG, ontology, HTML, JSON extractions, report
    kg.query     SPARQL over the exported graph
    kg.evaluate  extractions vs. gold annotations

:mod:`kg.vocab` names every type, predicate, colour and IRI.
"""

__version__ = "0.1.0"
