"""Read a WordPress page saved as plain text into the same models as its HTML.

Job: turn a dump ("Save as Text", select-all-and-copy, ``lynx -dump``, ``w3m -dump``,
``links``/``elinks -dump``, Debian's ``html2text`` or the Markdown that Python's html2text
writes) into line blocks, then recognise the WordPress page in them: title, captions, body
blocks, categories and tags, the response count, pingbacks, comments and the reply form.

Rules: nothing the text does not carry is invented (no date, author or url is guessed; a
date in the body is not the post's date; urls come only from the dump's own link lists);
text that is not a blog page gives an empty result with a ``NO_POSTS`` defect, never a
guessed post.  Every regular expression works on one line or one short block with bounded
repetition, and every loop walks a finite list, so no input can make the parse hang.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from urllib.parse import urljoin

import attrs

from ._models import (
    Block,
    Caption,
    Comment,
    CommentForm,
    Defect,
    DefectKind,
    Image,
    LoginOption,
    PageResult,
    Person,
    Pingback,
    Post,
    Term,
)
from ._options import LENIENT, Options
from ._text import (
    RESPONSE_NOUNS,
    clean_space,
    parse_datetime,
    parse_response_count,
    slug_from_url,
    split_credit,
    split_pingback_title,
    to_int,
)
from ._wayback import replay_stamps, stamp_time, timestamp_time, unwrap_url

__all__ = ["parse_text"]

_MAX_LINE = 20_000
"""Longer lines are cut: no title, caption, term list or form line is this long."""
_MAX_LINES = 200_000
"""A dump with more lines than this is read up to here (a defect is recorded)."""

# --- line level: tools' markup -------------------------------------------------------------

# lynx -dump and elinks -dump: "References" then "   1. https://…" (lynx adds "Visible
# links:" and "Hidden links:" sub-headings).
_REFERENCES_RE = re.compile(r"^\s{0,4}References\s*$")
_REFERENCE_RE = re.compile(r"^\s{0,8}(\d{1,6})\.\s{1,4}(\S{1,4000})\s*$")
_LINKS_SUBHEAD_RE = re.compile(r"^\s{0,8}(?:Visible|Hidden) links:?\s*$")
# Markdown reference definitions (Python html2text with reference links): "   [1]: https://…"
_MD_DEFINITION_RE = re.compile(r"^\s{0,4}\[([^\]\n]{1,100})\]:\s{1,4}(\S{1,4000})\s*$")
# links/elinks print the document's <link rel> elements first: "   Link: canonical".
_LINK_HEADER_RE = re.compile(r"^\s{0,4}Link: ")
# Debian html2text headings: "****** Title ******" (h1) … "* Title *" (h6).
_STAR_HEADING_RE = re.compile(r"^(\*{1,6}) (.{1,2000}?) \1$")
# Markdown headings: "# Title", "## Sub".
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s{1,4}(.{1,2000}?)(?:\s{1,4}#{1,6})?$")
# List markers of every tool: "•" (w3m, browsers), "*" (lynx, html2text), "+" (lynx nested),
# "o" (html2text nested), "□ ◦ ▪ ‣ -" and "1." / "1)".
_ITEM_RE = re.compile(r"^([•*+o□◦▪‣·–-]|\d{1,4}[.)])(?:\s{1,8}|$)")
_BULLET_ONLY_RE = re.compile(r"^[•*+o□◦▪‣·–-]?$")
# Form controls as the tools draw them: "____", "[    ]", "[ ]", "[author    ]",
# "[Unknown INPUT type]", "Δ" (Akismet's hidden honeypot label; a Greek word's first letter
# is no label).
_FORM_JUNK_RE = re.compile(
    r"_{4,}|\[\s{1,200}\]|\[(?:\w{1,30})?\s{4,200}\]|\[Unknown INPUT type\]|^Δ(?![^\W\d_])|⁰"
)
_BACKSPACE_RE = re.compile(r"[^\n]\x08")
_ELLIPSIS_START_RE = re.compile(r"^\[(?:…|\.\.\.|&hellip;|&#8230;)\]")

# Inline links, in one pass.  Every group is bounded.
_INLINE_RE = re.compile(
    r"!\[(?P<ialt>[^\]\n]{0,300})\]\((?P<isrc>[^)\s]{1,2000})(?:\s{1,4}\"[^\"\n]{0,300}\")?\)"
    r"|\[(?P<mtext>[^\]\n]{0,500})\]\((?P<murl>[^)\s]{1,2000})(?:\s{1,4}\"[^\"\n]{0,300}\")?\)"
    r"|\[(?P<rtext>[^\]\n]{1,500})\]\[(?P<rref>[^\]\n]{0,100})\]"
    r"|\[(?P<num>\d{1,6})\]"
    r"|<(?P<aurl>https?://[^>\s]{1,2000})>"
)
_MD_LINK_RE = re.compile(r"\]\((?:https?://|/|#|mailto:)[^)\s]{0,2000}\)")
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_MD_STRONG_RE = re.compile(r"\*\*|__")
_MD_EM_RE = re.compile(r"(?<![\w*])[*_](?=\S)([^*_\n]{1,500}?)(?<=\S)[*_](?![\w*])")
_UNDERSCORE_SPACE_RE = re.compile(r"(?<=\S)_(?=\S)")


@attrs.frozen
class _Link:
    """A link the dump records: where its text starts or ends in the unit, and its url."""

    start: int | None
    end: int | None
    url: str
    image: bool = False


@attrs.define
class _Unit:
    """One block of the dump: a paragraph, a list item, a heading or an image line."""

    kind: str
    text: str
    indent: int
    links: list[_Link] = attrs.Factory(list)
    level: int | None = None
    marker: str | None = None
    cont_indent: int = 0
    last_len: int = 0
    blank_before: bool = True
    raw_lines: int = 1
    runin: bool = False
    """An image whose caption follows on the same line (html2text's "[alt]Caption")."""

    def link_at(self, start: int, end: int) -> _Link | None:
        """The link whose text begins (or, for trailing ``<url>`` links, ends) in a span."""
        for link in self.links:
            if link.start is not None and start <= link.start < max(end, start + 1):
                return link
        for link in self.links:
            if link.start is None and link.end is not None and start < link.end <= end + 1:
                return link
        return None


@attrs.frozen
class _Style:
    """What the dump's tool is, as far as its text shows."""

    refs: dict[str, str]
    markdown: bool
    stars: bool
    width: int
    feed_title: str | None = None
    """The post title named by the page's comments feed link (lynx prints the page's
    ``<link rel="alternate">`` titles first: "Blog » Post title Comments Feed")."""
    replay: bool = False
    """The dump is of a page saved from a web archive's replay: its addresses point into
    the archive and are read as the originals."""


def _normalise(text: str, defects: list[Defect]) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x08" in text:
        # overstrike bold/underline ("_\bx", "x\bx") as old formatters print it
        text = _BACKSPACE_RE.sub("", text)
    lines = text.split("\n")
    if len(lines) > _MAX_LINES:
        defects.append(Defect(kind=DefectKind.LIMIT_REACHED,
                              message=f"the dump has more than {_MAX_LINES} lines; "
                                      "the rest was not read"))
        lines = lines[:_MAX_LINES]
    # No-break spaces pad list markers (elinks) and titles ("Low\u00a0Tide"): plain spaces
    # read the same and keep indentation measurable.
    # (and the narrow no-break space dates are printed with now: "7:12\u202fPM")
    return [line[:_MAX_LINE].expandtabs(8).replace("\u00a0", " ").replace("\u202f", " ")
            .rstrip() for line in lines]


def _read_style(lines: list[str]) -> tuple[list[str], _Style]:
    """Take the link lists off the end, and tell which tool wrote the dump."""
    refs: dict[str, str] = {}
    cut = len(lines)
    for i in range(len(lines) - 1, max(-1, len(lines) - 20_000), -1):
        if _REFERENCES_RE.match(lines[i]):
            found = {}
            for line in lines[i + 1:]:
                m = _REFERENCE_RE.match(line)
                if m:
                    found[m.group(1)] = m.group(2)
            if found:
                refs = found
                cut = i
            break
    body = lines[:cut]
    first = next((n for n, line in enumerate(body) if line.strip()), None)
    feed_title = None
    if refs and first is not None and body[first].lstrip().startswith("#"):
        # lynx prints the page's <link rel="alternate"> feeds first: "#[1]Blog » Feed …"
        end = next((n for n in range(first, min(len(body), first + 30)) if not body[n].strip()),
                   first)
        feed_title = _feed_title(body[first:end])
        body = body[end:]
    kept: list[str] = []
    definitions = 0
    for n, line in enumerate(body):
        m = _MD_DEFINITION_RE.match(line)
        if m:
            refs.setdefault(m.group(1).lower(), m.group(2))
            definitions += 1
            continue
        if n < 40 and _LINK_HEADER_RE.match(line):
            continue
        if _LINKS_SUBHEAD_RE.match(line) and refs:
            continue
        kept.append(line)
    sample = kept[:5000]
    stars = sum(1 for line in sample if _STAR_HEADING_RE.match(line.strip())) >= 1
    # Markdown: links "[text](url)" or "#" headings, and no lynx reference list
    md_links = sum(len(_MD_LINK_RE.findall(line)) for line in sample)
    md_headings = sum(1 for line in sample if _MD_HEADING_RE.match(line))
    markdown = not stars and (md_links >= 2 or md_headings >= 1 or definitions >= 1
                              or (md_links >= 1 and not refs))
    if stars:
        kept = _join_star_headings(kept)
    if markdown:
        # Markdown separates blocks by blank lines: a paragraph's lines are one line (this
        # also puts back links and images that the writer wrapped across lines).
        kept = _join_markdown(kept)
        return kept, _Style(refs=refs, markdown=True, stars=stars, width=0,
                            feed_title=feed_title)
    widths = sorted(len(line) for line in sample if " " in line.strip())
    width = widths[-1] if widths else 0
    if len(widths) > 20:
        # the widest few lines may be unbreakable urls; wrapping shows in the bulk
        width = widths[int(len(widths) * 0.98)]
    return kept, _Style(refs=refs, markdown=markdown, stars=stars, width=width,
                        feed_title=feed_title)


_FEED_ENTRY_RE = re.compile(
    r"^.{1,200}? [»>] (?P<t>.{1,300}?) (?:Comments Feed|Kommentar-Feed"
    r"|Flux des commentaires|Feed de comentarios|Feed dei commenti|Reacties feed)$"
)


def _feed_title(header: list[str]) -> str | None:
    """The post's title in lynx's list of feed links: WordPress names a post's comments
    feed "Blog » Post title Comments Feed"."""
    text = " ".join(line.strip() for line in header)[:5000]
    for entry in re.split(r"\[\d{1,6}\]", text.lstrip("#")):
        m = _FEED_ENTRY_RE.match(entry.strip())
        if m:
            return m.group("t").strip()
    return None


_STAR_OPEN_RE = re.compile(r"^(\*{1,6}) \S")


def _join_star_headings(lines: list[str]) -> list[str]:
    """Debian html2text wraps long headings: "****** A long\ntitle ******" is one."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _STAR_OPEN_RE.match(line)
        if m and not _STAR_HEADING_RE.match(line.strip()):
            close = m.group(1)
            for j in range(i + 1, min(len(lines), i + 4)):
                end = lines[j].rstrip()
                if end == close or end.endswith(" " + close):
                    out.append(" ".join(x.strip() for x in lines[i:j + 1]))
                    i = j + 1
                    break
            else:
                out.append(line)
                i += 1
            continue
        out.append(line)
        i += 1
    return out


def _join_markdown(lines: list[str]) -> list[str]:
    out: list[str] = []
    previous_open = False
    for line in lines:
        stripped = line.strip()
        starts_block = (not stripped or _ITEM_RE.match(stripped) is not None
                        or stripped.startswith(("#", ">", "|", "```")))
        if previous_open and not starts_block and len(out[-1]) < _MAX_LINE:
            out[-1] = out[-1] + " " + stripped
            continue
        out.append(line)
        previous_open = bool(stripped) and not stripped.startswith("#")
    return out


def _inline(text: str, style: _Style, base: str | None) -> tuple[str, list[_Link]]:
    """The text a reader sees in one line, and the links the tool recorded in it."""
    if style.stars:
        # Debian html2text draws link text underlined: spaces inside links become "_".
        text = _UNDERSCORE_SPACE_RE.sub(" ", text)
    out: list[str] = []
    links: list[_Link] = []
    size = 0
    pos = 0

    def address(url: str) -> str:
        return _url(url, base, style.replay)

    for m in _INLINE_RE.finditer(text):
        literal = text[pos:m.start()]
        replacement: str | None = None
        link: _Link | None = None
        here = size + len(literal)
        if m.group("isrc") is not None:
            replacement = m.group("ialt")
            link = _Link(here, here + len(replacement), address(m.group("isrc")), True)
        elif m.group("murl") is not None:
            replacement = m.group("mtext")
            link = _Link(here, here + len(replacement), address(m.group("murl")))
        elif m.group("rtext") is not None and style.markdown:
            label = (m.group("rref") or m.group("rtext")).lower()
            replacement = m.group("rtext")
            if label in style.refs:
                link = _Link(here, here + len(replacement), address(style.refs[label]))
        elif m.group("num") is not None and m.group("num") in style.refs:
            replacement = ""
            link = _Link(here, None, address(style.refs[m.group("num")]))
        elif m.group("aurl") is not None:
            replacement = ""
            link = _Link(None, len(literal.rstrip()) + size, address(m.group("aurl")))
            literal = literal.rstrip()
        if replacement is None:
            continue
        out.append(literal)
        out.append(replacement)
        size += len(literal) + len(replacement)
        if link is not None:
            links.append(link)
        pos = m.end()
    out.append(text[pos:])
    result = "".join(out)
    if style.markdown:
        result, links = _strip_markdown(result, links)
    return result, links


def _strip_markdown(text: str, links: list[_Link]) -> tuple[str, list[_Link]]:
    """Markdown escapes and emphasis removed; link offsets moved with the text."""
    removed: list[int] = []
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and _MD_ESCAPE_RE.match(text, i):
            removed.append(len(out) + len(removed))
            out.append(text[i + 1])
            i += 2
            continue
        if ch in "*_" and i + 1 < n and text[i + 1] == ch:
            removed.extend((len(out) + len(removed), len(out) + len(removed) + 1))
            i += 2
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch in "*_" and ((not before.isalnum() and not after.isspace() and after != ch)
                           or (not before.isspace() and not after.isalnum())):
            # single emphasis markers at a word's edge: "_leave it there_", "*really*"
            removed.append(len(out) + len(removed))
            i += 1
            continue
        out.append(ch)
        i += 1
    if not removed:
        return text, links

    def shift(x: int | None) -> int | None:
        if x is None:
            return None
        return x - sum(1 for r in removed if r < x)

    return "".join(out), [attrs.evolve(k, start=shift(k.start), end=shift(k.end))
                          for k in links]


def _url(url: str, base: str | None, replay: bool = False) -> str:
    if replay:
        # lynx resolves the replay's archive-rooted links against the saved file
        url = unwrap_url(_FILE_ROOT_RE.sub("", url, count=1))
    if base and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]{0,20}:", url):
        return urljoin(base, url)
    return url


def _units(lines: list[str], style: _Style, base: str | None) -> list[_Unit]:
    """Group lines into units: wrapped lines are joined, items and headings stand alone."""
    counts: dict[int, int] = {}
    for line in lines[:5000]:
        stripped = line.lstrip(" ")
        if stripped and not _ITEM_RE.match(stripped) and len(stripped) > 30:
            ind = len(line) - len(stripped)
            counts[ind] = counts.get(ind, 0) + 1
    # The body's margin: the smallest indent that holds a fair share of the long lines
    # (comment text, indented deeper in lists, can outnumber the post's own lines).
    total = sum(counts.values())
    base_indent = min(
        (k for k, c in counts.items()
         if c >= max(5, total * 0.03) and c >= 2 * sum(v for j, v in counts.items() if j < k)),
        default=0,
    )
    units: list[_Unit] = []
    current: _Unit | None = None
    blank = True
    wraps = 0 < style.width < 150
    for raw in lines:
        stripped = raw.lstrip(" ")
        if not stripped:
            current = None
            blank = True
            continue
        indent = len(raw) - len(stripped)
        heading_level: int | None = None
        m = _STAR_HEADING_RE.match(stripped) if style.stars else None
        if m:
            heading_level = 7 - len(m.group(1))
            stripped = m.group(2)
        elif style.markdown and (m := _MD_HEADING_RE.match(stripped)):
            heading_level = len(m.group(1))
            stripped = m.group(2)
        marker = None
        item = _ITEM_RE.match(stripped) if heading_level is None else None
        if item and item.group(1) == "o" and (not stripped.startswith("o ") or indent == 0
                                              or style.width > _WRAPPED_WIDTH):
            # lynx's "o" marks the third level of a nested list, so it is always indented;
            # at the margin, or in an unwrapped copy, "o" is a word ("o sea", "o melhor")
            item = None
        if item and item.group(1) in {"-", "–"} and (
                stripped[1:2] != " "
                or (current is not None and wraps and indent == current.cont_indent
                    and current.last_len + 2 > style.width - 2)):
            item = None  # "Title\n    – Blog": a wrapped separator, not a bullet
        if item and item.group(1)[0].isdigit() and (
                _DAY_MONTH_RE.match(stripped[item.end():])
                or (len(item.group(1)) == 5 and _MONTH_DAY_RE.match(stripped[item.end():]))):
            # "14. Juli 2023 um 19:22 Uhr", "2024. március 4. 09:15" are dates, not items
            item = None
        if item:
            marker = item.group(1)
            content = stripped[item.end():]
        else:
            content = stripped
        text, links = _inline(content, style, base)
        text_clean = _FORM_JUNK_RE.sub(" ", text)
        form_line = text_clean != text
        if form_line:
            text = text_clean
            links = [k for k in links if k.start is None or k.start <= len(text)]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        links = [_shift(k, -lead) for k in links]
        if not text:
            # an empty item ("2." alone, a bullet for an icon) or a line of form controls
            current = None
            blank = blank or marker is None
            continue
        if current is not None and current.kind == "image" and current.links \
                and current.links[0].end is None:
            # lynx runs a linked image's alt text into the caption after it: the line
            # is a paragraph that starts with a link, not an image on its own
            current.kind = "para"
        if current is not None and current.kind == "heading" and current.level is None \
                and indent == current.indent and indent < base_indent and marker is None \
                and wraps and current.last_len + 1 + _first_word(content) > style.width - 2:
            # a long heading lynx wrapped at the margin
            current.text += " " + text.strip()
            current.last_len = len(raw)
            continue
        joins = (
            current is not None and heading_level is None and marker is None
            and current.kind in {"para", "item"} and not _ELLIPSIS_START_RE.match(text)
            and not _REPLY_LINE_RE.match(text) and not _LEADING_ALT_RE.match(text)
            and (indent == current.cont_indent
                 or (current.kind == "para" and abs(indent - current.cont_indent) == 1))
            and wraps and current.last_len + 1 + _first_word(content) > style.width - 2
            # a line of form controls ("Name * [author    ]") is a field, not a wrapped line
            and not form_line
        )
        if joins and current is not None:
            # "well-\nknown", "JUSTIZ-/\nJUGENDAMT": tools break after a hyphen or slash
            glue = "" if re.search(r"\w[-/]{1,2}$", current.text) else " "
            offset = len(current.text) + len(glue)
            current.text += glue + text
            current.links.extend(_shift(k, offset) for k in links)
            current.last_len = len(raw)
            current.raw_lines += 1
            continue
        if heading_level is None and marker is None and style.width and indent < base_indent \
                and base_indent >= 2 and len(text) <= 200:
            heading_level = 0  # lynx and links put headings left of the body's margin
        kind = "heading" if heading_level is not None else ("item" if marker else "para")
        # a form's drop-down ("[10,- €] ____") or check box ("[X] Remember me") is no image
        # Only tools that wrap lines print images that way: in an unwrapped copy of the
        # page, a line that starts with "[…]" is the writer's own text.
        alt = (_LEADING_ALT_RE.match(text)
               if kind == "para" and not style.markdown and not form_line
               and style.width <= _WRAPPED_WIDTH else None)
        if alt and alt.end() < len(text):
            # html2text prints an image as "[alt]" run into its caption: "[alt]Caption"
            units.append(_Unit(kind="image", text=alt.group(1), indent=indent,
                               blank_before=blank, last_len=len(raw), runin=True))
            blank = False
            cut = alt.end() + (1 if text[alt.end():alt.end() + 1] == " " else 0)
            text = text[cut:]
            links = [_shift(k, -cut) for k in links if k.start is None or k.start >= cut]
        if kind == "para" and _is_image_line(text, links):
            kind = "image"
            bracket = _BRACKET_ALT_RE.match(text)
            if bracket:
                text = bracket.group(1)
        cont = indent + (item.end() if item else 0)
        current = _Unit(kind=kind, text=text, indent=indent, links=links,
                        level=heading_level or None if heading_level else None,
                        marker=marker, cont_indent=cont, last_len=len(raw),
                        blank_before=blank)
        if heading_level == 0:
            current.level = None
        elif heading_level is not None:
            current.level = heading_level
        units.append(current)
        blank = False
        if (kind == "heading" and heading_level != 0) \
                or (kind == "image" and not (links and links[0].end is None)):
            current = None
    for u in units:
        u.text = u.text.replace("\u00a0", " ")
    return units


def _first_word(text: str) -> int:
    """Width of what a wrapping tool would have had to fit on the line before."""
    words = text.split(" ", 2)
    width = len(words[0])
    if len(words) > 1 and words[1] and not any(c.isalnum() for c in words[1]):
        width += 1 + len(words[1])  # tools do not break before a lone "|" or "–"
    return width


_DAY_MONTH_RE = re.compile(r"^[^\W\d_]{3,10}\.?\s{1,3}\d{2,4}\b")
_MONTH_DAY_RE = re.compile(r"^[^\W\d_]{3,12}\s{1,3}\d{1,2}\.(?:\s|$)")
_WRAPPED_WIDTH = 100
"""Dump tools wrap at 80 columns or less by default; wider lines mean nothing wrapped them."""
_LEADING_ALT_RE = re.compile(r"^\[(?!\d{1,6}\]|[xX+*]\])([^\[\]]{1,300})\]")
_BRACKET_ALT_RE = re.compile(r"^\[(?!\d{1,6}\])([^\[\]]{1,300})\]$")
_IMAGE_URL_RE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:[?#]\S{0,500})?$",
                           re.IGNORECASE)


def _is_image_line(text: str, links: list[_Link]) -> bool:
    """An image on a line of its own: Markdown ``![alt](src)``, html2text's and lynx's
    ``[alt]``, or a lynx link whose target is an image file."""
    if _BRACKET_ALT_RE.match(text) or text in {"[IMG]", "[INLINE]", "[image]"}:
        return True
    if len(links) != 1 or links[0].start != 0 or len(text) > 300:
        return False
    link = links[0]
    if link.image:
        return link.end == len(text)
    return link.end is None and bool(_IMAGE_URL_RE.search(link.url))


def _shift(link: _Link, by: int) -> _Link:
    return attrs.evolve(
        link,
        start=None if link.start is None else max(0, link.start + by),
        end=None if link.end is None else max(0, link.end + by),
    )


# --- page level: what WordPress prints ----------------------------------------------------

_SAYS_RE = re.compile(
    r"^(?P<name>.{1,200}?)(?:\s(?:on|am|le|el|il|op)\s(?P<date>.{4,80}?))?"
    # Debian html2text can drop the space before "says" ("Anselm_Krügersays:")
    r"(?:\s{0,3}says|\s{1,3}(?:said|sagt|meint|schreibt|denkt|dit|dice|zegt|disse|escribió"
    r"|a écrit"
    # Polish, Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian, Greek, Swedish
    r"|pisze|napisał|napisała|napsal|napsala|říká|говорит|пишет|говорить|пише|dedi ki|diyor"
    r"|spune|szerint|írta|λέει|είπε|skriver|säger))(?![^\W\d_])\s{0,2}(?P<colon>:?)"
    r"(?P<rest>.{0,120})$",
    re.IGNORECASE,
)
_AVATAR_RE = re.compile(r"^(?:\[[^\]]{0,200}\]\s{0,3}|.{1,120}?['’]s avatar\s{1,3}|"
                        r"(?:Avatar|Gravatar)(?: (?:von|de|di|of) .{1,100}?)?\s{1,3})",
                        re.IGNORECASE)
# WordPress's own "Pingback:" label: Turkish, Hungarian, Greek and Russian translate it
_PINGBACK_KINDS = {
    "geri bildirim": "pingback", "visszajelzés": "pingback", "παράθεμα": "pingback",
    "παράθεση": "pingback", "уведомление": "pingback", "пингбэк": "pingback",
    "пінгбек": "pingback", "geri izleme": "trackback", "visszakövetés": "trackback",
    "παραπομπή": "trackback",
}
_PINGBACK_RE = re.compile(
    r"^(?P<kind>pingback|trackback|geri bildirim|geri izleme|visszajelzés|visszakövetés"
    r"|παράθεμα|παράθεση|παραπομπή|уведомление|пингбэк|пінгбек)\s{0,2}:\s{0,4}",
    re.IGNORECASE,
)
_REPLY_LINE_RE = re.compile(
    r"^(?:reply|reply ↓|antworten|répondre|responder|rispondi|beantwoorden|responda"
    r"|edit|bearbeiten|modifier|editar|like|liked by .{1,60}|gefällt .{1,60}|loading\.{0,3}"
    r"|lade …|lade\.\.\.|like liked by .{1,60}|\(edit\)|report comment|log in to reply"
    r"|reply to this comment|zum antworten anmelden"
    # Blogger's comment controls
    r"|replydelete|delete|replies|reply delete"
    # "Reply" and "Edit" in Polish, Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian,
    # Greek and Swedish
    r"|odpowiedz|edytuj|odpovědět|upravit|ответить|изменить|редактировать|відповісти"
    r"|редагувати|cevapla|yanıtla|düzenle|răspunde|editează|válasz|szerkesztés|απάντηση"
    r"|επεξεργασία|svara|redigera|\((?:edytuj|upravit|изменить|редагувати|düzenle"
    r"|editează|szerkesztés|[εe]πεξεργασία|redigera)\))\s{0,3}[↓→]?$",
    re.IGNORECASE,
)
_CANCEL = (r"(?:cancel reply|antworten abbrechen|antwort abbrechen|annuler la réponse"
           r"|cancelar respuesta|cancelar la respuesta|annulla risposta|reactie annuleren"
           r"|cancelar resposta|batalkan balasan|anuluj pisanie odpowiedzi|anuluj odpowiedź"
           r"|zrušit odpověď na komentář|zrušit odpověď|отменить ответ|скасувати відповідь"
           r"|cevabı iptal et|yanıtı iptal et|anulează răspunsul|válasz megszakítása"
           r"|ακύρωση απάντησης|avbryt svar)")
_FORM_HEADING_RE = re.compile(
    r"^(?P<h>leave a reply|leave a comment|leave a reply to .{1,100}|post a comment"
    r"|add a comment|write a comment|submit a comment|join the discussion"
    r"|join the conversation|what do you think\??|schreibe einen kommentar"
    r"|schreibe eine antwort|hinterlasse einen kommentar|kommentar verfassen"
    r"|kommentar hinterlassen|einen kommentar schreiben|kommentieren"
    r"|laisser un commentaire|laisser une réponse|deja un comentario|deja una respuesta"
    r"|dejar un comentario|lascia un commento|lascia una risposta|geef een reactie"
    r"|laat een reactie achter|deixe um comentário|deixe uma resposta"
    r"|hinterlassen sie einen kommentar|kommentar schreiben|tinggalkan balasan"
    r"|deixe um comentário para .{1,100}|deixe uma resposta para .{1,100}|dodaj komentarz"
    r"|dodaj odpowiedź|zostaw komentarz|pozostaw odpowiedź .{1,100}|napsat komentář"
    r"|přidat komentář|добавить комментарий|оставить комментарий|оставьте комментарий"
    r"|залишити відповідь|залишити коментар|додати коментар|bir cevap yazın"
    r"|bir yanıt yazın|bir yorum yapın|yorum yapın|.{1,100} için bir (?:cevap|yanıt) yazın"
    r"|lasă un răspuns|lasă un comentariu|lasă un răspuns la .{1,100}"
    r"|vélemény, hozzászólás\?|szólj hozzá|αφήστε μια απάντηση|αφήστε ένα σχόλιο|σχολιάστε"
    r"|γράψτε απάντηση στο .{1,100}|lämna ett svar|lämna en kommentar"
    r"|lämna ett svar till .{1,100})"
    r"(?:\s{1,3}" + _CANCEL + r")?\s{0,3}[.:]?$",
    re.IGNORECASE,
)
# WordPress prints the "Cancel reply" link inside the form's heading, so a line ending in it
# is the heading whatever the theme calls the form ("In den Wald hineinrufen").
_CANCEL_TAIL_RE = re.compile(r"^(?P<h>.{1,100}?)\s{1,3}" + _CANCEL + r"$", re.IGNORECASE)
_LOGIN_LINE_RE = re.compile(
    r"(?:you are commenting using your|du kommentierst mit deinem|du kommentierst mit dem"
    r"|sie kommentieren mit ihrem|vous commentez à l[’']aide de votre"
    r"|estás comentando usando tu|stai commentando usando il tuo|je reageert onder je"
    r"|você está comentando utilizando sua)\s{0,3}(?P<svc>.{0,60}?)"
    r"\s{0,3}(?:account|konto|compte|cuenta|conta|-konto|-account)",
    re.IGNORECASE,
)
_SERVICES = (
    ("wordpress.com", "WordPress.com"), ("wordpress", "WordPress.com"),
    ("twitter", "Twitter"), ("facebook", "Facebook"), ("google", "Google"),
    ("tumblr", "Tumblr"), ("linkedin", "LinkedIn"), ("mastodon", "Mastodon"),
    ("apple", "Apple"), ("github", "GitHub"),
)
_NOTE_RE = re.compile(
    r"^(?:fill in your details below or click an icon to log in:"
    r"|gib deine daten unten ein oder klicke ein icon um dich einzuloggen:"
    r"|your email address will not be published\..{0,120}"
    r"|deine e-mail-adresse wird nicht veröffentlicht\..{0,120}"
    r"|ihre e-mail-adresse wird nicht veröffentlicht\..{0,120}"
    r"|votre adresse e-mail ne sera pas publiée\..{0,120}"
    r"|tu dirección de correo electrónico no será publicada\..{0,120}"
    r"|il tuo indirizzo email non sarà pubblicato\..{0,120}"
    r"|o seu endereço de e-?mail não será publicado\..{0,120}"
    r"|twój adres e-?mail nie zostanie opublikowany\..{0,120}"
    r"|vaše e-mailová adresa nebude zveřejněna\..{0,120}"
    r"|ваш адрес e-?mail не будет опубликован\..{0,120}"
    r"|ваша e-?mail адреса не оприлюднюватиметься\..{0,120}"
    r"|e-posta (?:hesabınız|adresiniz) yay[ıi]mlanmayacak\..{0,120}"
    r"|adresa ta de e-?mail nu va fi publicată\..{0,120}"
    r"|az e-mail címet nem tesszük közzé\..{0,120}"
    r"|η ηλ\. διεύθυνση σας δεν δημοσιεύεται\..{0,120}"
    r"|din e-postadress kommer inte (?:att )?publiceras\..{0,120}"
    r"|logged in as .{1,100}|angemeldet als .{1,100}|conectado como .{1,100}"
    r"|zalogowano jako .{1,100}|přihlášen(?:a|\(a\))? jako .{1,100}|вы вошли как .{1,100}"
    r"|ви увійшли як .{1,100}|.{1,100} olarak giriş yapıldı.{0,100}|autentificat ca .{1,100}"
    r"|bejelentkezve,? mint .{1,100}|συνδεθήκατε ως .{1,100}|inloggad som .{1,100}"
    r"|you must be logged in to post a comment\.?"
    r"|você precisa fazer o login para publicar um comentário\.?"
    r"|musisz się zalogować, aby móc dodać komentarz\.?"
    r"|yorum yapabilmek için giriş yapmalısınız\.?"
    r"|για να σχολιάσετε πρέπει να συνδεθείτε\.?"
    r"|du måste vara inloggad för att publicera en kommentar\.?)",
    re.IGNORECASE,
)
_SUBSCRIBE_RE = re.compile(
    r"^(?:notify me of .{1,80}|benachrichtige mich .{1,120}|prévenez-moi .{1,120}"
    r"|avertissez-moi .{1,120}|recibir un correo .{1,120}|avvisami .{1,120}"
    r"|stuur mij .{1,120}|subscribe to .{1,80}|avise-me .{1,120}|notifique-me .{1,120}"
    r"|powiadom mnie .{1,120}|upozornit mě .{1,120}|upozorňovat mě .{1,120}"
    r"|уведомить меня .{1,120}|уведомлять меня .{1,120}|сповіщати мене .{1,120}"
    r"|повідомляти мене .{1,120}|[^\W\d_].{0,80} bana e-posta ile bildir\.?"
    r"|anun[țţ]ă-mă .{1,120}"
    r"|értesítés .{1,120}|ειδοποίησέ με .{1,120}|meddela mig .{1,120})$",
    re.IGNORECASE,
)
_SUBMIT_RE = re.compile(
    r"^\[?\s{0,2}(?P<s>post comment|submit comment|add comment|post reply|submit"
    r"|kommentar abschicken|antwort abschicken|laisser un commentaire"
    r"|publicar el comentario|publicar comentario|invia commento|reactie plaatsen"
    r"|publicar comentário|opublikuj komentarz|odeslat komentář|отправить комментарий"
    r"|опублікувати коментар|надіслати коментар|yorum gönder|publică comentariul"
    r"|trimite comentariul|hozzászólás küldése|δημοσίευση σχολίου|publicera kommentar"
    r"|skicka kommentar)\s{0,2}\]?$",
    re.IGNORECASE,
)
# "Post navigation" in Portuguese, Polish, Czech, Russian, Ukrainian, Turkish, Romanian,
# Hungarian, Greek and Swedish
_LOCAL_POST_NAV = (r"navegação de post|navegação de posts|nawigacja wpisu"
                   r"|navigace pro příspěvek|навигация по записям|навігація записів"
                   r"|yazı dolaşımı|yazı gezinmesi|navigare în articole|bejegyzés navigáció"
                   r"|πλοήγηση άρθρων|inläggsnavigering")
# Jetpack's sharing and likes headings in the same languages
_LOCAL_SHARE = (r"compartilhe isso:?|partilhe isto:?|udostępnij to:?|podziel się:?|sdílejte:?"
                r"|sdílet:?|поделиться:?|поширити:?|поділитися:?|bunu paylaş:?"
                r"|partajează asta:?|distribuie:?|megosztás:?|κοινοποίηση:?|dela detta:?"
                r"|curtir isso:?|gostar disto:?|lubię to:?|líbí se mi:?|нравится:?"
                r"|подобається:?|bunu beğen:?|apreciază asta:?|tetszik:?|μου αρέσει:?"
                r"|gilla detta:?")
# "Comments are closed." in the same languages
_LOCAL_CLOSED = (r"os comentários estão desativados\.?|comentários encerrados\.?"
                 r"|możliwość komentowania jest wyłączona\.?|komentáře jsou uzavřeny\.?"
                 r"|обсуждение закрыто\.?|комментарии закрыты\.?|коментарі закриті\.?"
                 r"|yorumlar kapatıldı\.?|comentariile sunt închise\.?"
                 r"|a hozzászólások jelenleg nem engedélyezettek ezen a részen\.?"
                 r"|τα σχόλια είναι απενεργοποιημένα\.?|kommentarer är stängda\.?")
_FORM_END_RE = re.compile(
    r"^(?:search for:.{0,200}|search|search …|suche nach:.{0,200}|recent posts|recent comments"
    r"|archives|neueste beiträge|neueste kommentare|archive|blog at wordpress\.com\.?"
    r"|create a free website or blog at wordpress\.com\.?|proudly powered by wordpress.{0,40}"
    r"|bloggen auf wordpress\.com\.?|post navigation|beitragsnavigation|blogroll|meta"
    r"|follow|follow .{1,60}|folgen|subscribe|abonnieren|privacy & cookies:.{0,400}"
    r"|datenschutz & cookies:.{0,400}"
    # the sidebar's search form, its first widgets and the credit line, post navigation
    r"|pesquisar por:.{0,200}|szukaj:.{0,200}|hledat:.{0,200}|искать:.{0,200}"
    r"|найти:.{0,200}|пошук за запитом:.{0,200}|шукати:.{0,200}|ara:.{0,200}"
    r"|caută după:.{0,200}|keresés a következő kifejezésre:.{0,200}|keresés:.{0,200}"
    r"|αναζήτηση για:.{0,200}|sök efter:.{0,200}|pesquisar|szukaj|hledat|поиск|пошук"
    r"|шукати|ara|caută|keresés|αναζήτηση|sök|posts recentes|najnowsze wpisy"
    r"|nejnovější příspěvky|свежие записи|останні записи|son yazılar|articole recente"
    r"|legutóbbi bejegyzések|πρόσφατα άρθρα|senaste inläggen|comentários recentes"
    r"|najnowsze komentarze|nejnovější komentáře|свежие комментарии|останні коментарі"
    r"|son yorumlar|comentarii recente|legutóbbi hozzászólások|πρόσφατα σχόλια"
    r"|senaste kommentarer|orgulhosamente (?:mantido|desenvolvido) com wordpress"
    r"|dumnie wspierane przez wordpress.{0,3}|používáme wordpress.{0,20}"
    r"|сайт работает на wordpress|сайт працює на wordpress|wordpress gururla sunar"
    r"|propulsat cu mândrie de wordpress|köszönjük wordpress.{0,2}"
    r"|με την υποστήριξη του wordpress|drivs med wordpress|" + _LOCAL_POST_NAV + r")$",
    re.IGNORECASE,
)
# Furniture that ends the post body: sharing and likes (Jetpack), related posts, the post
# footer, post navigation, an author box, ads.
_BODY_END_RE = re.compile(
    r"^(?:share this:?|share:|sharing is caring.{0,40}|like this:?|like loading\.{0,3}"
    r"|related|related posts:?|related articles|you may also like:?|teilen mit:?"
    r"|diesen beitrag teilen:?|gefällt mir:?|ähnliche beiträge|ähnliche artikel"
    r"|partager :?|partager cet article.{0,20}|j[’']aime :?|similaire|compartir esto:?"
    r"|me gusta:?|relacionado|condividi:?|mi piace:?|correlati|delen:?|vind ik leuk:?"
    r"|gerelateerd|rate this:?|bewerten:?|advertisements?|report this ad|werbeanzeigen"
    r"|about these ads|post navigation|beitragsnavigation|navigation des articles"
    r"|navegación de entradas|navigazione articoli|berichtnavigatie|comments are closed\.?"
    r"|kommentare sind geschlossen\.?|about the author|über den autor|bookmark the permalink\.?"
    r"|permalink|edit|bearbeiten|\(edit\)|" + _LOCAL_SHARE + r"|" + _LOCAL_POST_NAV
    + r"|" + _LOCAL_CLOSED + r"|relacionados|podobne|související|похожее"
    r"|похожие записи|пов['’]язане|схожі записи|ilgili|ilgili yazılar|similare"
    r"|articole similare|kapcsolódó|σχετικά|relaterade|editar|edytuj|upravit|изменить"
    r"|редагувати|düzenle|editează|szerkesztés|επεξεργασία|redigera"
    # a byline printed in the post footer (Twenty Sixteen, Twenty Twenty-One)
    r"|(?:posted on|published on|veröffentlicht am|publié le|publicado el|pubblicato il)"
    r"\s.{4,150}|author\s.{1,60}posted on\s.{4,150})$",
    re.IGNORECASE,
)
# What only a blog prints around a post: sharing, likes, related posts, post navigation.
_FURNITURE_RE = re.compile(
    r"^(?:share this:?|like this:?|like loading\.{0,3}|related posts:?|teilen mit:?"
    r"|gefällt mir:?|ähnliche beiträge|partager :?|j[’']aime :?|compartir esto:?|me gusta:?"
    r"|condividi:?|mi piace:?|delen:?|vind ik leuk:?|post navigation|beitragsnavigation"
    r"|navigation des articles|navegación de entradas|navigazione articoli|berichtnavigatie"
    r"|comments are closed\.?|kommentare sind geschlossen\.?|bookmark the permalink\.?|"
    + _LOCAL_SHARE + r"|" + _LOCAL_POST_NAV + r"|" + _LOCAL_CLOSED + r")$",
    re.IGNORECASE,
)
_NAV_RE = re.compile(r"^(?:[←«‹<]\s{0,3}.{1,200}|.{1,200}\s{0,3}[→»›>]|previous post:?.{0,200}"
                     r"|next post:?.{0,200}|vorheriger beitrag.{0,200}|nächster beitrag.{0,200}"
                     r"|older posts?.{0,40}|newer posts?.{0,40}"
                     # the same labels in Portuguese, Polish, Czech, Russian, Ukrainian,
                     # Turkish, Romanian, Hungarian, Greek and Swedish
                     r"|(?:post anterior|próximo post|poprzedni wpis|następny wpis"
                     r"|předchozí příspěvek|následující příspěvek|další příspěvek"
                     r"|предыдущая запись|следующая запись|попередній запис|наступний запис"
                     r"|önceki yazı|sonraki yazı|articolul anterior|articolul următor"
                     r"|korábbi bejegyzés|előző bejegyzés|következő bejegyzés"
                     r"|προηγούμενο άρθρο|επόμενο άρθρο|föregående inlägg|nästa inlägg)"
                     r":?.{0,200})$", re.IGNORECASE)
_MENU_RE = re.compile(
    r"^(?:skip to (?:main )?content|skip to navigation|zum inhalt springen|menu|menü|toggle"
    r" navigation|search|suche|home|startseite|primary menu|main menu|close menu|open menu"
    r"|aller au contenu|ir al contenido|vai al contenuto|naar de inhoud springen|submit"
    r"|absenden|senden|suchen|search for:.{0,100}|suche nach:.{0,100}|schreib einen kommentar"
    # skip links, menu buttons and search forms in Portuguese, Polish, Czech, Russian,
    # Ukrainian, Turkish, Romanian, Hungarian, Greek and Swedish
    r"|pular para o conteúdo|ir para o conteúdo|przejdź do treści|přejít k obsahu(?: webu)?"
    r"|přeskočit na obsah|перейти к содержимому|перейти к содержанию|перейти до вмісту"
    r"|içeriğe geç|sari la conținut|tartalomhoz|ugrás a tartalomra"
    r"|μετάβαση στο περιεχόμενο|hoppa till innehåll(?:et)?|meniu|меню|μενού|meny"
    r"|pesquisar|szukaj|hledat|поиск|пошук|шукати|caută|keresés|αναζήτηση|sök"
    r"|(?:pesquisar por|szukaj|hledat|искать|найти|пошук за запитом|шукати|ara|caută după"
    r"|keresés a következő kifejezésre|keresés|αναζήτηση για|sök efter):.{0,100}"
    # lynx's form controls, the Wayback Machine's banner, breadcrumbs
    r"|\(button\).{0,200}|organization: internet archive|.{0,200}? » .{0,200}? » .{0,300})$",
    re.IGNORECASE,
)
# "Posted" in Portuguese, Polish, Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian,
# Greek and Swedish, as their themes print it before the date
_LOCAL_POSTED = (r"publicado em|opublikowano|dodano|publikováno|vloženo|опубликовано"
                 r"|опубліковано|оприлюднено|yayın tarihi|yayınlandı|publicat în|publicat pe"
                 r"|publicat|közzétéve|δημοσιεύτηκε την|δημοσιεύτηκε|publicerat den"
                 r"|publicerat|postat den")
# "Author:" before a name on a line of its own, in the same languages
_AUTHOR_LABEL = r"(?:author|autor|szerző|yazar|författare|συντάκτης|δημιουργός|автор)"
_BYLINE_RE = re.compile(
    r"^(?:posted on|posted by|published on|published by|published|posted|written by|by"
    r"|von|veröffentlicht am|veröffentlicht von|geschrieben von|geschrieben am|am|publié le"
    r"|publié par|par|publicado el|publicado por|por|pubblicato il|pubblicato da|di|door"
    r"|geplaatst op|gepubliceerd op|updated|last updated|updated on|aktualisiert am"
    r"|" + _AUTHOR_LABEL + r":|date:|datum:|" + _LOCAL_POSTED + r")(?:\b|(?<=:)).{0,200}$",
    re.IGNORECASE,
)
_AUTHOR_LINE_RE = re.compile(r"^" + _AUTHOR_LABEL + r"\s{0,2}:\s{1,3}\S", re.IGNORECASE)
# Words that start bylines ("By Ann", "Von Ann", "Am 3. März") and ordinary sentences
# alike ("By the last week of May…", "Am Ende…"): a line starting so is prose when it is a
# long sentence with no date in it.
_SENTENCE_START_RE = re.compile(r"^(?:by|von|am|par|por|di|door)\s", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"^\D*[.!?…][\"”’»)]?$")


def _is_byline(text: str) -> bool:
    """Whether ``text`` starts like a byline and is not a sentence of the post."""
    if _BYLINE_RE.match(text) is None:
        return False
    return not (_SENTENCE_START_RE.match(text) and len(text.split()) >= 10
                and _SENTENCE_RE.match(text))
_BYLINE_PARTS_RE = re.compile(
    # "… 3 Mart 2024 Ayşe Demir tarafından", "… Kiss Anna által": the name before "by"
    r"^(?:" + _LOCAL_POSTED + r"):?\s{1,3}(?P<date3>.{4,80}?\d\.?)\s{1,3}"
    r"(?P<author3>[^\d]{1,80}?)\s{1,3}(?:tarafından|által)\s{0,3}$"
    r"|^(?:posted on|published on|published|posted|veröffentlicht am|publié le|publicado el"
    r"|pubblicato il|geplaatst op|gepubliceerd op|on|" + _LOCAL_POSTED + r"):?\s{1,3}"
    r"(?P<date>.{4,80}?)"
    # Romanian "de" only after the date's last digit: Portuguese dates hold "de" ("3 de março")
    r"(?:(?:\s{1,3}(?:by|von|par|por|da|door|przez|автор|av|από)"
    r"|(?<=\d)\s{1,3}de)\s{1,3}(?P<author>.{1,80}?))?\s{0,3}$"
    r"|^(?:posted by|written by|by|von|geschrieben von|par|por|di|door)\s{1,3}"
    r"(?P<author2>.{1,80}?)(?:\s{1,3}(?:on|am|le|el|il|op)\s{1,3}(?P<date2>.{4,80}?))?\s{0,3}$"
    r"|^" + _AUTHOR_LABEL + r"\s{0,2}:\s{1,3}(?P<author4>.{1,80}?)\s{0,3}$",
    re.IGNORECASE,
)
_COUNT_LINK_RE = re.compile(
    r"^(?:leave a comment|leave a reply|\d{1,6} comments?|one comment|no comments?"
    r"|kommentar verfassen|hinterlasse einen kommentar|\d{1,6} kommentare?|keine kommentare"
    r"|ein kommentar|laisser un commentaire|deja un comentario|lascia un commento"
    r"|\d{1,6} (?:responses?|replies|thoughts?|antworten|réponses?|respuestas?|risposte)"
    # the comments link under a title in Portuguese, Polish, Czech, Russian, Ukrainian,
    # Turkish, Romanian, Greek and Swedish themes
    r"|deixe um comentário|dodaj komentarz|napsat komentář|добавить комментарий"
    r"|залишити коментар|bir yorum yapın|lasă un comentariu|αφήστε το σχόλιό σας"
    r"|lämna en kommentar|\d{1,6} (?:comentários?|komentarz[ey]?|komentář[eů]?"
    r"|комментари(?:й|я|ев)|коментар(?:і|ів|я)?|yorum|comentarii|hozzászólás|σχόλια"
    r"|kommentarer))$",
    re.IGNORECASE,
)
# the count after a few words, alone on its line: OceanWP's "This Post Has 4 Comments",
# "Se han publicado 11 comentarios" (parse_response_count() reads the number)
_LATE_COUNT_HEADING_RE = re.compile(
    r"^(?:[^\W\d_]{1,12}\s{1,3}){1,3}(?:\d{1,9}|no|one|zero)\s{1,3}" + RESPONSE_NOUNS
    + r"\s{0,3}[.:!]?$", re.IGNORECASE)
_COUNT_HEADING_RE = re.compile(
    r"^\W{0,3}(?:\d{1,9}|[^\W\d_]{1,7})\s{1,3}(?:\w{1,20}\s{1,3}){0,2}?"
    + RESPONSE_NOUNS +
    r"(?P<rest>\s{1,3}(?:to|on|for|zu|auf|über|à|a|sur|en|para|su|a|op|bij|em|do|к|на"
    r"|için|la|σε|στο)\b.{0,300}"
    r"|\s{0,3}[.:!]?\s{0,3}(?:\(.{0,40}\))?)$",
    re.IGNORECASE,
)
# Comments headings the shared nouns do not read: Polish "myśli", Romanian "gânduri", Greek
# "σκέψεις", Swedish "reaktioner", prepositions such as Czech "na" or Ukrainian "для", and
# headings that put the title first (Russian "«…»: 2 комментария", Hungarian
# "“…” bejegyzéshez 2 hozzászólás", Turkish "“…” için 2 yorum").
_LOCAL_NOUNS = (r"(?:" + RESPONSE_NOUNS + r"|myśli|myśl|gânduri|gând|σκέψεις|σκέψη"
                r"|reaktioner|kommentarer|svar)(?!\w)")
_LOCAL_COUNT_RE = re.compile(
    r"^\W{0,3}(?P<n>\d{1,9}|[^\W\d_]{1,7})\s{1,3}" + _LOCAL_NOUNS
    + r"(?P<rest>\s{1,3}(?:na temat|σχετικά μ[εέ] το|για το|к записи|despre|till|для|στην|στο"
    r"|на|na|do|до|la|pe|på|om|för|em|к|u|k)\s.{0,300}|\s{0,3}[.:!]?)$"
    r"|^(?P<q>[“„«\"”][^“”„«»\"]{1,300}[”“»\"])\s{0,3}(?::|için|bejegyzéshez)?\s{1,3}"
    r"(?P<n2>\d{1,9}|[^\W\d_]{1,7})\s{1,3}" + _LOCAL_NOUNS + r"\s{0,3}[.:!]?$",
    re.IGNORECASE,
)
# "One" as those headings write it ("Jedna myśl na temat …", "Μια σκέψη στο …")
_LOCAL_NUMBERS = {
    "jedna": 1, "jeden": 1, "jedno": 1, "один": 1, "одна": 1, "одно": 1, "μια": 1, "μία": 1,
    "ένα": 1, "en": 1, "ett": 1, "egy": 1, "bir": 1, "un": 1, "um": 1, "uma": 1,
}
_LOCAL_QUOTE_RE = re.compile(r"[“„«\"”](?P<q>[^“”„«»\"]{1,300})[”“»\"]")
_COMMENTS_PAREN_RE = re.compile(
    r"^(?:comments|kommentare|responses|comentários|komentarze|komentáře|комментарии"
    r"|коментарі|yorumlar|comentarii|hozzászólások|σχόλια|kommentarer)\s{0,2}\(\d{1,9}\)$",
    re.IGNORECASE,
)
_QUOTED_RE = re.compile(r"[“\"„«‘'»‹]\s{0,2}(?P<q>.{1,300}?)\s{0,2}[”\"“»’'«›]?\s{0,2}$")

_CAT_LABELS = (
    r"filed under|posted in|categories|category|categorized as|categorised as|published in"
    r"|kategorisiert als|catégorisé|categorizado como|categorizzato come|gecategoriseerd als"
    r"|kategorien|kategorie|veröffentlicht in|abgelegt unter|catégories|catégorie|classé dans"
    r"|publié dans|categorías|categoría|publicado en|categorie|categoria|pubblicato in"
    r"|categorieën|categorie|geplaatst in|rubriken|rubrik"
    # Portuguese, Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian, Greek, Swedish
    r"|categorias|opublikowano w|rubriky|rubrika|рубрики|рубрика|категории|категория"
    r"|категорії|категорія|kategoriler|kategori|categorii|kategóriák|kategória|κατηγορίες"
    r"|κατηγορία|kategorier|publicerat i"
)
_TAG_LABELS = (
    r"tagged with|tagged|tags|tag|schlagwörter|schlagworte|schlagwort|verschlagwortet mit"
    r"|étiquettes|étiqueté|mots-clés|mots clés|etiquetas|etiquetado|etichette|tag"
    # Polish, Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian, Greek, Swedish
    r"|tagi|štítky|štítek|метки|метка|позначки|мітки|теги|etiketler|etiket|etichete"
    r"|etichetă|címkék|címke|ετικέτες|ετικέτα|etiketter|etikett|taggar"
)
_TERM_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s|•·/]))(?P<label>(?P<cat>" + _CAT_LABELS + r")|(?P<tag>" + _TAG_LABELS
    + r"))(?P<colon>\s{0,2}:)?\s{1,3}(?=\S)",
    re.IGNORECASE,
)
# Twenty Sixteen and its kin print the footer's spans with no space between them, so dumps
# read "Posted on November 7, 2021Categories TaiwanTags budget": a capitalised label run
# into the previous word still starts a list.
_TERM_LABEL_RUN_RE = re.compile(
    r"(?<=[\w.)])(?P<label>(?P<cat>Categories|Category|Posted in|Filed under|Kategorien"
    r"|Kategorie)|(?P<tag>Tags|Tagged|Schlagwörter))(?P<colon>\s{0,2}:)?\s{1,3}(?=\S)"
)
_ENTRY_SENTENCE_RE = re.compile(
    r"^(?:this entry was posted in|this was posted in|dieser beitrag wurde (?:unter|in)"
    r"|dieser eintrag wurde (?:unter|in)|cette entrée a été publiée dans"
    r"|esta entrada fue publicada en|questa voce è stata pubblicata in"
    r"|dit bericht is geplaatst in)\s{1,3}(?P<cats>.{1,1000}?)"
    r"(?:\s{1,3}(?:abgelegt|veröffentlicht))?"
    r"(?:\s{1,3}(?:and tagged|und mit|und verschlagwortet mit|et marquée avec"
    r"|y etiquetada|e taggata|en getagd met|und getaggt mit)\s{1,3}(?P<tags>.{1,1000}?)"
    r"(?:\s{1,3}verschlagwortet)?)?"
    r"(?:\s{1,3}(?:on|by|am|von)\s{1,3}.{1,200}?)?\s{0,3}[.]?"
    r"(?:\s{0,3}(?:bookmark the permalink|setze ein lesezeichen auf den permalink"
    r"|mettez-le en favori avec son permalien|guarda el enlace permanente"
    r"|aggiungi ai preferiti il permalink|bookmark de permalink)\s{0,3}\.?)?$",
    re.IGNORECASE,
)
_TERM_NOISE_RE = re.compile(
    r"^(?:leave a comment|leave a reply|permalink|edit|bearbeiten|bookmark the permalink"
    r"|\d{1,6} comments?|one comment|no comments|comments off|comments closed"
    r"|\d{1,6} kommentare?|kommentar verfassen|tagged|tags|categories)$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?…:;,][\"”’»)\]]?$")
_CAPTION_MAX = 400
_PROSE_MIN = 80


# a title may end in an entity's text ("Fish &amp;") though not in a clause's ";"
_ENTITY_END_RE = re.compile(r"&#?\w{1,10};$")


def _is_title_like(u: _Unit) -> bool:
    t = u.text
    if u.kind not in {"para", "heading"} or not 1 <= len(t) <= 250 or len(t.split()) > 30:
        return False
    if t.endswith((".", ",", ";", ":")) and not t.endswith("...") \
            and not _ENTITY_END_RE.search(t):
        return False
    return not (_is_meta(t) or _MENU_RE.match(t) or _NAV_RE.match(t)
                or _BODY_END_RE.match(t) or _form_heading(t) or _is_count_heading(t)
                or _terms_of(u) is not None)


def _is_meta(text: str) -> bool:
    """A byline, a date line or a comments link: printed around a title, never its body."""
    if len(text) > 200:
        return False
    if _is_byline(text) or _COUNT_LINK_RE.match(text):
        return True
    return _is_date_line(text)


# Portuguese comment dates join date and time with "às" ("4 de março de 2024 às 09:15"),
# which the shared date reader does not drop: read it as "at".
_AS_RE = re.compile(r"(?<=\d)\s{1,3}às\s{1,3}(?=\d)", re.IGNORECASE)


def _parse_date(text: str | None) -> datetime | None:
    """A date line as the shared reader reads it, with the words it does not know dropped."""
    if text and "às" in text.lower():
        text = _AS_RE.sub(" at ", text)
    return parse_datetime(text)


def _is_date_line(text: str) -> bool:
    if len(text) > 60 or not re.search(r"\d", text) or len(text.split()) > 9:
        return False
    if not re.search(r"\d{1,4}[./-]\d{1,2}|[^\W\d_]{3,}", text):
        return False
    return _parse_date(text) is not None


_QUOTED_SPAN_RE = re.compile(r"“[^”]{0,300}”|„[^“”]{0,300}[“”]|«[^»]{0,300}»|\"[^\"]{0,300}\"")


def _is_count_heading(text: str) -> bool:
    # "| 19 Kommentare": a comments link in a post's meta line (a "|" inside the quoted
    # title of "3 thoughts on “A | B”" is the title's own)
    if len(text) > 320 or text.startswith("|") or " | " in _QUOTED_SPAN_RE.sub("", text):
        return False
    return _count_of(text) is not None


def _count_of(text: str) -> int | None:
    """The number a comments heading announces ("3 Comments", "Comments (3)", "2 myśli na
    temat …", "«…»: 2 комментария"), or ``None`` if the line is no such heading."""
    if _COMMENTS_PAREN_RE.match(text):
        return to_int(text)
    if _COUNT_HEADING_RE.match(text) or _LATE_COUNT_HEADING_RE.match(text):
        count = parse_response_count(text)
        if count is not None:
            return count
    m = _LOCAL_COUNT_RE.match(text)
    if m is None:
        return None
    n = m.group("n") or m.group("n2")
    return int(n) if n.isdecimal() else _LOCAL_NUMBERS.get(n.lower())


def _is_prose(u: _Unit) -> bool:
    return u.kind == "para" and (
        len(u.text) >= _PROSE_MIN
        or (len(u.text) >= 30 and bool(_SENTENCE_END_RE.search(u.text))
            and len(u.text.split()) >= 6)
    )


def _credit_caption(u: _Unit) -> tuple[str | None, str | None] | None:
    """Caption text and credit when a short paragraph ends in a labelled photo credit."""
    if u.kind != "para" or len(u.text) > _CAPTION_MAX:
        return None
    text, credit = split_credit(u.text)
    if credit is None:
        return None
    return text, credit


@attrs.frozen
class _TermLine:
    categories: tuple[Term, ...]
    tags: tuple[Term, ...]


_AND_BEFORE_RE = re.compile(r"\s(?:and|und|et|y|e|en)\s{1,3}$", re.IGNORECASE)
"""The "and" of "Posted in Feelings and tagged baby": a lower-case label continuing a list."""


def _terms_of(u: _Unit) -> _TermLine | None:
    """The categories and tags a post-footer line names, or ``None`` if it names none."""
    text = u.text
    if len(text) > 600:
        return None
    m = _ENTRY_SENTENCE_RE.match(text) if u.kind != "item" else None
    if m:
        cats = _split_terms(u, m.start("cats"), m.end("cats"), "category")
        tags = (_split_terms(u, m.start("tags"), m.end("tags"), "post_tag")
                if m.group("tags") else ())
        if cats is None or tags is None:
            return None
        return _TermLine(categories=cats, tags=tags)
    labels = list(_TERM_LABEL_RE.finditer(text))
    if len(text) <= 400:
        labels = sorted(labels + [m for m in _TERM_LABEL_RUN_RE.finditer(text)
                                  if not any(m.start() == k.start() for k in labels)],
                        key=lambda k: k.start())
    run_in = {m.start() for m in _TERM_LABEL_RUN_RE.finditer(text)} if len(text) <= 400 else set()
    # "Am Tag danach, …" is a label word inside a sentence; "… 2013 in Fotografie | Tags: a"
    # and "… veröffentlicht. Schlagworte: a, b" are labelled lists after other meta.
    # Once a list has started, a later label continues it when it reads as one: written
    # with a capital or a colon ("… Tags: a") — a lower-case word inside the list is a
    # term's own word ("Kunst rubrik Nord").
    kept: list[re.Match[str]] = []
    for k in labels:
        if k.start() == 0 or k.start() in run_in \
                or (k.group("colon") is not None and k.group("label")[0].isupper()) \
                or text[max(0, k.start() - 2):k.start()].strip() in {"|", "•", "·"} \
                or (kept and (k.group("colon") is not None or k.group("label")[0].isupper()
                              or _AND_BEFORE_RE.search(text, 0, k.start()) is not None)):
            kept.append(k)
    labels = kept
    if not labels or (u.kind == "item" and (labels[0].start() != 0
                                            or labels[0].group("colon") is None)):
        return None
    cats_out: list[Term] = []
    tags_out: list[Term] = []
    for n, lab in enumerate(labels):
        end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
        taxonomy = "category" if lab.group("cat") else "post_tag"
        bare = (lab.group("colon") is None and lab.start() not in run_in
                and lab.group("label").lower() in _BARE_LABELS
                and u.link_at(lab.end(), lab.end() + 1) is None)
        # "Tags herons, ink wash" (no colon, no link): only a list of short names says so,
        # under a label written as a label, with its capital ("tags herons" is prose)
        if bare and not lab.group("label")[0].isupper():
            return None
        terms = _split_terms(u, lab.end(), end, taxonomy, max_words=4 if bare else 8)
        if terms is None:
            return None
        (cats_out if taxonomy == "category" else tags_out).extend(terms)
    if not cats_out and not tags_out:
        return None
    return _TermLine(categories=tuple(cats_out), tags=tuple(tags_out))


_BARE_LABELS = frozenset({
    "categories", "category", "tags", "tag", "kategorie", "kategorien", "schlagwörter",
    "schlagworte", "schlagwort", "catégories", "catégorie", "categorías", "categoría",
    "categorie", "categoria", "categorieën", "etiquetas", "etichette", "étiquettes",
    "mots-clés", "mots clés", "rubrik", "rubriken", "categorias", "rubriky", "rubrika",
    "рубрики", "рубрика", "категории", "категория", "категорії", "категорія", "kategoriler",
    "kategori", "categorii", "kategóriák", "kategória", "κατηγορίες", "κατηγορία",
    "kategorier", "tagi", "štítky", "метки", "позначки", "мітки", "теги", "etiketler",
    "etichete", "címkék", "címke", "ετικέτες", "etiketter", "taggar",
})


def _split_terms(u: _Unit, start: int, end: int, taxonomy: str, *, max_words: int = 8
                 ) -> tuple[Term, ...] | None:
    text = u.text
    segment = text[start:end]
    # " | Tagged …", " | Leave a comment": a separator ends the list
    cut = re.search(r"\s[|•·—–]|\s@\s(?=\d)|\s(?:post navigation|beitragsnavigation)"
                    r"|\s(?:by|von|par|por)\s\S{1,40}(?:\s\S{1,40})?\s(?:on|am|le|el)\s", segment)
    if cut:
        segment = segment[:cut.start()]
    out: list[Term] = []
    pos = start
    pieces = segment.split(",")
    for n, piece in enumerate(pieces):
        p_start = pos + (len(piece) - len(piece.lstrip()))
        pos += len(piece) + 1
        name = clean_space(piece)
        if name is not None and n == len(pieces) - 1 and len(name) > 1 \
                and name[-1] in ".|" and name[-2].isalnum():
            name = name[:-1]  # the full stop of "… and tagged frost, leeks."
        if name is None or _TERM_NOISE_RE.match(name):
            continue
        if len(name) > 60 or len(name.split()) > max_words:
            return None
        link = u.link_at(p_start, p_start + len(piece.strip()))
        url = link.url if link is not None else None
        out.append(Term(name=name, slug=slug_from_url(url), url=url, taxonomy=taxonomy))
    return tuple(out) if out else None


@attrs.frozen
class _Page:
    title: int | None
    body_start: int
    body_end: int


def _find_title(units: list[_Unit], quoted: str | None, feed_title: str | None = None
                ) -> int | None:
    if not quoted:
        # a title the page names elsewhere: its comments feed, or a breadcrumb's last step
        quoted = feed_title or _breadcrumb_tail(units)
    if quoted:
        # the same words exactly, else the same words with other punctuation; a line
        # followed by a byline wins over the site's name or a "recent posts" entry
        exact = clean_space(quoted)
        key = _key(quoted)
        for loose in (False, True):
            found = [i for i, u in enumerate(units) if u.kind != "item" and (
                (bool(key) and _key(u.text) == key) if loose else clean_space(u.text) == exact)]
            if found:
                # never a line in the discussion or the sidebar after it
                talk = next((i for i, u in enumerate(units)
                             if u.kind != "item" and _is_count_heading(u.text)), len(units))
                return next((i for i in found if i + 1 < len(units) and i < talk
                             and _is_meta(units[i + 1].text)), found[0])
    guess = _guess_title(units)
    top = _top_heading(units)
    if top is not None and (guess is None or units[guess].level != 1):
        return top
    signed = _signed_title(units)
    # a later signed line only just past a short label ("RSS", "Artikel", the blog's name)
    if signed is not None and guess is not None \
            and (signed < guess or (signed - guess <= 3
                                    and len(re.findall(r"\w+", units[guess].text)) <= 4)) \
            and not any(u.level is not None for u in units) \
            and not _followed_by_byline(units, guess):
        return signed
    return guess


def _followed_by_byline(units: list[_Unit], i: int) -> bool:
    after = [v for v in units[i + 1:i + 4] if v.kind != "image"][:1]
    return any(len(v.text) <= 120 and (_is_byline(v.text)
                                       or _is_dated_byline(v) or _is_dated_meta(v))
               for v in after)


def _teaser_counts(units: list[_Unit]) -> dict[tuple[str, str], int]:
    """How often each line is printed with the same line under it (sliders and teaser
    lists repeat their entries; a post's title and byline appear once)."""
    counts: dict[tuple[str, str], int] = {}
    for u, below in itertools.pairwise(units[:5001]):
        if len(u.text) <= 250:
            pair = (clean_space(u.text) or "", below.text)
            counts[pair] = counts.get(pair, 0) + 1
    return counts


def _signed_title(units: list[_Unit]) -> int | None:
    """The first line of title shape (3 to 25 words) with a byline or a dated line right
    under it ("By Keith Kelly", "Posted on …", "MND Staff - April 15, 2025")."""
    talk = next((i for i, u in enumerate(units)
                 if u.kind != "item" and _is_count_heading(u.text)), len(units))
    counts: dict[tuple[str, str], int] = {}
    for i in range(min(talk, len(units) - 1, 2000)):
        u = units[i]
        if u.kind == "item" or not 3 <= len(u.text.split()) <= 25 or not _is_title_like(u) \
                or _is_dated_meta(u):
            continue
        if _followed_by_byline(units, i) \
                and any(_is_prose(v) for v in units[i + 2:i + 12]) \
                and (counts := counts or _teaser_counts(units)).get(
                    (clean_space(u.text) or "", units[i + 1].text), 0) <= 1:
            return i
    return None


def _top_heading(units: list[_Unit]) -> int | None:
    """A first-level heading (html2text's "****** … ******", Markdown's "# …") of title
    shape with the post's byline, date or first prose right under it."""
    talk = next((i for i, u in enumerate(units)
                 if u.kind != "item" and _is_count_heading(u.text)), len(units))
    for i in range(min(talk, len(units) - 1)):
        u = units[i]
        if u.kind != "heading" or u.level != 1 or len(u.text.split()) < 2 \
                or not _is_title_like(u):
            continue
        after = [v for v in units[i + 1:i + 5] if v.kind != "image"][:2]
        if after and after[0].kind == "heading":
            continue  # the site's name over the post's own heading
        if any(_is_meta(v.text) or _is_dated_meta(v) or _is_dated_byline(v) for v in after) \
                or (after and _is_prose(after[0]) and _prose_run(units, i + 1) >= _PROSE_RUN):
            return i
    return None


def _guess_title(units: list[_Unit]) -> int | None:
    """The title-like line just before the first run of prose."""
    starts = (i for i, u in enumerate(units)
              if _is_prose(u) and _credit_caption(u) is None and not _is_meta(u.text)
              and _terms_of(u) is None and not _BODY_END_RE.match(u.text)
              and _prose_run(units, i) >= _PROSE_RUN)
    # The first run of prose may be a tagline or a notice with no title before it: try the
    # next few.
    for _, prose in zip(range(12), starts, strict=False):
        run = _title_run(units, prose)
        if run:
            break
    else:
        # a short post has no run of prose: a title with a dated byline under it will do
        return next((i for i in range(len(units) - 1)
                     if units[i].kind in {"para", "heading"} and len(units[i].text) <= 250
                     and not _MENU_RE.match(units[i].text) and not _is_meta(units[i].text)
                     and _is_dated_byline(units[i + 1])), None)
    marked = [i for i in run if units[i].kind == "heading" and units[i].level is not None]
    if marked:
        # html2text and Markdown say a heading's level: the one with the byline under it,
        # else the highest one, is the title (the site's name may be a higher heading)
        signed = [i for i in marked if _followed_by_byline(units, i)]
        if signed:
            return max(signed)
        best = min(units[i].level or 9 for i in marked)
        return max(i for i in marked if units[i].level == best)
    # Between a title and its first paragraph themes print author names, kickers and
    # share labels: prefer a line of title length, a heading, one followed by a byline.
    return max(run, key=lambda i: (_title_score(units, i), i))


_CRUMB_SEP_RE = re.compile(r"\s(?:»|>>|>|›|/)\s")


def _breadcrumb_tail(units: list[_Unit]) -> str | None:
    """The last step of a breadcrumb ("Home » Recipes » Olive Bread") that the next few
    lines repeat on a line of its own: the post's title."""
    for i, u in enumerate(units[:400]):
        if u.kind == "item" or len(u.text) > 400:
            continue
        parts = _CRUMB_SEP_RE.split(u.text)
        if len(parts) < 3 or ("»" not in u.text and ">" not in u.text):
            continue
        tail = parts[-1].strip()
        key = _key(tail)
        if len(tail.split()) < 2 or not key:
            continue
        if any(v.kind != "item" and _key(v.text) == key for v in units[i + 1:i + 6]):
            return tail
    return None


def _is_dated_byline(u: _Unit) -> bool:
    """ "Posted on April 18, 2023 by …": a byline whose date reads as one."""
    m = _BYLINE_PARTS_RE.match(u.text) if len(u.text) <= 200 else None
    date = (m.group("date") or m.group("date2") or m.group("date3")) if m else None
    return date is not None and _parse_date(date) is not None


def _title_run(units: list[_Unit], prose: int) -> list[int]:
    """Title-like lines just before ``units[prose]``, nearest first."""
    run: list[int] = []
    for i in range(prose - 1, max(-1, prose - 40), -1):
        u = units[i]
        if _is_meta(u.text) or u.kind == "image" or _credit_caption(u) is not None \
                or _terms_of(u) is not None or _is_dated_meta(u):
            continue
        if _is_share_control(u):
            continue  # a share menu under the title (Blogger's "Get link", "Facebook" …)
        if _is_title_like(u):
            run.append(i)
            continue
        if run or u.kind == "item" or _is_prose(u):
            break
    return run


def _is_share_control(u: _Unit) -> bool:
    """A share menu's entry (an item "Facebook", "Get link") or lynx's "(BUTTON)"."""
    return (u.kind == "item" and _SHARE_ITEM_RE.match(u.text) is not None) or (
        u.kind != "heading" and u.text.strip().upper() == "(BUTTON)")


_SHARE_ITEM_RE = re.compile(
    r"^(?:get link|facebook|x|twitter|pinterest|e-?mail|other apps|linkedin|whatsapp"
    r"|reddit|tumblr|telegram|print|share|link kopieren|teilen|partager|compartir"
    r"|condividi)$", re.IGNORECASE)


def _title_score(units: list[_Unit], i: int) -> int:
    u = units[i]
    words = len(u.text.split())
    score = 2 if 3 <= words <= 25 else (1 if words == 2 else 0)
    if u.kind == "heading":
        score += 1
    if " | " in u.text or (u.text.isupper() and words < 3):
        score -= 1
    nxt = units[i + 1] if i + 1 < len(units) else None
    if nxt is not None and len(nxt.text) <= 200 and _is_byline(nxt.text):
        # the byline under it outweighs any shape: a one-word title ("E", "Hi") with its
        # byline wins over a line of title length further down
        score += 3
    return score


_PROSE_RUN = 250
"""Characters of prose a post's body starts with (a tagline or a notice has fewer)."""
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni"
          r"|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre"
          r"|octobre|novembre|décembre)[^\W\d]{0,7}\.?")
# a full date: "22. Dezember 2019", "March 3, 2024", "3 March 2024", "12.05.2019", ISO
_DATEISH_RE = re.compile(
    r"\b\d{1,2}\.?\s{0,2}" + _MONTH + r"\s{0,2}\d{4}"
    r"|\b" + _MONTH + r"\s{0,2}\d{1,2}(?:st|nd|rd|th)?,?\s{0,2}\d{4}"
    r"|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)


def _prose_run(units: list[_Unit], i: int) -> int:
    """Characters of prose and list text in the few blocks from ``units[i]`` on."""
    return sum(len(u.text) for u in units[i:i + 6]
               if _is_prose(u) or (u.kind == "item" and len(u.text) >= 40))


def _is_dated_meta(u: _Unit) -> bool:
    """A short line with a date in it, printed between a title and its body
    ("Dezember 201922. Dezember 2019 von Peter Addor", "Alexia Tsotsis / 2 days ago")."""
    return (len(u.text) <= 120 and len(u.text.split()) <= 14
            and bool(_DATEISH_RE.search(u.text))
            and (u.kind == "item" or not _SENTENCE_END_RE.search(u.text)))


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.replace("\u00a0", " ")).strip().casefold()


_CURLY_QUOTED_RE = re.compile(r"^\s{1,3}\w{1,6}\s{1,3}“(?P<q>.{1,300})”$")


def _quoted_title(units: Sequence[_Unit]) -> str | None:
    for u in units:
        if u.kind != "item" and _is_count_heading(u.text):
            m = _COUNT_HEADING_RE.match(u.text)
            rest = (m.group("rest") if m else "") or ""
            if m is None or parse_response_count(u.text) is None:
                # a heading in the forms only this reader knows: its quoted part is the title
                local = _LOCAL_COUNT_RE.match(u.text)
                quoted = _LOCAL_QUOTE_RE.search(u.text) if local else None
                if quoted and quoted.group("q").strip():
                    return quoted.group("q").strip()
                rest = (local.group("rest") if local else "") or ""
            exact = _CURLY_QUOTED_RE.match(rest)
            if exact and exact.group("q").strip():
                # WordPress's own “…” around the title: everything inside is the title
                return exact.group("q")
            q = _QUOTED_RE.search(rest)
            if q and q.group("q").strip("”\"’'» "):
                return q.group("q").rstrip("”\"’'»")
            # "142 Antworten zu Würde des Lebens – ein Projekt": the title, unquoted
            bare = re.sub(r"^\s{0,3}\w{1,6}\s{1,3}", "", rest).strip()
            if len(bare) > 3:
                return bare
    return None


# a discussion's heading that counts nothing (Blogger's and Genesis's "Comments")
_COMMENTS_HEADING_RE = re.compile(
    r"^(?:comments|responses|replies|discussion|kommentare|antworten|commentaires"
    r"|comentarios|comentários|commenti|reacties|komentarze|komentáře|комментарии"
    r"|коментарі|yorumlar|comentarii|hozzászólások|σχόλια|kommentarer)$", re.IGNORECASE)


# Blogger's share menu under a post opens with "Get link"
_GET_LINK_RE = re.compile(r"^get link$", re.IGNORECASE)


def _is_body_end(u: _Unit) -> bool:
    t = u.text
    if u.kind == "item":
        return bool(_PINGBACK_RE.match(t) or _is_says(_strip_avatar(t)[:320])
                    or _GET_LINK_RE.match(t))
    return bool(
        _BODY_END_RE.match(t) or _is_count_heading(t) or _form_heading(t)
        or _COMMENTS_HEADING_RE.match(t) or _GET_LINK_RE.match(t)
        or _terms_of(u) is not None or _PINGBACK_RE.match(t)
        or (len(t) <= 200 and _NAV_RE.match(t) and u.kind != "heading")
        or (len(t) <= 320 and _is_says(_strip_avatar(t)))
    )


def _is_says(text: str, *, dated: bool = False) -> bool:
    """An author line: "Name says:", the name a few words with no sentence in it.

    With ``dated`` (the next line is the comment's date) the name may hold sentence
    punctuation ("Yahoo! fan says:"): a date under it makes the line a comment's head.
    """
    m = _SAYS_RE.match(text)
    if m is None:
        return False
    if not m.group("colon") and (m.group("rest") or not dated):
        # Genesis prints "Ann says" with no colon: a head only with the date under it
        return False
    # an entity written out as text ("&#8217;") is part of a name, not a sentence's ";"
    name = _ENTITY_TEXT_RE.sub("", m.group("name"))
    if len(name.split()) > 6:
        return False
    return dated or not re.search(r"[;!?]\s|\.\s\w{2}|\w{3}\.$", name)


# Twenty Twelve and the themes built on it print a comment's head as the name and the
# date on one line, with no "says:" ("Ann Lee June 3, 2014 at 7:02 am"); the post author's
# reply carries a label after the name.
_HEAD_TIME_RE = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s{0,2}[ap]\.?\s?m\.?)?(?:\s{1,3}[a-z]{3,4})?$",
                           re.IGNORECASE)
