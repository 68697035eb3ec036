"""Exports in several files (``wp export``'s parts, WordPress.com's ZIP download),
compressed exports, and what a plugin prints before the XML declaration."""

from __future__ import annotations

import gzip
import io
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_wxr_repair import _NoSeek

from blogparse import (
    Defect,
    DefectKind,
    InputError,
    Post,
    TruncatedInputError,
    iter_wxr,
    parse_wxr,
)

HERE = Path(__file__).parent / "wxr"
FULL = HERE / "full-1.2.xml"
_ITEM_RE = re.compile(rb"[ \t]*<item>.*?</item>\s*", re.DOTALL)


def _split(data: bytes, *cuts: int, channel_once: bool = False) -> list[bytes]:
    """``data`` as ``wp export`` writes it in parts: every part a whole document with the
    channel, the items cut before the item numbers in ``cuts``.  ``channel_once`` leaves
    the category and tag lists out of the later parts (``--include_once``)."""
    items = list(_ITEM_RE.finditer(data))
    head = data[: items[0].start()]
    tail = data[items[-1].end():]
    bounds = [0, *cuts, len(items)]
    later_head = re.sub(rb"\s*<wp:(category|tag|term)>.*?</wp:\1>", b"", head,
                        flags=re.DOTALL) if channel_once else head
    parts = []
    for n, (a, b) in enumerate(itertools.pairwise(bounds)):
        body = b"".join(m.group() for m in items[a:b])
        parts.append((head if n == 0 else later_head) + body + tail)
    return parts


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _summary(posts: tuple[Post, ...] | list[Post]) -> list[tuple[object, ...]]:
    return [(p.id, p.type, p.title, p.featured_image.src if p.featured_image else None,
             len(p.comments), len(p.pingbacks)) for p in posts]


WHOLE = parse_wxr(FULL)


def _added(defects: tuple[Defect, ...]) -> list[Defect]:
    """The defects beyond those the whole fixture has of its own (an orphan reply, a
    draft's zero date)."""
    return [d for d in defects if d not in WHOLE.defects]


def test_the_fixture_splits_where_the_tests_expect() -> None:
    """The cuts below put post 101 before its featured image (attachment 201)."""
    ids = [p.id for p in WHOLE.posts]
    assert ids == [200, 101, 102, 201, 103, 104, 105, 106]
    assert WHOLE.posts[1].featured_image is not None
    assert WHOLE.posts[1].featured_image.id == 201


def test_parts_given_as_a_list_read_as_the_whole_export(tmp_path: Path) -> None:
    parts = _split(FULL.read_bytes(), 2, 4)
    paths = []
    for n, data in enumerate(parts):
        path = tmp_path / f"quay.wordpress.2024-05-01.{n:03d}.xml"
        path.write_bytes(data)
        paths.append(path)
    for source in (paths, [str(p) for p in paths], tuple(parts)):
        result = parse_wxr(source)
        assert result.posts == WHOLE.posts
        assert result.site == WHOLE.site
        assert result.defects == WHOLE.defects


def test_a_featured_image_resolves_from_a_later_part() -> None:
    parts = _split(FULL.read_bytes(), 2, 4)
    assert b"<wp:post_id>201</wp:post_id>" not in parts[0]
    with iter_wxr(parts) as reader:
        posts = list(reader)
    assert _summary(posts) == _summary(WHOLE.posts)
    assert posts[1].featured_image == WHOLE.posts[1].featured_image


def test_channel_lists_given_once_still_name_the_terms() -> None:
    """``wp export --include_once=categories,tags``: only the first part lists them."""
    parts = _split(FULL.read_bytes(), 3, channel_once=True)
    assert b"<wp:category>" not in parts[1]
    result = parse_wxr(parts)
    assert result.site == WHOLE.site
    assert [(p.categories, p.tags) for p in result.posts] == [
        (p.categories, p.tags) for p in WHOLE.posts]


def test_authors_are_listed_once_across_parts() -> None:
    result = parse_wxr(_split(FULL.read_bytes(), 1, 2, 3))
    assert result.site is not None
    assert WHOLE.site is not None
    assert result.site.authors == WHOLE.site.authors
    assert len({a.login for a in result.site.authors}) == len(result.site.authors)


def test_a_zip_archive_is_read_in_member_name_order(tmp_path: Path) -> None:
    parts = _split(FULL.read_bytes(), 4)
    data = _zip({
        "quay.wordpress.2024-05-01.001.xml": parts[1],
        "quay.wordpress.2024-05-01.000.xml": parts[0],
        "__MACOSX/._quay.wordpress.2024-05-01.000.xml": b"\x00\x05\x16\x07resource fork",
        "media-list.txt": b"not an export",
    })
    path = tmp_path / "quay-export.zip"
    path.write_bytes(data)
    for source in (data, path, io.BytesIO(data)):
        assert parse_wxr(source).posts == WHOLE.posts


