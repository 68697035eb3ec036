"""Single posts laid out with a page builder's templates (Elementor Pro's theme builder)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import blogparse

PAGES = Path(__file__).parent / "pages" / "builders"


def test_an_elementor_single_post_template() -> None:
    """The post-title, post-info and post-content widgets: title, byline, terms, text,
    captions, and the comments widget's thread and form."""
    result = blogparse.parse_page((PAGES / "elementor-single.html").read_bytes())
    post = result.post
    assert post is not None
    assert (post.title, post.id, post.type) == ("Reading the tide tables", 456, "post")
    assert [(a.name, a.url) for a in post.authors] == [
        ("Mira Holt", "https://harbour.example/author/mira/")]
    assert post.published == datetime(2024, 3, 2, 9, 15, tzinfo=UTC)
    assert [(t.name, t.slug) for t in post.categories] == [("Tides", "tides")]
    assert post.content_text == (
        "High water comes about fifty minutes later each day, so the table for Sunday will "
        "not do for Tuesday.\n\nSprings and neaps follow the moon.")
    assert [(c.text, c.credit) for c in post.captions] == [("The May table.", "Jonas Keller")]
    assert [(c.id, c.parent_id, c.by_post_author) for c in post.comments] == [
        (9, None, False), (10, 9, True)]
    assert post.comment_form is not None
    assert [f.name for f in post.comment_form.fields] == ["comment", "author"]


def test_a_divi_theme_builder_body_template() -> None:
    """Divi's post-title module holds the byline; its post-content module the text."""
    post = blogparse.parse_page((PAGES / "divi-single.html").read_bytes()).post
    assert post is not None
    assert (post.title, post.id) == ("Mending nets", 77)
    assert [a.name for a in post.authors] == ["Oskar Lind"]
    assert [t.slug for t in post.categories] == ["boats"]
    assert post.content_text == (
        "A torn net is mended from the edge of the tear inwards, one mesh at a time.\n\n"
        "The needle is filled before you start, never halfway through.")
