"""Bylines as classic themes print them, and the post itself among copies of it."""

from __future__ import annotations

import blogparse
from blogparse import Post


def _page(article: str, *, before: str = "", body_class: str = "postid-41") -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="WordPress 6.2"><title>Moor notes</title></head>
<body class="post-template-default single single-post {body_class}">
<header class="site-header"><p class="site-title">Moor notes</p></header>
{before}{article}</body></html>"""


def _post(html: str) -> Post:
    post = blogparse.parse_page(html.encode()).post
    assert post is not None
    return post


def _classic_post(byline: str) -> Post:
    """A classic theme's single post with ``byline`` between its title and its body."""
    return _post(_page(
        "<article id='post-41' class='post-41 post type-post hentry'>"
        "<h1 class='entry-title'>Up to the cairn</h1>" + byline + BODY + "</article>"))


BODY = ("<div class='entry-content'><p>We left the car at the cattle grid and walked up "
        "through the bracken to the cairn, where the wind took the map out of my hands.</p>"
        "<p>The descent was slower.</p></div>")


def test_hcard_author_without_a_link() -> None:
    """<span class="author vcard fn">: the byline's name, with no url to invent."""
    post = _post(_page(
        "<div id='post-41' class='post-41 post type-post hentry'>"
        "<h1 class='entry-title'>Up to the cairn</h1>"
        "<p class='headline_meta'>by <span class='author vcard fn'>wenna</span> on "
        "<abbr class='published' title='2021-04-03'>April 3, 2021</abbr></p>"
        + BODY + "</div>"))
    assert [(a.name, a.url) for a in post.authors] == [("wenna", None)]


def test_follow_and_profile_links_beside_the_author_are_no_authors() -> None:
    """A byline's twitter link and "View author page" are dropped; the name stays."""
    post = _post(_page(
        "<article id='post-41' class='post-41 post type-post hentry'>"
        "<h1 class='entry-title'>Up to the cairn</h1>"
        "<div class='entry-meta'><span class='byline'><span class='author vcard'>"
        "<a class='url fn n' href='https://moor.example/author/wenna/'>Wenna Hale</a></span>"
        "</span> <div class='author-links'><a href='https://moor.example/author/wenna/'>"
        "View author page</a> <a href='https://twitter.com/wennahale'>@wennahale</a>"
        "</div></div>" + BODY + "</article>"))
    assert [(a.name, a.url) for a in post.authors] == [
        ("Wenna Hale", "https://moor.example/author/wenna/")]


def test_a_social_link_alone_is_kept() -> None:
    """With no other byline, a name linked to a social profile is still the author."""
    post = _post(_page(
        "<article id='post-41' class='post-41 post type-post hentry'>"
        "<h1 class='entry-title'>Up to the cairn</h1>"
        "<p class='byline'>By <span class='author vcard'><a class='url fn n' "
        "href='https://twitter.com/wennahale'>Wenna Hale</a></span></p>"
        + BODY + "</article>"))
    assert [a.name for a in post.authors] == ["Wenna Hale"]


def test_the_post_among_teasers_of_itself() -> None:
    """A strip of teasers above the post repeats its id: the post with the heading wins,
    with its content and the byline printed beside it."""
    teaser = ("<article class='lay-compact post-41 post type-post hentry'>"
              "<h2 class='entry-title'><a href='/up-to-the-cairn/'>Up to the cairn</a></h2>"
              "</article>")
    post = _post(_page(
        "<article class='single post-41 post type-post hentry'>"
        "<div class='entry-meta-author'><a class='name' href='https://moor.example/author/"
        "wenna/'>Wenna</a></div>"
        "<h1 class='entry-title'>Up to the cairn</h1>" + BODY + "</article>",
        before="<section class='top-strip'>" + teaser * 3 + "</section>"))
    assert post.title == "Up to the cairn"
    assert post.content_text is not None
    assert post.content_text.startswith("We left the car")
    assert [a.name for a in post.authors] == ["Wenna"]


def test_a_byline_outside_the_post_in_a_wrapper_of_another_name() -> None:
    """The byline printed before the post container, in a wrapper no stricter look-up
    knows, gives the author; only its first link is taken."""
    post = _post(_page(
        "<div id='post-41' class='post-41 post type-post hentry'>"
        "<h1 class='entry-title'>Up to the cairn</h1>" + BODY + "</div>",
        before=("<div class='post-meta'><a href='https://moor.example/author/wenna/'>Wenna"
                "</a> <a href='https://moor.example/author/wenna/page/2/'>more</a></div>")))
    assert [(a.name, a.url) for a in post.authors] == [
        ("Wenna", "https://moor.example/author/wenna/")]


