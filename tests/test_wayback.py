"""Pages saved from the Wayback Machine's replay read as the original page.

The archive rewrites every address of a replayed page into itself, inserts its toolbar and
closes the file with a note of when it captured it.  The parse of such a copy must be the
parse of the page as it was, plus the capture time.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests import render
from tests.strategies import posts

import blogparse
from blogparse import Post
from blogparse._document import parse_html
from blogparse._wayback import is_replay, timestamp_time, unwrap_url

PAGES = Path(__file__).parent / "pages"
REPLAY = PAGES / "wayback" / "replay_single.html"
STAMP = "20140611173402"
ORIGINAL = "http://bramblebees.example/2014/06/02/splitting-the-north-hive/"


@pytest.mark.parametrize(("wrapped", "original"), [
    ("https://web.archive.org/web/20140611173402/http://a.example/x/?p=1#c",
     "http://a.example/x/?p=1#c"),
    ("http://web.archive.org/web/20140611173402im_/https://a.example/i.jpg",
     "https://a.example/i.jpg"),
    ("//web.archive.org/web/20140611173402cs_/http://a.example/s.css", "http://a.example/s.css"),
    ("/web/20140611173402/http://a.example/", "http://a.example/"),
    ("/web/2014*/http://a.example/", "http://a.example/"),
    ("https://web.archive.org/web/20140611173402/http:/a.example/one-slash/",
     "http://a.example/one-slash/"),
    ("https://wayback.archive.org/web/20090101000000/a.example/bare-host",
     "a.example/bare-host"),
    # one layer only: an address the author made to an archived copy keeps its own
    ("https://web.archive.org/web/20140611173402/https://web.archive.org/web/2009/http://o.example/",
     "https://web.archive.org/web/2009/http://o.example/"),
    # not replay addresses
    ("https://example.com/web/20140611173402/http://a.example/",
     "https://example.com/web/20140611173402/http://a.example/"),
    ("https://web.archive.org/details/somebook", "https://web.archive.org/details/somebook"),
    ("/web/site-map/", "/web/site-map/"),
])
def test_unwrap_url(wrapped: str, original: str) -> None:
    assert original == unwrap_url(wrapped)


def test_timestamp_time() -> None:
    assert datetime(2014, 6, 11, 17, 34, 2, tzinfo=UTC) == timestamp_time(
        "https://web.archive.org/web/20140611173402/http://a.example/")
    # a partial timestamp names no moment, an impossible one no date
    assert timestamp_time("https://web.archive.org/web/2014/http://a.example/") is None
    assert timestamp_time("https://web.archive.org/web/20141340000000/http://a.example/") is None
    assert timestamp_time("http://a.example/") is None


def test_replayed_page_reads_as_the_original() -> None:
    result = blogparse.parse_file(REPLAY)
    assert ORIGINAL == result.url
    assert datetime(2014, 6, 11, 17, 34, 2, tzinfo=UTC) == result.captured
    post = result.post
    assert post is not None
    assert ("Splitting the north hive", ORIGINAL, 318) == (post.title, post.url, post.id)
    assert [("Hazel Orme", "http://bramblebees.example/author/hazel/")] == [
        (a.name, a.url) for a in post.authors]
    assert [("Colonies", "colonies", "http://bramblebees.example/category/colonies/"),
            ("Spring", "spring", "http://bramblebees.example/category/spring/")] == [
        (t.name, t.slug, t.url) for t in post.categories]
    assert ["queen-cells", "swarming"] == [t.slug for t in post.tags]
    site = result.site
    assert site is not None
    assert ("Bramble Bees", "http://bramblebees.example/", "twentytwelve") == (
        site.name, site.url, site.theme)
    # the toolbar is gone: none of its words reach any text
    assert post.content_text is not None
    assert post.content_text.startswith("By the last week of May")
    assert post.content_text.endswith("which is what we wanted.")
    for word in ("captures", "Previous capture", "About this capture", "Wayback"):
        assert word not in _json(result)
    [caption] = post.captions
    assert caption.image is not None
    assert ("The two frames that went into the nucleus box.", "Kit Amberley") == (
        caption.text, caption.credit)
    assert ("http://bramblebees.example/wp-content/uploads/2014/06/frames-500x333.jpg",
            "http://bramblebees.example/wp-content/uploads/2014/06/frames.jpg", 322) == (
        caption.image.src, caption.image.link, caption.image.id)
    assert post.content_html is not None
    assert ('srcset="http://bramblebees.example/wp-content/uploads/2014/06/frames-500x333.jpg '
            '500w, http://bramblebees.example/wp-content/uploads/2014/06/frames-1000x666.jpg '
            '1000w"') in post.content_html
    # links the author made keep their address; a link to an archived copy keeps its archive
    assert 'href="http://hivenotes.example/artificial-swarm/"' in post.content_html
    assert ('href="https://web.archive.org/web/20090301000000/http://oldapiary.example/'
            'splits.html"') in post.content_html
    assert [(57, "Dora Venn", "http://ridgecombs.example/", None),
            (58, "Hazel Orme", None, 57)] == [
        (c.id, c.author.name if c.author else None, c.author.url if c.author else None,
         c.parent_id) for c in post.comments]
    assert [("http://allotmentyear.example/2014/06/05/june-jobs/", "June jobs on the plot",
             "An Allotment Year")] == [(p.url, p.title, p.blog_name) for p in post.pingbacks]
    assert 3 == post.response_count
    form = post.comment_form
    assert form is not None
    assert ("http://bramblebees.example/wp-comments-post.php", 318) == (form.action,
                                                                         form.post_id)
    assert "web.archive.org" not in _json(result).replace(
        "web.archive.org/web/20090301000000/http://oldapiary.example", "")


def _json(result: blogparse.PageResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def _strip_marks(page: str, *, toolbar: bool) -> str:
    """The replayed page as a saver that drops scripts and comments leaves it (and, unless
    ``toolbar``, without the archive's toolbar)."""
    if not toolbar:
        page = re.sub(r"<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?"
                      r"<!-- END WAYBACK TOOLBAR INSERT -->", "", page, flags=re.DOTALL)
    page = re.sub(r"<script\b.*?</script>", "", page, flags=re.DOTALL)
    page = re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)
    return re.sub(r'<link rel="stylesheet" type="text/css" href="/_static/[^>]*>', "", page)


