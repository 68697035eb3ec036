"""Shared hypothesis strategies: models, arbitrary input, and HTML-like and WXR-like documents.

The model strategies generate what a WordPress page can show: printable unicode text
(entities and markup characters included) already in the normalised form a reader sees
(single spaces, no edges), aware datetimes to the second, threaded comments whose parents
come first, pingbacks, captions with and without credits, categories and tags with slugs.
``tests/render.py`` writes them as pages, exports and dumps.
"""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from blogparse import Caption, Comment, Image, Person, Pingback, Post, Site, Term

# --- text --------------------------------------------------------------------------------

# Letters, digits, punctuation and symbols from any script, without what HTML or the
# reader normalises away: white space of every kind (a reader sees one space), control
# and format characters, surrogates, private use and unassigned code points.
_CHARS = st.characters(
    categories=("Lu", "Ll", "Lt", "Lo", "Nd", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm",
                "Sc", "Sk", "So"),
    exclude_characters="\ufeff\u00a0\ufffe\uffff\u2028\u2029",
)
# The characters that HTML must escape, and entity-looking text, to be sure they survive.
_MARKUP_BITS = st.sampled_from(["<", ">", "&", '"', "'", "&amp;", "&lt;b&gt;", "<b>",
                                "</p>", "&#8217;", "&nbsp;", "<!--", "-->", "]]>", "&"])
_WORD = st.one_of(
    st.text(_CHARS, min_size=1, max_size=12),
    st.text(string.ascii_letters, min_size=1, max_size=10),
    _MARKUP_BITS,
)


def _join(words: list[str]) -> str:
    return " ".join(words)


def words(min_words: int = 1, max_words: int = 8) -> st.SearchStrategy[str]:
    """Normalised text: words of any script joined by single spaces."""
    return st.lists(_WORD, min_size=min_words, max_size=max_words).map(_join)


def huge_text() -> st.SearchStrategy[str]:
    """A long field (tens of thousands of characters) made of repeated words."""
    return st.tuples(words(1, 3), st.integers(500, 3_000)).map(
        lambda t: " ".join([t[0]] * t[1]))


def field_text(max_words: int = 8, *, huge: bool = True) -> st.SearchStrategy[str]:
    """Mostly short text, sometimes (with ``huge``) a field of thousands of words."""
    if not huge:
        return words(1, max_words)
    return st.one_of(words(1, max_words), words(1, max_words), huge_text())


def _plain(text: str) -> bool:
    low = text.lower()
    return not any(bit in low for bit in _CREDIT_WORDS)


# Words that make a caption read as a photo credit (so they are kept out of caption text).
_CREDIT_WORDS = ("photo", "foto", "image", "picture", "pic", "bild", "illustration",
                 "graphic", "video", "source", "quelle", "credit", "courtesy", "copyright",
                 "©", "(c)", ":", "(", "[", ")", "]")
_SEPARATORS = (" | ", " – ", " — ", " :: ", " · ", " - ", " » ", " « ")


def _no_separator(text: str) -> bool:
    return not any(sep.strip() in text for sep in _SEPARATORS)


def plain_words(min_words: int = 1, max_words: int = 6) -> st.SearchStrategy[str]:
    """Text with no credit label and no title separator in it."""
    return words(min_words, max_words).filter(lambda t: _plain(t) and _no_separator(t))


slugs = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
"""WordPress slugs: lower-case words joined by hyphens."""


def urls(host: str = "blog.example") -> st.SearchStrategy[str]:
    """Absolute http(s) urls on ``host`` with slug paths."""
    return st.builds(lambda scheme, parts: f"{scheme}://{host}/" + "/".join(parts) + "/",
                     st.sampled_from(["https", "http"]), st.lists(slugs, min_size=1,
                                                                      max_size=3))


# --- dates -------------------------------------------------------------------------------

