"""Single posts as GeneratePress, OceanWP and Neve print them, furniture and all."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import Post

PAGES = Path(__file__).parent / "pages" / "themes"

BST = timezone(timedelta(hours=1))
EST = timezone(timedelta(hours=-5))
EET = timezone(timedelta(hours=2))


def _post(name: str) -> Post:
    post = blogparse.parse_page((PAGES / name).read_bytes()).post
    assert post is not None
    return post


def _comments(post: Post) -> list[tuple[int | None, str | None, str | None, int | None, bool]]:
    return [
        (c.id, c.author.name if c.author else None, c.author.url if c.author else None,
         c.parent_id, c.by_post_author)
        for c in post.comments
    ]


def test_a_generatepress_single_post() -> None:
    """GeneratePress: microdata byline, footer terms, ``generate_comment`` thread and form."""
    post = _post("generatepress-single.html")
    assert (post.title, post.id, post.type) == (
        "Reading the brood frame in early spring", 2417, "post")
    assert post.url == "https://hivenotes.example.org/reading-the-brood-frame-in-early-spring/"
    assert post.site is not None
    assert post.site.name == "Hive Notes"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Wren Callaway", "https://hivenotes.example.org/author/wren/")]
    assert post.published == datetime(2024, 4, 6, 8, 30, tzinfo=BST)
    assert post.updated == datetime(2024, 4, 12, 19, 5, tzinfo=BST)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Colony Health", "colony-health"), ("Seasonal Tasks", "seasonal-tasks")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("brood", "brood"), ("queen spotting", "queen-spotting"),
        ("spring inspection", "spring-inspection")]
    assert post.content_text == (
        "The first warm afternoon of April is when I open the hives properly for the first "
        "time since autumn. Until then I only heft the boxes and listen at the entrance.\n\n"
        "What a good frame looks like\n\n"
        "A healthy brood frame carries a solid arc of capped cells with very few gaps, honey "
        "along the top corners and a band of pollen between the two.\n\n"
        "If the pattern looks like a shotgun blast, with empty cells scattered through the "
        "capped ones, something is wrong with the queen or with the brood itself.\n\n"
        "Eggs standing upright in the cells mean the queen was there within three days.\n"
        "Uncapped larvae should be pearly white and curled like a letter C.\n"
        "Sunken or greasy cappings are a reason to call the bee inspector.\n\n"
        "I did not see the queen herself in either colony, and I no longer go hunting for "
        "her. Fresh eggs tell me everything I need to know.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Capped worker brood on the third frame of the blue hive.", "Ida Marchetti")]
    assert _comments(post) == [
        (311, "Tomasz Brenner", None, None, False),
        (312, "Wren Callaway", "https://hivenotes.example.org", 311, True),
        (315, "Lotte Aamodt", "https://lotte.example.net", None, False),
    ]
    assert [c.date for c in post.comments] == [
        datetime(2024, 4, 7, 9, 14, tzinfo=BST), datetime(2024, 4, 7, 18, 40, tzinfo=BST),
        datetime(2024, 4, 10, 7, 2, tzinfo=BST)]
    assert [c.content_text for c in post.comments] == [
        "How cold is too cold to pull frames? Mine are still clustered tight on most "
        "mornings and I keep putting it off.",
        "I wait for a still day above about fourteen degrees, with bees flying freely. A "
        "quick look at two frames is better than a full strip-down in the cold.",
        "The letter C tip is a good one.\n"
        "I had been squinting at the larvae without knowing what I was meant to see.",
    ]
    assert [(p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        ("https://beeyard.example.com/2024/04/09/frames-and-patience/",
         "Frames and patience", "Bee Yard Diary")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]
    assert form.submit_label == "Post Comment"


def test_an_oceanwp_single_post() -> None:
    """OceanWP: meta list, JSON-LD dates, ``oceanwp_comment`` thread; related posts ignored."""
    post = _post("oceanwp-single.html")
    assert (post.title, post.id, post.type) == (
        "Feeding a starter through a cold kitchen winter", 981, "post")
    assert post.url == (
        "https://crumbandcrust.example.com/feeding-a-starter-through-a-cold-kitchen-winter/")
    assert post.site is not None
    assert post.site.name == "Crumb & Crust"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Marisol Fenwick", "https://crumbandcrust.example.com/author/marisol/")]
    assert post.published == datetime(2024, 1, 18, 7, 45, tzinfo=EST)
    assert post.updated == datetime(2024, 1, 20, 10, 12, tzinfo=EST)
    assert [(t.name, t.slug) for t in post.categories] == [("Starters", "starters")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("hydration", "hydration"), ("rye", "rye"), ("winter baking", "winter-baking")]
    assert post.content_text == (
        "When the kitchen drops below eighteen degrees a rye starter slows to a crawl. It "
        "still rises, but it takes twice as long, and it turns sour in a way I do not enjoy "
        "in a sandwich loaf.\n\n"
        "The fix that worked for me was boring: feed with water at about thirty degrees and "
        "keep the jar on the shelf above the radiator in the hall.\n\n"
        "My winter schedule\n\n"
        "Feed at seven in the morning, one part starter to five parts flour and water.\n"
        "Check the rise at lunch and mark it on the jar with a rubber band.\n"
        "Use it for the dough in the evening, when it has about doubled.\n\n"
        "A warm starter forgives a lot. A cold one forgives nothing.\n\n"
        "By the end of January the loaves were back to the crumb I get in summer.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The jars on the shelf above the hall radiator.", "Kasimir Wold")]
    assert _comments(post) == [
        (1204, "Priya Lindqvist", None, None, False),
        (1205, "Marisol Fenwick", "https://crumbandcrust.example.com", 1204, True),
        (1208, "Hollis Braddock", "https://hollis.example.org", None, False),
    ]
    # The theme prints the day only ("19 Jan 2024"), no time of day.
    assert [c.date.date() if c.date else None for c in post.comments] == [
        date(2024, 1, 19), date(2024, 1, 19), date(2024, 1, 21)]
    assert [c.content_text for c in post.comments] == [
        "Does the warm water trick work with a wheat starter too, or only rye?",
        "It works with wheat as well. A wheat starter is a little less fussy about the cold "
        "to begin with.",
        "A heating pad under a tea towel does the same job if you have no radiator shelf.\n"
        "Mine cost less than a bag of good flour.",
    ]
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://ovenspring.example.net/notes/winter-starters/", "Winter starters, a round-up")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]
    assert form.submit_label == "Post Comment"


def test_a_neve_single_post() -> None:
    """Neve: meta list, ``nv-comment-article`` replies listed after their parent, not in it."""
    post = _post("neve-single.html")
    assert (post.title, post.id, post.type) == (
        "Finding the Double Cluster without a go-to mount", 5530, "post")
    assert post.url == "https://darkskylog.example.net/2024/02/10/finding-the-double-cluster/"
    assert post.site is not None
    assert post.site.name == "Dark Sky Logbook"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Imogen Achterberg", "https://darkskylog.example.net/author/imogen/")]
    assert post.published == datetime(2024, 2, 10, 21, 15, tzinfo=EET)
    assert post.updated == datetime(2024, 2, 14, 8, 0, tzinfo=EET)
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Observing reports", "observing-reports")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("binoculars", "binoculars"), ("Perseus", "perseus"), ("star hopping", "star-hopping")]
    assert post.content_text == (
        "The Double Cluster is one of the few deep-sky sights that looks better in binoculars "
        "than in my telescope. Two loose knots of stars sit side by side, close enough to "
        "share one field of view.\n\n"
        "Without a go-to mount I find it by hopping from Cassiopeia. Follow the line from the "
        "two brightest stars of the W and keep going about twice that distance towards "
        "Perseus.\n\n"
        "What to expect\n\n"
        "In a pair of 10x50s both clusters show as grainy patches that break into stars when "
        "you look slightly to one side. A handful of orange stars stand out among the white "
        "ones.\n\n"
        "Give your eyes twenty minutes away from any screen before you judge the view.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("The pair low over the roofline at 22:40.", "Rasmus Kiel")]
    assert _comments(post) == [
        (801, "Feliks Moran", None, None, False),
        (802, "Imogen Achterberg", "https://darkskylog.example.net", 801, True),
        (803, "Feliks Moran", None, 802, False),
        (805, "Ana Beltrão", "https://anab.example.org", None, False),
    ]
    assert [c.depth for c in post.comments] == [1, 2, 3, 1]
    assert [c.date for c in post.comments] == [
        datetime(2024, 2, 11, 20, 3, tzinfo=EET), datetime(2024, 2, 11, 22, 47, tzinfo=EET),
        datetime(2024, 2, 12, 6, 30, tzinfo=EET), datetime(2024, 2, 13, 19, 20, tzinfo=EET)]
    assert [c.content_text for c in post.comments] == [
        "Found it on the first try last night thanks to this. Is the orange star near the "
        "middle the one people call the Double Cluster\u2019s ruby?",
        "Some people do. I have never settled on a name for it, I just look for the warm "
        "colour between the two groups.",
        "That works for me too.\nClear skies!",
        "Worth adding that it sits high enough in February to clear most streetlights by nine.",
    ]
    assert [(p.url, p.title) for p in post.pingbacks] == [
        ("https://stargazers.example.com/2024/02/13/winter-clusters/",
         "Winter clusters worth a look")]
    assert post.response_count == 5
    form = post.comment_form
    assert form is not None
    assert [f.name for f in form.fields] == [
        "author", "email", "url", "comment", "wp-comment-cookies-consent"]
    assert form.submit_label == "Post Comment"
