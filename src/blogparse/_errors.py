"""The exception tree: every error blogparse raises derives from :class:`BlogparseError`.

Rules: misuse and unreadable input raise; problems a best-effort result can live with are
recorded as :class:`~blogparse.Defect` values instead (see ``_defects``).  Each subclass
also inherits the builtin a caller would naturally catch (``ValueError``, ``LookupError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._models import Defect


class BlogparseError(Exception):
    """Base class of every exception raised by blogparse."""


class InputError(BlogparseError, ValueError):
    """The input cannot be read as any supported format."""


class DecodeError(InputError):
    """The bytes cannot be decoded with the encoding that was asked for."""

    def __init__(self, message: str, *, encoding: str | None = None) -> None:
        super().__init__(message)
        self.encoding = encoding


class HostileInputError(InputError):
    """The input tries something a document must not do (entity bombs, external entities)."""


class ResourceLimitError(InputError):
    """The input exceeds a limit set in :class:`~blogparse.Options` (size, depth, count)."""

    def __init__(self, message: str, *, limit: str | None = None) -> None:
        super().__init__(message)
        self.limit = limit


class TruncatedInputError(InputError):
    """The input stops in the middle of its structure (e.g. a cut-off WXR export)."""


class ThemeError(BlogparseError, LookupError):
    """A theme was asked for by a name that no registered theme has, or failed to load."""

    def __init__(self, message: str, *, theme: str | None = None) -> None:
        super().__init__(message)
        self.theme = theme


class DefectError(BlogparseError, ValueError):
    """One recorded defect, raised as an exception in strict mode."""

    def __init__(self, defect: Defect) -> None:
        super().__init__(f"{defect.kind}: {defect.message}")
        self.defect = defect
        self.field = defect.field

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the defect: the message alone cannot rebuild it."""
        return (type(self), (self.defect,), self.__dict__)


class StrictModeError(BlogparseError, ExceptionGroup[DefectError]):
    """Every defect of a parse, raised together because strict mode was asked for.

    It is both a :class:`BlogparseError` and an :class:`ExceptionGroup` of
    :class:`DefectError`, so ``except* DefectError`` works as well as ``except BlogparseError``.
    """

    def __new__(cls, message: str, errors: Sequence[DefectError]) -> StrictModeError:
        return super().__new__(cls, message, errors)

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The defects, in the order they were met."""
        return tuple(e.defect for e in self.exceptions if isinstance(e, DefectError))
