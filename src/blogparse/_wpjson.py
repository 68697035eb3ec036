"""Read saved WordPress REST API responses (``/wp-json/wp/v2/posts``, ``…/pages``,
``…/comments``) into the same models as pages and exports.

Rules: the response is JSON as WordPress writes it — one object, or a list of them.  A
post's rendered content goes through the shared content extractor (it is what the page
showed, share buttons and all).  Names of authors, terms and the featured image come only
from ``_embedded`` (a response fetched with ``?_embed``); without it the ids are all the
file holds, and a defect says so.  Comments come from ``_embedded.replies`` and from comment
objects in the same file, threaded by their ``parent``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ._content import extract_content
from ._document import parse_fragment
from ._errors import InputError
from ._models import (
    Comment,
    Defect,
    DefectKind,
    Image,
    PageResult,
    Person,
    Pingback,
    Post,
    Term,
)
from ._options import LENIENT, Options
from ._source import InputSource, read_input
from ._text import parse_datetime, split_pingback_title
from ._threads import thread
from ._wxr_content import comment_text, fragment_text

__all__ = ["WpJsonSource", "parse_wp_json"]

WpJsonSource = InputSource
"""What :func:`parse_wp_json` reads: a path, the response's bytes, or a binary file object."""

_PING_TYPES = frozenset({"pingback", "trackback"})
_COMMENT_STATUS = {"approved": "approved", "approve": "approved", "hold": "hold",
                   "unapproved": "hold", "spam": "spam", "trash": "trash"}


def _rendered(value: Any) -> str | None:
    """The ``rendered`` text of a field (``{"rendered": "…"}``), or a plain string."""
    if isinstance(value, dict):
        value = value.get("rendered")
    if isinstance(value, str) and value.strip():
        return value
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if (isinstance(value, str) and value.strip().isascii() and value.strip().isdigit()
            and len(value.strip()) <= 20):
        return int(value)
    return None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _time(value: Any, *, utc: bool) -> datetime | None:
    """A REST date (``2024-05-01T09:30:00``): UTC for the ``_gmt`` fields, else naive."""
    when = parse_datetime(_str(value))
    if when is None:
        return None
    if utc and when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when


def _embedded(obj: dict[str, Any], key: str) -> list[Any]:
    found = obj.get("_embedded")
    value = found.get(key) if isinstance(found, dict) else None
    return value if isinstance(value, list) else []


def _is_comment(obj: dict[str, Any]) -> bool:
    return "author_name" in obj and ("post" in obj or "parent" in obj)


def _read_text(source: WpJsonSource, limit: int) -> tuple[str, tuple[Defect, ...]]:
    data = read_input(source, limit=limit, what="the REST API response", text_starts="{[")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    text = data.decode("utf-8", "replace")  # JSON is UTF-8 (RFC 8259)
    if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
        return text, (Defect(kind=DefectKind.DECODE_REPLACED,
                             message="bytes that are not UTF-8 were replaced with U+FFFD"),)
    return text, ()


