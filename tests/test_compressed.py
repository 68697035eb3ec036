"""Compressed and binary inputs: a gzip-compressed page or export is read as what it
holds, a ZIP archive as a WordPress export download, anything else binary is refused
with a message naming it (never parsed as a text dump that holds nothing)."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from blogparse import (
    DefectKind,
    InputError,
    Options,
    PageResult,
    ResourceLimitError,
    parse_file,
    parse_page,
    parse_wxr,
)
from blogparse._cli import main
from blogparse.distributed import expand_inputs

TESTS = Path(__file__).parent
PAGE = TESTS / "pages" / "classic_single.html"
EXPORT = TESTS / "wxr" / "full-1.2.xml"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _tar(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def test_a_gzip_compressed_page_parses_as_the_page() -> None:
    assert parse_page(gzip.compress(PAGE.read_bytes())) == parse_page(PAGE.read_bytes())


def test_gzip_members_are_read_one_after_another() -> None:
    data = PAGE.read_bytes()
    half = len(data) // 2
    packed = gzip.compress(data[:half]) + gzip.compress(data[half:]) + b"\0" * 16
    assert parse_page(packed) == parse_page(data)


def test_a_cut_off_gzip_page_keeps_what_it_holds_and_says_so() -> None:
    packed = gzip.compress(PAGE.read_bytes())
    result = parse_page(packed[: len(packed) * 3 // 4])
    assert result.kind == "single"
    assert result.posts[0].title == parse_page(PAGE.read_bytes()).posts[0].title
    assert result.defects[0].kind is DefectKind.TRUNCATED
    assert "gzip-compressed input stops before its end" in result.defects[0].message


def test_a_damaged_gzip_stream_is_an_input_error() -> None:
    with pytest.raises(InputError, match="gzip-compressed input is damaged"):
        parse_page(b"\x1f\x8b\x08\xff" + bytes(range(40)))


def test_decompression_stops_at_the_input_limit() -> None:
    packed = gzip.compress(b"<p>" + b"a" * 200_000 + b"</p>")
    with pytest.raises(ResourceLimitError) as caught:
        parse_page(packed, options=Options(max_input_bytes=100_000))
    assert caught.value.limit == "max_input_bytes"


def test_a_gzip_compressed_export_and_a_zip_download_parse_as_the_export() -> None:
    whole = parse_wxr(EXPORT)
    for data in (gzip.compress(EXPORT.read_bytes()),
                 _zip({"quay.wordpress.2024-05-01.000.xml": EXPORT.read_bytes()})):
        result = parse_page(data)
        assert result.format == "wxr"
        assert result.posts == whole.posts


@pytest.mark.parametrize(("data", "named"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
    (_tar("post.html", b"<html><p>x</p></html>"), "a tar archive"),
    (gzip.compress(_tar("post.html", b"<html><p>x</p></html>")),
     "a tar archive compressed with gzip"),
    (b"BZh91AY&SY\x00\x01", "bzip2-compressed data"),
])
def test_other_binary_data_is_refused_by_name(data: bytes, named: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_page(data)
    assert str(caught.value) == f"{named}, not a saved page or a WordPress export"


def test_text_that_starts_like_a_magic_number_is_still_text() -> None:
    """Only the exact signatures count: prose about PDFs or GIFs is a text dump."""
    for text in (b"PDF files and how to read them\n\nA post.", b"GIF art\n\nA post.",
                 b"BZh is not bzip2 without its block header\n"):
        assert parse_page(text).format == "text"


def test_parse_file_reads_a_compressed_page(tmp_path: Path) -> None:
    path = tmp_path / "post.html.gz"
    path.write_bytes(gzip.compress(PAGE.read_bytes()))
    assert parse_file(path) == parse_page(PAGE.read_bytes())


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_command_reads_compressed_pages_exports_and_zip_downloads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "post.html.gz"
    page.write_bytes(gzip.compress(PAGE.read_bytes()))
    export = tmp_path / "quay.xml.gz"
    export.write_bytes(gzip.compress(EXPORT.read_bytes()))
    download = tmp_path / "quay-export.zip"
    download.write_bytes(_zip({"quay.wordpress.2024-05-01.000.xml": EXPORT.read_bytes()}))
    status, out, err = _run(capsys, page)
    assert (status, err) == (0, "")
    assert PageResult.from_dict(json.loads(out)) == parse_page(PAGE.read_bytes())
    whole = parse_wxr(EXPORT)
    for path in (export, download):
        status, out, err = _run(capsys, path)
        assert (status, err) == (0, "")
        got = PageResult.from_dict(json.loads(out))
        assert (got.format, got.posts) == ("wxr", whole.posts)


def test_a_folder_walk_takes_compressed_pages(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(PAGE.read_bytes()))
    (tmp_path / "b.html").write_bytes(PAGE.read_bytes())
    (tmp_path / "c.jpg.gz").write_bytes(gzip.compress(b"\xff\xd8\xff\xe0"))
    status, out, err = _run(capsys, "parse", "--jobs", "1", tmp_path)
    assert (status, err) == (0, "")
    names = [Path(json.loads(line)["input"]).name for line in out.splitlines()]
    assert names == ["a.html.gz", "b.html"]
    assert sorted(Path(p).name for p in expand_inputs([str(tmp_path)])) == [
        "a.html.gz", "b.html"]


def test_the_command_names_a_binary_file_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    picture = tmp_path / "header.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    for command in ("parse", "detect"):
        status, _out, err = _run(capsys, command, picture)
        assert status == 1
        assert f"{picture}: a PNG image, not a saved page or a WordPress export" in err


def test_detect_says_what_a_compressed_file_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "post.html.gz"
    page.write_bytes(gzip.compress(PAGE.read_bytes()))
    download = tmp_path / "quay-export.zip"
    download.write_bytes(_zip({"quay.000.xml": EXPORT.read_bytes()}))
    status, out, _ = _run(capsys, "detect", "--format", "jsonl", page, download)
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["format"] == "html"
    assert records[0]["format_reason"].startswith("gzip-compressed; ")
    assert records[0]["theme"] is not None
    assert records[1]["format"] == "wxr"
    assert "ZIP archive" in records[1]["format_reason"]
