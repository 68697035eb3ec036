"""Golden pages: saved pages we wrote in each markup family, and what a reader sees on them.

Each page in ``tests/pages/`` has two kinds of check.  The hand-written tests below state
what a person reading that page sees (title, byline, dates, terms, text, captions and
credits, comments, pingbacks, the announced count and the reply form); they were written
from the page, not from the parser's output.  The snapshot test compares the whole
``PageResult.to_dict()`` with ``tests/pages/<name>.expected.json``; run pytest with
``--update-goldens`` to rewrite those files, then review the diff against the page.
"""

from __future__ import annotations

import difflib
import functools
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import blogparse
from blogparse import Comment, PageResult, Post, Term

PAGES = Path(__file__).resolve().parent / "pages"
GOLDEN_PAGES = (
    "block_single",
    "captions",
    "classic_archive",
    "classic_single",
    "threaded_comments",
    "wpcom_single",
)

UTC = UTC
CEST = timezone(timedelta(hours=2))  # the block page's site runs on UTC+02:00 in June
BST = timezone(timedelta(hours=1))


@functools.cache
def _page(name: str) -> PageResult:
    return blogparse.parse_page((PAGES / f"{name}.html").read_bytes())


def _post(name: str, index: int = 0) -> Post:
    result = _page(name)
    assert len(result.posts) > index
    return result.posts[index]


def _terms(terms: tuple[Term, ...]) -> list[tuple[str, str | None, str | None, str]]:
    return [(t.name, t.slug, t.url, t.taxonomy) for t in terms]


def _lines(text: str | None) -> list[str]:
    """The non-empty lines of ``text``: paragraphs compared without caring how they are joined."""
    assert text is not None
    return [line.strip() for line in text.splitlines() if line.strip()]


def _thread(comments: tuple[Comment, ...]) -> list[tuple[int | None, int | None, int, bool]]:
    return [(c.id, c.parent_id, c.depth, c.by_post_author) for c in comments]


# --- snapshot ------------------------------------------------------------------------------


def _dump(data: object) -> str:
    """The golden files' form: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_page_matches_its_golden_json(name: str, update_goldens: bool) -> None:
    """The whole parse of each golden page equals the reviewed JSON kept beside it."""
    golden = PAGES / f"{name}.expected.json"
    actual = _dump(_page(name).to_dict())
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"{golden.name} is missing: run pytest --update-goldens and review"
    expected = _dump(json.loads(golden.read_text(encoding="utf-8")))
    if expected != actual:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            golden.name,
            "parse_page() now",
        )
        pytest.fail(f"{name} no longer parses as its golden JSON:\n{''.join(diff)}")


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_golden_json_round_trips_to_the_same_result(name: str) -> None:
    """Each page's result rebuilt from its JSON data is equal to the result itself."""
    result = _page(name)
    assert result == PageResult.from_dict(json.loads(json.dumps(result.to_dict())))


# --- classic_single.html: Twenty Seventeen, self-hosted ------------------------------------


def test_classic_single_is_one_post_read_by_the_classic_theme() -> None:
    """A Twenty Seventeen single post is one post parsed by the classic theme."""
    result = _page("classic_single")
    assert (result.kind, result.theme, len(result.posts)) == ("single", "wordpress-classic", 1)


def test_classic_single_title_url_and_id() -> None:
    """The title loses its non-breaking space; the permalink and post id are the post's."""
    post = _post("classic_single")
    assert (post.title, post.url, post.id) == (
        "Repairing a Dry-Stone Wall in Winter",
        "https://hollinfarm.example/2021/03/14/repairing-a-dry-stone-wall/",
        42,
    )


def test_classic_single_author() -> None:
    """The byline names Maggie Thwaite and links to her author page."""
    post = _post("classic_single")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Maggie Thwaite", "https://hollinfarm.example/author/maggie/")
    ]


def test_classic_single_dates_keep_their_utc_offset() -> None:
    """Published and updated come from the two <time datetime> elements, in UTC."""
    post = _post("classic_single")
    assert datetime(2021, 3, 14, 9, 30, tzinfo=UTC) == post.published
    assert datetime(2021, 3, 20, 18, 5, 12, tzinfo=UTC) == post.updated
    assert post.published is not None
    assert timedelta(0) == post.published.utcoffset()


def test_classic_single_categories_and_tags_kept_apart() -> None:
    """cat-links hold two categories, tags-links three tags, each with slug and url."""
    post = _post("classic_single")
    assert _terms(post.categories) == [
        ("Walls", "walls", "https://hollinfarm.example/category/walls/", "category"),
        (
            "Winter jobs",
            "winter-jobs",
            "https://hollinfarm.example/category/winter-jobs/",
            "category",
        ),
    ]
    assert _terms(post.tags) == [
        ("dry stone", "dry-stone", "https://hollinfarm.example/tag/dry-stone/", "post_tag"),
        ("lime-free", "lime-free", "https://hollinfarm.example/tag/lime-free/", "post_tag"),
        ("tools", "tools", "https://hollinfarm.example/tag/tools/", "post_tag"),
    ]


def test_classic_single_text_without_sharing_likes_or_related() -> None:
    """The text is the post's paragraphs, heading, list and quote, without Jetpack furniture."""
    post = _post("classic_single")
    assert post.content_text == (
        "The gap in the top pasture wall opened during the January gales, and the ewes found"
        " it within a day. Mending it took most of a week.\n\n"
        "Taking it down\n\n"
        "A wall that has slumped must come down to sound footing. We sorted the stones into"
        " three piles as they came off:\n\n"
        "through-stones, long enough to cross the whole wall;\n"
        "face stones, with one flat side;\n"
        "hearting, the small fill that packs the middle.\n\n"
        "Two on one, one on two, and never a running joint.\n\n"
        "Rebuilding went faster than the taking down, once the batter frame was set."
    )
    assert post.content_html is not None
    for furniture in ("Share this", "Like this", "Related", "sharedaddy"):
        assert furniture not in post.content_html


