"""Read WordPress exports (WXR 1.0–1.2) as a stream of posts in flat memory.

Rules: one pass over the file with lxml ``iterparse`` (built in ``_document``); every item is
cleared, and the elements before it deleted, once its post is built, so memory does not grow
with the file.  Nothing outside the file is ever read: no DTD, no external entity, no
XInclude; a document that declares entities is refused before libxml2 sees it.  Channel data
(title, authors, term lists) becomes a :class:`~blogparse.Site`; each ``<item>`` becomes a
:class:`~blogparse.Post` whose content goes through ``_wxr_content`` and the shared extractor.
"""

from __future__ import annotations

import codecs
import gzip
import html
import io
import json
import operator
import os
import re
import signal
import zipfile
import zlib
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from datetime import UTC, datetime
from html.entities import html5 as _HTML5
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urljoin

import attrs
import lxml.etree as etree

from ._content import collapse_space
from ._document import xml_iterparse
from ._errors import (
    BlogparseError,
    DecodeError,
    HostileInputError,
    InputError,
    ResourceLimitError,
    TruncatedInputError,
)
from ._models import (
    Block,
    Caption,
    Comment,
    Defect,
    DefectKind,
    Image,
    MetaEntry,
    PageResult,
    Person,
    Pingback,
    Post,
    Site,
    Term,
)
from ._options import LENIENT, Options
from ._source import InputSource
from ._text import parse_datetime, split_pingback_title
from ._threads import thread
from ._wxr_content import WxrContent, comment_text, convert_content, fragment_text

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# The worker pool (``jobs``) and the RSS date parser bring in a fair share of the standard
# library; they are imported where they are used.

__all__ = ["WxrReader", "WxrSource", "WxrSources", "iter_wxr", "parse_wxr"]

WxrSource = InputSource
"""What :func:`iter_wxr` reads: a path, the export's bytes, or a binary file object."""

WxrSources = WxrSource | Sequence[WxrSource]
"""One export, or the files of one export split in parts (read in the order given)."""

# --- namespaces ---------------------------------------------------------------------------
# WXR 1.0 uses http://wordpress.org/export/1.0/, 1.1 and 1.2 bump the number; WordPress.com
# writes https://.  The excerpt namespace is the same URI with "excerpt/" appended.
_WP_NS_RE = re.compile(r"^https?://wordpress\.org/export/1\.\d{1,3}/$")
_EXCERPT_NS_RE = re.compile(r"^https?://wordpress\.org/export/1\.\d{1,3}/excerpt/$")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"

# The elements the reader wants "end" events for: items, and what a channel holds.  Tags
# are matched in any namespace; the namespace is checked when the element is read.
_EVENT_TAGS = (
    "{*}item", "{*}title", "{*}link", "{*}description", "{*}language", "{*}generator",
    "{*}wxr_version", "{*}base_site_url", "{*}base_blog_url", "{*}author", "{*}category",
    "{*}tag", "{*}term", "{*}wp_author",
)

_HEAD_BYTES = 65536
_ZERO_DATE = "0000-00-00 00:00:00"
_MAX_DEFECTS = 10_000
"""Defects kept by one reader; later ones are counted in a final ``limit-reached`` defect."""
_MAX_ATTACHMENTS = 200_000
"""Attachment urls remembered for featured images (about 40 MB at most)."""
_HOLD_ITEMS = 1_000
_HOLD_BYTES = 16 * 1024 * 1024
"""How far the reader looks ahead for an attachment a post's ``_thumbnail_id`` names."""

_COMMENT_KINDS = frozenset({"comment", "pingback", "trackback"})
"""``wp:comment_type`` values that are reader responses (an empty type is ``comment``)."""
_COMMENT_STATUS = {"1": "approved", "0": "hold", "spam": "spam", "trash": "trash",
                   "post-trashed": "trash"}
_TAG_RE = re.compile(r"<[^<>]*>")
_STRONG_RE = re.compile(r"^\s*<strong>(.{0,2000}?)</strong>(.*)\Z", re.DOTALL | re.IGNORECASE)
_META_SIZE_RE = re.compile(r's:\d+:"(width|height)";(?:i:(\d{1,9})|s:\d+:"(\d{1,9})");')
_ENCODING_DECL_RE = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})"""
)
_C0 = bytes([*range(9), 11, 12, *range(14, 32)])
_XML_DECL_RE = re.compile(rb"<\?xml[ \t\r\n]")
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_RFC822_RE = re.compile(
    r"(?:[A-Za-z]{3,9},?\s*)?\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}\s+\d{1,2}:\d{2}")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _junk_summary(data: bytes) -> str:
    """What was printed before an export's XML declaration, shortened for a message."""
    text = _TAG_RE.sub(" ", data.decode("utf-8", "replace"))
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def _html_text(text: str | None) -> str | None:
    """Text WordPress stored HTML-escaped (titles, term and author names) as a reader sees it."""
    if text is None:
        return None
    if "<" in text:
        text = _TAG_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return collapse_space(text)


def _plain(text: str | None) -> str | None:
    return None if text is None else (text.strip() or None)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    # isdecimal, not isdigit: superscripts such as "²" are digits int() refuses
    if text.isdecimal() and text.isascii() and len(text) < 19:
        return int(text)
    return None


# --- the byte stream ----------------------------------------------------------------------


class _Readable(Protocol):
    """What the reader needs of a binary source: ``read(size)``."""

    def read(self, size: int, /) -> bytes: ...


_CP1252_FALLBACK = "blogparse.wxr-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as windows-1252, the usual culprit in old exports.

    Exports declared UTF-8 often hold text that a latin-1 database column or a pasted
    document brought in as single bytes (``caf\\xe9``); read them as windows-1252, and any
    byte that code page leaves undefined as U+FFFD.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bytes(bad).decode("cp1252", "replace"), exc.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)



_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
"""A ZIP archive's first bytes: a file entry, or the end record of an empty archive."""


