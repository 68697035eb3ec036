"""The source layer: the encoding precedence, format sniffing, MHTML and saved-page folders.

Every page here is written for these tests, in WordPress classic markup, in the language its
encoding serves; MHTML files are built with the standard library's ``email`` package.
"""

from __future__ import annotations

import base64
import csv
import email.encoders
import email.policy
import re
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blogparse
from blogparse import DefectKind, InputError
from blogparse._errors import DecodeError, ResourceLimitError
from blogparse._source import (
    Source,
    declared_encoding,
    decode,
    load_saved_folder,
    map_saved_resources,
    read_source,
    resolve_encoding,
    resolve_resource,
    restore_original_urls,
    sniff_format,
)

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
{meta}<title>{title} | {site}</title>
</head>
<body class="post-template-default single single-post postid-7">
<div id="page" class="site"><main id="main" class="site-main">
<article id="post-7" class="post-7 post type-post status-publish format-standard">
<header class="entry-header"><h1 class="entry-title">{title}</h1></header>
<div class="entry-content">
<p>{body}</p>
</div>
</article>
</main></div>
</body>
</html>
"""

# (language, python codec, WHATWG name reported, title, body)
PAGES = [
    ("en", "utf-8", "utf-8", "Notes from the “Café” — part 2",
     "Naïve façades, 5 € and a crème brûlée."),
    ("fr", "cp1252", "windows-1252", "Œuvres complètes : l’été à Paris",
     "« Déjà vu », dit-il — c’était l’été."),
    ("pl", "iso8859-2", "iso-8859-2", "Zażółć gęślą jaźń w Łodzi",
     "Źródło: wycieczka do Świnoujścia i Gdańska."),
    ("et", "iso8859-15", "iso-8859-15", "Šokolaad ja žürii maksavad 5 €",
     "Œuvre, Ÿ ja ž on ISO-8859-15 märgid."),
    ("ja", "shift_jis", "shift_jis", "東京の桜について書きました",
     "今日は友達と一緒に上野公園へ行きました。とても綺麗でした。コメントを残す"),
    ("ja", "euc_jp", "euc-jp", "京都の紅葉を見に行きました",
     "週末に家族と一緒に嵐山へ行きました。写真をたくさん撮りました。"),
    ("ko", "euc_kr", "euc-kr", "서울에서 보낸 주말 이야기",
     "오늘은 친구들과 함께 한강에 갔습니다. 날씨가 정말 좋았습니다. 댓글 남기기"),
    ("zh-CN", "gb18030", "gb18030", "关于中国经济发展的一些看法",
     "我们在这里讨论了很多问题，也欢迎大家发表评论。这是我的个人博客。"),
    ("zh-TW", "big5", "big5", "台灣夜市的美食地圖",
     "這是我們在台北的第一個晚上，我們吃了很多東西。歡迎發表評論。"),
]


def page(title: str, body: str, *, charset: str | None, lang: str = "en",
         site: str = "A Blog") -> str:
    """A single-post page in classic markup, with ``<meta charset>`` when one is given."""
    meta = f'<meta charset="{charset}" />\n' if charset else ""
    return PAGE.format(lang=lang, meta=meta, title=title, site=site, body=body)


def kinds(defects: tuple[blogparse.Defect, ...]) -> set[DefectKind]:
    """The kinds of the defects given."""
    return {d.kind for d in defects}


# -- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "codec", "name", "title", "body"), PAGES)
def test_declared_encodings_decode_and_parse(
    lang: str, codec: str, name: str, title: str, body: str
) -> None:
    """A page in its declared encoding parses to the right title and reports that encoding."""
    data = page(title, body, charset=codec.replace("_", "-"), lang=lang).encode(codec)
    result = blogparse.parse_page(data)
    assert name == result.encoding
    assert title == result.posts[0].title
    assert body in (result.posts[0].content_text or "")
    assert not kinds(result.defects) & {DefectKind.DECODE_REPLACED,
                                        DefectKind.ENCODING_MISDECLARED}


# Pages in single-byte encodings for other scripts and languages, with no declaration.
SINGLE_BYTE_PAGES = [
    ("ru", "cp1251", "windows-1251", "Заметки о зимней рыбалке",
     "Вчера мы сидели у лунки до темноты, а утром лёд стал ещё толще."),
    ("ru", "koi8_r", "koi8-r", "Заметки о зимней рыбалке",
     "Вчера мы сидели у лунки до темноты, а утром лёд стал ещё толще."),
    ("uk", "koi8_u", "koi8-u", "Нотатки про осінній сад",
     "Цього тижня ми зібрали яблука і груші, а їжачок знову прийшов у двір."),
    ("el", "cp1253", "windows-1253", "Σημειώσεις από το νησί",
     "Το πρωί περπατήσαμε στο λιμάνι και είδαμε τις βάρκες των ψαράδων."),
    ("cs", "cp1250", "windows-1250", "Poznámky z horské chaty",
     "Ráno jsme vyšli na hřeben, kde foukal studený vítr a sníh se třpytil."),
    ("pl", "iso8859_2", "iso-8859-2", "Zażółć gęślą jaźń w Łodzi",
     "Źródło: wycieczka do Świnoujścia i Gdańska."),
    ("tr", "cp1254", "windows-1254", "Kış bahçesinden notlar",
     "Bugün sabah erken kalktık, ağaçların üstünde ince bir kırağı vardı."),
    ("he", "cp1255", "windows-1255", "רשימות מהגינה",
     "הבוקר השקינו את העגבניות וקטפנו תאנים מהעץ הגדול."),
    ("ar", "cp1256", "windows-1256", "ملاحظات من الحديقة",
     "في الصباح سقينا الطماطم وقطفنا التين من الشجرة الكبيرة."),
    ("th", "cp874", "windows-874", "บันทึกจากสวนหลังบ้าน",
     "เมื่อเช้านี้เรารดน้ำต้นมะเขือเทศและเก็บมะม่วงจากต้นใหญ่"),
]
# Western text in windows-1252 that the other single-byte tables must not win.
WESTERN_PAGES = [
    ("fr", "Un été à Lyon", "Nous avons mangé des crêpes près de la rivière — « très » bien."),
    ("de", "Grüße aus Köln", "Die Straße war voller Menschen, es war schön und überfüllt."),
    ("es", "Canción del niño", "El niño comió piñata en España; ¿qué más?"),
    ("pt", "Não é fácil", "Ação e coração: é difícil à noite, mas é ótimo."),
    ("da", "Æbler på øen", "Vi så både æbler og pærer på øen, og søen var blå."),
]


@pytest.mark.parametrize(("lang", "codec", "name", "title", "body"), SINGLE_BYTE_PAGES)
def test_undeclared_single_byte_encodings_are_guessed(
    lang: str, codec: str, name: str, title: str, body: str
) -> None:
    """Cyrillic, Greek, Central European, Turkish, Hebrew, Arabic and Thai pages with no
    declaration read as their encoding, not as windows-1252 mojibake."""
    result = blogparse.parse_page(page(title, body, charset=None, lang=lang).encode(codec))
    assert (result.encoding, result.posts[0].title) == (name, title)
    assert body == result.posts[0].content_text


@pytest.mark.parametrize(("lang", "title", "body"), WESTERN_PAGES)
def test_undeclared_western_text_stays_windows_1252(lang: str, title: str, body: str) -> None:
    result = blogparse.parse_page(page(title, body, charset=None, lang=lang).encode("cp1252"))
    assert (result.encoding, result.posts[0].title) == ("windows-1252", title)


def test_declared_utf8_but_windows_1251_is_read_as_windows_1251() -> None:
    """A "UTF-8" declaration over Cyrillic bytes with no UTF-8 in them: the guess decides."""
    title, body = SINGLE_BYTE_PAGES[0][3:]
    result = blogparse.parse_page(page(title, body, charset="utf-8", lang="ru").encode("cp1251"))
    assert (result.encoding, result.posts[0].title) == ("windows-1251", title)
    assert DefectKind.ENCODING_MISDECLARED in kinds(result.defects)


def test_a_koi8_text_dump_is_read() -> None:
    """A plain-text dump has no place for a declaration: its bytes decide."""
    dump = ("****** Записки рыбака ******\n"
            "***** Заметки о зимней рыбалке *****\n"
            "Опубликовано 3 марта 2024\n"
            "Вчера мы сидели у лунки до темноты, а утром лёд стал ещё толще, и мы\n"
            "решили остаться на озере ещё на один день.\n").encode("koi8_r")
    assert blogparse.parse_page(dump, format="text").encoding == "koi8-r"
    text, used, defects = decode(dump)
    assert (used, defects) == ("koi8-r", ())
    assert "***** Заметки о зимней рыбалке *****" in text


@pytest.mark.parametrize(("lang", "codec", "name", "title", "body"),
                         [p for p in PAGES if p[2] in
                          {"utf-8", "windows-1252", "shift_jis", "euc-jp", "euc-kr",
                           "gb18030", "big5", "iso-8859-2"}])
def test_undeclared_encodings_are_guessed(
    lang: str, codec: str, name: str, title: str, body: str
) -> None:
    """With no declaration, UTF-8, windows-1252 and the CJK encodings are recognised."""
    data = page(title, body, charset=None, lang=lang).encode(codec)
    text, used, defects = decode(data)
    assert name == used
    assert title in text
    assert () == defects


def test_utf8_bom_wins_over_the_declaration() -> None:
    """A UTF-8 byte-order mark decides, whatever the page declares; it is not in the text."""
    data = b"\xef\xbb\xbf" + page("Grüße aus Köln", "Straße", charset="iso-8859-1").encode()
    text, used, defects = decode(data, encoding="shift_jis")
    assert "utf-8" == used
    assert text.startswith("<!DOCTYPE html>")
    assert "Grüße aus Köln" in text
    assert () == defects


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "utf-16le"),
                                             ("utf-16-be", "utf-16be")])
def test_utf16_with_bom(codec: str, name: str) -> None:
    """UTF-16 with a byte-order mark decodes, even though its meta says UTF-16 or UTF-8."""
    text = page("Ελληνικά και русский", "Καλημέρα", charset="utf-16")
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    result = blogparse.parse_page(bom + text.encode(codec))
    assert name == result.encoding
    assert "Ελληνικά και русский" == result.posts[0].title


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "utf-16le"),
                                             ("utf-16-be", "utf-16be")])
def test_utf16_without_bom(codec: str, name: str) -> None:
    """UTF-16 with no byte-order mark is recognised by its first "<" and NUL."""
    text, used, defects = decode(page("Добрый день", "x", charset=None).encode(codec))
    assert (name, ()) == (used, defects)
    assert "Добрый день" in text


@pytest.mark.parametrize(("label", "expected"), [
    ("ISO-8859-1", ("windows-1252", "cp1252")),
    ("latin1", ("windows-1252", "cp1252")),
    ("US-ASCII", ("windows-1252", "cp1252")),
    ("utf8", ("utf-8", "utf-8")),
    (" 'UTF-8'; ", ("utf-8", "utf-8")),
    ("Shift_JIS", ("shift_jis", "cp932")),
    ("x-sjis", ("shift_jis", "cp932")),
    ("EUC-KR", ("euc-kr", "cp949")),
    ("ks_c_5601-1987", ("euc-kr", "cp949")),
    ("GB2312", ("gb18030", "gb18030")),
    ("gbk", ("gb18030", "gb18030")),
    ("Big5", ("big5", "big5hkscs")),
    ("iso-8859-9", ("windows-1254", "cp1254")),
    ("tis-620", ("windows-874", "cp874")),
    ("ISO-8859-2", ("iso-8859-2", "iso8859-2")),
    ("windows-1251", ("windows-1251", "cp1251")),
    ("klingon-8", None),
    ("", None),
])
def test_labels_map_like_browsers(label: str, expected: tuple[str, str] | None) -> None:
    """Charset labels resolve to the WHATWG name and the decoder browsers use."""
    assert expected == resolve_encoding(label)


def test_latin1_label_decodes_as_windows_1252() -> None:
    """A page declaring ISO-8859-1 gets its curly quotes and dashes (0x80–0x9F) right."""
    data = page("“Quoted” – dashed…", "x", charset="ISO-8859-1").encode("cp1252")
    result = blogparse.parse_page(data)
    assert "windows-1252" == result.encoding
    assert "“Quoted” – dashed…" == result.posts[0].title


def test_undefined_windows_1252_bytes_become_c1_controls() -> None:
    """The five bytes windows-1252 leaves undefined decode as C1 controls, not U+FFFD."""
    text, used, defects = decode(b'<meta charset="windows-1252"><p>a\x81b\x9dc</p>')
    assert "windows-1252" == used
    assert "a\x81b\x9dc" in text
    assert () == defects


def test_declared_latin1_but_utf8_is_read_as_utf8() -> None:
    """Declared ISO-8859-1 over valid UTF-8: UTF-8 wins, with an encoding-misdeclared defect."""
    data = page("Müller’s Café in Zürich", "Grüße", charset="ISO-8859-1").encode("utf-8")
    result = blogparse.parse_page(data)
    assert "utf-8" == result.encoding
    assert "Müller’s Café in Zürich" == result.posts[0].title
    assert DefectKind.ENCODING_MISDECLARED in kinds(result.defects)


def test_declared_utf8_but_windows_1252_is_read_as_windows_1252() -> None:
    """Declared UTF-8 over bytes with no UTF-8 in them: the page is read as windows-1252."""
    data = page("Les élèves à l’école", "Où est la bibliothèque ?", charset="utf-8")
    result = blogparse.parse_page(data.encode("cp1252"))
    assert "windows-1252" == result.encoding
    assert "Les élèves à l’école" == result.posts[0].title
    assert DefectKind.ENCODING_MISDECLARED in kinds(result.defects)
    assert "\ufffd" not in (result.posts[0].content_text or "")


def test_utf8_page_with_stray_latin1_bytes_is_repaired() -> None:
    """Mostly UTF-8 with a Latin-1 title pasted in: each part decodes right, no U+FFFD."""
    head, tail = page("TITLE", "Die Straße nach Köln — schön", charset="utf-8").split("TITLE", 1)
    data = (head.encode() + "Mäscot für Kühe".encode("latin-1")
            + tail.replace("TITLE", "Mäscot für Kühe").encode())
    result = blogparse.parse_page(data)
    assert "utf-8" == result.encoding
    assert "Mäscot für Kühe" == result.posts[0].title
    assert "Die Straße nach Köln — schön" in (result.posts[0].content_text or "")
    assert DefectKind.ENCODING_MISDECLARED in kinds(result.defects)
    assert "\ufffd" not in (result.posts[0].content_text or "")


def test_declared_latin1_mostly_utf8_is_repaired() -> None:
    """Declared ISO-8859-1, mostly UTF-8 with one stray byte: read as repaired UTF-8."""
    data = page("Crème brûlée à la carte", "déjà vu", charset="iso-8859-1").encode()
    data = data.replace(b"vu", b"v\xfc")
    text, used, defects = decode(data)
    assert "utf-8" == used
    assert "Crème brûlée à la carte" in text
    assert "déjà vü" in text
    assert {DefectKind.ENCODING_MISDECLARED} == kinds(defects)


def test_declared_latin2_mostly_utf8_reads_strays_as_latin2() -> None:
    """Mostly UTF-8 under an ISO-8859-2 declaration: the stray bytes are read as Latin-2."""
    data = page("Zażółć gęślą jaźń", "x", charset="iso-8859-2").encode()
    data = data.replace(b"<p>x</p>", "<p>Łódź</p>".encode("iso8859-2"))
    text, used, defects = decode(data)
    assert "utf-8" == used
    assert "Zażółć gęślą jaźń" in text
    assert "<p>Łódź</p>" in text
    assert {DefectKind.ENCODING_MISDECLARED} == kinds(defects)


def test_declared_utf8_but_shift_jis_is_recognised() -> None:
    """Declared UTF-8 over a Shift_JIS page: the CJK guess reads it, not windows-1252."""
    title, body = PAGES[4][3], PAGES[4][4]
    data = page(title, body, charset="utf-8", lang="ja").encode("shift_jis")
    text, used, defects = decode(data)
    assert "shift_jis" == used
    assert title in text
    assert {DefectKind.ENCODING_MISDECLARED} == kinds(defects)


def test_explicit_encoding_beats_the_declaration() -> None:
    """``encoding=`` wins over the page's meta, and is reported by its WHATWG name."""
    data = page("Ćwiczenia", "ą", charset="utf-8").encode("iso8859-2")
    text, used, _ = decode(data, encoding="ISO-8859-2")
    assert "iso-8859-2" == used
    assert "Ćwiczenia" in text


