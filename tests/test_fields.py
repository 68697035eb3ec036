"""The string-level field parsers shared by pages, text dumps and exports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from blogparse._text import (
    clean_space,
    parse_datetime,
    parse_response_count,
    slug_from_url,
    split_credit,
    split_pingback_title,
)


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Boats at dawn. Photo credit: Ana Ruiz/Harbour Press",
         ("Boats at dawn.", "Ana Ruiz/Harbour Press")),
        ("A crowd outside the hall (AP Photo/Sam Lee)",
         ("A crowd outside the hall", "AP Photo/Sam Lee")),
        ("A heron (Photo: Jo Park).", ("A heron", "Jo Park")),
        ("Photo: Jo Park", (None, "Jo Park")),
        ("The old mill. Credit: County Archive", ("The old mill.", "County Archive")),
        ("Map of the valley. Image: Survey Office", ("Map of the valley.", "Survey Office")),
        ("Der Hafen im Winter. Foto: Max Berg", ("Der Hafen im Winter.", "Max Berg")),
        ("Sunset over the bay © Lina Ho", ("Sunset over the bay", "Lina Ho")),
        ("Source: Weather Service", (None, "Weather Service")),
        ("Photo by Kim Dale / Coast Images", (None, "Kim Dale / Coast Images")),
        ("A picture taken by my sister", ("A picture taken by my sister", None)),
        ("Just a caption with no credit", ("Just a caption with no credit", None)),
        ("", (None, None)),
    ],
)
def test_split_credit(caption: str, expected: tuple[str | None, str | None]) -> None:
    """A caption's photo credit is split off with its label; prose 'by' is not a credit."""
    assert expected == split_credit(caption)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pingback: Spring notes | The Garden Log", ("Spring notes", "The Garden Log")),
        ("Spring notes – The Garden Log", ("Spring notes", "The Garden Log")),
        ("A – B – 3.4.21 | Blog", ("A – B – 3.4.21", "Blog")),
        ("Part one – part two - Site.example", ("Part one – part two", "Site.example")),
        ("My Blog » Blog Archive » A Post", ("A Post", "My Blog")),
        ("Trackback: Plain title", ("Plain title", None)),
    ],
)
def test_split_pingback_title(text: str, expected: tuple[str | None, str | None]) -> None:
    """A pingback's link text splits into the source title and blog at the last separator."""
    assert expected == split_pingback_title(text)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("4 responses to “A post”", 4),
        ("One thought on “A post”", 1),
        ("3 Comments", 3),
        ("No comments yet", 0),
        ("Comments (12)", 12),
        ("2 Kommentare zu „Ein Beitrag“", 2),
        ("Ein Gedanke zu „Ein Beitrag“", 1),
        ("6 Antworten auf „Ein Beitrag“", 6),
        ("5 commentaires", 5),
        ("4 comentários em “Um post”", 4),
        ("3 komentarze do „Wpis”", 3),
        ("Brak komentarzy", 0),
        ("12 komentářů", 12),
        ("5 комментариев к записи «Запись»", 5),
        ("Комментарии (4)", 4),
        ("Один комментарий", 1),
        ("3 коментарі", 3),
        ("7 yorum", 7),
        ("2 σχόλια", 2),
        ("Leave a Reply", None),
        ("Оставить комментарий", None),
        ("Related posts", None),
    ],
)
def test_parse_response_count(heading: str, expected: int | None) -> None:
    """The count a comments heading announces, in several languages; none when absent."""
    assert expected == parse_response_count(heading)


