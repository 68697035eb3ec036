"""Tests for the WXR path: streaming reader, content rendering, hostile and broken files."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import re
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogparse import (
    ALL_COMMENTS,
    STRICT,
    Block,
    BlogparseError,
    Comment,
    DefectKind,
    HostileInputError,
    Image,
    InputError,
    Options,
    Post,
    ResourceLimitError,
    StrictModeError,
    TruncatedInputError,
    WxrReader,
    iter_wxr,
    parse_wxr,
)
from blogparse import _wxr as wxr_module
from blogparse import _wxr_content as wxr_content
from blogparse._content import _absolute, element_text, extract_content
from blogparse._document import parse_fragment
from blogparse._wxr_content import (
    Unit,
    WxrContent,
    _extract_each,
    _extract_joined,
    _fast_unit,
    _named,
    _simple_blocks,
    _url,
    comment_text,
    convert_content,
    expand_captions,
    fragment_text,
    render_units,
    split_blocks,
    wpautop,
)

HERE = Path(__file__).resolve().parent / "wxr"
FULL = HERE / "full-1.2.xml"
LEGACY = HERE / "legacy-1.0.xml"
MID = HERE / "mid-1.1.xml"
PATH_LINKS = HERE / "path-links.xml"


def _drain(posts: Iterator[Post], into: list[int | None]) -> None:
    for post in posts:
        into.append(post.id)


def _by_id(path: Path, options: Options | None = None) -> dict[int | None, object]:
    result = parse_wxr(path) if options is None else parse_wxr(path, options=options)
    return {p.id: p for p in result.posts}


# --- the channel ----------------------------------------------------------------------------


def test_site_from_channel() -> None:
    """The channel gives the site: name, url, description, language, generator."""
    site = parse_wxr(FULL).site
    assert site is not None
    assert site.name == "Tidewater Notebook"
    assert site.url == "https://tidewater.example.org"
    assert site.description == "Notes from a small harbour town"
    assert site.language == "en-GB"
    assert site.generator == "https://wordpress.org/?v=6.4.3"


def test_site_authors_with_login_name_email_and_id() -> None:
    """Channel authors keep login, display name (unescaped), email and user id."""
    authors = parse_wxr(FULL).site.authors  # type: ignore[union-attr]
    assert [(a.login, a.name, a.email, a.id) for a in authors] == [
        ("mara", "Mara Quayle", "mara@tidewater.example.org", 2),
        ("tobin", "Tobin & Crew", "tobin@tidewater.example.org", 3),
    ]


def test_site_term_lists_keep_parents_descriptions_and_dedupe() -> None:
    """Categories, tags and other taxonomies are listed once each, with parents and notes."""
    site = parse_wxr(FULL).site
    assert site is not None
    assert [(t.name, t.slug, t.parent, t.description) for t in site.categories] == [
        ("Harbour", "harbour", None, "Boats, tides and the people who mind them"),
        ("Ferries & Launches", "ferries", "harbour", None),
    ]
    assert [(t.name, t.slug, t.taxonomy) for t in site.tags] == [
        ("fog", "fog", "post_tag"), ("night crossing", "night-crossing", "post_tag"),
    ]
    assert [(t.taxonomy, t.slug, t.description) for t in site.terms] == [
        ("vessel_class", "tug", "Small and strong"), ("nav_menu", "top", None),
    ]


def test_posts_carry_the_site_without_its_lists() -> None:
    """Each post names its site; the author and term lists stay on the result's site."""
    result = parse_wxr(FULL)
    site = result.posts[1].site
    assert site is not None
    assert (site.name, site.url, site.language) == (
        "Tidewater Notebook", "https://tidewater.example.org", "en-GB")
    assert (site.authors, site.categories, site.tags, site.terms) == ((), (), (), ())
    assert result.site is not None
    assert len(result.site.authors) == 2


def test_site_is_available_before_iterating() -> None:
    """Reading .site first reads ahead to the first item; no post is lost by it."""
    reader = iter_wxr(FULL)
    assert reader.site.name == "Tidewater Notebook"
    assert [p.id for p in reader] == [200, 101, 102, 201, 103, 104, 105, 106]
    assert reader.wxr_version == "1.2"


def test_site_takes_an_author_listed_after_the_items() -> None:
    """An author after the items, then an element the site leaves out: still in the site."""
    data = FULL.read_text(encoding="utf-8")
    late = ("<wp:author><wp:author_id>9</wp:author_id><wp:author_login><![CDATA[late]]>"
            "</wp:author_login><wp:author_display_name><![CDATA[Late Writer]]>"
            "</wp:author_display_name></wp:author><cloud domain='x' port='80' path='/'/>")
    data = data.replace("</channel>", late + "</channel>")
    result = parse_wxr(data.encode("utf-8"))
    assert result.site is not None
    assert "Late Writer" in [a.name for a in result.site.authors]


# --- items ------------------------------------------------------------------------------------


def test_every_item_is_kept_and_marked_by_type() -> None:
    """Posts, pages, attachments, menu items and custom types all come out, typed."""
    result = parse_wxr(FULL)
    assert result.format == "wxr"
    assert result.kind == "archive"
    assert [(p.id, p.type, p.status) for p in result.posts] == [
        (200, "attachment", "inherit"), (101, "post", "publish"), (102, "post", "publish"),
        (201, "attachment", "inherit"), (103, "page", "private"),
        (104, "nav_menu_item", "publish"), (105, "book", "publish"), (106, "post", "draft"),
    ]


def test_post_scalar_fields() -> None:
    """Title (HTML-unescaped), permalink, guid, excerpt, sticky and raw content."""
    post = _by_id(FULL)[101]
    assert post.title == "Fog & the Night Ferry"  # type: ignore[attr-defined]
    assert post.url == (  # type: ignore[attr-defined]
        "https://tidewater.example.org/2024/03/02/fog-and-the-night-ferry/"
    )
    assert post.guid == "https://tidewater.example.org/?p=101"  # type: ignore[attr-defined]
    assert post.excerpt == "A late crossing in thick fog."  # type: ignore[attr-defined]
    assert post.sticky is True  # type: ignore[attr-defined]
    assert post.content_html.startswith("The fog came in early")  # type: ignore[attr-defined]
    assert "[caption" in post.content_html  # type: ignore[attr-defined]


def test_author_resolved_to_channel_author() -> None:
    """dc:creator resolves to the channel author; an unknown login keeps only the login."""
    posts = _by_id(FULL)
    author = posts[102].author  # type: ignore[attr-defined]
    assert (author.login, author.name, author.email, author.id) == (
        "tobin", "Tobin & Crew", "tobin@tidewater.example.org", 3)
    ghost = posts[105].author  # type: ignore[attr-defined]
    assert (ghost.login, ghost.name, ghost.email) == ("ghost", None, None)


def test_dates_are_aware_utc_from_gmt_fields() -> None:
    """Published and updated come from the GMT fields as UTC-aware datetimes."""
    post = _by_id(FULL)[101]
    assert post.published == datetime(2024, 3, 2, 7, 30, tzinfo=UTC)  # type: ignore[attr-defined]
    assert post.updated == datetime(2024, 3, 3, 11, 15, tzinfo=UTC)  # type: ignore[attr-defined]


def test_zero_gmt_date_falls_back_to_local_with_defect() -> None:
    """A draft's zero GMT date gives the naive local date and a zero-date defect."""
    result = parse_wxr(FULL)
    draft = result.posts[7]
    assert draft.published == datetime(2024, 3, 6, 21, 40)
    assert draft.published.tzinfo is None
    assert draft.updated == datetime(2024, 3, 6, 20, 45, tzinfo=UTC)
    zero = [d for d in result.defects if d.kind == DefectKind.ZERO_DATE]
    assert [(d.field, d.post_index) for d in zero] == [("published", 7)]


def test_categories_tags_and_other_terms_kept_apart() -> None:
    """Categories and tags keep name and slug; post_format and custom taxonomies go to terms."""
    post = _by_id(FULL)[101]
    assert [(t.name, t.slug) for t in post.categories] == [  # type: ignore[attr-defined]
        ("Ferries & Launches", "ferries"), ("Harbour", "harbour")]
    assert {t.taxonomy for t in post.categories} == {"category"}  # type: ignore[attr-defined]
    assert [(t.name, t.slug, t.taxonomy) for t in post.tags] == [  # type: ignore[attr-defined]
        ("fog", "fog", "post_tag"), ("night crossing", "night-crossing", "post_tag")]
    assert [(t.taxonomy, t.slug) for t in post.terms] == [  # type: ignore[attr-defined]
        ("post_format", "post-format-image"), ("vessel_class", "tug")]


def test_post_meta_entries() -> None:
    """Every wp:postmeta becomes a MetaEntry, in order."""
    post = _by_id(FULL)[101]
    assert [(m.key, m.value) for m in post.meta] == [  # type: ignore[attr-defined]
        ("_thumbnail_id", "201"), ("tide_height", "1.8 m")]


def test_featured_image_from_earlier_and_later_attachment() -> None:
    """_thumbnail_id resolves to the attachment's url, size and alt, before or after the post."""
    posts = _by_id(FULL)
    assert posts[102].featured_image == Image(  # type: ignore[attr-defined]
        src="https://tidewater.example.org/wp-content/uploads/2024/03/harbour-lamp.jpg",
        alt="A green lamp on a stone pier", width=1600, height=1067, id=200)
    # attachment 201 comes two items after post 101: the reader looks ahead for it
    streamed = {p.id: p for p in iter_wxr(FULL)}
    assert streamed[101].featured_image == Image(
        src="https://tidewater.example.org/wp-content/uploads/2024/03/slip.jpg",
        width=900, height=600, id=201)


def test_featured_image_beyond_lookahead_keeps_id_and_records_defect() -> None:
    """Past the look-ahead window the image keeps only its id; order is unchanged."""
    reader = WxrReader(FULL, lookahead=(1, 10**9))
    ids = []
    for post in reader:
        ids.append(post.id)
        if post.id == 101:
            assert post.featured_image == Image(id=201)
    assert ids == [200, 101, 102, 201, 103, 104, 105, 106]
    missing = [d for d in reader.defects if d.kind == DefectKind.MISSING_FIELD]
    assert [(d.field, d.post_index) for d in missing] == [("featured_image", 1)]


