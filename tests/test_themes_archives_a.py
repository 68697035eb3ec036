"""Category archives as Astra, GeneratePress, OceanWP and Kadence print their blog loops."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import PageResult, Post

PAGES = Path(__file__).parent / "pages" / "themes"
BST = timezone(timedelta(hours=1))


def _archive(name: str) -> PageResult:
    result = blogparse.parse_page((PAGES / name).read_bytes())
    assert result.kind == "archive"
    return result


def _listing_text(post: Post) -> str | None:
    """The text the listing shows for a post: its excerpt, or its content where the theme
    prints the excerpt in its content element (where both are read, they must agree)."""
    if post.excerpt is not None and post.content_text not in (None, post.excerpt):
        return f"excerpt {post.excerpt!r} but content {post.content_text!r}"
    return post.excerpt or post.content_text


def _no_discussion(posts: tuple[Post, ...]) -> None:
    for post in posts:
        assert (post.comments, post.pingbacks, post.comment_form) == ((), (), None)


def test_an_astra_category_archive() -> None:
    """Astra: five blog-layout-1 entries with text-only dates, the "Leave a Comment" link
    for none, and excerpts without their "Read More »" paragraph."""
    result = _archive("astra-archive.html")
    posts = result.posts
    site = "https://tidepool.example.org"
    assert [(p.id, p.title, p.url) for p in posts] == [
        (318, "Counting anemones in the east gully",
         f"{site}/2024/05/12/counting-anemones-in-the-east-gully/"),
        (311, "A hermit crab changes shells", f"{site}/2024/05/03/a-hermit-crab-changes-shells/"),
        (305, "Why the pools go green in spring",
         f"{site}/2024/04/21/why-the-pools-go-green-in-spring/"),
        (297, "What to pack for a spring low tide",
         f"{site}/2024/04/08/what-to-pack-for-a-spring-low-tide/"),
        (290, "Blennies are braver than they look",
         f"{site}/2024/03/30/blennies-are-braver-than-they-look/"),
    ]
    nell = ("Nell Pascoe", f"{site}/author/nell/")
    ravi = ("Ravi Tamsin", f"{site}/author/ravi/")
    assert [[(a.name, a.url) for a in p.authors] for p in posts] == [
        [nell], [ravi], [nell], [nell], [ravi]]
    # Astra prints the dates as text only ("May 12, 2024"), with a hidden "updated" span
    # that repeats the publication date for a post never modified
    assert [p.published for p in posts] == [
        datetime(2024, 5, 12), datetime(2024, 5, 3), datetime(2024, 4, 21),
        datetime(2024, 4, 8), datetime(2024, 3, 30)]
    assert (posts[0].updated, posts[4].updated) == (datetime(2024, 5, 14), datetime(2024, 4, 2))
    for post in posts[1:4]:
        assert post.updated in (None, post.published)
    assert [[(t.name, t.slug) for t in p.categories] for p in posts] == [
        [("Rock pools", "rock-pools")],
        [("Rock pools", "rock-pools"), ("Shore walks", "shore-walks")],
        [("Rock pools", "rock-pools")],
        [("Rock pools", "rock-pools")],
        [("Rock pools", "rock-pools")],
    ]
    assert [p.response_count for p in posts] == [3, 1, 0, 5, 2]
    uploads = f"{site}/wp-content/uploads"
    assert [p.featured_image.src if p.featured_image else None for p in posts] == [
        f"{uploads}/2024/05/east-gully-1024x683.jpg",
        f"{uploads}/2024/05/hermit-crab-1024x768.jpg",
        None,
        f"{uploads}/2024/04/kit-on-rock-1024x683.jpg",
        f"{uploads}/2024/03/shanny-ledge-1024x576.jpg",
    ]
    assert [_listing_text(p) for p in posts] == [
        "Every May I count the beadlet anemones in the east gully, and every May I lose count "
        "somewhere around forty. This year I split the gully into three stretches with a "
        "chalk mark on the rock and counted each one twice. The totals came out close enough "
        "to trust, which is more than I can …",
        "Ravi spent most of Saturday lying on his stomach beside a shallow pool, watching a "
        "small hermit crab inspect an empty top shell. It tapped the opening with its claws, "
        "turned the shell over twice, then left its old home and moved across in under a "
        "second. We both missed the exact moment it happened. …",
        "Green water in April is not pollution. It is a bloom of tiny algae feeding on the "
        "first long days, and it clears on its own within a few weeks.",
        "A spring low tide is cold, slippery and over sooner than you expect, so I pack the "
        "night before. The list has not changed much in five years: boots with a proper grip, "
        "a hand lens on a cord, a white tray, a tide table, a flask of tea and a dry pair of "
        "socks …",
        "Shannies, or common blennies, are the fish I see most often in the upper pools. They "
        "sit on a ledge with their heads up and watch you, and if you keep still for a minute "
        "they come out to investigate a finger. I have never seen another rockpool fish "
        "behave with quite so much nerve. …",
    ]
    _no_discussion(posts)
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Tidepool Notebook", f"{site}/", "Low tides, wet knees and a hand lens")


def test_a_generatepress_category_archive() -> None:
    """GeneratePress: full content up to the more tag without its "Read more" link, the
    image below the header, terms and the comments link in the entry footer."""
    result = _archive("generatepress-archive.html")
    posts = result.posts
    site = "https://pocketsky.example.com"
    assert [(p.id, p.title, p.url) for p in posts] == [
        (1184, "The Double Cluster on an October evening",
         f"{site}/the-double-cluster-on-an-october-evening/"),
        (1172, "Finding M31 without a star chart", f"{site}/finding-m31-without-a-star-chart/"),
        (1160, "A quick note on dew shields", f"{site}/a-quick-note-on-dew-shields/"),
        (1151, "The Coathanger asterism", f"{site}/the-coathanger-asterism/"),
        (1139, "Mizar and Alcor from the back step",
         f"{site}/mizar-and-alcor-from-the-back-step/"),
    ]
    assert [[(a.name, a.url) for a in p.authors] for p in posts] == [
        [("Tobias Fenn", f"{site}/author/tobias/")]] * 5
    assert [(p.published, p.updated) for p in posts] == [
        (datetime(2023, 10, 22, 21, 10, tzinfo=BST), None),
        (datetime(2023, 10, 9, 20, 45, tzinfo=BST), datetime(2023, 10, 11, 8, 2, 10, tzinfo=BST)),
        (datetime(2023, 9, 28, 22, 30, tzinfo=BST), None),
        (datetime(2023, 9, 15, 21, 55, tzinfo=BST), None),
        (datetime(2023, 9, 2, 22, 5, tzinfo=BST), None),
    ]
    assert [[(t.name, t.slug) for t in p.categories] for p in posts] == [
        [("Binocular targets", "binocular-targets")],
        [("Beginners", "beginners"), ("Binocular targets", "binocular-targets")],
        [("Binocular targets", "binocular-targets"), ("Kit", "kit")],
        [("Binocular targets", "binocular-targets")],
        [("Binocular targets", "binocular-targets")],
    ]
    assert [[(t.name, t.slug) for t in p.tags] for p in posts] == [
        [("autumn", "autumn"), ("clusters", "clusters")],
        [("andromeda", "andromeda")],
        [],
        [("asterisms", "asterisms"), ("summer", "summer")],
        [("double stars", "double-stars")],
    ]
    assert [p.response_count for p in posts] == [4, 1, 0, 2, 7]
    uploads = f"{site}/wp-content/uploads"
    assert [p.featured_image.src if p.featured_image else None for p in posts] == [
        f"{uploads}/2023/10/perseus-clusters.jpg",
        f"{uploads}/2023/10/andromeda-wide.jpg",
        None,
        f"{uploads}/2023/09/vulpecula-field.jpg",
        None,
    ]
    assert [p.excerpt for p in posts] == [None] * 5
    assert [p.content_text for p in posts] == [
        "Halfway between Cassiopeia and Perseus there is a faint smudge that you can see "
        "without any help on a dark night. Put binoculars on it and the smudge splits into two "
        "separate clusters, side by side, each packed with pinpoint stars.\n\n"
        "I found it on the first clear evening after a week of rain, sitting in the garden "
        "with the binoculars braced on my knees.",
        "You do not need a chart for the Andromeda galaxy, only the Great Square of Pegasus and "
        "a little patience. From the top left corner of the square, hop along two stars, turn "
        "north, and sweep slowly.\n\n"
        "Start at Alpheratz, the corner star\n"
        "Hop to the second bright star in the chain\n"
        "Turn north past two fainter stars",
        "Two toilet roll tubes, painted black inside and taped over the objective lenses, kept "
        "my binoculars clear for an extra hour last night. Not elegant, but it works.",
        "Ten stars in a straight line with a little hook below it, hanging in the Milky Way "
        "between Vega and Altair. Once you have seen the Coathanger you will go back to it "
        "every summer.\n\n"
        "It sits low for me, so I wait until it is due south and the neighbour\u2019s security "
        "light has gone off.",
        "The middle star of the Plough\u2019s handle has a faint companion that sharp eyes can "
        "pick out unaided. In binoculars the pair is obvious, and on a steady night there is "
        "a third star hiding in the glare.",
    ]
    assert [[(c.text, c.credit) for c in p.captions] for p in posts] == [
        [], [], [], [("My sketch from the back step, north at the top.", "Ada Brenner")], []]
    _no_discussion(posts)
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Pocket Sky", f"{site}/", "Binocular astronomy from a suburban garden")


def test_an_oceanwp_category_archive() -> None:
    """OceanWP: blog entries with the meta list's text date in li.meta-date, the "0
    Comments" link, summaries without "Continue Reading", and Yoast's site description."""
    result = _archive("oceanwp-archive.html")
    posts = result.posts
    site = "https://secondgear.example.net"
    assert [(p.id, p.title, p.url) for p in posts] == [
        (642, "A wobbly wheel is rarely a bent one",
         f"{site}/a-wobbly-wheel-is-rarely-a-bent-one/"),
        (631, "Servicing a cup and cone rear hub", f"{site}/servicing-a-cup-and-cone-rear-hub/"),
        (619, "Living with tubeless sealant", f"{site}/living-with-tubeless-sealant/"),
        (604, "Your frame is a truing stand", f"{site}/your-frame-is-a-truing-stand/"),
        (598, "Listening to spokes", f"{site}/listening-to-spokes/"),
    ]
    jonas = ("Jonas Whitcombe", f"{site}/author/jonas/")
    hetty = ("Hetty Marsh", f"{site}/author/hetty/")
    assert [[(a.name, a.url) for a in p.authors] for p in posts] == [
        [jonas], [jonas], [hetty], [jonas], [hetty]]
    # <li class="meta-date" itemprop="datePublished">…14 March 2024</li>: text only
    assert [p.published for p in posts] == [
        datetime(2024, 3, 14), datetime(2024, 3, 2), datetime(2024, 2, 17),
        datetime(2024, 2, 3), datetime(2024, 1, 27)]
    assert [[(t.name, t.slug) for t in p.categories] for p in posts] == [
        [("Wheels", "wheels")],
        [("Hubs & bearings", "hubs-and-bearings"), ("Wheels", "wheels")],
        [("Tyres", "tyres"), ("Wheels", "wheels")],
        [("Wheels", "wheels")],
        [("Wheels", "wheels")],
    ]
    assert [p.response_count for p in posts] == [6, 1, 0, 3, 2]
    uploads = f"{site}/wp-content/uploads"
    assert [p.featured_image.src if p.featured_image else None for p in posts] == [
        f"{uploads}/2024/03/wobbly-wheel.jpg",
        f"{uploads}/2024/03/hub-on-table.jpg",
        None,
        f"{uploads}/2024/02/pencil-on-chainstay.jpg",
        f"{uploads}/2024/01/spoke-pluck.jpg",
    ]
    assert [_listing_text(p) for p in posts] == [
        "A wheel that wobbles from side to side is almost never bent. Nine times out of ten a "
        "few spokes have loosened over the winter, and the rim is simply\u2026",
        "The rear hub on my commuter had started to grumble on every climb, so on Sunday I "
        "took it apart on the kitchen table. Cup and cone hubs are simpler\u2026",
        "Tubeless tyres are sold as the end of punctures, and for thorns they mostly are. What "
        "nobody mentions is the sealant drying out every few months.",
        "Before you buy a truing stand, try the one you already own: the frame. Zip-tie a "
        "pencil to the chainstay so its point just misses the rim, spin the wheel\u2026",
        "Spoke tension meters are expensive. A cheaper test is to pluck each spoke and listen, "
        "moving round the wheel.",
    ]
    _no_discussion(posts)
    assert result.site is not None
    # OceanWP prints no tagline; Yoast's WebSite node in the page's graph carries it
    assert (result.site.name, result.site.url, result.site.description) == (
        "Second Gear", f"{site}/", "Fixing old bicycles one bolt at a time")


