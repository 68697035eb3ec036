"""The plain-text dump path: the seed page, hand-written dumps, and dumps made by real tools.

Dumps made during the tests come from lynx, w3m, Debian's html2text, links and elinks run
over the fixture pages in ``tests/pages/dumpsrc`` and over the shared corpus; a tool that is
not installed skips its tests.  The HTML parse of the same page is the reference for the
fields both formats carry (cross-format agreement).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blogparse
from blogparse import DefectKind, Post, StrictModeError
from blogparse._textdump import parse_text

HERE = Path(__file__).resolve().parent
DUMPS = HERE / "dumps"
DUMPSRC = HERE / "pages" / "dumpsrc"
SEED = "seed/000_3bee816c1b249072.txt"

# The commands a user would type; the flags only fix the character set to UTF-8.
TOOLS: dict[str, list[str]] = {
    "lynx": ["lynx", "-dump", "-display_charset=utf-8", "-assume_charset=utf-8", "-force_html"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
    "html2text": ["html2text", "-utf8", "-nobs"],
    "links": ["links", "-dump", "-codepage", "utf-8"],
    "elinks": ["elinks", "-dump", "-dump-charset", "utf-8"],
}
# these tools print an image's alternative text on its caption's line
LINE_MERGING_TOOLS = {"lynx", "links", "elinks"}


def dump(tool: str, path: Path) -> str:
    """Run ``tool`` over the page at ``path``; skip the test when it is not installed."""
    argv = TOOLS[tool]
    if shutil.which(argv[0]) is None:
        pytest.skip(f"{argv[0]} is not installed")
    done = subprocess.run([*argv, str(path)], capture_output=True, timeout=60, check=True,
                          env={"HOME": "/nonexistent", "PATH": "/usr/bin:/bin",
                               "LANG": "C.UTF-8", "TERM": "dumb"})
    return done.stdout.decode("utf-8", "replace")


def one_post(text: str) -> Post:
    result = parse_text(text)
    assert result.kind == "single", result.defects
    assert result.format == "text"
    post = result.post
    assert post is not None
    return post


# --- the seed -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_post(shared_dir: Path) -> Post:
    return one_post((shared_dir / SEED).read_text(encoding="utf-8"))


def test_seed_title_has_plain_spaces(seed_post: Post) -> None:
    """The seed's title comes out exactly, its no-break space made plain."""
    assert seed_post.title == "Russia And China Stand Close But Not Fully Shoulder To Shoulder"


def test_seed_caption_and_credit(seed_post: Post) -> None:
    """The seed has one caption whose photo credit is split off."""
    assert [(c.text, c.credit) for c in seed_post.captions] == [(
        "President Vladimir Putin of Russia (left) seen with President Xi Jinping of China "
        "at the Diaoyutai State Guesthouse in Beijing on February 4, 2022.",
        "Xinhua/Ding Haitao",
    )]


def test_seed_body_blocks_in_page_order(seed_post: Post) -> None:
    """Nine paragraphs and one bulleted list of three, the list after "talking points:"."""
    kinds = [b.kind for b in seed_post.blocks]
    assert kinds.count("paragraph") == 9
    assert kinds.count("list") == 1
    assert len(kinds) == 10
    at = kinds.index("list")
    assert seed_post.blocks[at - 1].text.endswith("talking points:")
    listed = seed_post.blocks[at]
    assert listed.ordered is False
    assert len(listed.items) == 3
    assert listed.items[0].startswith("a call on the West")
    assert listed.items[2].endswith("strategic coordination.")
    assert seed_post.blocks[0].text.startswith("PRESIDENT VLADIMIR PUTIN")
    assert seed_post.blocks[-1].text.endswith("the West’s soft power.")


def test_seed_body_has_no_furniture(seed_post: Post) -> None:
    """Caption, category, response and form text stay out of the body."""
    body = seed_post.content_text or ""
    for furniture in ("Photo credit", "Xinhua", "Filed under", "responses to", "Pingback",
                      "Leave a Reply", "commenting using", "Connecting to"):
        assert furniture not in body
    assert body == "\n\n".join(b.text for b in seed_post.blocks)


def test_seed_terms(seed_post: Post) -> None:
    """One category, no tags, and no url invented for it."""
    assert [(t.name, t.url, t.taxonomy) for t in seed_post.categories] == [
        ("China-Russia", None, "category")]
    assert seed_post.tags == ()


def test_seed_discussion(seed_post: Post) -> None:
    """Response count 4, four pingbacks from China Bystander without urls, no comments."""
    assert seed_post.response_count == 4
    assert [(p.title, p.blog_name, p.url, p.kind) for p in seed_post.pingbacks] == [
        ("Russia’s Ukraine Invasion Leaves China In A Quandry", "China Bystander", None,
         "pingback"),
        ("China-Russia Trade Slows In March", "China Bystander", None, "pingback"),
        ("China And Russia Fly Too Close For The Quad’s Comfort", "China Bystander", None,
         "pingback"),
        ("Xi and Putin To Meet In Samarkand", "China Bystander", None, "pingback"),
    ]
    assert seed_post.comments == ()


