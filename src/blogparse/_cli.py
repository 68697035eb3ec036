"""The ``blogparse`` command: parse files, folders, globs and standard input into JSON.

Rules: this module expands the inputs, hands each one to the pure parse functions (in
worker processes for a batch) and writes what they return; it holds no markup knowledge.
A bad input costs one line on standard error and never stops the batch.  Exit status:
0 when every input parsed, 1 when some failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import glob
import io
import json
import os
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

import attrs

from . import _source
from ._errors import BlogparseError, StrictModeError
from ._models import PageResult
from ._options import LENIENT, STRICT, Options
from ._pipeline import default_registry, parse_file, parse_page

__all__ = ["PAGE_SUFFIXES", "main"]

PAGE_SUFFIXES = frozenset({".html", ".htm", ".mhtml", ".mht", ".txt", ".xml"})
"""The file suffixes a folder is searched for (compared without regard to case)."""

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

_STDIN = "-"
_STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 8192
"""How much of a file is read to recognise a WordPress export before streaming it."""


class _UsageError(Exception):
    """A problem with the command line itself: nothing is parsed, exit status 2."""


@attrs.frozen(kw_only=True)
class _Settings:
    """What every input of one run is parsed with (picklable, sent to the workers)."""

    theme: str | None = None
    format: str | None = None
    encoding: str | None = None
    url: str | None = None
    strict: bool = False
    layout: str = "single"
    """``single`` (bare pretty result), ``array`` (pretty records) or ``jsonl``."""

    @property
    def options(self) -> Options:
        return STRICT if self.strict else LENIENT


@attrs.frozen(kw_only=True)
class _Task:
    """One input: a file path, or the bytes read from standard input."""

    name: str
    path: str | None = None
    data: bytes | None = None
    missing: str | None = None
    """Why the input names nothing to parse (a path that does not exist, an empty glob)."""


@attrs.frozen(kw_only=True)
class _Outcome:
    """What one input gave: its JSON text, or the error that stopped it."""

    name: str
    text: str | None = None
    error_type: str | None = None
    error: str | None = None


# -- the command line ----------------------------------------------------------------------


def _version() -> str:
    from lxml import etree

    from . import __version__

    lxml_version = ".".join(str(n) for n in etree.LXML_VERSION[:3])
    python = ".".join(str(n) for n in sys.version_info[:3])
    return f"blogparse {__version__} (lxml {lxml_version}, Python {python})"


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _all_cores() -> int:
    counter: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``blogparse`` command."""
    parser = argparse.ArgumentParser(
        prog="blogparse",
        description=(
            "Parse saved blog pages (HTML, MHTML, text dumps) and WordPress exports (WXR) "
            "into JSON."
        ),
        epilog=(
            "INPUT is a file, a folder (searched recursively for "
            + ", ".join(sorted(PAGE_SUFFIXES))
            + " files), a glob pattern, or - for standard input.  One file or - prints "
            "one pretty JSON result; several inputs print a JSON array of "
            '{"input", "result"} or {"input", "error"} records (one per line with --jsonl).  '
            "Exit status: 0 all inputs parsed, 1 some inputs failed, 2 usage error."
        ),
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="a file, folder, glob pattern, or - for standard input")
    parser.add_argument("--jsonl", action="store_true",
                        help="write JSON Lines: one record per input")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of standard output")
    parser.add_argument("--theme", metavar="NAME",
                        help="parse HTML with this theme instead of detecting one "
                             "(see --list-themes)")
    parser.add_argument("--format", choices=_source.FORMATS,
                        help="the input format, instead of sniffing it")
    parser.add_argument("--encoding", metavar="CHARSET",
                        help="decode pages with CHARSET, whatever they declare "
                             "(exports follow their XML declaration)")
    parser.add_argument("--url", metavar="URL",
                        help="the page's address, for resolving its links (one input only)")
    parser.add_argument("--strict", action="store_true",
                        help="treat an input with any recorded defect as failed")
    parser.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                        help="worker processes for a batch (default: all cores)")
    parser.add_argument("--no-progress", action="store_true",
                        help="never show the progress bar (it shows on a terminal only)")
    parser.add_argument("--list-themes", action="store_true",
                        help="list the installed themes and exit")
    parser.add_argument("--version", action="version", version=_version())
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``blogparse`` command with ``argv`` (default: ``sys.argv[1:]``).

    Returns the exit status: 0 when every input parsed, 1 when some inputs failed (each
    reported on one line of standard error), 2 on a usage error.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # --help, --version, or argparse's own usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return _run(args)
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"blogparse: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("blogparse: interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    try:
        registry = default_registry()
    except BlogparseError as exc:  # a broken theme plugin: nothing could parse
        raise _UsageError(_one_line(str(exc))) from None
    if args.list_themes:
        _list_themes(sys.stdout)
        return EXIT_OK
    if not args.inputs:
        raise _UsageError("give at least one INPUT: a file, folder, glob, or - for "
                          "standard input")
    if args.theme is not None:
        try:
            registry.get(args.theme)
        except BlogparseError as exc:
            raise _UsageError(_one_line(str(exc))) from None
    if args.encoding is not None and _source.resolve_encoding(args.encoding) is None:
        raise _UsageError(f"unknown encoding {args.encoding!r}")
    if args.inputs.count(_STDIN) > 1:
        raise _UsageError("standard input (-) can be read only once")

    tasks = _expand(args.inputs)
    if args.url is not None and len(tasks) > 1:
        raise _UsageError("--url is one page's address; give it with a single input")
    single = len(args.inputs) == 1 and (args.inputs[0] == _STDIN or os.path.isfile(args.inputs[0]))
    layout = "jsonl" if args.jsonl else "single" if single else "array"
    settings = _Settings(theme=args.theme, format=args.format, encoding=args.encoding,
                         url=args.url, strict=args.strict, layout=layout)
    jobs = args.jobs or _all_cores()

    try:
        output = _Output(args.output)
    except OSError as exc:
        raise _UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    progress = _Progress(len(tasks), sys.stderr,
                         enabled=not args.no_progress and len(tasks) > 1 and _isatty(sys.stderr))
    failed = 0
    try:
        writer = _Writer(output.stream, layout)
        for outcome in _outcomes(tasks, settings, jobs):
            progress.advance()
            if outcome.text is not None:
                writer.result(outcome.text)
            else:
                failed += 1
                progress.message(f"blogparse: {outcome.name}: {outcome.error}")
                writer.error(outcome.name, outcome.error_type or "Error", outcome.error or "")
        writer.close()
    except BrokenPipeError:
        # The reader went away (``blogparse dir | head``): stop quietly, as other tools do.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_SOME_FAILED
    finally:
        progress.close()
        output.close()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _list_themes(stream: IO[str]) -> None:
    registry = default_registry()
    names = registry.names()
    width = max((len(n) for n in names), default=0)
    for name in names:
        theme = registry.get(name)
        module = type(theme).__module__
        origin = "" if module.startswith("blogparse.") else f"  [{module}]"
        stream.write(f"{name:<{width}}  {theme.description}{origin}\n".rstrip() + "\n")


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# -- inputs --------------------------------------------------------------------------------


