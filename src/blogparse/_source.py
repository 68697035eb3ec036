"""Read raw input: sniff its format (HTML, MHTML, text dump, WXR) and decode its bytes.

Rules: decoding never fails; it follows one documented precedence (``docs/input-formats.md``)
and reports the encoding it used, by its WHATWG name, plus a defect where the declaration did
not fit the bytes or bytes had to be replaced.  MHTML is unpacked with the standard library's
``email`` package.  Nothing is fetched: the only files read are those of a saved-page folder
the caller names in :func:`load_saved_folder`.  No lxml parser is built here (that is the
document layer's job); the few markup scans this module needs are bounded regular expressions.
"""

from __future__ import annotations

import codecs
import functools
import html
import os
import re
import zlib
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO
from urllib.parse import unquote, urljoin, urlsplit

import attrs

from ._errors import DecodeError, InputError, ResourceLimitError
from ._models import Defect, DefectKind
from ._text import MONTH_ABBREVIATIONS

if TYPE_CHECKING:
    import email.message

# The standard library's ``email`` package (a tenth of the import time) is imported where
# an MHTML file is read, not with the package.

InputSource = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO | IO[bytes]
"""What the export and response readers take: a path, the input's bytes, or a binary file
object (:func:`read_input` reads it)."""

FORMATS = ("html", "mhtml", "text", "wxr", "webarchive", "blogger", "wp-json")
"""The input formats :func:`read_source` knows."""


@attrs.frozen(kw_only=True)
class Source:
    """Decoded input, ready for the document layer."""

    text: str
    """The decoded document (for MHTML: the root HTML part)."""
    format: str
    """One of :data:`FORMATS`."""
    encoding: str | None = None
    """The encoding the bytes were decoded with, by its WHATWG name (``None`` for ``str``)."""
    url: str | None = None
    """The page's original address: given by the caller, or recorded by the saving browser."""
    resources: Mapping[str, str] = attrs.field(factory=dict)
    """Local resource names (``page_files/a.jpg``, ``cid:…``) mapped to original urls."""
    defects: tuple[Defect, ...] = ()
    """What went wrong while reading (mis-declared charset, replaced bytes)."""
    saved: datetime | None = None
    """When the copy was made, as the saver recorded it (SingleFile's ``saved date``, an
    MHTML file's ``Date`` header), time zone aware."""
    recorded_url: str | None = None
    """The page's address as a saver wrote it into a single saved file (the mark of the
    web, SingleFile's header).  Not a base for relative references: a "complete" save's
    point into its resource folder, not the site."""


# -- encoding names ------------------------------------------------------------------------

# Labels the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/#names-and-labels)
# accepts but Python's codec registry does not know, mapped to a label Python knows.
_EXTRA_LABELS = {
    "x-sjis": "shift_jis", "windows-31j": "shift_jis", "ms932": "shift_jis",
    "x-euc-jp": "euc_jp", "x-gbk": "gbk", "x-x-big5": "big5", "cn-big5": "big5",
    "csbig5": "big5", "unicode-1-1-utf-8": "utf-8", "unicode11utf8": "utf-8",
    "unicode20utf8": "utf-8", "x-unicode20utf8": "utf-8", "x-mac-roman": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic", "x-mac-ukrainian": "mac-cyrillic",
    "iso-8859-8-i": "iso8859-8", "csiso88598i": "iso8859-8", "logical": "iso8859-8",
    "dos-874": "cp874", "windows-874": "cp874", "x-cp1250": "cp1250", "x-cp1251": "cp1251",
    "x-cp1252": "cp1252", "x-cp1253": "cp1253", "x-cp1254": "cp1254", "x-cp1255": "cp1255",
    "x-cp1256": "cp1256", "x-cp1257": "cp1257", "x-cp1258": "cp1258",
    "ucs-2": "utf-16-le", "unicode": "utf-16-le", "csunicode": "utf-16-le",
    "iso-10646-ucs-2": "utf-16-le", "unicodefeff": "utf-16-le", "unicodefffe": "utf-16-be",
}

# Python codec name -> (WHATWG name reported, Python codec that decodes like a browser).
# Browsers read ISO-8859-1 and ASCII as windows-1252, Shift_JIS as Microsoft's cp932, EUC-KR
# as cp949, GB2312/GBK as GB18030 and Big5 with the HKSCS extensions; so do we.
_WEB_NAMES: dict[str, tuple[str, str]] = {
    "utf-8": ("utf-8", "utf-8"),
    "ascii": ("windows-1252", "cp1252"),
    "iso8859-1": ("windows-1252", "cp1252"),
    "latin-1": ("windows-1252", "cp1252"),
    "cp1252": ("windows-1252", "cp1252"),
    "iso8859-9": ("windows-1254", "cp1254"),
    "iso8859-11": ("windows-874", "cp874"),
    "tis-620": ("windows-874", "cp874"),
    "cp874": ("windows-874", "cp874"),
    "shift_jis": ("shift_jis", "cp932"),
    "cp932": ("shift_jis", "cp932"),
    "euc_jp": ("euc-jp", "euc_jp"),
    "iso2022_jp": ("iso-2022-jp", "iso2022_jp"),
    "euc_kr": ("euc-kr", "cp949"),
    "cp949": ("euc-kr", "cp949"),
    "gb2312": ("gb18030", "gb18030"),
    "gbk": ("gb18030", "gb18030"),
    "gb18030": ("gb18030", "gb18030"),
    "big5": ("big5", "big5hkscs"),
    "big5hkscs": ("big5", "big5hkscs"),
    "cp950": ("big5", "big5hkscs"),
    "koi8-r": ("koi8-r", "koi8-r"),
    "koi8-u": ("koi8-u", "koi8-u"),
    "mac-roman": ("macintosh", "mac-roman"),
    "mac-cyrillic": ("x-mac-cyrillic", "mac-cyrillic"),
    "cp866": ("ibm866", "cp866"),
    "utf-16": ("utf-16le", "utf-16-le"),
    "utf-16-le": ("utf-16le", "utf-16-le"),
    "utf-16-be": ("utf-16be", "utf-16-be"),
    "utf-32": ("utf-32le", "utf-32-le"),
    "utf-32-le": ("utf-32le", "utf-32-le"),
    "utf-32-be": ("utf-32be", "utf-32-be"),
}
_ISO_RE = re.compile(r"iso8859-(\d{1,2})")
_CP125X_RE = re.compile(r"cp(125\d)")


def resolve_encoding(label: str) -> tuple[str, str] | None:
    """Map a charset label to ``(WHATWG name, Python codec)``, or ``None`` if unknown.

    ``resolve_encoding("latin1") == ("windows-1252", "cp1252")``, as browsers read it.
    """
    key = label.strip().strip("\"';,").strip().lower()
    if not key or len(key) > 40:
        return None
    key = _EXTRA_LABELS.get(key, key)
    try:
        name = codecs.lookup(key).name
    except (LookupError, ValueError):  # ValueError: a label holding a NUL byte
        return None
    if name in _WEB_NAMES:
        return _WEB_NAMES[name]
    if m := _ISO_RE.fullmatch(name):
        return f"iso-8859-{m.group(1)}", name
    if m := _CP125X_RE.fullmatch(name):
        return f"windows-{m.group(1)}", name
    return name, name


def _c1_passthrough(exc: UnicodeError) -> tuple[str, int]:
    # windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; the WHATWG decoder maps
    # them to the C1 control of the same number instead of failing, and so do we.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(chr(b) for b in bad), exc.end


codecs.register_error("blogparse-c1", _c1_passthrough)

_SINGLE_BYTE_RE = re.compile(r"cp125\d|cp874|cp866|iso8859-\d{1,2}|koi8-[ru]|mac-[a-z]{1,12}")


