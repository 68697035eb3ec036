"""The index-backed locator engine answers exactly what lxml's XPath answers."""

from __future__ import annotations

from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest

import blogparse._extract as extract_module
from blogparse import _document, _source
from blogparse._locate import TreeIndex, compile_locator, xml_tokens
from blogparse._theme import PageDocument, Theme, cls, xpath
from blogparse._themes import GenericTheme, builtin_themes

PAGES = Path(__file__).parent / "pages"


def _locators() -> list[str]:
    """Every XPath locator the built-in themes and the extract layer use."""
    found: set[str] = set()
    sources: list[object] = [*builtin_themes(), GenericTheme(), Theme(), extract_module]
    for source in sources:
        for name in dir(source):
            value = getattr(source, name)
            values = value if isinstance(value, tuple) else (value,)
            found.update(v for v in values
                         if isinstance(v, str) and v.startswith(("//", ".//")))
    return sorted(found)


LOCATORS = _locators()


def _tree(data: bytes) -> etree._Element | None:
    source = _source.read_source(data)
    if source.format != "html":
        return None
    root, _ = _document.parse_html(source.text)
    return root


def _agree(root: etree._Element, contexts: int = 20) -> list[str]:
    """Locators whose planned answer differs from lxml's, from the root and some nodes."""
    index = TreeIndex(root)
    nodes = [root, *index.elements[:: max(1, len(index.elements) // contexts)]]
    wrong = []
    for expr in LOCATORS:
        plan = compile_locator(expr)
        if plan is None:
            continue
        for node in nodes:
            expected = [r for r in xpath(expr)(node) if isinstance(r, etree._Element)]
            if plan.run(index, node) != expected:
                wrong.append(f"{expr} from <{node.tag!s}>")
    return wrong


def test_nearly_every_builtin_locator_is_planned() -> None:
    """Only locators with positions or other axes are left to lxml."""
    unplanned = [e for e in LOCATORS if compile_locator(e) is None]
    assert len(LOCATORS) > 50
    assert len(unplanned) <= 3, unplanned


@pytest.mark.parametrize("page", sorted(PAGES.rglob("*.html")), ids=lambda p: p.name)
def test_plans_match_xpath_on_the_golden_pages(page: Path) -> None:
    """Same elements, same order as lxml, for every locator, on every golden page."""
    root = _tree(page.read_bytes())
    if root is None:
        pytest.skip("not an HTML page")
    assert _agree(root) == []


def test_plans_match_xpath_on_the_shared_corpus(shared_dir: Path) -> None:
    """Same elements, same order as lxml, on the real pages of the shared corpus."""
    pages = sorted((shared_dir / "corpus" / "html").iterdir())
    assert pages
    wrong: list[str] = []
    for page in pages:
        root = _tree(page.read_bytes())
        if root is not None:
            wrong.extend(f"{page.name}: {w}" for w in _agree(root, contexts=3))
    assert wrong == []


ODD = """<html><body>
<div id="comments" class="comments-area  x">
  <h2 class="comments-title">2 thoughts</h2>
  <ol class="comment-list">
    <li id="comment-1" class="comment&#9;depth-1"><p>one</p>
      <ul class="children"><li id="li-comment-2" class="comment depth-2"><p>two</p></li></ul>
    </li>
    <li class="pingback" id="comment-x3"><p>ping</p></li>
  </ol>
  <!-- a comment node between elements -->
  <div class="comment-list&#160;extra">non-breaking space is not XML whitespace</div>
  <div class="comments-area-like">substring, not a token</div>
  <div class="comment-list&#11;x">a vertical tab from a reference is not XML whitespace</div>
</div>
<article class="post hentry"><h1 class="entry-title">T</h1><div class="entry-content">
<p>x</p></div></article>
<p id="comments">a second element with the same id</p>
</body></html>"""


@pytest.mark.parametrize("expr", [
    "//*[" + cls("comment-list") + "]",
    "//*[" + cls("comments-area", "comment") + "]//li",
    "//*[@id='comments']",
    "//*[@id='comments']/h2 | //*[" + cls("comments-area") + "]/h2",
    "//*[self::li or self::div][re:test(@id, '^(li-)?comment-[0-9]+$')]",
    "//*[contains(@class, 'comments-area')]",
    "//li[not(ancestor::li[" + cls("comment") + "])]",
    "//*[" + cls("comments-area") + "]//li[.//p]",
    "//li[starts-with(@id, 'comment-')]",
    "//*[contains(concat(' ', @class, ' '), ' x ')]",
    "//*[normalize-space(@class)='comments-area x']",
    ".//p | .//h2",
    "//*[contains(@id, 'comment')]",
    "//li[1]",
    "//*[" + cls("comments-area") + "]//*[self::p or self::h2][1]",
    ".//*[self::li or self::p][1] | .//h2",
    "//ol/li[1]",
    "//*[" + cls("comment") + "][1]",
])
def test_plans_match_xpath_on_odd_markup(expr: str) -> None:
    """Whitespace, repeated ids, substrings, comment nodes and nesting agree with lxml."""
    root = lxml.html.document_fromstring(ODD)
    index = TreeIndex(root)
    plan = compile_locator(expr)
    assert plan is not None
    for node in index.elements:
        assert plan.run(index, node) == xpath(expr)(node), (expr, node.tag)


@pytest.mark.parametrize("expr", [
    "//*[@itemprop='articleBody']/ancestor::*[.//h1][1]",
    "//li[last()]",
    "//li[2]",
    "//li[1][@id]",
    "//*[@id='a'] | //text()",
    "//li/following-sibling::li",
    "count(//li)",
])
def test_other_xpath_is_left_to_lxml(expr: str) -> None:
    """Positions, other axes and functions are outside the plans."""
    assert compile_locator(expr) is None


def test_page_answers_from_lxml_for_a_node_of_another_tree() -> None:
    """A node from outside the page's tree still gets XPath's answer."""
    page = PageDocument(lxml.html.document_fromstring(ODD))
    other = lxml.html.fragment_fromstring("<div><p class='entry-title'>x</p></div>")
    found = page.find_all(".//*[" + cls("entry-title") + "]", other)
    assert [el.text for el in found] == ["x"]
    assert page.find("//*[@id='comments']") is not None


def test_xml_tokens_split_only_at_xml_whitespace() -> None:
    """A no-break space does not separate class names; tabs and newlines do."""
    assert xml_tokens("a\tb\nc  d") == ["a", "b", "c", "d"]
    assert xml_tokens("a\u00a0b c") == ["a\u00a0b", "c"]
    assert xml_tokens("a\x0bb\x1c c") == ["a\x0bb\x1c", "c"]


def test_page_trees_keep_lxml_html_element_classes() -> None:
    """Form controls get lxml.html's form classes, everything else HtmlElement/HtmlComment."""
    page = ("<html><body><!-- c --><form action='/x'><label for='a'>A</label>"
            "<input id='a' name='a'><textarea name='t'></textarea><select name='s'>"
            "</select></form><div><p>x</p></div></body></html>")
    ours, _ = _document.parse_html(page)
    theirs = lxml.html.document_fromstring(page)
    assert ours is not None
    assert [type(el) for el in ours.iter()] == [type(el) for el in theirs.iter()]
    assert isinstance(ours.find(".//form"), lxml.html.FormElement)


def test_plans_reach_elements_beside_a_broken_pages_root() -> None:
    """``//`` covers every element of the document, also a second top-level ``<html>``."""
    root, _ = _document.parse_html(
        "<html><body><p class='a'>1</p></body></html><html><div class='a'>2</div>")
    assert root is not None
    index = TreeIndex(root)
    page = PageDocument(root)
    for expr in ("//*[" + cls("a") + "]", "//div | //p", "//*[not(ancestor::p)]"):
        plan = compile_locator(expr)
        assert plan is not None
        for node in index.elements:
            assert plan.run(index, node) == xpath(expr)(node), (expr, node.tag)
        assert page.find_all(expr) == xpath(expr)(root)


def test_giant_pages_are_searched_without_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the element limit the page answers from lxml, with the same elements."""
    import blogparse._theme as theme_module

    root = lxml.html.document_fromstring(ODD)
    expr = "//*[" + cls("comment") + "]//p"
    expected = xpath(expr)(root)
    monkeypatch.setattr(theme_module, "MAX_INDEXED_ELEMENTS", 5)
    page = PageDocument(root)
    assert page.find_all(expr) == expected
    assert page._index is None
