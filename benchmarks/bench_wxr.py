"""Throughput and peak memory of the WXR reader against a bare iterparse pass.

Generates a WordPress export of the chosen size (classic and block-editor posts with
captions, threaded comments, pingbacks, attachments and featured images) in a temporary
folder, then reads it twice, each in its own process:

* ``bare``: lxml ``iterparse`` over the same file, only clearing each ``<item>`` and the
  elements before it (the least a streaming reader must do);
* ``blogparse``: ``blogparse.iter_wxr`` building every :class:`Post`.

It prints MB/s for both, their ratio (target: at least 0.5) and each process's peak
resident memory (target: under 100 MB for blogparse).

With ``--jobs N`` a third pass reads the file with ``iter_wxr(path, jobs=N)``: content is
converted in N worker processes while the reading process parses the XML and builds the
models.  Its peak memory is given for the reading process and for the largest worker.

Every pass also reports the CPU time it used (its own, and its workers').  On a machine
whose cores are busy with other work the wall-clock ratio shifts from run to run; the ratio
of CPU times, bare over blogparse's reading process, is steadier and says how far the
reading process could go with a core of its own.

With ``--breakdown`` a third process reads the file once more with timers around the parts
of the reader (content conversion, comments) and prints where its time goes.  That pass is
a diagnostic with its own overhead; the ratio above comes from the two plain passes only.

    python benchmarks/bench_wxr.py                 # 500 MB export
    python benchmarks/bench_wxr.py --size-mb 50    # a quicker run
    python benchmarks/bench_wxr.py --keep FILE     # keep (or reuse) the export at FILE
    python benchmarks/bench_wxr.py --breakdown     # also show where blogparse's time goes
    python benchmarks/bench_wxr.py --jobs 2        # also read with two content workers
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_WORDS = (
    "harbour", "lantern", "quiet", "orchard", "copper", "meadow", "ledger", "signal",
    "granite", "willow", "pepper", "station", "furnace", "pocket", "ribbon", "summit",
    "thicket", "velvet", "walnut", "yonder", "anchor", "biscuit", "candle", "drizzle",
    "ember", "fathom", "gable", "hollow", "inkwell", "juniper", "kettle", "lattice",
    "marble", "nettle", "oyster", "parcel", "quarry", "rafter", "saddle", "timber", "umber",
    "vessel", "wicker", "yarrow", "zephyr",
)

_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>Benchmark Journal</title>
\t<link>https://bench.example.org</link>
\t<description>Generated for the WXR benchmark</description>
\t<language>en-GB</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://bench.example.org</wp:base_site_url>
\t<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
\t<wp:author><wp:author_id>1</wp:author_id>
		<wp:author_login><![CDATA[editor]]></wp:author_login>
		<wp:author_email><![CDATA[editor@bench.example.org]]></wp:author_email>
		<wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name></wp:author>
\t<wp:category><wp:term_id>2</wp:term_id>
		<wp:category_nicename><![CDATA[field-notes]]></wp:category_nicename>
		<wp:category_parent><![CDATA[]]></wp:category_parent>
		<wp:cat_name><![CDATA[Field notes]]></wp:cat_name></wp:category>
\t<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug><![CDATA[weather]]></wp:tag_slug><wp:tag_name><![CDATA[weather]]></wp:tag_name></wp:tag>
\t<generator>https://wordpress.org/?v=6.4.2</generator>
"""
_TAIL = "</channel>\n</rss>\n"


def _sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(_WORDS, k=n)
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 5)))
            for _ in range(count)]


def _classic(rng: random.Random, att: int) -> str:
    paras = _paragraphs(rng, rng.randint(3, 8))
    caption = (
        f'[caption id="attachment_{att}" align="alignright" width="300"]'
        f'<img class="size-medium wp-image-{att}" src="https://bench.example.org/wp-content/'
        f'uploads/2023/05/photo-{att}.jpg" alt="{rng.choice(_WORDS)}" width="300" '
        f'height="200" /> {_sentence(rng, 8)} Photo: {rng.choice(_WORDS).title()} Agency'
        "[/caption]"
    )
    listing = "<ul>\n" + "".join(f"<li>{_sentence(rng, 4)}</li>\n" for _ in range(3)) + "</ul>"
    parts = [paras[0], caption, *paras[1:3], listing, *paras[3:]]
    return "\n\n".join(parts)


