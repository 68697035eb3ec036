"""Page parse time against a bare lxml parse, and batch throughput with one core vs all.

Two measurements, each reported as a ratio against a baseline taken in the same run, so the
figures compare across machines:

* **per page**: for every page, the best of ``--repeat`` runs of
  ``lxml.html.document_fromstring(data)`` (the baseline: the least any HTML parser built on
  lxml must do) and of ``blogparse.parse_page(data)`` (decode, sniff, tree, theme detection,
  extraction, models) on the same bytes.  The ratio says how much work blogparse adds on
  top of building the tree.
* **batch**: the ``blogparse`` command over a folder of ``--batch`` pages, as a user runs it
  (a fresh process, JSON Lines to a null device), with ``--jobs 1`` and with every core.

The pages are the shared corpus (``../shared/corpus/html``, or ``--corpus DIR``) when it is
there, else generated classic-theme pages (``--generate N`` forces that).  Nothing is
asserted; the script prints a table.

    python benchmarks/bench_pages.py                  # corpus if present, else generated
    python benchmarks/bench_pages.py --generate 200   # 200 generated pages
    python benchmarks/bench_pages.py --batch 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

import blogparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "html"
SUFFIXES = {".html", ".htm"}

_WORDS = [
    "spoke", "rim", "hub", "axle", "chain", "sprocket", "saddle", "crank", "pedal", "cable",
    "lever", "brake", "tyre", "valve", "bearing", "cone", "washer", "locknut", "ferrule",
    "derailleur", "cassette", "cleat", "fender", "rack", "pannier", "headset", "stem", "bar",
    "tape", "bottle", "cage", "grease", "solvent", "wrench", "gauge", "pump", "patch", "lamp",
]


# -- pages ---------------------------------------------------------------------------------


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(_WORDS, k=words)).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(6, 18)) for _ in range(rng.randint(2, 5)))


def generated_page(n: int) -> bytes:
    """A classic-theme single post with a caption, a threaded discussion and a reply form."""
    rng = random.Random(n)
    title = _sentence(rng, 5)[:-1]
    url = f"https://bench.example/2023/05/{n % 28 + 1:02d}/post-{n}/"
    paragraphs = "\n".join(f"<p>{_paragraph(rng)}</p>" for _ in range(rng.randint(4, 12)))
    comments = []
    for c in range(rng.randint(0, 12)):
        cid = n * 100 + c
        depth = 2 if c % 3 == 1 else 1
        if c == 5:
            comments.append(
                f'<li class="pingback even depth-1" id="comment-{cid}"><div class="comment-body">'
                f'Pingback: <a href="https://elsewhere.example/{cid}/" class="url">'
                f"{_sentence(rng, 4)[:-1]} | Elsewhere Weekly</a></div></li>")
            continue
        comments.append(
            f'<li id="comment-{cid}" class="comment depth-{depth}"><article '
            f'id="div-comment-{cid}" class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><b class="fn">{rng.choice(_WORDS).title()} '
            f'{rng.choice(_WORDS).title()}</b> <span class="says">says:</span></div>'
            f'<div class="comment-metadata"><a href="{url}#comment-{cid}"><time '
            f'datetime="2023-05-02T1{c % 10}:00:00+00:00">May 2, 2023</time></a></div>'
            f'</footer><div class="comment-content"><p>{_paragraph(rng)}</p></div>'
            f"</article></li>")
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="UTF-8">
<title>{title} &#8211; Bench Workshop</title>
<link rel='stylesheet' href='https://bench.example/wp-content/themes/twentyseventeen/style.css' />
<meta name="generator" content="WordPress 6.4.3" />
<link rel="canonical" href="{url}" />
</head>
<body class="post-template-default single single-post postid-{n} single-format-standard">
<div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding">
<p class="site-title"><a href="https://bench.example/" rel="home">Bench Workshop</a></p></div>
</header><div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-{n}" class="post-{n} post type-post status-publish hentry category-wheels">
<header class="entry-header"><div class="entry-meta"><span class="posted-on"><a href="{url}"
rel="bookmark"><time class="entry-date published" datetime="2023-05-01T09:00:00+01:00">1 May
2023</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n"
href="https://bench.example/author/sam/">Sam Reed</a></span></span></div>
<h1 class="entry-title">{title}</h1></header>
<div class="entry-content">
<div id="attachment_{n}" class="wp-caption alignnone"><img class="wp-image-{n}"
src="https://bench.example/wp-content/uploads/photo-{n}.jpg" alt="" width="600" height="400" />
<p class="wp-caption-text">{_sentence(rng, 9)} Photo: Bench Archive</p></div>
{paragraphs}
</div>
<footer class="entry-footer"><span class="cat-links"><a href="https://bench.example/category/wheels/"
rel="category tag">Wheels</a></span><span class="tags-links"><a
href="https://bench.example/tag/{rng.choice(_WORDS)}/" rel="tag">{rng.choice(_WORDS)}</a></span>
</footer></article>
<div id="comments" class="comments-area"><h2 class="comments-title">{len(comments)} Replies to
&ldquo;{title}&rdquo;</h2><ol class="comment-list">{"".join(comments)}</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a
Reply</h3><form action="https://bench.example/wp-comments-post.php" method="post" id="commentform"
class="comment-form"><p class="comment-form-comment"><label for="comment">Comment</label>
<textarea id="comment" name="comment" required></textarea></p><input type="hidden"
name="comment_post_ID" value="{n}" /></form></div></div>
</main></div></div></body></html>
""".encode()


