"""Third-party themes: the registry's rules, and a plugin found through its entry point.

The end-to-end test builds a tiny theme package, installs it with pip into a throw-away
virtual environment, and parses a page in the plugin's own markup there.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import site
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar

import pytest

import blogparse
from blogparse import ThemeError, parse_page
from blogparse.themes import (
    ENTRY_POINT_GROUP,
    Locator,
    PageDocument,
    Theme,
    ThemeRegistry,
    cls,
)

# -- a plugin's made-up markup ---------------------------------------------------------------

INKWELL_THEME = '''\
"""Inkwell journals: a made-up platform whose pages no built-in theme knows."""

from __future__ import annotations

from typing import ClassVar

from blogparse.themes import Locator, PageDocument, Theme, cls


class InkwellTheme(Theme):
    """Pages written by the Inkwell journal engine."""

    name = "inkwell"
    description = "Inkwell journals (plugin)"

    POSTS: ClassVar[Locator] = "//section[" + cls("ink-entry") + "]"
    TITLE: ClassVar[Locator] = ".//*[" + cls("ink-heading") + "]"
    PERMALINK: ClassVar[Locator] = ".//a[" + cls("ink-link") + "]"
    CONTENT: ClassVar[Locator] = ".//*[" + cls("ink-text") + "]"
    AUTHORS: ClassVar[Locator] = ".//a[" + cls("ink-writer") + "]"
    PUBLISHED: ClassVar[Locator] = ".//*[" + cls("ink-stamp") + "]"
    CATEGORIES: ClassVar[Locator] = ".//a[" + cls("ink-shelf") + "]"
    TAGS: ClassVar[Locator] = ".//a[" + cls("ink-label") + "]"

    def score(self, page: PageDocument) -> float:
        """Certain with Inkwell's generator; likely when its entry markup is present."""
        if (page.generator or "").startswith("Inkwell"):
            return 0.95
        return 0.6 if page.find(self.POSTS) is not None else 0.0
