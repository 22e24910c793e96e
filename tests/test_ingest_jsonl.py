"""JSON Lines and JSON array reader: good lines kept, bad lines reported by number."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storytrace.ingest import InputItem, read_item
from storytrace.model import RawDocument, Skipped
from storytrace.settings import DEFAULT_SETTINGS, IngestSettings

INGEST = DEFAULT_SETTINGS.ingest

FREIBAD = {
    "id": "tk-101",
    "url": "https://tal-kurier.example/freibad",
    "title": "Wiesental bekommt ein Freibad",
    "published": "2024-10-22",
    "outlet": "Tal-Kurier",
    "text": "Der Gemeinderat von Wiesental hat am Dienstag den Bau eines Freibads beschlossen.",
}
BRIDGE = {
    "text": "The council of Millbrook approved a new footbridge on Tuesday.",
    "outlet": "Millbrook Gazette",
}


def line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


def read(
    tmp_path: Path, data: bytes, name: str = "artikel.jsonl", settings: IngestSettings = INGEST
) -> list[RawDocument | Skipped]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_item(InputItem(str(path), path, "jsonl"), settings))


def test_good_lines_become_documents_with_metadata(tmp_path: Path) -> None:
    docs = read(tmp_path, line(FREIBAD) + line(BRIDGE))
    assert all(isinstance(d, RawDocument) for d in docs)
    first, second = docs
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.text == FREIBAD["text"]
    assert first.html is None
    assert (first.url, first.title, first.published, first.outlet, first.external_id) == (
        FREIBAD["url"],
        FREIBAD["title"],
        "2024-10-22",
        "Tal-Kurier",
        "tk-101",
    )
    assert first.origin.reader == "jsonl"
    assert first.origin.locator == "line 1"
    assert second.origin.locator == "line 2"
    assert second.outlet == "Millbrook Gazette" and second.title is None


def test_malformed_lines_are_reported_with_line_number_and_good_lines_kept(
    tmp_path: Path,
) -> None:
    data = (
        line(FREIBAD)
        + b'{"text": "Ein Satz." "title": "x"}\n'  # missing comma
        + b"\n"  # blank lines are not articles and not errors
        + line(BRIDGE)
        + b'{"title": "Nur eine Schlagzeile", "url": "https://tal-kurier.example/k"}\n'
        + b'{"text": 42}\n'
        + b'["text", "Ein Satz."]\n'
        + line({**BRIDGE, "title": ["a", "b"]})
        + line(BRIDGE)
    )
    results = read(tmp_path, data)
    kinds = [
        (r.origin.locator if isinstance(r, RawDocument) else (r.locator, r.kind)) for r in results
    ]
    assert kinds == [
        "line 1",
        ("line 2", "malformed"),
        "line 4",
        ("line 5", "malformed"),
        ("line 6", "malformed"),
        ("line 7", "malformed"),
        ("line 8", "malformed"),
        "line 9",
    ]
    problems = {r.locator: r.problem for r in results if isinstance(r, Skipped)}
    assert problems["line 2"] == "not valid JSON (Expecting ',' delimiter at column 22)"
    assert problems["line 5"] == "no 'text' or 'html' field (found: 'title', 'url')"
    assert problems["line 6"] == "'text' must be a string, got number"
    assert problems["line 7"] == ("expected a JSON object with a 'text' or 'html' field, got array")
    assert problems["line 8"] == "'title' must be a string, got array"


def test_a_long_string_under_another_name_is_suggested(tmp_path: Path) -> None:
    (skipped,) = read(tmp_path, line({"maintext": "Wiesental " * 40, "date": "2024-10-22"}))
    assert isinstance(skipped, Skipped)
    assert skipped.problem.endswith(
        "if 'maintext' holds the article, rename it to 'text' (or 'html')"
    )


def test_both_text_and_html_uses_html_and_warns(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, line({"text": "Text.", "html": "<p>Text.</p>"}))
    assert isinstance(doc, RawDocument)
    assert doc.html == "<p>Text.</p>" and doc.text is None
    assert doc.warnings == ("both 'text' and 'html' were given; used 'html'",)


@pytest.mark.parametrize(
    ("obj", "kind", "problem"),
    [
        ({"text": ""}, "empty", "'text' is empty: there is no article text"),
        ({"text": "  \n"}, "empty", "'text' is empty: there is no article text"),
        ({"text": None, "html": None}, "empty", "'text' and 'html' are empty"),
        ({"text": "Satz.", "id": True}, "malformed", "'id' must be a string or an integer"),
        ({"text": "Satz.", "published": 1729591200}, "malformed", "'published' must be a string"),
    ],
)
def test_field_problems(tmp_path: Path, obj: object, kind: str, problem: str) -> None:
    (skipped,) = read(tmp_path, line(obj))
    assert isinstance(skipped, Skipped)
    assert skipped.kind == kind
    assert skipped.problem.startswith(problem)
    assert skipped.locator == "line 1"


def test_integer_id_and_html_payload(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, line({"html": "<p>Wiesental</p>", "id": 42, "text": ""}))
    assert isinstance(doc, RawDocument)
    assert doc.external_id == "42" and doc.html == "<p>Wiesental</p>"


def test_over_long_line_is_refused_and_the_next_line_kept(tmp_path: Path) -> None:
    settings = replace(INGEST, max_document_bytes=200)
    big = line({"text": "Wiesental " * 100})
    results = read(tmp_path, line(BRIDGE) + big + line(BRIDGE), settings=settings)
    assert [type(r).__name__ for r in results] == ["RawDocument", "Skipped", "RawDocument"]
    skipped = results[1]
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "too_large"
    assert skipped.locator == "line 2"
    assert skipped.problem == (
        "line is 1.0 kB; the limit for a single document is 200 bytes "
        "(set ingest.max_document_bytes to raise it)"
    )
    assert results[2].origin.locator == "line 3"  # type: ignore[union-attr]


def test_cut_off_last_line_says_so(tmp_path: Path) -> None:
    results = read(tmp_path, line(FREIBAD) + line(BRIDGE)[:30])
    assert isinstance(results[0], RawDocument)
    skipped = results[1]
    assert isinstance(skipped, Skipped)
    assert skipped.locator == "line 2"
    assert "the file may be cut off" in skipped.problem


def test_a_cp1252_line_is_decoded_with_a_warning(tmp_path: Path) -> None:
    data = line(FREIBAD) + '{"text": "Grüße aus Köln."}\n'.encode("cp1252")
    first, second = read(tmp_path, data)
    assert isinstance(first, RawDocument) and first.warnings == ()
    assert isinstance(second, RawDocument)
    assert second.text == "Grüße aus Köln."
    assert second.encoding == "cp1252"
    assert second.warnings and "line 2 is not valid UTF-8" in second.warnings[0]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, b"\xef\xbb\xbf" + line(FREIBAD))
    assert isinstance(doc, RawDocument) and doc.text == FREIBAD["text"]


def test_utf16_json_lines_are_refused_with_the_fix(tmp_path: Path) -> None:
    (skipped,) = read(tmp_path, line(FREIBAD).decode().encode("utf-16"))
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "encoding"
    assert "iconv -f utf-16 -t utf-8" in skipped.problem


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"\n" * 20_000, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_empty_and_binary_files(tmp_path: Path, data: bytes, kind: str) -> None:
    (skipped,) = read(tmp_path, data)
    assert isinstance(skipped, Skipped) and skipped.kind == kind


def test_json_array_file(tmp_path: Path) -> None:
    data = json.dumps([FREIBAD, {"title": "ohne Text"}, BRIDGE], indent=2).encode()
    results = read(tmp_path, data, name="artikel.json")
    assert [r.origin.locator if isinstance(r, RawDocument) else r.locator for r in results] == [
        "item 1",
        "item 2",
        "item 3",
    ]
    assert isinstance(results[1], Skipped) and results[1].kind == "malformed"


def test_broken_json_array_is_one_refusal_with_the_position(tmp_path: Path) -> None:
    data = b'[\n  {"text": "Ein Satz."},\n  {"text": "Noch einer."\n  {"text": "x"}\n]'
    (skipped,) = read(tmp_path, data, name="artikel.json")
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "malformed"
    assert skipped.locator == "line 4"
    assert skipped.problem.startswith(
        "not valid JSON (Expecting ',' delimiter at line 4, column 3)"
    )


def test_empty_json_array(tmp_path: Path) -> None:
    (skipped,) = read(tmp_path, b"[]", name="artikel.json")
    assert isinstance(skipped, Skipped) and skipped.kind == "empty"


def test_pretty_printed_single_object(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, json.dumps(FREIBAD, indent=2).encode(), name="artikel.json")
    assert isinstance(doc, RawDocument)
    assert doc.title == FREIBAD["title"] and doc.origin.locator is None


def test_broken_pretty_printed_object_is_reported_once(tmp_path: Path) -> None:
    data = json.dumps(FREIBAD, indent=2).encode().replace(b'",\n  "title"', b'"\n  "title"')
    (skipped,) = read(tmp_path, data, name="artikel.json")
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "malformed"
    assert skipped.problem.startswith("not valid JSON (Expecting ',' delimiter at line 4")


def test_large_json_array_is_refused_by_size(tmp_path: Path) -> None:
    settings = replace(INGEST, max_file_bytes=100)
    data = json.dumps([FREIBAD, BRIDGE]).encode()
    (skipped,) = read(tmp_path, data, name="artikel.json", settings=settings)
    assert isinstance(skipped, Skipped) and skipped.kind == "too_large"


def test_large_json_array_message_points_to_json_lines(tmp_path: Path) -> None:
    settings = replace(INGEST, max_file_bytes=100)
    (skipped,) = read(tmp_path, json.dumps([FREIBAD]).encode(), "a.json", settings=settings)
    assert isinstance(skipped, Skipped)
    assert "the limit for a JSON array (read as a whole) is 100 bytes" in skipped.problem
    assert "or write JSON Lines" in skipped.problem


def test_content_after_many_blank_lines_is_found(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, b"\n" * 20_000 + line(FREIBAD))
    assert isinstance(doc, RawDocument) and doc.origin.locator == "line 20001"
