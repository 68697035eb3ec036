"""Turn a post's content element into clean HTML, text, blocks and captions.

Rules: the parsed tree is never mutated (the content element is copied first); plugin
furniture (Jetpack sharing, likes, related posts, subscription forms, ads) is dropped by
class and id; blocks follow page order; walks are iterative so no depth of nesting can
exhaust the stack.  Shared by the HTML page path and the WXR path.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlparse, urlunparse

import attrs
import lxml.etree as etree
import lxml.html

from ._models import Block, Caption, Image
from ._text import clean_space, split_credit, to_int


@attrs.frozen(kw_only=True)
class Content:
    """A post's content in every form the models carry."""

    html: str | None
    text: str | None
    blocks: tuple[Block, ...]
    captions: tuple[Caption, ...]


# XPath's normalize-space(), which class tests in XPath use, splits on these four only (not
# on U+00A0 or the other spaces str.split() knows).
_XML_SPACE = str.maketrans("\t\n\r", "   ")


def class_tokens(value: str) -> list[str]:
    """The tokens of a ``class`` value as XPath's ``normalize-space`` splits them."""
    return value.translate(_XML_SPACE).split(" ")


class Locator:
    """Elements below a node with one of some classes, tags or ids, in document order.

    The same elements as the XPath ``.//*[cls(classes…) or self::tag… or @id='…']`` (with
    ``child_tags`` as ``./tag``), found in one pass with set look-ups: an XPath with a
    dozen class tests runs each test on every element, which costs more than the rest of
    the content extraction together.
    """

    __slots__ = ("_child_tags", "_classes", "_ids", "_tags")

    def __init__(
        self, *, classes: frozenset[str], tags: frozenset[str] = frozenset(),
        ids: frozenset[str] = frozenset(), child_tags: frozenset[str] = frozenset(),
    ) -> None:
        self._classes = classes
        self._tags = tags
        self._ids = ids
        self._child_tags = child_tags

    def __call__(self, node: etree._Element) -> list[etree._Element]:
        """The matching descendants of ``node``."""
        out: list[etree._Element] = []
        classes, tags, ids, child_tags = self._classes, self._tags, self._ids, self._child_tags
        for el in node.iterdescendants(etree.Element):
            tag = el.tag
            if (tag in tags or (ids and el.get("id") in ids)
                    or (tag in child_tags and el.getparent() is node)):
                out.append(el)
                continue
            value = el.get("class")
            if value and not classes.isdisjoint(class_tokens(value)):
                out.append(el)
        return out


# Furniture that plugins inject into the content area.  Jetpack: "sharedaddy" (sharing and
# likes), "jp-relatedposts", "wpcnt" (WordAds); YARPP/CRP/Shareaholic/AddToAny/etc. likewise.
FURNITURE = Locator(
    classes=frozenset({
        "sharedaddy", "sd-sharing-enabled", "sd-like", "jetpack-likes-widget-wrapper",
        "jp-relatedposts", "wpcnt", "wordads-ad-wrapper", "yarpp-related", "yarpp",
        "crp_related", "wp_rp_wrap", "related-posts", "relatedposts", "shareaholic-canvas",
        "addtoany_share_save_container", "a2a_kit", "ssba", "ssba-wrap", "sharing",
        "jetpack_subscription_widget", "wp-block-jetpack-subscriptions", "post-views",
        "saboxplugin-wrap", "adsbygoogle", "code-block", "wp-block-jetpack-like",
        "jp-post-flair", "sd-block", "wpdiscuz_top_clearing", "mailpoet_form",
        "wp-block-jetpack-sharing-buttons", "post-navigation", "nav-links",
        "screen-reader-text", "printfriendly", "social-share", "share-buttons",
        "sharedaddy-wrapper", "more-link",
        # Blogger: the "Read more »" link under a post on listings
        "jump-link",
        # WP Recipe Maker's buttons ("Jump to recipe", "Print recipe", "Pin recipe")
        "wprm-recipe-jump", "wprm-recipe-print", "wprm-recipe-pin",
        # Grow Social's "Sharing is caring!" and buttons; a theme's "Share this article on:"
        "dpsp-share-text", "dpsp-content-wrapper", "share-wrap", "share-text",
        # tagDiv Newspaper's ad slots ("- Advertisement -"); JNews's ads and inline
        # related posts
        "td-a-rec", "jeg_ad", "jnews_inline_related_post_wrapper",
        # TieLabs' (Jannah) ad slots, SmartMag's and Better Ads Manager's (Publisher);
        # Salient's share buttons
        "stream-item", "a-wrap", "bsac", "nectar-social",
        # WordPress.com's ad slot ("About these ads") and Top 10's "(Visited 215 times)"
        "wpa", "tptn_counter",
        # AddThis and Flattr buttons, Worth The Read's "Reading time 14 min", PDF & Print's
        # and the Social Sharing plugin's buttons
        "addthis_toolbox", "wp-flattr-button", "wtr-time-wrap", "pdfprnt-buttons",
        "social-sharing",
        # Elementor Pro's share buttons widget
        "elementor-widget-share-buttons", "elementor-share-btn",
        # Kubrick and the themes built on it, where they print inside the entry: the
        # "Posted in … | Comments" line and the previous / next post links
        "postmetadata", "navigation", "entryfooter",
        # the post's footer (its tags, "Leave a comment"), where a theme prints it in the
        # entry
        "entry-footer", "post-footer",
    }),
    ids=frozenset({"jp-post-flair", "jp-relatedposts", "related-posts",
                   "diaspora-button-container"}),
    tags=frozenset({"script", "style", "noscript", "template", "form", "button", "svg"}),
)
_CAPTION_BOXES = Locator(
    classes=frozenset({"wp-caption", "wp-block-image", "gallery-item", "blocks-gallery-item",
                       "tiled-gallery-item",
                       # Blogger: <table class="tr-caption-container"> … <td class="tr-caption">
                       "tr-caption-container"}),
    tags=frozenset({"figure"}),
)
_CAPTION_TEXT = Locator(
    classes=frozenset({"wp-caption-text", "wp-caption-dd", "gallery-caption",
                       "tiled-gallery-caption", "blocks-gallery-item__caption", "tr-caption"}),
    child_tags=frozenset({"figcaption"}),
)
_CREDIT_ELEMENTS = Locator(
    classes=frozenset({"credit", "photo-credit", "image-credit", "media-credit",
                       "wp-caption-credit", "caption-credit", "credits", "copyright",
                       "img-credit", "photo-credits"}),
    tags=frozenset({"cite"}),
)


