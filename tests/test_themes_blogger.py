"""Single posts as Blogger's newer layouts print them: Contempo, Soho and Notable.

The three pages share Blogger's layouts-v3 Blog widget markup (``article.post-outer-container``,
``h3.post-title.entry-title``, ``span.byline.post-author``, ``span.byline.post-timestamp``
around ``time.published``, ``div.post-body.entry-content`` and the threaded
``section.comments`` with ``li.comment > div.comment-block``), each inside its own page frame:
Contempo's ``div.centered`` with the share row above the byline and the author box under the
body, Soho's ``main-page-body-content`` with a ``Labels:`` footer line and a location, and
Notable's ``all-container`` with the title band, the header band and the labels in the
``post-sidebar`` beside the body.  Blogger has no pingbacks, prints its labels (its only
taxonomy, reported as categories) with ``rel="tag"``, states the comment count in the
section's ``data-num-comments`` under a plain "Comments" heading, and puts the reply form in
an iframe, so the page shows the form's heading and message but no fields.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import PageResult, Post

PAGES = Path(__file__).parent / "pages" / "themes"
PROFILE = "https://www.blogger.com/profile/"


def _parse(name: str) -> tuple[PageResult, Post]:
    result = blogparse.parse_page((PAGES / name).read_bytes())
    assert (result.theme, result.kind, len(result.posts)) == ("blogger", "single", 1)
    post = result.post
    assert post is not None
    return result, post


def _ms(year: int, month: int, day: int, hour: int, minute: int, second: int,
        millis: int) -> datetime:
    """A comment time as Blogger's ``showComment`` milliseconds give it (UTC)."""
    return datetime(year, month, day, hour, minute, second, millis * 1000, tzinfo=UTC)


def test_a_blogger_contempo_single_post() -> None:
    """Contempo: the post id from the post's anchor and body id, the updated time from the
    post's own JSON-LD, lower-case labels, and the share rows and author box left out."""
    result, post = _parse("blogger-contempo.html")
    bst = timezone(timedelta(hours=1))
    url = "https://plot14.example.org/2023/05/thinning-carrots-without-losing-row.html"
    assert (post.title, post.id, post.url) == (
        "Thinning carrots without losing the row", 3918274650192837465, url)
    assert [(a.name, a.url) for a in post.authors] == [
        ("Maren Holt", PROFILE + "10492837465019283746")]
    assert post.published == datetime(2023, 5, 14, 9, 30, tzinfo=bst)
    assert post.updated == datetime(2023, 5, 16, 20, 5, 11, tzinfo=bst)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("carrots", "carrots"), ("pests", "pests"), ("sowing", "sowing")]
    assert post.tags == ()
    assert post.content_text == (
        "The first sowing of Nantes carrots came up thicker than I planned, which is a nice "
        "problem until you have to pull four out of every five seedlings.\n\n"
        "Thinning is also the moment carrot fly finds you. The smell of a crushed leaf "
        "carries a long way on a still evening, so I now do it on windy mornings and water "
        "the row straight after.\n\n"
        "How I thin\n\n"
        "Water the row the evening before so the roots slide out.\n"
        "Pinch out the weakest seedlings at soil level.\n"
        "Firm the soil back around the ones that stay.\n\n"
        "The thinnings go straight onto the compost heap under a layer of grass clippings. "
        "Left on the path, they are an invitation.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The row after the second pass, one seedling every five centimetres.", "Ivo Brandt")]
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (2847561930475610293, "Dot Fairweather", _ms(2023, 5, 14, 18, 12, 41, 318), None,
         False),
        (5519203847561029384, "Maren Holt", _ms(2023, 5, 14, 20, 47, 9, 52),
         2847561930475610293, True),
        (7730192846501928374, "Anonymous", _ms(2023, 5, 15, 6, 3, 55, 730), None, False),
        (9081726354019283746, "Joss Penhale", _ms(2023, 5, 16, 12, 30, 2, 194), None, False),
    ]
    assert [c.author.url if c.author else None for c in post.comments] == [
        PROFILE + "08817263544091827364", PROFILE + "10492837465019283746", None,
        "https://joss.example.net/"]
    assert [c.content_text for c in post.comments] == [
        "Do you cover the row with mesh after thinning, or is the windy morning trick "
        "enough on its own?",
        "Mesh goes on the same day. The wind only buys me the half hour while the row is "
        "open.",
        "We gave up on sowing thinly years ago.\n"
        "Pelleted seed was the only thing that worked for us.",
        "Thinnings on the compost under grass is a good tip. Mine always went on the path.",
    ]
    assert post.pingbacks == ()
    # <section class='comments threaded' data-num-comments='4'> under <h3>Comments</h3>
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.fields, form.submit_label) == ("Post a Comment", (), None)
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Plot 14", "https://plot14.example.org/",
        "Weekly notes from a windy allotment at the edge of town")


