"""Decoding: encodings detected and reported, binary and empty input refused."""

from __future__ import annotations

import pytest

from storytrace.errors import InputError
from storytrace.ingest.decode import Decoded, canonical_encoding, decode_bytes, decode_cp1252

# Invented text: a German local-news sentence with umlauts, ß, typographic quotes and dash.
DE = (
    "Der Gemeinderat von Wiesental hat am Dienstag den Bau eines neuen Freibads beschlossen. "
    "Bürgermeisterin Katrin Sommer sprach von einem „großen Tag für die Familien“ – die "
    "Kosten schätzt die Verwaltung auf rund 4,2 Millionen Euro.\n"
)
# The same without characters outside Latin-1 (no typographic quotes or dash).
DE_LATIN1 = "Die Brücke über die Wiese wird im Frühjahr für 300.000 Euro saniert, heißt es.\n"
EN = "The council of Millbrook approved a new footbridge on Tuesday, the mayor said.\n"


def decode(data: bytes) -> Decoded:
    return decode_bytes(data, "test.txt", min_confidence=0.5)


@pytest.mark.parametrize(
    ("data", "encoding", "note"),
    [
        (DE.encode("utf-8"), "utf-8", "utf-8"),
        (EN.encode("ascii"), "utf-8", "utf-8"),
        (DE.encode("utf-8-sig"), "utf-8", "bom"),
        (DE.encode("utf-16"), "utf-16-le", "bom"),
        (b"\xfe\xff" + DE.encode("utf-16-be"), "utf-16-be", "bom"),
        (DE.encode("utf-32"), "utf-32-le", "bom"),
        (DE.encode("utf-16-le"), "utf-16-le", "detected utf-16-le (no byte-order mark)"),
        (DE.encode("utf-16-be"), "utf-16-be", "detected utf-16-be (no byte-order mark)"),
    ],
)
def test_unicode_encodings_are_recognised(data: bytes, encoding: str, note: str) -> None:
    decoded = decode(data)
    assert decoded.text.strip() == (DE if "ü" in decoded.text else EN).strip()
    assert decoded.encoding == encoding
    assert decoded.note == note
    assert decoded.warnings == ()


@pytest.mark.parametrize(
    ("text", "codec"),
    [(DE * 3, "cp1252"), (DE_LATIN1 * 3, "latin-1"), (DE_LATIN1 * 3, "iso8859-15")],
)
def test_legacy_western_encodings_are_detected_as_cp1252_and_reported(
    text: str, codec: str
) -> None:
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == "cp1252"
    assert decoded.note.startswith("detected cp1252 (confidence ")


def test_other_legacy_encodings_are_not_forced_to_cp1252() -> None:
    text = "Городской совет одобрил строительство нового моста через реку во вторник.\n" * 3
    decoded = decode(text.encode("cp1251"))
    assert decoded.encoding == "cp1251"
    assert decoded.text == text


def test_little_evidence_gives_low_confidence_and_a_warning_below_the_threshold() -> None:
    decoded = decode_bytes("Ärger im Rathaus".encode("cp1252"), "x.txt", min_confidence=0.9)
    assert decoded.encoding == "cp1252"
    assert decoded.note == "detected cp1252 (confidence 0.55, uncertain)"
    assert len(decoded.warnings) == 1
    assert "encoding is uncertain" in decoded.warnings[0]


def test_confident_detection_has_no_warning() -> None:
    decoded = decode_bytes((DE * 3).encode("cp1252"), "x.txt", min_confidence=0.9)
    assert decoded.note == "detected cp1252 (confidence 1.00)"
    assert decoded.warnings == ()


def test_mixed_utf8_and_cp1252_lines_are_decoded_per_line_with_line_numbers() -> None:
    data = (
        DE.encode("utf-8")
        + "Grüße aus dem Tal, schreibt der Leser.\n".encode("cp1252")
        + EN.encode("utf-8")
        + "Die Straße bleibt gesperrt.\n".encode("cp1252")
        + DE.encode("utf-8")
    )
    decoded = decode(data)
    assert decoded.encoding == "utf-8+cp1252"
    assert "Grüße aus dem Tal" in decoded.text
    assert "Die Straße bleibt gesperrt." in decoded.text
    assert decoded.text.count("„großen Tag") == 2
    (warning,) = decoded.warnings
    assert "lines 2, 4 are not valid UTF-8" in warning
    assert decoded.note == "mixed utf-8/cp1252 (2 of 6 lines cp1252)"


