"""Read Blogger exports: the Atom backup Blogger's settings page writes, and the
``feed.atom`` of a Google Takeout archive.

Rules: one pass with the hardened incremental XML parser of ``_document``; every ``<entry>``
is read into plain values and cleared at once.  Posts and pages become :class:`Post`,
comments are attached to the post they name once the whole feed is read (an export may list
them before or after their posts) and threaded by the comment they answer.  The two layouts
differ only in where an entry says what it is: the backup marks kinds with Atom categories
(``…/blogger/2008/kind#post``) and threads with ``thr:in-reply-to`` and ``rel="related"``
links; Takeout writes ``blogger:type``, ``blogger:status``, ``blogger:parent`` and
``blogger:inReplyTo``.  Nothing outside the file is read.
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from collections.abc import Iterator
from urllib.parse import urljoin

import lxml.etree as etree

from ._content import extract_content
from ._document import parse_fragment, xml_iterparse
from ._errors import HostileInputError, InputError, ResourceLimitError
from ._models import (
    Comment,
    Defect,
    DefectKind,
    MetaEntry,
    PageResult,
    Person,
    Post,
    Site,
    Term,
)
from ._options import LENIENT, Options
from ._source import InputSource, declared_encoding, read_input, resolve_encoding
from ._text import parse_datetime
from ._threads import thread
from ._wxr_content import comment_text, fragment_text

__all__ = ["BloggerSource", "parse_blogger"]

BloggerSource = InputSource
"""What :func:`parse_blogger` reads: a path, the export's bytes, or a binary file object."""

_ATOM = "{http://www.w3.org/2005/Atom}"
_TAKEOUT = "{http://schemas.google.com/blogger/2018}"
_APP = "{http://purl.org/atom/app#}"
_THR = "{http://purl.org/syndication/thread/1.0}"
_KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_KIND_RE = re.compile(r"/blogger/2008/kind#(\w+)$")
_ITEM_ID_RE = re.compile(r"\.(post|page)-(\d{1,20})$")
_RELATED_ID_RE = re.compile(r"/comments/default/(\d{1,20})(?:[?#]|$)")
_TAG_RE = re.compile(r"<[^<>]*>")
_HEAD_BYTES = 65536
_POST_STATUS = {"LIVE": "publish", "DRAFT": "draft", "SCHEDULED": "future",
                "SOFT_TRASHED": "trash", "DELETED": "trash"}
_COMMENT_STATUS = {"LIVE": "approved", "DRAFT": "hold", "PENDING": "hold",
                   "SPAM": "spam", "SOFT_TRASHED": "trash", "DELETED": "trash"}
_NO_EMAIL = "noreply@blogger.com"


def _text(el: etree._Element | None) -> str | None:
    if el is None or el.text is None:
        return None
    text = el.text.strip()
    return text or None


def _plain_title(el: etree._Element | None) -> str | None:
    """An Atom text construct as plain text (``type="html"`` markup read as text)."""
    raw = _text(el)
    if raw is None or el is None:
        return None
    if (el.get("type") or "text").lower() in ("html", "xhtml"):
        return fragment_text(raw)
    return " ".join(raw.split()) or None