def test_a_blogger_soho_single_post() -> None:
    """Soho: labels keep the case and spaces of their /search/label/ address, a reply
    thread with two answers, and the location, share and icon lines left out of the body."""
    result, post = _parse("blogger-soho.html")
    edt = timezone(timedelta(hours=-4))
    blog = "https://crockandbrine.example.com"
    assert (post.title, post.id, post.url) == (
        "A first batch of kimchi in a two-litre jar", 7102938475610293847,
        f"{blog}/2023/09/first-batch-of-kimchi.html")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Teodora Vance", PROFILE + "17364502918374650192")]
    assert post.published == datetime(2023, 9, 2, 17, 45, tzinfo=edt)
    assert post.updated == datetime(2023, 9, 3, 8, 12, 40, tzinfo=edt)
    # Blogger's label archives are case-sensitive: /search/label/Kimchi is not .../kimchi
    assert [(t.name, t.slug, t.url) for t in post.categories] == [
        ("Kimchi", "Kimchi", f"{blog}/search/label/Kimchi"),
        ("Lacto ferments", "Lacto ferments", f"{blog}/search/label/Lacto%20ferments"),
        ("Vegetables", "Vegetables", f"{blog}/search/label/Vegetables"),
    ]
    assert post.tags == ()
    assert post.content_text == (
        "Napa cabbage was cheap at the market this week, so the big jar finally came down "
        "from the shelf.\n\n"
        "This is a small batch on purpose. Two heads of cabbage fill a two-litre jar once "
        "they have wilted, and that is about as much as two people can eat before it turns "
        "too sour.\n\n"
        "Salting\n\n"
        "Quarter the heads, rub coarse salt between every leaf and leave them cut side up "
        "for two hours. Turn them once. When a thick rib bends without snapping, they are "
        "ready to rinse.\n\n"
        "Rinse three times and taste a leaf. It should be pleasantly salty, never harsh.\n\n"
        "The paste\n\n"
        "Four cloves of garlic and a thumb of ginger\n"
        "Three tablespoons of gochugaru\n"
        "A spoon of fish sauce and a little rice flour porridge\n\n"
        "The jar sits on the counter for two days and then moves to the fridge. I press it "
        "down with a clean spoon every morning and listen for the fizz.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Packed down hard, with a cabbage leaf on top to keep everything under the brine.",
         "Sam Okafor")]
    ruairi = 4410293847561029384
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (ruairi, "Ruairi Mac", _ms(2023, 9, 3, 10, 41, 17, 406), None, False),
        (6601928374650192837, "Teodora Vance", _ms(2023, 9, 3, 15, 22, 48, 911), ruairi,
         True),
        (8120394857610293846, "Ruairi Mac", _ms(2023, 9, 4, 8, 5, 30, 67), ruairi, False),
        (2039485761029384756, "Anonymous", _ms(2023, 9, 4, 19, 58, 12, 640), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "How salty should the brine taste? Mine was close to sea water and I am nervous "
        "about it.",
        "Sea water is about right for the soak. The paste itself carries much less salt, so "
        "it evens out.",
        "Thank you, that settles it. The jar is on the counter now.",
        "Try a grated pear in the paste next time. It rounds off the heat.",
    ]
    assert post.pingbacks == ()
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.fields, form.submit_label) == ("Post a Comment", (), None)
    # the blog's comment form message, printed above the iframe
    assert form.notes == (
        "Questions about salt ratios are always welcome. Spam goes straight into the brine.",)
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Crock & Brine", f"{blog}/",
        "Salt, cabbage, patience and the occasional exploding lid")


def test_a_blogger_notable_single_post() -> None:
    """Notable: the labels printed in the post sidebar beside the body are the post's
    categories, and the old editor's div-and-br paragraphs read as paragraphs."""
    result, post = _parse("blogger-notable.html")
    cet = timezone(timedelta(hours=1))
    blog = "https://darksitelog.example.com"
    assert (post.title, post.id, post.url) == (
        "Finding the Orion Nebula with 10x50 binoculars", 1265930487162039485,
        f"{blog}/2024/02/finding-orion-nebula-with-binoculars.html")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Jonas Edelmann", PROFILE + "05938271640192837465")]
    assert post.published == datetime(2024, 2, 11, 22, 40, tzinfo=cet)
    assert post.updated == datetime(2024, 2, 12, 9, 2, 17, tzinfo=cet)
    # <div class='post-sidebar-item post-sidebar-labels'> … <a rel='tag'>Deep sky</a>
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Binoculars", "Binoculars"), ("Deep sky", "Deep sky"), ("Winter sky", "Winter sky")]
    assert post.tags == ()
    assert post.content_text == (
        "Orion is high in the south by nine o'clock in February, which makes the nebula the "
        "easiest deep sky target of the winter.\n\n"
        "You do not need a telescope for it. A pair of 10x50 binoculars on a camera tripod "
        "shows the glow and the brighter stars around it.\n\n"
        "Finding it\n\n"
        "Start at the three stars of the belt and drop down to the short line of the sword. "
        "The middle star of the sword looks fuzzy even to the naked eye. That fuzz is the "
        "nebula.\n\n"
        "Give your eyes twenty minutes away from any screen before you judge what you can "
        "see.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The sword of Orion through a phone held to one eyepiece.", "Hanne Roth")]
    priya = 3302948576102938475
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (priya, "Priya Anand", _ms(2024, 2, 11, 23, 16, 5, 228), None, False),
        (5009182736450918273, "Jonas Edelmann", _ms(2024, 2, 12, 7, 44, 51, 903), priya,
         True),
        (7150293846571029384, "Lotte", _ms(2024, 2, 12, 21, 9, 36, 475), None, False),
        (9283746501928374650, "Anonymous", _ms(2024, 2, 13, 5, 31, 20, 812), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Could you see the Trapezium stars at 10x, or only the glow around them?",
        "Only the glow. The four stars need at least 30x, so that is a job for the small "
        "refractor.",
        "Same view from our balcony last week, even with the streetlight.",
        "What magnitude did the sky reach that night?",
    ]
    assert post.pingbacks == ()
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.fields, form.submit_label) == ("Post a Comment", (), None)
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Dark Site Log", f"{blog}/", "Clear nights, cold hands and what we saw")
