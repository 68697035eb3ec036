"""Field values from short strings: spaces, credits, pingback titles, counts, dates, slugs.

Rules: pure functions over ``str`` with no markup knowledge, shared by the HTML, text-dump
and WXR paths so that each format yields the same values.  Every regular expression is
anchored or bounded and runs on input cut to a bounded length, so no input can make one
backtrack catastrophically.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from types import ModuleType

_MAX_FIELD = 2_000
"""Longest string the field parsers look at; longer ones are not titles, counts or credits."""

_SPACE_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                       "Nov", "Dec")
"""English month abbreviations in calendar order (dates written in a fixed English form by
savers and archives: ``Jun 11, 2014``), independent of the process's locale."""


def clean_space(text: str | None) -> str | None:
    """Collapse runs of white space (non-breaking spaces included) and strip; ``""`` → ``None``."""
    if text is None:
        return None
    out = _SPACE_RE.sub(" ", text).strip()
    return out or None


# --- photo credits ------------------------------------------------------------------------

_PIC = r"(?:photo(?:graph)?|image|picture|pic|foto|bild|illustration|graphic|video)s?"
# A credit label: "Photo credit:", "Photo by", "Image courtesy of", "Source:", "Foto:", "©".
# "by" needs a picture word before it: "taken by my sister" is prose, not a credit.
_CREDIT_LABEL = (
    r"(?:" + _PIC + r"\s+(?:credits?|courtesy(?:\s+of)?|by|copyright)\s*:?"
    r"|(?:" + _PIC + r"|source|quelle|credits?|courtesy|copyright)\s*:"
    r"|courtesy\s+of|(?:©|\(c\))(?:\s*(?:" + _PIC + r"|source|quelle|credits?)\s*:)?)"
)
_CREDIT_TAIL_RE = re.compile(
    r"(?:^|(?<=[\s.;,!?|–—-]))" + _CREDIT_LABEL + r"\s*(?P<credit>[^\s:][^\n]{0,150}?)[\s.]*$",
    re.IGNORECASE,
)
# "… text (AP Photo/Evan Vucci)", "(Photo: Jane Doe)", "[Image: Reuters]" at the very end.
_CREDIT_PAREN_RE = re.compile(
    r"[(\[](?:" + _CREDIT_LABEL + r"\s*(?P<credit>[^()\[\]]{1,150})"
    r"|(?P<agency>[^()\[\]]{0,60}\b(?:photo|foto|pool)\b/?[^()\[\]]{0,80}))[)\]][\s.]*$",
    re.IGNORECASE,
)


def split_credit(text: str | None) -> tuple[str | None, str | None]:
    """Split a caption into its text and its photo credit.

    ``"Putin and Xi in Beijing. Photo credit: Xinhua/Ding Haitao"`` gives
    ``("Putin and Xi in Beijing.", "Xinhua/Ding Haitao")``; ``"A rally (AP Photo/Evan
    Vucci)"`` gives ``("A rally", "AP Photo/Evan Vucci")``; ``"Photo: Jane Doe"`` gives
    ``(None, "Jane Doe")``.  A caption with no credit comes back whole with ``None``.
    """
    text = clean_space(text)
    if text is None:
        return None, None
    if len(text) > _MAX_FIELD:
        return text, None
    m = _CREDIT_PAREN_RE.search(text)
    if m:
        credit = clean_space(m.group("agency") or m.group("credit"))
        rest = text[: m.start()].rstrip(" ,;–—-|").strip()
        return (rest or None), credit
    m = _CREDIT_TAIL_RE.search(text)
    if m and len(m.group("credit").split()) <= 15:
        rest = text[: m.start()].rstrip(" ,;–—-|").strip()
        return (rest or None), clean_space(m.group("credit"))
    return text, None


# --- pingback titles ----------------------------------------------------------------------

_PINGBACK_PREFIX_RE = re.compile(r"^\s*(?:pingback|trackback)\s*:\s*", re.IGNORECASE)
# WordPress' default title separators, in the order themes use them: "Post | Blog",
# "Post – Blog" (core since 4.4), "Post — Blog", "Post :: Blog", "Post - Blog";
# and old "Blog » Blog Archive » Post".
_TITLE_SEPARATORS = (" | ", " – ", " — ", " :: ", " · ", " - ")


