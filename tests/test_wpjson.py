"""Saved WordPress REST API responses: posts with ``_embed``, posts without it and their
comments from the comments endpoint — held to the page the same post renders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blogparse
from blogparse import (
    ALL_COMMENTS,
    Comment,
    DefectKind,
    InputError,
    PageResult,
    parse_file,
    parse_page,
    parse_wp_json,
)
from blogparse._cli import main

HERE = Path(__file__).parent
EMBED = HERE / "wpjson" / "posts-embed.json"
BARE = HERE / "wpjson" / "post-42.json"
COMMENTS = HERE / "wpjson" / "comments-post-42.json"
PAGE = HERE / "pages" / "classic_single.html"


def _thread(comments: tuple[Comment, ...]) -> list[tuple[object, ...]]:
    return [(c.id, c.author.name if c.author else None, c.author.url if c.author else None,
             c.parent_id, c.depth, c.by_post_author, c.content_text) for c in comments]


def _bare_with_comments() -> bytes:
    objects = [json.loads(BARE.read_text("utf-8")), *json.loads(COMMENTS.read_text("utf-8"))]
    return json.dumps(objects).encode("utf-8")


def test_an_embedded_response_gives_the_post_the_page_shows() -> None:
    page = parse_file(PAGE).posts[0]
    result = parse_wp_json(EMBED)
    assert (result.format, result.kind, result.encoding) == ("wp-json", "archive", "utf-8")
    post = result.posts[0]
    for field in ("title", "url", "id", "published", "updated", "categories", "tags",
                  "content_text", "captions"):
        assert getattr(post, field) == getattr(page, field), field
    assert [(b.kind, b.text, b.items, b.src) for b in post.blocks] == [
        (b.kind, b.text, b.items, b.src) for b in page.blocks]
    assert _thread(post.comments) == _thread(page.comments)
    assert [a.name for a in post.authors] == [a.name for a in page.authors]
    assert post.authors[0].id == 3
    assert post.featured_image is not None
    assert (post.featured_image.id, post.featured_image.src, post.featured_image.width) == (
        77, "https://hollinfarm.example/wp-content/uploads/2021/03/gap.jpg", 1200)
    assert [(p.kind, p.title, p.blog_name) for p in post.pingbacks] == [
        ("pingback", "Winter wall round-up", "Upland Walls")]
    assert post.excerpt is not None
    assert post.excerpt.startswith("The gap in the top pasture wall")
    assert (post.guid, post.sticky, post.status, post.type) == (
        "https://hollinfarm.example/?p=42", False, "publish", "post")


def test_embedded_comment_dates_are_local_and_say_so() -> None:
    result = parse_wp_json(EMBED)
    dates = [c.date for c in result.posts[0].comments]
    assert all(d is not None and d.tzinfo is None for d in dates)
    assert DefectKind.NAIVE_DATE in [d.kind for d in result.defects]


def test_a_draft_has_no_gmt_date_and_its_format_is_a_term() -> None:
    draft = parse_wp_json(EMBED).posts[1]
    assert (draft.status, draft.title) == ("draft", "Coping stones, a note")
    assert draft.published is not None
    assert draft.published.tzinfo is None
    assert [(t.name, t.taxonomy) for t in draft.terms] == [("Aside", "post_format")]
    assert draft.tags == ()
    assert draft.featured_image is None


def test_a_post_without_embed_keeps_what_it_has_and_says_what_it_lacks() -> None:
    result = parse_wp_json(BARE)
    assert result.kind == "single"
    assert result.url == "https://hollinfarm.example/2021/03/14/repairing-a-dry-stone-wall/"
    post = result.posts[0]
    assert post.categories == post.tags == ()
    assert [(a.name, a.id) for a in post.authors] == [(None, 3)]
    assert post.featured_image is not None
    assert (post.featured_image.id, post.featured_image.src) == (77, None)
    assert [d.kind for d in result.defects] == [DefectKind.MISSING_FIELD]


def test_comments_from_the_comments_endpoint_thread_under_their_post() -> None:
    page = parse_file(PAGE).posts[0]
    result = parse_wp_json(_bare_with_comments())
    post = result.posts[0]
    assert _thread(post.comments) == _thread(page.comments)
    assert [c.date for c in post.comments] == [c.date for c in page.comments]  # date_gmt
    assert [c.status for c in post.comments] == ["approved"] * 3
    assert [p.id for p in post.pingbacks] == [104]
    # the spam comment is kept out unless asked for
    every = parse_wp_json(_bare_with_comments(), options=ALL_COMMENTS).posts[0]
    assert [(c.id, c.status) for c in every.comments][-1] == (106, "spam")


def test_comments_alone_belong_to_no_post() -> None:
    result = parse_wp_json(COMMENTS)
    assert result.kind == "empty"
    assert [d.kind for d in result.defects] == [DefectKind.ORPHAN_COMMENT,
                                                DefectKind.NO_POSTS]


def test_sniffed_by_parse_page_and_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_page(EMBED.read_bytes()) == parse_wp_json(EMBED)
    assert parse_page(EMBED.read_text("utf-8")) == parse_wp_json(EMBED)
    assert parse_file(BARE) == parse_wp_json(BARE)
    assert main(["parse", str(EMBED)]) == 0
    assert PageResult.from_dict(json.loads(capsys.readouterr()[0])) == parse_wp_json(EMBED)
    assert main(["detect", "--format", "jsonl", str(BARE)]) == 0
    record = json.loads(capsys.readouterr()[0])
    assert record["format"] == "wp-json"


def test_other_json_is_not_taken_for_a_response() -> None:
    """A package manifest or any other JSON stays what it was (a text dump) unless asked."""
    other = b'{"name": "quay", "version": "1.0.0", "dependencies": {}}'
    assert parse_page(other).format == "text"
    with pytest.raises(InputError, match="not a WordPress REST API response"):
        parse_page(other, format="wp-json")
    with pytest.raises(InputError, match="not valid JSON"):
        parse_wp_json(b'[{"title": {"rendered": "x"}')
    with pytest.raises(InputError, match="not valid JSON"):
        parse_wp_json(b"[" * 100_000)


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(
                        ["id", "title", "content", "rendered", "date_gmt", "date", "parent",
                         "post", "author_name", "_embedded", "replies", "wp:term", "author",
                         "categories", "featured_media", "type", "status", "link"]),
                        inner, max_size=6), max_leaves=30))
def test_any_json_gives_a_result_or_our_error(doc: object) -> None:
    try:
        result = parse_wp_json(json.dumps(doc).encode("utf-8"))
    except blogparse.BlogparseError:
        return
    assert PageResult.from_dict(result.to_dict()) == result