def test_parse_datetime_keeps_the_offset() -> None:
    """ISO dates keep their offset and Z means UTC."""
    assert datetime(2022, 2, 4, 10, tzinfo=timezone(timedelta(hours=8))) == parse_datetime(
        "2022-02-04T10:00:00+08:00")
    assert datetime(2022, 2, 4, 10, tzinfo=UTC) == parse_datetime("2022-02-04T10:00:00Z")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14. März 2021 um 10:15 Uhr", datetime(2021, 3, 14, 10, 15)),
        ("9 juillet 2016 à 10 h 23", datetime(2016, 7, 9, 10, 23)),
        ("9 de julio de 2016 a las 10:23", datetime(2016, 7, 9, 10, 23)),
        ("March 3, 2019 at 4:05 pm", datetime(2019, 3, 3, 16, 5)),
        ("12.05.2019", datetime(2019, 5, 12)),
        ("Ben 19. Juni 2018 um 15:28 Uhr - Antworten", datetime(2018, 6, 19, 15, 28)),
        # an at sign between date and time
        ("3. Mai 2021 @ 18:07", datetime(2021, 5, 3, 18, 7)),
        ("October 2, 2020 @ 7:41 pm", datetime(2020, 10, 2, 19, 41)),
        ("Antworten Lotte 3. Mai 2021 @ 08:15", datetime(2021, 5, 3, 8, 15)),
        ("Kommentar von lotte — 2021-05-03 @ 09:30 | Antworten", datetime(2021, 5, 3, 9, 30)),
        # the hour after midnight, however "am" is written
        ("February 7, 2016 at 12:44 am", datetime(2016, 2, 7, 0, 44)),
        ("February 7, 2016 at 12:44 AM", datetime(2016, 2, 7, 0, 44)),
        ("16/02/2016 at 12:44 am", datetime(2016, 2, 16, 0, 44)),
        ("February 7, 2016 at 12:44 a.m.", datetime(2016, 2, 7, 0, 44)),
        ("February 7, 2016 at 11:44 p.m.", datetime(2016, 2, 7, 23, 44)),
        # "am" before a date is still German for "on the"
        ("am 7. Februar 2016 um 12:44", datetime(2016, 2, 7, 12, 44)),
        # Indonesian and Scandinavian month names
        ("Desember 30, 2015 at 4:36 am", datetime(2015, 12, 30, 4, 36)),
        ("Maret 30, 2015", datetime(2015, 3, 30)),
        ("17 Agustus 2019 pukul 10:05", datetime(2019, 8, 17, 10, 5)),
        ("12 maj 2020 kl. 14:05", datetime(2020, 5, 12, 14, 5)),
        ("3. augusti 2018", datetime(2018, 8, 3)),
        # Polish, Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian, Greek
        ("12 kwietnia 2021 o 9:05", datetime(2021, 4, 12, 9, 5)),
        ("3. března 2024 v 10:20", datetime(2024, 3, 3, 10, 20)),
        ("3 марта 2024 г. в 10:20", datetime(2024, 3, 3, 10, 20)),
        ("17 вересня 2023 о 08:15", datetime(2023, 9, 17, 8, 15)),
        ("5 Ekim 2020 saat 21:40", datetime(2020, 10, 5, 21, 40)),
        ("3 martie 2024 la 10:20", datetime(2024, 3, 3, 10, 20)),
        ("2024. március 3. 10:20", datetime(2024, 3, 3, 10, 20)),
        ("3 Μαρτίου 2024 στις 10:20", datetime(2024, 3, 3, 10, 20)),
    ],
)
def test_parse_datetime_reads_display_dates(text: str, expected: datetime) -> None:
    """Display dates in several languages parse naive, dotted dates day first."""
    assert expected == parse_datetime(text)


def test_parse_datetime_finds_the_date_in_a_long_line() -> None:
    """A pingback's meta line can run past a date line's length; its date is still read."""
    title = "A rather long title of the post that links here, followed by its blog's name " * 2
    line = title + "| Kleines Blog 21. Juni 2018 um 10:40 Uhr - Antworten"
    assert len(line) > 120
    assert datetime(2018, 6, 21, 10, 40) == parse_datetime(line)
    assert parse_datetime(title + "with the number 7 and no date") is None


def test_parse_datetime_reads_zone_abbreviations() -> None:
    """A US zone abbreviation after the time gives its offset."""
    value = parse_datetime("November 19, 2019 6:21 AM EST")
    assert value is not None
    assert timedelta(hours=-5) == value.utcoffset()


@pytest.mark.parametrize("text", ["Reply", "6 months ago", "0000-00-00 00:00:00", "", "x" * 500])
def test_parse_datetime_gives_none_for_non_dates(text: str) -> None:
    """Words, relative ages, the zero date and huge strings are not dates."""
    assert parse_datetime(text) is None


def test_slug_and_space_helpers() -> None:
    """Slugs come from archive urls; white space, non-breaking spaces included, collapses."""
    assert "china-russia" == slug_from_url("https://x.example/category/china-russia/")
    assert "news" == slug_from_url("https://x.example/tag/news/page/2/")
    assert "In Winter" == clean_space(" In\u00a0Winter \n")
    assert clean_space("  ") is None


