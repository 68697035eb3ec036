"""Web archives: which records are read, how each page is parsed, and how a broken archive ends."""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest.importorskip("warcio")

from tests.warc import make_fixtures as mf

import blogparse
from blogparse import DefectKind, Options, PageResult
from blogparse._warc import WarcResult, iter_warc

HERE = Path(__file__).resolve().parent / "warc"


def _html_records() -> list[mf.Rec]:
    return [r for r in mf.build_records() if r.html]


@pytest.mark.parametrize("name", ["mixed.warc", "mixed.warc.gz"])
def test_committed_fixtures_are_what_the_script_writes(name: str) -> None:
    """The committed archives are exactly what ``make_fixtures.py`` writes from the pages."""
    expected = mf.archive_bytes(gzip=name.endswith(".gz"))
    assert (HERE / name).read_bytes() == expected


@pytest.mark.parametrize("name", ["mixed.warc", "mixed.warc.gz"])
def test_only_html_pages_with_a_success_status_are_yielded(name: str) -> None:
    """warcinfo, request, image, revisit, dns, 404 and metadata records are skipped."""
    records = mf.build_records()
    got = list(iter_warc(HERE / name))

    assert mf.expected_record_ids(records) == [r.record_id for r in got]
    assert [r.uri for r in records if r.html] == [r.url for r in got]
    assert all(isinstance(r.result, PageResult) for r in got)


def test_each_page_equals_parse_page_on_its_bytes_and_url() -> None:
    """A record's result is what parse_page gives for the page's bytes, url and charset."""
    got = list(iter_warc(mf.archive_bytes()))

    for rec, item in zip(_html_records(), got, strict=True):
        expected = blogparse.parse_page(rec.body, url=rec.uri, encoding=rec.charset)
        assert expected == item.result
        assert expected.posts


def test_the_record_date_is_aware_utc() -> None:
    """WARC-Date becomes an aware UTC datetime."""
    first = next(iter_warc(mf.archive_bytes()))

    assert datetime(2024, 5, 1, 10, 0, 2, tzinfo=UTC) == first.date


def test_a_windows_1252_page_is_read_by_its_http_charset() -> None:
    """A page whose only charset is in the HTTP header is decoded with that charset."""
    (item,) = [r for r in iter_warc(mf.archive_bytes()) if r.url and r.url.endswith("/frost/")]

    expected = blogparse.parse_file(Path(mf.PAGES) / "threaded_comments.html")
    assert "windows-1252" == item.result.encoding
    assert expected.posts[0].title == item.result.posts[0].title
    assert expected.posts[0].content_text == item.result.posts[0].content_text
    assert "\ufffd" not in (item.result.posts[0].content_text or "")


def test_the_http_charset_decides_when_the_page_does_not_say() -> None:
    """windows-1251 bytes with no <meta> are read in the header's charset: the same bytes
    under a KOI8-R header read as KOI8-R, whatever the bytes alone would suggest."""
    (item,) = [r for r in iter_warc(mf.archive_bytes()) if r.url and r.url.endswith("garden/")]
    body = mf.windows_1251_page()

    assert "windows-1251" == item.result.encoding
    assert mf.CYRILLIC_TITLE == item.result.posts[0].title
    rec = mf.Rec("response", "https://x.example/g/", body=body,
                 content_type="text/html; charset=koi8-r")
    (other,) = iter_warc(mf.archive_bytes([rec]))
    assert "koi8-r" == other.result.encoding
    assert mf.CYRILLIC_TITLE != other.result.posts[0].title


def test_a_wrong_http_charset_over_utf8_bytes_is_recorded() -> None:
    """A server that says ISO-8859-1 over UTF-8 bytes: UTF-8 is used and a defect says so."""
    body = (mf.PAGES / "threaded_comments.html").read_bytes()
    body = body.replace(b'<meta charset="UTF-8" />', b"")
    rec = mf.Rec("response", "https://x.example/p/", body=body,
                 content_type="text/html; charset=ISO-8859-1")
    (item,) = iter_warc(mf.archive_bytes([rec]))

    assert "utf-8" == item.result.encoding
    misdeclared = [d for d in item.result.defects if d.kind is DefectKind.ENCODING_MISDECLARED]
    assert len(misdeclared) == 1
    assert "HTTP Content-Type charset" in misdeclared[0].message
    assert blogparse.parse_page(body).posts[0].title == item.result.posts[0].title


