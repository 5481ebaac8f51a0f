"""Pages -> :class:`Document`: scraped text, HTML and JSON records.

A scraped news page mixes the article with the site around it: mastheads, breadcrumbs,
crawl-date banners, share buttons, related-link lists and footers.  The text reader
classifies each line by its *shape* (a date line, a credit line, a link list, a
dateline, a caption ending in a photo credit...) rather than by outlet names, because
the pages it meets come from outlets it has never seen.  It keeps the headline,
standfirst, captions and body in ``Document.text`` (what mention offsets refer to),
moves credits into metadata, and drops the rest.

HTML goes through trafilatura for the main text, with ``<meta>`` tags and any JSON-LD
``NewsArticle`` supplying the metadata; the extracted text then runs through the same
line classifier.  JSON and JSON Lines records map their fields directly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConversionError
from . import stamps
from .model import Document, Span

INPUT_FORMATS = ("text", "html", "json", "jsonl")

# --------------------------------------------------------------------------- decoding


def decode(data: bytes | str, *, name: str = "input") -> str:
    """Text of the input; binary data is refused rather than turned into mojibake."""
    if isinstance(data, str):
        text = data
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError:
                raise ConversionError(f"{name}: undecodable UTF-16 text") from None
            return _check_text(text, name)
        head = data[:8192]
        if b"\x00" in head:
            raise ConversionError(f"{name}: binary data, not an article (NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return _check_text(text, name)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_text(text: str, name: str) -> str:
    text = text.lstrip("\ufeff")
    sample = text[:8192]
    if sample and len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 50):
        raise ConversionError(f"{name}: binary data, not an article (control characters)")
    if "\x00" in text:
        raise ConversionError(f"{name}: binary data, not an article (NUL characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# The patterns of sniff(), compiled once: a module-level re call looks its pattern up on every call.
#: an opening tag of a common element in the first 2048 characters: HTML without a doctype
_HTML_TAG = re.compile(r"<(?:html|head|body|article|div|p|meta|title)[\s>]")


#: what a JSON array's first value (or its closing bracket) can start with
_JSON_VALUE_START = frozenset('{["]-0123456789tfn')


def sniff(text: str) -> str:
    """``json``, ``jsonl``, ``html`` or ``text``, judged from the content alone."""
    head = text.lstrip()[:2048]
    if head.startswith("[") and head[1:].lstrip()[:1] not in _JSON_VALUE_START:
        return "text"  # "[Archived copy ...]": a bracketed banner line, not a JSON array
    if head.startswith("[") or head.startswith("{"):
        stripped = text.strip()
        if head.startswith("["):
            return "json"
        lines = [ln for ln in stripped.splitlines() if ln.strip()]
        if len(lines) > 1:
            try:
                first = json.loads(lines[0])
            except ValueError:
                first = None
            if isinstance(first, dict):
                return "jsonl"  # a complete object on line one and more lines: JSON Lines
        return "json"
    low = head.lower()
    if low.startswith("<!doctype html") or low.startswith("<html") or low.startswith("<?xml"):
        return "html"
    if _HTML_TAG.search(low):
        return "html"
    return "text"


# --------------------------------------------------------------------------- line patterns

_SEP = r"(?:\s+[>›»/]\s+|\s*[|·•]\s*)"
_NAV_SPLIT = re.compile(r"\s+[>›»/→]\s+|\s*[|·•]\s*|\s+>\s*$")
_URL_LINE = re.compile(r"^URL:\s*(\S+)\s*$", re.IGNORECASE)
#: a labelled address on a line of its own anywhere on the page: "Original URL: https://...",
#: "Permalink: https://..." (page furniture or a crawler's note, never article text)
_LABELLED_URL_LINE = re.compile(
    r"^[\[(]?\s*(?:(?:original|source|canonical|page|article|short|story)\s+)?(?:url|link|address|permalink|uri)"
    r"\s*[:：]\s*(https?://\S+?)\s*[\])]?\s*$",
    re.IGNORECASE,
)
# The editing credit in other languages is a label with a colon ("Edição: Ana Lima",
# "Edición: ...", "Redaktion: ..."): without the colon those words mean an edition.
_FOREIGN_EDITOR_LABEL = r"(?:Edi[cç][aã]o|Edici[oó]n|Edizione|Redakt(?:eur(?:in)?|ion))\s*[:：]"
_EDITOR = re.compile(
    r"(?:^|[(\[|;,]\s*|\s)(?:(?:Editors?|Edited by|Editing by|Editor in charge)\s*[:：]?|"
    + _FOREIGN_EDITOR_LABEL + r")\s*"
    r"(?P<name>[^|()\[\];:]{1,60}?)\s*(?:[)\]|;]|$)",
    re.IGNORECASE,
)
#: "edit(or|ors|ing|ed)" as a word, or a foreign editing label (_FOREIGN_EDITOR_LABEL's words),
#: written to start with a class of the letters a match starts with so that ``re`` skips
#: ahead to them: the plain alternation of the two cost three times as much per line
_EDIT_WORD = re.compile(
    r"(?<!\w)[EeRr](?i:(?<=[Ee])dit(?:ors?|ing|ed)\b|(?<=[Ee])di[cç][aã]o\s*[:：]|(?<=[Ee])dici[oó]n\s*[:：]|"
    r"(?<=[Ee])dizione\s*[:：]|(?<=[Rr])edakt(?:eur(?:in)?|ion)\s*[:：])"
)
_EDITOR_START = re.compile(
    r"^\(?\s*(?:(?:Editors?|Edited by|Editing by|Editor in charge)\b(?!['’]s)|" + _FOREIGN_EDITOR_LABEL + ")",
    re.I,
)
_REPORTER = re.compile(
    r"^\(?\s*(?:Reporter|Reporters|Reporting by|Reported by|Written by|Writing by|Author|Text by|By)"
    r"\s*[:：]?\s*"
    r"(?P<name>[^|()\[\]]{2,80}?)\s*\)?\s*(?:[|·•]|$)",
    re.IGNORECASE,
)
_STAFF_BYLINE = re.compile(
    r"^(?:Staff|Our|From our|News|Web)\s+(?:Reporter|Correspondent|Writer|Desk|Report)s?$", re.IGNORECASE
)
_SOURCE_FIELD = re.compile(
    r"(?:^|[|·•]\s*|\s{2,}|\s)(?:Source|Agency|From)\s*[:：]\s*(?P<src>[^|·•]{2,80}?)\s*(?=$|[|·•]|\s{2,}|\d{4}-)",
    re.IGNORECASE,
)
_BY_AGENCY = re.compile(r"\bby\s+(?P<src>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s*$")
# Labels start at a word boundary: "Update : 15.02.2024" must not read as a "Date" label
# inside "Update".  "Update"/"Updated"/"Last update" and "Modified" mark a later revision.
_LABELLED_DATE = re.compile(
    r"(?<![^\W\d_])(?P<label>Release Date|Released|Published(?: on| at)?|Posted(?: on| at)?|First published|"
    r"Publication date|Issued(?: on)?|Updated?(?: on| at)?|Last updated?|Last modified|Modified|Date)"
    r"\s*[:：]?",
    re.IGNORECASE,
)
_UPDATE_LABEL = re.compile(r"update|modified", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*,?\s*)?"
    r"(?P<name>[^.|©]{2,60}?)\s*(?:(?:19|20)\d{2})?\s*(?:[.,|]|all rights|$)",
    re.IGNORECASE,
)
_IS_A_NEWSPAPER = re.compile(
    r"^(?P<name>(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,5})\s+is\s+an?\s+[^.]{0,60}?"
    r"\b(?:newspaper|news agency|news site|daily|weekly|magazine|broadcaster|news outlet|wire service)\b",
)
_JUNK_LINE = re.compile(
    r"^(?:share(?: this(?: page| article| story)?)?(?:\s*(?:on|via))?\s*[:：]?.*|print|email|e-mail|"
    r"is this page useful\?.*|was this (?:page|article) helpful\?.*|yes\s+no|back to top|page top|"
    r"top of page|back to .{1,80}|read more.*|see also.*|advertisement|sponsored.*|subscribe.*|sign up.*|"
    r"log ?in|login|register|follow us.*|download (?:our|the) app.*|comments?|tags?\s*[:：].*|"
    r"keywords?\s*[:：].*|topics?\s*[:：].*|filed under\s*[:：]?.*|related(?: topics)?\s*[:：].*|"
    r"registration number.*|all rights reserved.*|it'?s recommended to use.*|best viewed.*|"
    r"\(?end\)?|-?\s*ends?\s*-?|\*{3,}|#{3}|-{3,}|--\s*\w[\w ]{0,20}|photo gallery.*|video.*|"
    r"listen to (?:this|the) article.*|\d+\s*(?:min(?:ute)?s?|comments?) read|font size.*|"
    r"click here.*|loading.*|cookie.*|accept all.*|reject all.*|manage (?:preferences|cookies|settings)|"
    r"(?:accept|reject|allow|decline|refuse|view|manage|change)\b.{0,30}\bcookies?"
    r"(?: settings| preferences)?|"
    r"(?:cookie|privacy) (?:policy|settings|preferences)|skip to (?:main )?content)$",
    re.IGNORECASE,
)
# Cookie and consent banners: the site speaking about itself ("We use cookies to...",
# "This website uses cookies") or offering the banner's buttons ("Accept | Manage
# preferences").  A story *about* cookie rules has neither the first person nor two buttons.
#: ``cookie|consent`` (re.IGNORECASE), in a form that starts with the letters a match can
#: start with, so that ``re`` skips ahead to them (tests/test_extract_speed.py)
_CONSENT_HINT = re.compile(r"[cC](?i:(?<=c)ookie|(?<=c)onsent)")
_CONSENT_SELF = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|this page)(?: and our (?:\w+ )?partners)?"
    r"(?:['’]d like to| would like to)?\s+(?:use|uses|store|stores|set|sets|place|places)\s+"
    r"(?:[\w-]+\s+){0,3}?cookies\b"
    r"|\bcookies on (?:this|our)\b",
    re.IGNORECASE,
)
_CONSENT_BUTTON = re.compile(
    r"\b(?:accept|reject|allow|decline|refuse|manage|customi[sz]e)\s+(?:all|additional|optional|cookies|"
    r"preferences|settings|choices|options)\b|\bcookies? (?:policy|settings|preferences|notice)\b|"
    r"\bby (?:continuing|clicking|using|browsing)\b[^.|]{0,80}?\b(?:agree|consent|accept)",
    re.IGNORECASE,
)


# Retrieval banners that crawlers, archives and scraping tools print above the page:
# "Retrieved 12 June 2024 from ...", "[Archived copy, captured 2024-06-12 08:14 UTC]",
# "Page fetched on ...".  They carry a date (or the address fetched) that is not the
# article's, and they sit where the masthead would, so they are dropped before the
# masthead and the headline are looked for.
_CRAWL_BANNER = re.compile(
    r"^[\[(]?\s*(?:(?:this|the|a|page|copy|snapshot|version|text|article|document|source|web|site|"
    r"html|content|date|time|last|first|was|is|automatically)\s+){0,3}"
    r"(?:retriev(?:ed|al)|accessed|captured?|archived?|crawl(?:ed|er|ing)?|fetched|scraped|saved|downloaded|"
    r"cached|harvested|snapshot|extracted|clipped|mirrored|printed from)\b",
    re.IGNORECASE,
)


def _is_crawl_banner(s: str, dates: list[stamps.FoundDate]) -> bool:
    """A retrieval banner: a crawl word among its first words (the caller's _CRAWL_BANNER),
    and a date or a link.  The caller asks only above the article (no paragraph of
    running text yet), where a banner may add a sentence ("Retrieved 12 June 2024.
    Content may have changed."); further down "Captured fighters were freed on 12 June
    2024." is text, and a banner under the article is footer, which the body's end drops.
    """
    return bool(dates or "http" in s or "www." in s or ".com" in s)


_REPORTED_SPEECH = re.compile(r"[\"“”]|\b(?:said|says|told|according to|stated|wrote|added)\b", re.IGNORECASE)


def _is_consent_banner(s: str) -> bool:
    if _REPORTED_SPEECH.search(s):
        return False  # a story quoting a site's cookie notice, not the notice itself
    if _CONSENT_SELF.search(s):
        return True
    return len(_CONSENT_BUTTON.findall(s)) >= 2


_LIST_HEAD = re.compile(
    r"^(?:\[?\s*(?:related(?: stories| news| articles| links| content| coverage| reading)?|more from .{1,40}|"
    r"more (?:stories|news|on this|in .{1,30})|most (?:read|popular|viewed|shared)|trending(?: now)?|"
    r"editor['’]?s? (?:pick|picks|choice)|recommended(?: for you)?|you may (?:also )?like|"
    r"also read|read also|latest(?: news| stories)?|top stories|popular|in (?:other|case you missed).*|"
    r"what to read next|don['’]t miss|further reading|previous|next)\s*\]?\s*:?)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[›»·•◦▪▸►→*+-]|\d{1,2}[.)]|[ivx]{1,4}[.)])\s+")
_SECTION_WORDS = {
    "home", "news", "world", "politics", "business", "economy", "opinion", "sports", "sport", "latest",
    "national", "international", "local", "asia", "europe", "africa", "americas", "middle east",
    "press release", "press releases", "news release", "media release", "statement", "statements",
    "readout", "readouts", "breaking news", "breaking", "analysis", "feature", "features", "exclusive",
    "diplomacy", "foreign affairs", "government", "top news", "china", "region", "regions", "press",
    "speeches", "english", "english edition", "edition", "menu", "search", "photos", "video", "live",
    "trade", "markets", "culture", "society", "science", "technology", "health", "environment",
    "editorial", "commentary", "in depth", "spotlight", "interview", "the latest",
}
#: A line that ends like a sentence: a stop and closing quotes or brackets, or a stop and a
#: credit in brackets ("... said. (Reuters)").  The plain form, _SENT_END_PLAIN, begins
#: with a choice of two, which keeps ``re`` from skipping ahead to a stop: it tried both
#: branches at every character of every line.  Here the stop comes first, and the lookbehind
#: keeps the second branch to the stops it allows (tests/test_convert_speedcuts.py compares
#: the two).
_SENT_END_PLAIN = re.compile(r"[.!?…][\"'”’)\]]*$|[.!?][\"'”’]?\s*\(\w+\)$")
_SENT_END = re.compile(r"[.!?…](?:[\"'”’)\]]*$|(?<=[.!?])[\"'”’]?\s*\(\w+\)$)")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
#: Eight _WORD matches in a row and what lies between them, to count a line's words with
#: one match per eight words instead of one findall item per word (a long body line costs
#: a third as much).  Each part is possessive, so it can only end where findall's words
#: end: the gap takes every character no word starts with ([\W_]), the word then starts at
#: the next character, which can only be one a word starts with, and runs as far as
#: _WORD's.  The classes list ASCII characters first, which ``re`` tests with a bitmap
#: before it asks Unicode's tables.  _count_words counts the rest with findall;
#: tests/test_convert_speedcuts.py compares the counts.
_EIGHT_WORDS = re.compile(r"(?:[ ,.\n\W_]*+(?s:.)[a-zA-Z0-9'’.\-\w]*+){8}")

# Datelines: "BEIJING, May 13 (Xinhua) --", "ASMARA, July 9, 2018 (Horn Wire) -",
# "Jeddah, Sept 16, SPA --", "Bishkek, 6 September /UzA/.", "MOSCOW, May 13. /TASS/.",
# "LAHORE:", "HÀ NỘI (VNA) —", "Tehran, IRNA –", "Bintan, Riau Islands (ANTARA) -".
_PLACE_WORD = r"[^\W\d_][\w'’.\-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}"
_DL_DATE = (
    rf"(?:{stamps.WEEKDAY_RE},?\s+)?"
    rf"(?:{stamps.MONTH_RE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{stamps.MONTH_RE}\.?(?:,?\s+\d{{4}})?)"
)
_DL_PLACE = rf"^(?P<place>{_PLACE}(?:,\s*{_PLACE}){{0,2}}?)"
_DL_AGENCY_DASH = (
    # "nodash": no dash at all after a date and a bracketed agency ("Tarvik, Nov. 3, 2024 (BNA)
    # President ..."); tried only after the agency's brackets, so the attempts at every
    # split of a body line's first words cost nothing more
    r"\.?(?:\s*\((?P<agency>[^()]{2,40})\)(?P<nodash>(?(date)\s+(?=(?-i:[A-Z\"“]))|(?!)))?"
    r"|\s*/(?P<agency2>[^/\s][^/]{0,25})/\.?|,\s*(?P<agency3>[A-Z][A-Za-z]{1,10}))?"
    r"(?(nodash)|(?P<dash>\s*(?:--|[–—―-])\s*|:\s+|\s*\.\s+(?=[A-Z\"“])))"
)
_DATELINE = re.compile(_DL_PLACE + rf"(?:,?\s*(?P<date>{_DL_DATE}))?" + _DL_AGENCY_DASH, re.IGNORECASE)
#: _DATELINE for a line that holds no month name: its date needs one, so it cannot match
#: and is left out ("date" stays a group that never takes part).  The engine tries the
#: date's month alternatives at every place a place word may end, which was most of the
#: match's cost on body lines.
_DATELINE_NO_DATE = re.compile(_DL_PLACE + r"(?P<date>(?!))?" + _DL_AGENCY_DASH, re.IGNORECASE)
#: the month stems of _DL_DATE, lower-cased ("ſ" is the one other letter IGNORECASE folds
#: onto one of their letters, s)
_DL_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: what everything before a _DATELINE match's dash is written with, bar an agency's ( or /
#: (place words, single spaces, commas, a date, a full stop)
_DL_PLAIN = re.compile(r"[\w'’.\-,\s]*")
#: a dash of _DATELINE written with _DL_PLAIN's characters: a hyphen or a full stop and a space
_DL_PLAIN_DASH = re.compile(r"-|\.\s")


def _dateline_match(s: str) -> re.Match[str] | None:
    """``_DATELINE.match(s)``, answered without the costly match where it cannot succeed.

    A match is a place of at most three comma-separated parts of at most four words joined
    by single spaces, an optional date (at most four whitespace runs and one before it),
    an optional agency and a dash, so at most 17 whitespace runs come before the dash (or
    before the agency's "(" or "/"); and everything before that is written with
    _DL_PLAIN's characters.  So the first character that could serve as the dash, or the
    first outside _DL_PLAIN if it is "(", "/", a long dash or a colon, has at most 18
    whitespace-separated chunks before it, or there is no match.  Most body lines fail
    that.  tests/test_extract_speed.py compares this with the plain match.
    """
    q = _DL_PLAIN.match(s).end()  # type: ignore[union-attr]  # matches the empty string
    d = _DL_PLAIN_DASH.search(s, 0, q)
    if d is not None:
        p = d.start()
    elif q < len(s) and s[q] in "(/–—―:":
        p = q
    else:
        return None
    if len(s[:p].split()) > 18:
        return None
    low = s.lower()
    if "ſ" in s or any(m in low for m in _DL_MONTHS):
        return _DATELINE.match(s)
    return _DATELINE_NO_DATE.match(s)

_POSITION_MARK = re.compile(r"\((?:\d(?:st|nd|rd|th)\s+)?(?:[LRC]|front|back|center|centre|left|right|top)\)")
# in round brackets or, as Reuters prints it, square ones: "[Handout/... via Reuters]"; matched
# (fullmatch) from the last opening bracket of a line that ends with the closing one, which
# is where a search for it at the end of the line would start
_CREDIT_SLASH = re.compile(
    r"\((?P<body>[^()/]{2,60}(?:/[^()/]{2,60}){1,2})\)|\[(?P<body2>[^\[\]/]{2,60}(?:/[^\[\]/]{2,60}){1,2})\]"
)
# Reuters and Xinhua end a caption with the credit after the last full stop, unbracketed:
# "... in Korva, March 5, 2024. REUTERS/Jane Roe".
_CREDIT_BARE_SLASH = re.compile(
    r"(?<=[.!?”\"])\s+(?P<body>[^\s/()\[\]][^/()\[\]]{1,40}/[^/()\[\]]{2,60}?)\s*$"
)
# AFP and many European outlets print the credit as a copyright: "... on Monday. © Jane Roe, AFP",
# "(© Jane Roe/AFP)"
_CREDIT_COPYRIGHT = re.compile(
    r"(?<=[.!?”\"])\s*(?P<open>[(\[]?)\s*©\s*(?P<body>[^©()\[\]]{2,60}?)\s*[)\]]?\s*$"
)
_CREDIT_LABEL = re.compile(
    r"^(?:(?:Photo|Picture|Image)s?(?:graph)?\s*(?:by\b|[:：])|(?:Photo(?:graph)?ed|Taken) by\b)?\s*©?\s*",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(r"\s*,\s*(?:file|pool|handout|archive)$", re.IGNORECASE)
# words that mark the organisation side of "(Agency/Person)", "(Person/Pool Photo via AP)"
_AGENCY_WORDS = re.compile(
    r"\b(?:photos?|pool|via|images?|handout|agency|news|press|wire|service|pictures|getty|file|archive|"
    r"office|ministry|government|presidency|courtesy|staff|"
    # the same words in the languages agencies credit in: "Agência Brasil", "Agence ...", "Prensa ..."
    r"ag[eê]ncia|agence|agenzia|agentur|ajans[iı]?|presse|prensa|imprensa|stampa|noticias|notícias|"
    r"nachrichten|novosti|foto|fotos|tv|televis[ãa]o|televisi[oó]n|r[aá]dio)\b",
    re.IGNORECASE,
)
_CREDIT_PHOTO = re.compile(
    r"\s*\(?\s*(?:Photo(?:graph)?s?(?: credit)?|Image|Picture|Pictures|Credit|Photo by|Photographed by)"
    r"\s*(?:[:：]|by\b|(?P<courtesy>courtesy(?:\s+of\b|\s*[:：])))\s*(?P<name>[^()]{2,60}?)\s*\)?\s*\.?\s*$",
    re.IGNORECASE,
)
_CREDIT_SUFFIX = re.compile(r"\s*\((?P<name>[^()]{2,40}?)\s+(?:Photo|photo|/\s*Photo)\)\s*$")
_CREDIT_PAREN = re.compile(r"(?<=[.!?”\"])\s*\((?P<name>[^()]{2,40})\)\s*$")
#: a caption label opening the line: "Photo: ...", "[Photo caption] ...", "PICTURE - ..."
_CAPTION_LABEL = re.compile(
    r"^[\[(]?\s*(?:Photo|Picture|Image|Caption)s?(?:\s+caption)?\s*(?:[:：\])]|\s[-–—]\s)", re.IGNORECASE
)
#: words of an office's name, besides _AGENCY_WORDS: "(Royal Court of Zembla)"
_OFFICE_WORDS = re.compile(
    r"\b(?:court|palace|council|secretariat|department|cabinet|bureau|embassy|parliament|assembly|"
    r"administration|directorate|commission|chancellery|house)\b",
    re.IGNORECASE,
)
#: ``photo|credit|image|picture`` (re.IGNORECASE), written to start with a class of the
#: letters it may start with (every case IGNORECASE allows) so that ``re`` skips ahead to
#: one; the plain form tried four case-folded branches at every character of a caption's
#: tail (tests/test_extract_speed.py)
_CREDIT_HINT = re.compile(r"[PpCcIiİı](?i:(?<=p)hoto|(?<=c)redit|(?<=i)mage|(?<=p)icture)")
_NOT_CREDIT = re.compile(
    r"^(?:end|lead|update|updated|corrected|recast|urgent|file|\d.*|.*\b(?:by|via)\b.*)$", re.IGNORECASE
)


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _count_words(s: str) -> int:
    """``len(_words(s))``, eight words at a time (see _EIGHT_WORDS)."""
    n = pos = 0
    m = _EIGHT_WORDS.match(s)
    while m is not None:
        n += 8
        pos = m.end()
        m = _EIGHT_WORDS.match(s, pos)
    return n + len(_WORD.findall(s, pos))


def _is_upper_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_LOWER = re.compile(r"[a-z]")


def _mostly_caps(s: str) -> bool:
    if s.isascii():  # counted by the regex engine: this runs on most lines of a page
        n = len(_ASCII_LETTER.findall(s))
        return n >= 3 and 1 - len(_ASCII_LOWER.findall(s)) / n > 0.85
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def _title_case(s: str) -> str:
    small = {"of", "and", "the", "for", "in", "on", "at", "a", "an", "de", "la", "du"}
    out = []
    for i, w in enumerate(s.split()):
        lw = w.lower()
        out.append(lw if i and lw in small else lw[:1].upper() + lw[1:])
    return " ".join(out)


# The patterns of clean_name(), compiled once: a module-level re call looks its pattern up on every call.
#: whitespace runs, folded to one space
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_name(name: str) -> str:
    name = _WHITESPACE_RUN.sub(" ", name).strip(" \t-–—|,;:.()[]")
    return name


# The patterns of _looks_like_name(), compiled once:
# a module-level re call looks its pattern up on every call.
#: a digit, "@" or "http": a date, an address or a link, not a name
_NOT_IN_A_NAME = re.compile(r"\d|@|http")


def _looks_like_name(s: str, *, allow_lower: bool = False) -> bool:
    ws = s.split()
    if not 1 <= len(ws) <= 6 or len(s) > 60:
        return False
    if _NOT_IN_A_NAME.search(s):
        return False
    if not allow_lower and not s[:1].isupper():
        return False
    if ws[0].lower() in {"the", "a", "an", "our", "this", "staff"}:
        return False
    return True


# --------------------------------------------------------------------------- line model


@dataclass
class _Line:
    text: str
    index: int
    kind: str = "text"  # text | blank | nav | meta | junk | caption | masthead | label
    caption_text: str | None = None  # the caption with its credit cut off
    dateline: re.Match[str] | None = None
    credit: bool = False  # an editor or reporting credit, which closes the article body
    _words_of: str | None = field(default=None, repr=False, compare=False)  #: the text _nwords counts
    _nwords: int = field(default=0, repr=False, compare=False)

    def word_count(self) -> int:
        """``len(_words(self.text))``, counted once per text: the classifier, the body
        finder and the headline rules all ask about the same long lines (a wrapped
        headline's text is joined later, which is counted afresh)."""
        if self._words_of is not self.text:
            self._nwords = _count_words(self.text)
            self._words_of = self.text
        return self._nwords


@dataclass
class _Meta:
    url: str | None = None
    title: str | None = None
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    credit_sources: list[tuple[int, str]] = field(default_factory=list)  # (priority, name)
    date_candidates: list[tuple[int, int, str]] = field(default_factory=list)  # (priority, line, iso)
    masthead: str | None = None
    copyright: str | None = None
    title_line: int | None = None
    fallback_source: str | None = None
    #: the outlet credited by its acronym, beside the article or above it: "... rice imports.
    #: (BNA)", a sign-off line "(BNA)(www.bnanews.example)", "BNA" under the full name;
    #: they stand for the outlet only when they spell its masthead name (_pick_source)
    outlet_credits: list[str] = field(default_factory=list)

    def add(self, values: list[str], value: str | None) -> None:
        if value and value not in values:
            values.append(value)


def _nav_segments(s: str) -> list[str]:
    return [p.strip() for p in _NAV_SPLIT.split(s) if p.strip()]


# The patterns of _is_nav(), compiled once: a module-level re call looks its pattern up on every call.
#: an arrow between segments, or one ending or opening the line: a breadcrumb trail
_NAV_ARROW = re.compile(r"\s[>›»→]\s|\s[>›»]$|^[>›»]")
#: " / " between segments: a menu of short links
_SPACED_SLASH = re.compile(r"\s/\s")


def _is_nav(s: str) -> bool:
    """Breadcrumbs and menus: several short segments joined by > › » / | · and no sentence."""
    if _SENT_END.search(s) and len(_words(s)) > 8:
        return False
    if _NAV_ARROW.search(s):
        segs = _nav_segments(s)
        return len(segs) >= 2 and all(len(_words(x)) <= 6 for x in segs)
    if _SPACED_SLASH.search(s):
        segs = [x.strip() for x in s.split(" / ")]
        return len(segs) >= 2 and all(1 <= len(_words(x)) <= 4 for x in segs)
    if "|" in s or "·" in s or "•" in s:
        segs = _nav_segments(s)
        if len(segs) < 2:
            return False
        sizes = [len(_words(x)) for x in segs]
        # a section menu may open with one long item ("Activities of the Head of State |
        # Politics | Economy | ..."): with four items or more the short ones outvote it
        long_items = sum(n > 4 for n in sizes)
        if (long_items == 0 or (long_items == 1 and len(segs) >= 4 and max(sizes) <= 8)) \
                and not stamps.find_dates(s):
            return True
    return False


# The patterns of _date_line_rest(), compiled once: a module-level re call looks its pattern up on every call.
#: a clock time: "14:05", "9.30 a.m."
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)
#: a time zone, with its offset: "GMT+8", "WIB", "EDT"
_TIME_ZONE = re.compile(
    r"\b(?:GMT|UTC|[A-Z]{2,4}T|WIB|TSİ|TSI|IST|KST|JST|CST|EST|EDT|PST|PDT|BST|CET|CEST|"
    r"MSK|HKT|SGT|PKT|GST)\b(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?")
_WEEKDAY_WORD = re.compile(rf"\b{stamps.WEEKDAY_RE}", re.I)


def _date_line_rest(s: str, found: list[stamps.FoundDate] | None = None) -> str:
    """What a line holds besides dates, times, weekdays and separators (``found``: the
    line's stamps.find_dates, when the caller has them)."""
    rest = s
    for f in reversed(stamps.find_dates(s) if found is None else found):
        rest = rest[: f.start] + " " + rest[f.end:]
    rest = _WEEKDAY_WORD.sub(" ", rest)
    rest = _CLOCK_TIME.sub(" ", rest)
    rest = _TIME_ZONE.sub(" ", rest)
    rest = _LABELLED_DATE.sub(" ", rest)
    return rest


_STAMP_WORDS = {"by", "at", "on", "in", "from", "and", "updated", "published", "posted", "last", "of",
                "the", "local", "time", "ago", "hours", "hour", "minutes", "min", "first", "date", "released"}
_SEGMENT_SPLIT = re.compile(r"\s*[|·•]\s*|\s{3,}")


def _is_date_line(s: str, found: list[stamps.FoundDate] | None = None) -> bool:
    """A stamp line: a date with at most a label, a time, a byline or a section beside it.

    The part sharing the date's segment must be short and carry no running words, so a
    headline that ends in a date ("PM meeting with X: 30 August 2018") stays a headline.
    ``found`` is the line's stamps.find_dates when the caller has them: the reader asks
    about the dates of one line several times, and finding them is most of the cost.
    """
    if found is None:
        found = stamps.find_dates(s)
    if not found or len(s) > 160:
        return False
    if len(_words(_date_line_rest(s, found))) > 12:
        return False
    for seg in _SEGMENT_SPLIT.split(s):
        seg_found = found if seg == s else stamps.find_dates(seg)
        if not seg_found:
            continue
        rest = _words(_date_line_rest(seg, seg_found))
        content = [w for w in rest if w.lower() not in _STAMP_WORDS]
        if len(rest) > 5 or any(w.islower() for w in content) or len(content) > 3:
            return False
    return True


# --------------------------------------------------------------------------- metadata from one line


# The patterns of _read_editor(), compiled once: a module-level re call looks its pattern up on every call.
#: "Editor's" (note, pick ...): a label, not a credit
_EDITORS_NOTE = re.compile(r"editor['’]s", re.I)
#: ", ", " & " or " and " between credited names (also in _classify)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*")


def _read_editor(s: str, meta: _Meta) -> bool:
    """Editor credits: "Editor: Kelly", "(Editor: Hu Nan)", "| Editor: Liu Jie", "Editing by X"."""
    found = False
    for m in _EDITOR.finditer(s):
        raw = s[m.start():m.end()]
        if _EDITORS_NOTE.search(raw):
            continue
        name = clean_name(m.group("name"))
        label = raw.lower()
        if "by" in label and (not _looks_like_name(name) or name.lower().startswith("the ")):
            continue
        if not name or not _looks_like_name(name, allow_lower=True):
            continue
        for part in _NAME_SEPARATOR.split(name):
            meta.add(meta.editors, clean_name(part))
        found = True
    return found


# The patterns of _read_byline(), compiled once: a module-level re call looks its pattern up on every call.
#: ", ", " & ", "; " or " and " between the names of a byline
_BYLINE_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|;|\band\b)\s*")
#: " in Kabul", ", staff writer": where a byline's name ends
_BYLINE_NAME_END = re.compile(
    r"\s+(?:in|at|for)\s+[A-Z]|,\s*(?:[A-Z][a-z]+ )?(?:correspondent|reporter|writer|staff)"
)
#: "By ..." opening the line: a sentence when the line runs long
_BY_START = re.compile(r"^by\b", re.I)
#: an upper-case name, then a capitalised word: "CARLOS MENDOZA Associated Press"
_CAPS_NAME_THEN_MORE = re.compile(r"^((?:[A-Z][A-Z'’.-]+\s+){1,3}[A-Z][A-Z'’.-]+)\s+[A-Z][a-z]")


def _read_byline(s: str, meta: _Meta) -> bool:
    if _STAFF_BYLINE.match(s.strip()):
        meta.add(meta.bylines, s.strip())
        return True
    m = _REPORTER.match(s)
    if not m:
        return False
    name = m.group("name").split(";")[0]  # "Reporting by A; Editing by B": B is the editor
    name = _BYLINE_NAME_END.split(name)[0]
    name = clean_name(name)
    if not name or not (_looks_like_name(name) or _mostly_caps(name)):
        return False
    if _BY_START.match(s.strip()) and len(_words(s)) > 14:
        return False
    for part in _BYLINE_NAME_SEPARATOR.split(name):
        part = clean_name(part)
        if part:
            caps = _CAPS_NAME_THEN_MORE.match(part)
            if caps:  # "CARLOS MENDOZA Associated Press": the name, then the employer
                part = caps.group(1)
            meta.add(meta.bylines, _title_case(part) if _mostly_caps(part) else part)
    return True


def _read_dates(s: str, line_no: int, meta: _Meta, found: list[stamps.FoundDate] | None = None) -> bool:
    """Publication-date candidates in one line; True when the line is a stamp, not text.
    (``found``: the line's stamps.find_dates, when the caller has them.)"""
    if found is None:
        found = stamps.find_dates(s)
    if not _is_date_line(s, found):
        return False
    labels = list(_LABELLED_DATE.finditer(s))
    for f in found:
        label = None
        for lm in labels:
            if lm.end() <= f.start and not s[lm.end():f.start].strip(" :：\t"):
                label = lm.group("label")
        if label is None:
            # label separated by a weekday or words, e.g. "Published on Friday, 15 ..."
            before = [lm for lm in labels if lm.end() <= f.start]
            if before and len(_words(s[before[-1].end():f.start])) <= 2:
                label = before[-1].group("label")
        if label and _UPDATE_LABEL.search(label):
            prio = 3
        elif label:
            prio = 0
        else:
            prio = 1
        meta.date_candidates.append((prio, line_no, f.iso))
    return True


# The patterns of _read_source(), compiled once: a module-level re call looks its pattern up on every call.
#: two spaces or more: the end of a "Source:" value
_WIDE_GAP = re.compile(r"\s{2,}")
#: a link, not a source name
_URL_START = re.compile(r"^https?:")


def _read_source(s: str, meta: _Meta, dates: list[stamps.FoundDate] | None = None) -> bool:
    """A "Source:" field, or an agency credited after a date; ``dates``: the line's
    stamps.find_dates, when the caller has them."""
    found = False
    for m in _SOURCE_FIELD.finditer(s):
        src = clean_name(m.group("src"))
        src = clean_name(_WIDE_GAP.split(src)[0])
        if src and len(_words(src)) <= 10 and not _URL_START.match(src):
            meta.credit_sources.append((0, src))
            found = True
    if stamps.find_dates(s) if dates is None else dates:
        m2 = _BY_AGENCY.search(s)
        if m2:
            meta.credit_sources.append((0, m2.group("src")))
            found = True
    return found


# --------------------------------------------------------------------------- captions


def _is_person_credit(part: str) -> bool:
    ws = part.split()
    return (2 <= len(ws) <= 4 and _looks_like_name(part) and not _AGENCY_WORDS.search(part)
            and not _mostly_caps(part) and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in ws))


_POOL_WORDS = re.compile(r"\s*\b(?:pool|photos?|images?|handout|file)\b\s*", re.IGNORECASE)
_NAME_PARTICLES = {
    "de", "da", "di", "del", "der", "van", "von", "la", "le", "al", "el", "bin", "ibn", "dos", "du",
}


def _split_slash_credit(body: str, *, person_needed: bool = False) -> tuple[str, str | None] | None:
    """(photographer, agency) of a slash credit, whichever order the outlet uses.

    Wires put the agency first ("Xinhua/Li Wei", "AP Photo/Jane Roe"); pool and
    agency-via credits put the person first ("Jane Roe/Pool Photo via AP", "Photo by
    Jane Roe / AFP").  The photographer is the person credited when one is named;
    otherwise the last part stands, as in "(Photo: VNA)".
    """
    parts = [clean_name(_CREDIT_TAIL.sub("", _CREDIT_LABEL.sub("", p.strip()))) for p in body.split("/")]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    person_at = [i for i, p in enumerate(parts) if _is_person_credit(p)]
    if person_needed and not 0 < len(person_at) < len(parts):
        return None  # an unbracketed credit needs a person and an agency to be told from text
    if person_at:
        at = person_at[0] if len(person_at) < len(parts) else person_at[-1]
    else:
        # no person: the office that took the picture, not a "Handout" or "Pool" tag,
        # and not the agency that passed it on ("Presidential Office via Reuters")
        named = [i for i, p in enumerate(parts) if _POOL_WORDS.sub("", p).strip()]
        at = named[-1] if named else len(parts) - 1
        if not _looks_like_name(parts[at], allow_lower=True):
            return None
        office, via, distributor = parts[at].partition(" via ")
        if via and office.strip() and distributor.strip() and len(named) < len(parts):
            return clean_name(office), clean_name(distributor)
    name = parts[at]
    others = [p for i, p in enumerate(parts) if i != at]
    agency_raw = next((p for i, p in enumerate(parts) if i != at and i not in person_at), None) or others[0]
    # "AFP via Getty Images": the agency before "via"; "Pool Photo via AP": the one after it
    before, _, after = agency_raw.partition(" via ")
    agency = _POOL_WORDS.sub(" ", before).strip() or _POOL_WORDS.sub(" ", after).strip() or agency_raw
    agency = clean_name(agency)
    return name, agency or None


# The patterns of _caption_credit(), compiled once: a module-level re call looks its pattern up on every call.
#: "the " opening an office's name: "courtesy of the Ministry of Culture"
_LEADING_THE = re.compile(r"^the\s+(?=[A-Z])", re.IGNORECASE)
#: a year or a number: a "Photo:" credit that is not a name
_FOUR_DIGITS = re.compile(r"\d{4}")
#: "poses", "shake", "pictured" ...: the paragraph describes a photo
_POSE_WORD = re.compile(r"\b(?:pose|poses|posing|shake|shakes|photo|"
    r"pictured|seen|raise|raises|wave|waves)\b")


def _caption_credit(s: str) -> tuple[str, str | None, str | None] | None:
    """(caption without credit, photographer, agency) when the paragraph ends with a photo credit."""
    # credits sit at the end: look only at the tail, and only when it could hold one
    start = max(0, len(s) - 160)
    closed = s.rstrip().endswith((")", "]"))
    if s.find("/", start) >= 0 and not closed:
        m = _CREDIT_BARE_SLASH.search(s, start)
        if m and len(_words(s[: m.start()])) >= 6:
            got = _split_slash_credit(m.group("body"), person_needed=True)
            if got is not None:
                return s[: m.start()].rstrip(), got[0], got[1]
    copyright_at = s.find("©", start)
    if copyright_at >= 0:
        m = _CREDIT_COPYRIGHT.search(s, copyright_at - 2 if copyright_at >= 2 else 0)
        if m and len(_words(s[: m.start()])) >= 6:
            got = _copyright_credit(m.group("body"))
            if got is not None:
                return s[: m.start()].rstrip(), got[0], got[1]
    if not (closed or _CREDIT_HINT.search(s, start)):
        return None
    if closed:
        t = s.rstrip()
        opening = t.rfind("(" if t.endswith(")") else "[", start)
        m = _CREDIT_SLASH.fullmatch(t, opening) if opening >= 0 else None
        if m and len(_words(s[:opening])) >= 4:
            got = _split_slash_credit(m.group("body") or m.group("body2"))
            if got is not None:
                return s[:opening].rstrip(), got[0], got[1]
    m = _CREDIT_PHOTO.search(s, start)
    if m:
        name = clean_name(m.group("name"))
        if "/" in name:  # "Image: Jane Roe/REUTERS": the person, then the agency
            got = _split_slash_credit(name)
            if got is not None:
                return s[: m.start()].rstrip(), got[0], got[1]
        name = clean_name(name.lstrip("© "))
        if m.group("courtesy"):
            # "Photo courtesy of PCO": an agency, office or person, not "the family"
            name = _LEADING_THE.sub("", name)
            if not _looks_like_name(name):
                name = ""
        if name and len(_words(name)) <= 6 and not _FOUR_DIGITS.search(name):
            return s[: m.start()].rstrip(), name, None
    m = _CREDIT_SUFFIX.search(s, start)
    if m and len(_words(s[: m.start()])) >= 4:
        return s[: m.start()].rstrip(), clean_name(m.group("name")), None
    m = _CREDIT_PAREN.search(s, start)
    if m and len(_words(s[: m.start()])) >= 6:
        name = clean_name(m.group("name"))
        if (not _NOT_CREDIT.match(name) and _looks_like_name(name)
                and all(w[:1].isupper() or w.lower() in {"of", "and", "the", "de"} for w in name.split())
                and (_POSITION_MARK.search(s) or _POSE_WORD.search(s) or _labelled_caption_credit(s, name))):
            return s[: m.start()].rstrip(), name, None
    return None


def _labelled_caption_credit(s: str, name: str) -> bool:
    """A caption that says it is one ("Photo: ...", "[Photo caption] ...") and closes on an
    agency or office in brackets: "... on March 11, 2025. (BNA)", "... (Royal Court of
    Zembla)".  A body paragraph closing on "(UN)" has no label; a bracketed place or
    person's name after a labelled caption is no agency or office."""
    if not _CAPTION_LABEL.match(s):
        return False
    if _mostly_caps(name):
        return len(name.split()) <= 3
    return len(name.split()) >= 2 and bool(_AGENCY_WORDS.search(name) or _OFFICE_WORDS.search(name))


def _copyright_credit(body: str) -> tuple[str, str | None] | None:
    """(photographer, agency) of a "© Jane Roe, AFP" or "© Jane Roe/AFP" credit.

    A site's own copyright line ("© 2024 The Harbour Times") names no person, carries a
    year, or runs to a sentence; a photo credit names a person, an agency or both.
    """
    if _FOUR_DIGITS.search(body) or len(_words(body)) > 12:
        return None
    if "/" in body:
        return _split_slash_credit(body) if len(_words(body)) <= 8 else None
    if " – " in body or " - " in body or " — " in body:
        # "© Office of the President of Zembla – Mira Tallen": the office, then who took it
        got = _dash_credit(body)
        if got is not None:
            return got
    if len(_words(body)) > 8:
        return None
    parts = [clean_name(p) for p in body.split(",")]
    parts = [p for p in parts if p]
    if len(parts) == 2:
        return _split_slash_credit("/".join(parts))
    if len(parts) == 1:
        one = parts[0]
        if _is_person_credit(one) or (_mostly_caps(one) and len(_words(one)) <= 3):  # "© Jane Roe", "© AFP"
            return one, None
    return None


#: a spaced dash between the parts of a copyright credit
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")


def _dash_credit(body: str) -> tuple[str, str | None] | None:
    """(person, office) of "Office of the President – Mira Tallen" (either order).

    One part must be a person's name and the other an office or agency, so a site's
    "© Harbour Times – All rights reserved" credits no one.
    """
    parts = [clean_name(p) for p in _SPACED_DASH.split(body)]
    if len(parts) != 2 or not all(parts):
        return None
    for person, org in (parts, parts[::-1]):
        if (_is_person_credit(person) and person.split()[-1].lower() not in _OUTLET_LAST_WORD
                and not _is_person_credit(org) and _looks_like_name(org, allow_lower=True)
                and (_AGENCY_WORDS.search(org) or _OFFICE_WORDS.search(org) or _mostly_caps(org))):
            return person, org
    return None


# --------------------------------------------------------------------------- the text reader


@dataclass
class _Block:
    kind: str  # title | text | caption | body
    text: str


# The patterns of _classify()'s rules, in the order the rules apply them (compiled once: a
# module-level re call looks its pattern up on every call); _NAME_SEPARATOR is _read_editor()'s.
#: ``©|\(c\)|copyright`` (re.I) starting with what a match can start with, as _CONSENT_HINT
_COPYRIGHT_HINT = re.compile(r"[©(cC](?:(?<=©)|(?<=\()(?i:c)\)|(?<=[cC])(?i:opyright))")
#: a year and all after it, cut from a copyright holder's name
_YEAR_AND_REST = re.compile(r"\s*\b(?:19|20)\d{2}\b.*$")
#: "| Editor:" or "(Editor:" inside a line, not at its start
_EDITOR_LABEL_INSIDE = re.compile(r"[|(]\s*Editor\s*:", re.I)
#: "(Reporting by", "Compiled by" ... opening the line: a credit that closes the article
_REPORTING_CREDIT_START = re.compile(
    r"^\(?(?:Reporting|Writing|Additional reporting|Compiled|Translated)\s+by\b", re.I
)
#: the names after "Reporting by" or "Writing by", up to ";" or ")"
_REPORTING_BY_NAMES = re.compile(r"(?:Reporting|Writing)\s+by\s+(?P<n>[^;)]+)", re.I)
#: " in <Place>" after a reporter's name: "Jane Roe in Kabul"
_IN_PLACE = re.compile(r"\s+in\s+[A-Z]")
#: "... contributed to this report." ending the line: a credit
_CONTRIBUTED_TO_REPORT = re.compile(r"\bcontributed(?: to)?(?: this| the)? (?:report|story|article)"
    r"(?:ing)?\.?$", re.I)


def _classify(lines: list[str], meta: _Meta, *, header_url: bool = True) -> list[_Line]:
    out: list[_Line] = []
    in_list = False
    only_blanks_before = True  #: every line before this one is blank (kinds are final once read)
    text_seen = False  #: a line of running text (20 words or more) came before this one
    for i, raw in enumerate(lines):
        s = raw.strip()
        line = _Line(s, i)
        out.append(line)
        if not s:
            line.kind = "blank"
            continue
        nw = line.word_count()  # counted once: long body lines are the common case
        before_blank = only_blanks_before
        only_blanks_before = False  # this line is not blank, whatever kind it gets
        if header_url and i == 0 or before_blank:
            m = _URL_LINE.match(s)
            if m:
                meta.url = m.group(1)
                line.kind = "meta"
                continue
        if nw <= 12 and "://" in s:
            m = _LABELLED_URL_LINE.match(s)
            if m:
                meta.url = meta.url or m.group(1)
                line.kind = "meta"
                continue
        if in_list:
            if _BULLET.match(s) or (nw <= 14 and not _SENT_END.search(s)):
                line.kind = "junk"
                continue
            in_list = False
        if _LIST_HEAD.match(s):
            line.kind = "junk"
            in_list = True
            continue
        copy = _COPYRIGHT.search(s) if _COPYRIGHT_HINT.search(s) else None
        if copy and nw <= 14:
            photo = _copyright_credit(s.strip("()[] ")[1:]) if s.lstrip("([ ").startswith("©") else None
            if photo is not None and _is_person_credit(photo[0]) \
                    and photo[0].split()[-1].lower() not in _OUTLET_LAST_WORD:
                # "© Jane Roe, AFP" on its own line under a photo: a credit, not the site's copyright
                meta.add(meta.photographers, photo[0])
                if photo[1]:
                    meta.credit_sources.append((3, photo[1]))
                line.kind = "meta"
                continue
            name = clean_name(copy.group("name"))
            name = _YEAR_AND_REST.sub("", name).strip()
            if name and len(_words(name)) <= 6 and not name.lower().startswith("all rights"):
                meta.copyright = meta.copyright or name
            line.kind = "junk"
            continue
        m_np = _IS_A_NEWSPAPER.match(s)
        if m_np and nw <= 40:
            meta.copyright = meta.copyright or m_np.group("name")
        if len(s) < 200 and _JUNK_LINE.match(s):
            line.kind = "junk"
            continue
        if nw <= 90 and _CONSENT_HINT.search(s) and _is_consent_banner(s):
            line.kind = "junk"
            continue
        if not text_seen and nw <= 30 and _CRAWL_BANNER.match(s) \
                and _is_crawl_banner(s, stamps.find_dates(s)):
            line.kind = "junk"
            continue
        text_seen = text_seen or nw >= 20
        if _EDITOR_START.match(s) or (nw <= 16 and _EDITOR_LABEL_INSIDE.search(s)):
            if _read_editor(s, meta):
                dates = stamps.find_dates(s)
                _read_source(s, meta, dates)
                line.credit = not _read_dates(s, i, meta, dates)
                line.kind = "meta"
                continue
        is_short = nw <= 18 and not (_SENT_END.search(s) and nw > 8)
        if is_short:
            dates = stamps.find_dates(s)
            got_source = _read_source(s, meta, dates)
            got_date = _read_dates(s, i, meta, dates)
            got_editor = _read_editor(s, meta) if _EDIT_WORD.search(s) else False
            got_byline = _read_byline(s, meta) if not got_source else False
            if not got_byline and got_date and "|" in s:
                first = _nav_segments(s)[0]
                if (not stamps.find_dates(first) and _looks_like_name(first) and 2 <= len(first.split()) <= 4
                        and first.lower() not in _SECTION_WORDS
                        and all(w[:1].isupper() for w in first.split())):
                    meta.add(meta.bylines, first)
            if got_source or got_date or got_editor or got_byline:
                line.kind = "meta"
                line.credit = got_editor and not got_date and not got_source
                continue
            if _is_nav(s):
                line.kind = "nav"
                continue
            # a short bulleted line is a related-link item, unless it ends as part of the
            # body's own prose does: a list's lead-in ("... were exchanged:") or an item
            # of a numbered list of documents ("i. Memorandum on ...;")
            if _BULLET.match(s) and nw <= 14 and not _SENT_END.search(s) and not s.endswith((":", ";")):
                line.kind = "junk"
                continue
        if _REPORTING_CREDIT_START.match(s):
            _read_editor(s, meta)
            m = _REPORTING_BY_NAMES.search(s)
            if m:
                for part in _NAME_SEPARATOR.split(m.group("n")):
                    part = clean_name(_IN_PLACE.split(part)[0])
                    if _looks_like_name(part):
                        meta.add(meta.bylines, part)
            line.kind = "meta"
            line.credit = True
            continue
        if nw <= 30 and _CONTRIBUTED_TO_REPORT.search(s):
            line.kind = "meta"
            line.credit = True
            continue
        cap = _caption_credit(s)
        if cap is not None:
            caption, photographer, agency = cap
            # a credit on a line of its own ("Image: Jane Roe/REUTERS") leaves the text
            line.kind = "caption" if caption else "meta"
            line.caption_text = caption
            if photographer:
                meta.add(meta.photographers, photographer)
            if agency:
                meta.credit_sources.append((3, agency))
            continue
        dl = _dateline_match(s) if _may_open_dateline(s) else None
        if dl and _good_dateline(dl, s):
            line.dateline = dl
    return out


#: Words that start a sentence, never a dateline's place.
_NOT_A_PLACE = frozenset({
    "the", "a", "an", "on", "in", "at", "after", "before", "when", "while", "as", "for", "with", "from", "by",
    "but", "and", "if", "this", "that", "it", "he", "she", "they", "we", "i", "mr", "mrs", "ms", "dr",
    "president", "prime",
})
_FIRST_PLACE_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


def _may_open_dateline(s: str) -> bool:
    """False for a line no dateline _good_dateline accepts can open, so the costly _DATELINE
    match (it backtracks through every split of a body line's first words) is skipped.

    The place starts the line and every word of it is capitalised; its first word is the
    line's first word, or a part of it followed by a date ("Bonn12 May"), and no word in
    _NOT_A_PLACE ends in something a date can start with (tests/test_extract_speed.py).
    """
    if not s[:1].isupper():
        return False
    w = _FIRST_PLACE_WORD.match(s)
    return not (w and w.group(0).isalpha() and w.group(0).lower() in _NOT_A_PLACE)


def _good_dateline(m: re.Match[str], s: str) -> bool:
    place = m.group("place")
    words = place.replace(",", " ").split()
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if words[0].lower() in _NOT_A_PLACE:
        return False
    rest = s[m.end():]
    if len(_words(rest)) < 4:
        return False
    agency = m.group("agency") or m.group("agency2") or m.group("agency3")
    if m.group("agency3"):
        a3 = m.group("agency3")
        if sum(c.isupper() for c in a3) < 2 or _mostly_caps(place):
            # "Tehran, IRNA -" yes; "NEW YORK, N.Y. -" no
            if not _mostly_caps(place) or sum(c.isupper() for c in a3) < 2:
                return False
    if agency and m.group("agency") and not _looks_like_agency(m.group("agency")):
        return False
    if m.group("nodash") is not None and not all(w[:1].isupper() for w in m.group("agency").split()):
        return False  # "Tarvik, May 5 (local time) Officials ...": an aside, not an agency
    dash = m.group("dash") or ""
    if ":" in dash and not _mostly_caps(place):
        return False
    if "." in dash and not m.group("agency2") and not m.group("date"):
        return False
    return bool(agency or m.group("date") or _mostly_caps(place))


# The patterns of _looks_like_agency(), compiled once:
# a module-level re call looks its pattern up on every call.
#: a digit or a sentence word in the parentheses: an aside, not an agency
_NOT_IN_AN_AGENCY = re.compile(r"\d|\b(?:said|says|the|who|which|is|was)\b")


def _looks_like_agency(a: str) -> bool:
    a = a.strip()
    if _NOT_IN_AN_AGENCY.search(a):
        return False
    return 1 <= len(a.split()) <= 5


def _long_headline(content: list[_Line], at: int, classified: list[_Line]) -> bool:
    """The line at ``at``, counted as body for its length, is a long headline.

    Some wires print headlines of 20 to 40 words ("President receives ..., who
    conveyed ... and discussed ..."). A headline has no closing full stop and no
    dateline, and a stamp, byline or a body paragraph follows it; a first paragraph
    ends in a full stop.
    """
    if at + 1 >= len(content):
        return False
    ln = content[at]
    if ln.kind != "text" or ln.dateline is not None or ln.word_count() > 45 or _SENT_END.search(ln.text):
        return False
    if ln.text[:1] in "\"“'‘(" or ln.text.endswith((",", ";", ":")):
        return False
    nxt = _next_nonblank(classified, ln)
    if nxt is None:
        return False
    after = content[at + 1]
    return (nxt.kind == "meta" or nxt is after) and after.kind == "text" and _is_body(after)


def _is_body(line: _Line) -> bool:
    s = line.text
    n = line.word_count()
    if line.dateline is not None:
        return True
    return n >= 20 or (n >= 8 and bool(_SENT_END.search(s)) and s[:1].isupper() or s[:1] in "\"“'")


def read_text(text: str, *, url: str | None = None, input_format: str = "text",
              title: str | None = None, fallback_source: str | None = None,
              credit_sources: list[tuple[int, str]] | None = None) -> Document:
    """Read a scraped text page (or the main text of an HTML page) into a Document.

    ``title`` is a headline known from elsewhere (a JSON field, HTML metadata): it opens
    the text and the page's own copy of it is dropped.  ``fallback_source`` is a
    publisher named by metadata, ranked below an agency credited in the text and above a
    masthead guessed from the page's shape.  ``credit_sources`` are (rank, name) credits
    found outside the text (an HTML page's "From:" field: 0, a JSON-LD author
    organisation: 2), ranked with the text's own: a "Source:" line 0, a dateline agency 1.
    """
    meta = _Meta(url=url, fallback_source=fallback_source)
    meta.credit_sources.extend(credit_sources or ())
    lines = text.split("\n")
    classified = _classify(lines, meta)
    content = [ln for ln in classified if ln.kind in ("text", "caption")]
    if title is not None:
        key = _norm_title(title)
        content = [ln for ln in content if _norm_title(ln.text) != key]
    body_start = next((k for k, ln in enumerate(content) if ln.kind == "text" and _is_body(ln)), len(content))
    # an editing or reporting credit after the body closes it: what follows is site footer
    if body_start < len(content):
        first_body_line = content[body_start].index
        closing = next((ln.index for ln in classified if ln.credit and ln.index > first_body_line), None)
        if closing is not None:
            content = [ln for ln in content if ln.index < closing or ln.kind == "caption"]
    # the last body paragraph: what follows it is footer unless it is a caption
    body_end = body_start
    for k in range(body_start, len(content)):
        ln = content[k]
        sentence_like = bool(_SENT_END.search(ln.text)) or ln.word_count() >= 20
        if ln.kind == "caption" or (ln.kind == "text" and sentence_like):
            body_end = k + 1
    pre = content[:body_start]
    body_first = content[body_start].text if body_start < len(content) else ""
    headline_idx, masthead_idx = _choose_headline(pre, classified, meta.url, body_first)
    if title is None and (headline_idx is None or _names_an_outlet(pre[headline_idx].text)) \
            and _long_headline(content, body_start, classified):
        # the first "paragraph" is a wire headline too long to look like one; the outlet's
        # name above it is furniture
        if headline_idx is not None:
            pre[headline_idx].kind = "label"
            if masthead_idx is None:
                masthead_idx = headline_idx
        body_start += 1
        pre = content[:body_start]
        headline_idx = body_start - 1
    if title is not None:
        headline_idx = None
    elif headline_idx is not None:
        meta.title_line = pre[headline_idx].index
    if masthead_idx is not None:
        meta.masthead = _masthead_name(content[masthead_idx].text) or None
    else:
        head_line = pre[headline_idx].index if headline_idx is not None else None
        meta.masthead = _nav_masthead(classified, head_line)
    _outlet_credits(classified, pre, content[body_start:body_end], headline_idx, meta)
    # build the document text
    blocks: list[_Block] = []
    if title:
        blocks.append(_Block("title", title))
    for k, ln in enumerate(content):
        if ln.kind in ("masthead", "label"):
            continue
        if k >= body_end and ln.kind != "caption":
            continue
        if k == headline_idx:
            blocks.append(_Block("title", ln.text))
        elif ln.kind == "caption":
            blocks.append(_Block("caption", ln.caption_text or ln.text))
        elif k >= body_start:
            blocks.append(_Block("body", ln.text))
        else:
            blocks.append(_Block("text", ln.text))
    doc = _assemble(blocks, meta, input_format)
    # dateline: the first body paragraph that opens with one
    for ln in content[body_start:body_end]:
        if ln.dateline is not None:
            _apply_dateline(doc, ln.dateline, meta)
            break
    else:
        # a lone capitalised place just before the body ("ISTANBUL")
        # a capitalised place alone on the line just above the body ("ISTANBUL")
        last = pre[-1] if pre else None
        if (last is not None and last.kind in ("text", "label") and _mostly_caps(last.text)
                and last.word_count() <= 3 and not _SENT_END.search(last.text)
                and last.text.lower() not in _SECTION_WORDS):
            doc.dateline_place = last.text
    _finish_metadata(doc, meta)
    return doc


# --------------------------------------------------------------------------- the outlet's acronym

#: an acronym in brackets closing a body paragraph: "... rice imports. (BNA)"
_TRAILING_ACRONYM = re.compile(r"(?<=[.!?”\"’])\s*\((?P<a>[A-Z][A-Z.&]{1,9})\)$")
#: a sign-off line: the acronym in brackets, perhaps with the outlet's address
_SIGN_OFF = re.compile(
    r"^\((?P<a>[A-Z][A-Z.&]{1,9})\)\s*(?:[(\[]?\s*(?:https?://|www\.)[^\s()\[\]]+\s*[)\]]?)?$"
)
#: a bare acronym on a line of its own above the headline ("BNA" under "Borealis News Agency")
_BARE_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,9}$")


