"""Read web archives (WARC, WARC.gz): parse each HTML page an archive holds, tagged with its record.

Rules: records are streamed one at a time (memory is bounded by
:attr:`~blogparse.Options.max_input_bytes` per record, never by the archive); the page url
and HTTP charset come from the record, the page itself is parsed by
:func:`~blogparse.parse_page`; records that hold no HTML page are skipped, as documented in
``docs/warc.md``.  The WARC format is read by the optional ``warcio`` package
(``pip install blogparse[warc]``).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs

from ._errors import (
    BlogparseError,
    HostileInputError,
    InputError,
    ResourceLimitError,
    StrictModeError,
    TruncatedInputError,
)
from ._models import Defect, DefectKind, PageResult, _Model
from ._options import LENIENT, Options
from ._pipeline import parse_page

if TYPE_CHECKING:
    from ._theme import Theme, ThemeRegistry

ErrorPolicy = Literal["raise", "skip", "record"]
"""What :func:`iter_warc` does with an HTML record that cannot be parsed."""

_ERROR_POLICIES = ("raise", "skip", "record")
# Content types that carry an HTML page (RFC 2854 text/html; XHTML served as XML).
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 1 << 16
# How the decoder names a charset from outside the document; here it is HTTP's.
# An HTML page with no Content-Type is recognised by its first markup (WHATWG MIME
# Sniffing, "rules for identifying an unknown MIME type": "<!DOCTYPE HTML", "<HTML", ...).
_HTML_START_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?[\t\n\x0c\r ]*<(?:!doctype\s+html|html|head|body|!--)[\s>]",
    re.IGNORECASE)


@attrs.frozen(kw_only=True)
class WarcResult(_Model):
    """One HTML page read from a web archive: the record it came from and its parse."""

    record_id: str
    """The record's ``WARC-Record-ID`` as written (``<urn:uuid:…>``); empty if it has none."""
    url: str | None = None
    """The record's ``WARC-Target-URI``: the address the page was fetched from."""
    date: datetime | None = None
    """The record's ``WARC-Date`` (time zone aware, UTC), when it is present and readable."""
    result: PageResult
    """The page parsed by :func:`~blogparse.parse_page` with ``url`` and the HTTP charset.
    A record that could not be parsed (``errors="record"``) gives an ``empty`` result whose
    defects say why."""


def iter_warc(
    source: str | os.PathLike[str] | IO[bytes] | bytes,
    *,
    options: Options | None = None,
    theme: str | Theme | None = None,
    registry: ThemeRegistry | None = None,
    errors: ErrorPolicy | None = None,
) -> Iterator[WarcResult]:
    """Yield a :class:`WarcResult` for each HTML page in a WARC or WARC.gz archive, in order.

    ``source`` is a path, a binary file object (read from where it stands, never closed
    here) or the archive's bytes; gzip is recognised by its magic bytes, both one member
    per record and the whole file in one member.  ``response`` records with a 2xx status
    and an HTML ``Content-Type`` are parsed, and ``resource`` records with an HTML content
    type; every other record (request, metadata, warcinfo, revisit, dns, images, …) is
    skipped.  ``options``, ``theme`` and ``registry`` are passed to
    :func:`~blogparse.parse_page`.

    ``errors`` decides what a page that cannot be parsed does (one larger than
    ``options.max_input_bytes``, a payload whose compression is broken, or any page in
    strict mode that has defects): ``"raise"`` raises the error and ends the iteration,
    ``"skip"`` leaves the record out, ``"record"`` yields it with an ``empty`` result whose
    defects say what went wrong.  The default is ``"raise"`` when ``options.strict`` is set
    and ``"record"`` otherwise.

    Raises :class:`~blogparse.InputError` when ``warcio`` is not installed or the input is
    not a web archive, and :class:`~blogparse.TruncatedInputError` when the archive breaks
    off, after yielding the records before the break.
    """
    options = LENIENT if options is None else options
    policy: ErrorPolicy = errors or ("raise" if options.strict else "record")
    if policy not in _ERROR_POLICIES:
        raise ValueError(f"errors must be one of {', '.join(_ERROR_POLICIES)}, not {errors!r}")
    archive_iterator = _archive_iterator_class()
    if not isinstance(source, bytes | bytearray | memoryview | str | os.PathLike) and not (
            hasattr(source, "read")):
        raise TypeError(f"expected a path, a binary file or bytes, got {type(source).__name__}")
    return _iter_records(source, archive_iterator, options=options, theme=theme,
                         registry=registry, policy=policy)


