"""Parse many pages and web archives on a Dask cluster into Parquet or JSON Lines files.

Rules: the parse itself is :func:`~blogparse.parse_file` / :func:`~blogparse.iter_warc`
unchanged, run on the workers; this module only splits the inputs into partitions, turns
each result into flat rows (one per post, :data:`COLUMNS`) and has each partition write its
own file.  Nothing is kept in module state: a worker needs only the installed package (and
whatever plugin themes are installed beside it).  Dask and pyarrow are optional
(``pip install blogparse[dask]``) and imported only when a job runs.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._errors import BlogparseError
from ._models import PageResult, Post, _Model
from ._options import LENIENT, Options
from ._pipeline import parse_page

if TYPE_CHECKING:
    import pyarrow  # type: ignore[import-untyped,unused-ignore]

    from ._theme import Theme
    from ._warc import WarcResult

OutputFormat = Literal["parquet", "jsonl"]
"""The file formats :func:`parse_to_parquet` writes."""

PAGE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".webarchive", ".txt", ".xml", ".atom")
"""File suffixes a folder is searched for (besides web archives), regardless of case."""
WARC_SUFFIXES = (".warc", ".warc.gz")
"""File names ending so are read as web archives, one result per HTML record."""

_INT64 = (-(2**63), 2**63 - 1)
_SUFFIX_FORMATS = {".mhtml": "mhtml", ".mht": "mhtml", ".txt": "text",
                   ".webarchive": "webarchive"}

# name, pyarrow type, description: the flat row schema, documented in docs/distributed.md.
_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("source", "string", "the input file (path or URL) the row comes from"),
    ("record_id", "string", "the WARC-Record-ID, for a page read from a web archive"),
    ("record_date", "timestamp", "the WARC-Date (UTC), for a page read from a web archive"),
    ("captured", "timestamp",
     "when a web archive captured the page (UTC), for a copy saved from its replay"),
    ("url", "string", "the page's address (the WARC-Target-URI for archive records)"),
    ("kind", "string", "the page's kind: single, archive, export, empty, …"),
    ("theme", "string", "the theme that parsed the page"),
    ("format", "string",
     "the input format: html, mhtml, webarchive, text, wxr, blogger or wp-json"),
    ("encoding", "string", "the encoding the page was decoded with"),
    ("post_index", "int32", "the post's position on its page, from 0 (null: no post)"),
    ("title", "string", "the post's title"),
    ("permalink", "string", "the post's own address"),
    ("id", "int64", "the post's id"),
    ("published", "timestamp", "publication time in UTC (null when the page gives no zone)"),
    ("published_offset", "string", "the UTC offset the page wrote the date in, ±HH:MM"),
    ("published_local", "string", "the publication date as the page gives it (ISO 8601)"),
    ("updated", "timestamp", "last update in UTC (null when the page gives no zone)"),
    ("updated_offset", "string", "the UTC offset of the update date, ±HH:MM"),
    ("updated_local", "string", "the update date as the page gives it (ISO 8601)"),
    ("authors", "list<string>", "the authors' names"),
    ("categories", "list<string>", "category names"),
    ("tags", "list<string>", "tag names"),
    ("content_text", "string", "the post's content as text"),
    ("comment_count", "int32", "comments found on the page for the post"),
    ("pingback_count", "int32", "pingbacks and trackbacks found for the post"),
    ("caption_count", "int32", "image captions in the post"),
    ("response_count", "int32", "the response count the page announces"),
    ("defects", "list<string>", "the page's defects, each as 'kind: message'"),
    ("error", "string", "why the input or record gave no result, as 'ErrorType: message'"),
    ("result_json", "string",
     "the page's result as JSON (PageResult.to_dict()), its posts list holding only this "
     "row's post"),
)

COLUMNS: tuple[str, ...] = tuple(name for name, _, _ in _COLUMNS)
"""The row columns, in order (see :func:`row_schema` and ``docs/distributed.md``)."""


@attrs.frozen(kw_only=True)
class Summary(_Model):
    """What a :func:`parse_to_parquet` run did."""

    out_dir: str
    """Where the files were written."""
    format: str
    """``parquet`` or ``jsonl``."""
    files: tuple[str, ...] = ()
    """The files written, one per partition, in partition order."""
    inputs: int = 0
    """Input files read (pages, exports and web archives)."""
    pages: int = 0
    """Results produced: one per page file, one per HTML record of an archive."""
    posts: int = 0
    """Posts found, i.e. rows with a ``post_index``."""
    rows: int = 0
    """Rows written."""
    errors: int = 0
    """Rows with an ``error``: inputs or records that gave no result."""


def row_schema() -> pyarrow.Schema:
    """The explicit pyarrow schema of the rows (column order is :data:`COLUMNS`)."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(),
             "timestamp": pa.timestamp("us", tz="UTC"), "list<string>": pa.list_(pa.string())}
    return pa.schema([pa.field(name, types[kind], nullable=True,
                               metadata={"description": doc})
                      for name, kind, doc in _COLUMNS])


