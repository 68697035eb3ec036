"""Hostile XML and HTML: nothing outside the document is read, and the error is our own.

Every attack is tried in each format it could reach (a saved page, an export, and the
export read through ``parse_page``), with the network guarded: any attempt to connect a
socket fails the test.  Memory is measured with tracemalloc and compared with the input
size; time is bounded by a ratio against parsing a harmless document of the same size.
"""

from __future__ import annotations

import socket
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import blogparse

SECRET = "TOP-SECRET-7f3a9c"
_NS = ('xmlns:wp="http://wordpress.org/export/1.2/" '
       'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
       'xmlns:xi="http://www.w3.org/2001/XInclude"')


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A local file whose content must never appear in any result."""
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Fail any socket connection the parser might try (and record it)."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise AssertionError(f"the parser tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))  # type: ignore[arg-type]
    yield attempts
    assert [] == attempts


def wxr(prolog: str, item: str = "<item><title>t</title></item>", ns: str = _NS) -> str:
    """An export with ``prolog`` between the XML declaration and the root."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<rss version="2.0" {ns}><channel>'
            f"<title>Blog</title><wp:wxr_version>1.2</wp:wxr_version>{item}</channel></rss>")


def page(prolog: str, body: str) -> str:
    """A WordPress page with ``prolog`` before ``<html>`` and ``body`` as the post title."""
    return (f'{prolog}<html><head><meta name="generator" content="WordPress 6.4"></head>'
            f'<body class="single postid-1"><article id="post-1" class="post hentry">'
            f'<h1 class="entry-title">{body}</h1><div class="entry-content"><p>{body}</p>'
            "</div></article></body></html>")


def _outcome(parse: Callable[[], blogparse.PageResult]) -> str:
    """The JSON of the result, or the name of the library error; anything else fails."""
    try:
        return repr(parse().to_dict())
    except blogparse.BlogparseError as exc:
        return f"error: {type(exc).__name__}: {exc}"


def _all_ways(doc: str) -> list[str]:
    data = doc.encode("utf-8")
    ways: list[Callable[[], blogparse.PageResult]] = [
        lambda: blogparse.parse_page(data),
        lambda: blogparse.parse_page(doc),
        lambda: blogparse.parse_page(data, format="html"),
    ]
    if "<rss" in doc:
        ways += [lambda: blogparse.parse_page(data, format="wxr"),
                 lambda: blogparse.parse_wxr(data)]
    return [_outcome(w) for w in ways]


def _lol(levels: int = 10, fan: int = 10) -> str:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * fan}">' for i in range(1, levels)]
    return f"<!DOCTYPE rss [{''.join(decls)}]>"


# --- entity expansion --------------------------------------------------------------------


def _all_ways_traced(doc: str) -> tuple[list[str], int]:
    """``_all_ways(doc)`` and the peak of memory Python allocated while it ran."""
    tracemalloc.start()
    try:
        outcomes = _all_ways(doc)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return outcomes, peak


@pytest.mark.parametrize("make", [
    pytest.param(lambda: wxr(_lol(), "<item><title>&lol9;</title></item>"), id="wxr"),
    pytest.param(lambda: page(_lol().replace("rss", "html"), "&lol9;"), id="html"),
    pytest.param(lambda: wxr("\n" * 70_000 + _lol(), "<item><title>&lol9;</title></item>"),
                 id="wxr-late-doctype"),
])
def test_billion_laughs_is_not_expanded(make: Callable[[], str]) -> None:
    """A billion-laughs document neither expands nor takes memory beyond its own size."""
    doc = make()
    outcomes, peak = _all_ways_traced(doc)
    for out in outcomes:
        assert "lollol" not in out
    assert peak < 50 * len(doc) + 20_000_000


def test_billion_laughs_in_wxr_is_refused() -> None:
    """An export declaring entities is refused with HostileInputError before parsing."""
    with pytest.raises(blogparse.HostileInputError):
        blogparse.parse_wxr(wxr(_lol(), "<item><title>&lol9;</title></item>").encode())


@pytest.mark.parametrize("where", ["wxr", "html"])
def test_quadratic_blowup_is_not_expanded(where: str) -> None:
    """One big entity referenced many times is never expanded (quadratic blow-up)."""
    big = "A" * 50_000
    refs = "&a;" * 20_000
    doc = (wxr(f'<!DOCTYPE rss [<!ENTITY a "{big}">]>', f"<item><title>{refs}</title></item>")
           if where == "wxr" else page(f'<!DOCTYPE html [<!ENTITY a "{big}">]>', refs))
    outcomes, peak = _all_ways_traced(doc)
    for out in outcomes:
        assert "A" * 100_000 not in out
    assert peak < 50 * len(doc) + 20_000_000


