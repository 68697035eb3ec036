"""Mutated real pages: damage a saved page and check the result (or the error) stays sane.

Pages come from the shared corpus (skipped when it is absent): a fixed, bounded sample
that favours pages with comments and pingbacks.  Subtrees are deleted, duplicated and
reordered, and the bytes are cut at random offsets; each variant must parse to a result
that keeps the models' invariants or raise the library's own error, and fields read from
regions the mutation did not touch must not change.
"""

from __future__ import annotations

import copy
import csv
import functools
import random
from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.test_properties import check_invariants

import blogparse

SAMPLE = 8
"""Pages taken from the corpus: enough variety, and the test stays within seconds."""


@functools.cache
def _sample(shared: Path) -> tuple[Path, ...]:
    rows = list(csv.DictReader((shared / "corpus" / "MANIFEST.tsv").open(encoding="utf-8"),
                               delimiter="\t"))
    html = [r for r in rows if r["local_file"].startswith("html/")
            and r.get("is_wordpress") == "yes" and int(r.get("bytes") or 0) < 400_000]
    html.sort(key=lambda r: (-(int(r.get("n_comments") or 0) > 0)
                             - (int(r.get("n_pingbacks") or 0) > 0), r["local_file"]))
    picked = html[: SAMPLE // 2] + random.Random(5).sample(html[SAMPLE // 2:],
                                                          min(SAMPLE // 2, len(html)))
    return tuple(shared / "corpus" / r["local_file"] for r in picked
                 if (shared / "corpus" / r["local_file"]).is_file())


@pytest.fixture(scope="module")
def pages(shared_dir: Path) -> tuple[Path, ...]:
    """The sampled corpus pages."""
    found = _sample(shared_dir)
    if not found:
        pytest.skip("no HTML pages in the shared corpus")
    return found


def _outcome(data: bytes) -> blogparse.PageResult | None:
    try:
        result = blogparse.parse_page(data)
    except blogparse.BlogparseError:
        return None
    check_invariants(result)
    return result


def _tree(data: bytes) -> etree._Element:
    return lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(
        recover=True, no_network=True, encoding=None))


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="utf-8", method="html", doctype="<!DOCTYPE html>")


def _post_fields(result: blogparse.PageResult) -> tuple[object, ...]:
    post = result.post
    if post is None:
        return ()
    return (post.title, post.url, [t.name for t in post.categories],
            [t.name for t in post.tags], post.published, [a.name for a in post.authors])


_DISCUSSION = ("//*[@id='comments' or @id='respond' or contains(@class, 'comments-area')"
               " or contains(@class, 'comment-respond') or contains(@class, 'wp-block-comments')]")


def test_deleting_the_discussion_keeps_the_post(pages: tuple[Path, ...]) -> None:
    """Deleting the comments area leaves title, url, terms, date and authors unchanged."""
    for path in pages:
        root = _tree(path.read_bytes())
        before = _outcome(_bytes(root))
        areas = [el for el in root.xpath(_DISCUSSION) if isinstance(el, etree._Element)]
        if before is None or not areas:
            continue
        for el in areas:
            if el.getparent() is not None:
                el.getparent().remove(el)  # type: ignore[union-attr]
        after = _outcome(_bytes(root))
        assert after is not None, path.name
        assert _post_fields(before) == _post_fields(after), path.name


def test_deleting_the_reply_form_keeps_the_comments(pages: tuple[Path, ...]) -> None:
    """Deleting the reply form leaves comments and pingbacks unchanged."""
    for path in pages:
        root = _tree(path.read_bytes())
        before = _outcome(_bytes(root))
        forms = root.xpath("//*[@id='respond'] | //form[@id='commentform']")
        if before is None or before.post is None or not forms:
            continue
        for el in forms:
            if isinstance(el, etree._Element) and el.getparent() is not None:
                el.getparent().remove(el)  # type: ignore[union-attr]
        after = _outcome(_bytes(root))
        assert after is not None
        assert after.post is not None
        assert [c.id for c in before.post.comments] == [c.id for c in after.post.comments]
        assert [p.url for p in before.post.pingbacks] == [p.url for p in after.post.pingbacks]
        assert before.post.title == after.post.title


def _mutate(root: etree._Element, rng: random.Random, steps: int) -> None:
    for _ in range(steps):
        elements = [el for el in root.iter() if isinstance(el.tag, str)
                    and el.getparent() is not None]
        if not elements:
            return
        el = rng.choice(elements)
        parent = el.getparent()
        assert parent is not None
        action = rng.randrange(3)
        if action == 0:
            parent.remove(el)
        elif action == 1:
            el.addnext(_copy(el))
        else:
            siblings = list(parent)
            if len(siblings) > 1:
                parent.remove(el)
                parent.insert(rng.randrange(len(siblings)), el)


def _copy(el: etree._Element) -> etree._Element:
    dup = copy.deepcopy(el)
    dup.tail = None
    return dup


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), steps=st.integers(1, 25), which=st.integers(0, 10**6))
def test_random_subtree_mutations(shared_dir: Path, seed: int, steps: int, which: int) -> None:
    """Deleting, duplicating and reordering random subtrees gives a sane result or our error."""
    paths = _sample(shared_dir)
    if not paths:
        pytest.skip("no HTML pages in the shared corpus")
    root = _tree(paths[which % len(paths)].read_bytes())
    _mutate(root, random.Random(seed), steps)
    _outcome(_bytes(root))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.floats(0.0, 1.0), which=st.integers(0, 10**6))
def test_truncated_pages(shared_dir: Path, cut: float, which: int) -> None:
    """A page cut at any byte parses (a missing end recorded as truncation) or fails cleanly."""
    paths = _sample(shared_dir)
    if not paths:
        pytest.skip("no HTML pages in the shared corpus")
    data = paths[which % len(paths)].read_bytes()
    at = int(len(data) * cut)
    result = _outcome(data[:at])
    if result is not None and b"<html" in data[:at][:4096].lower() and at < len(data) * 0.9:
        assert blogparse.DefectKind.TRUNCATED in {d.kind for d in result.defects}


def test_truncation_keeps_what_came_before(pages: tuple[Path, ...]) -> None:
    """Cutting a page after its post's content leaves the title and terms as they were."""
    for path in pages:
        data = path.read_bytes()
        full = _outcome(data)
        if full is None or full.post is None or not full.post.title:
            continue
        marker = data.find(b'id="comments"')
        if marker < 0:
            continue
        cut = _outcome(data[:marker])
        assert cut is not None
        assert _post_fields(full)[:1] == _post_fields(cut)[:1], path.name
