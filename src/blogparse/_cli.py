"""The ``blogparse`` command: ``parse``, ``detect``, ``themes`` and ``convert``.

Rules: this module expands the inputs, hands each one to the pure parse functions (in
worker processes for a batch) and writes what they return; it holds no markup knowledge.
A bad input costs one line on standard error and never stops the batch; no traceback is
shown unless ``--traceback`` (or ``BLOGPARSE_TRACEBACK=1``) asks for one.  Exit status:
0 when every input parsed, 1 when some failed, 2 on a usage error, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import codecs
import collections
import contextlib
import functools
import glob
import importlib.util
import io
import itertools
import json
import os
import shutil
import signal
import sys
import tempfile
import textwrap
import time
import traceback
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from . import _source
from ._errors import BlogparseError, DefectError, InputError, StrictModeError
from ._models import Defect, DefectKind, PageResult, Post
from ._options import LENIENT, STRICT, Options
from ._pipeline import default_registry, parse_file, parse_page

if TYPE_CHECKING:
    from ._theme import ThemeRegistry

__all__ = ["PAGE_SUFFIXES", "WARC_SUFFIXES", "build_parser", "iter_parsed", "main"]

PAGE_SUFFIXES = frozenset({".html", ".htm", ".mhtml", ".mht", ".webarchive", ".txt", ".xml",
                           ".atom"})
"""The file suffixes a folder is searched for (compared without regard to case), also
followed by ``.gz`` (a gzip-compressed file)."""

WARC_SUFFIXES = (".warc", ".warc.gz")
"""File names ending so are web archives; a folder is searched for them too."""

INPUT_FORMATS = (*_source.FORMATS, "warc")
"""What ``--input-format`` accepts: the page formats plus web archives."""

OUTPUT_FORMATS = ("json", "jsonl")
"""What ``--format`` accepts."""

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

COMMANDS = ("parse", "detect", "themes", "convert")
"""The subcommands; any other first argument is read as ``parse``'s."""

_STDIN = "-"
_STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 8192
"""How much of a file is read to recognise an export or a web archive before streaming it."""
_WARC_MAGIC = b"WARC/1."
_TRACEBACK_ENV = "BLOGPARSE_TRACEBACK"


class _UsageError(Exception):
    """A problem with the command line itself: nothing is parsed, exit status 2."""


@attrs.frozen(kw_only=True)
class _Settings:
    """What every input of one run is parsed with (picklable, sent to the workers)."""

    theme: str | None = None
    input_format: str | None = None
    encoding: str | None = None
    url: str | None = None
    strict: bool = False
    layout: str = "single"
    """``single`` (bare pretty result), ``array`` (pretty records) or ``jsonl``."""
    traceback: bool = False
    """Whether failures carry their formatted traceback."""
    spool_dir: str | None = None
    """Where rendered exports are written before they are copied to the output (the
    system's temporary folder when ``None``)."""

    @property
    def options(self) -> Options:
        """The parse options these settings stand for."""
        return STRICT if self.strict else LENIENT


@attrs.frozen(kw_only=True)
class _Task:
    """One input: a file path, or the bytes read from standard input."""

    name: str
    path: str | None = None
    data: bytes | None = None
    missing: str | None = None
    """Why the input names nothing to parse (a path that does not exist, an empty glob)."""


@attrs.frozen
class _Spooled:
    """A rendered record written to a temporary file: an export's JSON, which can be far
    larger than memory should hold.  The writer copies it out and deletes the file."""

    path: str


_Item = tuple[str, str | _Spooled | None, str | None, str | None]
"""One output record as the workers send it back: the name for messages, the JSON text to
write (a result or an error record, or a spooled export; ``None`` for a failure in the
single layout), the one-line error message of a failure (``None`` on success) and, with
``--traceback``, the formatted traceback.  Plain tuples of strings are the cheapest thing
to pickle back to the writing process."""


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


def _output_format(text: str) -> str:
    if text in OUTPUT_FORMATS:
        return text
    if text in INPUT_FORMATS:
        # --format used to name the input format: say where that went.
        raise argparse.ArgumentTypeError(
            f"--format now picks the output (json or jsonl); use --input-format {text}")
    raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose json or jsonl)")


def _all_cores() -> int:
    counter: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


_FORMATTER = argparse.RawDescriptionHelpFormatter

_MAIN_EPILOG = """\
examples:
  blogparse parse saved/post.html            one page, pretty JSON
  blogparse parse crawl/ -o crawl.jsonl      a folder, JSON Lines, every core
  blogparse detect saved/post.html           which format, encoding and theme, and why
  blogparse themes                           the installed themes
  blogparse saved/post.html                  short for "blogparse parse saved/post.html"

"blogparse COMMAND --help" describes each command.  Exit status: 0 every input parsed,
1 some input failed, 2 usage error, 130 interrupted.
"""

_PARSE_EPILOG = """\
INPUT is a file, a folder (searched recursively for .html .htm .mhtml .mht .txt .xml
.warc .warc.gz files), a glob pattern, or - for standard input.  One file or - prints
its pretty JSON result; more inputs print JSON Lines, one {"input", "result"} or
{"input", "error"} record per line (--format json gives one JSON array instead).
A web archive (WARC) gives one record per HTML response it holds.

examples:
  blogparse parse saved/post.html
  blogparse parse crawl/ -o crawl.jsonl 2> failures.txt
  blogparse parse 'mirror/**/*.html' --theme wordpress-classic -j 4
  curl -s https://example.org/hello/ | blogparse parse - --url https://example.org/hello/
  blogparse parse export.xml --format json -o export.json
  blogparse parse ./themes          a file or folder named like a command
"""

