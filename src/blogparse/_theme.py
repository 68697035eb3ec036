"""The theme layer: the theme base class, the page handed to themes, and the registry.

Rules: a theme *locates* regions (elements) and never builds models; its selectors are
data (XPath constants compiled once per class) and its code handles only irregular
markup.  Detection scores every registered theme from 0.0 (not mine) to 1.0 (certain).
Third-party themes arrive through the ``blogparse.themes`` entry-point group.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import lxml.etree as etree
import lxml.html

from ._errors import ThemeError
from ._locate import TreeIndex, run_locator

if TYPE_CHECKING:
    from importlib import metadata

ENTRY_POINT_GROUP = "blogparse.themes"
"""The entry-point group third-party packages use to add themes."""

XPathResult = list[Any]

Locator = str | tuple[str, ...]
"""An XPath expression, or several tried in order (the first that matches wins for
single regions; all of them, in that order, for sequences)."""


def _exprs(locator: Locator) -> tuple[str, ...]:
    return (locator,) if isinstance(locator, str) else locator


@functools.cache
def xpath(expr: str) -> etree.XPath:
    """Compile ``expr`` once (with the EXSLT regular-expression namespace available)."""
    return etree.XPath(expr, namespaces={"re": "http://exslt.org/regular-expressions"})


def _xpath_elements(expr: str, context: etree._Element) -> list[etree._Element]:
    result = xpath(expr)(context)
    return [r for r in result if isinstance(r, etree._Element)] if isinstance(result, list) \
        else []


@functools.lru_cache(maxsize=1024)
def cls(*names: str) -> str:
    """An XPath predicate body: the element has any of the classes ``names``."""
    # The cheap substring test first: most elements fail it, and libxml2 then skips the
    # string building of the exact token test.
    quick = " or ".join(f"contains(@class, '{n}')" for n in names)
    exact = " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {n} ')" for n in names
    )
    return f"(({quick}) and ({exact}))"


MAX_INDEXED_ELEMENTS = 250_000
"""Pages with more elements than this are searched with lxml's XPath, without an index
(its memory, a Python object and a table entry per element, would outgrow the page's)."""


class PageDocument:
    """A parsed HTML page as themes see it: the tree plus cached page-level metadata.

    Themes must treat the tree as read-only.
    """

    __slots__ = ("__dict__", "root", "url")

    def __init__(self, root: lxml.html.HtmlElement, *, url: str | None = None) -> None:
        self.root = root
        self.url = url

    def find_all(self, expr: Locator, node: etree._Element | None = None
                 ) -> list[etree._Element]:
        """Elements matching ``expr`` from ``node`` (default: the root).

        A tuple of expressions gives the matches of each in turn, without repeats.
        """
        if isinstance(expr, str):
            return self._select(expr, node)
        out: list[etree._Element] = []
        seen: set[etree._Element] = set()
        for one in expr:
            for r in self._select(one, node):
                if r not in seen:
                    seen.add(r)
                    out.append(r)
        return out

    def find(self, expr: Locator, node: etree._Element | None = None) -> etree._Element | None:
        """The first match of ``expr`` (of its first expression that matches), or ``None``."""
        for one in _exprs(expr):
            result = self._select(one, node)
            if result:
                return result[0]
        return None

    @functools.cached_property
    def _index(self) -> TreeIndex | None:
        # One walk of the tree answers the class, id and tag tests of every locator.  It
        # holds a Python object per element, so a giant page is left to lxml's XPath.
        if self.root.xpath("count(//*)") > MAX_INDEXED_ELEMENTS:
            return None
        return TreeIndex(self.root)

    def _select(self, expr: str, node: etree._Element | None) -> list[etree._Element]:
        context = self.root if node is None else node
        index = self._index
        if index is None or context not in index.pos:  # not a node of the indexed tree
            return _xpath_elements(expr, context)
        return run_locator(expr, index, context, _xpath_elements)

    @functools.cached_property
    def body_classes(self) -> frozenset[str]:
        """The classes of ``<body>`` (WordPress puts page kind and theme hints there)."""
        body = self.root.find(".//body")
        return frozenset((body.get("class") or "").split()) if body is not None else frozenset()

    @functools.cached_property
    def meta(self) -> dict[str, str]:
        """``<meta>`` values by lower-cased ``name``/``property``/``itemprop`` (first wins)."""
        out: dict[str, str] = {}
        for m in self.root.iterfind(".//meta"):
            key = m.get("property") or m.get("name") or m.get("itemprop")
            value = m.get("content")
            if key and value is not None and key.lower() not in out:
                out[key.lower()] = value
        return out

    @functools.cached_property
    def links(self) -> dict[str, str]:
        """``<link rel href>`` by lower-cased ``rel`` (first wins)."""
        out: dict[str, str] = {}
        for link in self.root.iterfind(".//link"):
            rel, href = link.get("rel"), link.get("href")
            if rel and href and rel.lower() not in out:
                out[rel.lower()] = href
        return out

    @functools.cached_property
    def json_ld(self) -> tuple[dict[str, Any], ...]:
        """Every JSON-LD object on the page, ``@graph`` members flattened."""
        out: list[dict[str, Any]] = []
        for script in self.root.iterfind(".//script"):
            if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
                continue
            if len(script.text) > 2_000_000:
                continue
            try:
                data = json.loads(script.text)
            except (ValueError, RecursionError):
                continue
            out.extend(_flatten_ld(data))
        return tuple(out)

    @functools.cached_property
    def head_html(self) -> str:
        """The serialized ``<head>`` (for cheap substring checks in scoring)."""
        head = self.root.find("head")
        if head is None:
            return ""
        return etree.tostring(head, encoding="unicode")[:500_000]

    @functools.cached_property
    def generator(self) -> str | None:
        """The ``<meta name="generator">`` value, if any."""
        return self.meta.get("generator")

    @functools.cached_property
    def stylesheet_themes(self) -> tuple[str, ...]:
        """WordPress theme folder names seen in asset urls (``/wp-content/themes/NAME/``)."""
        seen: list[str] = []
        for el in self.root.iterfind(".//link"):
            _add_theme(el.get("href"), seen)
        for el in self.root.iterfind(".//script"):
            _add_theme(el.get("src"), seen)
        if not seen:
            # block themes may link no file of their own: their fonts' @font-face urls
            # (WordPress 6.4+ prints <style class="wp-fonts-local">) still name the folder
            for el in self.root.iterfind(".//style"):
                for m in _THEME_URL_RE.finditer((el.text or "")[:200_000]):
                    if m.group(1) not in seen:
                        seen.append(m.group(1))
        return tuple(seen)

    @functools.cached_property
    def is_wordpress(self) -> bool:
        """Whether the page shows any WordPress fingerprint."""
        gen = (self.generator or "").lower()
        # the AMP plugin's pages name the plugin ("AMP Plugin v2.2.1; mode=reader")
        if "wordpress" in gen or gen.startswith("amp plugin"):
            return True
        if self.stylesheet_themes or "api.w.org" in self.links:
            return True
        head = self.head_html
        return ("/wp-content/" in head or "/wp-includes/" in head or "s0.wp.com" in head
                # JSON-LD with escaped slashes; the AMP reader template's own styles
                or "\\/wp-content\\/" in head or ".amp-wp-" in head)


# WordPress.com serves its themes from /wp-content/themes/pub/NAME/ or .../premium/NAME/.
_THEME_URL_RE = re.compile(
    r"/wp-content/themes/(?:(?:pub|premium)/)?([A-Za-z0-9_.\-]{1,80})/")
WPCOM_THEME_URL_RE = re.compile(r"/wp-content/themes/(?:pub|premium)/")


def _add_theme(url: str | None, seen: list[str]) -> None:
    if url:
        m = _THEME_URL_RE.search(url)
        if m and m.group(1) not in seen:
            seen.append(m.group(1))


def _flatten_ld(data: Any) -> Iterator[dict[str, Any]]:
    stack = [data]
    count = 0
    while stack and count < 1000:
        item = stack.pop()
        count += 1
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))
            yield item


