"""Single posts saved from blogs hosted on WordPress.com, in three of its free themes:
Independent Publisher 2, Dara and Baskerville 2 (served from ``/wp-content/themes/pub/``).

Each page is written the way the theme prints it around a small made-up blog, with what
WordPress.com adds to every post: the Highlander comment form (its guest panel, one
``comment-form-service`` per log-in service, the subscription boxes), sharedaddy buttons,
Likes, Jetpack's related posts, WordAds, comment likes and the follow bubble.  The tests
state what a reader of the page sees.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Comment, Post

PAGES = Path(__file__).parent / "pages" / "themes"

CEST = timezone(timedelta(hours=2))
CDT = timezone(timedelta(hours=-5))

GUEST_FIELDS = ["comment", "email", "author", "url"]


def _single_post(name: str) -> Post:
    result = blogparse.parse_page((PAGES / f"wpcom-{name}.html").read_bytes())
    assert (result.kind, result.theme, len(result.posts)) == ("single", "wordpress-com", 1)
    post = result.post
    assert post is not None
    return post


def _comments(
    comments: tuple[Comment, ...],
) -> list[tuple[int | None, str | None, datetime | None, int | None, bool]]:
    return [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in comments]


def test_an_independent_publisher_2_single_post() -> None:
    """Independent Publisher 2: title and byline in the cover over the masthead, not in the
    article; html5 comments with comment likes; a Highlander form offering Google too."""
    post = _single_post("independent-publisher-2")
    base = "https://slowkettlenotes.wordpress.com"
    assert (post.title, post.id, post.type) == (
        "Cold brewing a second flush Darjeeling", 412, "post")
    assert post.url == f"{base}/2023/06/18/cold-brewing-a-second-flush-darjeeling/"
    # the post-cover header sits in #hero-header, above the <article>
    assert [(a.name, a.url) for a in post.authors] == [
        ("Maren Østby", f"{base}/author/marenostby/")]
    assert post.published == datetime(2023, 6, 18, 7, 40, 12, tzinfo=CEST)
    assert post.updated == datetime(2023, 6, 19, 21, 3, 55, tzinfo=CEST)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Brewing", "brewing"), ("Black tea", "black-tea")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("cold brew", "cold-brew"), ("Darjeeling", "darjeeling"), ("summer", "summer")]
    assert post.content_text == (
        "Every June I stop boiling water for a few weeks. A jar of leaves left overnight in "
        "the fridge gives a sweeter cup than anything I can manage with a kettle in the "
        "heat.\n\n"
        "The ratio\n\n"
        "I use eight grams of leaf to a litre of cold filtered water. Second flush leaves are "
        "wiry and bulky, so weigh them rather than trusting a spoon.\n\n"
        "Put the leaves in a clean jar.\n"
        "Pour over the cold water and close the lid.\n"
        "Leave it in the fridge for eight to ten hours.\n"
        "Strain through a fine sieve and drink within two days.\n\n"
        "Next I want to try the same method with an oolong, which should stand up to a "
        "second jar.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Two jars after eight hours, the left one with twice the leaf.", "Jonas Brekke")]
    # the cover is a CSS background: the page names the image in og:image only
    assert post.featured_image is not None
    assert post.featured_image.src == (
        f"{base}/wp-content/uploads/2023/06/jars-on-the-sill.jpg")
    assert _comments(post.comments) == [
        (57, "Hanne Lykke", datetime(2023, 6, 18, 12, 26, 40, tzinfo=CEST), None, False),
        (58, "Maren Østby", datetime(2023, 6, 18, 14, 2, 9, tzinfo=CEST), 57, True),
        (60, "Tomasz Wróbel", datetime(2023, 6, 20, 9, 15, 33, tzinfo=CEST), None, False),
    ]
    assert [c.author.url if c.author else None for c in post.comments] == [
        "https://leafandlid.example.org", base, None]
    # the "Like" / "Liked by 2 people" paragraph WordPress.com adds to each comment is no text
    assert [c.content_text for c in post.comments] == [
        "Do you rinse the leaves first? My cold brews sometimes come out a little dusty.",
        "I don’t rinse, but I strain twice. A paper filter after the sieve catches the fine "
        "bits.",
        "Tried this with a first flush as well.\nLighter, but still lovely after nine hours.",
    ]
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (59, "https://steepandsip.example.com/2023/06/19/weekend-reading/",
         "Weekend reading: cold tea and warm evenings", "Steep & Sip")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 412, "Post Comment")
    assert [(f.name, f.label, f.required) for f in form.fields] == [
        ("comment", "Enter your comment here...", False),
        ("email", "Email", True),
        ("author", "Name", True),
        ("url", "Website", False),
        ("subscribe", "Notify me of new comments via email.", False),
        ("subscribe_blog", "Notify me of new posts via email.", False),
    ]
    assert [(o.name, o.url is not None) for o in form.login_options] == [
        ("WordPress.com", True), ("Google", True), ("Twitter", False), ("Facebook", False)]
    assert post.site is not None
    assert (post.site.name, post.site.theme, post.site.description) == (
        "Slow Kettle Notes", "independent-publisher-2", "Loose leaf, long steeps")


def test_a_dara_single_post() -> None:
    """Dara: category above the title, an [caption] figure, WordAds and sharing in the text,
    the author box and related posts after it, a reply three levels deep."""
    post = _single_post("dara")
    base = "https://saddlestitchdiary.wordpress.com"
    assert (post.title, post.id, post.type) == (
        "Sewing my first Coptic stitch binding", 1093, "post")
    assert post.url == f"{base}/2023/10/07/sewing-my-first-coptic-stitch-binding/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ilse Vandermeer", f"{base}/author/ilsevandermeer/")]
    assert post.published == datetime(2023, 10, 7, 16, 20, 31, tzinfo=CDT)
    assert post.updated == datetime(2023, 10, 7, 16, 48, 2, tzinfo=CDT)
    assert [(t.name, t.slug) for t in post.categories] == [("Bindings", "bindings")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("coptic", "coptic"), ("linen thread", "linen-thread"), ("signatures", "signatures")]
    # no "Advertisements", "Share this:", "Like this:" or "Published by …" in the text
    assert post.content_text == (
        "A Coptic binding opens flat on the table, which is exactly what I want from a "
        "sketchbook. It also leaves the spine bare, so every stitch shows.\n\n"
        "What I used\n\n"
        "Six signatures of cartridge paper, four sheets each\n"
        "Waxed linen thread and two curved needles\n"
        "Two boards covered in offcuts of wallpaper\n\n"
        "The hard part is the tension. Pull too tight and the signatures buckle; too loose "
        "and the chain sags after a week of use.\n\n"
        "My second book is already on the bench, this time with a thicker thread.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The spine after the fourth signature, still loose at the head.", "Ruth Adeyemi")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        f"{base}/wp-content/uploads/2023/10/coptic-stack.jpg?w=1180")
    assert _comments(post.comments) == [
        (1201, "Priya Natarajan", datetime(2023, 10, 8, 8, 5, 47, tzinfo=CDT), None, False),
        (1202, "Ilse Vandermeer", datetime(2023, 10, 8, 10, 31, 2, tzinfo=CDT), 1201, True),
        (1204, "Priya Natarajan", datetime(2023, 10, 9, 19, 44, 10, tzinfo=CDT), 1202, False),
    ]
    assert [c.depth for c in post.comments] == [1, 2, 3]
    assert [c.content_text for c in post.comments] == [
        "Lovely spine! How many holes did you punch per signature?",
        "Four stations, with a curved needle at each end of the thread. Six would have been "
        "steadier for a book this tall.",
        "Good to know. I will try six on my next one.",
    ]
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (1203, "https://paperandthread.example.org/2023/10/09/links-for-binders/",
         "Links for binders, October edition", "Paper and Thread")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 1093, "Post Comment")
    # only comment subscriptions: the blog offers no "Notify me of new posts" box
    assert [f.name for f in form.fields] == [*GUEST_FIELDS, "subscribe"]
    assert [o.name for o in form.login_options] == ["WordPress.com", "Facebook"]
    assert post.site is not None
    assert (post.site.name, post.site.theme, post.site.description) == (
        "Saddle Stitch Diary", "dara", "Bookbinding at the kitchen table")


def test_a_baskerville_2_single_post() -> None:
    """Baskerville 2: meta and author box after the text, its own comment callback with a
    "(Post author)" badge and "date — time" lines, pings listed apart under their count."""
    post = _single_post("baskerville-2")
    base = "https://thepressedfern.wordpress.com"
    assert (post.title, post.id, post.type) == ("Pressing ferns without browning", 288, "post")
    assert post.url == f"{base}/2023/03/12/pressing-ferns-without-browning/"
    # the author box names her in its <h4>; its "Author archive" link gives the url
    assert [(a.name, a.url) for a in post.authors] == [
        ("Calum Fraser", f"{base}/author/calumfraser/")]
    assert post.published == datetime(2023, 3, 12, 10, 22, 18, tzinfo=UTC)
    assert post.updated == datetime(2023, 3, 13, 8, 10, 44, tzinfo=UTC)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Ferns", "ferns"), ("Technique", "technique")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("blotting paper", "blotting-paper"), ("drying", "drying"), ("herbarium", "herbarium")]
    assert post.content_text == (
        "Ferns are the easiest plants to press badly. The fronds are thin, they hold a lot "
        "of water, and if they stay damp for more than a day or two they turn the colour of "
        "weak tea.\n\n"
        "Over the winter I tried a few ways of keeping them green, and one routine worked "
        "every time.\n\n"
        "The routine\n\n"
        "Blot the fronds dry with kitchen paper.\n"
        "Lay them between two sheets of newsprint.\n"
        "Put a sheet of corrugated card between each pair so that air can move.\n"
        "Change the newsprint every day for the first week.\n\n"
        "After three weeks the fronds are dry and flat, and the green has stayed green.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Lady fern fronds on newsprint, before the first change of paper.", "Kirsty Bain")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        f"{base}/wp-content/uploads/2023/03/fronds-on-the-table.jpg?w=945")
    # "March 12, 2023 — 6:40 pm": date and time apart on an em dash, with no zone
    assert _comments(post.comments) == [
        (301, "Morag Lindsay", datetime(2023, 3, 12, 18, 40), None, False),
        (302, "Calum Fraser", datetime(2023, 3, 12, 20, 5), 301, True),
        (304, "Eamon Pryce", datetime(2023, 3, 14, 9, 12), None, False),
    ]
    assert [c.author.url if c.author else None for c in post.comments] == [
        "https://greenpressings.example.org", base, None]
    assert [c.content_text for c in post.comments] == [
        "Do you change the blotting paper as well, or only the newsprint? Mine went mouldy "
        "last spring.",
        "Only the newsprint. Dry paper every day is the whole trick; the card does the rest.",
        "The corrugated card between the pairs made all the difference here.\n"
        "My hart’s-tongue dried in half the time.",
    ]
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (303, "https://botanybench.example.com/2023/03/13/pressing-round-up/",
         "Pressing round-up for March", "Botany Bench")]
    # the count the page announces over the comments ("3 Comments"); the pings have a
    # heading of their own ("1 Pingback")
    assert post.response_count == 3
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 288, "Post Comment")
    assert [f.name for f in form.fields] == [*GUEST_FIELDS, "subscribe", "subscribe_blog"]
    assert [o.name for o in form.login_options] == ["WordPress.com", "Twitter", "Facebook"]
    assert post.site is not None
    assert (post.site.name, post.site.theme, post.site.description) == (
        "The Pressed Fern", "baskerville-2",
        "Drying, mounting and labelling plants from the hills")