def test_explicit_encoding_is_trusted_over_utf8_looking_bytes() -> None:
    """What the caller asks for is what is used, even over bytes that are valid UTF-8."""
    text, used, defects = decode("é".encode(), encoding="latin1")
    assert ("Ã©", "windows-1252", ()) == (text, used, defects)


def test_unknown_explicit_encoding_raises_decode_error() -> None:
    """An encoding name Python does not know is misuse: DecodeError, with the name."""
    with pytest.raises(DecodeError) as info:
        decode(b"abc", encoding="klingon-8")
    assert "klingon-8" == info.value.encoding


def test_unknown_declared_encoding_is_a_defect() -> None:
    """A page that declares an encoding nobody knows is decoded anyway, with a defect."""
    text, used, defects = decode(page("Grüße", "x", charset="x-klingon").encode())
    assert "utf-8" == used
    assert "Grüße" in text
    assert {DefectKind.ENCODING_MISDECLARED} == kinds(defects)


def test_invalid_bytes_in_a_declared_cjk_encoding_are_replaced() -> None:
    """Bytes that are not valid in the declared multi-byte encoding become U+FFFD, noted."""
    data = page("東京", "x", charset="shift_jis").encode("shift_jis") + b"\x81\x20\xa0\xfd"
    text, used, defects = decode(data)
    assert "shift_jis" == used
    assert "東京" in text
    assert {DefectKind.DECODE_REPLACED} == kinds(defects)


