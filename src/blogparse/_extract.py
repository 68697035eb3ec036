"""The extract layer: turn the regions a theme located into field values and models.

Rules: every value comes from the page (a region, its metadata, or the url given by the
caller); nothing is guessed.  Values that are present but unreadable become defects.
Selectors here are generic WordPress markup shared by every theme (comment items, reply
forms); theme-specific locations come from the theme's regions.
"""

from __future__ import annotations

import copy
import html
import itertools
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import SplitResult, parse_qs, urljoin, urlsplit

import attrs
import lxml.etree as etree

from ._content import (
    Locator,
    clean_copy,
    drop_keep_tail,
    drop_trailing_furniture,
    element_text,
    extract_content,
    has_class,
    image_of,
    inner_html,
)
from ._models import (
    Comment,
    CommentForm,
    Defect,
    DefectKind,
    FormField,
    Image,
    LoginOption,
    Person,
    Pingback,
    Post,
    Site,
    Term,
)
from ._options import Options
from ._text import (
    clean_space,
    parse_datetime,
    parse_response_count,
    slug_from_url,
    split_pingback_title,
    to_int,
)
from ._theme import (
    DiscussionRegions,
    PageDocument,
    PageRegions,
    PostRegions,
    cls,
    is_inside,
    is_teaser,
    xpath,
)

# --- small helpers -------------------------------------------------------------------------


_FEATURED_IMAGE = xpath(".//img[" + cls("wp-post-image") + "]")
_NOT_BEFORE_THE_POST = frozenset({"header", "nav", "aside", "footer", "form"})


def _featured_before(root: etree._Element) -> etree._Element | None:
    """The post thumbnail printed just before the post's container, on a single page.

    Astra (``div.ast-single-post-featured-section``) and Kadence (``div.post-thumbnail``)
    print ``the_post_thumbnail()`` as a sibling above ``<article>`` (SmartMag above the
    article's wrapper, when the article is its first child).  Only the two element
    siblings before it are looked at, and none that is a teaser, a menu or a header.
    """
    seen = 0
    sibling = root.getprevious()
    parent = root.getparent()
    if sibling is None and parent is not None and parent.tag != "body":
        sibling = parent.getprevious()  # the container's wrapper's (SmartMag's div.the-post)
    while sibling is not None and seen < 2:
        if isinstance(sibling.tag, str):
            seen += 1
            if sibling.tag in _NOT_BEFORE_THE_POST or is_teaser(sibling):
                return None
            for img in _FEATURED_IMAGE(sibling):
                if isinstance(img, etree._Element):
                    return None if is_teaser(img) else img
        sibling = sibling.getprevious()
    return None


def _featured_elsewhere(page: PageDocument, root: etree._Element,
                        header: etree._Element | None, avoid: list[etree._Element | None]
                        ) -> etree._Element | None:
    """A single post's thumbnail printed outside its container: just before it, in its
    header printed apart (Salient; ``header`` if already found), or, for a post marked
    ``has-post-thumbnail``, the page's one post-thumbnail image outside teasers and
    ``avoid`` (Twenty Nineteen's masthead)."""
    before = _featured_before(root)
    if before is not None:
        return before
    if header is None:
        header = _header_outside(page, root)
    if header is not None:
        for img in _FEATURED_IMAGE(header):
            if isinstance(img, etree._Element) and not is_teaser(img):
                return img
    if has_class(root, "has-post-thumbnail"):
        shown = [img for img in page.find_all("//img[" + cls("wp-post-image") + "]")
                 if not is_teaser(img) and not is_inside(img, avoid)]
        if len(shown) == 1:
            return shown[0]
    return None


def _abs(url: str | None, base: str | None) -> str | None:
    url = clean_space(url)
    if url is None or url.startswith(("javascript:", "#", "data:")):
        return None
    if base:
        try:
            return urljoin(base, url)
        except ValueError:
            return url
    return url


def _split(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or ``None`` for an address it refuses (a bracketed host that is
    no IP address, "http://[x]/")."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _text_without(el: etree._Element | None, expr: str, page: PageDocument | None = None
                  ) -> str | None:
    """:func:`element_text` of ``el`` without the descendants matching ``expr``.

    Most elements hold nothing to leave out: their text is read in place, and only the
    others are copied.  ``page`` (the page ``el`` belongs to) answers the look-up from its
    index.
    """
    if el is None:
        return None
    found = page.find_all(expr, el) if page is not None else xpath(expr)(el)
    if not any(isinstance(e, etree._Element) for e in found):
        return element_text(el)
    return element_text(_without(el, expr))


def _without(el: etree._Element, expr: str | Locator) -> etree._Element:
    """A copy of ``el`` without the descendants matching ``expr``."""
    dup = copy.deepcopy(el)
    dup.tail = None
    for junk in (expr(dup) if isinstance(expr, Locator) else xpath(expr)(dup)):
        if isinstance(junk, etree._Element):
            drop_keep_tail(junk)
    return dup


# --- dates ---------------------------------------------------------------------------------


_CLOCK_RE = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?$", re.IGNORECASE)


_SHOW_COMMENT_RE = re.compile(r"[?&]showComment=(\d{12,13})(?:[&#]|$)")
# Blogger's comment permalinks carry the comment's time in milliseconds since 1970:
# …/post.html?showComment=1381172401460#c4265235981837780782 (2013-10-07 19:00:01 UTC).
_EPOCH_S_RANGE = (946_684_800, 4_102_444_800)  # 2000-01-01 to 2100-01-01
_EPOCH_MS_RANGE = (946_684_800_000, 4_102_444_800_000)  # 2000 to 2100


def _date_candidates(el: etree._Element) -> list[str]:
    out = []
    for attr in ("datetime", "content", "title", "data-datetime"):
        v = el.get(attr)
        if v:
            out.append(v)
    for attr in ("pubdate", "data-timestamp", "data-time"):
        # Unix seconds: tagDiv's comment <time pubdate="1705759800">
        v = (el.get(attr) or "").strip()
        if v.isdecimal() and len(v) <= 10 and _EPOCH_S_RANGE[0] <= int(v) < _EPOCH_S_RANGE[1]:
            out.insert(0, datetime.fromtimestamp(int(v), UTC).isoformat())
            break
    link = el if el.tag == "a" else el.find(".//a[@href]")
    m = _SHOW_COMMENT_RE.search(link.get("href") or "") if link is not None else None
    if m and _EPOCH_MS_RANGE[0] <= int(m.group(1)) < _EPOCH_MS_RANGE[1]:
        out.insert(0, datetime.fromtimestamp(int(m.group(1)) / 1000, UTC).isoformat())
    text = element_text(el)
    if text:
        # Twenty Ten prints the time as the permalink's title around the date:
        # <a title="18:40" rel="bookmark"><span class="entry-date">13. März 2021</span></a>
        link = next(el.iterancestors("a"), None)
        clock = (link.get("title") or "").strip() if link is not None else ""
        if _CLOCK_RE.match(clock):
            out.append(f"{text} {clock}")
        out.append(text)
        if len(el):
            # A date badge whose parts only CSS sets apart:
            # <span class="month">Apr</span> <span class="day">04</span><span class="year">…
            spaced = " ".join(t for t in el.itertext() if t.strip())
            if spaced != text:
                out.append(spaced)
    return out


def date_of(elements: Sequence[etree._Element]) -> datetime | None:
    """The first date the elements carry: machine attributes first, then their text."""
    naive: datetime | None = None
    for el in elements:
        for raw in _date_candidates(el):
            value = parse_datetime(raw)
            if value is None:
                continue
            if value.tzinfo is not None:
                return value
            if naive is None:
                naive = value
            break
    return naive


def _ld_types(obj: dict[str, Any]) -> set[str]:
    """An object's JSON-LD types, case-folded and without a schema.org address before
    them: plugins write "article" (JNews) and "https://schema.org/Article" too."""
    t = obj.get("@type")
    names = [t] if isinstance(t, str) else [x for x in t if isinstance(x, str)] \
        if isinstance(t, list) else []
    return {name.rpartition("/")[2].casefold() for name in names}


def _ld_value(page: PageDocument, key: str, types: frozenset[str]) -> Any:
    wanted = {t.casefold() for t in types}
    for obj in page.json_ld:
        if key in obj and _ld_types(obj) & wanted:
            return obj[key]
    return None


def _ld_node(page: PageDocument, ident: str) -> dict[str, Any] | None:
    """The JSON-LD object whose ``@id`` is ``ident`` (not a mere reference to it)."""
    for obj in page.json_ld:
        if obj.get("@id") == ident and len(obj) > 1:
            return obj
    return None


_ARTICLE_TYPES = frozenset({"Article", "BlogPosting", "NewsArticle", "WebPage", "Report",
                            "TechArticle", "SocialMediaPosting", "ReportageNewsArticle",
                            "AnalysisNewsArticle", "OpinionNewsArticle"})


def _meta_date(page: PageDocument, which: str) -> datetime | None:
    keys = (("article:published_time", "datepublished", "dc.date", "dc.date.issued",
             "date", "publish-date", "pubdate", "sailthru.date", "parsely-pub-date")
            if which == "published" else
            ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
             "last-modified"))
    for key in keys:
        value = parse_datetime(page.meta.get(key))
        if value is not None:
            return value
    ld = _ld_value(page, "datePublished" if which == "published" else "dateModified",
                   _ARTICLE_TYPES)
    return parse_datetime(ld) if isinstance(ld, str) else None


def _better_date(theme_value: datetime | None, meta_value: datetime | None) -> datetime | None:
    """Prefer a zoned value: a zoned metadata date replaces a naive theme date."""
    if theme_value is None:
        return meta_value
    if theme_value.tzinfo is not None or meta_value is None or meta_value.tzinfo is None:
        return theme_value
    # A naive theme date was read from text a person reads ("04/12/2020" is ambiguous);
    # the page's machine-readable metadata is the better witness.
    return meta_value


# --- people and terms ----------------------------------------------------------------------


_BYLINE_PREFIX_RE = re.compile(
    r"^(?:(?:post\s+)?author:?\s*)?(?:(?:posted|written|published)\s+)?"
    r"(?:by|von|par|por|di|door|autor(?:in)?:?|author:?)\s+",
    re.IGNORECASE,
)


# hCard's formatted name and the block editor's author-name blocks hold the name alone
_NAME_ONLY_CLASSES = frozenset({"fn", "wp-block-post-author-name",
                                "wp-block-post-author__name"})


def _is_name_element(el: etree._Element) -> bool:
    """Whether ``el`` is marked as holding the name alone: an hCard ``fn``, a block theme's
    author-name block.  Its text is kept whole ("Von Miller", "Par Lindqvist"); a link's or
    a theme's own wrapper's is not, since themes put "By"/"Von" inside those too."""
    classes = set((el.get("class") or "").split())
    return bool(classes & _NAME_ONLY_CLASSES)


def persons_of(elements: Sequence[etree._Element], base: str | None) -> tuple[Person, ...]:
    """Authors named by ``elements`` (links give the url), without duplicates."""
    out: list[Person] = []
    seen: set[str] = set()
    taken: list[tuple[etree._Element, str]] = []
    for el in elements:
        name = _text_without(el, ".//*[" + cls("screen-reader-text") + "]")
        if name is None or len(name) > 120:
            continue
        if any(text == name and (is_inside(el, [t]) or is_inside(t, [el]))
               for t, text in taken):
            # the same words found twice, by the name element and by its wrapper ("By"
            # read off the one but not the other): one person
            continue
        raw = name
        if not _is_name_element(el):
            name = _BYLINE_PREFIX_RE.sub("", name)  # "By Ann Lee" in a byline's wrapper
        name = clean_space(name)
        link = el if el.tag == "a" else el.find(".//a")
        if link is None:
            parent = el.getparent()  # a name element wrapped in its link
            link = parent if parent is not None and parent.tag == "a" else None
        url = _abs(link.get("href"), base) if link is not None else None
        if not name or name.lower() in seen or (url is not None and url in seen):
            continue
        seen.add(name.lower())
        if url is not None:
            seen.add(url)
        taken.append((el, raw))
        out.append(Person(name=name, url=url))
    # An author box's "Send an e-mail to the author" or "Bio" names no one, even alone.
    out = [p for p in out if not _AUTHOR_ACTION_RE.match(p.name or "")
           and not _NOT_A_NAME_LABEL_RE.match(p.name or "")]
    if len(out) > 1:
        # a byline's "follow me" link (<a href="https://twitter.com/handle">handle</a>)
        # beside the author's own name is no author
        own = [p for p in out if not _is_social_profile(p.url) and not _not_a_name(p.name)]
        if own:
            return tuple(own)
    return tuple(out)


