"""Write posts as a Hugo or Jekyll site: Markdown with YAML front matter, comments as data files.

Rules: the Markdown comes from the models only (the content blocks' HTML, else the blocks'
text), through an iterative walk of a fresh lxml tree, so no nesting depth can exhaust the
stack; front matter is written by hand as double-quoted YAML scalars (no YAML dependency);
nothing the post does not carry is invented — a naive date is written without an offset and
recorded as a problem, a missing date sends a Jekyll post to ``_drafts``.  File names are
made of letters, digits, ``-`` and ``_`` only, so they are safe on every operating system.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import html
import json
import os
import re
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Protocol
from urllib.parse import unquote, urlsplit

import attrs
import lxml.etree as etree

from ._document import clean_text_for_lxml, parse_fragment
from ._errors import BlogparseError, StrictModeError
from ._models import Block, Caption, Post

__all__ = [
    "FLAVORS",
    "ConvertNote",
    "ConvertReport",
    "SiteWriter",
    "data_key",
    "escape_text",
    "main_convert",
    "post_to_markdown",
    "register",
    "safe_slug",
    "write_site",
    "yaml_string",
]

FLAVORS = ("hugo", "jekyll")
"""The static-site generators :func:`write_site` writes for."""

# Post types an export holds that are site machinery, not content to migrate.
_MACHINERY_TYPES = frozenset({
    "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset",
    "oembed_cache", "user_request", "wp_block", "wp_template", "wp_template_part",
    "wp_global_styles", "wp_navigation", "wp_font_face", "wp_font_family",
})
# Statuses whose posts are gone or were never written (WordPress' auto-drafts are empty).
_DROPPED_STATUSES = frozenset({"trash", "auto-draft", "inherit"})
_PUBLISHED_STATUSES = frozenset({"publish"})

_MAX_SLUG_CHARS = 80
_MAX_SLUG_BYTES = 180  # a file name may hold 255 bytes; leave room for a date and a suffix
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)]
    + [f"lpt{i}" for i in range(1, 10)])
_MAX_NESTING = 16
"""Lists and quotes nested deeper than this are flattened into their parent."""


@attrs.frozen(kw_only=True)
class ConvertNote:
    """One thing the conversion met: a post it skipped, or a problem with what it wrote."""

    post: str
    """The post it concerns (its title, else its url or id), with the input it came from."""
    message: str
    """What happened, as a sentence."""


@attrs.frozen(kw_only=True)
class ConvertReport:
    """What :func:`write_site` did."""

    written: tuple[str, ...] = ()
    """The files written, as ``/``-separated paths relative to the output folder."""
    skipped: tuple[ConvertNote, ...] = ()
    """Posts not written (machinery post types, trashed posts, existing files), and why."""
    problems: tuple[ConvertNote, ...] = ()
    """Posts written with something missing or changed (naive dates, no date for Jekyll)."""


# --- YAML -----------------------------------------------------------------------------------

# YAML 1.1/1.2 printable characters; anything else is written as an escape.  U+0085 and the
# Unicode line and paragraph separators are line breaks to YAML 1.1 readers, so they are
# escaped too, as is the byte order mark.
_YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
                 "\x00": "\\0", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _path_of(url: str) -> str | None:
    """The path of ``url``, or ``None`` for an address ``urlsplit`` refuses."""
    try:
        return urlsplit(url).path
    except ValueError:
        return None


def _yaml_char(ch: str) -> str:
    if ch in _YAML_ESCAPES:
        return _YAML_ESCAPES[ch]
    code = ord(ch)
    printable = (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
                 or (0xE000 <= code <= 0xFFFD and code != 0xFEFF) or 0x10000 <= code <= 0x10FFFF)
    if printable:
        return ch
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that every YAML reader loads back unchanged."""
    return '"' + "".join(_yaml_char(ch) for ch in text) + '"'


# A YAML 1.1 timestamp (https://yaml.org/type/timestamp.html) as isoformat() writes it.
_YAML_TIMESTAMP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2})?$")


def _yaml_date(when: datetime) -> str:
    text = when.isoformat()
    # A plain timestamp is read as a date by Hugo, Jekyll and YAML libraries alike; an
    # offset with seconds (a local mean time) is no timestamp, so it stays a string.
    return text if _YAML_TIMESTAMP_RE.match(text) else yaml_string(text)


def _yaml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(yaml_string(v) for v in values) + "]"


# --- slugs and paths --------------------------------------------------------------------------


def safe_slug(text: str | None) -> str | None:
    """A file-name-safe slug of ``text``: lower-case letters and digits of any script, ``-``
    and ``_``, at most 80 characters; ``None`` when nothing usable is left."""
    if not text:
        return None
    text = unicodedata.normalize("NFC", text).lower()
    out: list[str] = []
    for ch in text:
        if ch.isalnum() or ch == "_":
            out.append(ch)
        elif not out or out[-1] != "-":
            out.append("-")
    slug = "".join(out).strip("-_")[:_MAX_SLUG_CHARS]
    while len(slug.encode("utf-8")) > _MAX_SLUG_BYTES:
        slug = slug[:-1]
    slug = slug.strip("-_")
    if not slug:
        return None
    if slug in _WINDOWS_RESERVED:
        slug += "-post"
    return slug


def data_key(slug: str, flavor: str) -> str:
    """The name of a post's comments data file (without ``.json``) for ``flavor``.

    Jekyll drops every character outside ASCII letters, digits, ``_`` and ``-`` from data
    file names, so for Jekyll a slug in another script is folded to ASCII, with a short hash
    of the slug added whenever folding lost something (the key stays unique).
    """
    if flavor != "jekyll" or slug.isascii():
        return slug
    folded = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9_-]", "", folded)).strip("-_")
    digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:10]
    return f"{folded}-{digest}" if folded else f"post-{digest}"