@pytest.mark.parametrize(("head", "expected"), [
    (b'<meta charset="euc-kr">', "euc-kr"),
    (b"<meta charset=Shift_JIS>", "Shift_JIS"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"),
    (b"<META CONTENT='text/html; charset=big5' HTTP-EQUIV='content-type'>", "big5"),
    (b'<meta content="charset=koi8-r">', None),
    (b'<!-- <meta charset="big5"> --><meta charset="utf-8">', "utf-8"),
    (b'<body><meta charset="big5">', None),
    (b'<?xml version="1.0" encoding="ISO-8859-15"?><rss>', "ISO-8859-15"),
    (b'<?xml version="1.0" encoding="utf-8"?><html><head><meta charset="euc-jp">', "euc-jp"),
    (b"<p>nothing here</p>", None),
])
def test_declarations_in_the_first_bytes(head: bytes, expected: str | None) -> None:
    """The prescan finds meta charset, http-equiv and XML declarations, not commented ones."""
    assert expected == declared_encoding(b"<html><head>" + head if b"<?xml" not in head
                                         else head)


def test_a_declaration_beyond_16_kib_is_not_seen() -> None:
    """Only the first 16 KiB are searched for a declaration (bounded work)."""
    data = b"<html><head><!-- " + b"x" * 20000 + b' --><meta charset="big5">'
    assert declared_encoding(data) is None


def test_str_input_is_taken_as_decoded() -> None:
    """A str is not decoded again: its encoding is None and its meta is ignored."""
    source = read_source(page("Ünïcödé", "x", charset="shift_jis"))
    assert (None, "html") == (source.encoding, source.format)
    assert "Ünïcödé" in source.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["", '<meta charset="utf-8">',
                                                 '<meta charset="shift_jis">',
                                                 '<meta charset="iso-8859-1">']))
