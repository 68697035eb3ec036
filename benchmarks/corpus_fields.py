"""Count how many of the values a blog page carries the parse gives, over the shared corpus.

    python benchmarks/corpus_fields.py [DIR]

Reads every page of ``../shared/corpus/html`` beside the project (or ``DIR``) and prints
totals a reader can compare between two versions of the code: comments without an author
or a date, replies placed under their parent, dated pingbacks, reply-form fields without a
label, pages without the site's home url.  Point ``PYTHONPATH`` at another checkout's
``src`` to count with that version on the same pages.  The counts are a regression signal,
not a score (a page may truly carry no date); the script asserts nothing.
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter
from pathlib import Path

import blogparse

ROOT = Path(__file__).resolve().parent.parent


def count(folder: Path) -> Counter[str]:
    """The totals over every page in ``folder`` (pages refused with an error are counted)."""
    c: Counter[str] = Counter()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        try:
            result = blogparse.parse_page(path.read_bytes())
        except blogparse.BlogparseError:
            c["pages refused"] += 1
            continue
        c["pages"] += 1
        c["pages without Site.url"] += result.site is None or result.site.url is None
        post = result.posts[0] if result.posts else None
        if post is None:
            continue
        c["posts with a featured image"] += post.featured_image is not None
        c["authors"] += len(post.authors)
        c["categories"] += len(post.categories)
        c["tags"] += len(post.tags)
        for comment in post.comments:
            c["comments"] += 1
            c["comments without an author"] += comment.author is None
            c["comments without a date"] += comment.date is None
            c["replies with their parent"] += comment.parent_id is not None
            c["comments by the post's author"] += comment.by_post_author
        c["pingbacks"] += len(post.pingbacks)
        c["pingbacks with a date"] += sum(1 for p in post.pingbacks if p.date is not None)
        form = post.comment_form
        if form is not None:
            c["reply-form fields"] += len(form.fields)
            c["reply-form fields without a label"] += sum(
                1 for f in form.fields if f.label is None)
    return c


def main(argv: list[str]) -> int:
    """Print the totals for the folder named in ``argv`` or the shared corpus."""
    folder = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpus" / "html"
    if not folder.is_dir():
        print(f"no pages at {folder}", file=sys.stderr)
        return 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        totals = count(folder)
    width = max(len(k) for k in totals)
    for key, value in sorted(totals.items()):
        print(f"{key:{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
