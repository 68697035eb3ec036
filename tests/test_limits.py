"""Bounded resources: huge pages, deep nesting, many responses and adversarial field strings.

Memory is measured in a child process (its own peak, ``VmHWM``) so that one test's peak cannot hide
another's; time is never asserted in absolute terms, only as a ratio against a baseline
measured in the same test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable

import pytest

import blogparse
from blogparse import _document, _text

_PAGE = (
    '<html><head><meta name="generator" content="WordPress 6.4"></head>'
    '<body class="single single-post postid-1">'
    '<article id="post-1" class="post-1 post type-post hentry">'
    '<h1 class="entry-title">Kept title</h1>'
    '<span class="cat-links"><a href="/category/news/" rel="category tag">News</a></span>'
    '<div class="entry-content">{content}</div></article>{discussion}</body></html>'
)
_ONE_COMMENT = (
    '<div id="comments" class="comments-area"><ol class="comment-list">'
    '<li id="comment-7" class="comment"><div class="comment-content"><p>after</p></div></li>'
    "</ol></div>"
)


def _page(content: str, discussion: str = _ONE_COMMENT) -> str:
    return _PAGE.format(content=content, discussion=discussion)


def _kinds(result: blogparse.PageResult) -> set[str]:
    return {d.kind.value for d in result.defects}


# --- nesting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("<div>" * 100_000 + "x" + "</div>" * 100_000, id="div-closed"),
        pytest.param("<div>" * 100_000 + "x", id="div-unclosed"),
        pytest.param("<span>" * 100_000, id="span"),
        pytest.param("<ul><li>" * 20_000 + "x", id="ul-li"),
        pytest.param("<blockquote><table><tr><td>" * 30_000, id="table"),
    ],
)
def test_deep_nesting_keeps_what_follows(content: str) -> None:
    """100,000 levels of nesting neither recurse nor hide the comments that follow them."""
    result = blogparse.parse_page(_page(content))
    post = result.post
    assert post is not None
    assert "Kept title" == post.title
    assert ["News"] == [t.name for t in post.categories]
    assert [7] == [c.id for c in post.comments]
    assert "limit-reached" in _kinds(result)


def test_nesting_just_past_libxml2_limit_is_recovered() -> None:
    """300 levels (libxml2 stops at 256) are read again with the deep part kept as text."""
    result = blogparse.parse_page(_page("<div>" * 300 + "deep text"))
    assert result.post is not None
    assert "deep text" in (result.post.content_text or "")
    assert [7] == [c.id for c in result.post.comments]


def test_max_depth_option_reads_deeper_elements_as_text() -> None:
    """``Options(max_depth=N)`` turns start tags nested deeper than N into text."""
    result = blogparse.parse_page(_page("<div>" * 40 + "inner"),
                                  options=blogparse.Options(max_depth=20))
    assert result.post is not None
    assert "<div>" in (result.post.content_text or "")
    assert [7] == [c.id for c in result.post.comments]


def test_ordinary_pages_are_not_tamed() -> None:
    """A page within libxml2's limits parses exactly as before: no limit defect."""
    result = blogparse.parse_page(_page("<div>" * 50 + "<p>x</p>" + "</div>" * 50))
    assert "limit-reached" not in _kinds(result)


def test_deep_wxr_content_keeps_what_follows() -> None:
    """Deeply nested post content in an export does not cut off the rest of the content."""
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>B</title>'
        "<wp:wxr_version>1.2</wp:wxr_version><item><title>P</title>"
        "<content:encoded><![CDATA[" + "<div>" * 5_000 + "x" + "</div>" * 5_000
        + "<p>tail paragraph</p>]]></content:encoded><wp:post_id>1</wp:post_id>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>"
        "</channel></rss>"
    )
    result = blogparse.parse_wxr(doc.encode())
    assert "tail paragraph" in (result.posts[0].content_text or "")


def test_nesting_in_plain_text_dump_is_harmless() -> None:
    """A text dump of 100,000 bracket lines parses without recursion."""
    result = blogparse.parse_page("Title\n\n" + "> " * 100_000 + "quote\n", format="text")
    assert result.format == "text"