_AUTHOR_ACTION_RE = re.compile(
    r"^(?:view|visit|see|read|follow|email|e-mail|mail|contact|get|subscribe|more|all|send"
    r"|write"
    r"|i['’]m on)\b.{0,40}\b(?:author|page|profile|posts?|articles?|stories|feed|rss"
    r"|twitter|facebook|instagram|linkedin|website|site|x)\s*$"
    r"|^(?:email|e-mail|contact|follow|subscribe)(?: (?:the )?author| me)?$",
    re.IGNORECASE)

_SOCIAL_HOSTS = frozenset({
    "twitter.com", "x.com", "facebook.com", "instagram.com", "linkedin.com", "youtube.com",
    "tiktok.com", "pinterest.com", "threads.net", "bsky.app", "github.com"})


# Link texts that sit beside an author's name in bylines and author boxes but name no one:
# "Bio", "More about me", "OpenPGP", a photo credit's "public domain", an address.
_NOT_A_NAME_LABEL_RE = re.compile(
    r"^(?:bio(?:graphy)?|about(?: me| the author)?|(?:more|mehr) (?:about|über) (?:me|mich)"
    r"|profile?|openpgp|pgp(?: key)?|gpg|rss|feed|homepage|website|photo|foto"
    r"|public domain|cc[ -]by.*"
    # an author box's link to the archive ("Author archive", "All posts")
    r"|(?:author )?archives?|(?:all|author) posts|more posts)[.!:]?$", re.IGNORECASE)
_ADDRESS_RE = re.compile(r"^(?:https?://\S+|[\w-]+(?:\.[\w-]+)+(?:/\S*)?)$")
_MAX_NAME_WORDS = 6


def _not_a_name(name: str | None) -> bool:
    """Whether a byline link's text reads as something other than a person's name: a
    label, an address, a numbered headline or a sentence-long title."""
    if not name:
        return True
    return bool(_NOT_A_NAME_LABEL_RE.match(name) or _ADDRESS_RE.match(name)
                or name[0].isdigit() or len(name.split()) > _MAX_NAME_WORDS)


def _is_social_profile(url: str | None) -> bool:
    if url is None:
        return False
    parts = _split(url) if "//" in url else None
    host = (parts.hostname or "") if parts is not None else ""
    host = host.removeprefix("www.").removeprefix("m.")
    return host in _SOCIAL_HOSTS


# Archive paths that say what a term link is, whatever its rel: some themes mark every
# term link rel="category tag", tags and author archives included.
_TAG_ARCHIVE_RE = re.compile(r"/(?:tag|tags|tagged|etiqueta|etiquetas|schlagwort|stichwort"
                             r"|mot-cle|mots-cles|tema|trefwoord)/[^/?#]+/?(?:[?#]|$)"
                             # a site without pretty permalinks: /?tag=slug
                             r"|[?&]tag=[^&#]+", re.IGNORECASE)
# WordPress's default category base, and the ones its translations and sites often set
_CATEGORY_ARCHIVE_RE = re.compile(r"/(?:category|categories|kategorie|kategorien|categoria"
                                  r"|categorias|categorie|kategori|rubrique|rubriek|rubrik)"
                                  r"/[^?#]+?/?(?:[?#]|$)"
                                  # without pretty permalinks: /?cat=20
                                  r"|[?&]cat=\d+(?:[&#]|$)", re.IGNORECASE)
_AUTHOR_ARCHIVE_RE = re.compile(r"/(?:author|autor|auteur|autore)/[^/?#]+/?(?:[?#]|$)",
                                re.IGNORECASE)


def _sort_terms(categories: tuple[Term, ...], tags: tuple[Term, ...]
                ) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """Category links whose url is a tag archive moved to the tags and tag links whose url
    is a category archive to the categories (``get_the_term_list()`` marks every term
    ``rel="tag"``, as Blocksy and Kadence print categories), author archives left out."""
    kept: list[Term] = []
    moved: list[Term] = []
    for c in categories:
        if c.url and _AUTHOR_ARCHIVE_RE.search(c.url):
            continue
        if c.url and _TAG_ARCHIVE_RE.search(c.url):
            moved.append(attrs.evolve(c, taxonomy="post_tag"))
        else:
            kept.append(c)
    kept_tags: list[Term] = []
    known = {c.url for c in kept}
    for t in tags:
        if t.url and _AUTHOR_ARCHIVE_RE.search(t.url):
            continue
        if t.url and _CATEGORY_ARCHIVE_RE.search(t.url):
            if t.url not in known:
                known.add(t.url)
                kept.append(attrs.evolve(t, taxonomy="category"))
        else:
            kept_tags.append(t)
    known = {t.url for t in kept_tags}
    return tuple(kept), (*kept_tags, *(t for t in moved if t.url not in known))


def terms_of(elements: Sequence[etree._Element], taxonomy: str, base: str | None
             ) -> tuple[Term, ...]:
    """Terms named by ``elements`` (links give slug and url), without duplicates."""
    out: list[Term] = []
    seen: set[str] = set()
    for el in elements:
        name = element_text(el)
        if name is None or len(name) > 200:
            continue
        name = name.lstrip("#").strip()
        url = _abs(el.get("href"), base) if el.tag == "a" else None
        key = (url or name).lower()
        if not name or key in seen:
            continue
        seen.add(key)
        out.append(Term(name=name, slug=slug_from_url(url), url=url, taxonomy=taxonomy))
    return tuple(out)


# --- the discussion ------------------------------------------------------------------------

_COMMENT_ID_RE = re.compile(r"(?:^|[-_])comment-(\d{1,18})$|^c(\d{1,19})$"
                            # wpDiscuz: wc-comm-ID_PARENT, wpd-comm-ID_PARENT
                            r"|^w(?:c|pd)-comm-(\d{1,18})_\d{1,18}$")
_ITEM_CHILD_LISTS = ".//*[" + cls("children", "comment-children") + "]"
_AUTHOR_BOXES = ("comment-author", "comment_author", "commentauthor",
                 # wpDiscuz 5-6 and 7; Blocksy's <h4 class="ct-comment-author">; Bootstrap
                 # themes' media object (Hestia: <h4 class="media-heading">Ann <small>date)
                 "wc-comment-author", "wpd-comment-author", "ct-comment-author",
                 "media-heading")
_COMMENT_AUTHOR = (
    ".//*[" + cls(*_AUTHOR_BOXES, "comment-author-name", "social-comment-author") + "]"
    "//*[" + cls("fn") + "]",
    ".//cite[" + cls("fn") + "]",
    # Enfold: <cite class="author_name"><a><cite class="comment_author_name">Ann</cite></a>
    ".//cite[" + cls("author_name") + "]",
    ".//*[" + cls("fn", "wp-block-comment-author-name", "epoch-author-link") + "]",
    # BEM-style themes: <span class="comment__author-name">
    ".//*[" + cls("comment__author-name", "comment-author__name", "comment__author") + "]",
    ".//*[" + cls(*_AUTHOR_BOXES) + "]//*[self::strong or self::b or self::cite][1]",
    ".//*[" + cls(*_AUTHOR_BOXES) + "]//a[" + cls("url") + "]",
    ".//*[" + cls(*_AUTHOR_BOXES) + "]",
    ".//cite//a[" + cls("url") + "]",
    # Blogger's threaded comments: <cite class="user"><a href="…/profile/N">Name</a></cite>
    ".//cite[" + cls("user") + "]",
    # WordPress' own author link (get_comment_author_link) wherever a theme prints it: rel
    # "ugc external nofollow", or "ugc" alone for a link to the site itself
    ".//a[" + cls("url") + "][contains(concat(' ', normalize-space(@rel), ' '), ' external ')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' ugc ')]",
    ".//*[self::span or self::strong or self::b][" + cls("author") + "]",
    # Kubrick and its descendants: <cite>Name</cite> Says: (checked by _bare_cite_name)
    ".//cite[not(@class)]",
)
# What an author element can hold besides the name: "says", the date and time, reply and
# permalink links ("Rolf <span><a title="Permalink"><time>29.07.2020</time></a></span>").
_NOT_THE_NAME = (
    ".//*[" + cls("says", "screen-reader-text", "comment-reply-link", "reply",
                  "comment-meta", "commentmetadata", "comment-metadata", "comment-date",
                  "comment-time", "comment__time", "comment__links", "comment-links",
                  "comment-permalink") + "] | .//time"
)
# Hestia's date in the name's heading: <h4 class="media-heading">Ann <small>· date
_NOT_THE_NAME_HERE = _NOT_THE_NAME + " | ./small"
_DATE_BOXES = ("comment-meta", "commentmetadata", "comment-metadata", "comment-date",
               "comment-time", "social-posted-when", "comment_date", "wp-block-comment-date",
               "wc-comment-date", "wpd-comment-date", "comment_time", "comment__time",
               "comment-datetime", "ct-comment-meta-data",
               # Hueman's ping list: <div class="ping-meta">April 8, 2024</div>
               "ping-meta")
_COMMENT_DATE = (
    ".//time[@datetime]",
    # a link or span carrying the machine date (<a class="time" datetime="2014-12-06T…">)
    ".//*[self::a or self::span or self::abbr][@datetime]",
    ".//*[" + cls(*_DATE_BOXES) + "]//a",
    ".//*[" + cls(*_DATE_BOXES) + "]",
    ".//*[" + cls("media-heading") + "]/small",
    ".//time",
    # Blogger: <span class="datetime secondary-text"><a href="…?showComment=…">…</a></span>
    ".//*[" + cls("datetime") + "]//a",
    # some themes print the date inside the author line: "Ben 19. Juni 2018 um 15:28 Uhr"
    ".//*[" + cls("comment-author", "comment_author") + "]",
    # the comment's own permalink, its date as text (Kubrick and the themes built on it:
    # <small><a href="#comment-5">11.09.2011 23:31</a></small>); a date is read, or nothing
    ".//a[starts-with(@href, '#comment-')]",
)
_COMMENT_CONTENT = (
    ".//*[" + cls("comment-content", "comment-text", "comment_text", "comment-entry",
                  "social-comment-body", "wp-block-comment-content", "wc-comment-text",
                  "wpd-comment-text", "epoch-comment-content", "comment__content",
                  "comment__text", "ct-comment-content", "ping-content") + "]",
    ".//*[" + cls("comment-body") + "]",
)
# What a comment's body is read without: ".//*[cls(…)] | .//script | .//style | .//noscript",
# found in one pass over the (small) copy rather than an XPath with sixteen class tests.
_CONTENT_JUNK = Locator(
    classes=frozenset({
        "comment-author", "comment-meta", "commentmetadata", "comment-metadata", "reply",
        "comment-reply-link", "avatar", "comment-awaiting-moderation", "children",
        "comment-children", "vcard", "says", "comment-footer", "comment-actions",
        "comment-likes", "comment-like-feedback", "wpdiscuz-readmore", "wc-comment-header",
        "wc-comment-footer", "wpd-comment-header", "wpd-comment-subheader",
        "wpd-comment-footer", "ct-comment-meta",
        # ComicPress / Easel: the time, "| #" permalink and reply link of a comment
        "comment-meta-data"}),
    tags=frozenset({"script", "style", "noscript"}),
)
# "Pingback:", and the older themes' comment_type() line, "Pingback von <a>…</a>"
_PINGBACK_LABEL_RE = re.compile(
    r"^\s*(pingback|trackback)\s*(?::\s*|(?:by|from|von|de|par|di|da|door|av|af|przez)\s+)?",
    re.IGNORECASE)
