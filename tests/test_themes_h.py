"""Single posts as three popular premium themes print them: Salient, BeTheme and Bridge."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import blogparse
from blogparse import Post

PAGES = Path(__file__).parent / "pages" / "themes"


def _single_post(name: str) -> Post:
    result = blogparse.parse_page((PAGES / name).read_bytes())
    assert (result.kind, len(result.posts)) == ("single", 1)
    post = result.post
    assert post is not None
    return post


def test_a_salient_single_post() -> None:
    """Salient: the title, byline, text dates, category and featured image of its header row
    outside the article, share buttons before the text, and WordPress' plain comment list."""
    post = _single_post("salient-single.html")
    assert (post.title, post.id, post.type) == ("Inking a tabletop press evenly", 345, "post")
    assert post.url == "https://quoinandchase.example.org/inking-a-tabletop-press-evenly/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Maren Okafor", "https://quoinandchase.example.org/author/maren/")]
    # Salient prints dates as text only: "March 3, 2024", and the modified date (in a span
    # hidden from readers, "date updated") as "March 9th, 2024"
    assert post.published == datetime(2024, 3, 3)
    assert post.updated == datetime(2024, 3, 9)
    assert [(t.name, t.slug) for t in post.categories] == [("Presswork", "presswork")]
    assert [(t.name, t.slug) for t in post.tags] == [("Ink", "ink"), ("Rollers", "rollers")]
    assert post.content_text == (
        "An uneven print on a tabletop platen press almost never comes from the type. It "
        "comes from the rollers, and more exactly from the film of ink they carry across the "
        "disc and down over the forme.\n\n"
        "Start with less ink than you think\n\n"
        "I put a line of ink no longer than a matchstick on the disc and let the press run "
        "twenty times with the rollers up. The film should look like velvet, not like orange "
        "peel.\n\n"
        "Then check the roller height. A roller that rides too low leaves a heavy edge on "
        "every line; one that rides too high skips the counters altogether.\n\n"
        "Tape the rails, one layer at a time\n"
        "Test with a type-high gauge after each layer\n"
        "Stop as soon as the gauge shows a thin, even stripe\n\n"
        "Write the number of tape layers inside the lid of the press. Next season you will "
        "have forgotten it.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The first pull after twenty turns of the disc.", "Ilse Brandt")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://quoinandchase.example.org/wp-content/uploads/2024/03/tabletop-press-rollers.jpg")
    # WordPress' own (non-HTML5) comment markup: "March 4, 2024 at 8:12 am", no zone
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (51, "Teodor Lind", datetime(2024, 3, 4, 8, 12), None, False),
        (52, "Maren Okafor", datetime(2024, 3, 4, 18, 40), 51, True),
        (54, "Ada Fenwick", datetime(2024, 3, 7, 21, 5), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Do you re-ink between every pass, or only when the disc starts to look dry? I keep "
        "overloading mine on long runs.",
        "Only when the film goes patchy. On a run of a hundred cards I add a dab about every "
        "thirty impressions.",
        "Writing the tape count inside the lid is going straight into my own shop notes. "
        "Thank you.",
    ]
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://typeandtympan.example.com/2024/03/05/roller-height-gauges/",
         "Roller height gauges, revisited")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 345, "Submit Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_betheme_single_post() -> None:
    """BeTheme: its post header's byline and <time>, tags listed without rel="tag" in its
    "mata-tags" drop-down, the featured image after the sticky prev/next thumbnails, and a
    pingback printed as a full comment."""
    post = _single_post("betheme-single.html")
    cest = timezone(timedelta(hours=2))
    assert (post.title, post.id, post.type) == (
        "Why bowl blanks crack while drying", 412, "post")
    assert post.url == "https://lathedays.example.com/why-bowl-blanks-crack-while-drying/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Olek Varga", "https://lathedays.example.com/author/olek/")]
    assert post.published == datetime(2024, 5, 12, 9, 30, tzinfo=cest)
    assert [(t.name, t.slug) for t in post.categories] == [("Drying", "drying")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Green wood", "green-wood"), ("Sealing", "sealing")]
    assert post.content_text == (
        "Every spring somebody hands me a log that was cut the week before, and every spring "
        "I have to explain that the wood will move no matter how carefully it is turned. "
        "Water leaves the outside of a blank long before it leaves the middle, and the "
        "outside shrinks around a core that has not shrunk yet.\n\n"
        "End grain gives up water first\n\n"
        "A blank loses moisture through its end grain many times faster than through its "
        "faces. That is why the first cracks almost always start at the ends and run in "
        "towards the pith.\n\n"
        "So I seal the end grain the same day the log is cut, with whatever wax emulsion is "
        "to hand. Then I rough-turn the bowl to an even wall of about a tenth of its diameter "
        "and leave the pith out of it altogether.\n\n"
        "The rough bowls go into a paper sack with their own shavings and sit on a low shelf "
        "for a few months. Weigh them every week; when the weight stops falling, they are "
        "ready to be turned again.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("A maple blank that split along the pith after four days on the bench.",
         "Ruth Abara")]
    # the 80px thumbnail of the previous post's sticky link is not the featured image
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://lathedays.example.com/wp-content/uploads/2024/05/"
        "maple-blanks-on-shelf-1200x480.jpg")
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (71, "Priya Raman", datetime(2024, 5, 13, 7, 15), None, False),
        (72, "Olek Varga", datetime(2024, 5, 13, 20, 2), 71, True),
        (74, "Joss Whitcombe", datetime(2024, 5, 16, 10, 48), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "How thin do you go on the first turning if the log is cherry? Mine warp into ovals "
        "even when they do not crack.",
        "Cherry always goes oval, so leave it a little thicker than maple. The oval is fine "
        "as long as there is enough wall left to true it up.",
        "The weekly weighing is the part everyone skips, me included. A kitchen scale and a "
        "notebook would have saved me a dozen bowls.",
    ]
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://shavingsandsawdust.example.net/2024/05/14/drying-green-bowls/",
         "Drying green bowls in a paper sack")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 412, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_bridge_single_post() -> None:
    """Bridge: the date inside the title heading is no part of the title, the post-info line
    no part of the text, and the article's sidebar-coloured column wrapper no teaser."""
    post = _single_post("bridge-single.html")
    assert (post.title, post.id, post.type) == (
        "Salting a mash for a three-week hot sauce", 318, "post")
    assert post.url == (
        "https://brineandfire.example.org/2024/03/05/salting-a-mash-for-a-three-week-hot-sauce/")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Nadia Quist", "https://brineandfire.example.org/author/nadia/")]
    assert [(t.name, t.slug) for t in post.categories] == [("Ferments", "ferments")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Chillies", "chillies"), ("Lacto-fermentation", "lacto-fermentation")]
    assert post.content_text == (
        "Chillies from the greenhouse come in faster than anyone can eat them, so most of "
        "them become mash. The whole trick is the salt: too little and the jar grows fuzz, "
        "too much and nothing ferments at all.\n\n"
        "Weigh everything\n\n"
        "I weigh the stemmed chillies and the garlic together and add exactly three percent "
        "of that weight in plain sea salt. Cups and spoons are useless here, because no two "
        "batches of peppers pack the same way.\n\n"
        "Pulse the mash until it looks like coarse salsa, press it into the jar and put a "
        "weight on top so no pepper sits above the liquid. After three weeks at room "
        "temperature it is sour, loose and ready to blend with a splash of vinegar.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Three percent of a kilo is thirty grams, every time.", "Kai Moreno")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://brineandfire.example.org/wp-content/uploads/2024/03/red-mash-in-jar.jpg")
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Post A Comment", 318, "Submit")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


@pytest.mark.xfail(strict=True, reason=(
    "not read yet: Bridge's yearless dates ('05 Mar', 'Posted at 09:12h'), and its comment "
    "callback's bare <li>s with the id on the inner text holder"))
def test_bridge_yearless_dates_and_comment_callback() -> None:
    """Bridge prints "05 Mar" and "Posted at 09:12h" (the year is the date-based
    permalink's), and comments as bare <li>s with the id on the inner text holder, a
    "Pingback:" name and no bypostauthor class (the reply is the post author's by name)."""
    post = _single_post("bridge-single.html")
    assert post.published == datetime(2024, 3, 5, 9, 12)
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (91, "Felix Arroyo", datetime(2024, 3, 5, 14, 6), None, False),
        (92, "Nadia Quist", datetime(2024, 3, 5, 18, 40), 91, True),
        (94, "Ruth Omondi", datetime(2024, 3, 9, 21, 30), None, False),
    ]
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://jarandlid.example.com/2024/03/07/ten-ferments-small-fridge/",
         "Ten ferments for a small fridge")]