@attrs.frozen(kw_only=True)
class PostRegions:
    """Where one post's parts are on the page (elements; ``None``/empty when absent)."""

    root: etree._Element
    """The post's container element."""
    title: etree._Element | None = None
    permalink: etree._Element | None = None
    """An ``<a>`` whose ``href`` is the permalink (often inside the title)."""
    content: etree._Element | None = None
    excerpt: etree._Element | None = None
    authors: tuple[etree._Element, ...] = ()
    """Elements naming the authors (``<a>`` links preferred)."""
    published: tuple[etree._Element, ...] = ()
    """Elements carrying the publication date, best first."""
    updated: tuple[etree._Element, ...] = ()
    categories: tuple[etree._Element, ...] = ()
    """``<a>`` elements of categories (or plain elements for unlinked terms)."""
    tags: tuple[etree._Element, ...] = ()
    featured_image: etree._Element | None = None
    """An ``<img>`` of the post thumbnail."""
    comments_link: etree._Element | None = None
    """The "3 Comments" link archive pages show under a post."""


@attrs.frozen(kw_only=True)
class DiscussionRegions:
    """Where a single post's discussion is: comments, pingbacks, count and reply form."""

    area: etree._Element | None = None
    """The comments area container."""
    items: tuple[etree._Element, ...] = ()
    """Every response item (comment or pingback), in page order."""
    headings: tuple[etree._Element, ...] = ()
    """Elements that may announce the response count, best first."""
    form: etree._Element | None = None
    """The reply form's container (``#respond``), or the ``<form>`` itself."""


