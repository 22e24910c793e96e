"""Ingest: paths (files, directories, ``-`` for standard input) to raw documents.

``expand_inputs`` turns what the user named into ``InputItem``s (one per file, format
decided by extension or, for unknown extensions, by the first bytes); ``read_item`` runs
the reader for the format; ``iter_documents`` does both. Every problem is a ``Skipped``
with a one-line message that names what is wrong and how to fix it; nothing raises for bad
input, and good documents in a damaged container are still yielded.

Readers, one module each: ``text`` (whole file = one article), ``html``, ``jsonl`` (JSON
Lines, or a ``.json`` array/object), ``warc`` (WARC, WARC.gz, ARC), ``feed`` (RSS/Atom),
``csv`` (CSV/TSV with a ``text`` or ``html`` column). Decoding rules: ``ingest.decode``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storytrace.errors import InputError
from storytrace.ingest.csv import read_csv
from storytrace.ingest.feed import read_feed
from storytrace.ingest.formats import (
    EXTENSIONS,
    FEED_ROOTS,
    HEAD_BYTES,
    Format,
    InputFormat,
    binary_problem,
    foreign_reason,
    sniff,
    suffix_of,
    xml_root,
)
from storytrace.ingest.html import read_html
from storytrace.ingest.jsonl import read_jsonl
from storytrace.ingest.source import Source, human_size
from storytrace.ingest.text import read_text
from storytrace.ingest.warc import read_warc
from storytrace.model import RawDocument, Skipped
from storytrace.settings import IngestSettings, Settings

__all__ = [
    "READERS",
    "InputItem",
    "Reader",
    "expand_inputs",
    "iter_documents",
    "read_item",
]

#: A reader: one input in, documents and refusals out. May raise ``InputError`` or
#: ``OSError`` for the input as a whole; ``read_item`` turns those into ``Skipped``.
Reader = Callable[[Source, IngestSettings], Iterator[RawDocument | Skipped]]

READERS: dict[Format, Reader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
    "csv": read_csv,
}

#: Standard input is read into memory (it cannot be stat-ed or re-read), so it is capped
#: at this many times ``max_file_bytes``; bigger inputs belong in a file.
STDIN_FACTOR = 5

_FORMATS_HINT = "pass articles as .txt, .html, .jsonl, .warc(.gz), .rss/.atom/.xml or .csv"


@dataclass(frozen=True, slots=True)
class InputItem:
    """One file (or standard input) to read.

    ``format`` is a reader name, or ``"auto"`` for standard input, whose format is sniffed
    from its bytes when it is read.
    """

    source: str  # the path as given (joined with the names below a given directory), or "-"
    path: Path | None  # None for standard input
    format: InputFormat


def _os_problem(exc: OSError, what: str = "file", verb: str = "read") -> str:
    """One line for an operating-system error, with the usual fix where there is one."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        fix = "chmod +rx" if what == "directory" else "chmod +r"
        return f"cannot {verb} the {what}: permission denied (fix the permissions, e.g. {fix})"
    if isinstance(exc, FileNotFoundError):
        return f"the {what} disappeared before it could be read"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: the link points (indirectly) at itself"
    return f"cannot {verb} the {what}: {reason}"


def _classify(path: Path, shown: str) -> InputItem | Skipped:
    """The ``InputItem`` for one regular file, or why it is not read."""
    name = path.name
    foreign = foreign_reason(name)
    if foreign is not None:
        return Skipped(shown, f"not an article format: this is {foreign}", kind="unsupported")
    suffix = suffix_of(name)
    fmt = EXTENSIONS.get(suffix)
    if fmt is not None and suffix != ".xml":
        return InputItem(shown, path, fmt)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        return Skipped(shown, _os_problem(exc), kind="unreadable")
    if suffix == ".xml":
        root = xml_root(head)
        if root in FEED_ROOTS:
            return InputItem(shown, path, "feed")
        if root == "html":
            return InputItem(shown, path, "html")
        if not head.strip():
            return InputItem(shown, path, "feed")  # let the reader report the empty file
        found = f"its root element is <{root}>" if root else "it does not start with markup"
        return Skipped(
            shown,
            f"this .xml file is not an RSS or Atom feed ({found}); only feeds are read from XML",
            kind="unsupported",
        )
    sniffed = sniff(head)
    if sniffed.format is not None:
        return InputItem(shown, path, sniffed.format)
    extension = f"unknown extension {suffix!r}" if suffix else "no extension"
    return Skipped(shown, f"{extension} and {sniffed.problem}; {_FORMATS_HINT}", kind="unsupported")


