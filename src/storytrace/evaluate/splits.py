"""The project's development/report split of the training data it may look at.

Rules are tuned on the ``dev`` part only; scores are reported on ``report``, which is scored
but never read for error analysis. A file's part depends on its name alone (md5 of the file
name modulo 5: 0 → report, else dev), so the split is stable when files are added.

    spkatt-news/train: 577 dev / 123 report files
    polnear: the project reports on polnear/dev (84 articles), which no rule was tuned on;
             polnear/train is the development part
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

__all__ = ["Part", "files_of", "part_of"]

Part = Literal["dev", "report"]


def part_of(name: str) -> Part:
    bucket = int(hashlib.md5(name.encode("utf-8")).hexdigest(), 16) % 5
    return "report" if bucket == 0 else "dev"


def files_of(directory: Path, part: Part, pattern: str = "*.json") -> list[Path]:
    """The files of ``directory`` in ``part``, sorted by name."""
    return sorted(p for p in directory.glob(pattern) if p.is_file() and part_of(p.name) == part)
