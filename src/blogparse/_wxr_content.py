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
import operator
import re

import attrs

from ._content import _TEXTLESS as TEXTLESS_KINDS
from ._content import _WP_IMAGE_ID_RE, _absolute, collapse_space, element_text, extract_content
from ._document import clean_text_for_lxml, parse_fragment
from ._models import Block, Caption, Image
from ._text import split_credit

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
# (a look-ahead: "\n\n" goes before the tag with a plain replacement string)
_OPEN_BLOCK_RE = re.compile(r"(?=<" + _BLOCK_TAGS + r"[\s/>])")
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
_NL_RUN_TO_BR_RE = re.compile(r"\n(?<!<br />\n)\n*")
_KEEP_NL_MARK = "<WPPreserveNewline />"
# Replacements as C callables: a template such as r"\1" is expanded by Python code for
# every match (before Python 3.12).
_GROUP_1 = operator.itemgetter(1)
_MATCH_THEN_BREAK = "{0[0]}\n\n".format


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
    text = _OPEN_BLOCK_RE.sub("\n\n", text)
    text = _CLOSE_BLOCK_RE.sub(_MATCH_THEN_BREAK, text)
    text = _HR_RE.sub(_MATCH_THEN_BREAK, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Newlines inside a tag or a comment are not paragraph breaks.
    text = _TAG_OR_COMMENT_RE.sub(lambda m: m.group(0).replace("\n", _NL_MARK), text)
    if "<option" in text:
        text = _OPTION_AFTER_RE.sub("</option>", _OPTION_BEFORE_RE.sub("<option", text))
    if "</object>" in text:
        text = _OBJECT_OPEN_RE.sub(_GROUP_1, text)
        text = _OBJECT_CLOSE_RE.sub("</object>", text)
        text = _PARAM_RE.sub(_GROUP_1, text)
    if "<source" in text or "<track" in text:
        text = _MEDIA_OPEN_RE.sub(_GROUP_1, text)
        text = _MEDIA_CLOSE_RE.sub(_GROUP_1, text)
        text = _SOURCE_RE.sub(_GROUP_1, text)
    if "<figcaption" in text:
        text = _FIGCAPTION_OPEN_RE.sub(_GROUP_1, text)
        text = _FIGCAPTION_CLOSE_RE.sub("</figcaption>", text)
    text = _MANY_NL_RE.sub("\n\n", text)
    # Every chunk between blank lines becomes a paragraph …
    chunks = [c for c in _PARA_SPLIT_RE.split(text) if c]
    text = "".join("<p>" + c.strip("\n") + "</p>\n" for c in chunks)
    # … and then the paragraphs that wrap block-level tags are taken apart again.
    text = _EMPTY_P_RE.sub("", text)
    if "</div>" in text or "</address>" in text or "</form>" in text:
        text = _UNCLOSED_P_RE.sub(r"<p>\1</p></\2>", text)
    text = _WRAPPED_BLOCK_RE.sub(_GROUP_1, text)
    if "<p><li" in text:
        text = _WRAPPED_LI_RE.sub(_GROUP_1, text)
    text = _P_BLOCKQUOTE_RE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK_RE.sub(_GROUP_1, text)
    if _TAG_BEFORE_P_END_RE.search(text):
        text = _P_AFTER_BLOCK_RE.sub(_GROUP_1, text)
    if br:
        if "<script" in text or "<style" in text or "<svg" in text:
            text = _keep_newlines(text)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        if " \n" in text or _has_other_space(text):
            text = _NL_TO_BR_RE.sub("<br />\n", text)
        else:
            # No white space but newlines and spaces, and no space before a newline: each
            # run of newlines is a run the pattern above would match whole.
            text = _NL_RUN_TO_BR_RE.sub("<br />\n", text)
        text = text.replace(_KEEP_NL_MARK, "\n")
    if "<br />" in text:
        text = _BR_AFTER_BLOCK_RE.sub(_GROUP_1, text)
    text = _BR_BEFORE_BLOCK_RE.sub(_GROUP_1, text)
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
    width = (int(width_text) if width_text.isascii() and width_text.isdigit()
             and len(width_text) < 7 else 0)
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
    joined = _UNAUTOP_RE.sub(_GROUP_1, "".join(out))
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


# Each complete "<!-- … -->".  Searched only up to the last "-->": a "<!--" after it is
# unclosed, and every one before it is closed (by the first "-->" after it), so the scan is
# linear and gives what finding each "<!--" and then its "-->" would.
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


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
    delimiter = _BLOCK_DELIM_RE.match
    for comment in _HTML_COMMENT_RE.finditer(text, 0, text.rfind("-->") + 3):
        c_start, c_end = comment.span()
        d = delimiter(text, c_start + 4, c_end - 3)
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
        close, name, _, void = d.groups()
        if "/" not in name:
            name = "core/" + name
        if close:
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
        if capture_depth is None and not stack and freeform:
            # the classic markup before this block is a unit of its own
            chunk = "".join(freeform)
            freeform.clear()
            if chunk.strip():
                units.append(Unit(name=None, html=chunk))
        if void:
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
    chunk = "".join(freeform)
    if chunk.strip():
        units.append(Unit(name=None, html=chunk))
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


_PLAIN_CLASSES = frozenset({"wp-block-paragraph", "wp-block-heading"})
"""Classes of plain paragraphs and headings besides the ``has-…`` style classes."""


# --- units read without a parse ---------------------------------------------------------
# Most units of real content are a handful of shapes: paragraphs and headings of text with
# at most one level of inline markup, plain lists, quotes of plain paragraphs (with a
# citation), and an image in a <figure> with its caption (the block editor's core/image,
# the [caption] shortcode as rendered above).  A unit made only of such pieces gives its
# blocks and captions without an HTML parse.  Each piece is taken only where what the
# parse and the extractor would return is known exactly:
#
# * text holds no "<", ">" or "&" (but the inline tags named below) and only printable
#   characters, spaces, tabs and newlines (the parse then keeps it as it is, and
#   serialises it back unchanged);
# * attributes are written name="value" with one space before each, their values ASCII
#   without '"', "&", "<", ">" or control characters (serialised unchanged: libxml2
#   escapes only those, and non-ASCII characters in attributes), urls in src and href only
#   of the characters libxml2 leaves unescaped in urls;
# * no white space inside a <figure> (libxml2 drops it there, which would change the
#   block's markup), no empty <li> (its end tag is not written back), no blank text after
#   a <br> (dropped likewise), and only classes that no extractor rule looks at (no
#   furniture, gallery, caption-box or credit class).
# tests/test_wxr.py checks each shape against the parse and the extractor.

_ATTRS = r'(?: [a-z][a-z-]{0,30}="[ !#-%\'-;=?-~]{0,2000}")*'
_URL = r"[A-Za-z0-9_.!~*'()@/:=?;#%,+-]{1,2000}"
# Text with inline markup of one level: bold, italic and code without attributes, links
# with a plain url, line breaks.
# (Written as runs of text between tags, so that plain text is taken in one step.)
_INLINE = (
    r"[^<>&]*(?:(?:<(?P<it>strong|em|b|i|code)>[^<>&]*</(?P=it)>"
    r'|<a href="' + _URL + r'"(?: (?:target|rel|title)="[ !#-%\'-;=?-~]{0,200}")*>[^<>&]*</a>'
    r"|<br ?/?>)[^<>&]*)*"
)
_PIECE_RE = re.compile(
    r"[ \t\n]*(?:"
    r'<(?P<h>p|h[1-6])(?P<hattr>(?: class="[a-z0-9_-]{1,64}(?: [a-z0-9_-]{1,64}){0,15}")?)>'
    r"(?P<htext>" + _INLINE + r")</(?P=h)>"
    r'|<(?P<list>ul|ol)(?P<lattr>(?: class="[a-z0-9_-]{1,64}(?: [a-z0-9_-]{1,64}){0,15}")?)>'
    r"(?P<items>[ \t\n]*(?:<li>[^<>&]+</li>[ \t\n]*)*)</(?P=list)>"
    r'|<blockquote(?P<qattr>(?: class="[a-z0-9_-]{1,64}(?: [a-z0-9_-]{1,64}){0,15}")?)>'
    r"(?P<quoted>[ \t\n]*(?:<p>[^<>&]*</p>[ \t\n]*)+(?:<cite>[^<>&]*</cite>)?)</blockquote>"
    r"|<figure(?P<fattr>" + _ATTRS + r")>"
    r'(?:<a href="(?P<href>' + _URL + r')">)?<img(?P<iattr>' + _ATTRS + r") ?/?>"
    r"(?(href)</a>)"
    r"(?:<figcaption(?P<cattr>" + _ATTRS + r")>(?P<ctext>[^<>&]*)</figcaption>)?"
    r"</figure>"
    r")"
)
_ATTR_PAIR_RE = re.compile(r' ([a-z-]+)="([^"]*)"')
# A tag that no piece above holds: the unit goes to the parser at once (the usual case for
# markup-rich units), before any work on its first pieces is done and thrown away.
_OTHER_TAG_RE = re.compile(
    r"<(?!(?:p|h[1-6]|ul|ol|li|blockquote|cite|figure|figcaption|img|a|strong|em|b|i|code|br)"
    r"[ />]|/(?:p|h[1-6]|ul|ol|li|blockquote|cite|figure|figcaption|a|strong|em|b|i|code)>)"
)
_BR_RE = re.compile(r"<br ?/?>")
_INLINE_TAG_RE = re.compile(r"<[^<>]*>")
# A line break followed by white space alone up to the next tag: libxml2 drops that white
# space (<br> is not among the elements it keeps blank text after), so the markup changes.
_BLANK_AFTER_BR_RE = re.compile(r"<br ?/?>[ \t\n\r]+(?:<|\Z)")
_LI_RE = re.compile(r"<li>([^<>&]+)</li>")
_QUOTED_P_RE = re.compile(r"<(?:p|cite)>([^<>&]*)</(?:p|cite)>")
_URL_RE = re.compile(_URL + r"\Z")
# An absolute http(s) url that urljoin() gives back as it is, whatever the base: a host and a
# path of plain characters, with no query, fragment or parameters for urlunparse() to drop.
_PLAIN_ABSOLUTE_RE = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9_.~/%-]*)?\Z")

