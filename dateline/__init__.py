"""Dateline: a self-hostable automated world-news desk."""

__version__ = "0.1.0"
