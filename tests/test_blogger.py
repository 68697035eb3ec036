"""The built-in Blogger theme on Blogger markup: our own pages, then the shared corpus.

``tests/pages/blogger_post.html`` (a post with a threaded comment discussion) and
``tests/pages/blogger_home.html`` (the home page listing three posts) are written in the
classic Blogger layout markup: ``div.post-outer > div.post.hentry``, ``h3.post-title``,
``div.post-body.entry-content``, ``span.post-author.vcard``, ``a.timestamp-link`` around
``abbr.published[title]``, ``span.post-labels`` and ``div#comments`` with
``li.comment > div.comment-block``.  The expected values below are read off the pages.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

import blogparse
from blogparse import DefectKind, PageResult
from blogparse.themes import BloggerTheme, ClassicTheme, PageDocument

PAGES = Path(__file__).resolve().parent / "pages"
BLOG = "https://saltmarshsketchbook.blogspot.com"
NELL = "https://www.blogger.com/profile/04412345678901234567"
FOG_URL = f"{BLOG}/2019/02/painting-fog-over-estuary.html"

def _parse(name: str, **kwargs: object) -> PageResult:
    return blogparse.parse_file(PAGES / name, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def post_page() -> PageResult:
    """The single post page, parsed with theme detection."""
    return _parse("blogger_post.html")


@pytest.fixture(scope="module")
def home_page() -> PageResult:
    """The home page, parsed with theme detection."""
    return _parse("blogger_home.html")


# --- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["blogger_post.html", "blogger_home.html"])
def test_blogger_generator_is_detected(name: str) -> None:
    """Blogger's generator meta makes the Blogger theme win over the WordPress themes."""
    result = _parse(name)
    assert "blogger" == result.theme
    assert DefectKind.NO_THEME not in {d.kind for d in result.defects}


def test_score_reflects_the_evidence() -> None:
    """The generator gives 0.95; Blogger assets plus a post body 0.8; WordPress pages 0.0."""
    from lxml import html

    theme = BloggerTheme()
    page = (PAGES / "blogger_post.html").read_bytes()
    assert 0.95 == theme.score(PageDocument(html.fromstring(page)))
    without_generator = page.replace(b"<meta content='blogger' name='generator'/>", b"")
    assert 0.8 == theme.score(PageDocument(html.fromstring(without_generator)))
    wordpress = html.fromstring((PAGES / "classic_single.html").read_bytes())
    assert 0.0 == theme.score(PageDocument(wordpress))
    assert theme.score(PageDocument(html.fromstring(page))) > ClassicTheme().score(
        PageDocument(html.fromstring(page)))


def test_explicit_theme_gives_the_same_result(post_page: PageResult) -> None:
    """Naming the theme skips detection and reads the page the same way."""
    assert post_page == _parse("blogger_post.html", theme="blogger")


# --- the post page ---------------------------------------------------------------------------


def test_post_page_kind_and_source(post_page: PageResult) -> None:
    """The item page is one post, read as UTF-8 HTML at its canonical address."""
    assert "single" == post_page.kind
    assert 1 == len(post_page.posts)
    assert "html" == post_page.format
    assert "utf-8" == post_page.encoding
    assert FOG_URL == post_page.url


def test_post_title_permalink_author_date(post_page: PageResult) -> None:
    """Title from h3.post-title, permalink from the timestamp link, byline with its profile."""
    post = post_page.post
    assert post is not None
    assert "Painting Fog over the Estuary" == post.title
    assert FOG_URL == post.url
    assert [("Nell Ashby", NELL)] == [(a.name, a.url) for a in post.authors]
    # <abbr class='published' title='2019-02-10T08:45:00Z'>08:45</abbr>
    assert datetime(2019, 2, 10, 8, 45, tzinfo=UTC) == post.published
    assert post.updated is None


def test_post_labels_are_categories(post_page: PageResult) -> None:
    """Blogger's labels (its only taxonomy) come out as categories with slug and url."""
    post = post_page.post
    assert post is not None
    expected = [(name, name, f"{BLOG}/search/label/{name}")
                for name in ("estuary", "techniques", "watercolour")]
    assert expected == [(t.name, t.slug, t.url) for t in post.categories]
    assert () == post.tags