def _outlet_credits(classified: list[_Line], pre: list[_Line], body: list[_Line], headline_idx: int | None,
                    meta: _Meta) -> None:
    """Acronyms that may credit the outlet: above the headline on a line of their own,
    closing the last body paragraph, or on a sign-off line below it.  Whether one stands
    for the outlet is _pick_source's question (it must spell the masthead's name)."""
    stop = headline_idx if headline_idx is not None else len(pre)
    for ln in pre[:stop]:
        if len(ln.text) <= 10 and _BARE_ACRONYM.match(ln.text):
            meta.outlet_credits.append(ln.text)
    last = next((ln for ln in reversed(body) if ln.kind == "text"), None)
    if last is None:
        return
    if last.text.endswith(")"):
        m = _TRAILING_ACRONYM.search(last.text)
        if m:
            meta.outlet_credits.append(m.group("a"))
    for ln in classified[last.index + 1:]:  # the sign-off, below the last paragraph
        if ln.text.startswith("(") and len(ln.text) <= 80:
            m = _SIGN_OFF.match(ln.text)
            if m:
                meta.outlet_credits.append(m.group("a"))


#: words an acronym leaves out, or may: "Office of the President" gives "OP" (or "OOTP")
_ACRONYM_GLUE = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "el", "al", "on",
                           "in", "at", "a", "an", "to"})