def split_pingback_title(text: str | None) -> tuple[str | None, str | None]:
    """Split a pingback's link text into the source post's title and its blog's name.

    ``"Pingback: Russia’s Ukraine Invasion | China Bystander"`` gives
    ``("Russia’s Ukraine Invasion", "China Bystander")``; ``"My Blog » Blog Archive »
    A Post"`` gives ``("A Post", "My Blog")``.  Text with no separator is a title alone.
    """
    text = clean_space(text)
    if text is None:
        return None, None
    text = _PINGBACK_PREFIX_RE.sub("", text, count=1).strip()
    if not text:
        return None, None
    if len(text) > _MAX_FIELD:
        return text, None
    if " » " in text:
        parts = [p.strip() for p in text.split(" » ") if p.strip()]
        parts = [p for p in parts if p.lower() not in {"blog archive", "blog-archiv"}]
        if len(parts) >= 2:
            return parts[-1], parts[0]
    if " « " in text:
        title, _, blog = text.rpartition(" « ")
        if title.strip() and blog.strip():
            return title.strip(), blog.strip()
    # The blog name follows the last separator: "A – B - Blog" is the post "A – B" on "Blog".
    best = max(_TITLE_SEPARATORS, key=text.rfind)
    if text.rfind(best) > 0:
        title, _, blog = text.rpartition(best)
        if title.strip() and blog.strip():
            return title.strip(), blog.strip()
    return text, None


# --- response counts ----------------------------------------------------------------------

_NUMBER_WORDS = {
    "no": 0, "zero": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
    # German, French, Spanish, Italian, Dutch: the forms comment headings use
    "kein": 0, "keine": 0, "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "un": 1, "une": 1, "aucun": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3,
    "nessun": 0, "due": 2, "geen": 0, "één": 1, "een": 1,
    # Portuguese, Polish, Czech, Russian, Ukrainian, Turkish
    "um": 1, "uma": 1, "nenhum": 0, "dois": 2, "jeden": 1, "brak": 0, "žádné": 0,
    "один": 1, "нет": 0, "без": 0, "немає": 0, "bir": 1, "hiç": 0,
}
# The nouns a comments heading counts, in the languages read (also the text dump's)
RESPONSE_NOUNS = (
    r"(?:responses?|comments?|thoughts?|replies|reply|pingbacks?|trackbacks?|reactions?"
    # ComicPress / Easel: "Discussion (217)"
    r"|discussions?"
    r"|kommentare?|kommentar|antworten|antwort|gedanken?|reaktionen|reaktion"
    r"|commentaires?|réponses?|comentarios?|respuestas?|commenti|commento|reacties|reactie"
    r"|opmerkingen"
    # Portuguese, Polish, Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian, Greek
    r"|comentários?|respostas?|komentarz(?:y|e|ach)?|odpowiedzi|komentář(?:e|ů)?"
    r"|komentáře|odpovědi|комментари(?:й|я|ев|и)|ответ(?:а|ов|ы)?|коментар(?:і|ів|я)?"
    r"|відповід(?:ь|і|ей)|yorum(?:lar)?|comentari(?:i|u)|hozzászólás(?:ok)?|σχόλι(?:α|ο))"
)
_COUNT_RE = re.compile(
    r"^\W{0,3}(?P<n>\d{1,9}|[^\W\d_]{1,7})\s+(?:\w+\s+){0,2}?" + RESPONSE_NOUNS + r"\b",
    re.IGNORECASE,
)
# The count after a few words: OceanWP's "This Post Has 4 Comments" ("… Has One Comment"),
# "There are 3 comments".  Only digits and unambiguous words: after a verb, "a"/"un" is an
# article ("Leave a comment", "Deja un comentario").
_COUNT_LATE_RE = re.compile(
    r"^\W{0,3}(?:[^\W\d_]{1,12}\s+){1,3}(?P<n>\d{1,9}|no|one|zero)\s+"
    + RESPONSE_NOUNS + r"\b", re.IGNORECASE,
)
_COUNT_PAREN_RE = re.compile(
    r"^\W{0,3}" + RESPONSE_NOUNS + r"\s*(?:[(\[:]\s*(?P<n>\d{1,9})\s*[)\]]?"
    # JNews's "Comments <span class="count">4</span>": the bare number ends the heading
    r"|(?P<n2>\d{1,9})\s*$)", re.IGNORECASE
)


