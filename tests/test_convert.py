"""Conversion to Hugo and Jekyll: front matter, Markdown bodies, figures, comment data, the CLI.

Front matter is read back with ``yaml.safe_load``; bodies are rendered with a CommonMark
renderer (markdown-it, skipped when absent) and compared with the text the post carries.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import lxml.html
import lxml.html.builder
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import blogparse
from blogparse import Caption, Comment, Image, PageResult, Person, Pingback, Post
from blogparse._convert import (
    ConvertReport,
    SiteWriter,
    data_key,
    main_convert,
    post_to_markdown,
    register,
    safe_slug,
    write_site,
    yaml_string,
)
from blogparse._errors import BlogparseError
from strategies import html_like, posts, raw_text, words

TESTS = Path(__file__).resolve().parent
PAGES = TESTS / "pages"
EXPORT = TESTS / "wxr" / "full-1.2.xml"
BST = timezone(timedelta(hours=1))


def _split(markdown: str) -> tuple[dict[str, Any], str]:
    """The front matter as data and the body of a converted file."""
    assert markdown.startswith("---\n")
    head, sep, body = markdown[4:].partition("\n---\n")
    assert sep, "the front matter is closed"
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data, body


def _markdown(markdown_it: Any) -> Any:
    """A CommonMark renderer with strikethrough, as Hugo's Markdown has."""
    return markdown_it.MarkdownIt("commonmark").enable("strikethrough")


def _render(markdown: str) -> lxml.html.HtmlElement:
    """The body rendered by a CommonMark renderer, as a tree."""
    markdown_it = pytest.importorskip("markdown_it")
    rendered = _markdown(markdown_it).render(markdown)
    return lxml.html.fragment_fromstring(rendered or "<p></p>", create_parent="div")


def _body_of(html: str, *, flavor: str = "hugo", **fields: Any) -> str:
    post = Post(title="T", content_html=html,
                blocks=(blogparse.Block(kind="html", html=html),), **fields)
    return _split(post_to_markdown(post, flavor=flavor))[1]


def _captions_post() -> Post:
    post = blogparse.parse_file(PAGES / "captions.html").post
    assert post is not None
    return post


# --- YAML -----------------------------------------------------------------------------------

TRICKY_TITLES = [
    'He said "no": the end',
    "# not a comment",
    "- not a list",
    "key: value",
    "? question",
    "& anchor * alias ! tag % directive @ at ` tick | pipe > fold",
    "[flow] {map}",
    "null", "true", "no", "123", "1e3", "0x1F", "~",
    "back\\slash \\n not a newline",
    "line one\nline two\r\nline three",
    "tab\there",
    "Ünïcödé — 中文 — עברית — 🚢",
    "control \x01\x08\x1b\x7f chars",
    "NEL\x85 LS\u2028 PS\u2029 BOM\ufeff",
    "  leading and trailing spaces  ",
    "'single quotes'",
    "",
]


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_yaml_strings_load_back_unchanged(title: str) -> None:
    """Any title written as a YAML scalar loads back as the same string."""
    assert {"title": title} == yaml.safe_load(f"title: {yaml_string(title)}\n")


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_any_text_survives_yaml(text: str) -> None:
    """Every string of Unicode scalar values round-trips through the YAML writer."""
    assert text == yaml.safe_load(yaml_string(text))


@pytest.mark.parametrize("title", TRICKY_TITLES[:10])
def test_tricky_title_in_front_matter(title: str) -> None:
    """The whole front matter stays valid YAML whatever the title holds."""
    data, _ = _split(post_to_markdown(Post(title=title, url="https://b.example/x/")))
    assert title == data["title"]


# --- front matter -----------------------------------------------------------------------------


def test_hugo_front_matter_from_a_saved_page() -> None:
    """Title, dates with offsets, slug, author, terms and the old path as an alias."""
    post = _captions_post()
    data, _ = _split(post_to_markdown(post))
    assert post.title == data["title"]
    assert datetime(2022, 5, 16, 21, 10, tzinfo=BST) == data["date"]
    assert data["date"].utcoffset() == timedelta(hours=1)
    assert post.updated == data["lastmod"]
    assert "harbour-day-in-pictures" == data["slug"]
    assert "Nessa Trewin" == data["author"]
    assert ["Events", "Photos"] == data["categories"]
    assert ["harbour day", "volunteers"] == data["tags"]
    assert ["/2022/05/16/harbour-day-in-pictures/"] == data["aliases"]
    assert "draft" not in data


def test_jekyll_front_matter_uses_jekyll_names() -> None:
    """Jekyll gets last_modified_at, redirect_from, excerpt and a layout."""
    post = attrs.evolve(_captions_post(), excerpt="A day: in \"pictures\"")
    data, _ = _split(post_to_markdown(post, flavor="jekyll"))
    assert "post" == data["layout"]
    assert post.updated == data["last_modified_at"]
    assert ["/2022/05/16/harbour-day-in-pictures/"] == data["redirect_from"]
    assert 'A day: in "pictures"' == data["excerpt"]
    assert not {"aliases", "lastmod", "summary"} & set(data)


def test_missing_fields_are_left_out() -> None:
    """A post with nothing but a title gets no invented date, author or terms."""
    data, body = _split(post_to_markdown(Post(title="Only a title")))
    assert {"title": "Only a title", "slug": "only-a-title"} == data
    assert "" == body


def test_several_authors_are_all_listed() -> None:
    """The main author is ``author``; with more than one, ``authors`` lists them all."""
    post = Post(title="x", authors=(Person(name="Ann"), Person(name="Bo"), Person(url="u")))
    data, _ = _split(post_to_markdown(post))
    assert "Ann" == data["author"]
    assert ["Ann", "Bo"] == data["authors"]