_ACRONYM_WORD_SPLIT = re.compile(r"[\s\-–—/]+")


def _is_acronym_of(acronym: str, name: str) -> bool:
    """``acronym`` spells ``name``: a short prefix of each significant word in turn.

    "BNA" spells "Borealis News Agency", "KUNA" "Kuwait News Agency", "AFP" "Agence
    France-Presse"; glue words ("of", "the") may give a letter or none.  An acronym
    of another outlet does not, so a wire credited on a newspaper's page stays apart.
    """
    letters = acronym.replace(".", "")
    if not 2 <= len(letters) <= 8 or not letters.isalpha() or not letters.isupper():
        return False
    words = [w.strip("()[],.'’\"") for w in _ACRONYM_WORD_SPLIT.split(name)]
    words = [w for w in words if w]
    if letters in words:
        return True  # "Borealis News Agency (BNA)"
    parts = [(_fold(w), w.lower() in _ACRONYM_GLUE) for w in words]
    if sum(1 for _, glue in parts if not glue) < 2 or len(parts) > 10:
        return False
    return _spells(_fold(letters), parts)


def _spells(acr: str, parts: list[tuple[str, bool]]) -> bool:
    if not parts:
        return not acr
    word, glue = parts[0]
    if glue and _spells(acr, parts[1:]):
        return True
    for n in range(1, min(3, len(word), len(acr)) + 1):
        if word[:n] != acr[:n]:
            break
        if _spells(acr[n:], parts[1:]):
            return True
    return False


