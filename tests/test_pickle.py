"""Everything a cluster sends between processes pickles and comes back equal.

Dask, Spark and multiprocessing move results, options, themes and errors between processes
with pickle; each must survive the trip unchanged.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import aware_datetimes, captions, images, persons, posts, sites

import blogparse
from blogparse import _models
from blogparse._warc import WarcResult

PAGES = Path(__file__).resolve().parent / "pages"
WXR = PAGES.parent / "wxr"
FIXTURES = [*sorted(PAGES.glob("*.html")), PAGES / "cli" / "export.xml", WXR / "full-1.2.xml"]


def _round_trip(value: Any) -> Any:
    """Pickle and unpickle ``value`` as plain pickle does.

    Importing ``distributed`` registers a pickling of its own for every exception class
    defined at that moment (tblib), which hides how the classes pickle for everyone else
    (multiprocessing, Spark, a Dask run that imported blogparse later): leave it out.
    """
    table = {k: v for k, v in copyreg.dispatch_table.items()
             if not (isinstance(k, type) and issubclass(k, BaseException))}
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = table
    pickler.dump(value)
    return pickle.loads(out.getvalue())


def _models_in(value: Any) -> Iterator[Any]:
    if attrs.has(type(value)):
        yield value
        for f in attrs.fields(type(value)):
            yield from _models_in(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _models_in(item)


MODEL_CLASSES = sorted((c for c in vars(_models).values()
                        if isinstance(c, type) and issubclass(c, _models._Model)
                        and c is not _models._Model), key=lambda c: c.__name__)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_results_of_real_pages_pickle_equal(path: Path) -> None:
    """A PageResult parsed from each fixture page (and an export) pickles to an equal one."""
    result = blogparse.parse_file(path)

    assert result == _round_trip(result)


def test_every_model_class_is_met_in_the_fixtures() -> None:
    """The fixture results above reach every model class, so each one's pickling is tested."""
    met = {type(m) for path in FIXTURES for m in _models_in(blogparse.parse_file(path))}

    assert {c.__name__ for c in MODEL_CLASSES} <= {c.__name__ for c in met}


@given(posts())
def test_generated_posts_pickle_equal(post: blogparse.Post) -> None:
    """Any generated post (comments, pingbacks, captions, form, dates) pickles equal."""
    assert post == _round_trip(post)


@given(st.one_of(sites(), persons(), captions(), images()))
def test_generated_parts_pickle_equal(value: Any) -> None:
    """Sites, people, captions and images pickle equal."""
    assert value == _round_trip(value)


@given(st.builds(
    WarcResult, record_id=st.text(max_size=40), url=st.none() | st.just("https://x.example/"),
    date=st.none() | aware_datetimes(),
    result=st.builds(blogparse.PageResult, kind=st.sampled_from(["single", "archive"]),
                     posts=st.lists(posts(max_comments=2, max_pingbacks=2), max_size=2)
                     .map(tuple))))
def test_web_archive_results_pickle_equal(item: WarcResult) -> None:
    """A WarcResult, with its page result inside, pickles equal."""
    assert item == _round_trip(item)


def test_a_web_archive_result_from_an_archive_pickles_equal() -> None:
    """Results read from the fixture archive pickle equal."""
    pytest.importorskip("warcio")
    from blogparse._warc import iter_warc

    items = list(iter_warc(PAGES.parent / "warc" / "mixed.warc.gz"))
    assert items
    assert items == _round_trip(items)


def test_a_run_summary_pickles_equal() -> None:
    """The summary a distributed run returns pickles equal."""
    from blogparse.distributed import Summary

    summary = Summary(out_dir="out", format="parquet", files=("out/part-00000.parquet",),
                      inputs=3, pages=4, posts=5, rows=6, errors=1)
    assert summary == _round_trip(summary)