# a separator left alone once the author and date around it are taken out: "| ", " · "
_SEPARATOR_RE = re.compile(r"^\s*[|\u00b7\u2022\u2013\u2014/:-]{1,3}\s*$")
_INLINE_HOLDERS = frozenset({"small", "cite", "span", "em", "strong", "b", "i", "font"})
_LEADING_SEPARATOR_RE = re.compile(r"^\s*[|\u00b7\u2022/]\s+")


def _item_id(item: etree._Element) -> int | None:
    for candidate in (item.get("id"),
                      *(c.get("id") for c in item.iterchildren() if isinstance(c.tag, str))):
        if candidate:
            m = _COMMENT_ID_RE.search(candidate)
            if m:
                return int(m.group(1) or m.group(2) or m.group(3))
    return None


class _Thread:
    """Response items with their nesting, to select each item's own descendants."""

    def __init__(self, items: Sequence[etree._Element], page: PageDocument | None = None
                 ) -> None:
        self.items = list(items)
        self.index = {el: i for i, el in enumerate(self.items)}
        self.page = page

    def owner(self, el: etree._Element) -> etree._Element | None:
        node: etree._Element | None = el
        while node is not None:
            if node in self.index:
                return node
            node = node.getparent()
        return None

    def parent_item(self, item: etree._Element) -> etree._Element | None:
        parent = item.getparent()
        return self.owner(parent) if parent is not None else None

    def own(self, item: etree._Element, expr: str | tuple[str, ...]) -> list[etree._Element]:
        """Matches of ``expr`` (each expression in turn) that belong to ``item`` itself."""
        return list(self.iter_own(item, expr))

    def iter_own(self, item: etree._Element, expr: str | tuple[str, ...]
                 ) -> Iterator[etree._Element]:
        """:meth:`own`'s matches one by one: later expressions run only when asked for."""
        seen: set[etree._Element] = set()
        for one in (expr,) if isinstance(expr, str) else expr:
            # The page's locator index answers from its own tree; lxml answers the rest.
            found = self.page.find_all(one, item) if self.page is not None else [
                e for e in xpath(one)(item) if isinstance(e, etree._Element)]
            for e in found:
                if e not in seen and self.owner(e) is item:
                    seen.add(e)
                    yield e

    def first_own(self, item: etree._Element, expr: str | tuple[str, ...]
                  ) -> etree._Element | None:
        """The first of :meth:`own`'s matches, or ``None``."""
        return next(self.iter_own(item, expr), None)


def _merge_duplicate_items(items: Sequence[etree._Element]) -> list[etree._Element]:
    """Keep one element per response: ``li#li-comment-5 > div#comment-5`` is one comment."""
    out: list[etree._Element] = []
    chosen: dict[etree._Element, int | None] = {}
    for item in items:
        ident = _item_id(item)
        node = item.getparent()
        duplicate = False
        while node is not None:
            if node in chosen:
                duplicate = chosen[node] == ident and ident is not None
                break
            node = node.getparent()
        if not duplicate:
            chosen[item] = ident
            out.append(item)
    return out


_PING_LISTS = frozenset({"pinglist", "ping-list", "pingbacklist"})


def _is_pingback(item: etree._Element, thread: _Thread) -> str | None:
    classes = set((item.get("class") or "").split())
    for kind in ("pingback", "trackback"):
        if kind in classes or f"social-{kind}" in classes:
            return kind
    parent = item.getparent()
    if parent is not None and _PING_LISTS & set((parent.get("class") or "").split()):
        return "pingback"
    own_text = _own_text_start(item, thread)
    m = _PINGBACK_LABEL_RE.match(own_text)
    if m and own_text[m.end(1):m.end()].strip():
        return m.group(1).lower()
    return None


def _own_text_start(item: etree._Element, thread: _Thread) -> str:
    parts: list[str] = []
    for node in item.iter():
        if len("".join(parts)) > 40:
            break
        if node is not item and thread.owner(node) is not item:
            continue
        if isinstance(node.tag, str) and node.tag in {"script", "style"}:
            continue
        if node.text:
            parts.append(node.text)
    return clean_space("".join(parts)) or ""


def discussion(
    regions: DiscussionRegions, *, base: str | None, post_author: Person | None,
    options: Options, defects: list[Defect], page: PageDocument | None = None,
) -> tuple[tuple[Comment, ...], tuple[Pingback, ...], int | None]:
    """Comments, pingbacks and the announced response count of a single-post page.

    ``page`` is the page the regions were located on (its index answers the per-item
    look-ups).
    """
    items = _merge_duplicate_items(regions.items)
    thread = _Thread(items, page)
    comments: list[Comment] = []
    pingbacks: list[Pingback] = []
    naive_dates = naive_pings = 0
    limited = False
    comment_items: dict[etree._Element, Comment] = {}
    last_at_depth: dict[int, Comment] = {}
    for item in items:
        if len(comments) + len(pingbacks) >= options.max_comments:
            defects.append(Defect(kind=DefectKind.LIMIT_REACHED, field="comments",
                                  message=f"more than {options.max_comments} responses; "
                                          "the rest were left out"))
            limited = True
            break
        kind = _is_pingback(item, thread)
        if kind is not None:
            pingback = _pingback(item, kind, thread, base)
            if pingback.date is not None and pingback.date.tzinfo is None:
                naive_pings += 1
            pingbacks.append(pingback)
            continue
        comment = _comment(item, thread, base, comment_items)
        if comment is None:
            continue
        if comment.parent_id is None and comment.depth > 1:
            # A reply printed after its thread rather than inside it (Neve's sibling
            # <li class="children">): WordPress lists a thread parent first, so its
            # parent is the last comment one level up.
            parent = last_at_depth.get(comment.depth - 1)
            if parent is not None and parent.id is not None:
                comment = attrs.evolve(comment, parent_id=parent.id)
        last_at_depth[comment.depth] = comment
        for deeper in [d for d in last_at_depth if d > comment.depth]:
            del last_at_depth[deeper]
        if comment.date is not None and comment.date.tzinfo is None:
            naive_dates += 1
        comment_items[item] = comment
        comments.append(comment)
    if naive_dates:
        defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="comments.date",
                              message=f"{naive_dates} comment date(s) carry no UTC offset"))
    if naive_pings:
        defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="pingbacks.date",
                              message=f"{naive_pings} pingback date(s) carry no UTC offset"))
    count = None
    for heading in regions.headings:
        if thread.owner(heading) is not None:
            continue  # a heading inside a comment is the commenter's
        count = parse_response_count(element_text(heading))
        if count is not None:
            break
    if count is None and regions.area is not None:
        # Blogger's newer layouts: <section class="comments" data-num-comments="4"> under a
        # heading that only says "Comments"
        count = to_int(regions.area.get("data-num-comments"))
    shown = len(comments) + len(pingbacks)
    if count is not None and count not in {shown, len(comments)} and not limited \
            and not _comments_paged(regions, page):
        # (a heading that counts the comments alone, beside the pingbacks, is no mismatch;
        # nor is a page of paged comments)
        defects.append(Defect(
            kind=DefectKind.COUNT_MISMATCH, field="response_count",
            message=f"the page announces {count} response(s) and shows {shown}"
                    + ("; none is in the saved page (a script may load them)" if not shown
                       else "")))
    return tuple(comments), tuple(pingbacks), count


_COMMENT_PAGES = ("//a[contains(@href, '/comment-page-') or contains(@href, 'cpage=')]"
                  " | //*[" + cls("comment-navigation", "comments-pagination",
                                  "comment-nav-above", "comment-nav-below",
                                  "wp-block-comments-pagination", "wpd-load-more-submit-wrap",
                                  "wpdiscuz-comment-pagination") + "]")


def _comments_paged(regions: DiscussionRegions, page: PageDocument | None) -> bool:
    """Whether the page shows one page of the comments (WordPress' "Older comments"
    links to ``comment-page-N``, a pagination block, wpDiscuz's "load more")."""
    if page is not None:
        return page.find(_COMMENT_PAGES) is not None
    root = regions.area.getroottree().getroot() if regions.area is not None else None
    return root is not None and bool(xpath(_COMMENT_PAGES)(root))


_COMMENT_ANCHOR_RE = re.compile(r"#comment-\d+$")
_DEPTH_CLASS_RE = re.compile(r"(?:\bdepth|\bwc_comment_level|\bwpd_comment_level)-(\d{1,4})\b")
_REPLY_LINK_RE = re.compile(r"[#?](?:comment-\d+|replytocom=)")
# The word a theme prints after a commenter's name: "Ann says:", "Ann sagt:", "Ann dijo:"
_SAYS_WORDS = (r"(?:says|said|sagt|denkt|meint|schreibt|dit|écrit|dice|dijo|escribió|disse"
               r"|scrive|zegt|schreef|diz|escreveu|pisze|napisał|napisała|píše|napsal"
               r"|napsala|пишет|говорит|написал|написала|пише|написав|dedi|yazdı|a scris"
               r"|írta|έγραψε)\s*:?")
_SAYS_RE = re.compile(r"\s+" + _SAYS_WORDS + "$", re.IGNORECASE)
_SAYS_START_RE = re.compile(r"^\s*" + _SAYS_WORDS, re.IGNORECASE)


# A commenter line written out in a bare <cite> (Sandbox and its descendants): "Comment by
# Ann — 17.07, 2011 @ 13:10", "Kommentar von Ann am 3. Mai".
_COMMENT_BY_RE = re.compile(
    r"^(?:comment(?:ed)? by|kommentar von|commentaire (?:de|par)|comentario de|commento di"
    r"|reactie van)\s+(?P<name>\S.{0,59}?)"
    r"(?:\s+[—–|-]\s.*|\s+(?:on|am|le|el|il|op|at)\s.*|,\s.*|\s*@.*)?$",
    re.IGNORECASE | re.DOTALL)


def _name_link(box: etree._Element) -> etree._Element | None:
    """The commenter's link in an author box: not the box's permalink, date or "Reply"
    link (OceanWP's comment-author box holds all of them)."""
    links = [a for a in box.iterfind(".//a[@href]") if not has_class(a, "comment-reply-link")
             and not _REPLY_LINK_RE.search(a.get("href") or "")]
    if len(links) > 1:
        junk = [e for e in xpath(_NOT_THE_NAME)(box) if isinstance(e, etree._Element)]
        links = [a for a in links if not is_inside(a, junk)] or links
    return links[0] if links else None