def test_a_zip_archive_that_cannot_be_read_says_why() -> None:
    whole = _zip({"a.xml": FULL.read_bytes()})
    with pytest.raises(InputError, match="damaged or cut off"):
        iter_wxr(whole[: len(whole) // 2])
    with pytest.raises(InputError, match=r"no \.xml file"):
        iter_wxr(_zip({"notes.txt": b"nothing here"}))
    with pytest.raises(InputError, match="file object that can seek"):
        iter_wxr(io.BufferedReader(_NoSeek(whole)))


def test_a_member_that_is_not_an_export_is_named_after_the_posts_before_it() -> None:
    reader = iter_wxr(_zip({"a.xml": FULL.read_bytes(), "b.xml": b"<html><p>no</p></html>"}))
    got = [next(reader) for _ in WHOLE.posts]
    with pytest.raises(InputError, match=r"^b\.xml: not a WordPress export"):
        next(reader)
    assert [p.id for p in got] == [p.id for p in WHOLE.posts]


def test_a_cut_off_part_names_itself_and_keeps_the_posts_before() -> None:
    parts = _split(FULL.read_bytes(), 4)
    cut = parts[1][: parts[1].index(b"<wp:post_id>104</wp:post_id>")]
    reader = iter_wxr([parts[0], cut])
    got = [next(reader).id for _ in range(5)]
    with pytest.raises(TruncatedInputError, match=r"^part 2: the WXR export stops"):
        next(reader)
    assert got == [200, 101, 102, 201, 103]
    result = parse_wxr([parts[0], cut])
    assert [p.id for p in result.posts] == got
    assert [d.kind for d in _added(result.defects)] == [DefectKind.TRUNCATED]


def test_repairs_in_a_part_name_the_part(tmp_path: Path) -> None:
    parts = _split(FULL.read_bytes(), 4)
    dirty = parts[1].replace(b"<wp:post_id>103</wp:post_id>", b"<wp:post_id>103</wp:post_id>"
                             b"<wp:note>bell\x07</wp:note>", 1)
    second = tmp_path / "quay.001.xml"
    second.write_bytes(dirty)
    result = parse_wxr([parts[0], second])
    assert result.posts == WHOLE.posts
    assert [d.message for d in _added(result.defects)] == [
        f"{second}: 1 control character(s) XML forbids were removed"]


def test_sources_that_are_not_exports_fail_plainly() -> None:
    with pytest.raises(ValueError, match="empty list"):
        iter_wxr([])
    with pytest.raises(TypeError):
        iter_wxr([FULL.read_bytes(), 42])  # type: ignore[list-item]


@pytest.mark.parametrize("wrap", ["bytes", "file", "stream"])
def test_gzip_compressed_exports_from_any_source(wrap: str) -> None:
    packed = gzip.compress(FULL.read_bytes())
    source = {"bytes": packed, "file": io.BytesIO(packed),
              "stream": io.BufferedReader(_NoSeek(packed))}[wrap]
    assert parse_wxr(source).posts == WHOLE.posts  # type: ignore[arg-type]


@pytest.mark.parametrize("junk", [
    b"<br />\n<b>Notice</b>:  Undefined index: page in <b>/srv/wp/export.php</b> on line "
    b"<b>40</b><br />\n",
    b"Deprecated: Function create_function() is deprecated in /srv/wp/theme.php\n\n",
])
def test_text_a_plugin_printed_before_the_declaration_is_dropped(junk: bytes) -> None:
    result = parse_wxr(junk + FULL.read_bytes())
    assert result.posts == WHOLE.posts
    added = _added(result.defects)
    assert [d.kind for d in added] == [DefectKind.MALFORMED_MARKUP]
    message = added[0].message
    assert message.startswith("text printed before the XML declaration was removed: ")
    assert ("Notice" in message) or ("Deprecated" in message)
    assert "<b>" not in message


def test_blank_lines_before_the_declaration_keep_their_own_message() -> None:
    result = parse_wxr(b"\n\n  \n" + FULL.read_bytes())
    assert result.posts == WHOLE.posts
    assert [d.message for d in _added(result.defects)] == [
        "white space before the XML declaration was removed"]


def test_a_declaration_quoted_in_a_post_is_not_taken_for_the_start() -> None:
    """An export without a declaration of its own, quoting one in a post, loses nothing."""
    data = FULL.read_bytes()
    assert data.startswith(b"<?xml ")
    bare = data[data.index(b"?>") + 2:].lstrip()
    quoted = bare.replace(b"<content:encoded><![CDATA[",
                          b"<content:encoded><![CDATA[<?xml version=\"1.0\"?> quoted. ", 1)
    assert quoted != bare
    result = parse_wxr(quoted)
    assert [p.id for p in result.posts] == [p.id for p in WHOLE.posts]
    assert result.defects == WHOLE.defects


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=7), max_size=6, unique=True),
       st.booleans())