def test_many_missing_thumbnails_stream_in_order_and_in_bounds() -> None:
    """Posts naming deleted attachments stream out in order; the window stays bounded."""
    item = ("<item><title>P{i}</title><wp:post_id>{i}</wp:post_id><wp:postmeta>"
            "<wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{t}</wp:meta_value>"
            "</wp:postmeta></item>")
    items = "".join(item.format(i=i, t=100_000 + i % 7) for i in range(3_000))
    items += ("<item><title>late</title><wp:post_id>100006</wp:post_id><wp:post_type>"
              "attachment</wp:post_type><wp:attachment_url>https://x.example/6.jpg"
              "</wp:attachment_url></item>")
    data = _export().replace(b"<item>", items.encode() + b"<item>", 1)
    reader = WxrReader(data, lookahead=(50, 10**9))
    posts = []
    for post in reader:
        posts.append(post)
        assert len(reader._held) <= 51
    assert [p.id for p in posts[:3_000]] == list(range(3_000))
    resolved = [p.id for p in posts[:3_000] if p.featured_image and p.featured_image.src]
    # only posts within 50 items of the attachment (the last ones naming 100006) resolve
    assert resolved
    assert all(p_id >= 3_000 - 51 and p_id % 7 == 6 for p_id in resolved)
    assert all(p.featured_image is not None for p in posts[:3_000])


# --- content ------------------------------------------------------------------------------


def test_classic_content_paragraphs_and_text() -> None:
    """wpautop paragraphs: a single newline is a line of the paragraph; lists are blocks."""
    post = _by_id(FULL)[101]
    assert [b.kind for b in post.blocks] == [  # type: ignore[attr-defined]
        "paragraph", "image", "paragraph", "list", "image", "paragraph"]
    assert post.content_text == (  # type: ignore[attr-defined]
        "The fog came in early and the ferry waited at the slip for an hour.\nNobody on the "
        "quay seemed to mind.\n\nThings the skipper checked before leaving:\n\n"
        "the fog horn\nthe running lights\n\nWe left at nine."
    )


def test_caption_shortcodes_become_captions_with_credits() -> None:
    """[caption] with the text inside or in caption="…" gives captions, credits split."""
    caps = _by_id(FULL)[101].captions  # type: ignore[attr-defined]
    assert [(c.text, c.credit, c.id, c.align) for c in caps] == [
        ("The slip at low water.", "Jane Doe", "attachment_201", "alignright"),
        ("Buoy number four", "AP Photo/Sam Rivers", "attachment_202", "alignleft"),
    ]
    first = caps[0].image
    assert (first.src, first.alt, first.width, first.height, first.link, first.id) == (
        "https://tidewater.example.org/wp-content/uploads/2024/03/slip-300x200.jpg",
        "The ferry slip", 300, 200,
        "https://tidewater.example.org/wp-content/uploads/2024/03/slip.jpg", 201)


def test_block_comments_name_the_blocks() -> None:
    """Gutenberg blocks carry their names; groups open up; dynamic blocks add nothing."""
    post = _by_id(FULL)[102]
    assert [(b.kind, b.name) for b in post.blocks] == [  # type: ignore[attr-defined]
        ("paragraph", "core/paragraph"), ("image", "core/image"),
        ("heading", "core/heading"), ("list", "core/list"),
        ("paragraph", "core/paragraph"), ("quote", "core/quote")]
    assert post.blocks[3].items == ("a split plank", "the winch handle")  # type: ignore[attr-defined]
    caps = post.captions  # type: ignore[attr-defined]
    assert [(c.text, c.credit) for c in caps] == [("The east pier lamp at dawn.", "Ola Brandt")]
    assert "<!-- wp:" not in (post.content_text or "")  # type: ignore[attr-defined]


def test_pre_is_left_alone_by_wpautop() -> None:
    """Text in <pre> keeps its blank lines; headings split the paragraphs around them."""
    page = _by_id(FULL)[103]
    assert [b.kind for b in page.blocks] == [  # type: ignore[attr-defined]
        "heading", "paragraph", "heading", "paragraph", "preformatted"]
    assert page.blocks[-1].text == "07:00  first boat\n\n19:00  last boat"  # type: ignore[attr-defined]


def test_empty_content_is_none() -> None:
    """A blank content element gives no html, text or blocks."""
    item = _by_id(FULL)[104]
    assert (item.content_html, item.content_text, item.blocks) == (  # type: ignore[attr-defined]
        None, None, ())


# --- comments and pingbacks --------------------------------------------------------------


def test_comments_threaded_and_filtered_by_status() -> None:
    """Approved comments only by default, with parents, depths and the post author's mark."""
    post = _by_id(FULL)[101]
    got = [(c.id, c.parent_id, c.depth, c.by_post_author, c.status)
           for c in post.comments]  # type: ignore[attr-defined]
    assert got == [
        (11, None, 1, False, "approved"), (12, 11, 2, True, "approved"),
        (13, 12, 3, False, "approved"), (16, None, 1, False, "approved")]
    first = post.comments[0]  # type: ignore[attr-defined]
    assert (first.author.name, first.author.url, first.author.email) == (
        "Ned Harrow", "https://ned.example.net/", "ned@example.net")
    assert first.date == datetime(2024, 3, 2, 9, 0, tzinfo=UTC)
    assert first.content_text == (
        "I was on that boat.\nCold but worth it.\nThanks for writing it up.")
    assert post.comments[1].content_text == "Glad you made it home, Ned."  # type: ignore[attr-defined]


def test_reply_to_a_left_out_comment_is_an_orphan_defect() -> None:
    """A reply whose parent was filtered out sits at the top, with an orphan defect."""
    result = parse_wxr(FULL)
    orphans = [d for d in result.defects if d.kind == DefectKind.ORPHAN_COMMENT]
    assert [(d.field, d.post_index) for d in orphans] == [("comments[3].parent_id", 1)]


def test_reply_loops_go_to_the_top_and_chains_nest() -> None:
    """Self-replies and two-comment loops are placed at the top with a defect; chains nest."""
    pairs = [(1, 0), (2, 1), (3, 2), (4, 4), (5, 6), (6, 5), (7, 99)]
    comments = "".join(
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_content>c{cid}"
        f"</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
        for cid, parent in pairs
    )
    data = _export().replace(b"</item>", comments.encode() + b"</item>")
    result = parse_wxr(data)
    got = [(c.id, c.parent_id, c.depth) for c in result.posts[0].comments]
    # 5 walks up to 6 and back to itself: a loop; 6 then replies to 5, now at the top
    assert [(1, None, 1), (2, 1, 2), (3, 2, 3), (4, None, 1), (5, None, 1), (6, 5, 2),
            (7, None, 1)] == got
    orphans = [d.field for d in result.defects if d.kind == DefectKind.ORPHAN_COMMENT]
    assert ["comments[3].parent_id", "comments[4].parent_id", "comments[6].parent_id"] == \
        orphans


def test_all_comment_statuses_by_option() -> None:
    """ALL_COMMENTS keeps held and spam comments too; the reply to spam is no orphan then."""
    result = parse_wxr(FULL, options=ALL_COMMENTS)
    post = result.posts[1]
    assert [(c.id, c.status, c.depth) for c in post.comments] == [
        (11, "approved", 1), (12, "approved", 2), (13, "approved", 3), (14, "hold", 1),
        (15, "spam", 1), (16, "approved", 2)]
    assert not [d for d in result.defects if d.kind == DefectKind.ORPHAN_COMMENT]
    only_held = parse_wxr(FULL, options=Options(comment_statuses=frozenset({"hold"})))
    assert [c.id for c in only_held.posts[1].comments] == [14]


def test_pingback_title_and_blog_split() -> None:
    """A pingback's author ("Post | Blog") splits into title and blog name."""
    pb = _by_id(FULL)[101].pingbacks[0]  # type: ignore[attr-defined]
    assert (pb.kind, pb.url, pb.title, pb.blog_name, pb.id) == (
        "pingback", "https://saltmarsh.example.net/2024/03/crossing-the-sound/",
        "Crossing the Sound in Fog", "Saltmarsh Diary", 17)
    assert pb.excerpt == "[…] the night ferry out of Tidewater waited an hour in the fog […]"
    assert pb.date == datetime(2024, 3, 3, 7, 0, tzinfo=UTC)


def test_trackback_blog_name_from_author_and_title_from_strong() -> None:
    """A trackback stores the blog as author and <strong>title</strong> + excerpt as content."""
    tb = _by_id(FULL)[101].pingbacks[1]  # type: ignore[attr-defined]
    assert (tb.kind, tb.title, tb.blog_name, tb.excerpt) == (
        "trackback", "Fog Week on the Coast", "Lighthouse Log",
        "Seven days without seeing the far shore, and a ferry that ran anyway.")


def test_private_comment_types_are_left_out_with_a_defect() -> None:
    """Editor notes and other private comment types are not comments; a defect counts them."""
    note = (b"<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_content>fix this"
            b"</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
            b"<wp:comment_type>note</wp:comment_type></wp:comment>")
    reply = (b"<wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_content>Nice"
             b"</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
             b"<wp:comment_type></wp:comment_type></wp:comment>")
    result = parse_wxr(_export().replace(b"</item>", note + note + reply + b"</item>"))
    assert [c.id for c in result.posts[0].comments] == [6]
    unknown = [d for d in result.defects if d.kind == DefectKind.UNKNOWN_ITEM]
    assert [d.message for d in unknown] == ["2 comment(s) of type 'note' were left out"]


def test_max_comments_limit() -> None:
    """Options.max_comments stops collecting and records a limit defect."""
    result = parse_wxr(FULL, options=Options(max_comments=2))
    post = result.posts[1]
    assert len(post.comments) + len(post.pingbacks) == 2
    assert [d.kind for d in result.defects if d.post_index == 1].count(
        DefectKind.LIMIT_REACHED) == 1


# --- versions and inputs ------------------------------------------------------------------


@pytest.mark.parametrize("path", [LEGACY, MID])
def test_wxr_1_0_and_1_1(path: Path) -> None:
    """1.0 and 1.1 namespaces read alike; doubled 1.0 category lines count once."""
    result = parse_wxr(path)
    first, second = result.posts
    assert first.title == "Winter pruning"
    assert [(t.name, t.slug) for t in first.categories] == [("Pruning", "pruning")]
    assert [(t.name, t.slug, t.taxonomy) for t in first.tags] == [
        ("russet", "russet", "post_tag")]
    assert first.published == datetime(2010, 10, 12, 17, 0, tzinfo=UTC)
    assert [c.content_text for c in first.comments] == ["Which saw do you use?"]
    # only the domain-less line: the slug is the one the channel lists for that name
    assert [(t.name, t.slug) for t in second.categories] == [("Pruning", "pruning")]
    assert result.site.categories[0].slug == "pruning"  # type: ignore[union-attr]