def test_naive_date_is_written_without_offset_and_reported(tmp_path: Path) -> None:
    """An export draft with no GMT date keeps its naive date and the report says so."""
    posts = blogparse.parse_wxr(EXPORT).posts
    draft = next(p for p in posts if p.status == "draft")
    assert draft.published is not None
    assert draft.published.tzinfo is None
    data, _ = _split(post_to_markdown(draft))
    assert draft.published == data["date"]
    assert data["date"].tzinfo is None
    assert data["draft"] is True
    report = write_site([draft], tmp_path)
    assert ["the published date has no UTC offset; written without one"] == [
        n.message for n in report.problems]


def test_drafts_in_jekyll_go_to_drafts(tmp_path: Path) -> None:
    """A non-published post is ``published: false`` in ``_drafts`` for Jekyll."""
    post = Post(title="Later", url="https://b.example/later/", status="pending",
                published=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    report = write_site([post], tmp_path, flavor="jekyll")
    assert ("_drafts/later.md",) == report.written
    data, _ = _split((tmp_path / "_drafts" / "later.md").read_text("utf-8"))
    assert data["published"] is False


def test_jekyll_post_without_date_falls_back_to_drafts(tmp_path: Path) -> None:
    """No date: nothing is invented, the post goes to ``_drafts`` and a problem is recorded."""
    report = write_site([Post(title="Undated", url="https://b.example/u/")], tmp_path,
                        flavor="jekyll")
    assert ("_drafts/u.md",) == report.written
    assert any("no publication date" in n.message for n in report.problems)


def test_jekyll_post_file_name_has_the_local_date(tmp_path: Path) -> None:
    """``_posts/YYYY-MM-DD-slug.md`` takes the date as the post gives it, in its own zone."""
    report = write_site([_captions_post()], tmp_path, flavor="jekyll")
    assert "_posts/2022-05-16-harbour-day-in-pictures.md" == report.written[0]


# --- slugs and files --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "slug"), [
    ("Hello, World!", "hello-world"),
    ("  --Fog & the Night Ferry--  ", "fog-the-night-ferry"),
    ("Ünïcödé 中文", "ünïcödé-中文"),
    ("../../etc/passwd", "etc-passwd"),
    ('a<b>c:d"e/f\\g|h?i*j', "a-b-c-d-e-f-g-h-i-j"),
    ("CON", "con-post"),
    ("com1", "com1-post"),
    ("!!!", None),
    ("", None),
])
def test_safe_slug(text: str, slug: str | None) -> None:
    """Slugs keep letters and digits of any script and nothing a file system would refuse."""
    assert slug == safe_slug(text)


def test_long_slugs_are_cut_to_fit_a_file_name() -> None:
    """A very long title gives a slug short enough in characters and in UTF-8 bytes."""
    slug = safe_slug("word " * 100) or ""
    assert 75 <= len(slug) <= 80
    assert not slug.endswith("-")
    assert len((safe_slug("中" * 300) or "").encode("utf-8")) <= 180


def test_slug_from_permalink_else_title(tmp_path: Path) -> None:
    """The permalink's last segment names the file; a ``?p=`` link falls back to the title."""
    posts = [
        Post(title="Ignored", url="https://b.example/2024/01/02/from-the-link/"),
        Post(title="From The Title", url="https://b.example/?p=7"),
        Post(title="Blogger", url="https://b.example/2015/04/next-gen.html"),
        Post(id=9),
    ]
    report = write_site(posts, tmp_path)
    assert ("content/posts/from-the-link.md", "content/posts/from-the-title.md",
            "content/posts/next-gen.md", "content/posts/post-9.md") == report.written
    assert any("slug 'post-9'" in n.message for n in report.problems)


def test_slug_collisions_get_numbers(tmp_path: Path) -> None:
    """Three posts with one slug become ``x``, ``x-2`` and ``x-3`` (case ignored)."""
    posts = [Post(title="Same"), Post(title="same"), Post(title="SAME")]
    report = write_site(posts, tmp_path)
    assert ("content/posts/same.md", "content/posts/same-2.md",
            "content/posts/same-3.md") == report.written


def test_the_same_permalink_is_written_once_from_the_fuller_copy(tmp_path: Path) -> None:
    """An archive's excerpt and the post's own page: one file, with the full content."""
    url = "https://b.example/2024/01/02/one/"
    short = Post(title="One", url=url, content_text="Short.",
                 blocks=(blogparse.Block(kind="paragraph", text="Short."),))
    full = Post(title="One", url=url, content_text="Short. And the rest of it.",
                blocks=(blogparse.Block(kind="paragraph", text="Short. And the rest of it."),))
    writer = SiteWriter(tmp_path)
    writer.add(short, archive=True)
    writer.add(full)
    writer.add(short, archive=True)
    report = writer.report()
    assert ("content/posts/one.md",) == report.written
    assert "And the rest of it" in (tmp_path / "content/posts/one.md").read_text("utf-8")
    assert 1 == len(report.skipped)


def test_existing_files_are_kept_unless_overwrite(tmp_path: Path) -> None:
    """A second run leaves earlier files alone and says so; ``overwrite`` replaces them."""
    target = tmp_path / "content" / "posts" / "kept.md"
    target.parent.mkdir(parents=True)
    target.write_text("mine\n", encoding="utf-8")
    report = write_site([Post(title="Kept")], tmp_path)
    assert () == report.written
    assert "exists" in report.skipped[0].message
    assert "mine\n" == target.read_text("utf-8")
    report = write_site([Post(title="Kept")], tmp_path, overwrite=True)
    assert ("content/posts/kept.md",) == report.written
    assert "title: \"Kept\"" in target.read_text("utf-8")


