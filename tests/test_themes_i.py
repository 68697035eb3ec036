"""Single posts as four older WordPress default themes print them: Twenty Eleven, Twenty
Thirteen, Twenty Fourteen and Twenty Fifteen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Comment, DefectKind, PageResult, Post

PAGES = Path(__file__).parent / "pages" / "themes"


def _result(name: str) -> PageResult:
    result = blogparse.parse_page((PAGES / f"{name}-single.html").read_bytes())
    assert (result.kind, len(result.posts)) == ("single", 1)
    assert result.site is not None
    assert result.site.theme == name
    return result


def _post(name: str) -> Post:
    post = _result(name).post
    assert post is not None
    return post


def _comments(
    comments: tuple[Comment, ...],
) -> list[tuple[int | None, str | None, datetime | None, int | None, int, bool]]:
    return [(c.id, c.author.name if c.author else None, c.date, c.parent_id, c.depth,
             c.by_post_author) for c in comments]


def test_a_twentyeleven_single_post() -> None:
    """Twenty Eleven: the featured image printed as the header banner outside the article,
    the "This entry was posted in" footer, its own twentyeleven_comment callback and its
    pingback item without an id, and the comment form without HTML5 input types."""
    result = _result("twentyeleven")
    post = result.post
    assert post is not None
    utc = UTC
    assert (post.title, post.id, post.type) == ("Truing a rear wheel without a stand", 218, "post")
    assert post.url == (
        "https://spokeandsprocket.example.org/2024/02/18/truing-a-rear-wheel-without-a-stand/")
    assert result.site is not None
    assert (result.site.name, result.site.description) == (
        "Spoke & Sprocket", "Old frames, new bearings and far too much grease")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Hal Brennan", "https://spokeandsprocket.example.org/author/hal/")]
    assert post.published == datetime(2024, 2, 18, 10, 5, tzinfo=utc)
    # only Jetpack's article:modified_time tells it, the same as the publication time
    assert post.updated == datetime(2024, 2, 18, 10, 5, tzinfo=utc)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Wheels", "wheels"), ("Workshop", "workshop")]
    assert [(t.name, t.slug) for t in post.tags] == [("Spokes", "spokes"), ("Truing", "truing")]
    assert post.content_text == (
        "A wobbly rear wheel does not need a workshop stand. The frame itself is a perfectly "
        "good jig, as long as you take your time and work in small turns.\n\n"
        "Use the brake pads as a gauge\n\n"
        "Flip the bike upside down, spin the wheel slowly and close the brake until one pad "
        "just kisses the rim. The spot where it touches is where the rim leans too far to "
        "that side.\n\n"
        "Loosen the spokes on the touching side by a quarter turn and tighten their "
        "neighbours from the other flange by the same amount. Spin, look, repeat.\n\n"
        "Never turn a nipple more than half a turn at once\n"
        "Work on the four spokes around the high spot, not just one\n"
        "Squeeze pairs of spokes together afterwards to settle them\n\n"
        "After twenty minutes my old touring wheel ran true to within a millimetre, which is "
        "better than it was on the day I bought the bike.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Marking the high spot with a strip of masking tape.", "Wil Okonjo")]
    assert post.captions[0].image is not None
    assert (post.captions[0].kind, post.captions[0].image.src) == (
        "wp-caption",
        "https://spokeandsprocket.example.org/wp-content/uploads/2024/02/tape-on-rim-1024x683.jpg")
    # header.php echoes the 1000px-wide post thumbnail in place of the header image
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://spokeandsprocket.example.org/wp-content/uploads/2024/02/"
        "rear-wheel-on-bench-1000x288.jpg")
    assert _comments(post.comments) == [
        (341, "Dora Quill", datetime(2024, 2, 18, 17, 22, tzinfo=utc), None, 1, False),
        (342, "Hal Brennan", datetime(2024, 2, 18, 19, 5, tzinfo=utc), 341, 2, True),
        (345, "Pim Aldous", datetime(2024, 2, 21, 8, 47, tzinfo=utc), None, 1, False),
    ]
    assert [c.author.url if c.author else None for c in post.comments] == [
        "https://gearsandgravel.example.com/", None, None]
    assert [c.content_text for c in post.comments] == [
        "Does this work with disc brakes too? My winter bike has no rim brakes to use as a "
        "pointer.",
        "It does. Clip a zip tie round the chainstay and trim it until it nearly touches the "
        "rim, then use its tip the same way.",
        "The tip about squeezing the spokes afterwards saved me. Mine kept drifting back "
        "until I did that.",
    ]
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://wheeljigdiaries.example.com/2024/02/20/a-truing-stand-from-an-old-fork/",
         "A truing stand made from an old fork")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 218, "Post Comment")
    # no add_theme_support('html5'): the email and url boxes are type="text"; Akismet's
    # hidden honeypot textarea is no field
    assert [(f.name, f.kind, f.required) for f in form.fields] == [
        ("comment", "textarea", True), ("author", "text", True), ("email", "text", True),
        ("url", "text", False), ("wp-comment-cookies-consent", "checkbox", False)]


def test_a_twentythirteen_single_post() -> None:
    """Twenty Thirteen: date, category, tags and author all in the header's entry-meta, the
    author box in the footer, block content, and core's HTML5 comment list three levels deep
    with a short pingback."""
    post = _post("twentythirteen")
    bst = timezone(timedelta(hours=1))
    assert (post.title, post.id, post.type) == ("Counting waders at high tide", 507, "post")
    assert post.url == (
        "https://saltmarshtally.example.org/2024/09/14/counting-waders-at-high-tide/")
    # the "View all posts by" link of the author box is no second author
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ines Carrow", "https://saltmarshtally.example.org/author/ines/")]
    assert post.published == datetime(2024, 9, 14, 7, 40, tzinfo=bst)
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [("Field notes", "field-notes")]
    assert [(t.name, t.slug) for t in post.tags] == [("Tides", "tides"), ("Waders", "waders")]
    assert post.content_text == (
        "The best wader counts on our estuary happen in the last hour before high water. As "
        "the mud disappears the birds are pushed into a few tight roosts, and for twenty "
        "minutes they sit still enough to count.\n\n"
        "Count in blocks, not birds\n\n"
        "Nobody counts two thousand knot one by one. I count a block of ten, judge how many "
        "blocks of that size fill the flock, and then count again from the other end.\n\n"
        "If the two totals differ by more than a tenth, I count a third time and keep the "
        "middle figure.\n\n"
        "Write the number down before you look at the next roost.\n\n"
        "This morning\u2019s totals went to the county recorder before breakfast: 2,140 "
        "knot, 610 dunlin and a single curlew sandpiper that nobody else saw.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Knot and dunlin packed onto the shingle spit at 07:55.", "Sam Okafor")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://saltmarshtally.example.org/wp-content/uploads/2024/09/"
        "roost-on-the-spit-604x270.jpg")
    assert _comments(post.comments) == [
        (881, "Rufus Hale", datetime(2024, 9, 14, 19, 2, tzinfo=bst), None, 1, False),
        (882, "Ines Carrow", datetime(2024, 9, 14, 20, 31, tzinfo=bst), 881, 2, True),
        (883, "Rufus Hale", datetime(2024, 9, 15, 6, 48, tzinfo=bst), 882, 3, False),
        (886, "Mags Tindall", datetime(2024, 9, 17, 12, 15, tzinfo=bst), None, 1, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Do you count the roost from the sea wall or from the hide? From the wall I always "
        "lose the birds at the back.",
        "From the hide. The wall is closer, but the birds at the back hide behind the front "
        "rank.",
        "That makes sense. I will try the hide on the next big tide.",
        "A curlew sandpiper in September is a lovely find. Did it stay with the dunlin the "
        "whole time?",
    ]
    assert [(p.id, p.url, p.title) for p in post.pingbacks] == [
        (884, "https://estuarybirding.example.net/2024/09/16/autumn-roost-counts/",
         "Autumn roost counts on three estuaries")]
    assert post.response_count == 5
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 507, "Post Comment")
    assert [(f.name, f.kind, f.label) for f in form.fields] == [
        ("comment", "textarea", "Comment"), ("author", "text", "Name"),
        ("email", "email", "Email"), ("url", "url", "Website"),
        ("wp-comment-cookies-consent", "checkbox",
         "Save my name, email, and website in this browser for the next time I comment.")]
    assert form.notes == (
        "Your email address will not be published. Required fields are marked *",)


def test_a_twentyfourteen_single_post() -> None:
    """Twenty Fourteen: the category above the title, tags in the footer with no separator,
    Jetpack's related posts left out of the text, the theme's Ephemera widget (aside posts
    as hentry articles) in the content sidebar, and the last page of paged comments."""
    result = _result("twentyfourteen")
    post = result.post
    assert post is not None
    cest = timezone(timedelta(hours=2))
    assert (post.title, post.id, post.type) == (
        "Weathering a goods wagon with powders", 1204, "post")
    assert post.url == "https://branchlinebench.example.com/weathering-a-goods-wagon-with-powders/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Tobias Wren", "https://branchlinebench.example.com/author/tobias/")]
    assert post.published == datetime(2024, 6, 2, 20, 15, tzinfo=cest)
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [("Rolling stock", "rolling-stock")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Wagons", "wagons"), ("Weathering", "weathering")]
    assert post.content_text == (
        "A factory-fresh goods van looks like a toy until it has some dirt on it. Weathering "
        "powders are the gentlest way to start, because almost every mistake wipes off with "
        "a damp brush.\n\n"
        "Work from the bottom up\n\n"
        "Track dirt goes on first, dabbed onto the wheels, axle boxes and solebars with a "
        "short stiff brush. Then a little rust colour on the brake gear and the hinges, and "
        "last of all a grey-brown dust over the roof.\n\n"
        "Matt varnish the body so the powder has something to grip\n"
        "Apply each colour sparingly and blend it straight away\n"
        "Fix the result with a second coat of matt varnish\n\n"
        "The varnish darkens the powders a little, so stop one step before you think the "
        "wagon is finished.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Rust on the brake gear after two light coats.", "Greta Holm")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://branchlinebench.example.com/wp-content/uploads/2024/06/"
        "grey-van-weathered-672x372.jpg")
    assert _comments(post.comments) == [
        (1301, "Kasia Brandt", datetime(2024, 6, 5, 9, 41, tzinfo=cest), None, 1, False),
        (1302, "Tobias Wren", datetime(2024, 6, 5, 18, 20, tzinfo=cest), 1301, 2, True),
        (1307, "Olu Adeyemi", datetime(2024, 6, 9, 21, 3, tzinfo=cest), None, 1, False),
    ]
    assert post.comments[1].author is not None
    assert post.comments[1].author.url == "https://branchlinebench.example.com"
    assert [c.content_text for c in post.comments] == [
        "Do the powders survive handling? My stock gets picked up a lot at exhibitions.",
        "Only once they are sealed. Before the second coat of varnish a thumb takes the rust "
        "straight off the sides.",
        "Stopping one step early is the best advice here. I always overdo the roof and end up "
        "washing it.",
    ]
    assert [(p.id, p.url, p.title) for p in post.pingbacks] == [
        (1305, "https://smallgaugeshed.example.net/2024/06/07/five-weathering-tutorials/",
         "Five weathering tutorials worth your evening")]
    # "7 thoughts on …": the first three are on comment-page-1, behind "← Older Comments",
    # so the four responses on this page are no mismatch
    assert post.response_count == 7
    assert DefectKind.COUNT_MISMATCH not in [d.kind for d in result.defects]
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 1204, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_twentyfifteen_single_post() -> None:
    """Twenty Fifteen: an image-format post with its meta in the entry footer (format link,
    published and updated <time>s, byline, categories, tags), the "Published by" author box,
    Jetpack's Like widget, the widget sidebar before the content, and Jetpack's subscription
    boxes in the form."""
    post = _post("twentyfifteen")
    utc = UTC
    assert (post.title, post.id, post.type) == (
        "Sewing a coptic binding for a pocket notebook", 733, "post")
    assert post.url == (
        "https://kettlestitch.example.net/2024/11/sewing-a-coptic-binding-for-a-pocket-notebook/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Oona Feld", "https://kettlestitch.example.net/author/oona/")]
    assert post.published == datetime(2024, 11, 9, 14, 20, tzinfo=utc)
    assert post.updated == datetime(2024, 11, 12, 9, 3, tzinfo=utc)
    # the post-format link ("Image", /type/image/) is no category
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Bindings", "bindings"), ("Tutorials", "tutorials")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Coptic stitch", "coptic-stitch"), ("Notebooks", "notebooks")]
    assert post.content_text == (
        "A coptic binding is sewn straight through the fold of each signature and around the "
        "covers, so the book opens completely flat. It needs no glue at all, which makes it "
        "a good first binding for a small notebook.\n\n"
        "Prepare the signatures\n\n"
        "Fold eight signatures of four sheets each and punch four stations through every "
        "fold with an awl, using a paper template so that the holes line up from one "
        "signature to the next.\n\n"
        "Each new signature is sewn to the one below it with a kettle stitch at the head and "
        "tail, and with a chain of linked loops at the middle stations.\n\n"
        "Waxed linen thread, about four times the spine height for each station\n"
        "Two curved needles, one for each end of the thread\n"
        "Boards cut a few millimetres larger than the pages\n\n"
        "Keep the tension even but never tight. A coptic spine is meant to flex.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Linked stitches climbing the spine of a finished notebook.", "Lise Marchetti")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://kettlestitch.example.net/wp-content/uploads/2024/11/"
        "coptic-notebook-open-825x510.jpg")
    assert _comments(post.comments) == [
        (2041, "Bea Sorensen", datetime(2024, 11, 10, 10, 12, tzinfo=utc), None, 1, False),
        (2042, "Oona Feld", datetime(2024, 11, 10, 16, 55, tzinfo=utc), 2041, 2, True),
        (2046, "Cormac Ruane", datetime(2024, 11, 13, 20, 30, tzinfo=utc), None, 1, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Can the covers be plain greyboard, or do they need covering first? I have a stack of "
        "greyboard and nothing to cover it with.",
        "Bare greyboard works. Round the corners and give the edges a coat of wax so they do "
        "not fray in a pocket.",
        "Two curved needles made all the difference for me. With one straight needle the "
        "linked loops kept pulling loose.",
    ]
    assert [(p.id, p.url, p.title) for p in post.pingbacks] == [
        (2044, "https://foldandsew.example.com/2024/11/11/three-bindings-without-glue/",
         "Three bindings that need no glue")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 733, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent",
        "subscribe_comments", "subscribe_blog"]
    assert form.subscription_options == (
        "Notify me of follow-up comments by email.", "Notify me of new posts by email.")