def test_seed_comment_form(seed_post: Post) -> None:
    """The form's heading and the three log-in services it offers."""
    form = seed_post.comment_form
    assert form is not None
    assert form.heading == "Leave a Reply"
    assert [o.name for o in form.login_options] == ["WordPress.com", "Twitter", "Facebook"]


def test_seed_invents_nothing(seed_post: Post) -> None:
    """No date, author or url: the dump does not carry them (the body's date is no byline)."""
    assert seed_post.published is None
    assert seed_post.updated is None
    assert seed_post.authors == ()
    assert seed_post.url is None


def test_seed_through_parse_page(shared_dir: Path) -> None:
    """parse_page sniffs the seed's bytes as a text dump and gives the same post."""
    data = (shared_dir / SEED).read_bytes()
    result = blogparse.parse_page(data)
    assert result.format == "text"
    assert result.encoding == "utf-8"
    assert result.post == parse_text(data.decode("utf-8")).post


# --- hand-written dumps -----------------------------------------------------------------------


def test_markdown_dump_recovers_links() -> None:
    """Markdown (Python html2text) inline and reference links give the urls the page had."""
    post = one_post((DUMPS / "markdown_reference_links.txt").read_text(encoding="utf-8"))
    assert post.title == "Fixing a Slow Puncture on the Roadside"
    assert [(t.name, t.url, t.slug) for t in post.categories] == [
        ("Maintenance", "https://quarryroad.example/category/maintenance/", "maintenance")]
    assert [t.name for t in post.tags] == ["punctures", "tools"]
    assert post.tags[1].url == "https://quarryroad.example/tag/tools/"
    assert post.response_count == 2
    [ping] = post.pingbacks
    assert (ping.title, ping.blog_name, ping.url) == (
        "Ten small repairs every rider should know", "Spoke & Chain",
        "https://spokeandchain.example/2024/03/10/ten-repairs/")
    [comment] = post.comments
    assert comment.author is not None
    assert comment.author.name == "Cormac Lyle"
    assert comment.id == 77
    assert comment.content_text == "The chalk trick is new to me. Thanks."
    assert comment.date is not None
    assert (comment.date.day, comment.date.hour) == (4, 19)
    [caption] = post.captions
    assert caption.credit == "Piet Molenaar"
    assert caption.image is not None
    assert caption.image.src == "https://quarryroad.example/wp-content/uploads/2024/03/tube.jpg"
    assert post.authors[0].url == "https://quarryroad.example/author/odile/"
    assert post.comment_form is not None
    assert post.comment_form.heading == "Leave a Reply"
    assert post.comment_form.submit_label == "Post Comment"


def test_markdown_dump_blocks() -> None:
    """Wrapped Markdown paragraphs are re-joined; emphasis marks and headings are read."""
    post = one_post((DUMPS / "markdown_reference_links.txt").read_text(encoding="utf-8"))
    kinds = [(b.kind, b.ordered) for b in post.blocks]
    assert kinds == [("paragraph", None), ("paragraph", None), ("list", True),
                     ("paragraph", None), ("heading", None), ("list", False)]
    assert post.blocks[0].text.endswith("the next village is an hour away.")
    assert "stuck in the tyre" in post.blocks[3].text
    assert "_" not in post.blocks[3].text
    assert "*" not in post.blocks[3].text
    assert post.blocks[4].level == 3
    assert post.blocks[5].items == ("Two tyre levers", "A patch kit with fresh glue",
                                    "A spare tube")


def test_select_all_copy_german() -> None:
    """A German page copied from a browser: labels, "sagt:", dates, form heading."""
    post = one_post((DUMPS / "select_all_copy_de.txt").read_text(encoding="utf-8"))
    assert post.title == "Warum wir die Tomaten dieses Jahr später pflanzen"
    assert [t.name for t in post.categories] == ["Gemüse"]
    assert [t.name for t in post.tags] == ["Frühbeet", "Tomaten"]
    assert post.response_count == 3
    assert [(c.author.name if c.author else None, c.date.isoformat() if c.date else None)
            for c in post.comments] == [("Hinnerk", "2022-05-03T07:15:00"),
                                        ("Frauke Ahlers", "2022-05-03T09:40:00")]
    assert [(p.title, p.blog_name) for p in post.pingbacks] == [
        ("Wochenrückblick 18", "Küstengärten")]
    assert post.comment_form is not None
    assert post.comment_form.heading == "Schreibe einen Kommentar"
    assert post.comment_form.submit_label == "Kommentar abschicken"
    assert [(c.text, c.credit) for c in post.captions] == [
        ("Jungpflanzen im Frühbeet, aufgenommen Ende April.", "Gesa Ahlers")]
    # the byline's date and author are read; the date in the body is not the post's
    assert post.published is not None
    assert post.published.date().isoformat() == "2022-05-02"
    assert [a.name for a in post.authors] == ["Frauke Ahlers"]
    assert any(b.text.startswith("Am 3. Juni 2021") for b in post.blocks)
    assert [b.kind for b in post.blocks].count("list") == 1


