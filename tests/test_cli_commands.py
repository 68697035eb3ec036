"""The ``blogparse`` subcommands besides parse's basics: themes, detect, the shorthand form,
tracebacks, batches over worker processes, web archives and :func:`iter_parsed`."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from tests.test_cli import ARCHIVE, BATCH, BROKEN, EXPORT, SINGLE, WORKBENCH, jsonl, run

import blogparse
from blogparse import InputError, PageResult, StrictModeError, ThemeError, parse_file
from blogparse._cli import iter_parsed
from blogparse._themes import builtin_registry
from blogparse.themes import PageDocument, Theme, ThemeRegistry

TESTS = Path(__file__).resolve().parent
PAGES = TESTS / "pages" / "cli"
DUMP = TESTS / "dumps" / "lynx_style.txt"


# -- the shorthand form ---------------------------------------------------------------------


def test_shorthand_is_parse(capsys: pytest.CaptureFixture[str]) -> None:
    """``blogparse PATH`` writes exactly what ``blogparse parse PATH`` writes."""
    short = run(capsys, SINGLE)
    full = run(capsys, "parse", SINGLE)

    assert short == full
    assert short[0] == 0
    assert json.loads(short[1])["posts"][0]["title"] == "Truing a Buckled Rear Wheel"


def test_shorthand_with_options_first(capsys: pytest.CaptureFixture[str]) -> None:
    """Options before the paths still select parse: ``blogparse --strict PATH``."""
    status, out, _ = run(capsys, "--strict", "--format", "jsonl", SINGLE)

    assert status == 0
    assert jsonl(out)[0]["input"] == str(SINGLE)


def test_a_file_named_like_a_command(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch,
                                     tmp_path: Path) -> None:
    """A file called ``themes`` is reached with ``parse themes`` or ``./themes``."""
    shutil.copy(SINGLE, tmp_path / "themes")
    monkeypatch.chdir(tmp_path)

    status, out, _ = run(capsys, "parse", "themes")
    _, dotted, _ = run(capsys, "./themes")
    _, listing, _ = run(capsys, "themes")

    assert status == 0
    assert json.loads(out)["posts"][0]["title"] == "Truing a Buckled Rear Wheel"
    assert json.loads(dotted) == json.loads(out)
    assert listing.split()[0] == blogparse.default_registry().names()[0]


@pytest.mark.parametrize("command", ["parse", "detect", "themes"])
def test_every_command_has_help_with_examples(capsys: pytest.CaptureFixture[str],
                                              command: str) -> None:
    """``blogparse COMMAND --help`` exits 0 and shows examples of that command."""
    status, out, _ = run(capsys, command, "--help")

    assert status == 0
    assert "examples:" in out
    assert f"blogparse {command}" in out


def test_top_level_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """``blogparse --help`` names each command and shows the shorthand."""
    status, out, _ = run(capsys, "--help")

    assert status == 0
    for command in ("parse", "detect", "themes"):
        assert f"    {command} " in out
    assert "short for" in out


# -- themes ---------------------------------------------------------------------------------


class _PluginTheme(Theme):
    """A theme defined outside blogparse, as a plugin's would be."""

    name: ClassVar[str] = "test-plugin"
    description: ClassVar[str] = "A theme from a test module"

    def score(self, page: PageDocument) -> float:
        """Claim pages whose generator names the test blog engine."""
        return 1.0 if (page.generator or "").startswith("Testpress") else 0.0


def _registry_with_plugins() -> ThemeRegistry:
    registry = builtin_registry()
    registry.register(_PluginTheme())
    registry.plugin_errors = (
        ThemeError("theme plugin 'shaky' failed to load: No module named 'shaky'",
                   theme="shaky"),
    )
    return registry


def test_themes_lists_builtins_with_their_origin(capsys: pytest.CaptureFixture[str]) -> None:
    """``themes`` prints every registered theme on its own line, marked built-in."""
    status, out, err = run(capsys, "themes")

    lines = out.splitlines()
    assert (status, err) == (0, "")
    assert tuple(line.split()[0] for line in lines) == blogparse.default_registry().names()
    assert all(line.split()[1] == "built-in" for line in lines)
    assert any("Blogger" in line for line in lines)