def test_machinery_and_trash_are_skipped(tmp_path: Path) -> None:
    """Attachments, menu items and trashed posts are reported as skipped, not written."""
    report = write_site(blogparse.parse_wxr(EXPORT).posts, tmp_path)
    skipped = sorted(n.message for n in report.skipped)
    assert ["post type attachment is not content", "post type attachment is not content",
            "post type nav_menu_item is not content"] == skipped
    assert "content/pages/timetable.md" in report.written
    trashed = write_site([Post(title="Gone", status="trash")], tmp_path / "t")
    assert () == trashed.written


def test_unknown_flavor_is_refused() -> None:
    """A flavor other than hugo or jekyll is a ValueError, not a silent default."""
    with pytest.raises(ValueError, match="unknown flavor"):
        post_to_markdown(Post(title="x"), flavor="gatsby")
    with pytest.raises(ValueError, match="unknown flavor"):
        write_site([], "unused", flavor="gatsby")


# --- bodies -----------------------------------------------------------------------------------


def test_blocks_become_markdown() -> None:
    """Paragraphs, headings, emphasis, links, images, lists, quotes, code and rules."""
    body = _body_of(
        "<h2>Head <em>line</em></h2><p>Some <strong>bold</strong> and <em>soft</em> text "
        "with <a href='https://x.example/a b'>a link</a> and <code>x = `y`</code>.</p>"
        "<ul><li>one</li><li>two<ul><li>two.a</li><li>two.b</li></ul></li></ul>"
        "<ol start='3'><li>three</li><li>four</li></ol>"
        "<blockquote><p>quoted</p><blockquote><p>deeper</p></blockquote></blockquote>"
        "<pre class='language-python'>print('```')\n  indented</pre><pre>```\nfenced</pre><hr>"
        "<p><img src='https://x.example/i.png' alt='an [image]'></p>")
    assert body.startswith("\n## Head *line*\n")
    assert ("Some **bold** and *soft* text with [a link](https://x.example/a%20b) and "
            "`` x = `y` ``.") in body
    assert "- one\n- two\n  - two.a\n  - two.b\n" in body
    assert "3. three\n4. four\n" in body
    assert "> quoted\n>\n> > deeper\n" in body
    assert "```python\nprint('```')\n  indented\n```\n" in body
    assert "````\n```\nfenced\n````\n" in body
    assert "\n---\n" in body
    assert "![an \\[image\\]](https://x.example/i.png)" in body
    assert "\n![b](https://x.example/b.png)Then\n" in _body_of(
        "<p><strong><img src='https://x.example/b.png' alt='b'></strong>Then</p>")


def test_rendered_body_has_the_same_structure() -> None:
    """Rendered by CommonMark, the body gives back the lists, quotes, code and links."""
    body = _body_of(
        "<p>a <em>b</em> <a href='https://x.example/'>c</a></p>"
        "<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>"
        "<blockquote><ul><li>in a quote</li></ul></blockquote><pre>x &lt; y</pre>")
    root = _render(body)
    assert ["one", "two"] == [li.text.strip() for li in root.xpath("./ul/li")]
    assert ["nested"] == root.xpath("./ul/li/ul/li/text()")
    assert ["in a quote"] == root.xpath("./blockquote/ul/li/text()")
    assert ["x < y\n"] == root.xpath("./pre/code/text()")
    assert ["https://x.example/"] == root.xpath("./p/a/@href")
    assert ["b"] == root.xpath("./p/em/text()")


def test_emphasis_next_to_punctuation_still_renders() -> None:
    """Where CommonMark would not read ``**`` as emphasis, the HTML tag is written instead."""
    body = _body_of("<p>x<strong>(a)</strong>y and <em>plain</em>, <b>b<i>(c)</i></b>d</p>")
    assert "**" not in body.split("and")[0]
    root = _render(body)
    assert ["(a)", "b(c)"] == [el.text_content() for el in root.xpath(".//strong")]
    assert ["plain", "(c)"] == [el.text_content() for el in root.xpath(".//em")]


def test_code_cut_by_a_block_leaves_no_raw_text() -> None:
    """Text after a block inside ``<code>`` is escaped again, not left as raw Markdown."""
    root = _render(_body_of("<p><code>a<div>*b* [c](d)</div>e</code></p>"))
    assert "a*b* [c](d)e" == "".join(root.text_content().split("\n"))
    assert [] == root.xpath(".//em | .//a")


def test_control_characters_in_text_blocks() -> None:
    """Text blocks holding control characters convert (they are dropped, as on a page)."""
    post = Post(title="T", blocks=(blogparse.Block(kind="paragraph", text="a\x00b\x01c"),
                                   blogparse.Block(kind="list", items=("x\x02",))))
    assert "abc\n\n- x\n" in _split(post_to_markdown(post))[1]


def test_tables_and_embeds_stay_html_blocks() -> None:
    """Tables and iframes are kept as HTML blocks with no blank line inside; scripts go."""
    body = _body_of("<table>\n\n<tr><td>a</td></tr>\n\n</table>"
                    "<iframe src='https://video.example/e/1'></iframe>"
                    "<script>alert(1)</script><p>after</p>")
    assert "<table>" in body
    assert "<td>a</td>" in body
    table = body[body.index("<table>"):body.index("</table>")]
    assert "\n\n" not in table
    assert '<iframe src="https://video.example/e/1"></iframe>' in body
    assert "alert" not in body
    assert body.rstrip().endswith("after")


def test_html_blocks_lose_what_would_run() -> None:
    """Kept HTML loses event handlers, inline documents and active addresses, not content."""
    body = _body_of("<table onclick='x()'><tr><td><a href='javascript:alert(1)'>a</a>"
                    "<a href='https://ok.example/'>b</a></td></tr></table>"
                    "<iframe srcdoc='<script>x</script>' src='https://v.example/1'></iframe>")
    assert "onclick" not in body
    assert "javascript" not in body
    assert "srcdoc" not in body
    assert 'href="https://ok.example/"' in body
    assert 'src="https://v.example/1"' in body
    assert "<td><a>a</a>" in body