def test_classic_single_blocks_in_page_order() -> None:
    """Paragraph, captioned image, heading, paragraph, bulleted list, quote, paragraph."""
    post = _post("classic_single")
    assert [b.kind for b in post.blocks] == [
        "paragraph",
        "image",
        "heading",
        "paragraph",
        "list",
        "quote",
        "paragraph",
    ]
    heading, lst = post.blocks[2], post.blocks[4]
    assert (heading.text, heading.level) == ("Taking it down", 2)
    assert (lst.ordered, len(lst.items)) == (False, 3)
    assert (
        post.blocks[1].src
    ) == "https://hollinfarm.example/wp-content/uploads/2021/03/gap-600x400.jpg"


def test_classic_single_caption_credit_split() -> None:
    """ "Photo credit: Tom Ridley" is split from the wp-caption text."""
    (caption,) = _post("classic_single").captions
    assert (caption.text, caption.credit, caption.kind, caption.id, caption.align) == (
        "The collapsed stretch, about four metres long, before any work began.",
        "Tom Ridley",
        "wp-caption",
        "attachment_77",
        "aligncenter",
    )
    assert caption.image is not None
    assert (
        caption.image.src,
        caption.image.alt,
        caption.image.width,
        caption.image.height,
        caption.image.link,
        caption.image.id,
    ) == (
        "https://hollinfarm.example/wp-content/uploads/2021/03/gap-600x400.jpg",
        "A collapsed section of stone wall",
        600,
        400,
        "https://hollinfarm.example/wp-content/uploads/2021/03/gap.jpg",
        77,
    )


def test_classic_single_comment_thread() -> None:
    """Owen's comment has the author's reply under it; Ruth's stands alone."""
    comments = _post("classic_single").comments
    assert _thread(comments) == [(101, None, 1, False), (102, 101, 2, True), (103, None, 1, False)]


def test_classic_single_comment_authors_dates_and_text() -> None:
    """Each comment keeps its author, link, dated time and paragraphs."""
    owen, maggie, ruth = _post("classic_single").comments
    assert owen.author is not None
    assert maggie.author is not None
    assert ruth.author is not None
    assert (owen.author.name, owen.author.url) == ("Owen Pryce", "https://stonecraft.example/")
    assert (maggie.author.name, maggie.author.url) == (
        "Maggie Thwaite",
        "https://hollinfarm.example/",
    )
    assert (ruth.author.name, ruth.author.url) == ("Ruth", None)
    assert datetime(2021, 3, 15, 7, 12, 44, tzinfo=UTC) == owen.date
    assert datetime(2021, 3, 16, 21, 3, tzinfo=UTC) == ruth.date
    assert _lines(owen.content_text) == [
        "Did you use a line or just the frame? I find a pair of lines saves a lot of stepping back."
    ]
    assert _lines(ruth.content_text) == ["Lovely work.", "The through-stones look enormous."]


def test_classic_single_pingback_and_trackback() -> None:
    """The pingback's link text splits at " – "; a trackback's link text is the blog's name."""
    pingback, trackback = _post("classic_single").pingbacks
    assert (pingback.kind, pingback.url, pingback.title, pingback.blog_name, pingback.id) == (
        "pingback",
        "https://uplandwalls.example/2021/03/18/winter-wall-round-up/",
        "Winter wall round-up",
        "Upland Walls",
        104,
    )
    # WordPress stores a trackback's blog_name as its comment author, and the theme prints
    # only comment_author_link(): the link text is the sending blog, not a post title.
    assert (trackback.kind, trackback.url, trackback.title, trackback.blog_name, trackback.id) == (
        "trackback",
        "https://farmdiary.example/2021/03/19/mending/",
        None,
        "A Farm Diary",
        105,
    )


def test_classic_single_response_count() -> None:
    """ "5 Replies to …" announces five responses."""
    assert _post("classic_single").response_count == 5


def test_classic_single_comment_form() -> None:
    """The core reply form: heading, target, post id, fields with required marks, submit."""
    form = _post("classic_single").comment_form
    assert form is not None
    assert (form.heading, form.action, form.method, form.post_id, form.submit_label) == (
        "Leave a Reply",
        "https://hollinfarm.example/wp-comments-post.php",
        "post",
        42,
        "Post Comment",
    )
    assert [(f.name, f.kind, f.label, f.required) for f in form.fields] == [
        ("comment", "textarea", "Comment", True),
        ("author", "text", "Name", True),
        ("email", "email", "Email", True),
        ("url", "url", "Website", False),
        (
            "wp-comment-cookies-consent",
            "checkbox",
            "Save my name, email, and website in this browser for the next time I comment.",
            False,
        ),
    ]
    assert [(f.name, f.value) for f in form.hidden_fields] == [
        ("comment_post_ID", "42"),
        ("comment_parent", "0"),
    ]
    assert (
        " ".join(form.notes)
    ) == "Your email address will not be published. Required fields are marked *"
    assert (form.login_options, form.subscription_options) == ((), ())


def test_classic_single_site() -> None:
    """The site's name, home, tagline, language, generator and stylesheet."""
    site = _page("classic_single").site
    assert site is not None
    assert (site.name, site.url, site.description, site.language, site.generator, site.theme) == (
        "Field Notes from Hollin Farm",
        "https://hollinfarm.example/",
        "Sheep, stone and weather on a hill farm",
        "en-GB",
        "WordPress 6.4.2",
        "twentyseventeen",
    )


# --- wpcom_single.html: a WordPress.com blog with Highlander comments ----------------------


def test_wpcom_single_is_read_by_the_wordpress_com_theme() -> None:
    """A pub/ theme with Highlander markup is one post parsed by the WordPress.com theme."""
    result = _page("wpcom_single")
    assert (result.kind, result.theme, len(result.posts)) == ("single", "wordpress-com", 1)


def test_wpcom_single_title_nbsp_becomes_a_space() -> None:
    """The &nbsp; WordPress.com puts between the last two words reads as a plain space."""
    post = _post("wpcom_single")
    assert post.title == "Drawing Herons at Low Tide"
    assert (post.url, post.id) == (
        "https://tidewatersketch.wordpress.com/2022/02/04/drawing-herons-at-low-tide/",
        1187,
    )