_AUTHOR_LABEL_TAIL_RE = re.compile(
    r"(?:\s{1,3}|(?<=[^\W\d_]))\(?(?:post author|beitragsautor|autor do post"
    r"|autor de la entrada|auteur de l['’]article|autore dell['’]articolo|berichtauteur)\)?$",
    re.IGNORECASE)
_NAME_SENTENCE_RE = re.compile(r"[;!?:,]|\.\s\w{2}|\w{3}\.$")
_HEAD_MONTH_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni"
    r"|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre)[^\W\d]{0,7}\.?\s", re.IGNORECASE)
_HEAD_REPLY_TAIL_RE = re.compile(
    r"\s{0,3}[-–|·]?\s{1,3}(?:reply|antworten|répondre|responder|rispondi|reageer|odpowiedz|ответить"
    r"|відповісти|yanıtla|răspunde|válasz|απάντηση|svara)$", re.IGNORECASE)
# "Screen Shot 2011-08-13 at 12.00.00 AM": a file's name, not a comment's head
_FILE_TIME_RE = re.compile(r"\d{1,2}\.\d{2}\.\d{2}(?:\s{0,2}[ap]m)?$", re.IGNORECASE)
# "14.09.2022 um 21.32": the time written with a dot
_DOTTED_TIME_RE = re.compile(r"(\s(?:um|at|à|alle|a las|om|kl\.?)\s{1,3}\d{1,2})[.h](\d{2})\b",
                             re.IGNORECASE)
