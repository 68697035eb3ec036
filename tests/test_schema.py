"""The JSON Schema: generated from the models, shipped unchanged, and met by every output.

Every fixture the project has (golden pages and their snapshots, text dumps, WXR exports, the
shared corpus when it is beside the project) is parsed, written with ``to_dict()``, validated
against the shipped schema with format checking, and read back into an equal model.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blogparse
from blogparse import PageResult, Post, _models, _schema
from blogparse._errors import BlogparseError
from conftest import SHARED
from strategies import posts

TESTS = Path(__file__).resolve().parent
PAGES = TESTS / "pages"

# RFC 3339 section 5.6 ``date-time`` (jsonschema only checks the format when an optional
# package is installed, so the test brings its own check and never depends on one).
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_FORMATS = jsonschema.FormatChecker()


@_FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


SCHEMA = _schema.load_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=_FORMATS)


def _sub_validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for one ``$defs`` entry, resolving references inside the whole schema."""
    sub = {**SCHEMA, "$ref": f"#/$defs/{name}"}
    sub.pop("anyOf", None)
    return jsonschema.Draft202012Validator(sub, format_checker=_FORMATS)


POST_VALIDATOR = _sub_validator("Post")


def _errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))]


def _check(result: PageResult) -> None:
    """``result`` as JSON validates against the schema and reads back losslessly."""
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert [] == _errors(VALIDATOR, data)
    again = PageResult.from_dict(data)
    assert data == again.to_dict()
    assert result == again


# --- the schema itself ----------------------------------------------------------------------


def test_shipped_schema_is_the_generated_one() -> None:
    """The file in the package is exactly what the models generate now (it cannot drift)."""
    shipped = (Path(_schema.__file__).parent / _schema.SCHEMA_RESOURCE).read_text("utf-8")
    assert _schema.schema_text() == shipped, (
        "src/blogparse/schema/blogparse.schema.json is out of date: "
        "run `python -m blogparse._schema` and commit the file")


def test_load_schema_reads_the_package_copy() -> None:
    """``load_schema`` returns the shipped file as data, equal to a fresh generation."""
    assert _schema.generate_schema() == _schema.load_schema()


def test_schema_is_valid_draft_2020_12() -> None:
    """The schema is itself a valid draft 2020-12 schema."""
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def _models_of(module: Any) -> list[type]:
    return [obj for obj in vars(module).values()
            if isinstance(obj, type) and attrs.has(obj) and obj.__module__ == module.__name__]


def test_every_model_has_a_definition_matching_its_fields() -> None:
    """Each model is a closed object whose properties are its fields, all required."""
    for model in _models_of(_models):
        definition = SCHEMA["$defs"][model.__name__]
        names = [f.name for f in attrs.fields(model)]
        assert "object" == definition["type"]
        assert names == list(definition["properties"])
        assert names == definition["required"]
        assert definition["additionalProperties"] is False


def test_every_model_and_field_has_a_description() -> None:
    """The descriptions come from the docstrings: no model and no field is left without one."""
    missing = []
    for name, definition in SCHEMA["$defs"].items():
        if not definition.get("description"):
            missing.append(name)
        for field, prop in definition.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{name}.{field}")
    assert [] == missing


def test_descriptions_are_the_field_docstrings() -> None:
    """A field's description is its docstring with reST markup unwrapped."""
    post = SCHEMA["$defs"]["Post"]["properties"]
    assert "The permalink." == post["url"]["description"]
    # ``post``, ``page`` … lose their reST literal quotes
    assert post["type"]["description"].startswith("The post type (post, page, attachment")
    kinds = SCHEMA["$defs"]["DefectKind"]
    assert [k.value for k in blogparse.DefectKind] == kinds["enum"]
    assert "naive-date: A date carries no UTC offset" in kinds["description"]


def test_types_follow_the_hints() -> None:
    """Optional fields admit null, tuples are arrays, nested models are references."""
    post = SCHEMA["$defs"]["Post"]["properties"]
    assert ["string", "null"] == post["title"]["type"]
    assert ["integer", "null"] == post["id"]["type"]
    assert ["boolean", "null"] == post["sticky"]["type"]
    assert {"type": "array", "items": {"$ref": "#/$defs/Person"}} == {
        k: v for k, v in post["authors"].items() if k in {"type", "items"}}
    assert [{"$ref": "#/$defs/DateTime"}, {"type": "null"}] == post["published"]["anyOf"]
    assert [{"$ref": "#/$defs/Site"}, {"type": "null"}] == post["site"]["anyOf"]
    defect = SCHEMA["$defs"]["Defect"]["properties"]
    assert {"$ref": "#/$defs/DefectKind"} == {k: v for k, v in defect["kind"].items()
                                              if k == "$ref"}


def test_defaults_are_the_models_defaults() -> None:
    """A field's ``default`` is what the model uses when the input does not carry it."""
    comment = SCHEMA["$defs"]["Comment"]["properties"]
    assert 1 == comment["depth"]["default"]
    assert comment["by_post_author"]["default"] is False
    assert [] == SCHEMA["$defs"]["Post"]["properties"]["comments"]["default"]
    assert "default" not in SCHEMA["$defs"]["PageResult"]["properties"]["kind"]


