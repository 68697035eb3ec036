"""Pages saved from a web archive's replay (the Wayback Machine): back to the original page.

A page replayed by the Wayback Machine has every link, image and form address rewritten to
point into the archive (``https://web.archive.org/web/20160330101229/http://example.com/``,
``/web/20160330101229im_/http://…`` for images), a toolbar inserted at the top of
``<body>``, and a closing comment saying when the file was captured.  Saved from the
browser, that is what a user holds.  This module detects such a copy, takes the archive's
prefix off every address (once: a link the author made to an archived page keeps its own
prefix), drops the toolbar, and reads the capture time.

Rules: a page is taken as a replayed copy only on the archive's own marks (its toolbar, its
replay scripts, its closing comment) or when the page's own address is an archive address;
a page that merely links to the archive is left as it is.  Everything here is linear in the
page's size.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

import lxml.etree as etree
import lxml.html

from ._text import MONTH_ABBREVIATIONS

__all__ = ["capture_time", "is_replay", "replay_stamps", "stamp_time", "timestamp_time",
           "unwrap_tree", "unwrap_url"]

# The archive's prefix: host (optional: replayed pages also use paths from the archive's
# root), the 1–14 digit timestamp, an optional replay modifier (im_, cs_, js_, if_, id_…).
_PREFIX = r"(?:(?:https?:)?//(?:[a-z0-9-]+\.)?archive\.org)?/web/(\d{1,14})(?:[a-z]{2}_|\*)?/"
# …followed by the original address: a scheme (replay sometimes writes "http:/host"), a
# protocol-relative "//", or a bare host name.
_ORIGINAL = r"(?=https?:/|//|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[:/?#]|$))"
_LEADING_RE = re.compile(_PREFIX + _ORIGINAL, re.IGNORECASE)
# Further on in a list of addresses (srcset, style): a prefix starting an address, after
# a space, comma, parenthesis or quote (never right after another prefix).
_INNER_RE = re.compile(r"(?<=[\s,('\"])" + _PREFIX + _ORIGINAL, re.IGNORECASE)
_ONE_SLASH_RE = re.compile(r"^(https?:)/(?!/)", re.IGNORECASE)
_INNER_ONE_SLASH_RE = re.compile(r"(?<=[\s,('\"])(https?:)/(?!/)", re.IGNORECASE)

_ARCHIVED_RE = re.compile(
    r"<!--\s*FILE ARCHIVED ON (\d{1,2}):(\d{2}):(\d{2}) ([A-Z][a-z]{2}) (\d{1,2}), (\d{4})")
_TOOLBAR_XPATH = ("//*[@id='wm-ipp-base' or @id='wm-ipp' or @id='wm-ipp-print' "
                  "or @id='donato' or @id='wm-capinfo']")


def unwrap_url(url: str) -> str:
    """``url`` without a leading web-archive replay prefix (once), else ``url`` unchanged.

    ``https://web.archive.org/web/20160330101229/http://example.com/a/`` becomes
    ``http://example.com/a/``; so do the archive-rooted form ``/web/20160330101229/…`` and
    the image form ``…/20160330101229im_/…``.
    """
    m = _LEADING_RE.match(url)
    if m is None:
        return url
    return _ONE_SLASH_RE.sub(r"\1//", url[m.end():], count=1)


_STAMP_RE = re.compile(r"(?:https?:)?//(?:[a-z0-9-]+\.)?archive\.org/web/(\d{1,14})",
                       re.IGNORECASE)


def replay_stamps(text: str) -> list[str]:
    """The timestamps of every archive replay address in ``text``, in order."""
    return _STAMP_RE.findall(text)


def timestamp_time(url: str) -> datetime | None:
    """The capture time a replay address carries (its 14-digit timestamp, UTC), or ``None``."""
    m = _LEADING_RE.match(url)
    return None if m is None else stamp_time(m.group(1))


def stamp_time(digits: str) -> datetime | None:
    """The time an archive timestamp (``20140611173402``, UTC) names; ``None`` for a
    partial or impossible one."""
    if len(digits) != 14 or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return datetime(int(digits[:4]), int(digits[4:6]), int(digits[6:8]), int(digits[8:10]),
                        int(digits[10:12]), int(digits[12:14]), tzinfo=UTC)
    except ValueError:
        return None


def is_replay(root: lxml.html.HtmlElement, url: str | None = None,
              own_url: str | None = None) -> bool:
    """Whether ``root`` is a page saved from a web archive's replay: ``url`` (the address
    the caller gives) or ``own_url`` (the page's canonical link or ``og:url``) is a replay
    address, or the archive's marks are where the replay puts them (its scripts and styles
    first in ``<head>``, its toolbar first in ``<body>``, its note after ``</html>``).
    Looking only there keeps the test cheap on other pages."""
    for address in (url, own_url):
        if address is not None and _LEADING_RE.match(address.strip()) is not None:
            return True
    head = body = None
    for part in root:
        if part.tag == "head":
            head = part
        elif part.tag == "body":
            body = part
    if head is not None:
        for el in itertools.islice(head, 12):
            # (the replay's inline scripts come with these; reading every inline script's
            # text would cost more than the whole test)
            tag = el.tag
            if tag == "script":
                src = el.get("src")
                if src is not None and ("/_static/js/" in src or "archive.org/includes/" in src):
                    return True
            elif tag == "link" and "/_static/css/" in (el.get("href") or ""):
                return True
    if body is not None:
        for el in itertools.islice(body, 4):
            if el.get("id") == "wm-ipp-base" or (
                    isinstance(el, etree._Comment) and "WAYBACK TOOLBAR" in (el.text or "")):
                return True
    return any(isinstance(el, etree._Comment) and "FILE ARCHIVED ON" in (el.text or "")
               for el in root.itersiblings())


def capture_time(text: str) -> datetime | None:
    """When the archive captured the page, from its closing ``FILE ARCHIVED ON`` comment."""
    m = _ARCHIVED_RE.search(text, max(0, len(text) - 16384)) or _ARCHIVED_RE.search(text)
    if m is None:
        return None
    if m.group(4) not in MONTH_ABBREVIATIONS:
        return None
    try:
        return datetime(int(m.group(6)), MONTH_ABBREVIATIONS.index(m.group(4)) + 1,
                        int(m.group(5)), int(m.group(1)), int(m.group(2)), int(m.group(3)),
                        tzinfo=UTC)
    except ValueError:
        return None


def unwrap_tree(root: lxml.html.HtmlElement) -> int:
    """Take the replay prefix off every address in ``root``'s attributes and drop the
    archive's toolbar; returns how many attributes changed."""
    for el in root.xpath(_TOOLBAR_XPATH):
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()
    changed = 0
    for value in root.xpath("//@*[contains(., '/web/')]"):
        parent = value.getparent()
        if parent is None:
            continue
        old = str(value)
        new = unwrap_url(old.strip())
        new = _INNER_ONE_SLASH_RE.sub(r"\1//", _INNER_RE.sub("", new))
        if new == old.strip():
            continue
        parent.set(value.attrname, new)
        changed += 1
    return changed
