"""The Dask recipe: a two-worker local cluster gives the same rows as one process does."""

from __future__ import annotations

import json
import multiprocessing
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("warcio")

import pyarrow.parquet as pq
from distributed import Client, LocalCluster
from tests.test_plugins import INKWELL_PAGE, INKWELL_THEME

import blogparse
from blogparse import distributed as bd
from blogparse._warc import iter_warc

PAGES = Path(__file__).resolve().parent / "pages"
WARC = Path(__file__).resolve().parent / "warc" / "mixed.warc.gz"
TEMPLATES = ("classic_single.html", "classic_archive.html", "wpcom_single.html",
             "block_single.html", "captions.html", "threaded_comments.html")
COPIES = 50  # 6 templates x 50 = 300 pages, plus the web archive's records

pytestmark = pytest.mark.slow


def _write_plugin(folder: Path) -> None:
    """A throw-away distribution with a theme entry point, as pip would install it."""
    (folder / "inkwell_theme.py").write_text(INKWELL_THEME, encoding="utf-8")
    info = folder / "inkwell_theme-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: inkwell-theme\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[blogparse.themes]\ninkwell = inkwell_theme:InkwellTheme\n", encoding="utf-8")


def _add_path(folder: str) -> None:
    sys.path.insert(0, folder)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """Two single-threaded worker processes; the plugin is installed on the workers only."""
    plugin = tmp_path_factory.mktemp("site")
    _write_plugin(plugin)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        c.run(_add_path, str(plugin))
        yield c


def _vary(html: str, word: str, n: int) -> str:
    """The page with its post ids moved and ``word`` (from its first title) numbered."""
    html = re.sub(r"\b(post-|postid-|\?p=)(\d+)", lambda m: f"{m[1]}{int(m[2]) + 1000 * n}",
                  html)
    return html.replace(word, f"{word}{n}")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 pages made from the project's fixture pages, in nested folders, plus a WARC."""
    root = tmp_path_factory.mktemp("corpus")
    for name in TEMPLATES:
        html = (PAGES / name).read_text(encoding="utf-8")
        title = blogparse.parse_file(PAGES / name).posts[0].title
        assert title is not None
        word = title.split()[0]
        folder = root / Path(name).stem
        folder.mkdir()
        for n in range(COPIES):
            (folder / f"page-{n:03d}.html").write_text(_vary(html, word, n), encoding="utf-8")
    (root / "crawl").mkdir()
    (root / "crawl" / "mixed.warc.gz").write_bytes(WARC.read_bytes())
    return root