'''

INKWELL_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="Inkwell 3.2">
<title>Ruling a Ledger by Hand - Pen and Paper</title>
</head>
<body>
<main class="ink-journal">
  <section class="ink-entry" id="entry-77">
    <h1 class="ink-heading"><a class="ink-link"
        href="https://penandpaper.example/entries/77">Ruling a Ledger by Hand</a></h1>
    <p class="ink-byline">by <a class="ink-writer"
        href="https://penandpaper.example/writers/ottilie">Ottilie Marsh</a>,
      <span class="ink-stamp" data-datetime="2023-04-02T10:00:00+02:00">2 April 2023</span></p>
    <div class="ink-text">
      <p>A steel rule, a ruling pen and a pot of iron gall ink are all it takes.</p>
      <p>Rule the verticals first, so the horizontals cross them while the ink is wet.</p>
    </div>
    <ul class="ink-shelves">
      <li><a class="ink-shelf" href="https://penandpaper.example/shelves/stationery">Stationery</a></li>
      <li><a class="ink-label" href="https://penandpaper.example/labels/ink">ink</a></li>
    </ul>
  </section>
</main>
</body>
</html>
"""

# The same entry without Inkwell's generator or classes that the score looks for.
BARE_PAGE = INKWELL_PAGE.replace('<meta name="generator" content="Inkwell 3.2">', "")


def _inkwell_class() -> type[Theme]:
    namespace: dict[str, Any] = {"__name__": "inkwell_theme"}
    exec(compile(INKWELL_THEME, "inkwell_theme.py", "exec"), namespace)
    theme_class: type[Theme] = namespace["InkwellTheme"]
    assert issubclass(theme_class, Theme)
    return theme_class


# -- the registry, in process ----------------------------------------------------------------


class _Named(Theme):
    name = "named"


class _Raising(Theme):
    """A plugin with a bug in its score."""

    name = "raising"

    def score(self, page: PageDocument) -> float:
        raise ZeroDivisionError("a bug in a plugin")


class _Overconfident(Theme):
    name = "overconfident"
    POSTS: ClassVar[Locator] = "//section[" + cls("ink-entry") + "]"

    def score(self, page: PageDocument) -> float:
        return 7.5


def _page(html: str) -> PageDocument:
    import lxml.html

    return PageDocument(lxml.html.document_fromstring(html))


def test_register_keeps_registration_order() -> None:
    """Registered themes are listed in the order they were registered."""
    inkwell = _inkwell_class()()
    registry = ThemeRegistry([_Named()])
    registry.register(inkwell)

    assert registry.names() == ("named", "inkwell")
    assert registry.get("inkwell") is inkwell


def test_duplicate_name_is_refused_unless_replaced() -> None:
    """A second theme under a taken name raises ThemeError; ``replace=True`` swaps it in."""
    registry = ThemeRegistry([_Named()])
    other = _Named()

    with pytest.raises(ThemeError, match="already registered") as info:
        registry.register(other)
    assert info.value.theme == "named"
    registry.register(other, replace=True)
    assert registry.get("named") is other


@pytest.mark.parametrize("bad", [Theme(), object()])
def test_only_named_themes_can_register(bad: Any) -> None:
    """An unnamed Theme or a non-theme is refused with ThemeError."""
    with pytest.raises(ThemeError):
        ThemeRegistry().register(bad)


def test_unknown_theme_is_a_theme_error_and_a_lookup_error() -> None:
    """Asking for a name no theme has raises ThemeError, which is also a LookupError."""
    registry = ThemeRegistry([_Named()])

    with pytest.raises(LookupError) as info:
        registry.get("missing")
    assert isinstance(info.value, ThemeError)
    assert isinstance(info.value, blogparse.BlogparseError)
    assert info.value.theme == "missing"
    assert "named" in str(info.value)


def test_parse_page_with_an_unknown_theme_raises() -> None:
    """``parse_page(theme=...)`` with an unregistered name raises ThemeError."""
    with pytest.raises(ThemeError, match="no-such-theme"):
        parse_page(INKWELL_PAGE, theme="no-such-theme")


def test_detection_picks_the_plugin_by_score() -> None:
    """A registered plugin that scores the page highest parses it."""
    registry = blogparse.default_registry()
    mine = ThemeRegistry([_inkwell_class()(), *(registry.get(n) for n in registry.names())])

    result = parse_page(INKWELL_PAGE, registry=mine)

    post = result.post
    assert result.theme == "inkwell"
    assert post is not None
    assert post.title == "Ruling a Ledger by Hand"
    assert post.url == "https://penandpaper.example/entries/77"
    assert post.author is not None
    assert post.author.name == "Ottilie Marsh"
    assert post.published is not None
    assert post.published.isoformat() == "2023-04-02T10:00:00+02:00"
    assert [c.name for c in post.categories] == ["Stationery"]
    assert [t.name for t in post.tags] == ["ink"]


def test_theme_override_skips_detection() -> None:
    """``theme=`` by name or by instance parses with that theme whatever the scores."""
    inkwell = _inkwell_class()()
    registry = ThemeRegistry([inkwell, _Overconfident()])

    by_name = parse_page(BARE_PAGE, theme="inkwell", registry=registry)
    by_instance = parse_page(BARE_PAGE, theme=inkwell)

    assert by_name.theme == by_instance.theme == "inkwell"
    assert by_name.post is not None
    assert by_name.post.author is not None
    assert by_name.post.author.name == "Ottilie Marsh"


def test_a_plugin_whose_score_raises_does_not_break_detection() -> None:
    """A theme whose score raises counts as 0.0; the others still decide."""
    inkwell = _inkwell_class()()
    registry = ThemeRegistry([_Raising(), inkwell])
    page = _page(INKWELL_PAGE)

    assert registry.detect(page) == (inkwell, 0.95)
    assert (0.0, "raising") in [(s, t.name) for s, t in registry.scores(page)]
    assert parse_page(INKWELL_PAGE, registry=registry).theme == "inkwell"


def test_scores_are_clamped_to_the_unit_range() -> None:
    """A score above 1.0 counts as 1.0."""
    registry = ThemeRegistry([_Overconfident()])

    assert registry.detect(_page(INKWELL_PAGE))[1] == 1.0


def test_no_claim_falls_back_at_zero() -> None:
    """When no theme scores above zero the fallback parses, at score 0.0."""
    fallback = _Named()
    registry = ThemeRegistry([_Raising()])
    registry.set_fallback(fallback)

    assert registry.detect(_page("<p>plain</p>")) == (fallback, 0.0)


def test_no_claim_and_no_fallback_is_a_theme_error() -> None:
    """A registry without a fallback raises ThemeError when no theme claims the page."""
    with pytest.raises(ThemeError):
        ThemeRegistry([_Raising()]).detect(_page("<p>plain</p>"))


# -- entry points, in process ------------------------------------------------------------------


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An importable module ``inkwell_plugin`` holding the Inkwell theme."""
    (tmp_path / "inkwell_plugin.py").write_text(
        INKWELL_THEME + "\nINSTANCE = InkwellTheme()\nNOT_A_THEME = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "inkwell_plugin"


def _advertise(monkeypatch: pytest.MonkeyPatch, *pairs: tuple[str, str]) -> None:
    points = metadata.EntryPoints(
        metadata.EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)
        for name, value in pairs)

    def entry_points(**selection: str) -> metadata.EntryPoints:
        assert selection == {"group": ENTRY_POINT_GROUP}
        return points

    monkeypatch.setattr(metadata, "entry_points", entry_points)


@pytest.mark.parametrize("target", ["InkwellTheme", "INSTANCE"])
def test_entry_point_may_name_a_class_or_an_instance(
    plugin_module: str, monkeypatch: pytest.MonkeyPatch, target: str,
) -> None:
    """An entry point naming a Theme subclass or instance registers that theme."""
    _advertise(monkeypatch, ("inkwell", f"{plugin_module}:{target}"))
    registry = ThemeRegistry([_Named()])

    assert registry.load_entry_points() == ["inkwell"]
    assert registry.names() == ("named", "inkwell")


def test_entry_point_never_replaces_a_registered_theme(
    plugin_module: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plugin under a name already registered is skipped, not swapped in."""
    _advertise(monkeypatch, ("inkwell", f"{plugin_module}:InkwellTheme"))
    mine = _inkwell_class()()
    registry = ThemeRegistry([mine])

    assert registry.load_entry_points() == []
    assert registry.get("inkwell") is mine


@pytest.mark.parametrize(
    ("value", "message"),
    [("inkwell_plugin:NOT_A_THEME", "is not a Theme"),
     ("no_such_plugin_module:Theme", "failed to load")],
)
def test_broken_entry_point_is_a_theme_error_naming_it(
    plugin_module: str, monkeypatch: pytest.MonkeyPatch, value: str, message: str,
) -> None:
    """An entry point that does not load, or loads something else, raises ThemeError."""
    _advertise(monkeypatch, ("broken", value))

    with pytest.raises(ThemeError, match=message) as info:
        ThemeRegistry().load_entry_points()
    assert info.value.theme == "broken"


# -- a real install in a throw-away environment --------------------------------------------

# pip only needs the [build-system] table; the in-tree backend below builds the wheel with
# the standard library alone, so the install works offline, without setuptools or wheel in
# the environment (a fresh Python 3.12+ venv has neither; an old setuptools cannot build a
# wheel without the separate `wheel` package).  The [project] table is what a theme author
# writes; the backend reads its name, version and entry points from there.
PLUGIN_PYPROJECT = """\
[build-system]
requires = []
build-backend = "offline_backend"
backend-path = ["_build"]

[project]
name = "blogparse-inkwell"
version = "0.1.0"
description = "Inkwell journal pages for blogparse"
requires-python = ">=3.11"
dependencies = ["blogparse"]

[project.entry-points."blogparse.themes"]
inkwell = "blogparse_inkwell.theme:InkwellTheme"
"""

OFFLINE_BACKEND = '''\
"""A PEP 517 backend that writes a pure-Python wheel with the standard library only."""

