"""The public surface: what the two namespaces export, that it is documented, and that every
model survives JSON data and pickle unchanged."""

from __future__ import annotations

import enum
import functools
import inspect
import json
import pickle
import re
import types
import typing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blogparse
import blogparse.themes

NAMESPACES = [blogparse, blogparse.themes]
PAGES = Path(__file__).resolve().parent / "pages"

MODELS = [obj for name in blogparse.__all__
          if attrs.has(obj := getattr(blogparse, name)) and hasattr(obj, "to_dict")]


def _isort_key(name: str) -> tuple[int, list[Any]]:
    """The order ruff's RUF022 keeps ``__all__`` in: CONSTANTS, Classes, then the rest,
    each group in natural order."""
    if len(name) > 1 and name.upper() == name and any(c.isalpha() for c in name):
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    natural = [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]
    return group, natural


def _public_names(module: types.ModuleType) -> set[str]:
    """Names a user sees in the module: no underscore, no submodule, no ``__future__`` flag."""
    import __future__

    names = {
        name for name, value in vars(module).items()
        if not name.startswith("_") and not inspect.ismodule(value)
        and not isinstance(value, __future__._Feature)
    }
    # names a module provides on first use (its ``__getattr__``), such as the built-in
    # theme classes of ``blogparse.themes``
    lazy = getattr(module, "_BUILTIN_THEMES", frozenset())
    return names | {name for name in lazy if hasattr(module, name)}


@pytest.mark.parametrize("module", NAMESPACES, ids=lambda m: m.__name__)
def test_all_is_sorted(module: types.ModuleType) -> None:
    """``__all__`` is sorted (constants, classes, functions), without repeats."""
    assert module.__all__ == sorted(module.__all__, key=_isort_key)
    assert len(set(module.__all__)) == len(module.__all__)


@pytest.mark.parametrize("module", NAMESPACES, ids=lambda m: m.__name__)
def test_all_is_exactly_the_public_names(module: types.ModuleType) -> None:
    """``__all__`` names every public name of the module and nothing private or missing."""
    exported = set(module.__all__) - {"__version__"}

    assert exported == _public_names(module)
    assert all(hasattr(module, name) for name in module.__all__)
    assert not [n for n in exported if n.startswith("_")]


def test_version_is_exported() -> None:
    """``blogparse.__version__`` is exported and is the installed distribution's version."""
    from importlib import metadata

    assert "__version__" in blogparse.__all__
    assert blogparse.__version__ == metadata.version("blogparse")


def _documented_members(obj: type) -> list[tuple[str, Any]]:
    """Public methods and properties a class defines itself."""
    out = []
    for name, value in vars(obj).items():
        if name.startswith("_"):
            continue
        if isinstance(value, property):
            out.append((name, value.fget))
        elif isinstance(value, functools.cached_property):
            out.append((name, value.func))
        elif isinstance(value, classmethod | staticmethod):
            out.append((name, value.__func__))
        elif inspect.isfunction(value):
            out.append((name, value))
    return out


def _api_objects() -> list[tuple[str, Any]]:
    objects = []
    for module in NAMESPACES:
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                objects.append((f"{module.__name__}.{name}", value))
    return objects


@pytest.mark.parametrize(("name", "obj"), _api_objects(), ids=[n for n, _ in _api_objects()])
def test_public_classes_and_functions_have_docstrings(name: str, obj: Any) -> None:
    """Every exported class and function, and every public method of an exported class,
    has its own docstring."""
    assert (obj.__doc__ or "").strip(), f"{name} has no docstring"
    if inspect.isclass(obj):
        missing = [member for member, func in _documented_members(obj)
                   if not (getattr(func, "__doc__", None) or "").strip()]
        assert missing == [], f"{name} members without docstrings: {missing}"


@pytest.mark.parametrize("module", ["blogparse", "blogparse.themes", "blogparse._cli"])
def test_modules_state_their_job(module: str) -> None:
    """Each public module, and the command's, opens with a docstring saying its job."""
    import importlib

    assert (importlib.import_module(module).__doc__ or "").strip()


# -- the models ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_models_are_frozen_slotted_and_keyword_only(model: type) -> None:
    """Every model is a frozen, slotted attrs class whose fields are keyword-only."""
    assert "__slots__" in vars(model)
    assert all(f.kw_only for f in attrs.fields(model))
    instance = model(**{f.name: _minimal(f) for f in attrs.fields(model)
                        if f.default is attrs.NOTHING})
    field = attrs.fields(model)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, field, getattr(instance, field))