def test_any_split_reads_as_the_whole(cuts: list[int], channel_once: bool) -> None:
    """Wherever ``wp export`` cuts the items, the parts read as the one export."""
    parts = _split(FULL.read_bytes(), *sorted(cuts), channel_once=channel_once)
    result = parse_wxr(parts)
    assert result.posts == WHOLE.posts
    assert result.site == WHOLE.site
    assert result.defects == WHOLE.defects


def _long_export(copies: int = 60) -> bytes:
    """The fixture with its items repeated, long enough to be read in several chunks."""
    data = FULL.read_bytes()
    items = [m.group() for m in _ITEM_RE.finditer(data)]
    head = data[: data.index(items[0])]
    tail = data[data.rindex(items[-1]) + len(items[-1]):]
    return head + b"".join(items) * copies + tail


def test_a_cut_off_gzip_export_keeps_the_posts_before_the_cut() -> None:
    packed = gzip.compress(_long_export())
    cut = packed[: len(packed) * 2 // 3]
    got: list[Post] = []
    stopped: Exception | None = None
    try:
        got.extend(iter_wxr(cut))
    except TruncatedInputError as exc:
        stopped = exc
    assert stopped is not None
    assert "compressed file ends before its end marker" in str(stopped)
    assert len(got) > 8
    result = parse_wxr(cut)
    assert len(result.posts) == len(got)
    assert result.defects[-1].kind is DefectKind.TRUNCATED


@pytest.mark.parametrize("damage", ["header", "middle"])
def test_damaged_gzip_data_is_the_library_s_error(damage: str) -> None:
    packed = gzip.compress(_long_export())
    if damage == "header":
        data = packed[:2] + b"xml version" + packed[13:]
        with pytest.raises(InputError, match="cannot be read"):
            parse_wxr(data)
        return
    at = len(packed) * 2 // 3
    data = packed[:at] + bytes(64) + packed[at + 64:]
    # zeros in deflate data decode to garbage (the XML breaks) or fail the decoder (the
    # data ends): either way the posts before it and a malformed-markup defect
    result = parse_wxr(data)
    assert 8 < len(result.posts) < 60 * 8
    assert result.defects[-1].kind is DefectKind.MALFORMED_MARKUP


def test_compressed_data_that_fails_mid_stream_stops_the_reading_there() -> None:
    """Stored deflate blocks with a broken length check: the decoder fails after the first
    block; the posts in it come, then the library's error naming the byte."""
    packed = gzip.compress(_long_export(), compresslevel=0)
    first_len = int.from_bytes(packed[11:13], "little")
    second = 10 + 5 + first_len
    data = packed[: second + 3] + bytes([packed[second + 3] ^ 0xFF]) + packed[second + 4:]
    result = parse_wxr(data)
    assert 0 < len(result.posts) < 60 * 8
    assert result.defects[-1].kind is DefectKind.MALFORMED_MARKUP
    assert "cannot be read past byte" in result.defects[-1].message


def test_a_zip_member_that_fails_its_check_is_the_library_s_error() -> None:
    """A stored member with one letter changed fails its CRC when read: the error names
    the member."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("quay.xml", FULL.read_bytes())
    data = bytearray(out.getvalue())
    data[data.index(b"<title>") + 8] ^= 0x01
    with pytest.raises(InputError, match=r"^quay\.xml: .*Bad CRC-32"):
        parse_wxr(bytes(data))


def test_a_gzip_export_that_fails_its_check_at_the_end_is_said_to_be_damaged() -> None:
    """One letter changed in stored gzip data: the XML reads whole, the CRC then fails."""
    packed = bytearray(gzip.compress(FULL.read_bytes(), compresslevel=0))
    packed[packed.index(b"<title>") + 8] ^= 0x01
    result = parse_wxr(bytes(packed))
    assert len(result.posts) == len(WHOLE.posts)
    assert "failed its check" in _added(result.defects)[-1].message


@pytest.mark.parametrize("width", ["³0", "٣٠٠", "-5", "wide"])
def test_a_caption_width_that_is_not_a_number_shows_the_image_alone(width: str) -> None:
    """``str.isdigit`` holds for superscripts, which ``int`` refuses (found by fuzzing).
    WordPress reads such a width as 0, and a caption narrower than 1 shows its image
    alone, without the caption."""
    opening = b"<content:encoded><![CDATA[The fog came in early"
    assert opening in FULL.read_bytes()
    data = FULL.read_bytes().replace(
        opening,
        f'<content:encoded><![CDATA[[caption id="" align="alignnone" width="{width}"]'
        f'<img src="https://quay.example/a.jpg" alt="a" /> Gulls. Photo: Ann Lee[/caption]'
        f"\n\nThe fog came in early".encode(), 1)
    result = parse_wxr(data)
    post = next(p for p in result.posts if p.id == 101)
    assert "Gulls." not in [c.text for c in post.captions]
    assert post.blocks[0].kind == "image"
    assert post.blocks[0].src == "https://quay.example/a.jpg"