@functools.lru_cache(maxsize=32)
def _stray_table(codec: str) -> dict[int, str]:
    """Each byte 0x80–0xFF as the single-byte ``codec`` reads it, indexed by the lone
    surrogate ``surrogateescape`` leaves for a byte that is not UTF-8 (U+DC80–U+DCFF)."""
    errors = "blogparse-c1" if codec == "cp1252" else "replace"
    return {0xDC00 + b: bytes([b]).decode(codec, errors) for b in range(0x80, 0x100)}


_STRAY_RE = re.compile("[\udc80-\udcff]")


def _decode_as(data: bytes, codec: str) -> tuple[str, bool]:
    """Decode with ``codec``; return the text and whether bytes had to be replaced."""
    errors = "blogparse-c1" if codec == "cp1252" else "strict"
    try:
        return data.decode(codec, errors), False
    except UnicodeDecodeError:
        return data.decode(codec, "replace"), True


def _utf8_census(data: bytes) -> tuple[str, int, int]:
    """Decode as UTF-8, leaving each byte that is not UTF-8 as a lone surrogate.

    Returns that text, the number of valid multi-byte UTF-8 characters and the number of
    stray bytes; :func:`_repair` then reads the stray bytes in a single-byte encoding.
    When there are no stray bytes the first count is only 0 (pure ASCII) or 1 (not).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, 0 if text.isascii() else 1, 0
    raw = data.decode("utf-8", "surrogateescape")
    strays = _STRAY_RE.subn("", raw)[1]
    valid = len(raw) - len(raw.encode("ascii", "ignore")) - strays
    return raw, valid, strays


def _repair(raw: str, strays: int, strays_as: str = "cp1252") -> str:
    """Read the stray bytes :func:`_utf8_census` left in ``raw`` as ``strays_as``.

    A page that is UTF-8 with a few Latin-1 bytes pasted in comes out whole.
    """
    table = _stray_table(strays_as)
    if strays * 8 > len(raw):
        return raw.translate(table)
    # Few strays: visit only them (str.translate looks up every character).
    return _STRAY_RE.sub(lambda m: table[ord(m.group())], raw)


# -- the legacy-encoding guess -------------------------------------------------------------

# Very frequent characters of each language, from common knowledge of the languages (not
# from any corpus).  A candidate decoding earns a point for each of its characters found
# here: text in the right encoding is dense in them, the same bytes read in a wrong CJK
# encoding give characters drawn at random from a table of thousands.
_ZH_HANS = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其"
    "些主样理心她本前开但因只从想实日者意无力它与长把机十民第公此已工使情明性知全三又关点正"
    "业外将两高间由问很最重并物手应向头文体政美相见被利什二等产或新己制身果加月话合回特代内"
    "信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题"
    "活更别打女变四总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金指许统区"
    "网站博客评论文章发表分类标签首页留言回复阅读"
)
_ZH_HANT = set(
    "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下"
    "自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其"
    "些主樣理心她本前開但因只從想實日者意無力它與長把機十民第公此已工使情明性知全三又關點正"
    "業外將兩高間由問很最重並物手應向頭文體政美相見被利什二等產或新己制身果加月話合回特代內"
    "信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題"
    "活更別打女變四總何電數安少報才結反受目太量再感建務做接必場件計管期市直資命山金指許統區"
    "網站部落格評論文章發表分類標籤首頁留言回覆閱讀"
)
_JA_KANJI = set(
    "日本人年大中出上生時行見月分後前間事長国学会部高気合実方者地手自社入下外内東文発明理作"
    "私今思言話何物目金新当書心道記事投稿者分類一覧返信名前"
)
_KO = set(
    "이다는의에을하고가지기한로서사도리자스대인를으있수시해그아나게보니어정거면일전만들과"
    "상성것요주제까라적우없장내오말부데여소되무원관동생했년국신경중화비방조안미모선세것글"
    "댓글작성카테고리태그블로그"
)


def _score_ja(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff" or ch in _JA_KANJI


# (WHATWG name, Python codec, is this character frequent in the language served?)
_CJK_CANDIDATES = (
    ("shift_jis", "cp932", _score_ja),
    ("euc-jp", "euc_jp", _score_ja),
    ("gb18030", "gb18030", _ZH_HANS.__contains__),
    ("big5", "big5hkscs", _ZH_HANT.__contains__),
    ("euc-kr", "cp949", _KO.__contains__),
)
_GUESS_SAMPLE = 256 * 1024
_GUESS_THRESHOLD = 0.25


def _guess_cjk(data: bytes) -> str | None:
    """The CJK legacy encoding that reads ``data`` as the most plausible text, if any.

    Trial decoding: a candidate that cannot decode the sample strictly is out; the rest
    are scored by the share of their non-ASCII characters that are frequent in the
    language the encoding serves.  Returns a WHATWG name, or ``None`` when no candidate
    scores at least a quarter (the text is then read as windows-1252 or UTF-8).
    """
    sample = data[:_GUESS_SAMPLE]
    best, best_score = None, _GUESS_THRESHOLD
    for name, codec, scorer in _CJK_CANDIDATES:
        decoder = codecs.getincrementaldecoder(codec)("strict")
        try:
            # final=False: the sample may end inside a character.
            text = decoder.decode(sample, final=len(sample) == len(data))
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if c > "\x7f"]
        if not wide:
            continue
        score = sum(1 for c in wide if scorer(c)) / len(wide)
        if score > best_score:
            best, best_score = name, score
    return best


# Single-byte encodings, told apart by the same kind of trial.  Each candidate's decoding is
# scored by how plausible its non-ASCII characters are as text:
# * Latin-script candidates (windows-1252, -1250, ISO-8859-2, windows-1254): a letter of
#   the languages served counts where its word also holds an ASCII letter, or stands
#   alone ("à").  Cyrillic bytes read as windows-1252 make words of accented letters only
#   ("Çàãîëîâîê"), which no Western language writes.
# * Other scripts: a letter counts only in a word with no ASCII letter, by how frequent it
#   is in the language (the ten most frequent letters fully, the next ten 0.6, the rest
#   0.3, an upper-case letter 0.3), and Greek's final sigma and Hebrew's final forms only
#   at a word's end.  The same bytes in a wrong table of a cased script swap cases (KOI8
#   against windows-1251) or give letters at random from the table.
# Letter frequency orders are from common knowledge of the languages, not from a corpus.
_LATIN_PUNCT = frozenset("\u00a0\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026"
                         "\u00ab\u00bb\u2022\u00b7\u00a9\u00ae\u00b0\u20ac\u2122\u00a3\u00bd"
                         "\u2116\u00a7\u00a1\u00bf")
# Latin letters by weight: the accented letters frequent in the languages served count
# fully, rarer ones 0.6 (so that Czech "ř ě ů" read as windows-1252's "ø ì ù" lose to
# windows-1250, while Danish "ø å æ" keep windows-1252).
_WESTERN = dict.fromkeys("àáâãäåæçèéêëíîïñóôõöøúûüßÀÁÂÃÄÅÆÇÈÉÊËÍÎÏÑÓÔÕÖØÚÛÜ", 1.0) | (
    dict.fromkeys("ìòùýÿœšžðþÌÒÙÝŸŒŠŽÐÞ", 0.6))
_CENTRAL = dict.fromkeys("ąćęłńóśźżčďěňřšťůžáéíýőűöüäô"
                         "ĄĆĘŁŃÓŚŹŻČĎĚŇŘŠŤŮŽÁÉÍÝŐŰÖÜÄÔ", 1.0) | (
    dict.fromkeys("ĺľŕăâîșțşţĹĽŔĂÂÎȘȚŞŢ", 0.6))
_TURKISH = {k: v for k, v in _WESTERN.items() if k not in "ýÝðþÐÞ"} | dict.fromkeys(
    "çğıöşüâîûÇĞİÖŞÜÂÎÛ", 1.0)
_CYRILLIC = "оеаинтсрвлкмдпуяіыьгзбчйхжшюцщэфъёїєґў"
_GREEK = "αοιετσνηυρπκμλςίόάέωδγήύχθφώβξζψϊϋΐΰ"
_HEBREW = "יוהלארתבמשנעדכקחפגסטםןזךצףץ"
_ARABIC = "ايلمونرتبعدسفهكقحجشصطخذضزثغظءةىأإآؤئپچژگکی"
_THAI = "านรกอเงมยวลดตทสคบหปพัิีุูื่้แโใไะำจชขผฝซถศษฉฐญณภฮฆฒฑฎฏฬ็๊๋์"
_FINAL_ONLY = frozenset("ςםןךףץ")
_WEIGHTS = (1.0, 0.6, 0.3)
_UPPER_WEIGHT = 0.3


def _frequency_weights(letters: str) -> dict[str, float]:
    return {ch: _WEIGHTS[min(rank // 10, 2)] for rank, ch in enumerate(letters)}


# (WHATWG name, Python codec, letter weights, Latin script?)
_SINGLE_BYTE_CANDIDATES: tuple[tuple[str, str, dict[str, float], bool], ...] = (
    ("windows-1252", "cp1252", _WESTERN, True),
    ("windows-1250", "cp1250", _CENTRAL, True),
    ("iso-8859-2", "iso8859-2", _CENTRAL, True),
    ("windows-1254", "cp1254", _TURKISH, True),
    ("windows-1251", "cp1251", _frequency_weights(_CYRILLIC), False),
    ("koi8-r", "koi8-r", _frequency_weights(_CYRILLIC), False),
    ("koi8-u", "koi8-u", _frequency_weights(_CYRILLIC), False),
    ("windows-1253", "cp1253", _frequency_weights(_GREEK), False),
    ("iso-8859-7", "iso8859-7", _frequency_weights(_GREEK), False),
    ("windows-1255", "cp1255", _frequency_weights(_HEBREW), False),
    ("windows-1256", "cp1256", _frequency_weights(_ARABIC), False),
    ("windows-874", "cp874", _frequency_weights(_THAI), False),
)
_SINGLE_SAMPLE = 64 * 1024
_SINGLE_CHARS = 800
"""Non-ASCII characters scored per candidate at most."""
_SINGLE_THRESHOLD = 0.55
# runs of letters (ASCII or not) and other non-ASCII characters holding at least one
# non-ASCII character: a word as scored (ASCII-only words are passed over by the engine)
# (written as negated ASCII ranges: the same sets, compiled in a fortieth of the time)
_WORDISH_RE = re.compile(r"[A-Za-z]*[^\x00-\x7f][^\x00-\x40\x5b-\x60\x7b-\x7f]*")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")


def _single_byte_score(text: str, letters: dict[str, float], latin: bool) -> float:
    good = 0.0
    total = 0
    for m in _WORDISH_RE.finditer(text):
        run = m.group()
        has_ascii = _ASCII_LETTER_RE.search(run) is not None
        last = len(run) - 1
        for i, ch in enumerate(run):
            if ch < "\x80":
                continue
            total += 1
            if ch in _LATIN_PUNCT:
                good += 1
            elif latin:
                if has_ascii or len(run) == 1:
                    good += letters.get(ch, 0.0)
            elif has_ascii or (ch in _FINAL_ONLY and i != last):
                continue
            elif ch in letters:
                good += letters[ch]
            elif ch.lower() in letters:
                good += _UPPER_WEIGHT
        if total >= _SINGLE_CHARS:
            break
    return good / total if total else 0.0


def _guess_single_byte(data: bytes) -> str | None:
    """The single-byte encoding other than windows-1252 that reads ``data`` as the most
    plausible text, if any reads it clearly better (a WHATWG name); ``None`` keeps
    windows-1252."""
    sample = data[:_SINGLE_SAMPLE]
    best, best_score = None, 0.0
    for name, codec, letters, latin in _SINGLE_BYTE_CANDIDATES:
        text = sample.decode(codec, "blogparse-c1" if codec == "cp1252" else "replace")
        score = _single_byte_score(text, letters, latin)
        if score >= 1.0 and best is None:
            return None  # plain windows-1252 text: no other table can read it better
        if score > best_score:
            best, best_score = name, score
    if best == "windows-1252" or best_score < _SINGLE_THRESHOLD:
        return None
    return best


# -- the precedence ------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16be", "utf-16-be"),
)
_PRESCAN_BYTES = 16 * 1024
_TAG_RE = re.compile(rb"<(meta|body)\b([^<>]{0,2048})>|<!--", re.IGNORECASE)
_ATTR_RE = re.compile(
    rb"""([a-zA-Z_:][-a-zA-Z0-9_:.]{0,60})\s*=\s*("[^"]{0,1024}"|'[^']{0,1024}'|[^\s"'>]{1,1024})"""
)
_CHARSET_IN_CONTENT_RE = re.compile(rb"""charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""",
                                    re.IGNORECASE)