# what themes print around the name: "Comment by Ann —", "Ann ·", "Ann on"
_HEAD_NAME_TRIM_RE = re.compile(
    r"^(?:comment by|kommentar von|commentaire de|comentario de)(?:\s{1,3}|$)"
    r"|\s{0,3}(?:[-–—·|]|(?:^|\s)(?:on|am|le|el|il|op|um|at|said|says|sagt|schreibt|meint"
    r"|denkt|dit|dice|zegt))+$", re.IGNORECASE)
_GLUED_DATE_RE = re.compile(
    r"(?<=[^\W\d_])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s\d)")


def _name_date_head(text: str) -> tuple[str, str, bool] | None:
    """A comment head of a name and a dated time on one line: the name, the date text and
    whether the post author's label follows the name; ``None`` for any other line."""
    # OceanWP prints the reply link on the same line: "Ann Lee 19 Jan 2024 Reply"; with
    # it the date needs no time to make the line a comment's head
    reply = _HEAD_REPLY_TAIL_RE.search(text)
    if reply is not None:
        text = text[:reply.start()]
    if len(text) > 160 or (reply is None and _HEAD_TIME_RE.search(text) is None) \
            or _FILE_TIME_RE.search(text) is not None:
        return None
    # the theme prints no space between the name (or its label) and the date's link
    text = _GLUED_DATE_RE.sub(" ", text)
    words = text.split()
    for k in range(1, min(len(words), 9)):
        name, date = " ".join(words[:k]), " ".join(words[k:])
        if not (date[:1].isdigit() or _HEAD_MONTH_RE.match(date)):
            continue
        date = _DOTTED_TIME_RE.sub(r"\1:\2", date)
        if not _is_date_line(date):
            continue
        author_label = _AUTHOR_LABEL_TAIL_RE.search(name)
        if author_label is not None:
            name = name[:author_label.start()]
        name = _HEAD_NAME_TRIM_RE.sub("", name)
        if not _name_shaped(name, 5) or not name[:1].isalpha() or "[" in name:
            return None
        return name, date, author_label is not None
    return None