def test_wpcom_single_author() -> None:
    """The byline's vcard names the author and links to her author page."""
    assert [(a.name, a.url) for a in _post("wpcom_single").authors] == [
        ("Imogen Halloway", "https://tidewatersketch.wordpress.com/author/imogenhalloway/")
    ]


def test_wpcom_single_dates_from_open_graph() -> None:
    """The visible date is February 4, 2022; Open Graph gives both times in UTC."""
    post = _post("wpcom_single")
    assert datetime(2022, 2, 4, 8, 30, 41, tzinfo=UTC) == post.published
    assert datetime(2022, 2, 6, 11, 2, 17, tzinfo=UTC) == post.updated


def test_wpcom_single_filed_under_and_tagged() -> None:
    """ "Filed under" links are categories; "Tagged" links are tags."""
    post = _post("wpcom_single")
    base = "https://tidewatersketch.wordpress.com"
    assert [
        ("Birds", "birds", f"{base}/category/birds/", "category"),
        ("Field sketches", "field-sketches", f"{base}/category/field-sketches/", "category"),
    ] == _terms(post.categories)
    assert [
        ("herons", "herons", f"{base}/tag/herons/", "post_tag"),
        ("ink wash", "ink-wash", f"{base}/tag/ink-wash/", "post_tag"),
        ("low tide", "low-tide", f"{base}/tag/low-tide/", "post_tag"),
    ] == _terms(post.tags)


def test_wpcom_single_text_without_jetpack_furniture() -> None:
    """The text is paragraphs, heading and list; sharing, likes and related posts are gone."""
    post = _post("wpcom_single")
    assert post.content_text == (
        "The tide was out by half past seven and the herons had already taken up their places"
        " along the channel edge, each one a grey stroke standing a careful distance from the"
        " next.\n\n"
        "I worked standing up, sketchbook braced on the sea wall, with a water brush and a"
        " single tube of sepia. Herons hold still for a long time and then move all at once,"
        " so the trick is to commit to the outline in the first few seconds.\n\n"
        "What worked\n\n"
        "Drawing the reflection first, then the bird above it.\n"
        "Leaving the paper white where the light caught the water.\n"
        "Stopping after ten minutes per page.\n\n"
        "Next week I want to try the same spot on a rising tide, when the birds are pushed"
        " closer to the wall."
    )
    assert post.content_html is not None
    for furniture in ("Share this", "Like this", "jp-relatedposts", "Loading..."):
        assert furniture not in post.content_html


def test_wpcom_single_blocks() -> None:
    """Paragraph, captioned image, paragraph, h3 heading, list, paragraph."""
    post = _post("wpcom_single")
    assert [b.kind for b in post.blocks] == [
        "paragraph",
        "image",
        "paragraph",
        "heading",
        "list",
        "paragraph",
    ]
    assert (post.blocks[3].text, post.blocks[3].level) == ("What worked", 3)
    assert len(post.blocks[4].items) == 3


def test_wpcom_single_photo_credit_split() -> None:
    """ "Photo credit: Declan Moss" is split from the caption text."""
    (caption,) = _post("wpcom_single").captions
    assert (caption.text, caption.credit, caption.kind, caption.id, caption.align) == (
        "Three herons on the mudflats below Carrow Point, just after sunrise.",
        "Declan Moss",
        "wp-caption",
        "attachment_1190",
        "aligncenter",
    )
    assert caption.image is not None
    assert (
        caption.image.src,
        caption.image.alt,
        caption.image.width,
        caption.image.height,
        caption.image.link,
        caption.image.id,
    ) == (
        "https://tidewatersketch.files.wordpress.com/2022/02/mudflats.jpg?w=640",
        "Grey herons standing on wet mud beside a shallow channel",
        640,
        427,
        "https://tidewatersketch.files.wordpress.com/2022/02/mudflats.jpg",
        1190,
    )


def test_wpcom_single_highlander_comment() -> None:
    """The one Highlander comment: cite.fn author, commentmetadata date, two paragraphs."""
    (comment,) = _post("wpcom_single").comments
    assert comment.author is not None
    assert (
        comment.id,
        comment.author.name,
        comment.author.url,
        comment.parent_id,
        comment.depth,
        comment.by_post_author,
    ) == (2210, "Anselm Krüger", "http://inkandgull.example", None, 1, False)
    # "February 5, 2022 at 9:14 am" gives no zone: the date is naive.
    assert datetime(2022, 2, 5, 9, 14) == comment.date
    assert _lines(comment.content_text) == [
        "The reflection-first idea is clever. I always run out of page below the legs.",
        "Which sketchbook do you use for wet work outdoors?",
    ]


def test_wpcom_single_pingbacks_split_title_and_blog() -> None:
    """Three "Pingback: Title | Blog" items give source url, post title and blog name."""
    assert [(p.kind, p.url, p.title, p.blog_name) for p in _post("wpcom_single").pingbacks] == [
        (
            "pingback",
            "https://marshnotes.example/2022/02/05/weekend-links/",
            "Weekend links: mud, birds and brushes",
            "Marsh Notes",
        ),
        (
            "pingback",
            "https://wadersandwaders.example/2022/02/07/heron-season/",
            "Heron season on the east coast – a reading list",
            "Waders & Waders",
        ),
        (
            "pingback",
            "https://sundaysketchers.example/2022/02/09/members-work/",
            "Members’ work this month",
            "Sunday Sketchers Club",
        ),
    ]


def test_wpcom_single_pingbacks_show_no_excerpt_date_or_id() -> None:
    """Twenty Ten-style ping items print only the link: no excerpt, date or comment id."""
    assert [(p.excerpt, p.date, p.id) for p in _post("wpcom_single").pingbacks] == [
        (None, None, None)
    ] * 3


def test_wpcom_single_response_count() -> None:
    """ "4 responses to “…”" announces four responses (one comment, three pingbacks)."""
    assert _post("wpcom_single").response_count == 4


