"""How parse time grows with the number of comments and pingbacks on a page.

Generates single-post pages (``bench_pages.discussion_page``: the test renderer's
WordPress markup, replies nested up to three levels) with a growing discussion and times,
in one run, the bare ``lxml.html.document_fromstring`` of each page and
``blogparse.parse_page``.  It prints milliseconds, microseconds per response and the ratio
to the bare parse, then fits ``time ~ n ** k`` over the larger sizes: ``k`` near 1.0 is
linear growth, near 2.0 would be a quadratic step.  Nothing is asserted.

    python benchmarks/bench_growth.py
    python benchmarks/bench_growth.py --sizes 1 10 100 1000 2000 5000 --repeat 5
    python benchmarks/bench_growth.py --theme wordpress-block
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from pathlib import Path

import lxml.html

import blogparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import discussion_page
from bench_peers import median_ms


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mx) ** 2 for x in xs)
    return num / den if den else float("nan")


def series(label: str, pages: list[tuple[int, bytes]], repeat: int) -> None:
    """Time each page and print one table with its fitted exponent."""
    print(f"\n{label}")
    print(f"{'responses':>10}{'KB':>8}{'lxml ms':>10}{'blogparse ms':>14}{'us/response':>13}"
          f"{'ratio':>8}")
    sizes, ours = [], []
    for n, data in pages:
        base = median_ms(repeat, lambda: lxml.html.document_fromstring(data)) / 1000  # noqa: B023
        mine = median_ms(repeat, lambda: blogparse.parse_page(data)) / 1000  # noqa: B023
        result = blogparse.parse_page(data)
        got = len(result.post.comments) + len(result.post.pingbacks) if result.post else 0
        if got != n:
            print(f"  (page with {n} responses parsed to {got})")
        sizes.append(n)
        ours.append(mine)
        print(f"{n:>10}{len(data) / 1024:>8.0f}{base * 1e3:>10.2f}{mine * 1e3:>14.2f}"
              f"{mine / n * 1e6:>13.1f}{mine / base:>8.1f}")
    big = [(n, t) for n, t in zip(sizes, ours, strict=True) if n >= 100]
    if len(big) >= 2:
        k = fit_exponent([n for n, _ in big], [t for _, t in big])
        print(f"fitted time ~ n^{k:.2f} over {big[0][0]}..{big[-1][0]} responses "
              "(1.00 is linear)")


def main(argv: list[str] | None = None) -> int:
    """Build the pages, time them, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[1, 10, 100, 1000, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page (median)")
    parser.add_argument("--theme", default="wordpress-classic",
                        help="markup of the generated pages (wordpress-classic, "
                             "wordpress-com, wordpress-block)")
    args = parser.parse_args(argv)
    print(f"blogparse {blogparse.__version__}, Python {sys.version.split()[0]}, "
          f"{args.theme} markup, median of {args.repeat} runs")
    series("comments (threaded, one pingback per ten comments)",
           [(n + n // 10, discussion_page(n, n // 10, theme=args.theme)) for n in args.sizes],
           args.repeat)
    series("pingbacks (and one comment)",
           [(n + 1, discussion_page(1, n, theme=args.theme)) for n in args.sizes],
           args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
