"""Run the coverage-guided fuzz targets (atheris/libFuzzer), one per input format.

    python fuzz/run.py --target html --seconds 60     # one format, one minute
    python fuzz/run.py --all --seconds 20             # CI: each format in turn, bounded

Each run starts from the seeds in ``fuzz/seeds/<format>/`` and keeps what it learns in
``fuzz/corpus/<format>/`` (not committed).  A finding is written to
``fuzz/findings/<format>/crash-*`` (or ``timeout-*``/``oom-*``) and makes this script exit
non-zero; turn it into a regression test in ``tests/`` with the file's bytes.  Needs
``pip install atheris`` (wheels for CPython on Linux x86-64 and macOS).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ("html", "text", "mhtml", "webarchive", "wxr", "blogger", "wp-json")


def run(fmt: str, seconds: int, *, jobs: int = 1) -> int:
    """Fuzz ``fmt`` for ``seconds``; the libFuzzer exit status (0: nothing found)."""
    corpus = HERE / "corpus" / fmt
    findings = HERE / "findings" / fmt
    corpus.mkdir(parents=True, exist_ok=True)
    findings.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, str(HERE / "target.py"),
        f"-max_total_time={seconds}",
        "-timeout=20",             # one input taking longer is a hang
        "-rss_limit_mb=3072",      # and more memory than this an unbounded allocation
        "-max_len=65536",
        f"-artifact_prefix={findings}{os.sep}",
        "-print_final_stats=1",
        str(corpus), str(HERE / "seeds" / fmt),
    ]
    if jobs > 1:
        cmd.insert(2, f"-jobs={jobs}")
        cmd.insert(2, f"-workers={jobs}")
    env = dict(os.environ, BLOGPARSE_FUZZ_FORMAT=fmt)
    print(f"== fuzzing {fmt} for {seconds}s", flush=True)
    return subprocess.run(cmd, env=env, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen targets; non-zero when one found something."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--target", choices=FORMATS)
    which.add_argument("--all", action="store_true", help="every format in turn")
    parser.add_argument("--seconds", type=int, default=60, help="per target")
    args = parser.parse_args(argv)
    failed = [fmt for fmt in (FORMATS if args.all else (args.target,))
              if run(fmt, args.seconds) != 0]
    if failed:
        print(f"findings in: {', '.join(failed)} (see fuzz/findings/)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