def test_wpcom_single_form_heading_target_and_post() -> None:
    """The Highlander form posts to the blog's wp-comments-post.php for post 1187."""
    form = _post("wpcom_single").comment_form
    assert form is not None
    assert (form.heading, form.action, form.method, form.post_id, form.submit_label) == (
        "Leave a Reply",
        "https://tidewatersketch.wordpress.com/wp-comments-post.php",
        "post",
        1187,
        "Post Comment",
    )


def test_wpcom_single_form_visible_fields() -> None:
    """Comment box, the guest panel's email/name/website, then the two subscription boxes."""
    form = _post("wpcom_single").comment_form
    assert form is not None
    # The comment box has no <label>: its placeholder is the prompt a reader sees.  The
    # email label's "(required)" marker and "(Address never made public)" aside are not
    # part of the field's name.  Akismet's honeypot sits in a display:none paragraph.
    assert [(f.name, f.kind, f.label, f.required) for f in form.fields] == [
        ("comment", "textarea", "Enter your comment here...", False),
        ("email", "email", "Email", True),
        ("author", "text", "Name", True),
        ("url", "url", "Website", False),
        ("subscribe", "checkbox", "Notify me of new comments via email.", False),
        ("subscribe_blog", "checkbox", "Notify me of new posts via email.", False),
    ]


def test_wpcom_single_form_hidden_fields() -> None:
    """Every hidden input, in page order, with comment_post_ID carrying the post id."""
    form = _post("wpcom_single").comment_form
    assert form is not None
    assert [f.name for f in form.hidden_fields] == [
        "highlander_comment_nonce",
        "hc_post_as",
        "wp_avatar",
        "wp_user_id",
        "wp_access_token",
        "twitter_avatar",
        "twitter_user_id",
        "twitter_access_token",
        "fb_avatar",
        "fb_user_id",
        "fb_access_token",
        "comment_post_ID",
        "comment_parent",
        "akismet_comment_nonce",
        "genseq",
        "ak_js",
    ]
    values = {f.name: f.value for f in form.hidden_fields}
    assert (values["comment_post_ID"], values["comment_parent"], values["hc_post_as"]) == (
        "1187",
        "0",
        "guest",
    )


def test_wpcom_single_login_options() -> None:
    """The NASCAR icons offer WordPress.com, Twitter and Facebook (the guest icon is hidden)."""
    form = _post("wpcom_single").comment_form
    assert form is not None
    assert [o.name for o in form.login_options] == ["WordPress.com", "Twitter", "Facebook"]
    wpcom = form.login_options[0]
    assert wpcom.url is not None
    assert wpcom.url.startswith("https://wordpress.com/log-in?redirect_to=")


def test_wpcom_single_form_notes_and_subscriptions() -> None:
    """The NASCAR note, and the two "Notify me …" check boxes as subscription options."""
    form = _post("wpcom_single").comment_form
    assert form is not None
    assert form.notes == ("Fill in your details below or click an icon to log in:",)
    assert form.subscription_options == (
        "Notify me of new comments via email.",
        "Notify me of new posts via email.",
    )


def test_wpcom_single_site() -> None:
    """The blog's name, home, tagline, language, generator and pub/ theme."""
    site = _page("wpcom_single").site
    assert site is not None
    assert (site.name, site.url, site.description, site.language, site.generator, site.theme) == (
        "Tidewater Sketchbook",
        "https://tidewatersketch.wordpress.com/",
        "Pen, ink and the estuary at dawn",
        "en",
        "WordPress.com",
        "estuary",
    )


# --- block_single.html: a Twenty Twenty-Three style block theme ----------------------------


def test_block_single_is_read_by_the_block_theme() -> None:
    """A .wp-site-blocks page with post blocks is one post parsed by the block theme."""
    result = _page("block_single")
    assert (result.kind, result.theme, len(result.posts)) == ("single", "wordpress-block", 1)


def test_block_single_title_url_id_author() -> None:
    """Title block, canonical permalink, post id 318 and the post-author-name block."""
    post = _post("block_single")
    assert (post.title, post.url, post.id) == (
        "Rebuilding a 1962 Outboard Carburettor",
        "https://smallengineledger.example/2023/06/11/rebuilding-a-1962-outboard-carburettor/",
        318,
    )
    assert [(a.name, a.url) for a in post.authors] == [
        ("Tomasz Wierzba", "https://smallengineledger.example/author/tomasz/")
    ]


def test_block_single_published_keeps_plus_two_hours() -> None:
    """The post-date block's <time datetime> carries +02:00; no modified date is shown."""
    post = _post("block_single")
    assert datetime(2023, 6, 11, 14, 5, tzinfo=CEST) == post.published
    assert post.published is not None
    assert timedelta(hours=2) == post.published.utcoffset()
    assert post.updated is None


def test_block_single_category_links_with_rel_tag_are_categories() -> None:
    """Block themes print rel="tag" on category links too; taxonomy-category decides."""
    post = _post("block_single")
    base = "https://smallengineledger.example"
    assert [
        ("Outboards", "outboards", f"{base}/category/outboards/", "category"),
        ("Restoration", "restoration", f"{base}/category/restoration/", "category"),
    ] == _terms(post.categories)
    assert [
        ("carburettor", "carburettor", f"{base}/tag/carburettor/", "post_tag"),
        ("two-stroke", "two-stroke", f"{base}/tag/two-stroke/", "post_tag"),
    ] == _terms(post.tags)


def test_block_single_blocks_in_page_order() -> None:
    """Paragraphs, headings, numbered list, image, gallery, quote and code, in order."""
    post = _post("block_single")
    assert [b.kind for b in post.blocks] == [
        "paragraph",
        "heading",
        "paragraph",
        "list",
        "image",
        "heading",
        "paragraph",
        "gallery",
        "quote",
        "paragraph",
        "code",
        "paragraph",
    ]
    steps = post.blocks[3]
    assert (steps.ordered, steps.items) == (
        True,
        (
            "Drain the float bowl and remove the bowl screws.",
            "Lift out the float and its hinge pin.",
            "Unscrew the main jet and the needle seat.",
        ),
    )
    assert [b.text for b in post.blocks if b.kind == "heading"] == [
        "Stripping it down",
        "Cleaning and inspection",
    ]
    assert [b.level for b in post.blocks if b.kind == "heading"] == [2, 2]