@pytest.mark.parametrize("toolbar", [True, False])
def test_replay_without_the_archive_scripts_and_notes(toolbar: bool) -> None:
    page = _strip_marks(REPLAY.read_text("utf-8"), toolbar=toolbar)
    assert "FILE ARCHIVED" not in page
    assert "__wm.init" not in page
    assert "_static/js" not in page
    assert ("wm-ipp" in page) is toolbar
    result = blogparse.parse_page(page)
    assert "captures" not in _json(result)
    assert ORIGINAL == result.url
    # no closing note: the time comes from the canonical link's timestamp
    assert timestamp_time(f"/web/{STAMP}/{ORIGINAL}") == result.captured
    assert result.post is not None
    assert result.post.comment_form is not None
    assert "http://bramblebees.example/wp-comments-post.php" == result.post.comment_form.action
    assert [c.name for c in result.post.categories] == ["Colonies", "Spring"]


def test_replay_as_mhtml() -> None:
    message = EmailMessage()
    message["Snapshot-Content-Location"] = f"https://web.archive.org/web/{STAMP}/{ORIGINAL}"
    message["Subject"] = "Splitting the north hive | Bramble Bees"
    message.set_content(REPLAY.read_text("utf-8"), subtype="html", cte="quoted-printable")
    message.replace_header("Content-Type", 'text/html; charset="utf-8"')
    message["Content-Location"] = f"https://web.archive.org/web/{STAMP}/{ORIGINAL}"
    result = blogparse.parse_page(message.as_bytes(), format="mhtml")
    plain = blogparse.parse_file(REPLAY)
    assert "mhtml" == result.format
    assert ORIGINAL == result.url
    assert plain.captured == result.captured
    assert plain.to_dict()["posts"] == result.to_dict()["posts"]


