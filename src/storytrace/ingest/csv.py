"""CSV (and TSV) files with one article per row.

The first row must name the columns, among them ``text`` or ``html`` (and optionally
``url``, ``title``, ``published``, ``outlet``, ``id``; others are ignored). The delimiter
is sniffed with ``csv.Sniffer`` and checked against the header row; quoting is RFC 4180.
Rows are streamed; ``Origin.locator`` is ``"row N"`` counted as a spreadsheet shows them
(header = row 1).

Encoding: a byte-order mark decides; otherwise UTF-8, unless the first 64 KiB are not
UTF-8, in which case the encoding detected there is used for the whole file. A later row
that is not valid UTF-8 is decoded as cp1252 with a warning.

Note: the ``csv`` module refuses fields above a process-wide size limit (128 KiB by
default, smaller than many HTML pages); reading raises it to ``max_document_bytes``
(never lowers it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from storytrace.errors import InputError
from storytrace.ingest.decode import decode_bytes, decode_cp1252, not_text_problem
from storytrace.ingest.fields import METADATA_FIELDS, document_from_fields
from storytrace.ingest.formats import HEAD_BYTES, bom_encoding
from storytrace.ingest.source import Source
from storytrace.model import Origin, RawDocument, Skipped
from storytrace.settings import IngestSettings

_SAMPLE_BYTES = 8 * HEAD_BYTES

#: csv.Sniffer's regular expressions take quadratic time: 64 KiB take seconds, 8 KiB
#: milliseconds, and a few rows are all it needs.
_SNIFF_CHARS = HEAD_BYTES

#: Delimiters the sniffer may choose from: comma, semicolon (German Excel), tab, pipe.
DELIMITERS = ",;\t|"

_EXPECTED_HEADER = "id,url,title,published,outlet,text"


def _choose_delimiter(sample: str, suffix: str) -> str:
    """The delimiter: csv.Sniffer's choice if the header row has it, else the header's own.

    Only the delimiter is taken from the sniffer; quoting stays RFC 4180 (double quotes),
    because the sniffer guesses the quote character from article text full of apostrophes.
    """
    header = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed is not None and sniffed in header:
        return sniffed
    # The sniffer looks at the whole sample, where article text is full of commas; the
    # header row only holds column names, so its most frequent delimiter is the one.
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    return "\t" if suffix == ".tsv" else ","


def _encoding(sample: bytes, source: Source, settings: IngestSettings) -> tuple[str, str, str]:
    """``(codec for the stream, reported encoding, note)``."""
    bom = bom_encoding(sample)
    if bom is not None:
        codec = "utf-8-sig" if bom[0] == "utf-8" else bom[0].rsplit("-", 1)[0]
        return codec, bom[0], "bom"
    try:
        # A sample may end inside a multi-byte character; that is not an error.
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 3:
            decoded = decode_bytes(
                sample, source.name, min_confidence=settings.min_encoding_confidence
            )
            if decoded.encoding not in ("utf-8", "utf-8+cp1252"):
                return decoded.encoding, decoded.encoding, decoded.note
    return "utf-8", "utf-8", "utf-8"


def read_csv(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Skipped]:
    with source.open() as fh:
        sample_bytes = fh.read(_SAMPLE_BYTES)
        not_text = not_text_problem(sample_bytes, source.noun)
        if not_text is not None:
            raise InputError(source.name, not_text[1], kind=not_text[0])
        codec, encoding, note = _encoding(sample_bytes, source, settings)
        fh.seek(0)
        # surrogateescape keeps undecodable bytes, so that one bad row can be repaired
        # (and reported) without losing the rest of the file.
        stream = io.TextIOWrapper(fh, encoding=codec, errors="surrogateescape", newline="")
        sample = stream.read(_SAMPLE_BYTES)
        if not sample.strip() and len(sample) < _SAMPLE_BYTES:
            raise InputError(source.name, f"{source.noun} holds no rows", kind="empty")
        stream.seek(0)
        delimiter = _choose_delimiter(sample[:_SNIFF_CHARS], source.suffix)
        if csv.field_size_limit() < settings.max_document_bytes + 1:
            csv.field_size_limit(settings.max_document_bytes + 1)
        reader = csv.reader(stream, "excel", delimiter=delimiter)
        yield from _rows(reader, source, settings, codec, encoding, note)


def _header(row: list[str], source: Source, number: int) -> list[str]:
    names = [cell.strip().lstrip("\ufeff").lower() for cell in row]
    shown = ", ".join(repr(n) for n in names[:10]) + (", …" if len(names) > 10 else "")
    if "text" not in names and "html" not in names:
        raise InputError(
            source.name,
            f"the CSV header row has no 'text' or 'html' column (found: {shown}); the first "
            f"row must name the columns, e.g. {_EXPECTED_HEADER}",
            kind="unsupported",
            locator=f"row {number}",
        )
    known = {"text", "html", *METADATA_FIELDS}
    doubled = sorted({n for n in names if n in known and names.count(n) > 1})
    if doubled:
        raise InputError(
            source.name,
            f"the CSV header row names {', '.join(repr(n) for n in doubled)} more than once",
            kind="malformed",
            locator=f"row {number}",
        )
    return names


def _rows(
    reader: Iterator[list[str]],
    source: Source,
    settings: IngestSettings,
    codec: str,
    encoding: str,
    note: str,
) -> Iterator[RawDocument | Skipped]:
    number = 1
    rows = 0
    try:
        first = next(reader)
        while not any(cell.strip() for cell in first):  # blank lines before the header
            number += 1
            first = next(reader)
        header = _header(first, source, number)
        for row in reader:
            number += 1
            locator = f"row {number}"
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            if len(row) != len(header):
                yield Skipped(
                    source.name,
                    f"row has {len(row)} fields but the header names {len(header)}; check the "
                    "quoting of fields that contain the delimiter or line breaks",
                    locator=locator,
                    kind="malformed",
                )
                continue
            cells, warnings = _repair(row, number, codec)
            fields = dict(zip(header, cells, strict=True))
            try:
                yield document_from_fields(
                    fields,
                    Origin(source.name, "csv", locator),
                    max_document_bytes=settings.max_document_bytes,
                    container="column",
                    encoding="cp1252" if warnings else encoding,
                    encoding_note="row is not valid UTF-8; decoded as cp1252" if warnings else note,
                    warnings=warnings,
                )
            except InputError as exc:
                yield Skipped(exc.source, exc.problem, locator=exc.locator, kind=exc.kind)
    except csv.Error as exc:
        # After a parse error the reader's position inside the file is unreliable.
        kind = "too_large" if "field larger than field limit" in str(exc) else "malformed"
        yield Skipped(
            source.name,
            f"CSV parsing stopped ({exc}); rows after this one were not read",
            locator=f"row {number + 1}",
            kind=kind,
        )
    except StopIteration:
        raise InputError(source.name, f"{source.noun} holds no rows", kind="empty") from None
    if rows == 0:
        raise InputError(source.name, "the CSV has a header row but no article rows", kind="empty")


#: Undecodable bytes kept by surrogateescape, mapped back to the byte's Latin-1 character.
_SURROGATE_TO_LATIN1 = {0xDC00 + b: b for b in range(0x80, 0x100)}


def _repair(row: list[str], number: int, codec: str) -> tuple[list[str], tuple[str, ...]]:
    """Cells with undecodable bytes (kept as surrogates) re-decoded as cp1252."""
    if not any(_has_surrogates(cell) for cell in row):
        return row, ()
    if not codec.startswith("utf-8"):
        # A legacy codec leaves only its few undefined bytes; the rest decoded fine.
        return [cell.translate(_SURROGATE_TO_LATIN1) for cell in row], ()
    cells = [
        decode_cp1252(cell.encode("utf-8", errors="surrogateescape"))
        if _has_surrogates(cell)
        else cell
        for cell in row
    ]
    return cells, (f"row {number} is not valid UTF-8 and was decoded as cp1252",)


def _has_surrogates(cell: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in cell)