@attrs.frozen(kw_only=True)
class PageRegions:
    """Everything a theme located on a page."""

    kind: str
    """``single`` or ``archive``."""
    posts: tuple[PostRegions, ...] = ()
    discussion: DiscussionRegions | None = None


_PING_LIST_CLASSES = ("pinglist", "trackbacklist", "ping-list", "pingbacklist")


class Theme:
    """Base class of every theme.  Subclass it, set ``name`` and the locator constants.

    Locators are XPath expressions: ``POSTS`` from the document root; the post-part
    locators from a post's container; the discussion locators from the root.  Override
    :meth:`score` to claim pages, and :meth:`locate` (or the smaller hooks it calls) only
    for markup that the locators cannot express.
    """

    name: ClassVar[str] = ""
    """The theme's registry name (``theme="…"`` selects it)."""
    description: ClassVar[str] = ""

    POSTS: ClassVar[Locator] = ".//article"
    TITLE: ClassVar[Locator] = ".//h1 | .//h2"
    PERMALINK: ClassVar[Locator] = ".//a[@rel='bookmark']"
    CONTENT: ClassVar[Locator] = ".//*[" + cls("entry-content") + "]"
    EXCERPT: ClassVar[Locator] = ".//*[" + cls("entry-summary", "entry-excerpt",
                                               "post-excerpt") + "]"
    AUTHORS: ClassVar[Locator] = ".//*[" + cls("author") + "]//a"
    PUBLISHED: ClassVar[Locator] = ".//time"
    UPDATED: ClassVar[Locator] = ".//time[" + cls("updated") + "]"
    CATEGORIES: ClassVar[Locator] = ".//a[contains(concat(' ', @rel, ' '), ' category ')]"
    TAGS: ClassVar[Locator] = ".//a[@rel='tag']"
    FEATURED_IMAGE: ClassVar[Locator] = ".//img[" + cls("wp-post-image") + "]"
    COMMENTS_LINK: ClassVar[Locator] = (
        # Genesis: <span class="entry-comments-link"><a>4 Comments</a>; OceanWP puts the
        # class on the link itself (a bare link to "#comments", as Neve and Blocksy print
        # it, is looked for when the discussion gives no count)
        ".//*[" + cls("comments-link", "entry-comments-link") + "]//a",
        ".//a[" + cls("comments-link") + "]",
    )
    COMMENTS_AREA: ClassVar[Locator] = (
        "//*[@id='comments' or @id='comments-area' or @id='thecomments' or " + cls(
            "comments-area", "comments-wrapper", "wp-block-comments", "commentlist",
            "comment-list") + "]"
    )
    _ITEM: ClassVar[str] = (
        "[self::li or self::div or self::article or self::dt]"
        "[re:test(@id, '^(li-)?comment-[0-9]+$')"
        " or (self::li and (" + cls("pingback", "trackback", "comment") + "))"
        # wpDiscuz: the whole comment, its replies inside, around <div id="comment-N">
        " or (self::div and (" + cls("wc-comment", "wpd-comment") + "))]"
    )
    RESPONSE_ITEMS: ClassVar[Locator] = (
        ".//*" + _ITEM + " | .//ol[" + cls(*_PING_LIST_CLASSES) + "]/li"
    )
    PING_ITEMS: ClassVar[Locator] = (
        # Genesis lists pings apart, after the comments area (div.entry-pings >
        # ol.ping-list), Enfold in ol.pingbacklist
        "//ol[" + cls(*_PING_LIST_CLASSES) + "]/li"
    )
    RESPONSE_ITEMS_ANYWHERE: ClassVar[Locator] = (
        "//*[self::li or self::div or self::article or self::dt]"
        "[re:test(@id, '^(li-)?comment-[0-9]+$')]"
        " | //div[" + cls("wc-comment", "wpd-comment") + "]"
        " | //*[" + cls("commentlist", "comment-list", "comments-list") + " or @id='commentlist']"
        "//li[" + cls("pingback", "trackback", "comment") + "]"
        " | //ol[" + cls(*_PING_LIST_CLASSES) + "]/li"
    )
    RESPONSE_HEADING: ClassVar[Locator] = (
        "//*[@id='comments-title' or " + cls(
            "comments-title", "comment-title", "comments-header", "comments-heading",
            "wp-block-comments-title", "comment-reply-title-count") + "]"
        " | //*[@id='comments']/h2 | //*[@id='comments']/h3 | //*[@id='comments']/h4"
        " | //*[(self::h2 or self::h3 or self::h4) and @id='comments']"
        " | //*[" + cls("comments-area") + "]/h2 | //*[" + cls("comments-area") + "]/h3",
        # any heading of the comments area, then headings named after comments anywhere
        "//*[@id='comments' or " + cls("comments-area", "comments", "comments-wrapper",
                                       "comment-section", "comments-section") + "]"
        "//*[self::h2 or self::h3 or self::h4 or self::h5]",
        "//*[self::h2 or self::h3 or self::h4 or self::h5]"
        "[contains(@class, 'comment') or contains(@id, 'comment') or contains(@class, 'repl')]",
        # a heading drawn without a heading element (Publisher:
        # <div class="section-heading"><span class="h-text">4 Comments</span>)
        "//*[@id='comments']/*[" + cls("section-heading", "section-title", "block-title") + "]",
        # Twenty Nineteen: the count under the heading, "4 Comments" beside the avatars
        "//*[@id='comments']//*[" + cls("discussion-meta-info") + "]",
    )
    COMMENT_FORM: ClassVar[Locator] = (
        "//*[@id='respond'] | //form[@id='commentform']"
        " | //*[" + cls("comment-respond") + "] | //form[contains(@action, 'wp-comments-post')]"
    )
    ARCHIVE_BODY_CLASSES: ClassVar[frozenset[str]] = frozenset(
        {"home", "blog", "archive", "category", "tag", "search", "date", "author", "paged"}
    )
    SINGLE_BODY_CLASSES: ClassVar[frozenset[str]] = frozenset(
        {"single", "single-post", "page", "singular", "attachment"}
    )

    def score(self, page: PageDocument) -> float:
        """How sure this theme is that it knows ``page``'s markup (0.0 … 1.0)."""
        return 0.0

    # -- locating ----------------------------------------------------------------------

    def locate(self, page: PageDocument) -> PageRegions:
        """Find the posts and, on single-post pages, the discussion."""
        posts = self.post_elements(page) or self.fallback_post_elements(page)
        kind = self.page_kind(page, posts)
        if kind == "single" and posts:
            posts = [self.main_post(page, posts)]
        regions = tuple(self.post_regions(page, el) for el in posts)
        discussion = self.discussion_regions(page) if kind == "single" else None
        return PageRegions(kind=kind, posts=regions, discussion=discussion)

    def post_elements(self, page: PageDocument) -> list[etree._Element]:
        """The post containers, outermost only, in page order (comment items excluded)."""
        # The post <body class="postid-N"> names (#post-N) is no teaser, whatever its
        # wrappers' classes say (Bridge's "background_color_sidebar" column wrapper).
        named = {"post-" + c.rpartition("-")[2] for c in page.body_classes
                 if c.startswith("postid-")}
        found = [el for el in page.find_all(self.POSTS)
                 if not _is_comment_item(el)
                 and (el.get("id") in named or not is_teaser(el))]
        return _outermost(found)

    FALLBACK_POSTS: ClassVar[Locator] = (
        "//article[.//*[@itemprop='articleBody'] or .//h1]",
        "//*[@itemprop='articleBody']/ancestor::*[.//h1][1]",
        "//main",
        "//*[@role='main']",
        "//*[@id='content' or @id='main' or @id='primary']",
        "//body",
    )

    def fallback_post_elements(self, page: PageDocument) -> list[etree._Element]:
        """When ``POSTS`` finds nothing: the page's main article region, as one post."""
        el = page.find(self.FALLBACK_POSTS)
        return [el] if el is not None else []

    def main_post(self, page: PageDocument, posts: list[etree._Element]) -> etree._Element:
        """On a single-post page, the post itself among the containers found.

        The one WordPress names in ``<body class="postid-N">`` (``#post-N``; of several so
        named, one holding an ``<h1>``, then the one with the most text), else the first
        holding an ``<h1>``, else the first.
        """
        for c in page.body_classes:
            if c.startswith(("postid-", "page-id-")):
                ident = "post-" + c.rpartition("-")[2]
                named = [el for el in posts
                         if el.get("id") == ident or ident in (el.get("class") or "").split()]
                if len(named) > 1:
                    # the post shown again as a teaser (a "featured" strip above it) carries
                    # the same id: the post itself holds the heading, else the most text
                    headed = [el for el in named if el.find(".//h1") is not None]
                    named = headed or named
                    return max(named, key=lambda el: len(etree.tostring(
                        el, method="text", encoding="unicode", with_tail=False)))
                if named:
                    return named[0]
        for el in posts:
            if el.find(".//h1") is not None:
                return el
        return posts[0]

    def page_kind(self, page: PageDocument, posts: list[etree._Element]) -> str:
        """``single`` or ``archive``, from body classes first, then the post count."""
        classes = page.body_classes
        if classes & self.SINGLE_BODY_CLASSES:
            return "single"
        if classes & self.ARCHIVE_BODY_CLASSES:
            return "archive"
        if (page.meta.get("og:type") or "").lower() == "article":
            return "single"
        return "archive" if len(posts) > 1 else "single"

    def post_regions(self, page: PageDocument, post: etree._Element) -> PostRegions:
        """Locate the parts of one post inside its container."""

        own = _OwnMatches(post)

        def first(expr: Locator) -> etree._Element | None:
            for one in _exprs(expr):
                for el in page.find_all(one, post):
                    if own(el):
                        return el
            return None

        def every(expr: Locator) -> tuple[etree._Element, ...]:
            return tuple(el for el in page.find_all(expr, post) if own(el))

        content = first(self.CONTENT)
        if content is None:
            content = densest_text_block(post)
        return PostRegions(
            root=post,
            title=first(self.TITLE),
            permalink=first(self.PERMALINK),
            content=content,
            excerpt=first(self.EXCERPT),
            authors=every(self.AUTHORS),
            published=every(self.PUBLISHED),
            updated=every(self.UPDATED),
            categories=every(self.CATEGORIES),
            tags=every(self.TAGS),
            featured_image=first(self.FEATURED_IMAGE),
            comments_link=first(self.COMMENTS_LINK),
        )

    def discussion_regions(self, page: PageDocument) -> DiscussionRegions:
        """Locate the comments area, its response items, the count headings and the form."""
        areas = [a for a in page.find_all(self.COMMENTS_AREA) if a.tag not in _INLINE_OR_HEADING]
        area = areas[0] if areas else None
        items = _dedupe(page.find_all(self.RESPONSE_ITEMS, area)) if area is not None else []
        if not items:
            # Some themes give id="comments" to a heading and list responses after it.
            items = _dedupe(page.find_all(self.RESPONSE_ITEMS_ANYWHERE))
        elif area is not None:
            known = set(items)
            items += [li for li in page.find_all(self.PING_ITEMS)
                      if li not in known and not is_inside(li, [area])]
        form = page.find(self.COMMENT_FORM)
        headings = [h for h in page.find_all(self.RESPONSE_HEADING)
                    if not is_inside(h, [form])]
        return DiscussionRegions(
            area=area, items=tuple(items), headings=tuple(headings), form=form
        )


