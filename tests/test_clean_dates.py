"""Reading dates with their precision (storytrace.clean.dates)."""

from __future__ import annotations

import pytest

from storytrace.clean.dates import DateReader, date_reader, html_date, refine
from storytrace.model import PartialDate


@pytest.fixture(scope="module")
def reader() -> DateReader:
    return date_reader(("de", "en"))


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2024", "2024", "year"),
        ("2024-10", "2024-10", "month"),
        ("2024-10-21", "2024-10-21", "day"),
        ("2024-10-21T08:15:00Z", "2024-10-21", "day"),
        ("2024-10-21T08:15:00.123+02:00", "2024-10-21", "day"),
        ("2024-10-21 08:15", "2024-10-21", "day"),
        ("20241021", "2024-10-21", "day"),
        ("Mon, 21 Oct 2024 08:15:00 GMT", "2024-10-21", "day"),
        ("21. Oktober 2024", "2024-10-21", "day"),
        ("3. Jänner 2023", "2023-01-03", "day"),
        ("Oct. 21, 2024", "2024-10-21", "day"),
        ("21 October 2024", "2024-10-21", "day"),
        ("21.10.2024", "2024-10-21", "day"),
    ],
)
def test_parse_value(reader: DateReader, raw: str, value: str, precision: str) -> None:
    parsed = reader.parse_value(raw, "metadata")
    assert parsed == PartialDate(value, precision, "metadata")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "raw",
    ["", "next tuesday", "2024-13", "2024-02-30", "31. Februar 2024", "10/21/2024", "Oktober 2024"],
)
def test_parse_value_refuses(reader: DateReader, raw: str) -> None:
    assert reader.parse_value(raw, "metadata") is None


def test_find_in_text(reader: DateReader) -> None:
    text = "Am 3. Mai 2023 und am 2023-06-01, nicht am 121.10.2024 oder 32.1.2023."
    assert [f.date.value for f in reader.find(text)] == ["2023-05-03", "2023-06-01"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kiel, 3. Mai 2023 – Die Fähre fährt wieder.", "2023-05-03"),
        ("21.10.2024 - Die Fähre fährt wieder.", "2024-10-21"),
        ("Am 3. Mai 2023 fuhr die Fähre wieder.", None),
        ("3. Mai 2023: Ein Tag, den niemand vergisst.", None),
    ],
)
def test_dateline_date(reader: DateReader, text: str, value: str | None) -> None:
    found = reader.dateline_date(text)
    assert (found.value if found else None) == value


@pytest.mark.parametrize(
    ("url", "value", "precision"),
    [
        ("https://example.org/2023/05/14/faehre", "2023-05-14", "day"),
        ("https://example.org/news/2023-05-14-faehre.html", "2023-05-14", "day"),
        ("https://example.org/2023/05/faehre.html", "2023-05", "month"),
        ("https://example.org/faehre-2023", None, None),
        ("https://example.org/2023/13/01/x", None, None),
    ],
)
def test_from_url(reader: DateReader, url: str, value: str | None, precision: str | None) -> None:
    found = reader.from_url(url)
    assert (found.value if found else None, found.precision if found else None) == (
        value,
        precision,
    )


@pytest.mark.parametrize(
    ("value", "html", "expected"),
    [
        ("2023-05-14", "", ("2023-05-14", "day")),
        ("2023-05-01", '<meta content="2023-05-01T10:00">', ("2023-05-01", "day")),
        ("2023-05-01", '<meta content="2023-05">', ("2023-05", "month")),
        ("2023-01-01", '<meta content="2023">', ("2023", "year")),
        ("not a date", "", None),
    ],
)
def test_html_date_never_invents_a_day(
    value: str, html: str, expected: tuple[str, str] | None
) -> None:
    found = html_date(value, html)
    assert ((found.value, found.precision) if found else None) == expected


def test_refine() -> None:
    month = PartialDate("2024-10", "month", "crawler_header")
    day = PartialDate("2024-10-21", "day", "dateline")
    other = PartialDate("2023-01-02", "day", "text")
    assert refine(None, [month, day]) == day
    assert refine(None, [month, other]) == month
    assert refine(None, [day, month]) == day
    assert refine(None, []) is None
