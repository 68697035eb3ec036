"""Block themes (Twenty Twenty-Two and later): templates made of ``wp-block-*`` markup.

The page is wrapped in ``.wp-site-blocks``; a single post's parts are blocks
(``.wp-block-post-title``, ``.wp-block-post-content``, ``.wp-block-post-date``,
``.wp-block-post-terms.taxonomy-category``); query loops list posts as
``li.wp-block-post``; comments sit in ``.wp-block-comments``.
"""

from __future__ import annotations

from typing import ClassVar

import lxml.etree as etree

from ..themes import Locator, PageDocument, Theme, cls

BLOCK_CORE_THEMES = frozenset({"twentytwentytwo", "twentytwentythree", "twentytwentyfour",
                               "twentytwentyfive"})


class BlockTheme(Theme):
    """WordPress block (full-site-editing) themes."""

    name = "wordpress-block"
    description = "Block themes (Twenty Twenty-Two and later, wp-block-* markup)"

    POSTS: ClassVar[Locator] = "//li[" + cls("wp-block-post") + "]"
    TITLE: ClassVar[Locator] = ".//*[" + cls("wp-block-post-title") + "]"
    PERMALINK: ClassVar[Locator] = ".//*[" + cls("wp-block-post-title") + "]//a[@href]"
    CONTENT: ClassVar[Locator] = (
        ".//*[" + cls("wp-block-post-content", "entry-content") + "]"
    )
    EXCERPT: ClassVar[Locator] = ".//*[" + cls("wp-block-post-excerpt__excerpt",
                                           "wp-block-post-excerpt") + "]"
    AUTHORS: ClassVar[Locator] = (
        ".//*[" + cls("wp-block-post-author-name", "wp-block-post-author__name") + "]//a"
        " | .//*[" + cls("wp-block-post-author-name", "wp-block-post-author__name") + "]"
    )
    PUBLISHED: ClassVar[Locator] = (
        ".//*[" + cls("wp-block-post-date") + " and not(" + cls(
            "wp-block-post-date__modified-date") + ")]//time | .//time[@datetime]"
    )
    UPDATED: ClassVar[Locator] = ".//*[" + cls("wp-block-post-date__modified-date") + "]//time"
    CATEGORIES: ClassVar[Locator] = (
        ".//*[" + cls("taxonomy-category") + "]//a"
        " | .//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]"
    )
    TAGS: ClassVar[Locator] = (
        ".//*[" + cls("taxonomy-post_tag") + "]//a",
        ".//a[normalize-space(@rel)='tag']",
    )
    FEATURED_IMAGE: ClassVar[Locator] = ".//*[" + cls("wp-block-post-featured-image") + "]//img"
    COMMENTS_LINK: ClassVar[Locator] = ".//*[" + cls("wp-block-post-comments-count",
                                                 "wp-block-post-comments-link") + "]//a"

    def post_elements(self, page: PageDocument) -> list[etree._Element]:
        """Query-loop items on archives; on single pages the region holding title and content."""
        single = bool(page.body_classes & self.SINGLE_BODY_CLASSES)
        items = [] if single else super().post_elements(page)
        if items:
            return items
        outside_loops = "[not(ancestor::li[" + cls("wp-block-post") + "])]"
        title = page.find("//*[" + cls("wp-block-post-title") + "]" + outside_loops)
        content = page.find("//*[" + cls("wp-block-post-content") + "]" + outside_loops)
        if title is None or content is None:
            main = page.find("//main")
            return [main] if main is not None else []
        # The nearest element holding both the title block and the content block.
        ancestors = set(title.iterancestors())
        for node in content.iterancestors():
            if node in ancestors:
                return [node]
        return []

    def page_kind(self, page: PageDocument, posts: list[etree._Element]) -> str:
        """Archives list posts in query loops; the rest is single."""
        if posts and posts[0].tag == "li":
            return "archive" if len(posts) > 1 or page.body_classes & self.ARCHIVE_BODY_CLASSES \
                else "single"
        return super().page_kind(page, posts)

    def score(self, page: PageDocument) -> float:
        """Certain with ``wp-site-blocks`` and post blocks; likely with a core block theme.

        ``wp-site-blocks`` alone is no block theme's: classic themes print it too (Kadence's
        ``#wrapper.site.wp-site-blocks`` around hAtom markup), so without the post blocks
        it stays below the classic theme's score.
        """
        if not page.is_wordpress:
            return 0.0
        score = 0.0
        if page.find("//*[" + cls("wp-site-blocks") + "]") is not None:
            score += 0.3
        if page.find("//*[" + cls("wp-block-post-title", "wp-block-post-content") + "]") \
                is not None:
            score += 0.38 if score == 0 else 0.68
        if BLOCK_CORE_THEMES & set(page.stylesheet_themes):
            score = max(score, 0.96)
        return min(score, 0.98)
