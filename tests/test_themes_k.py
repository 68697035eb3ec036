"""Single posts as the WordPress default block themes print them: Twenty Twenty-Two,
Twenty Twenty-Three, Twenty Twenty-Four and Twenty Twenty-Five.

Their pages are rendered from ``templates/single.html`` and its parts: ``wp-block-post-*``
blocks for the post, the Comments block (``ol.wp-block-comment-template``, where a pingback
is an ``li.pingback`` laid out like any comment) for the discussion, except on Twenty
Twenty-Two, whose legacy Post Comments block prints the classic ``ol.commentlist``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Post

PAGES = Path(__file__).parent / "pages" / "themes"

FORM_FIELDS = ["comment", "author", "email", "url", "wp-comment-cookies-consent"]


def _single_post(name: str) -> Post:
    result = blogparse.parse_page((PAGES / name).read_bytes())
    assert (result.kind, len(result.posts)) == ("single", 1)
    post = result.post
    assert post is not None
    return post


def test_a_twentytwentytwo_single_post() -> None:
    """Twenty Twenty-Two: the meta row, the unlinked author name, the legacy comment list."""
    post = _single_post("twentytwentytwo-single.html")
    eest = timezone(timedelta(hours=3))
    assert (post.title, post.id, post.type) == ("Why my celadon glaze crawled", 1487, "post")
    assert post.url == "https://kilndiary.example.org/2024/05/19/why-my-celadon-glaze-crawled/"
    # the Post Author block prints the name alone, with no link to the archive
    assert [(a.name, a.url) for a in post.authors] == [("Marit Aaltonen", None)]
    assert post.published == datetime(2024, 5, 19, 16, 20, tzinfo=eest)
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Glazes", "glazes"), ("Stoneware", "stoneware")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("celadon", "celadon"), ("glaze faults", "glaze-faults")]
    assert post.content_text == (
        "Three bowls came out of Saturday’s firing with bare patches where the glaze had "
        "pulled back into thick, beaded islands. Crawling like this is rarely a mystery once "
        "you know where to look.\n\n"
        "What crawling tells you\n\n"
        "The glaze lost its grip on the bisque before it melted. Something sat between the "
        "two layers, or the glaze shrank so much while drying that it cracked.\n\n"
        "The usual suspects\n\n"
        "Dust or hand oil on the bisque\n"
        "Glaze applied too thickly\n"
        "Too much raw clay in the recipe\n\n"
        "In my case it was the last one. The recipe calls for a lot of kaolin, and I had "
        "stopped calcining part of it to save time.\n\n"
        "Next batch: half the kaolin calcined, a quick wipe with a damp sponge before "
        "dipping, and a thinner coat.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The worst of the three bowls, with the clay showing through.", "Jussi Rantanen")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://kilndiary.example.org/wp-content/uploads/2024/05/celadon-bowls-1568x1045.jpg")
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (301, "Heikki Laine", datetime(2024, 5, 19, 21, 7, 44, tzinfo=eest), None, False),
        (302, "Marit Aaltonen", datetime(2024, 5, 20, 8, 15, 2, tzinfo=eest), 301, True),
        (307, "Ruth Okeke", datetime(2024, 5, 24, 13, 30, 19, tzinfo=eest), None, False),
    ]
    assert [c.author.url if c.author else None for c in post.comments] == [
        "https://heikkithrows.example.com", None, None]
    assert [c.content_text for c in post.comments] == [
        "Did you check the bisque temperature? Mine crawled the year I underfired and the "
        "glaze never bonded.",
        "Same cone as always, so I ruled that out early. The raw kaolin was the only thing "
        "that changed.",
        "Calcining in a bisque bowl works well for me. I fill one and put it on the top "
        "shelf of every bisque firing.\nIt keeps for months in a jar.",
    ]
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (305, "https://slipandtrim.example.com/2024/05/22/ten-glaze-faults/",
         "Ten glaze faults and how to fix them", "Slip and Trim")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 1487, "Post Comment")
    assert [f.name for f in form.fields] == FORM_FIELDS
    assert post.site is not None
    assert (post.site.name, post.site.theme, post.site.description) == (
        "Kiln Diary", "twentytwentytwo", None)


def test_a_twentytwentythree_single_post() -> None:
    """Twenty Twenty-Three: post-meta part, comment template columns, theme from its fonts."""
    post = _single_post("twentytwentythree-single.html")
    cest = timezone(timedelta(hours=2))
    assert (post.title, post.id, post.type) == ("Rebuilding a three-speed hub", 842, "post")
    assert post.url == (
        "https://chainandcrank.example.com/2024/04/03/rebuilding-a-three-speed-hub/")
    assert [(a.name, a.url) for a in post.authors] == [("Tobias Lindgren", None)]
    assert post.published == datetime(2024, 4, 3, 9, 45, tzinfo=cest)
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [("Restoration", "restoration")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("hub gears", "hub-gears"), ("roadsters", "roadsters")]
    assert post.content_text == (
        "The rear hub on the green roadster had been stuck in second gear for as long as "
        "anyone could remember. Last weekend it finally came apart on the bench.\n\n"
        "Taking it apart\n\n"
        "Everything comes out of the driver side once the locknut, cone and ball ring are "
        "off. Lay the parts on a rag in the order they came out and take a photo before "
        "touching anything else.\n\n"
        "The culprit was a pawl spring that had snapped in half. Without it the pawl never "
        "drops into the ring, and the hub only drives in one gear.\n\n"
        "Putting it back\n\n"
        "Clean every part in paraffin and let it dry\n"
        "Fit new pawl springs, tails pointing the right way\n"
        "Oil the internals rather than packing them with grease\n\n"
        "Adjust the indicator chain last, with the shifter in second, until the end of the "
        "rod sits level with the end of the axle.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The planet cage, still packed with old grease.", "Lena Brandt")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://chainandcrank.example.com/wp-content/uploads/2024/04/hub-parts-on-rag.jpg")
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (51, "Priya Raman", datetime(2024, 4, 3, 18, 12, 9, tzinfo=cest), None, False),
        (52, "Tobias Lindgren", datetime(2024, 4, 4, 7, 55, 40, tzinfo=cest), 51, True),
        (57, "Owen Fairley", datetime(2024, 4, 12, 20, 44, 18, tzinfo=cest), None, False),
    ]
    assert [c.author.url if c.author else None for c in post.comments] == [
        "https://priyarides.example.net", "https://chainandcrank.example.com", None]
    assert [c.content_text for c in post.comments] == [
        "I have one of these waiting in a box. Did you need any special tools for the ball "
        "ring?",
        "A pin spanner and some patience. Soak the threads in penetrating oil overnight "
        "first.",
        "Thanks for the note on the indicator chain. Mine was screwed in one turn too far and "
        "it skipped in second.",
    ]
    assert [(p.id, p.url, p.title, p.blog_name, p.date) for p in post.pingbacks] == [
        (54, "https://rustandrims.example.org/2024/04/10/spring-projects/",
         "Spring projects round-up", "Rust and Rims",
         datetime(2024, 4, 10, 12, 1, 33, tzinfo=cest))]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 842, "Post Comment")
    assert [f.name for f in form.fields] == FORM_FIELDS
    assert post.site is not None
    # the theme ships no stylesheet: its folder shows only in the @font-face urls
    assert (post.site.name, post.site.theme, post.site.description) == (
        "Chain & Crank", "twentytwentythree", None)


def test_a_twentytwentyfour_single_post() -> None:
    """Twenty Twenty-Four: linked meta line, pill tags, paged comments, site tagline."""
    post = _single_post("twentytwentyfour-single.html")
    bst = timezone(timedelta(hours=1))
    assert (post.title, post.id, post.type) == (
        "A parachute Adams that floats all day", 2210, "post")
    assert post.url == (
        "https://tippetandfly.example.com/2024/06/08/a-parachute-adams-that-floats-all-day/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ines Carvalho", "https://tippetandfly.example.com/author/ines/")]
    assert post.published == datetime(2024, 6, 8, 7, 30, tzinfo=bst)
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [("Dry flies", "dry-flies")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Adams", "adams"), ("hackle", "hackle"), ("parachute patterns", "parachute-patterns")]
    assert post.content_text == (
        "A parachute fly sits low in the film and shows a white post that is easy to follow "
        "on broken water. The trouble is that most of mine used to sink after a dozen "
        "casts.\n\n"
        "Materials\n\n"
        "Dry fly hook, size 14 or 16\n"
        "Grey thread, 8/0\n"
        "White calf body hair for the post\n"
        "Grizzly and brown hackle, mixed\n\n"
        "What keeps it afloat\n\n"
        "Wind the hackle around the post, not the hook shank, and keep every turn below the "
        "one before. Three turns are enough.\n\n"
        "Less dubbing floats better than more.\n\n"
        "Treat the finished fly with a little floatant the evening before, so it has time to "
        "soak in.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Posts trimmed and varnished, waiting for their hackle.", "Tomás Ferreira")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://tippetandfly.example.com/wp-content/uploads/2024/06/adams-in-the-vice.jpg")
    # the page shows the newest of two comment pages; "Older Comments" links to the other
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (85, "Dara Whelan", datetime(2024, 6, 11, 19, 2, 51, tzinfo=bst), None, False),
        (86, "Ines Carvalho", datetime(2024, 6, 11, 21, 40, 5, tzinfo=bst), 85, True),
        (90, "Martin Kowal", datetime(2024, 6, 15, 12, 12, 12, tzinfo=bst), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "What size hook do you tie these on for evening rises? I usually go down to an 18 "
        "when the light fades.",
        "A 16 for me. Below that the post gets too fiddly for my fingers, and the trout "
        "don’t seem to mind.",
        "Varnishing the base of the post was the part I had been missing.\n"
        "My last three flies all survived a morning of small brown trout.",
    ]
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (88, "https://rifflejournal.example.org/2024/06/14/five-flies-for-june/",
         "Five flies for June", "The Riffle Journal")]
    assert post.response_count == 7
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 2210, "Post Comment")
    assert [f.name for f in form.fields] == FORM_FIELDS
    assert post.site is not None
    assert (post.site.name, post.site.theme, post.site.description) == (
        "Tippet & Fly", "twentytwentyfour", "Notes from the river bank")


def test_a_twentytwentyfive_single_post() -> None:
    """Twenty Twenty-Five: no date shown, date-first comments, "More posts" is no post."""
    post = _single_post("twentytwentyfive-single.html")
    edt = timezone(timedelta(hours=-4))
    assert (post.title, post.id, post.type) == (
        "Finding the Andromeda Galaxy with binoculars", 377, "post")
    assert post.url == "https://darkskylog.example.org/finding-andromeda-with-binoculars/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Nadia Rahimi", "https://darkskylog.example.org/author/nadia/")]
    # neither the post's date nor a date-based permalink is on the page: the dates in the
    # comments and in "More posts" belong to other things
    assert (post.published, post.updated) == (None, None)
    assert [(t.name, t.slug) for t in post.categories] == [("Observing", "observing")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("autumn sky", "autumn-sky"), ("binoculars", "binoculars"), ("galaxies", "galaxies")]
    assert post.content_text == (
        "The Andromeda Galaxy is the farthest thing most of us can see without a telescope. "
        "On a dark autumn night a pair of ordinary binoculars shows it as a soft, oval "
        "glow.\n\n"
        "The star-hop\n\n"
        "Find the W of Cassiopeia high in the north-east\n"
        "Follow the deeper V of the W down towards the south\n"
        "Sweep slowly until a faint smudge fills the middle of the view\n\n"
        "What to expect\n\n"
        "Do not expect the spiral arms from the photographs. What you see is the bright core "
        "and, with patience, a faint halo that grows as your eyes adapt.\n\n"
        "Go back on a clearer night and compare. It is a good measure of how dark your sky "
        "really is.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("A long exposure of the galaxy from the same field.", "Karim Haddad")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://darkskylog.example.org/wp-content/uploads/2024/09/binoculars-on-tripod.jpg")
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (120, "Jonas Weber", datetime(2024, 9, 21, 22, 48, 30, tzinfo=edt), None, False),
        (121, "Nadia Rahimi", datetime(2024, 9, 22, 9, 10, tzinfo=edt), 120, True),
        (127, "Agnes Moreau", datetime(2024, 9, 28, 20, 5, 17, tzinfo=edt), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Found it on the first try from my balcony, even with the town lights. Starting from "
        "the W of Cassiopeia works.",
        "Glad it worked from town. Give your eyes twenty minutes away from the phone screen "
        "and you will see more of the halo.",
        "Tried it with 10x50s on a tripod. The core was obvious, the rest only with averted "
        "vision.",
    ]
    assert [(p.id, p.url, p.title, p.blog_name, p.date) for p in post.pingbacks] == [
        (124, "https://backyardphotons.example.com/2024/09/25/ten-binocular-targets/",
         "Ten binocular targets for autumn", "Backyard Photons",
         datetime(2024, 9, 25, 18, 30, 45, tzinfo=edt))]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 377, "Post Comment")
    assert [f.name for f in form.fields] == FORM_FIELDS
    assert post.site is not None
    assert (post.site.name, post.site.theme, post.site.description) == (
        "Dark Sky Log", "twentytwentyfive", "Binoculars, a folding chair and a thermos")
