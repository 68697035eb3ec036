"""blogparse against the bare lxml parse and against general extractors, on the same pages.

For every page, in one run, it times (median of ``--repeat`` runs after one warm-up):

* **lxml**: ``lxml.html.document_fromstring`` on the decoded page — building the tree,
  the least any lxml-based parser must do (the page is decoded beforehand, untimed);
* **blogparse**: ``blogparse.parse_page`` on the page's bytes (decoding included);
* **trafilatura**: ``trafilatura.extract(bytes, with_metadata=True, include_comments=True,
  output_format="json")``;
* **readability**: ``readability.Document(text).summary()``.

Pages: the WordPress pages of the shared corpus (``../shared/corpus``, ``MANIFEST.tsv``,
``is_wordpress=yes``) and generated single posts with 1, 100 and 2,000 comments (and a
pingback per ten comments) in WordPress' classic markup.  It prints each page's medians
and the ratios blogparse/lxml and peer/blogparse, then the medians of those over the
corpus pages.  The peers are optional (``pip install -e .[bench]``); a missing one is
skipped.  Nothing is asserted.

    python benchmarks/bench_peers.py
    python benchmarks/bench_peers.py --repeat 5 --quiet
    python benchmarks/bench_peers.py --no-peers          # lxml and blogparse only
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

import blogparse
from blogparse import _source

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import discussion_page

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
GENERATED = (1, 100, 2000)


@dataclass
class Page:
    """One page to measure: its name, bytes, decoded text and whether it is generated."""

    name: str
    data: bytes
    text: str
    generated: bool = False
    ms: dict[str, float] = field(default_factory=dict)


def corpus_pages(shared: Path) -> list[Page]:
    """The shared corpus's WordPress HTML pages, in manifest order."""
    manifest = shared / "corpus" / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for row in rows:
        path = shared / "corpus" / row["local_file"]
        if row.get("is_wordpress") == "yes" and path.suffix in {".html", ".htm"} \
                and path.is_file():
            out.append(_page(path.name, path.read_bytes()))
    return out


def _page(name: str, data: bytes, generated: bool = False) -> Page:
    # The page decoded as blogparse decodes it, so the baseline parses the same text.
    return Page(name, data, _source.read_source(data).text, generated)


def median_ms(repeat: int, func: Callable[[], object]) -> float:
    """Milliseconds: the median of ``repeat`` timed calls after one warm-up call."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def lxml_parse(page: Page) -> object:
    """The baseline: the tree of the decoded page."""
    try:
        return lxml.html.document_fromstring(page.text)
    except ValueError:  # a str with an XML encoding declaration: give lxml the bytes
        return lxml.html.document_fromstring(page.data)


def tools(peers: bool) -> dict[str, Callable[[Page], object]]:
    """The measured callables by column name (peers only when installed)."""
    out: dict[str, Callable[[Page], object]] = {
        "lxml": lxml_parse,
        "blogparse": lambda p: blogparse.parse_page(p.data),
    }
    if not peers:
        return out
    try:
        import trafilatura

        out["trafilatura"] = lambda p: trafilatura.extract(
            p.data, with_metadata=True, include_comments=True, output_format="json")
    except ImportError:
        print("trafilatura is not installed: skipped")
    try:
        import readability  # type: ignore[import-untyped]

        out["readability"] = lambda p: readability.Document(p.text).summary()
    except ImportError:
        print("readability-lxml is not installed: skipped")
    return out


def _safe(func: Callable[[Page], object], page: Page) -> Callable[[], object]:
    def call() -> object:
        try:
            return func(page)
        except Exception:  # a refused page still costs its time
            return None
    return call


def main(argv: list[str] | None = None) -> int:
    """Measure every page with every tool and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", metavar="DIR", default=str(DEFAULT_SHARED),
                        help="the shared folder holding corpus/MANIFEST.tsv")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page (median)")
    parser.add_argument("--no-peers", action="store_true", help="time lxml and blogparse only")
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    pages = corpus_pages(Path(args.shared))
    corpus_count = len(pages)
    pages += [_page(f"generated: {n} comments", discussion_page(n, n // 10), generated=True)
              for n in GENERATED]
    columns = tools(not args.no_peers)
    print(f"blogparse {blogparse.__version__}, Python {sys.version.split()[0]}, "
          f"lxml {'.'.join(map(str, lxml.etree.LXML_VERSION[:3]))}; "
          f"{corpus_count} corpus WordPress pages + {len(GENERATED)} generated; "
          f"median of {args.repeat} runs per page\n")

    peers = [c for c in columns if c not in ("lxml", "blogparse")]
    head = f"{'page':<44}{'KB':>6}" + "".join(f"{c[:11] + ' ms':>15}" for c in columns) \
        + f"{'ours/lxml':>11}" + "".join(f"{c[:5] + '/ours':>12}" for c in peers)
    if not args.quiet:
        print(head)
    for page in pages:
        for name, func in columns.items():
            page.ms[name] = median_ms(args.repeat, _safe(func, page))
        if not args.quiet:
            ours = page.ms["blogparse"]
            print(f"{page.name[:43]:<44}{len(page.data) / 1024:>6.0f}"
                  + "".join(f"{page.ms[c]:>15.2f}" for c in columns)
                  + f"{ours / page.ms['lxml']:>11.1f}"
                  + "".join(f"{page.ms[c] / ours:>12.1f}" for c in peers))

    corpus = [p for p in pages if not p.generated]
    print(f"\nsummary over the {len(corpus)} corpus pages (medians)")
    print(f"{'':<34}{'median ms':>10}{'median ratio':>14}{'ratio of totals':>17}")
    for name in columns:
        ms = [p.ms[name] for p in corpus]
        if not ms:
            continue
        if name == "blogparse":
            ratios = [p.ms["blogparse"] / p.ms["lxml"] for p in corpus]
            label, total = "blogparse (ratio: ours / lxml)", \
                sum(ms) / sum(p.ms["lxml"] for p in corpus)
        elif name == "lxml":
            print(f"{'lxml (baseline)':<34}{statistics.median(ms):>10.2f}")
            continue
        else:
            ratios = [p.ms[name] / p.ms["blogparse"] for p in corpus]
            label, total = f"{name} (ratio: it / ours)", \
                sum(ms) / sum(p.ms["blogparse"] for p in corpus)
        print(f"{label:<34}{statistics.median(ms):>10.2f}{statistics.median(ratios):>14.1f}"
              f"{total:>17.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
