"""Single posts saved from three popular commercial themes: TieLabs' Jannah, UX Themes'
Flatsome and Dream-Theme's The7.

Each page is written the way the theme prints it (its own byline, term lists, comment
markup and reply form) around a small made-up blog; the tests state what a reader sees.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Comment, Post

PAGES = Path(__file__).parent / "pages" / "themes"

PLUS_1 = timezone(timedelta(hours=1))


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


def test_a_jannah_single_post() -> None:
    """Jannah: its post-cat links, a text-only date backed by its schema JSON, no ad label."""
    post = _post("jannah")
    assert (post.title, post.id, post.type) == (
        "Choosing line for a dual-line kite", 3817, "post")
    assert post.url == "https://stringline.example.org/choosing-line-for-a-dual-line-kite/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Rafael Quintero", "https://stringline.example.org/author/rafael/")]
    # The byline says only "May 18, 2024"; Jannah's own tie-schema-json holds the times.
    assert datetime(2024, 5, 18, 8, 40, tzinfo=PLUS_1) == post.published
    assert datetime(2024, 5, 20, 12, 5, 31, tzinfo=PLUS_1) == post.updated
    # <span class="post-cat-wrap"><a class="post-cat tie-cat-5" href=".../category/gear/">:
    # no rel="category tag", but the links go to the category archives.
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Gear", "gear"), ("Stunt Kites", "stunt-kites")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Dyneema", "dyneema"), ("line weight", "line-weight"), ("wind range", "wind-range")]
    # The in-post ad (<div class="stream-item stream-item-in-post"> with its
    # "- Advertisement -" label) and the tag list inside .entry-content are not the text.
    assert post.content_text == (
        "Most new flyers spend a long time choosing a kite and about a minute choosing the "
        "line. It should be closer to the other way round, because the line decides how the "
        "kite feels in your hands.\n\n"
        "Strength is only half of it\n\n"
        "A heavier line is harder to break, but it also sags, catches more wind and slows "
        "every turn. On a light day that drag is the difference between a kite that floats "
        "and one that falls out of the sky.\n\n"
        "A rough guide\n\n"
        "Under 10 km/h: 35 to 50 kg line\n"
        "10 to 25 km/h: 50 to 90 kg line\n"
        "Over 25 km/h: 90 kg and up, and a smaller kite\n\n"
        "Keep both lines exactly the same length. A difference of a few centimetres makes "
        "the kite pull to one side, and you will spend the session correcting it without "
        "knowing why.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Two sets of line, 50 kg and 90 kg, wound on the same winder.", "Maite Olabarria")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://stringline.example.org/wp-content/uploads/2024/05/kite-over-dunes-780x470.jpg")
    # Core's html5 comment markup, listed inside Jannah's #comments-box; the sidebar's
    # "Recent Comments" widget (its own .comment-body items) is not the thread.
    assert _comments(post.comments) == [
        (5521, "Oskar Lindgren", datetime(2024, 5, 18, 14, 22, 9, tzinfo=PLUS_1), None, False,
         "I switched to 50 kg line on my old delta and it finally turns on a light day. "
         "Should have done it years ago."),
        (5522, "Rafael Quintero", datetime(2024, 5, 18, 16, 3, 47, tzinfo=PLUS_1), 5521, True,
         "Glad it helped. Check the sleeves at the ends now and then, thin line wears "
         "through them faster."),
        (5525, "Hanna", datetime(2024, 5, 21, 9, 15, 2, tzinfo=PLUS_1), None, False,
         "Do you stretch new line before the first flight? Mine always seems to grow a "
         "little after the first hour."),
    ]
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (5523, "https://windwindow.example.com/2024/05/19/spring-line-check/",
         "Spring line check", "Wind Window")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 3817, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_flatsome_single_post() -> None:
    """Flatsome: its posted-on byline, share icons inside the text, flatsome_comment()."""
    post = _post("flatsome")
    assert (post.title, post.id, post.type) == (
        "Repotting a juniper without losing it", 1290, "post")
    assert post.url == "https://littletrunk.example.com/repotting-a-juniper-without-losing-it/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Mireya Santos", "https://littletrunk.example.com/author/mireya/")]
    assert datetime(2024, 3, 14, 9, 30, tzinfo=UTC) == post.published
    assert datetime(2024, 3, 16, 18, 45, 12, tzinfo=UTC) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Junipers", "junipers"), ("Seasonal Care", "seasonal-care")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("repotting", "repotting"), ("soil", "soil"), ("spring", "spring")]
    # The [share] icons sit inside .entry-content; the "Sign me up" box before the comments
    # and the author box after the entry footer are not the text either.
    assert post.content_text == (
        "Junipers sulk when their roots are disturbed at the wrong moment. The right moment "
        "here is a few weeks into spring, when the buds at the tips have swollen but not yet "
        "opened.\n\n"
        "Before you lift it out\n\n"
        "Stop watering two days ahead. Slightly dry soil falls away from the roots without "
        "tearing the fine ones, and a dry root ball is far lighter to handle.\n\n"
        "What the new mix needs\n\n"
        "Akadama for water\n"
        "Pumice for air\n"
        "Lava rock for weight and drainage\n\n"
        "Work the mix in with a chopstick so there are no pockets left under the trunk. "
        "Water until it runs clear, then keep the tree out of wind and hard sun for a "
        "fortnight.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The root ball after a third of the old soil came away.", "Kenji Arakawa")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://littletrunk.example.com/wp-content/uploads/2024/03/juniper-on-bench-1020x680.jpg")
    # flatsome_comment(): <li id="li-comment-N"> around <article id="comment-N">, the
    # author in <cite class="strong fn">, children in <ul class="children">.
    assert _comments(post.comments) == [
        (733, "Tobias Reinholt", datetime(2024, 3, 14, 17, 5, 33, tzinfo=UTC), None, False,
         "How much of the old soil do you take off in one go? I have always been told never "
         "more than a third."),
        (734, "Mireya Santos", datetime(2024, 3, 14, 19, 40, 10, tzinfo=UTC), 733, True,
         "A third is a good rule. With a weak tree I stop at a quarter and finish the job the "
         "following spring."),
        (736, "Ada Pinheiro", datetime(2024, 3, 17, 8, 12, 55, tzinfo=UTC), None, False,
         "Mine went into the same mix last year and it has never looked better. The pumice "
         "makes a real difference."),
    ]
    # Its ping is a bare <li class="post pingback"><p>Pingback: <a …>: no id to give.
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (None, "https://mossandwire.example.org/2024/03/15/spring-jobs-for-conifers/",
         "Spring jobs for conifers", "Moss and Wire")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 1290, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_the7_single_post() -> None:
    """The7: the title in its page-title bar, categories without rel, presscore_comment()."""
    post = _post("the7")
    # The <h1 class="entry-title"> sits in the page-title bar above #main; the article
    # itself starts with the thumbnail and the text, whose first heading is an <h2>.
    assert (post.title, post.id, post.type) == (
        "Collimating a Newtonian in ten minutes", 4462, "post")
    # The fancy date and the byline date link to the day archive with rel="bookmark".
    assert post.url == "https://darksite.example.com/collimating-a-newtonian-in-ten-minutes/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ilse Vermeulen", "https://darksite.example.com/author/ilse/")]
    assert datetime(2024, 2, 8, 21, 15, tzinfo=PLUS_1) == post.published
    # <time class="entry-date updated"> is the publication date; nothing tells of an edit.
    assert post.updated is None
    # presscore_get_post_categories() strips rel="category tag" from the links.
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Equipment", "equipment"), ("Beginners", "beginners")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("collimation", "collimation"), ("newtonian", "newtonian")]
    assert post.content_text == (
        "A telescope that shows soft, smeared stars is usually not a bad telescope. Nine "
        "times out of ten the mirrors have simply drifted out of line on the drive to the "
        "field.\n\n"
        "Centre the secondary first\n\n"
        "Look down the focuser through a collimation cap. The small diagonal mirror should "
        "sit as a neat circle in the middle of the view. If it looks oval, turn the centre "
        "bolt a little at a time until it doesn’t.\n\n"
        "Then the primary\n\n"
        "Loosen the lock screws at the back of the tube\n"
        "Turn one adjusting knob a quarter turn\n"
        "Check the centre spot and repeat\n\n"
        "Do it with the tube pointing level, not straight up. A dropped tool on the primary "
        "mirror ends the evening far faster than bad collimation ever could.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The view through the cap once both mirrors agree.", "Pieter de Smet")]
    # The thumbnail is lazy: its src is an SVG placeholder, the picture is in data-src.
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://darksite.example.com/wp-content/uploads/2024/02/newtonian-on-dobsonian-mount.jpg")
    assert _comments(post.comments) == [
        (2201, "Joren Maes", datetime(2024, 2, 9, 7, 48, 21, tzinfo=PLUS_1), None, False,
         "Does the cap work on a fast f/4 tube as well? I always end up borrowing a laser "
         "from the club."),
        (2202, "Ilse Vermeulen", datetime(2024, 2, 9, 12, 30, 5, tzinfo=PLUS_1), 2201, True,
         "It does, but an f/4 is far less forgiving. Check it again after the tube has "
         "cooled, it can shift by then."),
        (2205, "Marta K.", datetime(2024, 2, 11, 22, 4, 40, tzinfo=PLUS_1), None, False,
         "The tip about pointing the tube level is worth the whole post. I learned that one "
         "the expensive way."),
    ]
    # presscore_comment() prints pings as <li class="pingback"> without an id.
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (None, "https://seeingconditions.example.org/2024/02/10/a-week-of-clear-nights/",
         "A week of clear nights", "Seeing Conditions")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    # The real submit input comes first; the7 adds a styled "Post comment" link after it.
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 4462, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]