def test_active_urls_are_dropped() -> None:
    """A ``javascript:`` link keeps its text and loses its target."""
    body = _body_of("<p><a href='javascript:alert(1)'>click</a> "
                    "<img src='data:text/html,x' alt='x'></p>")
    assert "javascript" not in body
    assert "data:" not in body
    assert "click" in body


@pytest.mark.parametrize("text", [
    "*not emphasis* and _not either_",
    "[not](a link) and ![not](an image)",
    "# not a heading",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "> not a quote",
    "<b>not a tag</b> &amp; not an entity &copy;",
    "a | not | a table",
    "`not code`",
    "~~~ not a fence",
    "=== not an underline",
    ": not a definition",
    "{{< not a shortcode >}} {% not a tag %} {{ not output }}",
    "back\\slash\\*",
])
def test_metacharacters_render_as_themselves(text: str) -> None:
    """Text that looks like Markdown, HTML or template syntax shows as written."""
    post = Post(title="T", blocks=(blogparse.Block(kind="paragraph", text=text),))
    body = _split(post_to_markdown(post))[1]
    assert "{{<" not in body
    assert "{%" not in body
    assert "{{" not in body
    root = _render(body)
    assert text == root.text_content().strip()


@settings(max_examples=150)
@given(paragraphs=st.lists(words(1, 12), min_size=1, max_size=4))
def test_any_text_renders_back(paragraphs: list[str]) -> None:
    """Paragraphs of any text (markup characters and entities included) render back as is."""
    markdown_it = pytest.importorskip("markdown_it")
    html = "".join(f"<p>{lxml.html.tostring(lxml.html.builder.SPAN(p), encoding='unicode')}"
                   "</p>" for p in paragraphs)
    post = Post(title="T", blocks=(blogparse.Block(kind="html", html=html),))
    body = _split(post_to_markdown(post))[1]
    rendered = _markdown(markdown_it).render(body)
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    assert [" ".join(p.split()) for p in paragraphs] == [
        " ".join(p.text_content().split()) for p in root.xpath("./p")]


@settings(max_examples=30)
@given(post=posts(max_comments=4, max_pingbacks=2, huge=False),
       flavor=st.sampled_from(["hugo", "jekyll"]))
def test_generated_posts_convert_faithfully(post: Post, flavor: str) -> None:
    """Any generated post: the front matter gives back its fields, the body its paragraphs."""
    markdown_it = pytest.importorskip("markdown_it")
    data, body = _split(post_to_markdown(post, flavor=flavor))
    assert post.title == data["title"]
    assert post.published == data["date"]
    assert post.updated == data.get("last_modified_at" if flavor == "jekyll" else "lastmod")
    assert [t.name for t in post.categories] == data.get("categories", [])
    assert [t.name for t in post.tags] == data.get("tags", [])
    assert post.url is not None
    assert [urlsplit(post.url).path] == data[
        "redirect_from" if flavor == "jekyll" else "aliases"]
    rendered = _markdown(markdown_it).render(body)
    root = lxml.html.fragment_fromstring(rendered or "<p></p>", create_parent="div")
    assert [" ".join(p.split()) for p in (post.content_text or "").split("\n\n")] == [
        " ".join(p.text_content().split()) for p in root.xpath("./p")]


@settings(max_examples=150)
@given(html=html_like(), title=raw_text, url=st.sampled_from(
    [None, "http://[::1", "javascript:x", "https://b.example/a b/ c/", "?p=1", ""]))
def test_any_markup_converts(html: str, title: str, url: str | None) -> None:
    """Broken markup and odd titles or urls still give a file whose front matter loads."""
    title = title.replace("\x00", "")
    post = Post(title=title, url=url, content_html=html,
                blocks=(blogparse.Block(kind="html", html=html),))
    for flavor in ("hugo", "jekyll"):
        data, body = _split(post_to_markdown(post, flavor=flavor))
        assert title == data["title"]
        assert not re.search(r"(?:href|src|action)=\"\s*javascript:", body, re.IGNORECASE)


_INLINE_TAGS = st.sampled_from(["strong", "em", "b", "i", "code", "a", "span", "del"])


