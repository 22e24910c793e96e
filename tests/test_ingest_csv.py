"""CSV reader: header contract, dialect sniffing, per-row problems."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from storytrace.ingest import InputItem, read_item
from storytrace.model import RawDocument, Skipped
from storytrace.settings import DEFAULT_SETTINGS

INGEST = DEFAULT_SETTINGS.ingest

ROWS = [
    {
        "id": "tk-101",
        "url": "https://tal-kurier.example/freibad",
        "title": "Wiesental bekommt ein Freibad",
        "published": "2024-10-22",
        "outlet": "Tal-Kurier",
        # Commas, a semicolon, quotes and a line break inside the field.
        "text": (
            "Der Gemeinderat hat, wie erwartet, zugestimmt; „ein großer Tag“.\n"
            '"Endlich", sagt Sommer.'
        ),
    },
    {
        "id": "mg-7",
        "url": "https://millbrook-gazette.example/bridge",
        "title": "New footbridge approved",
        "published": "2024-10-23",
        "outlet": "Millbrook Gazette",
        "text": "The council of Millbrook approved a new footbridge on Tuesday.",
    },
]


def write_csv(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def read(tmp_path: Path, data: bytes, name: str = "artikel.csv") -> list[RawDocument | Skipped]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_item(InputItem(str(path), path, "csv"), INGEST))


@pytest.mark.parametrize(
    ("delimiter", "name"), [(",", "artikel.csv"), (";", "artikel.csv"), ("\t", "artikel.tsv")]
)
def test_rows_become_documents(tmp_path: Path, delimiter: str, name: str) -> None:
    docs = read(tmp_path, write_csv(ROWS, delimiter).encode(), name)
    assert len(docs) == 2
    first, second = docs
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.text == ROWS[0]["text"]
    assert (first.url, first.title, first.published, first.outlet, first.external_id) == (
        ROWS[0]["url"],
        ROWS[0]["title"],
        "2024-10-22",
        "Tal-Kurier",
        "tk-101",
    )
    assert first.origin.reader == "csv"
    assert (first.origin.locator, second.origin.locator) == ("row 2", "row 3")


def test_header_without_text_column_is_refused_with_the_expected_header(tmp_path: Path) -> None:
    (skipped,) = read(tmp_path, b"titel,inhalt\nFreibad,Der Gemeinderat hat zugestimmt.\n")
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "unsupported"
    assert "no 'text' or 'html' column (found: 'titel', 'inhalt')" in skipped.problem
    assert "id,url,title,published,outlet,text" in skipped.problem


def test_a_file_without_header_is_refused(tmp_path: Path) -> None:
    data = b"Freibad,Der Gemeinderat hat zugestimmt.\nBruecke,Die Bruecke wird saniert.\n"
    (skipped,) = read(tmp_path, data)
    assert isinstance(skipped, Skipped) and skipped.kind == "unsupported"


def test_bad_rows_are_reported_and_good_rows_kept(tmp_path: Path) -> None:
    data = (
        "title,text\n"
        "Freibad,Der Gemeinderat hat zugestimmt.\n"
        "Zu viele,Felder,hier\n"
        "Leer,\n"
        ",,\n"  # an empty row is not an article and not an error
        "Brücke,Die Brücke wird saniert.\n"
    ).encode()
    results = read(tmp_path, data)
    summary = [
        (r.origin.locator, "doc") if isinstance(r, RawDocument) else (r.locator, r.kind)
        for r in results
    ]
    assert summary == [
        ("row 2", "doc"),
        ("row 3", "malformed"),
        ("row 4", "empty"),
        ("row 6", "doc"),
    ]
    assert "row has 3 fields but the header names 2" in results[1].problem  # type: ignore[union-attr]


def test_html_column(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, b'url,html\nhttps://a.example/x,"<p>Wiesental, Freibad</p>"\n')
    assert isinstance(doc, RawDocument) and doc.html == "<p>Wiesental, Freibad</p>"


def test_cp1252_file_is_detected(tmp_path: Path) -> None:
    (doc, _) = read(tmp_path, write_csv(ROWS, ";").encode("cp1252"))
    assert isinstance(doc, RawDocument)
    assert doc.text == ROWS[0]["text"]
    assert doc.encoding == "cp1252"
    assert doc.encoding_note is not None and doc.encoding_note.startswith("detected cp1252")


def test_a_late_cp1252_row_is_repaired_with_a_warning(tmp_path: Path) -> None:
    filler = [
        {"title": f"Meldung {n}", "text": "Kurze Meldung aus Wiesental, ohne Umlaute."}
        for n in range(2000)
    ]  # pushes the bad row past the 64 KiB sample
    data = write_csv(filler).encode() + "Grüße,Grüße aus Köln.\r\n".encode("cp1252")
    results = read(tmp_path, data)
    last = results[-1]
    assert isinstance(last, RawDocument)
    assert last.text == "Grüße aus Köln." and last.encoding == "cp1252"
    assert last.warnings == ("row 2002 is not valid UTF-8 and was decoded as cp1252",)
    assert all(isinstance(r, RawDocument) and not r.warnings for r in results[:-1])


def test_fields_larger_than_the_csv_default_limit(tmp_path: Path) -> None:
    text = "Der Gemeinderat hat zugestimmt. " * 10_000  # 320 kB, above csv's 128 KiB default
    (doc,) = read(tmp_path, write_csv([{"title": "lang", "text": text}]).encode())
    assert isinstance(doc, RawDocument) and doc.text == text


def test_duplicate_columns_are_refused(tmp_path: Path) -> None:
    (skipped,) = read(tmp_path, b"text,title,text\na,b,c\n")
    assert isinstance(skipped, Skipped) and skipped.kind == "malformed"
    assert "'text' more than once" in skipped.problem


@pytest.mark.parametrize(
    ("data", "kind"), [(b"", "empty"), (b"\n\n", "empty"), (b"PK\x03\x04\x14\x00", "binary")]
)
def test_empty_and_binary_csv(tmp_path: Path, data: bytes, kind: str) -> None:
    (skipped,) = read(tmp_path, data)
    assert isinstance(skipped, Skipped) and skipped.kind == kind


def test_header_only_is_reported_as_empty(tmp_path: Path) -> None:
    (skipped,) = read(tmp_path, b"title,text\n\n")
    assert isinstance(skipped, Skipped) and skipped.kind == "empty"
    assert skipped.problem == "the CSV has a header row but no article rows"


def test_blank_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, b"\n\ntitle,text\nFreibad,Der Gemeinderat hat zugestimmt.\n")
    assert isinstance(doc, RawDocument) and doc.origin.locator == "row 4"


def test_apostrophes_in_text_do_not_change_the_quoting(tmp_path: Path) -> None:
    rows = [
        {"title": f"Meldung {n}", "text": "'s Rathaus sagt, 'so nicht', und 'gut' ist's."}
        for n in range(5)
    ]
    docs = read(tmp_path, write_csv(rows).encode())
    assert [d.text for d in docs if isinstance(d, RawDocument)] == [r["text"] for r in rows]
