"""Single posts saved from three popular premium themes: Kriesi's Enfold, PenciDesign's
Soledad and Jegtheme's JNews, each with its default single-post template.

Each page is written the way the theme prints it (its own byline, term lists, comment
callback and reply form, its share, related-post and ad furniture) around a small made-up
blog; the tests state what a reader sees.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Comment, Post

PAGES = Path(__file__).parent / "pages" / "themes"

CET = timezone(timedelta(hours=1))
EDT = timezone(timedelta(hours=-4))


def _post(name: str) -> Post:
    post = blogparse.parse_page((PAGES / f"{name}-single.html").read_bytes()).post
    assert post is not None
    return post


def _comments(
    comments: tuple[Comment, ...],
) -> list[tuple[int | None, str | None, datetime | None, int | None, bool, str | None]]:
    return [(c.id, c.author.name if c.author else None, c.date, c.parent_id, c.by_post_author,
             c.content_text) for c in comments]


def test_an_enfold_single_post() -> None:
    """Enfold: the hidden microdata dates, rel="tag" categories, avia comments and pings."""
    post = _post("enfold")
    assert (post.title, post.id, post.type) == (
        "Counting waders at the spring tide roost", 3184, "post")
    assert post.url == "https://marshnotebook.example.org/counting-waders-at-the-spring-tide-roost/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Tobias Wren", "https://marshnotebook.example.org/author/tobias/")]
    assert datetime(2024, 3, 9, 6, 45, tzinfo=CET) == post.published
    # The visible <time class="... updated"> holds the publication date; the update is only
    # in the hidden itemprop="dateModified" span, as WordPress' local time without a zone.
    assert datetime(2024, 3, 11, 20, 5, 12) == post.updated
    # Enfold lists categories with get_the_term_list(), whose links carry rel="tag".
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Waders", "waders"), ("Field Trips", "field-trips")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("counting", "counting"), ("high tide", "high-tide"), ("knot", "knot")]
    assert post.content_text == (
        "Twice a month the big tides push every wader off the mudflats and onto the shingle "
        "spit at the river mouth. For about an hour the whole estuary’s birds stand in one "
        "place, and that is when we count them.\n\n"
        "Getting there before the water\n\n"
        "The spit is cut off at the top of the tide, so we walk out two hours early and "
        "settle behind the old groyne. Nobody stands up once the first birds start "
        "arriving.\n\n"
        "A flock that size is counted in blocks. You count ten birds, get a feel for how "
        "much space ten take up, then count in tens, and then in fifties.\n\n"
        "Count the edge of the flock first; it moves the least.\n"
        "Write the number down before you check it.\n"
        "Two counters, then take the average.\n\n"
        "This month we made it 4,300 knot, 610 dunlin and 38 bar-tailed godwits.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Knots packed shoulder to shoulder on the shingle spit.", "Aino Laurila")]
    # avia_inc_custom_comments: <li id="li-comment-N"> around <div id="comment-N">, the name
    # in <cite class="comment_author_name"> inside <cite class="author_name">, and a bare
    # <time> holding "March 9, 2024 at 7:10 pm".
    assert _comments(post.comments) == [
        (402, "Pia Lund", datetime(2024, 3, 9, 19, 10), None, False,
         "How do you keep the count honest when a harrier flushes the whole lot halfway "
         "through?"),
        (403, "Tobias Wren", datetime(2024, 3, 9, 20, 22), 402, True,
         "We stop and start again once they settle. If they leave the spit altogether, that "
         "species goes down as an incomplete count."),
        (405, "Gus Hallam", datetime(2024, 3, 11, 9, 3), None, False,
         "Thirty-eight godwits is the most I have seen on that spit in years."),
    ]
    # The pings are listed apart, in <ol class="pingbacklist"> with WordPress' own markup.
    assert [(p.id, p.url, p.title, p.blog_name, p.excerpt, p.date) for p in post.pingbacks] == [
        (404, "https://shorebirdlog.example.com/2024/03/10/sunday-at-the-spit/",
         "Sunday at the spit", "Shorebird Log",
         "[…] the Marsh Notebook team had counted the knot long before we reached the "
         "groyne […]", datetime(2024, 3, 10, 8, 2))]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.submit_label) == ("Leave a Reply", "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_soledad_single_post() -> None:
    """Soledad: the classic single header, tags inside the text, penci_comments_template."""
    post = _post("soledad")
    assert (post.title, post.id, post.type) == (
        "Blocking a lace shawl without pins", 1562, "post")
    assert post.url == "https://slowstitch.example.com/blocking-a-lace-shawl-without-pins/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Odile Park", "https://slowstitch.example.com/author/odile/")]
    assert datetime(2024, 3, 14, 16, 20, tzinfo=EDT) == post.published
    assert datetime(2024, 3, 15, 9, 2, 33, tzinfo=EDT) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Lace", "lace"), ("Finishing", "finishing")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("blocking", "blocking"), ("merino", "merino"), ("shawls", "shawls")]
    assert post.content_text == (
        "Lace only looks like lace once it has been blocked. Straight off the needles my "
        "shawl was a crumpled triangle that could have passed for a dishcloth.\n\n"
        "Most guides ask for a box of T-pins and a foam mat. I have neither, and the spare "
        "bed turned out to be enough.\n\n"
        "Soak first, then stretch\n\n"
        "The shawl sat in lukewarm water with a drop of wool wash for twenty minutes. "
        "Squeeze, never wring, then roll it up in a towel and stand on the towel.\n\n"
        "Lay it out and pull each point of the edging gently until the holes open up. A few "
        "heavy books along the top edge keep it straight while it dries.\n\n"
        "Soak for twenty minutes.\n"
        "Press the water out in a towel.\n"
        "Stretch the points by hand.\n"
        "Leave it overnight with the window open.\n\n"
        "By morning it had grown by a third and kept its shape.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The shawl drying on a spare-room mattress.", "Jun Ito")]
    # Comments are <div>s (style "div"), a reply nested in its parent's div without a
    # children list; the date is a <span class="date" datetime=…> whose attributes run
    # together without spaces.
    assert _comments(post.comments) == [
        (1201, "Bea Lindqvist", datetime(2024, 3, 14, 19, 5, tzinfo=EDT), None, False,
         "The heavy books trick is brilliant. Did the edge stay straight once you lifted "
         "them off?"),
        (1202, "Odile Park", datetime(2024, 3, 14, 21, 30, tzinfo=EDT), 1201, True,
         "It did. Wool remembers the shape it dried in, so the books only have to hold it "
         "for one night."),
        (1204, "Nadia", datetime(2024, 3, 16, 10, 45, tzinfo=EDT), None, False,
         "I used an ironing board for a small scarf once. A mattress is a much better "
         "idea."),
    ]
    # The pingback goes through the same callback: only its "pingback" class tells it apart.
    assert [(p.id, p.url, p.title, p.blog_name, p.excerpt, p.date) for p in post.pingbacks] == [
        (1203, "https://purlandplain.example.org/2024/03/15/five-finishing-posts-worth-reading/",
         "Five finishing posts worth reading", "Purl and Plain",
         "[…] Odile blocks a whole shawl with nothing but a mattress and a stack of books […]",
         datetime(2024, 3, 15, 8, 0, tzinfo=EDT))]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.submit_label) == ("Leave a Comment", "Submit")
    # No <label>s: the placeholders ("Name*") and the consent <span> are what a reader sees.
    assert [(f.name, f.label, f.required) for f in form.fields] == [
        ("comment", "Your Comment", True),
        ("author", "Name", True),
        ("email", "Email", True),
        ("url", "Website", False),
        ("wp-comment-cookies-consent",
         "Save my name, email, and website in this browser for the next time I comment.",
         False),
    ]


def test_a_jnews_single_post() -> None:
    """JNews: no <article> and no <time>, in-text related posts and ads, relative dates."""
    post = _post("jnews")
    assert (post.title, post.id, post.type) == (
        "Finding the Andromeda galaxy from a suburban garden", 9047, "post")
    assert post.url == (
        "https://clearskies.example.org/finding-the-andromeda-galaxy-from-a-suburban-garden/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Rafael Ortiz", "https://clearskies.example.org/author/rafael/")]
    # The byline shows only "March 18, 2024"; the JNews JSON-LD gives the time, in the
    # site's local time without a zone ("2024-03-18 21:40:00").
    assert datetime(2024, 3, 18, 21, 40) == post.published
    assert datetime(2024, 3, 19, 7, 15, 8) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Deep Sky", "deep-sky"), ("Beginners", "beginners")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Andromeda", "andromeda"), ("binoculars", "binoculars"),
        ("light pollution", "light-pollution")]
    assert post.content_text == (
        "Andromeda is the most distant thing most of us will ever see without a telescope, "
        "and it can be found from a garden with street lights on three sides.\n\n"
        "You do not need a dark site. You need a clear night, twenty minutes for your eyes "
        "to adjust, and some way to keep the porch light next door out of your face.\n\n"
        "The hop from Mirach\n\n"
        "Start at the corner of the Great Square of Pegasus and follow the chain of bright "
        "stars to Mirach. From there, step up to the two fainter stars above it and carry on "
        "the same distance again.\n\n"
        "What you see is the bright core, a soft oval roughly the size of the full moon. The "
        "spiral arms need a camera.\n\n"
        "Look slightly to one side of it.\n"
        "Brace the binoculars on a fence post.\n"
        "Try again after midnight, when it is higher.\n\n"
        "It took me three evenings the first time. Now it takes me thirty seconds.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The galaxy as a grey oval through 10x50 binoculars, drawn at the eyepiece.",
         "Keiko Sato")]
    # JNews' comment walker prints only "3 days ago": the page gives no date to read.
    assert _comments(post.comments) == [
        (9101, "Hannah Ebbe", None, None, False,
         "Tried this last night with my old 8x42s. The smudge was exactly where you said it "
         "would be."),
        (9102, "Rafael Ortiz", None, 9101, True,
         "Glad it worked. Have another look in the autumn, when it climbs higher and the "
         "glow from town matters less."),
        (9104, "Marcus Webb", None, None, False,
         "Which star chart do you use for the hop from Mirach? Mine leaves out the fainter "
         "pair."),
    ]
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (9103, "https://backyardoptics.example.net/2024/03/19/star-hopping-notes-for-march/",
         "Star-hopping notes for March", "Backyard Optics")]
    # "Comments 4" heads the list (<h3 class="comments-title">Comments <span class="count">).
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.submit_label) == ("Leave a Reply", "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]
