"""Comment threads from exported rows: each reply under the comment it names.

Exports (WXR, Blogger, the WordPress REST API) list comments flat, each naming its parent
by id.  :func:`thread` gives each its depth, and places at the top — with a defect, through
the caller's ``report`` — a reply whose parent is not among the kept comments (WordPress
shows such a reply at the top level) or that replies to itself through a loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ._models import Comment

__all__ = ["thread"]


def thread(rows: Sequence[dict[str, Any]], report: Callable[[str, str], None]
           ) -> tuple[Comment, ...]:
    """The :class:`Comment` of each row (its fields by name, ``depth`` set here), in order.

    ``report(message, field)`` is called for each reply placed at the top.  The walk up a
    thread is bounded by the number of comments and safe against loops.
    """
    # Each id's parent as exported (of the last comment with that id, if repeated).
    parents: dict[int, int | None] = {}
    for c in rows:
        cid = c["id"]
        if isinstance(cid, int):
            parent = c["parent_id"]
            parents[cid] = parent if isinstance(parent, int) else None
    depths: dict[int | None, int] = {}
    out: list[Comment] = []
    for n, c in enumerate(rows):
        cid = c["id"] if isinstance(c["id"], int) else None
        parent_id = c["parent_id"] if isinstance(c["parent_id"], int) else None
        depth = 1
        parent = parent_id
        seen: set[int | None] = {cid}
        cycle = False
        while parent is not None and parent in parents:
            if parent in seen:
                cycle = True  # a reply to itself, or to its own reply
                break
            seen.add(parent)
            if parent in depths:
                depth += depths[parent]
                break
            depth += 1
            parent = parents[parent]
        if cycle:
            report(f"comment {cid} replies to {parent_id} in a loop; it is placed at the top",
                   f"comments[{n}].parent_id")
            parent_id, depth = None, 1
        elif parent_id is not None and parent_id not in parents:
            # the defect keeps the id it named
            report(f"comment {cid} replies to {parent_id}, which is not kept",
                   f"comments[{n}].parent_id")
            parent_id = None
        if cid is not None:
            depths[cid] = depth
        out.append(Comment(**{**c, "depth": depth, "parent_id": parent_id}))
    return tuple(out)