class _Prefixed:
    """A file object that cannot seek, with the bytes already read from it put back."""

    def __init__(self, head: bytes, raw: _Readable) -> None:
        self._head = head
        self._raw = raw

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes (all that is left for a negative ``size``)."""
        if not self._head:
            return _read_bytes(self._raw, size)
        if size is None or size < 0:
            out, self._head = self._head + _read_bytes(self._raw, -1), b""
            return out
        out, self._head = self._head[:size], self._head[size:]
        if len(out) < size:  # a whole first read, as the reader's checks expect
            out += _read_bytes(self._raw, size - len(out))
        return out


def _read_bytes(raw: _Readable, size: int) -> bytes:
    data = raw.read(size)
    if data is None:
        return b""
    if not isinstance(data, bytes | bytearray):
        raise TypeError("a WXR file object must be opened in binary mode")
    return bytes(data)


def _peek(source: object, size: int) -> tuple[bytes, _Readable | None]:
    """The first ``size`` bytes of a file object, and the object to read it from afterwards
    (itself, sought back, or the bytes put back in front of it)."""
    raw: Any = source
    try:
        start = raw.tell() if raw.seekable() else None
    except (AttributeError, OSError, ValueError):
        start = None
    head = _read_bytes(raw, size)
    if start is not None:
        try:
            raw.seek(start)
        except (OSError, ValueError):
            start = None
    return head, (raw if start is not None else _Prefixed(head, raw))


class _Part:
    """One file of an export: a path, bytes, a file object or a ZIP archive's member,
    opened from its start (and again, for a second reading) on demand.  A gzip-compressed
    file is decompressed as it streams."""

    def __init__(self, source: WxrSource | zipfile.ZipInfo, *, name: str | None,
                 archive: zipfile.ZipFile | None = None) -> None:
        self.name = name
        """How messages name the part (``None`` for the one file of an export)."""
        self._source: Any = source
        self._archive = archive
        self._start: int | None = None
        self._opened: list[Any] = []
        given: Any = source
        if not isinstance(given, bytes | str | os.PathLike | zipfile.ZipInfo):
            try:
                if given.seekable():
                    self._start = given.tell()
            except (AttributeError, OSError, ValueError):
                self._start = None

    def open(self) -> _Readable:
        """The part from its start, decompressed when it is gzip-compressed."""
        self.close()
        source = self._source
        raw: Any
        if isinstance(source, zipfile.ZipInfo):
            assert self._archive is not None
            try:
                member = self._archive.open(source)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                raise InputError(f"cannot read {source.filename!r} from the ZIP archive: "
                                 f"{exc}") from None
            self._opened.append(member)
            return member
        if isinstance(source, bytes):
            raw = io.BytesIO(source)
            head = source[:2]
        elif isinstance(source, str | os.PathLike):
            path = os.fspath(source)
            try:
                raw = open(path, "rb")  # noqa: SIM115 - closed by close()
                self._opened.append(raw)
                head = raw.read(2)
                raw.seek(0)
            except OSError as exc:
                self.close()
                raise InputError(f"cannot open the WXR export {path!r}: {exc}") from None
        else:
            if self._start is not None:
                head = _read_bytes(source, 2)
                source.seek(self._start)
                raw = source
            else:
                head, raw = _peek(source, 2)
        if head == _GZIP_MAGIC:
            # a gzip-compressed export (export.xml.gz): decompressed as it streams
            unpacked = gzip.GzipFile(fileobj=raw, mode="rb")
            self._opened.append(unpacked)
            return unpacked
        return raw  # type: ignore[no-any-return]

    def reopen(self) -> _Readable | None:
        """The part from its start again, or ``None`` where that cannot be had (a file
        object that cannot seek)."""
        if isinstance(self._source, bytes | str | os.PathLike | zipfile.ZipInfo):
            return self.open()
        if self._start is None:
            return None
        try:
            self._source.seek(self._start)
        except (AttributeError, OSError, ValueError):
            return None
        return self.open()

    def close(self) -> None:
        """Close what :meth:`open` opened (never a file object the caller gave)."""
        # last opened first: a gzip reader does not close the file it was given
        while self._opened:
            self._opened.pop().close()


def _zip_parts(source: WxrSource, name: str | None, opened: list[Any]
               ) -> tuple[list[_Part] | None, WxrSource]:
    """The export's files in a ZIP archive (WordPress.com's download), or ``None`` when
    ``source`` is not one, and the source to read instead (a file object that cannot seek
    comes back with the bytes looked at put back).  Archives opened here are added to
    ``opened``."""
    if isinstance(source, bytes):
        if not source.startswith(_ZIP_MAGICS):
            return None, source
        where: Any = io.BytesIO(source)
    elif isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        try:
            with open(path, "rb") as f:
                head = f.read(4)
        except OSError as exc:
            raise InputError(f"cannot open the WXR export {path!r}: {exc}") from None
        if not head.startswith(_ZIP_MAGICS):
            return None, source
        where = path
    else:
        head, raw = _peek(source, 4)
        if not head.startswith(_ZIP_MAGICS):
            return None, raw  # type: ignore[return-value]
        if raw is not source:
            raise InputError("a ZIP archive can be read only from a path, bytes or a file "
                             "object that can seek")
        where = source
    try:
        archive = zipfile.ZipFile(where)
    except (zipfile.BadZipFile, OSError) as exc:
        what = f"the ZIP archive {name}" if name else "the ZIP archive"
        raise InputError(f"{what} cannot be read (damaged or cut off: {exc})") from None
    opened.append(archive)
    members = sorted(
        (info for info in archive.infolist()
         if not info.is_dir() and info.filename.lower().endswith(".xml")
         and not info.filename.startswith("__MACOSX/")
         and not info.filename.rsplit("/", 1)[-1].startswith("._")),
        key=operator.attrgetter("filename"),
    )
    if not members:
        raise InputError("the ZIP archive holds no .xml file (a WordPress export archive "
                         "holds the export's XML files)")
    prefix = f"{name}: " if name else ""
    return [_Part(info, name=prefix + info.filename, archive=archive) for info in members], source


class _Stream:
    """The raw export as libxml2 reads it: checked at the start, repaired on the way.

    It refuses what is not WXR or declares entities before any parsing, drops blank lines
    before the XML declaration, reads bytes that are not UTF-8 in a UTF-8 export as
    windows-1252, drops the C0 control characters XML 1.0 forbids (exports of pasted text
    often hold some, and libxml2 would stop at the first), and knows where the input ended
    so that a parse error there can be told apart from one in the middle.
    """

    def __init__(self, raw: _Readable) -> None:
        self._raw = raw
        self.cut = False
        """The compressed file ended before its end marker (what came before was read)."""
        self.broken: str | None = None
        """Why the file could not be read further (damaged compressed data)."""
        head = self._read_raw(_HEAD_BYTES)
        if self.broken is not None and not head:
            raise InputError(f"the WXR export cannot be read: {self.broken}")
        self.leading_space = False
        self.leading_junk: str | None = None
        bom = codecs.BOM_UTF8 if head.startswith(codecs.BOM_UTF8) else b""
        body = head[len(bom):]
        decl = _XML_DECL_RE.search(body)
        if (decl is not None and decl.start() and b"\x00" not in body[:decl.start()]
                and b"<rss" not in body[:decl.start()].lower()):
            # A theme or plugin printed something before the export: blank lines, or a PHP
            # notice ("<br /><b>Warning</b>: Cannot modify header information…").  An XML
            # declaration must come first, so what stands before it is dropped.
            before = body[:decl.start()]
            if before.strip():
                self.leading_junk = _junk_summary(before)
            else:
                self.leading_space = True
            head = bom + body[decl.start():]
        self._check_head(head)
        self._pending = head
        self.eof = False
        self.lines = 0
        self.bytes_read = 0
        self.replaced = False
        self.misdecoded = False
        self.controls = 0
        self._carry = b""

    def _read_raw(self, n: int) -> bytes:
        # A compressed export that is cut off or damaged ends the data here; the XML
        # parser then stops at the break and the reader says which it was.
        if isinstance(self._raw, gzip.GzipFile):
            return self._read_gzip(self._raw, n)
        try:
            data = self._raw.read(n)
        except (OSError, zlib.error, zipfile.BadZipFile) as exc:
            self.broken = f"{type(exc).__name__}: {exc}"
            return b""
        if data is None:
            return b""
        if not isinstance(data, bytes | bytearray):
            raise TypeError("a WXR file object must be opened in binary mode")
        return bytes(data)

    def _read_gzip(self, raw: gzip.GzipFile, n: int) -> bytes:
        # read1, not read: a read that meets the cut raises and loses what it had decoded
        out: list[bytes] = []
        size = 0
        while size < n and not (self.cut or self.broken):
            try:
                chunk = raw.read1(n - size)
            except EOFError:
                self.cut = True
                break
            except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
                self.broken = f"{type(exc).__name__}: {exc}"
                break
            if not chunk:
                break
            out.append(chunk)
            size += len(chunk)
        return b"".join(out)

    def _check_head(self, head: bytes) -> None:
        self._ascii_compatible = True
        self._utf8 = True
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head[:4] in (
            b"<\x00?\x00", b"\x00<\x00?"
        ):
            self._ascii_compatible = self._utf8 = False
            text = head.decode("utf-16", "replace")
        else:
            if head.startswith(codecs.BOM_UTF8):
                head = head[3:]
            m = _ENCODING_DECL_RE.match(head)
            if m:
                try:
                    name = codecs.lookup(m.group(1).decode("ascii")).name
                except LookupError:
                    name = "utf-8"
                self._utf8 = name == "utf-8"
                self._ascii_compatible = not name.startswith(("utf-16", "utf-32"))
            text = head.decode("latin-1")
        if not text.strip():
            raise InputError("the WXR export is empty")
        low = text.lower()
        root_at = low.find("<rss")
        # WXR never uses a DTD; an entity declaration in the prolog can only be an attack
        # (billion laughs, external entities reading local files), so it is refused before
        # parsing starts.  (Posts about XML may quote "<!ENTITY" in their content: only the
        # prolog, before the root element, is looked at.)
        if "<!entity" in (low if root_at < 0 else low[:root_at]):
            raise HostileInputError("the document declares XML entities; WXR exports never do")
        if root_at < 0 or "wordpress.org/export/" not in low:
            raise InputError(
                "not a WordPress export (WXR): no <rss> root with a wordpress.org/export/ "
                "namespace at the start"
            )

    def read(self, n: int = -1) -> bytes:
        """Up to about ``n`` bytes for libxml2, repaired; ``b""`` only at the very end."""
        if n is None or n < 0:
            n = _HEAD_BYTES
        while True:
            if self._pending:
                data, self._pending = self._pending[:n], self._pending[n:]
            else:
                data = self._read_raw(n)
            if not data:
                self.eof = True
                tail, self._carry = self._carry, b""
                if tail:
                    # an incomplete UTF-8 sequence at the very end
                    self.replaced = True
                    return b"\xef\xbf\xbd"
                return b""
            data = self._repair(data)
            if data:
                return data

    def _repair(self, data: bytes) -> bytes:
        self.bytes_read += len(data)
        self.lines += data.count(b"\n")
        if self._utf8 and (self._carry or not data.isascii()):
            # (ASCII, the bulk of most exports, is valid UTF-8: checked in one C pass)
            data = self._carry + data
            try:
                _, used = codecs.utf_8_decode(data, "strict", False)
            except UnicodeDecodeError:
                text, used = codecs.utf_8_decode(data, _CP1252_FALLBACK, False)
                self.misdecoded = True
                self._carry = data[used:]
                data = text.encode("utf-8", "surrogatepass")
            else:
                # a sequence cut by the chunk boundary waits for the next chunk
                self._carry = data[used:]
                data = data[:used]
        if self._ascii_compatible:
            before = len(data)
            data = data.translate(None, _C0)
            self.controls += before - len(data)
        return data

    def close(self) -> None:
        """Nothing to release: the reader closes what it opened itself."""


# What the second reading repairs: a "&" that starts no reference XML allows.  XML knows five
# named references and numeric ones for the characters it allows; exports written by hand,
# by plugins or by converters carry HTML's names ("&nbsp;") and bare ampersands ("Tom &
# Jerry") outside CDATA, where libxml2 stops at the first.
_MARK_RE = re.compile(rb"<!\[CDATA\[|<!--|<\?|&")
_REF_AT_RE = re.compile(rb"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));")
_XML_NAMES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_RAW_END = {b"<![CDATA[": b"]]>", b"<!--": b"-->", b"<?": b"?>"}
_HOLD_BACK = 40
"""Bytes at the end of a chunk that may hold a reference or delimiter cut in two."""


def _xml_char(code: int) -> bool:
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _about_refs(exc: etree.XMLSyntaxError) -> bool:
    """Whether libxml2 stopped at a reference: a bare "&", an entity XML does not define
    (reported as "no element found" at line 0), a character reference it refuses."""
    low = (exc.msg or str(exc)).lower()
    return "entity" in low or "charref" in low or not exc.position or exc.position[0] == 0


class _RefRepair:
    """The raw export with every ``&`` outside CDATA, comments and processing instructions
    made one XML allows: an HTML entity becomes numeric references to its characters, a
    numeric reference to a character XML forbids is dropped, and any other ``&`` is
    escaped as ``&amp;``.  Used only to read again an export whose first reading stopped
    at a syntax error; exports in UTF-16 pass through unchanged."""

    def __init__(self, raw: _Readable) -> None:
        self._raw = raw
        self._held = b""
        self._raw_until: bytes | None = None
        self._checked = False
        self._passthrough = False
        self.escaped = 0
        self.entities = 0
        self.dropped = 0

    def read(self, n: int, /) -> bytes:
        """Up to about ``n`` repaired bytes; ``b""`` only at the end."""
        while True:
            data = self._raw.read(n)
            if data is None:
                data = b""
            if not isinstance(data, bytes | bytearray):
                raise TypeError("a WXR file object must be opened in binary mode")
            if not self._checked:
                self._checked = True
                head = bytes(data[:4])
                self._passthrough = head.startswith(
                    (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head
            if self._passthrough:
                return bytes(data)
            if not data:
                tail, self._held = self._held, b""
                return self._fix(tail) if tail else b""
            data = self._held + bytes(data)
            window = max(0, len(data) - _HOLD_BACK)
            cut = len(data)
            for mark in (b"&", b"<", b"]", b"-", b"?"):
                i = data.find(mark, window)
                if i >= 0:
                    cut = min(cut, i)
            # and the start of a delimiter begun before the window ("]" of "]]>")
            while cut > 0 and data[cut - 1 : cut] in (b"]", b"-", b"<", b"!", b"?"):
                cut -= 1
            self._held = data[cut:]
            out = self._fix(data[:cut])
            if out:
                return out

    def _fix(self, data: bytes) -> bytes:
        out: list[bytes] = []
        pos = 0
        end = len(data)
        while pos < end:
            if self._raw_until is not None:
                close = data.find(self._raw_until, pos)
                if close < 0:
                    out.append(data[pos:])
                    break
                close += len(self._raw_until)
                out.append(data[pos:close])
                pos = close
                self._raw_until = None
                continue
            m = _MARK_RE.search(data, pos)
            if m is None:
                out.append(data[pos:])
                break
            out.append(data[pos:m.start()])
            mark = m.group()
            if mark != b"&":
                self._raw_until = _RAW_END[mark]
                out.append(mark)
                pos = m.end()
                continue
            ref = _REF_AT_RE.match(data, m.start())
            if ref is None:
                out.append(b"&amp;")
                self.escaped += 1
                pos = m.end()
                continue
            pos = ref.end()
            decimal, hexadecimal, name = ref.groups()
            if name is None:
                code = int(decimal) if decimal is not None else int(hexadecimal, 16)
                if _xml_char(code):
                    out.append(ref.group())
                else:
                    self.dropped += 1
            elif name in _XML_NAMES:
                out.append(ref.group())
            else:
                chars = _HTML5.get(name.decode("ascii") + ";")
                if chars is None:
                    out.append(b"&amp;" + ref.group()[1:])
                    self.escaped += 1
                else:
                    out.append("".join(f"&#{ord(c)};" for c in chars).encode("ascii"))
                    self.entities += 1
        return b"".join(out)


# --- the reader ---------------------------------------------------------------------------


@attrs.define(eq=False)
class _Held:
    """A post held back until the attachment its ``_thumbnail_id`` names is read."""

    values: dict[str, Any]
    """The post's fields: it is built when released, with its featured image by then."""
    pending: int | None
    index: int
    size: int