def test_quadratic_blowup_time_is_proportional() -> None:
    """Parsing an entity bomb takes about as long as a harmless document of its size."""
    big = "A" * 50_000
    bomb = wxr(f'<!DOCTYPE rss [<!ENTITY a "{big}">]>',
               "<item><title>" + "&a;" * 20_000 + "</title></item>").encode()
    harmless = wxr("", "<item><title>" + "b" * (len(bomb) - 200) + "</title></item>").encode()

    def best(data: bytes) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            _outcome(lambda: blogparse.parse_page(data))
            times.append(time.perf_counter() - t)
        return min(times)

    assert best(bomb) < max(best(harmless), 1e-3) * 50


# --- external entities, DTDs, XInclude ----------------------------------------------------


def _external_docs(target: str) -> list[str]:
    return [
        wxr(f'<!DOCTYPE rss [<!ENTITY s SYSTEM "{target}">]>',
            "<item><title>&s;</title><content:encoded>&s;</content:encoded></item>"),
        wxr(f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{target}"> %p;]>'),
        wxr(f'<!DOCTYPE rss SYSTEM "{target}">'),
        wxr(f'<!DOCTYPE rss PUBLIC "-//X//DTD X//EN" "{target}">'),
        wxr("", f'<item><title><xi:include href="{target}" parse="text"/></title>'
                f'<content:encoded><xi:include href="{target}" parse="text"/>'
                "</content:encoded></item>"),
        wxr(f'<?xml-stylesheet type="text/xsl" href="{target}"?>'),
        page(f'<!DOCTYPE html [<!ENTITY s SYSTEM "{target}">]>', "&s;"),
        page(f'<!DOCTYPE html SYSTEM "{target}">', "x"),
        page("", f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{target}" '
                 'parse="text"/>'),
        page("", f'<iframe src="{target}"></iframe><img src="{target}">'
                 f'<link rel="stylesheet" href="{target}">'),
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "{target}">]>\nA title\n\n&s;\n',
    ]


def test_external_entities_never_read_local_files(secret_file: Path) -> None:
    """External entities, DTDs and XIncludes naming a local file never bring its content in."""
    for target in (secret_file.as_uri(), str(secret_file)):
        for doc in _external_docs(target):
            for out in _all_ways(doc):
                assert SECRET not in out


def test_external_entities_never_touch_the_network(no_network: list[object]) -> None:
    """External entities and DTDs naming a network address open no connection."""
    for target in ("http://127.0.0.1:9/evil.dtd", "https://attacker.invalid/x",
                   "ftp://127.0.0.1/x"):
        for doc in _external_docs(target):
            _all_ways(doc)
    assert [] == no_network


def test_external_entity_in_wxr_is_hostile_input(secret_file: Path) -> None:
    """An export with an external entity is refused as HostileInputError."""
    doc = wxr(f'<!DOCTYPE rss [<!ENTITY s SYSTEM "{secret_file.as_uri()}">]>',
              "<item><title>&s;</title></item>")
    with pytest.raises(blogparse.HostileInputError):
        blogparse.parse_wxr(doc.encode())


def test_external_dtd_in_wxr_is_recorded_not_loaded(secret_file: Path) -> None:
    """An export naming an external DTD parses without loading it, with a hostile defect."""
    result = blogparse.parse_wxr(wxr(f'<!DOCTYPE rss SYSTEM "{secret_file.as_uri()}">').encode())
    assert SECRET not in repr(result.to_dict())
    assert blogparse.DefectKind.HOSTILE_MARKUP in {d.kind for d in result.defects}


def test_xinclude_is_left_as_an_element(secret_file: Path) -> None:
    """An XInclude element in an export is never processed: the title keeps no file text."""
    doc = wxr("", f'<item><title>before<xi:include href="{secret_file.as_uri()}" '
                  'parse="text"/>after</title></item>')
    result = blogparse.parse_wxr(doc.encode())
    assert SECRET not in repr(result.to_dict())


# --- processing instructions, huge attributes --------------------------------------------


def test_processing_instructions_do_nothing() -> None:
    """Processing instructions (PHP, stylesheets) are dropped, never run or followed."""
    doc = page('<?xml-stylesheet href="file:///etc/passwd"?>',
               'a<?php system("id"); ?>b')
    result = blogparse.parse_page(doc)
    assert result.post is not None
    assert "ab" == result.post.title
    assert "ab" == result.post.content_text
    # HTML has no processing instructions: libxml2 reads "<?php" as a comment, which is
    # all that remains of it (inert) in the content's HTML
    assert "<?php" not in (result.post.content_html or "")
    wresult = blogparse.parse_wxr(wxr('<?xml-stylesheet href="x.xsl"?>',
                                      "<item><title>a<?php x(); ?>b</title></item>").encode())
    assert "ab" == wresult.posts[0].title