def test_the_default_registry_pickles_and_parses_alike() -> None:
    """The registry comes back with the same themes, in order, and detects the same way."""
    registry = blogparse.default_registry()
    copy = _round_trip(registry)

    assert registry.names() == copy.names()
    for path in FIXTURES:
        assert blogparse.parse_file(path) == blogparse.parse_page(
            path.read_bytes(), registry=copy, format="wxr" if path.suffix == ".xml" else None)


@pytest.mark.parametrize("name", blogparse.default_registry().names())
def test_every_builtin_theme_pickles_and_parses_alike(name: str) -> None:
    """Each built-in theme comes back as the same class and parses a page the same way."""
    theme = blogparse.default_registry().get(name)
    copy = _round_trip(theme)

    assert type(theme) is type(copy)
    assert theme.name == copy.name
    for path in sorted(PAGES.glob("*.html")):
        data = path.read_bytes()
        assert blogparse.parse_page(data, theme=theme) == blogparse.parse_page(data, theme=copy)


@pytest.mark.parametrize("options", [blogparse.LENIENT, blogparse.STRICT, blogparse.ALL_COMMENTS,
                                     blogparse.Options(max_input_bytes=10, max_depth=3)])
def test_options_pickle_equal(options: blogparse.Options) -> None:
    """Options (and the presets) pickle equal."""
    assert options == _round_trip(options)


DEFECT = blogparse.Defect(kind=blogparse.DefectKind.BAD_DATE, message="not a date",
                          field="published", post_index=2)

PLAIN_ERRORS = [
    blogparse.BlogparseError("base"),
    blogparse.InputError("unreadable"),
    blogparse.DecodeError("bad bytes", encoding="x-unknown"),
    blogparse.HostileInputError("entities"),
    blogparse.ResourceLimitError("too big", limit="max_input_bytes"),
    blogparse.TruncatedInputError("cut off"),
    blogparse.ThemeError("no such theme", theme="nope"),
]


def _error_state(error: BaseException) -> tuple[Any, ...]:
    return (type(error), error.args, str(error), getattr(error, "__dict__", {}))


@pytest.mark.parametrize("error", PLAIN_ERRORS, ids=lambda e: type(e).__name__)
def test_errors_pickle_with_their_attributes(error: blogparse.BlogparseError) -> None:
    """Each error comes back as its class, with its message and its context attributes."""
    assert _error_state(error) == _error_state(_round_trip(error))


def test_a_defect_error_pickles_with_its_defect() -> None:
    """DefectError comes back with its defect and field."""
    error = blogparse.DefectError(DEFECT)
    copy = _round_trip(error)

    assert (DEFECT, "published", str(error)) == (copy.defect, copy.field, str(copy))


def test_a_strict_mode_error_pickles_with_every_defect() -> None:
    """StrictModeError comes back as an exception group with the same defects."""
    other = attrs.evolve(DEFECT, kind=blogparse.DefectKind.NAIVE_DATE, post_index=None)
    error = blogparse.StrictModeError("2 defect(s)", [blogparse.DefectError(DEFECT),
                                                      blogparse.DefectError(other)])
    copy = _round_trip(error)

    assert isinstance(copy, ExceptionGroup)
    assert (DEFECT, other) == copy.defects
    assert str(error) == str(copy)


def test_a_strict_mode_error_from_a_real_parse_is_what_workers_raise() -> None:
    """A strict parse of a page with defects raises StrictModeError carrying them."""
    with pytest.raises(blogparse.StrictModeError) as info:
        blogparse.parse_file(PAGES / "threaded_comments.html", options=blogparse.STRICT)
    assert info.value.defects == blogparse.parse_file(PAGES / "threaded_comments.html").defects


def test_aware_dates_keep_their_zone_through_pickle() -> None:
    """An aware datetime inside a model keeps its offset (not only its instant)."""
    post = blogparse.Post(title="t", published=datetime(2024, 1, 2, 3, 4, tzinfo=UTC))
    assert post.published == _round_trip(post).published
    assert _round_trip(post).published.tzinfo is not None
