"""Build lxml trees from decoded text; every lxml parser blogparse uses is constructed here.

Rules: parsers never touch the network or the file system, never resolve external
entities or load DTDs, and keep libxml2's limits on tree size (no ``huge_tree``).
lxml's own exceptions never leave this module: they become blogparse errors or defects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

import lxml.etree as etree
import lxml.html

from ._errors import InputError
from ._models import Defect, DefectKind

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def html_parser() -> lxml.html.HTMLParser:
    """A fresh hardened HTML parser: recovering, offline, no processing instructions."""
    return lxml.html.HTMLParser(
        recover=True,
        no_network=True,
        remove_pis=True,
        remove_comments=False,
        huge_tree=False,
        default_doctype=False,
        collect_ids=False,
        encoding="utf-8",
    )


def xml_parser(*, recover: bool = False) -> etree.XMLParser:
    """A fresh hardened XML parser: no entities resolved, no DTD, no network, no XInclude."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        recover=recover,
        collect_ids=False,
    )


def clean_text_for_lxml(text: str) -> str:
    """Drop what libxml2 cannot hold in a tree: NUL and other C0 control characters."""
    return _CONTROL_RE.sub("", text) if _CONTROL_RE.search(text) else text


def parse_html(text: str) -> tuple[lxml.html.HtmlElement | None, tuple[Defect, ...]]:
    """Parse an HTML document into a tree; ``None`` for a document with no elements."""
    text = clean_text_for_lxml(_XML_DECL_RE.sub("", text, count=1))
    if not text.strip():
        return None, (Defect(kind=DefectKind.NO_POSTS, message="the document is empty"),)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"),
                                             parser=html_parser())
    except etree.ParserError:
        return None, (Defect(kind=DefectKind.NO_POSTS, message="the document has no elements"),)
    except (etree.LxmlError, ValueError, UnicodeError) as exc:
        raise InputError(f"the HTML cannot be parsed: {exc}") from None
    defects: list[Defect] = []
    has_open = "<html" in text[:4096].lower()
    if has_open and re.search(r"</html\s*>", text[-4096:], re.IGNORECASE) is None:
        defects.append(Defect(kind=DefectKind.TRUNCATED,
                              message="the page has no closing </html>: it may be cut off"))
    return root, tuple(defects)


def parse_fragment(html: str) -> lxml.html.HtmlElement:
    """Parse an HTML fragment (post content) into a ``<div>`` holding it."""
    text = clean_text_for_lxml(html)
    try:
        doc = lxml.html.document_fromstring(
            ("<html><body><div>" + text + "</div></body></html>").encode("utf-8", "surrogatepass"),
            parser=html_parser(),
        )
    except (etree.LxmlError, ValueError, UnicodeError) as exc:
        raise InputError(f"the HTML fragment cannot be parsed: {exc}") from None
    body = doc.find("body")
    div = body[0] if body is not None and len(body) else None
    if div is None:
        return lxml.html.Element("div")
    return div


def xml_iterparse(
    source: BinaryIO, *, tag: str | Sequence[str] | None = None
) -> Iterator[tuple[str, Any]]:
    """A hardened incremental XML parser over ``source`` (the settings of :func:`xml_parser`).

    It yields ``("start-ns", (prefix, uri))`` for namespace declarations and ``("end",
    element)`` for closed elements (those matching ``tag`` when it is given).  External
    entities and DTDs are never loaded, the network is never used, comments and processing
    instructions are dropped, and libxml2 keeps its tree-size limits (no ``huge_tree``).
    Entity references are kept as they are (``resolve_entities=False``), so no expansion can
    happen; the caller inspects the internal subset and refuses documents that declare any.
    lxml's exceptions pass through: the streaming reader maps them to its own errors, since
    only it knows how many posts came before the failure.
    """
    return etree.iterparse(  # type: ignore[call-overload, no-any-return]
        source,
        events=("start-ns", "end"),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        recover=False,
        strip_cdata=True,
        chunk_size=65536,
    )
