"""The command on exports: ``parse`` and ``convert`` go post by post, as the whole result.

The command renders an export into a temporary file one post at a time and copies it out,
so no export is held in memory; these tests pin that the text is exactly what rendering
:func:`~blogparse.parse_wxr`'s whole result gives, in every layout, for whole, truncated
and broken exports, and that nothing is left behind.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest

from blogparse import parse_wxr
from blogparse._cli import _render, _Writer, main
from blogparse._errors import BlogparseError

HERE = Path(__file__).resolve().parent
EXPORTS = [
    *sorted((HERE / "wxr").glob("*.xml")),
    HERE / "pages" / "cli" / "export.xml",
    HERE / "pages" / "cli" / "batch" / "broken-export.xml",
]


def _expected(paths: list[Path], layout: str) -> str:
    """What the command writes for ``paths`` when each export is rendered whole."""
    out = io.StringIO()
    writer = _Writer(out, layout, flush_each=False)
    for path in paths:
        try:
            result = parse_wxr(str(path))
        except BlogparseError:
            continue  # the command reports these on stderr; not the point here
        writer.write(_render(str(path), result, layout))
    writer.close()
    return out.getvalue()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    out, _ = capsys.readouterr()
    return status, out


def _readable(paths: list[Path]) -> list[Path]:
    ok = []
    for path in paths:
        try:
            parse_wxr(str(path))
        except BlogparseError:
            continue
        ok.append(path)
    return ok


@pytest.mark.parametrize("export", EXPORTS, ids=lambda p: p.name)
def test_one_export_is_the_whole_results_json(
        export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One export: the same indented JSON as its whole result, character for character."""
    status, out = _run(capsys, "parse", "--no-progress", str(export))
    readable = bool(_readable([export]))
    assert status == (0 if readable else 1)
    assert out == _expected([export], "single")
    if readable:
        assert json.loads(out)["format"] == "wxr"


@pytest.mark.parametrize("export", EXPORTS, ids=lambda p: p.name)
def test_one_export_as_json_lines(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--format jsonl``: one compact line, as the whole result renders it."""
    status, out = _run(capsys, "parse", "--no-progress", "--format", "jsonl", str(export))
    assert status == (0 if _readable([export]) else 1)
    expected = _expected([export], "jsonl")
    if not expected:  # a failure is a record of its own in JSON Lines
        assert json.loads(out)["error"]["type"]
        return
    assert out == expected
    assert out.count("\n") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("layout", ["json", "jsonl"])
def test_exports_in_a_batch(jobs: str, layout: str, capsys: pytest.CaptureFixture[str]
                            ) -> None:
    """Several exports, in one process or in workers: the records of the whole results."""
    paths = _readable(EXPORTS)
    status, out = _run(capsys, "parse", "--no-progress", "-j", jobs, "--format", layout,
                       *map(str, paths))
    assert status == 0
    assert out == _expected(paths, "array" if layout == "json" else "jsonl")


def test_an_export_on_standard_input(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """``-`` reads the export's bytes from standard input: the same JSON as from its file."""
    export = HERE / "wxr" / "full-1.2.xml"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(export.read_bytes())))
    status, out = _run(capsys, "parse", "--no-progress", "-")
    assert status == 0
    assert out == _expected([export], "single")