def _name_head(text: str) -> str | None:
    """A comment head that is the name alone (the date on the next line: Astra,
    GeneratePress, the block themes): a few words that are no sentence, date or label."""
    if len(text) > 80 or "[" in text or not text[:1].isalpha():
        return None  # an image's alt text, a marker or an arrow, not a name
    name = _HEAD_NAME_TRIM_RE.sub("", _AUTHOR_LABEL_TAIL_RE.sub("", text)).strip()
    # the block themes print the avatar's alt text, "Name Avatar", over the name
    name = _AVATAR_TAIL_RE.sub("", name)
    if not _name_shaped(name, 4) or _TITLE_WORD_RE.search(name) \
            or _SECTION_WORD_RE.search(name) or _REPLY_LINE_RE.match(name) \
            or _MENU_RE.match(name) or _PINGBACK_RE.match(name) or _is_count_heading(name) \
            or _form_heading(name) is not None:
        return None
    return name


def _name_shaped(name: str, max_words: int) -> bool:
    """Whether ``name`` could be a commenter's name: a few words, no sentence, no date."""
    return bool(name) and len(name.split()) <= max_words \
        and _NAME_SENTENCE_RE.search(name) is None and not _is_date_line(name)


# a sidebar's or footer's heading over dated entries ("Recent posts", "Aktuelle Beiträge")
_SECTION_WORD_RE = re.compile(
    r"\b(?:posts?|articles?|comments?|entries|archives?|categories|recent|latest|related"
    r"|popular|beiträge|kommentare|artikel|neueste|aktuelle|ähnliche|derniers|récents"
    r"|recientes|entradas|articoli|recenti|berichten|recente)\b", re.IGNORECASE)