_PAGE_SUFFIX_RE = re.compile(r"\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)


def _url_path(url: str | None) -> str | None:
    """The path of ``url`` when it names a page by path (not ``/?p=123``)."""
    if not url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    return path if path.strip("/") else None


def _slug_of_url(url: str | None) -> str | None:
    path = _url_path(url)
    if path is None:
        return None
    segments = [s for s in unquote(path).split("/") if s]
    if not segments:
        return None
    last = _PAGE_SUFFIX_RE.sub("", segments[-1])
    if last.lower() == "index" and len(segments) > 1:
        last = segments[-2]
    return safe_slug(last)


def _permalink(post: Post) -> str | None:
    """The post's permalink, else the path an export recorded without the site's address
    (Blogger Takeout's ``blogger:filename``)."""
    if post.url:
        return post.url
    return next((m.value for m in post.meta if m.key == "blogger:filename"), None)


def _label(post: Post, source: str | None = None) -> str:
    name = (repr(post.title) if post.title else post.url or
            (f"post {post.id}" if post.id is not None else "a post without title"))
    return f"{name} ({source})" if source else name


# --- Markdown -------------------------------------------------------------------------------

_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_INLINE_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>|])")
_ENTITY_LIKE_RE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# ``{{`` and ``{%`` open Hugo shortcodes and Liquid tags, which both generators expand
# before reading the Markdown; a character reference survives them and shows ``{``.
_TEMPLATE_RE = re.compile(r"\{(?=[{%])")
_LINE_START_RE = re.compile(r"^([#+=:>-]|\d+(?=[.)](?: |$)))")
_BACKTICKS_RE = re.compile(r"`+")
_CODE_MARKDOWN_RE = re.compile(r"([\\`*_\[\]|])")
_TOKEN_RE = re.compile("\x00([0-9]+)\x00")
_DELIMITERS = {"strong": "**", "em": "*", "strike": "~~"}
_HTML_FORM = {"strong": "strong", "em": "em", "strike": "del"}
_TOUCHING = frozenset("*~\x00")
_IMAGE_ONLY_RE = re.compile(r"(?:!\[[^\]\n]*\]\([^)\s]*\)\s*)+")
_FENCE_RE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "data", "poster", "background",
                             "cite", "xlink:href", "srcset"})
_SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "ftp", "tel"})

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "form", "button", "input", "select",
    "textarea", "nav", "head", "title", "meta", "link", "base", "object", "param",
})
_RAW_TAGS = frozenset({"table", "iframe", "video", "audio", "embed", "canvas", "svg", "math"})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "figure",
    "figcaption", "dl", "dt", "dd", "address", "center", "details", "summary", "fieldset",
    "legend", "hgroup", "body", "html",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_STRONG = frozenset({"strong", "b"})
_EMPHASIS = frozenset({"em", "i", "cite", "dfn", "var"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_STRIKE = frozenset({"del", "s", "strike"})
_CAPTION_CLASSES = frozenset({"wp-caption", "gallery-item", "wp-block-image",
                              "blocks-gallery-item", "tiled-gallery-item",
                              "tr-caption-container"})  # the last: Blogger's caption table


def escape_text(text: str, flavor: str = "hugo") -> str:
    """Escape Markdown and template syntax in reader text so it renders as itself.

    For Hugo a tilde is escaped too (its Markdown reads ``~~x~~`` as struck through);
    kramdown, Jekyll's, has no strikethrough and would show the backslash.
    """
    text = _INLINE_ESCAPE_RE.sub(r"\\\1", text)
    if flavor == "hugo":
        text = text.replace("~", "\\~")
    text = _ENTITY_LIKE_RE.sub("&amp;", text)
    return _TEMPLATE_RE.sub("&#123;", text)


def _escape_line_start(line: str, flavor: str) -> str:
    # Only at the start of a line do these open blocks (headings, lists, quotes, setext
    # underlines, kramdown definitions); ``~~~`` would open a fence, and kramdown cannot
    # backslash-escape a tilde, so it becomes a character reference (for Hugo every tilde
    # of the text is escaped already, and one at the start is a strikethrough's).
    if line.startswith("~") and flavor != "hugo":
        return "&#126;" + line[1:]
    return _LINE_START_RE.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                              else "\\" + m.group(1), line, count=1)


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip(" \t\n\r\f").replace("\t", "").replace("\n", "").replace("\r", "")
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in _SAFE_SCHEMES:
        return None  # javascript:, data: and other active urls are dropped
    for ch, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"),
                     ("`", "%60"), ('"', "%22")):
        url = url.replace(ch, code)
    return _TEMPLATE_RE.sub("%7B", url)


def _code_html(text: str, flavor: str) -> str:
    """Code as an inline ``<code>`` element: Markdown still reads the text between the tags,
    so it is escaped for HTML and for Markdown both."""
    inner = _CODE_MARKDOWN_RE.sub(r"\\\1", html.escape(text, quote=False))
    if flavor == "hugo":
        inner = inner.replace("~", "\\~")
    return "<code>" + _TEMPLATE_RE.sub("&#123;", inner) + "</code>"


