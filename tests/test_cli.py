"""The ``blogparse`` command: inputs, output layouts, exit statuses, batches and strict mode."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import blogparse
from blogparse import PageResult, parse_file
from blogparse._cli import main

PAGES = Path(__file__).resolve().parent / "pages" / "cli"
SINGLE = PAGES / "single.html"
EXPORT = PAGES / "export.xml"
BATCH = PAGES / "batch"
ARCHIVE = BATCH / "archive.html"
BROKEN = BATCH / "broken-export.xml"
WORKBENCH = BATCH / "notes" / "workbench.htm"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the command in-process; return its exit status, stdout and stderr."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def jsonl(text: str) -> list[dict[str, Any]]:
    """The records of a JSON Lines output."""
    return [json.loads(line) for line in text.splitlines()]


def test_one_file_prints_its_result_as_pretty_json(capsys: pytest.CaptureFixture[str]) -> None:
    """One file gives exit 0 and the indented JSON of its PageResult, nothing on stderr."""
    status, out, err = run(capsys, SINGLE)

    assert (status, err) == (0, "")
    assert out.startswith("{\n  ")
    assert PageResult.from_dict(json.loads(out)) == parse_file(SINGLE)


def test_one_file_fields_reach_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON carries what a reader sees on the page."""
    _, out, _ = run(capsys, SINGLE)
    post = json.loads(out)["posts"][0]

    assert post["title"] == "Truing a Buckled Rear Wheel"
    assert post["published"] == "2022-09-04T08:15:44+01:00"
    assert [c["name"] for c in post["categories"]] == ["Wheels", "Workshop"]
    assert [t["name"] for t in post["tags"]] == ["spokes", "truing stand"]
    assert [c["id"] for c in post["comments"]] == [2051, 2052]
    assert post["pingbacks"][0]["blog_name"] == "Cargo Notes"
    assert post["captions"][0]["credit"] == "Ines Varga"
    assert post["response_count"] == 3


def test_several_inputs_give_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    """Several inputs give one compact {"input", "result"} line each, in argument order."""
    status, out, err = run(capsys, "parse", "--jobs", "1", WORKBENCH, ARCHIVE)

    records = jsonl(out)
    assert (status, err) == (0, "")
    assert [r["input"] for r in records] == [str(WORKBENCH), str(ARCHIVE)]
    assert PageResult.from_dict(records[1]["result"]) == parse_file(ARCHIVE)
    assert len(out.splitlines()) == 2


def test_format_json_gives_a_json_array_for_several_inputs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--format json makes several inputs one JSON array of records."""
    status, out, _ = run(capsys, "parse", "--format", "json", "--jobs", "1", ARCHIVE, WORKBENCH)

    records = json.loads(out)
    assert status == 0
    assert [r["input"] for r in records] == [str(ARCHIVE), str(WORKBENCH)]
    assert [r["result"]["kind"] for r in records] == ["archive", "single"]


def test_standard_input(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """``-`` reads the page from standard input; --url and --encoding apply to it."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARCHIVE.read_bytes())))
    status, out, err = run(capsys, "-", "--url", "https://spokeshed.example/category/wheels/",
                           "--encoding", "utf-8")

    result = PageResult.from_dict(json.loads(out))
    assert (status, err) == (0, "")
    assert result.kind == "archive"
    assert result.url == "https://spokeshed.example/category/wheels/"
    assert len(result.posts) == 2


def test_standard_input_in_a_batch_is_named_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Standard input among files is one more record, named ``<stdin>``."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SINGLE.read_bytes())))
    status, out, _ = run(capsys, "--jobs", "1", ARCHIVE, "-")

    assert status == 0
    assert [r["input"] for r in jsonl(out)] == [str(ARCHIVE), "<stdin>"]


def test_folder_with_a_broken_file_reports_it_and_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A folder is searched recursively; its one bad file costs one stderr line and exit 1."""
    status, out, err = run(capsys, "--jobs", "2", BATCH)

    records = jsonl(out)
    assert status == 1
    # style.css is not a page suffix and is skipped.
    assert [r["input"] for r in records] == [str(ARCHIVE), str(BROKEN), str(WORKBENCH)]
    assert [sorted(r) for r in records] == [["input", "result"], ["error", "input"],
                                            ["input", "result"]]
    assert records[1]["error"]["type"] == "HostileInputError"
    assert err.splitlines() == [f"blogparse: {BROKEN}: {records[1]['error']['message']}"]


def test_missing_input_fails_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A path that does not exist and a glob matching nothing each fail alone, exit 1."""
    gone = tmp_path / "gone.html"
    pattern = str(tmp_path / "*.mhtml")
    status, out, err = run(capsys, "--jobs", "1", gone, SINGLE, pattern)

    assert status == 1
    assert [r["input"] for r in jsonl(out)] == [str(gone), str(SINGLE), pattern]
    assert err.splitlines() == [f"blogparse: {gone}: no such file or folder",
                                f"blogparse: {pattern}: no file matches the pattern"]