def test_page_linking_to_the_archive_is_not_a_replay() -> None:
    page = (PAGES / "classic_single.html").read_text("utf-8")
    link = "https://web.archive.org/web/20100101000000/http://old.example/wall.html"
    page = page.replace("Mending it took most of a week.",
                        f'Mending it took most of <a href="{link}">a week</a>.')
    root, _ = parse_html(page)
    assert root is not None
    assert not is_replay(root)
    result = blogparse.parse_page(page)
    assert result.captured is None
    assert result.post is not None
    assert result.post.content_html is not None
    assert f'href="{link}"' in result.post.content_html
    assert "https://hollinfarm.example/2021/03/14/repairing-a-dry-stone-wall/" == result.url


def test_replay_address_given_for_a_raw_copy() -> None:
    """A copy fetched without the replay's rewriting (``id_``) names no archive itself; the
    address the caller gives says where it came from."""
    page = (PAGES / "classic_single.html").read_bytes()
    given_url = ("https://web.archive.org/web/20210401120000id_/"
                 "https://hollinfarm.example/2021/03/14/repairing-a-dry-stone-wall/")
    result = blogparse.parse_page(page, url=given_url)
    assert "https://hollinfarm.example/2021/03/14/repairing-a-dry-stone-wall/" == result.url
    assert datetime(2021, 4, 1, 12, 0, tzinfo=UTC) == result.captured
    plain = blogparse.parse_page(page)
    assert plain.to_dict()["posts"] == result.to_dict()["posts"]


# -- any page, replayed, reads as itself ----------------------------------------------------

_ATTR_URL_RE = re.compile(r"""\b(href|src|action)=(["'])(https?://[^"']*)\2""")
_TOOLBAR = (
    '<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n<div id="wm-ipp-base" lang="en" '
    'style="display:none"><div id="wm-ipp"><div id="wm-ipp-inside"><a href="/web/">Wayback '
    'Machine</a><div id="wm-nav-captures"><a class="t" href="/web/{stamp}*/{url}">3 captures'
    '</a></div><table><tr><td>Previous capture</td><td>Next capture</td></tr></table></div>'
    '</div><div id="wm-capinfo">About this capture</div></div>\n'
    '<!-- END WAYBACK TOOLBAR INSERT -->\n')


def replay(page: str, stamp: str) -> str:
    """``page`` as the archive replays it: addresses rewritten into the archive (images
    with ``im_``, half of them rooted at the archive), toolbar and closing note added."""
    count = 0

    def wrap(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        mode = "im_" if m.group(1) == "src" else ""
        host = "https://web.archive.org" if count % 2 else ""
        return f"{m.group(1)}={m.group(2)}{host}/web/{stamp}{mode}/{m.group(3)}{m.group(2)}"

    page = _ATTR_URL_RE.sub(wrap, page)
    head = ('<script src="//archive.org/includes/analytics.js" type="text/javascript">'
            '</script>\n<script type="text/javascript">__wm.init("https://web.archive.org/web");'
            '</script>\n')
    page = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + head, page, count=1)
    page = re.sub(r"(<body[^>]*>)",
                  lambda m: m.group(1) + _TOOLBAR.format(stamp=stamp, url="http://x.example/"),
                  page, count=1)
    moment = datetime.strptime(stamp, "%Y%m%d%H%M%S")
    note = moment.strftime("%H:%M:%S %b %d, %Y").replace(" 0", " ", 1)
    return page + f"\n<!--\n     FILE ARCHIVED ON {note} AND RETRIEVED FROM THE\n-->\n"


def _without_capture(result: blogparse.PageResult) -> dict[str, Any]:
    data = result.to_dict()
    data.pop("captured")
    return data


