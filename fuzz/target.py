"""The fuzz target shared by every input format: parse, and accept only our own errors.

Run through ``fuzz/run.py``; ``BLOGPARSE_FUZZ_FORMAT`` names the format the bytes are read
as (``html``, ``text``, ``mhtml``, ``webarchive``, ``wxr``, ``blogger``,
``wp-json``).  Any exception other than
``blogparse.BlogparseError`` — a crash, a RecursionError, an lxml error escaping — is a
finding, and so is a result that does not survive its own JSON round trip.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["blogparse"]):
    import blogparse

    # modules parse_page imports on first use must be instrumented too
    import blogparse._textdump
    import blogparse._wxr
    import blogparse._wxr_content

FORMAT = os.environ.get("BLOGPARSE_FUZZ_FORMAT", "html")


def test_one_input(data: bytes) -> None:
    """Parse ``data`` as :data:`FORMAT`; fail on anything but a result or our error."""
    try:
        if FORMAT == "wxr":
            result = blogparse.parse_wxr(data)
        else:
            result = blogparse.parse_page(data, format=FORMAT)
    except blogparse.BlogparseError:
        return
    if blogparse.PageResult.from_dict(result.to_dict()) != result:
        raise AssertionError("the result does not survive its JSON round trip")
    for post in result.posts:
        ids = {c.id for c in post.comments}
        for c in post.comments:
            if c.depth < 1:
                raise AssertionError(f"comment depth {c.depth}")
            if c.parent_id is not None and c.parent_id not in ids and not any(
                    d.kind is blogparse.DefectKind.ORPHAN_COMMENT for d in result.defects):
                raise AssertionError("a reply's parent is not a comment of the post")


def main() -> None:
    """libFuzzer's entry point: ``python fuzz/target.py [libFuzzer flags] [corpus dirs]``."""
    sys.setrecursionlimit(3000)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
