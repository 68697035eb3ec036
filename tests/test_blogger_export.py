"""Blogger exports: the Atom backup from Blogger's settings and Google Takeout's feed.atom.

The fixtures in ``tests/blogger/`` hold the post of ``tests/pages/blogger_post.html`` in
both layouts, with a draft, a page, the backup's settings and template entries, and a
trashed comment, so the page and both exports can be held to one another.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blogparse
from blogparse import (
    ALL_COMMENTS,
    Comment,
    DefectKind,
    HostileInputError,
    InputError,
    PageResult,
    parse_blogger,
    parse_file,
    parse_page,
)
from blogparse._cli import main

HERE = Path(__file__).parent
BACKUP = HERE / "blogger" / "backup.xml"
TAKEOUT = HERE / "blogger" / "takeout-feed.atom"
PAGE = HERE / "pages" / "blogger_post.html"
POST_ID = 5566778899001122334


def _thread(comments: tuple[Comment, ...]) -> list[tuple[object, ...]]:
    return [(c.id, c.author, c.date, c.parent_id, c.depth, c.by_post_author, c.content_text)
            for c in comments]


@pytest.mark.parametrize("path", [BACKUP, TAKEOUT])
def test_an_export_gives_the_post_the_page_shows(path: Path) -> None:
    page = parse_file(PAGE).posts[0]
    result = parse_blogger(path)
    assert (result.format, result.kind, result.encoding) == ("blogger", "archive", "utf-8")
    [post] = [p for p in result.posts if p.id == POST_ID]
    assert post.title == page.title
    assert post.published == page.published
    assert post.authors == page.authors
    assert [c.name for c in post.categories] == [c.name for c in page.categories]
    assert post.content_text == page.content_text
    assert post.blocks == page.blocks
    assert post.captions == page.captions
    assert _thread(post.comments) == _thread(page.comments)
    assert [c.status for c in post.comments] == ["approved"] * 3


def test_both_layouts_agree() -> None:
    backup = parse_blogger(BACKUP)
    takeout = parse_blogger(TAKEOUT)

    def key(result: PageResult) -> list[tuple[object, ...]]:
        return sorted((p.id, p.type, p.status, p.title, p.published, p.updated,
                       [c.name for c in p.categories], p.blocks, _thread(p.comments))
                      for p in result.posts)

    assert key(backup) == key(takeout)
    assert backup.site is not None
    assert takeout.site is not None
    assert backup.site.name == takeout.site.name == "Saltmarsh Sketchbook"


def test_kinds_and_statuses() -> None:
    for path in (BACKUP, TAKEOUT):
        result = parse_blogger(path)
        kinds = {p.id: (p.type, p.status) for p in result.posts}
        assert kinds == {POST_ID: ("post", "publish"),
                         5566778899001199999: ("post", "draft"),
                         8800112233: ("page", "publish")}
        # the backup's settings and template entries are not posts and not defects
        assert result.defects == ()


def test_the_backup_s_own_links_give_urls_and_the_site() -> None:
    result = parse_blogger(BACKUP)
    assert result.site is not None
    assert result.site.url == "https://saltmarshsketchbook.blogspot.com/"
    assert result.site.description == "Watercolour notes from the edge of the tide"
    assert [a.name for a in result.site.authors] == ["Nell Ashby"]
    urls = {p.id: p.url for p in result.posts}
    assert urls[POST_ID] == parse_file(PAGE).posts[0].url
    assert urls[5566778899001199999] is None  # a draft has no address yet


def test_takeout_keeps_each_post_s_path_without_inventing_its_address() -> None:
    result = parse_blogger(TAKEOUT)
    [post] = [p for p in result.posts if p.id == POST_ID]
    assert post.url is None
    assert [(m.key, m.value) for m in post.meta] == [
        ("blogger:filename", "/2019/02/painting-fog-over-estuary.html")]
    # with the blog's address in the feed, the path becomes the post's address
    data = TAKEOUT.read_bytes().replace(
        b"<title>Saltmarsh Sketchbook</title>",
        b"<title>Saltmarsh Sketchbook</title>\n  <link rel='alternate' type='text/html' "
        b"href='https://saltmarshsketchbook.blogspot.com/'/>", 1)
    [post] = [p for p in parse_blogger(data).posts if p.id == POST_ID]
    assert post.url == parse_file(PAGE).posts[0].url


def test_trashed_comments_are_kept_out_unless_asked_for() -> None:
    [post] = [p for p in parse_blogger(TAKEOUT).posts if p.id == POST_ID]
    assert [c.id for c in post.comments] == [6601, 6602, 6603]
    [post] = [p for p in parse_blogger(TAKEOUT, options=ALL_COMMENTS).posts
              if p.id == POST_ID]
    assert [(c.id, c.status) for c in post.comments][-1] == (6604, "trash")


def test_a_saved_public_feed_reads_as_posts_and_comments() -> None:
    """A blog's feeds saved from the web mark no kinds: entries are posts, and comments
    are the entries that name the post they answer."""
    data = BACKUP.read_bytes()
    for kind in (b"post", b"comment", b"page", b"template", b"settings"):
        data = data.replace(b"<category scheme='http://schemas.google.com/g/2005#kind' "
                            b"term='http://schemas.google.com/blogger/2008/kind#" + kind
                            + b"'/>", b"")
    result = parse_page(data)
    assert result.format == "blogger"
    [post] = [p for p in result.posts if p.id == POST_ID]
    assert [c.id for c in post.comments] == [6601, 6602, 6603]


def test_sniffed_by_parse_page_the_command_and_folder_walks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert parse_page(BACKUP.read_bytes()) == parse_blogger(BACKUP)
    assert parse_page(TAKEOUT.read_text("utf-8")).posts == parse_blogger(TAKEOUT).posts
    assert parse_file(TAKEOUT) == parse_blogger(TAKEOUT)
    folder = tmp_path / "Takeout" / "Blogger" / "Blogs" / "Saltmarsh Sketchbook"
    folder.mkdir(parents=True)
    (folder / "feed.atom").write_bytes(TAKEOUT.read_bytes())
    assert main(["parse", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    record = json.loads(out)
    assert Path(record["input"]) == folder / "feed.atom"
    assert PageResult.from_dict(record["result"]) == parse_blogger(TAKEOUT)


def test_a_blogger_page_is_still_a_page() -> None:
    assert parse_file(PAGE).format == "html"


def test_a_cut_off_export_keeps_what_came_before() -> None:
    data = TAKEOUT.read_bytes()
    cut = data[: data.index(b"post-5566778899001199999") + 10]
    result = parse_blogger(cut)
    assert [p.id for p in result.posts] == [POST_ID]
    assert result.posts[0].comments == ()  # its comments came after the break
    assert [d.kind for d in result.defects] == [DefectKind.TRUNCATED]


def test_documents_that_are_not_blogger_exports() -> None:
    with pytest.raises(HostileInputError):
        parse_blogger(b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaa">]>'
                      b"<feed xmlns='http://www.w3.org/2005/Atom'><title>&a;</title></feed>")
    with pytest.raises(InputError, match="not a Blogger export"):
        parse_blogger(b"<rss version='2.0'><channel><title>x</title></channel></rss>")
    with pytest.raises(InputError, match="not well-formed"):
        parse_blogger(b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>1</id></feed>")
    with pytest.raises(TypeError):
        parse_blogger("<feed/>")


def test_an_orphan_reply_is_placed_at_the_top_with_a_defect() -> None:
    data = TAKEOUT.read_bytes().replace(b".post-6601</blogger:inReplyTo>",
                                        b".post-9999</blogger:inReplyTo>", 1)
    [post] = [p for p in parse_blogger(data).posts if p.id == POST_ID]
    reply = next(c for c in post.comments if c.id == 6602)
    assert (reply.parent_id, reply.depth) == (None, 1)
    assert [d.kind for d in parse_blogger(data).defects] == [DefectKind.ORPHAN_COMMENT]


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.integers(min_value=0, max_value=20_000), st.binary(max_size=40))
def test_any_cut_or_splice_gives_a_result_or_our_error(at: int, noise: bytes) -> None:
    data = BACKUP.read_bytes()
    at %= len(data)
    try:
        result = parse_blogger(data[:at] + noise)
    except blogparse.BlogparseError:
        return
    assert PageResult.from_dict(result.to_dict()) == result


def _takeout_zip(*blogs: str) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Takeout/archive_browser.html", "<html><body>index</body></html>")
        for blog in blogs:
            archive.writestr(f"Takeout/Blogger/Blogs/{blog}/feed.atom", TAKEOUT.read_bytes())
            archive.writestr(f"Takeout/Blogger/Blogs/{blog}/theme-classic.html", "<html/>")
    return out.getvalue()


def test_a_takeout_archive_is_read_by_its_feed(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = _takeout_zip("Saltmarsh Sketchbook")
    assert parse_blogger(data) == parse_blogger(TAKEOUT)
    assert parse_page(data) == parse_blogger(TAKEOUT)
    path = tmp_path / "takeout-20190301T101500Z-001.zip"
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 0
    assert PageResult.from_dict(json.loads(capsys.readouterr()[0])) == parse_blogger(TAKEOUT)
    with pytest.raises(InputError, match="2 Blogger blogs"):
        parse_blogger(_takeout_zip("One", "Two"))


def test_comments_come_oldest_first_whatever_the_file_order() -> None:
    """A backup lists the newest entries first; the thread reads as the page shows it."""
    import re

    text = BACKUP.read_text("utf-8")
    comments = [e for e in re.findall(r"<entry>.*?</entry>", text, re.DOTALL)
                if "kind#comment" in e]
    assert len(comments) == 3
    for entry in comments:
        text = text.replace(entry, "")
    text = text.replace("</feed>", "".join(reversed(comments)) + "</feed>")
    assert parse_blogger(text.encode("utf-8")).posts == parse_blogger(BACKUP).posts


def test_convert_writes_whole_posts_from_either_export(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """An export holds whole posts, not an archive page's excerpts; Takeout's recorded
    path names the post and its old address as the backup's permalink does."""
    trees = []
    for n, path in enumerate((BACKUP, TAKEOUT)):
        out = tmp_path / f"site{n}"
        assert main(["convert", str(path), "-o", str(out)]) == 0
        printed, err = capsys.readouterr()
        assert "0 problems" in printed
        assert err == ""
        trees.append({p.relative_to(out).as_posix(): p.read_text("utf-8")
                      for p in sorted(out.rglob("*")) if p.is_file()})
    backup, takeout = trees
    post = "content/posts/painting-fog-over-estuary.md"
    assert backup[post] == takeout[post]
    assert 'aliases: ["/2019/02/painting-fog-over-estuary.html"]' in takeout[post]
    assert "content/pages/about.md" in takeout