def discussion_page(comments: int, pingbacks: int, *, theme: str = "wordpress-classic",
                    depth: int = 3) -> bytes:
    """A single post with ``comments`` threaded comments and ``pingbacks`` pingbacks.

    Rendered by the test suite's renderer (``tests/render.py``) in the markup WordPress
    prints for ``theme``; replies nest up to ``depth`` levels, as ``thread_comments_depth``
    allows.
    """
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import render  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    from datetime import UTC, datetime, timedelta

    rng = random.Random(comments * 7919 + pingbacks)
    base = "https://bench.example/2024/03/09/spokes/"
    start = datetime(2024, 3, 9, 8, 0, tzinfo=UTC)
    made: list[blogparse.Comment] = []
    parents: list[int | None] = [None]
    for i in range(comments):
        level = min(len(parents), rng.randint(1, depth)) if made else 1
        del parents[level:]
        cid = 1000 + i
        made.append(blogparse.Comment(
            id=cid, author=blogparse.Person(name=f"{rng.choice(_WORDS).title()} Reader {i}",
                                            url=None if i % 3 else f"https://r{i}.example/"),
            date=start + timedelta(minutes=7 * i), content_text=_paragraph(rng),
            parent_id=parents[level - 1], depth=level))
        parents.append(cid)
    pings = tuple(blogparse.Pingback(
        kind="pingback", id=50_000 + i, url=f"https://elsewhere{i}.example/post/",
        title=_sentence(rng, 4)[:-1], blog_name=f"Elsewhere {i}") for i in range(pingbacks))
    post = blogparse.Post(
        title="Truing a wheel, spoke by spoke", url=base, id=4242,
        authors=(blogparse.Person(name="Sam Reed", url="https://bench.example/author/sam/"),),
        published=start - timedelta(days=1),
        categories=(blogparse.Term(name="Wheels", slug="wheels",
                                   url="https://bench.example/category/wheels/"),),
        tags=(blogparse.Term(name="spokes", slug="spokes",
                             url="https://bench.example/tag/spokes/"),),
        content_text="\n\n".join(_paragraph(rng) for _ in range(6)),
        comments=tuple(made), pingbacks=pings,
        site=blogparse.Site(name="Bench Workshop", url="https://bench.example/"))
    return str(render.render_page(post, theme)).encode("utf-8")


