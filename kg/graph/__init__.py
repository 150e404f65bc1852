"""The in-memory graph (networkx MultiDiGraph) built from resolved entities."""

from kg.graph.build import build_graph
from kg.graph.model import add_article, add_assertion, add_entity, entity_key, new_graph, sorted_edges

__all__ = ["build_graph", "add_article", "add_assertion", "add_entity", "entity_key", "new_graph", "sorted_edges"]