@attrs.define(eq=False)
class _Record:
    """What one ``<item>`` holds, read off its element so the element can be cleared."""

    index: int
    fields: dict[str, str | None]
    categories: list[tuple[str | None, str | None, str | None]]
    """Each ``<category>``: its text, ``domain`` and ``nicename``."""
    meta: tuple[MetaEntry, ...]
    comments: list[dict[str, str | None]]
    content: str | None
    """``content:encoded``, stripped; ``None`` when empty."""
    url: str | None
    shown: str | None = None
    """The content as converted, where it differs from ``content``: with the footnotes
    the block editor keeps in post meta put in place of their block."""

    @property
    def rendered(self) -> str | None:
        """What the content conversion reads."""
        return self.shown if self.shown is not None else self.content


# --- content conversion in worker processes (``jobs``) ----------------------------------------
# The main process streams the XML and builds every model; only the content conversion, the
# costliest part of a post, runs in the workers.  Items go out in batches (fewer round
# trips), results come back in file order, and at most a few batches per worker are in
# flight, so memory stays flat however far the workers fall behind.

_BATCH_ITEMS = 32
_BATCH_BYTES = 1024 * 1024
_BATCHES_PER_JOB = 3
_NO_CONTENT = WxrContent()


def _init_content_worker() -> None:
    # Ctrl-C reaches the whole process group; the reading process alone answers it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# Results travel as tuples of field values and are rebuilt with the models' own
# constructors: unpickling a frozen attrs object sets its fields one by one in Python, which
# costs the reading process about twice as much.
_BLOCK_FIELDS = tuple(a.name for a in attrs.fields(Block))
_CAPTION_FIELDS = tuple(a.name for a in attrs.fields(Caption))
_IMAGE_FIELDS = tuple(a.name for a in attrs.fields(Image))
_block_values = operator.attrgetter(*_BLOCK_FIELDS)
_caption_values = operator.attrgetter(*_CAPTION_FIELDS)
_image_values = operator.attrgetter(*_IMAGE_FIELDS)
_CAPTION_IMAGE = _CAPTION_FIELDS.index("image")

_Packed = tuple[str | None, tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...]]


def _pack(content: WxrContent) -> _Packed:
    captions = []
    for c in content.captions:
        values = list(_caption_values(c))
        if c.image is not None:
            values[_CAPTION_IMAGE] = _image_values(c.image)
        captions.append(tuple(values))
    return content.text, tuple(_block_values(b) for b in content.blocks), tuple(captions)


def _unpack(packed: _Packed) -> WxrContent:
    text, blocks, captions = packed
    out: list[Caption] = []
    for values in captions:
        fields = dict(zip(_CAPTION_FIELDS, values, strict=True))
        image = values[_CAPTION_IMAGE]
        fields["image"] = None if image is None else Image(
            **dict(zip(_IMAGE_FIELDS, image, strict=True)))
        out.append(Caption(**fields))
    return WxrContent(
        text=text,
        blocks=tuple(Block(**dict(zip(_BLOCK_FIELDS, b, strict=True))) for b in blocks),
        captions=tuple(out),
    )


def _convert_batch(
    batch: list[tuple[str, str | None]],
) -> tuple[list[_Packed], BaseException | None]:
    """Convert a batch of contents in a worker: the results up to a failure, and the failure.

    A failure is returned rather than raised, so the posts before it are still built and the
    error is raised at the post where it happened, as in one process.
    """
    out: list[_Packed] = []
    try:
        for raw, url in batch:
            out.append(_pack(convert_content(raw, base_url=url)))
    except Exception as exc:
        return out, exc
    return out, None


class _Batch:
    __slots__ = ("future", "items", "outcome", "size")

    def __init__(self) -> None:
        self.items: list[tuple[str, str | None]] = []
        self.size = 0
        self.future: Future[tuple[list[_Packed], BaseException | None]] | None = None
        self.outcome: tuple[list[_Packed], BaseException | None] | None = None

    def result(self) -> tuple[list[_Packed], BaseException | None]:
        if self.outcome is None:
            assert self.future is not None
            try:
                self.outcome = self.future.result()
            except BlogparseError:
                raise
            except Exception as exc:
                # a worker that died, or a result that could not come back
                raise BlogparseError(
                    f"a content conversion worker failed: {type(exc).__name__}: {exc}"
                ) from exc
            self.future = None
        return self.outcome


