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


def setup(app: Any) -> dict[str, Any]:
    """Register the JSON lexer that accepts elisions in examples."""
    app.add_lexer("json", ElidedJsonLexer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