def _comment(item: etree._Element, thread: _Thread, base: str | None,
             seen: dict[etree._Element, Comment]) -> Comment | None:
    ident = _item_id(item)
    a_el = None
    author = None
    for found in thread.iter_own(item, _COMMENT_AUTHOR):
        name = _text_without(found, _NOT_THE_NAME_HERE if has_class(
            found, "media-heading") else _NOT_THE_NAME, thread.page)
        if name and found.tag != "a":
            # WordPress's author link beside a badge in the name's element (ColorMag:
            # <b class="fn"><a class="url">Ann</a><span>Post author</span></b>)
            links = found.findall(".//a[@class]")
            marked = [a for a in links if has_class(a, "url")]
            if len(marked) == 1 and len(links) == 1:
                linked = element_text(marked[0])
                if linked and linked != name and name.startswith(linked):
                    name = linked
        if name:
            name = clean_space(_SAYS_RE.sub("", name))
        if found.tag == "cite" and not found.get("class"):
            by = _COMMENT_BY_RE.match(name or "")
            if by is not None:
                name = by.group("name")  # Sandbox: <cite>Comment by Ann — date</cite>
            elif not _bare_cite_name(found, name):
                continue
        link = found if found.tag == "a" else _name_link(found)
        if link is None and found.tag != "a":
            # the link around the name (Twenty Nineteen, Twenty Twenty: <a class="url"
            # rel="external nofollow"><img/><b class="fn">Ann</b></a>)
            around = next(found.iterancestors("a"), None)
            if around is not None and around.get("href") and is_inside(around, [item]) \
                    and not has_class(around, "comment-reply-link"):
                link = around
        url = _abs(link.get("href"), base) if link is not None else None
        if url is not None and _COMMENT_ANCHOR_RE.search(url):
            url = None
        if name or url:  # an author box holding only the avatar names no one
            a_el = found
            author = Person(name=name, url=url)
            break
    date = None
    date_el = None
    date_line = -1  # the siblings after the author element its date line takes, if any
    for d in thread.iter_own(item, _COMMENT_DATE):
        date = date_of([d])
        if date is not None:
            date_el = d
            break
    if date is None and a_el is not None:
        # "Comment by <a>Ann</a> — 17.07, 2011 @ 13:10" in a bare <cite>
        cite = a_el if a_el.tag == "cite" else next(a_el.iterancestors("cite"), None)
        if (cite is not None and not cite.get("class") and is_inside(cite, [item])
                and _COMMENT_BY_RE.match(element_text(cite) or "")):
            date = date_of([cite])
        else:
            # <span class="author">Ann</span><br />März 7, 2018 <p>…: the date is the
            # bare text printed after the name
            date, taken = _date_after(a_el)
            if date is not None:
                date_line = taken
    content_el = thread.first_own(item, _COMMENT_CONTENT)
    if content_el is None and item.tag == "dt":
        # <dl> comment lists (Thesis and older themes): meta in <dt>, body in the <dd>.
        following = item.getnext()
        content_el = following if following is not None and following.tag == "dd" else None
    if content_el is None:
        content_el = item
    # An author line printed inside the body's element (<p><span class="author">Ann</span>
    # · 2 weeks ago</p>, Kubrick's <cite>Ann</cite> Says:) is no part of what was written.
    meta = [el for el in (_author_line(a_el, content_el), date_el)
            if el is not None and el is not content_el and is_inside(el, [content_el])]
    after = (a_el, date_line) if date_line >= 0 and a_el in meta else None
    body = _comment_body(content_el, meta, after)
    if meta and element_text(body) is None:
        body = _comment_body(content_el, [])  # the author line was all there was to read
    content_html = inner_html(body)
    content_text = element_text(body, keep_lines=True)
    if ident is None and author is None and content_text is None:
        return None
    parent_item = thread.parent_item(item)
    parent = seen.get(parent_item) if parent_item is not None else None
    depth = parent.depth + 1 if parent is not None else 1
    m = _DEPTH_CLASS_RE.search(item.get("class") or "")
    if m and parent is None:
        depth = max(1, int(m.group(1)))
    return Comment(
        id=ident,
        author=author,
        date=date,
        content_html=content_html,
        content_text=content_text,
        parent_id=parent.id if parent is not None else None,
        depth=depth,
        by_post_author=has_class(item, "bypostauthor")
        or has_class(item, "wc-blog-post_author") or bool(thread.own(item, _BY_POST_AUTHOR)),
    )


# the post author's own mark inside a comment (wpDiscuz 7 puts it on the comment's wrapper,
# OceanWP comment_class() on the <article> inside the item)
_BY_POST_AUTHOR = (".//cite[" + cls("blog-author") + "]"
                   " | .//*[" + cls("wpd-comment-wrap") + "][" + cls("wpd-blog-post_author") + "]"
                   " | .//article[" + cls("bypostauthor") + "]")
_NOT_A_NAME_RE = re.compile(r"\d|https?:")
_META_LINE_SLACK = 40
"""Characters besides the name a paragraph may hold and still be the author's line."""


def _comment_body(content_el: etree._Element, meta: list[etree._Element],
                  after: tuple[etree._Element, int] | None = None) -> etree._Element:
    """``content_el`` without comment furniture, nested replies and the ``meta`` elements
    below it; ``content_el`` itself when there is nothing to leave out.  ``after`` is a
    meta element and the number of its following siblings that, with its tail, print its
    date line: they go too."""
    if not meta and not any(_is_reply_list(child) for child in content_el) and not (
            _CONTENT_JUNK(content_el)):
        return content_el  # nothing to leave out: read in place
    body = copy.deepcopy(content_el)
    body.tail = None
    # the copies of the meta elements, found before anything moves
    copies = [_follow(body, _path(content_el, el)) for el in meta]
    if after is not None:
        first = _follow(body, _path(content_el, after[0]))
        if first is not None:
            for sib in list(first.itersiblings())[: after[1]]:
                sib.getparent().remove(sib)  # type: ignore[union-attr]
            first.tail = None
    for junk in _CONTENT_JUNK(body):
        if isinstance(junk, etree._Element):
            drop_keep_tail(junk)
    for el in copies:
        if el is not None and is_inside(el, [body]):
            if el.tail and _SAYS_START_RE.match(el.tail):
                el.tail = _SAYS_START_RE.sub("", el.tail, count=1)
            if el.tail and _SEPARATOR_RE.match(el.tail):
                el.tail = None
            holder = el.getparent()
            drop_keep_tail(el)
            # an inline wrapper that held only it goes too: <small><a>date</a></small>
            if (holder is not None and holder is not body and holder.tag in _INLINE_HOLDERS
                    and len(holder) == 0 and not (holder.text or "").strip()):
                drop_keep_tail(holder)
    # nested replies are never part of this comment's body
    for child in list(body):
        if _is_reply_list(child):
            body.remove(child)
    if copies:
        _drop_leading_separator(body)
    return body


def _drop_leading_separator(body: etree._Element) -> None:
    """Drop a separator left first in ``body`` once the author and date that stood on either
    side of it are gone: ``<cite>Ann</cite> | <small>date</small>``."""
    if body.text and body.text.strip():
        if _SEPARATOR_RE.match(body.text):
            body.text = None
        return
    for el in body.iterdescendants():
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value and value.strip():
                if _SEPARATOR_RE.match(value):
                    setattr(el, attr, None)
                return


def _author_line(a_el: etree._Element | None, within: etree._Element) -> etree._Element | None:
    """The author element, or the short paragraph it stands in (name, date, "Reply")."""
    if a_el is None:
        return None
    line = a_el.getparent()
    while line is not None and line is not within and line.tag in _INLINE_WRAPPERS:
        line = line.getparent()
    if line is not None and line is not within and line.tag == "p":
        own = len(element_text(a_el) or "")
        if len(element_text(line) or "") - own <= _META_LINE_SLACK:
            return line
    return a_el


_INLINE_WRAPPERS = frozenset({"cite", "span", "small", "strong", "b", "em", "i", "font"})


_AFTER_NAME_CHARS = 80
_INLINE_AFTER_NAME = frozenset({"br", "span", "a", "time", "small", "em", "i", "b", "strong",
                                "abbr"})
_DATE_LINE_WORDS_RE = re.compile(r"[^\W\d_]{2,}")
_MAX_DATE_LINE_WORDS = 5


def _date_after(el: etree._Element) -> tuple[datetime | None, int]:
    """The date printed as bare text right after ``el`` and before the next block, as in
    "<b>Ann</b><br />März 7, 2018<p>…", and how many of ``el``'s following siblings that
    line takes.  Only a short line that reads as a date and little else counts, so that a
    comment's own first sentence is never taken for one."""
    parts = [el.tail or ""]
    taken = 0
    for sib in el.itersiblings():
        if not isinstance(sib.tag, str) or sib.tag not in _INLINE_AFTER_NAME:
            break
        parts.append(" " if sib.tag == "br" else sib.text or "")
        parts.append(sib.tail or "")
        taken += 1
        if sum(map(len, parts)) > _AFTER_NAME_CHARS:
            return None, 0
    text = " ".join("".join(parts).split())
    if not text or len(text) > _AFTER_NAME_CHARS or len(
            _DATE_LINE_WORDS_RE.findall(text)) > _MAX_DATE_LINE_WORDS:
        return None, 0
    date = parse_datetime(text)
    return (date, taken) if date is not None else (None, 0)


def _bare_cite_name(cite: etree._Element, name: str | None) -> bool:
    """Whether a ``<cite>`` without a class names the commenter (Kubrick's
    ``<cite>Name</cite> Says:``) rather than a work quoted in the comment."""
    if not name or len(name) > 60 or _NOT_A_NAME_RE.search(name):
        return False
    return not any(a.tag in {"p", "blockquote", "q"} for a in cite.iterancestors())


def _is_reply_list(el: etree._Element) -> bool:
    """Whether ``el`` is a list of nested replies inside a comment."""
    return isinstance(el.tag, str) and el.tag in {"ul", "ol"} and (
        has_class(el, "children") or el.find(".//li[@id]") is not None)


_PINGBACK_NOT_BODY = (
    _ITEM_CHILD_LISTS + " | .//script | .//time | .//*[" + cls(
        "comment-meta", "commentmetadata", "reply", "social-comment-meta", "comment-author",
        "fn", "comment-reply-link", "ct-comment-meta", *_DATE_BOXES) + "] | .//*[@datetime]"
    " | .//a[starts-with(@href, '#comment-')]"
    " | .//*[" + cls("media-heading") + "]/small")


def _pingback(item: etree._Element, kind: str, thread: _Thread, base: str | None) -> Pingback:
    links = [a for a in thread.own(item, ".//a[@href]")
             if not has_class(a, "comment-reply-link")
             and not _REPLY_LINK_RE.search(a.get("href") or "")
             and not is_inside(a, thread.own(item, ".//*[" + cls(
                 "comment-meta", "commentmetadata", "reply", "social-comment-meta") + "]"))]
    # Highlander prints the source link as the author (inside the comment meta).
    author_links = [a for a in thread.own(item, ".//*[" + cls("fn") + "]//a[@href]"
                                          " | .//cite//a[@href] | .//a[" + cls("url") + "]")
                    if not has_class(a, "comment-reply-link")]
    url_links = author_links or links
    link = url_links[0] if url_links else None
    # (Twenty Twenty's link holds a hidden <span class="says">says:</span>)
    link_text = _text_without(link, _NOT_THE_NAME, thread.page) if link is not None else None
    # The excerpt is the item's text element where the theme prints one (Highlander's and
    # Blocksy's comment-content); else the item's text without its name, date and links.
    text_el = thread.first_own(item, _COMMENT_CONTENT[0])
    body_text = _text_without(item, _PINGBACK_NOT_BODY, thread.page) if (
        text_el is None or link_text is None) else None
    if link_text is None and body_text:
        link_text = _PINGBACK_LABEL_RE.sub("", body_text, count=1)
    if text_el is not None:
        body_text = _text_without(text_el, _PINGBACK_NOT_BODY, thread.page)
    if kind == "trackback":
        # WordPress shows a trackback's blog name as its author and puts the linking
        # post's title in <strong> at the head of its excerpt.
        strong = thread.first_own(item, ".//strong")
        strong_text = element_text(strong)
        title = strong_text if strong_text and strong_text != link_text else None
        blog = clean_space(_PINGBACK_LABEL_RE.sub("", link_text or "", count=1))
    else:
        title, blog = split_pingback_title(link_text)
    excerpt = None
    if body_text:
        rest = _PINGBACK_LABEL_RE.sub("", body_text, count=1)
        if link_text and rest.startswith(link_text):
            rest = rest[len(link_text):]
        excerpt = clean_space(_LEADING_SEPARATOR_RE.sub("", rest, count=1))
    date = None
    for d in thread.iter_own(item, _COMMENT_DATE):
        date = date_of([d])
        if date is not None:
            break
    return Pingback(
        kind=kind,
        url=_abs(link.get("href"), base) if link is not None else None,
        title=title,
        blog_name=blog,
        excerpt=excerpt,
        date=date,
        id=_item_id(item),
    )


# --- the reply form ------------------------------------------------------------------------

