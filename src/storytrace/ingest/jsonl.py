"""JSON Lines (one article object per line) and JSON files holding articles.

Accepted shapes, decided by the first non-blank character, whatever the extension:

* ``{`` — JSON Lines, streamed line by line (``Origin.locator`` = ``"line N"``); a bad line
  becomes a ``Skipped`` and the other lines are still read. A pretty-printed single object
  (first line not complete JSON) is accepted as one article when the whole file parses.
* ``[`` — a JSON array of article objects (``"item N"``). It has to be parsed as a whole,
  so it is limited by ``ingest.max_file_bytes``; JSON Lines has no such limit.

Field names: see ``storytrace.ingest.fields``. JSON is UTF-8 (RFC 8259); a line that is not
is decoded as cp1252 with a warning, and UTF-16/32 files are refused with the fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from storytrace.errors import InputError
from storytrace.ingest.decode import decode_bytes, decode_cp1252, not_text_problem
from storytrace.ingest.fields import document_from_fields, json_type
from storytrace.ingest.formats import HEAD_BYTES, bom_encoding
from storytrace.ingest.source import Source, too_large
from storytrace.model import Origin, RawDocument, Skipped
from storytrace.settings import IngestSettings

_UTF8_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 16


def read_jsonl(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Skipped]:
    with source.open() as fh:
        head = fh.read(HEAD_BYTES)
        not_text = not_text_problem(head, source.noun)
        if not_text is not None:
            raise InputError(source.name, not_text[1], kind=not_text[0])
        bom = bom_encoding(head)
        if bom is not None and bom[0] != "utf-8":
            family = bom[0].rsplit("-", 1)[0]  # iconv's "utf-16" reads and drops the mark
            raise InputError(
                source.name,
                f"JSON must be UTF-8, but this {source.noun} is {bom[0]}; convert it, "
                f"e.g. iconv -f {family} -t utf-8",
                kind="encoding",
            )
        first = head.removeprefix(_UTF8_BOM).lstrip()[:1]
        if not first and len(head) < HEAD_BYTES:
            raise InputError(source.name, f"{source.noun} holds only whitespace", kind="empty")
        if first == b"[":
            yield from _read_array(source, settings)
            return
        fh.seek(0)
        first_line = fh.readline(settings.max_document_bytes + 1).removeprefix(_UTF8_BOM)
        if first_line.strip() and not _is_json(first_line):
            # A first line of just "{" is a pretty-printed object, never JSON Lines.
            single = _single_object(source, settings, pretty=first_line.strip() == b"{")
            if single is not None:
                yield single
                return
        fh.seek(0)
        yield from _read_lines(fh, source, settings)


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _single_object(
    source: Source, settings: IngestSettings, *, pretty: bool
) -> RawDocument | Skipped | None:
    """The file as one object, or None if it is not one (then it is read as JSON Lines).

    For a file that is clearly ``pretty`` -printed, a parse error is reported once, for
    the file, instead of once for every line.
    """
    if source.size() > settings.max_file_bytes and not pretty:
        return None
    data = source.read_all(settings.max_file_bytes)
    try:
        value = json.loads(data.removeprefix(_UTF8_BOM))
    except json.JSONDecodeError as exc:
        if not pretty:
            return None
        return Skipped(
            source.name,
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            locator=f"line {exc.lineno}",
            kind="malformed",
        )
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    return _document(value, Origin(source.name, "jsonl"), settings, "utf-8", "utf-8", ())


def _document(
    value: object,
    origin: Origin,
    settings: IngestSettings,
    encoding: str,
    note: str,
    warnings: tuple[str, ...],
) -> RawDocument | Skipped:
    try:
        if not isinstance(value, dict):
            raise InputError(
                origin.source,
                f"expected a JSON object with a 'text' or 'html' field, got {json_type(value)}",
                kind="malformed",
                locator=origin.locator,
            )
        return document_from_fields(
            value,
            origin,
            max_document_bytes=settings.max_document_bytes,
            encoding=encoding,
            encoding_note=note,
            warnings=warnings,
        )
    except InputError as exc:
        return Skipped(exc.source, exc.problem, locator=exc.locator, kind=exc.kind)


def _skip_rest_of_line(fh: BinaryIO) -> int:
    """Consume the rest of an over-long line without keeping it; return its length."""
    skipped = 0
    while True:
        chunk = fh.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _read_lines(
    fh: BinaryIO, source: Source, settings: IngestSettings
) -> Iterator[RawDocument | Skipped]:
    limit = settings.max_document_bytes
    number = 0
    seen_any = False
    while True:
        raw = fh.readline(limit + 2)  # + newline, + one byte to notice an over-long line
        if not raw:
            break
        number += 1
        locator = f"line {number}"
        if number == 1:
            raw = raw.removeprefix(_UTF8_BOM)
        line = raw.rstrip(b"\r\n")
        is_last = not raw.endswith(b"\n")
        size = len(line)
        if is_last and size > limit:
            size += _skip_rest_of_line(fh)  # an over-long line: measure the rest, keep nothing
            is_last = False
        if size > limit:
            yield Skipped(
                source.name,
                too_large(
                    source.name,
                    size,
                    limit,
                    what="line",
                    limit_for="a single document",
                    setting="ingest.max_document_bytes",
                ).problem,
                locator=locator,
                kind="too_large",
            )
            seen_any = True
            continue
        if not line.strip():
            continue
        seen_any = True
        warnings: tuple[str, ...] = ()
        try:
            text = line.decode("utf-8")
            encoding, note = "utf-8", "utf-8"
        except UnicodeDecodeError as exc:
            text = decode_cp1252(line)
            encoding, note = "cp1252", "line is not valid UTF-8; decoded as cp1252"
            warnings = (
                f"line {number} is not valid UTF-8 (byte {exc.start + 1}: {exc.reason}) "
                "and was decoded as cp1252; JSON Lines files should be UTF-8",
            )
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON ({exc.msg} at column {exc.colno})"
            if is_last:
                problem += "; the file may be cut off (the last line has no line break)"
            yield Skipped(source.name, problem, locator=locator, kind="malformed")
            continue
        except RecursionError:
            problem = "not usable JSON (nested too deeply)"
            yield Skipped(source.name, problem, locator=locator, kind="malformed")
            continue
        yield _document(
            value, Origin(source.name, "jsonl", locator), settings, encoding, note, warnings
        )
    if not seen_any:
        raise InputError(source.name, f"{source.noun} holds only blank lines", kind="empty")


def _read_array(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Skipped]:
    data = source.read_all(
        settings.max_file_bytes,
        limit_for="a JSON array (read as a whole)",
        hint="; or write JSON Lines, one article per line, which have no such limit",
    )
    decoded = decode_bytes(
        data, source.name, min_confidence=settings.min_encoding_confidence, what=source.noun
    )
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source.name,
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); a JSON "
            "array is read as a whole, so none of its articles could be used — fix it, or "
            "write one object per line (JSON Lines) so that one bad line costs one article",
            kind="malformed",
            locator=f"line {exc.lineno}",
        ) from None
    except RecursionError:
        raise InputError(
            source.name, "not usable JSON (nested too deeply)", kind="malformed"
        ) from None
    if not isinstance(value, list):  # cannot happen after a leading "[", but keeps types honest
        raise InputError(source.name, "expected a JSON array", kind="malformed")
    if not value:
        raise InputError(source.name, "the JSON array is empty", kind="empty")
    for index, item in enumerate(value, start=1):
        origin = Origin(source.name, "jsonl", f"item {index}")
        yield _document(item, origin, settings, decoded.encoding, decoded.note, decoded.warnings)
