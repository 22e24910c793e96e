"""Figures as spans: formats, qualifiers, ranges, units, nesting, and numbers that are not figures.

All sentences are invented (a flood in the made-up island state of Norvania, a port strike in
Kelburg, a fictional ministry); none is taken from the seed articles.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storytrace.annotate.quantities import Quantity, find_quantities, mask_names, masked_spans
from storytrace.errors import ResourceError

# (phrase, value, value_max, unit, qualifier, approx)
Row = tuple[str, float, float | None, str | None, str | None, bool]


def _rows(text: str, lang: str) -> list[Row]:
    return [
        (q.span.of(text), q.value, q.value_max, q.unit, q.qualifier, q.approx)
        for q in find_quantities(text, lang)
    ]


def _phrases(text: str, lang: str) -> list[str]:
    return [q.span.of(text) for q in find_quantities(text, lang)]


# --- German: formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # digits, with and without thousands separators
        (
            "Die Regierung schickte 1500 Helfer an die Küste.",
            [("1500 Helfer", 1500.0, None, "Helfer", None, False)],
        ),
        (
            "Die Regierung schickte 1.500 Helfer an die Küste.",
            [("1.500 Helfer", 1500.0, None, "Helfer", None, False)],
        ),
        (
            "Im Hafen warten 12.000 Container.",
            [("12.000 Container", 12000.0, None, "Container", None, False)],
        ),
        (
            "Es seien 600.000 Haushalte ohne Strom.",
            [("600.000 Haushalte", 600000.0, None, "Haushalte", None, False)],
        ),
        # normal space and narrow no-break space as thousands separators
        (
            "Rund 3 000 Freiwillige halfen.",
            [("Rund 3 000 Freiwillige", 3000.0, None, "Freiwillige", "approx", True)],
        ),
        (
            "Es kamen 3\u202f000 Freiwillige.",
            [("3\u202f000 Freiwillige", 3000.0, None, "Freiwillige", None, False)],
        ),
        # decimal comma, scale words, money
        (
            "Der Test kostet nur 0,99€ im ersten Monat.",
            [("0,99€", 0.99, None, "€", None, False)],
        ),
        (
            "Die Insel erhält 1,5 Millionen Euro Soforthilfe.",
            [("1,5 Millionen Euro", 1_500_000.0, None, "Euro", None, False)],
        ),
        (
            "Der Schaden liegt bei 2 Mrd. Euro.",
            [("2 Mrd. Euro", 2_000_000_000.0, None, "Euro", None, False)],
        ),
        (
            "Der Fonds umfasst € 400 Millionen.",
            [("€ 400 Millionen", 400_000_000.0, None, "€", None, False)],
        ),
        # percentages are figures
        (
            "Die Preise stiegen um 3,5 Prozent.",
            [("3,5 Prozent", 3.5, None, "Prozent", None, False)],
        ),
        ("Die Quote lag bei 12 %.", [("12 %", 12.0, None, "%", None, False)]),
        # number words from two upward, compounds
        (
            "Vier Brigaden rückten aus.",
            [("Vier Brigaden", 4.0, None, "Brigaden", None, False)],
        ),
        (
            "Es wurden zehn Boote gesichtet.",
            [("zehn Boote", 10.0, None, "Boote", None, False)],
        ),
        (
            "Zwölftausend Menschen mussten fliehen.",
            [("Zwölftausend Menschen", 12000.0, None, "Menschen", None, False)],
        ),
        (
            "Dort leben zweitausend Fischer und dreihundert Bauern.",
            [
                ("zweitausend Fischer", 2000.0, None, "Fischer", None, False),
                ("dreihundert Bauern", 300.0, None, "Bauern", None, False),
            ],
        ),
        (
            "Es waren zweihunderteinundzwanzig Schiffe.",
            [("zweihunderteinundzwanzig Schiffe", 221.0, None, "Schiffe", None, False)],
        ),
        (
            "Es geht um zwei Millionen Tonnen Getreide.",
            [("zwei Millionen Tonnen", 2_000_000.0, None, "Tonnen", None, False)],
        ),
        (
            "Eine Million Menschen sind betroffen.",
            [("Eine Million Menschen", 1_000_000.0, None, "Menschen", None, False)],
        ),
        # vague numbers are approximate
        (
            "Ein Dutzend Boote fehlt.",
            [("Ein Dutzend Boote", 12.0, None, "Boote", "approx", True)],
        ),
        (
            "Hunderte Helfer und Tausende Anwohner waren unterwegs.",
            [
                ("Hunderte Helfer", 100.0, None, "Helfer", "approx", True),
                ("Tausende Anwohner", 1000.0, None, "Anwohner", "approx", True),
            ],
        ),
        (
            "Es kamen mehrere Tausend Freiwillige.",
            [("mehrere Tausend Freiwillige", 1000.0, None, "Freiwillige", "approx", True)],
        ),
        (
            "Zehntausende von Anwohnern flohen.",
            [("Zehntausende von Anwohnern", 10000.0, None, "Anwohnern", "approx", True)],
        ),
    ],
)
def test_german_formats(text: str, expected: list[Row]) -> None:
    assert _rows(text, "de") == expected


# --- German: qualifiers, ranges, units ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Etwa 10.000 Helfer sind im Einsatz.",
            [("Etwa 10.000 Helfer", 10000.0, None, "Helfer", "approx", True)],
        ),
        (
            "Es sind ca. 20 km bis zur Küste.",
            [("ca. 20 km", 20.0, None, "km", "approx", True)],
        ),
        (
            "Knapp 50 Prozent stimmten zu.",
            [("Knapp 50 Prozent", 50.0, None, "Prozent", "approx", True)],
        ),
        (
            "Mindestens 300 Häuser sind zerstört.",
            [("Mindestens 300 Häuser", 300.0, None, "Häuser", "at_least", True)],
        ),
        (
            "Es sind mehr als 200 Verletzte.",
            [("mehr als 200 Verletzte", 200.0, None, "Verletzte", "at_least", True)],
        ),
        (
            "Bis zu 12.000 Helfer sollen kommen.",
            [("Bis zu 12.000 Helfer", 12000.0, None, "Helfer", "at_most", True)],
        ),
        (
            "Höchstens 40 Boote fahren aus.",
            [("Höchstens 40 Boote", 40.0, None, "Boote", "at_most", True)],
        ),
        (
            "Der Verband will insgesamt 4.000 Zelte liefern.",
            [("insgesamt 4.000 Zelte", 4000.0, None, "Zelte", "total", False)],
        ),
        (
            "Jede Gemeinde bekommt je 600 Decken.",
            [("je 600 Decken", 600.0, None, "Decken", "each", False)],
        ),
        # two qualifiers: the bounding one wins, the span covers both
        (
            "Man wolle insgesamt etwa 10.000 Helfer schicken.",
            [("insgesamt etwa 10.000 Helfer", 10000.0, None, "Helfer", "approx", True)],
        ),
        # ranges
        (
            "Es kamen 10.000 bis 12.000 Helfer.",
            [("10.000 bis 12.000 Helfer", 10000.0, 12000.0, "Helfer", None, False)],
        ),
        (
            "Es kamen 10.000-12.000 Helfer.",
            [("10.000-12.000 Helfer", 10000.0, 12000.0, "Helfer", None, False)],
        ),
        (
            "Die Zahl liegt zwischen 10.000 und 12.000.",
            [("zwischen 10.000 und 12.000", 10000.0, 12000.0, None, None, False)],
        ),
        (
            "Der Schaden liegt zwischen zwei und drei Millionen Euro.",
            [
                (
                    "zwischen zwei und drei Millionen Euro",
                    2_000_000.0,
                    3_000_000.0,
                    "Euro",
                    None,
                    False,
                )
            ],
        ),
        # units: skip adjectives and participles, stop at function words
        (
            "Es wurden 1.500 norvanische Soldaten verlegt.",
            [("1.500 norvanische Soldaten", 1500.0, None, "Soldaten", None, False)],
        ),
        (
            "Es kamen über 3.000 entsandte Helfer.",
            [("über 3.000 entsandte Helfer", 3000.0, None, "Helfer", "at_least", True)],
        ),
        # after a noun, "über" names the topic: reports about 3,000 helpers
        (
            "Es gab Berichte über 3.000 entsandte Helfer.",
            [("3.000 entsandte Helfer", 3000.0, None, "Helfer", None, False)],
        ),
        (
            "Es seien 3.000 bereits ausgebildete Taucher.",
            [("3.000 bereits ausgebildete Taucher", 3000.0, None, "Taucher", None, False)],
        ),
        (
            "Zuvor war von 1.500 die Rede.",
            [("1.500", 1500.0, None, None, None, False)],
        ),
        (
            "Es sollen 3.000 nach Kelburg kommen.",
            [("3.000", 3000.0, None, None, None, False)],
        ),
        (
            "Eine Gesamtzahl von 10.000 bis Dezember wird erwartet.",
            [("10.000", 10000.0, None, None, None, False)],
        ),
    ],
)
def test_german_qualifiers_ranges_units(text: str, expected: list[Row]) -> None:
    assert _rows(text, "de") == expected


# --- distributive and containing figures ----------------------------------------------------


def test_each_inside_containers_german() -> None:
    text = "Es gehe vielleicht sogar um zwei Brigaden mit jeweils 6.000 Mann, sagte sie."
    (q,) = find_quantities(text, "de")
    assert q.span.of(text) == "zwei Brigaden mit jeweils 6.000 Mann"
    assert (q.value, q.unit, q.qualifier) == (2.0, "Brigaden", None)
    assert q.per is not None
    assert q.per.span.of(text) == "jeweils 6.000 Mann"
    assert (q.per.value, q.per.unit, q.per.qualifier, q.per.approx) == (
        6000.0,
        "Mann",
        "each",
        False,
    )


def test_container_without_each_german() -> None:
    text = "Die Agentur meldete, man wolle insgesamt „vier Brigaden mit 12.000 Soldaten“ entsenden."
    (q,) = find_quantities(text, "de")
    assert q.span.of(text) == "insgesamt „vier Brigaden mit 12.000 Soldaten"
    assert (q.value, q.unit, q.qualifier) == (4.0, "Brigaden", "total")
    assert q.per is not None
    assert (q.per.value, q.per.unit, q.per.qualifier) == (12000.0, "Soldaten", None)


def test_no_nesting_without_container_or_each() -> None:
    text = "Es kamen 3.000 Helfer mit 200 Booten."
    assert _rows(text, "de") == [
        ("3.000 Helfer", 3000.0, None, "Helfer", None, False),
        ("200 Booten", 200.0, None, "Booten", None, False),
    ]


@pytest.mark.parametrize(
    ("text", "outer", "inner"),
    [
        ("They spoke of two brigades of 6,000 each.", (2.0, "brigades"), (6000.0, None, "each")),
        (
            "There were two brigades with 6,000 soldiers each.",
            (2.0, "brigades"),
            (6000.0, "soldiers", "each"),
        ),
        (
            "It sent four battalions, each with 800 troops.",
            (4.0, "battalions"),
            (800.0, "troops", "each"),
        ),
        (
            "It sent four brigades of 12,000 soldiers.",
            (4.0, "brigades"),
            (12000.0, "soldiers", None),
        ),
    ],
)
def test_nesting_english(
    text: str, outer: tuple[float, str], inner: tuple[float, str | None, str | None]
) -> None:
    (q,) = find_quantities(text, "en")
    assert (q.value, q.unit) == outer
    assert q.per is not None
    assert (q.per.value, q.per.unit, q.per.qualifier) == inner
    assert q.span.start <= q.per.span.start and q.per.span.end <= q.span.end


# --- English ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials said 1,500 North Korean soldiers were moved.",
            [("1,500 North Korean soldiers", 1500.0, None, "soldiers", None, False)],
        ),
        (
            "The port handled 1.5 million containers.",
            [("1.5 million containers", 1_500_000.0, None, "containers", None, False)],
        ),
        (
            "The fund is worth $1.5 billion.",
            [("$1.5 billion", 1_500_000_000.0, None, "$", None, False)],
        ),
        ("The bill came to $3bn.", [("$3bn", 3_000_000_000.0, None, "$", None, False)]),
        (
            "Inflation was 3.5 percent and 4 per cent.",
            [
                ("3.5 percent", 3.5, None, "percent", None, False),
                ("4 per cent", 4.0, None, "per cent", None, False),
            ],
        ),
        (
            "Twelve thousand people fled.",
            [("Twelve thousand people", 12000.0, None, "people", None, False)],
        ),
        (
            "They counted two hundred and fifty boats.",
            [("two hundred and fifty boats", 250.0, None, "boats", None, False)],
        ),
        (
            "Twenty-one ships docked.",
            [("Twenty-one ships", 21.0, None, "ships", None, False)],
        ),
        (
            "Between 10,000 and 12,000 troops crossed.",
            [("Between 10,000 and 12,000 troops", 10000.0, 12000.0, "troops", None, False)],
        ),
        (
            "Some 10,000 to 12,000 people left.",
            [("Some 10,000 to 12,000 people", 10000.0, 12000.0, "people", "approx", True)],
        ),
        (
            "Donors gave between $5,000 and $15,000 each.",
            [("between $5,000 and $15,000 each", 5000.0, 15000.0, "$", "each", False)],
        ),
        (
            "The group has less than $1.3 million cash on hand.",
            [("less than $1.3 million", 1_300_000.0, None, "$", "at_most", True)],
        ),
        (
            "More than 1 million internally displaced persons.",
            [
                (
                    "More than 1 million internally displaced persons",
                    1e6,
                    None,
                    "persons",
                    "at_least",
                    True,
                )
            ],
        ),
        # noun compounds: the plural head is what is counted
        (
            "She passed three background checks.",
            [("three background checks", 3.0, None, "checks", None, False)],
        ),
        (
            "The economy added 271,000 new payroll positions.",
            [("271,000 new payroll positions", 271000.0, None, "positions", None, False)],
        ),
        (
            "Up to 12,000 troops could follow.",
            [("Up to 12,000 troops", 12000.0, None, "troops", "at_most", True)],
        ),
        (
            "At least 300 homes and more than 200 wounded civilians.",
            [
                ("At least 300 homes", 300.0, None, "homes", "at_least", True),
                ("more than 200 wounded civilians", 200.0, None, "civilians", "at_least", True),
            ],
        ),
        (
            "About 3,000 were evacuated.",
            [("About 3,000", 3000.0, None, None, "approx", True)],
        ),
        (
            "Thousands of people and tens of thousands of tourists.",
            [
                ("Thousands of people", 1000.0, None, "people", "approx", True),
                ("tens of thousands of tourists", 10000.0, None, "tourists", "approx", True),
            ],
        ),
        ("A dozen boats sank.", [("A dozen boats", 12.0, None, "boats", "approx", True)]),
        (
            "In May 3,000 more arrived.",
            [("3,000", 3000.0, None, None, None, False)],
        ),
        (
            "The numbers rose from 1,500 to 3,000.",
            [
                ("1,500", 1500.0, None, None, None, False),
                ("3,000", 3000.0, None, None, None, False),
            ],
        ),
    ],
)
def test_english(text: str, expected: list[Row]) -> None:
    assert _rows(text, "en") == expected


# --- numbers that are not figures --------------------------------------------------------------

#: (mask name or rule, language, text): the text holds no figure at all.
NOT_FIGURES: list[tuple[str, str, str]] = [
    ("url", "de", "Mehr unter https://kelburg.example/p/4m1qd heute."),
    ("url", "en", "See www.example.org/2024/10/story for more."),
    ("email", "de", "Schreiben Sie an 2024@kelburg.example bitte."),
    ("email", "en", "Write to 2024@example.org please."),
    ("phone_cue", "de", "Infos unter Tel. 1234 5678 erhältlich."),
    ("phone_cue", "en", "Call 0800 123 456 for help."),
    ("phone", "de", "Die Hotline +49 30 1234567 ist geschaltet."),
    ("phone", "en", "The hotline is (202) 555-0143 now."),
    ("iso_date", "de", "Stand: 2024-10-21."),
    ("iso_date", "en", "As of 2024-10-21, nothing changed."),
    ("numeric_date", "de", "Die Sitzung am 21.10. fiel aus, die vom 3.1.2025 auch."),
    ("numeric_date", "en", "The hearing on 10/21/2024 was delayed."),
    ("day_month", "de", "Am 21. Oktober tagte der Rat."),
    ("day_month", "en", "The council met on 21 October."),
    ("month_day", "en", "The council met on Oct. 21 in Kelburg."),
    ("month_year", "de", "Die Aufnahme stammt vom Oktober 2024."),
    ("month_year", "en", "The photo dates from October 2024."),
    ("clock_time", "de", "Um 14.30 Uhr begann die Sitzung, um 9 Uhr endete sie."),
    ("clock_time", "en", "The session began at 8 p.m. and ended at 10:45."),
    ("ratio_fraction", "de", "Das Spiel endete 3:1, geöffnet ist 24/7."),
    ("ratio_fraction", "en", "The vote was 7/9 in favour, the match ended 2:0."),
    ("ordinal_after_article", "de", "Der 3. Weltkrieg droht nicht, zum 2. Mal nicht."),
    ("ordinal_before_lowercase", "de", "Die 5. große Welle kam."),
    ("ordinal_before_punctuation", "de", "Das Tor (75.) entschied, danach (80., 94.) nichts."),
    ("ordinal_in_list", "de", "Ergebnis:\n1. Ilse Berger, 2. Jan Novak"),
    ("ordinal", "en", "It was the 21st meeting and the 3rd vote."),
    ("age_after_name", "de", "Anton Berger, 78, winkte."),
    ("age_after_name", "en", "Sandra Berger, 78, waved."),
    ("age_after_name", "en", "It worked, said Ida Kern, 24."),
    ("parenthesised_number", "de", "Prinz Anton (94) winkte."),
    ("parenthesised_number", "en", "Prince Anton (94) waved."),
    ("designator", "de", "Siehe Nr. 5, Artikel 5 und Resolution 2231."),
    ("designator", "en", "See No. 5, Article 5 and Resolution 2231."),
    ("code", "de", "Die F-16 und MH17 sowie COVID-19 und G7."),
    ("code", "en", "The F-16 and the Su-34 jets and the G7."),
    ("compound_modifier", "de", "Die 12-jährigen Kinder der 1950er Jahre, 3-fach."),
    ("compound_modifier", "en", "A 1,500-strong force of the 1990s, a 12-year-old."),
    # rules in code, not masks
    ("year_cue", "de", "Im Jahr 2024 war es ruhig, seit 1990 auch."),
    ("year_cue", "en", "In 2024 it was quiet, since 1990 too."),
    ("year_after_determiner", "en", "A 2009 report and its 2012 record."),
    ("range_after_masked_number", "en", "The poll ran Feb. 11-15 online."),
    ("bare_year", "de", "2023 war es ruhiger. Als 1861 der Krieg begann."),
    ("year_before_adjective", "de", "Das 2013 gegründete Zentrum hilft."),
    ("name_number", "de", "Er nutzt Windows 10 und sieht ORF 2."),
    ("name_number", "en", "He uses Windows 10 and watches Channel 4."),
    ("word_without_noun", "de", "Die zwei gingen, alle drei blieben."),
    ("one_is_not_a_figure", "de", "Das wäre eine Eskalation, sagte ein Sprecher."),
    ("one_is_not_a_figure", "en", "One of them said that one was enough."),
    ("capitalised_word_mid_sentence", "de", "Die Elf gewann, er ließ es außer Acht."),
    ("capitalised_word_mid_sentence", "en", "The Big Four met."),
    ("ordinal_suffix", "de", "Die 1950er und die 2000er."),
    ("sports_table", "de", "Tabelle\n  2. Kelburg SV 30 Punkte"),
]


@pytest.mark.parametrize(
    ("rule", "lang", "text"), NOT_FIGURES, ids=[f"{r}-{lang}" for r, lang, _ in NOT_FIGURES]
)
def test_not_figures(rule: str, lang: str, text: str) -> None:
    found = _phrases(text, lang)
    if rule == "sports_table":
        # the list number goes, the points stay
        assert found == ["30 Punkte"]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("rule", "lang", "text"),
    [case for case in NOT_FIGURES if case[0] in mask_names(case[1])],
)
def test_the_named_mask_is_the_one_that_fires(rule: str, lang: str, text: str) -> None:
    assert rule in {name for name, _span in masked_spans(text, lang)}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_mask_has_a_negative_example(lang: str) -> None:
    covered = {rule for rule, case_lang, _ in NOT_FIGURES if case_lang == lang}
    assert set(mask_names(lang)) <= covered


@pytest.mark.parametrize(
    ("lang", "text", "figure"),
    [
        # positive counterparts of the non-figure rules: similar text that is a figure
        ("de", "Die Zahl der Helfer stieg auf 12.", "12"),
        ("de", "Am Montag kamen 2024 Helfer.", "2024 Helfer"),
        ("de", "Es gab 1500 Anfragen.", "1500 Anfragen"),
        ("de", "Die Stadt meldet 21 Verletzte.", "21 Verletzte"),
        ("de", "Sie zahlten 300 Euro.", "300 Euro"),
        ("en", "In May 3,000 more arrived.", "3,000"),
        ("en", "The team sent 300 boats.", "300 boats"),
        ("en", "There were 14 injured people.", "14 injured people"),
        ("de", "Es kamen 7 Boote, 8 Zelte und 9 Busse.", "9 Busse"),
    ],
)
def test_similar_text_that_is_a_figure(lang: str, text: str, figure: str) -> None:
    assert figure in _phrases(text, lang)


# --- spans, regions, errors ------------------------------------------------------------------


def test_spans_point_into_the_text() -> None:
    text = "Vorspann.\n\nEs kamen etwa 1,5 Millionen Euro und 300 Helfer an."
    for q in find_quantities(text, "de"):
        assert q.unit_span is not None and q.unit is not None
        assert q.unit_span.of(text) == q.unit
        assert q.span.start <= q.unit_span.start and q.unit_span.end <= q.span.end


def test_region_limits_the_search_and_keeps_offsets() -> None:
    text = "Es kamen 300 Helfer. Dann kamen 400 Taucher."
    second = text.index("Dann")
    found = find_quantities(text, "de", start=second)
    assert [q.span.of(text) for q in found] == ["400 Taucher"]
    found = find_quantities(text, "de", end=second)
    assert [q.span.of(text) for q in found] == ["300 Helfer"]


def test_region_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        find_quantities("kurz", "de", start=2, end=10)


def test_unknown_language_names_the_supported_ones() -> None:
    with pytest.raises(ResourceError, match="supported: de, en"):
        find_quantities("12 gatti", "it")


def test_quantity_is_frozen() -> None:
    (q,) = find_quantities("Es kamen 300 Helfer.", "de")
    assert isinstance(q, Quantity)
    with pytest.raises(AttributeError):
        q.value = 1.0  # type: ignore[misc]


# --- the seed articles, read in place ----------------------------------------------------------


@pytest.mark.shared
def test_seed_figures(seeds_dir: Path) -> None:
    found: set[tuple[float, str | None, str | None]] = set()
    nested: set[tuple[float, str | None, float, str | None, str | None]] = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for q in find_quantities(text, "de"):
            found.add((q.value, q.unit, q.qualifier))
            if q.per is not None:
                nested.add((q.value, q.unit, q.per.value, q.per.unit, q.per.qualifier))
    assert {
        (1500.0, "Soldaten", None),
        (3000.0, "Soldaten", None),
        (10000.0, "Soldaten", "approx"),
        (12000.0, "Soldaten", "approx"),
        (600000.0, "Soldaten", None),
    } <= found
    assert (2.0, "Brigaden", 6000.0, "Mann", "each") in nested
    assert (4.0, "Brigaden", 12000.0, "Soldaten", None) in nested


# --- speed -------------------------------------------------------------------------------------

_PARAGRAPHS = [
    "Die Behörden von Norvania meldeten am Dienstag, etwa 2.400 Helfer seien an die Küste "
    "geschickt worden. Nach Angaben des Zivilschutzes wurden zwischen 300 und 450 Häuser "
    "beschädigt, rund 1,2 Millionen Euro Soforthilfe seien bereitgestellt.",
    "Ein Sprecher sagte, man habe im Jahr 2023 zwei Hubschrauber mit jeweils 12 Mann "
    "Besatzung entsandt. Die Zahl der Obdachlosen stieg um 15 Prozent auf 12.000.",
    "Weitere Informationen gibt es unter Nr. 5 der Hotline, die seit dem 3. März geschaltet "
    "ist. Dort arbeiten Hunderte Freiwillige, die eine schwierige Aufgabe übernommen haben "
    "und nicht aufgeben wollen, auch wenn die Lage am Hafen von Kelburg unübersichtlich bleibt.",
    "Im Hafen von Kelburg streiken die Beschäftigten seit Montag. Die Gewerkschaft fordert "
    "mehr Lohn und bessere Schichtpläne; der Betreiber nennt die Forderungen überzogen und "
    "verweist auf die schwierige Lage der Branche im vergangenen Jahr.",
]


def test_speed_one_megabyte_of_german() -> None:
    block = "\n\n".join(_PARAGRAPHS) + "\n\n"
    repeats = 1_000_000 // len(block) + 1
    text = block * repeats
    per_block = len(find_quantities(block, "de"))  # also builds the lexicon outside the timing
    began = time.perf_counter()
    found = find_quantities(text, "de")
    elapsed = time.perf_counter() - began
    assert per_block == 7
    assert len(found) == per_block * repeats
    assert elapsed < 2.0, f"find_quantities took {elapsed:.2f} s for {len(text):,} characters"


# --- malformed resources are refused with the file and the problem -------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["qualifiers"].update(roughly=["etwa"]), "unknown class 'roughly'"),
        (lambda d: d.pop("scales"), "missing key 'scales'"),
        (lambda d: d["units"].update(symbols="%"), "'units.symbols' must be a list of strings"),
        (
            lambda d: d["mask"].append({"name": "x", "what": "w", "regex": "{{nothing}}"}),
            "uses unknown {{nothing}}",
        ),
        (lambda d: d["mask"].append({"name": "x", "regex": "x"}), "missing key 'what'"),
    ],
)
def test_malformed_number_resources_are_refused(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    from storytrace.annotate import quantities

    data = copy.deepcopy(quantities.load_toml("de", "numbers"))
    change(data)
    time_data = quantities.load_toml("de", "time")
    monkeypatch.setattr(
        quantities, "load_toml", lambda lang, name: data if name == "numbers" else time_data
    )
    quantities._lexicon.cache_clear()
    try:
        with pytest.raises(ResourceError, match=re.escape(message)):
            find_quantities("12 Boote", "xx")
    finally:
        quantities._lexicon.cache_clear()