@pytest.mark.parametrize("dayfirst", [False, True])
def test_common_date_lines_read_as_dateutil_reads_them(dayfirst: bool) -> None:
    """The shortcut for common date lines gives dateutil's own answer, or none at all."""
    import itertools

    from dateutil import parser

    from blogparse._text import _TZ_ABBREVIATIONS, _common_date

    hits = 0
    for fmt, month, day, clock in itertools.product(
        ["{d}. {m} {y}", "{d} {m} {y}", "{m} {d}, {y}", "{m} {d} {y}", "{d}. {m}, {y}"],
        ["January", "april", "MAY", "September", "Febuary", "Sept"],
        [1, 9, 29, 31, 0, 32],
        ["", "   9:05 pm", " 12:30 am", " 12:00 PM", ", 23:59", " 0:30 am", " 24:00",
         "  7:07  ", " 13:00 pm", " 10:20 Uhr"],
    ):
        text = fmt.format(d=day, m=month, y=2021) + clock
        fast = _common_date(text)
        if fast is None:
            continue
        hits += 1
        assert fast == parser.parse(text, dayfirst=dayfirst, tzinfos=_TZ_ABBREVIATIONS), text
    assert hits > 300


@pytest.mark.parametrize("text", ["21:00", "at 9:15 pm", "February 10", "10 Feb",
                                  "March 2019", "2019", "Tuesday"])
def test_parse_datetime_never_fills_in_today(text: str) -> None:
    """A date line without its year, month and day gives None, not today's date."""
    assert parse_datetime(text) is None


def test_date_badge_parts_are_read_apart() -> None:
    """A date printed as month, day and year spans with no space between them is read."""
    import blogparse

    page = b"""<!DOCTYPE html><html><head><title>Kettles | Ledger</title></head>
<body class="single single-post postid-12"><div id="content">
<article id="post-12" class="post-12 post type-post status-publish hentry">
<div class="date"><span class="month">Mar</span> <span class="day">09</span><span
 class="year">2014</span></div>
<h1 class="entry-title">Kettles</h1>
<div class="entry-content"><p>Copper kettles hum on the stove all winter long.</p></div>
</article></div></body></html>"""
    post = blogparse.parse_page(page).posts[0]
    assert post.published == datetime(2014, 3, 9)


def test_term_links_are_sorted_by_their_archive() -> None:
    """Themes that mark every term link rel="category tag": a tag archive's link is a tag,
    an author archive's link no term at all."""
    import blogparse

    page = b"""<!DOCTYPE html><html><head><title>Kettles | Ledger</title></head>
<body class="single single-post postid-12">
<article id="post-12" class="post-12 post type-post status-publish hentry">
<h1 class="entry-title">Kettles</h1>
<div class="entry-content"><p>Copper kettles hum on the stove all winter long.</p></div>
<p class="terms"><a href="https://ledger.example/categoria/cocina/" rel="category tag">Cocina</a>
<a href="https://ledger.example/autor/ana-ruiz/" rel="category tag">Ana Ruiz</a>
<a href="https://ledger.example/etiqueta/cobre/" rel="category tag">cobre</a>
<a href="https://ledger.example/tag/winter/" rel="category tag">winter</a></p>
</article></body></html>"""
    post = blogparse.parse_page(page).posts[0]
    assert [(c.name, c.slug) for c in post.categories] == [("Cocina", "cocina")]
    assert [(t.name, t.slug, t.taxonomy) for t in post.tags] == [
        ("cobre", "cobre", "post_tag"), ("winter", "winter", "post_tag")]