# --------------------------------------------------------------------------- headline and masthead

_SHARE_WORDS = {
    "share", "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "email", "e-mail", "mail",
    "print", "reddit", "pinterest", "weibo", "wechat", "line", "vk", "messenger", "copy link", "copy", "link",
    "tweet", "flipboard", "threads", "bluesky", "sms", "comment", "comments", "save", "gift article",
    "listen",
}
_HEADLINE_RUNS_ON = re.compile(
    r"(?:[,:;–—-]|\b(?:and|or|as|of|in|on|at|to|for|with|from|by|after|before|over|amid|the|a|an|its|their|"
    r"his|her|says?|vs\.?))$",
    re.IGNORECASE,
)
_SLUG_SPLIT = re.compile(r"[/?=&#]")
_SLUG_WORD = re.compile(r"[^\W\d_]{3,}")
_SLUG_STOP = {
    "the", "and", "for", "with", "from", "news", "html", "htm", "php", "aspx", "shtml", "www", "http",
    "https", "article", "articles", "story", "stories", "index", "amp", "content", "detail", "dtl", "eng",
    "english",
}


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))


def _slug_words(url: str | None) -> frozenset[str]:
    """Content words of the URL's slug: the path segment that spells out the most words.

    Content systems derive the slug from the headline, so a line sharing several of its
    words is the headline and a masthead or tagline sharing none is not.  The slug is
    only evidence for choosing between page lines; it is never used as the title.
    """
    if not url or "://" not in url:
        return frozenset()
    rest = url.split("://", 1)[1]
    segs = _SLUG_SPLIT.split(rest.split("/", 1)[1] if "/" in rest else "")
    best: list[str] = []
    for seg in segs:
        words = [w for w in _SLUG_WORD.findall(_fold(seg)) if w not in _SLUG_STOP]
        if len(words) > len(best):
            best = words
    return frozenset(best) if len(best) >= 2 else frozenset()


