"""The data blogparse returns: frozen, slotted, keyword-only attrs values and nothing else.

Rules: no parsing code lives here; a value the input does not carry is ``None`` (or an
empty tuple for sequences); sequences are tuples; every model converts to JSON-ready data
with :meth:`to_dict` and back to an equal object with :meth:`from_dict`.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, Self

import attrs

from . import _serialize


class _Model:
    """Shared JSON conversion for every model (no state of its own)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the model as plain JSON-ready data (``dict``/``list``/``str``/numbers)."""
        data = _serialize.to_data(self)
        assert isinstance(data, dict)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Rebuild a model from what :meth:`to_dict` returned."""
        return _serialize.from_data(cls, data)


class DefectKind(enum.StrEnum):
    """The kinds of non-fatal problem a parse can record (data, not exception classes)."""

    DECODE_REPLACED = "decode-replaced"
    """Undecodable bytes were replaced with U+FFFD."""
    ENCODING_MISDECLARED = "encoding-misdeclared"
    """The declared encoding did not fit the bytes; another one was used."""
    MALFORMED_MARKUP = "malformed-markup"
    """The markup was broken and was repaired by the parser."""
    TRUNCATED = "truncated"
    """The input stops before its end (no closing tags, cut-off text)."""
    NO_POSTS = "no-posts"
    """No post was found in the input."""
    NO_THEME = "no-theme"
    """No theme claimed the page; generic metadata was used."""
    MISSING_FIELD = "missing-field"
    """A field a post of this kind normally has could not be found."""
    BAD_DATE = "bad-date"
    """A date was present but could not be parsed."""
    NAIVE_DATE = "naive-date"
    """A date carries no UTC offset; it is returned naive."""
    ZERO_DATE = "zero-date"
    """A WXR GMT date was the zero date; the local date was used instead."""
    BAD_NUMBER = "bad-number"
    """A count or id was present but not a number."""
    ORPHAN_COMMENT = "orphan-comment"
    """A comment names a parent that is not among the post's comments."""
    COUNT_MISMATCH = "count-mismatch"
    """The announced response count differs from the responses on the page."""
    UNKNOWN_ITEM = "unknown-item"
    """A WXR item or element of an unknown kind was kept as it is."""
    LIMIT_REACHED = "limit-reached"
    """A size or count limit cut the result short."""
    HOSTILE_MARKUP = "hostile-markup"
    """The input contained constructs that were neutralised (entities, PIs, XInclude)."""


@attrs.frozen(kw_only=True)
class Defect(_Model):
    """A non-fatal problem met while parsing, recorded on the result."""

    kind: DefectKind
    """What went wrong, as a :class:`DefectKind`."""
    message: str
    """A sentence for people."""
    field: str | None = None
    """The field it concerns (``"published"``, ``"comments[3].parent_id"``), if one."""
    post_index: int | None = None
    """Which post of the result it concerns, if one."""


@attrs.frozen(kw_only=True)
class Person(_Model):
    """An author: of a post, of a comment, or listed in an export's channel."""

    name: str | None = None
    """The name shown on the page (display name)."""
    url: str | None = None
    """The author's page or website."""
    login: str | None = None
    """The WordPress login (exports only)."""
    email: str | None = None
    """The email address (exports only; pages never show it)."""
    id: int | None = None
    """The WordPress user id, where the input carries it."""


@attrs.frozen(kw_only=True)
class Term(_Model):
    """A category, tag or other taxonomy term."""

    name: str
    """The name a reader sees."""
    slug: str | None = None
    """The url slug (``china-russia``)."""
    url: str | None = None
    """The term's archive page."""
    taxonomy: str = "category"
    """``category``, ``post_tag``, or a custom taxonomy's name."""
    parent: str | None = None
    """The parent term's slug (hierarchical taxonomies in exports)."""
    description: str | None = None
    """The term's description (exports)."""


@attrs.frozen(kw_only=True)
class Site(_Model):
    """The blog a post belongs to."""

    name: str | None = None
    """The blog's title."""
    url: str | None = None
    """The blog's home page."""
    description: str | None = None
    """The tagline or description."""
    language: str | None = None
    """The language tag (``en-US``)."""
    generator: str | None = None
    """The generator string (``WordPress 6.4.2``, ``https://wordpress.org/?v=6.4``)."""
    theme: str | None = None
    """The WordPress theme's stylesheet name, where the page reveals it."""
    authors: tuple[Person, ...] = ()
    """The authors listed by an export's channel."""
    categories: tuple[Term, ...] = ()
    """The categories listed by an export's channel."""
    tags: tuple[Term, ...] = ()
    """The tags listed by an export's channel."""
    terms: tuple[Term, ...] = ()
    """Terms of other taxonomies listed by an export's channel."""