import base64
import hashlib
import os
import tomllib
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        project = tomllib.load(f)["project"]
    dist = project["name"].replace("-", "_")
    info = f"{dist}-{project['version']}.dist-info"
    filename = f"{dist}-{project['version']}-py3-none-any.whl"
    record = []

    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as wheel:
        def add(arcname, data):
            wheel.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append(f"{arcname},sha256={digest.decode()},{len(data)}")

        src = os.path.join(ROOT, "src")
        for folder, _, files in sorted(os.walk(src)):
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    with open(path, "rb") as f:
                        add(os.path.relpath(path, src).replace(os.sep, "/"), f.read())
        requires = "".join(f"Requires-Dist: {d}\\n" for d in project.get("dependencies", ()))
        add(f"{info}/METADATA", (
            f"Metadata-Version: 2.1\\nName: {project['name']}\\nVersion: {project['version']}\\n"
            f"Summary: {project.get('description', '')}\\n{requires}").encode())
        add(f"{info}/WHEEL", b"Wheel-Version: 1.0\\nGenerator: offline_backend\\n"
                             b"Root-Is-Purelib: true\\nTag: py3-none-any\\n")
        points = "".join(
            f"[{group}]\\n" + "".join(f"{k} = {v}\\n" for k, v in entries.items()) + "\\n"
            for group, entries in project.get("entry-points", {}).items())
        add(f"{info}/entry_points.txt", points.encode())
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
    return filename