_AVATAR_TAIL_RE = re.compile(r"\s{1,3}avatar$", re.IGNORECASE)
# words of a teaser's title, not of a name ("A week of windowsill experiments")
_TITLE_WORD_RE = re.compile(
    r"\b(?:the|a|an|for|with|and|to|in|on|at|of|my|our|your|how|why|what|when|is|are|was"
    r"|this|that|from|after|before|into|about|der|die|das|und|mit|für|le|la|les|pour|avec"
    r"|el|los|las|con|para)\b", re.IGNORECASE)


def _date_follows(units: Sequence[_Unit], n: int) -> bool:
    """Whether the first unit after ``units[n]`` (images aside) is a date line."""
    for u in units[n + 1:n + 3]:
        if u.kind != "image":
            return _is_date_line(_strip_edit(clean_space(u.text) or ""))
    return False


_ENTITY_TEXT_RE = re.compile(r"&#?\w{1,10};")


def _strip_avatar(text: str) -> str:
    m = _AVATAR_RE.match(text)
    return text[m.end():] if m and m.end() < len(text) else text


# -- copies saved from a web archive's replay ----------------------------------------------

def _toolbar_line(line: str) -> str:
    """A line as the archive's toolbar words compare: no link number, brackets or the
    underscores html2text draws links with, lower case."""
    return _TOOLBAR_NOISE_RE.sub(" ", line).strip().casefold()