def _images(node: etree._Element) -> list[etree._Element]:
    """The ``<img>`` elements below ``node`` (XPath ``.//img``)."""
    return list(node.iterdescendants("img"))


_WP_IMAGE_ID_RE = re.compile(r"\bwp-image-(\d{1,18})\b")
_SRCSET_IN_SRC_RE = re.compile(r"^\s*([^\s,]+?)(?:%20|\s)+\d{1,5}[wx](?:,|%2C)")

_BLOCK_TAGS = {
    "p": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
    "h5": "heading", "h6": "heading", "ul": "list", "ol": "list", "blockquote": "quote",
    "pre": "preformatted", "table": "table", "hr": "separator", "iframe": "embed",
    "video": "embed", "audio": "embed", "embed": "embed", "object": "embed", "dl": "list",
}
_CONTAINER_TAGS = {"div", "section", "article", "main", "span", "center", "font", "header",
                   "footer", "aside", "details", "body"}
_INLINE_TAGS = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
                "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                "time", "u", "var", "wbr", "del", "ins", "font", "strike", "big", "tt", "label"}
_SKIP_TEXT_TAGS = {"script", "style", "noscript", "template", "svg", "button"}
_NEWLINE_TAGS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                 "blockquote", "pre", "figure", "figcaption", "dt", "dd", "section", "ul", "ol",
                 "table"}
# Table cells end with a space: a row's cells are words apart, as a browser shows them,
# however the source is laid out ("<td>a</td><td>b</td>").
_SPACE_TAGS = frozenset({"td", "th"})


def has_class(el: etree._Element, name: str) -> bool:
    """Whether ``el`` carries the class ``name``."""
    return name in (el.get("class") or "").split()


# What makes element_text walk the tree: elements whose text is skipped or (keeping lines)
# that end a line, and comments and PIs (any node whose tag is not a str), whose tails the
# walk leaves out (iterwalk reports no event for them) while libxml2's text content keeps
# them.
# Block boundaries separate words even where the markup has no space ("a<br>b", "</p><p>").
_NOT_PLAIN = frozenset(_SKIP_TEXT_TAGS | _NEWLINE_TAGS | _SPACE_TAGS)


def _is_plain(el: etree._Element, stops: frozenset[str]) -> bool:
    for node in el.iterdescendants():
        tag = node.tag
        if not isinstance(tag, str) or tag in stops:
            return False
    return True


def collapse_space(text: str) -> str | None:
    # _text.clean_space, without its regular expression for the usual text: the spaces it
    # collapses are those str.split() splits on (str.isspace()) plus U+200B and U+FEFF.
    # Printable text holds no whitespace but " " (and neither U+200B nor U+FEFF): without
    # a double, leading or trailing space there is nothing to collapse.
    if text.isprintable() and "  " not in text and text[:1] != " " != text[-1:]:
        return text or None
    if "\u200b" in text or "\ufeff" in text:
        return clean_space(text)
    return " ".join(text.split()) or None


