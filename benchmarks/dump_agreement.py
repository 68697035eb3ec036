"""Count how often a text dump of a page and the page itself parse to the same values.

    python benchmarks/dump_agreement.py [w3m,lynx,html2text]

For every WordPress page of the shared corpus (``../shared/corpus`` beside the project),
each installed dump tool writes the page as text; the dump is parsed with
``format="text"`` and compared field by field with the HTML parse.  Prints, per tool, on
how many pages each field agrees.  Asserts nothing; tools that are missing are skipped.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import blogparse

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "w3m": ["w3m", "-dump", "-T", "text/html", "-cols", "80"],
    "lynx": ["lynx", "-dump", "-force_html"],
    "html2text": ["html2text", "-utf8"],
}


def _fields(post: blogparse.Post | None) -> dict[str, Any]:
    form = post.comment_form if post else None
    return {
        "title": post.title if post else None,
        "categories": sorted(c.name for c in post.categories) if post else [],
        "tags": sorted(t.name for t in post.tags) if post else [],
        "count": post.response_count if post else None,
        "pingbacks": [(p.title, p.blog_name) for p in post.pingbacks] if post else [],
        "captions": [(c.text, c.credit) for c in post.captions] if post else [],
        "form heading": form.heading if form else None,
        "log-ins": sorted(o.name for o in form.login_options) if form else [],
        # the commenters, in order (a dump has no ids, and its dates are the page's local
        # time where the markup may hold UTC)
        "comments": [c.author.name if c.author else None for c in post.comments]
        if post else [],
    }


def main(argv: list[str]) -> int:
    """Print per-tool, per-field agreement counts."""
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print("the shared corpus is not beside the project; nothing to measure")
        return 0
    warnings.simplefilter("ignore")
    tools = argv[0].split(",") if argv else list(COMMANDS)
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        pages = [corpus / r["local_file"] for r in csv.DictReader(fh, delimiter="\t")
                 if r["local_file"].startswith("html/") and r["is_wordpress"] == "yes"]
    html = {p: _fields(blogparse.parse_file(p).post) for p in pages}
    for tool in tools:
        if shutil.which(COMMANDS[tool][0]) is None:
            print(f"{tool}: not installed, skipped")
            continue
        agree = dict.fromkeys(html[pages[0]], 0)
        for page in pages:
            run = subprocess.run([*COMMANDS[tool], str(page)], capture_output=True,
                                 timeout=60, check=False)
            dump = run.stdout.decode("utf-8", "replace")
            text = _fields(blogparse.parse_page(dump, format="text").post)
            for key, value in html[page].items():
                agree[key] += value == text[key]
        print(f"{tool} ({len(pages)} pages): "
              + ", ".join(f"{k} {v}" for k, v in agree.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