def test_decoding_never_fails(data: bytes, meta: str) -> None:
    """Any bytes, under any declaration, decode to text with a known encoding name."""
    text, used, _ = decode(meta.encode() + data)
    assert isinstance(text, str)
    assert resolve_encoding(used) is not None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_reading_any_bytes_raises_only_library_errors(data: bytes) -> None:
    """read_source on arbitrary bytes returns a Source or raises blogparse's InputError."""
    try:
        source = read_source(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n"
                             + data)
    except InputError:
        return
    assert "mhtml" == source.format


# -- format sniffing ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("<!DOCTYPE html><html><body></body></html>", "html"),
    ("\n\n  <html lang='en'><p>x</p></html>", "html"),
    ("<p>A post body only.</p>\n<p>Second paragraph.</p>", "html"),
    ("Saved from somewhere\n<!DOCTYPE html>\n<html><body>", "html"),
    ("My Blog\n\nWrap each paragraph in a <div> and a <p> tag,\nthen close the </div>.\n"
     "That is all there is to it.\nLeave a Reply", "text"),
    ("Title of the post\n==================\n\nPosted on March 3\n\nSome words.", "text"),
    ('<?xml version="1.0"?>\n<rss version="2.0" '
     'xmlns:wp="http://wordpress.org/export/1.2/"><channel>', "wxr"),
    ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.com/\r\n"
     "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
     "\tboundary=\"----B\"\r\n\r\n------B\r\n", "mhtml"),
    ("Subject: hello\r\nContent-Type: text/plain\r\n\r\nHello", "text"),
    ('\u00ef\u00bb\u00bf<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.1/">',
     "wxr"),
    ("<https://example.com/> is where the post lives.\nRead it there.", "text"),
    ("How to edit a theme\n\nPut the <body> tag after <head>, and the export's <rss>\n"
     "names wordpress.org/export/1.2/ as its namespace.", "text"),
])
def test_sniff_format(text: str, expected: str) -> None:
    """Each format is recognised; a dump that mentions tags in prose stays text."""
    assert expected == sniff_format(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"<>/!?= \n\t\"'abdhlmprstvy:-.", "html", "body", "rss",
                                 "src", "page_files/"]), max_size=200).map("".join))