def element_text(el: etree._Element | None, *, keep_lines: bool = False) -> str | None:
    """The text a reader sees in ``el``: scripts skipped, spaces collapsed, ``None`` if empty.

    With ``keep_lines``, the breaks a browser shows (``<br>``, paragraphs and other blocks,
    the lines of a ``<pre>``) survive as ``\\n``; a newline in the source of running text is
    a space, as a browser shows it.
    """
    if el is None:
        return None
    # Most elements hold nothing to skip, no comment and no line break: their text is then
    # libxml2's text content (text and tails), read in one call.  Only in a tree from the
    # HTML parser, whose tag names are lower-case, is the tag look-up below exact.
    if (isinstance(el, lxml.html.HtmlElement) and el.tag not in _SKIP_TEXT_TAGS
            and (not len(el) or _is_plain(el, _NOT_PLAIN))):
        raw = etree.tostring(el, encoding="unicode", method="text", with_tail=False)
        if keep_lines and el.tag != "pre":
            raw = raw.replace("\n", " ")
    else:
        raw = _walk_text(el, keep_lines=keep_lines)
    if keep_lines:
        lines = [collapse_space(line) for line in raw.split("\n")]
        out = "\n".join(line for line in lines if line)
        return out or None
    return collapse_space(raw)


def _walk_text(el: etree._Element, *, keep_lines: bool) -> str:
    # An explicit stack rather than iterwalk, which passes over comments together with
    # the text that follows them ("Oct 15, 2015<!-- --> · 18 min read").
    if not keep_lines:
        return _walk_words(el)
    # Keeping lines, a newline in the source is a space except inside <pre> (the third
    # item: whether the node is inside one), so that "\n" in the result is a break the
    # reader sees.
    parts: list[str] = []
    stack: list[tuple[int, etree._Element, bool]] = [(_OPEN, el, el.tag == "pre")]
    while stack:
        action, node, in_pre = stack.pop()
        if action == _TAIL:
            tail = node.tail or ""
            parts.append(tail if in_pre else tail.replace("\n", " "))
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if action == _CLOSE:
            if tag in _NEWLINE_TAGS:
                parts.append("\n")
            elif tag in _SPACE_TAGS:
                parts.append(" ")
            continue
        if tag is None or tag in _SKIP_TEXT_TAGS:
            continue  # comments, processing instructions, scripts: their tails still count
        if tag in _NEWLINE_TAGS:
            parts.append("\n")
        inner_pre = in_pre or tag == "pre"
        if node.text:
            text = node.text
            parts.append(text if inner_pre else text.replace("\n", " "))
        stack.append((_CLOSE, node, in_pre))
        for child in reversed(node):
            if child.tail:
                stack.append((_TAIL, child, inner_pre))
            stack.append((_OPEN, child, inner_pre))
    return "".join(parts)


def _walk_words(el: etree._Element) -> str:
    # _walk_text without lines: every break a space (the collapsing that follows makes
    # newlines spaces too, so <pre> needs no care)
    parts: list[str] = []
    stack: list[tuple[int, etree._Element]] = [(_OPEN, el)]
    while stack:
        action, node = stack.pop()
        if action == _TAIL:
            parts.append(node.tail or "")
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if action == _CLOSE:
            if tag in _NEWLINE_TAGS or tag in _SPACE_TAGS:
                parts.append(" ")
            continue
        if tag is None or tag in _SKIP_TEXT_TAGS:
            continue  # comments, processing instructions, scripts: their tails still count
        if tag in _NEWLINE_TAGS:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        stack.append((_CLOSE, node))
        for child in reversed(node):
            if child.tail:
                stack.append((_TAIL, child))
            stack.append((_OPEN, child))
    return "".join(parts)


_OPEN, _CLOSE, _TAIL = 0, 1, 2


def inner_html(el: etree._Element) -> str | None:
    """The markup inside ``el`` (its text and children), or ``None`` if empty."""
    out = (el.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html", with_tail=True) for child in el
    )
    out = out.strip()
    return out or None


def clean_copy(el: etree._Element, *, owned: bool = False) -> etree._Element:
    """A copy of ``el`` without plugin furniture; ``el`` itself is untouched.

    With ``owned`` the caller gives ``el`` up (a tree parsed for this call alone): it is
    detached from its parent and cleaned in place instead of copied.
    """
    if owned:
        dup = el
        parent = el.getparent()
        if parent is not None:
            # as a copy would be: a root, so no ancestor's class can count (galleries)
            parent.remove(el)
    else:
        dup = copy.deepcopy(el)
    dup.tail = None
    for junk in FURNITURE(dup):
        parent = junk.getparent()
        if parent is not None:
            drop_keep_tail(junk)
            # a paragraph that only held the furniture ("Continue reading →") goes too
            if parent is not dup and parent.tag == "p" and len(parent) == 0 and not (
                    parent.text or "").strip() and parent.getparent() is not None:
                drop_keep_tail(parent)
    return dup


