"""A single post as Kubrick, WordPress' default theme until 3.0, and the many themes built on
it print one: the date and byline in a bare ``<small>`` under the title, comments dated by
their own permalink, a pingback told by its "Pingback von" line, and the reply form after
an ``<h3 id="respond">`` that does not wrap it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import blogparse
from blogparse import PageResult, Post

PAGES = Path(__file__).parent / "pages" / "themes"


def _page() -> PageResult:
    return blogparse.parse_page((PAGES / "kubrick-single.html").read_bytes())


def _post() -> Post:
    result = _page()
    assert (result.kind, len(result.posts)) == ("single", 1)
    post = result.post
    assert post is not None
    return post


def test_the_date_and_byline_under_the_title() -> None:
    post = _post()
    assert post.title == "Fahrrad im Zug"
    assert post.published == datetime(2012, 4, 3, 8, 15)
    # the name after "von" in the <small>, not the profile badge in the sidebar that
    # carries rel="author"
    assert [(a.name, a.url) for a in post.authors] == [("tilda", None)]
    assert [t.name for t in post.tags] == ["Bahn", "Reisen"]


def test_the_text_leaves_out_what_the_theme_prints_in_the_entry() -> None:
    text = _post().content_text
    assert text is not None
    assert text.split("\n\n") == [
        "Wer mit dem Rad verreist, braucht im Regionalzug eine Fahrradkarte.",
        "Im Fernverkehr muss man zusätzlich einen Stellplatz reservieren, und zwar früh.",
    ]
    for furniture in ("Lesezeit", "Teilen", "Share on Facebook", "Tags:", "Kommentarfeed",
                      "Trackback-URL", "Kettenpflege", "Regenhose"):
        assert furniture not in text


def test_comments_are_dated_by_their_permalink_and_read_without_the_meta_line() -> None:
    post = _post()
    assert [(c.id, c.author.name if c.author else None, c.date, c.content_text)
            for c in post.comments] == [
        (2201, "Bernd", datetime(2012, 4, 3, 9, 40),
         "Die Reservierung klappt auch am Automaten."),
        (2202, "Wiebke", datetime(2012, 4, 4, 17, 5),
         "Im Sommer sind die Plätze schnell weg.\nLieber zwei Wochen vorher buchen."),
    ]
    wiebke = post.comments[1]
    assert wiebke.author is not None
    assert wiebke.author.url == "http://wiebke.example"
    # no separator, date or emptied wrapper left in the body
    assert wiebke.content_html is not None
    assert wiebke.content_html.startswith("<p>Im Sommer")
    assert post.response_count == 3


def test_a_pingback_von_line_is_a_pingback() -> None:
    post = _post()
    assert len(post.pingbacks) == 1
    ping = post.pingbacks[0]
    assert (ping.kind, ping.id, ping.url) == (
        "pingback", 2207, "http://bahnreisen.example/2012/04/05/links-der-woche/")
    assert (ping.title, ping.blog_name) == ("Links der Woche", "Bahnreisen")
    assert ping.date == datetime(2012, 4, 5, 21, 12)
    assert ping.excerpt == "[…] Fahrrad im Zug – wie man Stellplätze bekommt […]"


def test_the_form_after_the_respond_heading_without_its_hidden_trap() -> None:
    form = _post().comment_form
    assert form is not None
    assert form.heading == "Hinterlasse einen Kommentar"
    assert form.action == "http://radelblog.example/wp-comments-post.php"
    assert form.post_id == 812
    assert form.submit_label == "Kommentar abschicken"
    # the text area hidden by CSS is a trap for robots, not a field
    assert [(f.name, f.kind, f.required) for f in form.fields] == [
        ("author", "text", True), ("email", "text", True), ("comment", "textarea", False)]
    assert [f.name for f in form.hidden_fields] == ["comment_post_ID", "comment_parent"]


def test_a_featured_image_given_only_as_microdata() -> None:
    """Virtue prints the post's image as a schema.org ImageObject of <meta> tags above the
    title, and no og:image: it is the featured image, with its size."""
    page = b"""<!DOCTYPE html><html><head><meta name="generator" content="WordPress 4.9">