def test_sniffing_and_rewriting_any_text(text: str) -> None:
    """Any text sniffs as a known format; rewriting it with no match leaves it unchanged."""
    assert sniff_format(text) in {"html", "mhtml", "text", "wxr"}
    assert text == restore_original_urls(text, {"page_files/none.jpg": "https://e.example/"})
    assert isinstance(map_saved_resources(text, "page_files"), dict)


def test_format_argument_overrides_sniffing() -> None:
    """``format=`` is used as given, and an unknown one is refused."""
    assert "text" == read_source(b"<html><body>x</body></html>", format="text").format
    with pytest.raises(InputError):
        read_source(b"x", format="pdf")


# -- MHTML -------------------------------------------------------------------------------

ORIGIN = "https://blog.example.org/2024/05/a-walk-in-the-hills/"
IMAGE_URL = "https://blog.example.org/wp-content/uploads/2024/05/hills-1024x683.jpg"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def mhtml(html_text: str, *, charset: str = "utf-8", cte: str = "quoted-printable",
          cid_image: bool = False, start: bool = False, snapshot: bool = True,
          root_location: bool = True) -> bytes:
    """An MHTML file as Chrome writes one: a multipart/related root with the page first."""
    root = MIMEMultipart("related", type="text/html")
    root["From"] = "<Saved by Blink>"
    if snapshot:
        root["Snapshot-Content-Location"] = ORIGIN
    root["Subject"] = "A walk in the hills"
    # MIMEText would re-encode some charsets (Shift_JIS → ISO-2022-JP): set the bytes as-is.
    part = MIMENonMultipart("text", "html", charset=charset)
    part.set_payload(html_text.encode(charset))
    if cte == "quoted-printable":
        email.encoders.encode_quopri(part)
    else:
        email.encoders.encode_base64(part)
    part["Content-ID"] = "<frame-root@mhtml.blink>"
    if root_location:
        part["Content-Location"] = ORIGIN
    image = MIMEImage(PNG, "png")
    image["Content-Location"] = IMAGE_URL
    if cid_image:
        image["Content-ID"] = "<image001.png@01DA>"
    css = MIMEText("body{color:#333}", "css")
    css["Content-Location"] = "https://blog.example.org/wp-content/themes/x/style.css"
    if start:
        root.set_param("start", "<frame-root@mhtml.blink>")
        root.attach(css)
        root.attach(part)
    else:
        root.attach(part)
        root.attach(css)
    root.attach(image)
    return root.as_bytes(policy=email.policy.default)


def image_page(src: str) -> str:
    """A post whose content holds a captioned image with ``src``."""
    body = ("Up the ridge at dawn.</p><figure class=\"wp-block-image\">"
            f"<img src=\"{src}\" alt=\"Hills\" width=\"1024\" height=\"683\">"
            "<figcaption>The ridge at 6 am</figcaption></figure><p>Then down again.")
    return page("A walk in the hills", body, charset="utf-8")


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
def test_mhtml_parses_like_the_html_inside(cte: str) -> None:
    """An MHTML save gives the same post as its HTML, with the original url recorded."""
    text = image_page(IMAGE_URL)
    data = mhtml(text, cte=cte)
    assert "mhtml" == sniff_format(data.decode("latin-1"))
    from_mhtml = blogparse.parse_page(data)
    from_html = blogparse.parse_page(text.encode(), url=ORIGIN)
    assert "mhtml" == from_mhtml.format
    assert ORIGIN == from_mhtml.url
    assert from_html.posts == from_mhtml.posts
    source = read_source(data)
    assert IMAGE_URL == source.resources[IMAGE_URL]
    assert IMAGE_URL == resolve_resource(IMAGE_URL, source)


def test_mhtml_in_the_shape_blink_writes() -> None:
    """CRLF lines, a folded Content-Type, soft line breaks and =3D escapes, as Chrome saves."""
    html_qp = ('<!DOCTYPE html><html><head><meta http-equiv=3D"Content-Type" content=3D"text/=\r\n'
               'html; charset=3DUTF-8"><title>Caf=C3=A9 notes</title></head><body class=3D"si=\r\n'
               'ngle single-post"><article class=3D"post type-post"><h1 class=3D"entry-title">=\r\n'
               'Caf=C3=A9 notes</h1><div class=3D"entry-content"><p>Bonjour.</p><img src=3D"=\r\n'
               'https://blog.example.org/wp-content/uploads/cafe.png" alt=3D""></div></arti=\r\n'
               "cle></body></html>")
    b64 = base64.b64encode(PNG).decode()
    data = (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://blog.example.org/cafe-notes/\r\n"
        "Subject: =?utf-8?Q?Caf=C3=A9_notes?=\r\n"
        "Date: Sat, 1 Jun 2024 10:00:00 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        '\ttype="text/html";\r\n'
        '\tboundary="----MultipartBoundary--abc123----"\r\n'
        "\r\n\r\n"
        "------MultipartBoundary--abc123----\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-0A1B2C@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://blog.example.org/cafe-notes/\r\n"
        "\r\n" + html_qp + "\r\n"
        "------MultipartBoundary--abc123----\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://blog.example.org/wp-content/uploads/cafe.png\r\n"
        "\r\n" + b64 + "\r\n"
        "------MultipartBoundary--abc123------\r\n"
    ).encode("ascii")
    source = read_source(data)
    assert ("mhtml", "utf-8") == (source.format, source.encoding)
    assert "https://blog.example.org/cafe-notes/" == source.url
    assert "<title>Café notes</title>" in source.text
    assert 'src="https://blog.example.org/wp-content/uploads/cafe.png"' in source.text
    assert "https://blog.example.org/wp-content/uploads/cafe.png" in source.resources
    result = blogparse.parse_page(data)
    assert "Café notes" == result.posts[0].title


