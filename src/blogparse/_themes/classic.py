"""Core/classic WordPress themes: Twenty Ten … Twenty Twenty-One and their derivatives.

Their markup comes from WordPress' template tags: ``post_class()`` (``post-123 post
type-post hentry``), ``the_title()`` in ``.entry-title``, ``the_content()`` in
``.entry-content``, ``the_category()`` links with ``rel="category tag"``, ``the_tags()``
with ``rel="tag"``, ``wp_list_comments()`` items ``li#comment-N`` / ``li#li-comment-N`` and
``comment_form()`` in ``#respond``.  Most third-party themes reuse the same tags.
"""

from __future__ import annotations

from typing import ClassVar

from ..themes import Locator, PageDocument, Theme, cls

CORE_THEMES = frozenset({
    "twentyten", "twentyeleven", "twentytwelve", "twentythirteen", "twentyfourteen",
    "twentyfifteen", "twentysixteen", "twentyseventeen", "twentynineteen", "twentytwenty",
    "twentytwentyone", "default", "classic",
})


class ClassicTheme(Theme):
    """WordPress core markup as classic (PHP template) themes print it."""

    name = "wordpress-classic"
    description = "Classic WordPress themes (Twenty Ten … Twenty Twenty-One and derivatives)"

    POSTS: ClassVar[Locator] = (
        "//*[(self::article or self::div or self::section or self::li)"
        " and (re:test(@id, '^post-[0-9]+$') or (" + cls("hentry", "type-post", "type-page")
        + ") or (self::article and " + cls("post", "page", "entry",
                                           # the AMP plugin's reader template
                                           "amp-wp-article") + "))]"
    )
    TITLE: ClassVar[Locator] = (
        ".//*[" + cls("entry-title", "post-title", "entry-header-title", "single-post-title",
                      "posttitle", "storytitle", "page-title", "single-title",
                      "amp-wp-title") + "]",
        ".//h1",
        ".//h2",
    )
    PERMALINK: ClassVar[Locator] = (
        ".//*[" + cls("entry-title", "post-title", "posttitle", "storytitle") + "]//a[@href]",
        ".//a[@rel='bookmark']",
    )
    CONTENT: ClassVar[Locator] = (
        ".//*[" + cls("entry-content", "post-content", "entry_content", "post-entry",
                      "article-content", "entry-body", "post-body", "storycontent",
                      "single-content", "td-post-content", "the-content", "postcontent",
                      "article-body", "content-inner", "amp-wp-article-content",
                      # Elementor Pro's and Divi's theme-builder post-content modules
                      "elementor-widget-theme-post-content", "et_pb_post_content") + "]",
        ".//*[" + cls("entry", "post-text", "text", "entry__content", "post_content",
                      "single-blog-content", "post-entry-content", "article__content",
                      "article-text", "post__content") + "]",
    )
    AUTHORS: ClassVar[Locator] = tuple(
        expr + "[not(ancestor::*[" + cls("author-bio", "author-info", "author-box",
                                         "author-description", "saboxplugin-wrap",
                                         "about-author", "comment", "widget") + "])]"
        for expr in (
            ".//*[" + cls("byline", "author", "entry-author", "post-author", "meta-author")
            + "]//a[" + cls("url", "fn", "n") + " or contains(@rel, 'author')]",
            ".//*[" + cls("byline", "author", "entry-author", "post-author", "meta-author",
                          "posted-by", "entry-meta", "post-meta", "post-byline",
                          "post-footer", "postmetadata") + "]"
            "//a[contains(@href, '/author/')]",
            ".//a[contains(concat(' ', @rel, ' '), ' author ')]",
            ".//*[" + cls("author", "byline") + "]//*[" + cls("fn") + "]",
            ".//*[" + cls("entry-author", "post-author", "author-name", "post-author-name",
                          "entry-author-name") + "]",
            ".//*[@itemprop='author']//*[@itemprop='name']",
            # (a loose match: a link in an author's biography, "author-bio-thing", is none)
            ".//*[contains(@class, 'author') and not(contains(@class, 'comment'))"
            " and not(contains(@class, 'bio'))]//a[@href]"
            "[not(ancestor::*[contains(@class, 'bio')])]",
            # hCard without a link: <span class="author vcard fn">oz</span>
            ".//*[" + cls("author") + "][" + cls("fn", "vcard") + "][not(.//a)]",
            # German, Italian, Spanish and French themes: <span class="content-left-autor">
            # <a href="/ueber-uns/autoren/Clara-Loew">
            ".//*[(contains(@class, 'autor') or contains(@class, 'auteur'))"
            " and not(contains(@class, 'comment')) and not(contains(@class, 'bio'))]"
            "//a[contains(@href, '/autor') or contains(@href, '/auteur')]",
            # Elementor Pro's post-info widget: <a href=…><span class="elementor-post-info__item
            # elementor-post-info__item--type-author">Mira</span></a> (the link around the
            # name gives the url)
            ".//*[" + cls("elementor-post-info__item--type-author") + "]",
            # HTML's own mark for the article's author: <address>By <a href=…>Tim</a>
            ".//address//a[contains(@href, '/author/') or contains(@rel, 'author')]",
        )
    )
    PUBLISHED: ClassVar[Locator] = (
        ".//time[" + cls("published", "entry-date") + "]",
        ".//*[" + cls("published") + "]",
        ".//*[" + cls("entry-meta", "posted-on", "post-meta", "entry-header", "byline",
                      "post-info", "entry-date", "meta", "postmeta", "post-date", "date",
                      "entry-utility", "amp-wp-posted-on") + "]//time[@datetime]",
        ".//*[" + cls("entry-date", "post-date", "posted-on", "date", "postdate",
                      "entry-time", "timestamp",
                      # MH Themes' <span class="entry-meta-date updated">
                      "entry-meta-date") + "]",
        ".//time[@datetime]",
        # Kubrick (WordPress' default theme until 3.0) and the themes built on it print
        # the date in a bare <small> under the title: <small>May 11th, 2012</small>
        # (or in a wrapper of the title, the byline and the entry: div.post > div.postcontent)
        "./small | ./*/small",
        # a footer line saying when the post was written ("Dieser Artikel wurde am 14.
        # Dezember 2015 um 14:48 von Heiner geschrieben")
        ".//*[" + cls("post-footer", "postmetadata") + "]",
        # a <time> with the date as text alone (Penske Media's themes)
        ".//time[not(ancestor::*[" + cls("comment", "comments", "related") + "])]",
    )
    FEATURED_IMAGE: ClassVar[Locator] = (
        ".//img[" + cls("wp-post-image") + "]",
        # MH Themes echo the thumbnail's bare <img> in <figure class="entry-thumbnail">
        ".//*[" + cls("entry-thumbnail") + "]//img",
    )
    UPDATED: ClassVar[Locator] = (
        ".//time[" + cls("updated") + "]",
        ".//*[" + cls("updated") + "]",
    )
    CATEGORIES: ClassVar[Locator] = (
        ".//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]",
        ".//*[" + cls("cat-links", "categories", "post-categories", "entry-categories",
                      "category-links", "posted-in",
                      # Blocksy's meta list item, tagDiv Newspaper's term list, TieLabs'
                      # (Jannah) and The7's category links
                      "meta-categories", "td-category", "post-cat-wrap",
                      "category-link") + "]//a[@href]",
        # Elementor Pro's post-info terms (categories and tags alike; tag archives are
        # told apart by their address)
        ".//*[" + cls("elementor-post-info__terms-list") + "]//a[@href]",
    )
    TAGS: ClassVar[Locator] = (
        ".//a[normalize-space(@rel)='tag']",
        ".//*[" + cls("tags-links", "tag-links", "post-tags", "entry-tags", "tags",
                      "tagged", "meta-tags", "td-tags") + "]//a[@href]",
    )

    def score(self, page: PageDocument) -> float:
        """Certain for core theme stylesheets; likely for any WordPress page with hAtom."""
        if not page.is_wordpress:
            return 0.05 if page.find("//*[" + cls("hentry") + "]") is not None else 0.0
        score = 0.5
        if CORE_THEMES & set(page.stylesheet_themes):
            score = 0.9
        if page.find("//*[" + cls("entry-title", "entry-content") + "]") is not None:
            score += 0.05
        return min(score, 0.95)
