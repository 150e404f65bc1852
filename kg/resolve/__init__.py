"""Resolution of article entities to corpus-wide entities."""

from kg.resolve.corpus import Resolution, resolve

__all__ = ["Resolution", "resolve"]