@attrs.frozen(kw_only=True)
class Image(_Model):
    """An image as the page embeds it."""

    src: str | None = None
    """The image url (mapped back to the original for MHTML and "complete" saves)."""
    alt: str | None = None
    """The alternative text (``None`` when absent, ``""`` when present but empty)."""
    width: int | None = None
    """The declared width in pixels."""
    height: int | None = None
    """The declared height in pixels."""
    link: str | None = None
    """Where the image links to, if it is wrapped in a link."""
    id: int | None = None
    """The attachment id (``wp-image-123``), where known."""


@attrs.frozen(kw_only=True)
class Caption(_Model):
    """A captioned image: the image, the caption text, and the photo credit split from it."""

    text: str | None = None
    """The caption as a reader sees it, without the credit."""
    credit: str | None = None
    """The photo credit (``Xinhua/Ding Haitao``), without its label."""
    image: Image | None = None
    """The captioned image, if the input has one."""
    kind: str | None = None
    """The markup it came from: ``wp-caption``, ``figure``, ``block``, ``gallery``,
    ``shortcode``, ``text``."""
    id: str | None = None
    """The caption's id attribute (``attachment_123``), if any."""
    align: str | None = None
    """The alignment (``alignleft``, ``aligncenter``…), if any."""


@attrs.frozen(kw_only=True)
class Block(_Model):
    """One block of a post's content, in page order."""

    kind: str
    """``paragraph``, ``heading``, ``list``, ``quote``, ``image``, ``gallery``, ``code``,
    ``preformatted``, ``table``, ``embed``, ``separator``, ``html`` or ``other``."""
    text: str = ""
    """The block's text as a reader sees it (list items joined by newlines)."""
    html: str | None = None
    """The block's HTML, where the input is HTML."""
    level: int | None = None
    """The heading level (1–6) for headings."""
    ordered: bool | None = None
    """For lists: numbered or bulleted."""
    items: tuple[str, ...] = ()
    """For lists: the items' texts."""
    src: str | None = None
    """For images and embeds: the source url."""
    name: str | None = None
    """The Gutenberg block name (``core/image``), where the input records it."""


@attrs.frozen(kw_only=True)
class Pingback(_Model):
    """A pingback or trackback listed on a post."""

    kind: str = "pingback"
    """``pingback`` or ``trackback``."""
    url: str | None = None
    """The linking post's url."""
    title: str | None = None
    """The linking post's title."""
    blog_name: str | None = None
    """The linking blog's name."""
    excerpt: str | None = None
    """The quoted excerpt, if shown."""
    date: datetime | None = None
    """When it arrived, if shown."""
    id: int | None = None
    """The comment id WordPress gave it."""


@attrs.frozen(kw_only=True)
class Comment(_Model):
    """A reader's comment, placed in its thread."""

    id: int | None = None
    """The comment id (``comment-123``)."""
    author: Person | None = None
    """Who wrote it."""
    date: datetime | None = None
    """When it was written."""
    content_html: str | None = None
    """The comment body as HTML."""
    content_text: str | None = None
    """The comment body as text."""
    parent_id: int | None = None
    """The id of the comment it replies to; ``None`` at the top of a thread."""
    depth: int = 1
    """1 for a top-level comment, 2 for a reply, and so on."""
    by_post_author: bool = False
    """Whether the post's author wrote it (``bypostauthor``)."""
    status: str | None = None
    """The moderation status where the input records it (``approved``, ``hold``,
    ``spam``, ``trash``)."""


@attrs.frozen(kw_only=True)
class FormField(_Model):
    """One field of the comment form."""

    name: str
    """The field's ``name`` attribute."""
    kind: str = "text"
    """``text``, ``email``, ``url``, ``textarea``, ``checkbox``, ``hidden``…"""
    label: str | None = None
    """The label a reader sees, without the required marker."""
    required: bool = False
    """Whether the form marks it required."""
    value: str | None = None
    """The preset value (hidden fields)."""
    id: str | None = None
    """The ``id`` attribute."""


@attrs.frozen(kw_only=True)
class LoginOption(_Model):
    """A way the form offers to log in before commenting."""

    name: str
    """``WordPress.com``, ``Twitter``, ``Facebook``, ``Google``, ``Email``…"""
    url: str | None = None
    """The log-in link, if the page has one."""


