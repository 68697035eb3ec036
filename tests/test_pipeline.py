"""The parse entry points: routing by format, files and folders, theme choice, strictness."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import lxml.html
import pytest

import blogparse

PAGES = Path(__file__).parent / "pages"

_SAVED = """<!DOCTYPE html>
<!-- saved from url=(0046)https://stonebook.example/2020/05/01/a-wall/ -->
<html><head><meta charset="utf-8"><title>A wall – Stonebook</title>
<link rel='stylesheet' href='https://stonebook.example/wp-content/themes/twentytwelve/style.css'>
</head><body class="single single-post postid-9">
<article id="post-9" class="post-9 post type-post hentry">
<h1 class="entry-title">A wall</h1>
<div class="entry-content"><p>Stones, mostly.</p>
<div class="wp-caption"><img src="page_files/wall.jpg"
 data-orig-file="https://stonebook.example/wp-content/uploads/2020/05/wall.jpg" width="300">
<p class="wp-caption-text">The finished wall. Photo: Ada Stone</p></div>
<p><img src="page_files/unknown.png" alt="x"></p></div>
</article></body></html>
"""


def _save(tmp_path: Path) -> Path:
    page = tmp_path / "page.html"
    page.write_text(_SAVED, encoding="utf-8")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "wall.jpg").write_bytes(b"\xff\xd8")
    return page


def test_saved_page_maps_images_back_to_their_originals(tmp_path: Path) -> None:
    """A "complete" save gives the original image url and the page url it records."""
    result = blogparse.parse_file(_save(tmp_path))
    post = result.post
    assert post is not None
    assert "A wall" == post.title
    assert "https://stonebook.example/2020/05/01/a-wall/" == result.url
    assert "https://stonebook.example/wp-content/uploads/2020/05/wall.jpg" == (
        post.captions[0].image.src if post.captions[0].image else None)
    assert "Ada Stone" == post.captions[0].credit


def test_saved_page_keeps_unmapped_local_images_local(tmp_path: Path) -> None:
    """An image the save did not map back keeps its local path: no url is made up."""
    post = blogparse.parse_file(_save(tmp_path)).post
    assert post is not None
    assert "page_files/unknown.png" in [b.src for b in post.blocks]


def test_saved_folder_is_read_like_its_page(tmp_path: Path) -> None:
    """Passing the folder instead of the page file gives the same result."""
    page = _save(tmp_path)
    assert blogparse.parse_file(page) == blogparse.parse_saved_page(tmp_path)


def test_format_override_reads_html_as_a_text_dump() -> None:
    """``format=`` overrides the sniffed format."""
    data = (PAGES / "classic_single.html").read_bytes()
    assert "html" == blogparse.parse_page(data).format
    assert "text" == blogparse.parse_page(data, format="text").format


def test_theme_override_skips_detection() -> None:
    """``theme=`` names the theme that parses the page; an unknown name is a ThemeError."""
    data = (PAGES / "wpcom_single.html").read_bytes()
    assert "wordpress-com" == blogparse.parse_page(data).theme
    assert "wordpress-classic" == blogparse.parse_page(data, theme="wordpress-classic").theme
    with pytest.raises(blogparse.ThemeError) as info:
        blogparse.parse_page(data, theme="no-such-theme")
    assert isinstance(info.value, LookupError)
    assert "no-such-theme" == info.value.theme


def test_unknown_format_is_the_librarys_error() -> None:
    """An unknown format name is an InputError (also a ValueError)."""
    with pytest.raises(blogparse.InputError):
        blogparse.parse_page(b"<html></html>", format="pdf")


def test_input_over_the_size_limit_is_refused() -> None:
    """Input larger than Options.max_input_bytes raises ResourceLimitError."""
    with pytest.raises(blogparse.ResourceLimitError):
        blogparse.parse_page(b"x" * 2048, options=blogparse.Options(max_input_bytes=1024))


def test_missing_file_is_the_librarys_error(tmp_path: Path) -> None:
    """A file that cannot be read is an InputError, not an OSError."""
    with pytest.raises(blogparse.InputError):
        blogparse.parse_file(tmp_path / "absent.html")


def test_archive_page_gives_several_posts() -> None:
    """A home page listing posts gives one Post per listed post, in page order."""
    result = blogparse.parse_file(PAGES / "classic_archive.html")
    assert "archive" == result.kind
    assert 3 == len(result.posts)


def test_empty_input_gives_an_empty_result_with_a_defect() -> None:
    """Empty input is an empty, valid result that says why."""
    result = blogparse.parse_page(b"")
    assert () == result.posts
    assert result.defects


def test_export_behind_a_long_prolog_is_sniffed_as_wxr() -> None:
    """An export whose <rss> comes after a long comment is still read as WXR."""
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- ' + "generator notes " * 800 + "-->\n"
            '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
            "<wp:wxr_version>1.2</wp:wxr_version><item><title>Deep</title>"
            "<wp:post_type>post</wp:post_type></item></channel></rss>")
    result = blogparse.parse_page(data)
    assert "wxr" == result.format
    assert ["Deep"] == [p.title for p in result.posts]


def _count_entry_point_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A fresh default registry, and a list that grows each time entry points are read."""
    from importlib import metadata

    import blogparse._pipeline as pipeline

    scans: list[str] = []

    def entry_points(**selection: str) -> metadata.EntryPoints:
        scans.append(selection.get("group", ""))
        return metadata.EntryPoints(())

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    monkeypatch.setattr(pipeline, "_default_registry", None)
    return scans


