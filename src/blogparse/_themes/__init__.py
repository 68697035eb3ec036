"""The built-in themes, written against the public theme-author API only."""

from __future__ import annotations

from .._theme import Theme, ThemeRegistry
from .block import BlockTheme
from .blogger import BloggerTheme
from .classic import ClassicTheme
from .generic import GenericTheme
from .wpcom import WordPressComTheme

__all__ = [
    "BlockTheme",
    "BloggerTheme",
    "ClassicTheme",
    "GenericTheme",
    "WordPressComTheme",
    "builtin_registry",
    "builtin_themes",
]


def builtin_themes() -> tuple[Theme, ...]:
    """One instance of each built-in theme, most specific first."""
    return (WordPressComTheme(), BlockTheme(), ClassicTheme(), BloggerTheme())


def builtin_registry() -> ThemeRegistry:
    """A registry holding the built-in themes, with the generic theme as fallback."""
    registry = ThemeRegistry(builtin_themes())
    registry.set_fallback(GenericTheme())
    return registry