# What, inside a post's container, shows other posts: related and "read next" lists, post
# navigation, widgets printed inside the article (OceanWP prints its related posts in the
# post's <article>, each with its own title link and <time class="published">).  A
# WordPress widget names its kind in a class starting "widget_" or "widget-" (a bare
# "widget" is Blogger's main column too, and page builders' "elementor-widget-…" hold the
# post's own parts).
_OTHER_POSTS_RE = re.compile(
    r"related|yarpp|crp_|fixed-nav|more-stories|read-next|recent-posts|popular-posts|trending|"
    r"you-may-also|also-like|post-navigation|posts-navigation|(?<!\S)widget[_-]|prevnext|"
    # tagDiv's teaser modules (td_module_wrap, td_module_flex…) inside its post templates
    r"(?<!\S)td_module_",
    re.IGNORECASE)
_POST_ID_TOKEN_RE = re.compile(r"^post-\d{1,18}$")


class _OwnMatches:
    """Whether an element found inside a post's container is the post's own: not inside
    a list of other posts or another post's container nested in it."""

    def __init__(self, post: etree._Element) -> None:
        self.post = post
        self.ident = next((t for t in (post.get("id"), *(post.get("class") or "").split())
                           if t and _POST_ID_TOKEN_RE.match(t)), None)
        # the verdict on each ancestor already walked: matches share most of them
        self.other: dict[etree._Element, bool] = {}

    def __call__(self, el: etree._Element) -> bool:
        walked: list[etree._Element] = []
        node = el.getparent()
        verdict = False
        while node is not None and node is not self.post:
            known = self.other.get(node)
            if known is not None:
                verdict = known
                break
            walked.append(node)
            if self._shows_others(node):
                verdict = True
                break
            node = node.getparent()
        for seen in walked:
            self.other[seen] = verdict
        return not verdict

    def _shows_others(self, node: etree._Element) -> bool:
        cls_ = node.get("class") or ""
        marks = f"{cls_} {node.get('id') or ''}"
        if _OTHER_POSTS_RE.search(marks) and any(
                _OTHER_POSTS_RE.search(t) and not _LAYOUT_FLAG_RE.search(t)
                for t in marks.split()):
            return True
        if self.ident is not None and (node.tag == "article" or "hentry" in cls_):
            tokens = [t for t in marks.split() if _POST_ID_TOKEN_RE.match(t)]
            if tokens and self.ident not in tokens:
                return True
        return False


