"""Time expressions and their dates, resolved against the publication date.

Sentences are invented (a port strike in the made-up town of Kelburg, a fictional ministry).
The reference publication date is Monday, 21 October 2024, unless a test says otherwise.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from storytrace.annotate.timeexpr import (
    NOTE_AMBIGUOUS,
    NOTE_NO_SUCH_DATE,
    NOTE_UNKNOWN,
    NOTE_WEEK,
    NOTE_WEEKEND,
    TimeExpression,
    find_time_expressions,
    pattern_names,
    resolve_weekday,
)
from storytrace.errors import ResourceError
from storytrace.model import PartialDate

MONDAY = PartialDate("2024-10-21", "day", "metadata")
MONTH_ONLY = PartialDate("2024-10", "month", "crawler_header")
YEAR_ONLY = PartialDate("2024", "year", "text")

# (pattern, text of the expression, date, note)
Row = tuple[str, str, str | None, str | None]


def _rows(text: str, lang: str, published: PartialDate | None = MONDAY) -> list[Row]:
    return [
        (t.pattern, t.text, t.date, t.note) for t in find_time_expressions(text, lang, published)
    ]


GERMAN: list[tuple[str, list[Row]]] = [
    # weekdays: the most recent such day on or before publication
    (
        "Die Gewerkschaft hatte am Freitag mitgeteilt, der Streik gehe weiter.",
        [("de_weekday", "am Freitag", "2024-10-18", None)],
    ),
    (
        "Der Betreiber sagte am Montag, er wolle verhandeln.",
        [("de_weekday", "am Montag", "2024-10-21", None)],
    ),
    (
        "Der Landrat lud für Dienstagabend zur Versammlung ein.",
        [("de_weekday", "für Dienstagabend", "2024-10-22", None)],
    ),
    (
        "Die Aussage vom vergangenen Freitag gilt nicht mehr.",
        [("de_weekday", "vom vergangenen Freitag", "2024-10-18", None)],
    ),
    (
        "Die Stadt hatte Sonntag gewarnt.",
        [("de_weekday", "Sonntag", "2024-10-20", None)],
    ),
    (
        "Am Donnerstagabend trafen sich beide Seiten.",
        [("de_weekday", "Am Donnerstagabend", "2024-10-17", None)],
    ),
    (
        "Sie hatte Sonnabend geschwiegen.",
        [("de_weekday", "Sonnabend", "2024-10-19", None)],
    ),
    (
        "Am vergangenen Montag begann der Streik.",
        [("de_weekday", "Am vergangenen Montag", "2024-10-14", None)],
    ),
    (
        "Am kommenden Freitag wird verhandelt.",
        [("de_weekday", "Am kommenden Freitag", "2024-10-25", None)],
    ),
    (
        "Bis Freitag soll eine Lösung stehen.",
        [("de_weekday", "Bis Freitag", None, NOTE_AMBIGUOUS)],
    ),
    # relative days
    (
        "Gestern Abend wurde verhandelt, heute früh nicht.",
        [
            ("de_relative_day", "Gestern Abend", "2024-10-20", None),
            ("de_relative_day", "heute früh", "2024-10-21", None),
        ],
    ),
    (
        "Vorgestern kam der Minister, morgen kommt die Ministerin.",
        [
            ("de_relative_day", "Vorgestern", "2024-10-19", None),
            ("de_relative_day", "morgen", "2024-10-22", None),
        ],
    ),
    (
        "Am Vortag hatte die Polizei gewarnt.",
        [("de_day_before", "Am Vortag", "2024-10-20", None)],
    ),
    (
        "Vor zwei Tagen hatte die Polizei gewarnt.",
        [("de_days_ago", "Vor zwei Tagen", "2024-10-19", None)],
    ),
    # dates: the year from publication
    (
        "Am 21. Oktober tagte der Rat.",
        [("de_day_month", "Am 21. Oktober", "2024-10-21", None)],
    ),
    (
        "Der Rat tagte am 21.10. erneut.",
        [("de_numeric_date", "am 21.10.", "2024-10-21", None)],
    ),
    (
        "Am Freitag, dem 18. Oktober, tagte der Rat.",
        [("de_day_month", "Am Freitag, dem 18. Oktober", "2024-10-18", None)],
    ),
    (
        "Die Frist endet am 3. Jan. 2025.",
        [("de_day_month", "am 3. Jan. 2025", "2025-01-03", None)],
    ),
    (
        "Der Stichtag ist der 2024-11-05.",
        [("de_iso_date", "2024-11-05", "2024-11-05", None)],
    ),
    ("Am 31. Februar war nichts.", [("de_day_month", "Am 31. Februar", None, NOTE_NO_SUCH_DATE)]),
    # weeks, weekends and months: no day
    (
        "Vergangene Woche wurde gestreikt, Ende letzter Woche nicht.",
        [
            ("de_week", "Vergangene Woche", None, NOTE_WEEK),
            ("de_week", "Ende letzter Woche", None, NOTE_WEEK),
        ],
    ),
    (
        "In der vergangenen Woche gab es Gespräche.",
        [("de_week", "In der vergangenen Woche", None, NOTE_WEEK)],
    ),
    (
        "Am Wochenende ruhte die Arbeit.",
        [("de_weekend", "Am Wochenende", None, NOTE_WEEKEND)],
    ),
    (
        "Mitte Oktober und Ende Oktober wird gewählt.",
        [
            ("de_month_part", "Mitte Oktober", None, "month, not a day (2024-10)"),
            ("de_month_part", "Ende Oktober", None, "month, not a day (2024-10)"),
        ],
    ),
    (
        "Die Schiffe sollen bis Dezember auslaufen.",
        [("de_month_prep", "bis Dezember", None, "month, not a day (2024-12)")],
    ),
    (
        "Das Foto stammt vom September 2023.",
        [("de_month_prep", "vom September 2023", None, "month, not a day (2023-09)")],
    ),
    (
        "Das Foto stammt aus dem Mai 2023.",
        [("de_month_year", "Mai 2023", None, "month, not a day (2023-05)")],
    ),
    (
        "Im vergangenen Monat wurde gestreikt.",
        [("de_relative_month", "Im vergangenen Monat", None, "month, not a day (2024-09)")],
    ),
]

ENGLISH: list[tuple[str, list[Row]]] = [
    (
        "The union said on Friday that the strike would go on.",
        [("en_weekday", "on Friday", "2024-10-18", None)],
    ),
    (
        "Friday's talks failed, officials said Monday.",
        [
            ("en_weekday", "Friday", "2024-10-18", None),
            ("en_weekday", "Monday", "2024-10-21", None),
        ],
    ),
    ("Talks resume next Tuesday.", [("en_weekday", "next Tuesday", "2024-10-22", None)]),
    ("Last Monday the port closed.", [("en_weekday", "Last Monday", "2024-10-14", None)]),
    ("A deal is due by Friday.", [("en_weekday", "by Friday", None, NOTE_AMBIGUOUS)]),
    (
        "Yesterday and last night the port was quiet.",
        [
            ("en_relative_day", "Yesterday", "2024-10-20", None),
            ("en_relative_day", "last night", "2024-10-20", None),
        ],
    ),
    (
        "The day before yesterday it rained.",
        [("en_relative_day", "The day before yesterday", "2024-10-19", None)],
    ),
    ("Two days ago it rained.", [("en_days_ago", "Two days ago", "2024-10-19", None)]),
    ("The council met on Oct. 21.", [("en_month_day", "on Oct. 21", "2024-10-21", None)]),
    (
        "The council met October 18, 2024.",
        [("en_month_day", "October 18, 2024", "2024-10-18", None)],
    ),
    ("The council met on 21 October.", [("en_day_month", "on 21 October", "2024-10-21", None)]),
    ("It was filed on 2024-10-02.", [("en_iso_date", "2024-10-02", "2024-10-02", None)]),
    ("It was filed on 10/18/2024.", [("en_slash_date", "10/18/2024", "2024-10-18", None)]),
    ("It was filed on 18/10/2024.", [("en_slash_date", "18/10/2024", "2024-10-18", None)]),
    ("It was filed on 5/6/2024.", [("en_slash_date", "5/6/2024", None, NOTE_AMBIGUOUS)]),
    ("Earlier this week it rained.", [("en_week", "Earlier this week", None, NOTE_WEEK)]),
    ("Over the weekend it rained.", [("en_weekend", "Over the weekend", None, NOTE_WEEKEND)]),
    (
        "By mid-October it rained.",
        [("en_month_part", "mid-October", None, "month, not a day (2024-10)")],
    ),
    (
        "The ships leave in December.",
        [("en_month_prep", "in December", None, "month, not a day (2024-12)")],
    ),
    (
        "The photo (May 2023) shows the port.",
        [("en_month_year", "May 2023", None, "month, not a day (2023-05)")],
    ),
    (
        "Last month it rained.",
        [("en_relative_month", "Last month", None, "month, not a day (2024-09)")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GERMAN)
def test_german(text: str, expected: list[Row]) -> None:
    assert _rows(text, "de") == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: list[Row]) -> None:
    assert _rows(text, "en") == expected


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_pattern_has_a_positive_example(lang: str) -> None:
    cases = GERMAN if lang == "de" else ENGLISH
    used = {row[0] for _text, rows in cases for row in rows}
    assert set(pattern_names(lang)) <= used


#: (pattern, language, text): text that the pattern must not take for a time expression.
NOT_TIME: list[tuple[str, str, str]] = [
    ("de_weekday", "de", "Der Freitag ist ein Feiertag, jeden Freitag wird gestreikt."),
    ("de_weekday", "de", "Sie kommt freitags, auch an Karfreitag und zum Rosenmontag."),
    ("de_relative_day", "de", "Der Morgen war kalt, am Morgen auch; die heutige Lage."),
    ("de_day_before", "de", "Der Vortag war ruhig."),
    ("de_days_ago", "de", "Vor zwei Tagungen sprach er."),
    ("de_day_month", "de", "Die 3. Oktoberwoche begann."),
    ("de_numeric_date", "de", "Das Ergebnis lautete 21.13., es kamen 1.500 Helfer."),
    ("de_iso_date", "de", "Die Kennung 2024-13-45 gilt."),
    ("de_week", "de", "Die Woche war lang."),
    ("de_weekend", "de", "Das Wochenende war lang."),
    ("de_month_part", "de", "Am Ende des Oktobers war es kalt."),
    ("de_month_prep", "de", "Der Oktober war nass, ein Bild von August Berger."),
    ("de_month_year", "de", "Die Mai-Kundgebung 2023 fiel aus."),
    ("de_relative_month", "de", "Der Monat war ruhig."),
    ("en_weekday", "en", "Every Friday the port closes, on Good Friday too."),
    ("en_weekday", "en", "They meet on Fridays, not on Black Friday."),
    ("en_relative_day", "en", "Todays and yesterdays are words."),
    ("en_days_ago", "en", "Two days later it rained."),
    ("en_month_day", "en", "Ships may leave; May 3,000 more come?"),
    ("en_day_month", "en", "The 21 Octoberists met."),
    ("en_iso_date", "en", "The code 2024-13-45 holds."),
    ("en_slash_date", "en", "The vote was 31/45/2024 in the table."),
    ("en_week", "en", "The week was long."),
    ("en_weekend", "en", "The weekend was long."),
    ("en_month_part", "en", "The ends of October are cold."),
    ("en_month_prep", "en", "October was wet."),
    ("en_month_year", "en", "The May-2023 list."),
    ("en_relative_month", "en", "The month was quiet."),
    # numbers that are no dates
    ("numbers", "de", "Es kamen 1.500 Helfer und 12.000 Taucher um 14.30 Uhr."),
    ("numbers", "en", "In all, 3,000 people came at 2:30."),
]


@pytest.mark.parametrize(("pattern", "lang", "text"), NOT_TIME)
def test_not_time_expressions(pattern: str, lang: str, text: str) -> None:
    assert find_time_expressions(text, lang, MONDAY) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_pattern_has_a_negative_example(lang: str) -> None:
    covered = {pattern for pattern, case_lang, _ in NOT_TIME if case_lang == lang}
    assert set(pattern_names(lang)) <= covered


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the year wraps: late December in an early-January article is last year's
        ("Am 28. Dezember kam es zum Streit.", PartialDate("2025-01-03", "day"), "2024-12-28"),
        ("Am 3. Januar soll es weitergehen.", PartialDate("2024-12-20", "day"), "2025-01-03"),
        ("Am 3. Januar begann es.", PartialDate("2024-03-01", "day"), "2024-01-03"),
        # a month is enough to place day and month in a year
        ("Am 21. Oktober tagte der Rat.", MONTH_ONLY, "2024-10-21"),
        ("Am 29. Februar tagte der Rat.", PartialDate("2024-03-05", "day"), "2024-02-29"),
    ],
)
def test_year_from_publication(text: str, published: PartialDate, expected: str) -> None:
    (found,) = find_time_expressions(text, "de", published)
    assert found.date == expected and found.note is None


@pytest.mark.parametrize(
    ("text", "published", "note"),
    [
        ("Am Freitag tagte der Rat.", None, NOTE_UNKNOWN),
        (
            "Am Freitag tagte der Rat.",
            MONTH_ONLY,
            "publication date known only to the month (2024-10)",
        ),
        ("Gestern tagte der Rat.", YEAR_ONLY, "publication date known only to the year (2024)"),
        ("Am 21. Oktober tagte der Rat.", None, NOTE_UNKNOWN),
        (
            "Am 21. Oktober tagte der Rat.",
            YEAR_ONLY,
            "publication date known only to the year (2024)",
        ),
        ("Im Dezember tagte der Rat.", None, "month, not a day; publication date unknown"),
    ],
)
def test_unresolvable_without_a_precise_publication_date(
    text: str, published: PartialDate | None, note: str
) -> None:
    (found,) = find_time_expressions(text, "de", published)
    assert found.date is None
    assert found.note == note


def test_an_explicit_year_needs_no_publication_date() -> None:
    (found,) = find_time_expressions("Am 3. Januar 2025 tagte der Rat.", "de", None)
    assert (found.date, found.note) == ("2025-01-03", None)


@pytest.mark.parametrize(
    ("weekday", "published", "expected"),
    [
        (4, MONDAY, ("2024-10-18", None)),  # Friday before a Monday
        (0, MONDAY, ("2024-10-21", None)),  # the publication day itself
        (6, MONDAY, ("2024-10-20", None)),
        (1, MONDAY, ("2024-10-15", None)),  # Tuesday: six days back
        (4, None, (None, NOTE_UNKNOWN)),
        (4, MONTH_ONLY, (None, "publication date known only to the month (2024-10)")),
    ],
)
def test_resolve_weekday(
    weekday: int, published: PartialDate | None, expected: tuple[str | None, str | None]
) -> None:
    assert resolve_weekday(weekday, published) == expected


def test_resolve_weekday_refuses_a_bad_weekday() -> None:
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        resolve_weekday(7, MONDAY)


def test_spans_and_region() -> None:
    text = "Vorspann. Am Freitag tagte der Rat. Gestern nicht."
    second = text.index("Gestern")
    found = find_time_expressions(text, "de", MONDAY, start=second)
    assert [t.text for t in found] == ["Gestern"]
    for t in find_time_expressions(text, "de", MONDAY):
        assert isinstance(t, TimeExpression)
        assert t.span.of(text) == t.text
    with pytest.raises(ValueError, match="outside the text"):
        find_time_expressions(text, "de", MONDAY, start=5, end=500)


def test_unknown_language_names_the_supported_ones() -> None:
    with pytest.raises(ResourceError, match="supported: de, en"):
        find_time_expressions("venerdì", "it", MONDAY)


@pytest.mark.shared
def test_seed_weekdays(seeds_dir: Path) -> None:
    """Every weekday the seed articles mention resolves to the week before 2024-10-21."""
    dates: list[str | None] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        dates += [
            t.date for t in find_time_expressions(text, "de", MONDAY) if t.pattern == "de_weekday"
        ]
    assert "2024-10-18" in dates  # "am Freitag"
    assert all(d is not None and "2024-10-15" <= d <= "2024-10-21" for d in dates)


# --- malformed resources are refused with the file and the problem -------------------------


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            {"name": "x", "kind": "fortnight", "what": "w", "regex": "x"},
            "has kind 'fortnight'; known: date",
        ),
        (
            {"name": "x", "kind": "weekday", "what": "w", "regex": "Freitag"},
            "needs a group named weekday",
        ),
        (
            {"name": "x", "kind": "week", "what": "w", "regex": "{{fortnights}}"},
            "uses unknown {{fortnights}}",
        ),
        ({"name": "x", "kind": "week", "what": "w", "regex": "(unclosed"}, "not a valid regex"),
        ({"name": "x", "kind": "week", "regex": "Woche"}, "needs 'what' and 'regex'"),
    ],
)
def test_malformed_time_patterns_are_refused(
    monkeypatch: pytest.MonkeyPatch, pattern: dict[str, str], message: str
) -> None:
    from storytrace.annotate import timeexpr

    good = timeexpr.load_toml("de", "time")
    broken = {**good, "pattern": [pattern]}
    monkeypatch.setattr(timeexpr, "load_toml", lambda lang, name: broken)
    timeexpr._lexicon.cache_clear()
    try:
        with pytest.raises(ResourceError, match="resources/xx/time.toml: .*" + re.escape(message)):
            find_time_expressions("Freitag", "xx", MONDAY)
    finally:
        timeexpr._lexicon.cache_clear()


def test_speed_one_megabyte_of_german() -> None:
    block = (
        "Die Gewerkschaft hatte am Freitag mitgeteilt, der Streik im Hafen von Kelburg gehe "
        "weiter. Gestern Abend trafen sich beide Seiten, am 21. Oktober soll weiter verhandelt "
        "werden. Vergangene Woche war von 300 Beschäftigten die Rede, Mitte Oktober von mehr.\n\n"
    )
    repeats = 1_000_000 // len(block) + 1
    per_block = len(find_time_expressions(block, "de", MONDAY))  # builds the lexicon
    began = time.perf_counter()
    found = find_time_expressions(block * repeats, "de", MONDAY)
    elapsed = time.perf_counter() - began
    assert per_block == 5
    assert len(found) == per_block * repeats
    assert elapsed < 2.0, f"find_time_expressions took {elapsed:.2f} s for 1 MB"