_STYLE_PREFIXES = ("has-", "is-style-")
_LIST_CLASSES = frozenset({"wp-block-list"})
_QUOTE_CLASSES = frozenset({"wp-block-quote"})
_FIGURE_ATTRS = frozenset({"id", "class", "style", "aria-describedby"})
# Class values: tokens of these forms, one space between each.
_FIGURE_TOKEN = (
    r"(?:wp-caption|wp-block-image|align(?:left|right|center|none|wide|full)|size-[a-z0-9_-]+"
    r"|is-resized|has-custom-border|is-style-[a-z0-9_-]+)"
)
_FIGURE_CLASSES_RE = re.compile(_FIGURE_TOKEN + "(?: " + _FIGURE_TOKEN + r")*\Z")
_IMG_ATTRS = frozenset({"src", "alt", "class", "width", "height", "title", "loading",
                        "decoding", "srcset", "sizes", "style"})
_IMG_TOKEN = r"(?:wp-image-\d{1,18}|size-[a-z0-9_-]+|align(?:left|right|center|none))"
_IMG_CLASSES_RE = re.compile(_IMG_TOKEN + "(?: " + _IMG_TOKEN + r")*\Z")
_FIGCAPTION_ATTRS = frozenset({"id", "class"})
_FIGCAPTION_CLASSES = frozenset({"wp-caption-text", "wp-element-caption"})