def test_post_content_is_the_body_only(post_page: PageResult) -> None:
    """The content is the post body's blocks, without the footer, share buttons or sidebar."""
    post = post_page.post
    assert post is not None
    text = post.content_text or ""
    assert text.startswith("Fog is the hardest weather I know to paint")
    assert text.rstrip().endswith("under the harbour lamps.")
    assert "What to leave out" in text
    for furniture in ("Posted by", "Labels:", "Email This", "BlogThis", "Newer Post", "gulls"):
        assert furniture not in text
    kinds = [b.kind for b in post.blocks]
    assert ["paragraph", "paragraph"] == kinds[:2]
    assert "heading" in kinds
    assert "list" in kinds
    headings = [b for b in post.blocks if b.kind == "heading"]
    assert ["What to leave out"] == [b.text for b in headings]


def test_post_discussion_count_and_threading(post_page: PageResult) -> None:
    """The '3 comments:' heading gives the count; replies nest under their parent."""
    post = post_page.post
    assert post is not None
    assert 3 == post.response_count
    assert () == post.pingbacks
    assert [1, 2, 1] == [c.depth for c in post.comments]
    assert [
        "How long do you leave the first wash before the second one goes on?",
        "Until the shine has just gone off the paper. Tilt it towards the window and look "
        "along it.",
        "Lovely soft edges on the far posts.",
    ] == [c.content_text for c in post.comments]


def test_comment_text_leaves_out_the_actions(post_page: PageResult) -> None:
    """A comment's text holds what the commenter wrote, not 'Reply' or 'Delete'."""
    post = post_page.post
    assert post is not None
    for comment in post.comments:
        assert "Reply" not in (comment.content_text or "")
        assert "Delete" not in (comment.content_text or "")


def test_comment_authors_ids_and_dates(post_page: PageResult) -> None:
    """Each comment's author, id (from 'c6601'), parent, date and the blog author's mark."""
    post = post_page.post
    assert post is not None
    assert [
        (6601, "Pim Vos", "https://www.blogger.com/profile/09988776655443322110", None, False),
        (6602, "Nell Ashby", NELL, 6601, True),
        (6603, "Anonymous", None, None, False),
    ] == [(c.id, c.author.name if c.author else None, c.author.url if c.author else None,
           c.parent_id, c.by_post_author) for c in post.comments]
    # "10 February 2019 at 11:00" gives no zone, but the permalink's showComment (the
    # comment's time in milliseconds) does: 1549796400000 is 11:00 UTC.
    assert [datetime(2019, 2, 10, 11, 0, tzinfo=UTC), datetime(2019, 2, 10, 12, 0, tzinfo=UTC),
            datetime(2019, 2, 10, 18, 0, tzinfo=UTC)] == [c.date for c in post.comments]


def test_comment_form_heading(post_page: PageResult) -> None:
    """Blogger's reply box is an iframe: only its heading is on the page, no fields."""
    post = post_page.post
    assert post is not None
    assert post.comment_form is not None
    assert "Post a Comment" == post.comment_form.heading
    assert () == post.comment_form.fields


def test_site_from_the_page(post_page: PageResult) -> None:
    """The site's language and generator come from the page; nothing is guessed."""
    site = post_page.site
    assert site is not None
    assert "en-GB" == site.language
    assert "blogger" == site.generator


def test_site_name_link_and_description_from_the_header_widget(
        post_page: PageResult, home_page: PageResult) -> None:
    """Blogger's Header widget names the blog; the home page's heading carries no link."""
    site = post_page.site
    assert site is not None
    assert (site.name, site.url) == ("Saltmarsh Sketchbook", f"{BLOG}/")
    assert site.description == "Watercolour notes from the edge of the tide"
    home = home_page.site
    assert home is not None
    assert (home.name, home.url) == ("Saltmarsh Sketchbook", None)


def test_site_name_from_a_header_image() -> None:
    """A header image instead of a heading: its alt text is the blog's name."""
    page = (PAGES / "blogger_post.html").read_text(encoding="utf-8")
    start = page.index("<div class='titlewrapper'>")
    end = page.index("</header>")
    header = ("<div id='header-inner'><a href='https://tidepools.example/' style='display: "
              "block'><img alt='Tide Pools and Ink' id='Header1_headerimg' "
              "src='https://tidepools.example/head.png'/></a></div></div></div></div>")
    result = blogparse.parse_page(page[:start] + header + page[end:])
    assert result.site is not None
    assert (result.site.name, result.site.url) == ("Tide Pools and Ink",
                                                   "https://tidepools.example/")
    assert result.site.description is None