def test_roots_include_the_warc_record_when_the_reader_exists() -> None:
    """The root is PageResult, or anyOf PageResult / WarcResult where ``_warc`` has it."""
    roots = _schema.default_roots()
    assert PageResult is roots[0]
    try:
        from blogparse._warc import WarcResult  # type: ignore[attr-defined]
    except ImportError:
        assert (PageResult,) == roots
        assert "#/$defs/PageResult" == SCHEMA["$ref"]
        return
    assert (PageResult, WarcResult) == roots
    assert [{"$ref": "#/$defs/PageResult"}, {"$ref": "#/$defs/WarcResult"}] == SCHEMA["anyOf"]


def test_generator_takes_any_list_of_roots() -> None:
    """Several roots are offered with anyOf, and only reachable models get definitions."""
    schema = _schema.generate_schema([blogparse.Person, blogparse.Term])
    assert [{"$ref": "#/$defs/Person"}, {"$ref": "#/$defs/Term"}] == schema["anyOf"]
    assert ["Person", "Term"] == sorted(schema["$defs"])
    with pytest.raises(ValueError, match="at least one"):
        _schema.generate_schema([])


@pytest.mark.parametrize("bad", [
    {"kind": "single"},                                          # required keys missing
    {**PageResult(kind="single").to_dict(), "extra": 1},         # a key no model writes
    {**PageResult(kind="single").to_dict(), "posts": [{}]},      # a post with no keys
    {**PageResult(kind="single").to_dict(), "encoding": 5},      # a wrong type
    {**PageResult(kind="single", defects=(blogparse.Defect(
        kind=blogparse.DefectKind.TRUNCATED, message="x"),)).to_dict(),
     "defects": [{"kind": "no-such-kind", "message": "x", "field": None,
                  "post_index": None}]},                         # an unknown enum value
])
def test_schema_rejects_what_no_model_writes(bad: dict[str, Any]) -> None:
    """Drift is caught: unknown keys, missing keys, wrong types and values fail."""
    assert _errors(VALIDATOR, bad)


@pytest.mark.parametrize(("value", "valid"), [
    ("2024-03-02T07:30:00+00:00", True),
    ("2024-03-02T07:30:00.250000-05:30", True),
    ("2024-03-06T21:40:00", True),                 # naive: the input gave no zone
    ("1890-01-01T00:00:00+00:01:15", True),        # a local mean time offset
    ("2024-03-02 07:30:00+00:00", False),
    ("March 2, 2024", False),
    ("2024-13-02T07:30:00+00:00", False),
])
def test_datetime_strings(value: str, valid: bool) -> None:
    """Datetimes are isoformat strings: RFC 3339 when aware, naive when the input had no zone."""
    data = Post(published=datetime(2024, 1, 1, tzinfo=UTC)).to_dict()
    data["published"] = value
    assert valid == (not _errors(POST_VALIDATOR, data))