_FILE_ROOT_RE = re.compile(r"^file://[^/]{0,200}(?=/web/\d)", re.IGNORECASE)
_TOOLBAR_NOISE_RE = re.compile(r"\[\d{1,6}\]|[\[\]_]+")
_CAPTURE_LINE_RE = re.compile(r"\bcaptures?\b", re.IGNORECASE)
_TOOLBAR_SCAN = 150
_TOOLBAR_SPAN = 80


def _drop_replay_toolbar(lines: list[str]) -> tuple[list[str], bool]:
    """``lines`` without the web archive's toolbar (a replayed page's first lines: "Wayback
    Machine", the capture calendar, "About this capture" … "TIMESTAMPS"), and whether it
    was there."""
    start = next((n for n, line in enumerate(lines[:_TOOLBAR_SCAN])
                  if _toolbar_line(line) == "wayback machine"), None)
    if start is None:
        return lines, False
    window = [_toolbar_line(line) for line in lines[start:start + _TOOLBAR_SPAN]]
    end = next((n for n, line in enumerate(window) if line == "timestamps"), None)
    if end is None:
        # older toolbars: the calendar and the capture count, no "About this capture"
        captures = [n for n, line in enumerate(window[:15]) if _CAPTURE_LINE_RE.search(line)]
        if not captures:
            return lines, False
        end = captures[-1]
        while end + 1 < len(window) and _TOOLBAR_DATES_RE.match(window[end + 1]):
            end += 1
    elif end + 1 < len(window) and window[end + 1] == "loading":
        end += 1
    end += start + 1
    # lynx shows the archive's donation frame next: "IFRAME:" and its address
    after = end
    while after < len(lines) and not lines[after].strip():
        after += 1
    if after < len(lines) and lines[after].strip() == "IFRAME:":
        end = after
        while end < len(lines) and lines[end].strip():
            end += 1
    return lines[:start] + lines[end:], True


