"""Round trip: a generated post, rendered as WordPress writes it, parses back to itself.

Each format carries a different part of a post; :func:`carried` projects a model onto the
fields a format carries so that the rendered-then-parsed post and the generated one can be
compared whole.  Disagreements the library still has are listed in ``KNOWN`` with a reason
and are removed from the projection only where they apply, so every other field keeps its
check.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests import render
from tests.strategies import posts

import blogparse
from blogparse import Post

_SETTINGS = settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _people(post: Post) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.url) for p in post.authors]


def _terms(terms: tuple[blogparse.Term, ...]) -> list[tuple[str, str | None, str | None]]:
    return [(t.name, t.slug, t.url) for t in terms]


def _instant(d: datetime | None) -> tuple[datetime, Any] | None:
    # equal instants with equal offsets: the page's offset must survive, not only the moment
    return None if d is None else (d, d.utcoffset())


def carried_html(post: Post, theme: str) -> dict[str, Any]:
    """The fields a single-post page in ``theme`` carries, in comparable form."""
    out: dict[str, Any] = {
        "title": post.title,
        "url": post.url,
        "id": post.id,
        "authors": _people(post),
        "published": _instant(post.published),
        "categories": _terms(post.categories),
        "tags": _terms(post.tags),
        "paragraphs": (post.content_text or "").split("\n\n")[: _paragraph_count(post)],
        "captions": [(c.text, c.credit, c.image.src if c.image else None,
                      c.image.alt if c.image else None, c.image.width if c.image else None,
                      c.image.height if c.image else None, c.image.id if c.image else None)
                     for c in post.captions],
        "comments": [(c.id, c.author.name if c.author else None,
                      c.author.url if c.author else None, _instant(c.date), c.content_text,
                      c.parent_id, c.depth, c.by_post_author) for c in post.comments],
        "pingbacks": [(p.kind, p.url, p.title, p.blog_name, p.id) for p in post.pingbacks],
        "response_count": post.response_count or None,
        "site": (post.site.name, post.site.url) if post.site else None,
    }
    if theme != "wordpress-block":
        out["updated"] = _instant(post.updated)
    return out


def _paragraph_count(post: Post) -> int:
    return len((post.content_text or "").split("\n\n")) if post.content_text else 0


def parsed_html(result: blogparse.PageResult, expected: Post, theme: str) -> dict[str, Any]:
    """The same projection of what the parser returned."""
    post = result.post
    assert post is not None
    n = _paragraph_count(expected)
    paragraphs = [b.text for b in post.blocks if b.kind == "paragraph"][:n]
    out = carried_html(post, theme)
    out["paragraphs"] = paragraphs
    return out


@pytest.mark.parametrize("theme", render.THEMES)
@_SETTINGS
@given(post=posts())
def test_page_round_trip(theme: str, post: Post) -> None:
    """A post rendered in a built-in theme's markup parses back to the same fields."""
    page = render.render_page(post, theme)
    result = blogparse.parse_page(page.encode("utf-8"))
    assert theme == result.theme
    assert "single" == result.kind
    assert carried_html(post, theme) == parsed_html(result, post, theme)


@pytest.mark.parametrize("theme", render.THEMES)
@_SETTINGS
@given(post=posts(max_comments=3, max_pingbacks=2))
def test_page_round_trip_form(theme: str, post: Post) -> None:
    """The reply form comes back with its heading, action, post id, fields and services."""
    result = blogparse.parse_page(render.render_page(post, theme))
    assert result.post is not None
    form = result.post.comment_form
    if theme == "wordpress-block":
        assert form is None
        return
    assert form is not None
    assert "Leave a Reply" == form.heading
    assert "https://blog.example/wp-comments-post.php" == form.action
    assert "post" == form.method
    assert post.id == form.post_id
    assert {"comment", "author", "email", "url"} == {f.name for f in form.fields}
    required = {f.name for f in form.fields if f.required}
    assert {"author", "email"} <= required
    assert "url" not in required
    assert "Post Comment" == form.submit_label
    if theme == "wordpress-com":
        assert [n for _, n in render.WPCOM_SERVICES] == [o.name for o in form.login_options]


def _wxr_carried(post: Post) -> dict[str, Any]:
    return {
        "title": post.title,
        "url": post.url,
        "id": post.id,
        "author": post.authors[0].name if post.authors else None,
        "published": post.published,
        "updated": post.updated,
        "categories": [(t.name, t.slug) for t in post.categories],
        "tags": [(t.name, t.slug) for t in post.tags],
        "paragraphs": (post.content_text or "").split("\n\n") if post.content_text else [],
        "captions": [(c.text, c.credit, c.image.src if c.image else None,
                      c.image.alt if c.image else None) for c in post.captions],
        "comments": [(c.id, c.author.name if c.author else None,
                      c.author.url if c.author else None, c.date, c.content_text,
                      c.parent_id, c.depth) for c in post.comments],
        "pingbacks": [(p.kind, p.url, p.title, p.blog_name, p.id) for p in post.pingbacks],
    }