def _single_process_rows(paths: list[str], strict: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        if path.endswith(".warc.gz"):
            for item in iter_warc(path):
                rows += bd.page_rows(item.result, source=path, record_id=item.record_id,
                                     record_date=item.date, strict=strict)
        else:
            rows += bd.page_rows(blogparse.parse_file(path), source=path, strict=strict)
    return rows


def _key(row: dict[str, Any]) -> tuple[str, str, int]:
    return (row["source"], row["record_id"] or "", -1 if row["post_index"] is None
            else row["post_index"])


def _read_parquet(files: tuple[str, ...]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for f in files:
        table = pq.read_table(f)
        assert bd.row_schema().equals(table.schema, check_metadata=False)
        rows += table.to_pylist()
    return rows


def test_the_cluster_gives_the_rows_of_a_single_process(client: Client, corpus: Path,
                                                        tmp_path: Path) -> None:
    """Hundreds of pages and a web archive parsed by two workers give exactly the rows that
    parse_file and iter_warc give in this process."""
    summary = bd.parse_to_parquet([corpus], tmp_path / "out", client=client, partition_size=40)

    paths = bd.expand_inputs([corpus])
    assert 6 * COPIES + 1 == len(paths) == summary.inputs
    expected = sorted(_single_process_rows(paths), key=_key)
    got = sorted(_read_parquet(summary.files), key=_key)
    assert len(expected) == len(got) == summary.rows
    for want, have in zip(expected, got, strict=True):
        assert want == have
    assert 0 == summary.errors
    assert 6 * COPIES + 6 == summary.pages
    assert sum(r["post_index"] is not None for r in got) == summary.posts
    # The variations took: every copy of a page has titles of its own.
    titles = {r["title"] for r in got if r["source"].endswith(".html")}
    assert len(titles) >= 6 * COPIES


def test_rows_keep_the_whole_result_and_dates_in_utc(client: Client, corpus: Path,
                                                     tmp_path: Path) -> None:
    """result_json rebuilds the page; published is the same instant as the post's date."""
    page = corpus / "classic_archive" / "page-007.html"
    summary = bd.parse_to_parquet(page, tmp_path / "out", client=client)
    rows = _read_parquet(summary.files)
    result = blogparse.parse_file(page)

    assert len(result.posts) == len(rows) > 1
    for row, post in zip(rows, result.posts, strict=True):
        rebuilt = blogparse.PageResult.from_dict(json.loads(row["result_json"]))
        assert (post,) == rebuilt.posts
        assert post.published == row["published"]
        assert post.published is not None
        assert post.published.isoformat() == row["published_local"]


def test_json_lines_strict_mode_and_bad_inputs(client: Client, corpus: Path,
                                               tmp_path: Path) -> None:
    """format="jsonl" writes the same rows as JSON; strict turns pages with defects into
    error rows; an input that cannot be read is an error row and stops nothing."""
    inputs = [str(corpus / "threaded_comments" / "page-001.html"),
              str(corpus / "classic_single" / "page-001.html"),
              str(tmp_path / "missing.html")]
    summary = bd.parse_to_parquet(inputs, tmp_path / "out", client=client, format="jsonl",
                                  strict=True)
    got = [json.loads(line) for f in summary.files
           for line in Path(f).read_text(encoding="utf-8").splitlines()]

    expected = _single_process_rows(inputs[:2], strict=True)
    expected.append(bd.error_row(inputs[2], blogparse.InputError("x")))
    assert [r["source"] for r in expected] == [r["source"] for r in got]
    assert expected[0]["error"] is not None  # the page has naive dates: a defect
    for want, have in zip(expected, got, strict=True):
        want = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in want.items()}
        if want["error"] and want["error"].startswith("InputError"):
            assert have["error"].startswith("InputError: cannot read")
            continue
        assert want == have
    assert 2 == summary.errors


def test_a_plugin_theme_installed_on_the_workers_is_found_there(client: Client,
                                                                tmp_path: Path) -> None:
    """Workers find third-party themes by their entry points, as one process does."""
    page = tmp_path / "ledger.html"
    page.write_text(INKWELL_PAGE, encoding="utf-8")
    assert "inkwell" not in blogparse.default_registry().names()  # not installed here

    summary = bd.parse_to_parquet(page, tmp_path / "out", client=client)
    (row,) = _read_parquet(summary.files)

    assert "inkwell" == row["theme"]
    assert "Ruling a Ledger by Hand" == row["title"]
    assert ["Ottilie Marsh"] == row["authors"]


def test_an_output_folder_is_not_overwritten_by_accident(client: Client, tmp_path: Path) -> None:
    """A second run into the same folder refuses unless overwrite=True."""
    page = PAGES / "classic_single.html"
    bd.parse_to_parquet(page, tmp_path / "out", client=client)
    with pytest.raises(FileExistsError):
        bd.parse_to_parquet(page, tmp_path / "out", client=client)
    summary = bd.parse_to_parquet(page, tmp_path / "out", client=client, overwrite=True)
    assert 1 == summary.rows


def _titles(path: str) -> list[str | None]:
    return [p.title for p in blogparse.parse_file(path).posts]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_the_default_registry_works_in_forked_and_spawned_workers(method: str) -> None:
    """The lazily built registry is usable in children that inherit it (fork) and in
    children that build their own (spawn)."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    blogparse.default_registry()  # built in the parent before the children start
    paths = [str(PAGES / name) for name in TEMPLATES]
    with multiprocessing.get_context(method).Pool(1) as pool:
        got = pool.map(_titles, paths)
    assert [_titles(p) for p in paths] == got


def test_bad_arguments_are_refused() -> None:
    """An unknown format or an empty partition size is a ValueError before any work."""
    with pytest.raises(ValueError, match="format"):
        bd.parse_to_parquet([], "out", format="csv")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="partition_size"):
        bd.parse_to_parquet([], "out", partition_size=0)


def test_the_schema_names_every_column_with_a_description() -> None:
    """The explicit schema has the documented columns, each with a description."""
    schema = bd.row_schema()

    assert bd.COLUMNS == tuple(schema.names)
    assert all(f.metadata and f.metadata[b"description"] for f in schema)


def test_remote_inputs_and_outputs_go_through_fsspec() -> None:
    """URLs are expanded, read and written through fsspec (here its in-memory file system)
    and give the rows the same files give locally."""
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/bp-test/in/a.html", (PAGES / "classic_archive.html").read_bytes())
    fs.pipe("/bp-test/in/crawl.warc.gz", WARC.read_bytes())
    try:
        urls = bd.expand_inputs("memory://bp-test/in/*")
        assert ["memory:///bp-test/in/a.html", "memory:///bp-test/in/crawl.warc.gz"] == urls

        def local(path: Path, url: str) -> list[dict[str, Any]]:
            return [{**row, "source": url} for row in bd.input_rows(str(path))]

        assert local(PAGES / "classic_archive.html", urls[0]) == list(bd.input_rows(urls[0]))
        assert local(WARC, urls[1]) == list(bd.input_rows(urls[1]))

        stats = bd.write_partition(0, urls, "memory://bp-test/out")
        assert "memory:///bp-test/out/part-00000.parquet" == stats["file"]
        with fsspec.open(stats["file"], "rb") as f:
            assert stats["rows"] == pq.read_table(f).num_rows == 3 + 8
    finally:
        fs.rm("/bp-test", recursive=True)