class _ContentPool:
    """Contents converted by ``jobs`` worker processes, handed back in file order."""

    def __init__(self, jobs: int) -> None:
        self._jobs = jobs
        self._executor: ProcessPoolExecutor | None = None
        self._queue: deque[tuple[_Record, _Batch | None, int]] = deque()
        self._open = _Batch()
        self._running = 0

    def put(self, record: _Record) -> None:
        """Queue an item; its content (if any) joins the batch being filled."""
        if record.content is None:
            self._queue.append((record, None, 0))
            return
        batch = self._open
        self._queue.append((record, batch, len(batch.items)))
        batch.items.append((record.rendered or "", record.url))
        batch.size += len(record.content)
        if len(batch.items) >= _BATCH_ITEMS or batch.size >= _BATCH_BYTES:
            self._submit()

    def _submit(self) -> None:
        batch = self._open
        if not batch.items:
            return
        try:
            if self._executor is None:
                from concurrent.futures import ProcessPoolExecutor

                self._executor = ProcessPoolExecutor(max_workers=self._jobs,
                                                     initializer=_init_content_worker)
            batch.future = self._executor.submit(_convert_batch, batch.items)
        except (OSError, RuntimeError) as exc:
            # no process could be started (limits), or the pool broke earlier
            raise BlogparseError(f"cannot start content conversion workers: {exc}") from exc
        self._running += 1
        self._open = _Batch()

    def take(self, *, wait_all: bool = False) -> Iterator[tuple[_Record, WxrContent]]:
        """The queued items whose content is ready, in order (all of them with ``wait_all``).

        Without ``wait_all`` it waits only while too many batches are in flight.
        """
        if wait_all:
            self._submit()
        queue = self._queue
        while queue:
            record, batch, pos = queue[0]
            content = _NO_CONTENT
            if batch is not None:
                if batch.outcome is None:
                    if batch.future is None:
                        break  # the batch being filled
                    if not (wait_all or batch.future.done()
                            or self._running > self._jobs * _BATCHES_PER_JOB):
                        break
                contents, error = batch.result()
                if pos >= len(contents):
                    assert error is not None
                    queue.clear()
                    raise error
                content = _unpack(contents[pos])
                if pos == len(batch.items) - 1:
                    self._running -= 1
            queue.popleft()
            yield record, content

    def close(self) -> None:
        """Stop the workers (batches still running are waited for, queued ones dropped)."""
        self._queue.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


@attrs.define
class _Attachment:
    url: str | None
    alt: str | None
    width: int | None
    height: int | None


