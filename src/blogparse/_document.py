"""Build lxml trees from decoded text; every lxml parser blogparse uses is constructed here.

Rules: parsers never touch the network or the file system, never resolve external
entities or load DTDs, and keep libxml2's limits on tree size (no ``huge_tree``).
lxml's own exceptions never leave this module: they become blogparse errors or defects.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

import lxml.etree as etree
import lxml.html

from ._errors import InputError
from ._models import Defect, DefectKind

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _html_class_lookup() -> etree.ElementNamespaceClassLookup:
    # lxml.html picks each element's class in a Python callback, once per element proxy;
    # the same choice (FormElement, InputElement… by tag, HtmlElement otherwise) made by
    # lxml's C-level lookups saves that call on every element a query touches.
    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    lookup.get_namespace(None).update(
        lxml.html.HtmlElementClassLookup._default_element_classes)  # type: ignore[attr-defined]
    return lookup


_HTML_CLASS_LOOKUP = _html_class_lookup()


def html_parser() -> lxml.html.HTMLParser:
    """A fresh hardened HTML parser: recovering, offline, no processing instructions."""
    parser = lxml.html.HTMLParser(
        recover=True,
        no_network=True,
        remove_pis=True,
        remove_comments=False,
        huge_tree=False,
        default_doctype=False,
        collect_ids=False,
        encoding="utf-8",
    )
    parser.set_element_class_lookup(_HTML_CLASS_LOOKUP)
    return parser


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


_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def clean_text_for_lxml(text: str) -> str:
    """Drop what libxml2 cannot hold in a tree: NUL and other C0 control characters."""
    return _clean_encoded(text)[0]


def _clean_encoded(text: str) -> tuple[str, bytes | None]:
    """:func:`clean_text_for_lxml`'s text, and its UTF-8 form when nothing was dropped."""
    # Deleting bytes from the UTF-8 form is several times faster than a regex search,
    # and exact: bytes below 0x20 only ever stand for themselves in UTF-8.
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return text, data
    return _CONTROL_RE.sub("", text), None


def parse_html(
    text: str, *, max_depth: int = 255
) -> tuple[lxml.html.HtmlElement | None, tuple[Defect, ...]]:
    """Parse an HTML document into a tree; ``None`` for a document with no elements.

    Elements nested deeper than ``max_depth`` (at most :data:`HTML_SAFE_DEPTH`) are read as
    text.  Where libxml2 stops at one of its safety limits, the page is read again with
    nesting capped and over-long text runs cut, and a ``limit-reached`` defect says so.
    """
    decl = _XML_DECL_RE.match(text)
    if decl is not None:
        text = text[decl.end():]
    text, data = _clean_encoded(text)
    if not text or text.isspace():
        return None, (Defect(kind=DefectKind.NO_POSTS, message="the document is empty"),)
    defects: list[Defect] = []
    text, cut = limit_attributes(text)
    if cut:
        data = None
        defects.append(Defect(
            kind=DefectKind.LIMIT_REACHED,
            message=f"{cut} element(s) with more than {MAX_ATTRIBUTES} attributes were cut "
                    f"to their first {MAX_ATTRIBUTES}",
        ))
    if max_depth < HTML_SAFE_DEPTH:
        text = tame_html(text, max_depth=max(1, max_depth))
        data = None
    root, halted = _parse_document(text, data)
    if halted:
        root, halted = _parse_document(tame_html(text, max_depth=min(max_depth,
                                                                     HTML_SAFE_DEPTH)))
        defects.append(Defect(
            kind=DefectKind.LIMIT_REACHED,
            message=f"the page nests elements deeper than {HTML_SAFE_DEPTH} levels or holds "
                    f"a text run over {MAX_TEXT_RUN} characters; it was read again with the "
                    "deeper elements as text and the long runs cut"
                    + (", and still not all of it could be read" if halted else ""),
        ))
    has_open = "<html" in text[:4096].lower()
    if has_open and re.search(r"</html\s*>", text[-4096:], re.IGNORECASE) is None:
        defects.append(Defect(kind=DefectKind.TRUNCATED,
                              message="the page has no closing </html>: it may be cut off"))
    if root is None:
        return None, (*defects,
                      Defect(kind=DefectKind.NO_POSTS, message="the document has no elements"))
    return root, tuple(defects)


