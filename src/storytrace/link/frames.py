"""A stream of named frames: how the link indexes are written and read without ever holding
their whole serialised form in memory.

At 100,000 articles the link state is about 1.4 GB. Built as one ``bytes`` (JSON text, its
encoding, a zip buffer and its copy, then the same again for the state around the three
indexes) it took four copies at once and lifted the process from 4.6 to 7.1 GB. Here every
part goes to the stream as it is made: JSON documents one by one, big lists as chunks of
rows, numpy arrays through ``numpy.lib.format`` (which writes and reads in 16 MiB pieces),
so writing or reading costs one chunk beyond the index itself.

A frame is a 4-byte little-endian length, a JSON header ``{"name", "kind"}`` of that
length, then its body: for ``json`` an 8-byte length and UTF-8 JSON, for ``array`` an
``.npy`` stream (no pickles: ``allow_pickle=False``). ``rows`` is a ``json`` frame holding
the count of chunks, followed by that many ``json`` frames. Frames are read in the order
they were written; a frame of another name or kind is refused.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from storytrace.errors import ConfigError

__all__ = ["FrameReader", "FrameWriter"]

#: Rows per chunk of a ``rows`` frame: big enough for a fast encoder, small next to the index.
CHUNK = 20_000

_END = object()


class FrameWriter:
    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh

    def _header(self, name: str, kind: str) -> None:
        head = json.dumps({"name": name, "kind": kind}).encode("utf-8")
        self._fh.write(struct.pack("<I", len(head)))
        self._fh.write(head)

    def json(self, name: str, obj: Any) -> None:
        self._header(name, "json")
        body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._fh.write(struct.pack("<Q", len(body)))
        self._fh.write(body)

    def rows(self, name: str, rows: Iterable[Any], count: int) -> None:
        """``count`` rows (JSON values) in chunks; ``rows`` may be a generator."""
        chunks = -(-count // CHUNK)
        self.json(name, {"rows": count, "chunks": chunks})
        it, left = iter(rows), count
        for k in range(chunks):
            chunk = list(islice(it, min(CHUNK, left)))
            if len(chunk) < min(CHUNK, left):
                raise ValueError(f"frame {name}: fewer than the {count} rows announced")
            left -= len(chunk)
            self.json(f"{name}[{k}]", chunk)
        if next(it, _END) is not _END:
            raise ValueError(f"frame {name}: more than the {count} rows announced")

    def array(self, name: str, arr: npt.NDArray[Any]) -> None:
        self._header(name, "array")
        np.lib.format.write_array(self._fh, np.ascontiguousarray(arr), allow_pickle=False)


class FrameReader:
    def __init__(self, fh: IO[bytes], what: str) -> None:
        self._fh = fh
        self._what = what  # for messages: "reuse index", "link state"

    def _exact(self, n: int) -> bytes:
        data = self._fh.read(n)
        if data is None or len(data) != n:
            raise ConfigError(f"{self._what} is cut short; rebuild it from the articles")
        return data

    def _header(self, name: str, kind: str) -> None:
        (size,) = struct.unpack("<I", self._exact(4))
        if size > 4096:
            raise ConfigError(f"not a {self._what}; rebuild it from the articles")
        try:
            head = json.loads(self._exact(size).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"not a {self._what} ({exc}); rebuild it from the articles") from exc
        if not isinstance(head, dict) or head.get("name") != name or head.get("kind") != kind:
            raise ConfigError(
                f"{self._what}: expected {kind} frame {name!r}, found {head!r}; rebuild it "
                "from the articles"
            )

    def json(self, name: str) -> Any:
        self._header(name, "json")
        (size,) = struct.unpack("<Q", self._exact(8))
        try:
            return json.loads(self._exact(size).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{self._what}: frame {name} ({exc})") from exc

    def rows(self, name: str) -> Iterator[Any]:
        """The rows of a ``rows`` frame, chunk by chunk. Consume them before the next frame."""
        info = self.json(name)
        for k in range(int(info["chunks"])):
            yield from self.json(f"{name}[{k}]")

    def array(self, name: str) -> npt.NDArray[Any]:
        self._header(name, "array")
        try:
            return np.lib.format.read_array(self._fh, allow_pickle=False)
        except (ValueError, OSError, EOFError) as exc:
            raise ConfigError(f"{self._what}: frame {name} ({exc})") from exc