class WxrReader(Iterator[Post]):
    """An iterator over the posts of a WordPress export, read as a stream.

    Every item is yielded — posts, pages, attachments, navigation items and custom post
    types, each marked by :attr:`Post.type` — in file order.  :attr:`site` is the channel's
    data and :attr:`defects` the problems met so far.  Use it as a context manager (or call
    :meth:`close`) to close a file it opened from a path before the end.

    ``source`` is one export or the parts of a split one (see :func:`iter_wxr`).

    Featured images: a post's ``_thumbnail_id`` names an attachment item that may come
    before or after the post.  Attachments already seen are resolved at once; otherwise the
    reader holds the post back (with the posts after it, so order is kept) until the
    attachment appears, for at most 1,000 items or 16 MB of content.  A post still
    unresolved then gets an :class:`Image` with only its ``id`` and a ``missing-field``
    defect.  :func:`parse_wxr`, which holds every post anyway, looks to the end of the file.

    ``lookahead`` is that window as ``(items, bytes)``; ``None`` removes the bound (memory
    then grows with the distance to the attachment).  Most callers use :func:`iter_wxr`.

    ``jobs``: with 2 or more, the content of posts (rendering as WordPress does, the HTML
    parse, blocks, text and captions) is converted in that many worker processes while this
    one reads the XML and builds the models.  The posts, their order, the defects and the
    errors are the same as in one process; at most a few batches of posts per worker are
    in flight, so memory stays flat.  ``None`` or 1 (the default) uses no other process.
    """

    def __init__(
        self,
        source: WxrSources,
        *,
        options: Options = LENIENT,
        lookahead: tuple[int, int] | None = (_HOLD_ITEMS, _HOLD_BYTES),
        jobs: int | None = None,
    ) -> None:
        if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int)
                                 or jobs < 1):
            raise ValueError(f"jobs must be a positive integer or None, not {jobs!r}")
        self._options = options
        self._pool = _ContentPool(jobs) if jobs is not None and jobs > 1 else None
        self._lookahead = lookahead
        self._archives: list[Any] = []
        self._parts: list[_Part] = []
        self._part_at = 0
        try:
            self._parts = self._parts_of(source)
            self._stream = self._open_stream()
        except BaseException:
            self._close_file()
            raise
        self._repair: _RefRepair | None = None
        self._consumed = 0
        """Channel children (items and channel fields) read so far in this reading."""
        self._defects: list[Defect] = []
        self._dropped_defects = 0
        self._channel: dict[str, str | None] = {}
        self._authors: dict[str, Person] = {}
        # WordPress finds a user by login whatever its case (the database compares without
        # it): dc:creator "bob" is the channel's "Bob"
        self._authors_folded: dict[str, Person] = {}
        # each listed term's parent, by taxonomy and slug: a post's terms carry it too
        self._term_parents: dict[tuple[str, str], str] = {}
        self._author_list: list[Person] = []
        self._author_set: set[Person] = set()
        self._categories: list[Term] = []
        self._tags: list[Term] = []
        self._terms: list[Term] = []
        self._term_keys: set[tuple[str, str]] = set()
        # (taxonomy, name) -> the slug the channel lists for it, or "" where two terms
        # share the name: WXR 1.0 items name their categories without the slug.
        self._channel_slugs: dict[tuple[str, str], str] = {}
        self._site: Site | None = None
        self._post_site = Site()
        self._site_dirty = True
        self._header_done = False
        self._version: str | None = None
        self._encoding: str | None = None
        self._keys: dict[str, str] = {}
        self._attachments: dict[int, _Attachment] = {}
        self._attachments_full = False
        self._held: deque[_Held] = deque()
        self._held_bytes = 0
        self._waiting: dict[int, list[_Held]] = {}
        self._index = 0
        self._ready: deque[Post] = deque()
        self._gen = self._run()
        self._error: BaseException | None = None
        self._done = False
        self._malformed = False

    # --- public surface --------------------------------------------------------------------

    @property
    def site(self) -> Site:
        """The channel's data: name, url, description, language, generator, authors, terms.

        WordPress writes all of it before the first item, so reading this property first
        reads ahead to the end of the first item (that post is kept for the iteration).
        Channel elements placed after items, which WordPress never writes, are added as
        they are met; the value is final once the iteration has ended.
        """
        while not self._header_done and not self._done and self._error is None:
            try:
                self._ready.append(next(self._gen))
            except StopIteration:
                self._done = True
            except Exception as exc:  # kept for the iteration, which re-raises it
                self._error = exc
        return self._current_site()

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The problems met so far, each with the index of its post where it concerns one."""
        out = tuple(self._defects)
        if self._dropped_defects:
            out += (
                Defect(
                    kind=DefectKind.LIMIT_REACHED,
                    message=f"{self._dropped_defects} further defect(s) were not recorded",
                ),
            )
        return out

    @property
    def wxr_version(self) -> str | None:
        """The ``wp:wxr_version`` the channel declares (``1.0``, ``1.1``, ``1.2``), if read."""
        return self._version

    @property
    def encoding(self) -> str | None:
        """The encoding the XML declaration names, once parsing has started."""
        return self._encoding

    def __iter__(self) -> WxrReader:
        return self

    def __next__(self) -> Post:
        if self._ready:
            return self._ready.popleft()
        if self._error is not None:
            exc, self._error = self._error, None
            self._done = True
            raise exc
        if self._done:
            raise StopIteration
        try:
            return next(self._gen)
        except StopIteration:
            self._done = True
            raise

    @staticmethod
    def _checked_source(source: Any) -> WxrSource:
        if isinstance(source, bytes | bytearray | memoryview):
            return bytes(source)
        if isinstance(source, str | os.PathLike):
            path = os.fspath(source)
            if isinstance(path, str) and path.lstrip().startswith("<"):
                raise TypeError("a str is a path; pass the export's text as bytes")
            return source
        if hasattr(source, "read"):
            return source  # type: ignore[no-any-return]
        raise TypeError(
            f"expected a path, bytes or a binary file object, got {type(source).__name__}"
        )

    def _parts_of(self, source: WxrSources) -> list[_Part]:
        """The files the export is read from, in order: one, the parts given, or the XML
        files of a ZIP archive."""
        if isinstance(source, list | tuple):
            if not source:
                raise ValueError("no export file was given (an empty list)")
            sources: list[Any] = list(source)
        else:
            sources = [source]
        parts: list[_Part] = []
        for i, one in enumerate(sources):
            one = self._checked_source(one)
            name = None
            if len(sources) > 1:
                if isinstance(one, str | os.PathLike):
                    name = os.fspath(one)
                    name = name if isinstance(name, str) else os.fsdecode(name)
                else:
                    given = getattr(one, "name", None)
                    name = given if isinstance(given, str) else f"part {i + 1}"
            zipped, one = _zip_parts(one, name, self._archives)
            parts.extend(zipped if zipped is not None else [_Part(one, name=name)])
        return parts

    def _open_stream(self) -> _Stream:
        """A stream over the current part, from its start."""
        try:
            return _Stream(self._parts[self._part_at].open())
        except InputError as exc:
            raise self._in_part(exc) from None

    def _in_part(self, exc: InputError) -> InputError:
        """``exc``, its message naming the part it concerns where the export has several."""
        name = self._parts[self._part_at].name if self._parts else None
        if name is None:
            return exc
        message = f"{name}: {exc}"
        if isinstance(exc, ResourceLimitError):
            return ResourceLimitError(message, limit=exc.limit)
        if isinstance(exc, DecodeError):
            return DecodeError(message, encoding=exc.encoding)
        return type(exc)(message)

    def close(self) -> None:
        """Stop reading, and close the file if the reader opened it from a path.

        Posts not yet taken are dropped; iterating afterwards ends at once.
        """
        if not self._done:
            self._done = True
            self._ready.clear()
            self._gen.close()
        self._close_file()

    def _close_file(self) -> None:
        for part in self._parts:
            part.close()
        while self._archives:
            self._archives.pop().close()

    def __enter__(self) -> WxrReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- defects ------------------------------------------------------------------------------

    def _defect(
        self, kind: DefectKind, message: str, *, field: str | None = None,
        post_index: int | None = None,
    ) -> None:
        if len(self._defects) >= _MAX_DEFECTS:
            self._dropped_defects += 1
            return
        self._defects.append(
            Defect(kind=kind, message=message, field=field, post_index=post_index)
        )

    # --- the parse loop -------------------------------------------------------------------

    def _run(self) -> Generator[Post, None, None]:
        try:
            yield from self._parse()
        finally:
            self._close_file()
            if self._pool is not None:
                self._pool.close()
        self._options.check(self.defects)

    def _parse(self) -> Iterator[Post]:
        pool = self._pool
        for at in range(len(self._parts)):
            if at:
                # the next file of a split export: the site, the attachments seen and the
                # posts held back for one carry over
                self._parts[at - 1].close()
                self._part_at = at
                self._stream = self._open_stream()
                self._repair = None
                self._consumed = 0
            yield from self._parse_part()
        if pool is not None:
            yield from self._build_taken(pool.take(wait_all=True))
        yield from self._release(final=True)
        self._header_done = True

    def _parse_part(self) -> Iterator[Post]:
        pool = self._pool
        checked = False
        skip = 0
        while True:
            try:
                checked = yield from self._read_events(skip, checked)
                break
            except etree.XMLSyntaxError as exc:
                error = self._syntax_error(exc)
                raw = None
                if type(error) is InputError and self._repair is None and _about_refs(exc):
                    # Read the export again with its ampersands repaired, passing over
                    # what was read before the fault: the same elements come first.
                    raw = self._parts[self._part_at].reopen()
                if raw is None:
                    if pool is not None:
                        yield from self._build_taken(pool.take(wait_all=True))
                    yield from self._release(final=True)
                    raise self._in_part(error) from None
                self._malformed = False
                self._repair = _RefRepair(raw)
                self._stream = _Stream(self._repair)
                skip, self._consumed = self._consumed, 0
        if not checked:
            raise self._in_part(
                InputError("not a WordPress export (WXR): the document holds no channel"))
        self._stream_defects()

    def _stream_defects(self) -> None:
        """Record what the current part's stream repaired on the way."""
        name = self._parts[self._part_at].name
        where = f"{name}: " if name is not None else ""
        stream = self._stream
        if stream.misdecoded:
            self._defect(DefectKind.ENCODING_MISDECLARED,
                         f"{where}the export is declared UTF-8 but holds other bytes; they "
                         "were read as windows-1252")
        if stream.replaced:
            self._defect(DefectKind.DECODE_REPLACED,
                         f"{where}an incomplete UTF-8 sequence at the end was replaced with "
                         "U+FFFD")
        if stream.broken is not None:
            self._defect(DefectKind.MALFORMED_MARKUP,
                         f"{where}the file failed its check after the export was read "
                         f"({stream.broken}): its text may be damaged")
        if stream.leading_space:
            self._defect(DefectKind.MALFORMED_MARKUP,
                         f"{where}white space before the XML declaration was removed")
        if stream.leading_junk is not None:
            self._defect(DefectKind.MALFORMED_MARKUP,
                         f"{where}text printed before the XML declaration was removed: "
                         f"{stream.leading_junk!r}")
        if stream.controls:
            self._defect(DefectKind.MALFORMED_MARKUP,
                         f"{where}{stream.controls} control character(s) XML forbids were "
                         "removed")
        repair = self._repair
        if repair is not None and (repair.escaped or repair.entities or repair.dropped):
            found = [f"{count} {what}" for count, what in (
                (repair.escaped, "'&' that began no XML reference (escaped)"),
                (repair.entities, "HTML entity reference(s) XML does not define (read as "
                                  "their characters)"),
                (repair.dropped, "reference(s) to characters XML forbids (dropped)"),
            ) if count]
            self._defect(DefectKind.MALFORMED_MARKUP,
                         f"{where}the export was read a second time with its references "
                         "repaired: " + ", ".join(found))

    def _read_events(self, skip: int, checked: bool) -> Generator[Post, None, bool]:
        """One reading of the stream; the first ``skip`` channel children are passed over
        (read before, in a reading that stopped at a syntax error).  Returns whether the
        document was checked."""
        namespaces: set[str] = set()
        events = xml_iterparse(self._stream, tag=_EVENT_TAGS)  # type: ignore[arg-type]
        pool = self._pool
        for event, el in events:
            if event == "start-ns":
                namespaces.add(el[1])
                continue
            if not checked:
                self._check_document(el, namespaces)
                checked = True
            parent = el.getparent()
            if parent is None or parent.tag != "channel":
                continue
            self._consumed += 1
            record: _Record | None = None
            if self._consumed <= skip:
                pass  # given in the reading before: only freed below
            elif el.tag == "item":
                self._header_done = True
                record = self._read_item(el)
            else:
                if pool is not None:
                    # the posts read so far take the site as it was before this element
                    yield from self._build_taken(pool.take(wait_all=True))
                self._channel_element(el)
            # Free what has been read: the element's children and everything before it.
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del parent[0]
            if record is None:
                continue
            if pool is None:
                yield from self._build(
                    record, convert_content(record.rendered, base_url=record.url)
                )
            else:
                pool.put(record)
                yield from self._build_taken(pool.take())
        return checked

    def _check_document(self, el: etree._Element, namespaces: set[str]) -> None:
        tree = el.getroottree()
        root = tree.getroot()
        docinfo = tree.docinfo
        self._encoding = docinfo.encoding
        dtd = docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):
            raise HostileInputError("the document declares XML entities; WXR exports never do")
        if docinfo.system_url or docinfo.public_id:
            self._defect(DefectKind.HOSTILE_MARKUP,
                         "the document names an external DTD; it was not loaded")
        if root.tag != "rss" or not any(_WP_NS_RE.match(ns) for ns in namespaces):
            raise InputError(
                f"not a WordPress export (WXR): root <{root.tag!s}> without a "
                "wordpress.org/export/ namespace"
            )

    def _syntax_error(self, exc: etree.XMLSyntaxError) -> InputError:
        stream = self._stream
        line = exc.position[0] if exc.position else 0
        msg = exc.msg or str(exc)
        low = msg.lower()
        if any(word in low for word in ("huge", "too big", "too long", "exceeds", "limit")):
            # libxml2 refuses text nodes over 10 MB and nesting over 256 levels unless
            # huge_tree is set, which blogparse never does for untrusted input.
            return ResourceLimitError(
                f"the WXR export exceeds libxml2's safety limits at line {line} (a field over "
                f"10 MB or nesting over 256 levels): {msg}",
                limit="xml",
            )
        if stream.broken is not None:
            self._malformed = True
            return InputError(
                f"the WXR export cannot be read past byte {stream.bytes_read} "
                f"({stream.broken}); {self._index} item(s) were read before it")
        if stream.eof and line >= stream.lines:
            cut = " (the compressed file ends before its end marker)" if stream.cut else ""
            return TruncatedInputError(
                f"the WXR export stops in the middle{cut} (line {line}: {msg}); "
                f"{self._index} item(s) were read before the break"
            )
        self._malformed = True
        return InputError(f"the WXR export is not well-formed XML at line {line}: {msg}")

    # --- tags ---------------------------------------------------------------------------------

    def _key(self, tag: str) -> str:
        key = self._keys.get(tag)
        if key is not None:
            return key
        if tag.startswith("{"):
            ns, _, local = tag[1:].partition("}")
            if _WP_NS_RE.match(ns):
                key = "wp:" + local
            elif _EXCERPT_NS_RE.match(ns):
                key = "excerpt:" + local
            elif ns == _CONTENT_NS:
                key = "content:" + local
            elif ns == _DC_NS:
                key = "dc:" + local
            else:
                key = "?" + local
        else:
            key = tag
        if len(self._keys) < 4096:
            self._keys[tag] = key
        return key

    def _fields(self, el: etree._Element) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        keys = self._keys
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                # the first of repeated elements wins, as in WordPress' importer
                out.setdefault(keys.get(tag) or self._key(tag), child.text)
        return out

    # --- channel --------------------------------------------------------------------------

    def _channel_element(self, el: etree._Element) -> None:
        key = self._key(str(el.tag))
        self._site_dirty = True
        if key in {"title", "link", "description", "language", "generator"}:
            self._channel.setdefault(key, el.text)
        elif key == "wp:wxr_version":
            self._version = _plain(el.text)
        elif key in {"wp:base_site_url", "wp:base_blog_url"}:
            self._channel.setdefault(key, el.text)
        elif key in {"wp:author", "wp:wp_author"}:
            # "wp:wp_author" is a misspelling some hand-made exports carry.
            f = self._fields(el)
            login = _plain(f.get("wp:author_login"))
            person = Person(
                name=_html_text(f.get("wp:author_display_name")),
                login=login,
                email=_plain(f.get("wp:author_email")),
                id=_int(f.get("wp:author_id")),
            )
            if person not in self._author_set:  # each part of a split export lists them all
                self._author_set.add(person)
                self._author_list.append(person)
            if login is not None:
                self._authors.setdefault(login, person)
                self._authors_folded.setdefault(login.casefold(), person)
        elif key == "wp:category":
            f = self._fields(el)
            self._add_term(
                "category", f.get("wp:cat_name"), f.get("wp:category_nicename"),
                f.get("wp:category_parent"), f.get("wp:category_description"),
            )
        elif key == "wp:tag":
            f = self._fields(el)
            self._add_term("post_tag", f.get("wp:tag_name"), f.get("wp:tag_slug"), None,
                           f.get("wp:tag_description"))
        elif key == "wp:term":
            f = self._fields(el)
            self._add_term(
                _plain(f.get("wp:term_taxonomy")) or "unknown", f.get("wp:term_name"),
                f.get("wp:term_slug"), f.get("wp:term_parent"), f.get("wp:term_description"),
            )
        else:
            self._site_dirty = False

    def _add_term(
        self, taxonomy: str, name: str | None, slug: str | None, parent: str | None,
        description: str | None,
    ) -> None:
        name_text = _html_text(name)
        slug_text = _plain(slug)
        if name_text is None and slug_text is None:
            return
        # WordPress 4.x+ lists categories and tags both as <wp:category>/<wp:tag> and as
        # <wp:term>; keep each term once.
        if taxonomy == "tag":
            taxonomy = "post_tag"
        key = (taxonomy, slug_text or name_text or "")
        if key in self._term_keys:
            return
        self._term_keys.add(key)
        term = Term(
            name=name_text or slug_text or "",
            slug=slug_text,
            taxonomy=taxonomy,
            parent=_plain(parent),
            description=_html_text(description),
        )
        if slug_text is not None and term.parent is not None:
            self._term_parents.setdefault((taxonomy, slug_text), term.parent)
        if name_text is not None and slug_text is not None:
            name_key = (taxonomy, name_text)
            known = self._channel_slugs.get(name_key)
            self._channel_slugs[name_key] = slug_text if known in (None, slug_text) else ""
        if taxonomy == "category":
            self._categories.append(term)
        elif taxonomy == "post_tag":
            self._tags.append(term)
        else:
            self._terms.append(term)

    def _current_site(self) -> Site:
        if self._site is None or self._site_dirty:
            ch = self._channel
            self._post_site = Site(
                name=_html_text(ch.get("title")),
                url=_plain(ch.get("link")) or _plain(ch.get("wp:base_blog_url")),
                description=_html_text(ch.get("description")),
                language=_plain(ch.get("language")),
                generator=_plain(ch.get("generator")),
            )
            self._site = attrs.evolve(
                self._post_site,
                authors=tuple(self._author_list),
                categories=tuple(self._categories),
                tags=tuple(self._tags),
                terms=tuple(self._terms),
            )
            self._site_dirty = False
        return self._site

    def _site_of_posts(self) -> Site:
        # Posts carry the site without the channel's author and term lists: an export can
        # list tens of thousands of tags, and every post would repeat them when serialized.
        self._current_site()
        return self._post_site

    # --- items ----------------------------------------------------------------------------

    def _read_item(self, el: etree._Element) -> _Record:
        # Everything the post is built from, read off the element in one pass over its
        # children, so the element can be cleared before the post is built.
        index = self._index
        self._index += 1
        fields: dict[str, str | None] = {}
        categories: list[tuple[str | None, str | None, str | None]] = []
        meta: list[MetaEntry] = []
        comments: list[dict[str, str | None]] = []
        keys = self._keys
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            key = keys.get(tag) or self._key(tag)
            if key == "category":
                categories.append((child.text, child.get("domain"), child.get("nicename")))
            elif key == "wp:postmeta":
                meta.append(self._meta(child))
            elif key == "wp:comment":
                comments.append(self._fields(child))
            else:
                fields.setdefault(key, child.text)
        raw_content = fields.get("content:encoded")
        raw_content = raw_content.strip() if raw_content and raw_content.strip() else None
        url = _plain(fields.get("link"))
        if url is not None and not _SCHEME_RE.match(url):
            url = self._absolute_link(url)
        shown = None
        if raw_content is not None and meta and "wp:footnotes" in raw_content:
            shown = _with_footnotes(raw_content, meta)
        return _Record(index=index, fields=fields, categories=categories, meta=tuple(meta),
                       comments=comments, content=raw_content, url=url, shown=shown)

    def _absolute_link(self, link: str) -> str | None:
        # WordPress writes absolute permalinks; other services' WXR files (Squarespace's
        # export, for one) write the path alone, "/blog/a-post", and "/null" for a draft
        # that has no address yet.
        if link.partition("?")[0].rstrip("/").rsplit("/", 1)[-1] == "null":
            return None
        base = _plain(self._channel.get("link")) or _plain(self._channel.get("wp:base_blog_url"))
        if base is None or not base.lower().startswith(("http://", "https://")):
            return link
        return urljoin(base if base.endswith("/") else base + "/", link)

    def _build_taken(self, taken: Iterator[tuple[_Record, WxrContent]]) -> Iterator[Post]:
        for record, content in taken:
            yield from self._build(record, content)

    def _build(self, record: _Record, content: WxrContent) -> list[Post]:
        # A list, not a generator: usually one post or none (held back), and a generator
        # per item costs more than the list.
        index = record.index
        fields = record.fields
        meta = record.meta
        post_id = _int(fields.get("wp:post_id"))
        post_type = _plain(fields.get("wp:post_type"))
        if post_type == "attachment" and post_id is not None:
            self._remember_attachment(post_id, fields, meta)
        site = (self._post_site if self._site is not None and not self._site_dirty
                else self._site_of_posts())
        # dc:creator holds the author's login; some hand-made files use <wp:author>.
        login = _plain(fields.get("dc:creator")) or _plain(fields.get("wp:author"))
        author = None
        if login is not None:
            author = (self._authors.get(login) or self._authors_folded.get(login.casefold())
                      or Person(login=login))
        url = record.url
        raw_content = record.content
        cats, tags, terms = (self._item_terms(record.categories) if record.categories
                             else ((), (), ()))
        comment_list, pingbacks = self._comments(record.comments, index, author)
        thumb_id = None
        for m in meta:
            if m.key == "_thumbnail_id":
                thumb_id = _int(m.value)
                break
        sticky_text = _plain(fields.get("wp:is_sticky"))
        values: dict[str, Any] = {
            "title": _html_text(fields.get("title")),
            "url": url,
            "id": post_id,
            "type": post_type,
            "status": _plain(fields.get("wp:status")),
            "authors": self._coauthors(record.categories, author),
            "published": self._date(fields, "wp:post_date", index, "published",
                                    rss=fields.get("pubDate")),
            "updated": self._date(fields, "wp:post_modified", index, "updated"),
            "categories": cats,
            "tags": tags,
            "terms": terms,
            "excerpt": _plain(fields.get("excerpt:encoded")),
            "content_html": raw_content,
            "content_text": content.text,
            "blocks": content.blocks,
            "captions": content.captions,
            "comments": comment_list,
            "pingbacks": pingbacks,
            "site": site,
            "guid": _plain(fields.get("guid")),
            "sticky": None if sticky_text is None else sticky_text == "1",
            "featured_image": self._image(thumb_id) if thumb_id is not None else None,
            "meta": meta,
        }
        pending = thumb_id if thumb_id is not None and thumb_id not in self._attachments else None
        if self._held or pending is not None:
            size = len(raw_content or "") + sum(len(c.content_html or "") for c in comment_list)
            entry = _Held(values=values, pending=pending, index=index, size=size)
            self._held.append(entry)
            self._held_bytes += size
            if pending is not None:
                self._waiting.setdefault(pending, []).append(entry)
            return self._release(final=False)
        return [Post(**values)]

    def _release(self, *, final: bool) -> list[Post]:
        # Posts leave in file order: the head goes once its featured image is resolved, or
        # when the window is full, or at the end of the file.
        out: list[Post] = []
        held = self._held
        limit = self._lookahead
        while held:
            head = held[0]
            over = limit is not None and (len(held) > limit[0] or self._held_bytes > limit[1])
            if head.pending is not None and not (final or over):
                break
            held.popleft()
            self._held_bytes -= head.size
            if head.pending is not None:
                waiting = self._waiting.get(head.pending, [])
                if head in waiting:
                    waiting.remove(head)
                if not waiting:
                    self._waiting.pop(head.pending, None)
                self._defect(
                    DefectKind.MISSING_FIELD,
                    f"featured image: attachment {head.pending} was not found"
                    + ("" if final else " within the look-ahead window"),
                    field="featured_image", post_index=head.index,
                )
            out.append(Post(**head.values))
        return out

    def _remember_attachment(
        self, post_id: int, fields: dict[str, str | None], meta: tuple[MetaEntry, ...]
    ) -> None:
        alt = width = height = None
        for m in meta:
            if m.key == "_wp_attachment_image_alt":
                alt = m.value
            elif m.key == "_wp_attachment_metadata":
                # PHP-serialized array; only its top-level width and height are wanted,
                # which are the first "width"/"height" keys (sizes come later).
                for sm in _META_SIZE_RE.finditer(m.value[:4096]):
                    number = int(sm.group(2) or sm.group(3))
                    if sm.group(1) == "width" and width is None:
                        width = number
                    elif sm.group(1) == "height" and height is None:
                        height = number
        if len(self._attachments) >= _MAX_ATTACHMENTS:
            # Forget the oldest: the window for featured images stays bounded.
            del self._attachments[next(iter(self._attachments))]
            if not self._attachments_full:
                self._attachments_full = True
                self._defect(DefectKind.LIMIT_REACHED,
                             f"more than {_MAX_ATTACHMENTS} attachments: the oldest are "
                             "no longer available for featured images")
        waiting = self._waiting.pop(post_id, None)
        self._attachments[post_id] = _Attachment(
            url=_plain(fields.get("wp:attachment_url")) or _plain(fields.get("guid")),
            alt=alt,
            width=width,
            height=height,
        )
        for entry in waiting or ():
            # posts held back for this attachment get their featured image now
            entry.values["featured_image"] = self._image(post_id)
            entry.pending = None

    def _image(self, attachment_id: int) -> Image:
        found = self._attachments.get(attachment_id)
        if found is None:
            return Image(id=attachment_id)
        return Image(src=found.url, alt=found.alt, width=found.width, height=found.height,
                     id=attachment_id)

    def _meta(self, el: etree._Element) -> MetaEntry:
        f = self._fields(el)
        return MetaEntry(key=(f.get("wp:meta_key") or "").strip(),
                         value=f.get("wp:meta_value") or "")

    def _coauthors(
        self, elements: list[tuple[str | None, str | None, str | None]], author: Person | None
    ) -> tuple[Person, ...]:
        """The post's authors: Co-Authors Plus lists them, in order, as terms of its
        ``author`` taxonomy (name the login, slug ``cap-`` and the user's nicename), the
        first the ``dc:creator``; without them, ``dc:creator`` alone."""
        found: list[Person] = []
        for text, domain, nicename in elements:
            if domain != "author":
                continue
            name = _html_text(text)
            slug = _plain(nicename)
            person = None
            for key in (name, slug.removeprefix("cap-") if slug else None):
                if key:
                    person = self._authors.get(key) or self._authors_folded.get(key.casefold())
                    if person is not None:
                        break
            if person is None and name:
                person = next((p for p in self._author_list if p.name == name), None)
            if person is None and name:
                # a guest author, or a user the channel does not list: its term's name is
                # a login where the slug is Co-Authors Plus' own, else a name
                person = Person(login=name) if slug and slug.startswith("cap-") \
                    else Person(name=name)
            if person is not None and person not in found:
                found.append(person)
        if not found:
            return (author,) if author is not None else ()
        if author is not None and author not in found:
            found.insert(0, author)
        return tuple(found)

    def _item_terms(
        self, elements: list[tuple[str | None, str | None, str | None]]
    ) -> tuple[tuple[Term, ...], tuple[Term, ...], tuple[Term, ...]]:
        cats: dict[tuple[str, str], Term] = {}
        tags: dict[tuple[str, str], Term] = {}
        terms: dict[tuple[str, str], Term] = {}
        bare: list[str] = []
        for text, domain, nicename in elements:
            name = _html_text(text)
            if domain is None:
                # WXR 1.0 repeats each category without a domain before the full entry.
                if name:
                    bare.append(name)
                continue
            slug = _plain(nicename)
            if name is None and slug is None:
                continue
            taxonomy = "post_tag" if domain == "tag" else domain
            target = cats if taxonomy == "category" else tags if taxonomy == "post_tag" else terms
            key = (taxonomy, name or slug or "")
            old = target.get(key)
            # WXR 1.0 also repeats tags without a nicename; keep the entry with the slug.
            if old is None or (old.slug is None and slug is not None):
                if slug is None and name is not None:
                    slug = self._channel_slugs.get((taxonomy, name)) or None
                target[key] = Term(
                    name=name or slug or "", slug=slug, taxonomy=taxonomy,
                    parent=self._term_parents.get((taxonomy, slug)) if slug else None)
        if not cats and not tags and not terms:
            for name in dict.fromkeys(bare):
                cats[("category", name)] = Term(
                    name=name, slug=self._channel_slugs.get(("category", name)) or None,
                    taxonomy="category")
        return tuple(cats.values()), tuple(tags.values()), tuple(terms.values())

    def _date(
        self, fields: dict[str, str | None], key: str, index: int, field: str,
        rss: str | None = None,
    ) -> datetime | None:
        gmt = _plain(fields.get(key + "_gmt"))
        local = _plain(fields.get(key))
        return self._when(gmt, local, index, field, rss=rss)

    def _when(
        self, gmt: str | None, local: str | None, index: int, field: str,
        rss: str | None = None,
    ) -> datetime | None:
        if gmt is not None and gmt != _ZERO_DATE:
            if len(gmt) == 19:
                # "2010-10-20 14:08:20", as every WXR writes it: read as UTC at once (where
                # the text with "+00:00" appended parses, it holds no zone of its own)
                try:
                    return datetime.fromisoformat(gmt + "+00:00")
                except ValueError:
                    pass
            value = _parse_wp_date(gmt)
            if value is not None:
                return value.replace(tzinfo=UTC)
            self._defect(DefectKind.BAD_DATE, f"unreadable GMT date {gmt[:40]!r}",
                         field=field, post_index=index)
        if rss is not None:
            # The item's RSS <pubDate> is the GMT date again in WordPress' own exports
            # (empty, or "Mon, 30 Nov -0001 …", where that is the zero date); files from
            # other services may carry it alone.  It says its zone.
            value = _rss_date(rss)
            if value is not None:
                return value
        if local is None or local == _ZERO_DATE:
            return None
        value = _parse_wp_date(local)
        if value is None:
            self._defect(DefectKind.BAD_DATE, f"unreadable date {local[:40]!r}",
                         field=field, post_index=index)
            return None
        self._defect(
            DefectKind.ZERO_DATE,
            "the GMT date is the zero date (or missing); the local date is used, without a zone",
            field=field, post_index=index,
        )
        return value

    # --- comments -----------------------------------------------------------------------------

    def _comments(
        self, elements: list[dict[str, str | None]], index: int, author: Person | None
    ) -> tuple[tuple[Comment, ...], tuple[Pingback, ...]]:
        if not elements:
            return (), ()
        keep = self._options.comment_statuses
        limit = self._options.max_comments
        # Each comment's fields, made a Comment once its thread is known (no evolve).
        comments: list[dict[str, object]] = []
        pingbacks: list[Pingback] = []
        author_id = author.id if author is not None else None
        other: dict[str, int] = {}
        for f in elements:
            if len(comments) + len(pingbacks) >= limit:
                self._defect(DefectKind.LIMIT_REACHED,
                             f"only the first {limit} comments were kept",
                             field="comments", post_index=index)
                break
            approved = _plain(f.get("wp:comment_approved")) or "1"
            status = _COMMENT_STATUS.get(approved, approved)
            if status not in keep:
                continue
            kind = (_plain(f.get("wp:comment_type")) or "comment").lower()
            if kind not in _COMMENT_KINDS:
                # Block-editor notes (WordPress 6.9), order notes and the like are private
                # records stored as comments; a page never shows them.
                other[kind] = other.get(kind, 0) + 1
                continue
            is_ping = kind in {"pingback", "trackback"}
            where = f"pingbacks[{len(pingbacks)}]" if is_ping else f"comments[{len(comments)}]"
            when = self._when(_plain(f.get("wp:comment_date_gmt")),
                              _plain(f.get("wp:comment_date")), index, where + ".date")
            cid = _int(f.get("wp:comment_id"))
            body = f.get("wp:comment_content")
            body = body.strip() if body and body.strip() else None
            if is_ping:
                pingbacks.append(self._pingback(kind, f, body, when, cid))
                continue
            user_id = _int(f.get("wp:comment_user_id"))
            comments.append({
                "id": cid,
                "author": Person(
                    name=_html_text(f.get("wp:comment_author")),
                    url=_plain(f.get("wp:comment_author_url")),
                    email=_plain(f.get("wp:comment_author_email")),
                    id=user_id or None,
                ),
                "date": when,
                "content_html": body,
                "content_text": comment_text(body),
                "parent_id": _int(f.get("wp:comment_parent")) or None,
                "by_post_author": bool(user_id and author_id is not None
                                       and user_id == author_id),
                "status": status,
            })
        for kind, count in other.items():
            self._defect(DefectKind.UNKNOWN_ITEM,
                         f"{count} comment(s) of type {kind[:40]!r} were left out",
                         field="comments", post_index=index)
        return self._thread(comments, index), tuple(pingbacks)

    def _pingback(
        self, kind: str, f: dict[str, str | None], body: str | None, when: datetime | None,
        cid: int | None,
    ) -> Pingback:
        name = _html_text(f.get("wp:comment_author"))
        title: str | None
        blog: str | None
        excerpt_html = body
        m = _STRONG_RE.match(body) if kind == "trackback" and body else None
        if m:
            # wp-trackback.php stores the sending blog's name as the author and the post
            # title as "<strong>title</strong>\n\nexcerpt" in the content.
            title, blog = _html_text(m.group(1)), name
            excerpt_html = m.group(2)
        else:
            # A pingback's author is the source page's <title>: "Post | Blog", "Blog » Post".
            title, blog = split_pingback_title(name)
        excerpt = None
        if excerpt_html and excerpt_html.strip():
            excerpt = fragment_text(excerpt_html)
        return Pingback(
            kind=kind,
            url=_plain(f.get("wp:comment_author_url")),
            title=title,
            blog_name=blog,
            excerpt=excerpt,
            date=when,
            id=cid,
        )

    def _thread(self, comments: list[dict[str, object]], index: int) -> tuple[Comment, ...]:
        def report(message: str, field: str) -> None:
            self._defect(DefectKind.ORPHAN_COMMENT, message, field=field, post_index=index)

        return thread(comments, report)


