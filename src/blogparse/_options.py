"""The one options object that governs a parse: strictness, limits and what to keep.

Rules: options are a frozen value passed down explicitly; there are no module globals.
Named presets (:data:`LENIENT`, :data:`STRICT`) cover the usual needs.
"""

from __future__ import annotations

import attrs

from ._errors import DefectError, StrictModeError
from ._models import Defect

_MiB = 1024 * 1024


@attrs.frozen(kw_only=True)
class Options:
    """How to parse: what to do with defects, which limits to enforce, what to keep."""

    strict: bool = False
    """Raise every recorded defect at once (:class:`~blogparse.StrictModeError`)
    instead of returning a result that carries them."""
    max_input_bytes: int = 512 * _MiB
    """Refuse pages larger than this with :class:`~blogparse.ResourceLimitError`."""
    max_depth: int = 255
    """Elements nested deeper than this are treated as text by the HTML parser."""
    max_comments: int = 1_000_000
    """Stop collecting comments and pingbacks of one post after this many (a defect
    is recorded)."""
    comment_statuses: frozenset[str] = frozenset({"approved"})
    """Export comments with these statuses are kept (``approved``, ``hold``, ``spam``,
    ``trash``); others are left out.  Pages only ever show approved comments."""

    def check(self, defects: tuple[Defect, ...]) -> None:
        """Raise :class:`~blogparse.StrictModeError` with every defect when strict."""
        if self.strict and defects:
            raise StrictModeError(
                f"{len(defects)} defect(s) in strict mode",
                [DefectError(d) for d in defects],
            )


LENIENT = Options()
"""The default: best-effort results with defects recorded on them."""

STRICT = Options(strict=True)
"""Every defect is raised, all together, as a :class:`~blogparse.StrictModeError`."""

ALL_COMMENTS = Options(comment_statuses=frozenset({"approved", "hold", "spam", "trash"}))
"""Keep every export comment whatever its moderation status."""
