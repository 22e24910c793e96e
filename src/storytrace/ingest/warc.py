"""WARC and WARC.gz files (and ARC, which warcio reads the same way) via warcio.

Articles are ``response`` records with status 200 and an HTML content type, ``resource``
records with ``text/html`` or ``text/plain``, and ``conversion`` records with ``text/plain``
(Common Crawl's WET files). Everything else in a crawl (requests, metadata, warcinfo,
revisits, redirects, images, scripts) is not an article and is passed over without a
message. ``Origin.locator`` is ``"record N"``, 1-based among all records of the file.

warcio stops quietly at a truncated gzip member and hands out a short body for a record
cut off in an uncompressed file, so damage is detected here: every record must have its
mandatory headers, its body must be as long as its Content-Length says, and the records
read must account for the whole file. What came before the damage is still yielded.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataException, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import StatusAndHeadersParserException

from storytrace.errors import InputError
from storytrace.ingest.decode import decode_bytes
from storytrace.ingest.formats import HEAD_BYTES, HTML_START, head_text
from storytrace.ingest.html import HTML_MEDIA_TYPES, decode_html, find_url
from storytrace.ingest.source import Source, too_large
from storytrace.model import Origin, RawDocument, Skipped
from storytrace.settings import IngestSettings

#: Exceptions that mean the record stream is damaged (as opposed to a bug of ours).
DAMAGE: tuple[type[BaseException], ...] = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    ChunkedDataException,
    zlib.error,
    gzip.BadGzipFile,
    EOFError,
    ValueError,
)

#: Media type and charset of a Content-Type header value.
CONTENT_TYPE = re.compile(
    r"""^\s*(?P<type>[^;\s]+)(?:.*?;\s*charset\s*=\s*["']?(?P<charset>[^"';\s]+))?""",
    re.IGNORECASE,
)

#: warcio's marker for a whole-file gzip (one member for all records) instead of one
#: member per record; such files are valid and are read through Python's gzip module.
_WHOLE_FILE_GZIP = "non-chunked gzip"

#: At most this many bytes may trail the last record (blank lines, padding) before the
#: rest of a file counts as damage.
_TRAILING_SLACK = 16

#: warcio 1.8 fails with AttributeError/TypeError on some header blocks that are cut short
#: (e.g. a missing target URI); only the call that parses the next header is guarded this
#: broadly.
_NEXT_DAMAGE: tuple[type[BaseException], ...] = (*DAMAGE, AttributeError, TypeError)

_CHUNK = 1 << 16


class _QuietReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, but a corrupt gzip block is recorded instead of printed to stderr."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.errors: list[str] = []
        #: The last gzip member ended before its end-of-stream marker (truncated file).
        self.incomplete = False

    def close_decompressor(self) -> None:
        # warcio calls this when the records run out; a gzip member that is still open
        # then was cut off, which warcio itself does not report.
        if self.decompressor is not None and not getattr(self.decompressor, "eof", True):
            self.incomplete = True
        super().close_decompressor()

    def _decompress(self, data: bytes) -> bytes:
        # warcio prints and returns b"" here once a member is partly decompressed; the
        # first block keeps warcio's own handling (it detects uncompressed input there).
        if self.decompressor and data and self.num_block_read > 0:
            try:
                result: bytes = self.decompressor.decompress(data)
            except zlib.error as exc:
                self.errors.append(f"corrupt gzip data: {exc}")
                return b""
            return result
        return bytes(super()._decompress(data))


class _Archive(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without writes to stderr; problems are counted in ``err_count``."""

    INC_RECORD = ""  # the "Content-Length is invalid" warning warcio would print

    def __init__(self, fileobj: Any) -> None:
        super().__init__(fileobj, arc2warc=True)
        # Nothing has been read yet, so the reader can still be swapped for the quiet one.
        # A second reference survives close(), which sets ``reader`` to None.
        self.quiet = self.reader = _QuietReader(self.fh)


class _Truncated(Exception):
    """A record's body ends before its Content-Length says it should."""


def _content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    match = CONTENT_TYPE.match(value)
    if not match:
        return "", None
    return match.group("type").lower(), match.group("charset")


def _article_type(record: Any) -> tuple[str, str | None] | None:
    """``(media type, charset)`` for records that may hold an article, else None."""
    kind = record.rec_type
    if kind == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return None
        media, charset = _content_type(http.get_header("Content-Type"))
        return (media, charset) if media in HTML_MEDIA_TYPES or not media else None
    if kind in ("resource", "conversion"):
        media, charset = _content_type(record.rec_headers.get_header("Content-Type"))
        if media == "text/plain" or (kind == "resource" and media in HTML_MEDIA_TYPES):
            return media, charset
    return None


def _drain(record: Any) -> None:
    """Read the rest of the record; raise ``_Truncated`` if it is shorter than declared."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    if isinstance(raw, LimitReader) and raw.limit > 0:
        raise _Truncated


def _read_body(record: Any, limit: int) -> tuple[bytes | None, int]:
    """Up to ``limit`` bytes of the payload (None if it is longer) and its full size."""
    stream = record.content_stream()
    body = stream.read(limit + 1)
    size = len(body)
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
    _drain(record)
    return (body if size <= limit else None), size


def _reason(exc: BaseException | str) -> str:
    if isinstance(exc, str):
        return exc
    text = " ".join(str(exc).split())
    if isinstance(exc, ArchiveLoadFailed) and "\\x1f\\x8b" in text:
        # warcio falls back to reading a gzip member it cannot inflate as plain text.
        return "a gzip member is corrupt and cannot be decompressed"
    if len(text) > 120:
        text = text[:117] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _skipped(exc: InputError) -> Skipped:
    return Skipped(exc.source, exc.problem, locator=exc.locator, kind=exc.kind)


class _Damage(Exception):
    """The record stream breaks off; carries what the ``Skipped`` needs."""

    def __init__(self, number: int, reason: BaseException | str, *, at_end: bool) -> None:
        super().__init__(_reason(reason))
        self.number = number
        self.reason = reason
        self.at_end = at_end


def read_warc(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Skipped]:
    size = source.size()
    if size == 0:
        raise InputError(source.name, f"{source.noun} is empty (0 bytes)", kind="empty")
    state = _State()
    with source.open() as fh:
        try:
            yield from _records(_Archive(fh), source, settings, state, size=size, fh=fh)
            return
        except _Damage as damage:
            whole_file_gzip = _WHOLE_FILE_GZIP in str(damage.reason)
            if not whole_file_gzip:
                yield _damaged(source, damage, state)
                return
    # A whole-file gzip: read it again, decompressed here, and skip what was yielded.
    with source.open() as fh:
        done, reported = state.number, state.reported
        state = _State()
        state.unit = "offset (in the decompressed data)"
        state.reported = reported
        unzipped = _Gunzip(fh)
        try:
            yield from _records(
                _Archive(unzipped), source, settings, state, skip=done, gunzip=unzipped
            )
        except _Damage as damage:
            yield _damaged(source, damage, state)


class _Gunzip:
    """A gzip stream decompressed on the fly, for whole-file-gzip WARCs.

    Unlike ``gzip.GzipFile`` it hands out everything that could be decompressed before it
    raises ``EOFError`` for a truncated file, so the records before the cut survive.
    """

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._inflate = zlib.decompressobj(wbits=31)
        self._buffer = b""
        self._offset = 0
        #: Set when the compressed data ended before its end-of-stream marker.
        self.truncated = False

    def tell(self) -> int:
        return self._offset

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            if self._inflate.eof:
                rest = self._inflate.unused_data or self._fh.read(_CHUNK)
                if not rest.strip(b"\0"):
                    break  # the end (NUL padding after the last member is tolerated)
                # Another gzip member follows (concatenated files).
                self._inflate = zlib.decompressobj(wbits=31)
                self._buffer += self._inflate.decompress(rest)
                continue
            chunk = self._fh.read(_CHUNK)
            if not chunk:
                self.truncated = True
                if self._buffer:
                    break
                raise EOFError("compressed file ended before the end-of-stream marker")
            self._buffer += self._inflate.decompress(chunk)
        if size < 0:
            size = len(self._buffer)
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        self._offset += len(out)
        return out


class _State:
    """Progress through the record stream, for the message when it breaks off."""

    def __init__(self) -> None:
        self.number = 0  # records seen
        self.end = 0  # byte offset just past the last complete record
        self.unit = "byte offset"  # offsets count decompressed bytes for whole-file gzip
        self.reported = 0  # documents and refusals yielded


def _damaged(source: Source, damage: _Damage, state: _State) -> Skipped:
    complete = damage.number - 1
    records = f"{complete} complete record" + ("" if complete == 1 else "s")
    reason = _reason(damage.reason)
    if complete == 0 and isinstance(damage.reason, ArchiveLoadFailed):
        return Skipped(
            source.name,
            f"not a WARC file ({reason}); pass WARC/1.0 or 1.1 files, optionally "
            "gzip-compressed per record (.warc.gz)",
            kind="malformed",
        )
    if damage.at_end:
        problem = (
            f"WARC file ends inside a record (truncated download?) after {records}; "
            f"the damage starts at {state.unit} {state.end} ({reason})"
        )
    else:
        problem = (
            f"WARC file is damaged at {state.unit} {state.end}, after {records} "
            f"({reason}); the records after it could not be read"
        )
    return Skipped(source.name, problem, locator=f"record {damage.number}", kind="truncated")


def _records(
    archive: _Archive,
    source: Source,
    settings: IngestSettings,
    state: _State,
    *,
    size: int | None = None,
    fh: BinaryIO | None = None,
    skip: int = 0,
    gunzip: _Gunzip | None = None,
) -> Iterator[RawDocument | Skipped]:
    """Yield the articles of ``archive``; raise ``_Damage`` where the stream breaks off.

    ``size``/``fh`` enable the check that the records cover the whole file (not possible
    through a gzip stream); ``skip`` passes over records already yielded; ``gunzip`` is the
    decompressing stream of a whole-file gzip, which knows whether it was cut off.
    """
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except _NEXT_DAMAGE as exc:
            raise _Damage(state.number + 1, exc, at_end=isinstance(exc, EOFError)) from None
        state.number += 1
        number = state.number
        if record.rec_type is None or record.length is None:
            # Both headers are mandatory; warcio hands out such a "record" when the file
            # ends inside a record's header block.
            raise _Damage(number, "record header is incomplete", at_end=True)
        errors_before = archive.err_count
        document: RawDocument | Skipped | None = None
        try:
            wanted = _article_type(record) if number > skip else None
            if wanted is None:
                _drain(record)
            else:
                document = _document(record, wanted, source, f"record {number}", settings)
            end = archive.get_record_offset() + archive.get_record_length()
        except _Truncated:
            raise _Damage(number, "record body is cut short", at_end=True) from None
        except DAMAGE as exc:
            raise _Damage(number, exc, at_end=isinstance(exc, EOFError)) from None
        if archive.quiet.errors:
            raise _Damage(number, archive.quiet.errors[0], at_end=False)
        state.end = end
        if archive.err_count > errors_before and document is not None:
            document = Skipped(
                source.name,
                "the record's Content-Length does not match its content (damaged record); "
                "it was not used",
                locator=f"record {number}",
                kind="malformed",
            )
        if document is not None:
            state.reported += 1
            yield document
    # warcio takes an EOFError between records for the end of the file, so a cut-off gzip
    # stream has to be asked.
    if archive.quiet.incomplete or (gunzip is not None and gunzip.truncated):
        raise _Damage(state.number + 1, "gzip data ends early", at_end=True)
    if size is not None and fh is not None and _has_data_after(fh, state.end, size):
        raise _Damage(state.number + 1, "incomplete record at the end", at_end=True)
    if state.number == 0:
        raise InputError(source.name, "WARC file holds no records", kind="empty")
    if state.reported == 0:
        raise InputError(
            source.name,
            f"none of the {state.number} records is an article (a response with status 200 "
            "and an HTML content type, or a text/html or text/plain resource)",
            kind="no_text",
        )


def _has_data_after(fh: BinaryIO, offset: int, size: int) -> bool:
    if size - offset > _TRAILING_SLACK:
        return True
    fh.seek(offset)
    return bool(fh.read(_TRAILING_SLACK + 1).strip())


def _unsupported_encoding(record: Any) -> str | None:
    http = record.http_headers
    if http is None:
        return None
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    supported = BufferedReader.get_supported_decompressors()
    if encoding and encoding != "identity" and encoding not in supported:
        return encoding
    return None


def _document(
    record: Any,
    wanted: tuple[str, str | None],
    source: Source,
    locator: str,
    settings: IngestSettings,
) -> RawDocument | Skipped | None:
    media, charset = wanted
    unsupported = _unsupported_encoding(record)
    body, body_size = _read_body(record, settings.max_document_bytes)
    if unsupported is not None:
        return Skipped(
            source.name,
            f"the page is compressed with Content-Encoding {unsupported!r}, which cannot be "
            "decoded here",
            locator=locator,
            kind="unsupported",
        )
    if body is None:
        return _skipped(
            too_large(
                source.name,
                body_size,
                settings.max_document_bytes,
                what="record",
                limit_for="a single document",
                setting="ingest.max_document_bytes",
                locator=locator,
            )
        )
    if not media and not HTML_START.match(head_text(body[:HEAD_BYTES])):
        return None  # no Content-Type and no HTML: some asset, not an article
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        if media == "text/plain":
            decoded = decode_bytes(
                body,
                source.name,
                min_confidence=settings.min_encoding_confidence,
                declared=charset,
                declared_by="Content-Type",
                locator=locator,
                what="record",
            )
        else:
            decoded = decode_html(
                body, source.name, settings, http_charset=charset, locator=locator, what="record"
            )
    except InputError as exc:
        return _skipped(exc)
    is_text = media == "text/plain"
    return RawDocument(
        origin=Origin(source.name, "warc", locator),
        text=decoded.text if is_text else None,
        html=None if is_text else decoded.text,
        encoding=decoded.encoding,
        encoding_note=decoded.note,
        url=url or (None if is_text else find_url(decoded.text)),
        warnings=decoded.warnings,
    )
