"""Single posts as four popular themes print them: Sydney, Hestia, ColorMag and Hueman."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Comment, Post

PAGES = Path(__file__).parent / "pages" / "themes"


def _post(name: str) -> Post:
    result = blogparse.parse_page((PAGES / f"{name}-single.html").read_bytes())
    assert (result.kind, len(result.posts)) == ("single", 1)
    post = result.post
    assert post is not None
    return post


def _comments(
    comments: tuple[Comment, ...],
) -> list[tuple[int | None, str | None, datetime | None, int | None, bool, str | None]]:
    return [(c.id, c.author.name if c.author else None, c.date, c.parent_id, c.by_post_author,
             c.content_text) for c in comments]


def test_a_sydney_single_post() -> None:
    """Sydney: its entry-meta line, tags in the entry footer, and an author box and related
    posts between the article and the default comment list."""
    post = _post("sydney")
    aedt = timezone(timedelta(hours=11))
    assert (post.title, post.id, post.type) == (
        "Reading the tide tables before a crossing", 348, "post")
    assert post.url == "https://paddle.example.org/reading-the-tide-tables-before-a-crossing/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Rowan Achterberg", "https://paddle.example.org/author/rowan/")]
    assert datetime(2024, 3, 9, 7, 40, tzinfo=aedt) == post.published
    assert datetime(2024, 3, 12, 20, 5, 13, tzinfo=aedt) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Planning", "planning"), ("Sea kayaking", "sea-kayaking")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Crossings", "crossings"), ("Tides", "tides")]
    assert post.content_text == (
        "Most of the trouble I have had on the water started at the kitchen table the night "
        "before. A crossing that looks like forty minutes on the chart can take two hours if "
        "the stream is running the wrong way.\n\n"
        "The rule of twelfths\n\n"
        "The tide does not rise evenly. Between low and high water it climbs roughly like "
        "this:\n\n"
        "One twelfth in the first hour\n"
        "Two twelfths in the second\n"
        "Three twelfths in each of the third and fourth\n"
        "Two, then one, as it slows towards high water\n\n"
        "Planning around slack water\n\n"
        "I aim to start a crossing about half an hour before slack, so the last of the stream "
        "carries me out and the first of the new one helps me home.\n\n"
        "Write the times on a slate and tape it to the deck. Phones get wet.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Slack water at the narrows, ten minutes before the turn.", "Kit Maddox")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://paddle.example.org/wp-content/uploads/2024/03/estuary-at-dawn-830x553.jpg")
    assert _comments(post.comments) == [
        (601, "Jonty Pereira", datetime(2024, 3, 9, 18, 22, 40, tzinfo=aedt), None, False,
         "Do you bother with the rule of twelfths on neaps? Round here the range is so small "
         "it hardly seems worth it."),
        (602, "Rowan Achterberg", datetime(2024, 3, 9, 21, 3, 15, tzinfo=aedt), 601, True,
         "On neaps I still use it, but only to decide whether the gravel bar will be covered "
         "when I come back."),
        (604, "Mireille Fontaine", datetime(2024, 3, 10, 6, 48, 2, tzinfo=aedt), None, False,
         "Taping the times to the deck is such a simple idea. I have lost two phones to the "
         "sea already."),
    ]
    assert [(p.url, p.title, p.excerpt) for p in post.pingbacks] == [
        ("https://saltmarsh.example.com/2024/03/11/notes-from-the-narrows/",
         "Notes from the narrows", None)]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 348, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_hestia_single_post() -> None:
    """Hestia: title and byline in the page header outside the article, term labels below
    the text, and its media-list comments whose replies follow their parent."""
    post = _post("hestia")
    cet = timezone(timedelta(hours=1))
    assert (post.title, post.id, post.type) == (
        "Warping a rigid heddle loom without a helper", 1187, "post")
    assert post.url == (
        "https://loomnotes.example.com/warping-a-rigid-heddle-loom-without-a-helper/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Marta Kowalczyk", "https://loomnotes.example.com/author/marta/")]
    assert datetime(2024, 2, 11, 10, 30, tzinfo=cet) == post.published
    # Hestia hides the update in <time class="updated hestia-hidden">; its datetime names it
    assert datetime(2024, 2, 14, 8, 12, 45, tzinfo=cet) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Looms", "looms"), ("Techniques", "techniques")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Rigid heddle", "rigid-heddle"), ("Warping", "warping")]
    assert post.content_text == (
        "Every guide to direct warping seems to assume a second pair of hands. I live alone "
        "with a cat who is no help at all, so over the winter I worked out a way to do it by "
        "myself.\n\n"
        "Setting up the table\n\n"
        "Clamp the loom to one end of the dining table and the warping peg to the other. The "
        "distance between them is the length of your warp, plus a little for waste.\n\n"
        "Pulling the loops\n\n"
        "Tie the yarn to the back apron rod\n"
        "Pull a loop through each slot with the threading hook\n"
        "Walk the loop to the peg and drop it over\n\n"
        "Keep the tension light and even. A loop pulled too tight will be shorter than the "
        "rest once you cut it from the peg.\n\n"
        "Winding on\n\n"
        "This is the one step where a helper is handy. I hang a plastic bottle of water from "
        "the bundle of warp ends instead, and let it take the strain while I turn the back "
        "beam.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The warping peg at the far end of the table.", "Ada Brennan")]
    # Hestia prints comment times as "· February 12, 2024 at 6:40 pm": no zone
    assert _comments(post.comments) == [
        (73, "Beatrix Holloway", datetime(2024, 2, 12, 18, 40), None, False,
         "Does the water bottle trick work with a sticky wool warp? Mine always seems to grab "
         "in the heddle."),
        (74, "Marta Kowalczyk", datetime(2024, 2, 12, 21, 5), 73, True,
         "It does, as long as you wind slowly and comb the warp with your fingers every few "
         "turns."),
        (76, "Ola Nwosu", datetime(2024, 2, 13, 7, 55), None, False,
         "I used a bag of rice instead of a bottle. Same idea, and it does not slosh."),
    ]
    assert [(p.url, p.title, p.excerpt, p.date) for p in post.pingbacks] == [
        ("https://shuttleandthread.example.org/2024/02/13/weaving-links-for-a-grey-week/",
         "Weaving links for a grey week",
         "[\u2026] Marta has a clever way of warping alone, with a bottle of water doing the "
         "job of a second person [\u2026]",
         datetime(2024, 2, 13, 9, 5))]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 1187, "Post Comment")
    assert [f.name for f in form.fields] == [
        "author", "email", "url", "comment", "wp-comment-cookies-consent"]


def test_a_colormag_single_post() -> None:
    """ColorMag: coloured category labels above the title, its meta line with views and
    comment count, and colormag_comment's thread with a "Post author" label."""
    post = _post("colormag")
    edt = timezone(timedelta(hours=-4))
    assert (post.title, post.id, post.type) == (
        "Counting waders on the estuary at high tide", 2096, "post")
    assert post.url == (
        "https://hidereport.example.org/counting-waders-on-the-estuary-at-high-tide/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Tobias Lindgren", "https://hidereport.example.org/author/tobias/")]
    assert datetime(2024, 3, 16, 6, 45, tzinfo=edt) == post.published
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Shorebirds", "shorebirds"), ("Surveys", "surveys")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Counting", "counting"), ("High tide", "high-tide")]
    assert post.content_text == (
        "We run the count from the old sea wall, two hours either side of a spring high tide. "
        "The rising water pushes the waders off the mud and onto the shingle spit, where they "
        "bunch up close enough to count.\n\n"
        "How we split the flock\n\n"
        "Nobody can count four thousand knot one by one. We work in blocks instead:\n\n"
        "Count a block of ten birds carefully\n"
        "Judge how many blocks of that size fill the flock\n"
        "Repeat from a second position and compare\n\n"
        "What we counted\n\n"
        "This month the spit held just over three thousand knot, around nine hundred dunlin "
        "and a single bar-tailed godwit that stood apart from everything else.\n\n"
        "If you would like to join a count, bring warm gloves and a notebook. The tide does "
        "not wait for late arrivals.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Knot and dunlin packed onto the spit at high water.", "Sunniva Haugen")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://hidereport.example.org/wp-content/uploads/2024/03/"
        "waders-on-the-spit-800x445.jpg")
    # ColorMag prints comment times as "March 16, 2024 at 4:12 pm": no zone; the reply's
    # "Post author" label is no part of its author's name
    assert _comments(post.comments) == [
        (881, "Della Ruiz", datetime(2024, 3, 16, 16, 12), None, False,
         "Do you count from the same spot every month? I wonder how much the position "
         "changes the totals."),
        (882, "Tobias Lindgren", datetime(2024, 3, 16, 19, 30), 881, True,
         "Always the same two spots, the sea wall and the old boathouse. Moving even fifty "
         "metres changes what you can see behind the shingle."),
        (884, "Ferdinand Osei", datetime(2024, 3, 17, 8, 5), None, False,
         "Nine hundred dunlin is a good number for March. Ours have mostly left already."),
    ]
    assert [(p.url, p.title, p.excerpt) for p in post.pingbacks] == [
        ("https://coastalcounts.example.com/2024/03/18/march-roundup/",
         "March round-up from the coast", None)]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 2096, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_hueman_single_post() -> None:
    """Hueman: categories in the page title, tags after the article, related posts that are
    articles too, XHTML comments and its own ping list."""
    post = _post("hueman")
    mst = timezone(timedelta(hours=-7))
    assert (post.title, post.id, post.type) == (
        "Finding Andromeda with binoculars", 451, "post")
    assert post.url == "https://darksky.example.com/finding-andromeda-with-binoculars/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Henrike Vos", "https://darksky.example.com/author/henrike/")]
    assert datetime(2024, 4, 6, 21, 30, tzinfo=mst) == post.published
    assert datetime(2024, 4, 9, 10, 2, 18, tzinfo=mst) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Binocular astronomy", "binocular-astronomy"), ("Deep sky", "deep-sky")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Andromeda", "andromeda"), ("Autumn sky", "autumn-sky")]
    assert post.content_text == (
        "Andromeda is the most distant thing most people will ever see without a telescope. "
        "On a dark autumn night it is a faint smudge, but a pair of ordinary binoculars turns "
        "it into an unmistakable oval glow.\n\n"
        "Star hopping from Cassiopeia\n\n"
        "I start from the W of Cassiopeia, because it is easy to find even from a town "
        "garden.\n\n"
        "Follow the sharper V of the W downwards\n"
        "Keep going about three times that distance\n"
        "Sweep slowly until the glow drifts into view\n\n"
        "What you will actually see\n\n"
        "Do not expect the spiral arms from the photographs. What you get is a soft, "
        "elongated light with a brighter centre, and on a very good night a hint of its small "
        "companion galaxy.\n\n"
        "Give your eyes twenty minutes away from screens first. It makes more difference than "
        "any gadget.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Andromeda in a thirty second exposure from the back garden.", "Teodor Brandt")]
    # WordPress' XHTML comment markup prints "April 7, 2024 at 8:14 pm": no zone
    assert _comments(post.comments) == [
        (1031, "Marisol Quintero", datetime(2024, 4, 7, 20, 14), None, False,
         "Could you see it from inside the city? I have only a small balcony facing "
         "north-east."),
        (1032, "Henrike Vos", datetime(2024, 4, 7, 21, 40), 1031, True,
         "From a north-east balcony you have a fair chance in autumn. Wait until it is high in "
         "the sky and well clear of the street lights."),
        (1034, "Jarrah Whitcombe", datetime(2024, 4, 8, 6, 2), None, False,
         "Found it on the second try last night. I had been looking far too close to "
         "Cassiopeia."),
    ]
    # the ping list shows the date apart from the excerpt
    assert [(p.url, p.title, p.excerpt, p.date) for p in post.pingbacks] == [
        ("https://nightowlnotes.example.org/2024/04/08/weekend-reading-for-stargazers/",
         "Weekend reading for stargazers",
         "[\u2026] a clear guide to finding Andromeda with nothing more than binoculars and a "
         "bit of patience [\u2026]",
         datetime(2024, 4, 8))]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 451, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]
