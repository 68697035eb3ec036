"""The one entry point that runs the layers: source → document → theme → extract → models.

Rules: this module only wires layers together and applies the options (limits, strict
mode); it holds no markup knowledge of its own.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import lxml.html

from . import _document, _extract, _source, _wayback
from ._errors import InputError, ResourceLimitError
from ._models import Defect, DefectKind, PageResult
from ._options import LENIENT, Options
from ._theme import PageDocument, Theme, ThemeRegistry
from ._themes import builtin_registry

_default_registry: ThemeRegistry | None = None
# A str input is already decoded: its declaration must not make the reader decode again.
_XML_ENCODING_DECL_RE = re.compile(rb"<\?xml([^>]{0,200}?)\s+encoding=[\"'][^\"']{1,40}[\"']")


def default_registry() -> ThemeRegistry:
    """The process-wide registry: built-in themes plus installed plugin themes.

    Plugins are imported on first need (detection, a theme name that is not built in, the
    list of names), not when blogparse is imported nor when ``theme=`` names a built-in.
    A plugin that fails to load is left out with a warning (see
    ``ThemeRegistry.plugin_errors``) so that one broken package cannot stop all parsing.
    """
    global _default_registry
    if _default_registry is None:
        registry = builtin_registry()
        registry.defer_entry_points(skip_broken=True)
        _default_registry = registry
    return _default_registry


def parse_page(
    data: bytes | str,
    *,
    url: str | None = None,
    theme: str | Theme | None = None,
    encoding: str | None = None,
    format: str | None = None,
    options: Options = LENIENT,
    registry: ThemeRegistry | None = None,
    transport_encoding: str | None = None,
) -> PageResult:
    """Parse one saved page (HTML, MHTML, Safari web archive, text dump), export (WXR,
    Blogger) or WordPress REST API response into a :class:`PageResult`.

    ``url`` is the page's address (resolves relative links; recorded when the page has
    no canonical link).  ``theme`` names a registered theme (or passes one) to skip
    detection.  ``encoding`` overrides the page's declared charset, ``format`` the sniffed
    format (``html``, ``mhtml``, ``webarchive``, ``text``, ``wxr``, ``blogger``,
    ``wp-json``).  ``transport_encoding`` is the charset the bytes were served with (an
    HTTP ``Content-Type`` header, as a crawl records it): it outranks the page's own
    declaration but not a byte-order mark or ``encoding``, and is checked against the
    bytes like any declaration.  With ``options.strict`` every defect is raised together
    as :class:`~blogparse.StrictModeError`.

    Gzip-compressed bytes are decompressed first (a page saved as ``.html.gz``, a body
    stored as served with ``Content-Encoding: gzip``); a ZIP archive is read as a Google
    Takeout archive of a Blogger blog when it holds one (:func:`~blogparse.parse_blogger`),
    else as a WordPress export download (:func:`~blogparse.parse_wxr`).  Other binary data
    (a PDF, an image, another archive format) raises :class:`~blogparse.InputError`.
    """
    if isinstance(data, bytes | bytearray | str) and len(data) > options.max_input_bytes:
        raise ResourceLimitError(
            f"the input is {len(data)} bytes, over the limit of {options.max_input_bytes}",
            limit="max_input_bytes",
        )
    unpacked: tuple[Defect, ...] = ()
    if not isinstance(data, str):
        binary = _source.binary_kind(bytes(data[:512]))
        if binary is not None and binary[0] == "gzip":
            data, unpacked = _source.gunzip(bytes(data), limit=options.max_input_bytes)
            inner = _source.binary_kind(data[:512])
            if inner is not None:
                raise InputError(f"{inner[1]} compressed with gzip, not a saved page or a "
                                 "WordPress export")
        elif binary is not None and binary[0] == "zip" and format in (None, "wxr", "blogger"):
            return _parse_zip(bytes(data), format=format, options=options)
        elif binary is not None:
            raise InputError(f"{binary[1]}, not a saved page or a WordPress export")
    source = _source.read_source(data, encoding=encoding, format=format, url=url,
                                 transport_encoding=transport_encoding)
    if source.format == "wxr":
        from ._wxr import parse_wxr

        # The export reader decodes by its own XML declaration: give it the bytes as read.
        raw = bytes(data) if not isinstance(data, str) else data.encode("utf-8")
        if isinstance(data, str):
            raw = _XML_ENCODING_DECL_RE.sub(b"<?xml\\1", raw, count=1)
        result = parse_wxr(raw, options=options)
    elif source.format == "blogger":
        from ._blogger import parse_blogger

        raw = bytes(data) if not isinstance(data, str) else data.encode("utf-8")
        if isinstance(data, str):
            raw = _XML_ENCODING_DECL_RE.sub(b"<?xml\\1", raw, count=1)
        result = parse_blogger(raw, options=options)
    elif source.format == "wp-json":
        from ._wpjson import parse_wp_json

        result = parse_wp_json(
            data.encode("utf-8") if isinstance(data, str) else bytes(data), options=options)
    elif source.format == "text":
        from ._textdump import parse_text

        result = parse_text(source.text, url=source.url, options=options)
        result = _with(result, encoding=source.encoding, extra=source.defects)
    else:
        result = _parse_html(source, theme=theme, options=options,
                             registry=registry or default_registry())
    if unpacked:
        result = _with(result, encoding=result.encoding, extra=unpacked)
    options.check(result.defects)
    return result


def _parse_zip(data: bytes, *, format: str | None, options: Options) -> PageResult:
    """A ZIP archive: a Google Takeout archive holding a blog's ``feed.atom``, else a
    WordPress export download."""
    from ._blogger import parse_blogger, zip_export_format

    if (format or zip_export_format(data)) == "blogger":
        return parse_blogger(data, options=options)
    from ._wxr import parse_wxr

    return parse_wxr(data, options=options)


def _with(result: PageResult, *, encoding: str | None, extra: tuple[Defect, ...]) -> PageResult:
    import attrs

    return attrs.evolve(result, encoding=encoding, defects=extra + result.defects)


def _parse_html(
    source: _source.Source, *, theme: str | Theme | None, options: Options,
    registry: ThemeRegistry, local_resources: bool = False,
) -> PageResult:
    defects: list[Defect] = list(source.defects)
    root, doc_defects = _document.parse_html(source.text, max_depth=options.max_depth)
    defects.extend(doc_defects)
    if root is None:
        return PageResult(kind="empty", format=source.format, encoding=source.encoding,
                          url=source.url, defects=tuple(defects))
    page, url, captured = page_document(root, source.text, source.url,
                                        recorded=source.recorded_url)
    # the archive's capture says how old the content is; else when the saver made the copy
    captured = captured or source.saved
    recorded = _wayback.unwrap_url(source.recorded_url) if source.recorded_url else None
    if isinstance(theme, Theme):
        chosen = theme
    elif isinstance(theme, str):
        chosen = registry.get(theme)
    else:
        chosen, score = registry.detect(page)
        if score == 0.0:
            defects.append(Defect(kind=DefectKind.NO_THEME,
                                  message="no theme claims the page; generic markup and "
                                          "metadata were used"))
    regions = chosen.locate(page)
    kind, posts, site = _extract.extract_page(page, regions, theme_name=chosen.name,
                                              options=options, defects=defects,
                                              resolve_content_urls=not local_resources)
    if not posts:
        defects.append(Defect(kind=DefectKind.NO_POSTS, message="no post was found on the page"))
    return PageResult(
        kind=kind,
        posts=posts,
        site=site,
        theme=chosen.name,
        format=source.format,
        encoding=source.encoding,
        url=url or recorded or (posts[0].url if kind == "single" and posts else None),
        captured=captured,
        defects=tuple(defects),
    )


def page_document(root: lxml.html.HtmlElement, text: str, url: str | None, *,
                  recorded: str | None = None
                  ) -> tuple[PageDocument, str | None, datetime | None]:
    """The document the themes read, its base url and the page's capture time.

    A page saved from a web archive's replay (the Wayback Machine; ``url`` or the
    ``recorded`` url a saver wrote into the page may say so) is made the original page
    again first, in place: see ``docs/input-formats.md``; an AMP page's images become the
    ``<img>`` they stand for; a page Save Page WE saved gets back the addresses it moved
    aside, its recorded url as the base (when ``url`` is not given) and its saving time.
    Any other page: its document, ``url`` and ``None``.
    """
    if "amp" in root.attrib or "\u26a1" in root.attrib:
        _document.amp_images(root)
    page = PageDocument(root, url=url)
    saved: datetime | None = None
    saver = _source.savepage_record(page.meta)
    if saver is not None:
        _document.restore_saved_urls(root)
        recorded = recorded or saver[0]
        url = url or saver[0]
        saved = saver[1]
        page = PageDocument(root, url=url)
    own_url = page.links.get("canonical") or page.meta.get("og:url")
    if not _wayback.is_replay(root, url or recorded, own_url):
        return page, url, saved
    _wayback.unwrap_tree(root)
    captured = next((t for t in (
        _wayback.capture_time(text),
        *(_wayback.timestamp_time(u.strip()) for u in (url, recorded, own_url) if u))
        if t is not None), None)
    url = _wayback.unwrap_url(url) if url else None
    return PageDocument(root, url=url), url, captured or saved  # nothing read before stays


def parse_file(
    path: str | os.PathLike[str],
    *,
    url: str | None = None,
    theme: str | Theme | None = None,
    encoding: str | None = None,
    format: str | None = None,
    options: Options = LENIENT,
) -> PageResult:
    """Read the file at ``path`` and parse it with :func:`parse_page`.

    A ``.mhtml``/``.mht`` suffix selects MHTML, ``.webarchive`` a Safari web archive and
    ``.txt`` a text dump unless ``format`` says otherwise (other files are sniffed).  A
    folder, or an HTML file saved with its ``…_files`` folder beside it, is read by
    :func:`parse_saved_page`.
    """
    p = Path(path)
    if p.is_dir() or (format in (None, "html") and p.suffix.lower() in {".html", ".htm"}
                      and _source.find_saved_folder(p) is not None):
        return parse_saved_page(p, url=url, theme=theme, encoding=encoding, options=options)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from None
    if size > options.max_input_bytes:
        raise ResourceLimitError(f"{p} is {size} bytes, over the limit of "
                                 f"{options.max_input_bytes}", limit="max_input_bytes")
    if format is None:
        format = {".mhtml": "mhtml", ".mht": "mhtml", ".txt": "text",
                  ".webarchive": "webarchive"}.get(p.suffix.lower())
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}") from None
    return parse_page(data, url=url, theme=theme, encoding=encoding, format=format,
                      options=options)


def parse_saved_page(
    path: str | os.PathLike[str],
    *,
    url: str | None = None,
    theme: str | Theme | None = None,
    encoding: str | None = None,
    options: Options = LENIENT,
    registry: ThemeRegistry | None = None,
) -> PageResult:
    """Parse a "Save Page As, complete" save: the page file or the folder holding it.

    Images saved into the page's resource folder are mapped back to the original urls
    the page records; the page url comes from ``url`` or the save's ``saved from url``
    comment.  See ``docs/input-formats.md``.
    """
    source = _source.load_saved_folder(path, encoding=encoding, url=url,
                                       max_bytes=options.max_input_bytes)
    # Images the save did not map back stay as the local paths they are: joining them to
    # the page url would make addresses that never existed.
    result = _parse_html(source, theme=theme, options=options,
                         registry=registry or default_registry(), local_resources=True)
    options.check(result.defects)
    return result


__all__ = ["default_registry", "parse_file", "parse_page", "parse_saved_page"]