@pytest.mark.parametrize("theme", render.THEMES)
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(post=posts(max_comments=4, max_pingbacks=2))
def test_any_replayed_page_parses_as_the_page(theme: str, post: Post) -> None:
    page = render.render_page(post, theme)
    replayed = replay(page, "20190412083005")
    assert replayed.count("/web/20190412083005") > 3
    expected = blogparse.parse_page(page)
    result = blogparse.parse_page(replayed)
    assert expected.captured is None
    assert datetime(2019, 4, 12, 8, 30, 5, tzinfo=UTC) == result.captured
    assert _without_capture(expected) == _without_capture(result)


def test_corpus_replays_read_as_the_original_pages(shared_dir: Path) -> None:
    """The corpus's copies from the Wayback Machine: every one is known, dated, and names
    no archive address in its result (none of their authors linked to an archived page)."""
    replays = []
    for path in sorted((shared_dir / "corpus" / "html").glob("*.html")):
        text = path.read_bytes()
        if b"FILE ARCHIVED ON" not in text:
            continue
        result = blogparse.parse_page(text)
        replays.append(path.name)
        assert result.captured is not None, path.name
        assert result.url is not None
        assert not result.url.startswith("https://web.archive.org"), path.name
        data = _json(result)
        wrapped = re.findall(r"(?:https?:)?//web\.archive\.org/web/\d+[a-z_]*/", data)
        assert [] == wrapped, path.name
        post = result.post
        assert post is not None
        assert post.url == result.url
    if not replays:
        pytest.skip("the shared corpus holds no Wayback Machine copy")


# -- text dumps of a replayed page ----------------------------------------------------------

DUMPS = Path(__file__).parent / "dumps" / "wayback"


@pytest.mark.parametrize("tool", ["lynx", "w3m", "html2text"])
def test_dump_of_a_replayed_page(tool: str) -> None:
    """The toolbar's lines are not the post's, and the post reads as from the page."""
    text = (DUMPS / f"splitting-the-north-hive.{tool}.txt").read_text("utf-8")
    assert "Previous capture" in text
    result = blogparse.parse_page(text, format="text")
    post = result.post
    assert post is not None
    assert "Splitting the north hive" == post.title
    for word in ("captures", "Previous capture", "Wayback", "TIMESTAMPS", "COLLECTED BY"):
        assert word not in _json(result)
    assert post.content_text is not None
    # a first paragraph that starts with "By" is the post's, not a byline
    assert post.content_text.startswith("By the last week of May the north hive")
    assert ["Colonies", "Spring"] == [t.name for t in post.categories]
    assert ["queen cells", "swarming"] == [t.name for t in post.tags]
    assert [("The two frames that went into the nucleus box.", "Kit Amberley")] == [
        (c.text, c.credit) for c in post.captions]
    # Twenty Twelve prints a comment's head as the name and the date, with no "says:"
    assert [("Dora Venn", datetime(2014, 6, 3, 7, 2), 1, False),
            ("Hazel Orme", datetime(2014, 6, 3, 12, 40), 2, True)] == [
        (c.author.name if c.author else None, c.date, c.depth, c.by_post_author)
        for c in post.comments]
    assert [("June jobs on the plot", "An Allotment Year")] == [
        (p.title, p.blog_name) for p in post.pingbacks]
    assert 3 == post.response_count


def test_lynx_dump_of_a_replayed_page_has_the_original_addresses() -> None:
    text = (DUMPS / "splitting-the-north-hive.lynx.txt").read_text("utf-8")
    assert text.count("web.archive.org/web/20140611173402") > 10
    result = blogparse.parse_page(text, format="text")
    # lynx shows no closing note: the time comes from the addresses' timestamp
    assert datetime(2014, 6, 11, 17, 34, 2, tzinfo=UTC) == result.captured
    post = result.post
    assert post is not None
    assert [("Colonies", "colonies", "http://bramblebees.example/category/colonies/"),
            ("Spring", "spring", "http://bramblebees.example/category/spring/")] == [
        (t.name, t.slug, t.url) for t in post.categories]
    assert [(57, "http://ridgecombs.example/"), (58, None)] == [
        (c.id, c.author.url if c.author else None) for c in post.comments]
    assert 57 == post.comments[1].parent_id
    assert ["http://allotmentyear.example/2014/06/05/june-jobs/"] == [
        p.url for p in post.pingbacks]
    [caption] = post.captions
    assert caption.image is not None
    assert "http://bramblebees.example/wp-content/uploads/2014/06/frames.jpg" == (
        caption.image.link)
    assert "web.archive.org/web/20140611173402" not in _json(result)