zones = st.one_of(
    st.just(UTC),
    st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q))),
)


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Aware datetimes to the second, as WordPress prints them (offsets of whole quarters)."""
    return st.builds(
        lambda naive, tz: naive.replace(tzinfo=tz),
        st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2037, 12, 31)).map(
            lambda d: d.replace(microsecond=0)),
        zones,
    )


# --- models ------------------------------------------------------------------------------


def persons(host: str = "people.example") -> st.SearchStrategy[Person]:
    """A post or comment author: a name, with or without a website."""
    return st.builds(
        lambda name, url: Person(name=name, url=url),
        plain_words(1, 4).filter(lambda n: not n.lower().endswith(("says", "said"))),
        st.one_of(st.none(), urls(host)),
    )


def _terms(taxonomy: str, base: str) -> st.SearchStrategy[tuple[Term, ...]]:
    def build(pairs: list[tuple[str, str]]) -> tuple[Term, ...]:
        return tuple(
            Term(name=name, slug=slug, url=f"https://blog.example/{base}/{slug}/",
                 taxonomy=taxonomy)
            for name, slug in pairs
        )

    return st.lists(
        st.tuples(plain_words(1, 3).filter(lambda n: not n.startswith("#")), slugs),
        max_size=5, unique_by=(lambda p: p[0].casefold(), lambda p: p[1]),
    ).map(build)


def categories() -> st.SearchStrategy[tuple[Term, ...]]:
    """Distinct categories with slugs and archive urls."""
    return _terms("category", "category")


def tags() -> st.SearchStrategy[tuple[Term, ...]]:
    """Distinct tags with slugs and archive urls."""
    return _terms("post_tag", "tag")


def images() -> st.SearchStrategy[Image]:
    """An uploaded image: src, alt (maybe empty), size and attachment id."""
    return st.builds(
        lambda n, alt, w, h: Image(src=f"https://blog.example/wp-content/uploads/{n}.jpg",
                                   alt=alt, width=w, height=h, id=n),
        st.integers(1, 10**6), st.one_of(st.just(""), plain_words(1, 5)),
        st.integers(1, 4000), st.integers(1, 4000),
    )


credits = plain_words(1, 4).filter(lambda c: not c.endswith(".") and len(c) < 100)
"""A photographer or agency name."""


def captions() -> st.SearchStrategy[Caption]:
    """A captioned image: caption text, a credit, or both."""
    return st.builds(
        lambda text, credit, image, align: Caption(text=text, credit=credit, image=image,
                                                   align=align),
        # a caption's last character is never one of the separators put before a credit
        st.one_of(st.none(), plain_words(1, 12).filter(lambda t: t[-1] not in " ,;–—-|")),
        st.one_of(st.none(), credits),
        images(),
        st.sampled_from([None, "alignleft", "aligncenter", "alignright", "alignnone"]),
    ).filter(lambda c: c.text is not None or c.credit is not None)


paragraphs = st.lists(field_text(30), min_size=1, max_size=6)
"""The post body as paragraphs of text."""


@st.composite
def comment_threads(draw: st.DrawFn, *, post_author: Person | None = None,
                    max_comments: int = 12) -> tuple[Comment, ...]:
    """Comments in page order: each reply follows its parent's subtree (WordPress order)."""
    n = draw(st.integers(0, max_comments))
    first_id = draw(st.integers(1, 10**7))
    # a random forest: each comment picks a parent among the earlier ones (or none)
    parents: list[int | None] = []
    for i in range(n):
        parents.append(draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None)
    children: dict[int | None, list[int]] = {}
    for i, p in enumerate(parents):
        children.setdefault(p, []).append(i)
    order: list[tuple[int, int]] = []
    stack = [(c, 1) for c in reversed(children.get(None, []))]
    while stack:
        i, depth = stack.pop()
        order.append((i, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(i, [])))
    out = []
    for i, depth in order:
        by_author = post_author is not None and draw(st.booleans())
        author = post_author if by_author else draw(persons())
        out.append(Comment(
            id=first_id + i,
            author=author,
            date=draw(aware_datetimes()),
            content_text="\n".join(draw(st.lists(words(1, 20), min_size=1, max_size=3))),
            parent_id=None if (parent := parents[i]) is None else first_id + parent,
            depth=depth,
            by_post_author=by_author,
        ))
    return tuple(out)


@st.composite
def pingback_lists(draw: st.DrawFn, *, max_size: int = 8, first_id: int = 5 * 10**7
                   ) -> tuple[Pingback, ...]:
    """Pingbacks and trackbacks from other blogs ("Title | Blog"), with distinct ids."""
    n = draw(st.integers(0, max_size))
    return tuple(
        Pingback(
            kind="pingback",
            url=draw(urls("other.example")),
            title=draw(plain_words(1, 6)),
            blog_name=draw(plain_words(1, 3)),
            id=first_id + i,
        )
        for i in range(n)
    )