_SERVICE_NAMES = {
    "wordpress": "WordPress.com", "wordpress.com": "WordPress.com", "twitter": "Twitter",
    "facebook": "Facebook", "googleplus": "Google", "google": "Google", "google+": "Google",
    "x": "X", "mastodon": "Mastodon", "email": "Email", "tumblr": "Tumblr",
    "linkedin": "LinkedIn", "apple": "Apple", "github": "GitHub", "openid": "OpenID",
}
# Anti-spam fields hidden from readers by CSS (Akismet's honeypot), never filled by people.
_LEAVE_REPLY_RE = re.compile(
    r"^(?:leave a (?:reply|comment)|(?:schreibe|hinterlasse) einen kommentar|kommentieren"
    r"|laisser un commentaire|deja un comentario|lascia un commento)\b", re.IGNORECASE)
_HONEYPOT_PREFIXES = ("ak_hp_",)
_REQUIRED_RE = re.compile(
    r"\s*(?:\*|\((?:required|erforderlich|obligatoire|obligatorio|obbligatorio|verplicht|"
    r"pflichtfeld)\)|(?:required|erforderlich))\s*$", re.IGNORECASE)


def _wrapper_label(el: etree._Element, scope: etree._Element, traps: set[str]
                   ) -> etree._Element | None:
    """The one label in ``el``'s wrapper (``p.comment-form-comment``) when it names no other
    field: no ``for``, or a ``for`` pointing at a trap for robots."""
    wrapper = el.getparent()
    if wrapper is None or wrapper is scope:
        return None
    found = wrapper.findall("label")
    if len(found) != 1:
        return None
    target = found[0].get("for")
    return found[0] if not target or target in traps else None


def _hidden_by_style(el: etree._Element, scope: etree._Element) -> bool:
    """Whether ``el`` or a wrapper of it inside ``scope`` is hidden from readers
    (``style="display:none"``, ``visibility:hidden``, the ``hidden`` attribute)."""
    node: etree._Element | None = el
    while node is not None and node is not scope:
        if node.get("hidden") is not None:
            return True
        style = node.get("style")
        if style:
            style = "".join(style.split()).lower()
            if "display:none" in style or "visibility:hidden" in style:
                return True
        node = node.getparent()
    return False


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _heading_before(form: etree._Element) -> str | None:
    """The heading a theme prints just before a bare reply form (``<h2
    class="respondstart">Reply</h2> <div class="cancel-comment-reply">… <form>``), past an
    anchor or a small wrapper; never across a list, the comments' own heading's place."""
    for sibling in itertools.islice(form.itersiblings(preceding=True), 4):
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in _HEADINGS:
            return element_text(sibling)
        if sibling.tag not in {"a", "div", "p", "span"} or next(sibling.iter("li"), None) \
                is not None:
            return None
    return None


def comment_form(container: etree._Element, *, base: str | None) -> CommentForm:
    """The reply form from its container (``#respond``) or the ``<form>`` itself."""
    form = container if container.tag == "form" else container.find(".//form")
    if form is None and container.tag in _HEADINGS:
        # Kubrick: <h3 id="respond">Leave a Reply</h3> … <form id="commentform">, the
        # heading the form's only mark
        for sibling in itertools.islice(container.itersiblings(), 4):
            form = sibling if sibling.tag == "form" else sibling.find(".//form")
            if form is not None:
                break
        if form is not None:
            return attrs.evolve(comment_form(form, base=base),
                                heading=element_text(container))
    heading_el = next(iter(xpath(
        ".//*[@id='reply-title' or " + cls("comment-reply-title", "comments-reply-title")
        + "] | .//h3 | .//h2 | .//h4")(container)), None)
    heading = None
    if isinstance(heading_el, etree._Element) and not is_inside(heading_el, [form]):
        heading = _text_without(heading_el, ".//small | .//*[@id='cancel-comment-reply-link']")
        if heading is None and container.tag != "form":
            # an empty reply title (Twenty Nineteen passes none) under the heading its
            # wrapper prints just before the form's container
            before = container.getprevious()
            if before is not None and before.tag in {"h2", "h3", "h4"}:
                heading = element_text(before)
        if heading is None and heading_el.tag == "p":
            # <p id="reply-title"><div>Leave A Reply</div> (Publisher): the parser closes
            # the <p> at the <div>, which follows it
            after = heading_el.getnext()
            if after is not None and after.tag == "div" and after is not form:
                heading = _text_without(after, ".//small | .//form")
    elif isinstance(heading_el, etree._Element) and form is None:
        heading = element_text(heading_el)
    if heading is None and container.tag == "form":
        heading = _heading_before(container)
    scope = form if form is not None else container
    fields: list[FormField] = []
    hidden: list[FormField] = []
    subscriptions: list[str] = []
    labels: dict[str, etree._Element] = {}
    for label_node in scope.iter("label"):
        target = label_node.get("for")
        if target and target not in labels:
            labels[target] = label_node
    post_id = None
    submit_label = None
    controls = [el for el in xpath(".//input | .//textarea | .//select")(scope)
                if isinstance(el, etree._Element)]
    # traps for robots (Antispam Bee hides name="comment" and gives the visible text area
    # a random name): no one fills them in, and a label pointing at one names its neighbour
    # (a field hidden by CSS, "Leave this empty" honeypots of Akismet's kind, is one too)
    hidden_controls = {el for el in controls if el.get("type") != "hidden" and (
        el.get("aria-hidden") == "true" or _hidden_by_style(el, scope))}
    traps = {el.get("id") or "" for el in hidden_controls}
    for el in controls:
        assert isinstance(el, etree._Element)
        kind = (el.get("type") or "text").lower() if el.tag == "input" else str(el.tag)
        name = el.get("name")
        if kind in {"submit", "button", "image", "reset"}:
            if submit_label is None:
                submit_label = clean_space(el.get("value"))
            continue
        if not name or name.startswith(_HONEYPOT_PREFIXES):
            continue
        if kind != "hidden" and el in hidden_controls:
            continue
        if kind == "hidden":
            hidden.append(FormField(name=name, kind="hidden", value=el.get("value"),
                                    id=el.get("id")))
            if name == "comment_post_ID":
                post_id = to_int(el.get("value"))
            continue
        label_el = labels.get(el.get("id") or "")
        if label_el is None:
            parent = el.getparent()
            while parent is not None and parent is not scope and parent.tag != "label":
                parent = parent.getparent()
            label_el = parent if parent is not None and parent.tag == "label" else None
        if label_el is None:
            label_el = _wrapper_label(el, scope, traps)
        required = (el.get("required") is not None or el.get("aria-required") == "true")
        wrapper_el = el.getparent()
        if wrapper_el is not None and wrapper_el is not scope and wrapper_el.tag in {"p", "div"} \
                and {"req", "required"} & set((wrapper_el.get("class") or "").split()):
            required = True  # Hybrid's <p class="form-textarea req">
        label: str | None = None
        if label_el is not None:
            if xpath(".//*[" + cls("required") + "]")(label_el):
                required = True
            label = _text_without(label_el, ".//*[" + cls(
                "required", "nopublish", "required-field-message", "screen-reader-text") + "]")
            if label and _REQUIRED_RE.search(label):
                required = True
                label = _REQUIRED_RE.sub("", label).strip() or None
        if label is None:
            label = clean_space(el.get("placeholder") or el.get("title") or el.get("aria-label"))
            if label and _REQUIRED_RE.search(label):
                # a placeholder that says the field is required ("Email*", Soledad)
                required = True
                label = _REQUIRED_RE.sub("", label).strip() or None
        if label is None and kind in {"checkbox", "radio"}:
            # a box with its words beside it in a span (Soledad's consent box): the words
            # of the paragraph around it, when it holds no other control
            wrapper = el.getparent()
            if wrapper is not None and wrapper is not scope and wrapper.tag in {"p", "div"} \
                    and len(xpath(".//input | .//textarea | .//select")(wrapper)) == 1:
                label = element_text(wrapper)
        if kind == "checkbox" and label and "subscribe" in (name + (el.get("id") or "")).lower():
            subscriptions.append(label)
        fields.append(FormField(name=name, kind=kind, label=label, required=required,
                                id=el.get("id")))
    if submit_label is None:
        # <button type="submit">Post Comment</button> (Blocksy): a button submits unless
        # its type says otherwise; element_text() reads no button (it skips them in text)
        buttons = xpath(".//button[not(@type) or @type='submit']")(scope)
        button = buttons[0] if buttons and isinstance(buttons[0], etree._Element) else None
        if button is not None:
            submit_label = clean_space(" ".join(button.itertext())) or clean_space(
                button.get("value"))
    notes: list[str] = []
    for note in xpath(".//*[" + cls("comment-notes", "logged-in-as", "form-allowed-tags",
                                    # Publisher's notes around the fields
                                    "note-before", "note-after",
                                    "must-log-in") + "] | .//*[@id='comment-form-nascar']/p"
                      # Blogger: the blog's form message, a bare <p> beside the editor frame
                      " | self::*[" + cls("comment-form") + "][.//iframe]/p")(
            container):
        assert isinstance(note, etree._Element)
        text = element_text(note)
        if text and text not in notes:
            notes.append(text)
    jetpack_frame = container.find(".//iframe[@id='jetpack_remote_comment']")
    action = form.get("action") if form is not None else None
    method = form.get("method") if form is not None else None
    if form is None and jetpack_frame is not None:
        action = jetpack_frame.get("src")
    return CommentForm(
        heading=heading,
        action=_abs(action, base),
        method=method.lower() if method else ("post" if form is not None else None),
        post_id=post_id,
        fields=tuple(f for f in fields),
        hidden_fields=tuple(hidden),
        login_options=_login_options(container),
        notes=tuple(notes),
        subscription_options=tuple(subscriptions),
        submit_label=submit_label,
    )


def _login_options(container: etree._Element) -> tuple[LoginOption, ...]:
    found: dict[str, LoginOption] = {}
    # Highlander / Jetpack: <div id="comment-form-twitter" class="comment-form-service">
    for el in xpath(".//*[" + cls("comment-form-service") + "]")(container):
        assert isinstance(el, etree._Element)
        svc = (el.get("id") or "").removeprefix("comment-form-").lower()
        name = _SERVICE_NAMES.get(svc)
        if name and name not in found:
            found[name] = LoginOption(name=name)
    # The icon row: <a href="#comment-form-load-service:Twitter" class="nascar-signin-link">
    for a in xpath(".//a[" + cls("nascar-signin-link") + "]")(container):
        assert isinstance(a, etree._Element)
        href = a.get("href") or ""
        svc = href.rpartition("load-service:")[2] if "load-service:" in href else (
            a.get("id") or "").removeprefix("postas-")
        name = _SERVICE_NAMES.get(svc.lower())
        url = href if href.startswith(("https://", "http://")) else None
        if name and (name not in found or (found[name].url is None and url)):
            found[name] = LoginOption(name=name, url=url)
    return tuple(found.values())


# --- posts and the site --------------------------------------------------------------------

_POST_ID_RE = re.compile(r"^post-(\d{1,18})$")


# Post types page builders store their layouts as: a single post laid out with one is
# wrapped in the layout's own <article class="post-116 type-tdb_templates">, whose id and
# type are the layout's, not the post's.
_LAYOUT_TYPES = frozenset({
    "type-tdb_templates", "type-elementor_library", "type-et_pb_layout",
    "type-fl-builder-template", "type-ct_template", "type-wp_template"})


def _is_layout(root: etree._Element) -> bool:
    return not _LAYOUT_TYPES.isdisjoint((root.get("class") or "").split())


def _post_id(regions: PostRegions, page: PageDocument, single: bool) -> int | None:
    layout = _is_layout(regions.root)
    m = None if layout else _POST_ID_RE.match(regions.root.get("id") or "")
    if m:
        return int(m.group(1))
    for c in () if layout else (regions.root.get("class") or "").split():
        if c.startswith("post-") and c[5:].isdecimal():
            return int(c[5:])
    if single:
        for c in page.body_classes:
            if c.startswith(("postid-", "page-id-")) and c.rpartition("-")[2].isdecimal():
                return int(c.rpartition("-")[2])
        short = page.links.get("shortlink")
        if short:
            parts = _split(short)
            q = parse_qs(parts.query).get("p") if parts is not None else None
            if q and q[0].isdecimal():
                return int(q[0])
    # Blogger: <meta itemprop="postId" content="N">, <div class="post-body" id="post-body-N">
    for el in page.find_all(_BLOGGER_POST_ID, regions.root):
        value = el.get("content") if el.tag == "meta" else (el.get("id") or "")[10:]
        if value and value.isdecimal() and len(value) <= 20:
            return int(value)
    return None


