"""The JSON Schema (draft 2020-12) of what the models' ``to_dict()`` writes, and the shipped copy.

The schema is generated from the attrs models themselves — their fields, resolved type hints,
defaults and the docstring written under each field — so it describes exactly what
:mod:`blogparse._serialize` writes: every field present (``required``), ``null`` where the
field is optional, tuples as arrays, ``datetime`` as an ISO 8601 string, enums as their
values, nested models as ``$defs`` references, and no other keys (``additionalProperties:
false``).  A copy ships in the package as ``blogparse/schema/blogparse.schema.json``;
:func:`load_schema` reads it.  Regenerate it after changing a model with
``python -m blogparse._schema`` (``--check`` only compares).

Rules: generation walks the models, never instances; the output is deterministic (field
order as in the model, ``$defs`` sorted by name) so the shipped file can be compared byte
for byte.
"""

from __future__ import annotations

import argparse
import ast
import enum
import functools
import importlib
import importlib.resources
import inspect
import itertools
import json
import re
import sys
import types
import typing
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from ._models import PageResult

__all__ = [
    "SCHEMA_DIALECT",
    "SCHEMA_RESOURCE",
    "default_roots",
    "generate_schema",
    "load_schema",
    "main",
    "schema_text",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect the schema is written in."""

SCHEMA_RESOURCE = "schema/blogparse.schema.json"
"""Where the shipped schema lives inside the ``blogparse`` package."""

_REGENERATE = "python -m blogparse._schema"

_DATETIME = "DateTime"
"""The ``$defs`` name of the string form of a ``datetime``."""
_AWARE_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}:\d{2}$"
# An ISO 8601 date-time as ``datetime.isoformat()`` writes it without a zone: the models
# return naive datetimes only when the input gives no offset (and record a ``naive-date``
# defect), so the schema must accept them beside RFC 3339 ``date-time`` strings.
_NAIVE_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$"
# ``isoformat()`` writes an offset that is not a whole minute with seconds (``+00:01:15``, a
# local mean time before standard zones); RFC 3339 cannot hold it, the models can.
_SECONDS_OFFSET_DATETIME = (
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$"
)

# Descriptions for fields whose model has no docstring under them (a model defined in a
# module whose source is not shipped, or written without field docstrings).  Keyed by
# (model name, field name); a field docstring in the source always wins.
_FALLBACK_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("WarcResult", "record_id"): "The WARC record's ``WARC-Record-ID``.",
    ("WarcResult", "url"): "The record's ``WARC-Target-URI``: the page's address.",
    ("WarcResult", "date"): "The record's ``WARC-Date``: when the page was captured.",
    ("WarcResult", "result"): "What the record's page parsed to.",
}

_ROLE_RE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`~?([^`]+)`")
_LITERAL_RE = re.compile(r"``([^`]+)``")


def default_roots() -> tuple[type, ...]:
    """The models a blogparse JSON document can be: :class:`~blogparse.PageResult`, and the
    WARC record wrapper ``WarcResult`` when this installation has the WARC reader."""
    roots: list[type] = [PageResult]
    try:
        warc = importlib.import_module("blogparse._warc")
    except Exception:  # absent, or unusable here: the schema describes what this install has
        warc = None
    warc_result = getattr(warc, "WarcResult", None)
    if isinstance(warc_result, type) and attrs.has(warc_result):
        roots.append(warc_result)
    return tuple(roots)


def _plain(doc: str) -> str:
    """A docstring as plain text for a JSON description: reST roles and literals unwrapped."""
    text = inspect.cleandoc(doc)
    text = _ROLE_RE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text)
    text = _LITERAL_RE.sub(r"\1", text)
    return " ".join(text.split())


@functools.cache
def _source_docs(module_name: str) -> dict[str, dict[str, str]]:
    """Class name -> {member name: docstring written under it} for one module's source."""
    module = sys.modules.get(module_name) or importlib.import_module(module_name)
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return {}
    docs: dict[str, dict[str, str]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        members: dict[str, str] = {}
        body = node.body
        for here, after in itertools.pairwise(body):
            # attrs (and enum) document a member with the string literal right below it.
            if not (isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                continue
            name = None
            if isinstance(here, ast.AnnAssign) and isinstance(here.target, ast.Name):
                name = here.target.id
            elif (isinstance(here, ast.Assign) and len(here.targets) == 1
                  and isinstance(here.targets[0], ast.Name)):
                name = here.targets[0].id
            if name is not None:
                members[name] = after.value.value
        docs[node.name] = members
    return docs


def _field_description(cls: type, name: str) -> str | None:
    doc = _source_docs(cls.__module__).get(cls.__name__, {}).get(name)
    if doc is None:
        doc = _FALLBACK_DESCRIPTIONS.get((cls.__name__, name))
    return _plain(doc) if doc else None


def _class_description(cls: type) -> str | None:
    doc = cls.__doc__
    return _plain(doc) if doc else None


class _Builder:
    """Collects ``$defs`` while turning type hints into schemas."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}  # reserve the name first: models may nest
            if issubclass(cls, enum.Enum):
                self.defs[cls.__name__] = self._enum(cls)
            else:
                self.defs[cls.__name__] = self._model(cls)
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def _enum(self, cls: type[enum.Enum]) -> dict[str, Any]:
        values = [member.value for member in cls]
        member_docs = _source_docs(cls.__module__).get(cls.__name__, {})
        lines = [_class_description(cls) or cls.__name__]
        for member in cls:
            doc = member_docs.get(member.name)
            if doc:
                lines.append(f"{member.value}: {_plain(doc)}")
        kinds = {type(v) for v in values}
        schema: dict[str, Any] = {"description": "\n".join(lines)}
        if kinds == {str}:
            schema["type"] = "string"
        elif kinds == {int}:
            schema["type"] = "integer"
        schema["enum"] = values
        return schema

    def _model(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        for field in attrs.fields(cls):
            prop = self.hint(hints[field.name], f"{cls.__name__}.{field.name}")
            description = _field_description(cls, field.name)
            if description is not None:
                prop = {"description": description, **prop}
            default = field.default
            if default is not attrs.NOTHING and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                prop["default"] = _json_default(default)
            properties[field.name] = prop
        schema: dict[str, Any] = {}
        description = _class_description(cls)
        if description is not None:
            schema["description"] = description
        schema.update({
            "type": "object",
            "properties": properties,
            # to_dict() writes every field, missing values as null.
            "required": list(properties),
            "additionalProperties": False,
        })
        return schema

    def hint(self, hint: Any, where: str) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if origin is typing.Union or origin is types.UnionType:
            args = typing.get_args(hint)
            others = [a for a in args if a is not type(None)]
            options = [self.hint(a, where) for a in others]
            nullable = len(others) < len(args)
            if nullable and all(set(o) == {"type"} and isinstance(o["type"], str)
                                for o in options):
                return {"type": [o["type"] for o in options] + ["null"]}
            if nullable:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is tuple:
            items = [a for a in typing.get_args(hint) if a is not Ellipsis]
            if len(items) != 1:
                raise TypeError(f"{where}: only homogeneous tuples are supported, got {hint!r}")
            return {"type": "array", "items": self.hint(items[0], f"{where}[]")}
        if hint is datetime:
            if _DATETIME not in self.defs:
                self.defs[_DATETIME] = {
                    "description": (
                        "A datetime as Python's isoformat() writes it: RFC 3339 with its UTC "
                        "offset when the input gives a zone; without an offset (naive, and "
                        "recorded as a naive-date defect) when it gives none; an offset with "
                        "seconds only for historical local mean times."
                    ),
                    "type": "string",
                    "anyOf": [
                        {"format": "date-time", "pattern": _AWARE_DATETIME},
                        {"pattern": _NAIVE_DATETIME},
                        {"pattern": _SECONDS_OFFSET_DATETIME},
                    ],
                }
            return {"$ref": f"#/$defs/{_DATETIME}"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is float:
            return {"type": "number"}
        if hint is str:
            return {"type": "string"}
        if isinstance(hint, type) and (issubclass(hint, enum.Enum) or attrs.has(hint)):
            return self.ref(hint)
        raise TypeError(f"{where}: no JSON Schema for type {hint!r}")


def _json_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_json_default(v) for v in value]
    return value


def generate_schema(roots: Sequence[type] | None = None) -> dict[str, Any]:
    """Build the JSON Schema of the JSON that ``to_dict()`` writes for ``roots``.

    ``roots`` are the attrs models a document may be (default: :func:`default_roots`); a
    single root is referenced from the top, several are offered with ``anyOf``.  Every
    model met on the way gets a ``$defs`` entry named after its class.
    """
    models = tuple(default_roots() if roots is None else roots)
    if not models:
        raise ValueError("generate_schema needs at least one root model")
    builder = _Builder()
    refs = [builder.ref(root) for root in models]
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": "blogparse output",
        "description": (
            "What blogparse writes as JSON: "
            + " or ".join(root.__name__ for root in models)
            + ".to_dict(). Every key is always present; a value the input does not carry "
            "is null (or an empty array). Within a major version changes are additive."
        ),
        "$comment": f"Generated from the models by `{_REGENERATE}`; do not edit by hand.",
    }
    if len(refs) == 1:
        schema.update(refs[0])
    else:
        schema["anyOf"] = refs
    schema["$defs"] = {name: builder.defs[name] for name in sorted(builder.defs)}
    return schema


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """The schema as the shipped file holds it: two-space indented JSON ending in a newline."""
    return json.dumps(generate_schema() if schema is None else schema,
                      indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict[str, Any]:
    """The JSON Schema shipped with this installation of blogparse, as a ``dict``."""
    resource = importlib.resources.files("blogparse").joinpath(SCHEMA_RESOURCE)
    data = json.loads(resource.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _source_path() -> Path:
    return Path(__file__).resolve().parent / SCHEMA_RESOURCE


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated schema to the package (or ``--output``), or ``--check`` it.

    Returns 0 on success, 1 when ``--check`` finds the file differs from the models.
    """
    parser = argparse.ArgumentParser(
        prog=_REGENERATE,
        description="Generate the JSON Schema of blogparse's JSON output from its models.",
    )
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, default=None,
                        help="where to write it (default: the package's shipped copy; "
                             "- for standard output)")
    parser.add_argument("--check", action="store_true",
                        help="only compare the file with the models; exit 1 if it differs")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    path: Path = args.output or _source_path()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            print(f"{path} is out of date: run {_REGENERATE}", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