def test_mhtml_cid_images_resolve_to_their_location() -> None:
    """A ``cid:`` image reference maps to the Content-Location of the part it names."""
    source = read_source(mhtml(image_page("cid:image001.png@01DA"), cid_image=True))
    assert IMAGE_URL == source.resources["cid:image001.png@01DA"]
    assert IMAGE_URL == resolve_resource("cid:image001.png@01DA", source)
    assert IMAGE_URL == resolve_resource("cid:<image001.png@01DA>", source)
    assert "other.jpg" == resolve_resource("other.jpg", source)


def image_srcs(result: blogparse.PageResult) -> list[str | None]:
    """The image sources of the first post: its image blocks' and its captions'."""
    post = result.posts[0]
    return ([b.src for b in post.blocks if b.kind == "image"]
            + [c.image.src for c in post.captions if c.image is not None])


def test_mhtml_cid_images_come_out_with_original_urls() -> None:
    """Parsing an MHTML page whose image is ``cid:`` gives the image's original url."""
    result = blogparse.parse_page(mhtml(image_page("cid:image001.png@01DA"), cid_image=True))
    srcs = image_srcs(result)
    assert srcs
    assert {IMAGE_URL} == set(srcs)


def test_mhtml_root_is_the_start_part() -> None:
    """The ``start`` parameter names the root part even when it is not the first."""
    source = read_source(mhtml(image_page(IMAGE_URL), start=True))
    assert "A walk in the hills" in source.text
    assert "color:#333" not in source.text


def test_mhtml_part_charset_decodes_the_page() -> None:
    """The root part's Content-Type charset decodes a page that has no meta charset."""
    html_text = page("Chère Léa, l’été", "« oui »", charset=None)
    source = read_source(mhtml(html_text, charset="windows-1252"))
    assert "windows-1252" == source.encoding
    assert "Chère Léa, l’été" in source.text


def test_mhtml_url_falls_back_to_the_snapshot_header() -> None:
    """With no Content-Location on the root part, Snapshot-Content-Location is the url."""
    source = read_source(mhtml(image_page(IMAGE_URL), root_location=False))
    assert ORIGIN == source.url
    assert "https://example.net/" == read_source(mhtml(image_page(IMAGE_URL)),
                                                 url="https://example.net/").url


def test_mhtml_quoted_printable_japanese_page() -> None:
    """A Shift_JIS page in a quoted-printable part decodes by the part's charset."""
    lang, codec, name, title, body = PAGES[4]
    source = read_source(mhtml(page(title, body, charset=None, lang=lang), charset=codec))
    assert name == source.encoding
    assert title in source.text
    assert body in source.text


def test_mhtml_as_str_and_by_format() -> None:
    """MHTML given as str, or named by ``format=``, is unpacked all the same."""
    data = mhtml(image_page(IMAGE_URL))
    assert "A walk in the hills" in read_source(data.decode("ascii")).text
    assert "A walk in the hills" in read_source(data, format="mhtml").text


def test_mhtml_without_html_is_an_input_error() -> None:
    """An MHTML file with no text/html part is refused with InputError."""
    root = MIMEMultipart("related")
    root.attach(MIMEImage(PNG, "png"))
    with pytest.raises(InputError, match="no text/html part"):
        read_source(root.as_bytes(), format="mhtml")


# -- saved folders -----------------------------------------------------------------------

SAVED_BODY = """Morning light.</p>
<figure class="wp-caption"><img src="./page_files/hills-300x200.jpg"
 data-orig-file="https://blog.example.org/wp-content/uploads/2024/05/hills.jpg"
 srcset="page_files/hills-300x200.jpg 300w" alt="Hills"></figure>
<p><img src="page_files/lake-640x480.jpg" alt="Lake"
 data-lazy-src="https://blog.example.org/wp-content/uploads/2024/05/lake-640x480.jpg"></p>
<p><img src="page_files/boat.jpg" alt="Boat"></p>
<noscript><img src="https://i0.wp.com/blog.example.org/wp-content/uploads/boat.jpg?resize=640%2C480&amp;ssl=1"></noscript>
<p><img src="page_files/mystery.png" alt="Unknown"></p>
<p><img src="page_files/twin.jpg"><a href="https://a.example/twin.jpg">a</a>
<a href="https://b.example/twin.jpg">b</a></p><p>End."""


