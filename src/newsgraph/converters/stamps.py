"""Publication stamps as news pages print them, turned into ISO strings.

(Page metadata only; dates inside the article text are the extractor's ``dates`` module.)

Pages print publication stamps in a dozen shapes ("Release Date:2022-02-14 10:08:06",
"15 JUL 2023 8:10PM", "Sunday, 15/11/2020 | 16:05 GMT+7", "15th September, 2020").
The readers only need one answer per stamp: an ISO date, or an ISO dateTime when the
page gives a time.  A time zone is written only when the page states it as an offset
("GMT+7", "+08:00", "UTC"); a zone abbreviation such as "WIB" is left out rather than
guessed, so the value stays the local time the page printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    (
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may",),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _n

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY_RE = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"

_TIME_CORE = (
    r"(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?"
    r"(?:\s*(?:(?P<gmt>GMT|UTC)\s*(?:(?P<gsign>[+-])\s*(?P<gh>\d{1,2})(?::?(?P<gm>\d{2}))?)?"
    r"|(?P<off>Z|[+-]\d{2}:?\d{2})(?![\d:])))?"
)
_TIME = r"(?:\s*(?:[,|·•–—-]|\bat\b)?\s*)" + _TIME_CORE

# after a written-out month the year ends at a non-digit, or runs straight into a time
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}[:.]\d{2}(?!\d)))"

_DATE_PATTERNS = [
    # 2022-02-14, 2022-02-14T10:08:06+08:00, 2019/04/10
    re.compile(r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
               r"(?:(?:T|\s+|\s*[|·,]\s*)" + _TIME_CORE + ")?"),
    # 15 July 2023, 15th September, 2020, 15 JUL 2023 8:10PM
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<mon>" + MONTH_RE + r")\.?,?\s+"
               r"(?P<y>\d{4})" + _YEAR_END + "(?:" + _TIME + ")?", re.IGNORECASE),
    # July 15, 2023, Sept. 16, 2023, 6:52 PM; "March 5, 20245:12 PM" (a page's date and time
    # spans run together when the page is flattened to text)
    re.compile(r"(?<![\w])(?P<mon>" + MONTH_RE + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+"
               r"(?P<y>\d{4})" + _YEAR_END + "(?:" + _TIME + ")?", re.IGNORECASE),
    # 23.07.2022, 15/11/2020, 12-03-2024 (day first unless impossible)
    re.compile(r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"
               r"(?:" + _TIME + ")?"),
]

_YEARLESS = [
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<mon>" + MONTH_RE + r")\b\.?",
               re.IGNORECASE),
    re.compile(r"(?<![\w])(?P<mon>" + MONTH_RE + r")\b\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)",
               re.IGNORECASE),
]


_YEAR_DIGITS = re.compile(r"\d{4}")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a string: its ISO value and where it sat."""

    iso: str  #: YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[zone]
    start: int
    end: int

    @property
    def day(self) -> str:
        return self.iso[:10]


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1800 <= y <= 2200


def _time_part(gd: dict[str, str | None]) -> str:
    if gd.get("h") is None:
        return ""
    h, mi = int(gd["h"] or 0), int(gd["mi"] or 0)
    s = int(gd.get("s") or 0)
    ampm = (gd.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59 or s > 59:
        return ""
    zone = ""
    if gd.get("gmt"):
        if gd.get("gsign"):
            zone = f"{gd['gsign']}{int(gd['gh'] or 0):02d}:{int(gd.get('gm') or 0):02d}"
        else:
            zone = "Z"
    elif gd.get("off"):
        off = gd["off"] or ""
        zone = "Z" if off == "Z" else f"{off[:3]}:{off[-2:]}"
    if zone in ("+00:00", "-00:00"):
        zone = "Z"
    return f"T{h:02d}:{mi:02d}:{s:02d}{zone}"


def find_dates(text: str, *, with_time: bool = True) -> list[FoundDate]:
    """Every full date (day, month and year) in ``text``, in order of position."""
    if _YEAR_DIGITS.search(text) is None:
        return []  # every pattern needs a four-digit year; most lines the reader asks about have none
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            gd = m.groupdict()
            y = int(gd["y"])
            if gd.get("mon"):
                mon = MONTHS.get(gd["mon"].lower().rstrip("."), 0)
                d = int(gd["d"])
            elif gd.get("a"):
                a, b = int(gd["a"]), int(gd["b"])
                mon, d = (b, a) if b <= 12 else (a, b)
            else:
                mon, d = int(gd["m"]), int(gd["d"])
            if not _valid(y, mon, d):
                continue
            iso = f"{y:04d}-{mon:02d}-{d:02d}"
            if with_time:
                iso += _time_part(gd)
            found.append(FoundDate(iso, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def find_month_day(text: str) -> tuple[int, int, int, int] | None:
    """The first day-and-month without a year ("May 13", "6 September"): (month, day, start, end)."""
    best: tuple[int, int, int, int] | None = None
    for pattern in _YEARLESS:
        m = pattern.search(text)
        if not m:
            continue
        mon = MONTHS.get(m.group("mon").lower().rstrip("."), 0)
        d = int(m.group("d"))
        if not mon or not 1 <= d <= 31:
            continue
        if best is None or m.start() < best[2]:
            best = (mon, d, m.start(), m.end())
    return best


# The patterns of normalise(), compiled once: a module-level re call looks its pattern up on every call.
_NORMALISE_RE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def normalise(value: str) -> str | None:
    """An ISO date or dateTime for a date string from metadata (JSON, HTML meta, JSON-LD)."""
    value = value.strip()
    if not value:
        return None
    m = _NORMALISE_RE.fullmatch(value)
    if m:
        y, mo, d = (int(x) for x in m.group(1).split("-"))
        if not _valid(y, mo, d):
            return None
        if not m.group(2):
            return m.group(1)
        zone = m.group(4) or ""
        if zone and zone != "Z":
            zone = f"{zone[:3]}:{zone[-2:]}"
        if zone in ("+00:00", "-00:00"):
            zone = "Z"
        return f"{m.group(1)}T{m.group(2)}{m.group(3) or ':00'}{zone}"
    found = find_dates(value)
    return found[0].iso if found else None


__all__ = ["MONTHS", "MONTH_RE", "WEEKDAY_RE", "FoundDate", "find_dates", "find_month_day", "normalise"]
