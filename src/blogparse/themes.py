"""The theme-author API: everything a package needs to add a theme to blogparse.

A theme subclasses :class:`Theme`, names itself, sets XPath locators for the regions of
its markup, and scores pages it recognises.  Publish it through the ``blogparse.themes``
entry-point group::

    [project.entry-points."blogparse.themes"]
    mytheme = "mypackage.theme:MyTheme"

The built-in themes use nothing but what this module exports.
"""

from __future__ import annotations

import typing

from ._theme import (
    ENTRY_POINT_GROUP,
    DiscussionRegions,
    Locator,
    PageDocument,
    PageRegions,
    PostRegions,
    Theme,
    ThemeRegistry,
    cls,
    xpath,
)

if typing.TYPE_CHECKING:
    from ._themes import BlockTheme, BloggerTheme, ClassicTheme, GenericTheme, WordPressComTheme

_BUILTIN_THEMES = frozenset(
    {"BlockTheme", "BloggerTheme", "ClassicTheme", "GenericTheme", "WordPressComTheme"})


def __getattr__(name: str) -> typing.Any:
    """The built-in theme classes, to subclass for a family of derived themes.

    They are loaded on first use because they are themselves written against this module.
    """
    if name in _BUILTIN_THEMES:
        from . import _themes

        return getattr(_themes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENTRY_POINT_GROUP",
    "BlockTheme",
    "BloggerTheme",
    "ClassicTheme",
    "DiscussionRegions",
    "GenericTheme",
    "Locator",
    "PageDocument",
    "PageRegions",
    "PostRegions",
    "Theme",
    "ThemeRegistry",
    "WordPressComTheme",
    "cls",
    "xpath",
]