def saved_page(tmp_path: Path, folder: str = "page_files") -> Path:
    """Write a 'Save Page As, complete' pair: the page and its resource folder."""
    text = page("A walk in the hills", SAVED_BODY.replace("page_files", folder),
                charset="utf-8")
    text = f"<!-- saved from url=(0{len(ORIGIN)}){ORIGIN} -->\n" + text
    target = tmp_path / "page.html"
    target.write_text(text, encoding="utf-8")
    (tmp_path / folder).mkdir()
    for name in ("hills-300x200.jpg", "lake-640x480.jpg", "boat.jpg", "mystery.png"):
        (tmp_path / folder / name).write_bytes(PNG)
    return target


def test_saved_folder_maps_local_images_to_originals(tmp_path: Path) -> None:
    """Local images map back through data-orig-file, data-lazy-src and Photon urls."""
    source = load_saved_folder(saved_page(tmp_path))
    assert ORIGIN == source.url
    assert "html" == source.format
    up = "https://blog.example.org/wp-content/uploads/"
    assert up + "2024/05/hills.jpg" == resolve_resource("./page_files/hills-300x200.jpg", source)
    assert up + "2024/05/hills.jpg" == resolve_resource("page_files/hills-300x200.jpg", source)
    assert up + "2024/05/lake-640x480.jpg" == resolve_resource("page_files/lake-640x480.jpg",
                                                              source)
    assert up + "boat.jpg" == resolve_resource("page_files/boat.jpg", source)


def test_saved_folder_text_carries_the_originals(tmp_path: Path) -> None:
    """The page text comes back rewritten, so a parse of it gives the original image urls."""
    source = load_saved_folder(saved_page(tmp_path))
    result = blogparse.parse_page(source.text, url=source.url)
    up = "https://blog.example.org/wp-content/uploads/"
    srcs = set(image_srcs(result))
    assert {up + "2024/05/hills.jpg", up + "2024/05/lake-640x480.jpg", up + "boat.jpg"} <= srcs
    # unmapped: still the local file (which the parse resolves against the page url)
    assert any(src and src.endswith("page_files/mystery.png") for src in srcs)
    assert 'srcset="https://blog.example.org/wp-content/uploads/2024/05/hills.jpg 300w"' in (
        source.text)


def test_restore_original_urls_leaves_other_text_alone() -> None:
    """Only known references in url attributes change; prose and unknown ones do not."""
    text = ('<p>see page_files/a.jpg</p><img src="page_files/a.jpg" alt="page_files/a.jpg">'
            '<img src="page_files/b.jpg"><a href=\'page_files/a.jpg\'>x</a>')
    out = restore_original_urls(text, {"page_files/a.jpg": "https://e.example/a.jpg?x=1&y=2"})
    assert ('<p>see page_files/a.jpg</p><img src="https://e.example/a.jpg?x=1&amp;y=2" '
            'alt="page_files/a.jpg"><img src="page_files/b.jpg">'
            "<a href='https://e.example/a.jpg?x=1&amp;y=2'>x</a>") == out


def test_saved_folder_does_not_invent_originals(tmp_path: Path) -> None:
    """A file no url names, or two urls name, stays as it is."""
    source = load_saved_folder(saved_page(tmp_path))
    assert "page_files/mystery.png" == resolve_resource("page_files/mystery.png", source)
    assert "page_files/twin.jpg" == resolve_resource("page_files/twin.jpg", source)


@pytest.mark.parametrize("folder", ["page-Dateien", "page_fichiers"])
def test_saved_folder_localised_names(tmp_path: Path, folder: str) -> None:
    """Firefox's localised folder names are found too, and the directory may be given."""
    saved_page(tmp_path, folder)
    source = load_saved_folder(tmp_path)
    assert ("https://blog.example.org/wp-content/uploads/boat.jpg"
            == resolve_resource(f"{folder}/boat.jpg", source))


def test_saved_folder_errors(tmp_path: Path) -> None:
    """A missing file, a folder with several pages or a page over the limit is refused."""
    with pytest.raises(InputError):
        load_saved_folder(tmp_path / "nothing.html")
    (tmp_path / "big.html").write_text("<p>" + "x" * 100 + "</p>")
    with pytest.raises(ResourceLimitError):
        load_saved_folder(tmp_path / "big.html", max_bytes=50)
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / "b.html").write_text("<p>b</p>")
    with pytest.raises(InputError):
        load_saved_folder(tmp_path)


def test_map_saved_resources_uses_srcset_urls() -> None:
    """An absolute url left in a srcset names the local file of the same name."""
    text = ('<img src="x_files/pic-768x512.jpg" srcset="https://e.example/u/pic-768x512.jpg '
            '768w, https://e.example/u/pic.jpg 1200w">')
    assert "https://e.example/u/pic-768x512.jpg" == map_saved_resources(
        text, "x_files")["x_files/pic-768x512.jpg"]


def test_resolve_resource_without_resources() -> None:
    """With nothing recorded, every reference comes back unchanged."""
    assert "a.jpg" == resolve_resource("a.jpg", Source(text="", format="html"))


# -- the shared corpus -------------------------------------------------------------------

MISDECLARED = ["trafilatura__maescot.de.schafskunde.html",
               "trafilatura__tierschutzpartei.de-wildvogelauffang.html"]


@pytest.mark.parametrize("name", MISDECLARED)
def test_corpus_pages_with_stray_latin1_bytes(shared_dir: Path, name: str) -> None:
    """Real pages declaring UTF-8 with Latin-1 bytes decode with no U+FFFD or mojibake."""
    data = (shared_dir / "corpus" / "html" / name).read_bytes()
    text, used, defects = decode(data)
    assert "utf-8" == used
    assert {DefectKind.ENCODING_MISDECLARED} == kinds(defects)
    assert "\ufffd" not in text
    assert re.search("Ã[\u0080-\u00bf]", text) is None