def _blocks(rng: random.Random, att: int) -> str:
    out = []
    for i, para in enumerate(_paragraphs(rng, rng.randint(3, 7))):
        if i == 1:
            out.append(
                f'<!-- wp:image {{"id":{att},"sizeSlug":"large"}} -->\n<figure class="wp-block-'
                f'image size-large"><img src="https://bench.example.org/wp-content/uploads/'
                f'2023/06/block-{att}.jpg" alt="" class="wp-image-{att}"/><figcaption class="'
                f'wp-element-caption">{_sentence(rng, 7)} (AP Photo/{rng.choice(_WORDS).title()})'
                "</figcaption></figure>\n<!-- /wp:image -->"
            )
        if i == 2:
            out.append(f"<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">"
                       f"{_sentence(rng, 4)}</h2>\n<!-- /wp:heading -->")
        out.append(f"<!-- wp:paragraph -->\n<p>{para}</p>\n<!-- /wp:paragraph -->")
    out.append("<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n"
               f"<p>{_sentence(rng, 12)}</p>\n<!-- /wp:paragraph --></blockquote>\n"
               "<!-- /wp:quote -->")
    return "\n\n".join(out)


def _comment(cid: int, parent: int, kind: str, rng: random.Random, day: int) -> str:
    if kind == "pingback":
        author = f"{_sentence(rng, 4)[:-1]} | {rng.choice(_WORDS).title()} Weekly"
        body = f"[&#8230;] {_sentence(rng, 12)} [&#8230;]"
        url = f"https://{rng.choice(_WORDS)}.example.net/{cid}/"
    else:
        author = f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()}"
        body = "\n\n".join(_paragraphs(rng, rng.randint(1, 2)))
        url = ""
    return f"""
\t\t<wp:comment>
\t\t\t<wp:comment_id>{cid}</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[{author}]]></wp:comment_author>
\t\t\t<wp:comment_author_email><![CDATA[]]></wp:comment_author_email>
\t\t\t<wp:comment_author_url>{url}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>
\t\t\t<wp:comment_date><![CDATA[2023-05-{day:02d} 10:00:00]]></wp:comment_date>
\t\t\t<wp:comment_date_gmt><![CDATA[2023-05-{day:02d} 09:00:00]]></wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[{body}]]></wp:comment_content>
\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
\t\t\t<wp:comment_type><![CDATA[{"" if kind == "comment" else kind}]]></wp:comment_type>
\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>"""