@st.composite
def posts(draw: st.DrawFn, *, max_comments: int = 12, max_pingbacks: int = 8,
          huge: bool = True) -> Post:
    """A single published post with everything a page around it shows."""
    post_id = draw(st.integers(1, 10**6))
    slug = draw(slugs)
    published = draw(aware_datetimes())
    author = draw(persons("blog.example"))
    comments = draw(comment_threads(post_author=author, max_comments=max_comments))
    pingbacks = draw(pingback_lists(max_size=max_pingbacks))
    body = draw(st.lists(field_text(30, huge=huge), min_size=1, max_size=6))
    caps = tuple(draw(st.lists(captions(), max_size=3)))
    return Post(
        title=draw(field_text(10, huge=huge)),
        url=f"https://blog.example/{published:%Y/%m/%d}/{slug}/",
        id=post_id,
        type="post",
        authors=(author,),
        published=published,
        updated=draw(st.one_of(st.none(), aware_datetimes())),
        categories=draw(categories()),
        tags=draw(tags()),
        content_text="\n\n".join(body),
        captions=caps,
        comments=comments,
        pingbacks=pingbacks,
        response_count=len(comments) + len(pingbacks),
        site=draw(sites()),
    )


def sites() -> st.SearchStrategy[Site]:
    """The blog: its name and home page."""
    return st.builds(lambda name: Site(name=name, url="https://blog.example/"),
                     plain_words(1, 4))


# --- raw input ---------------------------------------------------------------------------

raw_bytes = st.binary(max_size=4_000)
"""Any bytes."""

raw_text = st.text(max_size=2_000)
"""Any text, surrogates excluded (``str`` input must be encodable)."""

_TAGS = ["html", "head", "body", "article", "div", "p", "span", "a", "li", "ol", "ul", "h1",
         "h2", "time", "figure", "figcaption", "img", "form", "input", "label", "script",
         "style", "table", "td", "br", "meta", "link", "title", "abbr", "dl", "dt", "dd"]
_ATTRS = ["class", "id", "href", "rel", "datetime", "src", "alt", "content", "name",
          "property", "type", "value", "title", "width"]
_CLASS_WORDS = ["entry-title", "entry-content", "hentry", "post", "comment", "pingback",
                "trackback", "comment-list", "commentlist", "children", "depth-2",
                "comments-title", "wp-caption", "wp-caption-text", "fn", "url", "byline",
                "author", "cat-links", "tags-links", "wp-block-post-title",
                "wp-block-post-content", "wp-site-blocks", "highlander-comment",
                "comment-form-service", "bypostauthor", "says", "comment-content",
                "comment-meta", "sticky", "wp-block-image", "gallery", "published",
                "updated", "comment-respond", "required"]
_ATTR_VALUES = st.one_of(
    st.sampled_from(_CLASS_WORDS),
    st.lists(st.sampled_from(_CLASS_WORDS), max_size=4).map(" ".join),
    st.sampled_from(["comment-1", "comment-2", "li-comment-3", "post-9", "comments",
                     "respond", "commentform", "comment_post_ID", "category tag", "tag",
                     "bookmark", "author", "2020-02-30T25:61:00+99:00", "2021-06-01T10:00:00Z",
                     "0000-00-00", "application/ld+json", "og:title", "generator",
                     "WordPress 6.4", "https://x.example/category/a/", "javascript:x",
                     "#comment-1", "../rel", "http://[::1", "99999999999999999999"]),
    words(0, 3),
)
_TEXTS = st.one_of(
    words(0, 6),
    st.sampled_from(["4 responses to “x”", "One thought on", "Pingback: A | B",
                     "Photo credit: X", "(AP Photo/Y)", "March 3, 2021 at 10:00 am",
                     "Leave a Reply", "says:", "{\"@type\": \"BlogPosting\"}",
                     "{\"@graph\": [[[[]]]]}", "Trackback:", "&amp;", "&#0;", "&#x110000;",
                     "\x00", "\ud800x"[1:], "<![CDATA[", "]]>"]),
)