def test_lynx_style_dump() -> None:
    """lynx: wrapped headings at the margin, references, Twenty Ten's term sentence, threads."""
    post = one_post((DUMPS / "lynx_style.txt").read_text(encoding="utf-8"))
    title = "The Winter Timetable for the Island Ferries Is Out, With Two Fewer Sailings"
    assert post.title == title
    assert [(t.name, t.url) for t in post.categories] == [
        ("Timetables", "https://ferrylog.example/category/timetables/")]
    assert [t.name for t in post.tags] == ["ferries", "winter"]
    [ping] = post.pingbacks
    # the " - Harbour Watch" lynx wrapped onto the next line is no bullet
    assert (ping.title, ping.blog_name, ping.url) == (
        "Weekly round-up: ferries, fares and the new pier roof", "Harbour Watch",
        "https://harbourwatch.example/2023/10/06/round-up/")
    assert [(c.id, c.depth, c.parent_id) for c in post.comments] == [
        (310, 1, None), (312, 2, 310)]
    [caption] = post.captions
    assert (caption.text, caption.credit) == (
        "The 07:40 sailing leaving the pier in October.", "Idris Maddock")
    assert caption.image is not None
    assert caption.image.link == "https://ferrylog.example/wp-content/uploads/2023/10/pier.jpg"
    assert [b.kind for b in post.blocks] == ["paragraph", "paragraph", "list", "paragraph"]
    assert "Home »" not in (post.content_text or "")
    assert post.comment_form is not None
    assert post.comment_form.heading == "Leave a Reply"


def test_html2text_style_dump() -> None:
    """Debian html2text: star headings wrapped over lines, underscores in links, run-in
    image alt text, a sentence starting with a label word kept in the body."""
    post = one_post((DUMPS / "html2text_style.txt").read_text(encoding="utf-8"))
    assert post.title == ("Leeks in the Frost: What Survived the Cold Snap and What Did Not "
                          "After Three Nights Below Zero")
    assert post.response_count == 1
    assert [t.name for t in post.categories] == ["Winter"]
    assert [t.name for t in post.tags] == ["frost", "leeks"]
    [caption] = post.captions
    assert (caption.text, caption.credit) == ("Leeks on the second morning.", "Tomasz Wierzba")
    assert caption.image is not None
    assert caption.image.alt == "Frosted leeks in a row"
    assert any(b.text.startswith("Am Tag danach") for b in post.blocks)
    [comment] = post.comments
    assert comment.author is not None
    assert comment.author.name == "Bogna Kowalczyk"
    assert comment.content_text == "My chard went the same way. Fleece next time!"
    assert post.comment_form is not None
    assert post.comment_form.heading == "Leave a Comment"
    assert post.comment_form.notes == ("You must be logged in to post a comment.",)


def test_short_post_with_a_dated_byline() -> None:
    """A post too short to hold a run of prose is found by its title and dated byline."""
    text = "\n".join([
        "Skip to content", "Mudlark Notes", "", "Low tide, 6 a.m.:", "",
        "Posted on March 2, 2024 by Wen Ashby", "", "Fog.", "",
        "Posted in Mornings | Tagged fog", "", "Leave a Reply Cancel reply", "",
    ])
    post = one_post(text)
    assert post.title == "Low tide, 6 a.m.:"
    assert [b.text for b in post.blocks] == ["Fog."]
    assert [t.name for t in post.categories] == ["Mornings"]
    assert [t.name for t in post.tags] == ["fog"]
    assert post.published is not None
    assert post.published.isoformat() == "2024-03-02T00:00:00"
    assert post.comment_form is not None
    assert post.comment_form.heading == "Leave a Reply"


_PROSE = ("The nets came up heavy after the second tide, and we sorted the catch on the "
          "deck while the gulls argued over whatever went back into the water.")


def test_a_title_ending_in_an_entity_s_text_is_a_title() -> None:
    """A line ending in "&amp;" as written ends in no clause's semicolon."""
    text = "\n".join([
        "Skip to content", "Harbour Log", "", "Nets &amp;", "",
        "Posted on June 4, 2024 by Ida Brenner", "", "A note before the catch", "",
        _PROSE, "", _PROSE, "",
    ])
    assert one_post(text).title == "Nets &amp;"


def test_a_count_after_a_few_words_is_a_comments_heading() -> None:
    """OceanWP's "This Post Has 2 Comments" starts the discussion and gives the count."""
    text = "\n".join([
        "Skip to content", "Harbour Log", "", "Mending the big net", "",
        "Posted on June 4, 2024 by Ida Brenner", "", _PROSE, "", _PROSE, "",
        "This Post Has 2 Comments", "", "Ann says:", "", "June 5, 2024 at 9:10 am", "",
        "Which knot do you use?", "", "Reply", "",
        "Ida Brenner says:", "", "June 5, 2024 at 11:00 am", "", "A sheet bend.", "",
        "Reply", "", "Leave a Reply Cancel reply", "",
    ])
    post = one_post(text)
    assert post.response_count == 2
    assert post.content_text == f"{_PROSE}\n\n{_PROSE}"