# What share-button rows and post-meta lines at the end of a post body say: network names,
# share verbs and counts ("Share / Tweet / Yummly / Email", "Pinterest192.0K WhatsApp3.4K",
# "Compartir en Facebook"), or a lone "Read more".
_SHARE_NETWORKS = frozenset({
    "facebook", "twitter", "tweet", "x", "pinterest", "pin", "whatsapp", "linkedin", "email",
    "e-mail", "mail", "reddit", "telegram", "tumblr", "pocket", "yummly", "mix", "flipboard",
    "xing", "messenger", "threads", "bluesky", "mastodon", "print", "drucken", "imprimir",
    "sms", "skype", "vk", "weibo", "line"})
_SHARE_WORDS = _SHARE_NETWORKS | frozenset({
    "share", "shares", "sharing", "shared", "teilen", "geteilt", "mitteilen", "twittern",
    "tweeten", "pinnen", "merken", "compartir", "partager",
    "condividi", "delen", "this", "article", "post", "on", "en", "auf", "sur", "su", "op",
    "via", "with", "mit", "like", "likes", "it", "save", "copy", "link", "the", "by",
    "artikel", "beitrag"})
_SHARE_TOKEN_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?|\d+(?:[.,]\d+)?[kKmM]?")
_MORE_LABELS = frozenset({"read more", "weiterlesen", "mehr lesen", "continue reading",
                          "lire la suite", "leer más", "leggi tutto", "lees meer"})
_TERM_LINE_RE = re.compile(
    r"^(?:tags?|tagged(?: with)?|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|"
    r"categor(?:y|ies)|kategorien?|filed under|posted in|ver(?:ö|oe)ffentlicht in|"
    r"etiquetas|catégories|categorías)\s*:", re.IGNORECASE)
_MAX_TRAILING_FURNITURE = 4


def _is_trailing_furniture(text: str) -> bool:
    """Whether the last text of a post body is a theme's share row, "Read more" or a list
    of the post's terms rather than something the writer wrote."""
    folded = " ".join(text.split()).lower()
    if folded.rstrip(" .…→»›") in _MORE_LABELS:
        return True
    if len(folded) <= 300 and _TERM_LINE_RE.match(folded):
        return True
    words = [w for w in _SHARE_TOKEN_RE.findall(folded) if not w[0].isdigit()]
    if words == ["x"]:
        return False  # a lone "X" is a sign-off (a kiss) as often as the network
    return bool(words) and len(words) <= 30 and all(w in _SHARE_WORDS for w in words) and any(
        w in _SHARE_NETWORKS or w.startswith("share") for w in words)


def drop_trailing_furniture(root: etree._Element) -> None:
    """Remove share-button rows, "Read more" and term lines that end a post body.

    Only what comes last goes: the block holding the body's last text, while that text is
    furniture (a few such blocks at most); nothing in the middle of the text is touched.
    """
    _drop_trailing_more_link(root)
    for _ in range(_MAX_TRAILING_FURNITURE):
        block = _last_text_block(root)
        if block is None or block is root:
            return
        text = element_text(block, keep_lines=True)
        if not text or not (_is_trailing_furniture(text) or _is_term_row(block, text)):
            return
        # the widest wrapper that holds nothing else: the whole row of buttons
        while True:
            parent = block.getparent()
            if parent is None or parent is root:
                break
            wider = element_text(parent, keep_lines=True)
            if wider != text and not (wider and _is_trailing_furniture(wider)):
                break
            block = parent
        drop_keep_tail(block)


def _drop_trailing_more_link(root: etree._Element) -> None:
    """Remove a "Read More »" link that ends the last paragraph (Neve prints it inline,
    with no class furniture is known by)."""
    holder = _last_text_holder(root)
    link = holder if holder is None or holder.tag == "a" else next(
        (a for a in holder.iterancestors("a")), None)
    if link is None or link is root or not any(a is root for a in link.iterancestors()):
        return
    text = element_text(link)
    if text and " ".join(text.split()).lower().rstrip(" .…→»›") in _MORE_LABELS:
        drop_keep_tail(link)


_TERM_RELS = frozenset({"tag", "category"})
_MAX_TERM_LABEL = 24
_MAX_TERM_LABEL_WORDS = 3