def test_block_single_code_block_keeps_its_lines() -> None:
    """The wp-block-code text keeps its line breaks and aligned spaces."""
    (code,) = [b for b in _post("block_single").blocks if b.kind == "code"]
    assert code.text == "before: 17.5 mm\nafter:  16.0 mm\nspec:   16.0 mm (+/- 0.5)"


def test_block_single_quote_and_its_citation() -> None:
    """The quote block's text is the quotation and then the cited person."""
    (quote,) = [b for b in _post("block_single").blocks if b.kind == "quote"]
    assert _lines(quote.text) == [
        "If it ran once, it will run again. Fuel, spark and compression: check them in that order.",
        "Harold Greaves, boatyard foreman",
    ]


def test_block_single_text() -> None:
    """The text holds every text block; image and gallery captions are not part of it."""
    text = _post("block_single").content_text
    assert text is not None
    assert text.startswith(
        "The little twin-cylinder outboard came to me in a feed sack, seized and smelling of"
        " old mix. Before anything else, the carburettor had to come off and come apart.\n\n"
        "Stripping it down\n\n"
        "Work over a tray. Every part of this carburettor is small enough to vanish into a"
        " drain.\n\n"
        "Drain the float bowl and remove the bowl screws.\n"
    )
    assert text.endswith(
        "For the record, these are the float heights I measured before and after:\n\n"
        "before: 17.5 mm\nafter:  16.0 mm\nspec:   16.0 mm (+/- 0.5)\n\n"
        "Next time: the ignition points, and whether the coil is worth saving."
    )
    assert "solvent" not in text
    assert "packet" not in text


def test_block_single_image_caption_credit_in_parentheses() -> None:
    """ "(Photo: Ines Falk)" at the end of a figcaption is the credit."""
    caption = _post("block_single").captions[0]
    assert (caption.text, caption.credit, caption.kind) == (
        "The float bowl after a night in solvent",
        "Ines Falk",
        "block",
    )
    assert caption.image is not None
    assert (
        caption.image.src,
        caption.image.alt,
        caption.image.width,
        caption.image.height,
        caption.image.link,
        caption.image.id,
    ) == (
        "https://smallengineledger.example/wp-content/uploads/2023/06/float-bowl-1024x683.jpg",
        "An aluminium float bowl resting in a glass dish of solvent",
        1024,
        683,
        None,
        322,
    )


def test_block_single_gallery_captions() -> None:
    """Each image of the gallery block is a caption of kind gallery, with no credit."""
    captions = _post("block_single").captions
    assert len(captions) == 3
    assert [(c.text, c.credit, c.kind, c.image.id if c.image else None) for c in captions[1:]] == [
        ("The old needle, with its worn ridge", None, "gallery", 324),
        ("The replacement, still in its packet", None, "gallery", 325),
    ]


def test_block_single_comment_thread() -> None:
    """Dorothea's comment has the author's reply in ol.children; Kwame's stands alone."""
    comments = _post("block_single").comments
    assert _thread(comments) == [(41, None, 1, False), (42, 41, 2, True), (45, None, 1, False)]


def test_block_single_comment_authors_dates_and_text() -> None:
    """Author-name, date and content blocks of each comment."""
    dorothea, tomasz, kwame = _post("block_single").comments
    assert [
        (c.author.name, c.author.url) if c.author else None for c in (dorothea, tomasz, kwame)
    ] == [
        ("Dorothea Lum", "https://dorotheaboats.example"),
        ("Tomasz Wierzba", "https://smallengineledger.example"),
        ("Kwame Osei", None),
    ]
    assert [
        datetime(2023, 6, 12, 8, 47, 19, tzinfo=CEST),
        datetime(2023, 6, 12, 19, 2, 5, tzinfo=CEST),
        datetime(2023, 6, 14, 21, 30, 51, tzinfo=CEST),
    ] == [c.date for c in (dorothea, tomasz, kwame)]
    assert _lines(tomasz.content_text) == [
        "Yes, cut a new one from gasket paper. The kit ones were the wrong shape."
    ]
    assert _lines(kwame.content_text) == [
        "Great write-up.",
        "The float height table is exactly what I needed.",
    ]


def test_block_single_response_count_and_no_pingbacks() -> None:
    """ "3 responses to “…”" announces three; the page lists no pingbacks."""
    post = _post("block_single")
    assert (post.response_count, post.pingbacks) == (3, ())


def test_block_single_comment_form() -> None:
    """The core form inside the post-comments-form block."""
    form = _post("block_single").comment_form
    assert form is not None
    assert (form.heading, form.action, form.method, form.post_id, form.submit_label) == (
        "Leave a Reply",
        "https://smallengineledger.example/wp-comments-post.php",
        "post",
        318,
        "Post Comment",
    )
    assert [(f.name, f.kind, f.label, f.required) for f in form.fields] == [
        ("comment", "textarea", "Comment", True),
        ("author", "text", "Name", True),
        ("email", "email", "Email", True),
        ("url", "url", "Website", False),
        (
            "wp-comment-cookies-consent",
            "checkbox",
            "Save my name, email, and website in this browser for the next time I comment.",
            False,
        ),
    ]
    assert [(f.name, f.value) for f in form.hidden_fields] == [
        ("comment_post_ID", "318"),
        ("comment_parent", "0"),
    ]
    assert (
        " ".join(form.notes)
    ) == "Your email address will not be published. Required fields are marked *"
    assert (form.login_options, form.subscription_options) == ((), ())


def test_block_single_site() -> None:
    """Site title block, language, generator; a block theme links no theme stylesheet."""
    site = _page("block_single").site
    assert site is not None
    assert site.url is not None
    assert (site.name, site.url.rstrip("/")) == (
        "The Small Engine Ledger",
        "https://smallengineledger.example",
    )
    assert (site.language, site.generator, site.theme) == ("en-US", "WordPress 6.2.2", None)