def _slug_overlap(s: str, slug: frozenset[str]) -> int:
    if not slug:
        return 0
    return len({w for w in _SLUG_WORD.findall(_fold(s)) if w in slug})


def _next_nonblank(classified: list[_Line], ln: _Line) -> _Line | None:
    for nxt in classified[ln.index + 1: ln.index + 8]:
        if nxt.kind != "blank":
            return nxt
    return None


def _anchored(ln: _Line, classified: list[_Line]) -> bool:
    """A line with a date stamp, byline or credit right below it, or the dateline paragraph.

    That is where pages put the headline; a masthead or tagline has the menu below it.
    """
    nxt = _next_nonblank(classified, ln)
    if nxt is None:
        return False
    return (nxt.kind == "meta" and not _URL_LINE.match(nxt.text)) or nxt.dateline is not None


def _is_site_menu(ln: _Line) -> bool:
    """A menu or breadcrumb trail (not a row of share buttons)."""
    if ln.kind != "nav":
        return False
    segs = [x.lower() for x in _nav_segments(ln.text)]
    return sum(x in _SHARE_WORDS for x in segs) * 2 < len(segs)


def _masthead_shaped(s: str) -> bool:
    n = len(_words(s))
    return 1 <= n <= 14 and not _SENT_END.search(s) and not s.endswith(":")


