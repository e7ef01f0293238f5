"""Whiteboard: the compute abstractions story for cloud architects."""

__version__ = "0.1.0"
