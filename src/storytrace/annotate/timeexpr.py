"""Time expressions in text, resolved against the publication date where that is possible.

``find_time_expressions(text, "de", published)`` finds "am Freitag", "gestern",
"am 21. Oktober", "Mitte Oktober", "vergangene Woche" and their English counterparts as spans,
and gives each an ISO date when the text and the publication date together name one day.
When they do not, ``date`` is None and ``note`` says why: the publication date is unknown or
too coarse, the expression names a week or a month rather than a day, or it is ambiguous
("bis Freitag" may lie before or after publication).

Weekday rule: a weekday names the most recent such day on or before the publication date (a
report published on Monday 2024-10-21 that says "am Montag" means that Monday, "am Freitag"
means 2024-10-18). "am vergangenen Freitag" is the most recent Friday strictly before,
"am kommenden Freitag" the first one strictly after. A day and month without a year take the
year that puts the date closest to publication, so "am 28. Dezember" in an article of
3 January is in the previous year.

The patterns are data: named ``[[pattern]]`` tables in ``resources/<lang>/time.toml``, each
with a ``kind`` that says how its match is resolved (see ``KINDS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from storytrace.errors import ResourceError
from storytrace.model import PartialDate, Span
from storytrace.resources import load_toml

__all__ = [
    "KINDS",
    "NOTE_AMBIGUOUS",
    "NOTE_NO_SUCH_DATE",
    "NOTE_UNKNOWN",
    "NOTE_WEEK",
    "NOTE_WEEKEND",
    "TimeExpression",
    "find_time_expressions",
    "pattern_names",
    "resolve_weekday",
]

NOTE_UNKNOWN = "publication date unknown"
NOTE_WEEK = "week, not a day"
NOTE_WEEKEND = "weekend, not a day"
NOTE_AMBIGUOUS = "ambiguous"
NOTE_NO_SUCH_DATE = "no such date"

#: Pattern kinds and the named groups each needs (``|`` separates alternatives).
KINDS: Mapping[str, tuple[str, ...]] = {
    "date": ("day", "month"),  # optional: year
    "slash_date": ("first", "second", "year"),  # US or UK order, decided by the numbers
    "weekday": ("weekday",),  # optional: past, future, ambiguous
    "relative_day": ("relative|offset",),  # a word from [relative_days], or a fixed offset
    "days_ago": ("count",),
    "week": (),
    "weekend": (),
    "month": ("month",),  # optional: year; groups may carry a suffix (month_of, year_of)
    "relative_month": (),  # optional: past, this, future
}


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression as a span, with the day it names or the reason it names none.

    ``pattern`` is the name of the rule in ``time.toml`` that matched.
    """

    span: Span
    text: str
    date: str | None
    note: str | None
    pattern: str = ""


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    offset: int | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    where: str
    rules: tuple[_Rule, ...]
    weekdays: Mapping[str, int]
    months: Mapping[str, int]
    relative_days: Mapping[str, int]
    counts: Mapping[str, int]
    blocked: frozenset[str]


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+$")


def _alternation(words: list[str]) -> str:
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) or r"(?!x)x"


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _int_table(data: Mapping[str, Any], key: str, where: str) -> dict[str, int]:
    table = data.get(key)
    if not isinstance(table, Mapping) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in table.values()
    ):
        raise ResourceError(f"{where}: [{key}] must be a table of integers")
    return {str(k): int(v) for k, v in table.items()}


def _has_group(regex: re.Pattern[str], name: str) -> bool:
    return any(g == name or g.startswith(name + "_") for g in regex.groupindex)


