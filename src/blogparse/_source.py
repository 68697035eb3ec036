"""Read raw input: sniff its format (HTML, MHTML, text dump, WXR) and decode its bytes.

Rules: decoding never fails; it follows one documented precedence and reports the encoding
it used plus a defect where bytes had to be replaced.  No file or network is read on behalf
of the document.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

import attrs

from ._errors import DecodeError, InputError
from ._models import Defect, DefectKind

FORMATS = ("html", "mhtml", "text", "wxr")
"""The input formats :func:`read_source` knows."""


@attrs.frozen(kw_only=True)
class Source:
    """Decoded input, ready for the document layer."""

    text: str
    format: str
    encoding: str | None = None
    url: str | None = None
    resources: Mapping[str, str] = attrs.field(factory=dict)
    """Local resource names (``page_files/a.jpg``, ``cid:…``) mapped to original urls."""
    defects: tuple[Defect, ...] = ()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})""")


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str, tuple[Defect, ...]]:
    """Decode ``data``; return the text, the encoding used and the defects met.

    Precedence: a byte-order mark, then ``encoding``, then the declaration in the first
    bytes, then UTF-8, then windows-1252 (never fails).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, "replace"), name, ()
    if encoding is not None:
        name = _lookup(encoding)
        if name is None:
            raise DecodeError(f"unknown encoding {encoding!r}", encoding=encoding)
        return _decode_with(data, name)
    head = data[:4096]
    m = _XML_ENCODING_RE.match(head) or _META_CHARSET_RE.search(head)
    declared = _lookup(m.group(1).decode("ascii")) if m else None
    if declared is not None:
        return _decode_with(data, declared)
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "cp1252", ()


def _decode_with(data: bytes, name: str) -> tuple[str, str, tuple[Defect, ...]]:
    try:
        return data.decode(name), name, ()
    except UnicodeDecodeError:
        return data.decode(name, "replace"), name, (
            Defect(kind=DefectKind.DECODE_REPLACED,
                   message=f"bytes not valid in {name} were replaced"),
        )


def sniff_format(text: str) -> str:
    """Guess the format of decoded text from its first characters."""
    head = text[:2048].lstrip("\ufeff \t\r\n")
    low = head.lower()
    if "<rss" in low and ("wordpress.org/export" in text[:8192].lower()):
        return "wxr"
    if low.startswith(("<!doctype", "<html", "<?xml", "<head", "<body", "<meta", "<!--")):
        return "html"
    if re.search(r"<(?:html|body|div|p|article|head)\b", low):
        return "html"
    return "text"


def read_source(
    data: bytes | str,
    *,
    encoding: str | None = None,
    format: str | None = None,
    url: str | None = None,
) -> Source:
    """Decode ``data`` and decide its format (``format`` overrides the sniffing)."""
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if isinstance(data, str):
        text, used, defects = data, None, ()
    elif isinstance(data, bytes | bytearray | memoryview):
        text, used, defects = decode(bytes(data), encoding=encoding)
    else:
        raise TypeError(f"expected bytes or str, got {type(data).__name__}")
    fmt = format or sniff_format(text)
    return Source(text=text, format=fmt, encoding=used, url=url, defects=defects)