@st.composite
def _inline_html(draw: st.DrawFn, depth: int = 0) -> str:
    """A run of text with inline markup nested a few levels, punctuation at its edges."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(_INLINE_TAGS)
            inner = draw(_inline_html(depth + 1))
            href = " href='https://x.example/p'" if tag == "a" else ""
            parts.append(f"<{tag}{href}>{inner}</{tag}>")
        else:
            word = draw(words(1, 3))
            parts.append(html.escape(word, quote=False))
        parts.append(draw(st.sampled_from(["", " ", "(", ")", ".", "-", "a", "'"])))
    return "".join(parts)


@settings(max_examples=150)
@given(html=_inline_html())
def test_inline_markup_renders_back_to_its_text(html: str) -> None:
    """Any nesting of emphasis, links and code renders to the same text: no delimiter or
    escape is left showing, and nothing is lost."""
    markdown_it = pytest.importorskip("markdown_it")
    source = lxml.html.fragment_fromstring(f"<p>{html}</p>")
    post = Post(title="T", blocks=(blogparse.Block(kind="paragraph", html=f"<p>{html}</p>"),))
    body = _split(post_to_markdown(post))[1]
    rendered = _markdown(markdown_it).render(body) or "<p></p>"
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    assert " ".join(source.text_content().split()) == " ".join(root.text_content().split())


def test_deep_nesting_is_bounded() -> None:
    """Thousands of nested quotes and lists convert without recursion and stay small."""
    deep = "<blockquote>" * 3000 + "core" + "</blockquote>" * 3000
    lists = "<ul><li>" * 3000 + "item" + "</li></ul>" * 3000
    body = _body_of(deep + lists)
    assert "core" in body
    assert "item" in body
    # past the parser's depth limit markup is read as text; past 16 containers the
    # converter flattens, so no line carries more than 16 prefixes
    for line in body.splitlines():
        assert line.count("> ") <= 16
        assert len(line) - len(line.lstrip(" -")) <= 16 * 2


def test_text_only_blocks_are_converted() -> None:
    """Blocks with text and no HTML (text dumps) still give headings, lists and code."""
    blocks = (
        blogparse.Block(kind="heading", level=3, text="Section"),
        blogparse.Block(kind="paragraph", text="First line\nsecond line"),
        blogparse.Block(kind="list", ordered=True, items=("a", "b")),
        blogparse.Block(kind="quote", text="said"),
        blogparse.Block(kind="code", text="x = 1"),
    )
    body = _split(post_to_markdown(Post(title="T", blocks=blocks)))[1]
    assert "### Section\n\nFirst line  \nsecond line\n\n1. a\n2. b\n\n> said\n\n```\nx = 1\n```\n" \
        in body


def test_text_dump_converts(tmp_path: Path) -> None:
    """A post read from a text dump converts too."""
    result = blogparse.parse_file(TESTS / "dumps" / "w3m_byline_title.txt")
    assert result.post is not None
    report = write_site(result.posts, tmp_path)
    assert report.written
    data, body = _split((tmp_path / report.written[0]).read_text("utf-8"))
    assert result.post.title == data["title"]
    assert body.strip()


# --- figures ----------------------------------------------------------------------------------


def test_hugo_figures_keep_caption_and_credit_apart() -> None:
    """Every captioned image becomes a figure shortcode with its caption and credit."""
    post = _captions_post()
    body = _split(post_to_markdown(post))[1]
    figures = [line for line in body.splitlines() if line.startswith("{{< figure ")]
    assert len(post.captions) == len(figures)
    first = figures[0]
    assert "caption=`Volunteers clear the slipway before the rowing races.`" in first
    assert "attr=`AP Photo/Marta Quist`" in first
    assert "src=`https://harbourward.example/wp-content/uploads/2022/05/slipway-840x560.jpg`" \
        in first
    assert "Marta Quist" not in body.replace(first, "")


def test_jekyll_figures_are_html_with_the_credit_in_small() -> None:
    """Jekyll gets ``<figure>`` with ``<figcaption>`` and the credit in ``<small>``."""
    post = _captions_post()
    body = _split(post_to_markdown(post, flavor="jekyll"))[1]
    root = _render(body)
    figures = root.xpath("//figure")
    assert len(post.captions) == len(figures)
    for caption, figure in zip(post.captions, figures, strict=True):
        assert caption.image is not None
        assert [caption.image.src] == figure.xpath(".//img/@src")
        credit = figure.xpath(".//figcaption/small/text()")
        assert ([caption.credit] if caption.credit else []) == credit


def test_figure_values_with_quotes_and_backticks() -> None:
    """Caption text with backticks and quotes still gives one well-formed shortcode."""
    caption = Caption(text='The "tug" `Marguerite`', credit="A `B`",
                      image=Image(src="https://x.example/t.jpg", alt='say "hi"'))
    post = Post(title="T", captions=(caption,), blocks=(blogparse.Block(
        kind="image", html='<figure><img src="https://x.example/t.jpg"><figcaption>The '
                           '"tug" `Marguerite` A `B`</figcaption></figure>'),))
    body = _split(post_to_markdown(post))[1]
    assert "caption=`The \"tug\" &#96;Marguerite&#96;`" in body
    assert "attr=`A &#96;B&#96;`" in body
    assert "alt=`say \"hi\"`" in body
    assert 1 == body.count("{{<") == body.count(">}}")
    odd = attrs.evolve(post, captions=(attrs.evolve(caption, image=Image(
        src="https://x.example/t.jpg", alt='a `b` "c"')),))
    assert 'alt="a `b` \\"c\\""' in _split(post_to_markdown(odd))[1]


# --- comments data ----------------------------------------------------------------------------


def test_comments_and_pingbacks_go_to_a_data_file(tmp_path: Path) -> None:
    """Threaded comments (id, parent, author, date, text, html) and pingbacks, per post."""
    when = datetime(2024, 3, 2, 9, 0, tzinfo=UTC)
    post = Post(
        title="Talked about", url="https://b.example/talked/",
        comments=(
            Comment(id=1, author=Person(name="Ann", url="https://ann.example/"), date=when,
                    content_text="First", content_html="<p>First</p>"),
            Comment(id=2, parent_id=1, depth=2, author=Person(name="Bo"), by_post_author=True,
                    content_text="Reply"),
        ),
        pingbacks=(Pingback(url="https://other.example/p/", title="A post",
                            blog_name="Other blog", id=3),),
    )
    for flavor, path in (("hugo", "data/comments/talked.json"),
                         ("jekyll", "_data/comments/talked.json")):
        report = write_site([post], tmp_path / flavor, flavor=flavor)
        assert path in report.written
        data = json.loads((tmp_path / flavor / path).read_text("utf-8"))
        assert {"title": "Talked about", "slug": "talked",
                "url": "https://b.example/talked/"} == data["post"]
        assert [(1, None, 1, "Ann", "2024-03-02T09:00:00+00:00", "First", "<p>First</p>"),
                (2, 1, 2, "Bo", None, "Reply", None)] == [
            (c["id"], c["parent"], c["depth"], c["author"], c["date"], c["content_text"],
             c["content_html"]) for c in data["comments"]]
        assert data["comments"][1]["by_post_author"] is True
        assert [("https://other.example/p/", "A post", "Other blog", "pingback")] == [
            (p["url"], p["title"], p["blog_name"], p["kind"]) for p in data["pingbacks"]]


def test_jekyll_data_files_have_ascii_names(tmp_path: Path) -> None:
    """Jekyll drops non-ASCII data file names: they are folded, and the front matter says
    which file holds the post's responses."""
    assert "fog" == data_key("fog", "jekyll")
    assert "日本語テスト" == data_key("日本語テスト", "hugo")
    key = data_key("日本語テスト", "jekyll")
    assert key.isascii()
    assert key.startswith("post-")
    assert data_key("ünïcödé-中文", "jekyll").startswith("unicode-")
    assert data_key("ünïcödé-中文", "jekyll") != data_key("ünïcödé-日本", "jekyll")
    report = write_site([_UNICODE_POST], tmp_path, flavor="jekyll")
    assert f"_data/comments/{key}.json" in report.written
    data, _ = _split((tmp_path / "_posts" / "2024-05-01-日本語テスト.md").read_text("utf-8"))
    assert key == data["comments_data"]