def test_one_missing_file_prints_nothing_on_stdout(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    """A single path that does not exist gives exit 1, one line, and no JSON."""
    status, out, err = run(capsys, tmp_path / "gone.html")

    assert (status, out) == (1, "")
    assert err == f"blogparse: {tmp_path / 'gone.html'}: no such file or folder\n"


def test_one_folder_gives_json_lines_even_for_one_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A folder stands for any number of pages: records, even when it holds one."""
    status, out, _ = run(capsys, BATCH / "notes")

    assert status == 0
    assert [r["input"] for r in jsonl(out)] == [str(WORKBENCH)]


def test_one_bad_file_prints_nothing_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """A single bad input gives exit 1, its message, and no JSON."""
    status, out, err = run(capsys, BROKEN)

    assert (status, out) == (1, "")
    assert err.startswith(f"blogparse: {BROKEN}: ")
    assert len(err.splitlines()) == 1


def test_glob_patterns_are_expanded(capsys: pytest.CaptureFixture[str]) -> None:
    """A glob pattern (for shells that do not expand them) names every match, sorted."""
    status, out, _ = run(capsys, "--jobs", "1", str(BATCH / "**" / "*.htm*"))

    assert status == 0
    assert [r["input"] for r in jsonl(out)] == [str(ARCHIVE), str(WORKBENCH)]


def test_strict_fails_a_page_with_defects(capsys: pytest.CaptureFixture[str]) -> None:
    """--strict turns a page's defects into a failure naming each defect kind."""
    status, out, err = run(capsys, "--strict", WORKBENCH)

    assert (status, out) == (1, "")
    assert "StrictModeError" not in err
    assert "naive-date" in err
    assert len(err.splitlines()) == 1


def test_strict_passes_a_clean_page(capsys: pytest.CaptureFixture[str]) -> None:
    """--strict leaves a page without defects alone."""
    status, out, _ = run(capsys, "--strict", SINGLE)

    assert status == 0
    assert json.loads(out)["defects"] == []


def test_lenient_keeps_defects_on_the_result(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --strict the same page parses, its defects recorded in the JSON."""
    status, out, _ = run(capsys, WORKBENCH)

    assert status == 0
    assert [d["kind"] for d in json.loads(out)["defects"]] == ["naive-date"]


def test_wxr_export_in_a_batch_is_one_result(capsys: pytest.CaptureFixture[str]) -> None:
    """A WordPress export in a batch gives one record holding every post of the export."""
    status, out, _ = run(capsys, "--jobs", "1", EXPORT, SINGLE)

    export = jsonl(out)[0]["result"]
    assert status == 0
    assert (export["format"], export["kind"]) == ("wxr", "archive")
    assert [p["title"] for p in export["posts"]] == [
        "Truing a Buckled Rear Wheel", "Replacing a Broken Spoke on the Road"]


def _latin1_export() -> bytes:
    text = EXPORT.read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    return text.replace("Truing a Buckled", "Truing a Bückled").encode("latin-1")


def test_export_in_a_declared_single_byte_encoding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """An export declaring ISO-8859-1 reads right from a file and from standard input."""
    path = tmp_path / "latin1.xml"
    path.write_bytes(_latin1_export())
    _, from_file, _ = run(capsys, path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_latin1_export())))
    _, from_stdin, _ = run(capsys, "-")

    for out in (from_file, from_stdin):
        assert json.loads(out)["posts"][0]["title"] == "Truing a Bückled Rear Wheel"


def test_theme_option_skips_detection(capsys: pytest.CaptureFixture[str]) -> None:
    """--theme parses with the named theme instead of the detected one."""
    _, detected, _ = run(capsys, SINGLE)
    status, forced, _ = run(capsys, "--theme", "generic", SINGLE)

    assert status == 0
    assert json.loads(detected)["theme"] == "wordpress-classic"
    assert json.loads(forced)["theme"] == "generic"


def test_format_jsonl_for_one_input(capsys: pytest.CaptureFixture[str]) -> None:
    """--format jsonl writes even a single input as one {"input", "result"} line."""
    status, out, _ = run(capsys, "parse", "--format", "jsonl", SINGLE)

    (record,) = jsonl(out)
    assert status == 0
    assert record["input"] == str(SINGLE)
    assert PageResult.from_dict(record["result"]) == parse_file(SINGLE)


def test_older_jsonl_flag_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    """--jsonl, the older spelling, is --format jsonl."""
    _, old, _ = run(capsys, "--jsonl", SINGLE)
    _, new, _ = run(capsys, "--format", "jsonl", SINGLE)

    assert old == new
    assert len(old.splitlines()) == 1


def test_format_naming_an_input_format_points_to_input_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--format wxr (its old meaning) is a usage error that names --input-format."""
    status, out, err = run(capsys, "parse", "--format", "wxr", EXPORT)

    assert (status, out) == (2, "")
    assert "use --input-format wxr" in err


def test_input_format_overrides_sniffing(capsys: pytest.CaptureFixture[str]) -> None:
    """--input-format wxr reads a file as an export whatever its name."""
    status, out, _ = run(capsys, "parse", "--input-format", "wxr", EXPORT)

    assert status == 0
    assert json.loads(out)["format"] == "wxr"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "required: COMMAND"),
        (("parse",), "give at least one INPUT"),
        (("detect",), "give at least one INPUT"),
        (("--theme", "no-such-theme", str(SINGLE)), "no theme named 'no-such-theme'"),
        (("--jobs", "0", str(SINGLE)), "must be 1 or more"),
        (("--format", "pdf", str(SINGLE)), "invalid choice"),
        (("--input-format", "pdf", str(SINGLE)), "invalid choice"),
        (("detect", "--theme", "no-such-theme", str(SINGLE)), "no theme named"),
        (("--encoding", "klingon-8", str(SINGLE)), "unknown encoding 'klingon-8'"),
        (("--url", "https://x.example/", str(BATCH)), "--url is one page's address"),
        (("-", "-"), "standard input (-) can be read only once"),
        (("--bogus",), "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                             message: str) -> None:
    """A bad command line parses nothing and exits 2 with a message."""
    status, out, err = run(capsys, *argv)

    assert (status, out) == (2, "")
    assert message in err


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o writes the JSON to a file as UTF-8 and nothing to stdout."""
    target = tmp_path / "out.json"
    status, out, _ = run(capsys, "-o", target, "--jobs", "1", BATCH / "notes", ARCHIVE)

    assert (status, out) == (0, "")
    records = jsonl(target.read_text(encoding="utf-8"))
    assert [r["input"] for r in records] == [str(WORKBENCH), str(ARCHIVE)]


def test_unwritable_output_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    """An output file that cannot be created exits 2 before parsing anything."""
    status, _, err = run(capsys, "-o", tmp_path / "no" / "such" / "dir.json", SINGLE)

    assert status == 2
    assert "cannot write" in err


def test_all_cores_give_the_same_output_as_one(capsys: pytest.CaptureFixture[str]) -> None:
    """A batch spread over worker processes writes exactly what one process writes."""
    _, serial, _ = run(capsys, "--jobs", "1", PAGES)
    status, parallel, _ = run(capsys, "--jobs", "3", PAGES)

    assert status == 1  # the broken export is in there
    assert serial == parallel


def test_progress_bar_on_a_terminal(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, a batch draws a progress bar on stderr and clears it at the end."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr("blogparse._cli._Progress._DELAY", 0.0)
    status = main(["--jobs", "1", str(ARCHIVE), str(WORKBENCH), str(SINGLE)])

    drawn = terminal.getvalue()
    assert status == 0
    assert "\r[" in drawn
    assert " 3/3 100% " in drawn
    assert drawn.endswith("\r")
    assert drawn.rsplit("\r", 2)[1].strip() == ""  # the last thing written blanks the line


def test_no_progress_bar_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """When stderr is not a terminal, nothing but error lines is written to it."""
    _, _, err = run(capsys, "--jobs", "1", ARCHIVE, WORKBENCH, SINGLE)

    assert err == ""


def test_older_list_themes_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """--list-themes, the older spelling of ``themes``, keeps its layout: name, description."""
    status, old, _ = run(capsys, "--list-themes")

    registry = blogparse.default_registry()
    width = max(map(len, registry.names()))
    assert status == 0
    assert [line.split()[0] for line in old.splitlines()] == list(registry.names())
    assert [line[width + 2:] for line in old.splitlines()] == [
        registry.get(n).description for n in registry.names()]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version and exits 0."""
    status, out, _ = run(capsys, "--version")

    assert status == 0
    assert out.startswith(f"blogparse {blogparse.__version__} ")


def test_python_m_blogparse_subprocess() -> None:
    """``python -m blogparse`` runs the same command in a real process: exit 1, one message."""
    proc = subprocess.run(
        [sys.executable, "-m", "blogparse", "parse", str(BATCH)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )

    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 3
    assert len(proc.stderr.splitlines()) == 1
    assert "Traceback" not in proc.stderr
    assert "broken-export.xml" in proc.stderr