def test_item_term_without_slug_takes_the_channel_slug_only_when_unambiguous() -> None:
    """A term line without a nicename gets its slug from the channel's list when exactly
    one listed term has that name; otherwise the slug stays unknown."""
    data = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        b'xmlns:wp="http://wordpress.org/export/1.0/"><channel><title>Quay</title>'
        b"<wp:category><wp:category_nicename>boats</wp:category_nicename>"
        b"<wp:cat_name>Boats</wp:cat_name></wp:category>"
        b"<wp:category><wp:category_nicename>news-harbour</wp:category_nicename>"
        b"<wp:cat_name>News</wp:cat_name></wp:category>"
        b"<wp:category><wp:category_nicename>news-town</wp:category_nicename>"
        b"<wp:cat_name>News</wp:cat_name></wp:category>"
        b"<wp:tag><wp:tag_slug>tides</wp:tag_slug><wp:tag_name>Tides</wp:tag_name></wp:tag>"
        b"<item><title>One</title><wp:post_id>1</wp:post_id>"
        b"<category>Boats</category><category>News</category><category>Ropes</category>"
        b"<content:encoded>x</content:encoded></item>"
        b"<item><title>Two</title><wp:post_id>2</wp:post_id>"
        b'<category domain="category">Boats</category><category domain="tag">Tides</category>'
        b'<category domain="tag">Boats</category>'
        b"<content:encoded>x</content:encoded></item></channel></rss>"
    )
    one, two = parse_wxr(data).posts
    assert [(t.name, t.slug) for t in one.categories] == [
        ("Boats", "boats"), ("News", None), ("Ropes", None)]
    assert [(t.name, t.slug) for t in two.categories] == [("Boats", "boats")]
    # a tag named like a category is not given the category's slug
    assert [(t.name, t.slug) for t in two.tags] == [("Tides", "tides"), ("Boats", None)]


def test_wxr_1_0_has_no_author_list_1_1_has() -> None:
    """Without channel authors the post author is the login alone."""
    assert parse_wxr(LEGACY).posts[0].author.name is None  # type: ignore[union-attr]
    assert parse_wxr(MID).posts[0].author.name == "Hal the Grower"  # type: ignore[union-attr]


def test_https_namespace_accepted() -> None:
    """WordPress.com writes https:// namespaces; they are WXR too."""
    data = FULL.read_bytes().replace(b"http://wordpress.org/export/1.2/",
                                     b"https://wordpress.org/export/1.2/")
    assert [p.id for p in parse_wxr(data).posts] == [200, 101, 102, 201, 103, 104, 105, 106]


def test_sources_path_bytes_and_file_object() -> None:
    """A str path, a Path, bytes and a binary file object give the same posts."""
    expected = parse_wxr(FULL).posts
    assert parse_wxr(str(FULL)).posts == expected
    assert parse_wxr(FULL.read_bytes()).posts == expected
    with FULL.open("rb") as f:
        assert parse_wxr(f).posts == expected
        assert not f.closed


def _handles_on(path: Path) -> int:
    """How many of this process's open file descriptors point at ``path``."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc/self/fd to count open files")
    target = str(path.resolve())
    count = 0
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):
            count += os.readlink(fd) == target
    return count


def test_closing_early_closes_the_file_and_ends_iteration() -> None:
    """Leaving the with-block early closes the file the reader opened."""
    before = _handles_on(FULL)
    with iter_wxr(FULL) as reader:
        first = next(reader)
        assert first.id == 200
        assert _handles_on(FULL) == before + 1
    assert _handles_on(FULL) == before
    assert list(reader) == []


def test_gzip_compressed_export_by_path(tmp_path: Path) -> None:
    """A gzip-compressed export read from a path streams like the plain file."""
    import gzip

    packed = tmp_path / "export.xml.gz"
    packed.write_bytes(gzip.compress(FULL.read_bytes()))
    assert parse_wxr(packed).posts == parse_wxr(FULL).posts


def test_text_as_str_is_misuse() -> None:
    """A str is a path; passing the export's text raises TypeError."""
    with pytest.raises(TypeError):
        iter_wxr(FULL.read_text(encoding="utf-8"))


def test_missing_file_is_input_error() -> None:
    """An unreadable path raises the library's InputError."""
    with pytest.raises(InputError):
        iter_wxr(HERE / "no-such-export.xml")


def test_models_round_trip_through_dicts() -> None:
    """WXR posts convert to JSON-ready data and back unchanged."""
    for post in parse_wxr(FULL).posts:
        assert type(post).from_dict(post.to_dict()) == post


def test_iso_8859_1_export() -> None:
    """A declared single-byte encoding is decoded by the parser."""
    data = FULL.read_bytes().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    data = data.replace(b"Tidewater Notebook", "Tidewater Notebook \u00e9t\u00e9".encode("latin-1"))
    assert parse_wxr(data).site.name == "Tidewater Notebook \u00e9t\u00e9"  # type: ignore[union-attr]


def test_invalid_utf8_and_control_characters_are_repaired() -> None:
    """Non-UTF-8 bytes read as windows-1252, forbidden controls dropped, both recorded."""
    data = FULL.read_bytes().replace(b"Block Editor Morning",
                                     b"Block Caf\xe9 \x93Editor\x94\x0b Morning \x81")
    result = parse_wxr(data)
    assert result.posts[2].title == "Block Café “Editor” Morning \ufffd"
    kinds = {d.kind for d in result.defects}
    assert {DefectKind.ENCODING_MISDECLARED, DefectKind.MALFORMED_MARKUP} <= kinds


def test_many_non_utf8_bytes_expand_beyond_the_read_size() -> None:
    """A long run of single-byte text (each byte two in UTF-8) streams through intact."""
    data = FULL.read_bytes().replace(b"Notes to self.", b"\xe9" * 300_000)
    assert parse_wxr(data).posts[-1].content_text == "é" * 300_000


def test_blank_lines_before_the_declaration_are_dropped() -> None:
    """Blank lines printed before <?xml …?> are removed, with a defect."""
    result = parse_wxr(b"\n\n  \n" + FULL.read_bytes())
    assert len(result.posts) == 8
    assert DefectKind.MALFORMED_MARKUP in {d.kind for d in result.defects}


def test_non_utf8_byte_split_across_read_chunks() -> None:
    """A stray single byte at a 64 KB chunk boundary is read like anywhere else."""
    head = FULL.read_bytes()
    at = head.index(b"Block Editor Morning")
    pad = b"<!--" + b"p" * (65536 * 2 - at - 4 - 3 - 6) + b"-->"
    data = head.replace(b"<channel>", b"<channel>" + pad, 1)
    at = data.index(b"Block Editor Morning")
    data = data[:at] + b"Block \xe9Editor Morning" + data[at + len(b"Block Editor Morning"):]
    assert data.index(b"\xe9") in range(65536 * 2 - 8, 65536 * 2 + 8)
    assert parse_wxr(data).posts[2].title == "Block éEditor Morning"


# --- strict mode ------------------------------------------------------------------------------


def test_strict_mode_raises_all_defects_after_last_post() -> None:
    """In strict mode the stream yields every post, then raises the defects together."""
    seen: list[int | None] = []
    with pytest.raises(StrictModeError) as info:
        _drain(iter_wxr(FULL, options=STRICT), seen)
    assert len(seen) == 8
    assert {d.kind for d in info.value.defects} == {DefectKind.ZERO_DATE,
                                                    DefectKind.ORPHAN_COMMENT}
    with pytest.raises(StrictModeError):
        parse_wxr(FULL, options=STRICT)


# --- hostile files ----------------------------------------------------------------------------

_MINIMAL = (
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
    "<channel><title>{title}</title><item><title>One</title><wp:post_id>1</wp:post_id>"
    "<content:encoded>{body}</content:encoded></item></channel></rss>"
)


def _export(title: str = "T", body: str = "x", prolog: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + prolog
            + _MINIMAL.format(title=title, body=body)).encode("utf-8")


def test_billion_laughs_fails_fast() -> None:
    """Nested entity definitions raise HostileInputError before any expansion."""
    lol = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lol.append(f'<!ENTITY lol{i} "{("&" + prev + ";") * 10}">')
    data = _export(title="&lol9;", prolog="<!DOCTYPE rss [" + "".join(lol) + "]>\n")
    with pytest.raises(HostileInputError):
        list(iter_wxr(data))
    with pytest.raises(HostileInputError):
        parse_wxr(data)


def test_external_entity_never_reads_the_file(tmp_path: Path) -> None:
    """An external entity naming a local file is refused; the file's text never appears."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7c1e", encoding="utf-8")
    prolog = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    data = _export(title="&xxe;", body="&xxe;", prolog=prolog)
    with pytest.raises(HostileInputError) as info:
        parse_wxr(data)
    assert "TOP-SECRET" not in str(info.value)


def test_external_entity_declared_late_in_a_long_prolog(tmp_path: Path) -> None:
    """An entity declaration past the first 64 KB is still refused (checked on the tree)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-99ab", encoding="utf-8")
    padding = "<!-- " + "p" * 70_000 + " -->\n"
    prolog = f'{padding}<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    data = _export(title="&xxe;", prolog=prolog)
    with pytest.raises(InputError) as info:
        parse_wxr(data)
    assert "TOP-SECRET" not in str(info.value)


def test_entity_text_inside_content_is_not_an_attack() -> None:
    """A post quoting "<!ENTITY" in its CDATA content is an ordinary post."""
    data = _export(body='<![CDATA[<p>Never accept <!ENTITY x SYSTEM "file:///">.</p>]]>')
    post = parse_wxr(data).posts[0]
    assert "<!ENTITY x" in (post.content_html or "")
    assert (post.content_text or "").startswith("Never accept")


def test_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    """A DOCTYPE naming an external DTD is parsed without loading it; a defect says so."""
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOP-SECRET-dtd">', encoding="utf-8")
    data = _export(prolog=f'<!DOCTYPE rss SYSTEM "file://{dtd}">\n')
    result = parse_wxr(data)
    assert [p.title for p in result.posts] == ["One"]
    assert DefectKind.HOSTILE_MARKUP in {d.kind for d in result.defects}
    assert "TOP-SECRET" not in repr(result)