# --- long text runs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("<p>" + "x" * 11_000_000 + "</p>", id="ascii-11M"),
        pytest.param("<p>" + "é" * 6_000_000 + "</p>", id="two-byte-6M"),
        pytest.param("<p>" + "x" * 6_000_000 + "<b>y</b>" + "x" * 6_000_000 + "</p>",
                     id="two-runs"),
        pytest.param('<p title="' + "x" * 12_000_000 + '">a</p>', id="attribute"),
        pytest.param("<!--" + "x" * 12_000_000 + "-->", id="comment"),
    ],
)
def test_ten_megabyte_text_node_keeps_the_rest(content: str) -> None:
    """A single 10 MB text run (or attribute, or comment) does not end the page there."""
    result = blogparse.parse_page(_page(content))
    assert result.post is not None
    assert [7] == [c.id for c in result.post.comments]
    assert "limit-reached" in _kinds(result)


def test_tame_html_is_linear_on_unclosed_markup() -> None:
    """The taming scan handles runs of ``<`` and unclosed comments without rescanning."""
    n = 200_000
    base = _ratio_baseline(lambda: _document.tame_html("<" * n + "<!--" * n), repeat=1)
    big = _ratio_baseline(lambda: _document.tame_html("<" * (4 * n) + "<!--" * (4 * n)),
                          repeat=1)
    assert big < base * 40


# --- many responses ----------------------------------------------------------------------


def _comments_page(n: int, *, kind: str = "comment") -> str:
    if kind == "pingback":
        items = "".join(
            f'<li id="comment-{i}" class="pingback"><div class="comment-body">Pingback: '
            f'<a href="https://e.example/{i}" class="url">Post {i} | Blog</a></div></li>'
            for i in range(1, n + 1)
        )
    else:
        items = "".join(
            f'<li id="comment-{i}" class="comment"><div class="comment-content">c{i}</div></li>'
            for i in range(1, n + 1)
        )
    return _page("<p>body</p>", f'<div id="comments" class="comments-area">'
                                f'<ol class="comment-list">{items}</ol></div>')


