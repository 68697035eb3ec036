"""Shared test fixtures: where the shared corpus is, and a skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests run on shared, loaded machines: never fail on wall-clock time.
settings.register_profile(
    "blogparse", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("blogparse")

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "pages"


def _shared_dir() -> Path | None:
    env = os.environ.get("BLOGPARSE_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared", ROOT / "shared"]
    for c in candidates:
        if (c / "corpus" / "MANIFEST.tsv").is_file():
            return c
    return None


SHARED = _shared_dir()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared corpus folder; the test is skipped when it is not beside the project."""
    if SHARED is None:
        pytest.skip("../shared is not present (sdist or clone without the shared corpus)")
    return SHARED


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens`` rewrites ``tests/pages/*.expected.json`` from the parser."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/pages/<name>.expected.json from what the parser returns now",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites the golden JSON files instead of comparing with them."""
    return bool(request.config.getoption("--update-goldens"))