def _walk(
    directory: Path, shown: str, visited: set[tuple[int, int]], seen: set[Path]
) -> Iterator[InputItem | Skipped]:
    """Files below ``directory`` in name order, depth first; hidden entries are left out."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(shown, _os_problem(exc, "directory", "list"), kind="unreadable")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .DS_Store, editor swap files: never articles
        child = os.path.join(shown, entry.name)
        try:
            info = entry.stat()  # follows symbolic links
        except FileNotFoundError:
            yield Skipped(child, "broken symbolic link (its target does not exist)", kind="missing")
            continue
        except OSError as exc:
            yield Skipped(child, _os_problem(exc), kind="unreadable")
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in visited:
                continue  # a symbolic link back up the tree; its files are listed already
            visited.add(key)
            yield from _walk(Path(entry.path), child, visited, seen)
        elif stat.S_ISREG(info.st_mode):
            yield from _once(Path(entry.path), child, seen)
        else:
            yield Skipped(
                child, "not a regular file (a pipe, socket or device)", kind="unsupported"
            )


def _once(path: Path, shown: str, seen: set[Path]) -> Iterator[InputItem | Skipped]:
    """Classify ``path`` unless the same file was already named (e.g. a file and its folder)."""
    try:
        key = path.resolve()
    except OSError:
        key = path.absolute()
    if key in seen:
        return
    seen.add(key)
    yield _classify(path, shown)


def expand_inputs(inputs: Sequence[str]) -> list[InputItem | Skipped]:
    """Files, directories (recursively, sorted, hidden entries skipped) and ``"-"``.

    Formats come from extensions (``formats.EXTENSIONS``); an ``.xml`` file must be a
    feed; unknown extensions are sniffed. A file named twice is read once.
    """
    out: list[InputItem | Skipped] = []
    seen: set[Path] = set()
    for given in inputs:
        if given == "-":
            out.append(InputItem("-", None, "auto"))
            continue
        if not given.strip():
            # Path("") is the current directory; an empty argument is a mistake, not that.
            out.append(Skipped(repr(given), "empty path given", kind="missing"))
            continue
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            problem = (
                "broken symbolic link (its target does not exist)"
                if path.is_symlink()
                else "no such file or directory"
            )
            out.append(Skipped(given, problem, kind="missing"))
            continue
        except OSError as exc:
            out.append(Skipped(given, _os_problem(exc), kind="unreadable"))
            continue
        if stat.S_ISDIR(info.st_mode):
            visited = {(info.st_dev, info.st_ino)}
            found = list(_walk(path, given, visited, seen))
            if not found:
                found = [Skipped(given, "directory holds no (visible) files", kind="empty")]
            out.extend(found)
        elif stat.S_ISREG(info.st_mode):
            out.extend(_once(path, given, seen))
        else:
            out.append(
                Skipped(
                    given,
                    "not a regular file (a pipe, socket or device); pipe the data to "
                    "standard input and pass '-' instead",
                    kind="unsupported",
                )
            )
    return out


def _stdin_source(stream: BinaryIO, settings: IngestSettings) -> Source:
    cap = settings.max_file_bytes * STDIN_FACTOR
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputError(
            "-",
            f"standard input holds more than {human_size(cap)}; save it to a file and pass "
            "the path (files are streamed and checked article by article)",
            kind="too_large",
        )
    return Source("-", data=data)


def _format_of(source: Source, declared: InputFormat) -> Format:
    if declared != "auto":
        return declared
    head = source.head(HEAD_BYTES)
    sniffed = sniff(head)
    if sniffed.format is None and binary_problem(head) is not None:
        return "text"  # the text reader refuses binary data with the precise reason
    if sniffed.format is None:
        raise InputError(
            source.name,
            f"cannot tell the format of the {source.noun}: {sniffed.problem}",
            kind="unsupported",
        )
    return sniffed.format


def _read(
    item: InputItem, settings: IngestSettings, stdin: BinaryIO | None
) -> Iterator[RawDocument | Skipped]:
    if item.path is None:
        source = _stdin_source(stdin if stdin is not None else sys.stdin.buffer, settings)
    else:
        source = Source(item.source, path=item.path)
    yield from READERS[_format_of(source, item.format)](source, settings)


def read_item(
    item: InputItem, settings: IngestSettings | Settings, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Skipped]:
    """Documents of one input; every problem becomes a ``Skipped``, nothing raises.

    ``stdin`` is the binary stream for ``"-"`` (default: the process's standard input).
    """
    ingest = settings.ingest if isinstance(settings, Settings) else settings
    try:
        yield from _read(item, ingest, stdin)
    except InputError as exc:
        yield Skipped(exc.source, exc.problem, locator=exc.locator, kind=exc.kind)
    except OSError as exc:
        yield Skipped(item.source, _os_problem(exc), kind="unreadable")
    except Exception as exc:  # a bug of ours must not end the batch; it is reported instead
        yield Skipped(
            item.source,
            f"internal error while reading: {type(exc).__name__}: {exc}; please report",
            kind="error",
        )


def iter_documents(
    inputs: Sequence[str], settings: IngestSettings | Settings, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Skipped]:
    """``expand_inputs`` then ``read_item`` for each item, in order."""
    for entry in expand_inputs(inputs):
        if isinstance(entry, Skipped):
            yield entry
        else:
            yield from read_item(entry, settings, stdin)