def _is_label_text(s: str) -> bool:
    return s.lower().strip(" :") in _SECTION_WORDS or (_mostly_caps(s) and len(_words(s)) <= 3)


def _menu_block(pre: list[_Line], candidates: list[int], classified: list[_Line], url: str | None) -> int:
    """How many leading candidate lines sit above the site menu: masthead and tagline.

    Outlets stack their name, a second name ("Government of ...", the agency's full name)
    or a tagline above the menu or breadcrumb trail, and print the headline below it.
    The block counts only when the line below the menu is confirmed as the headline: a
    date stamp, byline or the first body paragraph right under it (or under the
    standfirst that follows it), or the URL slug repeating it.
    """
    if len(candidates) < 2:
        return 0
    first, last = pre[candidates[0]].index, pre[candidates[-1]].index
    menu = next((ln.index for ln in classified[first + 1: last] if _is_site_menu(ln)), None)
    if menu is None:
        return 0
    n = sum(1 for k in candidates if pre[k].index < menu)
    if not 1 <= n <= 3:
        return 0
    if any(not _masthead_shaped(pre[k].text) or _anchored(pre[k], classified) for k in candidates[:n]):
        return 0
    head = next((k for k in candidates[n:] if not _is_label_text(pre[k].text)), None)
    if head is None:
        return 0
    h = pre[head]
    if _stands_above_body(h, classified) or _slug_overlap(h.text, _slug_words(url)) >= 2:
        return n
    # a standfirst between the headline and its stamp: "Headline / Standfirst / By X, date"
    nxt = _next_nonblank(classified, h)
    if nxt is not None and nxt.kind == "text" and nxt.word_count() > h.word_count() \
            and _stands_above_body(nxt, classified):
        return n
    return 0


def _stands_above_body(ln: _Line, classified: list[_Line]) -> bool:
    """A stamp, byline or the first body paragraph right below the line."""
    if _anchored(ln, classified):
        return True
    nxt = _next_nonblank(classified, ln)
    return nxt is not None and nxt.kind == "text" and _is_body(nxt)


def _choose_headline(pre: list[_Line], classified: list[_Line], url: str | None,
                     body_first: str) -> tuple[int | None, int | None]:
    """(headline, masthead) positions in ``pre``; other lines above the body become labels."""
    headline_idx: int | None = None
    masthead_idx: int | None = None
    candidates = [k for k, ln in enumerate(pre) if ln.kind == "text"]
    block = _menu_block(pre, candidates, classified, url)
    for pos, k in enumerate(candidates):
        s = pre[k].text
        if pos < block:
            if pos == 0:
                masthead_idx = k
                pre[k].kind = "masthead"
            else:
                pre[k].kind = "label"  # a second masthead line or the tagline
            continue
        low = s.lower().strip(" :")
        if low in _SECTION_WORDS or (len(_words(s)) <= 2 and not s.endswith("?") and pos + 1 < len(candidates)
                                     and not _mostly_caps(s)):
            if masthead_idx is None and pos == 0 and low not in _SECTION_WORDS:
                masthead_idx = k
            pre[k].kind = "label"
            continue
        if _is_masthead(pre, k, pos, candidates, classified):
            if masthead_idx is None:
                masthead_idx = k
            pre[k].kind = "masthead"
            continue
        if pos + 1 < len(candidates) and _header_line(pre[k], candidates[pos + 1:], pre, classified):
            if _names_an_outlet(s):  # the outlet's full name, under its acronym or below the menu
                if masthead_idx is None:
                    masthead_idx = k
                pre[k].kind = "label"
                continue
            if _is_slogan(pre[k], candidates[pos + 1:], pre):
                pre[k].kind = "label"
                continue
        if _mostly_caps(s) and len(_words(s)) <= 2 and pos + 1 < len(candidates):
            # "ISTANBUL" on its own line: Anadolu-style dateline
            pre[k].kind = "label"
            continue
        headline_idx = k
        break
    if headline_idx is None:
        return None, masthead_idx
    better = _tagline_yields(pre, candidates, headline_idx, masthead_idx, classified, url, body_first)
    if better is not None:
        for k in candidates:
            if headline_idx <= k < better:
                pre[k].kind = "label"  # a tagline under the masthead
        headline_idx = better
    _join_headline_run_on(pre, headline_idx)
    return headline_idx, masthead_idx


#: the last word of an outlet's or agency's name: "... News Agency", "The ... Times"
_OUTLET_LAST_WORD = frozenset({
    "agency", "news", "press", "wire", "newswire", "service", "times", "post", "herald", "tribune", "gazette",
    "daily", "journal", "chronicle", "observer", "telegraph", "courier", "broadcasting", "corporation",
    "television", "radio", "network", "online",
})


#: an acronym after an outlet's name: " (KNA)", " - KNA"
_ACRONYM_AFTER = re.compile(r"\s*(?:\(\s*[A-Z][A-Za-z.&]{1,9}\s*\)|[-–—]\s*[A-Z][A-Z.&]{1,9})\s*$")