def _plain_text(text: str) -> bool:
    # what libxml2 keeps as it is: printable characters, spaces, tabs and newlines
    return text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable()


def _plain_classes(attr: str, allowed: frozenset[str]) -> bool:
    # attr is "" or ' class="a b c"'
    return not attr or all(c in allowed or c.startswith(_STYLE_PREFIXES)
                           for c in attr[8:-1].split(" "))


def _attr_map(text: str, allowed: frozenset[str]) -> dict[str, str] | None:
    # None for an attribute not allowed or given twice
    pairs = _ATTR_PAIR_RE.findall(text)
    out = dict(pairs)
    return out if len(out) == len(pairs) and out.keys() <= allowed else None


class _Fast:
    """What a unit read without a parse gives."""

    __slots__ = ("blocks", "captions", "simple")

    def __init__(self, blocks: list[Block], captions: list[Caption], simple: bool) -> None:
        self.blocks = blocks
        self.captions = captions
        self.simple = simple
        """A single plain paragraph or heading (units the reader never parsed)."""


def _figure(
    m: re.Match[str], name: str | None, base_url: str | None
) -> tuple[Block, Caption | None] | None:
    fattr, href, iattr = m.group("fattr"), m.group("href"), m.group("iattr")
    cattr, ctext = m.group("cattr"), m.group("ctext")
    figure = _attr_map(fattr, _FIGURE_ATTRS)
    img = _attr_map(iattr, _IMG_ATTRS)
    if figure is None or img is None:
        return None
    figure_classes = figure.get("class")
    classes: list[str] = []
    if figure_classes is not None:
        if _FIGURE_CLASSES_RE.match(figure_classes) is None:
            return None
        classes = figure_classes.split(" ")
    img_classes = img.get("class")
    if img_classes is not None and _IMG_CLASSES_RE.match(img_classes) is None:
        return None
    src = img.get("src")
    # image_of() looks further (data-src, data-orig-file…) for these; the parse does that
    if (src is None or _URL_RE.match(src) is None or src.startswith("data:")
            or "lazy" in src or "placeholder" in src):
        return None
    caption_text: str | None = None
    if cattr is not None:
        fc = _attr_map(cattr, _FIGCAPTION_ATTRS)
        if fc is None or not all(c in _FIGCAPTION_CLASSES
                                 for c in fc.get("class", "wp-caption-text").split(" ")):
            return None
        if not _plain_text(ctext):
            return None
        caption_text = collapse_space(ctext)
    m_id = _WP_IMAGE_ID_RE.search(img_classes or "")
    image = Image(
        src=_url(src, base_url),
        alt=img.get("alt"),
        width=_int_attr_value(img.get("width")),
        height=_int_attr_value(img.get("height")),
        link=_url(href, base_url) if href is not None else None,
        id=int(m_id.group(1)) if m_id else None,
    )
    inner = f'<img{iattr}>'
    if href is not None:
        inner = f'<a href="{href}">{inner}</a>'
    if cattr is not None:
        inner += f"<figcaption{cattr}>{ctext}</figcaption>"
    block = Block(kind="image", text=caption_text or "", html=f"<figure{fattr}>{inner}</figure>",
                  src=image.src, name=name)
    # caption_of(): the figcaption's text with its credit split off
    text, credit = split_credit(caption_text)
    if text is None and credit is None:
        return block, None
    if "wp-caption" in classes:
        kind = "wp-caption"
    elif "wp-block-image" in classes:
        kind = "block"
    else:
        kind = "figure"
    caption = Caption(
        text=text, credit=credit, image=image, kind=kind, id=figure.get("id"),
        align=next((c for c in classes if c.startswith("align")), None),
    )
    return block, caption