@st.composite
def html_like(draw: st.DrawFn, max_nodes: int = 60) -> str:
    """A document of WordPress-flavoured tags, classes and texts, often broken."""
    n = draw(st.integers(0, max_nodes))
    out: list[str] = []
    open_tags: list[str] = []
    if draw(st.booleans()):
        out.append(draw(st.sampled_from(["<!DOCTYPE html>", '<?xml version="1.0"?>',
                                         "<html>", "<!-- c -->", ""])))
    for _ in range(n):
        action = draw(st.integers(0, 9))
        if action < 4:
            tag = draw(st.sampled_from(_TAGS))
            attrs = draw(st.lists(st.tuples(st.sampled_from(_ATTRS), _ATTR_VALUES),
                                  max_size=3))
            rendered = "".join(f' {k}="{v.replace(chr(34), "&quot;")}"' for k, v in attrs)
            out.append(f"<{tag}{rendered}>")
            open_tags.append(tag)
        elif action < 7:
            out.append(draw(_TEXTS))
        elif action < 9 and open_tags:
            out.append(f"</{open_tags.pop()}>")
        else:
            out.append(draw(st.sampled_from(["</div>", "<", ">", "&", "<p", "</", "<!--",
                                             "<![CDATA[x]]>", "<?php x ?>", "</body>"])))
    if draw(st.booleans()):
        out.extend(f"</{t}>" for t in reversed(open_tags))
    return "".join(out)


_WXR_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
)
_WXR_FIELDS = ["title", "link", "pubDate", "dc:creator", "guid", "description",
               "content:encoded", "excerpt:encoded", "wp:post_id", "wp:post_date",
               "wp:post_date_gmt", "wp:post_name", "wp:status", "wp:post_parent",
               "wp:post_type", "wp:is_sticky", "wp:attachment_url"]
_WXR_VALUES = st.one_of(
    words(0, 4),
    st.sampled_from(["0000-00-00 00:00:00", "2021-02-03 04:05:06", "publish", "post",
                     "attachment", "-1", "99999999999999999999999", "1", "", "Sat, 01 Jan",
                     "https://x.example/?p=1", "[caption id=\"attachment_1\"]<img src=x> "
                     "Photo: Y[/caption]", "<!-- wp:paragraph --><p>x</p>",
                     "<!-- wp:image {\"id\":1} -->", "[gallery ids=\"1,2\"]", "<div>"]),
)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@st.composite
def wxr_like(draw: st.DrawFn, max_items: int = 4) -> bytes:
    """A WordPress export with random items, comments and channel fields, maybe broken."""
    parts = [_WXR_HEAD, "<wp:wxr_version>1.2</wp:wxr_version>\n"]
    for _ in range(draw(st.integers(0, 2))):
        term_id, slug, name = draw(st.integers(-2, 10)), draw(slugs), _cdata(draw(words()))
        parts.append(f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>"
                     f"{slug}</wp:category_nicename><wp:cat_name>{name}</wp:cat_name>"
                     "</wp:category>"
                     )
    for _ in range(draw(st.integers(0, max_items))):
        parts.append("<item>")
        for name in draw(st.lists(st.sampled_from(_WXR_FIELDS), max_size=10)):
            parts.append(f"<{name}>{_cdata(draw(_WXR_VALUES))}</{name}>")
        for _ in range(draw(st.integers(0, 3))):
            fields = {
                "comment_id": draw(st.integers(-1, 20)),
                "comment_parent": draw(st.integers(-1, 20)),
                "comment_type": draw(st.sampled_from(["", "comment", "pingback",
                                                      "trackback", "weird"])),
                "comment_approved": draw(st.sampled_from(["1", "0", "spam", "trash", "x"])),
                "comment_date_gmt": draw(st.sampled_from(["0000-00-00 00:00:00",
                                                          "2020-01-01 10:00:00", "garbage"])),
            }
            parts.append("<wp:comment>" + "".join(
                f"<wp:{k}>{v}</wp:{k}>" for k, v in fields.items())
                + f"<wp:comment_content>{_cdata(draw(words(0, 5)))}</wp:comment_content>"
                + f"<wp:comment_author>{_cdata(draw(words(0, 3)))}</wp:comment_author>"
                + "</wp:comment>")
        slug, name = draw(slugs), _cdata(draw(words()))
        parts.append(f'<category domain="category" nicename="{slug}">{name}</category>')
        parts.append("</item>\n")
    parts.append("</channel>\n</rss>\n")
    doc = "".join(parts).encode("utf-8", "surrogatepass")
    cut = draw(st.one_of(st.none(), st.integers(0, len(doc))))
    return doc if cut is None else doc[:cut]