def test_corpus_latin1_page(shared_dir: Path) -> None:
    """A real page declaring ISO-8859-1 is read as windows-1252 without complaint."""
    data = (shared_dir / "corpus" / "html" / "trafilatura__pocketpc.ch.auslieferung.html")
    text, used, defects = decode(data.read_bytes())
    assert ("windows-1252", ()) == (used, defects)
    assert "\ufffd" not in text


def test_corpus_pages_decode_as_declared(shared_dir: Path) -> None:
    """Every real page decodes by its declaration, sniffs as HTML and gains no U+FFFD."""
    corpus = shared_dir / "corpus"
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")
                if r["local_file"].startswith("html/")]
    assert rows
    for row in rows:
        data = (corpus / row["local_file"]).read_bytes()
        text, used, _ = decode(data)
        declared = resolve_encoding(row["encoding_declared"] or "none")
        if declared is not None:
            assert declared[0] == used, row["local_file"]
        assert text.count("\ufffd") == data.count("\ufffd".encode()), row["local_file"]
        assert "html" == sniff_format(text), row["local_file"]


def test_corpus_exports_sniff_as_wxr(shared_dir: Path) -> None:
    """Every real WordPress export is recognised as WXR."""
    exports = sorted((shared_dir / "corpus" / "wxr").glob("*.xml"))
    assert exports
    for path in exports:
        assert "wxr" == read_source(path.read_bytes()).format, path.name


SAVED_CORPUS = ["htmldate__blog.wikimedia.interactivemaps.html", "newspaper__uproxx.com2.html",
                "fundus__DailyMaverick_2025_05_22.html"]
_IMG_RE = re.compile(r"<img\b[^<>]{0,8192}>", re.IGNORECASE)
_SRC_RE = re.compile(r'(\ssrc\s*=\s*")(https?://[^"]{1,4096})(")', re.IGNORECASE)


def save_complete(text: str) -> tuple[str, dict[str, str]]:
    """Do what "Save Page As, complete" does to a page: point images into ``page_files``."""
    locals_: dict[str, str] = {}

    def one(m: re.Match[str]) -> str:
        tag = m.group(0)
        found = _SRC_RE.search(tag)
        if found is None:
            return tag
        name = found.group(2).split("?", 1)[0].rsplit("/", 1)[-1]
        local = f"page_files/{name}"
        locals_[local] = found.group(2)
        tag = _SRC_RE.sub(lambda s: s.group(1) + local + s.group(3), tag)
        return re.sub(r'\ssrcset="[^"]{0,8192}"', f' srcset="{local} 1x"', tag)

    return _IMG_RE.sub(one, text), locals_


@pytest.mark.parametrize("name", SAVED_CORPUS)
def test_corpus_pages_saved_complete(shared_dir: Path, tmp_path: Path, name: str) -> None:
    """A real page saved "complete" maps images back only to urls the page itself records."""
    text = read_source((shared_dir / "corpus" / "html" / name).read_bytes()).text
    saved, locals_ = save_complete(text)
    assert locals_
    (tmp_path / "page.html").write_text(saved, encoding="utf-8")
    (tmp_path / "page_files").mkdir()
    source = load_saved_folder(tmp_path / "page.html")
    mapped = {k: v for k, v in source.resources.items() if k in locals_}
    assert mapped
    for original in mapped.values():
        # recorded by the page (a Photon address holds its origin's host and path)
        assert original.split("://", 1)[1] in saved
        assert original.split("?", 1)[0].rsplit("/", 1)[-1] in {
            k.rsplit("/", 1)[-1] for k in mapped}


_SERVED = ('<html><head><meta charset="utf-8"><title>Caf\u00e9 notes</title></head>'
           '<body><article class="post"><h1 class="entry-title">Caf\u00e9 notes</h1>'
           '<div class="entry-content"><p>Cr\u00e8me br\u00fbl\u00e9e, twice.</p></div>'
           '</article></body></html>')


def test_transport_encoding_outranks_the_page_declaration() -> None:
    """The charset a server sent (HTTP Content-Type) decodes bytes whose own <meta> is wrong."""
    data = _SERVED.encode("windows-1252")

    served = blogparse.parse_page(data, transport_encoding="windows-1252")
    assert served.post is not None
    assert "Café notes" == served.post.title
    assert "windows-1252" == served.encoding
    assert DefectKind.ENCODING_MISDECLARED not in {d.kind for d in served.defects}


def test_transport_encoding_is_checked_against_the_bytes() -> None:
    """A server that says ISO-8859-1 over UTF-8 bytes is caught, and the defect says so."""
    served = blogparse.parse_page(_SERVED.encode("utf-8"), transport_encoding="iso-8859-1")
    assert served.post is not None
    assert "Café notes" == served.post.title
    assert [d for d in served.defects if d.kind == DefectKind.ENCODING_MISDECLARED
            and "HTTP Content-Type" in d.message]


def test_a_byte_order_mark_outranks_the_transport_encoding() -> None:
    """A UTF-8 byte-order mark wins over any charset the server named."""
    served = blogparse.parse_page(b"\xef\xbb\xbf" + _SERVED.encode("utf-8"),
                                  transport_encoding="windows-1252")
    assert served.post is not None
    assert "Café notes" == served.post.title
    assert "utf-8" == served.encoding