def _expand(inputs: Sequence[str]) -> list[_Task]:
    """The tasks the inputs name, in command-line order (inputs naming nothing included)."""
    tasks: list[_Task] = []
    seen: set[str] = set()

    def missing(arg: str, why: str) -> None:
        tasks.append(_Task(name=arg, missing=why))

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            tasks.append(_Task(name=path, path=path))

    for arg in inputs:
        if arg == _STDIN:
            tasks.append(_Task(name=_STDIN_NAME, data=sys.stdin.buffer.read()))
        elif os.path.isdir(arg):
            found = list(_walk(arg))
            if not found:
                missing(arg, "the folder holds no " + "/".join(sorted(PAGE_SUFFIXES)) + " file")
            for path in found:
                add(path)
        elif os.path.exists(arg):
            add(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                missing(arg, "no file matches the pattern")
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match):
                        add(path)
                elif os.path.isfile(match):
                    add(match)
        else:
            missing(arg, "no such file or folder")
    return tasks


def _walk(folder: str) -> Iterator[str]:
    """Page files under ``folder``, recursively, sorted; hidden files and folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in PAGE_SUFFIXES:
                yield os.path.join(root, name)


# -- parsing -------------------------------------------------------------------------------


def _outcomes(tasks: Sequence[_Task], settings: _Settings, jobs: int) -> Iterator[_Outcome]:
    """Each task's outcome, in task order; a batch is spread over ``jobs`` processes."""
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield run_task(task, settings)
        return
    workers = min(jobs, len(tasks))
    # Small chunks keep the progress bar moving and the load even; larger ones save
    # round trips on big batches of small pages.
    chunksize = max(1, min(16, len(tasks) // (workers * 8)))
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield from pool.map(functools.partial(run_task, settings=settings), tasks,
                            chunksize=chunksize)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def run_task(task: _Task, settings: _Settings) -> _Outcome:
    """Parse one input and render it as JSON text; any failure becomes the outcome's error.

    Runs in a worker process for batches, so it takes and returns only picklable values.
    """
    if task.missing is not None:
        return _failure(task, "InputError", task.missing)
    try:
        result = _parse(task, settings)
        return _Outcome(name=task.name, text=_render(task.name, result, settings.layout))
    except StrictModeError as exc:
        kinds = "; ".join(f"{d.kind.value} ({d.message})" for d in exc.defects)
        return _failure(task, "StrictModeError",
                        f"{len(exc.defects)} defect(s) in strict mode: {kinds}")
    except BlogparseError as exc:
        return _failure(task, type(exc).__name__, str(exc))
    except OSError as exc:
        return _failure(task, "OSError", f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a bug below must cost one input, not the whole batch
        return _failure(task, type(exc).__name__, f"unexpected {type(exc).__name__}: {exc}")


def _failure(task: _Task, kind: str, message: str) -> _Outcome:
    return _Outcome(name=task.name, error_type=kind, error=_one_line(message) or kind)


def _parse(task: _Task, settings: _Settings) -> PageResult:
    options = settings.options
    if task.data is not None:
        head = task.data[:_SNIFF_BYTES]
    else:
        assert task.path is not None
        with open(task.path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
    if settings.format == "wxr" or (settings.format is None and _is_wxr(head)):
        parse_wxr = _wxr_reader()
        if parse_wxr is not None:
            # The export reader gets the bytes as they are, so it decodes them by the XML
            # declaration; from a path it streams, so an export of several GB never sits
            # in memory.
            return parse_wxr(task.data if task.data is not None else task.path,
                             options=options)
    if task.data is not None:
        return parse_page(task.data, url=settings.url, theme=settings.theme,
                          encoding=settings.encoding, format=settings.format, options=options)
    assert task.path is not None
    return parse_file(task.path, url=settings.url, theme=settings.theme,
                      encoding=settings.encoding, format=settings.format, options=options)


def _is_wxr(head: bytes) -> bool:
    return _source.sniff_format(head.decode("latin-1")) == "wxr"


def _wxr_reader() -> Callable[..., PageResult] | None:
    try:
        from ._wxr import parse_wxr
    except ImportError:
        return None
    return parse_wxr


# -- output --------------------------------------------------------------------------------


def _render(name: str, result: PageResult, layout: str) -> str:
    data = result.to_dict()
    if layout == "single":
        return json.dumps(data, ensure_ascii=False, indent=2)
    record = {"input": name, "result": data}
    if layout == "jsonl":
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "  ")


class _Writer:
    """Writes outcomes in the run's layout, one at a time, as they arrive."""

    def __init__(self, out: IO[str], layout: str) -> None:
        self._out = out
        self._layout = layout
        self._count = 0

    def result(self, text: str) -> None:
        if self._layout == "array":
            self._out.write(("[\n" if self._count == 0 else ",\n") + text)
        else:
            self._out.write(text + "\n")
        self._count += 1
        self._out.flush()

    def error(self, name: str, kind: str, message: str) -> None:
        if self._layout == "single":
            return  # the one-line message on standard error says it all
        record: dict[str, Any] = {"input": name, "error": {"type": kind, "message": message}}
        if self._layout == "jsonl":
            self.result(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        else:
            self.result(textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "  "))

    def close(self) -> None:
        if self._layout == "array":
            self._out.write("[]\n" if self._count == 0 else "\n]\n")
            self._out.flush()


class _Output:
    """Where the JSON goes: a file (``-o``), or standard output written as UTF-8."""

    def __init__(self, path: str | None) -> None:
        self._file: IO[str] | None = None
        self._wrapper: io.TextIOWrapper | None = None
        if path is not None and path != _STDIN:
            # Closed by close(): the file stays open for the whole streamed batch.
            self._file = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            self.stream: IO[str] = self._file
            return
        stream = sys.stdout
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        buffer = getattr(stream, "buffer", None)
        if encoding.replace("_", "") in {"utf8", "utf8sig"} or buffer is None:
            self.stream = stream
        else:
            # JSON is written as UTF-8 whatever the locale says, so no character is lost.
            stream.flush()
            self._wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n",
                                             write_through=True)
            self.stream = self._wrapper

    def close(self) -> None:
        """Close the file, or flush standard output and leave it open."""
        if self._file is not None:
            self._file.close()
            return
        with contextlib.suppress(BrokenPipeError, ValueError):
            self.stream.flush()
        if self._wrapper is not None:
            self._wrapper.detach()  # leave sys.stdout's own buffer open


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Progress:
    """A one-line progress bar on a terminal's standard error, for batches that take a while.

    It appears only after half a second, redraws at most ten times a second, and steps
    aside for error messages.
    """

    _DELAY = 0.5
    _INTERVAL = 0.1

    def __init__(self, total: int, stream: IO[str], *, enabled: bool) -> None:
        self._total = total
        self._stream = stream
        self._enabled = enabled
        self._done = 0
        self._start = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    def advance(self) -> None:
        self._done += 1
        if not self._enabled:
            return
        now = time.monotonic()
        if now - self._start >= self._DELAY and (
                now - self._drawn_at >= self._INTERVAL or self._done == self._total):
            self._draw(now)

    def message(self, line: str) -> None:
        self._clear()
        print(line, file=self._stream, flush=True)
        if self._shown:
            self._draw(time.monotonic())

    def close(self) -> None:
        self._clear()
        self._shown = False

    def _draw(self, now: float) -> None:
        width = max(20, shutil.get_terminal_size((80, 20)).columns - 1)
        rate = self._done / max(now - self._start, 1e-9)
        counts = f" {self._done}/{self._total} {100 * self._done // max(self._total, 1):3d}% " \
                 f"{rate:,.0f}/s"
        bar_width = max(10, width - len(counts) - 2)
        filled = bar_width * self._done // max(self._total, 1)
        line = "[" + "#" * filled + "-" * (bar_width - filled) + "]" + counts
        self._stream.write("\r" + line[:width])
        self._stream.flush()
        self._drawn_at = now
        self._shown = True

    def _clear(self) -> None:
        if self._enabled and self._shown:
            width = max(20, shutil.get_terminal_size((80, 20)).columns - 1)
            self._stream.write("\r" + " " * width + "\r")
            self._stream.flush()