_BLOGGER_POST_ID = (".//meta[@itemprop='postId']",
                    ".//*[" + cls("post-body") + "][starts-with(@id, 'post-body-')]")


_ITEMPROP_PUBLISHED = etree.XPath(".//*[@itemprop='datePublished']")
_ITEMPROP_MODIFIED = etree.XPath(".//*[@itemprop='dateModified']")
_COMMENTS_ANCHOR_LINK = etree.XPath(
    ".//a[contains(@href, '#comments') or contains(@href, '#respond')]")
_HEADER_PUBLISHED = (".//time[@datetime][not(" + cls("updated") + ")]",
                     ".//*[" + cls("published", "entry-date", "post-date", "posted-on") + "]")
_HEADER_UPDATED = (".//time[" + cls("updated") + "]",
                   ".//*[" + cls("date-modified", "updated") + "]//time",
                   ".//*[" + cls("updated") + "]")


def _header_outside(page: PageDocument, root: etree._Element) -> etree._Element | None:
    """The post's header where a theme prints it before the post's container: the
    outermost element around the page's ``<h1>`` that does not hold the container."""
    h1 = next((h for h in page.find_all("//h1") if not is_teaser(h)), None)
    if h1 is None or is_inside(h1, [root]):
        return None
    node = h1
    parent = node.getparent()
    while parent is not None and not is_inside(root, [parent]):
        node = parent
        parent = node.getparent()
    if parent is None or node.get("role") == "banner" or node.get("id") in {
            "masthead", "header", "site-header"}:
        return None  # no common ancestor, or the site's own header
    return node


def _excerpt_text(el: etree._Element) -> str | None:
    """An archive entry's excerpt as text, without the furniture a post body loses (a
    "Read More »" link, screen-reader titles, share rows)."""
    clean = clean_copy(el)
    drop_trailing_furniture(clean)
    return element_text(clean)


# "11.05.2012, 10:22 von jovelstefan", "May 11th, 2012 by Ann": a date, then the name
_SMALL_BYLINE_RE = re.compile(
    r"\d[^|]{0,60}?\s(?:by|von|par|por|di|door|av|af)\s+(?P<name>[^\d|,;:()]{1,60}?)\s*$",
    re.IGNORECASE)


def _small_byline(regions: PostRegions, base: str | None) -> tuple[Person, ...]:
    """The author Kubrick-style themes name after the date in the bare ``<small>`` under
    the post's title (``<small>11.05.2012, 10:22 von jovelstefan</small>``)."""
    smalls = list(regions.root.iterchildren("small"))
    after_title = regions.title.getnext() if regions.title is not None else None
    if after_title is not None and after_title.tag == "small":
        smalls.append(after_title)
    for small in smalls:
        text = element_text(small)
        m = _SMALL_BYLINE_RE.search(text or "")
        if m is None:
            continue
        name = clean_space(m.group("name"))
        if not name:
            continue
        link = next((a for a in small.iter("a") if element_text(a) == name), None)
        return (Person(name=name, url=_abs(link.get("href"), base) if link is not None else None),)
    return ()


_AUTHOR_BIO = "//*[" + cls("author-bio", "author-info", "author-box", "post-author") + "]"
_BIO_TITLE_PREFIX_RE = re.compile(
    r"^(?:by|published by|posted by|written by|about|von|par|por|di|door|veröffentlicht von"
    r"|publié par|publicado por|pubblicato da|gepubliceerd door|über)\s+", re.IGNORECASE)


def _bio_author(page: PageDocument, root: etree._Element, base: str | None
                ) -> tuple[Person, ...]:
    """The author named by the post's author box, where the theme prints no byline
    (Twenty Twenty-One omits it when the author has a biography): the box's heading
    without its "By", and its ``rel="author"`` link."""
    for box in page.find_all(_AUTHOR_BIO):
        if not (is_inside(box, [root]) or (box.getprevious() is root and not is_teaser(box))):
            continue
        link = next((a for a in box.iterfind(".//a[@href]")
                     if "author" in (a.get("rel") or "").split()
                     or _AUTHOR_ARCHIVE_RE.search(a.get("href") or "")), None)
        heading = next((h for h in box.iter("h2", "h3", "h4") if element_text(h)), None)
        name = clean_space(_BIO_TITLE_PREFIX_RE.sub("", element_text(heading) or ""))
        if name and link is not None:
            return (Person(name=name, url=_abs(link.get("href"), base)),)
    return ()


def build_post(
    page: PageDocument, regions: PostRegions, *, single: bool, base: str | None,
    discussion_regions: DiscussionRegions | None, site: Site, options: Options,
    defects: list[Defect], content_base: str | None,
) -> Post:
    """One :class:`Post` from its regions (and the page's metadata for single posts)."""
    title = element_text(regions.title)
    if title is not None and regions.title is not None and any(
            is_inside(d, [regions.title]) for d in (*regions.published, *regions.updated)):
        # a date printed inside the title's heading (Bridge: <h2><span class="date">05
        # Mar</span> Title</h2>) is no part of the title
        title = element_text(_copy_without(regions.title, [
            d for d in (*regions.published, *regions.updated)
            if is_inside(d, [regions.title])])) or title
    permalink_el = regions.permalink
    url = _abs(permalink_el.get("href"), base) if permalink_el is not None else None
    if url is not None and _DATE_ARCHIVE_RE.search(url):
        url = None  # a rel="bookmark" date link to the day's archive (The7)
    if single:
        meta_title = _meta_title(page, site)
        teaser = _links_elsewhere(page, regions.title, base)
        if teaser:
            # the title of another post's teaser printed first inside the post's container
            # (a page builder's layout holding "related" modules): neither its title nor
            # its link is this post's
            url = None
        if meta_title and (title is None or teaser or (
                not _is_specific_title(regions.title)
                and _fold_title(title) not in _fold_title(meta_title))):
            # A bare <h1>/<h2> that the page's own title does not contain is likely a
            # heading of something else; a page heading the <title> confirms wins.  With
            # no title in the post, that heading (printed above the post container) is
            # the title without the site's name that og:title often carries.
            folded_meta = _fold_title(meta_title)
            # a page heading the page's title holds: an <h1>, else the post's own <h2> or
            # <h3> (a theme that keeps its <h1> for the section, "News")
            headings = [h for tag in ("h1", "h2", "h3")
                        for h in (page.find_all("//h1") if tag == "h1"
                                  else regions.root.iter(tag))]
            # (a lower heading must be the page's title near enough whole, or its part
            # before the site's name: "Quests" in "Silkroad Roc Mountain Quests" is one of
            # the text's sections)
            wholes = [folded_meta] + [_fold_title(meta_title.split(sep)[0])
                                      for sep in (" | ", " – ", " — ", " - ", " » ", " :: ")
                                      if sep in meta_title]
            for h in headings:
                text = element_text(h)
                folded = _fold_title(text) if text else ""
                if text and folded in folded_meta and len(text) > 3 and (
                        h.tag == "h1" or any(folded in whole and len(folded) >= 0.8 * len(whole)
                                             for whole in wholes)):
                    title = text
                    break
            else:
                if teaser or _heading_of_the_text(regions) or _overruled_heading(
                        regions, meta_title):
                    # a teaser's title, or a heading inside the post's text that the page's
                    # own title does not contain: not the post's title
                    title = meta_title
        if title is None:
            title = meta_title
        # (WordPress' shortlink, ?p=N, is the post's address too, where nothing else is)
        url = url or _abs(page.links.get("canonical") or page.meta.get("og:url"), base) or base \
            or _abs(page.links.get("shortlink"), base)
    content_el = regions.content
    # (a title element inside the content that the page's title overruled is one of the
    # text's own headings: The7 prints the post's <h1> outside the <article>)
    # (an <h1> too, where the text's sections are <h1>s and the page's title, not found
    # in the heading, named the post)
    wraps_meta = content_el is not None and regions.title is not None and is_inside(
        regions.title, [content_el]) and not (
            single and element_text(regions.title) != title and (
                _heading_of_the_text(regions) or _overruled_heading(regions, title)))
    if content_el is not None and wraps_meta:
        # Themes that print paragraphs straight into the post container: the content
        # region holds the title and the byline too, which are not content.
        content_el = _strip_post_furniture(content_el, regions)
    avoid = [None if wraps_meta else regions.content,
             discussion_regions.area if discussion_regions else None]
    authors = persons_of([a for a in regions.authors if not is_inside(a, avoid)], base)
    published_els = [e for e in regions.published
                     if not is_inside(e, avoid) and not _in_comment_list(e, regions.root)] or [
        # schema.org microdata (OceanWP's <li class="meta-date" itemprop="datePublished">)
        e for e in _ITEMPROP_PUBLISHED(regions.root)
        if isinstance(e, etree._Element) and not is_inside(e, avoid)]
    updated_found: Sequence[etree._Element] = regions.updated
    header = _header_outside(page, regions.root) if single and not (
        published_els or updated_found) else None
    if header is not None:
        # the post's header printed apart, above its container (SmartMag, Salient)
        published_els = page.find_all(_HEADER_PUBLISHED, header)
        updated_found = page.find_all(_HEADER_UPDATED, header)
    published = date_of(published_els)
    # hAtom's "updated" on the publication date's own element (tagDiv's and Enfold's
    # <time class="entry-date updated">, an unmodified post in Twenty Fifteen) names no
    # modification: another updated element (Enfold's itemprop="dateModified"), else the
    # page's modified date where it gives one, says more.
    first_published = next((e for e in published_els), None)
    updated_els = [e for e in updated_found if not is_inside(e, avoid)]
    own_updated = [e for e in updated_els if e is not first_published]
    if not own_updated and updated_els:
        # schema.org microdata (Enfold's hidden <span itemprop="dateModified">)
        own_updated = [e for e in _ITEMPROP_MODIFIED(regions.root)
                       if isinstance(e, etree._Element) and not is_inside(e, avoid)]
    updated_els += [e for e in own_updated if e not in updated_els]
    updated = date_of(own_updated or updated_els)
    if single:
        published = _better_date(published, _meta_date(page, "published"))
        meta_updated = _meta_date(page, "updated")
        if meta_updated is not None and meta_updated != updated \
                and updated_els == [first_published]:
            updated = meta_updated
        updated = _better_date(updated, meta_updated)
        if not authors:
            authors = _small_byline(regions, base)
        if not authors:
            # Some themes print the byline outside the post container.
            authors = persons_of([a for a in page.find_all(_PAGE_BYLINE)
                                  if not is_inside(a, avoid)], base)
        if not authors:
            loose = [a for a in page.find_all(_PAGE_BYLINE_LOOSE) if not is_inside(a, avoid)]
            authors = persons_of(loose[:1], base)
        if not authors:
            authors = _meta_authors(page, base)
        if not authors:
            authors = _bio_author(page, regions.root, base)
    if published is not None and published.tzinfo is None:
        defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="published",
                              message="the page gives the publication date without a zone"))
    if updated is not None and updated.tzinfo is None:
        defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="updated",
                              message="the page gives the update date without a zone"))
    content = extract_content(content_el, base_url=content_base, page=True) \
        if content_el is not None else None
    comments: tuple[Comment, ...] = ()
    pingbacks: tuple[Pingback, ...] = ()
    count = None
    form = None
    if discussion_regions is not None:
        comments, pingbacks, count = discussion(
            discussion_regions, base=base, post_author=authors[0] if authors else None,
            options=options, defects=defects, page=page)
        if discussion_regions.form is not None:
            form = comment_form(discussion_regions.form, base=base)
    comments_link = regions.comments_link
    if count is None and comments_link is None:
        # a bare link to the post's comments (Neve, Blocksy: "3 Comments")
        comments_link = next((a for a in _COMMENTS_ANCHOR_LINK(regions.root)
                              if isinstance(a, etree._Element)), None)
    if count is None and comments_link is not None:
        link_text = element_text(comments_link)
        count = parse_response_count(link_text)
        # Themes print "Leave a reply" under a post only while it has no comments.
        if count is None and not (comments or pingbacks) and (
                xpath(".//*[" + cls("leave-reply") + "]")(comments_link)
                or _LEAVE_REPLY_RE.match(link_text or "")):
            count = 0
    featured = image_of(regions.featured_image, base_url=base) \
        if regions.featured_image is not None else None
    if featured is None and single:
        elsewhere = _featured_elsewhere(page, regions.root, header, avoid)
        featured = image_of(elsewhere, base_url=base) if elsewhere is not None \
            else (_meta_image(page, base) or _microdata_image(regions.root, base)
                  or _background_image(page, avoid, base))
    categories = terms_of(regions.categories, "category", base)
    tags = terms_of([t for t in regions.tags if t not in set(regions.categories)],
                    "post_tag", base)
    categories, tags = _sort_terms(categories, tags)
    if single and not (categories and tags):
        # Some themes print the term lists outside the post container; post_class() names
        # the post's terms (category-SLUG, tag-SLUG), which picks out its links page-wide.
        outside_cats, outside_tags = _terms_named_by_post_class(page, regions.root, base)
        categories = categories or outside_cats
        tags = tags or outside_tags
    if single:
        # what every post has: where the page gives none, say so rather than leave the
        # gap unremarked (the field stays None)
        if title is None:
            defects.append(Defect(kind=DefectKind.MISSING_FIELD, field="title",
                                  message="no title was found for the post"))
        if content is None or (not content.text and not content.blocks):
            defects.append(Defect(kind=DefectKind.MISSING_FIELD, field="content_text",
                                  message="no text was found for the post"))
    return Post(
        title=title,
        url=url,
        id=_post_id(regions, page, single) or (form.post_id if form else None),
        type=_post_type(regions, page, single),
        authors=authors,
        published=published,
        updated=updated,
        categories=categories,
        tags=tags,
        excerpt=_excerpt_text(regions.excerpt) if regions.excerpt is not None else None,
        content_html=content.html if content else None,
        content_text=content.text if content else None,
        blocks=content.blocks if content else (),
        captions=content.captions if content else (),
        comments=comments,
        pingbacks=pingbacks,
        response_count=count,
        comment_form=form,
        site=site,
        sticky=True if has_class(regions.root, "sticky") else None,
        featured_image=featured,
    )


