"""Gallery captions: each image keeps its own caption and credit, and a caption the gallery
gives itself is kept too, naming no one image."""

from __future__ import annotations

import pytest

import blogparse
from blogparse import Caption
from blogparse._convert import post_to_markdown

NESTED = """
<figure class="wp-block-gallery has-nested-images columns-2 is-cropped wp-block-gallery-1">
<figure class="wp-block-image size-large"><img src="https://isles.example/up/quay.jpg"
 alt="A quay" class="wp-image-11" width="800" height="600"/><figcaption
 class="wp-element-caption">The quay before the ferry. Photo: Ana Lind</figcaption></figure>
<figure class="wp-block-image size-large"><img src="https://isles.example/up/nets.jpg"
 alt="Nets" class="wp-image-12"/><figcaption class="wp-element-caption">Nets drying on the
 wall</figcaption></figure>
<figure class="wp-block-image size-large"><img src="https://isles.example/up/gull.jpg"
 alt="A gull" class="wp-image-13"/></figure>
<figcaption class="blocks-gallery-caption wp-element-caption">A slow morning on the harbour
 (Photo credit: Tom Ure)</figcaption>
</figure>
"""

GRID = """
<figure class="wp-block-gallery columns-2 is-cropped alignwide"><ul class="blocks-gallery-grid">
<li class="blocks-gallery-item"><figure><img src="https://isles.example/up/reef.jpg"
 alt="Reef" data-id="21"/><figcaption class="blocks-gallery-item__caption">Low tide over the
 reef</figcaption></figure></li>
<li class="blocks-gallery-item"><figure><img src="https://isles.example/up/kelp.jpg"
 alt="Kelp" data-id="22"/></figure></li>
</ul><figcaption class="blocks-gallery-caption">Two walks along the shore</figcaption></figure>
"""

SINGLE_WRAPPED = """
<div id="attachment_31" class="wp-caption aligncenter"><figure><img
 src="https://isles.example/up/mast.jpg" alt="Mast" class="wp-image-31"/><figcaption
 class="wp-caption-text">The mast, newly painted</figcaption></figure></div>
"""


def _page(content: str) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="WordPress 6.4"><title>Harbour notes</title></head>
<body class="post-template-default single single-post postid-7">
<article id="post-7" class="post-7 post type-post status-publish hentry">
<h1 class="entry-title">Harbour notes</h1>
<div class="entry-content"><p>Before the pictures.</p>{content}<p>After them.</p></div>
</article></body></html>"""


def _captions(content: str) -> tuple[Caption, ...]:
    return blogparse.parse_page(_page(content).encode()).posts[0].captions


def test_nested_gallery_keeps_each_images_caption_and_its_own() -> None:
    """Each captioned image gives its caption and credit; the gallery's comes last."""
    caps = _captions(NESTED)
    assert [(c.text, c.credit) for c in caps] == [
        ("The quay before the ferry.", "Ana Lind"),
        ("Nets drying on the wall", None),
        ("A slow morning on the harbour", "Tom Ure"),
    ]
    assert [c.image.src if c.image else None for c in caps] == [
        "https://isles.example/up/quay.jpg", "https://isles.example/up/nets.jpg", None]
    assert {c.kind for c in caps} == {"gallery"}
    assert caps[0].image is not None
    assert caps[0].image.id == 11


def test_grid_gallery_keeps_item_captions_and_its_own() -> None:
    """The older list markup: item captions, then the gallery's, with its alignment."""
    caps = _captions(GRID)
    assert [(c.text, c.image.src if c.image else None) for c in caps] == [
        ("Low tide over the reef", "https://isles.example/up/reef.jpg"),
        ("Two walks along the shore", None),
    ]
    assert caps[1].align == "alignwide"


def test_a_box_wrapping_one_captioned_figure_is_one_caption() -> None:
    """A wp-caption around a figure with the same caption is still counted once."""
    caps = _captions(SINGLE_WRAPPED)
    assert [(c.text, c.image.src if c.image else None) for c in caps] == [
        ("The mast, newly painted", "https://isles.example/up/mast.jpg")]


def test_gallery_without_a_caption_of_its_own_is_unchanged() -> None:
    """No gallery caption: only the images' captions, in page order."""
    content = NESTED.replace(NESTED[NESTED.index("<figcaption class=\"blocks"):
                                    NESTED.rindex("</figcaption>") + len("</figcaption>")], "")
    caps = _captions(content)
    assert [c.text for c in caps] == ["The quay before the ferry.", "Nets drying on the wall"]


@pytest.mark.parametrize("flavor", ["hugo", "jekyll"])
def test_converted_gallery_images_become_figures_with_their_captions(flavor: str) -> None:
    """Each captioned image of the gallery is written as a figure with its own caption."""
    post = blogparse.parse_page(_page(NESTED).encode()).posts[0]
    text = post_to_markdown(post, flavor=flavor)
    assert "The quay before the ferry." in text
    assert "Ana Lind" in text
    assert "Nets drying on the wall" in text
    assert text.index("The quay before the ferry.") < text.index("Nets drying on the wall")


def test_export_of_the_same_gallery_gives_the_same_captions() -> None:
    """The same block markup in an export's content gives the page's captions."""
    export = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Harbour</title><link>https://isles.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Harbour notes</title><link>https://isles.example/harbour-notes/</link>
<dc:creator><![CDATA[ana]]></dc:creator>
<content:encoded><![CDATA[<!-- wp:paragraph --><p>Before the pictures.</p><!-- /wp:paragraph -->
<!-- wp:gallery {{"linkTo":"none"}} -->{NESTED}<!-- /wp:gallery -->
<!-- wp:paragraph --><p>After them.</p><!-- /wp:paragraph -->]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date_gmt>2024-03-02 09:00:00</wp:post_date_gmt>
<wp:post_name>harbour-notes</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type></item></channel></rss>"""
    posts = blogparse.parse_wxr(export.encode()).posts
    assert [(c.text, c.credit, c.image.src if c.image else None) for c in posts[0].captions] \
        == [(c.text, c.credit, c.image.src if c.image else None) for c in _captions(NESTED)]


def test_credit_labels_and_brackets_are_not_part_of_the_credit() -> None:
    """"©Foto: Name" gives the name; a credit element's "(Name / Agency)" loses its brackets."""
    page = b"""<!DOCTYPE html><html><head><title>Docks | Ledger</title></head>
<body class="single single-post postid-77"><article id="post-77" class="post-77 post hentry">
<h1 class="entry-title">Docks</h1><div class="entry-content">
<figure class="wp-caption"><img src="https://ledger.example/a.jpg" alt="">
<figcaption class="wp-caption-text">Cranes at the east dock \xc2\xa9Foto: Uli Brandt | ledger
</figcaption></figure>
<figure class="wp-block-image"><img src="https://ledger.example/b.jpg" alt="">
<figcaption>Night shift at the pier <span class="credit">(Sam Ortiz / Harbour Wire)</span>
</figcaption></figure>
<p>Work on the docks goes on through the night.</p></div></article></body></html>"""
    first, second = blogparse.parse_page(page).posts[0].captions
    assert (first.text, first.credit) == ("Cranes at the east dock", "Uli Brandt | ledger")
    assert (second.text, second.credit) == ("Night shift at the pier", "Sam Ortiz / Harbour Wire")