def test_title_is_matched_exactly_before_loosely() -> None:
    """The comments heading's quoted title picks the line with the same characters, not a
    site name that differs only in punctuation."""
    text = "\n".join([
        "Ebb", "", "Ebb?", "", "Posted on March 2, 2024 by Wen Ashby", "",
        "The water went out further than anyone on the quay could remember, and stayed "
        "out for most of the afternoon while the boats sat on the mud.", "",
        "One thought on “Ebb?”", "", "Pingback: Links for March | Quay Diary", "",
    ])
    assert one_post(text).title == "Ebb?"


@pytest.mark.parametrize("name", ["not_a_blog.txt", "not_a_blog_notes.txt"])
def test_text_that_is_no_blog_page_gives_an_empty_result(name: str) -> None:
    """Notes that say "says:", "by", "tags:" and "Posted in" in passing are no blog post:
    an empty result with a NO_POSTS defect, no guessed post."""
    text = (DUMPS / name).read_text(encoding="utf-8")
    result = parse_text(text)
    assert result.kind == "empty"
    assert result.posts == ()
    assert [d.kind for d in result.defects] == [DefectKind.NO_POSTS]


def test_text_that_is_no_blog_page_raises_in_strict_mode() -> None:
    """Strict mode turns the NO_POSTS defect into the library's own error."""
    text = (DUMPS / "not_a_blog.txt").read_text(encoding="utf-8")
    with pytest.raises(StrictModeError) as info:
        parse_text(text, options=blogparse.STRICT)
    assert [d.kind for d in info.value.defects] == [DefectKind.NO_POSTS]
    assert isinstance(info.value, blogparse.BlogparseError)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "hello", "Leave a Reply", "\x00\x08\x1b[2J"])
def test_tiny_inputs_give_empty_results(text: str) -> None:
    """Empty and nearly empty text parses to an empty result, never a post."""
    result = parse_text(text)
    assert result.kind == "empty"
    assert result.posts == ()


def test_result_round_trips_through_json(shared_dir: Path) -> None:
    """The text result converts to plain data and back without loss."""
    result = parse_text((shared_dir / SEED).read_text(encoding="utf-8"), url="https://x.example/p/")
    assert blogparse.PageResult.from_dict(result.to_dict()) == result
    assert result.url == "https://x.example/p/"


def test_long_lines_do_not_backtrack() -> None:
    """Pathological long lines parse quickly (bounded regular expressions)."""
    nasty = [
        "a" * 50_000,
        ("Filed under " + "x, " * 20_000),
        ("[" * 10_000) + ("]" * 10_000),
        ("Pingback: " + "| " * 20_000),
        ("1. " + "says " * 10_000 + "says:"),
        ("_" * 30_000 + " " + "*" * 30_000),
        ("You are commenting using your " + "x " * 20_000),
    ]
    for line in nasty:
        started = time.perf_counter()
        parse_text("Title\n\n" + line + "\n\nLeave a Reply\n")
        assert time.perf_counter() - started < 5, line[:40]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "", "Title of a Post", "  • item text", "  1. Pingback: A | B", "Jane says:",
    "March 3, 2024 at 7:51 pm", "Reply", "Filed under X, Y", "3 Comments", "Leave a Reply",
    "You are commenting using your Twitter account.", "[1]link", "References",
    "   1. https://x.example/", "A long paragraph of prose that ends with a full stop here.",
    "Photo credit: Someone", "****** Heading ******", "# Heading", "[alt]", "![a](b.png)",
]) | st.text(max_size=80), max_size=40))
def test_any_lines_parse_or_give_an_empty_result(lines: list[str]) -> None:
    """Whatever the lines, the parse returns a valid result that survives JSON."""
    result = parse_text("\n".join(lines))
    assert result.kind in {"single", "empty"}
    assert blogparse.PageResult.from_dict(result.to_dict()) == result
    if result.kind == "empty":
        assert any(d.kind == DefectKind.NO_POSTS for d in result.defects)


# --- dumps made by real tools from the fixture pages -----------------------------------------

PAGES = sorted(DUMPSRC.glob("*.html"))


def _agreement(html_post: Post, text_post: Post, tool: str) -> None:
    """The fields both formats carry come out the same."""
    assert text_post.title == html_post.title
    assert [t.name for t in text_post.categories] == [t.name for t in html_post.categories]
    assert [t.name for t in text_post.tags] == [t.name for t in html_post.tags]
    assert text_post.response_count == html_post.response_count
    assert [(p.title, p.blog_name) for p in text_post.pingbacks] == [
        (p.title, p.blog_name) for p in html_post.pingbacks]
    html_captions = [(c.text, c.credit) for c in html_post.captions if c.text or c.credit]
    text_captions = [(c.text, c.credit) for c in text_post.captions]
    assert [c for _, c in text_captions] == [c for _, c in html_captions]
    for (text_caption, _), (html_caption, _) in zip(text_captions, html_captions, strict=True):
        if tool in LINE_MERGING_TOOLS:
            assert (text_caption or "").endswith(html_caption or "")
        else:
            assert text_caption == html_caption
    html_form, text_form = html_post.comment_form, text_post.comment_form
    assert (html_form is None) == (text_form is None)
    if html_form is not None and text_form is not None:
        assert text_form.heading == html_form.heading
        assert [o.name for o in text_form.login_options] == [
            o.name for o in html_form.login_options]