# -- rows ------------------------------------------------------------------------------------


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.utcoffset() is None:
        return None
    return value.astimezone(UTC)


def _offset(value: datetime | None) -> str | None:
    delta = None if value is None else value.utcoffset()
    if delta is None:
        return None
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _int64(value: int | None) -> int | None:
    return value if value is not None and _INT64[0] <= value <= _INT64[1] else None


def _names(items: Iterable[Any]) -> list[str]:
    return [item.name for item in items if item.name is not None]


def _empty_row(source: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row["source"] = source
    return row


def _post_fields(row: dict[str, Any], index: int, post: Post) -> None:
    row.update(
        post_index=index, title=post.title, permalink=post.url, id=_int64(post.id),
        published=_utc(post.published), published_offset=_offset(post.published),
        published_local=None if post.published is None else post.published.isoformat(),
        updated=_utc(post.updated), updated_offset=_offset(post.updated),
        updated_local=None if post.updated is None else post.updated.isoformat(),
        authors=_names(post.authors), categories=_names(post.categories),
        tags=_names(post.tags), content_text=post.content_text,
        comment_count=len(post.comments), pingback_count=len(post.pingbacks),
        caption_count=len(post.captions), response_count=post.response_count)


def page_rows(
    result: PageResult, *, source: str, record_id: str | None = None,
    record_date: datetime | None = None, strict: bool = False,
) -> list[dict[str, Any]]:
    """The flat rows of one parsed page: one per post, or one row if it has no post.

    ``source`` names the input; ``record_id`` and ``record_date`` the web-archive record.
    With ``strict``, a page with defects gives a single error row instead (as strict
    parsing would have refused it).
    """
    base = _empty_row(source)
    base.update(record_id=record_id, record_date=_utc(record_date), url=result.url,
                captured=_utc(result.captured),
                defects=[f"{d.kind.value}: {d.message}" for d in result.defects])
    if strict and result.defects:
        base["error"] = f"StrictModeError: {len(result.defects)} defect(s) in strict mode"
        return [base]
    base.update(kind=result.kind, theme=result.theme, format=result.format,
                encoding=result.encoding)
    data = result.to_dict()
    if not result.posts:
        base["result_json"] = _json(data)
        return [base]
    rows = []
    for index, (post, post_data) in enumerate(zip(result.posts, data["posts"], strict=True)):
        row = dict(base)
        _post_fields(row, index, post)
        # The page with only this row's post: whole, yet linear in the page's size.
        row["result_json"] = _json({**data, "posts": [post_data]})
        rows.append(row)
    return rows


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def error_row(source: str, error: BaseException, *, record_id: str | None = None,
              url: str | None = None) -> dict[str, Any]:
    """The row of an input (or archive record) that gave no result because of ``error``."""
    row = _empty_row(source)
    row.update(record_id=record_id, url=url, defects=[],
               error=f"{type(error).__name__}: {error}")
    return row


# -- inputs ----------------------------------------------------------------------------------


def _is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def is_warc(path: str) -> bool:
    """Whether ``path`` names a web archive: by its suffix, or a local file by its first line."""
    low = path.lower()
    if low.endswith(WARC_SUFFIXES):
        return True
    if _is_remote(path) or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(16).lstrip(b"\r\n").startswith(b"WARC/1.")
    except OSError:
        return False


def _wanted(name: str) -> bool:
    low = name.lower()
    if low.endswith(".gz") and not low.endswith(WARC_SUFFIXES):
        low = low[:-3]  # a gzip-compressed page or export
    return not name.startswith(".") and (low.endswith(PAGE_SUFFIXES + WARC_SUFFIXES))


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _wanted(name):
                yield os.path.join(root, name)


def expand_inputs(inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
                  ) -> list[str]:
    """The files ``inputs`` name, in order, each once.

    Folders are searched recursively for pages, exports and web archives (hidden files
    left out); glob patterns are expanded (``**`` too); remote URLs (``s3://…``,
    ``https://…``) are kept as they are, their globs expanded by fsspec.  A path that
    names nothing is kept too, so that its run reports it as an error row.
    """
    items = [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.append(path)

    for item in items:
        arg = os.fspath(item)
        if _is_remote(arg):
            if glob.has_magic(arg):
                import fsspec  # type: ignore[import-untyped,unused-ignore]

                fs, _, paths = fsspec.get_fs_token_paths(arg)
                for path in sorted(paths):
                    add(fs.unstrip_protocol(path))
            else:
                add(arg)
        elif os.path.isdir(arg):
            for path in _walk(arg):
                add(path)
        elif not os.path.exists(arg) and glob.has_magic(arg):
            for match in sorted(glob.glob(arg, recursive=True)):
                if os.path.isdir(match):
                    for path in _walk(match):
                        add(path)
                else:
                    add(match)
        else:
            add(arg)
    return found


def input_rows(
    path: str, *, options: Options = LENIENT, theme: str | Theme | None = None,
    strict: bool = False,
) -> Iterator[dict[str, Any]]:
    """The rows of one input file: a page, an export, or every HTML record of a web archive.

    What one worker does for one input.  An input that fails gives an error row; a web
    archive that breaks off gives the rows of its records before the break, then one.
    """
    try:
        if is_warc(path):
            yield from _warc_rows(path, options=options, theme=theme, strict=strict)
            return
        result = _parse_one(path, options=options, theme=theme)
    except BlogparseError as exc:
        yield error_row(path, exc)
        return
    yield from page_rows(result, source=path, strict=strict)


def _parse_one(path: str, *, options: Options, theme: str | Theme | None) -> PageResult:
    from ._pipeline import parse_file

    if not _is_remote(path):
        return parse_file(path, theme=theme, options=options)
    import fsspec  # type: ignore[import-untyped,unused-ignore]

    with fsspec.open(path, "rb") as f:
        data = f.read(options.max_input_bytes + 1)
    low = path.lower()
    fmt = next((v for k, v in _SUFFIX_FORMATS.items() if low.endswith(k)), None)
    return parse_page(data, theme=theme, format=fmt, options=options)


def _warc_rows(path: str, *, options: Options, theme: str | Theme | None,
               strict: bool) -> Iterator[dict[str, Any]]:
    from ._warc import iter_warc

    def rows(records: Iterator[WarcResult]) -> Iterator[dict[str, Any]]:
        for item in records:
            yield from page_rows(item.result, source=path, record_id=item.record_id,
                                 record_date=item.date, strict=strict)

    try:
        if _is_remote(path):
            import fsspec  # type: ignore[import-untyped,unused-ignore]

            with fsspec.open(path, "rb") as f:
                yield from rows(iter_warc(f, options=options, theme=theme, errors="record"))
        else:
            yield from rows(iter_warc(path, options=options, theme=theme, errors="record"))
    except BlogparseError as exc:
        yield error_row(path, exc)


# -- writing ---------------------------------------------------------------------------------


def _partitions(paths: Sequence[str], size: int) -> list[list[str]]:
    """Pages in groups of ``size``; each web archive a partition of its own."""
    parts: list[list[str]] = []
    pages: list[str] = []
    for path in paths:
        if is_warc(path):
            parts.append([path])
        else:
            pages.append(path)
            if len(pages) == size:
                parts.append(pages)
                pages = []
    if pages:
        parts.append(pages)
    return parts


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_partition(
    index: int, paths: Sequence[str], out_dir: str, *, format: OutputFormat = "parquet",
    options: Options = LENIENT, theme: str | Theme | None = None, strict: bool = False,
) -> dict[str, Any]:
    """Parse ``paths`` and write their rows to ``part-<index>.<format>`` in ``out_dir``.

    The task each worker runs; rows are written in batches of :data:`BATCH_ROWS`, so a
    web archive of any size is written in bounded memory.  Returns the partition's counts
    and file name.
    """
    import fsspec  # type: ignore[import-untyped,unused-ignore]

    fs, root = fsspec.core.url_to_fs(out_dir)
    name = f"part-{index:05d}.{'parquet' if format == 'parquet' else 'jsonl'}"
    target = f"{root.rstrip('/')}/{name}"
    counts = {"inputs": len(paths), "rows": 0, "pages": 0, "posts": 0, "errors": 0}
    rows = (row for path in paths
            for row in input_rows(path, options=options, theme=theme, strict=strict))
    with fs.open(target, "wb") as f:
        if format == "parquet":
            _write_parquet(f, rows, counts)
        else:
            for row in rows:
                _count(counts, row)
                line = json.dumps(row, ensure_ascii=False, default=_json_default)
                f.write(line.encode("utf-8") + b"\n")
    return {"file": fs.unstrip_protocol(target) if _is_remote(out_dir) else target, **counts}


BATCH_ROWS = 1000
"""Rows held in memory before a partition writes them out (one Parquet row group)."""


def _count(counts: dict[str, int], row: dict[str, Any]) -> None:
    counts["rows"] += 1
    counts["posts"] += row["post_index"] is not None
    counts["errors"] += row["error"] is not None
    # A page's first row (or only row) counts the page.
    counts["pages"] += row["error"] is None and row["post_index"] in (None, 0)


def _write_parquet(f: Any, rows: Iterator[dict[str, Any]], counts: dict[str, int]) -> None:
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    schema = row_schema()
    with pq.ParquetWriter(f, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            _count(counts, row)
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or counts["rows"] == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))


def parse_to_parquet(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    client: Any = None,
    partition_size: int = 64,
    theme: str | Theme | None = None,
    strict: bool = False,
    format: OutputFormat = "parquet",
    options: Options | None = None,
    overwrite: bool = False,
) -> Summary:
    """Parse pages, exports and web archives on a Dask cluster; write flat rows to files.

    ``inputs`` are files, folders, globs or remote URLs (see :func:`expand_inputs`).  Pages
    are parsed ``partition_size`` to a task; each web archive is a task of its own.  Every
    task writes one file, ``part-NNNNN.parquet`` (explicit schema :func:`row_schema`) or
    ``part-NNNNN.jsonl``, into ``out_dir`` (a local folder every worker can reach, or an
    fsspec URL such as ``s3://bucket/out``).  ``client`` is a ``distributed.Client``; without
    one, Dask's current scheduler is used (a running ``Client`` if there is one).
    ``theme`` skips detection; ``strict`` turns every page with defects into an error
    row.  Inputs that fail become error rows: one bad page never stops the run.

    Raises :class:`FileExistsError` when ``out_dir`` already holds part files (unless
    ``overwrite``), :class:`ValueError` for a bad ``format`` or ``partition_size``, and
    :class:`ImportError` naming ``blogparse[dask]`` when Dask, pyarrow or fsspec is missing.
    """
    if format not in ("parquet", "jsonl"):
        raise ValueError(f"format must be 'parquet' or 'jsonl', not {format!r}")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    try:
        import fsspec  # type: ignore[import-untyped,unused-ignore]
        import pyarrow  # type: ignore[import-untyped,unused-ignore]  # noqa: F401
        from dask.base import compute
        from dask.delayed import delayed
    except ImportError as exc:
        raise ImportError(f"parse_to_parquet needs {exc.name}: install blogparse[dask]") from exc
    opts = LENIENT if options is None else options
    if opts.strict:
        strict, opts = True, attrs.evolve(opts, strict=False)
    out = os.fspath(out_dir)
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)
    old = fs.glob(f"{root.rstrip('/')}/part-*")
    if old and not overwrite:
        raise FileExistsError(f"{out} already holds {len(old)} part file(s); "
                              "pass overwrite=True to replace them")
    for path in old:
        fs.rm(path)
    paths = expand_inputs(inputs)
    # pyarrow is imported above so a missing one fails here, not on each worker.
    tasks = [delayed(write_partition, pure=False)(
        n, part, out, format=format, options=opts, theme=theme, strict=strict)
        for n, part in enumerate(_partitions(paths, partition_size))]
    stats = (client.gather(client.compute(tasks)) if client is not None
             else compute(*tasks))  # type: ignore[no-untyped-call,unused-ignore]
    return Summary(out_dir=out, format=format, files=tuple(s["file"] for s in stats),
                   inputs=len(paths), pages=sum(s["pages"] for s in stats),
                   posts=sum(s["posts"] for s in stats), rows=sum(s["rows"] for s in stats),
                   errors=sum(s["errors"] for s in stats))


__all__ = [
    "BATCH_ROWS",
    "COLUMNS",
    "PAGE_SUFFIXES",
    "WARC_SUFFIXES",
    "OutputFormat",
    "Summary",
    "error_row",
    "expand_inputs",
    "input_rows",
    "is_warc",
    "page_rows",
    "parse_to_parquet",
    "row_schema",
    "write_partition",
]