_FOOTNOTES_BLOCK_RE = re.compile(
    r"<!--\s*wp:footnotes\b[^>]{0,2000}?/-->"
    r"|<!--\s*wp:footnotes\b[^>]{0,2000}?-->.*?<!--\s*/wp:footnotes\s*-->", re.DOTALL)


def _with_footnotes(content: str, meta: Sequence[MetaEntry]) -> str | None:
    """``content`` with its footnotes block rendered as WordPress renders it (6.3 and later
    keep the notes as JSON in the ``footnotes`` meta field); ``None`` when there is
    nothing to render."""
    value = next((m.value for m in meta if m.key == "footnotes"), None)
    if not value or _FOOTNOTES_BLOCK_RE.search(content) is None:
        return None
    try:
        notes = json.loads(value)
    except ValueError:
        return None
    if not isinstance(notes, list):
        return None
    items = []
    for note in notes:
        if not isinstance(note, dict) or not isinstance(note.get("content"), str):
            continue
        ident = html.escape(str(note.get("id") or ""), quote=True)
        items.append(f'<li id="{ident}">{note["content"]} '
                     f'<a href="#{ident}-link">\u21a9\ufe0e</a></li>')
    if not items:
        return None
    rendered = ('<!-- wp:footnotes --><ol class="wp-block-footnotes">' + "".join(items)
                + "</ol><!-- /wp:footnotes -->")
    return _FOOTNOTES_BLOCK_RE.sub(lambda _m: rendered, content, count=1)


