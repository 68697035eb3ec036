"""Sphinx configuration for the blogparse documentation.

The pages are plain Markdown read by MyST; the API reference is generated from the
docstrings with autodoc.  Nothing here reaches the network, so the site builds offline.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_SRC = Path(__file__).resolve().parent.parent / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    # Build from a checkout even when the package is not installed.
    sys.path.insert(0, str(_SRC))

from pygments.lexers.data import JsonLexer  # noqa: E402
from pygments.token import Comment, Error, _TokenType  # noqa: E402

from blogparse._version import __version__  # noqa: E402

project = "blogparse"
author = "The blogparse developers"
copyright = "the blogparse developers"
version = ".".join(__version__.split(".")[:2])
release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# MyST: `$` and `{...}` stay literal; headings get anchors so pages can link to sections.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: members in source order, annotations in the signatures.  The models' keyword-only
# constructors are written `(**fields)` in api.md: their fields are listed as attributes.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True  # `options=LENIENT`, not the preset's repr
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Code blocks in the pages are examples, not sessions to highlight strictly.
highlight_language = "none"

html_theme = "alabaster"
html_title = f"blogparse {release}"
html_static_path: list[str] = []
html_theme_options = {
    "description": "Saved blog pages and WordPress exports into typed objects",
    "fixed_sidebar": False,
}


class ElidedJsonLexer(JsonLexer):
    """JSON as the pages show it: ``...`` or ``…`` stands for a part left out of an example.

    Pygments' JSON lexer reads each dot of an elision as an error, which would stop the
    example from being highlighted; here a run of dots is a comment.  Anything else that is
    not JSON is still an error.
    """

    def get_tokens_unprocessed(  # type: ignore[override]
        self, text: str
    ) -> Iterator[tuple[int, _TokenType, str]]:
        for index, token, value in super().get_tokens_unprocessed(text):
            if token is Error and value in {".", "…"}:
                token = Comment
            yield index, token, value


def _pages(srcdir: Path) -> set[str]:
    """The documents of the site: every Markdown page outside the build folder."""
    return {p.relative_to(srcdir).with_suffix("").as_posix() for p in srcdir.rglob("*.md")
            if not {"_build", "_static", "_templates"} & set(p.relative_to(srcdir).parts)}


def index_toctrees(text: str, pages: set[str]) -> str:
    """The index page's source with its toctrees fitted to the pages that exist.

    The index lists every page in reading order, including pages that are still being
    written; an entry whose page does not exist (yet) is left out rather than failing the
    build, and a page the index does not list is added under "More" so that no page is
    outside the site.
    """
    out: list[str] = []
    listed: set[str] = set()
    in_toctree = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```{toctree}"):
            in_toctree = True
        elif in_toctree and stripped.startswith("```"):
            in_toctree = False
        elif in_toctree and stripped and not stripped.startswith(":"):
            if stripped not in pages:
                continue
            listed.add(stripped)
        out.append(line)
    unlisted = sorted(pages - listed - {root_doc})
    if unlisted:
        out += ["", "```{toctree}", ":caption: More", ":maxdepth: 1", "", *unlisted, "```"]
    return "\n".join(out) + "\n"


def _fit_index(app: Any, docname: str, source: list[str]) -> None:
    if docname == root_doc:
        source[0] = index_toctrees(source[0], _pages(Path(app.srcdir)))


def setup(app: Any) -> dict[str, Any]:
    """Register the JSON lexer that accepts elisions, and fit the index to the pages."""
    app.add_lexer("json", ElidedJsonLexer)
    app.connect("source-read", _fit_index)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