def _item(pid: int, rng: random.Random, comment_ids: list[int]) -> str:
    att = pid + 1
    day = pid % 28 + 1
    content = _blocks(rng, att) if pid % 3 else _classic(rng, att)
    comments = []
    first = None
    for n in range(rng.randint(0, 6)):
        comment_ids[0] += 1
        cid = comment_ids[0]
        kind = "pingback" if n == 3 else "comment"
        parent = first if (first is not None and n % 2 and kind == "comment") else 0
        comments.append(_comment(cid, parent, kind, rng, day))
        if first is None:
            first = cid
    title = _sentence(rng, 5)[:-1]
    post = f"""
\t<item>
\t\t<title><![CDATA[{title}]]></title>
\t\t<link>https://bench.example.org/2023/05/{day:02d}/post-{pid}/</link>
\t\t<pubDate>Mon, {day:02d} May 2023 09:00:00 +0000</pubDate>
\t\t<dc:creator><![CDATA[editor]]></dc:creator>
\t\t<guid isPermaLink="false">https://bench.example.org/?p={pid}</guid>
\t\t<description></description>
\t\t<content:encoded><![CDATA[{content}]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>
\t\t<wp:post_id>{pid}</wp:post_id>
\t\t<wp:post_date><![CDATA[2023-05-{day:02d} 10:00:00]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[2023-05-{day:02d} 09:00:00]]></wp:post_date_gmt>
\t\t<wp:post_modified><![CDATA[2023-05-{day:02d} 11:00:00]]></wp:post_modified>
\t\t<wp:post_modified_gmt><![CDATA[2023-05-{day:02d} 10:00:00]]></wp:post_modified_gmt>
\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>
\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>
\t\t<wp:post_name><![CDATA[post-{pid}]]></wp:post_name>
\t\t<wp:status><![CDATA[publish]]></wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<wp:post_password><![CDATA[]]></wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
\t\t<category domain="category" nicename="field-notes"><![CDATA[Field notes]]></category>
\t\t<category domain="post_tag" nicename="weather"><![CDATA[weather]]></category>
\t\t<wp:postmeta>
\t\t\t<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>
\t\t\t<wp:meta_value><![CDATA[{att}]]></wp:meta_value>
\t\t</wp:postmeta>{"".join(comments)}
\t</item>"""
    attachment = f"""
\t<item>
\t\t<title><![CDATA[photo-{att}]]></title>
\t\t<link>https://bench.example.org/photo-{att}/</link>
\t\t<dc:creator><![CDATA[editor]]></dc:creator>
\t\t<guid isPermaLink="false">https://bench.example.org/wp-content/uploads/2023/05/photo-{att}.jpg</guid>
\t\t<content:encoded><![CDATA[]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>
\t\t<wp:post_id>{att}</wp:post_id>
\t\t<wp:post_date><![CDATA[2023-05-{day:02d} 10:00:00]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[2023-05-{day:02d} 09:00:00]]></wp:post_date_gmt>
\t\t<wp:status><![CDATA[inherit]]></wp:status>
\t\t<wp:post_parent>{pid}</wp:post_parent>
\t\t<wp:post_type><![CDATA[attachment]]></wp:post_type>
\t\t<wp:attachment_url><![CDATA[https://bench.example.org/wp-content/uploads/2023/05/photo-{att}.jpg]]></wp:attachment_url>
\t\t<wp:postmeta>
\t\t\t<wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key>
\t\t\t<wp:meta_value><![CDATA[{rng.choice(_WORDS)}]]></wp:meta_value>
\t\t</wp:postmeta>
\t</item>"""
    return post + attachment


def generate(path: Path, size_mb: float, seed: int = 4) -> int:
    """Write an export of about ``size_mb`` megabytes to ``path``; return its item count."""
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    written = 0
    items = 0
    pid = 10
    comment_ids = [0]
    with path.open("w", encoding="utf-8") as f:
        f.write(_HEAD)
        written += len(_HEAD)
        while written < target:
            chunk = "".join(_item(pid + 2 * i, rng, comment_ids) for i in range(200))
            pid += 400
            items += 400
            f.write(chunk)
            written += len(chunk.encode("utf-8"))
        f.write(_TAIL)
    return items


def _worker(mode: str, path: str) -> None:
    start = time.perf_counter()
    cpu = time.process_time()
    count = 0
    if mode == "bare":
        import lxml.etree as etree

        for _, el in etree.iterparse(path, events=("end",), tag="{*}item",
                                     resolve_entities=False, no_network=True):
            count += 1
            el.clear(keep_tail=False)
            parent = el.getparent()
            while el.getprevious() is not None and parent is not None:
                del parent[0]
    elif mode.startswith("blogparse"):
        import blogparse._wxr as wxr

        jobs = int(mode.partition("-jobs")[2] or 1)
        with wxr.iter_wxr(path, jobs=jobs) as reader:
            for _post in reader:
                count += 1
    else:
        parts, count = _timed_parts(path)
        elapsed = time.perf_counter() - start
        print(json.dumps({"mode": mode, "items": count, "seconds": elapsed, "parts": parts}))
        return
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "mode": mode, "items": count, "seconds": elapsed, "cpu_seconds": cpu,
        "peak_kb": own.ru_maxrss, "workers_cpu_seconds": children.ru_utime + children.ru_stime,
        "workers_peak_kb": children.ru_maxrss,
    }))


_CONTENT = "content"
_RENDER = "  render as WordPress does (wpautop, [caption], blocks)"
_FAST = "  read plain units without a parse"
_PARSE = "  parse the HTML"
_EXTRACT = "  extract blocks, text and captions"
_COMMENTS = "comments and pingbacks"
_REST = "the rest: XML, fields, dates, terms, models"