@pytest.mark.parametrize("tool", ["lynx", "w3m", "html2text", "links", "elinks"])
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_tool_dump_agrees_with_the_html(tool: str, page: Path) -> None:
    """A tool's dump of a fixture page gives what the HTML parse of the page gives."""
    html_post = blogparse.parse_page(page.read_bytes()).post
    assert html_post is not None
    text_post = one_post(dump(tool, page))
    _agreement(html_post, text_post, tool)


@pytest.mark.parametrize("tool", ["lynx", "w3m", "html2text"])
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_tool_dump_comments_and_body(tool: str, page: Path) -> None:
    """Comments keep their authors, dates and threads; the body keeps its lists."""
    html_post = blogparse.parse_page(page.read_bytes()).post
    assert html_post is not None
    text_post = one_post(dump(tool, page))
    assert [(c.author.name if c.author else None, c.depth) for c in text_post.comments] == [
        (c.author.name if c.author else None, c.depth) for c in html_post.comments]
    assert [c.date.replace(tzinfo=None, second=0) if c.date else None
            for c in text_post.comments] == [
        c.date.replace(tzinfo=None, second=0) if c.date else None for c in html_post.comments]
    html_lists = [b.items for b in html_post.blocks if b.kind == "list"]
    assert [b.items for b in text_post.blocks if b.kind == "list"] == html_lists
    body = text_post.content_text or ""
    for junk in ("Share this", "Like this", "Leave a", "Pingback", "Skip to content",
                 "Zum Inhalt"):
        assert junk not in body


def test_lynx_references_give_urls() -> None:
    """lynx's numbered link list gives pingback, term, author and comment urls back."""
    page = DUMPSRC / "classic_twentyten.html"
    post = one_post(dump("lynx", page))
    assert [p.url for p in post.pingbacks] == [
        "https://fellsidediary.example/2023/04/20/links/",
        "https://wallersguild.example/news/spring-repairs/"]
    assert [t.url for t in post.tags] == ["https://hollinlane.example/tag/dry-stone/",
                                         "https://hollinlane.example/tag/orchard/"]
    assert [t.slug for t in post.categories] == ["walls", "winter-jobs"]
    assert [c.id for c in post.comments] == [901, 903, 907]
    assert [c.parent_id for c in post.comments] == [None, 901, None]
    assert post.comments[0].author is not None
    assert post.comments[0].author.url == "https://uplandwalls.example/"


def test_w3m_dump_has_no_urls() -> None:
    """w3m prints no link list, so no url is made up."""
    post = one_post(dump("w3m", DUMPSRC / "classic_twentyten.html"))
    assert all(p.url is None for p in post.pingbacks)
    assert all(t.url is None and t.slug is None for t in post.categories + post.tags)
    assert all(c.author is None or c.author.url is None for c in post.comments)


# --- dumps of the shared corpus ---------------------------------------------------------------


def _corpus_pages(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "corpus" / "html").glob("*.html"))


@pytest.mark.parametrize("tool", ["lynx", "w3m", "html2text"])
def test_corpus_dumps_agree_where_they_speak(shared_dir: Path, tool: str) -> None:
    """Every corpus page's dump parses to a valid result, and what it finds the HTML finds.

    A dump often drops what the HTML marks only by class (pingbacks printed without a
    "Pingback:" label), so this checks precision: every pingback title the dump gives is
    one of the page's, and an announced response count, when both find one, is the same.
    """
    pages = _corpus_pages(shared_dir)
    if not pages:
        pytest.skip("no corpus pages")
    if shutil.which(TOOLS[tool][0]) is None:
        pytest.skip(f"{tool} is not installed")
    counts = pingbacks = 0
    for page in pages:
        try:
            text = dump(tool, page)
        except subprocess.CalledProcessError:
            continue  # the tool itself gave up on this page (html2text does on a few)
        result = parse_text(text)
        assert result.kind in {"single", "empty"}
        assert blogparse.PageResult.from_dict(result.to_dict()) == result
        html_post = blogparse.parse_page(page.read_bytes()).post
        text_post = result.post
        if html_post is None or text_post is None:
            continue
        html_titles = {p.title for p in html_post.pingbacks}
        assert {p.title for p in text_post.pingbacks} <= html_titles, page.name
        pingbacks += len(text_post.pingbacks)
        if html_post.response_count is not None and text_post.response_count is not None:
            assert text_post.response_count == html_post.response_count, page.name
            counts += 1
    assert counts >= 5
    if tool == "w3m":
        assert pingbacks >= 5  # w3m keeps "Pingback:" labels and list layout best


# --- titles the page names elsewhere ----------------------------------------------------------


def test_lynx_comments_feed_names_the_title() -> None:
    """lynx prints the page's feed links first; WordPress names the post's comments feed
    "Blog » Title Comments Feed", so a sidebar heading before the prose is not the title."""
    post = one_post((DUMPS / "lynx_feed_title.txt").read_text(encoding="utf-8"))
    assert post.title == "Mending Nets on the Harbour Wall"
    assert [c.name for c in post.categories] == ["Harbour Life"]
    assert post.comment_form is not None
    assert post.comment_form.heading == "Leave a Reply"


