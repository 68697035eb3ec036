"""Convert models to JSON-ready data and back, driven by their attrs fields and type hints.

Rules: ``datetime`` becomes an ISO 8601 string, enums their value, tuples lists, nested models
dicts; ``None`` stays ``None``.  The reverse direction validates shapes and raises
``ValueError`` on data that no model could have written.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from datetime import datetime
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Return ``value`` as plain JSON-ready data."""
    if value is None or isinstance(value, bool | int | float | str):
        if isinstance(value, enum.Enum):
            return value.value
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: to_data(getattr(value, f.name)) for f in attrs.fields(type(value))}
    raise TypeError(f"cannot convert {type(value).__name__} to JSON data")


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(hint)
        if data is None:
            if type(None) in args:
                return None
            raise ValueError(f"{where}: null is not allowed")
        others = [a for a in args if a is not type(None)]
        if len(others) == 1:
            return _convert(others[0], data, where)
        errors = []
        for arg in others:
            try:
                return _convert(arg, data, where)
            except (TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise ValueError(f"{where}: {'; '.join(errors)}")
    if origin is tuple:
        if not isinstance(data, list | tuple):
            raise ValueError(f"{where}: expected a list")
        (item,) = (a for a in typing.get_args(hint) if a is not Ellipsis)
        return tuple(_convert(item, v, f"{where}[{i}]") for i, v in enumerate(data))
    if hint is datetime:
        if not isinstance(data, str):
            raise ValueError(f"{where}: expected an ISO 8601 string")
        return datetime.fromisoformat(data)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(data)
    if hint is bool:
        if not isinstance(data, bool):
            raise ValueError(f"{where}: expected a boolean")
        return data
    if hint is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise ValueError(f"{where}: expected an integer")
        return data
    if hint is str:
        if not isinstance(data, str):
            raise ValueError(f"{where}: expected a string")
        return data
    if isinstance(hint, type) and attrs.has(hint):
        return from_data(hint, data, where)
    raise TypeError(f"{where}: unsupported type {hint!r}")


def from_data(cls: type[T], data: Any, where: str | None = None) -> T:
    """Rebuild an instance of the attrs class ``cls`` from :func:`to_data` output."""
    where = where or cls.__name__
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object")
    if not attrs.has(cls):
        raise TypeError(f"{cls!r} is not an attrs class")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    known = set()
    for f in attrs.fields(cls):
        known.add(f.name)
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name], f"{where}.{f.name}")
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    return cls(**kwargs)  # type: ignore[return-value]