def _code_span(text: str, flavor: str) -> str:
    if _TEMPLATE_RE.search(text):
        return _code_html(text, flavor)
    longest = max((len(m) for m in _BACKTICKS_RE.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fenced(text: str, language: str | None) -> list[str]:
    text = text.strip("\n")
    if _TEMPLATE_RE.search(text):
        body = _TEMPLATE_RE.sub("&#123;", html.escape(text, quote=False))
        lines = ("<pre><code>" + body + "</code></pre>").split("\n")
        return lines
    longest = max((len(m.group(1)) for m in _FENCE_RE.finditer(text)
                   if m.group(1).startswith("`")), default=2)
    fence = "`" * max(3, longest + 1)
    info = language if language and re.fullmatch(r"[\w+#.-]+", language) else ""
    return [fence + info, *text.split("\n"), fence]


def _is_punctuation(ch: str) -> bool:
    """CommonMark's punctuation: Unicode P and S categories (a pending run counts too)."""
    return ch == "\x00" or unicodedata.category(ch)[0] in "PS"


def _is_word(ch: str) -> bool:
    """Neither white space nor punctuation: a neighbour that blocks misplaced delimiters."""
    return not ch.isspace() and not _is_punctuation(ch)


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _language(el: etree._Element) -> str | None:
    for node in (el, *el.iterchildren("code")):
        for cls in _classes(node):
            if cls.startswith(("language-", "lang-")):
                return cls.split("-", 1)[1]
    return el.get("data-lang") or None


class _Frame:
    """A container whose lines share a prefix: a block quote or a list item."""

    __slots__ = ("first", "marker", "quote", "tight")

    def __init__(self, *, quote: bool, marker: str = "", tight: bool = False) -> None:
        self.quote = quote
        self.marker = marker
        self.first = True  # the list marker is not written yet
        self.tight = tight  # an item after the first of its list: no blank line before it


class _List:
    __slots__ = ("items", "nested", "number", "ordered")

    def __init__(self, *, ordered: bool, start: int, nested: bool = False) -> None:
        self.ordered = ordered
        self.number = start
        self.items = 0
        # A list right under an item's first line continues it without a blank line
        # (CommonMark lets a bullet list, or a numbered one starting at 1, interrupt it).
        self.nested = nested


class _Mark:
    """An open inline wrapper: where its content starts in the inline buffer."""

    __slots__ = ("href", "kind", "start")

    def __init__(self, kind: str, start: int, href: str | None = None) -> None:
        self.kind = kind
        self.start = start
        self.href = href


class _MarkdownWriter:
    """Turns HTML trees into Markdown lines, walking them without recursion."""

    def __init__(self, flavor: str, captions: Sequence[Caption]) -> None:
        self.flavor = flavor
        self.lines: list[str] = []
        self.frames: list[_Frame] = []
        self.lists: list[_List] = []
        self.inline: list[str] = []
        self.marks: list[_Mark] = []
        # wrapped inline runs waiting for their neighbours: token number -> (Markdown form,
        # HTML form, first and last character of the wrapped text, "" for code spans)
        self.pending: list[tuple[str, str, str, str]] = []
        self.heading: int | None = None
        self.flattened = 0  # containers past _MAX_NESTING, read as plain blocks
        self.captions = list(captions)
        self.used: set[int] = set()

    # -- output ------------------------------------------------------------------------------

    def _prefix(self, *, first: bool) -> str:
        parts = []
        for frame in self.frames:
            if frame.quote:
                parts.append("> ")
            elif first and frame.first:
                parts.append(frame.marker)
            else:
                parts.append(" " * len(frame.marker))
        return "".join(parts)

    def emit(self, block: Sequence[str]) -> None:
        """Write one block's lines under the open containers, a blank line before it."""
        if not block:
            return
        inner = self.frames[-1] if self.frames else None
        tight = inner is not None and not inner.quote and inner.first and inner.tight
        if self.lines and not tight:
            # the blank line belongs only to the containers already started
            self.lines.append("".join(
                "> " if f.quote else " " * len(f.marker)
                for f in self.frames if not f.first).rstrip())
        for i, line in enumerate(block):
            prefix = self._prefix(first=i == 0)
            if i == 0:
                for frame in self.frames:
                    frame.first = False
            self.lines.append(prefix + line if line else prefix.rstrip())

    def flush(self) -> None:
        """End the paragraph (or heading) being collected."""
        text = self._resolve("".join(self.inline))
        self.inline.clear()
        self.marks.clear()
        level, self.heading = self.heading, None
        lines = [_SPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if not lines:
            return
        if level is not None:
            self.emit(["#" * level + " " + " ".join(line for line in lines if line)])
            return
        out = [_escape_line_start(line, self.flavor) for line in lines]
        # a hard line break: two trailing spaces, which CommonMark and kramdown both read
        self.emit([line + "  " if i < len(out) - 1 else line for i, line in enumerate(out)])

    # -- inline ------------------------------------------------------------------------------

    def text(self, text: str | None) -> None:
        if not text:
            return
        text = _SPACE_RE.sub(" ", text)
        in_code = any(mark.kind == "code" for mark in self.marks)
        self.inline.append(text if in_code else escape_text(text, self.flavor))

    def _close(self, mark: _Mark) -> None:
        inner = "".join(self.inline[mark.start:])
        del self.inline[mark.start:]
        core = inner.strip()  # any white space: a delimiter beside U+00A0 does not count
        if any(m.kind in ("code", mark.kind) for m in self.marks):
            # inside a code span markup is only text; bold inside bold (a link inside a
            # link) adds nothing and would make the delimiters ambiguous
            self.inline.append(inner)
            return
        if not core.strip():
            self.inline.append(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        if mark.kind == "code":
            # edge spaces go outside: paragraphs collapse runs of spaces, which would eat
            # the padding a code span needs around them
            core = _SPACE_RE.sub(" ", core)
            self.pending.append((_code_span(core, self.flavor), _code_html(core, self.flavor),
                                 "", ""))
            self.inline.append(f"{lead}\x00{len(self.pending) - 1}\x00{trail}")
            return
        if mark.kind != "a" and _IMAGE_ONLY_RE.fullmatch(core):
            # a bold image: emphasis means nothing there, and ``**![…](…)**`` followed by a
            # letter is not emphasis to CommonMark, which would show the asterisks
            self.inline.append(inner)
            return
        if mark.kind == "a":
            core = f"[{core}]({mark.href})" if mark.href else core
        elif mark.kind in _DELIMITERS:
            html_tag = _HTML_FORM[mark.kind]
            html_form = f"<{html_tag}>{core}</{html_tag}>"
            if mark.kind == "strike" and self.flavor != "hugo":
                core = html_form  # kramdown has no strikethrough
            else:
                # The delimiters only count as emphasis if their neighbours allow it, which
                # is known once the paragraph is complete: see _resolve.
                delimiter = _DELIMITERS[mark.kind]
                self.pending.append((f"{delimiter}{core}{delimiter}", html_form,
                                     core[0], core[-1]))
                core = f"\x00{len(self.pending) - 1}\x00"
        self.inline.append(lead + core + trail)

    def _resolve(self, text: str) -> str:
        """Put the wrapped runs in: Markdown delimiters where CommonMark reads them as
        emphasis, HTML tags where it would not (``**(a)**b``: punctuation inside, a letter
        outside; or another run right beside it)."""
        def form(match: re.Match[str], text: str) -> str:
            md, html_form, first, last = self.pending[int(match.group(1))]
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            if not first:  # a code span: only a backtick beside it would change it
                return html_form if before in "`\x00" or after in "`\x00" else md
            if (_is_punctuation(first) and _is_word(before)) or (
                    _is_punctuation(last) and _is_word(after)):
                return html_form
            if before in _TOUCHING or after in _TOUCHING:
                return html_form  # ``***a* b**``: delimiter runs that touch merge
            return md

        while "\x00" in text:  # outer runs first: the inner ones are inside their forms
            text = _TOKEN_RE.sub(lambda m, text=text: form(m, text), text)  # type: ignore[misc]
        self.pending.clear()
        return text

    def image(self, el: etree._Element) -> None:
        src = _safe_url(el.get("src") or el.get("data-src"))
        if src is None:
            return
        alt = escape_text(" ".join((el.get("alt") or "").split()), self.flavor)
        self.inline.append(f"![{alt}]({src})")

    # -- blocks ------------------------------------------------------------------------------

    def raw_html(self, el: etree._Element) -> None:
        self.flush()
        clone = copy.deepcopy(el)
        clone.tail = None
        for bad in list(clone.iter("script", "style")):
            parent = bad.getparent()
            if parent is not None:
                bad.tail = None
                parent.remove(bad)
        # What the page ran is not carried over: event handlers, inline documents, and
        # addresses with active schemes go; the rest of the markup stays as it was.
        for node in clone.iter():
            for name in list(node.attrib):
                low = name.lower()
                if low.startswith("on") or low in ("srcdoc", "formaction") or (
                        low in _URL_ATTRIBUTES and _safe_url(node.attrib[name]) is None
                        and node.attrib[name].strip()):
                    del node.attrib[name]
        markup = etree.tostring(clone, encoding="unicode", method="html")
        # An HTML block ends at a blank line: keep it in one piece.
        lines = [line.rstrip() for line in markup.split("\n") if line.strip()]
        self.emit([_TEMPLATE_RE.sub("&#123;", line) for line in lines])

    def caption_for(self, el: etree._Element) -> Caption | None:
        """The post's caption for the captioned image ``el`` holds, if it is one.

        ``el`` must hold one image and a caption element whose text contains the caption's
        text (or credit), so that several images with one source (galleries, test posts)
        and figures without a caption never take another figure's caption.
        """
        images = list(el.iter("img"))
        if len(images) != 1:
            return None
        shown = " ".join(" ".join(node.itertext()) for node in el.iter()
                         if node.tag == "figcaption" or "caption" in (node.get("class") or ""))
        shown = " ".join(shown.split())
        if not shown:
            return None
        srcs = {s for s in (images[0].get("src"), images[0].get("data-src"),
                            images[0].get("data-orig-file")) if s}
        paths = {path for path in map(_path_of, srcs) if path is not None}
        for exact in (True, False):
            for i, caption in enumerate(self.captions):
                if i in self.used or caption.image is None or not caption.image.src:
                    continue
                said = " ".join((caption.text or caption.credit or "").split())
                if not said or said not in shown:
                    continue
                src = caption.image.src
                if (src in srcs) if exact else (_path_of(src) in paths):
                    self.used.add(i)
                    return caption
        return None

    def figure(self, caption: Caption) -> None:
        self.flush()
        self.emit(_figure_lines(caption, self.flavor))

    def open_container(self, frame: _Frame) -> bool:
        if len(self.frames) >= _MAX_NESTING:
            self.flattened += 1
            return False
        self.frames.append(frame)
        return True

    # -- the walk ----------------------------------------------------------------------------

    def feed(self, root: etree._Element) -> None:
        """Convert ``root`` and everything under it (its own tail is not read)."""
        walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        opened: list[str | _Mark] = []  # what each open element pushed, popped at its end
        for event, el in walker:
            if event in ("comment", "pi"):
                self.text(el.tail)
                continue
            tag = el.tag if isinstance(el.tag, str) else ""
            tag = tag.lower()
            if event == "start":
                opened.append(self._start(el, tag, walker))
            else:
                self._end(opened.pop())
                if el is not root:
                    self.text(el.tail)
        self.flush()

    def _start(self, el: etree._Element, tag: str, walker: Any) -> str | _Mark:
        if tag in _SKIP_TAGS:
            walker.skip_subtree()
            return ""
        if tag == "table" and _classes(el) & _CAPTION_CLASSES and self.captions:
            # Blogger lays a captioned image out as a two-row table
            caption = self.caption_for(el)
            if caption is not None:
                self.figure(caption)
                walker.skip_subtree()
                return ""
        if tag in _RAW_TAGS:
            self.raw_html(el)
            walker.skip_subtree()
            return ""
        if tag == "pre":
            self.flush()
            self.emit(_fenced("".join(el.itertext()), _language(el)))
            walker.skip_subtree()
            return ""
        if tag == "hr":
            self.flush()
            self.emit(["---"])
            return ""
        if tag == "br":
            self.inline.append("\n")
            return ""
        if tag == "img":
            self.image(el)
            return ""
        if (tag == "figure" or _classes(el) & _CAPTION_CLASSES) and self.captions:
            caption = self.caption_for(el)
            if caption is not None:
                self.figure(caption)
                walker.skip_subtree()
                return ""
        if tag in _HEADINGS:
            self.flush()
            self.heading = _HEADINGS[tag]
            self.text(el.text)
            return "block"
        if tag in ("ul", "ol"):
            self.flush()
            start = el.get("start", "1")
            number = int(start) if start.isascii() and start.isdigit() and len(start) < 9 \
                else 1
            nested = (bool(self.frames) and not self.frames[-1].quote
                      and not self.frames[-1].first and (tag == "ul" or number == 1))
            self.lists.append(_List(ordered=tag == "ol", start=number, nested=nested))
            self.text(el.text)
            return "list"
        if tag == "li":
            self.flush()
            current = self.lists[-1] if self.lists else _List(ordered=False, start=1)
            marker = f"{current.number}. " if current.ordered else "- "
            frame = _Frame(quote=False, marker=marker,
                           tight=current.items > 0 or current.nested)
            current.number += 1
            current.items += 1
            pushed = self.open_container(frame)
            self.text(el.text)
            return "li" if pushed else "block"
        if tag == "blockquote":
            self.flush()
            pushed = self.open_container(_Frame(quote=True))
            self.text(el.text)
            return "quote" if pushed else "block"
        if tag in _BLOCK_TAGS:
            self.flush()
            self.text(el.text)
            return "block"
        kind = ""
        if tag in _STRONG:
            kind = "strong"
        elif tag in _EMPHASIS:
            kind = "em"
        elif tag in _STRIKE:
            kind = "strike"
        elif tag in _CODE:
            kind = "code"
        elif tag == "a":
            kind = "a"
        if kind:
            mark = _Mark(kind, len(self.inline),
                         _safe_url(el.get("href")) if kind == "a" else None)
            self.marks.append(mark)
            self.text(el.text)
            return mark
        self.text(el.text)  # span, font, abbr…: their text only
        return ""

    def _end(self, pushed: str | _Mark) -> None:
        if isinstance(pushed, _Mark):
            # a block inside the element ended the paragraph (and the mark) already
            if self.marks and self.marks[-1] is pushed:
                self._close(self.marks.pop())
        elif pushed == "block":
            self.flush()
        elif pushed == "list":
            self.flush()
            if self.lists:
                self.lists.pop()
        elif pushed in ("li", "quote"):
            self.flush()
            frame = self.frames.pop()
            if frame.first and not frame.quote:
                self.frames.append(frame)  # an empty item still shows its marker
                self.emit([""])
                self.frames.pop()

    def markdown(self) -> str:
        self.flush()
        return "\n".join(self.lines).strip("\n") + "\n" if self.lines else ""


def _figure_lines(caption: Caption, flavor: str) -> list[str]:
    image = caption.image
    assert image is not None
    src = _safe_url(image.src) or ""
    link = _safe_url(image.link)
    text = " ".join((caption.text or "").split())
    credit = " ".join((caption.credit or "").split())
    if flavor == "hugo":
        params: list[tuple[str, str]] = [("src", src)]
        if image.alt is not None:
            params.append(("alt", " ".join(image.alt.split())))
        if text:
            params.append(("caption", _markdownified(text)))
        if credit:
            params.append(("attr", _markdownified(credit)))
        if link:
            params.append(("link", link))
        if image.width:
            params.append(("width", str(image.width)))
        if image.height:
            params.append(("height", str(image.height)))
        if caption.align:
            params.append(("class", caption.align))
        return ["{{< figure " + " ".join(f"{k}={_shortcode_value(v)}" for k, v in params)
                + " >}}"]

    def attr(value: str) -> str:
        return _TEMPLATE_RE.sub("&#123;", html.escape(value, quote=True))

    img = f'<img src="{attr(src)}"'
    if image.alt is not None:
        img += f' alt="{attr(" ".join(image.alt.split()))}"'
    if image.width:
        img += f' width="{image.width}"'
    if image.height:
        img += f' height="{image.height}"'
    img += ">"
    if link:
        img = f'<a href="{attr(link)}">{img}</a>'
    klass = f' class="{attr(caption.align)}"' if caption.align else ""
    lines = [f"<figure{klass}>", f"  {img}"]
    if text or credit:
        parts = [attr(text)] if text else []
        if credit:
            parts.append(f'<small class="credit">{attr(credit)}</small>')
        lines.append("  <figcaption>" + " ".join(parts) + "</figcaption>")
    lines.append("</figure>")
    return lines


def _markdownified(text: str) -> str:
    """Text for a shortcode parameter that Hugo's ``figure`` renders with ``markdownify``.

    Markdown is escaped; a backtick becomes a character reference so the value can always be
    a raw string, and ``>`` one so it can never read as the shortcode's end.
    """
    return escape_text(text).replace("\\`", "&#96;").replace("\\>", "&gt;")


def _shortcode_value(value: str) -> str:
    """A Hugo shortcode parameter: a raw string in backticks, else a quoted string.

    Hugo reads a raw string as it is (``>}}`` included); a quoted string is needed only when
    the value holds a backtick, and there only ``\\"`` is a reliable escape.
    """
    if "`" not in value:
        return f"`{value}`"
    return '"' + value.replace('"', '\\"') + '"'


_NOT_XML_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _tree_text(text: str) -> str:
    """``text`` without what an lxml tree cannot hold (control characters, surrogates)."""
    return _NOT_XML_RE.sub("", clean_text_for_lxml(text))


def _element(tag: str, text: str | None = None,
             attributes: dict[str, str] | None = None) -> etree._Element:
    el = etree.Element(tag, attributes or {})
    el.text = text
    return el


def _child(parent: etree._Element, tag: str, text: str | None = None,
           attributes: dict[str, str] | None = None) -> etree._Element:
    el: etree._Element = etree.SubElement(parent, tag, attributes or {})
    el.text = text
    return el


def _block_element(block: Block) -> etree._Element:
    """A small tree standing for a block that carries text but no HTML (text dumps)."""
    text = _tree_text(block.text or "")
    if block.kind == "heading":
        return _element(f"h{min(max(block.level or 2, 1), 6)}", text)
    if block.kind == "list":
        items = tuple(_tree_text(item) for item in block.items) or tuple(
            line for line in text.split("\n") if line.strip())
        root = _element("ol" if block.ordered else "ul")
        for item in items:
            _child(root, "li", item)
        return root
    if block.kind == "quote":
        root = _element("blockquote")
        for line in text.split("\n"):
            if line.strip():
                _child(root, "p", line)
        return root
    if block.kind in ("code", "preformatted"):
        return _element("pre", text)
    if block.kind == "separator":
        return _element("hr")
    if block.kind in ("image", "gallery") and block.src:
        root = _element("figure")
        _child(root, "img", None, {"src": block.src})
        if text:
            _child(root, "figcaption", text)
        return root
    root = _element("div")
    for chunk in text.split("\n\n"):
        if chunk.strip():
            paragraph = _child(root, "p")
            lines = chunk.split("\n")
            paragraph.text = lines[0]
            for line in lines[1:]:
                _child(paragraph, "br").tail = line
    return root


def _body(post: Post, flavor: str) -> str:
    writer = _MarkdownWriter(flavor, post.captions)
    if post.blocks:
        for block in post.blocks:
            writer.feed(parse_fragment(block.html) if block.html else _block_element(block))
    elif post.content_html:
        writer.feed(parse_fragment(post.content_html))
    elif post.content_text:
        writer.feed(_block_element(Block(kind="paragraph", text=post.content_text)))
    return writer.markdown()


# --- posts ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Rendered:
    markdown: str
    problems: tuple[str, ...]


def _is_draft(post: Post) -> bool:
    return post.status is not None and post.status not in _PUBLISHED_STATUSES


def _front_matter(post: Post, flavor: str, slug: str, problems: list[str]) -> list[str]:
    lines: list[str] = []
    jekyll = flavor == "jekyll"
    if jekyll:
        lines.append(f"layout: {'page' if post.type == 'page' else 'post'}")
    if post.title is not None:
        lines.append(f"title: {yaml_string(post.title)}")
    for key, when, name in (("date", post.published, "published"),
                            ("last_modified_at" if jekyll else "lastmod", post.updated,
                             "updated")):
        if when is None:
            continue
        if when.tzinfo is None or when.utcoffset() is None:
            problems.append(f"the {name} date has no UTC offset; written without one")
        lines.append(f"{key}: {_yaml_date(when)}")
    lines.append(f"slug: {yaml_string(slug)}")
    names = [p.name for p in post.authors if p.name]
    if names:
        lines.append(f"author: {yaml_string(names[0])}")
        if len(names) > 1:
            lines.append(f"authors: {_yaml_list(names)}")
    if post.categories:
        lines.append(f"categories: {_yaml_list([t.name for t in post.categories])}")
    if post.tags:
        lines.append(f"tags: {_yaml_list([t.name for t in post.tags])}")
    old = _url_path(_permalink(post))
    if old is not None:
        lines.append(f"{'redirect_from' if jekyll else 'aliases'}: {_yaml_list([old])}")
    if post.excerpt:
        lines.append(f"{'excerpt' if jekyll else 'summary'}: {yaml_string(post.excerpt)}")
    if _is_draft(post):
        lines.append("published: false" if jekyll else "draft: true")
    image = post.featured_image.src if post.featured_image else None
    if image:
        lines.append(f"image: {yaml_string(image)}" if jekyll
                     else f"images: {_yaml_list([image])}")
    if post.type not in (None, "post", "page"):
        lines.append(f"post_type: {yaml_string(post.type)}")
    if post.comments or post.pingbacks:
        lines.append(f"comments_data: {yaml_string(data_key(slug, flavor))}")
    return lines


def _render(post: Post, flavor: str, slug: str) -> _Rendered:
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavor {flavor!r}: choose one of {', '.join(FLAVORS)}")
    problems: list[str] = []
    front = _front_matter(post, flavor, slug, problems)
    body = _body(post, flavor)
    text = "---\n" + "\n".join(front) + "\n---\n" + ("\n" + body if body else "")
    return _Rendered(markdown=text, problems=tuple(problems))


def post_to_markdown(post: Post, *, flavor: str = "hugo") -> str:
    """The post as a Markdown file with YAML front matter for Hugo or Jekyll.

    Front matter: title, date (RFC 3339 with its offset), last modified date, slug (from
    the permalink, else the title), author(s), categories and tags (names), the old
    permalink's path as ``aliases`` (Hugo) or ``redirect_from`` (Jekyll), the excerpt as
    ``summary``/``excerpt``, and ``draft: true`` / ``published: false`` for a post whose
    status is not ``publish``.  Captioned images become Hugo ``figure`` shortcodes or HTML
    ``<figure>`` elements with the credit apart.  Raises ``ValueError`` for an unknown
    ``flavor``.
    """
    slug = _slug_of_url(_permalink(post)) or safe_slug(post.title) or (
        f"post-{post.id}" if post.id is not None else "untitled")
    return _render(post, flavor, slug).markdown


def _comments_data(post: Post, slug: str) -> dict[str, Any]:
    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "post": {"title": post.title, "slug": slug, "url": post.url},
        "comments": [
            {
                "id": c.id,
                "parent": c.parent_id,
                "depth": c.depth,
                "author": c.author.name if c.author else None,
                "author_url": c.author.url if c.author else None,
                "by_post_author": c.by_post_author,
                "date": when(c.date),
                "content_text": c.content_text,
                "content_html": c.content_html,
            }
            for c in post.comments
        ],
        "pingbacks": [
            {
                "id": p.id,
                "kind": p.kind,
                "url": p.url,
                "title": p.title,
                "blog_name": p.blog_name,
                "excerpt": p.excerpt,
                "date": when(p.date),
            }
            for p in post.pingbacks
        ],
    }


class SiteWriter:
    """Writes posts one at a time into a Hugo or Jekyll site folder, keeping slugs unique.

    Layout (Hugo): ``content/posts/<slug>.md``, pages in ``content/pages/<slug>.md``,
    comments and pingbacks in ``data/comments/<slug>.json``.  Layout (Jekyll):
    ``_posts/YYYY-MM-DD-<slug>.md`` (``_drafts/<slug>.md`` for drafts and undated posts),
    pages in ``pages/<slug>.md``, comments in ``_data/comments/<key>.json`` (see
    :func:`data_key`); the front matter's ``comments_data`` names the file.  A second
    post with a slug already used gets ``-2``, ``-3``…; the same permalink met twice (a
    post page and an archive listing it) is written once, from the fuller copy.
    Files that existed before are left alone unless ``overwrite`` is true.
    """

    def __init__(self, out_dir: str | os.PathLike[str], *, flavor: str = "hugo",
                 overwrite: bool = False) -> None:
        if flavor not in FLAVORS:
            raise ValueError(f"unknown flavor {flavor!r}: choose one of {', '.join(FLAVORS)}")
        self.out_dir = Path(out_dir)
        self.flavor = flavor
        self.overwrite = overwrite
        self._written: dict[str, None] = {}  # ordered set of relative paths
        self._skipped: list[ConvertNote] = []
        self._problems: list[ConvertNote] = []
        self._slugs: set[str] = set()
        # permalink -> (slug, files written for it, how much content it had)
        self._by_url: dict[str, tuple[str, list[str], int]] = {}

    def _unique(self, slug: str) -> str:
        candidate, n = slug, 1
        while candidate.casefold() in self._slugs:  # case-insensitive file systems
            n += 1
            candidate = f"{slug}-{n}"
        self._slugs.add(candidate.casefold())
        return candidate

    def _paths(self, post: Post, slug: str, problems: list[str]) -> tuple[str, str]:
        if self.flavor == "hugo":
            section = "pages" if post.type == "page" else "posts"
            return f"content/{section}/{slug}.md", f"data/comments/{slug}.json"
        data = f"_data/comments/{data_key(slug, self.flavor)}.json"
        if post.type == "page":
            return f"pages/{slug}.md", data
        if _is_draft(post):
            return f"_drafts/{slug}.md", data
        if post.published is None:
            problems.append("no publication date: Jekyll needs one for _posts; "
                            "written to _drafts")
            return f"_drafts/{slug}.md", data
        return f"_posts/{post.published:%Y-%m-%d}-{slug}.md", data

    def add(self, post: Post, *, source: str | None = None, archive: bool = False) -> None:
        """Write one post (and its comments file when it has comments or pingbacks).

        ``source`` names the input in the report; ``archive`` says the post came from an
        archive page, whose copy of a post may be an excerpt.
        """
        label = _label(post, source)
        if post.type in _MACHINERY_TYPES:
            self._skipped.append(ConvertNote(
                post=label, message=f"post type {post.type} is not content"))
            return
        if post.status in _DROPPED_STATUSES:
            self._skipped.append(ConvertNote(post=label, message=f"status {post.status}"))
            return
        weight = len(post.content_text or "") + len(post.comments) + len(post.pingbacks)
        previous = self._by_url.get(post.url) if post.url else None
        if previous is not None and previous[2] >= weight:
            self._skipped.append(ConvertNote(
                post=label, message="the same permalink was already written from a fuller copy"))
            return
        problems: list[str] = []
        if previous is not None:
            slug = previous[0]
        else:
            base = _slug_of_url(_permalink(post)) or safe_slug(post.title)
            if base is None:
                base = f"post-{post.id}" if post.id is not None else "untitled"
                problems.append(f"no permalink or title to name it: slug {base!r}")
            slug = self._unique(base)
        if archive:
            problems.append("taken from an archive page: the content may be an excerpt")
        rendered = _render(post, self.flavor, slug)
        problems.extend(rendered.problems)
        page_path, data_path = self._paths(post, slug, problems)
        files: list[tuple[str, str]] = [(page_path, rendered.markdown)]
        if post.comments or post.pingbacks:
            data = json.dumps(_comments_data(post, slug), ensure_ascii=False, indent=2)
            files.append((data_path, data + "\n"))
        if previous is not None:
            for old in previous[1]:
                if old not in (path for path, _ in files):
                    (self.out_dir / old).unlink(missing_ok=True)
                    self._written.pop(old, None)
        written: list[str] = []
        for rel, text in files:
            target = self.out_dir / rel
            if rel not in self._written and target.exists() and not self.overwrite:
                self._skipped.append(ConvertNote(
                    post=label, message=f"{rel} exists (use overwrite to replace it)"))
                continue
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
            except OSError as exc:
                problems.append(f"cannot write {rel}: {exc.strerror or exc}")
                continue
            self._written[rel] = None
            written.append(rel)
        if post.url:
            self._by_url[post.url] = (slug, written, weight)
        self._problems.extend(ConvertNote(post=label, message=m) for m in problems)

    def report(self) -> ConvertReport:
        """What has been written, skipped and met so far."""
        return ConvertReport(written=tuple(self._written), skipped=tuple(self._skipped),
                             problems=tuple(self._problems))


def write_site(posts: Iterable[Post], out_dir: str | os.PathLike[str], *,
               flavor: str = "hugo", overwrite: bool = False) -> ConvertReport:
    """Write ``posts`` as a Hugo or Jekyll site under ``out_dir`` (see :class:`SiteWriter`).

    Returns the files written, the posts skipped and the problems met.  Raises
    ``ValueError`` for an unknown ``flavor``.
    """
    writer = SiteWriter(out_dir, flavor=flavor, overwrite=overwrite)
    for post in posts:
        writer.add(post)
    return writer.report()


# --- command line ---------------------------------------------------------------------------

_EPILOG = """\
examples:
  blogparse convert export.xml -o site                 a WordPress export as a Hugo site
  blogparse convert saved-pages/ -o site --to jekyll   a folder of saved pages, for Jekyll
  blogparse convert 'blog/*.html' -o site --overwrite  replace files of an earlier run

Hugo layout: content/posts/<slug>.md, content/pages/<slug>.md, data/comments/<slug>.json.
Jekyll layout: _posts/YYYY-MM-DD-<slug>.md, _drafts/<slug>.md, pages/<slug>.md,
_data/comments/<key>.json.  The front matter's comments_data names the data file.

Exit status: 0 when every input was converted, 1 when an input failed (or, with
--strict, when a post had a problem), 2 on a usage error.
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
             ) -> argparse.ArgumentParser:
    """Add the ``convert`` subcommand to the ``blogparse`` command's ``subparsers``."""
    parser = subparsers.add_parser(
        "convert",
        help="write posts as a Hugo or Jekyll site (Markdown with YAML front matter)",
        description=(
            "Convert saved pages and WordPress exports into Markdown posts with YAML\n"
            "front matter for Hugo or Jekyll, with captioned images as figures and\n"
            "comments and pingbacks in a data file per post."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="a file, folder, glob pattern, or - for standard input")
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="the site folder to write into (created if missing)")
    parser.add_argument("--to", choices=FLAVORS, default="hugo",
                        help="the static-site generator to write for (default: hugo)")
    parser.add_argument("--theme", metavar="NAME",
                        help="parse HTML with this theme instead of detecting one")
    parser.add_argument("--strict", action="store_true",
                        help="fail an input with any parse defect, and exit 1 on any "
                             "conversion problem")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace files that already exist in DIR")
    parser.set_defaults(func=main_convert)
    return parser


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class PostSource(Protocol):
    """What ``convert`` reads posts from: a :class:`~blogparse.PageResult`, or an export
    streamed post by post (which may carry the ``error`` that stopped it)."""

    @property
    def kind(self) -> str:
        """``single``, ``archive`` or ``empty``."""

    @property
    def format(self) -> str | None:
        """The input format (``html``, ``wxr``, …)."""

    @property
    def posts(self) -> Iterable[Post]:
        """The posts, in order."""


def main_convert(
    args: argparse.Namespace,
    *,
    iter_inputs: Callable[[Sequence[str]],
                          Iterator[tuple[str, PostSource | BaseException]]],
    stdout: IO[str],
    stderr: IO[str],
) -> int:
    """Run ``blogparse convert``: parse ``args.inputs`` through ``iter_inputs`` and write the site.

    Prints one line per failed input and per problem on ``stderr`` and one summary line on
    ``stdout``.  Returns 0 when every input converted, 1 when some failed (or, with
    ``args.strict``, when a post had a problem), 2 when the output folder is unusable.
    """
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"blogparse: error: {out_dir} exists and is not a folder", file=stderr)
        return 2
    writer = SiteWriter(out_dir, flavor=getattr(args, "to", "hugo") or "hugo",
                        overwrite=bool(getattr(args, "overwrite", False)))
    inputs = failed = posts = 0

    def report_failure(name: str, outcome: BaseException) -> None:
        if isinstance(outcome, StrictModeError):
            # say which defects, not only how many
            why = "strict mode: " + "; ".join(
                f"{d.kind.value}: {d.message}" for d in outcome.defects)
        elif isinstance(outcome, BlogparseError | OSError):
            why = str(outcome)
        else:
            why = f"unexpected {type(outcome).__name__}: {outcome}"
        print(f"blogparse: {name}: {_one_line(why) or type(outcome).__name__}", file=stderr)
        if getattr(args, "traceback", False):
            stderr.write("".join(traceback.format_exception(outcome)))

    for name, outcome in iter_inputs(args.inputs):
        inputs += 1
        if isinstance(outcome, BaseException):
            failed += 1
            report_failure(name, outcome)
            continue
        # an export is an "archive" of whole posts; an archive page shows excerpts
        archive = outcome.kind == "archive" and outcome.format not in ("wxr", "blogger")
        for post in outcome.posts:
            posts += 1
            writer.add(post, source=name, archive=archive)
        stopped = getattr(outcome, "error", None)
        if isinstance(stopped, BaseException):  # a streamed export that broke off
            failed += 1
            report_failure(name, stopped)
    report = writer.report()
    for note in report.problems:
        print(f"blogparse: warning: {note.post}: {note.message}", file=stderr)
    print(f"blogparse convert: {_count(len(report.written), 'file')} written to {out_dir} "
          f"({writer.flavor}) from {_count(posts, 'post')} in {_count(inputs, 'input')}; "
          f"{len(report.skipped)} skipped, {_count(len(report.problems), 'problem')}, "
          f"{_count(failed, 'input')} failed", file=stdout)
    if failed or (getattr(args, "strict", False) and report.problems):
        return 1
    return 0