def test_themes_shows_plugins_and_broken_plugins(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin theme says where it came from; a broken one is listed with its error."""
    monkeypatch.setattr("blogparse._cli.default_registry", _registry_with_plugins)
    status, out, err = run(capsys, "themes", "--format", "json")

    records = {r["name"]: r for r in json.loads(out)}
    assert status == 0
    assert records["wordpress-classic"]["origin"] == "built-in"
    assert records["test-plugin"]["origin"] == f"registered from {__name__}"
    assert records["test-plugin"]["description"] == "A theme from a test module"
    assert records["shaky"]["error"] == ("theme plugin 'shaky' failed to load: "
                                         "No module named 'shaky'")
    assert err.splitlines() == ["blogparse: warning: theme plugin 'shaky' failed to load: "
                                "No module named 'shaky'; it is left out"]


def test_themes_names_the_entry_point_a_plugin_came_from(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plugin theme's origin names the entry point that advertises its module."""
    from importlib import metadata

    point = metadata.EntryPoint(name="test-plugin", value=f"{__name__}:_PluginTheme",
                                group="blogparse.themes")
    monkeypatch.setattr("blogparse._cli.default_registry", _registry_with_plugins)
    monkeypatch.setattr("importlib.metadata.entry_points",
                        lambda group: [point] if group == "blogparse.themes" else [])
    _, out, _ = run(capsys, "themes", "--format", "json")

    records = {r["name"]: r for r in json.loads(out)}
    assert records["test-plugin"]["origin"] == (
        f"plugin from an unknown package (entry point test-plugin = {__name__}:_PluginTheme)")


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("command", [["themes"], ["parse", str(SINGLE)]])
def test_a_broken_plugin_costs_one_warning_line(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch,
                                                command: list[str]) -> None:
    """A plugin that fails to import (loaded on first need) is one warning line on stderr,
    not a Python warning with its source line; the command still works."""
    from importlib import metadata

    point = metadata.EntryPoint(name="shaky", value="no_such_plugin_module:Theme",
                                group="blogparse.themes")

    fresh = builtin_registry()
    fresh.defer_entry_points(skip_broken=True)
    monkeypatch.setattr("blogparse._cli.default_registry", lambda: fresh)
    monkeypatch.setattr("blogparse._pipeline.default_registry", lambda: fresh)
    monkeypatch.setattr("importlib.metadata.entry_points",
                        lambda group: [point] if group == "blogparse.themes" else [])
    status, out, err = run(capsys, *command)

    assert status == 0
    assert out
    assert err.splitlines() == ["blogparse: warning: theme plugin 'shaky' failed to load: "
                                "No module named 'no_such_plugin_module'; it is left out"]


def test_themes_text_marks_a_broken_plugin(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The text listing shows a broken plugin as BROKEN with its one-line error."""
    monkeypatch.setattr("blogparse._cli.default_registry", _registry_with_plugins)
    _, out, _ = run(capsys, "themes")

    assert out.splitlines()[-1].split() == ["shaky", "BROKEN:", "theme", "plugin", "'shaky'",
                                            "failed", "to", "load:", "No", "module", "named",
                                            "'shaky'"]


# -- detect ---------------------------------------------------------------------------------


def test_detect_an_html_page(capsys: pytest.CaptureFixture[str]) -> None:
    """detect names format, encoding and theme with reasons, and scores every theme."""
    status, out, err = run(capsys, "detect", "--format", "json", SINGLE)

    record = json.loads(out)
    assert (status, err) == (0, "")
    assert record["input"] == str(SINGLE)
    assert record["format"] == "html"
    assert record["format_reason"].startswith("sniffed from the content")
    assert record["encoding"] == parse_file(SINGLE).encoding
    assert record["theme"] == parse_file(SINGLE).theme == "wordpress-classic"
    assert record["kind"] == "single"
    assert set(record["scores"]) == set(blogparse.default_registry().names())
    assert record["scores"]["wordpress-classic"] == max(record["scores"].values()) > 0
    assert record["theme_reason"].startswith("the highest score")
    assert record["evidence"]["wordpress"] is True
    assert record["captured"] is None


def test_detect_a_copy_saved_from_the_wayback_machine(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A replayed copy is detected as its original page would be, with its capture time."""
    replay = TESTS / "pages" / "wayback" / "replay_single.html"
    _, out, _ = run(capsys, "detect", "--format", "json", replay)
    record = json.loads(out)
    assert record["captured"] == "2014-06-11T17:34:02+00:00"
    assert record["evidence"]["wordpress_themes"] == ["twentytwelve"]
    assert record["theme"] == parse_file(replay).theme == "wordpress-classic"
    _, text, _ = run(capsys, "detect", replay)
    assert "  replay:   saved from the Wayback Machine, captured 2014-06-11T17:34:02+00:00\n" \
        in text


def test_detect_an_explicit_theme(capsys: pytest.CaptureFixture[str]) -> None:
    """With --theme, detect reports that theme as given and still shows the scores."""
    _, out, _ = run(capsys, "detect", "--format", "json", "--theme", "generic", SINGLE)

    record = json.loads(out)
    assert record["theme"] == "generic"
    assert record["theme_reason"].startswith("given with --theme")
    assert record["scores"]["wordpress-classic"] > 0


def test_detect_an_export_and_a_text_dump(capsys: pytest.CaptureFixture[str]) -> None:
    """An export is wxr and a dump is text; neither has a theme, and each says why."""
    status, out, _ = run(capsys, "detect", "--format", "jsonl", EXPORT, DUMP)

    export, dump = jsonl(out)
    assert status == 0
    assert (export["format"], export["theme"], export["encoding"]) == ("wxr", None, "utf-8")
    assert "export" in export["theme_reason"]
    assert (dump["format"], dump["theme"]) == ("text", None)
    assert dump["format_reason"] == "the file name ends in .txt"


def test_detect_input_format_and_encoding_options(capsys: pytest.CaptureFixture[str]) -> None:
    """--input-format and --encoding are reported as the reasons they are."""
    _, out, _ = run(capsys, "detect", "--format", "json", "--input-format", "text",
                    "--encoding", "windows-1252", SINGLE)

    record = json.loads(out)
    assert (record["format"], record["format_reason"]) == ("text", "given with --input-format")
    assert (record["encoding"], record["encoding_reason"]) == ("windows-1252",
                                                               "given with --encoding")


def test_detect_standard_input(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``detect -`` reads the page from standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARCHIVE.read_bytes())))
    _, out, _ = run(capsys, "detect", "--format", "json", "-")

    record = json.loads(out)
    assert (record["input"], record["kind"]) == ("<stdin>", "archive")