@_SETTINGS
@given(items=st.lists(posts(max_comments=6, max_pingbacks=3), min_size=1, max_size=3,
                      unique_by=lambda p: p.id))
def test_wxr_round_trip(items: list[Post]) -> None:
    """Posts written as WXR items come back from the export reader with the same fields."""
    result = blogparse.parse_wxr(render.render_wxr(items))
    assert len(items) == len(result.posts)
    for expected, got in zip(items, result.posts, strict=True):
        parsed = _wxr_carried(got)
        parsed["paragraphs"] = [b.text for b in got.blocks if b.kind == "paragraph"][
            : len(_wxr_carried(expected)["paragraphs"])]
        assert _wxr_carried(expected) == parsed


@_SETTINGS
@given(post=posts(max_comments=6, max_pingbacks=4))
def test_page_and_export_agree(post: Post) -> None:
    """The page and the export of one post give the same pingbacks, terms and comments."""
    page = blogparse.parse_page(render.render_page(post, "wordpress-classic")).post
    export = blogparse.parse_wxr(render.render_wxr([post])).posts[0]
    assert page is not None
    assert [(p.url, p.title, p.blog_name) for p in page.pingbacks] == [
        (p.url, p.title, p.blog_name) for p in export.pingbacks]
    assert [t.name for t in page.categories] == [t.name for t in export.categories]
    assert [t.name for t in page.tags] == [t.name for t in export.tags]
    assert [(c.id, c.parent_id, c.depth, c.content_text) for c in page.comments] == [
        (c.id, c.parent_id, c.depth, c.content_text) for c in export.comments]


def _text_carried(post: Post) -> dict[str, Any]:
    return {
        "title": post.title,
        "categories": [t.name for t in post.categories],
        "tags": [t.name for t in post.tags],
        "comments": [(c.author.name if c.author else None, c.content_text)
                     for c in post.comments],
        "pingbacks": [(p.title, p.blog_name) for p in post.pingbacks],
        "response_count": post.response_count or None,
    }


def _dump_carries(post: Post) -> bool:
    """Whether a text dump can tell ``post`` apart from a different page (docs/text-dumps.md).

    What plain text cannot carry: a term name holding a comma, or ending in a full stop (a
    dump joins terms with ", " and a sentence ends the list with "."), or what ends a term
    list in a meta line (" | ", " • ", "by … on …"); a line that starts
    with a list bullet (what tools print for a list item); a line that starts with "[…]"
    (how lynx and html2text print an image's alt text); "[ ]" (an empty check box); a line
    that starts with "#" (a Markdown heading, which makes the whole dump read as Markdown).
    Titles are kept under 300 characters (``huge=False``): the reader looks for a title
    only in lines of a heading's length.
    """
    terms = [t.name for t in (*post.categories, *post.tags)]
    if any("," in name or name.endswith(".") for name in terms):
        return False
    if any(_LIST_END_RE.search(" " + ", ".join(names)) for names in (
            [t.name for t in post.categories], [t.name for t in post.tags])):
        return False
    lines = [post.title or ""]
    lines += [c.author.name or "" for c in post.comments if c.author is not None]
    lines += [line for c in post.comments for line in (c.content_text or "").split("\n")]
    lines += (post.content_text or "").split("\n")
    return not any(_ambiguous_line(line.strip()) for line in lines)


def _ambiguous_line(line: str) -> bool:
    return ((line[:1] in _BULLETS and line[1:2] in {"", " "}) or line[:1] in {"[", "#"}
            or re.search(r"\[\s+\]", line) is not None)


_BULLETS = frozenset("*+-o•◦▪‣·–□")
# What ends a term list in a dump's meta line (a separator, "@ 10:00", "by … on …"):
# a term holding it is cut there.
_LIST_END_RE = re.compile(r"\s[|•·—–]|\s@\s(?=\d)|\s(?:post navigation|beitragsnavigation)"
                          r"|\s(?:by|von|par|por)\s\S{1,40}(?:\s\S{1,40})?\s(?:on|am|le|el)\s")


@settings(max_examples=60, deadline=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(post=posts(max_comments=5, max_pingbacks=4, huge=False).filter(_dump_carries))
def test_text_dump_round_trip(post: Post) -> None:
    """A classic page copied as text gives back title, terms, comments, pingbacks and count."""
    result = blogparse.parse_page(render.render_text(post), format="text")
    assert result.post is not None
    assert _text_carried(post) == _text_carried(result.post)
