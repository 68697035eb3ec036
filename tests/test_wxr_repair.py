"""Exports whose XML breaks at an ampersand: a bare "&" or an HTML entity outside CDATA.

The reader stops at the fault, then reads the export again with those references
repaired, passing over what it already gave; each post comes out once, in order.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from blogparse import DefectKind, InputError, iter_wxr, parse_wxr
from blogparse._wxr import _RefRepair

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>{site}</title>\n'
    "<link>https://quay.example</link>\n"
    "<wp:category><wp:category_nicename>boats</wp:category_nicename>"
    "<wp:cat_name><![CDATA[Boats]]></wp:cat_name></wp:category>\n"
)


def _item(pid: int, title: str, body: str = "Plain words.") -> str:
    return (
        f"<item><title>{title}</title><link>https://quay.example/?p={pid}</link>"
        f"<dc:creator><![CDATA[mira]]></dc:creator>"
        f'<category domain="category" nicename="boats"><![CDATA[Boats]]></category>'
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{pid}</wp:post_id><wp:post_date_gmt>2021-05-0{pid % 9 + 1} 08:00:00"
        f"</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        "</item>\n"
    )


def _export(*items: str, site: str = "Quay notes") -> bytes:
    return (_HEAD.format(site=site) + "".join(items) + "</channel>\n</rss>\n").encode()


_BROKEN = _export(
    _item(1, "Before the fault"),
    _item(2, "Fish & chips &ndash; &copy; &bogus; &#11;x"),
    _item(3, "After it", body="<p>Kept as written: a&nbsp;b &amp; c & d</p>"),
)


class _NoSeek(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buf: memoryview) -> int:  # type: ignore[override]
        got = self._data.read(len(buf))
        buf[: len(got)] = got
        return len(got)


def _sources(tmp_path: Path) -> list[object]:
    plain = tmp_path / "broken.xml"
    plain.write_bytes(_BROKEN)
    packed = tmp_path / "broken.xml.gz"
    packed.write_bytes(gzip.compress(_BROKEN))
    return [_BROKEN, plain, str(packed), io.BytesIO(_BROKEN)]


def test_each_post_comes_once_with_its_references_repaired(tmp_path: Path) -> None:
    """From bytes, a path, a gzip file and a file object that can seek, alike."""
    for jobs in (None, 2):
        for source in _sources(tmp_path):
            result = parse_wxr(source, jobs=jobs)  # type: ignore[arg-type]
            assert [(p.id, p.title) for p in result.posts] == [
                (1, "Before the fault"), (2, "Fish & chips \u2013 \u00a9 &bogus; x"),
                (3, "After it")], (source, jobs)
            # CDATA is left as it was written
            assert result.posts[2].content_html == (
                "<p>Kept as written: a&nbsp;b &amp; c & d</p>")
            assert result.posts[2].content_text == "Kept as written: a b & c & d"
            repaired = [d.message for d in result.defects
                        if d.kind is DefectKind.MALFORMED_MARKUP]
            assert repaired == [
                "the export was read a second time with its references repaired: 2 '&' that "
                "began no XML reference (escaped), 2 HTML entity reference(s) XML does not "
                "define (read as their characters), 1 reference(s) to characters XML forbids "
                "(dropped)"]


def test_iterating_gives_the_posts_before_the_fault_once() -> None:
    """The stream gives post 1 before the fault is met; the second reading passes it by."""
    reader = iter_wxr(_BROKEN)
    first = next(reader)
    assert [first.id] + [p.id for p in reader] == [1, 2, 3]


def test_a_stream_that_cannot_seek_stops_at_the_fault() -> None:
    """Without a second reading the posts before the fault come, then the error."""
    reader = iter_wxr(io.BufferedReader(_NoSeek(_BROKEN)))
    assert next(reader).id == 1
    with pytest.raises(InputError, match="not well-formed XML"):
        next(reader)


def test_an_entity_in_the_channel_is_repaired_before_any_post() -> None:
    result = parse_wxr(_export(_item(1, "One"), site="Tides &amp; times &mdash; log"))
    assert result.site is not None
    assert result.site.name == "Tides & times \u2014 log"
    assert [p.title for p in result.posts] == ["One"]


def test_faults_other_than_references_still_stop_the_reading() -> None:
    """A "<" in text is not guessed at: the posts before it and a malformed-markup defect."""
    data = _export(_item(1, "One"), _item(2, "Two < three"), _item(3, "Three"))
    result = parse_wxr(data)
    assert [p.id for p in result.posts] == [1]
    assert [d.kind for d in result.defects] == [DefectKind.MALFORMED_MARKUP]
    assert "the items after it were not read" in result.defects[0].message


def test_a_well_formed_export_is_read_once_without_repair_defects() -> None:
    result = parse_wxr(_export(_item(1, "Fish &amp; chips &#8211; &#x2014;")))
    assert result.posts[0].title == "Fish & chips \u2013 \u2014"
    assert result.defects == ()


# --- the repairing stream, read in chunks of any size -----------------------------------

_PIECES = st.sampled_from([
    "a", " ", "\n", "&", "&amp;", "&nbsp;", "&mdash;", "&bogus;", "&#38;", "&#x41;", "&#11;",
    "&#X41;", "&;", "<![CDATA[", "]]>", "]", "]]", "<!--", "-->", "-", "<?pi ", "?>", "?",
    "<b>", "</b>", "\u00e9",
])


class _Chunks:
    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self._data = data
        self._sizes = sizes
        self._pos = 0
        self._turn = 0

    def read(self, n: int, /) -> bytes:
        size = min(n, self._sizes[self._turn % len(self._sizes)])
        self._turn += 1
        out = self._data[self._pos : self._pos + size]
        self._pos += len(out)
        return out


def _read_all(stream: _RefRepair) -> bytes:
    out = []
    while chunk := stream.read(65536):
        out.append(chunk)
    return b"".join(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join),
       st.lists(st.integers(1, 50), min_size=1, max_size=8))
def test_repair_does_not_depend_on_where_the_chunks_end(text: str, sizes: list[int]) -> None:
    data = text.encode()
    whole = _read_all(_RefRepair(io.BytesIO(data)))
    assert _read_all(_RefRepair(_Chunks(data, sizes))) == whole


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "&", "&amp;", "&nbsp;", "&bogus;", "&#11;",
                                 "&#x2014;", "&;", "<![CDATA[x & y &nbsp;]]>", "\u00e9"]),
                max_size=40).map("".join))
# a "]]>" that straddled the end of the bytes read at once
@example("<![CDATA[x & y &nbsp;]]>&bogus;<![CDATA[x & y &nbsp;]]>&bogus;"
         "<![CDATA[x & y &nbsp;]]>&nbsp;")
def test_repaired_text_is_well_formed_and_reads_as_a_browser_would(text: str) -> None:
    """Outside CDATA every "&" becomes a reference XML allows; CDATA is untouched."""
    doc = f"<r>{text}</r>".encode()
    fixed = _read_all(_RefRepair(io.BytesIO(doc)))
    root = etree.fromstring(fixed, etree.XMLParser(resolve_entities=False))
    expected = (text.replace("<![CDATA[x & y &nbsp;]]>", "\x00").replace("&amp;", "\x01")
                .replace("&nbsp;", "\u00a0").replace("&#11;", "").replace("&#x2014;", "\u2014")
                .replace("\x01", "&").replace("\x00", "x & y &nbsp;"))
    assert (root.text or "") == expected