def _url(url: str, base_url: str | None) -> str | None:
    # _absolute(), without urljoin for the usual absolute url
    return url if _PLAIN_ABSOLUTE_RE.match(url) else _absolute(url, base_url)


def _int_attr_value(value: str | None) -> int | None:
    # _int_attr() of an element whose attribute is ``value``
    if value is None:
        return None
    value = value.strip().removesuffix("px")
    return int(value) if value.isdecimal() and len(value) < 10 else None


def _fast_unit(unit: Unit, base_url: str | None) -> _Fast | None:
    """The blocks and captions of a unit made only of the pieces above, or ``None``."""
    text = unit.html
    if "&" in text or _OTHER_TAG_RE.search(text):
        return None
    blocks: list[Block] = []
    captions: list[Caption] = []
    pos = 0
    pieces = 0
    plain_piece = False
    marked_up = False
    end = len(text.rstrip(" \t\n"))
    while pos < end:
        m = _PIECE_RE.match(text, pos)
        if m is None:
            return None
        pos = m.end()
        pieces += 1
        tag, attr, inner = m.group(1, 2, 3)  # h, hattr, htext
        plain_piece = tag is not None
        if plain_piece:
            printable = inner.isprintable()
            if (attr and not _plain_classes(attr, _PLAIN_CLASSES)) or not (
                    printable or _plain_text(inner)):
                return None
            if printable and "<" not in inner and "  " not in inner and (
                    inner[:1] != " " and inner[-1:] != " "):
                # collapse_space() leaves such text as it is: its only white space is
                # single spaces between words (other white space is not printable)
                if not inner:
                    continue
                value = inner
                html_ = text[m.start(1) - 1 : pos]
            elif "<" in inner:
                # the text of every node, a newline in the source a space, and each <br>
                # a new line in a paragraph (element_text(keep_lines=True)) but a space in
                # a heading (element_text())
                marked_up = True
                if "<br" in inner and tag == "p":
                    lines = (collapse_space(_INLINE_TAG_RE.sub("", line))
                             for line in _BR_RE.split(inner))
                    value = "\n".join(line for line in lines if line) or None
                else:
                    value = collapse_space(_INLINE_TAG_RE.sub("", _BR_RE.sub(" ", inner)))
                if value is None:
                    return None  # no text: the extractor looks for an image in it
                if "<br" in inner:
                    if _BLANK_AFTER_BR_RE.search(inner):
                        return None
                    inner = _BR_RE.sub("<br>", inner)
                html_ = f"<{tag}{attr}>{inner}</{tag}>"
            else:
                value = collapse_space(inner)
                html_ = text[m.start(1) - 1 : pos]
            if value is None:
                continue  # an empty paragraph or heading gives no block
            if tag == "p":
                blocks.append(Block(kind="paragraph", text=value, html=html_, name=unit.name))
            else:
                blocks.append(Block(kind="heading", text=value, html=html_, level=int(tag[1]),
                                    name=unit.name))
        elif m.group("list") is not None:
            tag, attr, body = m.group("list", "lattr", "items")
            if not _plain_classes(attr, _LIST_CLASSES) or not _plain_text(body):
                return None
            items = tuple(v for v in (collapse_space(t) for t in _LI_RE.findall(body)) if v)
            if items:
                blocks.append(Block(kind="list", text="\n".join(items),
                                    html=f"<{tag}{attr}>{body}</{tag}>", items=items,
                                    ordered=tag == "ol", name=unit.name))
        elif m.group("quoted") is not None:
            attr, body = m.group("qattr", "quoted")
            if not _plain_classes(attr, _QUOTE_CLASSES) or not _plain_text(body):
                return None
            # element_text(keep_lines=True): each paragraph and the citation (which a
            # paragraph's end has put on a line of its own) a line, a newline in the
            # source a space
            lines = (collapse_space(p) for p in _QUOTED_P_RE.findall(body))
            blocks.append(Block(kind="quote", text="\n".join(v for v in lines if v),
                                html=f"<blockquote{attr}>{body}</blockquote>",
                                name=unit.name))
        else:
            found = _figure(m, unit.name, base_url)
            if found is None:
                return None
            blocks.append(found[0])
            if found[1] is not None:
                captions.append(found[1])
    return _Fast(blocks, captions, pieces == 1 and plain_piece and not marked_up)


