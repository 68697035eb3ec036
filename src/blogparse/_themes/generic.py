"""The fallback for pages no theme claims: hAtom/h-entry, ``<article>``, then metadata.

It locates what generic markup offers; the extract layer fills what is still missing on a
single page from JSON-LD and OpenGraph, as it does for every theme.
"""

from __future__ import annotations

from typing import ClassVar

import attrs
import lxml.etree as etree

from ..themes import Locator, PageDocument, PostRegions, Theme, cls


class GenericTheme(Theme):
    """Generic article markup and page metadata (used when no theme scores above zero)."""

    name = "generic"
    description = "Fallback: JSON-LD, OpenGraph, hAtom/h-entry microformats and <article>"

    POSTS: ClassVar[Locator] = "//*[" + cls("h-entry", "hentry") + "] | //article"
    TITLE: ClassVar[Locator] = (
        ".//*[" + cls("p-name", "entry-title") + "] | .//*[@itemprop='headline'] | .//h1"
    )
    PERMALINK: ClassVar[Locator] = ".//a[" + cls("u-url") + "] | .//a[@rel='bookmark']"
    CONTENT: ClassVar[Locator] = (
        ".//*[" + cls("e-content", "entry-content") + "] | .//*[@itemprop='articleBody']"
    )
    EXCERPT: ClassVar[Locator] = ".//*[" + cls("p-summary", "entry-summary") + "]"
    AUTHORS: ClassVar[Locator] = (
        ".//*[" + cls("p-author", "h-card") + "]//*[" + cls("p-name", "fn") + "]"
        " | .//a[contains(concat(' ', @rel, ' '), ' author ')]"
        " | .//*[@itemprop='author']//*[@itemprop='name']"
    )
    PUBLISHED: ClassVar[Locator] = (
        ".//*[" + cls("dt-published", "published") + "] | .//*[@itemprop='datePublished']"
        " | .//time[@datetime]"
    )
    UPDATED: ClassVar[Locator] = ".//*[" + cls("dt-updated", "updated") + "]"
    CATEGORIES: ClassVar[Locator] = ".//a[" + cls("p-category") + "]"
    TAGS: ClassVar[Locator] = ".//a[normalize-space(@rel)='tag']"

    def post_elements(self, page: PageDocument) -> list[etree._Element]:
        """h-entry/hAtom items or articles; else the page's main region or its body."""
        found = super().post_elements(page)
        if found:
            return found
        for expr in ("//main", "//*[@role='main']", "//body"):
            el = page.find(expr)
            if el is not None:
                return [el]
        return []

    def page_kind(self, page: PageDocument, posts: list[etree._Element]) -> str:
        """Several articles make an archive; one is a single post."""
        return "archive" if len(posts) > 1 else "single"

    def post_regions(self, page: PageDocument, post: etree._Element) -> PostRegions:
        """As the base class, but a post with no content region uses its whole element."""
        regions = super().post_regions(page, post)
        if regions.content is None and post.tag in {"article", "main"}:
            regions = attrs.evolve(regions, content=post)
        return regions
