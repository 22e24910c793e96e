"""Plain text files: the whole file is one article, decoded with its encoding reported."""

from __future__ import annotations

from collections.abc import Iterator

from storytrace.ingest.decode import decode_bytes
from storytrace.ingest.source import Source
from storytrace.model import Origin, RawDocument, Skipped
from storytrace.settings import IngestSettings


def read_text(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Skipped]:
    """One ``RawDocument(text=...)``; size is checked with ``stat`` before anything is read."""
    data = source.read_all(settings.max_file_bytes)
    decoded = decode_bytes(
        data, source.name, min_confidence=settings.min_encoding_confidence, what=source.noun
    )
    yield RawDocument(
        origin=Origin(source.name, "text"),
        text=decoded.text,
        encoding=decoded.encoding,
        encoding_note=decoded.note,
        warnings=decoded.warnings,
    )