def test_dump_linking_to_the_archive_is_not_a_replay() -> None:
    """A dump whose post cites an archived copy keeps the archive's address."""
    text = (DUMPS / "splitting-the-north-hive.lynx.txt").read_text("utf-8")
    original = re.sub(r"https://web\.archive\.org/web/20140611173402[a-z_]*/", "", text)
    start = original.index("   [2]Wayback Machine")
    end = original.index("TIMESTAMPS") + len("TIMESTAMPS")
    original = original[:start] + original[end:]
    assert "web.archive.org/web/20090301000000" in original
    result = blogparse.parse_page(original, format="text")
    assert result.captured is None
    post = result.post
    assert post is not None
    assert "http://bramblebees.example/category/colonies/" == post.categories[0].url


@pytest.mark.parametrize(("line", "name", "when", "by_author"), [
    ("Dora Venn June 3, 2014 at 7:02 am", "Dora Venn", datetime(2014, 6, 3, 7, 2), False),
    ("Hazel Orme Post authorJune 3, 2014 at 12:40 pm", "Hazel Orme",
     datetime(2014, 6, 3, 12, 40), True),
    ("Dora VennJune 3, 2014 at 7:02 am", "Dora Venn", datetime(2014, 6, 3, 7, 2), False),
    ("Pia 14.09.2022 um 21.32", "Pia", datetime(2022, 9, 14, 21, 32), False),
    ("Comment by Ann Lee — March 2, 2011 at 1:04 pm", "Ann Lee",
     datetime(2011, 3, 2, 13, 4), False),
    ("Ann Lee · 10 March 2017 at 01:26", "Ann Lee", datetime(2017, 3, 10, 1, 26), False),
    ("Ann Lee on 10 March 2017 at 01:26", "Ann Lee", datetime(2017, 3, 10, 1, 26), False),
])
def test_name_and_date_comment_heads(line: str, name: str, when: datetime,
                                     by_author: bool) -> None:
    from blogparse._textdump import _name_date_head, _parse_date

    head = _name_date_head(line)
    assert head is not None
    assert (name, when, by_author) == (head[0], _parse_date(head[1]), head[2])


@pytest.mark.parametrize("line", [
    "Screen Shot 2011-08-13 at 12.00.00 AM",
    "Letzter Beitrag: 18.10.2010, 23:08",
    "We met again, on June 3, 2014 at 7:02 am",
    "June 3, 2014 at 7:02 am",
    "The meeting is on June 3, 2014 at 7:02 am in the hall",
])
def test_lines_that_are_not_comment_heads(line: str) -> None:
    from blogparse._textdump import _name_date_head

    assert _name_date_head(line) is None


@pytest.mark.parametrize(("line", "byline"), [
    ("By Hazel Orme", True),
    ("By Hazel Orme on June 2, 2014", True),
    ("Von Anna Schmidt am 3. März 2024 in Allgemein", True),
    ("Posted by admin in Uncategorized and tagged bees, hives, spring, queens, frames.", True),
    ("By the last week of May the north hive had drawn six queen cells along the bars.",
     False),
    ("Am Ende des Sommers waren alle vier Völker stark genug für den langen Winter.", False),
    ("Par un matin de juin nous avons ouvert la ruche du nord pour la première fois.",
     False),
])
def test_sentences_starting_like_bylines(line: str, byline: bool) -> None:
    from blogparse._textdump import _is_byline

    assert byline is _is_byline(line)