def _minimal(field: attrs.Attribute[Any]) -> Any:
    hint = _hints(field.name, field)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    return ""


def _hints(name: str, field: attrs.Attribute[Any]) -> Any:
    for model in MODELS:
        if field in attrs.fields(model):
            return typing.get_type_hints(model)[name]
    raise LookupError(name)


_OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes)))
_DATETIMES = st.datetimes(timezones=st.none() | st.just(UTC) | _OFFSETS)


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    """Values of the type ``hint`` as the models declare their fields."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of([_strategy(arg) for arg in typing.get_args(hint)])
    if origin is tuple:
        (item,) = (a for a in typing.get_args(hint) if a is not Ellipsis)
        return st.lists(_strategy(item), max_size=3).map(tuple)
    if hint is type(None):
        return st.none()
    if hint is datetime:
        return _DATETIMES
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers()
    if hint is str:
        return st.text(max_size=20)
    if isinstance(hint, type) and attrs.has(hint):
        return models(hint)
    raise TypeError(f"no strategy for {hint!r}")


def _lazy(hint: Any) -> st.SearchStrategy[Any]:
    # Deferred, because models nest (a Post holds a Site, which holds Persons).
    return st.deferred(lambda: _strategy(hint))


@functools.cache
def models(model: type) -> st.SearchStrategy[Any]:
    """Instances of ``model`` with every field drawn, nested models included."""
    hints = typing.get_type_hints(model)
    fields = {f.name: _lazy(hints[f.name]) for f in attrs.fields(model)}
    return st.builds(model, **fields)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_models_round_trip_through_json_data(model: Any, data: st.DataObject) -> None:
    """``from_dict(json.loads(json.dumps(to_dict())))`` gives an equal model."""
    value = data.draw(models(model))

    rendered = json.loads(json.dumps(value.to_dict()))

    assert model.from_dict(rendered) == value


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_models_pickle(model: type, data: st.DataObject) -> None:
    """Every model pickles to an equal value (batches send them between processes)."""
    value = data.draw(models(model))

    assert pickle.loads(pickle.dumps(value)) == value


def test_every_model_is_covered() -> None:
    """The exported models are exactly the attrs classes of the models and WARC modules."""
    from blogparse import _models, _warc

    defined = {obj for module in (_models, _warc) for obj in vars(module).values()
               if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == module.__name__}
    assert set(MODELS) == defined


@pytest.mark.parametrize("page", sorted(PAGES.rglob("*.htm*")), ids=lambda p: p.name)
def test_parsed_pages_round_trip_and_pickle(page: Path) -> None:
    """A real parse result survives JSON data and pickle unchanged."""
    result = blogparse.parse_file(page)

    assert blogparse.PageResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result
    assert pickle.loads(pickle.dumps(result)) == result


def test_from_dict_refuses_unknown_keys() -> None:
    """Data no model could have written is refused with ValueError, not silently dropped."""
    with pytest.raises(ValueError, match="unknown keys"):
        blogparse.Person.from_dict({"name": "A", "nickname": "B"})


def test_parse_functions_are_pure_across_processes() -> None:
    """The same page parsed in worker processes gives results equal to the in-process one."""
    from concurrent.futures import ProcessPoolExecutor

    page = PAGES / "cli" / "single.html"
    data = page.read_bytes()
    expected = blogparse.parse_page(data)

    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(blogparse.parse_page, [data] * 4))

    assert results == [expected] * 4
    assert blogparse.parse_page(data) == expected


def test_models_doc_lists_every_field() -> None:
    """docs/models.md has a section per model with a table row for each of its fields."""
    docs = Path(__file__).resolve().parent.parent / "docs" / "models.md"
    if not docs.is_file():
        pytest.skip("docs/ is not present")
    sections = re.split(r"^## ", docs.read_text(encoding="utf-8"), flags=re.MULTILINE)
    by_title = {s.split("\n", 1)[0].strip(): s for s in sections}

    missing = [f"{model.__name__}.{f.name}" for model in MODELS
               for f in attrs.fields(model)
               if f"| `{f.name}` |" not in by_title.get(model.__name__, "")]
    assert missing == []