def test_single_mixed_line_is_named_in_the_singular() -> None:
    data = DE.encode() + "Köln\n".encode("cp1252")
    (warning,) = decode(data).warnings
    assert "line 2 is not valid UTF-8 and was decoded as cp1252" in warning


def test_a_legacy_file_without_any_utf8_is_not_called_mixed() -> None:
    decoded = decode((DE * 2).encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert decoded.warnings == ()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"),
        (b"SQLite format 3\x00\x10\x00", "an SQLite database"),
        (b"abc\x00\x01\x02\x03\xfe\x00\x00\x07", "binary data (it holds NUL bytes)"),
        (bytes(range(1, 32)) * 4, "binary data (it is mostly control characters)"),
    ],
)
def test_binary_data_is_refused_naming_the_likely_type(data: bytes, expected: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data)
    assert info.value.kind == "binary"
    assert expected in info.value.problem
    assert info.value.source == "test.txt"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty (0 bytes)"),
        (b"   \n\t\r\n  ", "file holds only whitespace (9 bytes)"),
        ("  \n \u00a0\n".encode("utf-16"), "file holds only whitespace (14 bytes)"),
        (b"\xef\xbb\xbf\n", "file holds only whitespace (4 bytes)"),
    ],
)
def test_empty_and_whitespace_only_input_is_refused(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data)
    assert info.value.kind == "empty"
    assert info.value.problem == problem


def test_a_broken_bom_file_is_an_encoding_problem() -> None:
    data = b"\xff\xfe" + "Wiesental".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    with pytest.raises(InputError) as info:
        decode(data)
    assert info.value.kind == "encoding"
    assert "utf-16-le byte-order mark" in info.value.problem


def test_what_and_locator_appear_in_refusals() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"", "crawl.warc", min_confidence=0.5, what="record", locator="record 3")
    assert info.value.problem == "record is empty (0 bytes)"
    assert info.value.locator == "record 3"


@pytest.mark.parametrize(
    ("declared", "data", "encoding", "note", "warns"),
    [
        ("utf-8", DE.encode(), "utf-8", "declared (<meta charset>)", False),
        ("windows-1252", DE.encode("cp1252"), "cp1252", "declared (<meta charset>)", False),
        # Browsers read latin-1 labels as windows-1252.
        ("ISO-8859-1", DE.encode("cp1252"), "cp1252", "declared (<meta charset>)", False),
        ("iso-8859-2", "Łódź i Gdańsk".encode("iso-8859-2"), "iso8859-2", "declared", False),
        # A re-saved page: declared legacy, bytes valid UTF-8.
        ("iso-8859-1", DE.encode(), "utf-8", "utf-8 (declaration overridden)", True),
        # Declared UTF-8 but not: falls back to detection, with a warning.
        ("utf-8", (DE * 3).encode("cp1252"), "cp1252", "detected cp1252", True),
        # Unknown label: detection, with a warning naming it.
        ("x-klingon", (DE * 3).encode("cp1252"), "cp1252", "detected cp1252", True),
    ],
)
def test_declared_encodings(
    declared: str, data: bytes, encoding: str, note: str, warns: bool
) -> None:
    decoded = decode_bytes(
        data, "page.html", min_confidence=0.5, declared=declared, declared_by="<meta charset>"
    )
    assert decoded.encoding == encoding
    assert decoded.note.startswith(note)
    assert bool(decoded.warnings) is warns


def test_unknown_declared_charset_is_named_in_the_warning() -> None:
    decoded = decode_bytes(
        DE.encode(), "p.html", min_confidence=0.5, declared="x-klingon", declared_by="HTTP"
    )
    assert decoded.warnings == (
        "file declares an unknown charset 'x-klingon' (HTTP); detected instead",
    )


def test_decode_cp1252_never_fails_on_undefined_bytes() -> None:
    assert decode_cp1252(b"a\x81b\x9dc\x80") == "a\x81b\x9dc€"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("UTF-8", "utf-8"),
        ("utf8", "utf-8"),
        ("Windows-1252", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ('"iso-8859-15"', "iso8859-15"),
        ("no-such-charset", None),
    ],
)
def test_canonical_encoding(label: str, expected: str | None) -> None:
    assert canonical_encoding(label) == expected