_TEASER_RE = re.compile(
    r"related|widget|sidebar|recent-posts|popular|slider|carousel|teaser|trending|"
    r"more-stories|read-next|yarpp|crp_|jp-relatedposts|"
    # the previous / next post links, with their thumbnails
    r"posts?-nav\b|post-navigation|nav-previous|nav-next", re.IGNORECASE)


def is_teaser(el: etree._Element) -> bool:
    """Whether ``el`` is a link to another post (related posts, widgets), not a post."""
    node: etree._Element | None = el
    # (<body>'s classes are page-wide flags: Neve's "menu_sidebar_slide_left" says where
    # the menu slides from, not that every post is in a sidebar)
    while node is not None and node.tag not in {"body", "html"}:
        if isinstance(node.tag, str) and (
            (node.tag in {"aside", "nav", "footer"} and node is not el)
            or _teaser_marked(node, wrapper=node is not el)
        ):
            return True
        node = node.getparent()
    return False


# Page-layout flags on a wrapper of the whole page ("has-sidebar", "bdaia-sidebar-right",
# "no-sidebar", "sidebar-left") say where a sidebar goes, not that this is one.
_LAYOUT_FLAG_RE = re.compile(
    r"^-?(?:has|with|without|no|is|align)-|(?:^|-)(?:left|right|layout|template)(?:-|$)",
    re.IGNORECASE)


