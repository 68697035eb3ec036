"""What a single page says about itself that the parse could not match: an announced count
of responses the page does not show, and a post with no title or text to be found."""

from __future__ import annotations

import blogparse
from blogparse import DefectKind, PageResult

_HEAD = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.2">
<title>Moorings | Quay</title></head>
<body class="post-template-default single single-post postid-40">
<article id="post-40" class="post-40 post type-post hentry">
<h1 class="entry-title">Moorings</h1>
<div class="entry-content"><p>Two new moorings were laid off the slipway.</p></div>
</article>
<div id="comments" class="comments-area">"""
_COMMENT = """<li id="comment-{n}" class="comment depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Reader {n}</b>
</div></footer><div class="comment-content"><p>Comment number {n}.</p></div></article></li>"""
_PING = """<li id="comment-{n}" class="pingback"><div class="comment-body">Pingback:
<a href="https://other.example/post/" class="url" rel="ugc external">Harbour notes</a>
</div></li>"""


def _page(heading: str, items: str, after: str = "") -> PageResult:
    html = (_HEAD + f'<h2 class="comments-title">{heading}</h2>'
            + f'<ol class="comment-list">{items}</ol>{after}</div></body></html>')
    return blogparse.parse_page(html.encode())


def _mismatches(result: PageResult) -> list[str]:
    return [d.message for d in result.defects if d.kind is DefectKind.COUNT_MISMATCH]


def test_an_announced_count_the_page_does_not_show_is_a_defect() -> None:
    result = _page("5 thoughts on “Moorings”",
                   _COMMENT.format(n=1) + _COMMENT.format(n=2))
    assert result.post is not None
    assert result.post.response_count == 5
    assert len(result.post.comments) == 2
    assert _mismatches(result) == ["the page announces 5 response(s) and shows 2"]


def test_comments_loaded_by_a_script_leave_an_announced_count_and_a_defect() -> None:
    result = _page("3 Comments", "")
    assert result.post is not None
    assert result.post.response_count == 3
    assert result.post.comments == ()
    assert len(_mismatches(result)) == 1
    assert "shows 0" in _mismatches(result)[0]


def test_a_matching_count_is_no_defect() -> None:
    result = _page("2 thoughts on “Moorings”", _COMMENT.format(n=1) + _COMMENT.format(n=2))
    assert _mismatches(result) == []


def test_a_count_of_the_comments_alone_beside_pingbacks_is_no_defect() -> None:
    result = _page("2 Comments",
                   _COMMENT.format(n=1) + _COMMENT.format(n=2) + _PING.format(n=3))
    assert result.post is not None
    assert len(result.post.pingbacks) == 1
    assert _mismatches(result) == []


def test_one_page_of_paged_comments_is_no_defect() -> None:
    nav = ('<nav class="comment-navigation"><div class="nav-previous"><a href='
           '"https://quay.example/moorings/comment-page-1/#comments">Older comments</a>'
           '</div></nav>')
    result = _page("9 thoughts on “Moorings”", _COMMENT.format(n=8) + _COMMENT.format(n=9),
                   after=nav)
    assert result.post is not None
    assert result.post.response_count == 9
    assert _mismatches(result) == []


def test_a_post_without_text_says_so() -> None:
    html = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.2">
<title>Gallery | Quay</title></head><body class="single single-post postid-41">
<article id="post-41" class="post-41 post type-post hentry">
<h1 class="entry-title">Gallery</h1><div class="entry-content"></div></article>
</body></html>"""
    result = blogparse.parse_page(html.encode())
    assert result.post is not None
    assert result.post.title == "Gallery"
    assert result.post.content_text is None
    missing = [(d.field, d.message) for d in result.defects
               if d.kind is DefectKind.MISSING_FIELD]
    assert missing == [("content_text", "no text was found for the post")]


def test_a_whole_post_has_no_missing_field_defect() -> None:
    result = _page("2 thoughts on “Moorings”", _COMMENT.format(n=1) + _COMMENT.format(n=2))
    assert not [d for d in result.defects if d.kind is DefectKind.MISSING_FIELD]

