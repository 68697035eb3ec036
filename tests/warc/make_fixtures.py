"""Build small web archives (WARC) from the project's own test pages, with warcio's writer.

Tests import :func:`build_records` and :func:`write_archive` to make archives on the fly;
run as a script, it (re)writes the committed fixtures beside it::

    python tests/warc/make_fixtures.py

Everything is deterministic (record ids and dates are fixed), so the files only change when
the pages or this script do.
"""

from __future__ import annotations

import gzip as gzip_module
import io
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent / "pages"
SITE = "https://hollin-farm.example"
# A title of our own in Russian ("Notes about the winter garden"), for the windows-1251 page.
CYRILLIC_TITLE = "Заметки о зимнем саде"


@dataclass
class Rec:
    """One record to write: its WARC type, target, and what it holds."""

    type: str
    uri: str
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: str = "200 OK"
    chunked: bool = False
    gzip_body: bool = False
    headers: list[tuple[str, str]] = field(default_factory=list)
    html: bool = True
    """Whether a parser should yield this record (the tests' expectation)."""
    charset: str | None = None
    """The charset the HTTP header carries (the tests' expectation)."""

    def http_bytes(self) -> bytes:
        """The HTTP response message: status line, headers, then the body as sent."""
        body = self.body
        headers = [*self.headers]
        if self.content_type is not None:
            headers.insert(0, ("Content-Type", self.content_type))
        if self.gzip_body:
            body = gzip_module.compress(body, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        if self.chunked:
            headers.append(("Transfer-Encoding", "chunked"))
            pieces = [body[i:i + 1000] for i in range(0, len(body), 1000)]
            body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
        else:
            headers.append(("Content-Length", str(len(body))))
        head = f"HTTP/1.1 {self.status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
        return head.encode("latin-1") + b"\r\n" + body


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _without_meta_charset(html: str) -> str:
    return re.sub(r"<meta[^>]*charset[^>]*>\s*", "", html, flags=re.IGNORECASE)


def windows_1252_page() -> bytes:
    """A page whose only charset declaration is the HTTP header's: windows-1252 bytes."""
    text = _without_meta_charset(_page("threaded_comments.html").decode("utf-8"))
    return text.encode("cp1252")


def windows_1251_page() -> bytes:
    """A page in windows-1251 with no ``<meta>`` charset: only the HTTP header can say so."""
    text = _without_meta_charset(_page("classic_single.html").decode("utf-8"))
    text = text.replace("Repairing a Dry-Stone Wall in&nbsp;Winter", CYRILLIC_TITLE)
    return text.encode("cp1251")


def build_records() -> list[Rec]:
    """The standard mix: HTML pages among records a parser must skip."""
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    return [
        Rec("warcinfo", "", body=b"software: make_fixtures\r\nformat: WARC File Format 1.1\r\n",
            content_type=None, html=False),
        Rec("request", f"{SITE}/2019/01/stone-wall/", html=False),
        Rec("response", f"{SITE}/2019/01/stone-wall/", body=_page("classic_single.html"),
            charset="utf-8"),
        Rec("response", f"{SITE}/wp-content/uploads/wall.png", body=png,
            content_type="image/png", html=False),
        Rec("response", f"{SITE}/category/walls/", body=_page("classic_archive.html"),
            content_type="text/html", chunked=True, gzip_body=True),
        Rec("response", f"{SITE}/2019/02/frost/", body=windows_1252_page(),
            content_type="text/html; charset=windows-1252", charset="windows-1252"),
        Rec("revisit", f"{SITE}/2019/01/stone-wall/", html=False),
        Rec("response", "dns:hollin-farm.example",
            body=b"20240501100008\nhollin-farm.example. 300 IN A 192.0.2.7\n",
            content_type="text/dns", html=False),
        Rec("response", f"{SITE}/missing/", body=b"<html><body>Not here</body></html>",
            status="404 Not Found", html=False),
        Rec("response", "https://wheels.example/2020/05/wheel/",
            body=_page("wpcom_single.html"), content_type='text/html; charset="UTF-8"',
            chunked=True, charset="UTF-8"),
        Rec("resource", "https://blocks.example/2022/03/block-post/",
            body=_page("block_single.html"), content_type="text/html"),
        Rec("response", f"{SITE}/2019/03/winter-garden/", body=windows_1251_page(),
            content_type="text/html; charset=windows-1251", gzip_body=True,
            charset="windows-1251"),
        Rec("metadata", f"{SITE}/2019/01/stone-wall/", body=b"via: nowhere\r\n",
            content_type="application/warc-fields", html=False),
    ]


def _record_id(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def _date(n: int) -> str:
    return f"2024-05-01T10:{n // 60:02d}:{n % 60:02d}Z"


def write_archive(out: io.BufferedIOBase | io.BytesIO, records: Iterable[Rec], *,
                  gzip: bool = True) -> None:
    """Write ``records`` as a WARC/1.1 archive to ``out`` (one gzip member per record)."""
    writer = WARCWriter(out, gzip=gzip, warc_version="1.1")
    for n, rec in enumerate(records):
        warc_headers = {"WARC-Record-ID": _record_id(n), "WARC-Date": _date(n)}
        if rec.type == "response" and rec.uri.startswith("dns:"):
            # A DNS lookup is a response record with no HTTP in it (ISO 28500, Annex D).
            built = writer.create_warc_record(
                rec.uri, "response", payload=io.BytesIO(rec.body),
                warc_content_type=rec.content_type or "", warc_headers_dict=warc_headers)
        elif rec.type == "response":
            built = writer.create_warc_record(
                rec.uri, "response", payload=io.BytesIO(rec.http_bytes()),
                warc_headers_dict=warc_headers)
        elif rec.type == "request":
            parts = urlsplit(rec.uri)
            req = f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}\r\n\r\n".encode()
            built = writer.create_warc_record(rec.uri, "request", payload=io.BytesIO(req),
                                              warc_headers_dict=warc_headers)
        elif rec.type == "revisit":
            warc_headers["WARC-Profile"] = ("http://netpreserve.org/warc/1.1/revisit/"
                                            "identical-payload-digest")
            warc_headers["WARC-Refers-To"] = _record_id(2)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                    protocol="HTTP/1.1")
            built = writer.create_warc_record(rec.uri, "revisit", http_headers=http,
                                              warc_headers_dict=warc_headers)
        elif rec.type == "warcinfo":
            built = writer.create_warc_record(
                "", "warcinfo", payload=io.BytesIO(rec.body),
                warc_content_type="application/warc-fields", warc_headers_dict=warc_headers)
        else:
            built = writer.create_warc_record(
                rec.uri, rec.type, payload=io.BytesIO(rec.body),
                warc_content_type=rec.content_type or "", warc_headers_dict=warc_headers)
        writer.write_record(built)


def archive_bytes(records: Iterable[Rec] | None = None, *, gzip: bool = True) -> bytes:
    """The archive of ``records`` (the standard mix by default) as bytes."""
    out = io.BytesIO()
    write_archive(out, build_records() if records is None else records, gzip=gzip)
    return out.getvalue()


def expected_record_ids(records: list[Rec]) -> list[str]:
    """The ids of the records a reader must yield, in order."""
    return [_record_id(n) for n, rec in enumerate(records) if rec.html]


def main() -> int:
    """Write ``mixed.warc`` and ``mixed.warc.gz`` beside this script."""
    (HERE / "mixed.warc").write_bytes(archive_bytes(gzip=False))
    (HERE / "mixed.warc.gz").write_bytes(archive_bytes(gzip=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