def _parse_document(text: str, data: bytes | None = None
                    ) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The tree of ``text`` (``data``: its UTF-8 form, when the caller has it) and whether
    libxml2 stopped early at one of its safety limits."""
    parser = html_parser()
    try:
        root = lxml.html.document_fromstring(
            data if data is not None else text.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError:
        return None, _halted(parser)
    except (etree.LxmlError, ValueError, UnicodeError) as exc:
        raise InputError(f"the HTML cannot be parsed: {exc}") from None
    return root, _halted(parser)


def _halted(parser: lxml.html.HTMLParser) -> bool:
    # libxml2 (without huge_tree, which untrusted input never gets) stops reading the page
    # at nesting deeper than 256 or at about 10 MB in one text run, and recover=True hides
    # that: everything after the spot is silently missing from the tree.
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def amp_images(root: lxml.html.HtmlElement) -> int:
    """Make an AMP page's ``<amp-img>`` and ``<amp-anim>`` the ``<img>`` they stand for (in
    place), without the ``<noscript>`` copy AMP nests in them; returns how many."""
    count = 0
    for el in list(root.iter("amp-img", "amp-anim")):
        for fallback in el.findall("noscript"):
            el.remove(fallback)  # its tail is the image's own text: none
        el.tag = "img"
        count += 1
    return count


_SAVED_URL_ATTRS = ("src", "href", "srcset")
_SAVED_URL_XPATH = etree.XPath(
    "//*[@data-savepage-src or @data-savepage-href or @data-savepage-srcset]")


def restore_saved_urls(root: lxml.html.HtmlElement) -> int:
    """Put back the addresses Save Page WE moved aside (in place); returns how many.

    Save Page WE inlines each resource as a ``data:`` url (or empties the attribute, for
    links it does not save: the canonical link, the pingback url) and keeps the original
    in ``data-savepage-src``, ``data-savepage-href`` or ``data-savepage-srcset``; those
    attributes go, as the saver's own.
    """
    count = 0
    for el in _SAVED_URL_XPATH(root):
        attrib = el.attrib
        for name in _SAVED_URL_ATTRS:
            original = attrib.pop("data-savepage-" + name, None)
            if not original:
                continue
            current = (attrib.get(name) or "").lstrip()[:5].lower()
            if current in ("", "data:", "blob:"):
                attrib[name] = original
                count += 1
    return count


def parse_fragment(html: str) -> lxml.html.HtmlElement:
    """Parse an HTML fragment (post content) into a ``<div>`` holding it.

    Stray end tags in the fragment (``</div>``, ``</body>``) cannot close the wrapper and so
    cannot drop what follows them, and nesting deeper than libxml2 allows is read as text
    rather than ending the fragment.
    """
    # The fragment goes straight into <body>, where libxml2 ignores end tags with no open
    # element; end tags of body and html themselves would end the document, so they go.
    text, _ = limit_attributes(_DOCUMENT_END_RE.sub("", clean_text_for_lxml(html)))

    def parse(fragment: str) -> tuple[lxml.html.HtmlElement, bool]:
        parser = html_parser()
        wrapped = "<html><body>" + fragment + "</body></html>"
        try:
            doc = lxml.html.document_fromstring(wrapped.encode("utf-8", "surrogatepass"),
                                                parser=parser)
        except (etree.LxmlError, ValueError, UnicodeError) as exc:
            raise InputError(f"the HTML fragment cannot be parsed: {exc}") from None
        return doc, _halted(parser)

    doc, halted = parse(text)
    if halted:
        doc, _ = parse(tame_html(text, max_depth=HTML_SAFE_DEPTH - 2))
    body = doc.find("body")
    if body is None:
        return lxml.html.Element("div")
    # The tree is this function's own: its body becomes the holding <div>.
    body.tag = "div"
    body.attrib.clear()
    return body


_DOCUMENT_END_RE = re.compile(r"</(?:body|html)\s{0,20}>", re.IGNORECASE)


# --- attributes: libxml2's HTML parser checks each new attribute against all the earlier
# ones of its element, so one element with 100,000 attributes takes minutes.

MAX_ATTRIBUTES = 1_000
"""Attributes kept per element; real pages use a few dozen at most."""

# A start tag long enough to hold that many attributes.  ``[^<>]`` stops every attempt at
# the next ``<``, so the search is linear however the text is built.
_LONG_TAG_RE = re.compile(rf"<[A-Za-z][^<>]{{{3 * MAX_ATTRIBUTES}}}")
_TAG_BOUND_RE = re.compile(r"[<>]")
_ATTRIBUTE_RE = re.compile(
    r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?|[\s/]+|["'=]""")