def test_no_data_file_without_responses(tmp_path: Path) -> None:
    """A post without comments or pingbacks writes no empty data file."""
    assert ("content/posts/quiet.md",) == write_site([Post(title="Quiet")], tmp_path).written


def test_export_comments_are_kept_threaded(tmp_path: Path) -> None:
    """The export's comment thread and pingbacks arrive whole in the data file."""
    post = next(p for p in blogparse.parse_wxr(EXPORT).posts if p.comments)
    write_site([post], tmp_path)
    data = json.loads((tmp_path / "data/comments/fog-and-the-night-ferry.json")
                      .read_text("utf-8"))
    assert [(c.id, c.parent_id) for c in post.comments] == [
        (c["id"], c["parent"]) for c in data["comments"]]
    assert len(post.pingbacks) == len(data["pingbacks"])


# --- the command line -------------------------------------------------------------------------


def _iter_inputs(paths: Sequence[str]) -> Iterator[tuple[str, PageResult | BaseException]]:
    """What the command line hands to ``main_convert``: each input parsed, or its error."""
    for path in paths:
        try:
            if path.endswith(".xml"):
                yield path, blogparse.parse_wxr(path)
            else:
                yield path, blogparse.parse_file(path)
        except (BlogparseError, OSError) as exc:
            yield path, exc


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="blogparse")
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["convert", *argv])


def test_register_adds_the_convert_subcommand() -> None:
    """The subparser takes inputs, -o (required), --to, --theme, --strict, --overwrite."""
    args = _args("a.html", "b.xml", "-o", "site")
    assert (["a.html", "b.xml"], "site", "hugo", None, False, False) == (
        args.inputs, args.output, args.to, args.theme, args.strict, args.overwrite)
    assert main_convert is args.func
    args = _args("a.html", "--output", "s", "--to", "jekyll", "--theme", "classic",
                 "--strict", "--overwrite")
    assert ("jekyll", "classic", True, True) == (args.to, args.theme, args.strict,
                                                 args.overwrite)
    with pytest.raises(SystemExit):
        _args("a.html")  # -o is required
    with pytest.raises(SystemExit):
        _args("a.html", "-o", "s", "--to", "gatsby")


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """``convert --help`` explains the layout and shows examples."""
    with pytest.raises(SystemExit):
        _args("--help")
    out = capsys.readouterr().out
    assert "examples:" in out
    assert "--to jekyll" in out
    assert "content/posts/<slug>.md" in out


def test_main_convert_writes_the_site(tmp_path: Path) -> None:
    """Pages and an export become one site; one summary line; exit 0."""
    out, err = io.StringIO(), io.StringIO()
    args = _args(str(PAGES / "captions.html"), str(EXPORT), "-o", str(tmp_path / "site"))
    assert 0 == main_convert(args, iter_inputs=_iter_inputs, stdout=out, stderr=err)
    assert (tmp_path / "site/content/posts/harbour-day-in-pictures.md").is_file()
    assert (tmp_path / "site/content/posts/fog-and-the-night-ferry.md").is_file()
    assert 1 == len(out.getvalue().splitlines())
    assert "in 2 inputs;" in out.getvalue()
    assert "0 inputs failed" in out.getvalue()
    assert "naive" not in out.getvalue()
    # the export's draft, as a warning; the export's posts are whole, not excerpts
    assert ["no UTC offset"] == [w for w in ("no UTC offset", "archive page")
                                 if w in err.getvalue()]
    assert 1 == len(err.getvalue().splitlines())