def _names_an_outlet(s: str) -> bool:
    """A line that is an outlet's name: a few capitalised words ending in an outlet word.

    Agencies print their acronym and then their full name ("KNA" over "Korvan News
    Agency"); only the first is the masthead, and the second is no headline.
    """
    words = _words(_ACRONYM_AFTER.sub("", s))  # "Korvan News Agency (KNA)"
    if not 2 <= len(words) <= 6 or _SENT_END.search(s) or words[-1].lower() not in _OUTLET_LAST_WORD:
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_GLUE for w in words)


def _header_line(ln: _Line, later: list[int], pre: list[_Line], classified: list[_Line]) -> bool:
    """A page-header line is no headline: nothing dated or credited under it, or a
    headline-shaped line further down that has its stamp, byline or body under it (a
    header's "today" date or a site-wide byline can sit right under the outlet's name)."""
    if not _anchored(ln, classified):
        return True
    return any(_headline_shaped(pre[k]) and _stands_above_body(pre[k], classified) for k in later)


def _headline_shaped(ln: _Line) -> bool:
    """Could be a headline: not a label, not a sentence with a full stop, at most 30 words
    (wire headlines run longer than mastheads; "?" and "!" end headlines too)."""
    s = ln.text
    return 1 <= ln.word_count() <= 30 and not s.endswith((".", ":")) and not _is_label_text(s)


def _is_slogan(ln: _Line, later: list[int], pre: list[_Line]) -> bool:
    """A short sentence printed above the headline: the site's slogan ("Built for listeners.").

    Headlines carry no full stop; a slogan of a few words often does.  It counts only
    with a headline-shaped line further down (and, as the caller checks, no stamp or
    byline under it).
    """
    s = ln.text
    if not s.endswith(".") or s.endswith("..") or ln.word_count() > 6:
        return False
    return any(_headline_shaped(pre[k]) for k in later)


def _tagline_yields(pre: list[_Line], candidates: list[int], headline_idx: int, masthead_idx: int | None,
                    classified: list[_Line], url: str | None, body_first: str) -> int | None:
    """A later line that is plainly the headline when the first guess is a tagline.

    The guess must be short and have no stamp below it; the later line (one of the next
    two) must have a stamp or byline below it.  The URL slug decides when it speaks: the
    later line shares two of its words and the guess none.  Without slug evidence the
    layout decides: a tagline is printed right under the masthead, with no blank line
    between, the headline stands apart from it and is the longer of the two, and only
    the headline shares a word with the first body paragraph.
    """
    h = pre[headline_idx]
    nh = h.word_count()
    if nh > 10 or _anchored(h, classified):
        return None
    later = [k for k in candidates if k > headline_idx and not _is_label_text(pre[k].text)][:2]
    if not later:
        return None
    slug = _slug_words(url)
    if slug:
        if _slug_overlap(h.text, slug):
            return None  # the slug repeats the guess: it is the headline
        for k in later:
            ln = pre[k]
            if (_masthead_shaped(ln.text) or ln.text.endswith(("?", "!"))) and _anchored(ln, classified) \
                    and _slug_overlap(ln.text, slug) >= 2:
                return k
    if masthead_idx is None or h.index != pre[masthead_idx].index + 1 or nh > 8 or _SENT_END.search(h.text):
        return None
    ln = pre[later[0]]
    if (ln.index > h.index + 1 and _masthead_shaped(ln.text) and _anchored(ln, classified)
            and ln.word_count() > nh):
        body = _content_words(body_first)
        if not (_content_words(h.text) & body) and _content_words(ln.text) & body:
            return later[0]
    return None


def _content_words(s: str) -> set[str]:
    return {w for w in _SLUG_WORD.findall(_fold(s)) if len(w) >= 4 and w not in _SLUG_STOP}


def _join_headline_run_on(pre: list[_Line], headline_idx: int) -> None:
    """A headline that the page wrapped onto a second line becomes one line again.

    The next line must follow without a blank line and either start in lower case or
    continue a headline that stops on a comma, colon or a word such as "and", "as", "of".
    """
    h = pre[headline_idx]
    if headline_idx + 1 >= len(pre):
        return
    nxt = pre[headline_idx + 1]
    if nxt.kind != "text" or nxt.index != h.index + 1 or nxt.dateline is not None:
        return
    if not (nxt.text[:1].islower() or _HEADLINE_RUNS_ON.search(h.text)):
        return
    if _SENT_END.search(h.text) or h.word_count() + nxt.word_count() > 30:
        return
    if nxt.text.endswith(".") and not nxt.text[:1].islower():
        return
    h.text = f"{h.text} {nxt.text}"
    nxt.kind = "label"


# The patterns of _norm_title(), compiled once: a module-level re call looks its pattern up on every call.
#: punctuation, ignored when titles are compared
_PUNCTUATION = re.compile(r"[^\w\s]")


def _norm_title(s: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", s.casefold()).split())


_NAME_GLUE = {"of", "and", "the", "for", "on", "in", "at", "de", "du", "la", "le", "des", "del", "da", "di",
              "a", "an", "&", "news", "online", "edition"}


def _reads_as_a_clause(words: list[str]) -> bool:
    """Two or more lower-case content words ("… sign ferry agreement"): a headline, not a name.

    Outlet and office names capitalise every word but the glue ("Ministry of Foreign
    Affairs", "The Harbour Times"); sentence-case headlines do not.
    """
    return sum(1 for w in words if w[:1].islower() and w.lower() not in _NAME_GLUE) >= 2


def _is_masthead(pre: list[_Line], k: int, pos: int, candidates: list[int], allines: list[_Line]) -> bool:
    """A short line at the top of the page, above the headline: the outlet's name."""
    s = pre[k].text
    words = _words(s)
    if pos + 1 >= len(candidates):
        return False  # the only candidate is the headline
    if pos != 0:
        return False
    if "|" in s or "·" in s:
        first = _nav_segments(s)[0]
        return len(_words(first)) <= 6
    if _mostly_caps(s) and len(words) <= 6:
        return True
    if len(words) <= 7 and not _SENT_END.search(s) and not s.endswith(":") and not _reads_as_a_clause(words):
        later = [pre[c].text for c in candidates[pos + 1:]
                 if pre[c].text.lower().strip(" :") not in _SECTION_WORDS]
        # a headline below it, which usually reads longer than the masthead above it
        return any(len(_words(t)) >= 3 for t in later)
    return False


# The patterns of _nav_masthead(), compiled once: a module-level re call looks its pattern up on every call.
#: a spaced > › » / →
_BREADCRUMB_SEPARATOR = re.compile(r"\s[>›»/→]\s")
#: "edition", "agency", "since 1923" ... after the name: an outlet's tagline
_TAGLINE_WORD = re.compile(r"\b(?:edition|agency|newspaper|daily|weekly|online|since \d{4})\b", re.I)


def _nav_masthead(lines: list[_Line], headline_line: int | None) -> str | None:
    """An outlet name in the first line when it is menu-shaped ("ANDEAN POST | English edition")."""
    first = next((ln for ln in lines if ln.kind not in ("blank", "junk") and not _URL_LINE.match(ln.text)
                  and not _LABELLED_URL_LINE.match(ln.text)), None)
    if first is None or first.kind != "nav" or (headline_line is not None and first.index >= headline_line):
        return None
    if _BREADCRUMB_SEPARATOR.search(first.text):
        return None  # a breadcrumb trail, not a masthead
    seg = _nav_segments(first.text)[0]
    if seg.lower() in _SECTION_WORDS or len(_words(seg)) > 6:
        return None
    segs = _nav_segments(first.text)
    tagline = " ".join(segs[1:])
    # "ANDEAN POST | English edition": a name and its tagline; a menu of many items
    # ("... | Regions | Culture | Agency TV") names no outlet unless the first is in capitals
    if _mostly_caps(seg) or (len(segs) <= 3 and _TAGLINE_WORD.search(tagline)):
        return _masthead_name(seg) or None
    return None


# The patterns of _masthead_name(), compiled once: a module-level re call looks its pattern up on every call.
#: " English edition", " Online", ".com" after an outlet's name: not part of it
_EDITION_SUFFIX = re.compile(r"\s+(?:English(?: edition)?|Online|\.com|News Online)$", re.I)


def _masthead_name(s: str) -> str:
    if "|" in s or "·" in s or "•" in s:
        segments = _nav_segments(s)
        # A line of separators alone ("·") has no segment: no name, not an IndexError.
        first = segments[0] if segments else ""
    else:
        first = s.strip()
    first = _EDITION_SUFFIX.sub("", first) or first
    if _mostly_caps(first) and len(first.split()) >= 2:
        return _title_case(first)
    return first


def _assemble(blocks: list[_Block], meta: _Meta, input_format: str) -> Document:
    parts: list[str] = []
    pos = 0
    title_span: Span | None = None
    caption_spans: list[Span] = []
    body_first: int | None = None
    body_last: int | None = None
    title_text: str | None = None
    for b in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        start, end = pos, pos + len(b.text)
        parts.append(b.text)
        pos = end
        if b.kind == "title" and title_span is None:
            title_span = Span(start, end)
            title_text = b.text
        elif b.kind == "caption":
            caption_spans.append(Span(start, end))
        if b.kind == "body":
            body_first = start if body_first is None else body_first
            body_last = end
    doc = Document(text="".join(parts), input_format=input_format)
    doc.title = title_text
    doc.title_span = title_span
    doc.caption_spans = caption_spans
    if body_first is not None and body_last is not None:
        doc.body_span = Span(body_first, body_last)
    return doc


def _apply_dateline(doc: Document, m: re.Match[str], meta: _Meta) -> None:
    place = m.group("place").strip()
    doc.dateline_place = place
    agency = m.group("agency") or m.group("agency2") or m.group("agency3")
    if agency:
        meta.credit_sources.append((1, clean_name(agency)))
    if m.group("date"):
        full = stamps.find_dates(m.group("date"), with_time=False)
        if full:
            doc.dateline_date = full[0].day
            meta.date_candidates.append((2, -1, full[0].day))
            y, mo, d = (int(x) for x in full[0].day.split("-"))
            doc.dateline_month_day = (mo, d)
        else:
            md = stamps.find_month_day(m.group("date"))
            if md:
                doc.dateline_month_day = (md[0], md[1])


def _finish_metadata(doc: Document, meta: _Meta) -> None:
    doc.url = doc.url or meta.url
    doc.editors = list(meta.editors)
    doc.photographers = list(meta.photographers)
    doc.bylines = [b for b in meta.bylines if b not in meta.editors]
    doc.published = doc.published or _pick_date(meta)
    doc.source = doc.source or _pick_source(meta)


def _pick_date(meta: _Meta) -> str | None:
    """The publication stamp: labelled beats unlabelled beats a dateline beats "Updated".

    Between stamps of equal rank the one nearest the headline wins: a crawl or "today"
    banner sits at the top of the page, the article's own stamp next to its headline.
    """
    if not meta.date_candidates:
        return None
    prio = min(c[0] for c in meta.date_candidates)
    best = [c for c in meta.date_candidates if c[0] == prio]
    if len(best) == 1:
        return best[0][2]
    anchor = meta.title_line
    if anchor is None:
        return max(best, key=lambda c: c[1])[2]
    return min(best, key=lambda c: (abs(c[1] - anchor), c[1]))[2]


def _pick_source(meta: _Meta) -> str | None:
    """A credited agency or office, else the outlet named by metadata, masthead or copyright.

    The outlet credited by its acronym ("(BNA)" closing the story, "(Photo: BNA)" under
    a picture) is named as credited rather than by the masthead's full name.
    """
    if meta.credit_sources:
        prio = min(p for p, _ in meta.credit_sources)
        if prio < 3:
            return next(n for p, n in meta.credit_sources if p == prio)
    outlet = meta.fallback_source or meta.masthead or meta.copyright
    if outlet:
        for credited in (*meta.outlet_credits, *(n for _, n in meta.credit_sources), *meta.photographers):
            if _is_acronym_of(credited, outlet):
                return credited
        return outlet
    if meta.credit_sources:
        return meta.credit_sources[0][1]
    return None


# --------------------------------------------------------------------------- JSON records

_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url", "uri", "href", "source_url"),
    "title": ("title", "headline", "name"),
    "published": ("published", "date", "datePublished", "published_at", "publishedAt", "pubDate",
                  "publication_date", "date_published", "time", "timestamp"),
    "source": ("source", "publisher", "agency", "site_name", "outlet", "site", "source_name"),
    "body": ("body", "text", "content", "articleBody", "article", "maintext", "main_text", "story",
             "article_text", "full_text", "body_text", "description"),
    "editor": ("editor", "editors"),
    "photographer": ("photographer", "photographers", "photo_credit", "photo_credits", "image_credit",
                     "image_credits", "picture_credit", "photo_by", "image_by"),
    "byline": ("author", "authors", "byline", "bylines", "reporter", "creator"),
    "language": ("language", "lang", "inLanguage"),
}


