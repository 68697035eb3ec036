"""Never crash, always deterministic, always valid: properties over arbitrary input.

Any bytes, any text, and generated HTML-like and WXR-like documents either parse or raise
only :class:`blogparse.BlogparseError`; the same input gives the same result; and every
result satisfies the models' invariants (threads, depths, counts, dates, JSON round trip).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import strategies as s

import blogparse
from blogparse import DefectKind, PageResult, Post

_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_FORMATS = st.sampled_from([None, "html", "mhtml", "text", "wxr"])


def _parse(data: bytes | str, fmt: str | None = None) -> PageResult | None:
    try:
        return blogparse.parse_page(data, format=fmt)
    except blogparse.BlogparseError:
        return None


def check_invariants(result: PageResult) -> None:
    """Assert what every result must satisfy, whatever the input."""
    assert result.kind in {"single", "archive", "empty"}
    assert result.format in {"html", "mhtml", "text", "wxr"}
    naive_fields = {d.field for d in result.defects
                    if d.kind in {DefectKind.NAIVE_DATE, DefectKind.ZERO_DATE}}
    has_naive_defect = bool(naive_fields)
    for index, post in enumerate(result.posts):
        orphans = {d.field for d in result.defects
                   if d.kind is DefectKind.ORPHAN_COMMENT and d.post_index == index}
        check_post(post, has_naive_defect, orphans)
    assert PageResult.from_dict(result.to_dict()) == result


def check_post(post: Post, has_naive_defect: bool, orphans: set[str | None] = frozenset()
               ) -> None:
    """A post's threads, depths, counts and dates are consistent.

    ``orphans`` names the comments (``comments[N].parent_id``) that an orphan-comment
    defect already reports (see ``test_wxr_orphan_reply_keeps_dangling_parent``).
    """
    by_id = {c.id: c for c in post.comments if c.id is not None}
    for n, c in enumerate(post.comments):
        assert c.depth >= 1
        if c.parent_id is not None and f"comments[{n}].parent_id" not in orphans:
            parent = by_id.get(c.parent_id)
            assert parent is not None, "a parent is a comment of the same post"
            assert parent.depth + 1 == c.depth
    assert post.response_count is None or post.response_count >= 0
    dates = [post.published, post.updated, *(c.date for c in post.comments),
             *(p.date for p in post.pingbacks)]
    if any(d is not None and d.tzinfo is None for d in dates):
        assert has_naive_defect, "a naive datetime comes with a naive-date/zero-date defect"
    for i in (*post.captions,):
        if i.image is not None:
            assert i.image.width is None or i.image.width >= 0
            assert i.image.height is None or i.image.height >= 0
    assert Post.from_dict(post.to_dict()) == post


@_SETTINGS
@given(data=s.raw_bytes, fmt=_FORMATS)
def test_any_bytes_parse_or_raise_own_error(data: bytes, fmt: str | None) -> None:
    """Any bytes, in any format, give a valid result or a BlogparseError."""
    result = _parse(data, fmt)
    if result is not None:
        check_invariants(result)


@_SETTINGS
@given(text=s.raw_text, fmt=_FORMATS)
def test_any_text_parse_or_raise_own_error(text: str, fmt: str | None) -> None:
    """Any text gives a valid result or a BlogparseError."""
    result = _parse(text, fmt)
    if result is not None:
        check_invariants(result)


@_SETTINGS
@given(doc=s.html_like(), as_bytes=st.booleans())
def test_html_like_documents(doc: str, as_bytes: bool) -> None:
    """WordPress-flavoured, often broken HTML parses to a valid result or the library's error."""
    result = _parse(doc.encode("utf-8", "surrogatepass") if as_bytes else doc)
    if result is not None:
        check_invariants(result)


@_SETTINGS
@given(doc=s.wxr_like())
def test_wxr_like_documents(doc: bytes) -> None:
    """Generated (and cut-off) exports parse to valid posts or raise the library's error."""
    try:
        result = blogparse.parse_wxr(doc)
    except blogparse.BlogparseError:
        return
    check_invariants(result)


@_SETTINGS
@given(doc=s.wxr_like())
def test_wxr_stream_matches_whole_parse(doc: bytes) -> None:
    """Streaming an export yields the posts parse_wxr returns, and fails where it fails."""
    streamed = []
    stream_error: type[BaseException] | None = None
    try:
        with blogparse.iter_wxr(doc) as reader:
            streamed.extend(reader)
    except blogparse.BlogparseError as exc:
        stream_error = type(exc)
    whole_error: type[BaseException] | None = None
    try:
        whole = blogparse.parse_wxr(doc)
    except blogparse.BlogparseError as exc:
        whole_error = type(exc)
    if whole_error is not None:
        assert stream_error is whole_error
        return
    if stream_error is not None:
        # parse_wxr keeps what a cut-off export held and records the cut as a defect
        assert stream_error is blogparse.TruncatedInputError
        assert DefectKind.TRUNCATED in {d.kind for d in whole.defects}
    assert list(whole.posts) == streamed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(s.html_like().map(str.encode), s.wxr_like(), s.raw_bytes), fmt=_FORMATS)
def test_parsing_is_deterministic(data: bytes, fmt: str | None) -> None:
    """The same input parses to the same result (or the same error) every time."""
    def once() -> object:
        try:
            return blogparse.parse_page(data, format=fmt)
        except blogparse.BlogparseError as exc:
            return (type(exc), str(exc))

    assert once() == once()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(post=s.posts(max_comments=8, max_pingbacks=4))
def test_generated_models_survive_json(post: Post) -> None:
    """Every generated model converts to JSON-ready data and back to an equal model."""
    assert Post.from_dict(post.to_dict()) == post


