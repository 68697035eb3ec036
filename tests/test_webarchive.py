"""Safari web archives (``.webarchive``): a property list holding the page and its
resources, read as the page it holds, with the address and encoding it records."""

from __future__ import annotations

import json
import plistlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogparse import InputError, PageResult, parse_file, parse_page
from blogparse._cli import main
from blogparse.distributed import expand_inputs

PAGES = Path(__file__).parent / "pages"
SINGLE = PAGES / "classic_single.html"
ADDRESS = "https://drystone.example/2023/01/14/winter-wall/"


def _archive(page: bytes, *, url: str | None = ADDRESS, mime: str = "text/html",
             encoding: str | None = "UTF-8", xml: bool = False) -> bytes:
    """A web archive laid out as Safari writes one: the page, then its resources."""
    main: dict[str, Any] = {"WebResourceData": page, "WebResourceFrameName": "",
                            "WebResourceMIMEType": mime}
    if encoding is not None:
        main["WebResourceTextEncodingName"] = encoding
    if url is not None:
        main["WebResourceURL"] = url
    archive = {
        "WebMainResource": main,
        "WebSubresources": [
            {"WebResourceData": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
             "WebResourceMIMEType": "image/png",
             "WebResourceURL": "https://drystone.example/wp-content/uploads/wall.png"},
            {"WebResourceData": b"body{margin:0}", "WebResourceMIMEType": "text/css",
             "WebResourceTextEncodingName": "UTF-8",
             "WebResourceURL": "https://drystone.example/wp-content/themes/x/style.css"},
        ],
    }
    return plistlib.dumps(archive, fmt=plistlib.FMT_XML if xml else plistlib.FMT_BINARY)


def _same_page(got: PageResult, want: PageResult) -> None:
    assert got.posts == want.posts
    assert got.site == want.site
    assert got.theme == want.theme
    assert got.defects == want.defects
    assert got.url == want.url


@pytest.mark.parametrize("xml", [False, True])
def test_a_web_archive_gives_the_page_it_holds(xml: bool) -> None:
    page = SINGLE.read_bytes()
    got = parse_page(_archive(page, xml=xml))
    want = parse_page(page, url=ADDRESS)
    assert (got.format, got.encoding) == ("webarchive", "utf-8")
    assert got.kind == "single"
    _same_page(got, want)


def test_the_recorded_address_resolves_relative_links() -> None:
    page = (b"<html><head><title>t</title></head><body><article class='post'>"
            b"<h1 class='entry-title'>Frost heave</h1><div class='entry-content'>"
            b"<p>Words about walls.</p><img src='../../uploads/wall.jpg' alt='w'></div>"
            b"</article></body></html>")
    got = parse_page(_archive(page))
    assert got.url == ADDRESS
    assert [b.src for b in got.posts[0].blocks if b.kind == "image"] == [
        "https://drystone.example/2023/01/uploads/wall.jpg"]
    assert parse_page(_archive(page), url="https://elsewhere.example/p/").url == (
        "https://elsewhere.example/p/")


def test_the_archive_s_text_encoding_decodes_the_page() -> None:
    page = ("<html><head><title>Mauer</title></head><body><article class='post'>"
            "<h1 class='entry-title'>Trockenmauer im Frühjahr</h1>"
            "<div class='entry-content'><p>Größere Steine unten.</p></div></article>"
            "</body></html>").encode("cp1252")
    got = parse_page(_archive(page, encoding="windows-1252"))
    assert got.encoding == "windows-1252"
    assert got.posts[0].title == "Trockenmauer im Frühjahr"
    assert "Größere Steine unten." in (got.posts[0].content_text or "")
    assert not [d for d in got.defects if "encod" in d.message or "charset" in d.message]


def test_a_plain_text_resource_is_read_as_a_text_dump() -> None:
    text = b"Frost heave\n\nBy Ada Stone\n\nThe wall moved an inch over the winter.\n"
    got = parse_page(_archive(text, mime="text/plain"))
    assert got.format == "text"
    assert got.url == ADDRESS


@pytest.mark.parametrize(("data", "message"), [
    (b"bplist00" + bytes(40), "cannot be read"),
    (plistlib.dumps({"Name": "not a page"}, fmt=plistlib.FMT_BINARY),
     "without a WebMainResource"),
    (plistlib.dumps({"WebMainResource": {"WebResourceMIMEType": "text/html"}},
                    fmt=plistlib.FMT_BINARY), "holds no data"),
    (_archive(b"\x89PNG\r\n\x1a\n", mime="image/png"), "holds image/png, not a page"),
])
def test_archives_that_hold_no_page_raise_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_page(data)


def test_a_str_cannot_be_a_web_archive() -> None:
    with pytest.raises(InputError, match="binary"):
        parse_page("<html></html>", format="webarchive")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=2000))
def test_damaged_archives_fail_only_with_input_error(noise: bytes, at: int) -> None:
    """Bytes overwritten or cut anywhere: a page or the library's own error, nothing else."""
    data = bytearray(_archive(SINGLE.read_bytes()[:1500]))
    cut = at % len(data)
    damaged = bytes(data[:cut]) + noise + bytes(data[cut + len(noise):])
    try:
        result = parse_page(damaged, format="webarchive")
    except InputError:
        return
    assert result.format in ("webarchive", "text")


def test_files_folders_and_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    path = tmp_path / "Winter wall.webarchive"
    path.write_bytes(_archive(SINGLE.read_bytes()))
    want = parse_page(SINGLE.read_bytes(), url=ADDRESS)
    _same_page(parse_file(path), want)
    assert expand_inputs([str(tmp_path)]) == [str(path)]

    assert main(["parse", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    record = json.loads(out)
    assert Path(record["input"]) == path
    got = PageResult.from_dict(record["result"])
    assert got.format == "webarchive"
    assert got.posts == want.posts

    assert main(["detect", "--format", "jsonl", str(path)]) == 0
    record = json.loads(capsys.readouterr()[0])
    assert record["format"] == "webarchive"
    assert record["encoding"] == "utf-8"
    assert record["theme"] == want.theme