def _archive_iterator_class() -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    except ImportError:
        raise InputError("reading web archives needs the warcio package: "
                         "install blogparse[warc]") from None
    return ArchiveIterator


def _iter_records(
    source: str | os.PathLike[str] | IO[bytes] | bytes, archive_iterator: Any, *,
    options: Options, theme: str | Theme | None, registry: ThemeRegistry | None,
    policy: ErrorPolicy,
) -> Iterator[WarcResult]:
    if isinstance(source, bytes | bytearray | memoryview):
        yield from _iter_stream(io.BytesIO(bytes(source)), archive_iterator, options=options,
                                theme=theme, registry=registry, policy=policy)
        return
    if isinstance(source, str | os.PathLike):
        try:
            f = open(source, "rb")  # noqa: SIM115 - closed below, after the last record
        except OSError as exc:
            raise InputError(f"cannot read {os.fspath(source)}: {exc.strerror or exc}") from None
        with f:
            yield from _iter_stream(f, archive_iterator, options=options, theme=theme,
                                    registry=registry, policy=policy)
        return
    yield from _iter_stream(source, archive_iterator, options=options, theme=theme,
                            registry=registry, policy=policy)


class _Peeked(io.RawIOBase):
    """A read-only stream that gives back ``head`` before the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(view))
        view[:len(data)] = data
        return len(data)


class _Guarded:
    """The archive's plain bytes as the WARC reader reads them, with a break remembered.

    The WARC reader takes an error of the stream below it for the end of the archive;
    this reader ends the stream too, but keeps the reason, so a cut-off archive is told
    apart from a complete one.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.offset = 0
        self.broken: str | None = None
        self.cut = False

    def read(self, size: int = -1) -> bytes:
        if self.broken is not None:
            return b""
        try:
            data = self._stream.read(size)
        except (EOFError, OSError, zlib.error) as exc:
            # gzip: "Compressed file ended before the end-of-stream marker was reached".
            self.broken = f"its gzip stream is cut off or corrupt ({exc})"
            self.cut = isinstance(exc, EOFError)
            return b""
        self.offset += len(data)
        return data

    def tell(self) -> int:
        return self.offset


def _open_plain(stream: IO[bytes]) -> _Guarded:
    head = stream.read(2)
    if not isinstance(head, bytes):
        raise TypeError("expected a binary file, got a text file")
    plain: IO[bytes] = io.BufferedReader(_Peeked(head, stream), buffer_size=_CHUNK)
    if head == b"\x1f\x8b":
        # Python's gzip reader reads every member in turn, so one member per record (the
        # standard layout) and a whole file compressed at once both become plain WARC.
        plain = gzip.GzipFile(fileobj=plain, mode="rb")  # type: ignore[assignment]
    return _Guarded(plain)


def _iter_stream(
    stream: IO[bytes], archive_iterator: Any, *, options: Options,
    theme: str | Theme | None, registry: ThemeRegistry | None, policy: ErrorPolicy,
) -> Iterator[WarcResult]:
    plain = _open_plain(stream)
    records = archive_iterator(plain, arc2warc=True)
    seen = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:
            if not type(exc).__module__.startswith("warcio"):
                raise
            if plain.broken is None and seen == 0:
                raise InputError(f"not a web archive (WARC): {exc}") from None
            raise _truncated(seen, plain.broken or str(exc)) from None
        try:
            item = _read_record(record, options=options, theme=theme, registry=registry,
                                policy=policy)
        except BlogparseError:
            if not _complete(record) or plain.broken is not None:
                raise _truncated(seen, plain.broken) from None
            raise
        if not _complete(record) or plain.broken is not None:
            raise _truncated(seen, plain.broken)
        seen += 1
        if item is not None:
            yield item
    if plain.broken is not None:
        if seen == 0 and not plain.cut:
            raise InputError(f"not a web archive (WARC): {plain.broken}")
        raise _truncated(seen, plain.broken)


def _complete(record: Any) -> bool:
    """Read the rest of ``record``; whether it held all the bytes its header announced."""
    if record.length is None:
        # No Content-Length: the header block itself was cut off.
        return False
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) <= 0