# --- classic_archive.html: a Twenty Twelve home page ---------------------------------------


def test_classic_archive_lists_three_posts() -> None:
    """The home page is an archive of three posts, newest first."""
    result = _page("classic_archive")
    assert (result.kind, result.theme) == ("archive", "wordpress-classic")
    assert [(p.title, p.url, p.id) for p in result.posts] == [
        (
            "Autumn broad beans go in",
            "https://quarrylane.example/2022/10/23/autumn-broad-beans/",
            96,
        ),
        (
            "The great pumpkin weigh-in",
            "https://quarrylane.example/2022/10/09/pumpkin-weigh-in/",
            91,
        ),
        ("A new roof for the shed", "https://quarrylane.example/2022/09/30/new-shed-roof/", 88),
    ]


def test_classic_archive_each_post_has_its_author() -> None:
    """Every footer names Bernadette Achterberg, linked to her author page."""
    assert [[(a.name, a.url) for a in p.authors] for p in _page("classic_archive").posts] == [
        [("Bernadette Achterberg", "https://quarrylane.example/author/bernadette/")]
    ] * 3


def test_classic_archive_each_post_has_its_own_date() -> None:
    """Each footer's <time class="entry-date"> gives that post's date at +01:00."""
    assert [
        datetime(2022, 10, 23, 11, 20, 4, tzinfo=BST),
        datetime(2022, 10, 9, 16, 45, 30, tzinfo=BST),
        datetime(2022, 9, 30, 19, 5, tzinfo=BST),
    ] == [p.published for p in _page("classic_archive").posts]
    assert [p.updated for p in _page("classic_archive").posts] == [None] * 3


def test_classic_archive_each_post_has_its_own_terms() -> None:
    """Categories and tags are read from each post's own footer, not its neighbours'."""
    posts = _page("classic_archive").posts
    assert [[t.name for t in p.categories] for p in posts] == [
        ["Plot diary"],
        ["Harvest", "Plot diary"],
        ["Shed"],
    ]
    assert [[t.name for t in p.tags] for p in posts] == [
        ["broad beans", "sowing"],
        ["pumpkins", "weighing"],
        [],
    ]
    assert (posts[0].tags[0].slug, posts[0].tags[0].url, posts[0].tags[0].taxonomy) == (
        "broad-beans",
        "https://quarrylane.example/tag/broad-beans/",
        "post_tag",
    )
    assert (posts[1].categories[1].slug, posts[1].categories[1].url) == (
        "plot-diary",
        "https://quarrylane.example/category/plot-diary/",
    )


def test_classic_archive_comment_links_announce_counts() -> None:
    """ "Leave a reply" means none yet, then "3 Replies" and "1 Reply"."""
    assert [p.response_count for p in _page("classic_archive").posts] == [0, 3, 1]


def test_classic_archive_post_texts() -> None:
    """Each post's text is its own paragraphs and list; "Continue reading →" is not text."""
    first, second, third = _page("classic_archive").posts
    assert first.content_text == (
        "We sowed a double row of ‘Aquadulce Claudia’ along the fence on plot 14 this"
        " morning, twenty centimetres apart and five deep.\n\n"
        "If the mice leave them alone they should be ready by late May."
    )
    assert second.content_text == (
        "Eleven pumpkins, one borrowed bathroom scale and a great deal of arguing. The winner"
        " came from plot 9 at 31.4 kg."
    )
    assert third.content_text == (
        "The felt finally gave up in the September storms. We replaced it with corrugated"
        " bitumen sheets, which went on in an afternoon.\n\n"
        "Six sheets\nForty ridge screws\nOne very steady ladder"
    )


def test_classic_archive_has_no_discussion() -> None:
    """A listing shows no comments, pingbacks, reply form or captions for its posts."""
    for post in _page("classic_archive").posts:
        assert (post.comments, post.pingbacks, post.comment_form, post.captions) == (
            (),
            (),
            None,
            (),
        )


def test_classic_archive_site() -> None:
    """The hgroup's title and tagline, and the Twenty Twelve stylesheet."""
    site = _page("classic_archive").site
    assert site is not None
    assert (site.name, site.url, site.description, site.language, site.generator, site.theme) == (
        "Quarry Lane Allotments",
        "https://quarrylane.example/",
        "Three plots, one shed, no slugs (we wish)",
        "en-US",
        "WordPress 6.3.1",
        "twentytwelve",
    )


# --- threaded_comments.html: a Twenty Ten child theme in German ----------------------------


def test_threaded_is_one_classic_post() -> None:
    """A Twenty Ten child theme's single post is one post parsed by the classic theme."""
    result = _page("threaded_comments")
    assert (result.kind, result.theme, len(result.posts)) == ("single", "wordpress-classic", 1)


def test_threaded_title_url_id_author() -> None:
    """Title with umlauts, canonical permalink, post id 57 and the vcard author."""
    post = _post("threaded_comments")
    assert (post.title, post.url, post.id) == (
        "Über den Grat zur Kesselhütte",
        "https://huettenbuch.example/2021/03/13/ueber-den-grat-zur-kesselhuette/",
        57,
    )
    assert [(a.name, a.url) for a in post.authors] == [
        ("Annelie Brandstätter", "https://huettenbuch.example/author/annelie/")
    ]


def test_threaded_german_date_without_zone() -> None:
    """ "13. März 2021" is 13 March 2021; Twenty Ten prints no zone, so it stays naive."""
    post = _post("threaded_comments")
    assert post.published is not None
    assert date(2021, 3, 13) == post.published.date()
    assert post.published.tzinfo is None
    assert post.updated is None


def test_threaded_published_time_from_the_permalink_title() -> None:
    """Twenty Ten prints the time as the date link's title ("18:40"): published is 18:40."""
    assert datetime(2021, 3, 13, 18, 40) == _post("threaded_comments").published


