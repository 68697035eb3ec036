"""blogparse: turn saved WordPress-style blog pages and exports into typed objects.

>>> import blogparse
>>> result = blogparse.parse_page(b"<html>...</html>")    # doctest: +SKIP
>>> result.post.title                                      # doctest: +SKIP

The user-facing API lives here; theme authors import :mod:`blogparse.themes`.
"""

from __future__ import annotations

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
from ._pipeline import default_registry, parse_file, parse_page, parse_saved_page
from ._version import __version__
from ._warc import WarcResult, iter_warc
from ._wxr import WxrReader, iter_wxr, parse_wxr

__all__ = [
    "ALL_COMMENTS",
    "LENIENT",
    "STRICT",
    "Block",
    "BlogparseError",
    "Caption",
    "Comment",
    "CommentForm",
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
    "parse_file",
    "parse_page",
    "parse_saved_page",
    "parse_wxr",
]