def test_author_named_by_reference_in_a_json_ld_graph() -> None:
    """No byline in the markup: the Article's author is a reference into the graph
    ({"@id": …}), and the Person it points at gives the name and url."""
    graph = """<script type="application/ld+json">{"@context": "https://schema.org",
"@graph": [{"@type": "Article", "@id": "https://moor.example/up/#article",
"author": {"@id": "https://moor.example/#/schema/person/7f3a"},
"headline": "Up to the cairn"},
{"@type": "Person", "@id": "https://moor.example/#/schema/person/7f3a", "name": "Wenna Hale",
"url": "https://moor.example/author/wenna/"}]}</script>"""
    html = _page("<article id='post-41' class='post-41 post type-post hentry'>"
                 "<h1 class='entry-title'>Up to the cairn</h1>" + BODY + "</article>")
    post = _post(html.replace("</head>", graph + "</head>"))
    assert [(a.name, a.url) for a in post.authors] == [
        ("Wenna Hale", "https://moor.example/author/wenna/")]


def test_a_dangling_json_ld_reference_invents_no_author() -> None:
    """A reference to a node the page does not hold gives no author."""
    graph = """<script type="application/ld+json">{"@context": "https://schema.org",
"@graph": [{"@type": "Article", "author": {"@id": "https://moor.example/#/schema/person/x"},
"headline": "Up to the cairn"}]}</script>"""
    html = _page("<article id='post-41' class='post-41 post type-post hentry'>"
                 "<h1 class='entry-title'>Up to the cairn</h1>" + BODY + "</article>")
    post = _post(html.replace("</head>", graph + "</head>"))
    assert post.authors == ()


def test_post_inside_a_layout_wrapper_named_for_its_sidebar() -> None:
    """A page wrapper classed for its layout ("sidebar-right") does not make the post a
    sidebar teaser; the heading printed above the post container is its title."""
    html = _page(
        "<div id='warp' class='clearfix theme-sidebar-right'><header class='post-header'>"
        "<div class='post-title'><h1>Up to the cairn</h1></div></header><div id='content'>"
        "<article class='hentry post-41 post type-post'>" + BODY + "</article></div>"
        "<div id='sidebar' class='widget-area'><article class='hentry post-9 post'>"
        "<h2 class='entry-title'>Another walk</h2></article></div></div>")
    html = html.replace("</head>", "<meta property='og:title' content='Up to the cairn | "
                                   "Moor notes'></head>")
    result = blogparse.parse_page(html.encode())
    assert result.kind == "single"
    post = result.post
    assert post is not None
    assert post.title == "Up to the cairn"
    assert post.content_text is not None
    assert post.content_text.startswith("We left the car")


def test_labels_addresses_and_titles_beside_the_name_are_no_authors() -> None:
    """"Bio", "OpenPGP", a bare address and a book title linked in the author element
    are not more authors."""
    post = _classic_post(
        "<div class='author'><a href='https://moor.example/author/wenna/'>Wenna Hale</a> "
        "<a href='https://moor.example/about/'>Bio</a> "
        "<a href='https://moor.example/keys/wenna.asc'>OpenPGP</a> "
        "<a href='https://hale.example/'>hale.example</a> "
        "<a href='https://moor.example/book/'>Walking the Moor in All Weathers: A Field "
        "Guide</a> <a href='https://moor.example/me/'>Mehr über mich.</a></div>")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Wenna Hale", "https://moor.example/author/wenna/")]


def test_a_name_only_element_keeps_a_name_that_starts_like_a_byline() -> None:
    """"Von Miller" in an hCard fn and "Par Lindqvist" in a block theme's author-name block
    are whole names; "Von" before a link in a byline wrapper is still the byline's word."""
    post = _classic_post("<p class='headline_meta'><span class='author vcard fn'>Von Miller"
                         "</span></p>")
    assert [a.name for a in post.authors] == ["Von Miller"]
    post = _post(_page(
        "<div class='wp-site-blocks'><main class='wp-block-group'>"
        "<h1 class='wp-block-post-title'>Up to the cairn</h1>"
        "<div class='wp-block-post-author'><div class='wp-block-post-author__content'>"
        "<p class='wp-block-post-author__name'>Par Lindqvist</p></div></div>"
        "<div class='entry-content wp-block-post-content'><p>We left the car at the cattle "
        "grid and walked up through the bracken to the cairn.</p></div></main></div>"))
    assert [a.name for a in post.authors] == ["Par Lindqvist"]
    post = _classic_post(
        "<span class='author'>Von <a href='https://moor.example/author/jo/'>Jo Berg</a></span>")
    assert [a.name for a in post.authors] == ["Jo Berg"]


def test_a_post_author_name_element_beside_the_avatar() -> None:
    """<p class="post-author-name"> after the avatar, as WordPress.com's own blog prints it."""
    post = _classic_post(
        "<div class='post-meta-top'><img alt='' src='https://example.org/a.png' "
        "class='avatar avatar-64'> <p class='post-author-name'>Ilse Brandt</p></div>")
    assert [(a.name, a.url) for a in post.authors] == [("Ilse Brandt", None)]
    post = _classic_post("<span class='entry-author-name'>Ilse Brandt</span>")
    assert [a.name for a in post.authors] == ["Ilse Brandt"]