def test_breadcrumb_tail_repeated_as_a_line_is_the_title() -> None:
    """A breadcrumb's last step repeated on its own line below is the title; an image's
    alternative text or a kicker between them is not."""
    post = one_post((DUMPS / "w3m_breadcrumb.txt").read_text(encoding="utf-8"))
    assert post.title == "Rye and Caraway Loaf With a Slow Overnight Rise"
    assert [c.name for c in post.categories] == ["Baking", "Bread"]


def test_feed_title_inside_the_discussion_is_not_the_title() -> None:
    """The title named by the feed is looked for before the comments, not in the sidebar
    after them, even when a date line follows it there."""
    text = (DUMPS / "lynx_feed_title.txt").read_text(encoding="utf-8").replace(
        "Leave a Reply\n",
        "2 Comments\n\n   Ann says:\n   March 3, 2024 at 9:12 am\n\n   Lovely work.\n\n"
        "Mending Nets on the Harbour Wall\n\n   March 4, 2024\n\nLeave a Reply\n")
    post = one_post(text)
    assert post.title == "Mending Nets on the Harbour Wall"
    assert post.response_count == 2
    assert post.blocks[-1].text.startswith("The work goes faster")


def test_first_level_heading_with_byline_is_the_title() -> None:
    """Debian html2text marks the title "****** … ******": with a byline under it, it wins
    over a sidebar heading that sits nearer the first paragraph."""
    post = one_post((DUMPS / "html2text_top_heading.txt").read_text(encoding="utf-8"))
    assert post.title == "Lifeboat Crew Rescues Two Kayakers Off the North Pier"
    assert [c.name for c in post.categories] == ["News", "Sea"]
    assert post.comment_form is not None
    assert post.comment_form.heading == "Leave a Reply"


def test_lone_credit_line_is_no_caption() -> None:
    """A credit with neither caption text nor an image ("Photo: Getty Images" under a
    byline) is not a caption; the HTML of such pages has none either."""
    text = (DUMPS / "html2text_top_heading.txt").read_text(encoding="utf-8").replace(
        "Photo: Kestle_Studio\n*** More from the harbour ***\n** New_ferry_timetable_starts_"
        "next_month **\n** Fish_market_reopens_after_repairs **\n", "Photo: Kestle_Studio\n")
    post = one_post(text)
    assert post.title == "Lifeboat Crew Rescues Two Kayakers Off the North Pier"
    assert post.captions == ()
    with_image = text.replace("Photo: Kestle_Studio\n",
                              "[Kayaks on the slipway]\nPhoto: Kestle_Studio\n")
    assert [(c.credit, c.image.alt if c.image else None)
            for c in one_post(with_image).captions] == [("Kestle Studio",
                                                         "Kayaks on the slipway")]


def test_line_over_a_byline_is_the_title() -> None:
    """With no heading marks (w3m), the first line of title shape with a byline under it
    and prose soon after wins over sidebar teasers nearer the first paragraph."""
    post = one_post((DUMPS / "w3m_byline_title.txt").read_text(encoding="utf-8"))
    assert post.title == "Library Extends Its Opening Hours Through the Winter"
    assert [a.name for a in post.authors] == ["Aled Prydderch"]
    assert [c.name for c in post.categories] == ["Town"]


def test_one_word_title_over_its_byline_beats_short_lines_below() -> None:
    """A title of one word with the byline under it stays the title, though two short
    lines of title length stand between the byline and the first paragraph."""
    text = (
        "Skip to content\n\nGull Rock Notes\n\nFog\n\n"
        "Posted on April 30, 2021 by Wren Tallis\n\n"
        "Grey again this morning\n\nNo boats out past the mole\n\n"
        "The fog came in before six and sat on the harbour all day, so thick that the "
        "lamps on the quay stayed lit until noon and the ferry waited at the pier for a "
        "gap that never came. We walked the cliff path anyway and heard the gulls long "
        "before we saw them.\n\n"
        "Posted in Weather | Tagged fog, harbour\n\nLeave a Reply\n"
    )
    post = one_post(text)
    assert post.title == "Fog"
    assert [a.name for a in post.authors] == ["Wren Tallis"]


def test_teaser_repeated_with_its_date_is_not_the_title() -> None:
    """A slider prints each teaser and its date more than once; such a line is not taken
    for the title because a dated line sits under it."""
    teaser = "Harbour Lights Festival Returns in June\n\n12. März 2024\n\n"
    text = (DUMPS / "w3m_byline_title.txt").read_text(encoding="utf-8").replace(
        "Library Extends Its Opening Hours Through the Winter\n\nBy Aled Prydderch\n\n",
        teaser + teaser + "Library Extends Its Opening Hours Through the Winter\n\n"
        "By Aled Prydderch\n\n")
    assert one_post(text).title == "Library Extends Its Opening Hours Through the Winter"