@cache
def _lexicon(language: str) -> _Lexicon:
    data = load_toml(language, "time")
    where = f"resources/{language}/time.toml"
    weekdays = _int_table(data, "weekdays", where)
    months = _int_table(data, "months", where)
    abbreviations = _int_table(data, "month_abbreviations", where)
    relative_days = {_norm(k): v for k, v in _int_table(data, "relative_days", where).items()}
    counts = {k.lower(): v for k, v in _int_table(data, "counts", where).items()}
    raw_lists = data.get("lists", {})
    if not isinstance(raw_lists, Mapping):
        raise ResourceError(f"{where}: [lists] must be a table of word lists")
    lists: dict[str, str] = {}
    for key, words in raw_lists.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ResourceError(f"{where}: lists.{key} must be a list of strings")
        lists[key] = _alternation(words)
    lists["weekday"] = _alternation(list(weekdays))
    lists["month_full"] = _alternation(list(months))
    lists["month"] = _alternation([*months, *abbreviations])
    lists["count"] = _alternation(list(counts))
    blocked = frozenset(w.lower() for w in raw_lists.get("blocked", []))

    rules: list[_Rule] = []
    names: set[str] = set()
    for entry in data.get("pattern", []):
        name = entry.get("name")
        if not isinstance(name, str) or name in names:
            raise ResourceError(f"{where}: every [[pattern]] needs a unique name (got {name!r})")
        names.add(name)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ResourceError(
                f"{where}: pattern {name!r} has kind {kind!r}; known: {', '.join(KINDS)}"
            )
        if not isinstance(entry.get("what"), str) or not isinstance(entry.get("regex"), str):
            raise ResourceError(f"{where}: pattern {name!r} needs 'what' and 'regex' strings")

        def fill(m: re.Match[str], name: str = name) -> str:
            if m.group(1) not in lists:
                known = ", ".join(sorted(lists))
                raise ResourceError(
                    f"{where}: pattern {name!r} uses unknown {{{{{m.group(1)}}}}}; known: {known}"
                )
            return lists[m.group(1)]

        source = re.sub(r"\{\{(\w+)\}\}", fill, entry["regex"])
        try:
            # A match never starts inside a word: "Karfreitag" holds no "Freitag".
            regex = re.compile(rf"(?<!\w)(?:{source})")
        except re.error as exc:
            raise ResourceError(f"{where}: pattern {name!r} is not a valid regex: {exc}") from exc
        offset = entry.get("offset")
        if offset is not None and not isinstance(offset, int):
            raise ResourceError(f"{where}: pattern {name!r}: offset must be an integer")
        for needed in KINDS[kind]:
            options = needed.split("|")
            if not any(
                (o == "offset" and offset is not None) or _has_group(regex, o) for o in options
            ):
                raise ResourceError(
                    f"{where}: pattern {name!r} of kind {kind!r} needs a group named "
                    f"{' or '.join(options)}"
                )
        rules.append(_Rule(name, kind, regex, offset))
    return _Lexicon(
        where, tuple(rules), weekdays, {**months, **abbreviations}, relative_days, counts, blocked
    )


def pattern_names(language: str) -> tuple[str, ...]:
    """Names of the time patterns of ``language``, in the order they are tried."""
    return tuple(rule.name for rule in _lexicon(language).rules)


# --- the publication date as reference ---------------------------------------------------


def _reference_day(published: PartialDate | None) -> tuple[date | None, str | None]:
    if published is None:
        return None, NOTE_UNKNOWN
    if published.precision == "day":
        try:
            return date.fromisoformat(published.value), None
        except ValueError:
            return None, f"publication date {published.value!r} is not a valid date"
    return None, f"publication date known only to the {published.precision} ({published.value})"


def _reference_month(published: PartialDate | None) -> tuple[tuple[int, int] | None, str | None]:
    """Year and month of publication, when known to at least the month."""
    if published is None:
        return None, NOTE_UNKNOWN
    if published.precision in ("day", "month"):
        try:
            year, month = (int(p) for p in published.value.split("-")[:2])
        except ValueError:
            return None, f"publication date {published.value!r} is not a valid date"
        if 1 <= month <= 12:
            return (year, month), None
        return None, f"publication date {published.value!r} is not a valid date"
    return None, f"publication date known only to the year ({published.value})"