def test_xinclude_is_not_processed(tmp_path: Path) -> None:
    """An XInclude element is an unknown element: the named file is never read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-xi", encoding="utf-8")
    data = _export().replace(
        b"<item>",
        f'<item><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" '
        'parse="text"/>'.encode(),
    )
    result = parse_wxr(data)
    assert [p.title for p in result.posts] == ["One"]
    assert "TOP-SECRET" not in repr(result)


def test_field_over_libxml2_limit_is_resource_limit_error() -> None:
    """A field over 10 MB raises ResourceLimitError after the posts before it."""
    data = _export(body="<![CDATA[" + "a" * 11_000_000 + "]]>")
    data = data.replace(b"<item>", b"<item><title>Zero</title><wp:post_id>0</wp:post_id>"
                        b"</item><item>", 1)
    got: list[int | None] = []
    with pytest.raises(ResourceLimitError):
        _drain(iter_wxr(data), got)
    assert got == [0]


def test_non_wxr_xml_is_input_error() -> None:
    """Plain RSS, XHTML and an empty file are not WordPress exports."""
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    xhtml = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'
    for data in (rss, xhtml, b"", b"   \n"):
        with pytest.raises(InputError):
            parse_wxr(data)


def test_wrong_root_with_wp_namespace_is_input_error() -> None:
    """A document mentioning the namespace but not rooted in <rss> is refused."""
    data = (b'<?xml version="1.0"?><feed xmlns:wp="http://wordpress.org/export/1.2/">'
            b"<!-- <rss --><channel><item><title>x</title></item></channel></feed>")
    with pytest.raises(InputError):
        list(iter_wxr(data))


# --- broken files -----------------------------------------------------------------------------


def test_truncated_export_yields_posts_then_raises() -> None:
    """Cut inside the fourth item: the three before it come out, then TruncatedInputError."""
    data = FULL.read_bytes()
    cut = data.index(b"<wp:post_id>201</wp:post_id>")
    got: list[int | None] = []
    with pytest.raises(TruncatedInputError):
        _drain(iter_wxr(data[:cut]), got)
    # post 101 waited for attachment 201, which never came: it is released unresolved
    assert got == [200, 101, 102]


def test_truncated_export_in_parse_wxr_is_a_defect() -> None:
    """parse_wxr returns the posts before the break with a truncated defect (lenient)."""
    data = FULL.read_bytes()
    cut = data.index(b"<wp:post_id>103</wp:post_id>")
    result = parse_wxr(data[:cut])
    assert [p.id for p in result.posts] == [200, 101, 102, 201]
    assert DefectKind.TRUNCATED in {d.kind for d in result.defects}
    with pytest.raises(StrictModeError):
        parse_wxr(data[:cut], options=STRICT)


def test_every_cut_point_yields_a_prefix_or_a_library_error() -> None:
    """Any cut gives a prefix of the posts and our error; past <channel>, truncation."""
    for path, step in ((LEGACY, 7), (FULL, 41)):
        data = path.read_bytes()
        full = [p.id for p in parse_wxr(data).posts]
        channel = data.index(b"<channel>") + len(b"<channel>")
        for cut in range(0, len(data) - 1, step):
            got: list[int | None] = []
            error: BlogparseError | None = None
            try:
                _drain(iter_wxr(data[:cut]), got)
            except BlogparseError as exc:
                error = exc
            assert got == full[: len(got)]
            if cut > channel:
                assert isinstance(error, TruncatedInputError), (path.name, cut, error)


def test_malformed_middle_is_input_error_not_truncation() -> None:
    """A tag mismatch in the middle raises InputError (not TruncatedInputError)."""
    data = FULL.read_bytes().replace(b"<wp:post_id>102</wp:post_id>",
                                     b"<wp:post_id>102</wp:postid>")
    got: list[int | None] = []
    with pytest.raises(InputError) as info:
        _drain(iter_wxr(data), got)
    assert not isinstance(info.value, TruncatedInputError)
    assert got[:1] == [200]


def test_malformed_middle_in_parse_wxr_keeps_the_posts_before() -> None:
    """parse_wxr returns the posts before a mid-file fault with a malformed-markup defect."""
    data = FULL.read_bytes().replace(b"<wp:post_id>103</wp:post_id>",
                                     b"<wp:post_id>103</wp:postid>")
    result = parse_wxr(data)
    assert [p.id for p in result.posts] == [200, 101, 102, 201]
    assert DefectKind.MALFORMED_MARKUP in {d.kind for d in result.defects}
    with pytest.raises(StrictModeError):
        parse_wxr(data, options=STRICT)


def test_repeated_field_keeps_the_first() -> None:
    """An item repeating a field (two post ids) keeps the first, as WordPress does."""
    data = _export().replace(b"<wp:post_id>1</wp:post_id>",
                             b"<wp:post_id>1</wp:post_id><wp:post_id>999</wp:post_id>")
    assert parse_wxr(data).posts[0].id == 1


def test_foreign_namespace_posing_as_wp_is_ignored() -> None:
    """Elements whose "wp" prefix is bound to another namespace are not WordPress fields."""
    data = _export().replace(
        b"<item>", b'<item><wp:post_type xmlns:wp="http://example.com/fake/">page'
                   b"</wp:post_type>")
    post = parse_wxr(data).posts[0]
    assert (post.id, post.type) == (1, None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_exports_never_crash(data: st.DataObject) -> None:
    """Random byte edits give posts or a blogparse error, never another exception."""
    raw = bytearray(LEGACY.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos:pos + data.draw(st.integers(0, 8))] = data.draw(st.binary(max_size=8))
    with contextlib.suppress(BlogparseError):
        parse_wxr(bytes(raw))


# --- memory ---------------------------------------------------------------------------------


def _generated(items: int) -> bytes:
    one = (
        "<item><title>Post {i}</title><link>https://m.example.org/{i}/</link>"
        "<dc:creator>m</dc:creator><content:encoded><![CDATA[Line one of {i}.\n\nLine two "
        "with a [caption id=\"attachment_{i}\" width=\"10\"]<img src=\"/{i}.jpg\" /> Cap {i}"
        "[/caption]]]></content:encoded><wp:post_id>{i}</wp:post_id>"
        "<wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt>"
        "<wp:post_type>post</wp:post_type></item>\n"
    )
    head = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:wp="http://wordpress.org/export/1.2/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>M</title>\n')
    return (head + "".join(one.format(i=i) for i in range(items))
            + "</channel></rss>").encode()


def _peak(data: bytes) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_wxr(io.BytesIO(data)))
        assert count > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_file_grows() -> None:
    """Eight times the items does not take (nearly) eight times the memory."""
    small = _generated(500)
    large = _generated(4000)
    assert len(large) > 7 * len(small)
    assert _peak(large) < 2 * _peak(small) + 1_000_000


def _read_all(source: object, **kwargs: object) -> tuple[list[Post], object, object]:
    with iter_wxr(source, **kwargs) as reader:  # type: ignore[arg-type]
        posts = list(reader)
        return posts, reader.site, reader.defects


# --- content in worker processes (jobs) -------------------------------------------------------


@pytest.mark.parametrize("path", [FULL, LEGACY, MID])
def test_jobs_give_the_same_posts_site_and_defects(path: Path) -> None:
    """Converting content in two worker processes changes nothing in what comes out."""
    assert _read_all(path) == _read_all(path, jobs=2)
    assert parse_wxr(path) == parse_wxr(path, jobs=2)


def test_jobs_keep_order_over_many_batches() -> None:
    """Thousands of items (many batches, a full window) come out in file order, unchanged."""
    data = _generated(3000)
    one, site, defects = _read_all(data)
    assert len(one) == 3000
    assert (one, site, defects) == _read_all(data, jobs=2)
    assert list(range(3000)) == [p.id for p in one]


def test_jobs_truncated_export_yields_posts_then_raises() -> None:
    """With workers, a cut-off export still yields the posts before the break, then raises."""
    data = FULL.read_bytes()
    cut = data.index(b"<wp:post_id>201</wp:post_id>")
    got: list[int | None] = []
    with pytest.raises(TruncatedInputError):
        _drain(iter_wxr(data[:cut], jobs=2), got)
    assert [200, 101, 102] == got


def test_jobs_malformed_middle_keeps_posts_before() -> None:
    """With workers, parse_wxr keeps the posts before a mid-file fault, as in one process."""
    data = FULL.read_bytes().replace(b"<wp:post_id>103</wp:post_id>",
                                     b"<wp:post_id>103</wp:postid>")
    assert parse_wxr(data) == parse_wxr(data, jobs=2)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the patched converter reaches the workers only when they fork")
def test_jobs_worker_error_is_raised_at_its_post(monkeypatch: pytest.MonkeyPatch) -> None:
    """A content conversion that fails in a worker raises our error after the posts before."""
    def failing(raw: str | None, *, base_url: str | None = None) -> WxrContent:
        if raw is not None and "of 1500." in raw:
            raise InputError("the HTML fragment cannot be parsed: test")
        return convert_content(raw, base_url=base_url)

    monkeypatch.setattr(wxr_module, "convert_content", failing)
    got: list[int | None] = []
    with pytest.raises(InputError, match="test"):
        _drain(iter_wxr(_generated(3000), jobs=2), got)
    assert list(range(1500)) == got


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the patched converter reaches the workers only when they fork")
def test_jobs_dead_worker_is_a_library_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process that dies raises BlogparseError, and no worker is left behind."""

    def dying(raw: str | None, *, base_url: str | None = None) -> WxrContent:
        os._exit(3)

    monkeypatch.setattr(wxr_module, "convert_content", dying)
    with pytest.raises(BlogparseError, match="worker failed"):
        list(iter_wxr(_generated(200), jobs=2))
    assert [] == multiprocessing.active_children()


def test_jobs_closing_early_stops_the_workers() -> None:
    """Closing a reader part-way leaves no worker process behind and ends the iteration."""
    reader = iter_wxr(_generated(2000), jobs=2)
    first = next(reader)
    assert 0 == first.id
    assert multiprocessing.active_children()
    reader.close()
    assert multiprocessing.active_children() == []
    assert list(reader) == []


@pytest.mark.parametrize("jobs", [0, -1, True, 2.0, "2"])
def test_jobs_must_be_a_positive_integer(jobs: object) -> None:
    """jobs is None or an int of at least 1; anything else is misuse."""
    with pytest.raises(ValueError, match="jobs"):
        iter_wxr(FULL, jobs=jobs)  # type: ignore[arg-type]


def test_one_job_uses_no_other_process() -> None:
    """jobs=1 reads in this process, like the default."""
    posts, _, _ = _read_all(FULL, jobs=1)
    assert parse_wxr(FULL).posts == tuple(posts)
    assert multiprocessing.active_children() == []


# --- content rendering units --------------------------------------------------------------------


def test_wpautop_paragraphs_and_line_breaks() -> None:
    """Blank lines make paragraphs; single newlines become <br />."""
    assert wpautop("one\ntwo\n\nthree") == "<p>one<br />\ntwo</p>\n<p>three</p>\n"


def test_wpautop_leaves_block_tags_unwrapped() -> None:
    """Block-level tags are not put inside paragraphs; text around them is."""
    out = wpautop("intro\n<ul>\n<li>a</li>\n</ul>\noutro")
    assert "<p>intro</p>" in out
    assert "<p><ul>" not in out
    assert "<ul>" in out
    assert "<p>outro</p>" in out


def test_wpautop_keeps_pre_and_newlines_in_tags() -> None:
    """<pre> content and newlines inside a tag are untouched."""
    assert "<pre>a\n\nb</pre>" in wpautop("x\n\n<pre>a\n\nb</pre>\n\ny")
    out = wpautop('<a\nhref="u">link</a> text')
    assert out == '<p><a\nhref="u">link</a> text</p>\n'


def test_wpautop_blank_is_empty() -> None:
    """Whitespace-only content gives an empty string."""
    assert wpautop(" \n\t ") == ""