def parse_response_count(text: str | None) -> int | None:
    """Read the count a comments heading announces, or ``None`` if it announces none.

    Understands ``"4 responses to “…”"``, ``"One thought on “…”"``, ``"3 Comments"``,
    ``"No comments yet"``, ``"Comments (3)"``, ``"Comments 3"``, ``"This Post Has 4
    Comments"`` and their German, French, Spanish, Italian, Dutch, Portuguese, Polish,
    Czech, Russian, Ukrainian, Turkish, Romanian, Hungarian and Greek forms.
    """
    text = clean_space(text)
    if text is None:
        return None
    text = text[:200]
    m = _COUNT_RE.match(text)
    if m:
        n = m.group("n")
        if n.isdecimal():
            return int(n)
        if n.lower() in _NUMBER_WORDS:
            return _NUMBER_WORDS[n.lower()]
    m = _COUNT_PAREN_RE.match(text)
    if m:
        return int(m.group("n") or m.group("n2"))
    m = _COUNT_LATE_RE.match(text)
    if m:
        n = m.group("n")
        return int(n) if n.isdecimal() else _NUMBER_WORDS.get(n.lower())
    return None


# --- dates --------------------------------------------------------------------------------

_ZERO_DATE_RE = re.compile(r"^0{4}-0{2}-0{2}")
_DATE_CHARS_RE = re.compile(r"\d")


@functools.cache
def _date_parser() -> ModuleType:
    # dateutil's parser is a tenth of blogparse's import time and most pages' dates are
    # ISO 8601, which the standard library reads: import it on first use.
    from dateutil import parser

    return parser


def _full_date(text: str, *, dayfirst: bool) -> datetime | None:
    """dateutil's reading of ``text``, or ``None`` when it lacks a year, month or day.

    dateutil fills missing parts from today ("21:00" would become today at 21:00); parsing
    against two different defaults shows which parts the text itself carries.
    """
    _dateparser = _date_parser()
    one: datetime = _dateparser.parse(text, dayfirst=dayfirst, tzinfos=_TZ_ABBREVIATIONS,
                                      default=datetime(2000, 1, 1))
    if one.year != 2000 and one.month != 1 and one.day != 1:
        return one  # no part equals the default's, so the text carried them all
    two = _dateparser.parse(text, dayfirst=dayfirst, tzinfos=_TZ_ABBREVIATIONS,
                            default=datetime(2001, 2, 2))
    if (one.year, one.month, one.day) != (two.year, two.month, two.day):
        return None
    return one


def parse_datetime(text: str | None, *, dayfirst: bool = False) -> datetime | None:
    """Parse a machine-readable or human date with python-dateutil; ``None`` if it is none.

    ISO 8601 (``2022-02-04T10:00:00+08:00``) keeps its offset; ``Z`` becomes UTC; a date
    with no zone comes back naive.  Strings without a digit, the WordPress zero date and
    strings that dateutil cannot read give ``None``.
    """
    text = clean_space(text)
    if text is None or not _DATE_CHARS_RE.search(text):
        return None
    if _ZERO_DATE_RE.match(text):
        return None
    value: datetime | None
    if len(text) > 120:
        # A date inside a long line ("Title of the linking post | Blog 9. April 2019 um
        # 10:20 - Reply"): only its date-shaped part is read.
        localized, was_localized = _englishify(text[:_LONG_DATE_LINE])
        m = _EMBEDDED_DATE_RE.search(localized)
        if m is None:
            return None
        localized = m.group()
        value = _common_date(localized)
    else:
        try:
            value = datetime.fromisoformat(
                text.replace("Z", "+00:00") if text.endswith("Z") else text)
        except ValueError:
            localized, was_localized = _englishify(text)
            value = _common_date(localized)
    if value is None:
        _dateparser = _date_parser()
        try:
            value = _full_date(localized, dayfirst=dayfirst or was_localized)
        except (ValueError, OverflowError, TypeError, _dateparser.ParserError):
            # A date inside other words ("Ben 19. June 2018 15:28 - Reply"): parse the
            # date-shaped part alone rather than letting dateutil guess from every word.
            m = _EMBEDDED_DATE_RE.search(localized)
            if m is None:
                return None
            try:
                value = _full_date(m.group(), dayfirst=dayfirst or was_localized)
            except (ValueError, OverflowError, TypeError, _dateparser.ParserError):
                return None
    if value is None:
        return None
    if value.tzinfo is not None:
        try:
            offset = value.utcoffset()
        except ValueError:
            offset = None  # "+99:00": no zone is a day or more from UTC; keep the wall time
        if offset is None:
            return value.replace(tzinfo=None)
        return value.replace(tzinfo=timezone(offset)) if offset else value.replace(
            tzinfo=UTC
        )
    return value


