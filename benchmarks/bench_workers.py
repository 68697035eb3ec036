"""Throughput of ``blogparse.distributed.parse_to_parquet`` on one machine as workers grow.

The script writes ``--pages`` saved pages (default 600) into a temporary folder, made by
varying the project's own page fixtures (``tests/pages``: each copy gets its own title
words and post ids), and adds ``--warcs`` copies of the fixture web archive.  Then, in one
run, it measures:

* the baseline: the same job in this process, no Dask (``write_partition`` over every
  input in turn), writing the same Parquet rows;
* ``parse_to_parquet`` on a ``distributed.LocalCluster(n_workers=k, threads_per_worker=1,
  processes=True)`` for k = 1 … ``--max-workers`` (default: ``os.cpu_count()``).

Each is timed ``--repeat`` times (default 3; the cluster is started and warmed up before
its timings, not during them) and the median is kept.  The table gives pages per second,
the speed-up against one worker and the ratio against the in-process baseline.  Nothing is
asserted: on a machine whose cores are shared with other work the speed-up stays below k.

    python benchmarks/bench_workers.py
    python benchmarks/bench_workers.py --pages 2000 --repeat 5 --max-workers 4
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "pages"
WARC = ROOT / "tests" / "warc" / "mixed.warc.gz"


def make_corpus(folder: Path, pages: int, warcs: int) -> int:
    """Write ``pages`` varied pages and ``warcs`` archives; return the page count."""
    import blogparse

    templates = []
    for path in sorted(FIXTURES.glob("*.html")):
        result = blogparse.parse_file(path)
        title = result.posts[0].title if result.posts else None
        word = title.split()[0] if title else None
        templates.append((path.read_text(encoding="utf-8"), word))
    for n in range(pages):
        html, word = templates[n % len(templates)]
        html = re.sub(r"\b(post-|postid-|\?p=)(\d+)",
                      lambda m: f"{m[1]}{int(m[2]) + 1000 * n}", html)  # noqa: B023
        if word:
            html = html.replace(word, f"{word}{n}")
        (folder / f"page-{n:05d}.html").write_text(html, encoding="utf-8")
    for n in range(warcs):
        shutil.copyfile(WARC, folder / f"crawl-{n:03d}.warc.gz")
    return pages + warcs * 6  # the fixture archive holds six HTML records


def _time(job: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--warcs", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=25)
    parser.add_argument("--max-workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    from blogparse import default_registry
    from blogparse.distributed import expand_inputs, parse_to_parquet, write_partition

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        total = make_corpus(corpus, args.pages, args.warcs)
        paths = expand_inputs([corpus])
        out = Path(tmp) / "out"
        print(f"{total} pages ({args.pages} files, {args.warcs} web archives), "
              f"partition size {args.partition_size}, median of {args.repeat} runs, "
              f"{os.cpu_count()} cores")

        def in_process() -> None:
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            write_partition(0, paths, str(out))

        default_registry()
        base = _time(in_process, args.repeat)
        rows = [("in-process (no Dask)", base, None)]
        for k in range(1, args.max_workers + 1):
            with LocalCluster(n_workers=k, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                client.run(default_registry)  # warm: imports and the theme registry

                def on_cluster(client: Client = client) -> None:
                    parse_to_parquet([corpus], out, client=client, overwrite=True,
                                     partition_size=args.partition_size)

                on_cluster()
                rows.append((f"LocalCluster, {k} worker(s)", _time(on_cluster, args.repeat), k))

        one = next(t for _, t, k in rows if k == 1)
        print(f"{'run':<28} {'seconds':>8} {'pages/s':>9} {'vs 1 worker':>12} "
              f"{'vs in-process':>14}")
        for name, seconds, k in rows:
            speedup = f"{one / seconds:.2f}x" if k is not None else "-"
            print(f"{name:<28} {seconds:8.2f} {total / seconds:9.0f} {speedup:>12} "
                  f"{base / seconds:13.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