def _is_term_row(block: etree._Element, text: str) -> bool:
    """Whether ``block`` holds the post's term links (``rel="tag"``/``"category"``) and at
    most a short label beside them ("Tags", "Schlagwörter"), with or without a colon."""
    links = list(block.iter("a"))
    if not links or not all(_TERM_RELS & set((a.get("rel") or "").split()) for a in links):
        return False
    label = text
    for a in links:
        label = label.replace(element_text(a) or "", " ", 1)
    words = label.replace(",", " ").replace("|", " ").replace("·", " ").split()
    return len(words) <= _MAX_TERM_LABEL_WORDS and sum(map(len, words)) <= _MAX_TERM_LABEL


def _last_text_block(root: etree._Element) -> etree._Element | None:
    """The block-level element (or ``root``) around the last visible text in ``root``.

    The tree is walked backwards from its end, so only the elements after the last text
    are visited.
    """
    holder = _last_text_holder(root)
    return None if holder is None else _block_around(holder, root)


def _last_text_holder(node: etree._Element) -> etree._Element | None:
    """The element whose own text or a child's tail is the last visible text in ``node``."""
    for child in reversed(node):
        if child.tail and child.tail.strip():
            return node  # text after this child belongs to ``node``
        if not isinstance(child.tag, str) or child.tag in _SKIP_TEXT_TAGS:
            continue
        found = _last_text_holder(child)
        if found is not None:
            return found
    return node if node.text and node.text.strip() else None


_TRAILING_BLOCKS = frozenset(_BLOCK_TAGS) | {
    "div", "section", "article", "footer", "aside", "header", "nav", "li", "figure",
    "details", "form", "center"}


def _block_around(node: etree._Element, root: etree._Element) -> etree._Element:
    while node is not root and node.tag not in _TRAILING_BLOCKS:
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    return node