_META_CLASS_RE = re.compile(r"meta|byline|posted|date|author|cat|tag|footer|header|title"
                            r"|post_info",
                            re.IGNORECASE)


def _strip_post_furniture(content: etree._Element, regions: PostRegions) -> etree._Element:
    """A copy of ``content`` without the post's title, byline, dates and term lists."""
    targets = [regions.title, regions.permalink, *regions.authors, *regions.published,
               *regions.updated, *regions.categories, *regions.tags]
    tops: list[etree._Element] = []
    for el in targets:
        if el is None or el is content or not is_inside(el, [content]):
            continue
        # climb to the outermost meta-looking wrapper below the content element
        top = el
        node = el.getparent()
        while node is not None and node is not content:
            if _META_CLASS_RE.search(node.get("class") or "") or node.tag in {"header", "footer"}:
                top = node
            node = node.getparent()
        tops.append(top)
    return _copy_without(content, tops)


def _copy_without(root: etree._Element, parts: Sequence[etree._Element]
                  ) -> etree._Element:
    """A copy of ``root`` without ``parts`` (its descendants; ``root`` itself is kept)."""
    paths = [_path(root, part) for part in parts if part is not root]
    dup = copy.deepcopy(root)
    dup.tail = None
    victims = [_follow(dup, p) for p in paths]
    for victim in victims:
        if victim is not None and victim is not dup and victim.getparent() is not None:
            drop_keep_tail(victim)
    return dup


def _path(ancestor: etree._Element, el: etree._Element) -> list[int]:
    steps: list[int] = []
    node = el
    while node is not ancestor:
        parent = node.getparent()
        if parent is None:
            return []
        steps.append(parent.index(node))
        node = parent
    return steps[::-1]


def _follow(root: etree._Element, steps: list[int]) -> etree._Element | None:
    node = root
    for i in steps:
        if i >= len(node):
            return None
        node = node[i]
    return node


_NOT_OTHER_BYLINES = ("[not(ancestor::*[" + cls(
    "author-bio", "author-info", "author-box", "comment", "comments", "widget", "sidebar",
    "widget-area", "related", "saboxplugin-wrap", "textwidget") + "])]"
    # a sidebar known by its id alone (<div id="sidebar">, "l_sidebar"): a profile badge
    # there is no byline
    "[not(ancestor::*[contains(@id, 'sidebar')])]")
_PAGE_BYLINE = tuple(
    expr + _NOT_OTHER_BYLINES
    for expr in (
        "//a[contains(concat(' ', @rel, ' '), ' author ')]",
        "//*[" + cls("byline", "entry-author", "post-author") + "]//a[contains(@href, '/author/')]",
    )
)
# Looked for only when the above find nothing, and only its first match is taken: the
# post's byline printed before or after the post container in a wrapper of another name
# (<div class="entry-meta-author"><a href="/author/matthias/">).
_PAGE_BYLINE_LOOSE = (
    "//*[" + cls("entry-meta-author", "meta-author", "author", "posted-by", "entry-meta",
                 "post-meta", "entry-byline", "post-byline", "author-name") + "]"
    "//a[contains(@href, '/author/')]" + _NOT_OTHER_BYLINES + "[not(ancestor::article)]"
)
_TERM_LINKS = (
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' category ')]"
    "[not(ancestor::*[" + cls("widget", "tagcloud", "wp-block-tag-cloud", "sidebar") + "])]"
    "[not(ancestor::aside) and not(ancestor::nav)]"
)


def _terms_named_by_post_class(
    page: PageDocument, root: etree._Element, base: str | None,
) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    classes = set((root.get("class") or "").split())
    cat_slugs = {c[len("category-"):] for c in classes if c.startswith("category-")}
    tag_slugs = {c[len("tag-"):] for c in classes if c.startswith("tag-")}
    if not cat_slugs and not tag_slugs:
        return (), ()
    cats: list[etree._Element] = []
    tags: list[etree._Element] = []
    for a in page.find_all(_TERM_LINKS):
        slug = slug_from_url(_abs(a.get("href"), base))
        if slug is None:
            continue
        if "category" in (a.get("rel") or "").split() and slug in cat_slugs:
            cats.append(a)
        elif slug in tag_slugs and "category" not in (a.get("rel") or "").split():
            tags.append(a)
    cat_slugs -= {slug_from_url(_abs(a.get("href"), base)) for a in cats}
    tag_slugs -= {slug_from_url(_abs(a.get("href"), base)) for a in tags}
    wanted = [slug for slug in (*cat_slugs, *tag_slugs)
              if "'" not in slug and "%" not in slug][:20]
    if wanted:
        # Themes that strip rel from the term links (Salient, BeTheme, Publisher's term
        # badges): a link to a category or tag archive whose slug post_class() names (lxml
        # finds the links holding one of the slugs; the archive patterns decide)
        links = etree.XPath("//a[" + " or ".join(
            f"contains(@href, '/{slug}')" for slug in wanted) + "]")(page.root)
        for a in links if isinstance(links, list) else ():
            if not isinstance(a, etree._Element):
                continue
            href = a.get("href") or ""
            is_cat = bool(cat_slugs) and _CATEGORY_ARCHIVE_RE.search(href) is not None
            is_tag = bool(tag_slugs) and not is_cat and _TAG_ARCHIVE_RE.search(href) is not None
            if not (is_cat or is_tag) or any(
                    x.tag in {"nav", "aside"} for x in a.iterancestors()):
                continue
            slug = slug_from_url(_abs(href, base))
            if is_cat and slug in cat_slugs:
                cats.append(a)
            elif is_tag and slug in tag_slugs:
                tags.append(a)
    return terms_of(cats, "category", base), terms_of(tags, "post_tag", base)


_TITLE_CLASS_RE = re.compile(r"title|headline|heading", re.IGNORECASE)
_DATE_ARCHIVE_RE = re.compile(r"/\d{4}/\d{2}/(?:\d{2}/)?(?:[?#].*)?$")


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def _fold_title(text: str) -> str:
    """``text`` for comparing titles: case and the style of quotes set aside (a page's
    heading prints curly quotes where its og:title has straight ones)."""
    return text.casefold().translate(_QUOTES)


def _in_comment_list(el: etree._Element, root: etree._Element) -> bool:
    """Whether ``el`` lies in a list of comments below ``root`` that the theme's discussion
    locators did not know (``ul.comments-list``): a commenter's date is not the post's."""
    node = el.getparent()
    while node is not None and node is not root:
        if node.tag in {"ul", "ol", "div", "section"}:
            marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
            if "comment" in marks and any(
                    t in {"comments", "comment-list", "comments-list", "commentlist",
                          "comments-area", "comment-area"} for t in marks.split()):
                return True
        node = node.getparent()
    return False


def _overruled_heading(regions: PostRegions, title: str | None) -> bool:
    """Whether the title element found is a section heading of the post's text (an
    ``<h1>`` too, among others) whose text the post's title (from the page's own title)
    does not hold."""
    text = element_text(regions.title) if regions.title is not None else None
    return (text is not None and title is not None
            and _fold_title(text) not in _fold_title(title)
            and _heading_of_the_text(regions, h1_sections=True))


def _heading_of_the_text(regions: PostRegions, *, h1_sections: bool = False) -> bool:
    """Whether the title found is a bare lower heading (not an ``<h1>``) inside the post's
    text (its content element, when that is not the whole post): a section heading.
    With ``h1_sections``, an ``<h1>`` among other ``<h1>``s of the text is one too."""
    title, content = regions.title, regions.content
    if (title is None or content is None or content is regions.root
            or _is_specific_title(title) or not is_inside(title, [content])):
        return False
    return title.tag != "h1" or (h1_sections and sum(1 for _ in content.iter("h1")) > 1)


def _page_address(url: str | None) -> str | None:
    """``url`` as host and path, for telling two addresses of one page apart."""
    parts = _split(url) if url else None
    if parts is None:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/") if host else None


def _links_elsewhere(page: PageDocument, title: etree._Element | None,
                     base: str | None) -> bool:
    """Whether a single page's title element links to another page than the page's own
    (its canonical address): the title of a teaser, not of the post."""
    if title is None:
        return False
    link = title if title.tag == "a" else title.find(".//a[@href]")
    own = _page_address(_abs(page.links.get("canonical") or page.meta.get("og:url"), base))
    if link is None or own is None:
        return False
    target = _page_address(_abs(link.get("href"), base))
    return target is not None and target != own


def _is_specific_title(el: etree._Element | None) -> bool:
    """Whether the title element is marked as a title (class or itemprop), not a bare <h1>."""
    if el is None:
        return False
    marker = f"{el.get('class') or ''} {el.get('itemprop') or ''} {el.get('id') or ''}"
    # the block editor marks every heading of a post's text "wp-block-heading"
    return bool(_TITLE_CLASS_RE.search(marker.replace("wp-block-heading", "")))


def _post_type(regions: PostRegions, page: PageDocument, single: bool) -> str | None:
    for c in () if _is_layout(regions.root) else (regions.root.get("class") or "").split():
        if c.startswith("type-"):
            return c[5:] or None
    if single:
        if "single-post" in page.body_classes:
            return "post"
        if ("page" in page.body_classes and "page-template" not in page.body_classes) or any(
                c.startswith("page-id-") for c in page.body_classes):
            return "page"
    return None


