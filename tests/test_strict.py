"""Strict mode: every defect of an input is raised together, as one StrictModeError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from tests import render
from tests import strategies as s

import blogparse
from blogparse import DefectError, DefectKind, Post, StrictModeError

# A page with several defects at once: a naive date, an orphan reply, a missing </html>.
_DEFECTIVE = (
    '<html><head><meta name="generator" content="WordPress 6.4"></head>'
    '<body class="single single-post postid-3"><article id="post-3" class="post hentry">'
    '<h1 class="entry-title">Title</h1><time class="entry-date published" '
    'datetime="2021-03-04 10:00">March 4</time><div class="entry-content"><p>x</p></div>'
    '</article><div id="comments"><ol class="commentlist">'
    '<li id="comment-1" class="comment"><div class="comment-content">a</div></li>'
    "</ol></div></body>"
)


def test_strict_raises_every_defect_together() -> None:
    """STRICT raises a StrictModeError holding exactly the defects a lenient parse records."""
    lenient = blogparse.parse_page(_DEFECTIVE)
    assert len(lenient.defects) >= 2
    with pytest.raises(StrictModeError) as info:
        blogparse.parse_page(_DEFECTIVE, options=blogparse.STRICT)
    assert lenient.defects == info.value.defects
    assert all(isinstance(e, DefectError) for e in info.value.exceptions)
    assert [d.field for d in lenient.defects] == [e.field for e in info.value.exceptions]


def test_strict_error_is_an_exception_group_and_ours() -> None:
    """The strict error is a BlogparseError and an ExceptionGroup that ``except*`` splits."""
    caught: list[DefectError] = []
    groups: list[BaseException] = []
    try:
        blogparse.parse_page(_DEFECTIVE, options=blogparse.Options(strict=True))
    except* DefectError as group:
        groups.append(group)
        caught.extend(e for e in group.exceptions if isinstance(e, DefectError))
    assert isinstance(groups[0], ExceptionGroup)
    assert {DefectKind.NAIVE_DATE, DefectKind.TRUNCATED} <= {e.defect.kind for e in caught}
    with pytest.raises(blogparse.BlogparseError):
        blogparse.parse_page(_DEFECTIVE, options=blogparse.STRICT)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(post=s.posts(max_comments=2, max_pingbacks=1, huge=False))
def test_strict_passes_a_clean_page_through(post: Post) -> None:
    """A rendered page without defects parses the same in strict and lenient mode."""
    page = render.render_page(post, "wordpress-classic")
    lenient = blogparse.parse_page(page)
    assert () == lenient.defects
    assert lenient == blogparse.parse_page(page, options=blogparse.STRICT)


def test_strict_wxr_raises_every_defect_together() -> None:
    """Strict export parsing raises the reader's defects together (zero date, orphan)."""
    doc = (
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2'
        b"</wp:wxr_version><item><title>P</title><wp:post_id>1</wp:post_id>"
        b"<wp:post_date>2020-01-01 10:00:00</wp:post_date>"
        b"<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:comment>"
        b"<wp:comment_id>5</wp:comment_id><wp:comment_parent>4</wp:comment_parent>"
        b"<wp:comment_approved>1</wp:comment_approved><wp:comment_content>c"
        b"</wp:comment_content></wp:comment></item></channel></rss>"
    )
    lenient = blogparse.parse_wxr(doc)
    assert len(lenient.defects) >= 2
    with pytest.raises(StrictModeError) as info:
        blogparse.parse_wxr(doc, options=blogparse.STRICT)
    assert lenient.defects == info.value.defects


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=s.html_like())
def test_strict_raises_exactly_when_lenient_records(doc: str) -> None:
    """For any document, strict mode raises iff the lenient result has defects, with them all."""
    try:
        lenient = blogparse.parse_page(doc)
    except blogparse.BlogparseError as exc:
        with pytest.raises(type(exc)):
            blogparse.parse_page(doc, options=blogparse.STRICT)
        return
    if not lenient.defects:
        assert lenient == blogparse.parse_page(doc, options=blogparse.STRICT)
        return
    with pytest.raises(StrictModeError) as info:
        blogparse.parse_page(doc, options=blogparse.STRICT)
    assert lenient.defects == info.value.defects