def test_an_action_link_alone_in_an_author_box_names_no_one() -> None:
    """"Send an e-mail to the author" is no name; the page's JSON-LD author is used."""
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", '
          '"@type": "BlogPosting", "headline": "Up to the cairn", '
          '"author": {"@type": "Person", "name": "Ilse Brandt"}}</script>')
    post = _post(_page(
        "<article id='post-41' class='post-41 post type-post hentry'>"
        "<h1 class='entry-title'>Up to the cairn</h1>" + BODY
        + "<div class='author__box'><p>About the author</p>"
        "<a href='mailto:ilse@example.org' class='btn'>SEND AN E-MAIL TO THE AUTHOR</a>"
        "</div></article>" + ld))
    assert [(a.name, a.url) for a in post.authors] == [("Ilse Brandt", None)]
    bare = _classic_post("<div class='author__box'><a href='mailto:ilse@example.org'>"
                         "Write to the author</a></div>")
    assert bare.authors == ()


def test_a_link_in_the_author_biography_is_no_author() -> None:
    """A book title linked from "author-bio-thing" is not the byline; <address> holds it."""
    bio = ("<div class='author-bio-thing'><p><b>ILSE BRANDT</b> walks hills. Her book "
           "<a href='https://shop.example/cairns'>Cairns of the North</a> is out.</p></div>")
    post = _classic_post("<address>By <a href='https://moor.example/author/ilse/'> Ilse Brandt "
                         "</a></address>" + bio)
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ilse Brandt", "https://moor.example/author/ilse/")]
    assert _classic_post(bio).authors == ()


def test_authors_in_a_wrapper_named_in_german() -> None:
    """<span class="content-left-autor"> with links to /autoren/ pages: every author."""
    post = _classic_post(
        "<div class='post-meta'><span class='content-left-autor'>"
        "<a href='https://moor.example/ueber-uns/autoren/ilse'>Ilse Brandt</a>, "
        "<a href='https://moor.example/ueber-uns/autoren/jonas'>Jonas Keller</a></span></div>")
    assert [a.name for a in post.authors] == ["Ilse Brandt", "Jonas Keller"]


def test_a_page_builder_layout_wrapping_the_post() -> None:
    """tagDiv's layout <article class="post-40 type-tdb_templates"> holds the post and
    teaser modules whose titles come first: the post keeps its own title, address, id
    and type."""
    html = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="WordPress 6.7"><title>Cairn repairs | Moor notes</title>
<link rel="canonical" href="https://moor.example/news/cairn-repairs/">
<meta property="og:title" content="Volunteers rebuild the 'old' cairn"></head>
<body class="post-template-default single single-post postid-812 tdb_template_40">
<article id="template-id-40" class="post-40 tdb_templates type-tdb_templates status-publish post">
<div class="td_module_flex"><h3 class="entry-title td-module-title"><a rel="bookmark"
href="https://moor.example/news/bracken-season/">Bracken season starts early</a></h3></div>
<h1 class="tdb-title-text">Volunteers rebuild the \u2018old\u2019 cairn</h1>
<div class="td-post-content"><p>Twelve volunteers carried stone up from the beck all
weekend, and the cairn stands as tall as it did before the storm.</p></div>
</article></body></html>"""
    post = _post(html)
    assert (post.title, post.url, post.id, post.type) == (
        "Volunteers rebuild the \u2018old\u2019 cairn", "https://moor.example/news/cairn-repairs/",
        812, "post")


def test_a_section_heading_of_the_text_is_not_the_title() -> None:
    """With the title printed outside the post's container, the first <h2> of the text
    is a section heading: the page's own title is used; a heading above the text that
    the page's title does not contain stays the title."""
    def page(heading: str) -> str:
        return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="WordPress 6.4"><title>Rebuilding a cairn | Moor notes</title>
<meta property="og:title" content="Rebuilding a cairn | Moor notes"></head>
<body class="post-template-default single single-post postid-41">
<div class="hero"><h2 class="hero__title">Rebuilding a cairn</h2></div>
<article id="post-41" class="post-41 post type-post hentry">{heading}
<div class="entry-content"><p>Start from the footings, not the top.</p>
<h2>What you need</h2><p>Gloves, and patience.</p></div></article></body></html>"""

    assert _post(page("")).title == "Rebuilding a cairn | Moor notes"
    assert _post(page("<header><h2>Cairns of the north fell</h2></header>")).title == (
        "Cairns of the north fell")


def test_a_name_beginning_with_by_is_one_author_not_two() -> None:
    """The hCard name "By the Sea Studio" is kept whole; its vcard wrapper, read with the
    "By" of a byline taken off, is the same byline, not a second author "the Sea Studio"."""
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.1">
<title>Shells | Shore</title></head><body class="single single-post postid-4">
<article id="post-4" class="post-4 post type-post hentry"><h1 class="entry-title">Shells</h1>
<div class="entry-content"><p>Four kinds of shell on one beach.</p></div>
<footer class="entry-footer"><span class="byline"><span class="author vcard">
<span class="screen-reader-text">Author </span><span class="fn n">By the Sea Studio</span>
</span></span></footer></article></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert [a.name for a in post.authors] == ["By the Sea Studio"]
