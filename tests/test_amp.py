"""AMP pages: the AMP plugin's reader template, and any page whose images are <amp-img>.

An AMP document marks its ``<html>`` with ``amp`` (or ``⚡``) and writes every image as
``<amp-img>``, with the plain ``<img>`` in a ``<noscript>`` inside it.  The AMP plugin for
WordPress serves such a copy of each post (``/amp/``, ``?amp=1``), which crawls and
saved-page collections hold as often as the post itself.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import blogparse

PAGES = Path(__file__).parent / "pages"
READER = PAGES / "amp" / "reader_single.html"
GOLDEN = ("classic_single", "captions", "wpcom_single", "block_single", "threaded_comments")


def test_reader_template_reads_whole() -> None:
    result = blogparse.parse_file(READER)
    assert ("single", "wordpress-classic") == (result.kind, result.theme)
    assert result.defects == ()
    site = result.site
    assert site is not None
    assert ("Weir and Wheel", "https://weirandwheel.example/") == (site.name, site.url)
    post = result.post
    assert post is not None
    assert ("Rebuilding the mill leat sluice",
            "https://weirandwheel.example/2022/09/18/mill-leat-sluice/") == (post.title,
                                                                              post.url)
    assert ["Idris Penhale"] == [a.name for a in post.authors]
    # the <time> carries the instant; its text is only "2 years ago"
    assert datetime(2022, 9, 18, 15, 5, tzinfo=UTC) == post.published
    assert datetime(2022, 9, 20, 8, 12, 44, tzinfo=timezone(timedelta(hours=1))) == (
        post.updated)
    assert [("Repairs", "repairs"), ("Water", "water")] == [
        (t.name, t.slug) for t in post.categories]
    assert [("oak", "oak"), ("sluice", "sluice")] == [(t.name, t.slug) for t in post.tags]
    assert post.featured_image is not None
    assert ("https://weirandwheel.example/wp-content/uploads/2022/09/sluice-gate-1024x683.jpg",
            "The new oak sluice gate in its frame") == (post.featured_image.src,
                                                        post.featured_image.alt)
    assert [("What was left of the old gate.", "Bryony Keast",
             "https://weirandwheel.example/wp-content/uploads/2022/09/old-gate-300x200.jpg",
             214),
            ("The frame before the gate went in", "Idris Penhale",
             "https://weirandwheel.example/wp-content/uploads/2022/09/frame-1024x768.jpg",
             216)] == [(c.text, c.credit, c.image.src if c.image else None,
                        c.image.id if c.image else None) for c in post.captions]
    assert ["paragraph", "image", "paragraph", "image", "paragraph"] == [
        b.kind for b in post.blocks]
    # captions are not the post's text, and the header, icon and footer are not either
    assert post.content_text is not None
    assert post.content_text.startswith("The old sluice at the head of the leat")
    assert post.content_text.endswith("whatever the river is doing.")
    assert "Photo:" not in post.content_text
    assert post.content_html is not None
    assert "<amp-img" not in post.content_html
    assert "noscript" not in post.content_html
    # "Leave a Comment" is the link's text when there is none
    assert 0 == post.response_count
    assert post.comments == ()


def _amp(page: str) -> str:
    """``page`` as the AMP plugin serves it in its transitional mode: the same markup, the
    document marked AMP, each image an <amp-img> around its <noscript> fallback."""
    page = re.sub(r"<html\b", "<html amp", page, count=1)
    return re.sub(r"<img\b([^>]*?)\s*/?>",
                  lambda m: f"<amp-img{m.group(1)}><noscript><img{m.group(1)}></noscript>"
                            "</amp-img>", page)


def _comparable(result: blogparse.PageResult) -> dict[str, Any]:
    data = result.to_dict()
    for post in data["posts"]:
        post.pop("content_html")
        for block in post["blocks"]:
            block.pop("html")
    return data


@pytest.mark.parametrize("name", GOLDEN)
def test_amp_page_reads_as_the_page(name: str) -> None:
    page = (PAGES / f"{name}.html").read_text("utf-8")
    amp = _amp(page)
    assert amp.count("<amp-img") == page.count("<img") > 0
    expected = blogparse.parse_page(page)
    result = blogparse.parse_page(amp)
    assert _comparable(expected) == _comparable(result)
    for post in result.posts:
        assert post.content_html is None or "<amp-img" not in post.content_html


def test_amp_images_only_in_amp_documents() -> None:
    """Outside an AMP document an <amp-img> is an unknown element, left as it is."""
    page = (PAGES / "captions.html").read_text("utf-8")
    not_amp = _amp(page).replace("<html amp", "<html", 1)
    post = blogparse.parse_page(not_amp).post
    assert post is not None
    assert post.content_html is not None
    assert "<amp-img" in post.content_html


_RELATIVE = """<!DOCTYPE html><html><head><title>Kilns</title>
<link rel="canonical" href="//potter.example/2021/05/kilns/" />
<meta property="og:url" content="{og}" />
<meta name="generator" content="WordPress 6.2" /></head>
<body class="single single-post postid-7"><article id="post-7" class="post-7 post hentry">
<h1 class="entry-title">Kilns</h1><div class="entry-content"><p>Firing the kiln.</p>
<figure class="wp-caption"><img src="/wp-content/uploads/2021/05/kiln.jpg" alt="">
<figcaption class="wp-caption-text">The kiln at dawn. Photo: Eli Marsh</figcaption></figure>
</div></article></body></html>"""


@pytest.mark.parametrize(("og", "scheme"), [
    ("https://potter.example/2021/05/kilns/", "https:"),
    ("http://potter.example/2021/05/kilns/", "http:"),
    # another site's og:url says nothing of this one's scheme
    ("https://mirror.example/2021/05/kilns/", ""),
])
def test_protocol_relative_canonical_takes_og_url_scheme(og: str, scheme: str) -> None:
    result = blogparse.parse_page(_RELATIVE.format(og=og))
    assert f"{scheme}//potter.example/2021/05/kilns/" == result.url
    post = result.post
    assert post is not None
    assert [f"{scheme}//potter.example/wp-content/uploads/2021/05/kiln.jpg"] == [
        c.image.src if c.image else None for c in post.captions]
