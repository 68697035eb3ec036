"""Turn the content a WordPress export holds into the markup the site showed, then into blocks.

WXR stores ``post_content`` as typed in the editor: classic posts are plain text with blank
lines for paragraphs and ``[caption]`` shortcodes; block-editor posts carry Gutenberg block
comments (``<!-- wp:image {…} -->`` … ``<!-- /wp:image -->``).  This module applies the parts
of WordPress' ``the_content`` filter that change what a reader sees — ``wpautop`` for
classic content only (``do_blocks`` switches it off when a post has blocks), then the
``[caption]`` shortcode — and hands the result to the shared extractor (``_content``), so an
export and a saved page give the same blocks and captions.

Rules: pure functions over ``str``; every regular expression is either linear (no nested
quantifiers) or bounded; no tree parsing happens here except through ``_document``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import attrs

from ._content import _TEXTLESS as TEXTLESS_KINDS
from ._content import collapse_space, element_text, extract_content
from ._document import clean_text_for_lxml, parse_fragment
from ._models import Block, Caption

# --- wpautop ------------------------------------------------------------------------------
# Reimplements wpautop() from wp-includes/formatting.php (WordPress 4.4+ behaviour): blank
# lines make paragraphs, single newlines become <br />, and block-level tags are never
# wrapped in <p>.  The steps below follow the order of that function; each comment names
# the step it stands for.

_BLOCK_TAGS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_DOUBLE_BR_RE = re.compile(r"<br\s*/?>\s*<br\s*/?>")
_OPEN_BLOCK_RE = re.compile(r"(<" + _BLOCK_TAGS + r"[\s/>])")
_CLOSE_BLOCK_RE = re.compile(r"(</" + _BLOCK_TAGS + r">)")
_HR_RE = re.compile(r"(<hr\s*?/?>)")
# A comment, or a tag with a newline inside (an unterminated comment or tag runs to the end,
# as with wp_html_split()).  Tags without a newline need no change, so they are not matched;
# "[^<>\n]" keeps a run of "<" from being rescanned from every one of them.
_TAG_OR_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)|<[^<>\n]*\n[^>]*>?", re.DOTALL)
_NL_MARK = " <!-- wpnl --> "
_OPTION_BEFORE_RE = re.compile(r"\s*<option")
_OPTION_AFTER_RE = re.compile(r"</option>\s*")
_OBJECT_OPEN_RE = re.compile(r"(<object[^>]*>)\s*")
_OBJECT_CLOSE_RE = re.compile(r"\s*</object>")
_PARAM_RE = re.compile(r"\s*(</?(?:param|embed)[^>]*>)\s*")
_MEDIA_OPEN_RE = re.compile(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*")
_MEDIA_CLOSE_RE = re.compile(r"\s*([<\[]/(?:audio|video)[>\]])")
_SOURCE_RE = re.compile(r"\s*(<(?:source|track)[^>]*>)\s*")
_FIGCAPTION_OPEN_RE = re.compile(r"\s*(<figcaption[^>]*>)")
_FIGCAPTION_CLOSE_RE = re.compile(r"</figcaption>\s*")
_MANY_NL_RE = re.compile(r"\n\n+")
_PARA_SPLIT_RE = re.compile(r"\n\s*\n")
_EMPTY_P_RE = re.compile(r"<p>\s*</p>")
_UNCLOSED_P_RE = re.compile(r"<p>([^<]+)</(div|address|form)>")
_WRAPPED_BLOCK_RE = re.compile(r"<p>\s*(</?" + _BLOCK_TAGS + r"[^>]*>)\s*</p>")
# WordPress' "<p>(<li.+?)</p>", written so that no attempt runs past the next <p> or </p>
# (a lazy ".+?" would rescan a long line from every "<p><li").
_WRAPPED_LI_RE = re.compile(r"<p>(<li[^<\n]*(?:<(?!/?p>)[^<\n]*)*)</p>")
_P_BLOCKQUOTE_RE = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_P_BEFORE_BLOCK_RE = re.compile(r"<p>\s*(</?" + _BLOCK_TAGS + r"[^>]*>)")
_P_AFTER_BLOCK_RE = re.compile(r"(</?" + _BLOCK_TAGS + r"[^>]*>)\s*</p>")
# What every match of the pattern above ends with: searched first, since it starts with a
# plain character and so costs far less than trying the tag names at every "<".
_TAG_BEFORE_P_END_RE = re.compile(r">\s*</p>")
_KEEP_NL_OPEN_RE = re.compile(r"<(script|style|svg)\b")
# [^\S\n]{64,}, written to start with a single character class: the regular expression
# engine then skips ahead to a candidate in C instead of trying a match at every position.
_LONG_SPACE_RE = re.compile(r"[^\S\n][^\S\n]{63,}")
# [^\S \n] spelt out (the same characters: str.isspace() but " " and "\n"), which scans
# twice as fast.
_OTHER_SPACE_RE = re.compile(
    "[\t\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_ASCII_OTHER_SPACE = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
# WordPress' "(?<!<br />)\s*\n", likewise starting with a character class: the first space
# is taken, then the look-behind checks that "<br />" did not come before it, and the match
# ends after the last newline of the run of spaces, as "\s*\n" backtracking would.
_NL_TO_BR_RE = re.compile(r"\s(?<!<br />\s)\s*(?<=\n)")
_BR_AFTER_BLOCK_RE = re.compile(r"(</?" + _BLOCK_TAGS + r"[^>]*>)\s*<br />")
_BR_BEFORE_BLOCK_RE = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)")
_KEEP_NL_MARK = "<WPPreserveNewline />"


def _has_other_space(text: str) -> bool:
    # White space other than " " and "\n"; str.find per character beats the regular
    # expression's scan in ASCII text, the usual case.
    if text.isascii():
        return any(c in text for c in _ASCII_OTHER_SPACE)
    return _OTHER_SPACE_RE.search(text) is not None


def _paired_spans(text: str, open_re: re.Pattern[str], close: str) -> list[tuple[int, int]]:
    """Spans from each opener to the next closer named after its first group, in one pass.

    A closer that is not found ends the search for that tag, so no part of the text is
    scanned more than once per tag name.
    """
    spans: list[tuple[int, int]] = []
    end = 0
    exhausted: set[str] = set()
    for m in open_re.finditer(text):
        name = m.group(1)
        if m.start() < end or name in exhausted:
            continue
        closer = close.format(name)
        stop = text.find(closer, m.end())
        if stop < 0:
            exhausted.add(name)
            continue
        end = stop + len(closer)
        spans.append((m.start(), end))
    return spans


def _keep_newlines(text: str) -> str:
    # Newlines inside <script>, <style> and <svg> are not line breaks.
    out: list[str] = []
    pos = 0
    for start, end in _paired_spans(text, _KEEP_NL_OPEN_RE, "</{}>"):
        out.append(text[pos:start])
        out.append(text[start:end].replace("\n", _KEEP_NL_MARK))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def wpautop(text: str, *, br: bool = True) -> str:
    """WordPress' ``wpautop``: paragraphs from blank lines, ``<br />`` from single newlines.

    Block-level markup is left unwrapped and ``<pre>`` is never touched, as in WordPress.
    """
    if not text.strip():
        return ""
    text += "\n"
    # <pre> blocks are set aside behind placeholders and put back at the end.
    pres: list[str] = []
    if "<pre" in text:
        # As WordPress does: cut at each "</pre>", and keep from the part's "<pre" on; a
        # part without "<pre" is kept as it is (its "</pre>" dropped).  Linear in the text.
        parts = text.split("</pre>")
        rebuilt: list[str] = []
        for part in parts[:-1]:
            start = part.find("<pre")
            if start < 0:
                rebuilt.append(part)
                continue
            pres.append(part[start:] + "</pre>")
            rebuilt.append(part[:start] + f"<pre wp-pre-tag-{len(pres) - 1}></pre>")
        rebuilt.append(parts[-1])
        text = "".join(rebuilt)
    # A run of spaces shows as one space; collapsing long runs keeps the "\s*\n" pass
    # below from rescanning them from every position (<pre> is already set aside).
    if "  " in text or _has_other_space(text):
        # (a run of two or more spaces holds "  " or a space other than " " and "\n")
        text = _LONG_SPACE_RE.sub(" ", text)
    # Two <br>s in a row are a paragraph break.
    text = _DOUBLE_BR_RE.sub("\n\n", text)
    # Blank lines around block-level tags, so they split into their own chunks.
    text = _OPEN_BLOCK_RE.sub(r"\n\n\1", text)
    text = _CLOSE_BLOCK_RE.sub(r"\1\n\n", text)
    text = _HR_RE.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Newlines inside a tag or a comment are not paragraph breaks.
    text = _TAG_OR_COMMENT_RE.sub(lambda m: m.group(0).replace("\n", _NL_MARK), text)
    if "<option" in text:
        text = _OPTION_AFTER_RE.sub("</option>", _OPTION_BEFORE_RE.sub("<option", text))
    if "</object>" in text:
        text = _OBJECT_OPEN_RE.sub(r"\1", text)
        text = _OBJECT_CLOSE_RE.sub("</object>", text)
        text = _PARAM_RE.sub(r"\1", text)
    if "<source" in text or "<track" in text:
        text = _MEDIA_OPEN_RE.sub(r"\1", text)
        text = _MEDIA_CLOSE_RE.sub(r"\1", text)
        text = _SOURCE_RE.sub(r"\1", text)
    if "<figcaption" in text:
        text = _FIGCAPTION_OPEN_RE.sub(r"\1", text)
        text = _FIGCAPTION_CLOSE_RE.sub("</figcaption>", text)
    text = _MANY_NL_RE.sub("\n\n", text)
    # Every chunk between blank lines becomes a paragraph …
    chunks = [c for c in _PARA_SPLIT_RE.split(text) if c]
    text = "".join("<p>" + c.strip("\n") + "</p>\n" for c in chunks)
    # … and then the paragraphs that wrap block-level tags are taken apart again.
    text = _EMPTY_P_RE.sub("", text)
    if "</div>" in text or "</address>" in text or "</form>" in text:
        text = _UNCLOSED_P_RE.sub(r"<p>\1</p></\2>", text)
    text = _WRAPPED_BLOCK_RE.sub(r"\1", text)
    if "<p><li" in text:
        text = _WRAPPED_LI_RE.sub(r"\1", text)
    text = _P_BLOCKQUOTE_RE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK_RE.sub(r"\1", text)
    if _TAG_BEFORE_P_END_RE.search(text):
        text = _P_AFTER_BLOCK_RE.sub(r"\1", text)
    if br:
        if "<script" in text or "<style" in text or "<svg" in text:
            text = _keep_newlines(text)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = _NL_TO_BR_RE.sub("<br />\n", text)
        text = text.replace(_KEEP_NL_MARK, "\n")
    if "<br />" in text:
        text = _BR_AFTER_BLOCK_RE.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK_RE.sub(r"\1", text)
    if text.endswith("\n</p>"):
        text = text[: -len("\n</p>")] + "</p>"
    if pres:
        text = re.sub(r"<pre wp-pre-tag-(\d+)></pre>", lambda m: pres[int(m.group(1))], text)
    if "<!-- wpnl -->" in text:
        text = text.replace(_NL_MARK, "\n").replace("<!-- wpnl -->", "\n")
    return text


# --- the [caption] shortcode -------------------------------------------------------------
# img_caption_shortcode() in wp-includes/media.php: [caption id="attachment_5" align="alignleft"
# width="300"]<a><img/></a> Caption text[/caption], or the older form with the text in a
# caption="…" attribute.  Both [caption] and its alias [wp_caption] are registered.

# Shortcode names are case-sensitive in WordPress, as are the tag names below.
_CAPTION_OPEN_RE = re.compile(r"\[(caption|wp_caption)\b([^\]]{0,4000})\]")
# shortcode_parse_atts(): name="value", name='value', name=value.  Names are only tried
# at the start of a word, so a long word is not rescanned from each of its letters.
_ATTR_RE = re.compile(
    r"""(?<![\w-])(?:([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$))"""
)
# The image, possibly inside a link, at the start of the body; the rest is the caption.
_CAPTION_IMAGE_RE = re.compile(
    r"\s*((?:<a\s[^>]+>\s*)?<img\s[^>]+>(?:\s*</a>)?)(.*)", re.DOTALL | re.IGNORECASE
)
# shortcode_unautop(): a shortcode alone in a paragraph is taken out of the paragraph.  The
# shortcodes are first replaced by short placeholders, so this pattern stays linear.
_PLACEHOLDER_RE = re.compile("\ue000(\\d{1,9})\ue001")
_UNAUTOP_RE = re.compile(r"<p>\s*(\ue000\d{1,9}\ue001)\s*(?:<br />\s*)?</p>")
_NOT_CLASS_CHAR_RE = re.compile(r"[^A-Za-z0-9_-]")


def shortcode_attrs(text: str) -> dict[str, str]:
    """The attributes of a shortcode's opening tag (names lower-cased)."""
    out: dict[str, str] = {}
    for m in _ATTR_RE.finditer(text.replace("\u00a0", " ")):
        if m.group(1):
            out[m.group(1).lower()] = m.group(2)
        elif m.group(3):
            out[m.group(3).lower()] = m.group(4)
        elif m.group(5):
            out[m.group(5).lower()] = m.group(6)
    return out


def _render_caption(attr_text: str, body: str) -> str:
    attrs_ = shortcode_attrs(attr_text)
    caption = attrs_.get("caption")
    if caption is None:
        im = _CAPTION_IMAGE_RE.match(body)
        if im:
            body, caption = im.group(1), im.group(2).strip()
    width_text = (attrs_.get("width") or "").strip()
    width = int(width_text) if width_text.isdigit() and len(width_text) < 7 else 0
    # WordPress returns the bare content when the width is missing or there is no caption.
    if width < 1 or not caption:
        return body
    ident = _NOT_CLASS_CHAR_RE.sub("", attrs_.get("id") or "")
    align = attrs_.get("align") or "alignnone"
    klass = " ".join(("wp-caption " + align + " " + (attrs_.get("class") or "")).split())
    # The HTML5 form WordPress has produced for themes with html5 "caption" support
    # (every default theme since Twenty Fourteen, and all block themes).
    id_attr = f' id="{html.escape(ident)}"' if ident else ""
    # WordPress 5.1+ names the caption element "caption-" + the id with "_" as "-".
    caption_id = "caption-" + ident.replace("_", "-")
    described = f' aria-describedby="{caption_id}"' if ident else ""
    cap_id = f' id="{caption_id}"' if ident else ""
    return (
        f'<figure{id_attr}{described} style="width: {width}px" class="{html.escape(klass)}">'
        f'{body}<figcaption{cap_id} class="wp-caption-text">{caption}</figcaption></figure>'
    )


def expand_captions(text: str) -> str:
    """Replace every ``[caption]`` shortcode with the markup WordPress renders for it."""
    if "[caption" not in text and "[wp_caption" not in text:
        return text
    rendered: list[str] = []
    out: list[str] = []
    pos = 0
    for start, end in _paired_spans(text, _CAPTION_OPEN_RE, "[/{}]"):
        m = _CAPTION_OPEN_RE.match(text, start)
        assert m is not None
        out.append(text[pos:start])
        out.append(f"\ue000{len(rendered)}\ue001")
        closer_len = len(m.group(1)) + 3
        rendered.append(_render_caption(m.group(2), text[m.end() : end - closer_len]))
        pos = end
    if not rendered:
        return text
    out.append(text[pos:])
    joined = _UNAUTOP_RE.sub(r"\1", "".join(out))
    return _PLACEHOLDER_RE.sub(lambda p: rendered[int(p.group(1))], joined)


# --- Gutenberg block comments -------------------------------------------------------------
# The block grammar (packages/block-serialization-spec-parser): <!-- wp:name {json} -->,
# <!-- /wp:name -->, and the void <!-- wp:name {json} /-->; a name without a namespace is
# in "core/".

_TAG_RE = re.compile(r"<[^<>]*>")
_BLOCK_DELIM_RE = re.compile(
    r"\s+(?P<close>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"(?:\s+(?P<attrs>\{.*\}))?\s+(?P<void>/)?\Z",
    re.DOTALL,
)
# Blocks that only lay out other blocks: their inner blocks are the content.
_LAYOUT_BLOCKS = frozenset(
    {"core/group", "core/columns", "core/column", "core/row", "core/stack", "core/grid"}
)


def has_blocks(text: str) -> bool:
    """Whether ``text`` holds Gutenberg block comments (WordPress' ``has_blocks``)."""
    return "<!-- wp:" in text


@attrs.frozen(kw_only=True)
class Unit:
    """A run of content rendered on its own: one block, or classic HTML between blocks."""

    name: str | None
    """The Gutenberg block name (``core/image``), or ``None`` for freeform HTML."""
    html: str
    """The block's markup, inner block comments removed."""


def _full_name(name: str) -> str:
    return name if "/" in name else "core/" + name


def _comments(text: str) -> Iterator[tuple[int, int]]:
    # Each complete "<!-- … -->", found with str.find so an unclosed one ends the scan.
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return
        stop = text.find("-->", start + 4)
        if stop < 0:
            return
        pos = stop + 3
        yield start, pos


def split_blocks(text: str) -> list[Unit]:
    """Split block-editor content into units: top-level blocks, layout blocks opened up.

    Unbalanced comments are tolerated: a closing comment with no opener is ignored and
    blocks still open at the end are closed there.
    """
    units: list[Unit] = []
    # Each open block: its name and the markup collected so far (only for the outermost
    # non-layout block; blocks inside it contribute their markup to it).
    stack: list[str] = []
    capture: list[str] = []
    capture_depth: int | None = None
    freeform: list[str] = []
    pos = 0

    def emit_freeform() -> None:
        chunk = "".join(freeform)
        freeform.clear()
        if chunk.strip():
            units.append(Unit(name=None, html=chunk))

    for c_start, c_end in _comments(text):
        d = _BLOCK_DELIM_RE.match(text, c_start + 4, c_end - 3)
        if d is None:
            continue
        between = text[pos:c_start]
        pos = c_end
        if capture_depth is not None:
            capture.append(between)
        elif stack:
            # The markup of a layout block itself is its wrapper <div>s; text written
            # straight into it (rare) is kept as a unit of its own.
            if _TAG_RE.sub("", between).strip():
                units.append(Unit(name=stack[-1], html=between))
        else:
            freeform.append(between)
        name = _full_name(d.group("name"))
        if d.group("close"):
            if name not in stack:
                continue
            while stack:
                top = stack.pop()
                if capture_depth is not None and len(stack) == capture_depth:
                    units.append(Unit(name=top, html="".join(capture)))
                    capture.clear()
                    capture_depth = None
                if top == name:
                    break
            continue
        if capture_depth is None and not stack:
            emit_freeform()
        if d.group("void"):
            # a dynamic block (latest posts, a reusable block): rendered by the server,
            # so the export holds none of what the page showed
            continue
        if capture_depth is None and name not in _LAYOUT_BLOCKS:
            capture_depth = len(stack)
        stack.append(name)
    rest = text[pos:]
    if capture_depth is not None:
        capture.append(rest)
        units.append(Unit(name=stack[capture_depth], html="".join(capture)))
    elif not stack:
        freeform.append(rest)
    emit_freeform()
    return units


# --- content ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class WxrContent:
    """What an export's content gives: text, blocks (with block names) and captions."""

    text: str | None = None
    blocks: tuple[Block, ...] = ()
    captions: tuple[Caption, ...] = ()


_UNIT_ATTR = "data-blogparse-unit"
_SEPARATOR_KINDS = frozenset({"separator"})


def render_units(raw: str) -> list[Unit]:
    """The content as WordPress renders it, in units (one for classic content)."""
    if has_blocks(raw):
        # (a unit without a [caption] comes back as it is, without a new Unit)
        return [u if (rendered := expand_captions(u.html)) is u.html
                else Unit(name=u.name, html=rendered) for u in split_blocks(raw)]
    return [Unit(name=None, html=expand_captions(wpautop(raw)))]


def _named(blocks: tuple[Block, ...], name: str | None) -> list[Block]:
    if name is None:
        return list(blocks)
    # Built directly rather than with attrs.evolve, which costs twice as much per block.
    return [
        Block(kind=b.kind, text=b.text, html=b.html, level=b.level, ordered=b.ordered,
              items=b.items, src=b.src, name=name)
        for b in blocks
    ]


# A unit that is one paragraph or heading of plain text (most units of a block-editor post)
# gives its block without an HTML parse: for such markup the parse and the extractor
# return the markup itself as the block's HTML and its text with spaces collapsed.  Only
# what the parse cannot change is taken: no "<", ">" or "&" in the text, no character other
# than printable ones, spaces, tabs and newlines (libxml2 rewrites "\r" and drops control
# characters), white space around the element limited to what libxml2 itself calls blank,
# and classes that no extractor rule looks at.
_SIMPLE_UNIT_RE = re.compile(
    r'[ \t\n]*<(p|h[1-6])((?: class="[a-z0-9_-]{1,64}(?: [a-z0-9_-]{1,64}){0,15}")?)>'
    r"([^<>&]*)</\1>[ \t\n]*\Z"
)
_PLAIN_CLASSES = frozenset({"wp-block-paragraph", "wp-block-heading"})
"""Classes of plain paragraphs and headings besides the ``has-…`` style classes."""


def _simple_blocks(unit: Unit) -> list[Block] | None:
    """The blocks of a plain paragraph or heading unit, or ``None`` if it needs the parser."""
    m = _SIMPLE_UNIT_RE.match(unit.html)
    if m is None:
        return None
    tag, attr, inner = m.groups()
    if attr and not all(c.startswith("has-") or c in _PLAIN_CLASSES
                        for c in attr[8:-1].split(" ")):
        return None
    if not inner.isprintable() and not (
            inner.replace("\n", " ").replace("\t", " ").isprintable()):
        return None
    text = collapse_space(inner)
    if text is None:
        return []  # an empty paragraph or heading gives no block
    html_ = f"<{tag}{attr}>{inner}</{tag}>"
    if tag == "p":
        return [Block(kind="paragraph", text=text, html=html_, name=unit.name)]
    return [Block(kind="heading", text=text, html=html_, level=int(tag[1]), name=unit.name)]


def _extract_joined(
    units: list[Unit], base_url: str | None
) -> tuple[list[list[Block]], tuple[Caption, ...]] | None:
    # One parse and one extraction for the whole post: the units are joined with marked
    # <hr> elements between them, which the extractor returns as separator blocks, so the
    # blocks between two markers belong to one unit.  None when broken markup in a unit
    # swallowed a marker (the caller then extracts unit by unit).
    marks = [f'<hr {_UNIT_ATTR}="{i}">' for i in range(1, len(units))]
    joined = units[0].html + "".join(m + u.html for m, u in zip(marks, units[1:], strict=True))
    content = extract_content(parse_fragment(joined), base_url=base_url, owned=True,
                               with_html=False)
    blocks: list[list[Block]] = []
    current: list[Block] = []
    unit = 0
    for b in content.blocks:
        if b.kind in _SEPARATOR_KINDS and b.html and _UNIT_ATTR in b.html:
            if unit + 1 >= len(units) or b.html != marks[unit]:
                return None
            blocks.append(_named(tuple(current), units[unit].name))
            current = []
            unit += 1
        else:
            current.append(b)
    if unit != len(units) - 1:
        return None
    blocks.append(_named(tuple(current), units[unit].name))
    return blocks, content.captions


def _extract_each(
    units: list[Unit], base_url: str | None
) -> tuple[list[list[Block]], tuple[Caption, ...]]:
    blocks: list[list[Block]] = []
    captions: list[Caption] = []
    for unit in units:
        content = extract_content(parse_fragment(unit.html), base_url=base_url,
                                  owned=True, with_html=False)
        blocks.append(_named(content.blocks, unit.name))
        captions.extend(content.captions)
    return blocks, tuple(captions)


def convert_content(raw: str | None, *, base_url: str | None = None) -> WxrContent:
    """Render exported ``post_content`` and extract its text, blocks and captions."""
    if raw is None or not raw.strip():
        return WxrContent()
    units = render_units(raw)
    if not units:
        return WxrContent()
    simple = [_simple_blocks(u) for u in units]
    parsed = [u for u, s in zip(units, simple, strict=True) if s is None]
    captions: tuple[Caption, ...] = ()
    if parsed:
        extracted = _extract_joined(parsed, base_url) or _extract_each(parsed, base_url)
        rest, captions = iter(extracted[0]), extracted[1]
        simple = [next(rest) if s is None else s for s in simple]
    blocks = tuple(b for unit_blocks in simple if unit_blocks for b in unit_blocks)
    # the text as extract_content gives it: the text of the blocks that have one
    text = "\n\n".join(b.text for b in blocks if b.kind not in TEXTLESS_KINDS and b.text)
    return WxrContent(text=text or None, blocks=blocks, captions=captions)


# Character references the HTML parser reads the same way as html.unescape: decimal and
# hexadecimal ones for printable characters outside the C1 range, and a few named ones
# (HTML 4 names, all known to libxml2) that pingback excerpts and titles carry.
_REF_RE = re.compile(
    r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|nbsp|hellip|ndash|mdash"
    r"|lsquo|rsquo|ldquo|rdquo|laquo|raquo|copy|reg|trade|middot|bull));"
)
_REF_NAMES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": "\u00a0",
              "hellip": "\u2026", "ndash": "\u2013", "mdash": "\u2014", "lsquo": "\u2018",
              "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d", "laquo": "\u00ab",
              "raquo": "\u00bb", "copy": "\u00a9", "reg": "\u00ae", "trade": "\u2122",
              "middot": "\u00b7", "bull": "\u2022"}


