"""Packaging facts that are cheap to check in the suite.

The slow checks — building the sdist and wheel, ``twine check``, installing the wheel into a
fresh environment and running the command there — are in ``.ci/run``.
"""

from __future__ import annotations

import ast
import re
import runpy
import tomllib
from fnmatch import fnmatch
from importlib import metadata, resources
from pathlib import Path

import pytest

import blogparse

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "blogparse"


@pytest.fixture(scope="module")
def pyproject() -> dict[str, object]:
    """The project's pyproject.toml, parsed."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def installed() -> metadata.PackageMetadata:
    """The metadata of the installed distribution."""
    return metadata.metadata("blogparse")


def test_version_is_the_installed_version() -> None:
    """blogparse.__version__ is what the installed distribution reports."""
    assert metadata.version("blogparse") == blogparse.__version__


def test_version_is_written_in_one_place(pyproject: dict[str, object]) -> None:
    """Only _version.py assigns the version; pyproject reads it from there."""
    project = pyproject["project"]
    assert isinstance(project, dict)
    assert "version" not in project
    assert "version" in project["dynamic"]
    setuptools_cfg = pyproject["tool"]["setuptools"]  # type: ignore[index]
    assert {"attr": "blogparse._version.__version__"} == setuptools_cfg["dynamic"]["version"]
    assigners = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "__version__" for t in targets):
                    assigners.append(path.relative_to(PACKAGE).as_posix())
    assert ["_version.py"] == assigners


def test_version_looks_like_a_release() -> None:
    """The version is a PEP 440 public version such as 0.1.0."""
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?",
                        blogparse.__version__)


def test_docs_take_the_version_from_the_package() -> None:
    """The documentation's release is the package's version, read from _version.py."""
    conf = runpy.run_path(str(ROOT / "docs" / "conf.py"))
    assert blogparse.__version__ == conf["release"]
    assert blogparse.__version__.startswith(conf["version"])


def test_docs_index_lists_the_pages_that_exist() -> None:
    """The index drops entries for pages not written yet and lists every page it omits."""
    conf = runpy.run_path(str(ROOT / "docs" / "conf.py"))
    text = "# Title\n\n```{toctree}\n:maxdepth: 2\n\nquickstart\nplanned\ncli\n```\n"
    fitted = conf["index_toctrees"](text, {"index", "quickstart", "cli", "extra"})
    assert "planned" not in fitted
    assert "quickstart\ncli\n```" in fitted
    assert fitted.rstrip().endswith(":caption: More\n:maxdepth: 1\n\nextra\n```")
    untouched = conf["index_toctrees"](text, {"index", "quickstart", "planned", "cli"})
    assert text == untouched


def test_api_reference_names_every_public_name() -> None:
    """docs/api.md documents each name of blogparse.__all__ and blogparse.themes.__all__."""
    import blogparse.themes

    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. (?:auto\w+|data|function|class|exception):: (\w+)",
                                text, re.MULTILINE))
    public = (set(blogparse.__all__) | set(blogparse.themes.__all__)) - {"__version__"}
    missing = sorted(public - documented)
    assert [] == missing, "add these to docs/api.md (autofunction/autoclass/data)"


def test_py_typed_is_shipped(pyproject: dict[str, object]) -> None:
    """The package carries py.typed and declares it as package data."""
    assert resources.files("blogparse").joinpath("py.typed").is_file()
    data = pyproject["tool"]["setuptools"]["package-data"]["blogparse"]  # type: ignore[index]
    assert "py.typed" in data


def test_non_python_package_files_reach_the_wheel() -> None:
    """Every data file under src/blogparse is matched by a MANIFEST.in include.

    With setuptools' default ``include-package-data``, data files inside the package reach
    the wheel when the sdist carries them; ``.ci/run`` checks the built wheel itself.
    """
    patterns = []
    for line in (ROOT / "MANIFEST.in").read_text().splitlines():
        words = line.split()
        if words[:2] == ["recursive-include", "src/blogparse"]:
            patterns.extend(words[2:])
    data_files = [p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in {
        ".py", ".pyc", ".pyo"} and "__pycache__" not in p.parts]
    assert data_files, "py.typed at least"
    for path in data_files:
        assert any(fnmatch(path.name, pattern) for pattern in patterns), path


def test_metadata_classifiers(installed: metadata.PackageMetadata) -> None:
    """Classifiers say typed, Python 3 only, the supported versions and the status."""
    classifiers = installed.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3 :: Only" in classifiers
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    requires = installed["Requires-Python"]
    assert requires == ">=3.11"
    for minor in (11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers


def test_metadata_license(installed: metadata.PackageMetadata) -> None:
    """The licence is declared (SPDX expression) and the licence file ships."""
    assert "MIT" == (installed.get("License-Expression") or installed.get("License"))
    assert "LICENSE" in (installed.get_all("License-File") or [])
    assert (ROOT / "LICENSE").read_text().startswith("MIT")


def test_metadata_project_urls(installed: metadata.PackageMetadata) -> None:
    """Home page, documentation, changelog and issue tracker are linked."""
    urls = dict(entry.split(", ", 1) for entry in installed.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Changelog", "Issues"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())


def test_metadata_summary_and_readme(installed: metadata.PackageMetadata) -> None:
    """The summary is one line and the long description is the README, as Markdown."""
    assert installed["Summary"]
    assert "\n" not in installed["Summary"]
    assert "text/markdown" == installed["Description-Content-Type"]


def test_console_script() -> None:
    """The blogparse command is installed and points at the CLI's main function."""
    (script,) = metadata.entry_points(group="console_scripts").select(name="blogparse")
    assert "blogparse._cli:main" == script.value
    assert callable(script.load())


def test_manifest_ships_tests_docs_and_benchmarks() -> None:
    """The sdist includes the tests, the docs and the benchmarks, without build output."""
    lines = [line.split() for line in (ROOT / "MANIFEST.in").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    grafted = {words[1] for words in lines if words[0] == "graft"}
    pruned = {words[1] for words in lines if words[0] == "prune"}
    assert {"tests", "docs", "benchmarks"} <= grafted
    assert "docs/_build" in pruned
    includes = {w for words in lines if words[0] == "include" for w in words[1:]}
    assert {"README.md", "CHANGELOG.md", "LICENSE"} <= includes