_XML_DECL_RE = re.compile(
    rb"""\s{0,64}<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})["']"""
)
_HTML_OPEN_RE = re.compile(rb"<html\b", re.IGNORECASE)


def _attrs_of(raw: bytes) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    for m in _ATTR_RE.finditer(raw):
        out.setdefault(m.group(1).lower(), m.group(2).strip(b"\"'"))
    return out


def _meta_charset(head: bytes) -> str | None:
    """The charset a ``<meta>`` declares before ``<body>``, skipping comments (HTML prescan).

    Implements the two forms of https://html.spec.whatwg.org/#prescan-a-byte-stream-to-
    determine-its-encoding: ``<meta charset=…>`` and ``<meta http-equiv="Content-Type"
    content="text/html; charset=…">``, in either attribute order.
    """
    pos = 0
    while (m := _TAG_RE.search(head, pos)) is not None:
        if m.group(0) == b"<!--":
            end = head.find(b"-->", m.end())
            if end < 0:
                return None
            pos = end + 3
            continue
        if m.group(1).lower() == b"body":
            return None
        pos = m.end()
        attrs_ = _attrs_of(m.group(2))
        if b"charset" in attrs_:
            return attrs_[b"charset"].decode("ascii", "replace").strip()
        if attrs_.get(b"http-equiv", b"").strip().lower() == b"content-type":
            cm = _CHARSET_IN_CONTENT_RE.search(attrs_.get(b"content", b""))
            if cm is not None:
                return cm.group(1).decode("ascii")
    return None


def declared_encoding(data: bytes) -> str | None:
    """The charset label the document declares in its first bytes, or ``None``.

    Looks at the first 16 KiB: a ``<meta>`` charset before ``<body>`` for HTML, the XML
    declaration's ``encoding`` for XML (an XML declaration wins only when no ``<html>``
    element opens the document).
    """
    head = data[:_PRESCAN_BYTES]
    xml = _XML_DECL_RE.match(head)
    if xml is not None and _HTML_OPEN_RE.search(head) is None:
        return xml.group(1).decode("ascii")
    meta = _meta_charset(head)
    if meta:
        return meta
    return xml.group(1).decode("ascii") if xml is not None else None


def _misdeclared(message: str) -> Defect:
    return Defect(kind=DefectKind.ENCODING_MISDECLARED, message=message)


def _replaced(name: str) -> Defect:
    return Defect(kind=DefectKind.DECODE_REPLACED,
                  message=f"bytes not valid in {name} were replaced with U+FFFD")


