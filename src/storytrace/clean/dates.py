"""Reading publication dates with their precision, never inventing a day.

Formats and month names are data (``resources/<lang>/dates.toml``, ``common/dates.toml``).
Metadata strings ("2024-10-21T08:00:00Z", "2024-10", RFC 2822 feed dates) and dates written
in text ("21. Oktober 2024", "Oct. 21, 2024") both end up as ``PartialDate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from functools import cache

from storytrace.clean.patterns import placeholder_lists
from storytrace.model import PartialDate
from storytrace.resources import load_toml

# ISO 8601 with optional month, day and time: what metadata, feeds and crawlers write.
_ISO = re.compile(
    r"^\s*(?P<year>(?:19|20)\d\d)(?:-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?)?"
    r"(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?\s*(?:Z|[+-][0-2]\d:?[0-5]\d)?)?\s*$"
)
# Compact forms some CMS use in metadata: "20241021".
_COMPACT = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)\s*$")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A full date found in text, with where it was found."""

    date: PartialDate
    start: int
    end: int
    format: str


@dataclass(frozen=True, slots=True)
class DateReader:
    """Compiled date formats and month names of the configured languages."""

    formats: tuple[tuple[str, re.Pattern[str]], ...]
    months: tuple[tuple[str, int], ...]
    url_formats: tuple[tuple[str, re.Pattern[str]], ...] = ()
    text_datelines: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def month_number(self, token: str) -> int | None:
        key = token.lower().rstrip(".")
        if key.isdigit():
            n = int(key)
            return n if 1 <= n <= 12 else None
        for name, number in self.months:
            if name == key:
                return number
        return None

    def find(self, text: str) -> list[FoundDate]:
        """All full (day, month, year) dates in ``text``, in order of position."""
        found: list[FoundDate] = []
        for name, regex in self.formats:
            for m in regex.finditer(text):
                value = _ymd(m.group("year"), self.month_number(m.group("month")), m.group("day"))
                if value is not None:
                    found.append(FoundDate(PartialDate(value, "day"), m.start(), m.end(), name))
        found.sort(key=lambda f: (f.start, -f.end))
        return found

    def dateline_date(self, text: str) -> PartialDate | None:
        """The date of a dateline that opens ``text`` ("Berlin, 21. Oktober 2024 – …")."""
        for _name, regex in self.text_datelines:
            m = regex.match(text)
            if m:
                found = self.find(m.group("date"))
                if found:
                    return PartialDate(found[0].date.value, "day", "text")
        return None

    def from_url(self, url: str) -> PartialDate | None:
        """A date in a URL path, to the precision the path gives."""
        for _name, regex in self.url_formats:
            m = regex.search(url)
            if m is None:
                continue
            day = m.groupdict().get("day")
            if day is None:
                if 1 <= int(m.group("month")) <= 12:
                    return PartialDate(f"{m.group('year')}-{m.group('month')}", "month", "url")
                continue
            value = _ymd(m.group("year"), int(m.group("month")), day)
            if value:
                return PartialDate(value, "day", "url")
        return None

    def parse_value(self, raw: str, source: str) -> PartialDate | None:
        """A metadata date string → ``PartialDate``; None when it is not understood."""
        text = raw.strip()
        if not text:
            return None
        m = _ISO.match(text) or _COMPACT.match(text)
        if m:
            month = m.group("month")
            day = m.group("day")
            if month is None:
                return PartialDate(m.group("year"), "year", source)
            if day is None:
                if not 1 <= int(month) <= 12:
                    return None
                return PartialDate(f"{m.group('year')}-{month}", "month", source)
            value = _ymd(m.group("year"), int(month), day)
            return PartialDate(value, "day", source) if value else None
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return PartialDate(parsed.date().isoformat(), "day", source)
        found = self.find(text)
        if found:
            return PartialDate(found[0].date.value, "day", source)
        return None


def html_date(value: str, html: str) -> PartialDate | None:
    """A date from htmldate (always YYYY-MM-DD) with the precision the page supports.

    htmldate pads a month-only date with day 01 (and a year-only date with 01-01): the day
    is kept only when the page itself writes it.
    """
    m = re.fullmatch(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)", value.strip())
    if m is None:
        return None
    year, month, day = m.groups()
    if day != "01":
        return PartialDate(m.group(0), "day", "metadata")
    day_forms = [f"{year}-{month}-01", f"{year}/{month}/01", f"{year}{month}01"]
    day_forms.append(f"01.{month}.{year}")
    if any(form in html for form in day_forms):
        return PartialDate(m.group(0), "day", "metadata")
    if month == "01" and not any(f in html for f in (f"{year}-01", f"{year}/01", f"01.{year}")):
        return PartialDate(year, "year", "metadata")
    return PartialDate(f"{year}-{month}", "month", "metadata")


def _ymd(year: str, month: int | None, day: str) -> str | None:
    if month is None:
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:  # "31. Februar" is a typo, not a date
        return None


@cache
def date_reader(languages: tuple[str, ...]) -> DateReader:
    """Build the reader for ``languages`` once per process."""
    lists = placeholder_lists(languages)
    formats: list[tuple[str, re.Pattern[str]]] = []
    url_formats: list[tuple[str, re.Pattern[str]]] = []
    text_datelines: list[tuple[str, re.Pattern[str]]] = []
    months: dict[str, int] = {}
    for lang in (*languages, "common"):
        data = load_toml(lang, "dates")
        for name, number in data.get("months", {}).items():
            months.setdefault(name.lower(), int(number))
        for fmt in data.get("format", []):
            source = fmt["regex"].replace("{{month}}", lists["month"])
            # Word boundaries keep "121.10.2024" or "2024-10-211" from yielding a date.
            formats.append((fmt["name"], re.compile(rf"(?<![\w.]){source}(?!\w)")))
        for fmt in data.get("url_format", []):
            url_formats.append((fmt["name"], re.compile(fmt["regex"])))
        for fmt in data.get("text_dateline", []):
            source = fmt["regex"].replace("{{date}}", lists["date"])
            text_datelines.append((fmt["name"], re.compile(source)))
    return DateReader(
        tuple(formats), tuple(months.items()), tuple(url_formats), tuple(text_datelines)
    )


def refine(chosen: PartialDate | None, candidates: list[PartialDate]) -> PartialDate | None:
    """The first candidate, made more precise by later candidates that agree with it.

    "2024-10" from a crawler header and "2024-10-21" from a dateline give "2024-10-21":
    the day is written in the article, not guessed. A candidate that disagrees is ignored.
    """
    for candidate in candidates:
        if chosen is None:
            chosen = candidate
        elif len(candidate.value) > len(chosen.value) and candidate.value.startswith(chosen.value):
            chosen = PartialDate(candidate.value, candidate.precision, candidate.source)
    return chosen
