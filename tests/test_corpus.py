"""Every page of the shared corpus parses; WordPress pages give what a reader sees.

The corpus lives beside the project (``../shared/corpus``) and is not shipped: each test
skips when it is absent.  Expected values below were read off the pages themselves.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from typing import Any

import lxml.html
import pytest

import blogparse
from conftest import SHARED

_ROWS: list[dict[str, str]] = []
if SHARED is not None:
    with (SHARED / "corpus" / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        _ROWS = [r for r in csv.DictReader(fh, delimiter="\t")
                 if r["local_file"].startswith("html/")]
_WORDPRESS = [r["local_file"] for r in _ROWS if r["is_wordpress"] == "yes"]
_OTHER = [r["local_file"] for r in _ROWS if r["is_wordpress"] != "yes"]


def _read(shared_dir: Path, name: str) -> bytes:
    return (shared_dir / "corpus" / name).read_bytes()


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    return re.sub(r"\W+", " ", text).strip().casefold()


@pytest.mark.parametrize("name", _WORDPRESS or ["-"])
def test_wordpress_page_gives_a_titled_post(shared_dir: Path, name: str) -> None:
    """A WordPress page gives at least one post whose title the page itself shows."""
    data = _read(shared_dir, name)
    result = blogparse.parse_page(data)
    assert result.kind in {"single", "archive"}
    post = result.posts[0]
    assert post.title
    # the reference tree is built from the decoded text (decoding is tested on its own)
    root = lxml.html.document_fromstring(blogparse._source.read_source(data).text)
    shown = " ".join(
        [root.findtext(".//title") or ""]
        + [m.get("content", "") for m in root.xpath("//meta[@property='og:title']")]
        + [h.text_content() for h in root.xpath("//h1 | //h2 | //h3")]
    )
    assert _norm(post.title) in _norm(shown)


@pytest.mark.parametrize("name", _WORDPRESS or ["-"])
def test_pingbacks_match_the_pages_pingback_items(shared_dir: Path, name: str) -> None:
    """Each pingback/trackback item of the comment list becomes one Pingback, in order."""
    data = _read(shared_dir, name)
    post = blogparse.parse_page(data).posts[0]
    root = lxml.html.document_fromstring(data)
    items = root.xpath(
        "//li[contains(concat(' ', normalize-space(@class), ' '), ' pingback ')"
        " or contains(concat(' ', normalize-space(@class), ' '), ' trackback ')]"
    )
    assert len(items) == len(post.pingbacks)
    for pingback in post.pingbacks:
        assert pingback.title or pingback.blog_name or pingback.url


@pytest.mark.parametrize("name", _WORDPRESS or ["-"])
def test_threads_are_consistent(shared_dir: Path, name: str) -> None:
    """Comment parents are comments of the same post and depths follow the thread."""
    result = blogparse.parse_page(_read(shared_dir, name))
    for post in result.posts:
        by_id = {c.id: c for c in post.comments if c.id is not None}
        for comment in post.comments:
            assert comment.depth >= 1
            if comment.parent_id is not None:
                assert comment.parent_id in by_id
                assert comment.depth == by_id[comment.parent_id].depth + 1
        assert post.response_count is None or post.response_count >= 0


@pytest.mark.parametrize("name", _OTHER or ["-"])
def test_other_platforms_give_a_result_or_our_error(shared_dir: Path, name: str) -> None:
    """Pages from other engines give a best-effort result or blogparse's own error."""
    try:
        result = blogparse.parse_page(_read(shared_dir, name))
    except blogparse.BlogparseError:
        return
    assert result.theme != "wordpress-classic" or result.posts


# Values read off the pages: (file, field, expected).
_FACTS: list[tuple[str, str, Any]] = [
    ("trafilatura__mywakenews.wordpress.com.psyop.html", "pingbacks", 28),
    ("trafilatura__mywakenews.wordpress.com.psyop.html", "comments", 1),
    ("trafilatura__mywakenews.wordpress.com.psyop.html", "response_count", 29),
    ("trafilatura__mywakenews.wordpress.com.psyop.html", "theme", "wordpress-com"),
    ("trafilatura__mywakenews.wordpress.com.psyop.html", "categories", ["uncategorized"]),
    ("trafilatura__mywakenews.wordpress.com.psyop.html", "login_options",
     ["WordPress.com", "Google", "Twitter", "Facebook"]),
    ("trafilatura__insubordinant.wordpress.com.speed.html", "comments", 3),
    ("trafilatura__insubordinant.wordpress.com.speed.html", "response_count", 3),
    ("trafilatura__archive.org.the-pain.net.silkroad.html", "pingbacks", 1),
    ("trafilatura__archive.org.the-pain.net.silkroad.html", "comments", 33),
    ("trafilatura__internet-law.de.pseudonymen.html", "comments", 35),
    ("trafilatura__internet-law.de.pseudonymen.html", "response_count", 35),
    # categories there sit inside an HTML comment: a reader does not see them
    ("trafilatura__internet-law.de.pseudonymen.html", "categories", []),
    ("trafilatura__hearya.com.metal.html", "comments", 38),
    ("trafilatura__gnadlib.wordpress.com.scherenschnitt.html", "comments", 5),
    ("trafilatura__gnadlib.wordpress.com.scherenschnitt.html", "tags", 3),
    ("trafilatura__echte-demokratie-jetzt.de.blog.html", "kind", "archive"),
    ("trafilatura__echte-demokratie-jetzt.de.blog.html", "posts", 10),
    ("trafilatura__helge.at.mahu.html", "author", "Helge Fahrnberger"),
    ("readability__wordpress.html", "comments", 13),
]


@pytest.mark.parametrize(("name", "field", "expected"), _FACTS)
def test_fact_read_off_the_page(shared_dir: Path, name: str, field: str, expected: Any) -> None:
    """A value checked by reading the page gives the same value from the parser."""
    result = blogparse.parse_page(_read(shared_dir, "html/" + name))
    post = result.posts[0]
    form = post.comment_form
    actual = {
        "pingbacks": lambda: len(post.pingbacks),
        "comments": lambda: len(post.comments),
        "response_count": lambda: post.response_count,
        "theme": lambda: result.theme,
        "kind": lambda: result.kind,
        "posts": lambda: len(result.posts),
        "categories": lambda: [t.slug for t in post.categories],
        "tags": lambda: len(post.tags),
        "author": lambda: post.author.name if post.author else None,
        "login_options": lambda: [o.name for o in form.login_options] if form else None,
    }[field]()
    assert expected == actual