_H = 3600
# Zone abbreviations pages print after times ("10:00 am EST"); ambiguous ones (IST, CST in
# Asia) are read as the meaning English-language blogs use most.
_TZ_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "Z": 0, "EST": -5 * _H, "EDT": -4 * _H, "CST": -6 * _H,
    "CDT": -5 * _H, "MST": -7 * _H, "MDT": -6 * _H, "PST": -8 * _H, "PDT": -7 * _H,
    "AKST": -9 * _H, "AKDT": -8 * _H, "HST": -10 * _H, "AST": -4 * _H, "ADT": -3 * _H,
    "BST": 1 * _H, "CET": 1 * _H, "CEST": 2 * _H, "MEZ": 1 * _H, "MESZ": 2 * _H,
    "EET": 2 * _H, "EEST": 3 * _H, "WET": 0, "WEST": 1 * _H, "JST": 9 * _H, "KST": 9 * _H,
    "AEST": 10 * _H, "AEDT": 11 * _H, "NZST": 12 * _H, "NZDT": 13 * _H,
}

_MONTHS = {
    # German, French, Spanish, Italian, Dutch, Portuguese month names and abbreviations
    "januar": "January", "jänner": "January", "janvier": "January", "enero": "January",
    "gennaio": "January", "januari": "January", "janeiro": "January",
    "februar": "February", "feber": "February", "février": "February", "fevrier": "February",
    "febrero": "February", "febbraio": "February", "februari": "February",
    "fevereiro": "February", "märz": "March", "maerz": "March", "mars": "March",
    "marzo": "March", "maart": "March", "março": "March", "avril": "April", "abril": "April",
    "aprile": "April", "mai": "May", "mayo": "May", "maggio": "May", "mei": "May",
    "maio": "May", "juni": "June", "juin": "June", "junio": "June", "giugno": "June",
    "junho": "June", "juli": "July", "juillet": "July", "julio": "July", "luglio": "July",
    "julho": "July", "août": "August", "aout": "August", "agosto": "August",
    "augustus": "August", "septembre": "September", "septiembre": "September",
    "settembre": "September", "setembro": "September", "oktober": "October",
    "octobre": "October", "octubre": "October", "ottobre": "October", "outubro": "October",
    "dezember": "December", "décembre": "December", "decembre": "December",
    "diciembre": "December", "dicembre": "December", "dezembro": "December",
    "novembre": "November", "noviembre": "November", "novembro": "November",
    "okt": "Oct", "dez": "Dec", "mär": "Mar", "mrz": "Mar", "janv": "Jan", "févr": "Feb",
    "avr": "Apr", "juil": "Jul", "déc": "Dec", "ene": "Jan", "abr": "Apr", "ago": "Aug",
    "dic": "Dec", "gen": "Jan", "mag": "May", "giu": "Jun", "lug": "Jul", "set": "Sep",
    "ott": "Oct", "mrt": "Mar",
    # Indonesian and Malay, Danish, Norwegian and Swedish where they differ from the above
    "pebruari": "February", "maret": "March", "agustus": "August", "nopember": "November",
    "desember": "December", "maj": "May", "augusti": "August",
    # Polish and Czech (genitive, as dates write them, and nominative)
    "stycznia": "January", "lutego": "February", "marca": "March", "kwietnia": "April",
    "maja": "May", "czerwca": "June", "lipca": "July", "sierpnia": "August",
    "września": "September", "października": "October", "listopada": "November",
    "grudnia": "December", "styczeń": "January", "luty": "February", "marzec": "March",
    "kwiecień": "April", "czerwiec": "June", "lipiec": "July", "sierpień": "August",
    "wrzesień": "September", "październik": "October", "listopad": "November",
    "grudzień": "December", "ledna": "January", "února": "February", "března": "March",
    "dubna": "April", "května": "May", "června": "June", "července": "July",
    "srpna": "August", "září": "September", "října": "October", "listopadu": "November",
    "prosince": "December", "leden": "January", "únor": "February", "březen": "March",
    "duben": "April", "květen": "May", "červen": "June", "červenec": "July",
    "srpen": "August", "říjen": "October", "prosinec": "December",
    # Russian and Ukrainian (genitive and nominative)
    "января": "January", "февраля": "February", "марта": "March", "апреля": "April",
    "мая": "May", "июня": "June", "июля": "July", "августа": "August",
    "сентября": "September", "октября": "October", "ноября": "November",
    "декабря": "December", "январь": "January", "февраль": "February", "март": "March",
    "апрель": "April", "май": "May", "июнь": "June", "июль": "July", "август": "August",
    "сентябрь": "September", "октябрь": "October", "ноябрь": "November",
    "декабрь": "December", "січня": "January", "лютого": "February", "березня": "March",
    "квітня": "April", "травня": "May", "червня": "June", "липня": "July",
    "серпня": "August", "вересня": "September", "жовтня": "October",
    "листопада": "November", "грудня": "December",
    # Turkish, Romanian, Hungarian, Greek (genitive)
    "ocak": "January", "şubat": "February", "mart": "March", "nisan": "April",
    "mayıs": "May", "haziran": "June", "temmuz": "July", "ağustos": "August",
    "eylül": "September", "ekim": "October", "kasım": "November", "aralık": "December",
    "ianuarie": "January", "februarie": "February", "martie": "March", "aprilie": "April",
    "iunie": "June", "iulie": "July", "septembrie": "September", "octombrie": "October",
    "noiembrie": "November", "decembrie": "December", "január": "January",
    "február": "February", "március": "March", "április": "April", "május": "May",
    "június": "June", "július": "July", "augusztus": "August", "szeptember": "September",
    "október": "October", "ιανουαρίου": "January", "φεβρουαρίου": "February",
    "μαρτίου": "March", "απριλίου": "April", "μαΐου": "May", "ιουνίου": "June",
    "ιουλίου": "July", "αυγούστου": "August", "σεπτεμβρίου": "September",
    "οκτωβρίου": "October", "νοεμβρίου": "November", "δεκεμβρίου": "December",
}
# Words between date and time in localized dates: "9. Juli 2016 um 10:23 Uhr",
# "9 juillet 2016 à 10 h 23", "9 de julio de 2016 a las 10:23".
_FILLER = {"um", "uhr", "à", "a", "las", "de", "del", "do", "da", "alle", "om", "le", "am",
           "den", "el", "il", "op", "at", "on", "h", "pukul", "kl", "klokken",
           # "3 марта 2024 г. в 10:20", "3 marca 2024 o 10:20", "3. března 2024 v 10:20",
           # "3 martie 2024 la 10:20", "2024. március 3. 10:20", "3 Μαρτίου 2024 στις 10:20"
           "г", "в", "о", "об", "o", "godz", "v", "la", "ora", "στις", "saat"}
