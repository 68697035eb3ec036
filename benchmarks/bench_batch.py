"""Batch throughput of the ``blogparse parse`` command: ``-j 1`` against ``-j N`` in one run.

The script writes ``--pages`` saved pages (default 10,000) into a temporary folder, made by
varying the project's own page fixtures (``tests/pages``): each copy gets its own title,
post id and number of comments (some comments dropped, some cloned with fresh ids).  Then
it runs the command as a user would, in a fresh process, JSON Lines to the null device::

    blogparse parse DIR -o /dev/null --no-progress -j 1
    blogparse parse DIR -o /dev/null --no-progress -j N

alternating the two ``--repeat`` times, and prints pages per second for each run and the
ratio of the medians.  Nothing is asserted: the numbers depend on the machine and on what
else it is doing, so only the ratio measured in the same run means anything.

    python benchmarks/bench_batch.py                     # 10,000 pages, -j 1 vs -j 2
    python benchmarks/bench_batch.py --pages 2000 --repeat 3
    python benchmarks/bench_batch.py --jobs 4 --dir /tmp/pages   # keep the pages for reuse
"""

from __future__ import annotations

import argparse
import copy
import functools
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.etree as etree
import lxml.html

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "pages"

_COMMENT_ID_RE = re.compile(r"^(li-|div-)?comment-(\d+)$")


def _fixtures() -> list[Path]:
    """The HTML page fixtures the generated pages are varied from."""
    pages = sorted(FIXTURES.glob("*.html")) + sorted((FIXTURES / "cli").rglob("*.htm*"))
    if not pages:
        raise SystemExit(f"no page fixtures under {FIXTURES}")
    return pages


def _retitle(root: lxml.html.HtmlElement, n: int) -> None:
    """Give the page's own title and its headings a suffix of their own."""
    for el in root.iter("title", "h1"):
        target = el
        while target.text is None and len(target):
            target = target[0]
        target.text = f"{target.text or ''} (copy {n})"
    for el in root.iter("meta"):
        if el.get("property") in {"og:title", "twitter:title"} and el.get("content"):
            el.set("content", f"{el.get('content')} (copy {n})")


def _comment_items(root: lxml.html.HtmlElement) -> list[etree._Element]:
    """The outermost comment items (threads' roots) of the page, in page order."""
    items = [el for el in root.iter("li", "article", "div")
             if _COMMENT_ID_RE.match(el.get("id") or "")]
    chosen = set(items)
    outer = []
    for el in items:
        parent = el.getparent()
        while parent is not None and parent not in chosen:
            parent = parent.getparent()
        if parent is None:
            outer.append(el)
    return outer


def _vary_comments(root: lxml.html.HtmlElement, n: int) -> None:
    """Drop the last comment, keep them all, or clone the first one once or three times."""
    items = _comment_items(root)
    if not items:
        return
    step = n % 4
    if step == 1:
        last = items[-1]
        parent = last.getparent()
        if parent is not None:
            parent.remove(last)
        return
    for k in range(step - 1 if step > 1 else 0):
        clone = copy.deepcopy(items[0])
        for el in clone.iter():
            if not isinstance(el.tag, str):
                continue
            m = _COMMENT_ID_RE.match(el.get("id") or "")
            if m:
                el.set("id", f"{m.group(1) or ''}comment-{900_000 + n * 4 + k}")
        items[-1].addnext(clone)


def _post_id_re(data: bytes) -> re.Pattern[str] | None:
    """A pattern matching the page's post ids wherever the markup writes them."""
    import blogparse

    ids = sorted({str(p.id) for p in blogparse.parse_page(data).posts if p.id is not None})
    return re.compile(r"\b(" + "|".join(ids) + r")\b") if ids else None


def _shifted(match: re.Match[str], *, by: int) -> str:
    return str(int(match.group(1)) + by)


def generate(folder: Path, count: int) -> None:
    """Write ``count`` varied pages into ``folder`` (100 per sub-folder)."""
    sources = [(p.suffix, p.read_bytes()) for p in _fixtures()]
    id_patterns = [_post_id_re(data) for _, data in sources]
    for n in range(count):
        suffix, data = sources[n % len(sources)]
        id_re = id_patterns[n % len(sources)]
        root = lxml.html.document_fromstring(data)
        _retitle(root, n)
        _vary_comments(root, n)
        html = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
        if id_re is not None:
            html = id_re.sub(functools.partial(_shifted, by=10 * n), html)
        sub = folder / f"{n // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page-{n:05d}{suffix}").write_text(html, encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, jobs: int) -> tuple[float, float]:
    """Time one ``blogparse parse`` run over ``folder``; return wall and CPU seconds.

    The CPU seconds are those of the command and its workers together: their ratio to the
    wall time says how many cores the run actually got on a machine shared with others.
    """
    argv = [sys.executable, "-m", "blogparse", "parse", str(folder), "-o", os.devnull,
            "--no-progress", "-j", str(jobs)]
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: "
                         f"{proc.stderr.decode(errors='replace')[-2000:]}")
    return elapsed, _children_cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    """Generate the pages, time the runs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000, help="pages to generate")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes to compare")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each setting")
    parser.add_argument("--dir", type=Path,
                        help="generate into (or reuse) this folder instead of a temporary one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="blogparse-batch-") as tmp:
        folder = args.dir or Path(tmp)
        existing = sum(1 for _ in folder.rglob("page-*")) if folder.is_dir() else 0
        if existing != args.pages:
            if existing:
                raise SystemExit(f"{folder} holds {existing} pages, not {args.pages}")
            print(f"generating {args.pages} pages in {folder} ...", flush=True)
            generate(folder, args.pages)
        for page in folder.rglob("page-*"):  # warm the file cache
            page.read_bytes()
        run(next(p for p in sorted(folder.iterdir()) if p.is_dir()), 1)  # and bytecode
        timings: dict[int, list[float]] = {1: [], args.jobs: []}
        cpus: dict[int, list[float]] = {1: [], args.jobs: []}
        for _ in range(args.repeat):
            for jobs in (1, args.jobs):
                elapsed, cpu = run(folder, jobs)
                timings[jobs].append(elapsed)
                cpus[jobs].append(cpu)
                print(f"  -j {jobs}: {elapsed:7.2f} s  {args.pages / elapsed:8.0f} pages/s  "
                      f"cpu {cpu:7.2f} s ({cpu / elapsed:.2f} cores busy)", flush=True)
        single = statistics.median(timings[1])
        multi = statistics.median(timings[args.jobs])
        print(f"pages: {args.pages}   cores: {os.cpu_count()}   runs each: {args.repeat}")
        print(f"-j 1 : {args.pages / single:8.0f} pages/s (median {single:.2f} s)")
        print(f"-j {args.jobs} : {args.pages / multi:8.0f} pages/s (median {multi:.2f} s)")
        print(f"ratio -j {args.jobs} / -j 1: {single / multi:.2f}x")
        # What the pool itself costs, whatever else the machine is doing: the CPU seconds
        # of all processes of a -j N run against those of the -j 1 run.
        extra = statistics.median(cpus[args.jobs]) / statistics.median(cpus[1]) - 1
        busy = {jobs: statistics.median(c / t for c, t in zip(cpus[jobs], timings[jobs],
                                                              strict=True))
                for jobs in (1, args.jobs)}
        print(f"CPU seconds of -j {args.jobs} over -j 1: {100 * extra:+.1f}%  (cores busy: "
              f"-j 1 {busy[1]:.2f}, -j {args.jobs} {busy[args.jobs]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