def test_table_caption(post_page: PageResult) -> None:
    """Blogger's caption table becomes a Caption with its image and link."""
    post = post_page.post
    assert post is not None
    assert 1 == len(post.captions)
    caption = post.captions[0]
    assert "The third attempt, with the far posts barely there." == caption.text
    assert caption.credit is None
    assert caption.image is not None
    assert "https://blogger.googleusercontent.com/img/b/s400/fog-study-1.jpg" == caption.image.src
    assert (400, 300) == (caption.image.width, caption.image.height)
    assert "https://blogger.googleusercontent.com/img/b/fog-study-1.jpg" == caption.image.link


def test_json_round_trip(post_page: PageResult, home_page: PageResult) -> None:
    """Both pages survive to_dict / from_dict unchanged."""
    for result in (post_page, home_page):
        assert result == PageResult.from_dict(result.to_dict())


# --- the home page ---------------------------------------------------------------------------


def test_home_page_lists_every_post(home_page: PageResult) -> None:
    """The home page is an archive of three posts, newest first, each with its own fields."""
    assert "archive" == home_page.kind
    assert [
        ("Gulls in Three Strokes", f"{BLOG}/2019/02/gulls-in-three-strokes.html",
         datetime(2019, 2, 16, 16, 20, tzinfo=UTC), ["gulls"], 0),
        ("Painting Fog over the Estuary", FOG_URL,
         datetime(2019, 2, 10, 8, 45, tzinfo=UTC), ["estuary", "techniques", "watercolour"], 3),
        ("A New Palette", f"{BLOG}/2019/02/a-new-palette.html",
         datetime(2019, 2, 10, 7, 10, tzinfo=UTC), [], 1),
    ] == [(p.title, p.url, p.published, [c.name for c in p.categories], p.response_count)
          for p in home_page.posts]


def test_home_page_first_post(home_page: PageResult) -> None:
    """Whatever else is found, the first post is read with its own labels and byline only."""
    post = home_page.posts[0]
    assert "Gulls in Three Strokes" == post.title
    assert f"{BLOG}/2019/02/gulls-in-three-strokes.html" == post.url
    assert datetime(2019, 2, 16, 16, 20, tzinfo=UTC) == post.published
    assert [("Nell Ashby", NELL)] == [(a.name, a.url) for a in post.authors]
    assert (post.content_text or "").startswith("A gull in flight needs no more than three")
    assert "A New Palette" not in (post.content_text or "")


def test_home_page_leaves_out_read_more(home_page: PageResult) -> None:
    """The 'Read more »' link under a shortened post is not part of its text."""
    for post in home_page.posts:
        assert "Read more" not in (post.content_text or ""), post.title


def test_home_page_has_no_discussion(home_page: PageResult) -> None:
    """A listing shows no comments or reply form, so none are reported."""
    for post in home_page.posts:
        assert () == post.comments
        assert post.comment_form is None


# --- the shared corpus -----------------------------------------------------------------------


def _corpus_blogger_pages(shared: Path) -> list[Path]:
    with (shared / "corpus" / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [shared / "corpus" / row["local_file"] for row in rows
            if row["is_wordpress"] == "no"
            and "blogger" in row["platform_hint"].split(",")]


def test_corpus_blogger_pages(shared_dir: Path) -> None:
    """Real Blogspot pages are claimed by the Blogger theme, one post with title and author."""
    pages = _corpus_blogger_pages(shared_dir)
    assert len(pages) >= 5, "the corpus should hold several Blogger pages"
    for path in pages:
        result = blogparse.parse_file(path)
        assert "blogger" == result.theme, path.name
        assert "single" == result.kind, path.name
        post = result.post
        assert post is not None, path.name
        assert post.title, path.name
        assert post.url is not None, path.name
        assert post.url.endswith(".html"), path.name
        if post.published is not None and post.published.tzinfo is not None:
            # a machine date: the year is in the permalink (/2016/05/…)
            assert f"/{post.published.year}/" in post.url, path.name