# "09 jan 2014 - 01 jan 2017", "2013 2014 2015", "close help" (lower-cased)
_TOOLBAR_DATES_RE = re.compile(
    r"^(?:\d{1,2} [a-z]{3} \d{2,4}(?: - \d{1,2} [a-z]{3} \d{2,4})?|(?:\d{4}\s+){2}\d{4}"
    r"|close(?:\s+help)?|help)$")
_ANY_URL_RE = re.compile(r"https?://", re.IGNORECASE)


def _replay_capture(text: str, url: str | None, toolbar: bool
                    ) -> tuple[bool, datetime | None]:
    """Whether the dump is of a page saved from a web archive's replay, and its capture
    time where the dump shows one.  It is when it shows the archive's toolbar, when ``url``
    is a replay address, or when at least half of its addresses point into the archive;
    the time is ``url``'s timestamp, else the one most of its addresses carry."""
    if url is not None and unwrap_url(url) != url:
        return True, timestamp_time(url)
    if not toolbar and "archive.org/web/" not in text:
        return False, None
    stamps = replay_stamps(text)
    others = len(_ANY_URL_RE.findall(text)) - 2 * len(stamps)
    if not toolbar and (len(stamps) < 3 or len(stamps) < others):
        return False, None
    full = Counter(s for s in stamps if len(s) == 14).most_common(1)
    return True, stamp_time(full[0][0]) if full else None


def parse_text(text: str, *, url: str | None = None, options: Options = LENIENT) -> PageResult:
    """Parse a page saved as plain text into a :class:`~blogparse.PageResult` (format ``text``).

    ``url`` is the page's address: it resolves relative links and is recorded on the
    result.  Recovers the title, captions with credits, body blocks, categories and tags,
    the response count, pingbacks, comments and the reply form as far as the dump carries
    them.  Text that is not a blog page gives an ``empty`` result with a ``NO_POSTS``
    defect (with ``options.strict``: :class:`~blogparse.StrictModeError`).
    """
    defects: list[Defect] = []
    lines = _normalise(text, defects)
    lines, toolbar = _drop_replay_toolbar(lines)
    lines, style = _read_style(lines)
    replay, captured = _replay_capture(text, url, toolbar)
    if replay:
        style = attrs.evolve(style, replay=True)
        url = unwrap_url(url) if url else None
    units = _units(lines, style, url)
    post = _post(units, defects, options, style.feed_title)
    if post is None:
        defects.append(Defect(kind=DefectKind.NO_POSTS,
                              message="the text holds nothing that reads as a blog post"))
        result = PageResult(kind="empty", format="text", url=url, captured=captured,
                            defects=tuple(defects))
    else:
        result = PageResult(kind="single", posts=(post,), format="text", url=url,
                            captured=captured, defects=tuple(defects))
    options.check(result.defects)
    return result


def _post(units: list[_Unit], defects: list[Defect], options: Options,
          feed_title: str | None = None) -> Post | None:
    if not units:
        return None
    quoted = _quoted_title(units)
    t = _find_title(units, quoted, feed_title)
    if t is None:
        return None
    title = clean_space(units[t].text)
    # leading meta: bylines, dates, "Leave a comment" between the title and the body
    start = t + 1
    published = None
    authors: tuple[Person, ...] = ()
    cats: list[Term] = []
    tags: list[Term] = []
    # WordPress names a post's comments feed after the post: the page is a blog post
    evidence = 1 if feed_title and _key(feed_title) == _key(title or "") else 0
    # a theme may print the date, author and terms above the title
    for u in units[max(0, t - 2):t]:
        terms = _terms_of(u)
        if terms is not None and u.kind != "item":
            cats.extend(terms.categories)
            tags.extend(terms.tags)
            evidence += 1
    limit = t + 8
    while start < len(units) and start < limit:
        u = units[start]
        terms = _terms_of(u)
        if terms is not None:
            cats.extend(terms.categories)
            tags.extend(terms.tags)
            evidence += 1
        elif _is_dated_meta(u) and not _is_meta(u.text):
            pass
        elif _is_share_control(u):
            limit += 1  # a share menu between the title and the byline (Blogger)
        elif _COMMENTS_HEADING_RE.match(u.text) and u.kind != "heading":
            pass  # the comments link among the title's meta ("Comments")
        elif u.kind != "item" and _is_count_heading(u.text) and title \
                and _key(title) in _key(u.text) and start + 1 < len(units) \
                and not _is_body_end(units[start + 1]):
            # the comments link among the title's meta ("4 Comments on Title", Twenty
            # Nineteen), with the post's text under it: not the discussion's heading
            evidence += 1
        elif _is_meta(u.text) and u.kind != "item":
            if published is None and not authors:
                published, authors = _byline(u, defects)
                evidence += 1 if published is not None else 0  # "by X" alone is prose too
            elif not authors and _AUTHOR_LINE_RE.match(u.text):
                # the date on one line, "Author: Name" ("Szerző:", "Yazar:", "Автор:") on the next
                authors = _byline(u, defects)[1]
        else:
            break
        start += 1
    end = start
    while end < len(units) and not _is_body_end(units[end]):
        end += 1
    blocks, captions = _body(units[start:end])
    # the post footer: term lines up to the discussion
    rest = units[end:]
    disc_start = 0
    count: int | None = None
    form_at = _form_at(rest)
    login_at = next((n for n, u in enumerate(rest) if _LOGIN_LINE_RE.search(u.text)), None)
    stop = form_at if form_at is not None else (login_at if login_at is not None else len(rest))
    # the footer ends where the discussion starts: a comment's text is not the post's terms
    footer_end = next((n for n, u in enumerate(rest[:60])
                       if (u.kind != "item" and _is_count_heading(u.text))
                       or _PINGBACK_RE.match(u.text)
                       or (len(u.text) <= 320 and _is_says(_strip_avatar(u.text)))),
                      60)
    for u in rest[:footer_end]:
        terms = _terms_of(u)
        if terms is not None:
            cats.extend(terms.categories)
            tags.extend(terms.tags)
            evidence += 1
        if _FURNITURE_RE.match(u.text):
            evidence += 1
    for n, u in enumerate(rest[:stop]):
        if u.kind != "item" and _is_count_heading(u.text):
            count = _count_of(u.text)
            disc_start = n + 1
            evidence += 1
            break
    comments, pingbacks = _discussion(rest[disc_start:stop], defects, options,
                                      headed=bool(count), not_before=published)
    # a "says:" inside prose is no comment: only dated comments speak for a blog page
    evidence += len(pingbacks) + sum(1 for c in comments if c.date is not None)
    form = None
    if form_at is not None or login_at is not None:
        form = _form(rest, form_at if form_at is not None else max(0, (login_at or 0) - 1),
                     form_at is not None)
        evidence += 1
    if evidence == 0 or (not blocks and not comments and not pingbacks and form is None):
        return None
    if published is not None and published.tzinfo is None:
        defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="published",
                              message="the byline's date carries no UTC offset",
                              post_index=0))
    content = "\n\n".join(b.text for b in blocks) or None
    return Post(
        title=title,
        authors=authors,
        published=published,
        categories=_unique(cats),
        tags=_unique(tags),
        content_text=content,
        blocks=tuple(blocks),
        captions=tuple(captions),
        comments=comments,
        pingbacks=pingbacks,
        response_count=count,
        comment_form=form,
    )


def _unique(terms: Iterable[Term]) -> tuple[Term, ...]:
    seen: set[str] = set()
    out: list[Term] = []
    for term in terms:
        key = term.name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(term)
    return tuple(out)