def _rss_date(text: str) -> datetime | None:
    """An RFC 822 date (``Sat, 27 May 2017 11:33:38 +0000``) with its zone; else ``None``."""
    text = text.strip()
    if not text or len(text) > 64:
        return None
    value: datetime | None
    if _RFC822_RE.match(text):
        import email.utils

        try:
            value = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    elif _ISO_DATE_RE.match(text):
        value = parse_datetime(text)
    else:
        # the zero date, "Mon, 30 Nov -0001 00:00:00 +0000", among others
        return None
    if value is None or value.tzinfo is None or not 1970 < value.year < 9999:
        # "-0000" means "zone unknown"; the zero date may also read as 1970.
        return None
    return value


def _parse_wp_date(text: str) -> datetime | None:
    try:
        # MySQL DATETIME, as every WXR writes it: "2010-10-20 14:08:20"
        return datetime.fromisoformat(text)
    except ValueError:
        value = parse_datetime(text)
        return value.replace(tzinfo=None) if value is not None else None


def iter_wxr(
    source: WxrSources, *, options: Options = LENIENT, jobs: int | None = None
) -> WxrReader:
    """Stream the posts of a WordPress export (WXR 1.0, 1.1 or 1.2), one at a time.

    ``source`` is a path, the export's bytes, or a binary file object (left open); a
    gzip-compressed file is decompressed as it streams.  A ZIP archive (WordPress.com's
    export download) is read as the export its ``.xml`` files make, in name order; so is a
    list or tuple of sources, the parts of an export split in several files (``wp export``
    writes ``site.wordpress.2024-05-01.000.xml``, ``….001.xml``, …): one site, featured
    images resolved across the parts, item indexes counted through.  Memory stays flat
    however large the file.  The reader yields every item in file order; its
    :attr:`~WxrReader.site` is the channel (read ahead to the first item when asked for
    early), its :attr:`~WxrReader.defects` the problems met.  A file cut off in the middle
    yields the posts before the break, then raises :class:`~blogparse.TruncatedInputError`;
    XML that breaks at a bare ``&`` or an HTML entity outside CDATA is read again from its
    start with those references repaired (a path, bytes, or a file object that can seek),
    the posts already given passed over; other faults in the middle raise
    :class:`~blogparse.InputError` after the posts before them.  A document that is not a
    WordPress export raises :class:`~blogparse.InputError`, one that
    declares entities :class:`~blogparse.HostileInputError`.  With ``options.strict`` the
    defects are raised together (:class:`~blogparse.StrictModeError`) after the last post.
    ``jobs`` (2 or more) converts post content in that many worker processes, with the
    same results (see :class:`WxrReader`).
    """
    return WxrReader(source, options=options, jobs=jobs)


