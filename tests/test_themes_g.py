"""Single posts as three magazine themes print them: SmartMag, Publisher and MH Magazine."""

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


def test_a_smartmag_single_post() -> None:
    """SmartMag: dates and thumbnail in the header above the article, an ad left out."""
    post = _post("smartmag")
    bst = timezone(timedelta(hours=1))
    assert (post.title, post.id, post.type) == (
        "Checking a hive for a laying queen in early spring", 1284, "post")
    assert post.url == (
        "https://hiveledger.example.org/checking-a-hive-for-a-laying-queen-in-early-spring/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Odile Marchetti", "https://hiveledger.example.org/author/odile/")]
    # the post header prints <time class="post-date"> twice: the date, then "Updated:"
    assert datetime(2024, 4, 13, 8, 20, tzinfo=bst) == post.published
    assert datetime(2024, 4, 15, 19, 42, 10, tzinfo=bst) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Colony Health", "colony-health"), ("Spring", "spring")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Inspections", "inspections"), ("Queens", "queens")]
    assert post.content_text == (
        "The first warm afternoon of April is when I open the hives properly for the first "
        "time. I am not looking for honey yet. I want to know one thing: is there a laying "
        "queen in there?\n\n"
        "Eggs tell you more than the queen does\n\n"
        "Finding the queen herself on a frame of two thousand bees is slow work. Eggs are "
        "quicker to spot, and they tell you she was there within the last three days.\n\n"
        "On each frame I look for the same few things:\n\n"
        "Single eggs standing upright in the bottom of the cells\n"
        "Young larvae curled like a letter C\n"
        "A tight, even pattern of capped brood\n\n"
        "When there are no eggs\n\n"
        "A colony with no eggs in April is not always queenless. She may have paused during "
        "a cold spell, so I close the hive, wait a week and look again before doing anything "
        "drastic.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("A frame of capped worker brood from the strongest colony.", "Tamsin Doyle")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://hiveledger.example.org/wp-content/uploads/2024/04/hive-in-orchard-1200x800.jpg")
    # the callback prints "April 13, 2024 7:05 pm" but the <time> carries the full stamp
    assert _comments(post.comments) == [
        (311, "Hamish Okafor", datetime(2024, 4, 13, 19, 5, 12, tzinfo=bst), None, False,
         "How warm does it need to be before you open up? I was told never below fifteen "
         "degrees."),
        (312, "Odile Marchetti", datetime(2024, 4, 13, 21, 47, 3, tzinfo=bst), 311, True,
         "Fifteen is a good rule. I also wait until the bees are flying freely, which tells "
         "me more than the thermometer does."),
        (314, "Priya Venkatesan", datetime(2024, 4, 14, 7, 32, 40, tzinfo=bst), None, False,
         "Waiting a week saved one of my colonies last spring. The queen started laying again "
         "as soon as the frost lifted."),
    ]
    # SmartMag's ping item is <li class="post pingback"> with no id at all
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://apiaryjournal.example.com/2024/04/14/first-inspections-round-up/",
         "First inspections round-up")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave A Reply", 1284, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_publisher_single_post() -> None:
    """Publisher: term-badge categories, two dated stamps, its comment views and form."""
    post = _post("publisher")
    cet = timezone(timedelta(hours=1))
    assert (post.title, post.id, post.type) == (
        "Weathering a goods wagon with powders", 5127, "post")
    assert post.url == "https://branchline.example.com/weathering-a-goods-wagon-with-powders/"
    # the byline reads "By <b>Callum Pryce</b>"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Callum Pryce", "https://branchline.example.com/author/callum/")]
    # "On Mar 2, 2024" and "Last updated Mar 5, 2024" carry the same classes
    assert datetime(2024, 3, 2, 10, 15, tzinfo=cet) == post.published
    assert datetime(2024, 3, 5, 17, 48, 22, tzinfo=cet) == post.updated
    # the categories are only shown as term badges (no rel="category")
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Rolling Stock", "rolling-stock"), ("Techniques", "techniques")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Powders", "powders"), ("Weathering", "weathering")]
    assert post.content_text == (
        "Every wagon that leaves the box looks as if it has never turned a wheel. A little "
        "weathering powder makes it look as if it has done ten years of coal traffic, and it "
        "takes less than an hour.\n\n"
        "What you need\n\n"
        "Three powders: rust, dark earth and soot\n"
        "A soft flat brush and an old toothbrush\n"
        "Matt varnish to fix everything at the end\n\n"
        "Work from the bottom up. Road dirt collects on the solebar and the wheels first, so "
        "start there with the earth colour and stop well short of the roof.\n\n"
        "Fixing the powders\n\n"
        "Powders rub off on your fingers the first time you pick the wagon up. A light coat of "
        "matt varnish holds them in place, but it also darkens them, so go a shade lighter "
        "than you want the finished wagon to be.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The same wagon before and after, twenty minutes apart.", "Nell Ashdown")]
    # comment times read "4 weeks ago"; the datetime attribute has the stamp
    assert _comments(post.comments) == [
        (731, "Dafydd Morgan", datetime(2024, 3, 2, 18, 40, 11, tzinfo=cet), None, False,
         "Do you varnish before or after the powders? I have had them vanish completely under "
         "a gloss coat."),
        (732, "Callum Pryce", datetime(2024, 3, 2, 21, 5, 37, tzinfo=cet), 731, True,
         "After, and always matt. A gloss or satin coat will swallow the powder whole, as you "
         "found."),
        (734, "Henrike Albers", datetime(2024, 3, 4, 10, 2, 19, tzinfo=cet), None, False,
         "The toothbrush trick for the wheels is brilliant. Mine finally look as if they have "
         "rolled through a wet yard."),
    ]
    assert [(p.url, p.title, p.excerpt, p.date) for p in post.pingbacks] == [
        ("https://layoutlog.example.org/2024/03/03/weekend-workbench-links/",
         "Weekend workbench links",
         "[\u2026] Callum has a tidy guide to weathering wagons with powders that is worth "
         "reading before you start [\u2026]",
         datetime(2024, 3, 3, 12, 30, 52, tzinfo=cet))]
    # the count is in <div class="section-heading"><span class="h-text">4 Comments</span>
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    # the title is a <div> inside <p id="reply-title">, which an HTML parser splits apart
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave A Reply", 5127, "Post Comment")
    assert form.notes == ("Your email address will not be published.",)
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_an_mh_magazine_single_post() -> None:
    """MH Magazine: a date-only meta date, an unclassed thumbnail and its own ping list."""
    post = _post("mhmagazine")
    cet = timezone(timedelta(hours=1))
    assert (post.title, post.id, post.type) == (
        "Packing panniers for a week in the hills", 867, "post")
    assert post.url == "https://pannierpasses.example.net/packing-panniers-for-a-week-in-the-hills/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ingrid Solheim", "https://pannierpasses.example.net/author/ingrid/")]
    # the theme prints get_the_date() in <span class="entry-meta-date updated">: the
    # publication day, without a time or zone (the page has no other date)
    assert datetime(2024, 3, 23) == post.published
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Gear", "gear"), ("Touring", "touring")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Packing lists", "packing-lists"), ("Panniers", "panniers")]
    assert post.content_text == (
        "I have packed for a week of riding more times than I can count, and I still "
        "overpack. This is the list I have ended up with after carrying far too much over far "
        "too many passes.\n\n"
        "Front and rear\n\n"
        "Heavy things go low and at the front. Cooking gear and food sit in the front "
        "panniers, where their weight steadies the steering on a long descent.\n\n"
        "The rear panniers take everything that is bulky but light:\n\n"
        "Sleeping bag in a waterproof sack\n"
        "A spare set of clothes for the evening\n"
        "Rain jacket, always on top\n\n"
        "What stays at home\n\n"
        "If I have not used something by the third day of a tour, it goes home in a parcel. "
        "Last summer that was a second pair of shoes and a book I never opened.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Four panniers and a bar bag, packed for six days.", "Sigrun Haugland")]
    # mh_magazine_featured_image() prints <figure class="entry-thumbnail"> in the content
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://pannierpasses.example.net/wp-content/uploads/2024/03/"
        "loaded-bike-on-pass-678x381.jpg")
    assert _comments(post.comments) == [
        (1502, "Tomasz Wierzbicki", datetime(2024, 3, 23, 20, 11, 4, tzinfo=cet), None, False,
         "Do you bother with a handlebar bag as well, or does everything fit in the four "
         "panniers?"),
        (1503, "Ingrid Solheim", datetime(2024, 3, 23, 22, 36, 50, tzinfo=cet), 1502, True,
         "A small bar bag for the map, the phone and snacks. Anything I want without getting "
         "off the bike goes in there."),
        (1506, "Aoife Brennan", datetime(2024, 3, 25, 7, 58, 31, tzinfo=cet), None, False,
         "Sending things home in a parcel is genius. I carried a tent footprint for two weeks "
         "and never once used it."),
    ]
    # the ping item is printed with comment_ID()/comment_class() of the last comment listed
    # (<li id="comment-1506" class="comment ... mh-ping-item">) in <ol class="pinglist">
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://slowmiles.example.org/2024/03/24/sunday-links-spring-tours/",
         "Sunday links: planning spring tours")]
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 867, "Post Comment")
    assert form.notes == ("Your email address will not be published.",)
    assert [(f.name, f.label, f.required) for f in form.fields] == [
        ("comment", "Comment", True),
        ("author", "Name", True),
        ("email", "Email", True),
        ("url", "Website", False),
        ("wp-comment-cookies-consent",
         "Save my name, email, and website in this browser for the next time I comment.",
         False),
    ]