def test_caption_shortcode_forms() -> None:
    """Inner text, caption= attribute, the wp_caption alias, and the no-width fallback."""
    inner = expand_captions('[caption id="attachment_9" align="alignleft" width="120"]'
                            '<img src="a.jpg" /> Hello there[/caption]')
    assert inner == ('<figure id="attachment_9" aria-describedby="caption-attachment-9" '
                     'style="width: 120px" class="wp-caption alignleft"><img src="a.jpg" />'
                     '<figcaption id="caption-attachment-9" class="wp-caption-text">Hello there'
                     "</figcaption></figure>")
    attr = expand_captions("[wp_caption width='50' caption='Said so']<img src=\"b.jpg\">"
                           "[/wp_caption]")
    assert "<figcaption" in attr
    assert "Said so</figcaption>" in attr
    assert 'class="wp-caption alignnone"' in attr
    assert expand_captions('[caption width="0"]<img src="c.jpg" /> x[/caption]') == (
        '<img src="c.jpg" />')


def test_split_blocks_nested_void_and_freeform() -> None:
    """Top-level blocks are units, layout blocks open up, freeform HTML is its own unit."""
    text = ("<p>classic</p>\n<!-- wp:columns --><div class=\"wp-block-columns\">"
            "<!-- wp:column --><div><!-- wp:paragraph --><p>in column</p>"
            "<!-- /wp:paragraph --></div><!-- /wp:column --></div><!-- /wp:columns -->"
            "<!-- wp:spacer {\"height\":\"20px\"} /--><!-- wp:my-plugin/box {\"a\":1} -->"
            "<div>box</div><!-- /wp:my-plugin/box --><!-- /wp:stray -->")
    units = split_blocks(text)
    assert [(u.name, u.html) for u in units] == [
        (None, "<p>classic</p>\n"), ("core/paragraph", "<p>in column</p>"),
        ("my-plugin/box", "<div>box</div>")]


def test_split_blocks_unclosed_block_runs_to_the_end() -> None:
    """A block never closed takes the rest of the content."""
    units = split_blocks("<!-- wp:paragraph --><p>never closed</p>")
    assert [(u.name, u.html) for u in units] == [("core/paragraph", "<p>never closed</p>")]


def test_broken_unit_markup_falls_back_to_unit_by_unit() -> None:
    """An unclosed list in one block does not swallow the next block's name."""
    raw = ("<!-- wp:list --><ul><li>open<!-- /wp:list -->"
           "<!-- wp:paragraph --><p>after</p><!-- /wp:paragraph -->")
    content = convert_content(raw)
    assert [(b.kind, b.name) for b in content.blocks] == [
        ("list", "core/list"), ("paragraph", "core/paragraph")]


@pytest.mark.parametrize(
    "text",
    [
        "<" * 50_000, "[caption width=1]" * 50_000, "<!--" * 50_000, "<pre>" * 50_000,
        "a" + " " * 50_000 + "b", "<script>" * 50_000, "<p><li" * 50_000,
        "<!-- wp:paragraph -->" * 50_000, "[caption width=\"9\"]<img src=x>" * 50_000,
        ("[caption " + "w" * 3_990 + "]x[/caption]") * 250,
    ],
    ids=["lt", "caption", "comment", "pre", "spaces", "script", "li", "blocks", "captions",
         "long-attribute"],
)
def test_pathological_content_is_rendered_in_linear_time(text: str) -> None:
    """Repeated openers without closers do not make rendering quadratic (it would hang)."""
    content = convert_content(text)
    assert isinstance(content.blocks, tuple)


def test_naming_a_block_keeps_every_other_field() -> None:
    """Blocks named after their Gutenberg block differ from the extractor's only by name."""
    import attrs

    from blogparse import Block
    from blogparse._wxr_content import _named

    values = {f.name: f"v-{f.name}" for f in attrs.fields(Block)}
    block = Block(**values)  # type: ignore[arg-type]
    assert _named((block,), "core/x") == [attrs.evolve(block, name="core/x")]


