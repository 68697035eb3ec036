"""Blogger (Blogspot) pages: a worked example of a theme for another platform.

Blogger's layouts print ``div.post.hentry`` with ``h3.post-title``, ``div.post-body``,
``abbr.published`` (machine date in ``title``), labels in ``.post-labels`` and comments
either in ``dl#comments-block`` (classic) or ``.comment-thread li.comment`` (threaded).
"""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from ..themes import Locator, PageDocument, Theme, cls


class BloggerTheme(Theme):
    """Blogger / Blogspot layouts."""

    name = "blogger"
    description = "Blogger (Blogspot) layouts"

    POSTS: ClassVar[Locator] = (
        "//*[" + cls("post-outer") + "] | //*[" + cls("post") + " and " + cls("hentry") + "]"
    )
    TITLE: ClassVar[Locator] = ".//*[" + cls("post-title", "entry-title") + "]"
    PERMALINK: ClassVar[Locator] = ".//*[" + cls("post-title", "entry-title") + "]//a[@href]" \
        " | .//a[" + cls("timestamp-link") + "]"
    CONTENT: ClassVar[Locator] = ".//*[" + cls("post-body", "entry-content") + "]"
    AUTHORS: ClassVar[Locator] = ".//*[" + cls("post-author", "author") + "]//*[" + cls(
        "fn") + "] | .//*[" + cls("post-author") + "]//a"
    PUBLISHED: ClassVar[Locator] = (
        ".//abbr[" + cls("published") + "] | .//time[@datetime] | .//*[" + cls("published") + "]",
        # layouts without the machine date: the visible time, then the day's date header
        # (<div class="date-outer"><h2 class="date-header">…</h2><div class="date-posts">…)
        ".//*[" + cls("post-timestamp") + "]",
        "ancestor::*[" + cls("date-outer") + "][1]/*[" + cls("date-header") + "]",
    )
    # Labels are categories: in .post-labels, or any label archive link (Notable prints
    # them in .post-sidebar-labels)
    CATEGORIES: ClassVar[Locator] = (
        ".//*[" + cls("post-labels") + "]//a",
        ".//a[contains(@href, '/search/label/')][not(ancestor::*[" + cls("post-body") + "])]",
    )
    TAGS: ClassVar[Locator] = ".//a[normalize-space(@rel)='tag' and not(ancestor::*[" + cls(
        "post-labels") + "]) and not(contains(@href, '/search/label/'))]"
    COMMENTS_LINK: ClassVar[Locator] = ".//*[" + cls("post-comment-link") + "]//a"
    COMMENTS_AREA: ClassVar[Locator] = "//*[@id='comments' or " + cls("comments") + "]"
    RESPONSE_ITEMS: ClassVar[Locator] = (
        ".//li[" + cls("comment") + "] | .//dt[starts-with(@id, 'c') and " + cls(
            "comment-author") + "]"
    )
    RESPONSE_HEADING: ClassVar[Locator] = "//*[@id='comments']/h4 | //*[" + cls(
        "comments") + "]/h4"
    COMMENT_FORM: ClassVar[Locator] = "//*[@id='comment-editor'] | //*[" + cls(
        "comment-form") + "]"

    def post_elements(self, page: PageDocument) -> list[etree._Element]:
        """Every post container, outermost only, outside sidebars and footers.

        Blogger prints all posts inside ``<div class="widget Blog" id="Blog1">``, which the
        default filter takes for a sidebar widget, so the filter here names Blogger's own
        sidebar and footer sections instead.
        """
        found = page.find_all(self.POSTS)
        chosen = set(found)
        return [el for el in found
                if not any(a in chosen for a in el.iterancestors())
                and page.find(self._OUTSIDE_MAIN, el) is None]

    _OUTSIDE_MAIN: ClassVar[str] = (
        "ancestor::*[self::aside or self::nav or self::footer or " + cls(
            "sidebar", "footer-outer", "column-left-outer", "column-right-outer") + "]"
    )

    def score(self, page: PageDocument) -> float:
        """Certain with Blogger's generator; likely with blogger.com assets."""
        gen = (page.generator or "").lower()
        if gen.startswith("blogger"):
            return 0.95
        if "blogger.com" in page.head_html and page.find("//*[" + cls("post-body") + "]") \
                is not None:
            return 0.8
        return 0.0
