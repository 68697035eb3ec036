"""``python -m blogparse``: the same command as the ``blogparse`` script."""

from __future__ import annotations

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