def test_a_truncated_export_keeps_its_posts_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An export cut in the middle of an item: the posts before it and a truncated defect."""
    data = (HERE / "wxr" / "full-1.2.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.rindex(b"<item>") + 40])
    status, out = _run(capsys, "parse", "--no-progress", str(cut))
    assert status == 0
    assert out == _expected([cut], "single")
    result = json.loads(out)
    assert result["posts"]
    assert "truncated" in [d["kind"] for d in result["defects"]]


def test_strict_mode_failure_writes_nothing_and_leaves_no_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A defect in strict mode fails the export: no JSON, and the spooled text is gone."""
    data = (HERE / "wxr" / "full-1.2.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.rindex(b"<item>") + 40])
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    status = main(["parse", "--no-progress", "--strict", str(cut)])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert "StrictModeError" in err or "strict" in err
    assert os.listdir(spool) == []


def _big_export(folder: Path, copies: int) -> Path:
    """An export of the fixture's items again and again, each copy with its own post ids
    (its featured images pointing at its own attachments, its own permalinks)."""
    source = (HERE / "wxr" / "full-1.2.xml").read_text(encoding="utf-8")
    head, _, rest = source.partition("<item>")
    items, _, tail = rest.rpartition("</item>")
    parts = []
    for n in range(copies):
        part = items.replace("<wp:post_id>", f"<wp:post_id>{n + 1}0")
        part = re.sub(r"(_thumbnail_id\]\]></wp:meta_key>\s*<wp:meta_value><!\[CDATA\[)",
                      rf"\g<1>{n + 1}0", part)
        part = re.sub(r"(<link>[^<]*?)/?</link>", rf"\g<1>-{n}/</link>", part)
        parts.append(part)
    big = folder / "big.xml"
    big.write_text(head + "<item>" + "</item><item>".join(parts) + "</item>" + tail,
                   encoding="utf-8")
    return big


def test_a_large_export_is_not_held_in_memory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Python's peak allocation stays far below the size of the export's JSON."""
    big = _big_export(tmp_path, 600)
    out = tmp_path / "out.json"
    # A first run imports what the command needs: module code is not the export's memory.
    main(["parse", "--no-progress", "-o", str(out), str(EXPORTS[0])])
    tracemalloc.start()
    try:
        status = main(["parse", "--no-progress", "-o", str(out), str(big)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    capsys.readouterr()
    assert status == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["posts"]) > 4000
    # The models of all those posts would take more than their JSON does; what stays is
    # the reader's state and the defects the result lists (a few per copy here).
    whole = out.stat().st_size
    assert peak < whole / 5, (peak, whole)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("flavor", ["hugo", "jekyll"])
def test_convert_streams_an_export_into_the_same_site(
        flavor: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``convert`` reads an export post by post: the files are those of its whole result."""
    from blogparse._convert import SiteWriter

    export = HERE / "wxr" / "full-1.2.xml"
    whole = SiteWriter(tmp_path / "whole", flavor=flavor)
    for post in parse_wxr(str(export)).posts:
        whole.add(post, source=str(export), archive=False)
    whole.report()
    status = main(["convert", "--to", flavor, "-o", str(tmp_path / "streamed"), str(export)])
    _, err = capsys.readouterr()
    assert status == 0, err
    assert _tree(tmp_path / "streamed") == _tree(tmp_path / "whole")
    assert _tree(tmp_path / "whole")


def test_convert_keeps_the_posts_before_a_cut(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cut-off export converts the posts before the break and counts as converted."""
    data = (HERE / "wxr" / "full-1.2.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.rindex(b"<item>") + 40])
    from blogparse._convert import SiteWriter

    whole = SiteWriter(tmp_path / "whole", flavor="hugo")
    for post in parse_wxr(str(cut)).posts:
        whole.add(post, source=str(cut), archive=False)
    whole.report()
    status = main(["convert", "-o", str(tmp_path / "site"), str(cut)])
    out, _ = capsys.readouterr()
    assert status == 0
    assert "0 inputs failed" in out
    assert _tree(tmp_path / "site") == _tree(tmp_path / "whole")
    assert _tree(tmp_path / "site")


def test_convert_reports_an_export_it_cannot_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An export refused as a whole is one failed input, named on stderr; exit status 1."""
    broken = HERE / "pages" / "cli" / "batch" / "broken-export.xml"
    status = main(["convert", "-o", str(tmp_path / "site"), str(broken)])
    out, err = capsys.readouterr()
    assert status == 1
    assert f"blogparse: {broken}:" in err
    assert "1 input failed" in out


def test_convert_does_not_hold_a_large_export_in_memory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``convert`` writes each post as it is read: its peak stays far below that of holding
    the export's whole result (what remains grows with the number of files written, a
    few hundred bytes each, not with their content)."""
    big = _big_export(tmp_path, 600)
    main(["convert", "-o", str(tmp_path / "warm"), str(HERE / "wxr" / "full-1.2.xml")])
    tracemalloc.start()
    try:
        status = main(["convert", "-o", str(tmp_path / "site"), str(big)])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        whole = parse_wxr(str(big))
        _, whole_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    capsys.readouterr()
    assert status == 0
    assert len(list((tmp_path / "site").rglob("*.md"))) > 1000
    assert len(whole.posts) > 4000
    assert peak < whole_peak / 3, (peak, whole_peak)
