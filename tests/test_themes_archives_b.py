"""Category archives (page 1 of several) as Twenty Twenty-One, Twenty Twenty-Four, Neve and
Blocksy print them.

Each page lists its posts in the theme's own entry or card markup, under the "Category:"
header with the term's description, followed by pagination links, sidebar or footer widgets
(recent posts, recent comments, categories) and the site footer.  The widgets link to posts
too, but only the entries of the loop are posts.

- Twenty Twenty-One: ``template-parts/content/content-excerpt.php`` per post, the excerpt
  inside ``.entry-content``, ``twenty_twenty_one_entry_meta_footer()`` (date and terms, no
  byline, no comment count), widgets in the footer's ``aside.widget-area``.
- Twenty Twenty-Four: the archive template's Query Loop, ``ul.wp-block-post-template`` with
  ``li.wp-block-post`` items (featured image, title, excerpt, date), blocks in the footer.
- Neve: ``article.layout-default`` cards in ``.posts-wrapper`` with the ``nv-meta-list``
  (author, date, categories, comments) and ``.excerpt-wrap.entry-summary``.
- Blocksy: ``article.entry-card`` items in ``div.entries`` with two ``ul.entry-meta`` rows
  (category pills above the title; author, date and comments below the excerpt).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import blogparse
from blogparse import PageResult, Post

PAGES = Path(__file__).parent / "pages" / "themes"


def _archive(name: str) -> PageResult:
    result = blogparse.parse_page((PAGES / name).read_bytes())
    assert result.kind == "archive"
    return result


def _no_discussion(posts: tuple[Post, ...]) -> None:
    for post in posts:
        assert (post.comments, post.pingbacks, post.comment_form) == ((), (), None)


def _featured(post: Post) -> str | None:
    return post.featured_image.src if post.featured_image is not None else None


def test_twentytwentyone_category_archive() -> None:
    """Twenty Twenty-One: excerpt entries with date and terms, the footer widgets left out."""
    result = _archive("twentytwentyone-archive.html")
    cest = timezone(timedelta(hours=2))
    home = "https://stillwater.example.org"
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Still Water", f"{home}/", "A freshwater tank diary")
    assert [(p.id, p.title, p.url) for p in result.posts] == [
        (931, "Choosing a heater for a sixty-litre tank",
         f"{home}/2024/07/09/choosing-a-heater-for-a-sixty-litre-tank/"),
        (905, "Cycling a new tank without fish",
         f"{home}/2024/06/18/cycling-a-new-tank-without-fish/"),
        (898, "Choosing a substrate for root feeders",
         f"{home}/2024/06/04/choosing-a-substrate-for-root-feeders/"),
        (880, "Rinsing new gravel properly", f"{home}/2024/05/27/rinsing-new-gravel-properly/"),
        (841, "Levelling the stand", f"{home}/2024/04/29/levelling-the-stand/"),
    ]
    # the archive entry prints no byline, and no comment count
    assert [(p.authors, p.response_count) for p in result.posts] == [((), None)] * 5
    assert [p.published for p in result.posts] == [
        datetime(2024, 7, 9, 18, 10, tzinfo=cest),
        datetime(2024, 6, 18, 7, 45, tzinfo=cest),
        datetime(2024, 6, 4, 19, 25, tzinfo=cest),
        datetime(2024, 5, 27, 20, 30, tzinfo=cest),
        datetime(2024, 4, 29, 16, 40, tzinfo=cest),
    ]
    assert [[(t.name, t.slug) for t in p.categories] for p in result.posts] == [
        [("Setup", "setup")],
        [("Setup", "setup")],
        [("Plants", "plants"), ("Setup", "setup")],
        [("Setup", "setup")],
        [("Beginners", "beginners"), ("Setup", "setup")],
    ]
    assert [[(t.name, t.slug) for t in p.tags] for p in result.posts] == [
        [("Heaters", "heaters")],
        [("Ammonia", "ammonia"), ("Nitrogen cycle", "nitrogen-cycle"),
         ("Test kits", "test-kits")],
        [("Substrate", "substrate")],
        [("Gravel", "gravel"), ("Substrate", "substrate")],
        [],
    ]
    # the excerpt is printed in .entry-content; "Continue reading <title>" is furniture
    assert [p.content_text for p in result.posts] == [
        "A heater that is too small runs all day and still leaves the water cold on winter "
        "nights. One that is too big can cook the whole tank if its thermostat ever sticks, "
        "so I size them by volume first and by price last. The rule of thumb I use Roughly "
        "one watt for every litre of water A…",
        "Every new aquarium needs a colony of bacteria before it can keep fish alive. Growing "
        "that colony with bottled ammonia instead of livestock takes a few weeks and costs no "
        "lives. The routine Dose ammonia to about two parts per million Test every other day "
        "and write the numbers down Dose again whenever the ammonia…",
        "Sword plants and crypts feed through their roots, so plain sand starves them. Here is "
        "the layered bed I settled on after two failed tries.",
        "Bagged gravel is never as clean as the label says. A bucket, a garden hose and twenty "
        "patient minutes spare you a week of cloudy water.",
        "The stand has to be level before the first litre of water goes in. A spirit level "
        "laid along all four edges and a few plastic shims are all it takes.",
    ]
    uploads = f"{home}/wp-content/uploads"
    assert [_featured(p) for p in result.posts] == [
        f"{uploads}/2024/07/heater-in-corner-1568x882.jpg",
        f"{uploads}/2024/06/new-tank-empty-1568x882.jpg",
        f"{uploads}/2024/06/sword-plant-roots-1568x1045.jpg",
        None,
        f"{uploads}/2024/04/spirit-level-on-stand-1568x882.jpg",
    ]
    _no_discussion(result.posts)


def test_twentytwentyfour_category_archive() -> None:
    """Twenty Twenty-Four: the Query Loop's items, not the footer's Latest Posts block."""
    result = _archive("twentytwentyfour-archive.html")
    bst = timezone(timedelta(hours=1))
    home = "https://tippetandfly.example.com"
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Tippet & Fly", home, "Notes from the river bank")
    assert [(p.id, p.title, p.url, p.published) for p in result.posts] == [
        (2262, "Reading a hatch chart", f"{home}/2024/06/19/reading-a-hatch-chart/",
         datetime(2024, 6, 19, 6, 50, tzinfo=bst)),
        (2210, "A parachute Adams that floats all day",
         f"{home}/2024/06/08/a-parachute-adams-that-floats-all-day/",
         datetime(2024, 6, 8, 7, 30, tzinfo=bst)),
        (2187, "Deer hair that floats", f"{home}/2024/05/30/deer-hair-that-floats/",
         datetime(2024, 5, 30, 21, 15, tzinfo=bst)),
        (2153, "Hackle from a cheap cape", f"{home}/2024/05/14/hackle-from-a-cheap-cape/",
         datetime(2024, 5, 14, 12, 0, tzinfo=bst)),
        (2120, "Mayfly week on a chalk stream",
         f"{home}/2024/05/02/mayfly-week-on-a-chalk-stream/",
         datetime(2024, 5, 2, 19, 40, tzinfo=bst)),
        (2098, "Tying the klinkhamer", f"{home}/2024/04/21/tying-the-klinkhamer/",
         datetime(2024, 4, 21, 8, 25, tzinfo=bst)),
    ]
    # the grid shows no author, no terms and no comment count
    assert [(p.authors, p.categories, p.tags, p.response_count, p.updated)
            for p in result.posts] == [((), (), (), None, None)] * 6
    excerpts = [
        "A hatch chart tells you what should be on the water, not what is. Here is how I use "
        "one without letting it do my thinking.",
        "Three small changes to the way I wind the hackle, and my parachutes now last a whole "
        "evening rise.",
        "Most of my caddis patterns sank within a few casts until I stopped using deer hair "
        "from the craft shop. Hair from the back of a winter deer has thick, hollow fibres "
        "that trap air, and it flares well under the thread. What to look for Hollow fibres "
        "with fine tips Tips that line up…",
        "An Indian cock cape costs a tenth of a genetic one. With a little sorting it still "
        "gives plenty of good feathers for size 12 and 14.",
        "Two days of wind, then one still evening when the spinners fell at dusk and every "
        "trout in the beat looked up. I caught four on a spent gnat and missed twice as many.",
        "The klinkhamer hangs its body below the film and keeps a bright post above it. It is "
        "my first choice when fish are taking emergers.",
    ]
    assert [p.excerpt for p in result.posts] == excerpts
    assert all(p.content_text in (None, e) for p, e in zip(result.posts, excerpts, strict=True))
    uploads = f"{home}/wp-content/uploads"
    assert [_featured(p) for p in result.posts] == [
        f"{uploads}/2024/06/hatch-chart-on-the-kitchen-table.jpg",
        f"{uploads}/2024/06/adams-in-the-vice.jpg",
        f"{uploads}/2024/05/deer-hair-patches.jpg",
        None,
        f"{uploads}/2024/05/spent-gnat-on-the-water.jpg",
        f"{uploads}/2024/04/klinkhamer-close-up.jpg",
    ]
    _no_discussion(result.posts)


def test_neve_category_archive() -> None:
    """Neve: every card of the posts wrapper, its meta list, and its excerpt without Read More."""
    result = _archive("neve-archive.html")
    eet = timezone(timedelta(hours=2))
    home = "https://darkskylog.example.net"
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Dark Sky Logbook", f"{home}/", "Notes from a Bortle 4 back garden")
    assert [(p.id, p.title, p.url) for p in result.posts] == [
        (5644, "Jupiter’s moons over a week of clear nights",
         f"{home}/2024/03/08/jupiters-moons-over-a-week/"),
        (5530, "Finding the Double Cluster without a go-to mount",
         f"{home}/2024/02/10/finding-the-double-cluster/"),
        (5511, "A cold night on Orion", f"{home}/2024/01/28/a-cold-night-on-orion/"),
        (5490, "Comet hunting from the allotment",
         f"{home}/2024/01/09/comet-hunting-from-the-allotment/"),
        (5468, "The Pleiades through three eyepieces",
         f"{home}/2023/12/17/the-pleiades-through-three-eyepieces/"),
    ]
    imogen = ("Imogen Achterberg", f"{home}/author/imogen/")
    assert [[(a.name, a.url) for a in p.authors] for p in result.posts] == [
        [imogen], [imogen], [("Tomasz Wrona", f"{home}/author/tomasz/")], [imogen], [imogen]]
    assert [(p.published, p.updated) for p in result.posts] == [
        (datetime(2024, 3, 8, 20, 40, tzinfo=eet), None),
        (datetime(2024, 2, 10, 21, 15, tzinfo=eet), datetime(2024, 2, 14, 8, 0, tzinfo=eet)),
        (datetime(2024, 1, 28, 19, 5, tzinfo=eet), None),
        (datetime(2024, 1, 9, 22, 30, tzinfo=eet), None),
        (datetime(2023, 12, 17, 18, 55, tzinfo=eet), None),
    ]
    observing = ("Observing reports", "observing-reports")
    assert [[(t.name, t.slug) for t in p.categories] for p in result.posts] == [
        [observing, ("Planets", "planets")],
        [observing],
        [("Deep sky", "deep-sky"), observing],
        [("Comets", "comets"), observing],
        [("Deep sky", "deep-sky"), observing],
    ]
    assert [p.tags for p in result.posts] == [()] * 5
    # "5 Comments" in the meta list; the comet post's comments are closed and show no count
    assert [p.response_count for p in result.posts] == [3, 5, 1, None, 2]
    excerpts = [
        "Seven clear nights in a row is rare here, so I sketched Jupiter every evening at the "
        "same hour. By the end of the week the four bright moons had traced out their orbits "
        "on the page, and Io had gone round almost four times…",
        "The Double Cluster is one of the few deep-sky sights that looks better in binoculars "
        "than in my telescope. Two loose knots of stars sit side by side, close…",
        "Minus nine on the thermometer and a sky so steady that the Trapezium split into six "
        "stars. I lasted ninety minutes before my fingers gave up.",
        "The allotment has no street lights and a clear view to the east, which is exactly "
        "where this winter’s comet rose. I found it on the third try.",
        "A wide field shows the whole cluster with room around it, while high power loses it "
        "completely. The middle eyepiece turned out to be the one I kept going back to.",
    ]
    # "Read More »" and the screen-reader copy of the title are the theme's link, not text
    assert [p.excerpt for p in result.posts] == excerpts
    assert all(p.content_text in (None, e) for p, e in zip(result.posts, excerpts, strict=True))
    uploads = f"{home}/wp-content/uploads"
    assert [_featured(p) for p in result.posts] == [
        f"{uploads}/2024/03/jupiter-sketch-page-930x620.jpg",
        f"{uploads}/2024/02/perseus-field-930x620.jpg",
        f"{uploads}/2024/01/orion-over-shed-930x620.jpg",
        None,
        f"{uploads}/2023/12/pleiades-wide-930x620.jpg",
    ]
    _no_discussion(result.posts)


def test_blocksy_category_archive() -> None:
    """Blocksy: entry cards with category pills, an excerpt, and the author/date/comments row."""
    result = _archive("blocksy-archive.html")
    edt = timezone(timedelta(hours=-4))
    home = "https://leafnode.example.org"
    assert result.site is not None
    assert (result.site.name, result.site.url, result.site.description) == (
        "Leaf Node", f"{home}/", "Growing more plants from the ones you have")
    assert [(p.id, p.title, p.url, p.published) for p in result.posts] == [
        (768, "Propagating a string of pearls", f"{home}/propagating-a-string-of-pearls/",
         datetime(2024, 6, 2, 9, 15, tzinfo=edt)),
        (751, "Leaf cuttings that never rooted", f"{home}/leaf-cuttings-that-never-rooted/",
         datetime(2024, 5, 20, 18, 40, tzinfo=edt)),
        (734, "Rooting pothos cuttings in water", f"{home}/rooting-pothos-cuttings-in-water/",
         datetime(2024, 5, 6, 7, 30, tzinfo=edt)),
        (719, "Softwood cuttings of salvia", f"{home}/softwood-cuttings-of-salvia/",
         datetime(2024, 4, 18, 12, 5, tzinfo=edt)),
        (702, "A humidity dome from a cake box", f"{home}/a-humidity-dome-from-a-cake-box/",
         datetime(2024, 4, 2, 20, 0, tzinfo=edt)),
    ]
    maren = ("Maren Alder", f"{home}/author/maren/")
    assert [[(a.name, a.url) for a in p.authors] for p in result.posts] == [
        [maren], [maren], [maren], [("Joel Pettersson", f"{home}/author/joel/")], [maren]]
    cuttings = ("Cuttings", "cuttings")
    assert [[(t.name, t.slug) for t in p.categories] for p in result.posts] == [
        [cuttings, ("Succulents", "succulents")],
        [cuttings],
        [cuttings, ("Vining plants", "vining-plants")],
        [cuttings, ("Herbs", "herbs")],
        [cuttings, ("Equipment", "equipment")],
    ]
    assert [(p.tags, p.updated) for p in result.posts] == [((), None)] * 5
    # "2 Comments" in li.meta-comments; a post without comments shows no count
    assert [p.response_count for p in result.posts] == [2, None, 4, 1, 6]
    excerpts = [
        "Lay the strands flat on the soil instead of pushing them in. Every node that touches "
        "the surface sends down its own roots within a fortnight, and the pot fills up long "
        "before the cut ends would have rooted on their own, which is why I no longer bother "
        "with water at all for this plant…",
        "Twelve begonia leaves, twelve slow deaths. A short list of what went wrong, so you "
        "can skip my mistakes.",
        "Pothos is the easiest plant I know to multiply. Cut below a node, stand it in a "
        "glass, and watch the roots come through in two or three weeks.",
        "Salvias root so fast in spring that I take a dozen just in case. A guest post on "
        "timing, rooting mix and keeping the tips from wilting.",
        "The clear lid of a supermarket cake box makes a free propagator. Mine has kept a "
        "tray of cuttings humid for three seasons now.",
    ]
    assert [p.excerpt for p in result.posts] == excerpts
    assert all(p.content_text in (None, e) for p, e in zip(result.posts, excerpts, strict=True))
    uploads = f"{home}/wp-content/uploads"
    assert [_featured(p) for p in result.posts] == [
        f"{uploads}/2024/06/pearls-on-soil-768x512.jpg",
        f"{uploads}/2024/05/yellowed-leaves-768x512.jpg",
        f"{uploads}/2024/05/windowsill-jars-768x512.jpg",
        None,
        f"{uploads}/2024/04/cake-box-dome-768x512.jpg",
    ]
    _no_discussion(result.posts)