_PLAIN = st.text(
    alphabet=st.characters(blacklist_characters="<&", blacklist_categories=("Cs",)),
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(_PLAIN)
def test_plain_comment_shortcut_matches_the_extractor(text: str) -> None:
    """The no-markup shortcut for comment text equals the full wpautop + parse path."""
    slow = element_text(parse_fragment(wpautop(text)), keep_lines=True) if text.strip() else None
    assert comment_text(text) == slow


_UNIT_TEXT = st.lists(
    st.sampled_from(
        ["a", "Z", "7", " ", "  ", "\n", "\t", "\r", "\x00", "\x0b", "\u00a0", "\u200b",
         "\u00e9", "\u2019", "\U0001f600", "\ufeff", "&", "&amp;", "<", ">", "<b>", "</b>",
         "\"", "'", "/", "--", "[caption]"]
    ),
    max_size=12,
).map("".join)
_UNIT_CLASSES = st.lists(
    st.sampled_from(["has-text-align-center", "wp-block-heading", "wp-block-paragraph",
                     "wp-caption", "sharing", "more-link", "gallery", "has-x", "HAS-X"]),
    max_size=3,
)


@st.composite
def _plain_units(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(["p", "h2", "h6", "div", "P"]))
    classes = draw(_UNIT_CLASSES)
    attr = f' class="{" ".join(classes)}"' if classes or draw(st.booleans()) else ""
    close = draw(st.sampled_from([tag, tag, "p", ""]))
    space = st.sampled_from(["", "\n", " \t\n", "\u00a0", "\r\n"])
    return (draw(space) + f"<{tag}{attr}>" + draw(_UNIT_TEXT) + (f"</{close}>" if close else "")
            + draw(space))


@settings(max_examples=400, deadline=None)
@given(_plain_units(), st.sampled_from([None, "core/paragraph", "core/heading"]))
def test_plain_unit_shortcut_matches_the_extractor(html: str, name: str | None) -> None:
    """A paragraph or heading unit read without the parser gives the parser's blocks."""
    unit = Unit(name=name, html=html)
    fast = _simple_blocks(unit)
    if fast is not None:
        content = extract_content(parse_fragment(html), owned=True, with_html=False)
        assert _named(content.blocks, name) == fast


def test_plain_units_take_the_shortcut() -> None:
    """Block-editor paragraphs and headings of plain text are read without a parse."""
    para = Unit(name="core/paragraph", html="\n<p>Tide  tables\nfor May.</p>\n")
    head = Unit(name="core/heading", html='<h3 class="wp-block-heading">Moorings</h3>')
    assert [Block(kind="paragraph", text="Tide tables for May.",
                  html="<p>Tide  tables\nfor May.</p>", name="core/paragraph")] == \
        _simple_blocks(para)
    assert [Block(kind="heading", text="Moorings", level=3,
                  html='<h3 class="wp-block-heading">Moorings</h3>', name="core/heading")] == \
        _simple_blocks(head)
    assert [] == _simple_blocks(Unit(name=None, html="<p> </p>"))
    for needs_parse in ("<p>A &amp; B</p>", "<p>a<br>b</p>", '<p class="sharing">x</p>',
                        "<p>x\r\ny</p>", "\u00a0<p>x</p>", "<p>x</p><p>y</p>"):
        assert _simple_blocks(Unit(name=None, html=needs_parse)) is None, needs_parse


# Pieces of content in the shapes read without a parse, and near misses of each: every
# value is drawn from the plain choices, or (for a near miss) from those and the odd ones.
_TEXT_PLAIN = ["tide", "Ebb", " ", "  ", "\n", "\t", "\u00a0", "\u200b", "\u00e9", "\u2019",
               "Photo: Ann Lee", "(AP Photo/Bo Ek)", "Credit: Harbour Trust", "'", '"']
_TEXT_ODD = ["&", "&amp;", "<", ">", "<em>", "</em>", "\r", "\x01", "<br>"]
_INLINE_PLAIN = ["<strong>bold</strong>", "<em>it</em>", "<b> </b>", "<i></i>", "<code>x</code>",
                 '<a href="/tides">link</a>', '<a href="https://t.example/a" rel="noopener" '
                 'target="_blank">out</a>', "<br />", "<br>", "<br/>", "<br />\n", " <br> "]
_INLINE_ODD = ["<span>s</span>", "<strong><em>n</em></strong>", '<a href="a b">q</a>',
               '<a href="/x" class="c">q</a>', "<strong>", "<img src=\"/i.jpg\">", "<br />\t"]
_FIGURE_CLASSES = ["wp-block-image", "wp-caption", "size-large", "alignright", "aligncenter",
                   "is-resized", "is-style-rounded"]
_IMG_CLASSES = ["wp-image-12", "size-medium", "alignleft"]
_FIGCAPTION_CLASSES = ["wp-caption-text", "wp-element-caption"]
_TEXT_CLASSES = ["wp-block-quote", "wp-block-list", "has-x", "is-style-plain",
                 "wp-block-paragraph"]
_CLASSES_ODD = ["gallery", "wp-block-gallery", "sharing", "credit", "lazy", "", "A",
                "wp-caption-text", "wp-caption"]
_URLS_PLAIN = ["https://harbour.example.org/m/gull.jpg", "/m/gull.jpg", "gull.jpg",
               "../m/a.jpg", "https://harbour.example.org/m/(1).jpg?w=300"]
_URLS_ODD = ["", " /m/a.jpg", "https://harbour.example.org/m/lazy-load.png",
             "data:image/gif;base64,R0lGOD", "https://harbour.example.org/m/caf\u00e9.jpg",
             "https://harbour.example.org/m/a b.jpg", "https://harbour.example.org/?p=1&amp;s=2"]


class _Draw:
    """Draws piece values: plain ones, or with ``odd`` the odd ones too."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.odd = draw(st.integers(0, 3)) == 0

    def pick(self, plain: list[str], odd: list[str]) -> str:
        return self.draw(st.sampled_from(plain + odd if self.odd else plain))

    def text(self) -> str:
        return "".join(self.draw(st.lists(
            st.sampled_from(_TEXT_PLAIN + _TEXT_ODD if self.odd else _TEXT_PLAIN),
            max_size=6)))

    def inline_text(self) -> str:
        return "".join(self.draw(st.lists(
            st.sampled_from(_TEXT_PLAIN + _INLINE_PLAIN
                            + (_TEXT_ODD + _INLINE_ODD if self.odd else [])),
            max_size=6)))

    def classes(self, plain: list[str]) -> str:
        return " ".join(self.draw(st.lists(
            st.sampled_from(plain + _CLASSES_ODD if self.odd else plain),
            min_size=1, max_size=3)))

    def flag(self) -> bool:
        return self.draw(st.booleans())


def _attr(name: str, value: str) -> str:
    return f' {name}="{value}"'


@st.composite
def _figure_pieces(draw: st.DrawFn) -> str:
    d = _Draw(draw)
    fattrs = ""
    if d.flag():
        fattrs += _attr("id", d.pick(["attachment_12", "fig-1"], ["a b", "x&amp;y"]))
    if d.flag():
        fattrs += _attr("class", d.classes(_FIGURE_CLASSES))
    if d.flag():
        fattrs += _attr("style", "width: 300px")
    if d.flag():
        fattrs += _attr(d.pick(["aria-describedby"], ["data-x"]), "c-1")
    names = draw(st.lists(st.sampled_from(["alt", "class", "width", "height"]), unique=True))
    names.insert(draw(st.integers(0, len(names))), "src")
    if d.flag():
        names.append(d.pick(["title", "style"], ["data-src", "src", "data-id"]))
    iattrs = ""
    for name in names:
        value = {
            "src": d.pick(_URLS_PLAIN, _URLS_ODD),
            "alt": d.pick(["", "gull", "caf\u00e9", "Ann's"], ["a &amp; b", "x\ty"]),
            "class": d.classes(_IMG_CLASSES),
            "width": d.pick(["300", "300px", " 12 "], ["wide", "\u00b2", ""]),
            "height": d.pick(["200", "0"], ["", "99999999999"]),
            "style": "aspect-ratio:4/3;object-fit:cover;width:840px",
        }.get(name, "https://harbour.example.org/m/real.jpg")
        iattrs += _attr(name, value)
    img = f"<img{iattrs}{d.pick(['', ' /', '/'], [])}>"
    if d.flag():
        img = f'<a href="{d.pick(_URLS_PLAIN, _URLS_ODD)}">{img}</a>'
    inner = img
    if d.flag():
        cattrs = _attr("class", d.classes(_FIGCAPTION_CLASSES)) if d.flag() else ""
        inner += f"<figcaption{cattrs}>{d.text()}</figcaption>"
    if d.odd and d.flag():
        inner = d.pick([], ["\n", " "]).join([inner[: len(img)], inner[len(img):]])
    return f"<figure{fattrs}>{inner}</figure>"


@st.composite
def _other_pieces(draw: st.DrawFn) -> str:
    d = _Draw(draw)
    kind = draw(st.sampled_from(["p", "h3", "ul", "ol", "blockquote"]))
    cls = _attr("class", d.classes(_TEXT_CLASSES)) if d.flag() else ""
    space = st.sampled_from(["", "\n", " \n\t"])
    if kind in {"p", "h3"}:
        return f"<{kind}{cls}>{d.inline_text()}</{kind}>"
    child = "li" if kind != "blockquote" else d.pick(["p"], ["li", "div"])
    items = [d.text() for _ in range(draw(st.integers(0, 3)))]
    body = draw(space) + "".join(f"<{child}>{t}</{child}>" + draw(space) for t in items)
    if kind == "blockquote" and d.flag():
        body += f"<cite>{d.text()}</cite>" + d.pick([""], ["\n"])
    return f"<{kind}{cls}>{body}</{kind}>"


_PIECES = st.lists(st.one_of(_figure_pieces(), _other_pieces()), min_size=1, max_size=3).map(
    lambda pieces: "\n".join(pieces))


@settings(max_examples=600, deadline=None)
@given(_PIECES, st.sampled_from([None, "core/image", "core/quote"]),
       st.sampled_from([None, "https://harbour.example.org/2024/05/gulls/"]))
def test_unparsed_units_match_the_extractor(
    html: str, name: str | None, base_url: str | None
) -> None:
    """A unit of figures, lists, quotes and paragraphs read without a parse gives the
    blocks and captions the parser and the extractor give."""
    fast = _fast_unit(Unit(name=name, html=html), base_url)
    if fast is not None:
        content = extract_content(parse_fragment(html), base_url=base_url, owned=True,
                                  with_html=False)
        assert _named(content.blocks, name) == fast.blocks
        assert list(content.captions) == fast.captions


def test_common_units_take_the_shortcut() -> None:
    """An image with its caption (block editor or [caption]), a list and a quote of plain
    text are read without a parse."""
    base = "https://harbour.example.org/2024/05/gulls/"
    image = Unit(name="core/image", html=(
        '\n<figure class="wp-block-image size-large"><a href="/m/gull-big.jpg"><img '
        'src="/m/gull.jpg" alt="A gull" class="wp-image-41" width="640"/></a><figcaption '
        'class="wp-element-caption">Gulls at dawn. (AP Photo/Bo Ek)</figcaption></figure>\n'))
    fast = _fast_unit(image, base)
    assert fast is not None
    assert [b.kind for b in fast.blocks] == ["image"]
    assert fast.blocks[0].html == (
        '<figure class="wp-block-image size-large"><a href="/m/gull-big.jpg"><img '
        'src="/m/gull.jpg" alt="A gull" class="wp-image-41" width="640"></a><figcaption '
        'class="wp-element-caption">Gulls at dawn. (AP Photo/Bo Ek)</figcaption></figure>')
    [caption] = fast.captions
    assert caption.text == "Gulls at dawn."
    assert caption.credit == "AP Photo/Bo Ek"
    assert caption.kind == "block"
    assert caption.image == Image(src="https://harbour.example.org/m/gull.jpg", alt="A gull",
                                  width=640, link="https://harbour.example.org/m/gull-big.jpg",
                                  id=41)
    classic = render_units("Low tide.\n\n[caption id=\"attachment_7\" align=\"alignleft\" "
                           'width="300"]<img class="size-medium wp-image-7" src="/m/7.jpg" '
                           'alt="" width="300" height="200" /> Nets drying[/caption]\n\n'
                           "<ul>\n<li>Rope</li>\n<li>Tar</li>\n</ul>\n\n<blockquote>"
                           "Fair winds  and\n\nfollowing seas</blockquote>")
    fast = _fast_unit(classic[0], base)
    assert fast is not None
    assert [b.kind for b in fast.blocks] == ["paragraph", "image", "list", "quote"]
    assert fast.blocks[2].items == ("Rope", "Tar")
    assert fast.blocks[3].text == "Fair winds and\nfollowing seas"
    linked = _fast_unit(Unit(name="core/paragraph", html=(
        '<p>See <a href="/tides">the <b>tables</b></a> or <strong>ask</strong>.<br />\nThanks</p>'
    )), base)
    assert linked is None  # a link holding markup is parsed
    linked = _fast_unit(Unit(name="core/paragraph", html=(
        '<p>See <a href="/tides">the tables</a> or <strong>ask</strong>.<br />\nThanks</p>')),
        base)
    assert linked is not None
    assert [("See the tables or ask.\nThanks",
             '<p>See <a href="/tides">the tables</a> or <strong>ask</strong>.<br>\nThanks</p>')
            ] == [(b.text, b.html) for b in linked.blocks]
    quote = _fast_unit(Unit(name="core/quote", html=(
        '<blockquote class="wp-block-quote">\n<p>Red sky at night.</p>\n<cite>Old  saying</cite>'
        "</blockquote>")), base)
    assert quote is not None
    assert [("quote", "Red sky at night.\nOld saying")] == [(b.kind, b.text) for b in quote.blocks]
    assert [(c.kind, c.id, c.align, c.text) for c in fast.captions] == [
        ("wp-caption", "attachment_7", "alignleft", "Nets drying")]
    for needs_parse in ('<figure class="wp-block-image"><img src="/a.jpg" data-id="3"></figure>',
                        '<figure class="gallery"><img src="/a.jpg"></figure>',
                        '<figure><img src="/lazy.jpg"></figure>',
                        '<figure>\n<img src="/a.jpg"></figure>',
                        '<ul><li class="x">a</li></ul>',
                        "<blockquote><p>a</p><cite>b <em>c</em></cite></blockquote>",
                        "<p>a</p><div>b</div>"):
        assert _fast_unit(Unit(name=None, html=needs_parse), base) is None, needs_parse


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["http", "https", "HTTP", "://", ":", "/", "//", "a", "Z", "0",
                                 ".", "..", "-", "_", "~", "%41", "?", "#", ";", "@", "[",
                                 ":80", "\u00e9", " "]), max_size=12).map("".join),
       st.sampled_from([None, "", "https://harbour.example.org/a/", "http://h.example/",
                        "https://[", "ftp://x/"]))
def test_plain_absolute_urls_are_kept_as_urljoin_would(url: str, base: str | None) -> None:
    """An absolute url taken as it is equals what joining it to the base gives."""
    for candidate in (url, "https://" + url, "http://harbour.example.org/" + url):
        assert _absolute(candidate, base) == _url(candidate, base)


@pytest.mark.parametrize(
    "gmt", ["2010-10-20 14:08:20", "2010-10-20T14:08:20", "2010-10-20T14+01:00",
            "2010-10-20 14:08+0100", "2010-10-20 14:08:2Z", "2010-02-30 14:08:20",
            "20101020T140820+0100", "2010-10-20 14:08:20.5", "Oct 20 2010 14:08:2"])
def test_gmt_dates_read_as_utc_wall_times(gmt: str) -> None:
    """A GMT date is its wall time in UTC, whatever zone its text names, as before the
    shortcut for the usual form."""
    reader = WxrReader(FULL)
    try:
        parsed = wxr_module._parse_wp_date(gmt)
        expected = None if parsed is None else parsed.replace(tzinfo=UTC)
        assert expected == reader._when(gmt, None, 0, "published")
        if expected is not None:
            assert repr(expected) == repr(reader._when(gmt, None, 0, "published"))
    finally:
        reader.close()


@pytest.mark.parametrize(
    "html",
    ["<p>" + "a" * 200_000 + "<b>", "<p>" + "<b>a</b>" * 40_000 + "<i>", "<p>" + "<br>" * 50_000,
     "<p>" + '<a href="/x">' * 40_000, "<ul>" + "<li>x</li>" * 40_000,
     "<blockquote>" + "<p>x</p>" * 40_000, '<figure><img src="' + "a" * 200_000,
     "<p>x</p>\n" * 40_000 + "<div>"],
    ids=["text", "bold", "breaks", "links", "items", "quoted", "url", "pieces"],
)
def test_units_are_read_in_linear_time(html: str) -> None:
    """Long units, read to the end or refused near it, take linear time (not a hang)."""
    fast = _fast_unit(Unit(name=None, html=html), None)
    assert fast is None or all(b.html for b in fast.blocks)


_WPAUTOP_TOKENS = st.lists(st.sampled_from(
    ["a", " ", "\n", "\n\n", "<br />", "<br>", "\t", "\u00a0", "<p>", "</p>", "<div>",
     "</div>", "<div class=\"x\">", "<hr>", "<hr />", "</li>", "<li", "<pre>", "</pre>",
     "<blockquote>", "</blockquote>", "<figure/>", "<h2 >", "<tr>", "<table"]), max_size=24,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_WPAUTOP_TOKENS)
def test_wpautop_passes_without_templates_match_the_patterns(text: str) -> None:
    """The newline, block-opening and block-closing passes give what WordPress' patterns
    with their templates give."""
    block = wxr_content._BLOCK_TAGS
    assert re.sub(r"(<" + block + r"[\s/>])", r"\n\n\1", text) == \
        wxr_content._OPEN_BLOCK_RE.sub("\n\n", text)
    assert re.sub(r"(</" + block + r">)", r"\1\n\n", text) == \
        wxr_content._CLOSE_BLOCK_RE.sub(wxr_content._MATCH_THEN_BREAK, text)
    if " \n" not in text and not wxr_content._has_other_space(text):
        assert re.sub(r"(?<!<br />)\s*\n", "<br />\n", text) == \
            wxr_content._NL_RUN_TO_BR_RE.sub("<br />\n", text)


def _convert_parsing_all(raw: str, base_url: str | None) -> WxrContent:
    # convert_content as it was before units other than plain paragraphs and headings
    # were read without a parse: every other unit goes through the parser.
    units = render_units(raw)
    simple = [_simple_blocks(u) for u in units]
    parsed = [u for u, s in zip(units, simple, strict=True) if s is None]
    captions: tuple[object, ...] = ()
    if parsed:
        extracted = _extract_joined(parsed, base_url) or _extract_each(parsed, base_url)
        rest, captions = iter(extracted[0]), extracted[1]
        simple = [next(rest) if s is None else s for s in simple]
    blocks = tuple(b for unit_blocks in simple if unit_blocks for b in unit_blocks)
    text = "\n\n".join(b.text for b in blocks
                       if b.kind not in {"image", "gallery", "embed", "separator"} and b.text)
    return WxrContent(text=text or None, blocks=blocks, captions=captions)  # type: ignore[arg-type]


_TRICKY_UNITS = st.sampled_from([
    "<p>Calm <em>water</em></p>", '<div class="gallery">', '<section class="wp-block-gallery">',
    "<div>", '<a href="/x">', "<p>unclosed", '<div class="sharedaddy">', "</div>", "<ul>",
    '<figure class="wp-block-image"><img src="/g.jpg"><figcaption>Gulls <cite>Ann Lee</cite>'
    "</figcaption></figure>", '<div class="wp-caption"><img src="/c.jpg"><p class="wp-caption'
    '-text">Crab pots</p></div>', "<hr data-blogparse-unit=\"1\">", "Loose text", "",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "image", "quote", "html"]),
                          st.one_of(_PIECES, _TRICKY_UNITS)), min_size=1, max_size=6),
       st.booleans())
def test_reading_units_without_a_parse_changes_nothing(
    blocks: list[tuple[str, str]], block_editor: bool
) -> None:
    """Content converted with some units read without a parse equals content converted
    with every unit but plain paragraphs parsed, whatever the units around them hold."""
    if block_editor:
        raw = "\n\n".join(f"<!-- wp:{name} -->\n{html}\n<!-- /wp:{name} -->"
                          for name, html in blocks)
    else:
        raw = "\n\n".join(html for _, html in blocks)
    base = "https://harbour.example.org/2024/05/gulls/"
    assert _convert_parsing_all(raw, base) == convert_content(raw, base_url=base)


_EXCERPT_TEXT = st.lists(
    st.sampled_from(
        ["word", " ", "\n", "\t", "\r", "\x01", "\u00a0", "\u200b", "[", "]", "&", "&amp;",
         "&amp", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&hellip;", "&rsquo;", "&#8230;",
         "&#x2026;", "&#X41;", "&#150;", "&#0;", "&#13;", "&#1114111;", "&#55296;", "&#65535;",
         "&#x1F600;", "&bogus;", "&trade;", "&copy", "<", ">", "<b>x</b>", "\u00e9"]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_EXCERPT_TEXT)
def test_fragment_text_shortcut_matches_the_parser(text: str) -> None:
    """Text with character references read without a parse equals the parser's reading."""
    expected = element_text(parse_fragment(text)) if text.strip() else None
    assert expected == fragment_text(text)


def test_pingback_excerpt_references_are_read() -> None:
    """A pingback excerpt's character references become the characters they name."""
    assert "[\u2026] the tide came in \u2014 early & high [\u2026]" == fragment_text(
        "[&#8230;] the tide came in &mdash; early &amp; high [&#x2026;]"
    )


# --- the shared corpus --------------------------------------------------------------------------


def test_corpus_counts_per_type(shared_dir: Path) -> None:
    """Real exports: item counts per post type, as read from the files."""
    expected = {
        "WPTT__64-block-test-data.xml": {"post": 61, "attachment": 9, "page": 1,
                                         "wp_navigation": 1},
        "WPTT__themeunittestdata.wordpress.xml": {"nav_menu_item": 70, "post": 58,
                                                  "attachment": 37, "page": 21},
        "hexo-migrator-wordpress__wordpress.xml": {"post": 17, "page": 2},
        "nikola__wordpress_export_example.xml": {"post": 4, "attachment": 3, "page": 1},
        "wordpress-importer__valid-wxr-1.0.xml": {"post": 3, "page": 3},
        "wordpress-importer__wxr-utf-8-challenges.xml": {"post": 1},
    }
    for name, counts in expected.items():
        result = parse_wxr(shared_dir / "corpus" / "wxr" / name)
        assert Counter(p.type for p in result.posts) == counts, name


def test_corpus_every_file_parses_without_error(shared_dir: Path) -> None:
    """Every shared export parses; none is empty."""
    files = sorted((shared_dir / "corpus" / "wxr").glob("*.xml"))
    assert files
    for path in files:
        result = parse_wxr(path)
        assert result.posts, path.name
        assert result.site is not None, path.name
        assert result.site.name, path.name


def test_corpus_jobs_give_the_same_results(shared_dir: Path) -> None:
    """Real exports read with two content workers equal the single-process results."""
    files = sorted((shared_dir / "corpus" / "wxr").glob("*.xml"))
    assert files
    for path in files:
        assert _read_all(path) == _read_all(path, jobs=2), path.name
        assert parse_wxr(path, options=ALL_COMMENTS) == parse_wxr(
            path, options=ALL_COMMENTS, jobs=2), path.name


def test_corpus_theme_unit_test_values(shared_dir: Path) -> None:
    """Theme unit test data: a known title, a caption, threads, pingbacks, a featured image."""
    result = parse_wxr(shared_dir / "corpus" / "wxr" / "WPTT__themeunittestdata.wordpress.xml")
    assert result.site is not None
    assert result.site.name == "Theme Unit Test Data"
    assert [(a.login, a.name) for a in result.site.authors] == [
        ("themedemos", "Theme Buster"), ("themereviewteam", "Theme Reviewer")]
    posts = {p.id: p for p in result.posts}
    by_title = {p.title: p for p in result.posts}
    caption = by_title["Markup: Image Alignment"].captions[0]
    assert (caption.text, caption.id, caption.align) == (
        "Look at 580x300 getting some caption love.", "attachment_906", "aligncenter")
    pings = by_title["Template: Pingbacks And Trackbacks"].pingbacks
    assert [(p.kind, p.title, p.blog_name) for p in pings][:2] == [
        ("trackback", "Ping 1", "What’s a tellyworth?"),
        ("trackback", "Ping 2 with a much longer title than the previous ping, which was "
                      "called Ping 1", "What’s a tellyworth?")]
    assert [p.kind for p in pings] == ["trackback", "trackback", "pingback", "pingback"]
    deep = max((c for p in result.posts for c in p.comments), key=lambda c: c.depth)
    assert (deep.id, deep.depth) == (915, 10)
    assert posts[1011].featured_image is not None
    assert posts[1011].featured_image.id == 1022
    assert posts[1011].featured_image.src == (
        "https://wpthemetestdata.files.wordpress.com/2013/03/featured-image-horizontal.jpg")


def test_corpus_wxr_1_0_file(shared_dir: Path) -> None:
    """The importer's WXR 1.0 file: doubled category lines once, tags with slugs."""
    result = parse_wxr(shared_dir / "corpus" / "wxr" / "wordpress-importer__valid-wxr-1.0.xml")
    assert result.site is not None
    assert result.site.name == "Export Dataset"
    alpha = next(p for p in result.posts if p.title == "Alpha post")
    assert [(t.name, t.slug) for t in alpha.categories] == [("alpha", "alpha")]
    assert [(t.name, t.slug) for t in alpha.tags] == [("news", "news"), ("roar", "roar")]
    hello = next(p for p in result.posts if p.title == "Hello world!")
    assert [c.author.name for c in hello.comments if c.author] == ["Mr WordPress"]


def test_corpus_block_data_names_blocks(shared_dir: Path) -> None:
    """The block test data: block names come from the comments, captions from figcaption."""
    result = parse_wxr(shared_dir / "corpus" / "wxr" / "WPTT__64-block-test-data.xml")
    names = Counter(b.name for p in result.posts for b in p.blocks)
    assert names["core/paragraph"] > 50
    assert names["core/image"] > 0
    assert sum(len(p.captions) for p in result.posts) > 20


def test_corpus_utf8_challenges(shared_dir: Path) -> None:
    """Unusual Unicode survives: author email and the meta values keep their characters."""
    result = parse_wxr(
        shared_dir / "corpus" / "wxr" / "wordpress-importer__wxr-utf-8-challenges.xml")
    assert result.site is not None
    assert result.site.authors[0].email == "ădmĩn@ℓocalhost.com"
    post = result.posts[0]
    assert post.url is None
    assert [m.key for m in post.meta][1:] == [
        "_encloseme", "_utf8_test", "_zalgo_test", "_special_chars"]


# --- the same post from its page and from the export --------------------------------------


def test_same_post_from_saved_page_and_export() -> None:
    """One post from its saved page and from the export: same terms, captions, responses."""
    import blogparse

    page = blogparse.parse_page((HERE / "fog-and-the-night-ferry.html").read_bytes()).post
    export = next(p for p in parse_wxr(FULL).posts if p.id == 101)
    assert page is not None
    assert page.title == export.title
    assert [(t.name, t.slug) for t in page.categories] == [
        (t.name, t.slug) for t in export.categories]
    assert [(t.name, t.slug) for t in page.tags] == [(t.name, t.slug) for t in export.tags]
    assert page.captions == export.captions
    assert (page.published, page.updated) == (export.published, export.updated)
    assert page.content_text == export.content_text
    assert [(b.kind, b.text) for b in page.blocks] == [(b.kind, b.text) for b in export.blocks]
    # A page shows a pingback's stored title and a trackback's blog name; the export also
    # holds the trackback's own title and both excerpts, which the page does not show.
    assert [(p.kind, p.url, p.blog_name) for p in page.pingbacks] == [
        (p.kind, p.url, p.blog_name) for p in export.pingbacks]
    assert page.pingbacks[0].title == export.pingbacks[0].title

    def comment_view(c: Comment) -> tuple[object, ...]:
        author = c.author
        return (c.id, author.name if author else None, author.url if author else None,
                c.date, c.content_text, c.parent_id, c.depth, c.by_post_author)

    # WordPress' threaded list does not show a reply whose parent is hidden (comment 16
    # answers a spam comment), so the page has one comment fewer than the export keeps.
    assert [comment_view(c) for c in page.comments] == [
        comment_view(c) for c in export.comments if c.id != 16]


# --- generated exports ------------------------------------------------------------------------

_WORD = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FFF),
                min_size=1, max_size=12)