@pytest.mark.parametrize("where", ["html", "wxr"])
def test_huge_attribute_values_are_bounded(where: str) -> None:
    """A 20 MB attribute value gives a result or ResourceLimitError, in bounded memory."""
    value = "x" * 20_000_000
    doc = (page("", f'<span title="{value}">T</span>') if where == "html"
           else wxr("", f'<item><title a="{value}">T</title></item>'))
    data = doc.encode()
    tracemalloc.start()
    try:
        out = _outcome(lambda: blogparse.parse_page(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.startswith(("{", "error: ResourceLimitError"))
    assert peak < 12 * len(data)


@pytest.mark.parametrize("where", ["page", "wxr-content"])
def test_many_attributes_are_cut_not_quadratic(where: str) -> None:
    """An element with 100,000 attributes is cut to its first thousand, in linear time."""
    def doc(n: int) -> str:
        attrs = " ".join(f"a{i}='{i}'" for i in range(n))
        if where == "page":
            return page("", f"<span {attrs}>T</span>")
        return wxr("", f"<item><title>T</title><content:encoded><![CDATA[<p {attrs}>body</p>"
                       "]]></content:encoded></item>")

    def best(text: str) -> float:
        t = time.perf_counter()
        out = _outcome(lambda: blogparse.parse_page(text))
        assert out.startswith("{")
        return time.perf_counter() - t

    small, big = best(doc(2_000)), best(doc(100_000))
    # linear would be 50x; libxml2's pairwise check would make it 2,500x
    assert big < max(small, 1e-3) * 250
    if where == "page":
        result = blogparse.parse_page(doc(100_000))
        assert result.post is not None
        assert "T" == result.post.title
        assert blogparse.DefectKind.LIMIT_REACHED in {d.kind for d in result.defects}


def test_deep_xml_in_wxr_is_refused_cleanly() -> None:
    """An export nested 100,000 levels deep fails with the library's ResourceLimitError."""
    doc = wxr("", "<item><title>" + "<a>" * 100_000 + "x" + "</a>" * 100_000
              + "</title></item>")
    with pytest.raises(blogparse.ResourceLimitError):
        blogparse.parse_wxr(doc.encode())


def test_nul_bytes_and_bad_characters_are_harmless() -> None:
    """NUL bytes, lone surrogates' bytes and invalid UTF-8 never escape as lxml errors."""
    for data in (b"<html>\x00<body>\x00</body></html>", b"\xed\xa0\x80<p>x</p>",
                 wxr("", "<item><title>a\x00b\x01c</title></item>").encode(),
                 b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", b"<?xml version='1.0' "
                 b"encoding='x-unknown'?><html/>"):
        out = _outcome(lambda data=data: blogparse.parse_page(data))  # type: ignore[misc]
        assert out.startswith(("{", "error:"))


def test_errors_are_the_librarys_own() -> None:
    """Every failure on hostile input is a BlogparseError (and an InputError)."""
    for doc in (wxr(_lol()), wxr("", "<item><title>" + "<a>" * 1_000 + "</title></item>")):
        with pytest.raises(blogparse.InputError) as info:
            blogparse.parse_wxr(doc.encode())
        assert isinstance(info.value, blogparse.BlogparseError)


def test_addresses_urlsplit_refuses_give_no_traceback() -> None:
    """Bracketed hosts that are no IP address ("http://[x/") in the canonical link, the
    shortlink, the title's link, author links and image sources: a result, no ValueError."""
    page = b"""<html><head><link rel="canonical" href="http://[x/post/">
<link rel="shortlink" href="http://[y/?p=4"></head>
<body class="single single-post"><article class="post hentry">
<h1 class="entry-title"><a href="http://[z/">Lamps</a></h1>
<div class="entry-content"><p>The lamps were lit at dusk.</p>
<figure class="wp-caption"><img src="http://[w/a.jpg" alt=""><figcaption class="wp-caption-text">
Lamp. Photo: Ann</figcaption></figure></div>
<span class="byline"><a rel="author" href="http://[q/">Ann</a>
<a rel="author" href="https://twitter.com/ann">ann</a></span></article></body></html>"""
    result = blogparse.parse_page(page)
    assert [p.title for p in result.posts] == ["Lamps"]
    assert [a.name for a in result.posts[0].authors] == ["Ann"]
    assert "The lamps were lit at dusk." in blogparse.post_to_markdown(result.posts[0])
