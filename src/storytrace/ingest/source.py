"""One input to a reader: a file on disk or bytes already read (standard input)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storytrace.errors import InputError


@dataclass(frozen=True, slots=True)
class Source:
    """What a reader reads. Exactly one of ``path`` and ``data`` is set.

    ``name`` is what messages and ``Origin.source`` show: the path as given, or ``"-"``.
    """

    name: str
    path: Path | None = None
    data: bytes | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.data is None):
            raise ValueError("Source needs exactly one of path and data")

    @property
    def noun(self) -> str:
        """How messages refer to the whole input."""
        return "standard input" if self.data is not None else "file"

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower() if self.path is not None else ""

    def size(self) -> int:
        """Size in bytes, from ``stat`` for files: nothing is read."""
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    def read_all(
        self,
        limit: int,
        *,
        limit_for: str = "a single article",
        setting: str = "ingest.max_file_bytes",
        hint: str = "",
    ) -> bytes:
        """All bytes, refusing by size *before* reading anything when above ``limit``."""
        size = self.size()
        if size > limit:
            raise too_large(
                self.name,
                size,
                limit,
                what=self.noun,
                limit_for=limit_for,
                setting=setting,
                hint=hint,
            )
        with self.open() as fh:
            # Read one byte more than allowed: a file that grew since stat is caught too.
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise too_large(
                self.name,
                len(data),
                limit,
                what=self.noun,
                limit_for=limit_for,
                setting=setting,
                hint=hint,
            )
        return data

    def head(self, size: int) -> bytes:
        with self.open() as fh:
            return fh.read(size)


def human_size(n: int) -> str:
    """``104857600`` → ``"104.9 MB"`` (decimal units, as file managers show them)."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def too_large(
    source: str,
    size: int,
    limit: int,
    *,
    what: str = "file",
    limit_for: str = "a single article",
    setting: str = "ingest.max_file_bytes",
    locator: str | None = None,
    hint: str = "",
) -> InputError:
    """The refusal for an input above a size limit, naming the setting that raises it.

    ``hint`` is appended after the setting, e.g. "; or ..." for another way out.
    """
    problem = (
        f"{what} is {human_size(size)}; the limit for {limit_for} is {human_size(limit)} "
        f"(set {setting} to raise it{hint})"
    )
    return InputError(source, problem, kind="too_large", locator=locator)