def test_comments_feed_link_alone_makes_a_blog_post() -> None:
    """A post's comments feed ("Blog » Title Comments Feed") is printed only by a blog: a
    dump with nothing else WordPress prints still reads as the post it names; a checked
    box ("[X] Remember me") is no image with a caption."""
    text = (DUMPS / "lynx_feed_only.txt").read_text(encoding="utf-8")
    post = one_post(text)
    assert post.title == "Frost Comes Early to the High Pastures"
    assert post.captions == ()
    assert post.published is None
    assert post.authors == ()
    # without the feed link, the same text has no evidence of a blog
    bare = text.replace("Almanac » Frost Comes Early to the High Pastures Comments Feed",
                        "Almanac » Atom")
    result = parse_text(bare)
    assert result.kind == "empty"
    assert [d.kind for d in result.defects] == [DefectKind.NO_POSTS]


def test_post_heading_with_byline_wins_over_site_name_heading() -> None:
    """Older themes print the site's name as the first-level heading and the post's title
    one level down: the heading with the byline under it is the title."""
    post = one_post((DUMPS / "html2text_site_heading.txt").read_text(encoding="utf-8"))
    assert post.title == "Counting Curlews on the Estuary at Low Water"
    assert post.comment_form is not None
    assert post.comment_form.heading == "Leave a Reply"


def test_signed_title_just_after_a_short_label() -> None:
    """A short label (the blog's name, "RSS", "Artikel") just before the title, with a
    tagline between that reads as prose, is not the title: the line with the byline under
    it, a few lines on, is."""
    post = one_post((DUMPS / "w3m_label_before_title.txt").read_text(encoding="utf-8"))
    assert post.title == "Why Our Glazes Crack in Cold Kilns"
    assert [a.name for a in post.authors] == ["Ysolde"]


def test_term_line_right_above_the_title() -> None:
    """Some themes print the categories above the title: a term line one or two lines
    before it belongs to the post."""
    post = one_post((DUMPS / "w3m_terms_above_title.txt").read_text(encoding="utf-8"))
    assert post.title == "Indigo Vat Notes From the First Summer"
    assert [c.name for c in post.categories] == ["Weaving", "Dyeing"]
    assert [a.name for a in post.authors] == ["Brannagh"]


_COPIED_PAGE = """Skip to content
Fernhill Notes

3 thoughts on the hut | part two

Posted on March 3, 2024 by Maren

We carried the stove up on a Tuesday, in two loads, and it rained the whole way.

Posted in Huts, Kunst rubrik Nord | Tagged stoves, rain., gear

4 thoughts on “3 thoughts on the hut | part two”

Yahoo! Fan says:
March 4, 2024 at 08:15

o melhor fogão que já vi.
[x] marks the spot on the map.

Reply

Orla says:
March 5, 2024 at 19:40

Tags are what I forgot to bring, honestly.
categories of rain, all of them

Reply

Pingback: Stoves we liked | Upland Log

Leave a Reply Cancel reply
"""


def test_copied_page_keeps_what_looks_like_markup_of_other_tools() -> None:
    """In a "select all, copy" dump: a comment author with "!" in the name under a date
    line, a title holding " | " in the count heading, a lower-case label word inside a
    term list, a full stop inside a tag list, a line starting with "o" or "[x]", and a
    comment line starting with a label word all read as the writer's text."""
    post = one_post(_COPIED_PAGE)
    assert post.title == "3 thoughts on the hut | part two"
    assert post.response_count == 4
    assert [c.name for c in post.categories] == ["Huts", "Kunst rubrik Nord"]
    assert [t.name for t in post.tags] == ["stoves", "rain.", "gear"]
    assert [(c.author.name if c.author else None) for c in post.comments] == [
        "Yahoo! Fan", "Orla"]
    assert post.comments[0].content_text == (
        "o melhor fogão que já vi.\n[x] marks the spot on the map.")
    assert post.comments[1].content_text == (
        "Tags are what I forgot to bring, honestly.\ncategories of rain, all of them")
    assert [(p.title, p.blog_name) for p in post.pingbacks] == [("Stoves we liked", "Upland Log")]


def test_comment_author_with_a_date_word_in_the_name() -> None:
    """"Anne le Brun says:" is a name with "le" in it, not Anne writing on the date "Brun";
    "Tom on March 5, 2024 says:" still gives the date."""
    text = _COPIED_PAGE.replace("Yahoo! Fan says:\nMarch 4, 2024 at 08:15",
                                "Anne le Brun says:\nMarch 4, 2024 at 08:15")
    text = text.replace("Orla says:\nMarch 5, 2024 at 19:40\n",
                        "Orla on March 5, 2024 at 19:40 says:\n")
    post = one_post(text)
    assert [(c.author.name if c.author else None) for c in post.comments] == [
        "Anne le Brun", "Orla"]
    assert post.comments[1].date is not None
    assert (post.comments[1].date.year, post.comments[1].date.month,
            post.comments[1].date.day) == (2024, 3, 5)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Опубликовано 3 марта 2024", None),
        ("Publicado em 3 de março de 2024 por Ana Lima", "Ana Lima"),
        ("Opublikowano 3 marca 2024 przez Jan Nowak", "Jan Nowak"),
        ("Publikováno 3. března 2024", None),
    ],
)
def test_bylines_in_more_languages(byline: str, author: str | None) -> None:
    """A post's byline in Russian, Portuguese, Polish or Czech dates the post in a dump."""
    dump = ("****** Записки рыбака ******\n"
            "***** Заметки о зимней рыбалке *****\n"
            f"{byline}\n"
            "Вчера мы сидели у лунки до темноты, а утром лёд стал ещё толще, и мы\n"
            "решили остаться на озере ещё на один день.\n")
    result = blogparse.parse_page(dump.encode(), format="text")
    assert [(p.title, p.published) for p in result.posts] == [
        ("Заметки о зимней рыбалке", datetime(2024, 3, 3))]
    assert [a.name for a in result.posts[0].authors] == ([author] if author else [])