@pytest.mark.parametrize(
    ("head", "body", "home"),
    [
        ('<link rel="https://api.w.org/" href="https://ledger.example/blog/wp-json/">', "",
         "https://ledger.example/blog/"),
        ('<link rel="https://api.w.org/" href="https://ledger.example/?rest_route=/">', "",
         "https://ledger.example/"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
         '{"@type": "WebSite", "@id": "https://ledger.example/#website", '
         '"url": "https://ledger.example/", "name": "Ledger"}]}</script>', "",
         "https://ledger.example/"),
        ("", '<a class="logo" href="https://ledger.example/" rel="home noopener">Ledger</a>',
         "https://ledger.example/"),
        # WordPress's main feed link: "Site » Feed", the home url + "feed/"; the comments
        # feeds and a category's feed give nothing
        ('<meta property="og:site_name" content="Ledger">'
         '<link rel="alternate" type="application/rss+xml" title="Ledger &raquo; Kettles '
         'Comments Feed" href="https://ledger.example/kettles/feed/">'
         '<link rel="alternate" type="application/rss+xml" title="Ledger &raquo; Cocina '
         'Category Feed" href="https://ledger.example/category/cocina/feed/">'
         '<link rel="alternate" type="application/rss+xml" title="Ledger &raquo; Flux" '
         'href="https://ledger.example/blog/feed/">', "", "https://ledger.example/blog/"),
        ('<link rel="alternate" type="application/rss+xml" title="Ledger &raquo; Comments '
         'Feed" href="https://ledger.example/comments/feed/">', "", None),
        ('<meta property="og:site_name" content="Ledger">'
         '<link rel="alternate" type="application/rss+xml" title="Other Blog &raquo; Feed" '
         'href="https://other.example/feed/">', "", None),
        # themes older than WordPress's own feed links: "Site RSS Feed"
        ('<link rel="alternate" type="application/rss+xml" title="Ledger RSS Feed" '
         'href="https://ledger.example/feed/">', "", "https://ledger.example/"),
        ('<link rel="alternate" type="application/rss+xml" title="Ledger RSS 2.0" '
         'href="https://ledger.example/feed/">', "", "https://ledger.example/"),
        # the feed names the site short, the page with its tagline
        ('<meta property="og:site_name" content="Ledger - notes from a kitchen">'
         '<link rel="alternate" type="application/rss+xml" title="Ledger &raquo; Feed" '
         'href="https://ledger.example/feed/">', "", "https://ledger.example/"),
        ('<meta property="og:site_name" content="Ledgerline">'
         '<link rel="alternate" type="application/rss+xml" title="Ledger &raquo; Feed" '
         'href="https://ledger.example/feed/">', "", None),
        # a section's own feed is not the site's
        ('<meta property="og:site_name" content="Ledger">'
         '<link rel="alternate" type="application/rss+xml" title="Ledger Kettles RSS Feed" '
         'href="https://ledger.example/kettles/feed/">', "", None),
        ('<link rel="alternate" type="application/rss+xml" title="Ledger Kettles RSS Feed" '
         'href="https://ledger.example/kettles/feed/">'
         '<link rel="alternate" type="application/rss+xml" title="Ledger RSS Feed" '
         'href="https://ledger.example/feed/">', "", "https://ledger.example/"),
        ("", "", None),
    ],
)
def test_site_home_from_the_head(head: str, body: str, home: str | None) -> None:
    """Without a site-title link, the home url comes from a rel=home link, the JSON-LD
    WebSite, WordPress' REST API root or its main feed link; with none of them it is None."""
    import blogparse

    page = f"""<!DOCTYPE html><html><head><title>Kettles</title>{head}</head>
<body class="single single-post postid-12">{body}
<article id="post-12" class="post-12 post type-post status-publish hentry">
<h1 class="entry-title">Kettles</h1>
<div class="entry-content"><p>Copper kettles hum on the stove all winter long.</p></div>
</article></body></html>""".encode()
    assert blogparse.parse_page(page).site.url == home


@pytest.mark.parametrize(
    ("og_image", "expected"),
    [
        ("https://s0.wp.com/i/blank.jpg", None),
        ("https://secure.gravatar.com/blavatar/0a1b2c?s=200", None),
        ("https://ledger.example/wp-content/uploads/2020/01/cropped-favicon.png", None),
        ("https://ledger.example/wp-content/uploads/2020/01/kettle.jpg",
         "https://ledger.example/wp-content/uploads/2020/01/kettle.jpg"),
    ],
)
def test_og_image_stand_ins_are_no_featured_image(og_image: str, expected: str | None) -> None:
    """A placeholder or site icon in og:image is not the post's featured image."""
    import blogparse

    page = f"""<!DOCTYPE html><html><head><title>Kettles</title>
<meta property="og:image" content="{og_image}"></head>
<body class="single single-post postid-12">
<article id="post-12" class="post-12 post type-post status-publish hentry">
<h1 class="entry-title">Kettles</h1>
<div class="entry-content"><p>Copper kettles hum on the stove all winter long.</p></div>
</article></body></html>""".encode()
    image = blogparse.parse_page(page).posts[0].featured_image
    assert (image.src if image is not None else None) == expected