<title>Potluck &#8211; Allotment</title></head>
<body class="post-template-default single single-post postid-31">
<article id="post-31" class="post-31 post type-post status-publish hentry has-post-thumbnail">
<div class="meta_post_image" itemprop="image" itemscope itemtype="https://schema.org/ImageObject">
<meta itemprop="url" content="https://allotment.example/wp-content/uploads/2017/12/beans.jpg">
<meta itemprop="width" content="900"><meta itemprop="height" content="600"></div>
<header><h1 class="entry-title" itemprop="name headline">Potluck</h1></header>
<div class="entry-content" itemprop="articleBody"><p>Everyone brought beans.</p></div>
</article></body></html>"""
    post = blogparse.parse_page(page).post
    assert post is not None
    image = post.featured_image
    assert image is not None
    assert (image.src, image.width, image.height) == (
        "https://allotment.example/wp-content/uploads/2017/12/beans.jpg", 900, 600)


# a theme printing the title and image above <main>, the body in div#post-content under
# wrappers flagged "-no-sidebar", and the next post's thumbnail in a hidden "posts-nav"
_HEADER_APART = (PAGES / "header-apart-single.html").read_bytes()


def test_content_under_a_wrapper_flagged_no_sidebar() -> None:
    """A layout flag ("-no-sidebar", "-align-sidebar-to-none") on the post's wrappers says
    where a sidebar goes, not that the post's text is in one."""
    post = blogparse.parse_page(_HEADER_APART).post
    assert post is not None
    assert post.title == "Harbour lights"
    assert post.content_text == (
        "Each lamp on the breakwater is lit by hand before the ferry comes in.")
    # a srcset written into src: the image's first address
    assert [b.src for b in post.blocks if b.kind == "image"] == [
        "https://lantern.example/wp-content/uploads/2020/05/lights-1-1024x752.jpg"]


def test_the_featured_image_is_the_background_of_its_box_not_the_next_posts_thumbnail() -> None:
    post = blogparse.parse_page(_HEADER_APART).post
    assert post is not None
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://lantern.example/wp-content/uploads/2020/05/lights.jpg")


def test_a_first_section_heading_in_h1_stays_in_the_text() -> None:
    """A newsletter written with <h1> section headings: the first one is not the post's
    title (the page's title says otherwise), so it stays in the text with the others."""
    page = """<!DOCTYPE html><html><head><title>Tide table, issue 12: buoys, ropes and more</title>
<link rel="canonical" href="https://tides.example/issue-12/"></head><body>
<main class="letter"><div class="content letter-content">
<p>Hello again, and welcome to issue 12.</p>
<h1 id="news">News &amp; notes</h1>
<p>The harbour master retired this week after forty years.</p>
<h1 id="tools">Tools</h1>
<p>A rope gauge that fits in a pocket.</p>
</div></main></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert post.title == "Tide table, issue 12: buoys, ropes and more"
    assert [(b.kind, b.text) for b in post.blocks] == [
        ("paragraph", "Hello again, and welcome to issue 12."),
        ("heading", "News & notes"),
        ("paragraph", "The harbour master retired this week after forty years."),
        ("heading", "Tools"),
        ("paragraph", "A rope gauge that fits in a pocket."),
    ]


def test_a_comicpress_style_discussion() -> None:
    """Easel / ComicPress: "Discussion (3)" announces the count, and each comment's meta
    line ("May 8, 2020, 10:31 pm | # | Reply") is no part of what was written."""
    result = blogparse.parse_page((PAGES / "easel-single.html").read_bytes())
    post = result.post
    assert post is not None
    assert post.title == "Lighthouse keepers – page 12"
    assert post.response_count == 3
    assert [(c.id, c.author.name if c.author else None, c.date, c.content_text, c.depth)
            for c in post.comments] == [
        (9001, "Maren", datetime(2020, 5, 8, 22, 31), "Who keeps the spare wicks, then?", 1),
        (9002, "Osric", datetime(2020, 5, 9, 8, 2), "The keeper's daughter, surely.", 2),
        (9003, "Ines", datetime(2020, 5, 10, 18, 40), "That last panel!", 1),
    ]


def test_a_commenters_date_in_an_unknown_comment_list_is_not_the_posts() -> None:
    """A theme of its own lists comments in ul.comments-list items the discussion
    locators do not know; the post itself prints no date.  A commenter's p.date is not
    the post's date."""
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 4.7">
<title>Trade rumours | Rink Notes</title></head><body class="wpBlog">
<div class="blogue-page"><h1>Trade rumours</h1>
<div class="entry"><p>Nobody in the dressing room believes a word of it.</p></div>
<h3>Commentaires (1)</h3>
<ul class="comments-list"><li><div class="metadata"><a name="comment-88"></a>
<p class="auteur">puckhead</p><p class="date">24 janvier 2017<br>12h10</p></div>
<div class="body-text"><p>We will see on Friday.</p></div></li></ul>
</div></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert post.title == "Trade rumours"
    assert post.published is None


def test_a_time_element_with_the_date_as_text_alone() -> None:
    """A byline's <time> without a datetime attribute: its text is the date."""
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 5.1">
<title>Ferry strike ends | Quay Daily</title></head>
<body class="post-template-default single single-post postid-5">
<article id="post-5" class="post-5 post type-post hentry">
<h1 class="entry-title">Ferry strike ends</h1>
<div class="byline">By <a href="/author/ada/" rel="author">Ada Quist</a>
<time class="c-timestamp">April 15, 2019 6:18am</time></div>
<div class="entry-content"><p>The first boat left at dawn.</p></div>
<aside class="related"><article><time>April 2, 2019 9:00am</time></article></aside>
</article></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert post.published == datetime(2019, 4, 15, 6, 18)