class _Reader:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.defects: list[Defect] = []
        self.unnamed_terms = False
        self.naive_comments = False

    def posts(self, objects: list[dict[str, Any]]) -> Iterator[Post]:
        comments: dict[int | None, list[dict[str, Any]]] = {}
        for obj in objects:
            if _is_comment(obj):
                comments.setdefault(_int(obj.get("post")), []).append(obj)
        posts = [obj for obj in objects if not _is_comment(obj)]
        known = {_int(p.get("id")) for p in posts}
        stray = sum(len(v) for k, v in comments.items() if k not in known)
        if stray:
            self.defects.append(Defect(
                kind=DefectKind.ORPHAN_COMMENT,
                message=f"{stray} comment(s) belong to no post the response holds"))
        for index, obj in enumerate(posts):
            yield self._post(obj, index, comments.get(_int(obj.get("id")), []))
        if self.unnamed_terms:
            self.defects.append(Defect(
                kind=DefectKind.MISSING_FIELD, field="categories",
                message="categories and tags are given by id only; a response fetched "
                        "with ?_embed names them"))
        if self.naive_comments:
            self.defects.append(Defect(
                kind=DefectKind.NAIVE_DATE, field="comments.date",
                message="comment dates are the site's local time, without a zone (the "
                        "embedded comments carry no date_gmt)"))

    def _post(self, obj: dict[str, Any], index: int, loose: list[dict[str, Any]]) -> Post:
        url = _str(obj.get("link"))
        author_id = _int(obj.get("author"))
        authors: tuple[Person, ...] = ()
        embedded_authors = [a for a in _embedded(obj, "author") if isinstance(a, dict)]
        if embedded_authors:
            authors = tuple(Person(name=_str(a.get("name")), url=_str(a.get("link")),
                                   id=_int(a.get("id")))
                            for a in embedded_authors if a.get("name") or a.get("link"))
        elif author_id:
            authors = (Person(id=author_id),)
        cats, tags, terms = self._terms(obj)
        html = _rendered(obj.get("content"))
        content = None
        if html is not None:
            content = extract_content(parse_fragment(html), base_url=url, owned=True,
                                      with_html=False, page=True)
        published = _time(obj.get("date_gmt"), utc=True)
        updated = _time(obj.get("modified_gmt"), utc=True)
        if published is None and _time(obj.get("date"), utc=False) is not None:
            published = _time(obj.get("date"), utc=False)
            self.defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="published",
                                       message="no date_gmt: the local date is used, "
                                               "without a zone", post_index=index))
        comments, pingbacks = self._responses(obj, loose, author_id, index)
        excerpt = _rendered(obj.get("excerpt"))
        sticky = obj.get("sticky")
        return Post(
            title=fragment_text(_rendered(obj.get("title")) or "") or None,
            url=url,
            id=_int(obj.get("id")),
            type=_str(obj.get("type")),
            status=_str(obj.get("status")),
            authors=authors,
            published=published,
            updated=updated,
            categories=cats,
            tags=tags,
            terms=terms,
            excerpt=fragment_text(excerpt) if excerpt else None,
            content_html=html.strip() if html is not None else None,
            content_text=content.text if content is not None else None,
            blocks=content.blocks if content is not None else (),
            captions=content.captions if content is not None else (),
            comments=comments,
            pingbacks=pingbacks,
            guid=_rendered(obj.get("guid")),
            sticky=sticky if isinstance(sticky, bool) else None,
            featured_image=self._image(obj),
        )

    def _terms(self, obj: dict[str, Any]
               ) -> tuple[tuple[Term, ...], tuple[Term, ...], tuple[Term, ...]]:
        cats: list[Term] = []
        tags: list[Term] = []
        terms: list[Term] = []
        groups = _embedded(obj, "wp:term")
        for group in groups:
            for t in group if isinstance(group, list) else ():
                if not isinstance(t, dict) or not _str(t.get("name")):
                    continue
                taxonomy = _str(t.get("taxonomy")) or "category"
                term = Term(name=fragment_text(str(t["name"])) or str(t["name"]).strip(),
                            slug=_str(t.get("slug")), url=_str(t.get("link")),
                            taxonomy=taxonomy)
                (cats if taxonomy == "category" else tags if taxonomy == "post_tag"
                 else terms).append(term)
        if not groups and (obj.get("categories") or obj.get("tags")):
            self.unnamed_terms = True
        return tuple(cats), tuple(tags), tuple(terms)

    def _image(self, obj: dict[str, Any]) -> Image | None:
        media = [m for m in _embedded(obj, "wp:featuredmedia") if isinstance(m, dict)]
        if media and _str(media[0].get("source_url")):
            m = media[0]
            details = m.get("media_details")
            details = details if isinstance(details, dict) else {}
            return Image(src=_str(m.get("source_url")), alt=_str(m.get("alt_text")),
                         width=_int(details.get("width")), height=_int(details.get("height")),
                         id=_int(m.get("id")))
        media_id = _int(obj.get("featured_media"))
        return Image(id=media_id) if media_id else None

    def _responses(self, obj: dict[str, Any], loose: list[dict[str, Any]],
                   author_id: int | None, index: int
                   ) -> tuple[tuple[Comment, ...], tuple[Pingback, ...]]:
        found: list[dict[str, Any]] = [c for group in _embedded(obj, "replies")
                                       if isinstance(group, list)
                                       for c in group if isinstance(c, dict)]
        seen = {_int(c.get("id")) for c in found}
        found += [c for c in loose if _int(c.get("id")) not in seen or c.get("id") is None]
        keep = self.options.comment_statuses
        rows: list[dict[str, Any]] = []
        pingbacks: list[Pingback] = []
        for c in found:
            status = _COMMENT_STATUS.get((_str(c.get("status")) or "approved").lower(),
                                         "hold")
            if status not in keep:
                continue
            if len(rows) + len(pingbacks) >= self.options.max_comments:
                self.defects.append(Defect(
                    kind=DefectKind.LIMIT_REACHED, field="comments", post_index=index,
                    message=f"only the first {self.options.max_comments} comments were kept"))
                break
            when = _time(c.get("date_gmt"), utc=True)
            if when is None:
                when = _time(c.get("date"), utc=False)
                self.naive_comments = self.naive_comments or when is not None
            body = _rendered(c.get("content"))
            body = body.strip() if body else None
            kind = (_str(c.get("type")) or "comment").lower()
            if kind in _PING_TYPES:
                title, blog = split_pingback_title(_str(c.get("author_name")))
                pingbacks.append(Pingback(kind=kind, url=_str(c.get("author_url")),
                                          title=title, blog_name=blog,
                                          excerpt=fragment_text(body) if body else None,
                                          date=when, id=_int(c.get("id"))))
                continue
            commenter = _int(c.get("author"))
            rows.append({
                "id": _int(c.get("id")),
                "author": Person(name=_str(c.get("author_name")),
                                 url=_str(c.get("author_url")), id=commenter or None),
                "date": when,
                "content_html": body,
                "content_text": comment_text(body),
                "parent_id": _int(c.get("parent")) or None,
                "by_post_author": bool(commenter and commenter == author_id),
                "status": status,
            })
        # oldest first, as a page shows them
        rows.sort(key=lambda r: (r["date"] is None, r["date"].timestamp() if r["date"]
                                 else 0.0))

        def report(message: str, field: str) -> None:
            self.defects.append(Defect(kind=DefectKind.ORPHAN_COMMENT, message=message,
                                       field=field, post_index=index))

        return thread(rows, report), tuple(pingbacks)