def test_a_kadence_category_archive() -> None:
    """Kadence: loop entries without an id attribute, categories linked with rel="tag", the
    meta line's comments link, and summaries without "Read More"; the Kadence Posts block
    in the sidebar lists no posts of the page."""
    result = _archive("kadence-archive.html")
    posts = result.posts
    site = "https://leafandkettle.example.com"
    assert [(p.id, p.title, p.url) for p in posts] == [
        (733, "Roasted Tieguanyin, brewed hot", f"{site}/roasted-tieguanyin-brewed-hot/"),
        (721, "Why oolong is rolled into balls", f"{site}/why-oolong-is-rolled-into-balls/"),
        (714, "Baozhong and the smell of lilac", f"{site}/baozhong-and-the-smell-of-lilac/"),
        (702, "Gaiwan brewing without burnt fingers",
         f"{site}/gaiwan-brewing-without-burnt-fingers/"),
        (690, "Three temperatures for a Lishan oolong",
         f"{site}/three-temperatures-for-a-lishan-oolong/"),
    ]
    mei = ("Mei Calloway", f"{site}/author/mei/")
    arto = ("Arto Lind", f"{site}/author/arto/")
    assert [[(a.name, a.url) for a in p.authors] for p in posts] == [
        [mei], [mei], [arto], [mei], [arto]]
    assert [p.published for p in posts] == [
        datetime(2024, 6, 2, 9, 20, tzinfo=BST),
        datetime(2024, 5, 19, 16, 45, tzinfo=BST),
        datetime(2024, 5, 5, 8, 10, tzinfo=BST),
        datetime(2024, 4, 21, 10, 30, tzinfo=BST),
        datetime(2024, 4, 7, 11, 0, tzinfo=BST),
    ]
    # a separate <time class="updated"> where the post was modified; an unmodified post's
    # one <time class="entry-date published updated"> says no more than its publication
    assert (posts[0].updated, posts[3].updated) == (
        datetime(2024, 6, 4, 18, 3, 51, tzinfo=BST), datetime(2024, 4, 22, 7, 15, 2, tzinfo=BST))
    for post in (posts[1], posts[2], posts[4]):
        assert post.updated in (None, post.published)
    assert [[(t.name, t.slug) for t in p.categories] for p in posts] == [
        [("Oolong", "oolong"), ("Tasting notes", "tasting-notes")],
        [("Oolong", "oolong")],
        [("Oolong", "oolong")],
        [("Brewing", "brewing"), ("Oolong", "oolong")],
        [("Oolong", "oolong")],
    ]
    assert [p.response_count for p in posts] == [5, 1, 0, 3, 2]
    uploads = f"{site}/wp-content/uploads"
    assert [p.featured_image.src if p.featured_image else None for p in posts] == [
        f"{uploads}/2024/06/roasted-leaf-768x512.jpg",
        f"{uploads}/2024/05/rolled-pearls-768x512.jpg",
        None,
        f"{uploads}/2024/04/white-gaiwan-768x512.jpg",
        f"{uploads}/2024/04/three-cups-768x512.jpg",
    ]
    assert [_listing_text(p) for p in posts] == [
        "A roasted Tieguanyin tastes nothing like the green, floral version most shops sell. "
        "The charcoal roast turns the leaf brown, pushes the flowers into the background and "
        "brings out something like toasted rice and stone fruit. I brew it hotter, close to "
        "boiling, and give the first infusion a full minute before pouring it off [\u2026]",
        "Most of the oolong in my cupboard is rolled into tight balls, and I had always "
        "assumed the rolling was about keeping the leaf fresh on a long journey. A grower I "
        "wrote to last winter said it is mostly about how the tea opens in the pot: slowly, "
        "over five or six infusions, instead [\u2026]",
        "A light, barely oxidised oolong that smells of lilac and cut grass, and how I brew it "
        "without losing the flowers.",
        "I used to think gaiwan brewing needed a steady hand and asbestos fingers. It needs "
        "neither, only a gaiwan that is not filled to the brim and a lid held at a slight "
        "tilt. After a week of practice I stopped spilling tea on the table and started "
        "paying attention to the leaves instead, which [\u2026]",
        "High mountain oolong from Lishan is expensive, so I ran a small test with three water "
        "temperatures and the same five grams of leaf.",
    ]
    _no_discussion(posts)
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Leaf & Kettle", f"{site}/", "Tasting notes from a small teapot")