def test_naming_a_builtin_theme_loads_no_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """``theme=`` with a built-in name parses without reading the entry points."""
    scans = _count_entry_point_scans(monkeypatch)
    page = (PAGES / "classic_single.html").read_bytes()
    result = blogparse.parse_page(page, theme="wordpress-classic")
    assert result.theme == "wordpress-classic"
    assert scans == []


def test_detection_loads_plugins_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Detection must weigh plugin themes: the entry points are read on its first run only."""
    scans = _count_entry_point_scans(monkeypatch)
    page = (PAGES / "classic_single.html").read_bytes()
    blogparse.parse_page(page, theme="wordpress-classic")
    assert scans == []
    blogparse.parse_page(page)
    blogparse.parse_page(page)
    assert scans == ["blogparse.themes"]


def test_unknown_theme_name_looks_among_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that is not built in reads the entry points before giving up."""
    scans = _count_entry_point_scans(monkeypatch)
    with pytest.raises(blogparse.ThemeError):
        blogparse.parse_page((PAGES / "classic_single.html").read_bytes(), theme="nope")
    assert scans == ["blogparse.themes"]


def test_import_loads_neither_plugins_nor_dateutil() -> None:
    """``import blogparse`` stays cheap: no entry-point scan, no date parser yet."""
    import subprocess
    import sys

    code = ("import sys, blogparse; "
            "print(sorted(m for m in ('importlib.metadata', 'dateutil.parser') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip() == "[]"


def test_import_leaves_exports_archives_and_conversion_for_first_use() -> None:
    """The export, web-archive, conversion and schema modules load when a name of theirs
    is first used, and the names work as if imported at once."""
    import subprocess
    import sys

    code = (
        "import sys, blogparse\n"
        "later = ('blogparse._wxr', 'blogparse._warc', 'blogparse._convert',"
        " 'blogparse._schema')\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
        "from blogparse import iter_wxr, WarcResult\n"
        "print(iter_wxr.__module__, WarcResult.__module__, blogparse.parse_wxr.__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.splitlines()
    assert out == ["[]", "blogparse._wxr blogparse._warc parse_wxr"]


# -- what savers record in the page: SingleFile, the mark of the web, MHTML's Date --------

_SINGLEFILE_HEAD = """<!--
 Page saved with SingleFile \n url: {url} \n saved date: {date}
-->"""


def _singlefile(page: str, url: str, date: str) -> str:
    """``page`` as SingleFile writes it: its header comment first in ``<html>``."""
    head = _SINGLEFILE_HEAD.format(url=url, date=date)
    return re.sub(r"(<html[^>]*>)", lambda m: m.group(1) + head, page, count=1)


def test_singlefile_records_the_url_and_when_it_was_saved() -> None:
    page = (PAGES / "classic_single.html").read_text("utf-8")
    page = re.sub(r"<link rel=\"canonical\"[^>]*>", "", page)
    saved = _singlefile(page, "https://hollinfarm.example/?p=42",
                        "Sun Mar 21 2021 10:15:07 GMT+0100 (Central European Standard Time)")
    result = blogparse.parse_page(saved.encode("utf-8"))
    assert "https://hollinfarm.example/?p=42" == result.url
    assert datetime(2021, 3, 21, 10, 15, 7, tzinfo=timezone(timedelta(hours=1))) == (
        result.captured)
    # the post reads as without the comment
    plain = blogparse.parse_page(page.encode("utf-8"))
    assert plain.captured is None
    assert plain.to_dict()["posts"] == result.to_dict()["posts"]


def test_the_callers_url_outranks_the_recorded_one() -> None:
    page = _singlefile((PAGES / "classic_single.html").read_text("utf-8"),
                       "https://elsewhere.example/", "Mon Mar 22 2021 08:00:00 GMT-0500 (EST)")
    result = blogparse.parse_page(page, url="https://hollinfarm.example/given/")
    assert "https://hollinfarm.example/given/" == result.url
    assert datetime(2021, 3, 22, 13, 0, tzinfo=UTC) == result.captured


@pytest.mark.parametrize("date", ["", "yesterday", "Sun Foo 21 2021 10:15:07 GMT+0100",
                                  "Sun Feb 30 2021 10:15:07 GMT+0100"])
def test_an_unreadable_saved_date_is_no_date(date: str) -> None:
    page = _singlefile((PAGES / "classic_single.html").read_text("utf-8"),
                       "https://hollinfarm.example/?p=42", date)
    result = blogparse.parse_page(page)
    assert result.captured is None
    assert "https://hollinfarm.example/?p=42" == result.url


def test_singlefile_copy_of_a_wayback_replay() -> None:
    """Saved with SingleFile from the archive's replay: the original page, and the
    archive's capture time (how old the content is), not the day it was saved."""
    page = _singlefile((PAGES / "wayback" / "replay_single.html").read_text("utf-8"),
                       "https://web.archive.org/web/20140611173402/"
                       "http://bramblebees.example/2014/06/02/splitting-the-north-hive/",
                       "Sat Nov 28 2026 21:00:00 GMT+0000 (Coordinated Universal Time)")
    result = blogparse.parse_page(page)
    assert "http://bramblebees.example/2014/06/02/splitting-the-north-hive/" == result.url
    assert datetime(2014, 6, 11, 17, 34, 2, tzinfo=UTC) == result.captured


def test_the_mark_of_the_web_gives_a_single_file_its_url() -> None:
    """The comment a browser writes into a saved page names its url, read without the
    save's folder too; the page's local references are not made into site urls."""
    result = blogparse.parse_page(_SAVED.encode("utf-8"))
    assert "https://stonebook.example/2020/05/01/a-wall/" == result.url
    assert result.captured is None
    post = result.post
    assert post is not None
    assert "page_files/unknown.png" in [b.src for b in post.blocks]


def test_mhtml_date_header_says_when_it_was_saved() -> None:
    html = (PAGES / "classic_single.html").read_text("utf-8")
    message = EmailMessage()
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://hollinfarm.example/2021/03/14/a/"
    message["Subject"] = "Repairing a Dry-Stone Wall in Winter"
    message["Date"] = "Sun, 21 Mar 2021 09:40:11 -0000"
    message.set_content(html, subtype="html", cte="quoted-printable")
    result = blogparse.parse_page(message.as_bytes(), format="mhtml")
    assert datetime(2021, 3, 21, 9, 40, 11, tzinfo=UTC) == result.captured
    del message["Date"]
    message["Date"] = "Sun, 21 Mar 2021 10:40:11 +0100"
    assert datetime(2021, 3, 21, 9, 40, 11, tzinfo=UTC) == blogparse.parse_page(
        message.as_bytes(), format="mhtml").captured
    del message["Date"]
    assert blogparse.parse_page(message.as_bytes(), format="mhtml").captured is None


def test_an_inlined_image_has_no_address() -> None:
    """SingleFile inlines images as data: urls; an image's ``src`` is its address, and an
    inlined image has none (its link to the full size stays)."""
    page = (PAGES / "classic_single.html").read_text("utf-8")
    src = "https://hollinfarm.example/wp-content/uploads/2021/03/gap-600x400.jpg"
    assert src in page
    inlined = _singlefile(page.replace(src, "data:image/jpeg;base64," + "QUJD" * 5000),
                          "https://hollinfarm.example/?p=42",
                          "Sun Mar 21 2021 10:15:07 GMT+0100 (CET)")
    post = blogparse.parse_page(inlined).post
    assert post is not None
    [caption] = post.captions
    assert caption.image is not None
    assert caption.image.src is None
    assert "https://hollinfarm.example/wp-content/uploads/2021/03/gap.jpg" == caption.image.link
    assert "Tom Ridley" == caption.credit


# -- Save Page WE: originals kept in data-savepage-* attributes, the url in <meta> ---------


def _save_page_we(page: str, url: str, date: str) -> str:
    """``page`` as Save Page WE writes it: each image inlined as a data: url with the
    original in ``data-savepage-src``/``-srcset``, the canonical and pingback links emptied
    into ``data-savepage-href``, and its own ``<meta>`` elements last in ``<head>``."""
    root = lxml.html.document_fromstring(page)
    for img in root.iter("img"):
        for name in ("src", "srcset"):
            if img.get(name):
                img.set("data-savepage-" + name, img.get(name))
                img.set(name, "data:image/png;base64,iVBORw0KGgo=" if name == "src" else "")
    for link in root.iter("link"):
        if link.get("href"):
            link.set("data-savepage-href", link.get("href"))
            link.set("href", "")
    head = root.find("head")
    for name, content in (("savepage-url", url), ("savepage-title", "x"),
                          ("savepage-from", url), ("savepage-date", date),
                          ("savepage-version", "33.9")):
        head.append(lxml.html.Element("meta", name=name, content=content))
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["classic_single", "captions", "block_single",
                                  "threaded_comments", "wpcom_single"])
def test_save_page_we_copies_read_as_the_page(name: str) -> None:
    """Every image keeps its address, the canonical link its url, and the saving time
    and url come from Save Page WE's own metadata."""
    page = (PAGES / f"{name}.html").read_text("utf-8")
    saved = _save_page_we(page, "https://hollinfarm.example/2021/03/14/a/",
                          "Sun Mar 21 2021 10:15:07 GMT+0100 (Central European Standard Time)")
    assert "data:image/png" in saved or "<img" not in page
    result = blogparse.parse_page(saved.encode("utf-8"))
    plain = blogparse.parse_page(page.encode("utf-8"),
                                 url="https://hollinfarm.example/2021/03/14/a/")
    assert result.to_dict()["posts"] == plain.to_dict()["posts"]
    assert result.site == plain.site
    assert result.url == plain.url
    assert datetime(2021, 3, 21, 10, 15, 7, tzinfo=timezone(timedelta(hours=1))) == (
        result.captured)


def test_save_page_we_without_a_url_or_date_records_neither() -> None:
    page = (PAGES / "classic_single.html").read_text("utf-8")
    page = re.sub(r"<link rel=\"canonical\"[^>]*>", "", page)
    saved = _save_page_we(page, "", "Unknown")
    result = blogparse.parse_page(saved.encode("utf-8"))
    assert result.captured is None
    assert result.url == blogparse.parse_page(page.encode("utf-8")).url
    assert [c.image.src if c.image else None for c in result.post.captions] == [
        c.image.src if c.image else None for c in blogparse.parse_page(page).post.captions]


def test_data_savepage_attributes_alone_change_nothing() -> None:
    """Without Save Page WE's metadata the attributes are someone else's: left alone."""
    page = (PAGES / "classic_single.html").read_text("utf-8")
    src = "https://hollinfarm.example/wp-content/uploads/2021/03/gap-600x400.jpg"
    odd = page.replace(f'src="{src}"', f'src="" data-savepage-src="{src}"', 1)
    assert odd != page
    post = blogparse.parse_page(odd).post
    assert post is not None
    assert post.captions[0].image is not None
    assert post.captions[0].image.src is None