def decode(data: bytes, *, encoding: str | None = None, transport: str | None = None,
           transport_name: str = "the MHTML part's charset",
           ) -> tuple[str, str, tuple[Defect, ...]]:
    """Decode ``data``; return the text, the WHATWG name of the encoding used and the defects.

    Never fails on any bytes.  Precedence (``docs/input-formats.md``):

    1. a byte-order mark (UTF-8, UTF-16, UTF-32);
    2. ``encoding``, the caller's choice (an unknown name raises :class:`DecodeError`);
    3. ``transport``, a charset from outside the document (an MHTML part's Content-Type);
    4. the ``<meta>`` charset or the XML declaration in the first 16 KiB;
    5. a guess: valid UTF-8 is UTF-8; otherwise the CJK legacy encodings are tried and kept
       if one reads as plausible text, then the single-byte ones (Cyrillic, Greek, Central
       European, Turkish, Hebrew, Arabic, Thai), kept if one reads plainly better than
       windows-1252; otherwise bytes with no UTF-8 in them are windows-1252;
    6. UTF-8, with each byte that is not UTF-8 read as windows-1252.

    A declaration is checked against the bytes: a single-byte or CJK declaration over bytes
    that are valid UTF-8 with multi-byte characters gives UTF-8; a UTF-8 declaration over
    bytes that are not all UTF-8 keeps the UTF-8 characters and reads the stray bytes as
    windows-1252 (or the whole page as a CJK encoding when that reads far better).  Both
    record an ``encoding-misdeclared`` defect.  ISO-8859-1 and ASCII labels decode as
    windows-1252, as browsers do.
    """
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            text, bad = _decode_as(data[len(bom):], codec)
            return text, name, (_replaced(name),) if bad else ()
    if encoding is not None:
        resolved = resolve_encoding(encoding)
        if resolved is None:
            raise DecodeError(f"unknown encoding {encoding!r}", encoding=encoding)
        return _decode_declared(data, resolved, f"the encoding asked for ({encoding})",
                                trusted=True)
    for label, what, inside in ((transport, transport_name, False),
                                (declared_encoding(data), "the page's charset declaration",
                                 True)):
        if not label:
            continue
        resolved = resolve_encoding(label)
        if resolved is None:
            text, name, defects = _decode_undeclared(data)
            return text, name, (_misdeclared(f"{what} names an unknown encoding "
                                             f"{label[:40]!r}; {name} was used"), *defects)
        if inside and resolved[0] in {"utf-16le", "utf-16be", "utf-32le", "utf-32be"}:
            # A document whose ASCII declaration could be read is not UTF-16/32
            # (HTML: "If charset is UTF-16BE/LE, then set charset to UTF-8").
            resolved = ("utf-8", "utf-8")
        return _decode_declared(data, resolved, f"{what} ({label[:40]})", trusted=False)
    return _decode_undeclared(data)


def _decode_declared(data: bytes, resolved: tuple[str, str], what: str, *,
                     trusted: bool) -> tuple[str, str, tuple[Defect, ...]]:
    name, codec = resolved
    if name == "utf-8":
        text, valid, strays = _utf8_census(data)
        if not strays:
            return text, "utf-8", ()
        if not trusted and valid < strays:
            guess = _guess_cjk(data) or (
                (_guess_single_byte(data) or "windows-1252") if valid == 0 else None)
            if guess is not None:
                resolved_guess = resolve_encoding(guess)
                assert resolved_guess is not None
                text, bad = _decode_as(data, resolved_guess[1])
                return text, guess, (_misdeclared(
                    f"{what} says UTF-8 but the bytes are {guess}; {guess} was used"),
                    *((_replaced(guess),) if bad else ()))
        return _repair(text, strays), "utf-8", (_misdeclared(
            f"{what} says UTF-8 but {strays} byte(s) are not UTF-8; they were read as "
            "windows-1252"),)
    if not trusted and name not in {"utf-16le", "utf-16be", "utf-32le", "utf-32be"}:
        single = _SINGLE_BYTE_RE.fullmatch(codec) is not None
        text, valid, strays = _utf8_census(data)
        if valid and not strays:
            return text, "utf-8", (_misdeclared(
                f"{what} does not fit the bytes, which are UTF-8; UTF-8 was used"),)
        if single and valid and valid >= strays:
            return _repair(text, strays, codec), "utf-8", (_misdeclared(
                f"{what} does not fit the bytes, which are mostly UTF-8; UTF-8 was used "
                f"and {strays} stray byte(s) were read as {name}"),)
    text, bad = _decode_as(data, codec)
    return text, name, (_replaced(name),) if bad else ()


def _decode_undeclared(data: bytes) -> tuple[str, str, tuple[Defect, ...]]:
    # UTF-16 with no byte-order mark shows itself by "<" next to a NUL in the first two
    # bytes (XML 1.0, Appendix F: 3C 00 3F 00 is UTF-16LE, 00 3C 00 3F is UTF-16BE).
    for prefix, name, codec in ((b"<\x00", "utf-16le", "utf-16-le"),
                                (b"\x00<", "utf-16be", "utf-16-be")):
        if data.startswith(prefix) and len(data) >= 4 and data[2:4] != b"\x00\x00":
            text, bad = _decode_as(data, codec)
            return text, name, (_replaced(name),) if bad else ()
    text, valid, strays = _utf8_census(data)
    if not strays:
        return text, "utf-8", ()
    if valid < strays:
        guess = _guess_cjk(data)
        if guess is not None:
            resolved = resolve_encoding(guess)
            assert resolved is not None
            text, bad = _decode_as(data, resolved[1])
            return text, guess, (_replaced(guess),) if bad else ()
        # Single-byte text forms a UTF-8 sequence now and then (KOI8-R "шё" is DB A3, Thai
        # text in windows-874 many): with more stray bytes than UTF-8 characters, a
        # single-byte encoding that reads the page plainly better than windows-1252 wins.
        single = _guess_single_byte(data)
        if single is not None:
            found = resolve_encoding(single)
            assert found is not None
            return _decode_as(data, found[1])[0], single, ()
        if valid == 0:
            return _decode_as(data, "cp1252")[0], "windows-1252", ()
    return _repair(text, strays), "utf-8", (_misdeclared(
        f"the page declares no charset and mixes UTF-8 with {strays} byte(s) that are not "
        "UTF-8; they were read as windows-1252"),)


# -- format sniffing -----------------------------------------------------------------------

_MIME_HEADER_RE = re.compile(r"[!-9;-~]{1,76}:[ \t]?[^\r\n]{0,998}")
_MULTIPART_RE = re.compile(r"content-type:\s{0,20}multipart/related", re.IGNORECASE)
# A doctype or document element at the start of a line (after a "saved from" preamble, say);
# in the middle of a line it is more likely prose about markup.
_HTML_MARKER_RE = re.compile(
    r"^[ \t]{0,40}(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.MULTILINE,
)
# A document that opens with a tag, a comment, a doctype or a processing instruction; not
# "<https://…>" (an autolink in a Markdown-style dump).
_OPENING_TAG_RE = re.compile(r"<(?:[a-z][a-z0-9-]{0,30}[\s/>]|!|\?|/[a-z])")
_LINE_TAG_RE = re.compile(r"\s{0,40}</?[a-zA-Z][a-zA-Z0-9:-]{0,30}[\s/>]")


def _looks_like_mhtml(head: str) -> bool:
    """Whether ``head`` opens with RFC 5322 headers that announce ``multipart/related``."""
    block = head[:16384].lstrip("\ufeff\r\n")
    end = re.search(r"\r?\n\r?\n", block)
    if end is None:
        return False
    lines = block[:end.start()].splitlines()
    if not lines or not all(_MIME_HEADER_RE.fullmatch(ln) or ln[:1] in " \t" for ln in lines):
        return False
    return _MULTIPART_RE.search(block[:end.start()]) is not None


_BLOGGER_MARKS = ("tag:blogger.com,1999:blog-", "schemas.google.com/blogger/",
                  "www.blogger.com/atom/ns#")