_WORD_RE = re.compile(r"[^\W\d_]+\.?")
_HOUR_H_RE = re.compile(r"(\d{1,2})\s*h\s*(\d{2})\b")
_AT_SIGN_RE = re.compile(r"(?<=\d)\s*@\s*(?=\d)")
_MERIDIEM_RE = re.compile(r"(\d:\d{2}(?::\d{2})?)\s?([apAP])\.\s?[mM]\.?(?![^\W\d_])")
_AFTER_CLOCK_RE = re.compile(r"\d:\d{2}(?::\d{2})?\s?$")
_LONG_DATE_LINE = 400
"""How much of a line longer than a date line is searched for a date in it."""
_DOTTED_DATE_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")
_TIME = r"(?:[,\s@-]{1,4}\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?)?"
_EMBEDDED_DATE_RE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}\.?\s{1,3}[A-Z][a-z]{2,9}\.?,?\s{1,3}\d{4}" + _TIME +
    r"|[A-Z][a-z]{2,9}\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?,?\s{1,3}\d{4}" + _TIME +
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}" + _TIME + r")"
)


_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}
# (date and time apart by spaces and commas, or a dash: "March 12, 2023 — 6:40 pm")
_CLOCK = (r"(?:(?:[\s,]{1,6}|\s{0,2}[—–-]\s{0,2})(?P<h>\d{1,2}):(?P<min>\d{2})"
          r"(?:\s?(?P<ampm>[ap])m)?)?\s*$")
