"""Which line breaks survive in extracted text: the ones a browser shows (<br>, blocks, the
lines of a <pre>, table rows), not the newlines of the page's source inside running text."""

from __future__ import annotations

import lxml.html

import blogparse
from blogparse._content import element_text
from blogparse._wxr_content import convert_content


def _page(entry: str, discussion: str = "") -> bytes:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Tide tables | Harbour Notes</title></head>
<body class="post-template-default single single-post postid-61">
<article id="post-61" class="post-61 post type-post status-publish hentry">
<h1 class="entry-title">Tide tables</h1>
<div class="entry-content">{entry}</div>
</article>
<div id="comments" class="comments-area"><ol class="comment-list">{discussion}</ol></div>
</body></html>""".encode()


def _comment(body: str) -> str:
    return f"""<li id="comment-7" class="comment even thread-even depth-1">
<article id="div-comment-7" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard">
<b class="fn">Oskar</b> <span class="says">says:</span></div></footer>
<div class="comment-content">{body}</div></article></li>"""


def test_a_source_newline_inside_a_comment_paragraph_is_a_space() -> None:
    """A hand-wrapped paragraph reads as one line; <br> and a new paragraph still break."""
    body = ("<p>The ferry waited\n  for the pilot boat,\nthen left.</p>\n"
            "<p>Second thought:<br>\nthe pilot was late.</p>")
    post = blogparse.parse_page(_page("<p>Entry.</p>", _comment(body))).posts[0]
    assert [c.content_text for c in post.comments] == [
        "The ferry waited for the pilot boat, then left.\n"
        "Second thought:\nthe pilot was late."]


def test_preformatted_lines_are_kept_in_comment_text() -> None:
    """Inside <pre> the source's newlines are the lines the reader sees."""
    body = "<p>My settings:</p><pre>depth = 4\nspeed = <b>slow</b>\n\nwind = west</pre>"
    post = blogparse.parse_page(_page("<p>Entry.</p>", _comment(body))).posts[0]
    assert post.comments[0].content_text == (
        "My settings:\ndepth = 4\nspeed = slow\nwind = west")


def test_table_rows_are_lines_and_cells_are_words_apart() -> None:
    """Cells written without white space between them do not run together."""
    table = ("<table><tr><th>Boat</th><th>Berth</th></tr>"
             "<tr><td>Wren</td><td>4</td></tr>\n<tr>\n<td>Kestrel\nII</td>\n<td>9</td>\n</tr>"
             "</table>")
    post = blogparse.parse_page(_page("<p>Where they lie.</p>" + table)).posts[0]
    tables = [b for b in post.blocks if b.kind == "table"]
    assert [b.text for b in tables] == ["Boat Berth\nWren 4\nKestrel II 9"]
    row = lxml.html.fragment_fromstring("<tr><td>Wren</td><td>4</td></tr>")
    assert element_text(row) == "Wren 4"
    assert element_text(row, keep_lines=True) == "Wren 4"


def test_quote_lines_from_a_page_and_from_an_export_agree() -> None:
    """A block-editor quote whose paragraph is wrapped in the source: one line for the
    paragraph, one for the citation, whichever way the post is read."""
    quote = ('<blockquote class="wp-block-quote"><p>Low water at six,\nhigh water at noon.</p>'
             "<cite>The harbourmaster</cite></blockquote>")
    expected = "Low water at six, high water at noon.\nThe harbourmaster"
    page = blogparse.parse_page(_page(quote)).posts[0]
    assert [b.text for b in page.blocks if b.kind == "quote"] == [expected]
    exported = convert_content(f"<!-- wp:quote -->\n{quote}\n<!-- /wp:quote -->")
    assert [b.text for b in exported.blocks if b.kind == "quote"] == [expected]
    # the same quote with markup inside takes the parser's path; it must agree too
    marked = quote.replace("high water", "<em>high</em> water")
    exported = convert_content(f"<!-- wp:quote -->\n{marked}\n<!-- /wp:quote -->")
    assert [b.text for b in exported.blocks if b.kind == "quote"] == [expected]


def test_line_breaks_inside_a_paragraph_are_lines_of_the_post_text() -> None:
    """A poem's or an address's <br>s give the lines a reader sees; the source's own
    newlines between them stay spaces, and a heading's <br> is a space."""
    entry = ("<h2>Harbour<br>office</h2>\n"
             "<p>Quay Road 4<br>\nWestport,\nBay County<br />\n</p>\n"
             "<p>Low water, <em>high</em> wind,<br>the gulls<br><br>sit on the wall.</p>")
    post = blogparse.parse_page(_page(entry)).posts[0]
    assert [(b.kind, b.text) for b in post.blocks] == [
        ("heading", "Harbour office"),
        ("paragraph", "Quay Road 4\nWestport, Bay County"),
        ("paragraph", "Low water, high wind,\nthe gulls\nsit on the wall.")]
    assert post.content_text == ("Harbour office\n\nQuay Road 4\nWestport, Bay County\n\n"
                                 "Low water, high wind,\nthe gulls\nsit on the wall.")


def test_text_without_paragraphs_keeps_its_lines_and_two_breaks_end_one() -> None:
    """Old content written straight into the body: one <br> a line, two (with white space
    between them or not) a new paragraph."""
    entry = ("Nets mended,\nlines coiled<br>\nboat scrubbed.<br>\n<br>\n"
             "Tomorrow: <b>paint</b><br><br>and rest.")
    post = blogparse.parse_page(_page(entry)).posts[0]
    assert [(b.kind, b.text) for b in post.blocks] == [
        ("paragraph", "Nets mended, lines coiled\nboat scrubbed."),
        ("paragraph", "Tomorrow: paint"),
        ("paragraph", "and rest.")]


def test_an_export_and_its_page_break_paragraph_lines_alike() -> None:
    """Classic content's single newlines (wpautop's <br />) are lines from either path,
    with or without markup in the paragraph."""
    raw = "Quay Road 4\nWestport\n\nLow water, <em>high</em> wind,\nthe gulls."
    exported = convert_content(raw)
    expected = "Quay Road 4\nWestport\n\nLow water, high wind,\nthe gulls."
    assert exported.text == expected
    page = blogparse.parse_page(_page(
        "<p>Quay Road 4<br />\nWestport</p>\n<p>Low water, <em>high</em> wind,<br />\n"
        "the gulls.</p>")).posts[0]
    assert page.content_text == expected
