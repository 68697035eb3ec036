"""The theme-author API: everything a package needs to add a theme to blogparse.

A theme subclasses :class:`Theme`, names itself, sets XPath locators for the regions of
its markup, and scores pages it recognises.  Publish it through the ``blogparse.themes``
entry-point group::

    [project.entry-points."blogparse.themes"]
    mytheme = "mypackage.theme:MyTheme"

The built-in themes use nothing but what this module exports.
"""

from __future__ import annotations

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

__all__ = [
    "ENTRY_POINT_GROUP",
    "DiscussionRegions",
    "Locator",
    "PageDocument",
    "PageRegions",
    "PostRegions",
    "Theme",
    "ThemeRegistry",
    "cls",
    "xpath",
]
