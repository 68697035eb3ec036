"""Measure how often parsed fields agree with the shared corpus's own expectations.

    python benchmarks/corpus_agreement.py [--show] [NAME-FRAGMENT ...]

The shared corpus (``../shared/corpus`` beside the project) keeps, for some pages, what
their source projects expect: titles, authors, publication dates, and snippets that the
main text must or must not contain.  Those are hints, not labels — some are wrong — so this
script prints agreement counts to watch for regressions; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import blogparse

ROOT = Path(__file__).resolve().parent.parent


def _norm(text: Any) -> str:
    text = unicodedata.normalize("NFC", str(text or ""))
    return re.sub(r"\s+", " ", text).strip().casefold()


def _expectations(truth: Path, base: str) -> dict[str, Any]:
    exp: dict[str, Any] = {}
    page = truth / "pages" / f"{base}.json"
    if page.is_file():
        data = json.loads(page.read_text(encoding="utf-8"))
        for e in data.get("trafilatura_evaldata", []):
            for key in ("title", "author", "date"):
                exp.setdefault(key, e.get(key))
            exp.setdefault("with", []).extend(e.get("with", []))
            exp.setdefault("without", []).extend(e.get("without", []))
        for e in data.get("htmldate_date", []):
            exp.setdefault("date", e.get("date"))
    meta = truth / f"{base}__expected-metadata.json"
    if meta.is_file():
        data = json.loads(meta.read_text(encoding="utf-8"))
        exp["title"], exp["author"] = data.get("title"), data.get("byline")
        if data.get("publishedTime"):
            exp["date"] = data["publishedTime"][:10]
    for fundus in truth.glob("fundus__*.json"):
        if base.startswith(fundus.stem):
            data = json.loads(fundus.read_text(encoding="utf-8"))
            value = next(iter(data.values()), None) if isinstance(data, dict) else None
            if isinstance(value, dict):
                exp["title"] = value.get("title")
                authors = value.get("authors") or []
                exp["author"] = authors[0] if authors else None
                if value.get("publishing_date"):
                    exp["date"] = str(value["publishing_date"])[:10]
    return {k: v for k, v in exp.items() if v}


def main(argv: list[str] | None = None) -> int:
    """Print agreement counts per field; with --show, every disagreement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    parser.add_argument("only", nargs="*", help="only pages whose name holds one of these")
    args = parser.parse_args(argv)
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print("the shared corpus is not beside the project; nothing to measure")
        return 0
    warnings.simplefilter("ignore")
    stats = {k: [0, 0] for k in ("title", "author", "date", "with", "without")}
    for path in sorted((corpus / "html").glob("*.html")):
        base = path.stem
        if args.only and not any(o in base for o in args.only):
            continue
        exp = _expectations(corpus / "truth", base)
        if not exp:
            continue
        post = blogparse.parse_file(path).post
        got = {
            "title": post.title if post else None,
            "author": post.authors[0].name if post and post.authors else None,
            "date": post.published.isoformat()[:10] if post and post.published else None,
        }
        text = _norm(post.content_text if post else "")
        misses = []
        for key in ("title", "author", "date"):
            if key not in exp:
                continue
            want, have = _norm(exp[key]), _norm(got[key])
            ok = bool(have) and (have in want or want in have) if key == "author" else want == have
            stats[key][1] += 1
            stats[key][0] += ok
            if not ok:
                misses.append(f"{key}: expected {exp[key]!r}, got {got[key]!r}")
        for key, present in (("with", True), ("without", False)):
            for snippet in exp.get(key, []):
                stats[key][1] += 1
                ok = (_norm(snippet) in text) == present
                stats[key][0] += ok
                if not ok:
                    misses.append(f"{key}: {snippet[:60]!r}")
        if args.show and misses:
            print(f"== {base}")
            for miss in misses:
                print("   ", miss)
    for key, (ok, total) in stats.items():
        print(f"{key:8} {ok:4d} / {total:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
