"""Single posts as three WordPress default themes print them: Twenty Nineteen, Twenty Twenty
and Twenty Twenty-One, each with block-editor content and its own comment markup."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Post

PAGES = Path(__file__).parent / "pages" / "themes"

_Row = tuple[int | None, str | None, str | None, datetime | None, int | None, bool]


def _single_post(name: str) -> Post:
    result = blogparse.parse_page((PAGES / name).read_bytes())
    assert (result.kind, len(result.posts)) == ("single", 1)
    post = result.post
    assert post is not None
    return post


def _comments(post: Post) -> list[_Row]:
    return [(c.id, c.author.name if c.author else None, c.author.url if c.author else None,
             c.date, c.parent_id, c.by_post_author) for c in post.comments]


def test_a_twentynineteen_single_post() -> None:
    """Twenty Nineteen: the title, byline and dates printed in the masthead over the featured
    image, TwentyNineteen_Walker_Comment's links around avatar and name, the discussion
    count, and the "Leave a comment" heading over a form whose own title is empty."""
    post = _single_post("twentynineteen-single.html")
    bst = timezone(timedelta(hours=1))
    assert (post.title, post.id, post.type) == ("Collimating a Newtonian at dusk", 1187, "post")
    assert post.url == (
        "https://darkskynotes.example.org/2024/09/03/collimating-a-newtonian-at-dusk/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ruth Okafor", "https://darkskynotes.example.org/author/ruth/")]
    assert datetime(2024, 9, 3, 21, 10, tzinfo=bst) == post.published
    assert datetime(2024, 9, 5, 8, 30, 12, tzinfo=bst) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("How-to", "how-to"), ("Telescopes", "telescopes")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Collimation", "collimation"), ("Newtonian", "newtonian"), ("Reflectors", "reflectors")]
    assert post.content_text == (
        "After the drive home from the club field, my eight-inch reflector never points quite "
        "true. The mirrors shift a little on every bumpy lane, and a little is enough to soften "
        "Jupiter into a smudge.\n\n"
        "What you need\n\n"
        "A collimation cap or an inexpensive laser\n"
        "A long hex key for the primary mirror\u2019s bolts\n"
        "Twenty minutes of fading light\n\n"
        "Secondary first, then primary\n\n"
        "Centre the secondary under the focuser before touching anything else. Only then turn "
        "the primary\u2019s bolts, a quarter turn at a time, until the reflections sit one inside "
        "the other.\n\n"
        "Never chase the laser dot with both hands at once.\n"
        "A note taped inside my eyepiece case\n\n"
        "A star test on a bright star at high power tells you whether the job is done: the "
        "rings either side of focus should look the same.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The secondary mirror, centred under the focuser.", "Kwame Asante")]
    # the featured image sits in the masthead, above the article
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://darkskynotes.example.org/wp-content/uploads/2024/09/"
        "reflector-at-dusk-1568x1045.jpg")
    # the walker wraps avatar, badge and name in one link to the commenter's site
    assert _comments(post) == [
        (2311, "Leon Fairweather", "https://leonsky.example.net",
         datetime(2024, 9, 4, 7, 12, 40, tzinfo=bst), None, False),
        (2312, "Ruth Okafor", "https://darkskynotes.example.org",
         datetime(2024, 9, 4, 19, 3, 15, tzinfo=bst), 2311, True),
        (2315, "Maja Lindgren", None,
         datetime(2024, 9, 6, 22, 41, 9, tzinfo=bst), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Do you check it again once the tube has cooled? Mine seems to wander off as soon as "
        "the scope reaches the outside temperature.",
        "I give it a quick look through the cap after an hour outside. It rarely needs more "
        "than a nudge on one bolt.",
        "The quarter-turn rule is what I was missing. I used to crank the bolts and lose the "
        "reflection altogether.",
    ]
    assert [(p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        ("https://eyepiecejournal.example.com/2024/09/04/a-week-of-clear-skies/",
         "A week of clear skies", "Eyepiece Journal")]
    # "4 Comments" in the discussion meta under "Join the Conversation"
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a comment", 1187, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_twentytwenty_single_post() -> None:
    """Twenty Twenty: categories above the title, a text-only post date, the featured
    image's own caption, TwentyTwenty_Walker_Comment's div thread with a pingback printed as
    a full comment, and a form whose class list has no "comment-form"."""
    post = _single_post("twentytwenty-single.html")
    cst = timezone(timedelta(hours=-6))
    assert (post.title, post.id, post.type) == (
        "Sewing a Coptic binding with two needles", 2210, "post")
    assert post.url == "https://foldandstitch.example.com/sewing-a-coptic-binding-with-two-needles/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Teodor Maris", "https://foldandstitch.example.com/author/teodor/")]
    # the meta line prints the date as text only ("March 2, 2024"): no time, no zone
    assert datetime(2024, 3, 2) == post.published
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Bindings", "bindings"), ("Tutorials", "tutorials")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Coptic stitch", "coptic-stitch"), ("Linen thread", "linen-thread")]
    assert post.content_text == (
        "A Coptic binding opens completely flat, which is why I use it for every sketchbook I "
        "make. It looks complicated from the outside, but it is one stitch repeated along the "
        "spine.\n\n"
        "Preparing the signatures\n\n"
        "Fold six signatures of four sheets each, then punch four stations through every fold "
        "with a cradle and an awl.\n\n"
        "Mark the stations on a paper template\n"
        "Punch each signature from the inside of the fold\n"
        "Punch matching holes near the edge of both covers\n\n"
        "Sewing\n\n"
        "Thread a curved needle at each end of a length of waxed linen. Each needle works two "
        "stations, and the chain stitch links every new signature to the one beneath it.\n\n"
        "Pull the thread along the spine, never away from it, or the paper will tear at the "
        "station.\n\n"
        "Finish with a kettle stitch to the back cover and tie off inside the last signature.")
    # the featured image's caption is no caption of the text
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The chain forming along the spine.", "Lena Brack")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://foldandstitch.example.com/wp-content/uploads/2024/03/"
        "coptic-sketchbook-1200x800.jpg")
    assert _comments(post) == [
        (57, "Priya Anand", "https://priyamakes.example.net",
         datetime(2024, 3, 3, 10, 24, 51, tzinfo=cst), None, False),
        (58, "Teodor Maris", None, datetime(2024, 3, 3, 13, 2, 7, tzinfo=cst), 57, True),
        (61, "Gus Whitlock", None, datetime(2024, 3, 5, 19, 47, 30, tzinfo=cst), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "What weight of thread do you use for a book this size? Mine keeps snapping at the "
        "kettle stitch.",
        "Eighteen/three linen, waxed twice. If it snaps at the kettle stitch, ease the tension "
        "there: that stitch takes more strain than any other.",
        "I made one with cereal box board for the covers and it has held up fine for a year.",
    ]
    # the walker prints the pingback like a comment: its name, "says:" for screen readers,
    # its date and its excerpt
    assert [(p.url, p.title, p.blog_name, p.excerpt, p.date) for p in post.pingbacks] == [
        ("https://paperandpaste.example.org/2024/03/04/five-bindings-to-try-this-spring/",
         "Five bindings to try this spring", "Paper and Paste",
         "[\u2026] Teodor\u2019s two-needle walkthrough is the clearest explanation of the "
         "Coptic stitch I have found so far [\u2026]",
         datetime(2024, 3, 4, 8, 15, tzinfo=cst))]
    # "4 replies on “Sewing a Coptic binding with two needles”"
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 2210, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_twentytwentyone_single_post() -> None:
    """Twenty Twenty-One: the date and terms in the entry footer, the author named only by
    the author bio (the theme drops the byline when the author has a biography),
    WordPress' own comment walker, and a latest-comments widget that is no thread."""
    post = _single_post("twentytwentyone-single.html")
    cest = timezone(timedelta(hours=2))
    assert (post.title, post.id, post.type) == ("Cycling a new tank without fish", 905, "post")
    assert post.url == (
        "https://stillwater.example.org/2024/06/18/cycling-a-new-tank-without-fish/")
    # "By Hanne Berg" and "View all of Hanne Berg's posts." (rel="author") in the bio
    assert [(a.name, a.url) for a in post.authors] == [
        ("Hanne Berg", "https://stillwater.example.org/author/hanne/")]
    assert datetime(2024, 6, 18, 7, 45, tzinfo=cest) == post.published
    assert [(t.name, t.slug) for t in post.categories] == [("Setup", "setup")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Ammonia", "ammonia"), ("Nitrogen cycle", "nitrogen-cycle"), ("Test kits", "test-kits")]
    assert post.content_text == (
        "Every new aquarium needs a colony of bacteria before it can keep fish alive. Growing "
        "that colony with bottled ammonia instead of livestock takes a few weeks and costs no "
        "lives.\n\n"
        "The routine\n\n"
        "Dose ammonia to about two parts per million\n"
        "Test every other day and write the numbers down\n"
        "Dose again whenever the ammonia reading reaches zero\n\n"
        "The cycle is finished when the tank clears two parts per million of ammonia to zero "
        "within a day, with no nitrite left behind.\n\n"
        "Patience is the cheapest piece of equipment you will ever buy.\n"
        "Old fish-shop wisdom\n\n"
        "After that, a large water change brings the nitrate down and the first fish can go "
        "in.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Test tubes lined up on day eighteen.", "Jonas Ek")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://stillwater.example.org/wp-content/uploads/2024/06/new-tank-empty-1568x882.jpg")
    assert _comments(post) == [
        (4410, "Omar Haddad", "https://omarsreef.example.com",
         datetime(2024, 6, 19, 9, 20, 33, tzinfo=cest), None, False),
        (4411, "Hanne Berg", "https://stillwater.example.org",
         datetime(2024, 6, 19, 12, 48, 2, tzinfo=cest), 4410, True),
        (4414, "Bea Lund", None, datetime(2024, 6, 22, 20, 5, 47, tzinfo=cest), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "How warm do you keep the water while it cycles? I read somewhere that heat speeds "
        "the whole thing up.",
        "Around twenty-eight degrees. The bacteria do grow faster in warm water, and there are "
        "no fish yet to mind it.",
        "My nitrite stayed high for two weeks and then dropped to zero overnight. Good to know "
        "that is normal.",
    ]
    assert [(p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        ("https://tankjournal.example.net/2024/06/20/fishless-cycling-round-up/",
         "Fishless cycling round-up", "Tank Journal")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a comment", 905, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]