def test_main_convert_reports_failed_inputs(tmp_path: Path) -> None:
    """A bad input costs one stderr line and exit 1; the good ones are still written."""
    out, err = io.StringIO(), io.StringIO()
    args = _args(str(PAGES / "captions.html"), str(tmp_path / "missing.html"),
                 str(PAGES / "cli" / "batch" / "broken-export.xml"), "-o", str(tmp_path / "s"))
    assert 1 == main_convert(args, iter_inputs=_iter_inputs, stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert 2 == len(lines)
    assert lines[0].startswith(f"blogparse: {tmp_path / 'missing.html'}: ")
    assert "Traceback" not in err.getvalue()
    assert (tmp_path / "s/content/posts/harbour-day-in-pictures.md").is_file()


def test_main_convert_strict_fails_on_problems(tmp_path: Path) -> None:
    """With --strict a conversion problem (the export's naive date) makes the exit 1."""
    args = _args(str(EXPORT), "-o", str(tmp_path / "s"), "--strict")
    err = io.StringIO()
    assert 1 == main_convert(args, iter_inputs=_iter_inputs, stdout=io.StringIO(), stderr=err)


def test_main_convert_names_the_defects_of_a_strict_failure(tmp_path: Path) -> None:
    """A page refused in strict mode costs one line naming its defects, and a traceback
    only when asked for."""
    defect = blogparse.Defect(kind=blogparse.DefectKind.NAIVE_DATE, message="no offset here")
    refused = blogparse.StrictModeError("1 defect(s) in strict mode",
                                        [blogparse.DefectError(defect)])

    def iter_inputs(paths: Sequence[str]) -> Iterator[tuple[str, PageResult | BaseException]]:
        yield "page.html", refused

    for asked in (False, True):
        args = _args("page.html", "-o", str(tmp_path / "s"))
        args.traceback = asked
        err = io.StringIO()
        assert 1 == main_convert(args, iter_inputs=iter_inputs, stdout=io.StringIO(),
                                 stderr=err)
        first = err.getvalue().splitlines()[0]
        assert "blogparse: page.html: strict mode: naive-date: no offset here" == first
        assert asked == ("Traceback" in err.getvalue() or "StrictModeError" in
                         err.getvalue().split("\n", 1)[1])


def test_main_convert_refuses_a_file_as_output(tmp_path: Path) -> None:
    """An output path that is a file is a usage error (exit 2)."""
    (tmp_path / "f").write_text("x")
    err = io.StringIO()
    args = _args(str(PAGES / "captions.html"), "-o", str(tmp_path / "f"))
    assert 2 == main_convert(args, iter_inputs=_iter_inputs, stdout=io.StringIO(), stderr=err)
    assert "not a folder" in err.getvalue()


def test_report_type() -> None:
    """``write_site`` returns a frozen report of tuples."""
    report = write_site([], "never-created")
    assert ConvertReport() == report
    assert not Path("never-created").exists()


# --- a real Hugo build ------------------------------------------------------------------------

_HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "converted"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = true
"""
_HUGO_SINGLE = """\
<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>{{ .Content }}
{{ with .Params.comments_data }}{{ with index site.Data.comments . }}
<p class="responses">{{ len .comments }} {{ len .pingbacks }}</p>{{ end }}{{ end }}
</body></html>
"""


_UNICODE_POST = Post(
    title="日本語テスト", url="https://b.example/2024/05/01/日本語テスト/",
    published=datetime(2024, 5, 1, 8, 0, tzinfo=UTC),
    comments=(Comment(id=1, author=Person(name="読者"), content_text="いいね"),))


def _hugo(site: Path, out: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """Build ``site`` with hugo, with a minimal config and layouts of our own."""
    (site / "hugo.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(_HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(_HUGO_SINGLE, encoding="utf-8")
    return subprocess.run(["hugo", "--source", str(site), "--destination", str(out), "--quiet",
                           *flags], capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.skipif(shutil.which("hugo") is None, reason="the hugo binary is not installed")
def test_hugo_builds_the_converted_site(tmp_path: Path) -> None:
    """Hugo builds the site: the post page has its title and figures, the old path redirects."""
    post = attrs.evolve(_captions_post(), title='Harbour Day: "pictures" & #tags')
    site = tmp_path / "site"
    report = write_site([post, _UNICODE_POST, *blogparse.parse_wxr(EXPORT).posts], site)
    assert not [n for n in report.problems if "offset" not in n.message]
    proc = _hugo(site, tmp_path / "out")
    assert 0 == proc.returncode, proc.stderr
    page = tmp_path / "out" / "posts" / "harbour-day-in-pictures" / "index.html"
    root = lxml.html.document_fromstring(page.read_bytes())
    assert [post.title] == root.xpath("//h1/text()")
    captions = [" ".join(f.text_content().split()) for f in root.xpath("//figure/figcaption")]
    assert len(post.captions) == len(captions)
    assert "Volunteers clear the slipway before the rowing races." in captions[0]
    assert "AP Photo/Marta Quist" in captions[0]
    alias = tmp_path / "out" / "2022" / "05" / "16" / "harbour-day-in-pictures" / "index.html"
    assert "/posts/harbour-day-in-pictures/" in alias.read_text("utf-8")
    assert not (tmp_path / "out" / "posts" / "unfinished-draft").exists()  # a draft
    for slug, responses in (("fog-and-the-night-ferry", "4 2"), ("日本語テスト", "1 0")):
        built = lxml.html.document_fromstring(
            (tmp_path / "out" / "posts" / slug / "index.html").read_bytes())
        assert [responses] == built.xpath("//p[@class='responses']/text()"), slug


# --- the shared corpus ------------------------------------------------------------------------


def _corpus_posts(shared_dir: Path) -> Iterator[tuple[Post, bool]]:
    for path in sorted((shared_dir / "corpus" / "html").glob("*")):
        result = blogparse.parse_file(path)
        yield from ((post, result.kind == "archive") for post in result.posts)
    for path in sorted((shared_dir / "corpus" / "wxr").glob("*")):
        yield from ((post, False) for post in blogparse.parse_wxr(path).posts)


@pytest.mark.parametrize("flavor", ["hugo", "jekyll"])
def test_corpus_converts(shared_dir: Path, tmp_path: Path, flavor: str) -> None:
    """Every real page and export converts; every file's front matter loads back its title."""
    writer = SiteWriter(tmp_path, flavor=flavor)
    titles: dict[str, str | None] = {}
    for post, archive in _corpus_posts(shared_dir):
        before = len(writer.report().written)
        writer.add(post, archive=archive)
        for rel in writer.report().written[before:]:
            titles[rel] = post.title
    report = writer.report()
    pages = [rel for rel in report.written if rel.endswith(".md")]
    assert len(pages) > 300
    for rel in pages:
        data, _ = _split((tmp_path / rel).read_text("utf-8"))
        assert titles[rel] == data.get("title"), rel
    for rel in report.written:
        if rel.endswith(".json"):
            assert json.loads((tmp_path / rel).read_text("utf-8"))["post"]["slug"]
    allowed = ("no UTC offset", "archive page", "no publication date")
    assert [] == [n for n in report.problems if not any(a in n.message for a in allowed)]


@pytest.mark.skipif(shutil.which("hugo") is None, reason="the hugo binary is not installed")
def test_hugo_builds_the_corpus_exports(shared_dir: Path, tmp_path: Path) -> None:
    """Hugo builds a site converted from every real export without an error."""
    site = tmp_path / "site"
    posts = [p for path in sorted((shared_dir / "corpus" / "wxr").glob("*"))
             for p in blogparse.parse_wxr(path).posts]
    report = write_site(posts, site)
    proc = _hugo(site, tmp_path / "out", "--buildDrafts", "--buildFuture")
    assert 0 == proc.returncode, proc.stderr
    for rel in report.written:
        if rel.endswith(".md"):
            section, slug = rel[len("content/"):-len(".md")].split("/")
            assert (tmp_path / "out" / section / slug / "index.html").is_file(), rel


# --- a real Jekyll build ----------------------------------------------------------------------

_JEKYLL_CONFIG = """\
title: converted
permalink: /posts/:slug/
future: true
"""
_JEKYLL_LAYOUT = """\
<html><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><h1>{{ page.title }}</h1>{{ content }}
{% if page.comments_data %}{% assign data = site.data.comments[page.comments_data] %}
<p class="responses">{{ data.comments | size }} {{ data.pingbacks | size }}</p>{% endif %}
</body></html>
"""


def _jekyll(site: Path, out: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """Build ``site`` with jekyll, with a minimal config and layouts of our own."""
    (site / "_config.yml").write_text(_JEKYLL_CONFIG, encoding="utf-8")
    layouts = site / "_layouts"
    layouts.mkdir(parents=True)
    for name in ("post", "page"):
        (layouts / f"{name}.html").write_text(_JEKYLL_LAYOUT, encoding="utf-8")
    return subprocess.run(["jekyll", "build", "--source", str(site), "--destination", str(out),
                           "--quiet", *flags], capture_output=True, text=True, timeout=300,
                          check=False)


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="the jekyll binary is not installed")
def test_jekyll_builds_the_converted_site(tmp_path: Path) -> None:
    """Jekyll builds the site: the post has its title and figures with credits apart."""
    post = attrs.evolve(_captions_post(), title='Harbour Day: "pictures" & {{ tags }} {% x %}')
    site = tmp_path / "site"
    write_site([post, _UNICODE_POST, *blogparse.parse_wxr(EXPORT).posts], site, flavor="jekyll")
    proc = _jekyll(site, tmp_path / "out")
    assert 0 == proc.returncode, proc.stderr
    page = tmp_path / "out" / "posts" / "harbour-day-in-pictures" / "index.html"
    root = lxml.html.document_fromstring(page.read_bytes())
    assert [post.title] == root.xpath("//h1/text()")
    figures = root.xpath("//figure")
    assert len(post.captions) == len(figures)
    assert ["AP Photo/Marta Quist"] == figures[0].xpath("./figcaption/small/text()")
    for slug, responses in (("fog-and-the-night-ferry", "4 2"), ("日本語テスト", "1 0")):
        built = lxml.html.document_fromstring(
            (tmp_path / "out" / "posts" / slug / "index.html").read_bytes())
        assert [responses] == built.xpath("//p[@class='responses']/text()"), slug


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="the jekyll binary is not installed")
def test_jekyll_builds_the_corpus_exports(shared_dir: Path, tmp_path: Path) -> None:
    """Jekyll builds a site converted from every real export, every post included."""
    site = tmp_path / "site"
    posts = [p for path in sorted((shared_dir / "corpus" / "wxr").glob("*"))
             for p in blogparse.parse_wxr(path).posts]
    report = write_site(posts, site, flavor="jekyll")
    proc = _jekyll(site, tmp_path / "out", "--drafts", "--unpublished")
    assert 0 == proc.returncode, proc.stderr
    built = {p.parent.name for p in (tmp_path / "out" / "posts").glob("*/index.html")}
    # Jekyll's :slug turns the underscores a slug may keep into hyphens
    expected = {(Path(rel).stem.split("-", 3)[-1] if rel.startswith("_posts/")
                 else Path(rel).stem).replace("_", "-") for rel in report.written
                if rel.startswith(("_posts/", "_drafts/"))}
    assert expected <= built


def test_blogger_caption_tables_become_figures() -> None:
    """Blogger lays a captioned image out as a two-row ``tr-caption-container`` table."""
    post = blogparse.parse_file(Path(__file__).parent / "pages" / "blogger_post.html").post
    assert post is not None
    [caption] = post.captions
    hugo = post_to_markdown(post, flavor="hugo")
    assert "tr-caption-container" not in hugo
    assert ("{{< figure src=`https://blogger.googleusercontent.com/img/b/s400/fog-study-1.jpg`"
            in hugo)
    assert "caption=`The third attempt, with the far posts barely there.`" in hugo
    jekyll = post_to_markdown(post, flavor="jekyll")
    assert "<figcaption>The third attempt, with the far posts barely there.</figcaption>" in (
        jekyll)
    assert caption.text == "The third attempt, with the far posts barely there."


def test_a_list_start_that_is_not_a_plain_number_counts_from_one() -> None:
    """``<ol start="³">``: ``str.isdigit`` holds for superscripts, which ``int`` refuses."""
    post = blogparse.Post(title="Steps", content_html='<ol start="³"><li>one</li></ol>')
    assert "1. one" in post_to_markdown(post, flavor="hugo")