def _timed_parts(path: str) -> tuple[dict[str, float], int]:
    """Read the export with timers around the reader's parts; seconds spent in each."""
    import blogparse._wxr as wxr
    import blogparse._wxr_content as wxr_content

    spent: dict[str, float] = {}
    active: set[str] = set()

    def timed(name: str, fn: Any, *, within: str | None = None) -> Any:
        # Counted only inside ``within`` (comment text is parsed with the same function).
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if within is not None and within not in active:
                return fn(*args, **kwargs)
            active.add(name)
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
                active.discard(name)
        return wrapper

    # Patched in this process only: content conversion (WordPress rendering, the units read
    # without a parse, the HTML parse, the shared extractor) and comments (with their own
    # text conversion).
    patches = (
        (wxr, "convert_content", _CONTENT, None),
        (wxr_content, "render_units", _RENDER, _CONTENT),
        (wxr_content, "_fast_unit", _FAST, _CONTENT),
        (wxr_content, "parse_fragment", _PARSE, _CONTENT),
        (wxr_content, "extract_content", _EXTRACT, _CONTENT),
        (wxr.WxrReader, "_comments", _COMMENTS, None),
    )
    for owner, attr, name, within in patches:
        setattr(owner, attr, timed(name, getattr(owner, attr), within=within))
    count = 0
    with wxr.iter_wxr(path) as reader:
        for _post in reader:
            count += 1
    return spent, count


def _run(mode: str, path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", mode, str(path)],
        check=True, capture_output=True, text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Generate the export, time both passes, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=500.0)
    ap.add_argument("--keep", type=Path, help="write the export here (reused if present)")
    ap.add_argument("--breakdown", action="store_true",
                    help="also time the reader's parts in a separate pass")
    ap.add_argument("--jobs", type=int, default=0,
                    help="also read with iter_wxr(jobs=N), content converted in N workers")
    ap.add_argument("--worker", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        _worker(*args.worker)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench-export.xml"
        if not path.exists():
            t = time.perf_counter()
            items = generate(path, args.size_mb)
            print(f"generated {path} ({items} items) in {time.perf_counter() - t:.1f} s")
        size_mb = path.stat().st_size / 1_000_000
        bare = _run("bare", path)
        ours = _run("blogparse", path)
        passes = [bare, ours]
        if args.jobs > 1:
            passes.append(_run(f"blogparse-jobs{args.jobs}", path))
        for r in passes:
            workers = ""
            if r["workers_cpu_seconds"] > 0.05:
                workers = (f"  workers: {r['workers_cpu_seconds']:.1f} s CPU, largest peak RSS "
                           f"{r['workers_peak_kb'] / 1024:.1f} MB")
            print(f"{r['mode']:>16}: {r['items']:>8.0f} items  {size_mb / r['seconds']:7.1f} MB/s"
                  f"  ({r['seconds']:.1f} s, {r['cpu_seconds']:.1f} s CPU)"
                  f"  peak RSS {r['peak_kb'] / 1024:6.1f} MB{workers}")
        print(f"file {size_mb:.0f} MB; targets: ratio >= 0.5, reading process peak RSS < 100 MB")
        for r in passes[1:]:
            ratio = bare["seconds"] / r["seconds"]
            cpu_ratio = bare["cpu_seconds"] / r["cpu_seconds"]
            print(f"  {r['mode']:>16}/bare: throughput ratio {ratio:.2f}, CPU-time ratio "
                  f"{cpu_ratio:.2f}; peak RSS {r['peak_kb'] / 1024:.0f} MB")
        ratio = bare["seconds"] / ours["seconds"]
        if args.breakdown:
            parts = _run("parts", path)
            total = parts["seconds"]
            print(f"where blogparse's time goes (a separate, timed pass: {total:.1f} s):")
            known: dict[str, float] = parts["parts"]
            known[_REST] = total - known.get(_CONTENT, 0.0) - known.get(_COMMENTS, 0.0)
            for name in (_CONTENT, _RENDER, _FAST, _PARSE, _EXTRACT, _COMMENTS, _REST):
                seconds = known.get(name, 0.0)
                print(f"  {name:<56} {seconds:7.1f} s  {100 * seconds / total:5.1f} %")
        if os.environ.get("BENCH_JSON"):
            print(json.dumps({"size_mb": size_mb, "bare": bare, "blogparse": ours,
                              "ratio": ratio, "passes": passes}))


if __name__ == "__main__":
    main()