def test_threaded_categories_and_tags() -> None:
    """ "veröffentlicht in" gives the category, "verschlagwortet mit" the tags."""
    post = _post("threaded_comments")
    base = "https://huettenbuch.example"
    assert [("Touren", "touren", f"{base}/category/touren/", "category")] == _terms(post.categories)
    assert [
        ("Grat", "grat", f"{base}/tag/grat/", "post_tag"),
        ("Kesselhütte", "kesselhuette", f"{base}/tag/kesselhuette/", "post_tag"),
        ("Winterraum", "winterraum", f"{base}/tag/winterraum/", "post_tag"),
    ] == _terms(post.tags)


def test_threaded_text() -> None:
    """Two paragraphs, the heading, the packing list and the closing paragraph."""
    assert _post("threaded_comments").content_text == (
        "Am Samstag sind wir bei bestem Wetter über den Ostgrat zur Kesselhütte aufgestiegen."
        " Der Schnee war bis auf die letzten zweihundert Höhenmeter gut gesetzt.\n\n"
        "Der Winterraum ist offen, hat zwölf Lager und einen funktionierenden Ofen. Holz liegt"
        " unter der Treppe.\n\n"
        "Was man mitnehmen sollte\n\n"
        "Grödel oder leichte Steigeisen für den Gratrücken\n"
        "Einen warmen Schlafsack\n"
        "Kleingeld für die Hüttenkasse\n\n"
        "Für den Abstieg haben wir am Sonntag den Sommerweg durch das Kar genommen."
    )


def test_threaded_three_level_thread() -> None:
    """li#li-comment-N items nest in ul.children three levels deep."""
    assert _thread(_post("threaded_comments").comments) == [
        (201, None, 1, False),
        (202, 201, 2, True),
        (203, 202, 3, False),
    ]


def test_threaded_bypostauthor_reply() -> None:
    """The depth-2 reply carries bypostauthor: the post's author wrote it."""
    reply = _post("threaded_comments").comments[1]
    assert reply.author is not None
    assert (reply.author.name, reply.author.url, reply.by_post_author) == (
        "Annelie Brandstätter",
        "https://huettenbuch.example",
        True,
    )


def test_threaded_german_comment_dates() -> None:
    """ "14. März 2021 um 10:15 Uhr" and its siblings are read day first, naive."""
    assert [
        datetime(2021, 3, 14, 10, 15),
        datetime(2021, 3, 14, 12, 2),
        datetime(2021, 3, 15, 7, 48),
    ] == [c.date for c in _post("threaded_comments").comments]


def test_threaded_comment_authors_and_text() -> None:
    """cite.fn names and comment-body paragraphs."""
    first, _, last = _post("threaded_comments").comments
    assert first.author is not None
    assert last.author is not None
    assert (first.author.name, first.author.url) == ("Korbinian Wiest", "https://bergfink.example")
    assert _lines(first.content_text) == [
        "Danke für den Bericht! War der Grat schon abgeblasen oder musstet ihr spuren?"
    ]
    assert _lines(last.content_text) == ["Super, dann probieren wir es nächstes Wochenende."]


def test_threaded_pingbacks_and_trackback() -> None:
    """Two pingbacks ("Title | Blog", "Blog » Title") and a trackback named by its blog."""
    assert [
        (p.kind, p.url, p.title, p.blog_name) for p in _post("threaded_comments").pingbacks
    ] == [
        (
            "pingback",
            "https://allgaeutouren.example/2021/03/15/wochenrueckblick-11/",
            "Wochenrückblick KW 11",
            "Allgäu Touren",
        ),
        (
            "pingback",
            "https://winterraum-liste.example/kesselhuette/",
            "Kesselhütte",
            "Winterräume im Allgäu",
        ),
        (
            "trackback",
            "https://sektion-oberstaufen.example/2021/03/16/tourenberichte/",
            None,
            "Sektion Oberstaufen",
        ),
    ]


def test_threaded_german_response_count() -> None:
    """ "6 Antworten auf „…“" announces six responses."""
    assert _post("threaded_comments").response_count == 6


def test_threaded_german_comment_form() -> None:
    """ "Schreibe einen Kommentar", "(erforderlich)" markers and "Kommentar abschicken"."""
    form = _post("threaded_comments").comment_form
    assert form is not None
    assert (form.heading, form.action, form.method, form.post_id, form.submit_label) == (
        "Schreibe einen Kommentar",
        "https://huettenbuch.example/wp-comments-post.php",
        "post",
        57,
        "Kommentar abschicken",
    )
    assert [(f.name, f.label, f.required) for f in form.fields] == [
        ("comment", "Kommentar", True),
        ("author", "Name", True),
        ("email", "E-Mail", True),
        ("url", "Website", False),
        (
            "wp-comment-cookies-consent",
            "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser für die"
            " nächste Kommentierung speichern.",
            False,
        ),
    ]
    assert [(f.name, f.value) for f in form.hidden_fields] == [
        ("comment_post_ID", "57"),
        ("comment_parent", "0"),
    ]
    assert " ".join(form.notes) == (
        "Deine E-Mail-Adresse wird nicht veröffentlicht."
        " Erforderliche Felder sind mit (erforderlich) markiert"
    )
    assert (form.login_options, form.subscription_options) == ((), ())


def test_threaded_site() -> None:
    """German site: name, tagline, de-DE, and the child theme's stylesheet name."""
    site = _page("threaded_comments").site
    assert site is not None
    assert (site.name, site.url, site.description, site.language, site.generator, site.theme) == (
        "Hüttenbuch",
        "https://huettenbuch.example/",
        "Touren, Hütten und Wetter in den Allgäuer Alpen",
        "de-DE",
        "WordPress 6.1.1",
        "wanderweg",
    )


# --- captions.html: a Twenty Sixteen post with many caption shapes -------------------------


def _captions() -> list[tuple[str | None, str | None, str | None]]:
    return [(c.text, c.credit, c.kind) for c in _post("captions").captions]