def parse_wxr(
    source: WxrSources, *, options: Options = LENIENT, jobs: int | None = None
) -> PageResult:
    """Read a whole WordPress export into one :class:`~blogparse.PageResult`.

    The result has ``format="wxr"``, ``kind="archive"`` (``"empty"`` when the export holds
    no item) and every item as a post.  Featured images are resolved across the whole
    file.  A truncated export gives the posts before the break and a ``truncated`` defect,
    XML that stops being well-formed in the middle the posts before the fault and a
    ``malformed-markup`` defect (both raised, with the others, in strict mode).  Use
    :func:`iter_wxr` for large files.  ``jobs`` is as for :func:`iter_wxr`.
    """
    reader = WxrReader(source, options=attrs.evolve(options, strict=False), lookahead=None,
                       jobs=jobs)
    with reader:
        reading = ReadToBreak(reader)
        posts = list(reading)
    return reading.result(posts, options=options)


class ReadToBreak:
    """A reader's posts up to a break in the file, then the result they make.

    A cut-off export, or XML that stops being well-formed in the middle, ends the posts
    quietly and the break becomes a defect (``truncated``, ``malformed-markup``); hostile
    or non-WXR documents still raise.  :func:`parse_wxr` holds the posts; the command line
    writes them out one by one and asks :meth:`result` for the rest of the result.
    """

    def __init__(self, reader: WxrReader) -> None:
        self.reader = reader
        self.broken: Defect | None = None

    def __iter__(self) -> Iterator[Post]:
        try:
            yield from self.reader
        except TruncatedInputError as exc:
            self.broken = Defect(kind=DefectKind.TRUNCATED, message=str(exc))
        except InputError as exc:
            if not self.reader._malformed:
                raise
            self.broken = Defect(kind=DefectKind.MALFORMED_MARKUP,
                                 message=f"{exc}; the items after it were not read")

    def result(self, posts: Sequence[Post], *, options: Options, read: int | None = None
               ) -> PageResult:
        """The export's result holding ``posts``, once they are read; ``read`` is how many
        were read when the caller kept none.  In strict mode the defects are raised."""
        read = len(posts) if read is None else read
        defects = self.reader.defects
        if self.broken is not None:
            defects += (self.broken,)
        if not read:
            defects += (Defect(kind=DefectKind.NO_POSTS, message="the export holds no item"),)
        options.check(defects)
        return PageResult(
            kind="archive" if read else "empty",
            posts=tuple(posts),
            site=self.reader.site,
            theme=None,
            format="wxr",
            encoding=self.reader.encoding,
            defects=defects,
        )