def _cdata(text: str) -> str:
    # WordPress' wxr_cdata(): "]]>" inside the value is split across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@st.composite
def _exports(draw: st.DrawFn) -> tuple[bytes, list[dict[str, object]]]:
    posts = []
    items = []
    for pid in range(1, draw(st.integers(1, 5)) + 1):
        title = " ".join(draw(st.lists(_WORD, min_size=1, max_size=4)))
        body = draw(st.text(max_size=60).filter(lambda t: "\r" not in t))
        cats = draw(st.lists(_WORD, max_size=3, unique_by=str.lower))
        parents: list[int | None] = []
        comments = []
        for n in range(draw(st.integers(0, 6))):
            cid = pid * 100 + n
            parent = draw(st.sampled_from([None, *[pid * 100 + k for k in range(n)]]))
            parents.append(parent)
            comments.append(
                f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
                f"<wp:comment_content>{_cdata(body or 'x')}</wp:comment_content>"
                f"<wp:comment_approved>1</wp:comment_approved>"
                f"<wp:comment_parent>{parent or 0}</wp:comment_parent></wp:comment>")
        items.append(
            f"<item><title>{_cdata(title)}</title><wp:post_id>{pid}</wp:post_id>"
            f"<content:encoded>{_cdata(body)}</content:encoded>"
            + "".join(f'<category domain="category" nicename="c{i}">{_cdata(c)}</category>'
                      for i, c in enumerate(cats))
            + "".join(comments) + "</item>")
        depths: dict[int, int] = {}
        for n, parent in enumerate(parents):
            depths[pid * 100 + n] = 1 if parent is None else depths[parent] + 1
        posts.append({"id": pid, "title": title, "cats": [(c, f"c{i}") for i, c in
                                                           enumerate(cats)],
                      "comments": [(pid * 100 + n, p, depths[pid * 100 + n])
                                   for n, p in enumerate(parents)]})
    head = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:wp="http://wordpress.org/export/1.2/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            "<title>Generated</title>")
    return (head + "".join(items) + "</channel></rss>").encode("utf-8"), posts


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_exports())
def test_generated_exports_round_trip(export: tuple[bytes, list[dict[str, object]]]) -> None:
    """Ids, titles, categories and comment threads written into an export come back."""
    data, expected = export
    result = parse_wxr(data)
    got = [{"id": p.id, "title": p.title,
            "cats": [(t.name, t.slug) for t in p.categories],
            "comments": [(c.id, c.parent_id, c.depth) for c in p.comments]}
           for p in result.posts]
    assert got == expected