def limit_attributes(text: str) -> tuple[str, int]:
    """``text`` with every start tag cut to its first :data:`MAX_ATTRIBUTES` attributes,
    and how many tags were cut.  Text without a long tag is returned as it is."""
    if _LONG_TAG_RE.search(text) is None:
        return text, 0
    out: list[str] = []
    last = cut = 0
    for m in _LONG_TAG_RE.finditer(text):
        start = m.start()
        if start < last:
            continue
        # the tag ends at its ">" or, unclosed, where the next tag starts
        bound = _TAG_BOUND_RE.search(text, start + 1)
        end = len(text) if bound is None else bound.start()
        name_end = start + 1
        while name_end < end and not text[name_end].isspace() and text[name_end] != "/":
            name_end += 1
        kept = 0
        pos = name_end
        stop = None
        for a in _ATTRIBUTE_RE.finditer(text, name_end, end):
            if a.group()[0].isspace() or a.group()[0] in "/\"'=":
                continue
            kept += 1
            if kept > MAX_ATTRIBUTES:
                stop = a.start()
                break
            pos = a.end()
        if stop is not None:
            out.append(text[last:pos])
            last = end
            cut += 1
    out.append(text[last:])
    return "".join(out), cut


# --- taming: what libxml2's limits would otherwise cut off ---------------------------------

HTML_SAFE_DEPTH = 200
"""Nesting libxml2 reads without stopping (its limit is 256; this leaves room for the
elements its HTML parser inserts)."""
MAX_TEXT_RUN = 1_000_000
"""Longest text run, comment or tag kept when a page is read again after libxml2 stopped."""

_TAG_START_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]{0,40})")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "basefont", "bgsound", "frame",
                   "keygen", "isindex", "spacer"})
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                       "noframes"})
# Start tags that end an open <p>, and elements that end an open sibling of their kind
# (the HTML parser's implied end tags; modelling the common ones keeps the depth count
# close to the tree libxml2 builds, and erring deeper only caps earlier).
_CLOSES_P = frozenset({"address", "article", "aside", "blockquote", "details", "div", "dl",
                       "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
                       "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
                       "section", "table", "ul"})
_ENDS_SIBLING = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
                 "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}}


@functools.cache
def _raw_end(name: str) -> re.Pattern[str]:
    return re.compile("</" + name, re.IGNORECASE)


def tame_html(text: str, *, max_depth: int = HTML_SAFE_DEPTH,
              max_run: int = MAX_TEXT_RUN) -> str:
    """``text`` with start tags nested deeper than ``max_depth`` escaped (read as text) and
    text runs, comments and tags longer than ``max_run`` characters cut.

    One linear scan with a model of the HTML parser's stack; no regular expression here
    can backtrack, and the stack never holds more than ``max_depth`` names.
    """
    out: list[str] = []
    stack: list[str] = []
    open_counts: Counter[str] = Counter()
    n = len(text)
    pos = last = run_start = 0

    def cut_run(at: int) -> None:
        nonlocal last
        if at - run_start > max_run and last <= run_start:
            out.append(text[last:run_start + max_run])
            last = at

    while pos < n:
        i = text.find("<", pos)
        if i < 0:
            break
        if text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            end = n if j < 0 else j + 3
            cut_run(i)
            if end - i > max_run:
                out.append(text[last:i])
                last = end
            pos = run_start = end
            continue
        m = _TAG_START_RE.match(text, i)
        if m is None:
            pos = i + 1
            continue
        j = text.find(">", m.end())
        end = n if j < 0 else j + 1
        cut_run(i)
        pos = run_start = end
        if end - i > max_run:
            out.append(text[last:i])
            last = end
            continue
        name = m.group(2).lower()
        if m.group(1):
            if open_counts[name]:
                while stack:
                    top = stack.pop()
                    open_counts[top] -= 1
                    if top == name:
                        break
            continue
        if name in _VOID or text[end - 2:end] == "/>":
            continue
        if name in _RAW_TEXT:
            k = _raw_end(name).search(text, end)
            pos = n if k is None else k.start()
            cut_run(pos)
            run_start = pos
            continue
        if stack and (stack[-1] in _ENDS_SIBLING.get(name, ())
                      or (stack[-1] == "p" and name in _CLOSES_P)):
            open_counts[stack.pop()] -= 1
        if len(stack) >= max_depth:
            out.append(text[last:i])
            out.append("&lt;")
            last = i + 1
        else:
            stack.append(name)
            open_counts[name] += 1
    cut_run(n)
    out.append(text[last:])
    return "".join(out)


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