def test_captions_every_shape_in_page_order() -> None:
    """Ten captioned images: wp-caption, figure, three gallery items, five image blocks."""
    assert _captions() == [
        (
            "Volunteers clear the slipway before the rowing races.",
            "AP Photo/Marta Quist",
            "wp-caption",
        ),
        ("The old customs house, now the ward library.", "Hal Brennan", "figure"),
        ("The net lofts on Shore Row", None, "gallery"),
        ("The ropewalk, open for the first time since 2019", None, "gallery"),
        ("Flags on the signal mast", None, "gallery"),
        ("The tug Marguerite leaves the inner basin for the parade.", "Joan Aldous", "block"),
        (
            "Plan of the 1891 harbour works, shown in the library exhibition.",
            "Harbour Ward Archive",
            "block",
        ),
        ("Spray over the sea wall at four o’clock.", "Kit Mensah / Coastline Images", "block"),
        ("Die Delegation aus der Partnerstadt am Westkai.", "Lena Vogt", "block"),
        ("The new ferry timetable board by the ticket office", None, "block"),
    ]


def test_captions_ap_photo_in_parentheses() -> None:
    """ "(AP Photo/Marta Quist)" ends the wp-caption and is its credit."""
    assert _captions()[0] == (
        "Volunteers clear the slipway before the rowing races.",
        "AP Photo/Marta Quist",
        "wp-caption",
    )


def test_captions_credit_span_in_figcaption() -> None:
    """<span class="credit">Photo: Hal Brennan</span> is the credit without its label."""
    assert (_captions()[1]) == (
        "The old customs house, now the ward library.",
        "Hal Brennan",
        "figure",
    )


def test_captions_labelled_credits() -> None:
    """ "Credit:", "Image:", "Photo by … / Agency" and "Foto:" labels are split off."""
    assert [credit for _, credit, _ in _captions()[5:9]] == [
        "Joan Aldous",
        "Harbour Ward Archive",
        "Kit Mensah / Coastline Images",
        "Lena Vogt",
    ]


def test_captions_without_credit_keep_their_whole_text() -> None:
    """Gallery captions and the timetable caption carry no credit and lose no words."""
    assert [(text, credit) for text, credit, _ in _captions() if credit is None] == [
        ("The net lofts on Shore Row", None),
        ("The ropewalk, open for the first time since 2019", None),
        ("Flags on the signal mast", None),
        ("The new ferry timetable board by the ticket office", None),
    ]


def test_captions_ids_and_alignment() -> None:
    """The wp-caption keeps its attachment id and centring; the figure floats right."""
    first, second = _post("captions").captions[:2]
    assert (first.id, first.align) == ("attachment_734", "aligncenter")
    assert (second.id, second.align) == (None, "alignright")


def test_captions_images() -> None:
    """Each caption's image: src, size, link and attachment id as the markup gives them."""
    caps = _post("captions").captions
    up = "https://harbourward.example/wp-content/uploads/2022/05"
    assert [
        (f"{up}/slipway-840x560.jpg", 840, 560, None, 734),
        (f"{up}/customs-house-300x200.jpg", 300, 200, None, 736),
        (
            f"{up}/net-lofts-150x150.jpg",
            150,
            150,
            "https://harbourward.example/2022/05/16/harbour-day-in-pictures/net-lofts/",
            None,
        ),
    ] == [
        (c.image.src, c.image.width, c.image.height, c.image.link, c.image.id) if c.image else None
        for c in caps[:3]
    ]
    assert [c.image.id if c.image else None for c in caps[5:]] == [742, 743, 745, 746, 747]


def test_captions_post_text_leaves_captions_out() -> None:
    """The post's text is its paragraphs and headings; captions are not repeated in it."""
    assert _post("captions").content_text == (
        "Harbour Day came back on Saturday after two quiet years, and the whole ward turned out"
        " for it. Here is the day as our readers and a few professionals saw it.\n\n"
        "The rowing races started at ten, with six crews from three clubs.\n\n"
        "The library kept its doors open all day and ran tours of the old bonded cellar.\n\n"
        "Around the quays\n\n"
        "The weather\n\n"
        "The afternoon was not kind. The wind went round to the north-east at three and the"
        " last races were called off.\n\n"
        "Thanks to everyone who sent in photographs. More will follow next week."
    )


def test_captions_post_fields() -> None:
    """Title, id, author, both dates at +01:00, categories and tags from the entry footer."""
    post = _post("captions")
    assert (post.title, post.url, post.id) == (
        "Harbour Day in pictures",
        "https://harbourward.example/2022/05/16/harbour-day-in-pictures/",
        733,
    )
    assert [(a.name, a.url) for a in post.authors] == [
        ("Nessa Trewin", "https://harbourward.example/author/nessa/")
    ]
    assert (
        datetime(2022, 5, 16, 21, 10, tzinfo=BST),
        datetime(2022, 5, 17, 8, 32, 45, tzinfo=BST),
    ) == (post.published, post.updated)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Events", "events"),
        ("Photos", "photos"),
    ]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("harbour day", "harbour-day"),
        ("volunteers", "volunteers"),
    ]


def test_captions_page_without_comments() -> None:
    """No comments yet: no count is announced, and the reply form is there."""
    post = _post("captions")
    assert (post.comments, post.pingbacks, post.response_count) == ((), (), None)
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == ("Leave a Reply", 733, "Post Comment")
    # The comment box has no "*" but carries required="required".
    assert [(f.name, f.label, f.required) for f in form.fields] == [
        ("comment", "Comment", True),
        ("author", "Name", True),
        ("email", "Email", True),
        ("url", "Website", False),
    ]


def test_captions_site() -> None:
    """Twenty Sixteen site: name, tagline, en-GB and its stylesheet."""
    site = _page("captions").site
    assert site is not None
    assert (site.name, site.url, site.description, site.language, site.generator, site.theme) == (
        "The Harbour Ward Gazette",
        "https://harbourward.example/",
        "News from the quays, the streets behind them and the people in between",
        "en-GB",
        "WordPress 5.9.3",
        "twentysixteen",
    )