def _ref(m: re.Match[str]) -> str:
    if m.group(3):
        return _REF_NAMES[m.group(3)]
    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    # "\x00" marks a reference left to the parser (control, C1, surrogate, beyond the BMP…)
    char = chr(code) if 0xA0 <= code <= 0xFFFD or 0x20 <= code < 0x7F else "\x00"
    return char if char.isprintable() else "\x00"


def fragment_text(fragment: str) -> str | None:
    """The text a reader sees in an HTML fragment: spaces collapsed, ``None`` if empty.

    A fragment with no markup, printable characters and only the character references
    above (pingback excerpts: ``[&#8230;] text [&#8230;]``) is read without a parse.
    """
    if "<" not in fragment and ">" not in fragment and (
            fragment.isprintable()
            or fragment.replace("\n", " ").replace("\t", " ").isprintable()):
        text = _REF_RE.sub(_ref, fragment) if "&" in fragment else fragment
        if "&" not in _REF_RE.sub("", fragment) and "\x00" not in text:
            return collapse_space(text)
    return element_text(parse_fragment(fragment))


def comment_text(raw: str | None) -> str | None:
    """The text a reader sees for exported comment markup, read as the page path reads a
    displayed comment: ``comment_text`` runs wpautop, then each line break is kept."""
    if raw is None or not raw.strip():
        return None
    if "<" not in raw and "&" not in raw:
        # Plain text (most comments): wpautop turns every newline into a paragraph or line
        # break, so the lines are known without parsing (a test checks both ways agree).
        raw = clean_text_for_lxml(raw.replace("\r\n", "\n").replace("\r", "\n"))
        lines = (collapse_space(line) for line in raw.split("\n"))
        return "\n".join(line for line in lines if line) or None
    return element_text(parse_fragment(wpautop(raw)), keep_lines=True)