# --- WXR files written by other services ----------------------------------------------------
# path-links.xml is laid out as Squarespace writes its WordPress-format export: items link to
# a path alone ("/blog/a-post", "/null" for a draft), pages carry only an RSS <pubDate>, a
# title holds a bare "&" and an HTML entity, and the featured image's attachment comes after
# its post.


def _path_links() -> list[Post]:
    return list(parse_wxr(PATH_LINKS).posts)


def test_a_path_link_is_made_absolute_on_the_channel_link() -> None:
    by_id = {p.id: p for p in _path_links()}
    assert by_id[4].url == "http://kiln.example/blog/opening-the-kiln.html"
    assert by_id[135].url == "http://kiln.example/services"
    assert by_id[301].url == "http://kiln.example/contact?from=menu"
    # an absolute link is kept as written
    assert by_id[5].url == "https://img.example/cover.jpg?w=1200"


def test_a_null_link_of_a_draft_is_no_url() -> None:
    by_id = {p.id: p for p in _path_links()}
    assert by_id[204].status == "draft"
    assert by_id[204].url is None
    assert by_id[300].url is None


def test_a_path_link_without_a_site_address_is_kept_as_written() -> None:
    data = (PATH_LINKS).read_bytes()
    data = data.replace(b"<link>http://kiln.example</link>", b"", 1)
    posts = {p.id: p for p in parse_wxr(data).posts}
    assert posts[4].url == "/blog/opening-the-kiln.html"


def test_the_rss_pubdate_dates_an_item_without_wordpress_dates() -> None:
    result = parse_wxr(PATH_LINKS)
    by_id = {p.id: p for p in result.posts}
    assert by_id[135].published == datetime(2017, 5, 27, 11, 33, 38, tzinfo=UTC)
    workshops = by_id[302].published
    assert workshops is not None
    assert workshops.utcoffset() is not None
    assert workshops.astimezone(UTC) == datetime(2014, 6, 5, 17, 0, tzinfo=UTC)
    # the GMT field, where there is one, wins
    assert by_id[4].published == datetime(2013, 6, 7, 3, 0, 44, tzinfo=UTC)
    assert not [d for d in result.defects
                if d.field == "published" and d.post_index in {3, 6}]


def test_a_zero_or_zoneless_pubdate_is_not_a_date() -> None:
    result = parse_wxr(PATH_LINKS)
    by_id = {p.id: p for p in result.posts}
    # the zero date in RSS form: the local date is used, naive, with its defect
    assert by_id[300].published == datetime(2014, 2, 11, 9, 30)
    index = next(i for i, p in enumerate(result.posts) if p.id == 300)
    assert any(d.kind is DefectKind.ZERO_DATE and d.post_index == index
               for d in result.defects)
    # "-0000" says the zone is unknown: no date rather than a guessed instant
    assert by_id[301].published is None


def test_a_service_export_reads_its_titles_terms_authors_and_images() -> None:
    result = parse_wxr(PATH_LINKS)
    by_id = {p.id: p for p in result.posts}
    assert by_id[204].title == "Glaze & Fire & Smoke\u2014Ash"
    assert any(d.kind is DefectKind.MALFORMED_MARKUP for d in result.defects)
    post = by_id[4]
    assert [a.name for a in post.authors] == ["Wren Potter"]
    assert [t.name for t in post.tags] == ["Firing"]
    assert post.featured_image is not None
    assert post.featured_image.src == "https://img.example/cover.jpg?w=1200"
    assert [(c.text, c.credit) for c in post.captions] == [
        ("A bowl straight from the kiln.", "Ada Lin")]
    assert post.content_text == "The bowls came out better than hoped."


_SMALL = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Dock notes</title><link>https://dock.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[Bob]]></wp:author_login>
<wp:author_display_name><![CDATA[Bob Marsh]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>news</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>tides</wp:category_nicename>
<wp:category_parent>news</wp:category_parent><wp:cat_name><![CDATA[Tides]]></wp:cat_name>
</wp:category>
<item><title>Reading the gauge</title><link>https://dock.example/gauge/</link>
<dc:creator><![CDATA[bob]]></dc:creator>
<content:encoded><![CDATA[Steps:
<ul>
<li>Note the time</li>
<li>Run this:
<pre><code>
level = read()
if level > 3:
    warn()
</code></pre></li>
</ul>]]></content:encoded>
<wp:post_id>9</wp:post_id><wp:post_date_gmt>2024-03-01 08:00:00</wp:post_date_gmt>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<category domain="category" nicename="tides"><![CDATA[Tides]]></category>
</item></channel></rss>"""


def test_a_login_is_matched_to_the_channels_author_whatever_its_case() -> None:
    post = parse_wxr(_SMALL.encode()).posts[0]
    assert [(a.login, a.name, a.id) for a in post.authors] == [("Bob", "Bob Marsh", 3)]


def test_a_posts_category_carries_its_parent_from_the_channel_list() -> None:
    post = parse_wxr(_SMALL.encode()).posts[0]
    assert [(t.name, t.slug, t.parent) for t in post.categories] == [("Tides", "tides", "news")]


def test_code_in_a_list_item_keeps_its_lines() -> None:
    post = parse_wxr(_SMALL.encode()).posts[0]
    lists = [b for b in post.blocks if b.kind == "list"]
    assert [b.items for b in lists] == [
        ("Note the time", "Run this:\nlevel = read()\nif level > 3:\n    warn()")]
    assert post.content_text is not None
    assert "if level > 3:\n    warn()" in post.content_text


def test_co_authors_plus_terms_give_the_posts_authors_in_order() -> None:
    """Co-Authors Plus keeps a post's authors as terms of its "author" taxonomy (name the
    login, slug "cap-" + nicename), the first the post's dc:creator."""
    export = _SMALL.replace(
        '<category domain="category" nicename="tides">',
        '<category domain="author" nicename="cap-bob"><![CDATA[Bob]]></category>'
        '<category domain="author" nicename="cap-wren"><![CDATA[wren]]></category>'
        '<category domain="author" nicename="cap-bob"><![CDATA[Bob]]></category>'
        '<category domain="category" nicename="tides">').replace(
        "</wp:author>",
        "</wp:author><wp:author><wp:author_id>8</wp:author_id>"
        "<wp:author_login><![CDATA[wren]]></wp:author_login>"
        "<wp:author_display_name><![CDATA[Wren Hale]]></wp:author_display_name></wp:author>",
        1)
    post = parse_wxr(export.encode()).posts[0]
    assert [(a.login, a.name) for a in post.authors] == [
        ("Bob", "Bob Marsh"), ("wren", "Wren Hale")]
    # the terms themselves are kept, in their own taxonomy
    assert [t.slug for t in post.terms if t.taxonomy == "author"] == ["cap-bob", "cap-wren"]


def test_a_co_author_the_channel_does_not_list_is_kept_by_login() -> None:
    export = _SMALL.replace(
        '<category domain="category" nicename="tides">',
        '<category domain="author" nicename="cap-guest-ola"><![CDATA[guest-ola]]></category>'
        '<category domain="category" nicename="tides">')
    post = parse_wxr(export.encode()).posts[0]
    assert [(a.login, a.name) for a in post.authors] == [("Bob", "Bob Marsh"), ("guest-ola", None)]


def test_block_editor_footnotes_are_rendered_from_post_meta() -> None:
    """WordPress 6.3+ saves footnotes as JSON in the "footnotes" meta field and a void
    footnotes block where the list goes; the list is rendered there, as the site shows it,
    and content_html stays as exported."""
    content = ('<!-- wp:paragraph --><p>Tides turn twice a day<sup data-fn="a1b2" '
               'class="fn"><a href="#a1b2" id="a1b2-link">1</a></sup>.</p>'
               '<!-- /wp:paragraph --><!-- wp:footnotes /-->')
    meta = ('<wp:postmeta><wp:meta_key><![CDATA[footnotes]]></wp:meta_key><wp:meta_value>'
            '<![CDATA[[{"content":"Roughly every <em>12</em> hours.","id":"a1b2"}]]]>'
            '</wp:meta_value></wp:postmeta>')
    export = _SMALL.replace(_SMALL[_SMALL.index("<content:encoded>"):
                                   _SMALL.index("<wp:post_id>")],
                            f"<content:encoded><![CDATA[{content}]]></content:encoded>{meta}")
    for jobs in (None, 2):
        post = parse_wxr(export.encode(), jobs=jobs).posts[0]
        assert [(b.kind, b.name, b.text) for b in post.blocks] == [
            ("paragraph", "core/paragraph", "Tides turn twice a day1."),
            ("list", "core/footnotes", "Roughly every 12 hours. \u21a9\ufe0e"),
        ]
        assert post.content_html == content