def _simple_blocks(unit: Unit) -> list[Block] | None:
    """The blocks of a plain paragraph or heading unit, or ``None`` if it is not one."""
    fast = _fast_unit(unit, None)
    return fast.blocks if fast is not None and fast.simple else None


def _extract_joined(
    units: list[Unit], base_url: str | None, *, top_level: bool = False,
    end_mark: bool = False,
) -> tuple[list[list[Block]], tuple[Caption, ...]] | None:
    # One parse and one extraction for the whole post: the units are joined with marked
    # <hr> elements between them, which the extractor returns as separator blocks, so the
    # blocks between two markers belong to one unit.  None when broken markup in a unit
    # swallowed a marker (the caller then extracts unit by unit).  With ``top_level`` it is
    # also None unless every marker is a child of the fragment itself, that is unless every
    # unit before a marker closed all it opened; ``end_mark`` puts a marker after the last
    # unit too, to know that of the last unit.
    count = len(units) - 1 + end_mark
    marks = [f'<hr {_UNIT_ATTR}="{i}">' for i in range(1, count + 1)]
    joined = units[0].html + "".join(
        m + u.html for m, u in zip(marks[: len(units) - 1], units[1:], strict=True))
    if end_mark:
        joined += marks[-1]
    root = parse_fragment(joined)
    if top_level:
        expected = [str(i) for i in range(1, count + 1)]
        top = [hr.get(_UNIT_ATTR) for hr in root.iterchildren("hr")
               if hr.get(_UNIT_ATTR) is not None]
        if top != expected or sum(1 for hr in root.iter("hr")
                                  if hr.get(_UNIT_ATTR) is not None) != count:
            return None
    content = extract_content(root, base_url=base_url, owned=True, with_html=False)
    groups: list[list[Block]] = []
    current: list[Block] = []
    unit = 0
    for b in content.blocks:
        if b.kind in _SEPARATOR_KINDS and b.html and _UNIT_ATTR in b.html:
            if unit >= count or b.html != marks[unit]:
                return None
            groups.append(current)
            current = []
            unit += 1
        else:
            current.append(b)
    if unit != count:
        return None
    groups.append(current)
    if end_mark and groups.pop():
        return None
    blocks = [_named(tuple(g), u.name) for g, u in zip(groups, units, strict=True)]
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