def _byline(u: _Unit, defects: list[Defect]) -> tuple[datetime | None, tuple[Person, ...]]:
    """Date and author of a byline that says which is which ("Posted on … by …")."""
    m = _BYLINE_PARTS_RE.match(u.text)
    if m is None:
        return None, ()
    date_text = m.group("date") or m.group("date2") or m.group("date3")
    author = clean_space(m.group("author") or m.group("author2") or m.group("author3")
                         or m.group("author4"))
    published = _parse_date(date_text) if date_text else None
    if date_text and published is None:
        defects.append(Defect(kind=DefectKind.BAD_DATE, field="published",
                              message=f"the byline date {date_text!r} could not be read",
                              post_index=0))
    authors: tuple[Person, ...] = ()
    if author and len(author.split()) <= 6 and not re.search(r"\d", author):
        start = u.text.find(author)
        link = u.link_at(start, start + len(author)) if start >= 0 else None
        authors = (Person(name=author, url=link.url if link else None),)
    return published, authors


def _body(units: Sequence[_Unit]) -> tuple[list[Block], list[Caption]]:
    """Blocks and captions of the post body, in page order."""
    blocks: list[Block] = []
    captions: list[Caption] = []
    items: list[str] = []
    ordered = False
    item_indent = -1
    n = len(units)
    i = 0

    def flush() -> None:
        nonlocal items
        if items:
            blocks.append(Block(kind="list", text="\n".join(items), ordered=ordered,
                                items=tuple(items)))
            items = []

    while i < n:
        u = units[i]
        text = clean_space(u.text) or ""
        if u.kind == "item":
            if items and u.indent > item_indent >= 0:
                # a nested item continues its parent's item
                items[-1] = items[-1] + "\n" + text
            else:
                if not items:
                    ordered = bool(u.marker and u.marker[0].isdigit())
                    item_indent = u.indent
                items.append(text)
            i += 1
            continue
        flush()
        if _REPLY_LINE_RE.match(text) or _MENU_RE.match(text):
            i += 1
            continue
        image = u if u.kind == "image" else None
        nxt = units[i + 1] if i + 1 < n else None
        credit = _credit_caption(u)
        if credit is None and nxt is not None and _credit_caption(nxt) is not None \
                and u.kind in {"para", "heading", "image"} and len(text) <= 200 \
                and not _SENTENCE_END_RE.search(text):
            # the image's alternative text printed on its own line before its caption
            image = u
            i += 1
            u = nxt
            credit = _credit_caption(u)
        elif image is not None and nxt is not None and nxt.kind == "para" \
                and credit is None and len(nxt.text) <= 150 and (
                    image.runin or (bool(image.links) and image.links[0].image
                                    and not nxt.blank_before)):
            # without a credit, only a caption printed right against its image is one
            u = nxt
            i += 1
            credit = split_credit(u.text)
        if credit is not None or image is not None:
            cap_text, cap_credit = credit if credit is not None else (None, None)
            img = None
            if image is not None:
                link = image.links[0] if image.links else None
                alt = clean_space(image.text)
                img = Image(alt=alt, src=link.url if link is not None and link.image else None,
                            link=link.url if link is not None and not link.image else None)
            if cap_text is not None or (cap_credit is not None and img is not None):
                captions.append(Caption(text=cap_text, credit=cap_credit, image=img,
                                        kind="text"))
            i += 1
            continue
        if u.kind == "heading":
            blocks.append(Block(kind="heading", text=text, level=u.level))
        elif text.startswith(">") and len(text) > 1:
            blocks.append(Block(kind="quote", text=text.lstrip("> ").strip()))
        else:
            blocks.append(Block(kind="paragraph", text=text))
        i += 1
    flush()
    return blocks, captions


def _form_at(units: Sequence[_Unit]) -> int | None:
    """Where the reply form's heading is: the first line that reads as one, unless
    comments follow it before the next such line ("Join the Conversation" is Twenty
    Nineteen's heading over the comments; its form says "Leave a comment")."""
    found = [n for n, u in enumerate(units) if u.kind != "item" and _form_heading(u.text)]
    if not found:
        return None
    for here, after in zip(found, [*found[1:], len(units)], strict=True):
        if not any(_PINGBACK_RE.match(u.text)
                   or (len(u.text) <= 320 and _is_says(_strip_avatar(u.text)))
                   for u in units[here + 1:after]):
            return here
    return found[0]


def _discussion(units: Sequence[_Unit], defects: list[Defect], options: Options, *,
                headed: bool = False, not_before: datetime | None = None
                ) -> tuple[tuple[Comment, ...], tuple[Pingback, ...]]:
    """Comments and pingbacks between the response heading and the reply form.

    Comments start at an author's "says:" line.  Where none has one, they start at a line
    of the name and the date, or (only under a comments heading that counts some) at a
    name with the date on the next line; a head dated before the post (``not_before``) is
    a teaser's, not a comment's.
    """
    comments: list[Comment] = []
    pingbacks: list[Pingback] = []
    entries = _entries(units, name_date=False)
    if not any(kind == "comment" for kind, _, _ in entries):
        entries = _entries(units, name_date=True, name_only=headed, not_before=not_before)
    indents = sorted({ind for kind, ind, _ in entries if kind == "comment"})
    stack: list[Comment] = []
    naive = naive_pings = 0
    for kind, indent, group in entries:
        if len(comments) + len(pingbacks) >= options.max_comments:
            defects.append(Defect(kind=DefectKind.LIMIT_REACHED, field="comments",
                                  message=f"more than {options.max_comments} responses; "
                                          "the rest were left out"))
            break
        if kind == "pingback":
            pingback = _pingback(group)
            if pingback.date is not None and pingback.date.tzinfo is None:
                naive_pings += 1
            pingbacks.append(pingback)
            continue
        depth = indents.index(indent) + 1 if indent in indents else 1
        comment = _comment(group, depth, stack)
        if comment.date is not None and comment.date.tzinfo is None:
            naive += 1
        while stack and stack[-1].depth >= depth:
            stack.pop()
        stack.append(comment)
        comments.append(comment)
    if naive:
        defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="comments.date",
                              message=f"{naive} comment date(s) carry no UTC offset",
                              post_index=0))
    if naive_pings:
        defects.append(Defect(kind=DefectKind.NAIVE_DATE, field="pingbacks.date",
                              message=f"{naive_pings} pingback date(s) carry no UTC offset",
                              post_index=0))
    return tuple(comments), tuple(pingbacks)


def _entries(units: Sequence[_Unit], *, name_date: bool, name_only: bool = False,
             not_before: datetime | None = None) -> list[tuple[str, int, list[_Unit]]]:
    """The discussion's units grouped into entries (kind, indent, units): each starts at
    a pingback line or a comment's head (see :func:`_discussion`)."""
    entries: list[tuple[str, int, list[_Unit]]] = []
    for n, u in enumerate(units):
        if u.kind == "image":
            continue
        body = _strip_avatar(u.text)
        if _PINGBACK_RE.match(u.text):
            entries.append(("pingback", u.indent, [u]))
        elif len(body) <= 320 and (
                _is_says(body, dated=_date_follows(units, n))
                or (name_date and _later_head(body, units, n, name_only, not_before))):
            entries.append(("comment", u.indent, [u]))
        elif name_date and n + 1 < len(units) and _AVATAR_TAIL_RE.search(body) \
                and _AVATAR_TAIL_RE.sub("", body).strip() == units[n + 1].text.strip():
            continue  # the block themes' "Name Avatar" alt text over the name
        elif entries:
            entries[-1][2].append(u)
    return entries



def _later_head(text: str, units: Sequence[_Unit], n: int, name_only: bool,
                not_before: datetime | None) -> bool:
    """Whether ``text`` (``units[n]``) is a comment's head without "says:": the name and
    the date on one line, or with ``name_only`` the name over a date line; never dated
    before the post."""
    head = _name_date_head(text)
    if head is not None:
        date_text = head[1]
    elif name_only and _name_head(text) is not None and _date_follows(units, n):
        date_text = next(_strip_edit(clean_space(u.text) or "") for u in units[n + 1:n + 3]
                         if u.kind != "image")
    else:
        return False
    if not_before is None:
        return True
    when = _parse_date(date_text)
    return when is None or when.date() >= not_before.date()


def _pingback(group: list[_Unit]) -> Pingback:
    head = group[0]
    m = _PINGBACK_RE.match(head.text)
    assert m is not None
    kind = m.group("kind").lower()
    kind = _PINGBACK_KINDS.get(kind, kind)
    text = head.text[m.end():]
    link = head.link_at(m.end(), len(head.text))
    title, blog = split_pingback_title(text)
    date = None
    excerpt_parts: list[str] = []
    for u in group[1:]:
        t = clean_space(u.text) or ""
        if date is None and _is_date_line(t):
            date = _parse_date(t)
            continue
        if _REPLY_LINE_RE.match(t):
            continue
        excerpt_parts.append(t)
    return Pingback(kind=kind, url=link.url if link is not None else None, title=title,
                    blog_name=blog, excerpt=clean_space(" ".join(excerpt_parts)), date=date)


def _comment(group: list[_Unit], depth: int, stack: list[Comment]) -> Comment:
    head = group[0]
    stripped = _strip_avatar(head.text)
    offset = len(head.text) - len(stripped)
    m = _SAYS_RE.match(stripped)
    by_author = False
    repeated_name = False
    head_parts = None if m is not None and _is_says(stripped, dated=True) \
        else _name_date_head(stripped)
    if head_parts is not None:
        name, date_text, by_author = head_parts
        name_end = len(name)
        date = _parse_date(date_text)
        rest = None
    elif m is None or not _is_says(stripped, dated=True):
        # the name alone; the date is the next line's (and the name may come again under
        # it, where the block themes print the avatar's alt text first)
        name = _name_head(stripped) or ""
        repeated_name = True
        by_author = _AUTHOR_LABEL_TAIL_RE.search(stripped) is not None
        name_end = len(name)
        date = None
        rest = None
    else:
        date = _parse_date(m.group("date")) if m.group("date") else None
        # "Anne le Brun says:": a word after "on"/"le"/"am" … that reads as no date is
        # still the name's
        name_end = m.end("date") if m.group("date") and date is None else m.end("name")
        # Greek prints "Ο/Η Name λέει:" ("he/she Name says")
        name = clean_space(_GREEK_ARTICLE_RE.sub("", stripped[:name_end])) or ""
        rest = clean_space(m.group("rest"))
    link = head.link_at(offset, offset + name_end)
    author_url = link.url if link is not None else None
    if author_url is not None and re.search(r"#comment-\d+$", author_url):
        author_url = None
    ident: int | None = None
    body: list[str] = []
    for k in head.links:
        cid = re.search(r"#comment-(\d{1,18})$", k.url)
        if cid and date is not None:
            ident = int(cid.group(1))
    if rest and date is None and _is_date_line(rest):
        date = _parse_date(rest)
    elif rest:
        body.append(rest)
    for n, u in enumerate(group[1:]):
        t = clean_space(u.text) or ""
        if n == 0 and date is None and _is_date_line(_strip_edit(t)):
            date = _parse_date(_strip_edit(t))
            for k in u.links:
                cid = re.search(r"#comment-(\d{1,18})$", k.url)
                if cid:
                    ident = int(cid.group(1))
            continue
        if _REPLY_LINE_RE.match(t):
            continue
        if repeated_name and not body and t == name:
            repeated_name = False
            continue  # the name again, under the avatar's alt text and the date
        body.append(t)
    parent = next((c for c in reversed(stack) if c.depth == depth - 1), None)
    return Comment(
        id=ident,
        author=Person(name=name, url=author_url) if name or author_url else None,
        date=date,
        content_text="\n".join(body) or None,
        parent_id=parent.id if parent is not None else None,
        depth=depth,
        by_post_author=by_author,
    )


_GREEK_ARTICLE_RE = re.compile(r"^Ο/Η\s{1,3}")


def _strip_edit(text: str) -> str:
    return _EDIT_TAIL_RE.sub("", text)


_EDIT_TAIL_RE = re.compile(
    r"\s{1,3}(?:\(edit\)|edit|bearbeiten|reply|antworten|\((?:edytuj|upravit|изменить"
    r"|редагувати|düzenle|editează|szerkesztés|[εe]πεξεργασία|redigera)\))$",
    re.IGNORECASE,
)


def _form(units: Sequence[_Unit], at: int, has_heading: bool) -> CommentForm:
    """The reply form from its heading to the sidebar or footer."""
    heading = None
    if has_heading:
        heading = _form_heading(units[at].text)
    logins: dict[str, LoginOption] = {}
    notes: list[str] = []
    subscriptions: list[str] = []
    submit = None
    previous = ""
    for u in units[at + (1 if has_heading else 0):at + 120]:
        t = clean_space(u.text) or ""
        if _FORM_END_RE.match(t) or (u.kind == "heading" and u.level == 2 and not has_heading):
            break
        lm = _LOGIN_LINE_RE.search(t)
        if lm:
            name = _service(lm.group("svc")) or _service(previous) or "WordPress.com"
            logins.setdefault(name, LoginOption(name=name))
        nm = _NOTE_RE.match(t)
        if nm and nm.group() not in notes:
            notes.append(nm.group())
        if _SUBSCRIBE_RE.match(t) and t not in subscriptions:
            subscriptions.append(t)
        sm = _SUBMIT_RE.match(t)
        if sm and submit is None:
            submit = sm.group("s")
        previous = t
    return CommentForm(heading=heading, login_options=tuple(logins.values()),
                       notes=tuple(notes), subscription_options=tuple(subscriptions),
                       submit_label=submit)


def _form_heading(text: str) -> str | None:
    """The reply form's heading in ``text``, without its "Cancel reply" link."""
    if len(text) > 200:
        return None
    m = _FORM_HEADING_RE.match(text) or _CANCEL_TAIL_RE.match(text)
    return clean_space(m.group("h")) if m else None


def _service(text: str) -> str | None:
    low = text.lower()
    for key, name in _SERVICES:
        if key in low:
            return name
    if re.search(r"(?:^|\s)x(?:\s|$)", low):
        return "X"
    return None