@attrs.frozen(kw_only=True)
class CommentForm(_Model):
    """The reply form under a post."""

    heading: str | None = None
    """The heading (``Leave a Reply``)."""
    action: str | None = None
    """Where the form posts to."""
    method: str | None = None
    """``post`` or ``get`` (lower case)."""
    post_id: int | None = None
    """The ``comment_post_ID`` the form carries."""
    fields: tuple[FormField, ...] = ()
    """The visible fields, in page order."""
    hidden_fields: tuple[FormField, ...] = ()
    """The hidden fields, in page order."""
    login_options: tuple[LoginOption, ...] = ()
    """The log-in services offered (WordPress.com / Jetpack forms)."""
    notes: tuple[str, ...] = ()
    """Notes shown with the form (``Your email address will not be published.``)."""
    subscription_options: tuple[str, ...] = ()
    """Subscription check boxes' labels (``Notify me of new posts via email.``)."""
    submit_label: str | None = None
    """The submit button's text."""


@attrs.frozen(kw_only=True)
class MetaEntry(_Model):
    """One post meta key and value (exports)."""

    key: str
    """The meta key."""
    value: str
    """The meta value, as exported."""


@attrs.frozen(kw_only=True)
class Post(_Model):
    """One blog post (or page, or other post type) with everything around it."""

    title: str | None = None
    """The title as a reader sees it."""
    url: str | None = None
    """The permalink."""
    id: int | None = None
    """The WordPress post id."""
    type: str | None = None
    """The post type (``post``, ``page``, ``attachment``…) where the input tells it."""
    status: str | None = None
    """The status (``publish``, ``draft``…) where the input tells it (exports)."""
    authors: tuple[Person, ...] = ()
    """The authors, first the main one."""
    published: datetime | None = None
    """When it was published; aware where the input gives a zone."""
    updated: datetime | None = None
    """When it was last modified; aware where the input gives a zone."""
    categories: tuple[Term, ...] = ()
    """The categories."""
    tags: tuple[Term, ...] = ()
    """The tags."""
    terms: tuple[Term, ...] = ()
    """Terms of other taxonomies (exports), including ``post_format``."""
    excerpt: str | None = None
    """The excerpt (exports, or archive pages that show excerpts)."""
    content_html: str | None = None
    """The content as HTML, without sharing and related-post furniture."""
    content_text: str | None = None
    """The content as text: blocks separated by blank lines."""
    blocks: tuple[Block, ...] = ()
    """The content as blocks, in order."""
    captions: tuple[Caption, ...] = ()
    """Captioned images of the content."""
    comments: tuple[Comment, ...] = ()
    """Comments, in page order, with their thread positions."""
    pingbacks: tuple[Pingback, ...] = ()
    """Pingbacks and trackbacks, in page order."""
    response_count: int | None = None
    """The count the page announces ("4 responses to …")."""
    comment_form: CommentForm | None = None
    """The reply form, if the page has one."""
    site: Site | None = None
    """The blog it belongs to."""
    guid: str | None = None
    """The GUID (exports)."""
    sticky: bool | None = None
    """Whether it is sticky (exports, or ``sticky`` class on pages)."""
    featured_image: Image | None = None
    """The featured image (post thumbnail)."""
    meta: tuple[MetaEntry, ...] = ()
    """Post meta (exports)."""

    @property
    def author(self) -> Person | None:
        """The main author, or ``None``."""
        return self.authors[0] if self.authors else None


@attrs.frozen(kw_only=True)
class PageResult(_Model):
    """What :func:`blogparse.parse_page` returns: the posts of one input and how it was read."""

    kind: str
    """``single`` (one post), ``archive`` (a list of posts) or ``empty``."""
    posts: tuple[Post, ...] = ()
    """The posts, in page order."""
    site: Site | None = None
    """The blog, as far as the page tells."""
    theme: str | None = None
    """The name of the theme that parsed it."""
    format: str = "html"
    """``html``, ``mhtml``, ``webarchive`` (Safari), ``text``, ``wxr``, ``blogger`` or
    ``wp-json`` (a WordPress REST API response)."""
    encoding: str | None = None
    """The encoding the bytes were decoded with (``None`` for ``str`` input)."""
    url: str | None = None
    """The page's own url, where given or recorded (for a copy saved from a web archive's
    replay, the original page's url)."""
    captured: datetime | None = None
    """When the copy was made, where the copy records it: for a page saved from the
    Wayback Machine's replay, the archive's capture (its ``FILE ARCHIVED ON`` note or the
    timestamp of its address, UTC); else the saving time SingleFile or an MHTML file's
    ``Date`` header records.  ``None`` for any other page."""
    defects: tuple[Defect, ...] = ()
    """Non-fatal problems met on the way."""

    @property
    def post(self) -> Post | None:
        """The first post, or ``None`` when there is none."""
        return self.posts[0] if self.posts else None