def _key_form(key: str) -> str:
    """A record key as the aliases are matched: "imageCredit", "image_credit", "Image-Credit"
    and "imagecredit" are one key (exporters spell the same field in each case style)."""
    return key.replace("_", "").replace("-", "").replace(" ", "").lower()


#: each field's aliases in _key_form, in their order of preference
_FIELD_KEY_FORMS: dict[str, tuple[str, ...]] = {
    k: tuple(dict.fromkeys(_key_form(a) for a in aliases)) for k, aliases in _FIELD_ALIASES.items()
}


def _field(record: dict[str, Any], key: str) -> Any:
    """The record's value for a field, under whichever alias and case style it uses.

    An exact alias is taken first; failing that, any key of the same _key_form (in the
    record's own key order, so the answer does not depend on the exporter's style).
    """
    for alias in _FIELD_ALIASES[key]:
        if alias in record and record[alias] not in (None, "", []):
            return record[alias]
    forms = _FIELD_KEY_FORMS[key]
    best: tuple[int, Any] | None = None
    for k, v in record.items():
        if v in (None, "", []) or not isinstance(k, str):
            continue
        form = _key_form(k)
        if form in forms:
            rank = forms.index(form)
            if best is None or rank < best[0]:
                best = (rank, v)
    return best[1] if best is not None else None


# The patterns of _names(), compiled once: a module-level re call looks its pattern up on every call.
#: ";", "|", " and " or "," between the names of one record field
_FIELD_NAME_SEPARATOR = re.compile(r"\s*(?:;|\||\band\b|,)\s*")


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [clean_name(p) for p in _FIELD_NAME_SEPARATOR.split(value) if clean_name(p)]
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if isinstance(name, str) else []
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(_names(v))
        return out
    return []


#: record fields holding the article's picture (a dict, or a list of them) ...
_IMAGE_FIELDS = ("image", "images", "photo", "photos", "picture", "media", "lead_image", "main_image",
                 "featured_image", "thumbnail", "top_image")
#: ... and the keys of that picture naming who took it
_IMAGE_CREDIT_KEYS = ("credit", "credits", "photographer", "copyright", "author", "byline", "source")
#: keys of a nested object that name the editor: {"edition": {"editor": ...}}
_EDITOR_KEYS = ("editor", "editors", "edited_by", "editedBy")
#: record fields that hold the editing credit in outlets whose language calls it
#: "edição"/"edición" (exported as "edition"): a person's name there is the editor
_EDITING_FIELDS = ("edition", "edicao", "edição", "edicion", "edición")
#: words of a real edition's name ("International Edition", "Weekend English")
_EDITION_WORDS = re.compile(
    r"\b(?:edition|english|international|national|regional|local|print|online|digital|web|weekend|morning|"
    r"evening|daily|weekly|global|world|city|metro|late|early|final|special|asia|europe|africa|americas|us|uk)\b",
    re.IGNORECASE,
)


def _image_credits(record: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(photographers, agencies) credited in the record's picture objects.

    A credit string is read like a caption's credit: "Jane Roe/AFP" gives Jane Roe and
    AFP, "Photo: NNA" gives NNA.
    """
    people: list[str] = []
    agencies: list[str] = []
    for key in _IMAGE_FIELDS:
        value = record.get(key)
        pictures = value if isinstance(value, list) else [value]
        for pic in pictures[:5]:
            if not isinstance(pic, dict):
                continue
            for ck in _IMAGE_CREDIT_KEYS:
                credit = pic.get(ck)
                for text in ([credit] if isinstance(credit, str) else _names(credit) if credit else []):
                    got = _credit_string(text)
                    if got is not None:
                        people.append(got[0])
                        if got[1]:
                            agencies.append(got[1])
                if credit:
                    break
    return people, agencies


#: "PMO photo by Jane Doe": the office that released the picture, then who took it
_ORG_PHOTO_BY = re.compile(
    r"^(?P<org>[^/()]{2,60}?)\s+(?:photo(?:graph)?|picture|image)s?\s+by\s+(?P<name>[^/()]{2,60})$",
    re.IGNORECASE,
)


def _credit_string(text: str) -> tuple[str, str | None] | None:
    """(photographer, agency) of a credit field's text."""
    text = " ".join(text.split())
    if not text or len(text) > 120:
        return None
    if " by " in text:
        m = _ORG_PHOTO_BY.match(text.strip(" ()[]"))
        if m:
            name, org = clean_name(m.group("name")), clean_name(m.group("org"))
            if _looks_like_name(name):
                return name, org if _looks_like_name(org, allow_lower=True) else None
    body = _CREDIT_LABEL.sub("", text, count=1).strip(" ()[]")
    if "/" in body:
        return _split_slash_credit(body)
    if "," in body:
        got = _copyright_credit(body)
        if got is not None:
            return got
    name = clean_name(body)
    return (name, None) if name and _looks_like_name(name, allow_lower=True) else None


def _photo_credit_names(value: Any) -> list[str]:
    """Photographers of a record's flat credit field ("imageCredit", "photographer").

    A credit written as one ("PMO photo by Jane Doe", "Jane Roe/AFP", "Photo: NNA") gives
    the person it names; a plain list of names ("Jane Roe and Li Wei") gives each.
    """
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(n for n in _photo_credit_names(v) if n not in out)
        return out
    if isinstance(value, str) and (" by " in value or "/" in value or "©" in value or ":" in value):
        got = _credit_string(value)
        if got is not None:
            return [got[0]]
    return _names(value)


#: the credit reading of JSON records, for the HTML reader's JSON-LD image credits
credit_string = _credit_string


def _nested_editors(record: dict[str, Any]) -> list[str]:
    """Editors named one level down ({"edition": {"editor": "Jane Roe"}}), in a short
    text field written as a credit ({"edition": "Edited by Jane Roe"}), or as a bare
    person's name in an editing field ({"edition": "Jane Roe"}, never "Weekend Edition")."""
    out: list[str] = []
    for key, value in record.items():
        if key in _FIELD_ALIASES["body"] or key in _FIELD_ALIASES["title"]:
            continue
        if isinstance(value, dict):
            for ek in _EDITOR_KEYS:
                out.extend(_names(value.get(ek)))
        elif isinstance(value, str) and len(value) <= 120 and _EDIT_WORD.search(value):
            meta = _Meta()
            if _read_editor(value, meta):
                out.extend(meta.editors)
        elif isinstance(value, str) and key.lower() in _EDITING_FIELDS:
            name = clean_name(value)
            if _is_person_credit(name) and not _EDITION_WORDS.search(name):
                out.append(name)
    return out


#: sentence ends in a string value: prose has several, a summary or a caption one or two
_SENTENCE_ENDS = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")


def _prose_field(record: dict[str, Any]) -> str | None:
    """The record's article text when it sits under a key no exporter table names
    ("story", "copy", "contenido"...): the longest top-level string that reads as prose
    (at least 400 characters and four sentence breaks, not a URL or markup), so a record
    from an unknown CMS still gives its body instead of the headline alone."""
    best: str | None = None
    for value in record.values():
        if not isinstance(value, str) or len(value) < 400 or (best is not None and len(value) <= len(best)):
            continue
        head = value.lstrip()[:200]
        if head.startswith(("http", "<", "{", "[")):
            continue
        if len(_SENTENCE_ENDS.findall(value, 0, 20_000)) >= 4:
            best = value
    return best


def read_record(record: Any, *, name: str = "record") -> Document:
    """One JSON article record -> Document.  The body runs through the text reader."""
    if not isinstance(record, dict):
        raise ConversionError(f"{name}: a JSON article must be an object, not {type(record).__name__}")
    body = _field(record, "body")
    if body is None or (isinstance(body, str) and len(body) < 400):
        body = _prose_field(record) or body
    title = _field(record, "title")
    if isinstance(body, list):
        body = "\n\n".join(str(x) for x in body)
    if body is not None and not isinstance(body, str):
        raise ConversionError(f"{name}: field 'body' must be text")
    if title is not None and not isinstance(title, str):
        title = None
    if not body and not title:
        raise ConversionError(f"{name}: the record has neither a title nor a body")
    title = " ".join(title.split()) if title else None
    doc = read_text(body or "", input_format="json", title=title)
    url = _field(record, "url")
    doc.url = url if isinstance(url, str) and url.strip() else doc.url
    published = _field(record, "published")
    if isinstance(published, str):
        doc.published = stamps.normalise(published) or doc.published
    source = _field(record, "source")
    src_names = _names(source)
    if src_names:
        doc.source = src_names[0] if isinstance(source, str) is False else clean_name(source)
    credits = (("editor", doc.editors), ("byline", doc.bylines))
    for key, target in credits:
        for n in _names(_field(record, key)):
            if n not in target:
                target.append(n)
    for n in _photo_credit_names(_field(record, "photographer")):
        if n not in doc.photographers:
            doc.photographers.append(n)
    photographers, agencies = _image_credits(record)
    for n in photographers:
        if n not in doc.photographers:
            doc.photographers.append(n)
    if doc.source is None and agencies:
        doc.source = agencies[0]
    for n in _nested_editors(record):
        if n not in doc.editors:
            doc.editors.append(n)
    lang = _field(record, "language")
    if isinstance(lang, str):
        doc.language = lang
    return doc


def iter_json(text: str, *, lines: bool, name: str = "input") -> Iterator[Document | ConversionError]:
    """Documents of a JSON object, a JSON array of objects, or JSON Lines (a failure per bad line)."""
    if lines:
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield ConversionError(f"{name} line {n}: invalid JSON ({exc.args[0] if exc.args else exc})")
                continue
            try:
                yield read_record(record, name=f"{name} line {n}")
            except ConversionError as exc:
                yield exc
        return
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ConversionError(f"{name}: invalid JSON ({exc})") from None
    records = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        records = data["articles"]
    if not records:
        raise ConversionError(f"{name}: the JSON holds no articles")
    for n, record in enumerate(records, start=1):
        try:
            yield read_record(record, name=f"{name} item {n}" if len(records) > 1 else name)
        except ConversionError as exc:
            yield exc


# --------------------------------------------------------------------------- dispatch


def read(data: bytes | str, *, input_format: str | None = None, name: str = "input",
         url: str | None = None) -> Iterator[Document | ConversionError]:
    """Documents in ``data`` (one for a page, several for JSON arrays and JSON Lines).

    A record that cannot be read is yielded as a ConversionError so that one bad line
    of a JSON Lines file does not hide the good ones; input that cannot be read at all
    raises.
    """
    text = decode(data, name=name)
    if not text.strip():
        raise ConversionError(f"{name}: empty input, no article to convert")
    fmt = input_format or sniff(text)
    if fmt not in INPUT_FORMATS:
        raise ConversionError(f"{name}: unknown input format {fmt!r}; use one of {', '.join(INPUT_FORMATS)}")
    if fmt in ("json", "jsonl"):
        yield from iter_json(text, lines=fmt == "jsonl", name=name)
        return
    if fmt == "html":
        from .html import read_html

        doc = read_html(text, url=url, name=name)
    else:
        doc = read_text(text, url=url)
    if not doc.text.strip():
        raise ConversionError(f"{name}: no article text found")
    yield doc


__all__ = ["INPUT_FORMATS", "decode", "iter_json", "read", "read_record", "read_text", "sniff"]