def _extract_around(
    units: list[Unit], fast: list[_Fast | None], base_url: str | None
) -> tuple[list[list[Block]], tuple[Caption, ...]] | None:
    # Parse only the units that need it, where that gives what parsing every unit but the
    # plain paragraphs would: when each parsed unit closes what it opens (the units read
    # without a parse are whole elements, so a parse would have put them at the top of the
    # fragment, where they give what _fast_unit gives).  None when that is not known, or
    # when the order of the captions cannot be told.
    parsed = [i for i, f in enumerate(fast) if f is None]
    last = parsed[-1]
    end_mark = any(f is not None and not f.simple for f in fast[last + 1:])
    got = _extract_joined([units[i] for i in parsed], base_url, top_level=True,
                          end_mark=end_mark)
    if got is None:
        return None
    parsed_blocks, parsed_captions = got
    before: list[Caption] = []
    after: list[Caption] = []
    for i, f in enumerate(fast):
        if f is not None and f.captions:
            if parsed_captions and parsed[0] < i < last:
                return None  # where the parsed units' captions fall among them is unknown
            (before if i < parsed[0] or not parsed_captions else after).extend(f.captions)
    rest = iter(parsed_blocks)
    blocks = [next(rest) if f is None else f.blocks for f in fast]
    return blocks, (*before, *parsed_captions, *after)


def convert_content(raw: str | None, *, base_url: str | None = None) -> WxrContent:
    """Render exported ``post_content`` and extract its text, blocks and captions."""
    if raw is None or not raw.strip():
        return WxrContent()
    units = render_units(raw)
    if not units:
        return WxrContent()
    fast = [_fast_unit(u, base_url) for u in units]
    unit_blocks: list[list[Block]]
    captions: tuple[Caption, ...]
    if all(f is not None for f in fast):
        unit_blocks = [f.blocks for f in fast if f is not None]
        captions = tuple(c for f in fast if f is not None for c in f.captions)
    else:
        got = None
        if any(f is not None and not f.simple for f in fast):
            got = _extract_around(units, fast, base_url)
        if got is None:
            # every unit but the plain paragraphs and headings in one parse
            parsed = [u for u, f in zip(units, fast, strict=True) if f is None or not f.simple]
            extracted = _extract_joined(parsed, base_url) or _extract_each(parsed, base_url)
            rest = iter(extracted[0])
            got = ([next(rest) if f is None or not f.simple else f.blocks for f in fast],
                   extracted[1])
        unit_blocks, captions = got
    blocks = tuple(b for unit_blocks_ in unit_blocks for b in unit_blocks_)
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
        out: list[str] = []
        for line in raw.split("\n"):
            if line.isprintable() and "  " not in line and line[:1] != " " != line[-1:]:
                # nothing for collapse_space() to do (see _fast_unit)
                if line:
                    out.append(line)
            elif (collapsed := collapse_space(line)) is not None:
                out.append(collapsed)
        return "\n".join(out) or None
    return element_text(parse_fragment(wpautop(raw)), keep_lines=True)
