"""Single posts as three popular classic themes print them: Astra, Kadence and Blocksy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Post

PAGES = Path(__file__).parent / "pages" / "themes"


def _single_post(name: str) -> Post:
    result = blogparse.parse_page((PAGES / name).read_bytes())
    assert (result.kind, len(result.posts)) == ("single", 1)
    post = result.post
    assert post is not None
    return post


def test_an_astra_single_post() -> None:
    """Astra: the byline's text date, its own comment markup, and the featured image that
    Astra prints just before the article."""
    post = _single_post("astra-single.html")
    cest = timezone(timedelta(hours=2))
    assert (post.title, post.id, post.type) == ("Opening the hives after winter", 212, "post")
    assert post.url == "https://hive.example.org/2024/04/14/opening-the-hives-after-winter/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Greta Lindqvist", "https://hive.example.org/author/greta/")]
    # Astra prints the date as text only ("April 14, 2024"): no time, no zone
    assert post.published == datetime(2024, 4, 14)
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [("Inspections", "inspections")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Brood pattern", "brood-pattern"), ("Spring", "spring")]
    assert post.content_text == (
        "The first warm afternoon of April is when I finally open the boxes properly. Until "
        "then I only heft them from behind to judge how much food is left.\n\n"
        "What I look for first\n\n"
        "I work from the outside frames inwards and keep the smoker lit but quiet. Three "
        "things tell me a colony has come through well:\n\n"
        "Eggs standing upright in the bottom of the cells\n"
        "A tight, even patch of capped brood\n"
        "Honey and pollen stored close to the brood\n\n"
        "When something is wrong\n\n"
        "A colony with scattered brood and no eggs may have lost its queen over the winter. "
        "I mark the box, close it up and come back in three days before deciding anything."
        "\n\n"
        "Write down what you see while the hive is still open. Memory is not reliable after "
        "a dozen boxes.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("A frame from the second box, mostly capped brood.", "Anders Holm")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://hive.example.org/wp-content/uploads/2024/04/hives-in-april-1024x576.jpg")
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (41, "Tomasz Wrona", datetime(2024, 4, 15, 8, 2, 11, tzinfo=cest), None, False),
        (42, "Greta Lindqvist", datetime(2024, 4, 15, 19, 40, 3, tzinfo=cest), 41, True),
        (44, "Ines Duarte", datetime(2024, 4, 18, 21, 15, 47, tzinfo=cest), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "How long do you leave the crown board off on a cold day? Mine start running up "
        "the walls after a couple of minutes.",
        "Never more than ten minutes with the box open. If they climb the walls, I put the "
        "board back and let them settle first.",
        "The tip about writing notes with the lid still off is a good one. I keep a grease "
        "pencil taped to the smoker for that.",
    ]
    assert [(p.url, p.title, p.excerpt) for p in post.pingbacks] == [
        ("https://waxandwings.example.com/2024/04/16/spring-inspections-a-checklist/",
         "Spring inspections, a checklist", None)]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Comment", 212, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_kadence_single_post() -> None:
    """Kadence: terms linked with rel="tag" in its category and tag lists, the published
    and updated times of its meta line, and the featured image above the article."""
    post = _single_post("kadence-single.html")
    assert (post.title, post.id, post.type) == ("Smoothing a scratchy nib at home", 517, "post")
    assert post.url == "https://nibandink.example.com/smoothing-a-scratchy-nib-at-home/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Hollis Grant", "https://nibandink.example.com/author/hollis/")]
    assert post.published == datetime(2024, 2, 20, 19, 45, tzinfo=UTC)
    assert post.updated == datetime(2024, 3, 2, 10, 12, 33, tzinfo=UTC)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Maintenance", "maintenance"), ("Nibs & grinds", "nibs-and-grinds")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Micromesh", "micromesh"), ("Nibs", "nibs")]
    assert post.content_text == (
        "A nib that catches on the upstroke is rarely broken. Most of the time the two tines "
        "have drifted a hair out of line, or one edge of the tipping has a burr that the "
        "paper finds on every stroke.\n\n"
        "Check the alignment first\n\n"
        "Hold the pen under a loupe with the nib pointing at you. If one tine sits higher "
        "than the other, no amount of polishing will help until they are level again.\n\n"
        "Press the higher tine down gently with a thumbnail\n"
        "Look again under the loupe\n"
        "Write a few figure eights on smooth paper\n\n"
        "Only then, polish\n\n"
        "Use the finest micromesh you have and make no more than ten slow circles. Test the "
        "pen, then decide whether it needs ten more. It is easy to take metal off and "
        "impossible to put it back.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Three nibs after an hour on the stone.", "Dee Marsh")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://nibandink.example.com/wp-content/uploads/2024/02/nib-on-stone-1024x683.jpg")
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (88, "Callum Reid", datetime(2024, 2, 21, 8, 14, 52, tzinfo=UTC), None, False),
        (89, "Hollis Grant", datetime(2024, 2, 21, 12, 30, 7, tzinfo=UTC), 88, True),
        (91, "Oona Vesik", datetime(2024, 2, 24, 21, 48, 19, tzinfo=UTC), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Ten circles sounds very cautious. Is there a reason not to keep going until it "
        "feels right?",
        "The feel changes slowly and then all at once. Stopping to test keeps you from "
        "flattening the tipping.",
        "Worked on my old school pen. The upstroke is quiet for the first time in years.",
    ]
    assert [(p.url, p.title, p.excerpt) for p in post.pingbacks] == [
        ("https://inkwellnotes.example.org/2024/02/22/micromesh-or-nothing/",
         "Micromesh or nothing", None)]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 517, "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_blocksy_single_post() -> None:
    """Blocksy: the hero's page-title and meta list, categories linked with rel="tag", its
    own comment markup with text dates, and a <button> that submits the reply form."""
    post = _single_post("blocksy-single.html")
    edt = timezone(timedelta(hours=-4))
    assert (post.title, post.id, post.type) == ("Rooting pothos cuttings in water", 734, "post")
    assert post.url == "https://leafnode.example.org/rooting-pothos-cuttings-in-water/"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Maren Alder", "https://leafnode.example.org/author/maren/")]
    assert post.published == datetime(2024, 5, 6, 7, 30, tzinfo=edt)
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Cuttings", "cuttings"), ("Vining plants", "vining-plants")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("Pothos", "pothos"), ("Water propagation", "water-propagation")]
    assert post.content_text == (
        "Pothos is the easiest plant I know to multiply. A single stem cut below a node will "
        "grow roots in a glass of water within two or three weeks, and you can watch every "
        "step through the glass.\n\n"
        "Taking the cutting\n\n"
        "Choose a healthy vine and follow it back to a spot with a leaf and a small brown "
        "bump beneath it. That bump is where the roots will come from.\n\n"
        "Cut about a finger\u2019s width below the node\n"
        "Strip any leaf that would sit under the water\n"
        "Stand the stem in a jar and keep it out of direct sun\n\n"
        "Moving it to soil\n\n"
        "Once the longest roots are about as long as my thumb, I pot the cutting in a light "
        "mix and keep it slightly wetter than usual for the first fortnight.")
    # the featured image's own caption is no caption of the text
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Roots at the end of week three.", "Sam Okoro")]
    assert post.featured_image is not None
    assert post.featured_image.src == (
        "https://leafnode.example.org/wp-content/uploads/2024/05/windowsill-jars.jpg")
    # Blocksy prints comment times as "May 7, 2024 / 9:15 am": no zone
    assert [(c.id, c.author.name if c.author else None, c.date, c.parent_id,
             c.by_post_author) for c in post.comments] == [
        (301, "Priya Natarajan", datetime(2024, 5, 7, 9, 15), None, False),
        (302, "Maren Alder", datetime(2024, 5, 7, 12, 2), 301, True),
        (304, "Joel Brandt", datetime(2024, 5, 9, 7, 5), None, False),
    ]
    assert [c.content_text for c in post.comments] == [
        "Do you change the water every week? Mine went cloudy and the stems turned soft.",
        "Every few days in warm weather. Soft stems usually mean the cut end started to "
        "rot, so trim back to firm tissue and start again.",
        "A dark glass jar worked better for me than a clear one. Less green slime on the "
        "roots.",
    ]
    assert [(p.url, p.title, p.excerpt) for p in post.pingbacks] == [
        ("https://greenshelf.example.com/2024/05/08/a-week-of-windowsill-experiments/",
         "A week of windowsill experiments",
         "[\u2026] I followed the steps from Leaf Node for the pothos and set up a second "
         "jar with tap water left to stand overnight [\u2026]")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.post_id, form.submit_label) == (
        "Leave a Reply", 734, "Post Comment")
    assert [f.name for f in form.fields] == [
        "author", "email", "url", "comment", "wp-comment-cookies-consent"]