_MONTH = r"(?P<month>[A-Za-z]{3,9})"
# The date lines WordPress themes print most, once _englishify has run: "April 9, 2020",
# "9. April 2020 um 10:20 Uhr", "December 24, 2019 at 8:05 pm" (filler words already
# dropped).  "@" before the time is left to dateutil, whose reading of it varies by month.
_COMMON_DATE_RES = (
    re.compile(r"^(?P<day>\d{1,2})\.?\s{1,3}" + _MONTH + r",?\s{1,3}(?P<year>\d{4})" + _CLOCK,
               re.IGNORECASE),
    re.compile(r"^" + _MONTH + r"\s{1,3}(?P<day>\d{1,2}),?\s{1,3}(?P<year>\d{4})" + _CLOCK,
               re.IGNORECASE),
)


def _common_date(text: str) -> datetime | None:
    """The naive date and time of the commonest date lines, read as dateutil reads them.

    ``None`` for anything else (dateutil then reads it): this only spares its cost for the
    lines most pages carry.
    """
    for rx in _COMMON_DATE_RES:
        m = rx.match(text)
        if m is None:
            continue
        month = _MONTH_NUMBERS.get(m.group("month").lower())
        if month is None:
            return None
        hour = int(m.group("h")) if m.group("h") else 0
        ampm = (m.group("ampm") or "").lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "p" else 0)
        try:
            return datetime(int(m.group("year")), month, int(m.group("day")), hour,
                            int(m.group("min") or 0))
        except ValueError:
            return None
    return None


_DOTTED_COMMA_YEAR_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2}),\s*(\d{4})\b")


def _englishify(text: str) -> tuple[str, bool]:
    """Month names in English and filler words dropped, so dateutil can read the date."""
    changed = False

    def repl(m: re.Match[str]) -> str:
        nonlocal changed
        word = m.group().rstrip(".").lower()
        if word in _MONTHS:
            changed = True
            return _MONTHS[word]
        if word in _FILLER and not (word == "am" and _AFTER_CLOCK_RE.search(src, 0, m.start())):
            # "am" after a time is the meridiem ("12:19 am"), not German's "am 5. Mai"
            return " "
        return m.group()

    # "17.07, 2011" (a 'd.m, Y' format) as "17.07.2011"
    if "," in text:
        text = _DOTTED_COMMA_YEAR_RE.sub(r"\1.\2.\3", text)
    out = _HOUR_H_RE.sub(r"\1:\2", text)
    # "9. April 2019 @ 10:20": the at sign only separates the date from the time
    src = _AT_SIGN_RE.sub(" ", out)
    # "12:05 a.m." as "12:05 am", so the "a" is not taken for Spanish filler
    src = _MERIDIEM_RE.sub(r"\1 \2m", src)
    out = _WORD_RE.sub(repl, src)
    # "12.05.2019" is day-first wherever dots separate the parts.
    return out, changed or bool(_DOTTED_DATE_RE.search(text))


def utc_offset(value: datetime | None) -> timedelta | None:
    """The UTC offset of ``value``, or ``None`` when naive or missing."""
    return None if value is None else value.utcoffset()


# --- urls and slugs -----------------------------------------------------------------------

_SLUG_PARENTS = ("category", "tag", "tags", "kategorie", "schlagwort", "topics", "topic")


def slug_from_url(url: str | None) -> str | None:
    """The term slug of a category or tag archive url (its last path segment)."""
    if not url or len(url) > _MAX_FIELD:
        return None
    try:
        parts = [p for p in urlsplit(url).path.split("/") if p]
    except ValueError:
        return None
    if not parts:
        return None
    if len(parts) >= 2 and parts[-2] == "page" and parts[-1].isdecimal():
        parts = parts[:-2]
    if not parts:
        return None
    slug = unquote(parts[-1]).strip()
    if parts[:-1] != ["search", "label"]:
        # WordPress slugs are lower case; Blogger's labels (/search/label/Kimchi) keep
        # their case, and another case is another (empty) archive
        slug = slug.lower()
    return slug or None


def slugify(name: str | None) -> str | None:
    """WordPress' ``sanitize_title`` in short: lower case, words joined by hyphens."""
    name = clean_space(name)
    if name is None:
        return None
    slug = re.sub(r"[^\w\s-]", "", name.lower())
    slug = re.sub(r"[\s_-]+", "-", slug).strip("-")
    return slug or None


def to_int(text: str | None) -> int | None:
    """The integer in ``text`` (``"comment-123"`` → 123), or ``None``."""
    if text is None:
        return None
    m = re.search(r"\d{1,18}", text[:200])
    return int(m.group()) if m else None