"""What marks an Atom feed as Blogger's (its ids, its Takeout namespace, its label scheme)."""


_WP_JSON_MARKS = ('"date_gmt"', '"_links"', '"comment_status"', '"author_name"', '"wp:term"')
"""Fields every WordPress REST API post or comment carries (with ``"rendered"`` texts)."""


def sniff_format(text: str) -> str:
    """Guess the format of decoded text from its first characters.

    ``wxr`` for an RSS document with the ``wordpress.org/export`` namespace; ``blogger``
    for an Atom feed with Blogger's ids or namespace (an export, or a saved feed);
    ``wp-json`` for JSON with the fields of WordPress REST API posts or comments; ``mhtml`` for
    MIME headers announcing ``multipart/related``; ``html`` for a document that opens with
    markup, carries a doctype or ``<html>``/``<head>``/``<body>`` element at the start of
    a line, or whose lines mostly start with tags; ``text`` otherwise — so a text dump
    that mentions ``<div>`` in its prose stays text.
    """
    head = text[:8192].lstrip("\ufeff \t\r\n")
    if head.startswith("\u00ef\u00bb\u00bf"):
        # a UTF-8 byte-order mark in bytes read as Latin-1 (as the CLI sniffs raw heads)
        head = head[3:].lstrip(" \t\r\n")
    low = head.lower()
    if low.startswith("<") and "<rss" in low and "wordpress.org/export" in low:
        return "wxr"
    feed_at = low.find("<feed") if low.startswith("<") else -1
    if feed_at >= 0 and "<html" not in low[:feed_at] and any(
            mark in low for mark in _BLOGGER_MARKS):
        return "blogger"
    if low.startswith(("<?xml", "<!doctype rss", "<!--")) and "<rss" not in low:
        # a long prolog (comments, a DOCTYPE) can push <rss> past the first 8 KiB
        deeper = text[:262_144].lower()
        if "<rss" in deeper and "wordpress.org/export" in deeper:
            return "wxr"
    if head[:1] in ("{", "[") and '"rendered"' in head and any(
            mark in head for mark in _WP_JSON_MARKS):
        return "wp-json"
    if _looks_like_mhtml(head):
        return "mhtml"
    if _OPENING_TAG_RE.match(low):
        return "html"
    if _HTML_MARKER_RE.search(low):
        return "html"
    lines = [ln for ln in head.splitlines()[:200] if ln.strip()]
    tagged = sum(1 for ln in lines if _LINE_TAG_RE.match(ln))
    if lines and tagged >= 3 and tagged * 2 >= len(lines):
        return "html"
    return "text"


# -- reading a whole input ------------------------------------------------------------------