def _meta_title(page: PageDocument, site: Site) -> str | None:
    for key in ("og:title", "twitter:title", "dc.title"):
        if page.meta.get(key):
            return clean_space(page.meta[key])
    headline = _ld_value(page, "headline", _ARTICLE_TYPES)
    if isinstance(headline, str):
        return clean_space(headline)
    title_el = page.root.find(".//title")
    title = element_text(title_el)
    if title and site.name:
        for sep in (" | ", " – ", " — ", " - ", " » ", " :: "):
            if title.endswith(sep + site.name):
                return title[: -len(sep + site.name)].strip() or None
    return title


def _meta_authors(page: PageDocument, base: str | None) -> tuple[Person, ...]:
    value = _ld_value(page, "author", _ARTICLE_TYPES)
    items = value if isinstance(value, list) else [value] if value else []
    out = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            # Yoast's graph names the author by reference: {"@id": "…/#/schema/person/…"}
            item = _ld_node(page, item["@id"]) or item
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            url = item.get("url")
            out.append(Person(name=clean_space(item["name"]),
                              url=_abs(url, base) if isinstance(url, str) else None))
        elif isinstance(item, str):
            out.append(Person(name=clean_space(item)))
    if not out:
        name = page.meta.get("author") or page.meta.get("article:author")
        if name and not name.startswith("http"):
            out.append(Person(name=clean_space(name)))
    return tuple(p for p in out if p.name)


# og:image values that stand in for a post without an image of its own: WordPress.com's
# blank placeholder and site icon ("blavatar"), site icons and favicons, plugin assets.
_STAND_IN_IMAGE_RE = re.compile(
    r"//(?:s\d\.)?(?:wp|wordpress)\.com/i/blank\.jpg|/blavatar/|favicon|/wp-content/plugins/"
    r"|/site-?icon",
    re.IGNORECASE)


def _meta_image(page: PageDocument, base: str | None) -> Image | None:
    src = _abs(page.meta.get("og:image"), base)
    if src is None or _STAND_IN_IMAGE_RE.search(src):
        return None
    return Image(src=src)


_FEATURED_BOXES = ("//*[" + cls("feature-image", "featured-image", "post-thumbnail",
                                  "entry-thumbnail", "post-featured-image",
                                  "single-featured-image", "post-thumb") + "][@style]")
_BACKGROUND_URL_RE = re.compile(
    r"background(?:-image)?\s*:[^;]*?url\(\s*['\"]?([^'\")]{1,2000}?)['\"]?\s*\)", re.IGNORECASE)


def _background_image(page: PageDocument, avoid: list[etree._Element | None],
                      base: str | None) -> Image | None:
    """A single post's image shown as the background of its featured-image box
    (``<div class="feature-image" style="background-image: url(…)">``), the one such box
    outside teasers."""
    found = [el for el in page.find_all(_FEATURED_BOXES)
             if not is_teaser(el) and not is_inside(el, avoid)]
    urls = {m.group(1).strip() for el in found
            if (m := _BACKGROUND_URL_RE.search(el.get("style") or "")) is not None}
    if len(urls) != 1:
        return None
    src = _abs(urls.pop(), base)
    return Image(src=src) if src and not _STAND_IN_IMAGE_RE.search(src) else None


def _microdata_image(root: etree._Element, base: str | None) -> Image | None:
    """The post's schema.org image in microdata, the first element of the post's
    container marked ``itemprop="image"`` (Virtue, Pinnacle: ``<div itemprop="image"
    itemscope itemtype="…/ImageObject"><meta itemprop="url" content=…>``)."""
    for el in root.iterdescendants():
        if not isinstance(el.tag, str) or el.get("itemprop") != "image":
            continue
        if el.tag == "img":
            return image_of(el, base_url=base)
        if el.tag in {"meta", "link"}:
            src = _abs(el.get("content") or el.get("href"), base)
            return Image(src=src) if src and not _STAND_IN_IMAGE_RE.search(src) else None
        props = {m.get("itemprop"): m.get("content") for m in el.iterchildren("meta")}
        src = _abs(props.get("url"), base)
        if src is None or _STAND_IN_IMAGE_RE.search(src):
            return None
        width, height = props.get("width") or "", props.get("height") or ""
        return Image(src=src,
                     width=int(width) if width.isascii() and width.isdigit() else None,
                     height=int(height) if height.isascii() and height.isdigit() else None)
    return None


_REST_ROOT_RE = re.compile(r"^(https?://[^?#]+?/)(?:wp-json/?|index\.php/wp-json/?"
                           r"|\?rest_route=/?)$")


# WordPress's main feed link (feed_links()): title "Site » Feed" (the word after the
# separator is the translation's: Feed, Flux…; the comments feed has more words), href the
# home url + "feed/".
_MAIN_FEED_TITLE_RE = re.compile(r"^(?P<name>.+?)\s+[»›|:–-]\s+(?P<word>[^\W\d_]{2,12})$")
# Themes written before WordPress printed the feed links itself (2.8) wrote their own:
# "Site RSS Feed", "Site RSS 2.0", "Site Atom Feed".
_OLD_FEED_TITLE_RE = re.compile(r"^(?P<name>.+?)\s+(?:RSS(?:\s?2\.0)?(?:\s+Feed)?|Atom\s+Feed)$",
                                re.IGNORECASE)
_FEED_HREF_RE = re.compile(r"^(?P<home>https?://[^?#]+?/)feed/?$")


def _short_name_of(short: str, name: str) -> bool:
    """Whether ``name`` is ``short`` followed by a separator and more ("Site - Tagline")."""
    head, _, rest = name.casefold().partition(short.casefold())
    return not head and bool(re.match(r"\s+[-–—|:»·]\s+\S", rest))


def _main_feed(page: PageDocument, name: str | None, base: str | None
               ) -> tuple[str, str] | None:
    """The site's name and home url as WordPress's main feed link gives them (its title
    the name and one word, or an older theme's "Name RSS Feed"; its href the home url and
    "feed/"), where the name is ``name`` if that is known.  Of several such links (a
    section's own "Name Section RSS Feed"), the one nearest the site's root."""
    best: tuple[str, str] | None = None
    for link in page.find_all("//link[@rel='alternate'][@type='application/rss+xml']"):
        title = clean_space(link.get("title"))
        m = _MAIN_FEED_TITLE_RE.match(title or "") or _OLD_FEED_TITLE_RE.match(title or "")
        # the feed may carry the short name of a site whose name goes on ("Site - tagline")
        if m is None or (name is not None and m.group("name").casefold() != name.casefold()
                         and not _short_name_of(m.group("name"), name)):
            continue
        href = _abs(link.get("href"), base)
        found = _FEED_HREF_RE.match(href or "")
        if found and (best is None or len(found.group("home")) < len(best[1])):
            best = m.group("name"), found.group("home")
    return best


def build_site(page: PageDocument, base: str | None, theme_name: str | None) -> Site:
    """The blog's name, home, description, language, generator and WordPress theme."""
    name = clean_space(page.meta.get("og:site_name") or page.meta.get("application-name"))
    title_el = page.find("//*[@id='site-title' or " + cls(
        "site-title", "blog-title", "wp-block-site-title",
        # tagDiv Newspaper's text logo, the AMP plugin's reader header
        "td-logo-text", "amp-site-title") + "]")
    if title_el is None:
        # GeneratePress: <p class="main-title"><a href="…" rel="home">; the class alone
        # names post titles on other sites
        title_el = next((el for el in page.find_all("//*[" + cls("main-title") + "]")
                         if any("home" in (a.get("rel") or "").split()
                                for a in el.iterchildren("a"))), None)
    if name is None:
        name = element_text(title_el)
    if name is None:
        ld = _ld_value(page, "name", frozenset({"WebSite", "Blog"}))
        name = clean_space(ld) if isinstance(ld, str) else None
    if name is None:
        feed = _main_feed(page, None, base)
        name = feed[0] if feed is not None else None
    home = None
    if title_el is not None:
        a = title_el if title_el.tag == "a" else title_el.find(".//a")
        holder = title_el.getparent()
        if a is None and holder is not None and holder.tag == "a":
            a = holder  # the AMP header: <a href=home><span class=amp-site-title>Name
        if a is not None:
            home = _abs(a.get("href"), base)
    if home is None:
        home_link = page.find("//a[contains(concat(' ', normalize-space(@rel), ' '), ' home ')]")
        if home_link is not None:
            home = _abs(home_link.get("href"), base)
    if home is None:
        ld = _ld_value(page, "url", frozenset({"WebSite", "Blog"}))
        home = _abs(ld, base) if isinstance(ld, str) else None
    if home is None:
        # WordPress links its REST API root, which is the home url + "wp-json/"
        # (or + "?rest_route=/" without pretty permalinks), in every page's head.
        api = page.find("//link[@rel='https://api.w.org/']")
        m = _REST_ROOT_RE.match(api.get("href") or "") if api is not None else None
        if m:
            home = _abs(m.group(1), base)
    if home is None:
        feed = _main_feed(page, name, base)
        home = feed[1] if feed is not None else None
    desc_el = page.find(("//*[@id='site-description' or " + cls(
        "site-description", "wp-block-site-tagline") + "]",
        # Neve: <div class="nv-title-tagline-wrap"><p class="site-title">…<small>tagline
        "//*[" + cls("nv-title-tagline-wrap") + "]/small"))
    if name is None or home is None or desc_el is None:
        # Blogger prints the blog's name, link and description in its Header widget
        # (#Header1): as a heading, or as a header image whose alt text is the name.
        header = page.find("//*[@id='Header1']")
        if header is not None:
            if name is None:
                heading = page.find(".//h1 | .//h2", header)
                name = element_text(heading)
                if name is None:
                    img = page.find(".//a//img[@alt]", header)
                    name = clean_space(img.get("alt")) if img is not None else None
            if home is None:
                link = page.find(".//a[@href]", header)
                home = _abs(link.get("href"), base) if link is not None else None
            if desc_el is None:
                # the classic Header widget's .description, the newer one's bare <p>
                desc_el = page.find((".//*[" + cls("description") + "]",
                                     ".//*[" + cls("header-widget") + "]/p"), header)
    description = element_text(desc_el)
    if description is None:
        # the JSON-LD WebSite's (an SEO plugin's); never og:description, which on an
        # archive describes the category
        ld = _ld_value(page, "description", frozenset({"WebSite"}))
        description = clean_space(html.unescape(ld)) if isinstance(ld, str) else None
    html_el = page.root
    lang = clean_space(html_el.get("lang") or html_el.get("xml:lang")) or clean_space(
        page.meta.get("og:locale"))
    themes = page.stylesheet_themes
    return Site(
        name=name,
        url=home,
        description=description,
        language=lang,
        generator=clean_space(page.generator),
        theme=themes[0] if themes else None,
    )


def extract_page(
    page: PageDocument, regions: PageRegions, *, theme_name: str, options: Options,
    defects: list[Defect], resolve_content_urls: bool = True,
) -> tuple[str, tuple[Post, ...], Site]:
    """Build the posts and the site from a theme's regions."""
    base = page.url or page.links.get("canonical") or page.meta.get("og:url")
    if base is not None and base.startswith("//"):
        # a protocol-relative canonical link: og:url may say the scheme of the same address
        scheme, _, rest = (page.meta.get("og:url") or "").strip().partition(":")
        host = base[2:].split("/", 1)[0]
        if scheme.lower() in {"http", "https"} and host and rest.startswith("//" + host):
            base = scheme.lower() + ":" + base
    site = build_site(page, base, theme_name)
    single = regions.kind == "single"
    posts = []
    for index, post_regions in enumerate(regions.posts):
        post_defects: list[Defect] = []
        post = build_post(page, post_regions, single=single, base=base,
                          discussion_regions=regions.discussion if single and index == 0
                          else None, site=site, options=options, defects=post_defects,
                          content_base=base if resolve_content_urls else None)
        defects.extend(Defect(kind=d.kind, message=d.message, field=d.field, post_index=index)
                       for d in post_defects)
        posts.append(post)
    kind = regions.kind if posts else "empty"
    return kind, tuple(posts), site