def load_pages(args: argparse.Namespace) -> tuple[str, list[tuple[str, bytes]]]:
    """The pages to measure and a line saying where they came from."""
    corpus = Path(args.corpus) if args.corpus else DEFAULT_CORPUS
    if not args.generate and corpus.is_dir():
        files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES)
        if files:
            return f"{len(files)} pages from {corpus}", [(p.name, p.read_bytes()) for p in files]
    count = args.generate or 100
    pages = [(f"generated-{n}.html", generated_page(n)) for n in range(count)]
    return f"{count} generated classic-theme pages", pages


# -- measuring -----------------------------------------------------------------------------


def best_of(repeat: int, func: Callable[[], object]) -> float:
    """The fastest of ``repeat`` timed calls, in seconds (the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _parse_counting(data: bytes, failures: set[int], index: int) -> None:
    try:
        blogparse.parse_page(data)
    except Exception:  # non-blog pages may be refused; the time spent still counts
        failures.add(index)


@dataclass
class PerPage:
    """Per-page seconds for the baseline and for blogparse, in page order."""

    base: list[float] = field(default_factory=list)
    ours: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    failed: set[int] = field(default_factory=set)

    @property
    def ratios(self) -> list[float]:
        return [o / b for o, b in zip(self.ours, self.base, strict=True) if b > 0]


def per_page(pages: list[tuple[str, bytes]], repeat: int) -> PerPage:
    """Baseline and blogparse times for every page."""
    warm: set[int] = set()
    for i, (_, data) in enumerate(pages[:3]):  # compiled XPath, the theme registry
        _parse_counting(data, warm, i)
    out = PerPage()
    for i, (name, data) in enumerate(pages):
        out.names.append(name)
        out.base.append(best_of(repeat, lambda: lxml.html.document_fromstring(data)))  # noqa: B023
        out.ours.append(best_of(repeat, lambda: _parse_counting(data, out.failed, i)))  # noqa: B023
    return out


STAGES = ("read", "tree", "detect", "locate", "extract")


def stage_times(data: bytes, repeat: int) -> dict[str, float] | None:
    """Seconds per layer for one page (best of ``repeat``), as ``parse_page`` runs them.

    read: sniffing and decoding; tree: the hardened lxml parse; detect: theme scores
    (with the page index they build); locate: the theme's regions; extract: field values
    and models.  ``None`` for a page that is not HTML.
    """
    from blogparse import _document, _extract, _pipeline, _source
    from blogparse._theme import PageDocument

    registry = _pipeline.default_registry()
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(repeat):
        t0 = time.perf_counter()
        source = _source.read_source(data)
        if source.format != "html":
            return None
        t1 = time.perf_counter()
        root, _ = _document.parse_html(source.text)
        if root is None:
            return None
        t2 = time.perf_counter()
        page = PageDocument(root, url=source.url)
        theme, _score = registry.detect(page)
        t3 = time.perf_counter()
        regions = theme.locate(page)
        t4 = time.perf_counter()
        _extract.extract_page(page, regions, theme_name=theme.name,
                              options=blogparse.LENIENT, defects=[])
        t5 = time.perf_counter()
        for name, spent in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4),
                               strict=True):
            best[name] = min(best[name], spent)
    return best


def print_stages(pages: list[tuple[str, bytes]], repeat: int) -> None:
    """Where the time goes: per-layer medians and shares of the total over the pages."""
    rows = [t for _, data in pages if (t := stage_times(data, repeat)) is not None]
    base = [best_of(repeat, lambda: lxml.html.document_fromstring(d))  # noqa: B023
            for _, d in pages]
    total = sum(sum(r.values()) for r in rows)
    print(f"{'stage':<12}{'median ms':>10}{'share':>8}{'total s':>10}")
    for name in STAGES:
        spent = [r[name] for r in rows]
        print(f"{name:<12}{statistics.median(spent) * 1e3:>10.2f}"
              f"{sum(spent) / total:>8.0%}{sum(spent):>10.3f}")
    sums = [sum(r.values()) for r in rows]
    print(f"{'all stages':<12}{statistics.median(sums) * 1e3:>10.2f}{1:>8.0%}{total:>10.3f}")
    print(f"{'bare lxml':<12}{statistics.median(base) * 1e3:>10.2f}{'':>8}{sum(base):>10.3f}")


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def batch(pages: list[tuple[str, bytes]], size: int, jobs: int) -> float:
    """Seconds the ``blogparse`` command takes over ``size`` pages with ``jobs`` workers."""
    with tempfile.TemporaryDirectory(prefix="blogparse-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i in range(size):
            name, data = pages[i % len(pages)]
            (folder / f"{i:06d}-{Path(name).stem[:40]}.html").write_bytes(data)
        command = [sys.executable, "-m", "blogparse", "parse", "--format", "jsonl",
                   "--no-progress", "--jobs", str(jobs), "-o", os.devnull, str(folder)]
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        return time.perf_counter() - start


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


# -- report --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run both measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", metavar="DIR", help="folder of saved pages to measure")
    parser.add_argument("--generate", type=int, metavar="N",
                        help="measure N generated pages instead of the corpus")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page (best kept)")
    parser.add_argument("--batch", type=int, default=400, metavar="N",
                        help="pages in the batch measurement (0 skips it)")
    parser.add_argument("--jobs", type=int, default=_cores(),
                        help="workers for the all-cores batch (default: every core)")
    parser.add_argument("--stages", action="store_true",
                        help="only print the time per layer (read, tree, detect, locate, "
                             "extract)")
    args = parser.parse_args(argv)

    source, pages = load_pages(args)
    if args.stages:
        for _, data in pages[:3]:
            _parse_counting(data, set(), 0)
        print(f"{source}, best of {args.repeat} runs per page\n")
        print_stages(pages, args.repeat)
        return 0
    size_mb = sum(len(d) for _, d in pages) / 1e6
    print(f"blogparse {blogparse.__version__}, Python {sys.version.split()[0]}, "
          f"lxml {'.'.join(map(str, lxml.etree.LXML_VERSION[:3]))}, {_cores()} core(s)")
    print(f"{source} ({size_mb:.1f} MB), best of {args.repeat} runs per page\n")

    r = per_page(pages, args.repeat)
    print(f"{'per page':<32}{'median ms':>10}{'p90 ms':>10}{'total s':>10}")
    for label, times in (("lxml.html.document_fromstring", r.base),
                         ("blogparse.parse_page", r.ours)):
        ms = [t * 1000 for t in times]
        print(f"{label:<32}{statistics.median(ms):>10.2f}{_quantile(ms, 0.9):>10.2f}"
              f"{sum(times):>10.3f}")
    print(f"{'ratio blogparse / lxml':<32}{statistics.median(r.ratios):>10.1f}"
          f"{_quantile(r.ratios, 0.9):>10.1f}{sum(r.ours) / sum(r.base):>10.1f}"
          "   (median, p90, of totals)")
    print(f"refused or failed: {len(r.failed)} of {len(pages)} pages")
    slowest = sorted(zip(r.ours, r.names, strict=True), reverse=True)[:3]
    print("slowest: " + ", ".join(f"{name} {t * 1000:.0f} ms" for t, name in slowest))

    if args.batch > 0:
        print(f"\n{'batch: blogparse command':<32}{'pages':>8}{'wall s':>10}{'pages/s':>10}"
              f"{'speed-up':>10}")
        one = batch(pages, args.batch, 1)
        print(f"{'--jobs 1':<32}{args.batch:>8}{one:>10.2f}{args.batch / one:>10.0f}"
              f"{1.0:>10.2f}")
        if args.jobs > 1:
            every = batch(pages, args.batch, args.jobs)
            print(f"{f'--jobs {args.jobs} (all cores)':<32}{args.batch:>8}{every:>10.2f}"
                  f"{args.batch / every:>10.0f}{one / every:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