def read_input(source: object, *, limit: int, what: str, text_starts: str = "<") -> bytes:
    """The bytes of ``source`` — a path, bytes or a binary file object — at most ``limit``.

    ``what`` names the input in messages ("the Blogger export").  A ``str`` is a path: one
    that starts like the document itself (``text_starts``) is refused with a
    :class:`TypeError` saying to pass bytes.  Raises :class:`InputError` for a file that
    cannot be opened and :class:`ResourceLimitError` past ``limit``.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        if isinstance(path, str) and path.lstrip()[:1] in tuple(text_starts):
            raise TypeError(f"a str is a path; pass {what}'s text as bytes")
        try:
            with open(path, "rb") as f:
                data = f.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot open {what} {path!r}: {exc}") from None
    elif hasattr(source, "read"):
        got = source.read(limit + 1)
        if not isinstance(got, bytes | bytearray):
            raise TypeError(f"a file object holding {what} must be opened in binary mode")
        data = bytes(got)
    else:
        raise TypeError(
            f"expected a path, bytes or a binary file object, got {type(source).__name__}")
    if len(data) > limit:
        raise ResourceLimitError(f"{what} is over {limit} bytes", limit="max_input_bytes")
    return data


# -- compressed and binary input ----------------------------------------------------------

GZIP_MAGIC = b"\x1f\x8b\x08"
"""The first bytes of a gzip stream (with deflate, the only method gzip defines)."""
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
"""The first bytes of a ZIP archive (a file entry, or the end record of an empty one)."""

_BINARY_MAGICS: tuple[tuple[bytes, str, str], ...] = (
    (GZIP_MAGIC, "gzip", "gzip-compressed data"),
    (ZIP_MAGICS[0], "zip", "a ZIP archive"),
    (ZIP_MAGICS[1], "zip", "a ZIP archive"),
    (b"%PDF-", "pdf", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "png", "a PNG image"),
    (b"\xff\xd8\xff", "jpeg", "a JPEG image"),
    (b"GIF87a", "gif", "a GIF image"),
    (b"GIF89a", "gif", "a GIF image"),
    (b"\xfd7zXZ\x00", "xz", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd", "zstd-compressed data"),
    (b"Rar!\x1a\x07", "rar", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "a Microsoft Office (OLE) document"),
)
_BZIP2_RE = re.compile(rb"BZh[1-9]1AY&SY")


def binary_kind(head: bytes) -> tuple[str, str] | None:
    """What binary format ``head`` (a file's first 512 bytes or more) opens, as a short
    key (``gzip``, ``zip``, ``pdf``, ``png``…) and a description for messages; ``None``
    for anything else, text in any encoding included."""
    for magic, key, what in _BINARY_MAGICS:
        if head.startswith(magic):
            return key, what
    if _BZIP2_RE.match(head):
        return "bzip2", "bzip2-compressed data"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp", "a WebP image"
    if head[257:262] == b"ustar":
        return "tar", "a tar archive"
    return None


def gunzip(data: bytes, *, limit: int) -> tuple[bytes, tuple[Defect, ...]]:
    """The content of gzip-compressed ``data`` (every member), at most ``limit`` bytes.

    A stream cut off before its end gives what it holds and a ``truncated`` defect.
    Raises :class:`ResourceLimitError` when the content is over ``limit``, and
    :class:`InputError` when the data is damaged before any content.
    """
    out: list[bytes] = []
    size = 0
    rest = data
    defects: tuple[Defect, ...] = ()
    while rest:
        unpacker = zlib.decompressobj(wbits=31)
        try:
            chunk = unpacker.decompress(rest, limit + 1 - size)
        except zlib.error as exc:
            if not size:
                raise InputError(f"the gzip-compressed input is damaged: {exc}") from None
            defects = (Defect(kind=DefectKind.TRUNCATED,
                              message=f"the gzip-compressed input is damaged after {size} "
                                      f"bytes ({exc}); they were read"),)
            break
        out.append(chunk)
        size += len(chunk)
        if size > limit:
            raise ResourceLimitError(
                f"the gzip-compressed input holds over {limit} bytes", limit="max_input_bytes")
        if not unpacker.eof:
            defects = (Defect(kind=DefectKind.TRUNCATED,
                              message=f"the gzip-compressed input stops before its end; the "
                                      f"{size} bytes before the break were read"),)
            break
        rest = unpacker.unused_data
        if not rest.startswith(GZIP_MAGIC):
            break  # padding after the last member
    return b"".join(out), defects


def gunzip_head(data: bytes, size: int) -> bytes:
    """Up to ``size`` bytes from the start of gzip-compressed ``data`` (which may be only
    the file's first bytes), or ``b""`` when they cannot be had."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, size)
    except zlib.error:
        return b""


# -- Safari web archives -------------------------------------------------------------------

_XML_PLIST_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?<!DOCTYPE\s+plist\b")
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def looks_like_webarchive(head: bytes) -> bool:
    """Whether ``head`` opens a Safari web archive: a binary property list, or an XML one
    (``plutil -convert xml1``) whose first key is ``WebMainResource``."""
    if head.startswith(b"bplist00"):
        return True
    return (_XML_PLIST_RE.match(head) is not None
            and b"<key>WebMainResource</key>" in head[:4096])


def _read_webarchive(data: bytes, *, encoding: str | None, url: str | None) -> Source:
    """Unpack a Safari web archive (``.webarchive``): its main resource, decoded by the
    encoding the archive names for it, with the page's address as the archive records it."""
    import plistlib

    try:
        archive = plistlib.loads(data)
    except Exception as exc:  # InvalidFileException, and what a damaged file raises below it
        raise InputError(
            f"the Safari web archive cannot be read (a damaged property list: "
            f"{type(exc).__name__})") from None
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise InputError("a property list without a WebMainResource: not a Safari web archive")
    body = main.get("WebResourceData")
    if not isinstance(body, bytes):
        raise InputError("the Safari web archive's main resource holds no data")
    mime = main.get("WebResourceMIMEType")
    mime = mime.strip().lower() if isinstance(mime, str) else None
    if mime is not None and not mime.startswith(_PAGE_TYPES):
        raise InputError(f"the Safari web archive holds {mime}, not a page")
    charset = main.get("WebResourceTextEncodingName")
    recorded = main.get("WebResourceURL")
    recorded = recorded.strip() or None if isinstance(recorded, str) else None
    text, used, defects = decode(body, encoding=encoding,
                                 transport=charset if isinstance(charset, str) else None,
                                 transport_name="the web archive's text encoding")
    fmt = "text" if mime == "text/plain" else "webarchive"
    return Source(text=text, format=fmt, encoding=used, url=url or recorded, defects=defects)


# -- MHTML ---------------------------------------------------------------------------------

def _content_id(part: email.message.Message) -> str | None:
    cid = part.get("Content-ID")
    if not cid:
        return None
    return str(cid).strip().strip("<>").strip() or None


def _leaf_parts(msg: email.message.Message) -> Iterator[email.message.Message]:
    for part in msg.walk():
        if not part.is_multipart():
            yield part


def _read_mhtml(data: bytes, *, encoding: str | None, url: str | None) -> Source:
    """Unpack an MHTML file: the root HTML part, decoded, and a map of its resources."""
    try:
        body, charset, base, resources, defects = _unpack_mhtml(data, url=url)
    except InputError:
        raise
    except Exception as exc:
        # The email package records most faults as defects, but its header parsers can
        # still raise on hostile input (IndexError, ValueError…): that is unreadable input.
        raise InputError(f"the MHTML file cannot be read: {type(exc).__name__}") from None
    text, used, decode_defects = decode(body, encoding=encoding, transport=charset)
    text = restore_original_urls(text, resources)
    return Source(text=text, format="mhtml", encoding=used, url=base, resources=resources,
                  defects=(*decode_defects, *defects), saved=_mhtml_date(data))


def _unpack_mhtml(
    data: bytes, *, url: str | None
) -> tuple[bytes, str | None, str | None, dict[str, str], tuple[Defect, ...]]:
    import email
    import email.policy

    msg = email.message_from_bytes(data, policy=email.policy.default)
    parts = list(_leaf_parts(msg))
    start = msg.get_param("start", header="content-type")
    start_id = str(start).strip().strip("<>") if isinstance(start, str) else None
    root = None
    if start_id:
        root = next((p for p in parts if _content_id(p) == start_id), None)
    if root is None:
        root = next((p for p in parts if p.get_content_type() == "text/html"), None)
    if root is None:
        raise InputError("the MHTML file holds no text/html part")
    recorded = _header(root, "Content-Location") or _header(msg, "Snapshot-Content-Location")
    base = url or recorded
    join_base = recorded or url
    resources: dict[str, str] = {}
    for part in parts:
        location = _header(part, "Content-Location")
        if location is not None and join_base and not location.startswith("cid:"):
            location = urljoin(join_base, location)
        cid = _content_id(part)
        if location and not location.startswith("cid:"):
            resources[location] = location
            if cid:
                resources[f"cid:{cid}"] = location
    payload = root.get_payload(decode=True)
    body = payload if isinstance(payload, bytes) else b""
    defects: list[Defect] = []
    if msg.defects or root.defects:
        defects.append(Defect(kind=DefectKind.MALFORMED_MARKUP,
                              message="the MHTML file is malformed: "
                                      f"{type((msg.defects or root.defects)[0]).__name__}"))
    return body, root.get_content_charset(), base, resources, tuple(defects)


def _mhtml_date(data: bytes) -> datetime | None:
    """The MHTML file's ``Date`` header (when the browser saved it), time zone aware."""
    head = data[:4096].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    m = re.search(rb"^Date:[ \t]{0,8}([^\r\n]{1,100})", head, re.MULTILINE | re.IGNORECASE)
    if m is None:
        return None
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(m.group(1).decode("latin-1").strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # "-0000" (UTC, the writer's own zone unknown) comes back naive
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


# -- what a saver records in the page -------------------------------------------------------

# SingleFile's header comment, first in <html>: "Page saved with SingleFile", the page's
# url and the saving time as JavaScript prints a date ("Wed Sep 24 2026 10:00:00
# GMT+0200 (Central European Summer Time)").
_SINGLEFILE_RE = re.compile(
    r"<!--\s{0,8}(?:Page saved with SingleFile|Archive processed by SingleFile)"
    r"(?P<body>[^<>]{0,2000}?)-->", re.IGNORECASE)
_SINGLEFILE_URL_RE = re.compile(r"^\s{0,8}url:\s{0,8}(\S{1,2048})\s*$", re.MULTILINE)
_JS_DATE = (r"[A-Z][a-z]{2} (?P<mon>[A-Z][a-z]{2}) (?P<d>\d{1,2}) (?P<y>\d{4}) "
            r"(?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2}) GMT(?P<z>[+-]\d{4})")
"""A date as JavaScript's ``Date.toString()`` prints it ("Wed Sep 24 2026 10:00:00
GMT+0200 (Central European Summer Time)"), as savers write their saving time."""
_JS_DATE_RE = re.compile(r"^\s{0,8}saved date:\s{0,8}" + _JS_DATE, re.MULTILINE)
_JS_DATE_ALONE_RE = re.compile(r"\s{0,8}" + _JS_DATE)


def _js_date(m: re.Match[str] | None) -> datetime | None:
    """The time a :data:`_JS_DATE` match gives, time zone aware (``None`` if impossible)."""
    if m is None or m.group("mon") not in MONTH_ABBREVIATIONS:
        return None
    zone = m.group("z")
    offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    try:
        return datetime(int(m.group("y")), MONTH_ABBREVIATIONS.index(m.group("mon")) + 1,
                        int(m.group("d")), int(m.group("H")), int(m.group("M")),
                        int(m.group("S")),
                        tzinfo=timezone(-offset if zone[0] == "-" else offset))
    except ValueError:
        return None


def savepage_record(meta: Mapping[str, str]) -> tuple[str | None, datetime | None] | None:
    """The page's url and saving time Save Page WE wrote into a page's ``<meta>`` elements
    (``savepage-url``, ``savepage-date``), or ``None`` for a page it did not save.
    ``meta`` is the page's metadata by lower-cased name."""
    if "savepage-url" not in meta and "savepage-version" not in meta:
        return None
    url = meta.get("savepage-url", "").strip()
    return (url if url.lower().startswith(("http:", "https:")) else None,
            _js_date(_JS_DATE_ALONE_RE.match(meta.get("savepage-date", ""))))


def saver_record(text: str) -> tuple[str | None, datetime | None]:
    """The page's url and the saving time a browser or extension wrote into a saved page:
    the "mark of the web" (``<!-- saved from url=(0042)https://… -->``: the url only) or
    SingleFile's header comment (url and ``saved date``)."""
    head = text[:8192]
    m = _SAVED_FROM_RE.search(head)
    if m is not None:
        return m.group(1), None
    sf = _SINGLEFILE_RE.search(head)
    if sf is None:
        return None, None
    body = sf.group("body")
    url_m = _SINGLEFILE_URL_RE.search(body)
    url = url_m.group(1) if url_m and url_m.group(1).lower().startswith(("http:", "https:")) \
        else None
    return url, _js_date(_JS_DATE_RE.search(body))


def _header(part: email.message.Message, name: str) -> str | None:
    value = part.get(name)
    if value is None:
        return None
    text = re.sub(r"\s+", "", str(value))
    return text or None


# -- resources -----------------------------------------------------------------------------

def _normal_key(src: str) -> str:
    """A local reference as a comparable key: unescaped, without ``./`` or a fragment."""
    key = html.unescape(src.strip()).split("#", 1)[0]
    key = unquote(key).replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


def resolve_resource(src: str, source: Source) -> str:
    """The original url of a resource reference found in ``source``'s page.

    ``src`` is an attribute value as written in the page (``page_files/photo.jpg``,
    ``./page_files/photo%20a.jpg``, ``cid:image001@example``, an MHTML part's location).
    When ``source.resources`` records where it came from, that url is returned; otherwise
    ``src`` comes back unchanged, so calling it on every image source is always safe.
    """
    resources = source.resources
    if not resources or not src:
        return src
    found = resources.get(src)
    if found is not None:
        return found
    stripped = src.strip()
    if stripped.lower().startswith("cid:"):
        cid = stripped[4:].strip("<>")
        found = resources.get(f"cid:{cid}") or resources.get(f"cid:{unquote(cid)}")
        return found if found is not None else src
    found = resources.get(_normal_key(stripped))
    return found if found is not None else src


# Attributes whose values are resource references; ``srcset``-like ones hold a list.
_URL_ATTR_RE = re.compile(
    r"""(\s(src|srcset|href|poster|data-src|data-srcset|data-lazy-src|data-lazy-srcset)"""
    r"""\s{0,8}=\s{0,8})("[^"<>]{0,8192}"|'[^'<>]{0,8192}')""",
    re.IGNORECASE,
)


def restore_original_urls(text: str, resources: Mapping[str, str]) -> str:
    """Rewrite resource references in ``text`` to the original urls ``resources`` records.

    Quoted ``src``, ``srcset``, ``href``, ``poster`` and lazy-load ``data-*`` attribute
    values (each candidate of a ``srcset``) that :func:`resolve_resource` knows are replaced;
    everything else is left byte for byte.  :func:`read_source` (MHTML) and
    :func:`load_saved_folder` already return text rewritten this way, so the parsed page's
    image sources are the original urls.
    """
    if not resources:
        return text
    holder = Source(text="", format="html", resources=resources)

    def one(ref: str) -> str:
        found = resolve_resource(html.unescape(ref), holder)
        return ref if found == html.unescape(ref) else html.escape(found, quote=True)

    def attr(m: re.Match[str]) -> str:
        quoted = m.group(3)
        value = quoted[1:-1]
        if m.group(2).lower().endswith("srcset"):
            pieces = []
            for piece in value.split(","):
                lead = piece[:len(piece) - len(piece.lstrip())]
                ref, _, rest = piece.strip().partition(" ")
                pieces.append(lead + one(ref) + (" " + rest if rest else ""))
            new = ",".join(pieces)
        else:
            new = one(value.strip())
        return m.group(1) + quoted[0] + new + quoted[0]

    return _URL_ATTR_RE.sub(attr, text)


# -- "Save Page As, complete" folders --------------------------------------------------------

# The folder browsers create beside ``page.html`` for its images: Chrome and Edge always
# write ``page_files``; Firefox localises the suffix (de "-Dateien", fr "_fichiers",
# es "_archivos", pt "_arquivos", it "_file", nl "_bestanden").
_FOLDER_SUFFIXES = ("_files", "-Dateien", "_fichiers", "_archivos", "_arquivos", "_file",
                    "_bestanden", "-filer", "_soubory", "-tiedostot")
# ``<!-- saved from url=(0042)https://example.com/… -->``: the "mark of the web" that
# Chrome, Edge and Internet Explorer write on the first line of a saved page.
_SAVED_FROM_RE = re.compile(r"<!--\s{0,8}saved from url=\(\d{1,6}\)([^\s>]{1,2048}?)\s{0,8}-->",
                            re.IGNORECASE)
_IMG_TAG_RE = re.compile(r"<(?:img|source)\b([^<>]{0,8192})>", re.IGNORECASE)
_ANY_TAG_ATTRS_RE = re.compile(r"<[a-zA-Z][a-zA-Z0-9:-]{0,30}\s([^<>]{0,8192})>")
_STR_ATTR_RE = re.compile(
    r"""([a-zA-Z_:][-a-zA-Z0-9_:.]{0,60})\s*=\s*("[^"]{0,8192}"|'[^']{0,8192}'|[^\s"'>]{1,2048})"""
)
# Attributes where themes, Jetpack and lazy-load plugins keep an image's original address
# out of the browser's reach (a saving browser rewrites ``src`` and ``srcset`` only).
_ORIGINAL_ATTRS = ("data-orig-file", "data-orig-src", "data-src", "data-lazy-src",
                   "data-large-file", "data-medium-file", "data-full-url", "data-srcset",
                   "data-lazy-srcset", "srcset", "src")
# What the element itself declares as its image when no url has the local file's name:
# the lazy-load source it displays, else the attachment's original upload.
_DECLARED_ORIGINAL = ("data-lazy-src", "data-src", "data-orig-src", "data-orig-file",
                      "data-full-url")
_ABS_URL_RE = re.compile(r"(?:https?:)?//[^\s\"'<>,]{1,2048}")


def _str_attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _STR_ATTR_RE.finditer(raw):
        out.setdefault(m.group(1).lower(), html.unescape(m.group(2).strip("\"'")))
    return out


def _urls_in(value: str) -> list[str]:
    """The absolute urls in an attribute value (a ``srcset`` holds several)."""
    return [m.group(0) for m in _ABS_URL_RE.finditer(value)]


def _basename(url: str) -> str:
    try:
        path = urlsplit(url if "//" in url else "//x/" + url).path
    except ValueError:  # a bracketed host that is no IP address
        return ""
    return unquote(path.rsplit("/", 1)[-1])


def _photon_original(url: str) -> str:
    """The original of a Jetpack Photon url: ``https://i0.wp.com/host/path?resize=…``.

    Photon serves ``https://host/path`` resized; its host is ``i0``–``i3.wp.com``.  The
    original is that address with the query dropped.
    """
    try:
        parts = urlsplit(url if not url.startswith("//") else "https:" + url)
    except ValueError:
        return url
    if re.fullmatch(r"i[0-3]\.wp\.com", parts.netloc or "") and parts.path.count("/") >= 2:
        return "https://" + parts.path.lstrip("/")
    return url


def _local_name(src: str, folder: str) -> str | None:
    key = _normal_key(src)
    return key if key.startswith(folder + "/") else None


# The first path segment of a quoted relative ``src``/``srcset``: "./Post – Blog_files/a.jpg".
_LOCAL_FOLDER_RE = re.compile(r"""\s(?:src|srcset)\s{0,8}=\s{0,8}["'](?:\./)?([^"'/<>:]{1,255})/""",
                              re.IGNORECASE)


def _is_folder_beside(page: Path, name: str) -> bool:
    if name in {".", ".."} or "\x00" in name or "\\" in name:
        return False
    try:
        return page.with_name(name).is_dir()
    except (ValueError, OSError):
        return False


def find_saved_folder(page: Path) -> Path | None:
    """The resource folder a browser saved beside ``page`` (``page_files/`` or localised)."""
    for suffix in _FOLDER_SUFFIXES:
        candidate = page.with_name(page.stem + suffix)
        if candidate.is_dir():
            return candidate
    return None


def map_saved_resources(text: str, folder: str) -> dict[str, str]:
    """Map local image references into ``folder`` back to the urls the page records.

    For each ``<img>``/``<source>`` whose ``src`` or ``srcset`` points into ``folder``, the
    original is looked for, in order: on the same element, among the urls of
    ``data-orig-file``, ``data-orig-src``, ``data-src``, ``data-lazy-src``,
    ``data-large-file``, ``data-medium-file``, ``data-full-url`` and any ``srcset`` that
    still holds absolute urls, the one whose file name is the local file's name; then, the
    one url anywhere in the page's attributes with that file name, if exactly one has it;
    then what the element itself declares as its image (``data-lazy-src``, ``data-src``,
    ``data-orig-src``, ``data-orig-file``, ``data-full-url``, in that order) — for
    ``data-orig-file`` that is the full-size upload rather than the resized copy shown.
    Jetpack Photon addresses (``i0.wp.com/host/path``) count under the name of their path
    and are recorded as the unresized original ``https://host/path``.  Nothing is guessed
    beyond these: a file no recorded url names stays unmapped.
    """
    by_name: dict[str, set[str]] = {}
    for tag in _ANY_TAG_ATTRS_RE.finditer(text):
        for value in _str_attrs(tag.group(1)).values():
            for url in _urls_in(value):
                by_name.setdefault(_basename(url), set()).add(_photon_original(url))
    out: dict[str, str] = {}
    for tag in _IMG_TAG_RE.finditer(text):
        attrs_ = _str_attrs(tag.group(1))
        locals_: list[str] = []
        for attr in ("src", "srcset", "data-src"):
            for piece in re.split(r",\s{0,20}", attrs_.get(attr, "")):
                ref = piece.strip().split(" ", 1)[0]
                if ref and _local_name(ref, folder) is not None:
                    locals_.append(ref)
        if not locals_:
            continue
        near: dict[str, str] = {}
        for attr in _ORIGINAL_ATTRS:
            for url in _urls_in(attrs_.get(attr, "")):
                near.setdefault(_basename(url), _photon_original(url))
        for ref in locals_:
            key = _normal_key(ref)
            name = key.rsplit("/", 1)[-1]
            # Browsers rename a second file of the same name "photo(1).jpg".
            plain = re.sub(r"\(\d{1,4}\)(?=\.[A-Za-z0-9]{1,8}$|$)", "", name)
            original = near.get(name) or near.get(plain)
            if original is None:
                candidates = by_name.get(name) or by_name.get(plain) or set()
                if len(candidates) == 1:
                    original = next(iter(candidates))
            if original is None:
                original = next((_photon_original(urls[0]) for attr in _DECLARED_ORIGINAL
                                 if (urls := _urls_in(attrs_.get(attr, "")))), None)
            if original is not None:
                if original.startswith("//"):
                    original = "https:" + original
                out[ref] = original
                out[key] = original
    return out


def load_saved_folder(
    path: str | os.PathLike[str], *, encoding: str | None = None, url: str | None = None,
    max_bytes: int | None = None,
) -> Source:
    """Read a "Save Page As, complete" page and map its local images to their originals.

    ``path`` is the saved ``.html`` file, or the directory holding it (which must then
    hold exactly one ``.html``/``.htm`` file).  The page is decoded as :func:`read_source`
    does; its url is ``url``, else the ``<!-- saved from url=(…)… -->`` comment.  The
    resource folder (``page_files/``, Firefox's localised ``page-Dateien/``,
    ``page_fichiers/``…) is found beside it, and :attr:`Source.resources` maps each local
    reference into it to the original url the page records (see
    :func:`map_saved_resources`).  The returned text already has those references
    rewritten to the originals (:func:`restore_original_urls`); references no url was
    found for stay local.  Raises :class:`InputError` when the file cannot be read, and
    :class:`ResourceLimitError` when it is larger than ``max_bytes``.
    """
    page = Path(path)
    if page.is_dir():
        pages = sorted(p for p in page.iterdir()
                       if p.suffix.lower() in {".html", ".htm"} and p.is_file())
        if len(pages) != 1:
            raise InputError(f"{page} holds {len(pages)} HTML files; name the page to read")
        page = pages[0]
    try:
        if max_bytes is not None and page.stat().st_size > max_bytes:
            raise ResourceLimitError(f"{page} is over the limit of {max_bytes} bytes",
                                     limit="max_input_bytes")
        data = page.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {page}: {exc.strerror or exc}") from None
    source = read_source(data, encoding=encoding, format="html", url=url)
    saved_from = _SAVED_FROM_RE.search(source.text[:4096])
    page_url = url or (saved_from.group(1) if saved_from else None)
    folder = find_saved_folder(page)
    names = {folder.name} if folder is not None else set()
    # The page may name its folder differently from the one found (a renamed save).
    for m in _LOCAL_FOLDER_RE.finditer(source.text):
        name = unquote(html.unescape(m.group(1)))
        if name not in names and _is_folder_beside(page, name):
            names.add(m.group(1))
    resources: dict[str, str] = {}
    for name in sorted(names):
        for variant in {name, unquote(name)}:
            resources.update(map_saved_resources(source.text, variant))
    return attrs.evolve(source, text=restore_original_urls(source.text, resources),
                        url=page_url, resources=resources)


# -- the entry -----------------------------------------------------------------------------

def read_source(
    data: bytes | str,
    *,
    encoding: str | None = None,
    format: str | None = None,
    url: str | None = None,
    transport_encoding: str | None = None,
) -> Source:
    """Decode ``data`` and decide its format (``format`` overrides the sniffing).

    Bytes are decoded by :func:`decode`'s precedence; a ``str`` is taken as already
    decoded (``Source.encoding`` is then ``None``).  MHTML is unpacked to its root HTML part
    (``format`` stays ``"mhtml"``, ``url`` defaults to the part's ``Content-Location``), a
    Safari web archive to its main resource (``"webarchive"``, ``url`` defaulting to the
    address it records; a plain-text resource is a text dump).  ``transport_encoding``
    is the charset the bytes arrived with (an HTTP ``Content-Type`` header): weaker than
    a byte-order mark or ``encoding``, stronger than the page's own declaration.  Raises
    :class:`InputError` for an unknown ``format``, an MHTML file with no HTML part or a
    web archive that holds no page, :class:`DecodeError` for an unknown ``encoding``.
    """
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if isinstance(data, str):
        if format == "webarchive":
            raise InputError("a Safari web archive is binary: pass its bytes, not a str")
        if format == "mhtml" or (format is None and _looks_like_mhtml(data[:16384])):
            return _read_mhtml(data.encode("utf-8", "surrogatepass"), encoding=encoding,
                               url=url)
        return _with_saver_record(Source(text=data, format=format or sniff_format(data),
                                         encoding=None, url=url))
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"expected bytes or str, got {type(data).__name__}")
    raw = bytes(data)
    if format == "webarchive" or (format is None and looks_like_webarchive(raw[:4096])):
        return _read_webarchive(raw, encoding=encoding, url=url)
    if format == "mhtml" or (format is None
                             and _looks_like_mhtml(raw[:16384].decode("latin-1"))):
        return _read_mhtml(raw, encoding=encoding, url=url)
    text, used, defects = decode(raw, encoding=encoding, transport=transport_encoding,
                                 transport_name="the HTTP Content-Type charset")
    fmt = format or sniff_format(text)
    return _with_saver_record(Source(text=text, format=fmt, encoding=used, url=url,
                                     defects=defects))


def _with_saver_record(source: Source) -> Source:
    """``source`` with the url and saving time a saver recorded."""
    if source.format != "html":
        return source
    recorded, saved = saver_record(source.text)
    if recorded is None and saved is None:
        return source
    return attrs.evolve(source, recorded_url=recorded, saved=saved)