_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time

    def peak_kb():
        # VmHWM is this program's own peak; ru_maxrss also counts the parent's memory at
        # the fork that started it (Linux keeps the larger across exec)
        try:
            with open("/proc/self/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    import blogparse
    from blogparse import _document
    sys.setrecursionlimit(1000)  # a recursion would show at once
    spec = json.loads(sys.argv[1])
    doc = __import__("tests.test_limits", fromlist=["x"]).build(spec)
    before = peak_kb()
    t = time.perf_counter()
    try:
        opts = blogparse.Options(**spec.get("options", {}))
        if spec.get("stream"):
            n = posts = 0
            with blogparse.iter_wxr(doc, options=opts) as reader:
                for post in reader:
                    posts += 1
                    n += len(post.comments)
            r = None
        elif spec.get("wxr"):
            r = blogparse.parse_wxr(doc, options=opts)
        else:
            r = blogparse.parse_page(doc, options=opts)
        out = {"ok": True, "posts": posts, "comments": n, "pingbacks": 0,
               "defects": []} if r is None else {"ok": True, "posts": len(r.posts),
               "comments": sum(len(p.comments) for p in r.posts),
               "pingbacks": sum(len(p.pingbacks) for p in r.posts),
               "defects": sorted({d.kind.value for d in r.defects})}
    except blogparse.BlogparseError as exc:
        out = {"ok": False, "error": type(exc).__name__}
    out["seconds"] = time.perf_counter() - t
    out["input"] = len(doc)
    out["rss_before_kb"] = before
    out["rss_kb"] = peak_kb()
    print(json.dumps(out))
    """
)


def build(spec: dict[str, object]) -> bytes:
    """The input a child process parses, built from a small JSON description."""
    what = spec["what"]
    n = int(spec["n"])  # type: ignore[call-overload]
    if what == "comments":
        return _comments_page(n).encode()
    if what == "pingbacks":
        return _comments_page(n, kind="pingback").encode()
    if what == "paragraphs":
        return _page("<p>word word word word word word word word</p>\n" * n).encode()
    if what == "wxr-comments":
        return _wxr_with_comments(n, per_post=int(spec.get("per_post", 100)))  # type: ignore[call-overload]
    if what == "text":
        return ("A title\n\n" + "Some words of a paragraph here.\n\n" * n).encode()
    raise ValueError(what)


def _wxr_with_comments(n: int, *, per_post: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>B</title>'
        "<wp:wxr_version>1.2</wp:wxr_version>"
    ]
    cid = 0
    for post in range(n // per_post):
        parts.append(f"<item><title>P{post}</title><content:encoded>x</content:encoded>"
                     f"<wp:post_id>{post + 1}</wp:post_id><wp:post_type>post</wp:post_type>"
                     "<wp:status>publish</wp:status>")
        for _ in range(per_post):
            cid += 1
            parts.append(f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
                         "<wp:comment_author>A</wp:comment_author>"
                         "<wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt>"
                         "<wp:comment_content>c</wp:comment_content>"
                         "<wp:comment_approved>1</wp:comment_approved>"
                         "<wp:comment_parent>0</wp:comment_parent></wp:comment>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def _measure(spec: dict[str, object]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(spec)],
        capture_output=True, text=True, check=False, timeout=900,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_memory_grows_in_proportion_to_comments() -> None:
    """Four times the comments cost well under sixteen times the memory (no quadratic term).

    Each run's cost is its peak over its own peak before parsing; the smaller run is large
    enough that memory freed while building its input does not hide its cost.
    """
    small = _measure({"what": "comments", "n": 10_000})
    big = _measure({"what": "comments", "n": 40_000})
    assert small["ok"]
    assert big["ok"]
    assert 40_000 == big["comments"]
    small_cost = int(small["rss_kb"]) - int(small["rss_before_kb"])  # type: ignore[call-overload]
    big_cost = int(big["rss_kb"]) - int(big["rss_before_kb"])  # type: ignore[call-overload]
    assert big_cost < 8 * max(small_cost, 1_000)


@pytest.mark.slow
def test_hundred_thousand_pingbacks() -> None:
    """100,000 pingbacks all come back, in memory a bounded multiple of the input."""
    r = _measure({"what": "pingbacks", "n": 100_000})
    assert r["ok"], r
    assert 100_000 == r["pingbacks"]
    assert int(r["rss_kb"]) * 1024 < 60 * int(r["input"])  # type: ignore[call-overload]


@pytest.mark.slow
def test_hundred_thousand_comments() -> None:
    """100,000 comments on one page all come back, in memory a bounded multiple of the input."""
    r = _measure({"what": "comments", "n": 100_000})
    assert r["ok"], r
    assert 100_000 == r["comments"]
    assert int(r["rss_kb"]) * 1024 < 60 * int(r["input"])  # type: ignore[call-overload]


@pytest.mark.slow
def test_million_comments_page_is_cut_at_the_limit() -> None:
    """A page of a million comments stops cleanly at ``max_comments`` with a defect."""
    r = _measure({"what": "comments", "n": 1_000_000, "options": {"max_comments": 1_000}})
    assert r["ok"], r
    assert 1_000 == r["comments"]
    assert "limit-reached" in r["defects"]  # type: ignore[operator]


@pytest.mark.slow
def test_million_comments_in_an_export_stream_in_flat_memory() -> None:
    """A million export comments stream with memory that does not grow with the count."""
    small = _measure({"what": "wxr-comments", "n": 100_000, "stream": True})
    big = _measure({"what": "wxr-comments", "n": 1_000_000, "stream": True})
    assert small["ok"], (small, big)
    assert big["ok"], (small, big)
    assert 1_000_000 == big["comments"]
    # Building the input peaks first; parsing it must add next to nothing on top, however
    # many comments: a stream holds one post at a time.
    added = int(big["rss_kb"]) - int(big["rss_before_kb"])  # type: ignore[call-overload]
    assert added * 1024 < int(big["input"]) // 4  # type: ignore[call-overload]


@pytest.mark.slow
def test_fifty_megabyte_page() -> None:
    """A 50 MB page of a million paragraphs parses, in memory a bounded multiple of it."""
    r = _measure({"what": "paragraphs", "n": 1_000_000})
    assert r["ok"], r
    assert int(r["input"]) > 45_000_000  # type: ignore[call-overload]
    assert int(r["rss_kb"]) * 1024 < 60 * int(r["input"])  # type: ignore[call-overload]


def test_fifty_megabyte_text_run() -> None:
    """A 50 MB page that is one paragraph parses with its comments kept."""
    result = blogparse.parse_page(_page("<p>" + "word " * 10_000_000 + "</p>"))
    assert result.post is not None
    assert [7] == [c.id for c in result.post.comments]


def test_input_over_the_size_limit_is_refused() -> None:
    """Input over ``max_input_bytes`` is refused up front with ResourceLimitError."""
    with pytest.raises(blogparse.ResourceLimitError) as info:
        blogparse.parse_page(b"x" * 2_000, options=blogparse.Options(max_input_bytes=1_000))
    assert "max_input_bytes" == info.value.limit


# --- regular expressions against adversarial strings --------------------------------------


def _ratio_baseline(fn: Callable[[], object], *, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


_ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "1" * n,
    "date-ish": lambda n: "12.05." * (n // 6),
    "spaced-date": lambda n: "12 " * (n // 3) + "x",
    "month-words": lambda n: "Januar März " * (n // 12),
    "credit-labels": lambda n: "Photo: " * (n // 7) + "(",
    "parens": lambda n: "(" * n + "photo/",
    "pipes": lambda n: " | " * (n // 3),
    "count-words": lambda n: "a b " * (n // 4) + "comments",
    "embedded-date": lambda n: "Jan 1, " * (n // 7),
    "h-times": lambda n: "1 h 2" * (n // 5),
    "dots": lambda n: "." * n,
    "spaces": lambda n: " \u00a0" * (n // 2) + "x",
}
_FIELD_PARSERS: dict[str, Callable[[str], object]] = {
    "split_credit": _text.split_credit,
    "split_pingback_title": _text.split_pingback_title,
    "parse_response_count": _text.parse_response_count,
    "parse_datetime": _text.parse_datetime,
    "slug_from_url": _text.slug_from_url,
    "slugify": _text.slugify,
    "to_int": _text.to_int,
    "clean_space": _text.clean_space,
}


@pytest.mark.parametrize("shape", sorted(_ADVERSARIAL))
@pytest.mark.parametrize("parser", sorted(_FIELD_PARSERS))
def test_field_parsers_do_not_backtrack(parser: str, shape: str) -> None:
    """Each field parser's time grows at most linearly from 2 kB to 200 kB of hostile text."""
    fn = _FIELD_PARSERS[parser]
    make = _ADVERSARIAL[shape]
    small, big = make(2_000), make(200_000)
    base = _ratio_baseline(lambda: fn(small))
    large = _ratio_baseline(lambda: fn(big))
    # linear would be 100x; quadratic 10,000x.  A floor absorbs timer noise on tiny baselines.
    assert large < max(base, 2e-5) * 1_000


def _textdump_parsers() -> dict[str, Callable[[str], object]]:
    from blogparse import _textdump

    found: dict[str, Callable[[str], object]] = {}
    for name in ("_is_date_line", "_is_count_heading", "_is_meta", "_strip_avatar",
                 "_strip_edit", "_service"):
        fn = getattr(_textdump, name, None)
        if callable(fn):
            found[name] = fn
    return found


@pytest.mark.parametrize("shape", sorted(_ADVERSARIAL))
def test_textdump_line_tests_do_not_backtrack(shape: str) -> None:
    """The text-dump reader's line classifiers stay linear on long hostile lines."""
    make = _ADVERSARIAL[shape]
    small, big = make(2_000), make(200_000)
    for name, fn in _textdump_parsers().items():
        base = _ratio_baseline(lambda fn=fn: fn(small))  # type: ignore[misc]
        large = _ratio_baseline(lambda fn=fn: fn(big))  # type: ignore[misc]
        assert large < max(base, 2e-5) * 1_000, name


@pytest.mark.parametrize("shape", sorted(_ADVERSARIAL))
def test_text_dump_of_one_hostile_line_is_linear(shape: str) -> None:
    """A whole text dump made of one hostile line parses in time linear in its length."""
    make = _ADVERSARIAL[shape]
    small, big = "T\n\n" + make(5_000) + "\n", "T\n\n" + make(100_000) + "\n"
    base = _ratio_baseline(lambda: blogparse.parse_page(small, format="text"), repeat=2)
    large = _ratio_baseline(lambda: blogparse.parse_page(big, format="text"), repeat=1)
    assert large < max(base, 1e-3) * 200