_DETECT_EPILOG = """\
For each input: the format and why (option, file name or content sniffed), the encoding
and where it came from, every theme's score (0.0 not mine ... 1.0 certain), the theme
chosen and what the page shows (generator, WordPress theme folders, <body> classes).

examples:
  blogparse detect saved/post.html
  blogparse detect crawl/ --format jsonl | jq -r '[.input, .theme] | @tsv'
"""

_THEMES_EPILOG = """\
Built-in themes come with blogparse; others are plugins installed through the
"blogparse.themes" entry-point group.  A plugin that fails to load is listed with its error.

examples:
  blogparse themes
  blogparse themes --format json
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--traceback", action="store_true",
                        help=f"show the full traceback of every error (or set {_TRACEBACK_ENV}=1)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``blogparse`` command and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="blogparse",
        description=("Parse saved blog pages (HTML, MHTML, text dumps), web archives and "
                     "WordPress exports (WXR) into JSON."),
        epilog=_MAIN_EPILOG, formatter_class=_FORMATTER,
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("parse", help="parse pages into JSON (the default command)",
                       description="Parse saved pages, web archives and exports into JSON.",
                       epilog=_PARSE_EPILOG, formatter_class=_FORMATTER)
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="a file, folder, glob pattern, or - for standard input")
    p.add_argument("--format", type=_output_format, metavar="{json,jsonl}",
                   help="json: one pretty result, or an array of records for several "
                        "inputs; jsonl: one record per line (default: json for one input, "
                        "jsonl for several)")
    p.add_argument("--jsonl", action="store_const", const="jsonl", dest="format",
                   help=argparse.SUPPRESS)  # the older spelling of --format jsonl
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE instead of standard output")
    _input_options(p)
    p.add_argument("--url", metavar="URL",
                   help="the page's original address, for resolving its links (one input only)")
    p.add_argument("--strict", action="store_true",
                   help="treat an input with any recorded defect as failed")
    p.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                   help="worker processes for a batch (default: all cores)")
    p.add_argument("--no-progress", action="store_true",
                   help="never show the progress bar (it shows on a terminal only)")
    p.add_argument("--list-themes", action="store_true", help=argparse.SUPPRESS)
    _common(p)
    p.set_defaults(func=_cmd_parse)

    d = sub.add_parser("detect", help="say which format, encoding and theme, and why",
                       description="Say which format, encoding and theme each input is "
                                   "recognised as, and why.",
                       epilog=_DETECT_EPILOG, formatter_class=_FORMATTER)
    d.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="a file, folder, glob pattern, or - for standard input")
    d.add_argument("--format", choices=("text", "json", "jsonl"), default="text",
                   help="text for reading (default), json or jsonl for tools")
    _input_options(d)
    _common(d)
    d.set_defaults(func=_cmd_detect)

    t = sub.add_parser("themes", help="list the installed themes",
                       description="List the installed themes: built-in and plugins.",
                       epilog=_THEMES_EPILOG, formatter_class=_FORMATTER)
    t.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for reading (default) or json")
    _common(t)
    t.set_defaults(func=_cmd_themes)

    _add_convert(sub)
    return parser


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--theme", metavar="NAME",
                        help="use this theme for HTML instead of detecting one "
                             "(see 'blogparse themes')")
    parser.add_argument("--input-format", choices=INPUT_FORMATS,
                        help="the input format, instead of sniffing it")
    parser.add_argument("--encoding", metavar="CHARSET",
                        help="decode pages with CHARSET, whatever they declare "
                             "(exports follow their XML declaration)")


def _add_convert(sub: Any) -> None:
    """Add ``convert`` from ``_convert`` when that module is there (see ``docs/cli.md``)."""
    if importlib.util.find_spec(f"{__package__}._convert") is None:
        return
    try:
        from . import _convert  # type: ignore[attr-defined,unused-ignore]

        parser: argparse.ArgumentParser = _convert.register(sub)
    except Exception as exc:  # a broken writer must not take parse and detect with it
        broken = sub.add_parser("convert", help="(unavailable)")
        broken.add_argument("rest", nargs=argparse.REMAINDER)
        broken.set_defaults(func=functools.partial(_cmd_unavailable, why=_one_line(
            f"{type(exc).__name__}: {exc}")))
        parser = broken
    with contextlib.suppress(argparse.ArgumentError):
        _common(parser)


def _shorthand(argv: list[str]) -> list[str]:
    """``blogparse PATH...`` is ``blogparse parse PATH...``: insert the command if missing."""
    if not argv or argv[0] in COMMANDS or argv[0] in {"-h", "--help", "--version"}:
        return argv
    return ["parse", *argv]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``blogparse`` command with ``argv`` (default: ``sys.argv[1:]``).

    Returns the exit status: 0 when every input parsed, 1 when some inputs failed (each
    reported on one line of standard error), 2 on a usage error, 130 when interrupted.
    """
    args_list = _shorthand(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version, or argparse's own usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    show_trace = bool(getattr(args, "traceback", False)) or _env_traceback()
    args.traceback = show_trace
    try:
        if args.command == "convert" and not isinstance(args.func, functools.partial):
            status: int = args.func(args, iter_inputs=_convert_inputs(args),
                                    stdout=sys.stdout, stderr=sys.stderr)
        else:
            status = args.func(args)
        return status
    except _UsageError as exc:
        sub = _subparser(parser, args.command)
        sub.print_usage(sys.stderr)
        print(f"blogparse {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("blogparse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_SOME_FAILED
    except Exception as exc:  # a bug in the command itself: one line, unless asked
        if show_trace:
            traceback.print_exc(file=sys.stderr)
        print(f"blogparse: internal error: {type(exc).__name__}: {_one_line(str(exc))}"
              + ("" if show_trace else " (--traceback shows where)"), file=sys.stderr)
        return EXIT_SOME_FAILED


def _convert_inputs(
    args: argparse.Namespace,
) -> Callable[[Sequence[str]], Iterator[tuple[str, PageResult | ExportStream | BaseException]]]:
    """:func:`iter_parsed` bound to the ``convert`` command's parse options; exports are
    streamed post by post (but in strict mode, where a defect anywhere fails the export
    before anything is written)."""
    settings = _Settings(theme=getattr(args, "theme", None),
                         strict=bool(getattr(args, "strict", False)),
                         url=getattr(args, "url", None),
                         encoding=getattr(args, "encoding", None),
                         input_format=getattr(args, "input_format", None))
    return functools.partial(_iter_inputs, settings=settings, stream_exports=True)


def _env_traceback() -> bool:
    return os.environ.get(_TRACEBACK_ENV, "").strip().lower() not in {"", "0", "false", "no"}


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:  # argparse offers no public way to reach a subparser
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            found: argparse.ArgumentParser = action.choices[name]
            return found
    return parser


def _cmd_unavailable(args: argparse.Namespace, *, why: str) -> int:
    print(f"blogparse {args.command}: unavailable: {why}", file=sys.stderr)
    return EXIT_USAGE


def _registry() -> ThemeRegistry:
    """The default registry; a plugin left out costs one warning line, not a traceback."""
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        registry = default_registry()
        # Plugins load on first need; asking for their errors loads them here, where the
        # registry's own warnings are caught and replaced by the lines below.
        errors = registry.plugin_errors
    for error in errors:
        print(f"blogparse: warning: {_one_line(str(error))}; it is left out", file=sys.stderr)
    return registry


def _check_input_options(args: argparse.Namespace, registry: ThemeRegistry) -> None:
    if args.theme is not None:
        try:
            registry.get(args.theme)
        except BlogparseError as exc:
            raise _UsageError(_one_line(str(exc))) from None
    if args.encoding is not None and _source.resolve_encoding(args.encoding) is None:
        raise _UsageError(f"unknown encoding {args.encoding!r}")
    if args.inputs.count(_STDIN) > 1:
        raise _UsageError("standard input (-) can be read only once")
    if not args.inputs:
        raise _UsageError("give at least one INPUT: a file, folder, glob, or - for "
                          "standard input")


# -- parse ---------------------------------------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    registry = _registry()
    if args.list_themes:  # the older spelling of "blogparse themes", in its older layout
        return _write_themes(registry, "legacy", sys.stdout)
    _check_input_options(args, registry)

    tasks = _expand(args.inputs)
    if args.url is not None and len(tasks) > 1:
        raise _UsageError("--url is one page's address; give it with a single input")
    single = (_names_one_file(args.inputs) and len(tasks) == 1
              and not _is_warc_task(tasks[0], args.input_format))
    if args.format == "jsonl" or (args.format is None and not single):
        layout = "jsonl"
    else:
        layout = "single" if single else "array"
    jobs = args.jobs or _all_cores()

    try:
        output = _Output(args.output)
    except OSError as exc:
        raise _UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    # Exports are rendered to files here, then copied out: removed with the run.
    spool_dir = tempfile.mkdtemp(prefix="blogparse-")
    settings = _Settings(theme=args.theme, input_format=args.input_format,
                         encoding=args.encoding, url=args.url, strict=args.strict,
                         layout=layout, traceback=args.traceback, spool_dir=spool_dir)
    progress = _Progress(len(tasks), sys.stderr,
                         enabled=not args.no_progress and len(tasks) > 1 and _isatty(sys.stderr))
    failed = 0
    try:
        writer = _Writer(output.stream, layout, flush_each=_isatty(output.stream))
        for items in _outcomes(tasks, settings, jobs):
            progress.advance()
            for label, text, error, trace in items:
                if error is not None:
                    failed += 1
                    if trace:
                        progress.message(trace.rstrip("\n"))
                    progress.message(f"blogparse: {label}: {error}")
                if text is not None:
                    writer.write(text)
        writer.close()
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_SOME_FAILED
    finally:
        progress.close()
        output.close()
        shutil.rmtree(spool_dir, ignore_errors=True)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _names_one_file(inputs: Sequence[str]) -> bool:
    """Whether the inputs are one file path (existing or not) or ``-``.

    Such an input is written as its bare result; a folder or a pattern can stand for any
    number of pages, so it is written as records even when it holds one.
    """
    if len(inputs) != 1:
        return False
    only = inputs[0]
    return not os.path.isdir(only) and (os.path.exists(only) or not glob.has_magic(only))


def _quiet_stdout() -> None:
    """The reader went away (``blogparse dir | head``): stop quietly, as other tools do.

    Standard output is pointed at the null device so that the interpreter's own final
    flush does not fail again on the closed pipe.
    """
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# -- inputs --------------------------------------------------------------------------------


def _is_page_file(name: str) -> bool:
    low = name.lower()
    if low.endswith(".gz"):
        low = low[:-3]
    return Path(low).suffix in PAGE_SUFFIXES or low.endswith(WARC_SUFFIXES)


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
                missing(arg, "the folder holds no page, export or web archive file")
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
            if not name.startswith(".") and _is_page_file(name):
                yield os.path.join(root, name)


def _is_warc_task(task: _Task, input_format: str | None) -> bool:
    if input_format is not None:
        return input_format == "warc"
    if task.data is not None:
        return _is_warc(task.data[:16], None)
    if task.path is None:
        return False
    try:
        with open(task.path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return _is_warc(head, task.path)


def _is_warc(head: bytes, path: str | None) -> bool:
    """A web archive: named ``.warc``/``.warc.gz``, or opening with a WARC version line."""
    if path is not None and path.lower().endswith(WARC_SUFFIXES):
        return True
    return head.lstrip(b"\r\n").startswith(_WARC_MAGIC)


# -- parsing -------------------------------------------------------------------------------


def iter_parsed(
    paths: Sequence[str],
    *,
    theme: str | None = None,
    strict: bool = False,
    url: str | None = None,
    encoding: str | None = None,
    input_format: str | None = None,
) -> Iterator[tuple[str, PageResult | BaseException]]:
    """Expand ``paths`` as ``blogparse parse`` does and parse each input, one at a time.

    ``paths`` are files, folders (searched recursively), glob patterns or ``-`` for
    standard input.  Yields ``(name, result)`` per page in command-line order, where
    ``result`` is the :class:`~blogparse.PageResult` or the exception that stopped the
    input (a path naming nothing gives an :class:`~blogparse.InputError`).  A WordPress
    export yields one result holding its posts; a web archive one result per HTML
    response record (a record that fails, as ``parse`` would report it, yields its
    exception).  The keyword arguments mean what the command's options of the same
    names mean.  Runs in the calling process; nothing is written anywhere.
    """
    settings = _Settings(theme=theme, input_format=input_format, encoding=encoding, url=url,
                         strict=strict)
    for name, result in _iter_inputs(paths, settings, stream_exports=False):
        assert not isinstance(result, ExportStream)
        yield name, result


def _iter_inputs(paths: Sequence[str], settings: _Settings, *, stream_exports: bool,
                 ) -> Iterator[tuple[str, PageResult | ExportStream | BaseException]]:
    """:func:`iter_parsed`; with ``stream_exports`` an export read in lenient mode comes
    as an :class:`ExportStream` instead of one result holding every post."""
    strict = settings.strict
    for task in _expand(paths):
        if task.missing is not None:
            yield task.name, InputError(task.missing)
            continue
        try:
            for _name, result in _parsed(task, settings,
                                         stream_exports=stream_exports and not strict):
                if isinstance(result, PageResult | ExportStream):
                    yield task.name, result
                elif _record_failure(result.result, strict=strict) is None:
                    yield task.name, result.result
                elif strict and result.result.defects:
                    yield task.name, StrictModeError(
                        _strict_message(result.result.defects),
                        [DefectError(d) for d in result.result.defects])
                else:
                    yield task.name, InputError(
                        "; ".join(d.message for d in result.result.defects))
        except Exception as exc:
            yield task.name, exc


class ExportStream:
    """An export's posts as the reader reads them (``convert`` in lenient mode): the posts
    :func:`~blogparse.parse_wxr` would give, without holding them all.

    Iterate :attr:`posts` once; afterwards :attr:`error` is what stopped the reading, if
    anything did (a cut-off or malformed export stops quietly, keeping the posts before
    the break, as ``parse_wxr`` does).
    """

    kind = "archive"
    format = "wxr"

    def __init__(self, source: bytes | str, options: Options) -> None:
        self._source = source
        self._options = attrs.evolve(options, strict=False)
        self.error: BaseException | None = None

    @property
    def posts(self) -> Iterator[Post]:
        """The export's items, in file order."""
        from ._wxr import ReadToBreak, WxrReader

        try:
            with WxrReader(self._source, options=self._options) as reader:
                yield from ReadToBreak(reader)
        except Exception as exc:  # reported by the caller as the input's failure
            self.error = exc


def _parsed(task: _Task, settings: _Settings, *, spool_exports: bool = False,
            stream_exports: bool = False) -> Iterator[tuple[str, Any]]:
    """Parse one input: ``(name, PageResult)`` once, or ``(name, WarcResult)`` per record.

    With ``spool_exports`` an export comes back as ``(name, _Spooled)``: its JSON, written
    post by post to a temporary file in the run's layout, so that no export, however
    large, is held in memory; with ``stream_exports`` as an :class:`ExportStream`.
    Raises what stops the input.
    """
    options = settings.options
    if task.data is not None:
        head = task.data[:_SNIFF_BYTES]
    else:
        assert task.path is not None
        with open(task.path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
    fmt = settings.input_format
    binary = _source.binary_kind(head)
    if binary is not None and binary[0] == "gzip":
        # sniffed by what it holds: a web archive and an export are read as streams (each
        # reader decompresses), a page is decompressed whole by parse_page
        head = _source.gunzip_head(head, _SNIFF_BYTES)
    elif binary is not None and binary[0] == "zip" and fmt is None:
        # a blog's Google Takeout archive, or WordPress.com's export download
        from ._blogger import zip_export_format

        zipped = task.data if task.data is not None else task.path
        assert zipped is not None
        fmt = zip_export_format(zipped)
    if fmt == "warc" or (fmt is None and _is_warc(head, task.path)):
        from ._warc import iter_warc  # type: ignore[import-not-found,unused-ignore]

        source: Any = io.BytesIO(task.data) if task.data is not None else task.path
        # Every record comes back, a page that could not be parsed as an empty result
        # whose defects say why: the command reports it as that record's failure and
        # goes on with the rest of the archive, in strict mode too.
        for record in iter_warc(source, options=options, theme=settings.theme,
                                errors="record"):
            yield task.name, record
        return
    if fmt == "wxr" or (fmt is None and _is_wxr(head)):
        from ._wxr import parse_wxr

        # The export reader gets the bytes as they are, so it decodes them by the XML
        # declaration; from a path it streams, so an export of several GB never sits
        # in memory.
        where: bytes | str = task.data if task.data is not None else str(task.path)
        if spool_exports:
            yield task.name, _spool_export(task.name, where, settings)
            return
        if stream_exports:
            yield task.name, ExportStream(where, options)
            return
        yield task.name, parse_wxr(where, options=options)
        return
    if task.data is not None:
        yield task.name, parse_page(task.data, url=settings.url, theme=settings.theme,
                                    encoding=settings.encoding, format=fmt, options=options)
        return
    assert task.path is not None
    yield task.name, parse_file(task.path, url=settings.url, theme=settings.theme,
                                encoding=settings.encoding, format=fmt, options=options)


def _is_wxr(head: bytes) -> bool:
    return _source.sniff_format(head.decode("latin-1")) == "wxr"


_worker_settings: _Settings | None = None


def _init_worker(settings: _Settings) -> None:
    """Set up a worker process once: its settings, and the theme registry built now."""
    global _worker_settings
    _worker_settings = settings
    # Ctrl-C reaches the whole process group: the main process alone answers it (stops
    # the batch, exit 130), so workers do not each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the parent already reported broken plugins
        default_registry().plugin_errors  # noqa: B018 - loads the plugins, quietly


def _work(chunk: Sequence[_Task]) -> list[list[_Item]]:
    """A worker's job for a chunk of inputs: parse each and render its records as JSON."""
    assert _worker_settings is not None
    return [run_task(task, _worker_settings) for task in chunk]


_CHUNKS_IN_FLIGHT = 4
"""Chunks submitted ahead per worker: enough to keep every worker busy, few enough that
a batch of millions of pages never holds more than a few hundred results in memory."""


def _outcomes(tasks: Sequence[_Task], settings: _Settings, jobs: int) -> Iterator[list[_Item]]:
    """Each task's records, in task order; a batch is spread over ``jobs`` processes.

    Workers read the files, parse them and render the JSON themselves: only paths go out
    and only strings come back, so the writing process does little more than write.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield run_task(task, settings)
        return
    workers = min(jobs, len(tasks))
    # Chunks of several inputs save round trips on big batches of small pages; a chunk
    # stays small enough (at most 1/8 of a worker's share) to keep the load even and the
    # progress bar moving.
    size = max(1, min(32, len(tasks) // (workers * 8)))
    chunks = (tasks[i:i + size] for i in range(0, len(tasks), size))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(settings,))
    try:
        pending: collections.deque[Future[list[list[_Item]]]] = collections.deque(
            pool.submit(_work, chunk)
            for chunk in itertools.islice(chunks, workers * _CHUNKS_IN_FLIGHT))
        while pending:
            done = pending.popleft().result()
            for chunk in itertools.islice(chunks, 1):
                pending.append(pool.submit(_work, chunk))
            yield from done
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def run_task(task: _Task, settings: _Settings) -> list[_Item]:
    """Parse one input and render its records as JSON text; a failure becomes an error item.

    Runs in a worker process for batches, so it takes and returns only picklable values.
    A web archive gives one item per record, and an error item where reading stopped.
    """
    layout = settings.layout
    if task.missing is not None:
        return [_failure(task.name, "InputError", task.missing, None, layout)]
    items: list[_Item] = []
    try:
        for name, result in _parsed(task, settings, spool_exports=True):
            if isinstance(result, _Spooled):
                items.append((name, result, None, None))
                continue
            if isinstance(result, PageResult):
                items.append((name, _render(name, result, layout), None, None))
                continue
            why = _record_failure(result.result, strict=settings.strict)
            if why is None:
                items.append((name, _render(name, result, layout), None, None))
            else:
                where = {"record_id": result.record_id, "url": result.url,
                         "date": result.date.isoformat() if result.date else None}
                items.append(_failure(name, why[0], why[1], None, layout, where))
    except StrictModeError as exc:
        items.append(_failure(task.name, "StrictModeError", _strict_message(exc.defects),
                              _trace(settings), layout))
    except BlogparseError as exc:
        items.append(_failure(task.name, type(exc).__name__, str(exc), _trace(settings),
                              layout))
    except OSError as exc:
        items.append(_failure(task.name, "OSError", f"cannot read: {exc.strerror or exc}",
                              _trace(settings), layout))
    except ImportError as exc:  # an optional reader whose dependency is not installed
        items.append(_failure(task.name, "InputError", f"cannot read this input here: {exc}",
                              _trace(settings), layout))
    except Exception as exc:  # a bug below must cost one input, not the whole batch
        items.append(_failure(task.name, type(exc).__name__,
                              f"unexpected {type(exc).__name__}: {exc}", _trace(settings),
                              layout))
    return items


_UNPARSED = frozenset({DefectKind.LIMIT_REACHED, DefectKind.HOSTILE_MARKUP,
                       DefectKind.TRUNCATED})
"""Defect kinds that mark a web-archive record whose page could not be parsed at all."""


def _record_failure(page: PageResult, *, strict: bool) -> tuple[str, str] | None:
    """Why a web-archive record counts as failed (error type, message), or ``None``.

    In strict mode any defect fails the record, as it fails a file; otherwise a record
    fails when the reader could not parse its page (an empty result carrying why).
    """
    if strict and page.defects:
        return "StrictModeError", _strict_message(page.defects)
    if page.kind == "empty" and not page.posts and any(
            d.kind in _UNPARSED for d in page.defects):
        return "InputError", "; ".join(d.message for d in page.defects)
    return None


def _strict_message(defects: Sequence[Defect]) -> str:
    kinds = "; ".join(f"{d.kind.value} ({d.message})" for d in defects)
    return f"{len(defects)} defect(s) in strict mode: {kinds}"


def _trace(settings: _Settings) -> str | None:
    return traceback.format_exc() if settings.traceback else None


def _failure(name: str, kind: str, message: str, trace: str | None, layout: str,
             where: dict[str, Any] | None = None) -> _Item:
    """A failure item: its one-line message, and its error record in the run's layout.

    ``where`` names the web-archive record that failed (record id, url, date).
    """
    message = _one_line(message) or kind
    label = name
    if where is not None:
        label = f"{name} ({where['url'] or where['record_id'] or 'a record'})"
    text = None
    if layout != "single":
        record: dict[str, Any] = {"input": name, **(where or {}),
                                  "error": {"type": kind, "message": message}}
        text = (json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                if layout == "jsonl" else
                textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "  "))
    return (label, text, message, trace)


# -- output --------------------------------------------------------------------------------


def _render(name: str, result: Any, layout: str) -> str:
    if isinstance(result, PageResult):
        return _render_page(name, result.to_dict(), layout)
    # a web archive's record: where it came from, then its page
    record: dict[str, Any] = {"input": name, **result.to_dict()}
    if layout == "jsonl" or layout == "single":
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "  ")


def _render_page(name: str, data: dict[str, Any], layout: str) -> str:
    """A page result's data (``PageResult.to_dict()``) as the run's layout writes it."""
    if layout == "single":
        return json.dumps(data, ensure_ascii=False, indent=2)
    record = {"input": name, "result": data}
    if layout == "jsonl":
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "  ")


def _spool_export(name: str, source: bytes | str, settings: _Settings) -> _Spooled:
    """Render an export as :func:`~blogparse.parse_wxr`'s result would be rendered, one
    post at a time, into a temporary file; the memory stays flat.  The text is the same
    but for a featured image whose attachment comes more than the reader's window later
    (1,000 items): as :func:`~blogparse.iter_wxr` gives it, an image with its id only.

    The posts are written where the result's ``posts`` list stands in the rendered
    frame (the result with a placeholder for the list); the frame's head depends only on
    whether there is a post, its tail (site, defects) is written once the export is read.
    In strict mode a defect raises, as ``parse_wxr`` does, and nothing is kept.
    """
    from ._wxr import ReadToBreak, WxrReader

    options = settings.options
    layout = settings.layout
    placeholder = f"blogparse-posts-{uuid.uuid4().hex}"
    marker = json.dumps(placeholder)

    def frame(data: dict[str, Any]) -> tuple[str, str, str]:
        """The rendered text before and after the placeholder, and the indentation of
        the posts' lines."""
        text = _render_page(name, {**data, "posts": [placeholder]}, layout)
        at = text.index(marker)
        head = text[:at]
        return head, text[at + len(marker):], head[head.rfind("\n") + 1:]

    fd, path = tempfile.mkstemp(prefix="blogparse-export-", suffix=".json",
                                dir=settings.spool_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            # The reader's bounded window for featured images (see WxrReader), not
            # parse_wxr's look to the end: one dangling _thumbnail_id would otherwise
            # hold every later post in memory.
            reader = WxrReader(source, options=attrs.evolve(options, strict=False))
            written = 0
            head, _, indent = frame({"kind": "archive"})
            with reader:
                reading = ReadToBreak(reader)
                for post in reading:
                    if layout == "jsonl":
                        text = json.dumps(post.to_dict(), ensure_ascii=False,
                                          separators=(",", ":"))
                        out.write("," if written else head)
                    else:
                        text = json.dumps(post.to_dict(), ensure_ascii=False, indent=2
                                          ).replace("\n", "\n" + indent)
                        out.write(",\n" + indent if written else head)
                    out.write(text)
                    written += 1
            result = reading.result((), options=options, read=written)
            if not written:
                out.write(_render_page(name, result.to_dict(), layout))
            else:
                final_head, tail, _ = frame(result.to_dict())
                if final_head != head:  # the frame's head holds nothing known only later
                    raise RuntimeError("the rendered export changed ahead of its posts")
                out.write(tail)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return _Spooled(path)


class _Writer:
    """Writes records in the run's layout, one at a time, as they arrive."""

    def __init__(self, out: IO[str], layout: str, *, flush_each: bool = True) -> None:
        self._out = out
        self._layout = layout
        self._flush_each = flush_each
        self._count = 0

    def write(self, text: str | _Spooled) -> None:
        """Write one record (or, in the single layout, the result)."""
        if self._layout == "array":
            self._out.write("[\n" if self._count == 0 else ",\n")
        self._copy(text)
        if self._layout != "array":
            self._out.write("\n")
        self._count += 1
        if self._flush_each:
            self._out.flush()

    def _copy(self, text: str | _Spooled) -> None:
        if isinstance(text, str):
            self._out.write(text)
            return
        try:
            with open(text.path, encoding="utf-8", newline="\n") as spooled:
                shutil.copyfileobj(spooled, self._out, 1 << 16)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(text.path)

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


# -- themes --------------------------------------------------------------------------------


def _cmd_themes(args: argparse.Namespace) -> int:
    return _write_themes(_registry(), args.format, sys.stdout)


def _plugin_origins() -> dict[str, str]:
    """Where each plugin module came from: ``distribution version (entry point)``."""
    from importlib import metadata

    from ._theme import ENTRY_POINT_GROUP

    out: dict[str, str] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        where = f"{dist.name} {dist.version}" if dist is not None else "an unknown package"
        out.setdefault(ep.module, f"plugin from {where} (entry point {ep.name} = {ep.value})")
    return out


def _theme_records(registry: ThemeRegistry) -> list[dict[str, Any]]:
    origins: dict[str, str] | None = None
    records = []
    for name in registry.names():
        theme = registry.get(name)
        module = type(theme).__module__
        if module == "blogparse" or module.startswith("blogparse."):
            origin = "built-in"
        else:
            if origins is None:
                origins = _plugin_origins()
            origin = origins.get(module, f"registered from {module}")
        records.append({"name": name, "description": theme.description or None,
                        "origin": origin, "error": None})
    for error in registry.plugin_errors:
        records.append({"name": error.theme, "description": None, "origin": "plugin",
                        "error": _one_line(str(error))})
    return records


def _write_themes(registry: ThemeRegistry, fmt: str, out: IO[str]) -> int:
    records = _theme_records(registry)
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    width = max((len(r["name"] or "") for r in records), default=0)
    if fmt == "legacy":  # name, description, and a plugin's module in brackets
        for name in registry.names():
            theme = registry.get(name)
            module = type(theme).__module__
            origin = "" if module.startswith("blogparse.") else f"  [{module}]"
            out.write(f"{name:<{width}}  {theme.description}{origin}".rstrip() + "\n")
        return EXIT_OK
    for r in records:
        if r["error"] is not None:
            out.write(f"{r['name'] or '?':<{width}}  BROKEN: {r['error']}\n")
            continue
        line = f"{r['name']:<{width}}  {r['origin']:<8}  {r['description'] or ''}"
        out.write(line.rstrip() + "\n")
    return EXIT_OK


# -- detect --------------------------------------------------------------------------------

_SNIFF_WHY = {
    "wxr": "an RSS document in the WordPress export namespace",
    "mhtml": "MIME headers announcing multipart/related",
    "webarchive": "a property list holding a WebMainResource (a Safari web archive)",
    "blogger": "an Atom feed with Blogger's ids or namespace (a Blogger export)",
    "wp-json": "JSON with the fields of WordPress REST API posts or comments",
    "html": "markup at the start of the document",
    "text": "no markup at the start: plain text",
}
_SUFFIX_FORMATS = {".mhtml": "mhtml", ".mht": "mhtml", ".txt": "text",
                   ".webarchive": "webarchive"}
_BOMS = ((codecs.BOM_UTF8, "UTF-8"), (codecs.BOM_UTF32_LE, "UTF-32"),
         (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
         (codecs.BOM_UTF16_BE, "UTF-16"))


def _cmd_detect(args: argparse.Namespace) -> int:
    registry = _registry()
    _check_input_options(args, registry)
    tasks = _expand(args.inputs)
    fmt = args.format
    single = _names_one_file(args.inputs)
    failed = 0
    out = _Output(None)
    try:
        records = []
        for task in tasks:
            try:
                record = _detect_task(task, args, registry)
            except Exception as exc:
                failed += 1
                if args.traceback:
                    traceback.print_exc(file=sys.stderr)
                message = (f"cannot read: {exc.strerror or exc}" if isinstance(exc, OSError)
                           else str(exc))
                print(f"blogparse: {task.name}: {_one_line(message)}", file=sys.stderr)
                record = {"input": task.name,
                          "error": {"type": type(exc).__name__, "message": _one_line(message)}}
            records.append(record)
            if fmt == "jsonl":
                out.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif fmt == "text" and "error" not in record:
                out.stream.write(_detect_text(record) + ("" if single else "\n"))
        if fmt == "json":
            data: Any = records[0] if single else records
            if not (single and failed):
                out.stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    finally:
        out.close()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _detect_task(task: _Task, args: argparse.Namespace,
                 registry: ThemeRegistry) -> dict[str, Any]:
    """What ``detect`` reports for one input (raises what stops it)."""
    if task.missing is not None:
        raise InputError(task.missing)
    if task.data is not None:
        data = task.data
    else:
        assert task.path is not None
        if os.path.getsize(task.path) > LENIENT.max_input_bytes:
            raise InputError(f"the file is over {LENIENT.max_input_bytes} bytes")
        data = Path(task.path).read_bytes()
    record: dict[str, Any] = {"input": task.name}
    suffix = Path(task.path).suffix.lower() if task.path else ""

    fmt: str
    warc_named = (args.input_format == "warc"
                  or (task.path or "").lower().endswith(WARC_SUFFIXES))
    binary = None if warc_named else _source.binary_kind(data[:512])
    packed = ""
    unpacked: tuple[Defect, ...] = ()
    if binary is not None and binary[0] == "gzip":
        data, unpacked = _source.gunzip(data, limit=LENIENT.max_input_bytes)
        binary = _source.binary_kind(data[:512])
        packed = "gzip-compressed; "
        if task.path and suffix == ".gz":
            suffix = Path(task.path[:-3]).suffix.lower()
    if binary is not None and binary[0] == "zip" and args.input_format in (None, "wxr",
                                                                              "blogger"):
        from ._blogger import zip_export_format

        fmt = args.input_format or zip_export_format(data)
        why = ("a ZIP archive: read as a WordPress export download (its .xml files)"
               if fmt == "wxr" else "a ZIP archive: a Google Takeout archive of a Blogger "
               "blog (its feed.atom)")
        record.update(format=fmt, format_reason=why, encoding=None,
                      encoding_reason="each file of the archive by its XML declaration",
                      theme=None, theme_reason="an export is read by its export reader; "
                      "themes apply to HTML pages", scores=None, evidence=None, defects=[])
        return record
    if binary is not None and args.input_format != "warc":
        raise InputError(f"{binary[1]}{' compressed with gzip' if packed else ''}, not a "
                         "saved page or a WordPress export")
    if args.input_format is not None:
        fmt, why = args.input_format, "given with --input-format"
    elif _is_warc(data[:16], task.path):
        fmt, why = "warc", ("the file name ends in .warc or .warc.gz"
                            if (task.path or "").lower().endswith(WARC_SUFFIXES)
                            else "the data opens with a WARC version line")
    elif _is_wxr(data[:_SNIFF_BYTES]):
        fmt, why = "wxr", "sniffed from the content: " + _SNIFF_WHY["wxr"]
    elif suffix in _SUFFIX_FORMATS:
        fmt, why = _SUFFIX_FORMATS[suffix], f"the file name ends in {suffix}"
    elif _source.looks_like_webarchive(data[:4096]):
        fmt, why = "webarchive", "sniffed from the content: " + _SNIFF_WHY["webarchive"]
    else:
        fmt = _source.sniff_format(data[:_SNIFF_BYTES].decode("latin-1"))
        why = "sniffed from the content: " + _SNIFF_WHY.get(fmt, fmt)
    record["format"] = fmt
    record["format_reason"] = packed + why

    if fmt == "warc":
        record.update(encoding=None, encoding_reason="each record is read on its own",
                      theme=None, theme_reason="detected for each HTML response record; "
                      "'blogparse parse' reports the theme of each", scores=None,
                      evidence=None, defects=[])
        return record
    if fmt in ("wxr", "blogger", "wp-json"):
        declared = _source.declared_encoding(data)
        resolved = _source.resolve_encoding(declared) if declared else None
        record.update(
            encoding=resolved[0] if resolved else declared or "utf-8",
            encoding_reason=("the XML declaration" if declared else
                             "no XML declaration: XML's default, UTF-8"),
            theme=None, theme_reason={
                "wxr": "a WordPress export is read by the export reader",
                "blogger": "a Blogger export is read by the Blogger export reader",
                "wp-json": "a REST API response is read by its JSON reader",
            }[fmt] + "; themes apply to HTML pages",
            scores=None, evidence=None, defects=[])
        return record

    source = _source.read_source(data, encoding=args.encoding, format=fmt)
    record["encoding"] = source.encoding
    record["encoding_reason"] = _encoding_reason(data, args.encoding, fmt)
    record["defects"] = [{"kind": d.kind.value, "message": d.message}
                         for d in unpacked + source.defects]
    if source.format == "text":
        record.update(theme=None, theme_reason="a text dump is read by the text-dump reader; "
                      "themes apply to HTML pages", scores=None, evidence=None)
        return record
    record.update(_detect_theme(source, args.theme, registry))
    return record


def _encoding_reason(data: bytes, asked: str | None, fmt: str) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return f"a {name} byte-order mark"
    if asked is not None:
        return "given with --encoding"
    if fmt == "mhtml":
        return "the MHTML part's charset, else the page's declaration, else a guess"
    if fmt == "webarchive":
        return "the web archive's text encoding, else the page's declaration, else a guess"
    declared = _source.declared_encoding(data)
    if declared is not None:
        return f"the page declares {declared}"
    return "not declared: guessed from the bytes"


def _detect_theme(source: _source.Source, asked: str | None,
                  registry: ThemeRegistry) -> dict[str, Any]:
    from . import _document
    from ._pipeline import page_document

    root, _defects = _document.parse_html(source.text, max_depth=LENIENT.max_depth)
    if root is None:
        return {"theme": None, "theme_reason": "the page holds no markup", "scores": {},
                "evidence": None}
    page, _url, captured = page_document(root, source.text, source.url)
    ranked = registry.scores(page)
    scores = {theme.name: round(score, 3) for score, theme in ranked}
    if asked is not None:
        chosen = registry.get(asked)
        why = "given with --theme (scores shown for comparison)"
    else:
        chosen, best = registry.detect(page)
        if best > 0.0:
            runner_up = next((s for s, t in ranked if t is not chosen), 0.0)
            why = f"the highest score, {best:.2f} (next best {runner_up:.2f})"
        else:
            why = "no theme scores above 0: the fallback theme reads generic markup"
    evidence = {
        "generator": page.generator,
        "wordpress": page.is_wordpress,
        "wordpress_themes": list(page.stylesheet_themes),
        "body_classes": sorted(page.body_classes),
    }
    return {"theme": chosen.name, "theme_reason": why, "kind": chosen.locate(page).kind,
            "scores": scores, "evidence": evidence,
            "captured": captured.isoformat() if captured is not None else None}


def _detect_text(record: dict[str, Any]) -> str:
    lines = [f"{record['input']}",
             f"  format:   {record['format']} ({record['format_reason']})"]
    if record.get("encoding") is not None:
        lines.append(f"  encoding: {record['encoding']} ({record['encoding_reason']})")
    lines.append(f"  theme:    {record['theme'] or '-'} ({record['theme_reason']})")
    if record.get("kind"):
        lines.append(f"  kind:     {record['kind']}")
    if record.get("captured"):
        lines.append(f"  replay:   saved from the Wayback Machine, captured {record['captured']}")
    if record.get("scores"):
        lines.append("  scores:   " + ", ".join(f"{n} {s:.2f}"
                                                for n, s in record["scores"].items()))
    evidence = record.get("evidence")
    if evidence:
        lines.append(f"  evidence: generator {evidence['generator'] or '-'}; "
                     f"WordPress {'yes' if evidence['wordpress'] else 'no'}; "
                     f"theme folders {', '.join(evidence['wordpress_themes']) or '-'}; "
                     f"body classes {' '.join(evidence['body_classes']) or '-'}")
    for defect in record.get("defects") or ():
        lines.append(f"  defect:   {defect['kind']}: {defect['message']}")
    return "\n".join(lines) + "\n"