def parse_wp_json(source: WpJsonSource, *, options: Options = LENIENT) -> PageResult:
    """Read a saved WordPress REST API response into one :class:`~blogparse.PageResult`.

    ``source`` holds one post or page (``/wp-json/wp/v2/posts/42``), a list of them
    (``/wp-json/wp/v2/posts``), or comments (``/wp-json/wp/v2/comments``), alone or in one
    list with their posts: a path, bytes or a binary file object.  A response fetched with
    ``?_embed`` also gives the authors' names, the categories and tags, the featured image
    and the comments.  The result has ``format="wp-json"``; ``kind`` is ``single`` for one
    object, ``archive`` for a list, ``empty`` without posts.  JSON that cannot be read
    raises :class:`~blogparse.InputError`.
    """
    text, read_defects = _read_text(source, options.max_input_bytes)
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"the REST API response is not valid JSON: {exc}"[:300]) from None
    objects = doc if isinstance(doc, list) else [doc]
    objects = [o for o in objects if isinstance(o, dict) and (_is_comment(o) or any(
        isinstance(o.get(key), dict) and "rendered" in o[key] for key in ("title", "content")))]
    if not objects:
        raise InputError("not a WordPress REST API response: no post, page or comment objects")
    reader = _Reader(options)
    posts = tuple(reader.posts(objects))
    defects = read_defects + tuple(reader.defects)
    if not posts:
        defects += (Defect(kind=DefectKind.NO_POSTS, message="the response holds no post"),)
    options.check(defects)
    kind = "empty" if not posts else "single" if isinstance(doc, dict) else "archive"
    return PageResult(kind=kind, posts=posts, format="wp-json", encoding="utf-8",
                      url=posts[0].url if kind == "single" else None, defects=defects)