def _teaser_marked(node: etree._Element, *, wrapper: bool) -> bool:
    return _marked(node, _TEASER_RE, flags_too=not wrapper)


def _marked(node: etree._Element, pattern: re.Pattern[str], *, flags_too: bool = False
            ) -> bool:
    """Whether a class token or the id of ``node`` matches ``pattern``; a layout flag
    ("no-sidebar", "-align-sidebar-to-none": where a region goes on the page, not that
    this is one) counts only with ``flags_too``."""
    marks = f"{node.get('class') or ''} {node.get('id') or ''}"
    if pattern.search(marks) is None:
        return False
    if flags_too:
        return True
    return any(pattern.search(token) and not _LAYOUT_FLAG_RE.search(token)
               for token in marks.split())


def _is_comment_item(el: etree._Element) -> bool:
    ident = el.get("id") or ""
    classes = (el.get("class") or "").split()
    return ident.startswith(("comment-", "li-comment-", "div-comment-")) or bool(
        {"comment", "pingback", "trackback"} & set(classes))


_INLINE_OR_HEADING = frozenset({"a", "span", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li"})


def is_inside(el: etree._Element, ancestors: Iterable[etree._Element | None]) -> bool:
    """Whether ``el`` is one of ``ancestors`` or lies below one of them (``None`` ignored)."""
    targets = {a for a in ancestors if a is not None}
    if not targets:
        return False
    node: etree._Element | None = el
    while node is not None:
        if node in targets:
            return True
        node = node.getparent()
    return False


_TEXT_CHILDREN = frozenset({"p", "ul", "ol", "blockquote", "h2", "h3", "h4", "pre", "figure",
                            "table", "dl"})
_NOT_CONTENT_RE = re.compile(
    # (Elementor wraps everything in "elementor-widget-…" elements, the post's text too)
    r"comment|respond|sidebar|(?<!elementor-)widget|related|share|sharing|footer|header|nav|"
    r"menu|meta|"
    r"author-?bio|newsletter|subscribe|popup|popmake|pum-|modal|cookie|breadcrumb",
    re.IGNORECASE,
)


def densest_text_block(post: etree._Element) -> etree._Element | None:
    """The element under ``post`` (or ``post`` itself) whose own paragraphs hold the most text.

    Used when a theme's content locator finds nothing: most themes keep the post body
    in one element whose children are the paragraphs.  Comment areas, forms, widgets,
    pop-ups and similar regions are never chosen.  ``None`` when no paragraph is found.
    """
    best: etree._Element | None = None
    best_len = 0
    for el in post.iter():
        if not isinstance(el.tag, str) or el.tag in {"form", "nav", "aside", "footer",
                                                       "header", "script", "style"}:
            continue
        if el is not post and _not_content_marked(el):
            continue
        total = 0
        paragraphs = 0
        for child in el:
            if isinstance(child.tag, str) and child.tag in _TEXT_CHILDREN:
                total += len("".join(child.itertext()).strip())
                paragraphs += child.tag == "p"
        if paragraphs and total > best_len:
            if el is not post and _inside_excluded(el, post):
                continue
            best, best_len = el, total
    return best


def _inside_excluded(el: etree._Element, stop: etree._Element) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and (
            node.tag in {"form", "nav", "aside", "footer"} or _not_content_marked(node)):
            return True
        node = node.getparent()
    return False


def _not_content_marked(el: etree._Element) -> bool:
    """Whether ``el``'s class or id names a region that is not the post's text (comments,
    a sidebar, a widget…), layout flags aside."""
    return _marked(el, _NOT_CONTENT_RE)


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    chosen = set(elements)
    out = []
    for el in elements:
        parent = el.getparent()
        nested = False
        while parent is not None:
            if parent in chosen:
                nested = True
                break
            parent = parent.getparent()
        if not nested:
            out.append(el)
    return out


def _dedupe(elements: Iterable[etree._Element]) -> list[etree._Element]:
    seen: set[etree._Element] = set()
    out = []
    for el in elements:
        if el not in seen:
            seen.add(el)
            out.append(el)
    return out


class ThemeRegistry:
    """An instance-held set of themes; detection asks each for its score.

    Plugin themes can be loaded at once (:meth:`load_entry_points`) or on first need
    (:meth:`defer_entry_points`): then they are loaded when detection runs, when a theme
    name is not among the registered ones, or when the names or plugin errors are asked
    for — never for a page parsed with a registered theme named.
    """

    def __init__(self, themes: Iterable[Theme] = ()) -> None:
        self._themes: dict[str, Theme] = {}
        self._fallback: Theme | None = None
        self._plugin_errors: tuple[ThemeError, ...] = ()
        self._deferred: bool | None = None  # skip_broken of deferred entry points
        for theme in themes:
            self.register(theme)

    @property
    def plugin_errors(self) -> tuple[ThemeError, ...]:
        """Plugins left out by ``load_entry_points(skip_broken=True)``, with why."""
        self._load_deferred()
        return self._plugin_errors

    @plugin_errors.setter
    def plugin_errors(self, errors: tuple[ThemeError, ...]) -> None:
        self._plugin_errors = tuple(errors)

    def defer_entry_points(self, *, skip_broken: bool = False) -> None:
        """Load the ``blogparse.themes`` entry points on first need instead of now.

        Loading them means importing every installed plugin package; a page parsed with
        a registered theme named does without.  ``skip_broken`` is as for
        :meth:`load_entry_points`.
        """
        self._deferred = skip_broken

    def _load_deferred(self) -> None:
        if self._deferred is not None:
            skip_broken, self._deferred = self._deferred, None
            self.load_entry_points(skip_broken=skip_broken)

    def register(self, theme: Theme, *, replace: bool = False) -> None:
        """Add ``theme``; a name already taken is an error unless ``replace``."""
        if not isinstance(theme, Theme) or not theme.name:
            raise ThemeError("a theme must be a named Theme instance", theme=repr(theme))
        if theme.name in self._themes and not replace:
            raise ThemeError(f"a theme named {theme.name!r} is already registered",
                             theme=theme.name)
        self._themes[theme.name] = theme

    def set_fallback(self, theme: Theme) -> None:
        """The theme used when no registered theme scores above zero."""
        self._fallback = theme
        self._themes.setdefault(theme.name, theme)

    def names(self) -> tuple[str, ...]:
        """The registered themes' names, in registration order."""
        self._load_deferred()
        return tuple(self._themes)

    def get(self, name: str) -> Theme:
        """The theme registered as ``name``; :class:`ThemeError` if none is."""
        if name not in self._themes:
            self._load_deferred()
        try:
            return self._themes[name]
        except KeyError:
            raise ThemeError(
                f"no theme named {name!r}; known: {', '.join(self._themes)}", theme=name
            ) from None

    def scores(self, page: PageDocument) -> list[tuple[float, Theme]]:
        """Every theme's score for ``page``, best first (a theme that fails scores 0)."""
        self._load_deferred()
        out = []
        for index, theme in enumerate(self._themes.values()):
            try:
                s = float(theme.score(page))
            except Exception:  # a third-party theme's bug must not break detection
                s = 0.0
            out.append((max(0.0, min(1.0, s)), -index, theme))
        out.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return [(s, t) for s, _, t in out]

    def detect(self, page: PageDocument) -> tuple[Theme, float]:
        """The best-scoring theme for ``page`` and its score (fallback at 0.0)."""
        ranked = self.scores(page)
        if ranked and ranked[0][0] > 0.0:
            return ranked[0][1], ranked[0][0]
        if self._fallback is None:
            raise ThemeError("no theme claims the page and no fallback is set")
        return self._fallback, 0.0

    def load_entry_points(self, *, skip_broken: bool = False) -> list[str]:
        """Register themes advertised in the ``blogparse.themes`` entry-point group.

        Each entry point names a :class:`Theme` subclass or instance.  Returns the names
        registered.  A broken plugin raises :class:`ThemeError` naming it; with
        ``skip_broken`` it is left out instead, with a :class:`RuntimeWarning`, and the
        error is kept in :attr:`plugin_errors`.
        """
        # Imported here: scanning installed packages is only needed when plugins are.
        from importlib import metadata

        added = []
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            try:
                theme = _load_theme(ep)
                if theme.name not in self._themes:
                    self.register(theme)
                    added.append(theme.name)
            except ThemeError as exc:
                if not skip_broken:
                    raise
                self._plugin_errors += (exc,)
                warnings.warn(f"blogparse: {exc}; the plugin is left out", RuntimeWarning,
                              stacklevel=2)
        return added


def _load_theme(ep: metadata.EntryPoint) -> Theme:
    try:
        obj = ep.load()
        theme = obj() if isinstance(obj, type) and issubclass(obj, Theme) else obj
    except Exception as exc:
        raise ThemeError(f"theme plugin {ep.name!r} failed to load: {exc}",
                         theme=ep.name) from exc
    if not isinstance(theme, Theme):
        raise ThemeError(f"entry point {ep.name!r} is not a Theme", theme=ep.name)
    return theme
