"""Single posts saved from three popular classic themes: Genesis (its Genesis Sample child
theme), Avada, and tagDiv's Newspaper with its default single-post template.

Each page is written the way the theme prints it (its own byline, term lists, comment
callback and reply form) around a small made-up blog; the tests state what a reader sees.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import blogparse
from blogparse import Comment, Post

PAGES = Path(__file__).parent / "pages" / "themes"


def _post(name: str) -> Post:
    post = blogparse.parse_page((PAGES / f"{name}-single.html").read_bytes()).post
    assert post is not None
    return post


def _comments(
    comments: tuple[Comment, ...],
) -> list[tuple[int | None, str | None, datetime | None, int | None, bool, str | None]]:
    return [(c.id, c.author.name if c.author else None, c.date, c.parent_id, c.by_post_author,
             c.content_text) for c in comments]


def test_a_genesis_sample_single_post() -> None:
    """Genesis: the entry-meta byline and footer terms, comments and the separate ping list."""
    post = _post("genesis")
    assert (post.title, post.id, post.type) == ("Feeding bees through a cold March", 2417, "post")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ruth Okafor", "https://hivejournal.example.org/author/ruth/")]
    assert datetime(2024, 3, 4, 7, 30, tzinfo=UTC) == post.published
    assert post.updated is None
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Hive Care", "hive-care"), ("Seasons", "seasons")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("sugar fondant", "sugar-fondant"), ("winter", "winter")]
    assert post.content_text == (
        "March on this hill is the hungriest month. The colonies are raising brood again, the "
        "stores from autumn are thin, and nothing much is flowering beyond a few hazel "
        "catkins.\n\n"
        "Checking the weight first\n\n"
        "Before opening anything, I heft the back of each hive. A light hive tips up with two "
        "fingers; a heavy one barely moves.\n\n"
        "If a hive feels light, fondant goes on that afternoon. Syrup can wait until the "
        "nights stay above freezing.\n\n"
        "Warm the fondant indoors first.\n"
        "Slit the bag on the underside only.\n"
        "Close up within a minute.\n\n"
        "Two of the six hives needed a second block by the end of the month.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("A fondant block set right over the cluster.", "Ines Varga")]
    assert _comments(post.comments) == [
        (311, "Tomasz Bell", datetime(2024, 3, 4, 18, 2, tzinfo=UTC), None, False,
         "Do you leave the fondant on until the first real flow, or take it off once they "
         "start on syrup?"),
        (312, "Ruth Okafor", datetime(2024, 3, 4, 19, 15, tzinfo=UTC), 311, True,
         "I leave it until they ignore it. Here that is usually the middle of April."),
        (314, "Anouk", datetime(2024, 3, 6, 8, 40, tzinfo=UTC), None, False,
         "Thank you, this settled an argument at our club meeting."),
    ]
    # Genesis lists pings in their own <div class="entry-pings"> after the comments' div.
    assert [(p.id, p.url, p.title, p.blog_name) for p in post.pingbacks] == [
        (313, "https://apiary-notes.example.net/2024/03/05/early-spring-checks/",
         "Early spring checks", "Apiary Notes")]
    # The comments heading is a bare "Comments"; the byline's link says "4 Comments".
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.submit_label) == ("Leave a Reply", "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_an_avada_single_post() -> None:
    """Avada: builder-wrapped text, the meta line under it, its own comment template."""
    post = _post("avada")
    assert (post.title, post.id, post.type) == (
        "Why my rye starter sulks in winter", 8812, "post")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Jonas Feld", "https://crumbandcrust.example.com/author/jonas/")]
    assert datetime(2024, 2, 11, 10, 20, tzinfo=UTC) == post.published
    assert datetime(2024, 2, 14, 16, 5, tzinfo=UTC) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Starters", "starters"), ("Rye", "rye")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("temperature", "temperature"), ("hydration", "hydration")]
    assert post.content_text == (
        "Every January my rye starter goes quiet. It still rises, but slowly, and it smells "
        "more of vinegar than of fruit.\n\n"
        "The kitchen drops to about sixteen degrees overnight. At that temperature the yeast "
        "slows down far more than the bacteria do, so the balance tips towards sourness.\n\n"
        "What helped\n\n"
        "Feeding with water at thirty degrees.\n"
        "Dropping the hydration to ninety per cent.\n"
        "Keeping the jar in the oven with only the light on.\n\n"
        "By the third day it doubled in six hours again.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Twelve hours beside the radiator.", "Mireille Aubert")]
    # Avada prints a comment's date as "February 11, 2024 at 3:47 pm": no zone, so naive.
    assert _comments(post.comments) == [
        (901, "Priya Nand", datetime(2024, 2, 11, 15, 47), None, False,
         "Mine does exactly this. I had blamed the new bag of flour."),
        (902, "Jonas Feld", datetime(2024, 2, 11, 17, 2), 901, True,
         "It might be both. A new flour and a cold kitchen is a hard week for any starter."),
        (904, "Colm", datetime(2024, 2, 13, 8, 5), None, False,
         "The oven light trick works for proving dough too."),
    ]
    assert [(p.id, p.url, p.title, p.blog_name, p.excerpt) for p in post.pingbacks] == [
        (903, "https://loafnotes.example.net/2024/02/12/rye-week-day-three/",
         "Rye week, day three", "Loaf Notes",
         "[…] a long read on cold starters finally explained why mine smells of vinegar […]")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.submit_label) == ("Leave A Comment", "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]


def test_a_newspaper_single_post() -> None:
    """Newspaper: term lists without rel, an ad spot in the text, td_comment's thread."""
    post = _post("newspaper")
    assert (post.title, post.id, post.type) == (
        "Wiring a reversing loop without tears", 5530, "post")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Dario Mendes", "https://tracksideweekly.example.org/author/dario/")]
    assert datetime(2024, 1, 20, 9, 0, tzinfo=UTC) == post.published
    # The byline's <time class="entry-date updated"> is the publication date; the
    # article's dateModified microdata names the update.
    assert datetime(2024, 1, 22, 12, 30, tzinfo=UTC) == post.updated
    assert [(t.name, t.slug) for t in post.categories] == [
        ("Electrics", "electrics"), ("How-to", "how-to")]
    assert [(t.name, t.slug) for t in post.tags] == [
        ("DCC", "dcc"), ("reversing loop", "reversing-loop")]
    assert post.content_text == (
        "A reversing loop lets a train turn round and come back the way it went, which is "
        "lovely to watch and a classic way to short out a layout.\n\n"
        "The trouble is that the rails swap polarity halfway round. Without help, the moment "
        "a wheel bridges the gap the booster cuts out.\n\n"
        "Isolate the loop\n\n"
        "Cut both rails at each end of the loop. The isolated section must be longer than "
        "your longest train, coaches included.\n\n"
        "Let a module do the switching\n\n"
        "An auto-reverser watches for the short and flips the loop’s polarity faster than "
        "the booster can notice.\n\n"
        "Set the reverser’s trip current below the booster’s, or the booster wins every "
        "time.\n\n"
        "Mine has run for two winters without a single stall.")
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Both gaps filled with plastic so they cannot close up.", "Lena Ruiz")]
    # td_comment prints <li class="comment"> without comment_class(), so nothing marks the
    # post author's reply; its <time pubdate="…"> holds the Unix time of the comment.
    assert _comments(post.comments) == [
        (771, "Hollis Crane", datetime(2024, 1, 20, 14, 10, tzinfo=UTC), None, False,
         "Which auto-reverser are you using? Mine clicks loudly every time it flips."),
        (772, "Dario Mendes", datetime(2024, 1, 20, 15, 2, tzinfo=UTC), 771, False,
         "A solid-state one with no relay, so it is silent. The relay kind is cheaper but "
         "you hear every trip."),
        (774, "Wen Li", datetime(2024, 1, 22, 19, 30, tzinfo=UTC), None, False,
         "Longer than the longest train is the rule I keep forgetting. Thanks."),
    ]
    assert [(p.id, p.url, p.title, p.blog_name, p.excerpt) for p in post.pingbacks] == [
        (773, "https://bench-and-baseboard.example.com/2024/01/21/loops-wyes-and-other-headaches/",
         "Loops, wyes and other headaches", "Bench and Baseboard",
         "[…] Trackside Weekly has a clear write-up of the gaps and the auto-reverser […]")]
    assert post.response_count == 4
    form = post.comment_form
    assert form is not None
    assert (form.heading, form.submit_label) == ("LEAVE A REPLY", "Post Comment")
    assert [f.name for f in form.fields] == [
        "comment", "author", "email", "url", "wp-comment-cookies-consent"]