def resolve_weekday(weekday: int, published: PartialDate | None) -> tuple[str | None, str | None]:
    """The most recent ``weekday`` (Monday = 0) on or before the publication date.

    Returns ``(iso_date, None)``, or ``(None, note)`` when the publication date is unknown or
    not known to the day.
    """
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday}")
    ref, note = _reference_day(published)
    if ref is None:
        return None, note
    return (ref - timedelta(days=(ref.weekday() - weekday) % 7)).isoformat(), None


def _shift(published: PartialDate | None, days: int) -> tuple[str | None, str | None]:
    ref, note = _reference_day(published)
    if ref is None:
        return None, note
    return (ref + timedelta(days=days)).isoformat(), None


def _nearest_year(
    month: int, day: int, published: PartialDate | None
) -> tuple[str | None, str | None]:
    """Day and month without a year: the year that puts them closest to publication."""
    ref_month, note = _reference_month(published)
    if ref_month is None:
        return None, note
    ref_day, _ = _reference_day(published)
    ref = ref_day or date(ref_month[0], ref_month[1], 15)
    best: date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 February outside a leap year, 31 April
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return (best.isoformat(), None) if best else (None, NOTE_NO_SUCH_DATE)


def _year(raw: str) -> int:
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _ymd(year: int, month: int, day: int) -> tuple[str | None, str | None]:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError:
        return None, NOTE_NO_SUCH_DATE


def _group(m: re.Match[str], name: str) -> str | None:
    """The first non-empty group called ``name`` or ``name_<suffix>``."""
    for key, value in m.groupdict().items():
        if value is not None and (key == name or key.startswith(name + "_")):
            return value
    return None


def _month_note(ym: tuple[int, int] | None, why: str | None) -> str:
    if ym is not None:
        return f"month, not a day ({ym[0]}-{ym[1]:02d})"
    return f"month, not a day; {why}" if why else "month, not a day"


# --- resolution per kind -----------------------------------------------------------------


_Resolved = tuple[str | None, str | None]
_Resolver = Callable[
    ["_Rule", re.Match[str], str, PartialDate | None, "_Lexicon"], _Resolved | None
]