def _truncated(seen: int, why: str | None) -> TruncatedInputError:
    return TruncatedInputError(
        f"the web archive breaks off after {seen} complete record(s)"
        + (f": {why}" if why else ": its last record is shorter than its Content-Length"))


def _read_record(
    record: Any, *, options: Options, theme: str | Theme | None,
    registry: ThemeRegistry | None, policy: ErrorPolicy,
) -> WarcResult | None:
    """Parse one record if it holds an HTML page; ``None`` for any other record."""
    headers = record.rec_headers
    if record.rec_type == "response" and record.http_headers is not None:
        http = record.http_headers
        status = http.get_statuscode()
        if not (isinstance(status, str) and status.isascii() and status.isdigit()
                and 200 <= int(status) < 300):
            return None
        content_type = http.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = headers.get_header("Content-Type")
    else:
        return None
    mime, charset = _media_type(content_type)
    if mime is not None and mime not in _HTML_TYPES:
        return None
    record_id = headers.get_header("WARC-Record-ID") or ""
    url = _target_uri(headers.get_header("WARC-Target-URI"))
    date = _warc_date(headers.get_header("WARC-Date"))
    try:
        payload = _read_payload(record, options.max_input_bytes)
        if mime is None and not _HTML_START_RE.match(payload[:1024]):
            return None
        page = _parse_payload(payload, url=url, charset=charset, options=options, theme=theme,
                              registry=registry)
    except (InputError, StrictModeError) as exc:
        # A theme name no theme has (ThemeError) is misuse, not a bad page: it propagates.
        if policy == "raise":
            raise
        if policy == "skip":
            return None
        page = _failed(exc, url)
    return WarcResult(record_id=record_id, url=url, date=date, result=page)


def _read_payload(record: Any, limit: int) -> bytes:
    """The record's page bytes, de-chunked and decompressed, refused past ``limit`` bytes."""
    stream = record.content_stream()
    parts: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = stream.read(_CHUNK)
        except (OSError, zlib.error, ValueError) as exc:
            raise InputError(f"the record's content cannot be decoded: {exc}") from None
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise ResourceLimitError(f"the record's page is over the limit of {limit} bytes",
                                     limit="max_input_bytes")
        parts.append(chunk)
    return b"".join(parts)


def _parse_payload(
    payload: bytes, *, url: str | None, charset: str | None, options: Options,
    theme: str | Theme | None, registry: ThemeRegistry | None,
) -> PageResult:
    # The HTTP charset is the page's transport encoding: weaker than a byte-order mark,
    # stronger than the page's own <meta>, and checked against the bytes like any
    # declaration (a server that says ISO-8859-1 over UTF-8 bytes is common).
    return parse_page(payload, url=url, theme=theme, options=options, registry=registry,
                      transport_encoding=charset)


def _failed(exc: BlogparseError, url: str | None) -> PageResult:
    """An empty result whose defects say why the record's page was not parsed."""
    if isinstance(exc, StrictModeError):
        defects = exc.defects
    else:
        kind = (DefectKind.LIMIT_REACHED if isinstance(exc, ResourceLimitError)
                else DefectKind.HOSTILE_MARKUP if isinstance(exc, HostileInputError)
                else DefectKind.TRUNCATED)
        defects = (Defect(kind=kind, message=str(exc)),)
    return PageResult(kind="empty", format="html", url=url, defects=defects)


def _media_type(value: str | None) -> tuple[str | None, str | None]:
    """``("text/html", "utf-8")`` from ``text/html; charset="UTF-8"``; ``None`` for absent parts."""
    if not value:
        return None, None
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip() or None
    return mime.strip().lower() or None, charset


def _target_uri(value: str | None) -> str | None:
    # WARC/1.0 examples wrap the URI in angle brackets; WARC/1.1 does not (ISO 28500:2017 §5.7).
    if not value:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value or None


def _warc_date(value: str | None) -> datetime | None:
    """The ``WARC-Date`` (``2024-05-01T10:20:30Z``, fractions allowed in WARC/1.1), aware."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        date = datetime.fromisoformat(text)
    except ValueError:
        return None
    # WARC-Date is always UTC (ISO 28500:2017 §5.4), whether or not it says "Z".
    return date if date.tzinfo is not None else date.replace(tzinfo=UTC)


__all__ = ["ErrorPolicy", "WarcResult", "iter_warc"]
