"""blogparse: turn saved WordPress-style blog pages and exports into typed objects.

>>> import blogparse
>>> result = blogparse.parse_page(b"<html>...</html>")    # doctest: +SKIP
>>> result.post.title                                      # doctest: +SKIP

The user-facing API lives here; theme authors import :mod:`blogparse.themes`.
"""

from __future__ import annotations

import importlib
import typing

from ._errors import (
    BlogparseError,
    DecodeError,
    DefectError,
    HostileInputError,
    InputError,
    ResourceLimitError,
    StrictModeError,
    ThemeError,
    TruncatedInputError,
)
from ._models import (
    Block,
    Caption,
    Comment,
    CommentForm,
    Defect,
    DefectKind,
    FormField,
    Image,
    LoginOption,
    MetaEntry,
    PageResult,
    Person,
    Pingback,
    Post,
    Site,
    Term,
)
from ._options import ALL_COMMENTS, LENIENT, STRICT, Options
from ._version import __version__

if typing.TYPE_CHECKING:
    from ._blogger import parse_blogger
    from ._convert import ConvertNote, ConvertReport, SiteWriter, post_to_markdown, write_site
    from ._pipeline import default_registry, parse_file, parse_page, parse_saved_page
    from ._schema import load_schema
    from ._warc import WarcResult, iter_warc
    from ._wpjson import parse_wp_json
    from ._wxr import WxrReader, iter_wxr, parse_wxr

# The parsers are imported on first use, each with what it needs: ``import blogparse``
# costs the models alone, a program reading saved pages never loads the export readers,
# conversion or the schema, and one reading exports never loads the page extractor.
_LAZY = {
    "parse_page": "._pipeline",
    "parse_file": "._pipeline",
    "parse_saved_page": "._pipeline",
    "default_registry": "._pipeline",
    "parse_blogger": "._blogger",
    "parse_wp_json": "._wpjson",
    "WxrReader": "._wxr",
    "iter_wxr": "._wxr",
    "parse_wxr": "._wxr",
    "WarcResult": "._warc",
    "iter_warc": "._warc",
    "ConvertNote": "._convert",
    "ConvertReport": "._convert",
    "SiteWriter": "._convert",
    "post_to_markdown": "._convert",
    "write_site": "._convert",
    "load_schema": "._schema",
}


def __getattr__(name: str) -> typing.Any:
    """Import a parser, reader or helper when it is first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'blogparse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, with those imported on first use."""
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ALL_COMMENTS",
    "LENIENT",
    "STRICT",
    "Block",
    "BlogparseError",
    "Caption",
    "Comment",
    "CommentForm",
    "ConvertNote",
    "ConvertReport",
    "DecodeError",
    "Defect",
    "DefectError",
    "DefectKind",
    "FormField",
    "HostileInputError",
    "Image",
    "InputError",
    "LoginOption",
    "MetaEntry",
    "Options",
    "PageResult",
    "Person",
    "Pingback",
    "Post",
    "ResourceLimitError",
    "Site",
    "SiteWriter",
    "StrictModeError",
    "Term",
    "ThemeError",
    "TruncatedInputError",
    "WarcResult",
    "WxrReader",
    "__version__",
    "default_registry",
    "iter_warc",
    "iter_wxr",
    "load_schema",
    "parse_blogger",
    "parse_file",
    "parse_page",
    "parse_saved_page",
    "parse_wp_json",
    "parse_wxr",
    "post_to_markdown",
    "write_site",
]