def _resolve_date(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    month_text = _group(m, "month") or ""
    month = int(month_text) if month_text.isdigit() else lex.months.get(month_text)
    if month is None or not 1 <= month <= 12:
        return None  # "21.13." is no date
    day = int(_group(m, "day") or 0)
    year = _group(m, "year")
    if year is not None:
        return _ymd(_year(year), month, day)
    return _nearest_year(month, day, published)


def _resolve_slash_date(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    first, second, year = int(m.group("first")), int(m.group("second")), _year(m.group("year"))
    if first > 12 and second > 12:
        return None
    if first > 12:
        return _ymd(year, second, first)  # UK order: 21/10/2024
    if second > 12 or first == second:
        return _ymd(year, first, second)  # US order: 10/21/2024
    return None, NOTE_AMBIGUOUS  # 5/6/2024: 5 June or 6 May


def _resolve_weekday(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    weekday = lex.weekdays[m.group("weekday")]
    past, future = _group(m, "past"), _group(m, "future")
    if m.start() == m.start("weekday"):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is not None and before.group(1).lower() in lex.blocked:
            return None  # "jeden Freitag", "der Freitag", "Good Friday"
    if _group(m, "prospective") and not (past or future):
        # "für Dienstagabend": an appointment, on the publication day or after it
        ref, note = _reference_day(published)
        if ref is None:
            return None, note
        return (ref + timedelta(days=(weekday - ref.weekday()) % 7)).isoformat(), None
    if not (past or future):
        if _group(m, "ambiguous"):
            return None, NOTE_AMBIGUOUS  # "bis Freitag" may lie before or after publication
        return resolve_weekday(weekday, published)
    ref, note = _reference_day(published)
    if ref is None:
        return None, note
    # strictly before or after: "am vergangenen Freitag" on a Friday is a week ago
    back, ahead = (ref.weekday() - weekday) % 7 or 7, (weekday - ref.weekday()) % 7 or 7
    return (ref + timedelta(days=-back if past else ahead)).isoformat(), None


def _resolve_relative_day(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    if rule.offset is not None:
        return _shift(published, rule.offset)
    key = _norm(_group(m, "relative") or "")
    if key not in lex.relative_days:
        raise ResourceError(
            f"{lex.where}: pattern {rule.name!r} matched {key!r}, which [relative_days] lacks"
        )
    return _shift(published, lex.relative_days[key])


def _resolve_days_ago(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    raw = (_group(m, "count") or "").lower()
    count = int(raw) if raw.isdigit() else lex.counts.get(raw)
    if count is None:
        raise ResourceError(
            f"{lex.where}: pattern {rule.name!r} matched {raw!r}, which [counts] lacks"
        )
    return _shift(published, -count)


def _resolve_week(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    return None, NOTE_WEEK


def _resolve_weekend(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    return None, NOTE_WEEKEND


def _resolve_month(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    month = lex.months.get(_group(m, "month") or "")
    if month is None:
        return None
    year = _group(m, "year")
    if year is not None:
        return None, _month_note((_year(year), month), None)
    ref, why = _reference_month(published)
    if ref is None:
        return None, _month_note(None, why)
    # the year that puts the month closest to publication: "im Dezember" in January
    best = min(
        ref[0] - 1, ref[0], ref[0] + 1, key=lambda y: abs((y - ref[0]) * 12 + month - ref[1])
    )
    return None, _month_note((best, month), None)


def _resolve_relative_month(
    rule: _Rule, m: re.Match[str], text: str, published: PartialDate | None, lex: _Lexicon
) -> _Resolved | None:
    step = -1 if _group(m, "past") else 1 if _group(m, "future") else 0
    ref, why = _reference_month(published)
    if ref is None:
        return None, _month_note(None, why)
    index = ref[0] * 12 + ref[1] - 1 + step
    return None, _month_note((index // 12, index % 12 + 1), None)


#: How each kind of pattern turns a match into (date, note); None drops the match.
_RESOLVERS: Mapping[str, _Resolver] = {
    "date": _resolve_date,
    "slash_date": _resolve_slash_date,
    "weekday": _resolve_weekday,
    "relative_day": _resolve_relative_day,
    "days_ago": _resolve_days_ago,
    "week": _resolve_week,
    "weekend": _resolve_weekend,
    "month": _resolve_month,
    "relative_month": _resolve_relative_month,
}


def find_time_expressions(
    text: str,
    language: str,
    published: PartialDate | None,
    start: int = 0,
    end: int | None = None,
) -> list[TimeExpression]:
    """Time expressions in ``text[start:end]``, in order, with spans into ``text``.

    Where two patterns overlap, the one that starts first wins, then the longer one ("am
    Freitag, dem 18. Oktober" is one expression, not a weekday and a date).
    """
    limit = len(text) if end is None else end
    if not 0 <= start <= limit <= len(text):
        raise ValueError(f"region {start}..{end} is outside the text (length {len(text)})")
    lex = _lexicon(language)
    candidates: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    for order, rule in enumerate(lex.rules):
        for m in rule.regex.finditer(text, start, limit):
            if m.end() > m.start():
                candidates.append((m.start(), -m.end(), order, rule, m))
    candidates.sort(key=lambda c: c[:3])
    found: list[TimeExpression] = []
    taken = start
    for begin, neg_end, _order, rule, m in candidates:
        if begin < taken:
            continue
        resolved = _RESOLVERS[rule.kind](rule, m, text, published, lex)
        if resolved is None:
            continue
        finish = -neg_end
        found.append(
            TimeExpression(
                Span(begin, finish), text[begin:finish], resolved[0], resolved[1], rule.name
            )
        )
        taken = finish
    return found