def test_chunked_and_gzip_encoded_payloads_are_decoded() -> None:
    """Transfer-Encoding: chunked and Content-Encoding: gzip, alone and together."""
    body = (mf.PAGES / "classic_archive.html").read_bytes()
    recs = [mf.Rec("response", f"https://x.example/{n}/", body=body, chunked=c, gzip_body=g)
            for n, (c, g) in enumerate([(True, False), (False, True), (True, True)])]
    got = list(iter_warc(mf.archive_bytes(recs)))

    expected = [blogparse.parse_page(body, url=r.uri) for r in recs]
    assert expected == [r.result for r in got]


def test_a_broken_gzip_body_costs_only_its_own_record() -> None:
    """A Content-Encoding: gzip body that is corrupt part-way gives a best-effort result;
    the records after it are read as usual."""
    page = (mf.PAGES / "classic_single.html").read_bytes()
    packed = gzip.compress(page, mtime=0)
    broken = packed[:300] + bytes(40) + packed[340:]
    recs = [mf.Rec("response", "https://x.example/b/", body=broken, content_type="text/html",
                   headers=[("Content-Encoding", "gzip")]),
            mf.Rec("response", "https://x.example/c/", body=page)]
    got = list(iter_warc(mf.archive_bytes(recs)))

    assert ["https://x.example/b/", "https://x.example/c/"] == [r.url for r in got]
    assert blogparse.parse_page(page, url="https://x.example/c/") == got[1].result


def test_a_whole_file_gzip_is_read_too() -> None:
    """An archive gzipped as one member (not one per record) gives the same records."""
    whole = gzip.compress(mf.archive_bytes(gzip=False), mtime=0)

    assert list(iter_warc(mf.archive_bytes())) == list(iter_warc(whole))


def test_every_kind_of_source_gives_the_same_records(tmp_path: Path) -> None:
    """A str path, a Path, a binary file and bytes are all read alike."""
    path = HERE / "mixed.warc.gz"
    expected = list(iter_warc(path))
    with path.open("rb") as f:
        from_file = list(iter_warc(f))

    assert expected == list(iter_warc(str(path)))
    assert expected == from_file
    assert expected == list(iter_warc(path.read_bytes()))
    assert len(expected) == 6


def test_a_resource_record_and_a_response_without_content_type() -> None:
    """A resource record with an HTML type is read; an untyped response is read only if its
    bytes open like HTML."""
    body = (mf.PAGES / "classic_single.html").read_bytes()
    recs = [mf.Rec("response", "https://x.example/a/", body=body, content_type=None),
            mf.Rec("response", "https://x.example/b/", body=b"%PDF-1.4 not html",
                   content_type=None),
            mf.Rec("resource", "https://x.example/c/", body=body, content_type="text/html")]
    got = list(iter_warc(mf.archive_bytes(recs)))

    assert ["https://x.example/a/", "https://x.example/c/"] == [r.url for r in got]


def test_theme_and_options_reach_the_page_parser() -> None:
    """An explicit theme skips detection, as in parse_page."""
    got = list(iter_warc(mf.archive_bytes(), theme="generic"))

    assert {"generic"} == {r.result.theme for r in got}


def test_an_unknown_theme_name_is_misuse_whatever_errors_says() -> None:
    """A theme name no theme has raises ThemeError: it is not a property of one page."""
    with pytest.raises(blogparse.ThemeError):
        list(iter_warc(mf.archive_bytes(), theme="no-such-theme", errors="record"))


def test_a_record_over_the_size_limit_is_refused_alone() -> None:
    """A page over max_input_bytes (counted after gzip is undone) does not stop the archive."""
    big = b"<html><body>" + b"<p>filler words</p>" * 4000 + b"</body></html>"
    small = (mf.PAGES / "classic_single.html").read_bytes()
    recs = [mf.Rec("response", "https://x.example/big/", body=big, gzip_body=True),
            mf.Rec("response", "https://x.example/small/", body=small)]
    data = mf.archive_bytes(recs)
    options = Options(max_input_bytes=len(small) + 10)
    assert len(data) < options.max_input_bytes  # the compressed archive itself is small

    refused, kept = iter_warc(data, options=options)
    assert "empty" == refused.result.kind
    assert [DefectKind.LIMIT_REACHED] == [d.kind for d in refused.result.defects]
    assert "https://x.example/big/" == refused.result.url
    assert kept.result.posts

    assert ["https://x.example/small/"] == [
        r.url for r in iter_warc(data, options=options, errors="skip")]
    with pytest.raises(blogparse.ResourceLimitError):
        list(iter_warc(data, options=options, errors="raise"))