_ORPHAN_WXR = (
    b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
    b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2'
    b"</wp:wxr_version><item><title>P</title><wp:post_id>1</wp:post_id><wp:comment>"
    b"<wp:comment_id>5</wp:comment_id><wp:comment_parent>4</wp:comment_parent>"
    b"<wp:comment_approved>1</wp:comment_approved><wp:comment_content>c"
    b"</wp:comment_content></wp:comment></item></channel></rss>"
)


def test_wxr_orphan_reply_keeps_dangling_parent() -> None:
    """A reply to a comment the export does not hold is shown at the top of a thread."""
    comment = blogparse.parse_wxr(_ORPHAN_WXR).posts[0].comments[0]
    assert (5, None, 1) == (comment.id, comment.parent_id, comment.depth)


# --- found by fuzzing (fuzz/run.py) ------------------------------------------------------
# Characters that str.isdigit() accepts but int() refuses (superscripts, circled digits)
# crashed the parse with ValueError wherever a digit test guarded an int() call.

_SUPERSCRIPT_PAGES = [
    '<html><body class="single postid-1"><article class="post-² post hentry">'
    '<h1 class="entry-title">T</h1></article></body></html>',
    '<html><body class="single postid-²"><article class="post hentry">'
    '<h1 class="entry-title">T</h1></article></body></html>',
    '<html><head><link rel="shortlink" href="/?p=²"></head><body class="single">'
    '<article class="post hentry"><h1 class="entry-title">T</h1></article></body></html>',
    '<html><body><article class="post hentry"><h1 class="entry-title">T</h1>'
    '<div class="entry-content"><img src="x.jpg" width="²" height="①"></div></article>'
    "</body></html>",
]


@pytest.mark.parametrize("page", _SUPERSCRIPT_PAGES)
def test_superscript_digits_in_ids_and_sizes(page: str) -> None:
    """Ids and sizes written with superscript digits are not numbers, and do not crash."""
    result = blogparse.parse_page(page)
    check_invariants(result)


def test_superscript_digit_response_count_in_text_dump() -> None:
    """A text dump whose count heading starts with "³" parses (found by the text target)."""
    dump = ("Shore\n\nLow tide\n\nPosted on March 4, 2021 by Ann\n\nThe mud was wide.\n\n"
            "³ thoughts on “Low tide”\n\nLeave a Reply\n")
    check_invariants(blogparse.parse_page(dump, format="text"))
    assert blogparse._text.parse_response_count("³ thoughts on it") is None


def _wxr_item(fields: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><item><title>t</title>"
        f"<wp:post_type>post</wp:post_type>{fields}</item></channel></rss>"
    ).encode()


def test_superscript_digit_post_id_in_export() -> None:
    """An export post id written with a superscript digit is no id, not a crash."""
    result = blogparse.parse_wxr(_wxr_item("<wp:post_id>²</wp:post_id>"))
    assert result.posts[0].id is None


def test_nul_in_mhtml_charset() -> None:
    """An MHTML part whose charset label holds a NUL byte is read, not a crash."""
    data = (b'Content-Type: multipart/related; type="text/html"; boundary="b"\n'
            b"MIME-Version: 1.0\n\n--b\nContent-Type: text/html; charset=\"utf\x00-8\"\n"
            b"Content-Location: https://x.example/\n\n<html><body><p>x</p></body></html>\n"
            b"--b--\n")
    check_invariants(blogparse.parse_page(data, format="mhtml"))


@pytest.mark.parametrize("stamp", ["2020-01-01T10:00:00+99:00", "January 1, 2020 10:00 -2400"])
def test_a_zone_a_day_or_more_from_utc_is_no_zone(stamp: str) -> None:
    """A date whose UTC offset is 24 hours or more keeps its wall time, without the
    impossible zone, and the post records the naive date (found by the mhtml target)."""
    page = ('<html><body class="single postid-1"><article class="post hentry">'
            '<h1 class="entry-title">T</h1>'
            f'<time class="entry-date published" datetime="{stamp}">x</time>'
            "</article></body></html>")
    result = blogparse.parse_page(page)
    check_invariants(result)
    assert result.post is not None
    assert datetime(2020, 1, 1, 10, 0) == result.post.published
    assert blogparse._text.parse_datetime(stamp) == datetime(2020, 1, 1, 10, 0)


def test_depth_zero_class_gives_depth_one() -> None:
    """A comment item marked ``depth-0`` is still a top-level comment (depth 1)."""
    page = ('<html><body class="single postid-1"><article id="post-1" class="post hentry">'
            '<h1 class="entry-title">T</h1></article><div id="comments"><ol class="comment-list">'
            '<li id="comment-3" class="comment depth-0"><div class="comment-content">a</div>'
            "</li></ol></div></body></html>")
    post = blogparse.parse_page(page).post
    assert post is not None
    assert [1] == [c.depth for c in post.comments]


_CYCLE_WXR = (
    b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
    b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2'
    b"</wp:wxr_version><item><title>P</title><wp:post_id>1</wp:post_id>"
    b"<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_parent>1</wp:comment_parent>"
    b"<wp:comment_approved>1</wp:comment_approved></wp:comment>"
    b"<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_parent>3</wp:comment_parent>"
    b"<wp:comment_approved>1</wp:comment_approved></wp:comment>"
    b"<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_parent>2</wp:comment_parent>"
    b"<wp:comment_approved>1</wp:comment_approved></wp:comment></item></channel></rss>"
)


def test_wxr_comment_parent_cycles_are_broken() -> None:
    """Export comments whose parents loop come back as valid threads (found by hypothesis)."""
    check_invariants(blogparse.parse_wxr(_CYCLE_WXR))