def test_a_byline_small_under_the_title_in_an_inner_wrapper() -> None:
    """Kubrick's children put the title, the <small> byline and the entry in a wrapper of
    their own inside div.post: the <small> dates the post and is no part of its text."""
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 4.9">
<title>Old phone games | Pocket Blog</title></head><body>
<div class="post" id="post-300"><div class="postcontent">
<h1><a href="https://pocket.example/2018/old-phone-games/" rel="bookmark">Old phone games</a></h1>
<small>Donnerstag, 15.2.2018, 19:51 <!-- --> &gt; kiri <!-- --></small>
<div class="entry"><p>An emulator brought back the first game I ever wrote.</p>
<p><iframe src="https://player.example/video/77" width="176" height="208"></iframe></p>
</div></div></div></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert post.published == datetime(2018, 2, 15, 19, 51)
    assert post.content_text == "An emulator brought back the first game I ever wrote."
    # a video alone in a paragraph is an embed block
    assert [(b.kind, b.src) for b in post.blocks] == [
        ("paragraph", None), ("embed", "https://player.example/video/77")]


def test_a_post_footer_says_when_and_by_whom() -> None:
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 4.4">
<title>A virtual wall | Workshop</title></head>
<body class="single single-post postid-12"><div class="post" id="post-12">
<h1 class="post-title">A virtual wall</h1>
<div class="post-bodycopy"><p>The robot now stops at the kitchen door.</p></div>
<div class="post-footer">Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von
<a href="https://workshop.example/author/admin/" title="Artikel von Heiner">Heiner</a>
geschrieben.</div></div></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert post.published == datetime(2015, 12, 14, 14, 48)
    assert [(a.name, a.url) for a in post.authors] == [
        ("Heiner", "https://workshop.example/author/admin/")]


def test_wordpress_coms_blank_image_is_no_featured_image() -> None:
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress.com">
<meta property="og:image" content="http://wordpress.com/i/blank.jpg?m=1383295312g">
<title>Sunday | Chat</title></head><body class="single single-post postid-3">
<article id="post-3" class="post-3 post hentry"><h1 class="entry-title">Sunday</h1>
<div class="entry-content"><p>Rain again.</p></div></article></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert post.featured_image is None


def test_terms_of_a_site_without_pretty_permalinks() -> None:
    """Hybrid marks categories rel="tag" too; on a site without pretty permalinks their
    archives are ?cat=N and the tags' ?tag=slug, which tells them apart."""
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 3.5">
<title>Cameras at the station | Rail Watch</title></head>
<body class="single single-post postid-959"><div id="post-959" class="hentry post">
<h1 class="post-title entry-title">Cameras at the station</h1>
<div class="entry-content"><p>Twelve new cameras went up on platform two.</p></div>
<div class="entry-meta"><span class="category">Categories: <a href="http://rail.example/?cat=20"
 rel="tag">Surveillance</a>, <a href="http://rail.example/?cat=18" rel="tag">Safety</a></span>
<span class="post_tag">Tags: <a href="http://rail.example/?tag=platforms" rel="tag">platforms</a>,
<a href="http://rail.example/?tag=safety" rel="tag">Safety</a></span></div>
<div id="respond"><h3 id="reply-title">Leave a Reply</h3>
<form action="http://rail.example/wp-comments-post.php" method="post" id="commentform">
<p class="form-textarea req"><label for="comment">Comment</label>
<textarea name="comment" id="comment"></textarea></p>
<p class="form-author req"><label for="author">Name</label>
<input type="text" name="author" id="author" aria-required="true"></p>
</form></div></div></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert [t.name for t in post.categories] == ["Surveillance", "Safety"]
    assert [t.name for t in post.tags] == ["platforms", "Safety"]
    form = post.comment_form
    assert form is not None
    # the wrapper's "req" class marks the text area required, as it does the name
    assert [(f.name, f.required) for f in form.fields] == [("comment", True), ("author", True)]


def test_the_posts_h2_is_its_title_under_a_section_h1() -> None:
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 3.3">
<title>The club ministry informs | Party North</title></head><body>
<div id="main"><h1>News</h1><div class="newsentry">
<h2 class="newsheading">The club ministry informs</h2>
<p>Dancing is allowed again after midnight.</p></div></div></body></html>"""
    post = blogparse.parse_page(page.encode()).post
    assert post is not None
    assert post.title == "The club ministry informs"


def test_the_shortlink_is_the_url_where_nothing_else_gives_one() -> None:
    page = """<!DOCTYPE html><html><head><meta name="generator" content="WordPress 3.2">
<title>No cyber terror this time | Notes</title>
<link rel='shortlink' href='http://notes.example/?p=548' /></head>
<body class="single single-post postid-548"><div class="post" id="post-548">
<h2 class="entry-title">No cyber terror this time</h2>
<div class="entry"><p>The water pump simply broke.</p></div></div></body></html>"""
    result = blogparse.parse_page(page.encode())
    assert result.post is not None
    assert result.post.url == "http://notes.example/?p=548"
    # an address the caller gives wins over it
    given = blogparse.parse_page(page.encode(), url="http://notes.example/2011/12/no-cyber/")
    assert given.post is not None
    assert given.post.url == "http://notes.example/2011/12/no-cyber/"