def test_strict_mode_raises_by_default_and_can_record() -> None:
    """In strict mode a page with defects raises, unless errors="record" asks to carry on."""
    data = mf.archive_bytes()
    lenient = list(iter_warc(data))
    flawed = [n for n, r in enumerate(lenient) if r.result.defects]
    assert flawed

    with pytest.raises(blogparse.StrictModeError):
        list(iter_warc(data, options=blogparse.STRICT))
    recorded = list(iter_warc(data, options=blogparse.STRICT, errors="record"))
    assert [r.record_id for r in lenient] == [r.record_id for r in recorded]
    for n in flawed:
        assert "empty" == recorded[n].result.kind
        assert lenient[n].result.defects == recorded[n].result.defects


@pytest.mark.parametrize("compressed", [True, False])
def test_a_truncated_archive_yields_what_came_before_then_raises(compressed: bool) -> None:
    """Records before the break are yielded, then TruncatedInputError."""
    data = mf.archive_bytes(gzip=compressed)
    records = mf.build_records()
    # Cut inside the wheel page (the 10th record): the six HTML pages before the cut come out.
    marker = b"Drawing Herons" if not compressed else None
    if marker is not None:
        cut = data.index(marker) + 5
    else:
        cut = len(mf.archive_bytes(records[:10], gzip=True)) - 40
    got: list[WarcResult] = []
    with pytest.raises(blogparse.TruncatedInputError):
        got.extend(iter_warc(data[:cut]))

    assert mf.expected_record_ids(records[:9]) == [r.record_id for r in got]


def test_an_archive_cut_inside_its_first_header_is_truncated() -> None:
    """A few bytes of a WARC header are a truncated archive, not an empty one."""
    with pytest.raises(blogparse.TruncatedInputError):
        list(iter_warc(mf.archive_bytes(gzip=False)[:40]))


@pytest.mark.parametrize("data", [b"<!DOCTYPE html><html><body>hi</body></html>",
                                  b"\x00" * 64, b"\x1f\x8b\x09garbage garbage"])
def test_what_is_not_an_archive_is_an_input_error(data: bytes) -> None:
    """HTML, binary noise and a broken gzip header raise InputError (not a truncation)."""
    with pytest.raises(blogparse.InputError) as info:
        list(iter_warc(data))
    assert not isinstance(info.value, blogparse.TruncatedInputError)


def test_an_empty_input_is_an_empty_archive() -> None:
    """No bytes, no records."""
    assert [] == list(iter_warc(b""))


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    """A path that cannot be opened raises InputError, not OSError."""
    with pytest.raises(blogparse.InputError, match="cannot read"):
        list(iter_warc(tmp_path / "nowhere.warc"))


def test_without_warcio_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing warcio is an InputError naming the extra to install."""
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    with pytest.raises(blogparse.InputError, match=r"blogparse\[warc\]"):
        iter_warc(b"")


def test_bad_arguments_are_refused_at_once() -> None:
    """An unknown error policy or a text stream is misuse."""
    with pytest.raises(ValueError, match="errors"):
        iter_warc(b"", errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        list(iter_warc(io.StringIO("WARC/1.1")))  # type: ignore[arg-type]


def test_a_result_converts_to_json_and_back() -> None:
    """WarcResult.to_dict() is JSON-ready and from_dict() rebuilds an equal result."""
    for item in iter_warc(mf.archive_bytes()):
        data = json.loads(json.dumps(item.to_dict()))
        assert ["date", "record_id", "result", "url"] == sorted(data)
        assert item == WarcResult.from_dict(data)


@pytest.mark.slow
def test_real_pages_through_an_archive_equal_parse_page(shared_dir: Path) -> None:
    """Real saved pages of the shared corpus, put into an archive (plain, chunked, gzip) with
    their own addresses, come out as parse_page gives them."""
    import csv

    with (shared_dir / "corpus" / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")
                if r["local_file"].startswith("html/")][:40]
    recs = [mf.Rec("response", r["url"], body=(shared_dir / "corpus" / r["local_file"])
                   .read_bytes(), content_type="text/html", chunked=n % 3 == 1,
                   gzip_body=n % 3 == 2)
            for n, r in enumerate(rows)]
    got = list(iter_warc(mf.archive_bytes(recs)))

    assert [r.uri for r in recs] == [item.url for item in got]
    for rec, item in zip(recs, got, strict=True):
        assert blogparse.parse_page(rec.body, url=rec.uri) == item.result