def _item_id(entry_id: str | None) -> int | None:
    """The number of a post, page or comment id (``tag:blogger.com,1999:blog-1.post-2``,
    or the number alone)."""
    text = (entry_id or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 20:
        return int(text)
    m = _ITEM_ID_RE.search(text)
    return int(m.group(2)) if m else None


def _person(el: etree._Element | None) -> Person | None:
    if el is None:
        return None
    name = _text(el.find(_ATOM + "name"))
    uri = _text(el.find(_ATOM + "uri"))
    email = _text(el.find(_ATOM + "email"))
    if email is not None and email.lower() == _NO_EMAIL:
        email = None
    if name is None and uri is None and email is None:
        return None
    return Person(name=name, url=uri, email=email)


class _Entry:
    """What one ``<entry>`` holds, read off the element before it is cleared."""

    __slots__ = ("author", "content", "entry_id", "filename", "in_reply_to", "kind", "labels",
                 "link", "parent_comment", "published", "status", "title", "updated")

    def __init__(self, el: etree._Element) -> None:
        self.entry_id = _text(el.find(_ATOM + "id"))
        takeout_type = _text(el.find(_TAKEOUT + "type"))
        kind: str | None = takeout_type.lower() if takeout_type else None
        self.labels: list[str] = []
        for cat in el.iterfind(_ATOM + "category"):
            scheme = cat.get("scheme") or ""
            term = (cat.get("term") or "").strip()
            if scheme == _KIND_SCHEME:
                m = _KIND_RE.search(term)
                if m and kind is None:
                    kind = m.group(1).lower()
            elif term and term not in self.labels:
                self.labels.append(term)
        self.kind = kind
        self.title = _plain_title(el.find(_ATOM + "title"))
        content = el.find(_ATOM + "content")
        self.content = content.text if content is not None and content.text else None
        if content is not None and (content.get("type") or "html").lower() == "text" \
                and self.content is not None:
            self.content = "<p>" + html.escape(self.content, quote=False) + "</p>"
        self.published = parse_datetime(_text(el.find(_ATOM + "published")))
        self.updated = parse_datetime(_text(el.find(_ATOM + "updated")))
        self.author = _person(el.find(_ATOM + "author"))
        self.filename = _text(el.find(_TAKEOUT + "filename"))
        self.link: str | None = None
        self.parent_comment: int | None = None
        for link in el.iterfind(_ATOM + "link"):
            rel = (link.get("rel") or "").lower()
            href = (link.get("href") or "").strip()
            if rel == "alternate" and href and self.link is None:
                self.link = href
            elif rel == "related" and href:
                m = _RELATED_ID_RE.search(href)
                if m:
                    self.parent_comment = int(m.group(1))
        # the post a comment belongs to: Takeout's blogger:parent, the backup's thr:in-reply-to
        self.in_reply_to = _text(el.find(_TAKEOUT + "parent"))
        reply = el.find(_THR + "in-reply-to")
        if self.in_reply_to is None and reply is not None:
            self.in_reply_to = (reply.get("ref") or "").strip() or None
        answered = _text(el.find(_TAKEOUT + "inReplyTo"))
        if answered is not None:
            self.parent_comment = _item_id(answered)
        if self.kind is None:
            # a blog's public feed saved from the web marks no kinds: its entries are posts,
            # or the comments of its comment feed, which name the post they answer
            self.kind = "comment" if self.in_reply_to is not None else "post"
        status = _text(el.find(_TAKEOUT + "status"))
        if _text(el.find(_TAKEOUT + "trashed")) is not None:
            status = "SOFT_TRASHED"
        draft = el.find(_APP + "control/" + _APP + "draft")
        if status is None and draft is not None:
            status = "DRAFT" if (_text(draft) or "").lower() == "yes" else "LIVE"
        self.status = status or "LIVE"


def _read_bytes(source: BloggerSource, limit: int) -> bytes:
    data = read_input(source, limit=limit, what="the Blogger export")
    if data.startswith(b"PK\x03\x04"):
        return _takeout_feed(data, limit)
    return data


def takeout_feeds(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The blogs' ``feed.atom`` files in a Google Takeout archive."""
    return [info for info in archive.infolist()
            if not info.is_dir() and info.filename.rsplit("/", 1)[-1] == "feed.atom"
            and "/Blogger/" in "/" + info.filename]


def zip_export_format(where: bytes | str | os.PathLike[str]) -> str:
    """``blogger`` for a ZIP archive (bytes or a path) holding a Blogger blog's Takeout
    ``feed.atom``, else ``wxr``: a WordPress export download, or an archive the export
    reader will say it cannot read."""
    try:
        with zipfile.ZipFile(io.BytesIO(where) if isinstance(where, bytes) else where
                             ) as archive:
            return "blogger" if takeout_feeds(archive) else "wxr"
    except (zipfile.BadZipFile, OSError):
        return "wxr"


def _takeout_feed(data: bytes, limit: int) -> bytes:
    """The one blog's ``feed.atom`` in a Google Takeout ZIP archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            feeds = takeout_feeds(archive)
            if len(feeds) != 1:
                raise InputError(
                    "the ZIP archive holds no Blogger feed.atom" if not feeds else
                    f"the ZIP archive holds {len(feeds)} Blogger blogs; parse each "
                    "Takeout/Blogger/Blogs/<blog>/feed.atom on its own")
            if feeds[0].file_size > limit:
                raise ResourceLimitError(f"the Blogger export is over {limit} bytes",
                                         limit="max_input_bytes")
            with archive.open(feeds[0]) as f:
                return f.read(limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"the ZIP archive cannot be read (damaged or cut off: {exc})"
                         ) from None


class _Reader:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.defects: list[Defect] = []
        self.site: dict[str, str | None] = {}
        self.site_author: Person | None = None
        self.items: list[_Entry] = []
        self.comments: list[_Entry] = []
        self.other = 0
        self.encoding: str | None = None

    def read(self, data: bytes) -> None:
        head = data[:_HEAD_BYTES].lower()
        root_at = head.find(b"<feed")
        if b"<!entity" in (head if root_at < 0 else head[:root_at]):
            raise HostileInputError("the document declares XML entities; Blogger never does")
        if root_at < 0:
            raise InputError("not a Blogger export: no Atom <feed> at the start")
        seen_feed = False
        entries = 0
        try:
            for _event, el in xml_iterparse(io.BytesIO(data), tag=(_ATOM + "entry",
                                                                    _ATOM + "feed")):
                if _event != "end":
                    continue
                if el.tag == _ATOM + "feed":
                    seen_feed = True
                    self._feed(el)
                    continue
                parent = el.getparent()
                if parent is not None and parent.tag == _ATOM + "feed" and not self.site:
                    self._feed(parent)
                entries += 1
                self._entry(_Entry(el))
                # free what has been read: the entry's children and the entries before it
                el.clear(keep_tail=False)
                prev = el.getprevious()
                while prev is not None and prev.tag == el.tag and parent is not None:
                    parent.remove(prev)
                    prev = el.getprevious()
        except etree.XMLSyntaxError as exc:
            if not entries and not seen_feed:
                raise InputError(f"the Blogger export is not well-formed XML: {exc}") from None
            at_end = (exc.position[0] if exc.position else 0) >= data.count(b"\n")
            self.defects.append(Defect(
                kind=DefectKind.TRUNCATED if at_end else DefectKind.MALFORMED_MARKUP,
                message=(f"the Blogger export stops in the middle ({exc.msg}); the "
                         f"{entries} entries before the break were read" if at_end else
                         f"the Blogger export is not well-formed XML ({exc.msg}); the "
                         f"entries after it were not read")))
        if not seen_feed and not entries:
            raise InputError("not a Blogger export: no Atom <feed> with entries")

    def _feed(self, feed: etree._Element) -> None:
        if feed.tag != _ATOM + "feed":
            raise InputError(f"not a Blogger export: the root is <{feed.tag!s}>, not an Atom "
                             "feed")
        if self.site:
            return
        link = None
        for el in feed.iterfind(_ATOM + "link"):
            if (el.get("rel") or "").lower() == "alternate" and el.get("href"):
                link = el.get("href", "").strip() or None
                break
        self.site = {
            "name": _plain_title(feed.find(_ATOM + "title")),
            "description": _plain_title(feed.find(_ATOM + "subtitle")),
            "url": link,
            "generator": _text(feed.find(_ATOM + "generator")) or "Blogger",
            "id": _text(feed.find(_ATOM + "id")),
        }
        self.site_author = _person(feed.find(_ATOM + "author"))

    def _entry(self, entry: _Entry) -> None:
        if entry.kind in ("post", "page"):
            self.items.append(entry)
        elif entry.kind == "comment":
            self.comments.append(entry)
        elif entry.kind not in ("settings", "template", "layout"):
            self.other += 1

    def posts(self) -> Iterator[Post]:
        site = Site(name=self.site.get("name"), url=self.site.get("url"),
                    description=self.site.get("description"),
                    generator=self.site.get("generator"))
        by_post: dict[str, list[_Entry]] = {}
        for c in self.comments:
            by_post.setdefault(c.in_reply_to or "", []).append(c)
        known = {item.entry_id for item in self.items}
        orphans = sum(len(v) for k, v in by_post.items() if k not in known)
        if orphans:
            self.defects.append(Defect(
                kind=DefectKind.ORPHAN_COMMENT,
                message=f"{orphans} comment(s) belong to no post the export holds"))
        if self.other:
            self.defects.append(Defect(
                kind=DefectKind.UNKNOWN_ITEM,
                message=f"{self.other} entr(y/ies) of another kind were left out"))
        for index, item in enumerate(self.items):
            yield self._post(item, index, site, by_post.get(item.entry_id or "", []))

    def _post(self, item: _Entry, index: int, site: Site, replies: list[_Entry]) -> Post:
        url = item.link
        if url is None and item.filename and site.url:
            # Takeout records the post's path only; the feed's own link names the blog
            url = urljoin(site.url, item.filename)
        post_id = _item_id(item.entry_id)
        content = None
        if item.content and item.content.strip():
            content = extract_content(parse_fragment(item.content), base_url=url, owned=True,
                                      with_html=False)
        if item.published is None:
            self.defects.append(Defect(kind=DefectKind.MISSING_FIELD, field="published",
                                       message="the entry has no published date",
                                       post_index=index))
        return Post(
            title=item.title,
            url=url,
            id=post_id,
            type=item.kind,
            status=_POST_STATUS.get(item.status.upper(), item.status.lower()),
            authors=(item.author,) if item.author is not None else (),
            published=item.published,
            updated=item.updated,
            categories=tuple(Term(name=label, taxonomy="category") for label in item.labels),
            content_html=item.content.strip() if item.content and item.content.strip()
            else None,
            content_text=content.text if content is not None else None,
            blocks=content.blocks if content is not None else (),
            captions=content.captions if content is not None else (),
            comments=self._thread(replies, item, index),
            site=site,
            meta=(MetaEntry(key="blogger:filename", value=item.filename),)
            if item.filename else (),
        )

    def _thread(self, replies: list[_Entry], item: _Entry, index: int) -> tuple[Comment, ...]:
        keep = self.options.comment_statuses
        limit = self.options.max_comments
        rows: list[tuple[_Entry, int | None, str, str | None]] = []
        # in the order a page shows them (a backup lists the newest first); undated last
        for c in sorted(replies, key=lambda c: (c.published is None,
                                                c.published.timestamp() if c.published
                                                else 0.0)):
            status = _COMMENT_STATUS.get(c.status.upper(), c.status.lower())
            if status not in keep:
                continue
            if len(rows) >= limit:
                self.defects.append(Defect(kind=DefectKind.LIMIT_REACHED,
                                           message=f"only the first {limit} comments were kept",
                                           field="comments", post_index=index))
                break
            body = c.content.strip() if c.content and c.content.strip() else None
            rows.append((c, _item_id(c.entry_id), status, body))
        author_url = item.author.url if item.author is not None else None

        def report(message: str, field: str) -> None:
            self.defects.append(Defect(kind=DefectKind.ORPHAN_COMMENT, message=message,
                                       field=field, post_index=index))

        return thread([{
            "id": cid,
            "author": c.author,
            "date": c.published,
            "content_html": body,
            "content_text": comment_text(body),
            "parent_id": c.parent_comment,
            "by_post_author": bool(author_url and c.author is not None
                                   and c.author.url == author_url),
            "status": status,
        } for c, cid, status, body in rows], report)


def parse_blogger(source: BloggerSource, *, options: Options = LENIENT) -> PageResult:
    """Read a Blogger export into one :class:`~blogparse.PageResult`.

    ``source`` is the backup Blogger's settings page writes (``blog-MM-DD-YYYY.xml``), the
    ``feed.atom`` of a Google Takeout archive, or a blog's Atom feed saved from the web: a
    path, bytes or a binary file object.  Posts and pages come in file order with their
    labels as categories, content as text, blocks and captions, and their comments threaded
    (``Options.comment_statuses`` chooses which statuses are kept).  The result has
    ``format="blogger"`` and ``kind="archive"`` (``"empty"`` without posts).  A file cut
    off in the middle gives the posts before the break and a ``truncated`` defect.
    """
    data = _read_bytes(source, options.max_input_bytes)
    reader = _Reader(options)
    declared = declared_encoding(data)
    resolved = resolve_encoding(declared) if declared else None
    reader.encoding = resolved[0] if resolved else declared or "utf-8"
    reader.read(data)
    posts = tuple(reader.posts())
    defects = tuple(reader.defects)
    if not posts:
        defects += (Defect(kind=DefectKind.NO_POSTS, message="the export holds no post"),)
    options.check(defects)
    site = reader.site
    return PageResult(
        kind="archive" if posts else "empty",
        posts=posts,
        site=Site(name=site.get("name"), url=site.get("url"),
                  description=site.get("description"), generator=site.get("generator"),
                  authors=(reader.site_author,) if reader.site_author else ()),
        theme=None,
        format="blogger",
        encoding=reader.encoding,
        defects=defects,
    )