def test_detect_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    """The default text output has one labelled line per finding."""
    status, out, _ = run(capsys, "detect", SINGLE)

    lines = out.splitlines()
    assert status == 0
    assert lines[0] == str(SINGLE)
    assert [ln.split(":")[0].strip() for ln in lines[1:6]] == [
        "format", "encoding", "theme", "kind", "scores"]
    assert lines[3].startswith("  theme:    wordpress-classic (")


def test_detect_a_missing_file_fails_alone(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    """A path naming nothing costs one stderr line and exit 1; the others are reported."""
    gone = tmp_path / "gone.html"
    status, out, err = run(capsys, "detect", "--format", "jsonl", gone, SINGLE)

    records = jsonl(out)
    assert status == 1
    assert records[0] == {"input": str(gone), "error": {
        "type": "InputError", "message": "no such file or folder"}}
    assert records[1]["theme"] == "wordpress-classic"
    assert err.splitlines() == [f"blogparse: {gone}: no such file or folder"]


# -- failures and tracebacks -----------------------------------------------------------------


def test_no_traceback_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad input gives one line on stderr and no traceback."""
    status, _, err = run(capsys, BROKEN)

    assert status == 1
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_traceback_option_shows_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """--traceback adds the failure's traceback before its one-line message."""
    status, _, err = run(capsys, "parse", "--traceback", BROKEN)

    assert status == 1
    assert err.startswith("Traceback (most recent call last):")
    assert "HostileInputError" in err
    assert err.splitlines()[-1].startswith(f"blogparse: {BROKEN}: ")


def test_traceback_from_the_environment(capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """BLOGPARSE_TRACEBACK=1 asks for tracebacks as --traceback does; 0 does not."""
    monkeypatch.setenv("BLOGPARSE_TRACEBACK", "1")
    _, _, shown = run(capsys, BROKEN)
    monkeypatch.setenv("BLOGPARSE_TRACEBACK", "0")
    _, _, hidden = run(capsys, BROKEN)

    assert "Traceback (most recent call last):" in shown
    assert "Traceback" not in hidden


def test_traceback_crosses_worker_processes(capsys: pytest.CaptureFixture[str]) -> None:
    """A failure in a worker process still shows its traceback when asked."""
    status, _, err = run(capsys, "parse", "--traceback", "--jobs", "2", BATCH)

    assert status == 1
    assert err.count("Traceback (most recent call last):") == 1
    assert "_wxr.py" in err


def test_an_internal_error_is_one_line(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the command itself is one line and exit 1; --traceback shows where."""

    def broken(inputs: object) -> None:
        raise RuntimeError("the walk\nwent wrong")

    monkeypatch.setattr("blogparse._cli._expand", broken)
    status, out, err = run(capsys, SINGLE)
    _, _, traced = run(capsys, "parse", "--traceback", SINGLE)

    assert (status, out) == (1, "")
    assert err.splitlines() == ["blogparse: internal error: RuntimeError: the walk went wrong "
                                "(--traceback shows where)"]
    assert "Traceback (most recent call last):" in traced
    assert "in broken" in traced


def test_python_m_blogparse_shorthand_and_no_progress_when_piped(tmp_path: Path) -> None:
    """``python -m blogparse`` in a real process with stderr piped: no progress bar, no
    traceback, exactly one line per failure."""
    for n in range(30):
        shutil.copy(SINGLE, tmp_path / f"page-{n:02d}.html")
    shutil.copy(BROKEN, tmp_path / "zz-broken.xml")
    env = {**os.environ, "BLOGPARSE_TRACEBACK": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "blogparse", str(tmp_path), "-j", "2"],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False, env=env,
    )

    assert proc.returncode == 1
    assert len(jsonl(proc.stdout)) == 31
    assert proc.stderr.splitlines() == [
        f"blogparse: {tmp_path / 'zz-broken.xml'}: "
        + jsonl(proc.stdout)[-1]["error"]["message"]]


# -- batches ----------------------------------------------------------------------------------


def _varied_folder(folder: Path, count: int) -> None:
    """``count`` pages, each a fixture with its own title, in nested folders."""
    sources = [SINGLE, ARCHIVE, WORKBENCH, TESTS / "pages" / "threaded_comments.html",
               TESTS / "pages" / "wpcom_single.html", EXPORT]
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8").replace("<title>", f"<title>No. {n} ", 1)
        target = folder / f"part-{n % 3}" / f"page-{n:03d}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    shutil.copy(BROKEN, folder / "part-1" / "broken.xml")


def test_two_workers_write_what_one_process_writes(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    """-j 2 over a batch big enough for chunks gives byte-for-byte the -j 1 output."""
    _varied_folder(tmp_path, 70)
    serial = run(capsys, "parse", "--jobs", "1", tmp_path)
    parallel = run(capsys, "parse", "--jobs", "2", tmp_path)

    assert serial == parallel
    assert serial[0] == 1
    records = jsonl(serial[1])
    assert len(records) == 71
    assert sum("error" in r for r in records) == 1
    assert [r["input"] for r in records] == sorted(r["input"] for r in records)


# -- web archives -----------------------------------------------------------------------------

_HAS_WARC = importlib.util.find_spec("blogparse._warc") is not None


@pytest.mark.skipif(_HAS_WARC, reason="the WARC reader is present")
def test_a_web_archive_without_its_reader_fails_alone(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    """Without a WARC reader, a ``.warc`` input costs one line; the batch goes on."""
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")
    status, out, err = run(capsys, "parse", "--jobs", "1", archive, SINGLE)

    records = jsonl(out)
    assert status == 1
    assert records[0]["input"] == str(archive)
    assert records[0]["error"]["type"] == "InputError"
    assert records[1]["result"]["posts"][0]["title"] == "Truing a Buckled Rear Wheel"
    assert len(err.splitlines()) == 1


class _FakeWarcResult:
    """Stands for the WARC reader's result model: what the command relies on."""

    def __init__(self, record_id: str, url: str, result: PageResult) -> None:
        self.record_id = record_id
        self.url = url
        self.date = None
        self.result = result

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data, the page result nested."""
        return {"record_id": self.record_id, "url": self.url, "date": None,
                "result": self.result.to_dict()}


def _fake_warc_module(calls: list[dict[str, Any]], fail_after: int | None) -> Any:
    import types

    def iter_warc(source: Any, *, options: Any = None, theme: Any = None,
                  registry: Any = None, errors: Any = None) -> Any:
        calls.append({"source": source, "options": options, "theme": theme,
                      "errors": errors})
        for n, page in enumerate((SINGLE, ARCHIVE)):
            if fail_after is not None and n == fail_after:
                raise InputError("the archive stops in the middle of a record")
            yield _FakeWarcResult(f"<urn:uuid:{n}>", f"https://x.example/{n}",
                                  parse_file(page, theme=theme))

    module = types.ModuleType("blogparse._warc")
    module.iter_warc = iter_warc  # type: ignore[attr-defined]
    return module


def test_a_web_archive_gives_one_record_per_response(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """Each HTML record of a web archive is one JSON Lines record: the input, then the
    reader's own record; --theme and --strict reach the reader."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setitem(sys.modules, "blogparse._warc", _fake_warc_module(calls, None))
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(b"\x1f\x8b")
    status, out, err = run(capsys, "parse", "-j", "1", "--theme", "generic", archive)

    records = jsonl(out)
    assert (status, err) == (0, "")
    assert [(r["input"], r["record_id"], r["url"]) for r in records] == [
        (str(archive), "<urn:uuid:0>", "https://x.example/0"),
        (str(archive), "<urn:uuid:1>", "https://x.example/1")]
    assert PageResult.from_dict(records[1]["result"]) == parse_file(ARCHIVE, theme="generic")
    assert calls == [{"source": str(archive), "options": blogparse.LENIENT, "theme": "generic",
                      "errors": "record"}]


def test_a_web_archive_that_breaks_keeps_what_it_gave(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Records read before a web archive breaks are written; the break is one failure.
    A WARC version line on standard input marks an archive too."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setitem(sys.modules, "blogparse._warc", _fake_warc_module(calls, 1))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"WARC/1.0\r\n")))
    status, out, err = run(capsys, "parse", "--strict", "-")

    records = jsonl(out)
    assert status == 1
    assert [sorted(r) for r in records] == [["date", "input", "record_id", "result", "url"],
                                            ["error", "input"]]
    assert records[1]["error"]["message"] == "the archive stops in the middle of a record"
    assert err == "blogparse: <stdin>: the archive stops in the middle of a record\n"
    assert (calls[0]["options"], calls[0]["errors"]) == (blogparse.STRICT, "record")


def _write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """A gzipped WARC file of HTTP responses: (url, body, content type) each."""
    warcwriter = pytest.importorskip("warcio.warcwriter")
    statusandheaders = pytest.importorskip("warcio.statusandheaders")
    with path.open("wb") as f:
        writer = warcwriter.WARCWriter(f, gzip=True)
        for url, body, content_type in pages:
            http = statusandheaders.StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http))


@pytest.mark.skipif(not _HAS_WARC, reason="the WARC reader is not present")
def test_a_real_web_archive_in_a_batch(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    """A WARC file in a folder gives one record per HTML response (not per image), in
    worker processes as in one."""
    _write_warc(tmp_path / "crawl.warc.gz", [
        ("https://spokeshed.example/a/", SINGLE.read_bytes(), "text/html; charset=utf-8"),
        ("https://spokeshed.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ("https://spokeshed.example/b/", ARCHIVE.read_bytes(), "text/html"),
    ])
    shutil.copy(WORKBENCH, tmp_path / "workbench.htm")
    serial = run(capsys, "parse", "-j", "1", tmp_path)
    parallel = run(capsys, "parse", "-j", "2", tmp_path)

    records = jsonl(serial[1])
    assert serial == parallel
    assert serial[0] == 0
    assert [(r["input"], r.get("url")) for r in records] == [
        (str(tmp_path / "crawl.warc.gz"), "https://spokeshed.example/a/"),
        (str(tmp_path / "crawl.warc.gz"), "https://spokeshed.example/b/"),
        (str(tmp_path / "workbench.htm"), None)]
    assert records[0]["result"]["posts"][0]["title"] == "Truing a Buckled Rear Wheel"
    assert records[1]["result"]["kind"] == "archive"


def test_a_web_archive_record_the_reader_could_not_parse_is_a_failure(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """A record the reader gives back empty, with the defect saying why it could not be
    parsed, is reported as that record's failure; an empty page without one is a result."""
    import types

    from blogparse import Defect, DefectKind

    too_big = PageResult(kind="empty", format="html", defects=(Defect(
        kind=DefectKind.LIMIT_REACHED, message="the page is over the size limit"),))
    blank = PageResult(kind="empty", format="html")

    def iter_warc(source: Any, **kwargs: Any) -> Any:
        yield _FakeWarcResult("<urn:uuid:big>", "https://x.example/big", too_big)
        yield _FakeWarcResult("<urn:uuid:blank>", "https://x.example/blank", blank)

    module = types.ModuleType("blogparse._warc")
    module.iter_warc = iter_warc  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "blogparse._warc", module)
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(b"WARC/1.0\r\n")
    status, out, err = run(capsys, "parse", "--format", "json", archive)

    records = json.loads(out)
    assert status == 1
    assert records[0] == {"input": str(archive), "record_id": "<urn:uuid:big>",
                          "url": "https://x.example/big", "date": None,
                          "error": {"type": "InputError",
                                    "message": "the page is over the size limit"}}
    assert records[1]["result"]["kind"] == "empty"
    assert err == f"blogparse: {archive} (https://x.example/big): the page is over the size limit\n"


@pytest.mark.skipif(not _HAS_WARC, reason="the WARC reader is not present")
def test_a_failed_web_archive_record_is_reported_and_the_archive_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    """With --strict, a record whose page has defects fails alone: one stderr line naming
    it, an error record carrying its id and url; the records after it are still read."""
    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive, [
        ("https://spokeshed.example/bench/", WORKBENCH.read_bytes(), "text/html"),
        ("https://spokeshed.example/a/", SINGLE.read_bytes(), "text/html"),
    ])
    status, out, err = run(capsys, "parse", "--strict", archive)

    bad, good = jsonl(out)
    assert status == 1
    assert sorted(bad) == ["date", "error", "input", "record_id", "url"]
    assert bad["url"] == "https://spokeshed.example/bench/"
    assert bad["record_id"].startswith("<urn:uuid:")
    assert bad["error"]["type"] == "StrictModeError"
    assert "naive-date" in bad["error"]["message"]
    assert good["result"]["posts"][0]["title"] == "Truing a Buckled Rear Wheel"
    assert err.splitlines() == [
        f"blogparse: {archive} (https://spokeshed.example/bench/): {bad['error']['message']}"]


def test_a_web_archive_is_found_in_a_folder_and_by_its_first_bytes(tmp_path: Path) -> None:
    """Folders are searched for ``.warc.gz`` files; a WARC version line marks one too."""
    from blogparse._cli import _expand, _is_warc

    (tmp_path / "a.warc.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "b.bin").write_bytes(b"WARC/1.1\r\n")

    assert [t.name for t in _expand([str(tmp_path)])] == [str(tmp_path / "a.warc.gz")]
    assert _is_warc(b"WARC/1.1\r\n", str(tmp_path / "b.bin"))
    assert _is_warc(b"\x1f\x8b", str(tmp_path / "a.warc.gz"))
    assert not _is_warc(b"<!DOCTYPE html>", str(tmp_path / "c.html"))


# -- iter_parsed ------------------------------------------------------------------------------


def test_iter_parsed_expands_and_parses_like_parse() -> None:
    """iter_parsed yields (name, PageResult) per page, and an exception per bad input."""
    got = list(iter_parsed([str(BATCH), str(BATCH / "nothing-*.html")]))

    assert [name for name, _ in got] == [str(ARCHIVE), str(BROKEN), str(WORKBENCH),
                                         str(BATCH / "nothing-*.html")]
    assert got[0][1] == parse_file(ARCHIVE)
    assert isinstance(got[1][1], blogparse.HostileInputError)
    assert isinstance(got[2][1], PageResult)
    assert isinstance(got[3][1], InputError)
    assert str(got[3][1]) == "no file matches the pattern"


def test_iter_parsed_options() -> None:
    """theme, strict, url and input_format mean what the command's options mean."""
    (_, forced), = iter_parsed([str(SINGLE)], theme="generic")
    (_, strict), = iter_parsed([str(WORKBENCH)], strict=True)
    (_, export), = iter_parsed([str(EXPORT)], input_format="wxr")
    (_, placed), = iter_parsed([str(ARCHIVE)], url="https://spokeshed.example/category/x/")

    assert isinstance(forced, PageResult)
    assert forced.theme == "generic"
    assert isinstance(strict, StrictModeError)
    assert isinstance(export, PageResult)
    assert export.format == "wxr"
    assert isinstance(placed, PageResult)
    assert placed.url == "https://spokeshed.example/category/x/"


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_stops_a_batch_with_one_line(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the process group) ends a parallel batch with exit 130 and one
    line: no worker prints a KeyboardInterrupt traceback."""
    import signal

    for n in range(600):
        shutil.copy(SINGLE, tmp_path / f"page-{n:03d}.html")
    proc = subprocess.Popen(
        [sys.executable, "-m", "blogparse", "parse", str(tmp_path), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the batch is under way
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)

    assert proc.returncode == 130
    assert err.decode() == "blogparse: interrupted\n"


# -- convert ------------------------------------------------------------------------------------


def test_convert_takes_inputs_as_parse_does(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    """convert expands folders and globs like parse; a bad input costs one line, exit 1."""
    site = tmp_path / "site"
    status, out, err = run(capsys, "convert", BATCH, str(PAGES / "single.*"), "-o", site)

    written = sorted(p.name for p in (site / "content" / "posts").iterdir())
    assert status == 1
    assert "a-new-workbench.md" in written
    assert "truing-a-buckled-rear-wheel.md" in written
    assert [ln for ln in err.splitlines() if not ln.startswith("blogparse: warning:")] == [
        f"blogparse: {BROKEN}: " + str(next(r for n, r in iter_parsed([str(BROKEN)])))]
    assert "4 inputs" in out


def test_convert_binds_strict_and_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """--strict reaches the parse (a page with defects fails); ``-`` reads stdin."""
    status, _, err = run(capsys, "convert", "--strict", WORKBENCH, "-o", tmp_path / "a")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SINGLE.read_bytes())))
    piped, _, _ = run(capsys, "convert", "-", "-o", tmp_path / "b", "--to", "jekyll")

    assert status == 1
    assert err.startswith(f"blogparse: {WORKBENCH}: ")
    assert "strict mode: naive-date: " in err
    assert piped == 0
    assert [p.name for p in (tmp_path / "b" / "_posts").iterdir()] == [
        "2022-09-04-truing-a-buckled-rear-wheel.md"]


@pytest.mark.parametrize("command", [["parse", "-j", "1"], ["detect", "--format", "jsonl"]])
def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path,
                                                          command: list[str]) -> None:
    """``blogparse ... | head -1``: when the reader closes the pipe, nothing is printed."""
    for n in range(80):
        shutil.copy(SINGLE, tmp_path / f"page-{n:02d}.html")
    proc = subprocess.Popen([sys.executable, "-m", "blogparse", *command, str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"{")
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)

    assert err == b""
    assert proc.returncode == 1


def test_detect_json_for_a_folder_is_an_array(capsys: pytest.CaptureFixture[str]) -> None:
    """detect --format json gives an array for a folder, even one holding a single page."""
    status, out, _ = run(capsys, "detect", "--format", "json", BATCH / "notes")

    records = json.loads(out)
    assert status == 0
    assert [r["input"] for r in records] == [str(WORKBENCH)]
    assert records[0]["format"] == "html"


@pytest.mark.skipif(not _HAS_WARC, reason="the WARC reader is not present")
def test_iter_parsed_reads_each_web_archive_record(tmp_path: Path) -> None:
    """iter_parsed yields each HTML record's PageResult, and in strict mode the exception
    of a record with defects, then goes on with the archive."""
    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive, [
        ("https://spokeshed.example/bench/", WORKBENCH.read_bytes(), "text/html"),
        ("https://spokeshed.example/a/", SINGLE.read_bytes(), "text/html"),
    ])
    lenient = list(iter_parsed([str(archive)]))
    strict = list(iter_parsed([str(archive)], strict=True))

    assert [name for name, _ in lenient] == [str(archive)] * 2
    assert [type(r).__name__ for _, r in lenient] == ["PageResult", "PageResult"]
    assert isinstance(strict[0][1], StrictModeError)
    assert [d.kind.value for d in strict[0][1].defects] == ["naive-date"]
    assert strict[1][1] == lenient[1][1]


def test_detect_names_the_theme_parse_uses_on_the_corpus(
    capsys: pytest.CaptureFixture[str], shared_dir: Path,
) -> None:
    """On every page of the shared corpus, detect names the theme that parse then uses."""
    pages = shared_dir / "corpus" / "html"
    _, detected, _ = run(capsys, "detect", "--format", "jsonl", pages)
    _, parsed, _ = run(capsys, "parse", "-j", "2", pages)

    themes = {r["input"]: r["result"]["theme"] for r in jsonl(parsed) if "result" in r}
    claims = {r["input"]: r["theme"] for r in jsonl(detected) if "theme" in r}
    assert len(claims) > 10
    assert claims == {name: themes[name] for name in claims}
