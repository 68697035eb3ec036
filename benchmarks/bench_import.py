"""How long importing blogparse takes, against importing lxml, in fresh processes.

Each statement runs in its own fresh interpreter, ``--repeat`` times (default 7); the time
is taken around the statement alone (interpreter start-up excluded) and the best run is
kept, as the import-time target asks.  ``import lxml.html`` is the baseline: any lxml-based
HTML parser pays it.

* ``import blogparse``: the models, errors and options; the parsers load on first use.
* ``from blogparse import parse_page``: what a program reading saved pages loads.
* ``from blogparse import iter_wxr``: what a program reading exports loads.
* ``import blogparse._cli``: what the ``blogparse`` command loads before it reads a file.

With ``--no-bytecode`` every process compiles blogparse's own modules afresh (a copy of
the package without its bytecode cache, first on ``PYTHONPATH``, and
``PYTHONDONTWRITEBYTECODE``), as an editable install does on every start where the cache
cannot be written; the standard library and lxml keep theirs.

    python benchmarks/bench_import.py
    python benchmarks/bench_import.py --repeat 11 --no-bytecode
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

_STATEMENTS = (
    ("import lxml.html", "baseline"),
    ("import blogparse", ""),
    ("from blogparse import parse_page", ""),
    ("from blogparse import iter_wxr", ""),
    ("import blogparse._cli", ""),
)

_TIMER = (
    "import time\n"
    "t = time.perf_counter()\n"
    "{statement}\n"
    "print(time.perf_counter() - t)\n"
)


def _best(statement: str, repeat: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", _TIMER.format(statement=statement)],
            check=True, capture_output=True, text=True, env=env,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return min(times)


def main() -> None:
    """Print the best import time of each statement and its ratio to the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes per statement")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile every module from source in every process")
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as copy:
        if args.no_bytecode:
            import blogparse

            package = os.path.dirname(blogparse.__file__)
            shutil.copytree(package, os.path.join(copy, "blogparse"),
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [copy, env.get("PYTHONPATH")]))
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            # one warm-up run writes the bytecode cache where it can be written
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            subprocess.run([sys.executable, "-c", "import blogparse._cli, blogparse._wxr"],
                           check=True, env=env)
        rows = [(statement, _best(statement, args.repeat, env)) for statement, _ in _STATEMENTS]
    base = rows[0][1]
    mode = ("blogparse's modules compiled from source" if args.no_bytecode
            else "modules read from the bytecode cache")
    print(f"best of {args.repeat} fresh processes; {mode}")
    print(f"{'statement':<36} {'ms':>8} {'x lxml.html':>12}")
    for statement, seconds in rows:
        print(f"{statement:<36} {seconds * 1000:8.1f} {seconds / base:12.2f}")
    print("target: import blogparse under 150 ms")


if __name__ == "__main__":
    main()