def drop_keep_tail(el: etree._Element) -> None:
    """Remove ``el`` from its parent, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _int_attr(el: etree._Element, name: str) -> int | None:
    value = el.get(name)
    if value is None:
        return None
    value = value.strip().removesuffix("px")
    return int(value) if value.isdecimal() and len(value) < 10 else None


def _urljoin(base_url: str, url: str) -> str:
    # An absolute http(s) url joined to a base of the same scheme is that url, re-assembled
    # by urlunparse (urljoin returns exactly that when the url has a host); the base only
    # matters if parsing it could fail, which an ASCII url without brackets cannot.
    for prefix in ("https://", "http://"):
        if url.startswith(prefix) and base_url.startswith(prefix) and base_url.isascii() \
                and "[" not in base_url and "]" not in base_url:
            normal = _reassembled(url)
            if normal is not None:
                return normal
            break
    return _joined(base_url, url)


# A post's image urls come back to the same join several times (the block, the caption,
# the featured image); both are pure functions of their strings.
@functools.lru_cache(maxsize=512)
def _joined(base_url: str, url: str) -> str:
    return urljoin(base_url, url)


@functools.lru_cache(maxsize=512)
def _reassembled(url: str) -> str | None:
    parts = urlparse(url)
    return urlunparse(parts) if parts.netloc else None


def _absolute(url: str | None, base_url: str | None) -> str | None:
    url = None if url is None else collapse_space(url)
    if url is None:
        return None
    if base_url and not url.startswith(("data:", "javascript:")):
        try:
            return _urljoin(base_url, url)
        except ValueError:
            return url
    return url


def image_of(img: etree._Element, *, base_url: str | None = None) -> Image:
    """An :class:`Image` from an ``<img>`` element (lazy-loading attributes understood)."""
    src = img.get("src")
    if not src or src.startswith("data:") or "lazy" in src or "placeholder" in src:
        for attr in ("data-orig-file", "data-lazy-src", "data-src", "data-original",
                     "data-large-file"):
            if img.get(attr):
                src = img.get(attr)
                break
    if src is not None and (m := _SRCSET_IN_SRC_RE.match(src)) is not None:
        # a srcset written into src by a broken filter ("a-150x150.jpg%20150w,%20…"):
        # its first address
        src = m.group(1)
    if src is not None and src.lstrip()[:5].lower() == "data:":
        # the image inlined (a placeholder, or a SingleFile save): it has no address
        src = None
    link = None
    parent = img.getparent()
    while parent is not None and parent.tag in {"a", "picture", "span"}:
        if parent.tag == "a":
            link = parent.get("href")
            break
        parent = parent.getparent()
    m = _WP_IMAGE_ID_RE.search(img.get("class") or "")
    return Image(
        src=_absolute(src, base_url),
        alt=img.get("alt"),
        width=_int_attr(img, "width"),
        height=_int_attr(img, "height"),
        link=_absolute(link, base_url),
        id=int(m.group(1)) if m else to_int(img.get("data-attachment-id")),
    )


def caption_of(box: etree._Element, *, base_url: str | None = None) -> Caption | None:
    """A :class:`Caption` from a caption box (``wp-caption``, ``figure``, gallery item)."""
    texts = _CAPTION_TEXT(box)
    caption_el = texts[0] if texts else None
    credit: str | None = None
    text: str | None = None
    if caption_el is not None:
        text, credit = _text_and_credit(caption_el, box)
    else:
        credit_els = _CREDIT_ELEMENTS(box)
        if credit_els:
            _, credit = split_credit(element_text(credit_els[0]))
            credit = credit or element_text(credit_els[0])
    if text is None and credit is None:
        return None
    imgs = _images(box)
    classes = (box.get("class") or "").split()
    in_gallery = any(has_class(a, g) for a in box.iterancestors()
                     for g in ("wp-block-gallery", "gallery", "tiled-gallery"))
    if "wp-caption" in classes and not in_gallery:
        kind = "wp-caption"
    elif {"gallery-item", "blocks-gallery-item", "tiled-gallery-item"} & set(classes) or \
            in_gallery:
        kind = "gallery"
    elif "wp-block-image" in classes:
        kind = "block"
    else:
        kind = "figure"
    align = next((c for c in classes if c.startswith("align")), None)
    return Caption(
        text=text,
        credit=credit,
        image=image_of(imgs[0], base_url=base_url) if imgs else None,
        kind=kind,
        id=box.get("id"),
        align=align,
    )


def _text_and_credit(caption_el: etree._Element, box: etree._Element
                     ) -> tuple[str | None, str | None]:
    """A caption element's text and photo credit; credit elements are looked for in the
    caption, then elsewhere in ``box``."""
    credit_els = list(_CREDIT_ELEMENTS(caption_el)) or [
        c for c in _CREDIT_ELEMENTS(box) if c is not caption_el
    ]
    if not credit_els:
        return split_credit(element_text(caption_el))
    label_text = element_text(credit_els[0])
    stripped_text, stripped_credit = split_credit(label_text)
    credit = stripped_credit or label_text
    if stripped_text and not stripped_credit:
        credit = stripped_text
    if (credit and credit[0] in "([" and credit[-1] in ")]"
            and sum(credit.count(c) for c in "()[]") == 2):
        credit = credit[1:-1].strip() or None  # a credit element's "(Name / AP)"
    dup = copy.deepcopy(caption_el)
    for c in _CREDIT_ELEMENTS(dup):
        drop_keep_tail(c)
    text = element_text(dup)
    text = text.rstrip(" |–—-,;").strip() or None if text else None
    return text, credit


_GALLERY_CLASSES = frozenset({"wp-block-gallery", "gallery", "tiled-gallery",
                              "blocks-gallery-grid"})


def _gallery_caption(box: etree._Element, caption_el: etree._Element) -> Caption | None:
    """The caption a gallery gives itself (``figcaption.blocks-gallery-caption``): about
    the gallery as a whole, so it names no one image."""
    text, credit = _text_and_credit(caption_el, caption_el)
    if text is None and credit is None:
        return None
    classes = (box.get("class") or "").split()
    return Caption(text=text, credit=credit, image=None, kind="gallery", id=box.get("id"),
                   align=next((c for c in classes if c.startswith("align")), None))


def captions_in(el: etree._Element, *, base_url: str | None = None) -> tuple[Caption, ...]:
    """Every caption in ``el``, in page order, each box counted once.

    A gallery's images keep their own captions; a caption of the gallery itself comes
    after them (where the page prints it), with no image.
    """
    found: list[tuple[etree._Element, Caption]] = []
    seen: set[etree._Element] = set()
    for box in _CAPTION_BOXES(el):
        if box in seen:
            continue
        inner_boxes = [b for b in _CAPTION_BOXES(box) if b is not box]
        own = [c for c in box if c.tag == "figcaption"]
        if inner_boxes and not own:
            # a gallery wrapper without its own caption: its items are the captions
            continue
        if inner_boxes and (_GALLERY_CLASSES.intersection((box.get("class") or "").split())
                            or len(_images(box)) > 1):
            # a gallery with a caption of its own, beside its images' captions
            cap = _gallery_caption(box, own[0])
            if cap is not None:
                found.append((own[0], cap))
            continue
        # A box inside another caption box with the same caption text is the same caption
        # (e.g. <div class="wp-caption"><figure>…); mark descendants as seen.
        for b in inner_boxes:
            seen.add(b)
        cap = caption_of(box, base_url=base_url)
        if cap is not None:
            found.append((box, cap))
    if any(cap.image is None and cap.kind == "gallery" for _, cap in found):
        order = {node: i for i, node in enumerate(el.iter())}
        found.sort(key=lambda pair: order.get(pair[0], 0))
    return tuple(cap for _, cap in found)


def _item_text(li: etree._Element) -> str | None:
    """A list item's text on one line; code in it (a ``<pre>``) on lines of its own, as
    written, indentation kept."""
    if next(li.iter("pre"), None) is None:
        return element_text(li)
    item = copy.deepcopy(li)
    item.tail = None
    codes: list[str] = []
    for pre in list(item.iter("pre")):
        if any(a.tag == "pre" for a in pre.iterancestors()):
            continue  # (inside another <pre>, read with it)
        codes.append("".join(pre.itertext()).strip("\n"))
        holder = pre.makeelement("div", {})
        holder.text = f"\ue000{len(codes) - 1}\ue001"
        holder.tail = pre.tail
        parent = pre.getparent()
        assert parent is not None
        parent.replace(pre, holder)
    text = element_text(item, keep_lines=True)
    if text is None:
        return None
    return _CODE_MARK_RE.sub(lambda m: codes[int(m.group(1))], text) or None


_CODE_MARK_RE = re.compile("\ue000(\\d+)\ue001")


def _list_items(el: etree._Element) -> tuple[str, ...]:
    items = []
    for li in el:
        if li.tag in {"li", "dt", "dd"}:
            t = _item_text(li)
            if t:
                items.append(t)
    return tuple(items)


def _block_for(el: etree._Element, *, base_url: str | None) -> Block | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    kind = _BLOCK_TAGS.get(tag)
    html = etree.tostring(el, encoding="unicode", method="html", with_tail=False).strip()
    classes = (el.get("class") or "").split()
    if kind == "paragraph" and "wp-caption" not in classes:
        # The usual block, a <p>: none of the cases below applies to it but the last.  Its
        # <br>s are the lines a reader sees (a poem's, an address's).
        text = element_text(el, keep_lines=True)
        if not text:
            img = el.find(".//img")
            if img is not None:
                return Block(kind="image", html=html, src=image_of(img, base_url=base_url).src)
            # a video or other embed alone in a paragraph (<p><iframe src=…></p>)
            frame = next((e for e in el.iter("iframe", "video", "embed", "object", "audio")
                          if e.get("src") or e.get("data")), None)
            if frame is not None:
                return Block(kind="embed", html=html, src=_absolute(
                    frame.get("src") or frame.get("data"), base_url))
            return None
        return Block(kind="paragraph", text=text, html=html)
    if tag == "figure" or "wp-caption" in classes or "tr-caption-container" in classes:
        imgs = _images(el)
        cap_texts = _CAPTION_TEXT(el)
        caption = element_text(cap_texts[0]) if cap_texts else None
        if len(imgs) > 1 or has_class(el, "wp-block-gallery") or has_class(el, "gallery"):
            return Block(kind="gallery", text=caption or "", html=html,
                         src=image_of(imgs[0], base_url=base_url).src if imgs else None)
        if imgs:
            return Block(kind="image", text=caption or "", html=html,
                         src=image_of(imgs[0], base_url=base_url).src)
        if el.find(".//iframe") is not None or has_class(el, "wp-block-embed"):
            iframe = el.find(".//iframe")
            return Block(kind="embed", text=caption or "", html=html,
                         src=_absolute(iframe.get("src") if iframe is not None else None,
                                       base_url))
        if el.find(".//blockquote") is not None:
            return Block(kind="quote", text=element_text(el, keep_lines=True) or "", html=html)
        if el.find(".//table") is not None:
            return Block(kind="table", text=element_text(el, keep_lines=True) or "", html=html)
        return Block(kind="other", text=element_text(el) or "", html=html)
    if tag in {"div", "section", "ul"} and any(
            has_class(el, g) for g in ("gallery", "tiled-gallery", "wp-block-gallery")):
        # classic [gallery] markup: dl.gallery-item / dd.gallery-caption inside div.gallery
        imgs = _images(el)
        return Block(kind="gallery", text="", html=html,
                     src=image_of(imgs[0], base_url=base_url).src if imgs else None)
    if tag == "img":
        return Block(kind="image", text="", html=html, src=image_of(el, base_url=base_url).src)
    if kind is None:
        text = element_text(el, keep_lines=True)
        return Block(kind="paragraph", text=text, html=html) if text else None
    if kind == "heading":
        text = element_text(el)
        if not text:
            return None
        return Block(kind="heading", text=text, html=html, level=int(tag[1]))
    if kind == "list":
        items = _list_items(el)
        if not items:
            return None
        return Block(kind="list", text="\n".join(items), html=html, items=items,
                     ordered=tag == "ol")
    if kind == "preformatted":
        text = "".join(el.itertext()).strip("\n")
        is_code = el.find("code") is not None or has_class(el, "wp-block-code")
        return Block(kind="code" if is_code else "preformatted", text=text, html=html)
    if kind == "separator":
        return Block(kind="separator", html=html)
    if kind == "embed":
        return Block(kind="embed", html=html, src=_absolute(el.get("src") or el.get("data"),
                                                           base_url))
    if kind in {"quote", "table"}:
        return Block(kind=kind, text=element_text(el, keep_lines=True) or "", html=html)
    text = element_text(el, keep_lines=False)
    if not text:
        if el.find(".//img") is not None:
            img = el.find(".//img")
            assert img is not None
            return Block(kind="image", html=html, src=image_of(img, base_url=base_url).src)
        return None
    return Block(kind="paragraph", text=text, html=html)


def _is_container(el: etree._Element) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag not in _CONTAINER_TAGS:
        return False
    if has_class(el, "wp-caption") or has_class(el, "gallery") or has_class(el, "tiled-gallery"):
        return False
    # A div whose children are all inline is a paragraph, not a wrapper.
    return any(isinstance(c.tag, str) and c.tag not in _INLINE_TAGS for c in el)


def _walk_blocks(root: etree._Element, *, base_url: str | None) -> Iterator[Block]:
    # An explicit stack of iterators (elements, or a container's tail text to emit after
    # its children) so that deep nesting cannot exhaust the Python stack.
    # Text between blocks gathers in ``inline`` with the source's newlines as spaces: "\n"
    # there is a <br>, a line of the paragraph it ends up in, and two <br>s in a row (white
    # space between them) end the paragraph.
    inline: list[str] = []

    def flush() -> Block | None:
        lines = (collapse_space(line) for line in "".join(inline).split("\n"))
        inline.clear()
        text = "\n".join(line for line in lines if line)
        return Block(kind="paragraph", text=text) if text else None

    def after_br() -> bool:
        for part in reversed(inline):
            if part == "\n":
                return True
            if part and not part.isspace():
                return False
        return False

    if root.text and root.text.strip():
        inline.append(root.text.replace("\n", " "))
    stack: list[Iterator[etree._Element | str]] = [iter(list(root))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if isinstance(child, str):
            inline.append(child.replace("\n", " "))
            continue
        if not isinstance(child.tag, str):
            if child.tail and child.tail.strip():
                inline.append(child.tail.replace("\n", " "))
            continue
        tag = child.tag
        if tag in _INLINE_TAGS and not _is_container(child):
            if tag == "br":
                if after_br():
                    if (block := flush()) is not None:
                        yield block
                else:
                    inline.append("\n")
            else:
                inline.append(element_text(child, keep_lines=True) or "")
            if child.tail:
                inline.append(child.tail.replace("\n", " "))
            continue
        if inline and (block := flush()) is not None:
            yield block
        if _is_container(child):
            if child.tail and child.tail.strip():
                stack.append(iter([child.tail]))
            if child.text and child.text.strip():
                inline.append(child.text.replace("\n", " "))
            stack.append(iter(list(child)))
            continue
        block = _block_for(child, base_url=base_url)
        if block is not None:
            yield block
        if child.tail and child.tail.strip():
            inline.append(child.tail.replace("\n", " "))
    if inline and (block := flush()) is not None:
        yield block


_TEXTLESS = {"image", "gallery", "embed", "separator"}


def extract_content(
    element: etree._Element, *, base_url: str | None = None, owned: bool = False,
    with_html: bool = True, page: bool = False,
) -> Content:
    """Clean ``element`` of furniture and return its HTML, text, blocks and captions.

    ``owned``: the caller parsed ``element`` for this call and gives it up, so it is cleaned
    in place rather than copied (the page path shares its tree and never passes it).
    ``with_html=False`` leaves :attr:`Content.html` ``None`` for callers that keep the
    markup they started from (the WXR path keeps the exported content).  ``page``: the
    element is a rendered page's post body, which can end in a theme's share buttons or
    term lines (:func:`drop_trailing_furniture`); an export's content holds only what the
    writer wrote.
    """
    # A Python proxy for every element, held while the passes below run: lxml then builds
    # each proxy (and runs the HTML element class look-up) once, not once per pass.
    alive = list(element.iter()) if owned else None
    clean = clean_copy(element, owned=owned)
    if page:
        drop_trailing_furniture(clean)
    if alive is None:
        alive = list(clean.iter())
    blocks = tuple(_walk_blocks(clean, base_url=base_url))
    text = "\n\n".join(b.text for b in blocks if b.kind not in _TEXTLESS and b.text) or None
    content = Content(
        html=inner_html(clean) if with_html else None,
        text=text,
        blocks=blocks,
        captions=captions_in(clean, base_url=base_url),
    )
    del alive
    return content