def test_check_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m blogparse._schema --check` passes on a current file, fails on a stale one."""
    target = tmp_path / "s.json"
    assert 0 == _schema.main(["-o", str(target)])
    assert target.read_text("utf-8") == _schema.schema_text()
    assert 0 == _schema.main(["--check", "-o", str(target)])
    target.write_text("{}\n", encoding="utf-8")
    assert 1 == _schema.main(["--check", "-o", str(target)])
    assert "out of date" in capsys.readouterr().err


# --- every fixture validates and round-trips -------------------------------------------------

HTML_FIXTURES = sorted(p for p in PAGES.rglob("*") if p.suffix in {".html", ".txt"}
                       or (p.is_file() and p.parent.name == "batch" and p.suffix == ""))
DUMPS = sorted((TESTS / "dumps").glob("*.txt"))
WXR_FIXTURES = sorted((TESTS / "wxr").glob("*.xml")) + sorted(PAGES.rglob("*.xml"))


def _rel(path: Path) -> str:
    return str(path.relative_to(TESTS))


@pytest.mark.parametrize("path", HTML_FIXTURES + DUMPS + sorted((TESTS / "wxr").glob("*.html")),
                         ids=_rel)
def test_page_fixture_output_validates_and_round_trips(path: Path) -> None:
    """Every saved page and text dump fixture gives JSON the schema accepts, read back equal."""
    try:
        result = blogparse.parse_file(path)
    except BlogparseError:
        pytest.skip(f"{_rel(path)} is a fixture for a parse error")
    _check(result)


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.expected.json")), ids=_rel)
def test_golden_snapshots_validate(path: Path) -> None:
    """The committed golden snapshots are themselves valid documents and read back losslessly."""
    data = json.loads(path.read_text("utf-8"))
    assert [] == _errors(VALIDATOR, data)
    assert data == PageResult.from_dict(data).to_dict()


@pytest.mark.parametrize("path", WXR_FIXTURES, ids=_rel)
def test_wxr_fixture_output_validates_and_round_trips(path: Path) -> None:
    """Each export as the command line writes it (one PageResult), and each streamed post."""
    try:
        result = blogparse.parse_wxr(path)
    except BlogparseError:
        pytest.skip(f"{_rel(path)} is a fixture for a parse error")
    assert result.posts, "an export fixture with no posts tests nothing here"
    _check(result)
    with blogparse.iter_wxr(path) as reader:
        streamed = list(reader)
    assert len(result.posts) == len(streamed)
    for post in streamed:
        data = post.to_dict()
        assert [] == _errors(POST_VALIDATOR, data)
        assert post == Post.from_dict(data)


def test_command_line_output_validates(capsys: pytest.CaptureFixture[str]) -> None:
    """What ``blogparse parse --format jsonl`` prints for every fixture validates, record by
    record (a record is an input's result, or its error)."""
    from blogparse._cli import main

    paths = [str(p) for p in [*HTML_FIXTURES, *DUMPS, *WXR_FIXTURES]]
    status = main(["parse", "--format", "jsonl", "-j", "1", "--no-progress", *paths])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(paths) == len(records)
    results = [r["result"] for r in records if "result" in r]
    failed = [r for r in records if "result" not in r]
    assert (1 if failed else 0) == status
    assert ["broken-export.xml"] == [Path(r["input"]).name for r in failed]
    for data in results:
        assert [] == _errors(VALIDATOR, data)
        assert data == PageResult.from_dict(data).to_dict()


def test_a_naive_date_validates() -> None:
    """An export's draft with no GMT date keeps a naive datetime, and the schema accepts it."""
    result = blogparse.parse_wxr(TESTS / "wxr" / "full-1.2.xml")
    naive = [p for p in result.posts if p.published is not None and p.published.tzinfo is None]
    assert naive, "full-1.2.xml has a draft without a GMT date"
    _check(result)


def test_warc_results_validate() -> None:
    """A WARC record's result, where the WARC reader exists, validates as the WarcResult root."""
    warc = pytest.importorskip("blogparse._warc")
    warc_result = getattr(warc, "WarcResult", None)
    if warc_result is None:
        pytest.skip("blogparse._warc has no WarcResult yet")
    page = blogparse.parse_file(PAGES / "classic_single.html")
    record = warc_result(record_id="<urn:uuid:1b4c2b8e-0000-4000-8000-000000000001>",
                         url="https://example.org/a/", date=datetime(2024, 5, 1, tzinfo=UTC),
                         result=page)
    data = json.loads(json.dumps(record.to_dict()))
    assert [] == _errors(VALIDATOR, data)
    assert [] == _errors(_sub_validator("WarcResult"), data)
    assert record == warc_result.from_dict(data)


@pytest.mark.parametrize("path", sorted((TESTS / "warc").glob("*.warc*")), ids=_rel)
def test_warc_fixture_output_validates_and_round_trips(path: Path) -> None:
    """Every page record of the web-archive fixtures validates as a WarcResult and reads back."""
    warc = pytest.importorskip("blogparse._warc")
    pytest.importorskip("warcio")
    records = list(warc.iter_warc(path))
    assert records, "a WARC fixture with no page records tests nothing here"
    for record in records:
        data = json.loads(json.dumps(record.to_dict(), ensure_ascii=False))
        assert [] == _errors(VALIDATOR, data)
        assert [] == _errors(_sub_validator("WarcResult"), data)
        assert record == type(record).from_dict(data)


# --- the shared corpus ------------------------------------------------------------------------

_CORPUS_PAGES = sorted((SHARED / "corpus" / "html").glob("*")) if SHARED else []
_CORPUS_WXR = sorted((SHARED / "corpus" / "wxr").glob("*")) if SHARED else []


@pytest.mark.parametrize("name", [p.name for p in _CORPUS_PAGES] or ["-"])
def test_corpus_page_output_validates_and_round_trips(shared_dir: Path, name: str) -> None:
    """Every real page of the shared corpus gives valid JSON that reads back equal."""
    try:
        result = blogparse.parse_file(shared_dir / "corpus" / "html" / name)
    except BlogparseError as exc:
        pytest.fail(f"{name}: {exc}")
    _check(result)


@pytest.mark.parametrize("name", [p.name for p in _CORPUS_WXR] or ["-"])
def test_corpus_export_output_validates_and_round_trips(shared_dir: Path, name: str) -> None:
    """Every real export of the shared corpus gives valid JSON that reads back equal."""
    _check(blogparse.parse_wxr(shared_dir / "corpus" / "wxr" / name))


# --- generated models -------------------------------------------------------------------------

_OFFSETS = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))


@settings(max_examples=60)
@given(post=posts(max_comments=5, max_pingbacks=3, huge=False), kind=st.sampled_from(
    ["single", "archive"]), tz=_OFFSETS)
def test_generated_results_validate_and_round_trip(post: Post, kind: str,
                                                   tz: timezone) -> None:
    """Any post the strategies build, in a result, is valid JSON and reads back equal."""
    post = attrs.evolve(post, updated=post.published.astimezone(tz) if post.published else None)
    _check(PageResult(kind=kind, posts=(post,), site=post.site, theme="classic"))