def test_a_comments_heading_in_russian_gives_the_count() -> None:
    """The dump's comments heading is read with the same nouns as a page's."""
    dump = ("****** Записки рыбака ******\n"
            "***** Заметки о зимней рыбалке *****\n"
            "Опубликовано 3 марта 2024\n"
            "Вчера мы сидели у лунки до темноты, а утром лёд стал ещё толще, и мы\n"
            "решили остаться на озере ещё на один день.\n"
            "***** 2 комментария к записи «Заметки о зимней рыбалке» *****\n")
    result = blogparse.parse_page(dump.encode(), format="text")
    assert [(p.title, p.response_count) for p in result.posts] == [
        ("Заметки о зимней рыбалке", 2)]


# -- comment heads without "says:" -----------------------------------------------------------

_THEME_DUMPS = Path(__file__).parent / "dumps" / "themes"
_THEME_PAGES = Path(__file__).parent / "pages" / "themes"


@pytest.mark.parametrize("dump", sorted(p.name for p in _THEME_DUMPS.glob("*.txt")))
def test_comment_heads_of_popular_themes(dump: str) -> None:
    """Astra, GeneratePress, Kadence and the block themes print the commenter's name on a
    line of its own and the date under it; OceanWP the name, date and "Reply" on one line.
    The dump's comments are the page's: same people, same threads."""
    page = blogparse.parse_file(_THEME_PAGES / (dump.split(".")[0] + ".html")).post
    result = blogparse.parse_page((_THEME_DUMPS / dump).read_text("utf-8"), format="text")
    post = result.post
    assert page is not None
    assert post is not None
    assert len(page.comments) >= 3
    assert [(c.author.name if c.author else None, c.depth) for c in page.comments] == [
        (c.author.name if c.author else None, c.depth) for c in post.comments]
    assert all(c.date is not None for c in post.comments)
    for comment, expected in zip(post.comments, page.comments, strict=True):
        assert comment.date is not None
        assert expected.date is not None
        # the dump shows the page's local time (or the day alone), the markup may hold UTC
        apart = comment.date.replace(tzinfo=None) - expected.date.replace(tzinfo=None)
        assert abs(apart.total_seconds()) < 24 * 3600
        assert comment.content_text is not None
        assert expected.content_text is not None
        assert comment.content_text.split()[:4] == expected.content_text.split()[:4]


_NAME_OVER_DATE = """A quiet week at the hives

Posted on June 2, 2024 by Hazel Orme

The bees flew all week and the supers filled faster than expected for early June.

{heading}

Ann Lee
June 3, 2024 at 7:02 am
Lovely to read, and the photos are great.
Reply

Recent posts
Spring feeding notes
May 20, 2024
"""


@pytest.mark.parametrize(("heading", "names"), [
    ("2 thoughts on “A quiet week at the hives”", ["Ann Lee"]),
    # no comments heading that counts some: a name over a date could be any teaser's
    ("", []),
    ("No Comments", []),
])
def test_name_over_date_needs_a_comments_heading(heading: str, names: list[str]) -> None:
    post = blogparse.parse_page(_NAME_OVER_DATE.format(heading=heading), format="text").post
    assert post is not None
    assert names == [c.author.name if c.author else None for c in post.comments]


def test_teasers_dated_before_the_post_are_no_comments() -> None:
    text = _NAME_OVER_DATE.format(heading="3 thoughts on “A quiet week at the hives”").replace(
        "Recent posts\n", "Sasha Moor\n")
    post = blogparse.parse_page(text, format="text").post
    assert post is not None
    # "Sasha Moor" over May 20 is dated before the post: a teaser, not a reply
    assert ["Ann Lee"] == [c.author.name if c.author else None for c in post.comments]


def test_comment_text_equal_to_the_name_is_kept() -> None:
    """Only the block themes' repeated name under a name-only head is dropped; a comment
    whose text is its author's name (found by a round-trip property) keeps it."""
    text = """Zero

Posted on June 2, 2024 by Ann

Zero is a number, and this post is about it and nothing else at all, for a while.

2 thoughts on “Zero”

    1. 0 says:
       June 3, 2024 at 7:02 am
       0
       0
    2. Bo says:
       June 3, 2024 at 8:00 am
       Bo
"""
    post = blogparse.parse_page(text, format="text").post
    assert post is not None
    assert [("0", "0\n0"), ("Bo", "Bo")] == [
        (c.author.name if c.author else None, c.content_text) for c in post.comments]
