"""The progress bar every long-running command shows: label, bar, counts, rate, elapsed.

One place for it, so that ``analyze``, ``eval`` and the benchmarks look and count alike.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

__all__ = ["RateColumn", "progress_bar"]


class RateColumn(ProgressColumn):
    """Items per second (rich has no such column)."""

    def __init__(self, unit: str = "") -> None:
        super().__init__()
        self.unit = f" {unit}/s" if unit else "/s"

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}{self.unit}" if speed else f"…{self.unit}")


def progress_bar(
    out: Console | IO[str] | None, label: str, unit: str, *extra: ProgressColumn
) -> Progress:
    """A (not yet started) bar "label ━━━ 12/40 unit 3.1 unit/s [extra…] 0:00:04" on a
    console or a stream (None: rich's default console)."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        RateColumn(unit),
        *extra,
        TimeElapsedColumn(),
        console=out if isinstance(out, Console) or out is None else Console(file=out),
        transient=False,
    )