'''

CHILD_SCRIPT = """\
import json, sys
import blogparse
from blogparse import parse_page

page, bare = sys.argv[1], sys.argv[2]
detected = parse_page(page)
chosen = parse_page(bare, theme="inkwell")
post = detected.post
print(json.dumps({
    "names": list(blogparse.default_registry().names()),
    "detected": detected.theme,
    "chosen": chosen.theme,
    "title": post.title if post else None,
    "author": post.author.name if post and post.author else None,
    "blogparse": blogparse.__file__,
}))
"""


def _write_plugin(root: Path) -> Path:
    plugin = root / "blogparse-inkwell"
    (plugin / "src" / "blogparse_inkwell").mkdir(parents=True)
    (plugin / "_build").mkdir()
    (plugin / "pyproject.toml").write_text(PLUGIN_PYPROJECT, encoding="utf-8")
    (plugin / "_build" / "offline_backend.py").write_text(OFFLINE_BACKEND, encoding="utf-8")
    (plugin / "src" / "blogparse_inkwell" / "__init__.py").write_text(
        '"""Inkwell journal pages for blogparse."""\n', encoding="utf-8")
    (plugin / "src" / "blogparse_inkwell" / "theme.py").write_text(INKWELL_THEME,
                                                                    encoding="utf-8")
    return plugin


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _make_venv(root: Path) -> Path:
    """A venv that sees this interpreter's packages (blogparse, lxml) but not the plugin."""
    venv = root / "venv"
    pip_here = _pip_can_target_other_pythons()
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages",
                    *(["--without-pip"] if pip_here else []), str(venv)],
                   check=True, capture_output=True, timeout=300)
    python = _venv_python(venv)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    # --system-site-packages reaches the base interpreter's packages only; when the tests
    # run inside a venv, blogparse and lxml live in that venv, so add its site folders (and
    # the folder blogparse is imported from) the way site.py would.
    folders = [*site.getsitepackages(), str(Path(blogparse.__file__).resolve().parent.parent)]
    if site.ENABLE_USER_SITE and os.path.isdir(site.getusersitepackages()):
        folders.append(site.getusersitepackages())
    lines = [f"import site; site.addsitedir({folder!r})" for folder in folders]
    (Path(purelib) / "_parent_env.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return venv


def _pip_can_target_other_pythons() -> bool:
    """Whether this interpreter's pip has ``--python`` (22.3+), sparing a pip in the venv."""
    if importlib.util.find_spec("pip") is None:
        return False
    found = re.match(r"(\d+)\.(\d+)", metadata.version("pip"))
    return found is not None and (int(found[1]), int(found[2])) >= (22, 3)


def _pip_install(venv: Path, plugin: Path) -> None:
    python = _venv_python(venv)
    pip = ([sys.executable, "-m", "pip", "--python", str(python)]
           if _pip_can_target_other_pythons() else [str(python), "-m", "pip"])
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    proc = subprocess.run(
        [*pip, "install", "--no-deps", "--no-build-isolation", "--no-index", "--no-cache-dir",
         str(plugin)],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_plugin_installed_with_pip_is_found_through_its_entry_point(tmp_path: Path) -> None:
    """pip-installed theme package: detected by score and selectable by name, no code change."""
    plugin = _write_plugin(tmp_path)
    venv = _make_venv(tmp_path)
    _pip_install(venv, plugin)
    python = str(_venv_python(venv))
    # Without the generator and the entry class, nothing makes Inkwell claim the page.
    unclaimed = BARE_PAGE.replace("ink-entry", "entry")

    proc = subprocess.run(
        [python, "-c", CHILD_SCRIPT, INKWELL_PAGE, unclaimed],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)

    assert Path(seen["blogparse"]).resolve() == Path(blogparse.__file__).resolve()
    assert "inkwell" in seen["names"]
    assert seen["detected"] == "inkwell"
    assert seen["chosen"] == "inkwell"
    assert seen["title"] == "Ruling a Ledger by Hand"
    assert seen["author"] == "Ottilie Marsh"

    listing = subprocess.run([python, "-m", "blogparse", "--list-themes"], capture_output=True,
                             text=True, timeout=120, check=True, cwd=tmp_path).stdout
    columns = [part.strip() for part in listing.splitlines()[-1].split("  ") if part.strip()]
    assert columns == ["inkwell", "Inkwell journals (plugin)", "[blogparse_inkwell.theme]"]

    # The plugin lives in the throw-away environment only.
    assert "inkwell" not in blogparse.default_registry().names()


def test_plugin_source_uses_only_the_public_theme_api() -> None:
    """The example plugin imports nothing from blogparse but ``blogparse.themes``."""
    imports = [line for line in INKWELL_THEME.splitlines() if "blogparse" in line
               and line.startswith(("import", "from"))]

    assert imports == ["from blogparse.themes import Locator, PageDocument, Theme, cls"]


def test_plugin_source_is_what_the_docs_show() -> None:
    """docs/themes.md carries the same complete example (kept in step with this test)."""
    docs = Path(__file__).resolve().parent.parent / "docs" / "themes.md"
    if not docs.is_file():
        pytest.skip("docs/ is not present")
    text = docs.read_text(encoding="utf-8")

    assert textwrap.dedent(INKWELL_THEME).strip() in text
    assert 'inkwell = "blogparse_inkwell.theme:InkwellTheme"' in text
