"""Evaluation harnesses for attribution extraction, against gold-standard corpora.

``spkatt``
    GermEval 2023 SpkAtt task 2 (German news, pre-tokenised JSON): predict, write the
    task's JSON, score as the shared task's own scorer does.
``polnear``
    PolNeAR (English news, raw text + brat stand-off): predict, write brat ``.ann``,
    score character-level precision/recall/F1 per role.
``matching``
    What both share: overlap, one-to-one assignment, counts and F1.

This module holds the interface both harnesses run against: an :class:`Extractor` (any
callable with the signature of :func:`default_extractor`, so tests and benchmarks can
pass their own) and an :class:`Observer` that is told about progress. The harnesses
return records and write files; they never print.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Generic, Protocol, TypeVar

from storytrace.errors import InputError, StorytraceError
from storytrace.model import Attribution, PartialDate, Sentence, Skipped

__all__ = [
    "EvalRun",
    "Extractor",
    "NullObserver",
    "Observer",
    "Predictions",
    "check_dirs",
    "date_in_name",
    "default_extractor",
    "predict_files",
    "require_extractor",
    "write_text",
]


class Extractor(Protocol):
    """Finds the attributions in ``text``, given its sentences (token spans into it)."""

    def __call__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        language: str,
        published: PartialDate | None = None,
    ) -> Sequence[Attribution]: ...


class Observer(Protocol):
    """Told what a harness run is doing, for a progress display."""

    def started(self, total: int) -> None: ...

    def file_done(self, name: str) -> None: ...

    def skipped(self, item: Skipped) -> None: ...


class NullObserver:
    """An observer that ignores everything."""

    def started(self, total: int) -> None:
        pass

    def file_done(self, name: str) -> None:
        pass

    def skipped(self, item: Skipped) -> None:
        pass


S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class EvalRun(Generic[S]):
    """What one harness run did.

    ``inputs`` is the number of input files found; ``processed`` are those that got a
    prediction file in the output directory; ``unscored`` those of them without a gold
    file (only with a gold directory); ``skipped`` the input or gold files that could
    not be used, with the reason. ``extract_seconds`` is the time spent in the extractor
    (and the sentence splitter, where the harness runs one), ``seconds`` the whole run.
    """

    processed: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    written: tuple[Path, ...]
    seconds: float
    extract_seconds: float
    scores: S | None = None
    unscored: tuple[str, ...] = ()
    scores_path: Path | None = None
    inputs: int = 0


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_name(name: str) -> PartialDate | None:
    """The publication date both corpora put in their file names.

    SpkAtt: ``"10022 - Der Astronaut … (2005-08-05).json"``; PolNeAR:
    ``"breitbart_2015-11-11_the-ninth-circle….txt"``. The last ISO date wins.
    """
    found = _ISO_DATE.findall(name)
    if not found:
        return None
    year, month, day = found[-1]
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return PartialDate(f"{year}-{month}-{day}", "day", source="metadata")


def default_extractor(
    text: str,
    sentences: Sequence[Sentence],
    language: str,
    published: PartialDate | None = None,
) -> tuple[Attribution, ...]:
    """storytrace's own extractor: entity mentions, then attributions."""
    entities, attributions = _extractor_modules()
    mentions = entities.find_mentions(text, sentences, language)
    found = attributions.find_attributions(
        text, sentences, language, mentions=mentions, published=published
    )
    return tuple(found)


def require_extractor(extractor: Extractor) -> None:
    """Fail before any work when storytrace's own extractor is asked for but missing."""
    if extractor is default_extractor:
        _extractor_modules()


def _extractor_modules() -> tuple[ModuleType, ModuleType]:
    """The extractor's modules, looked up by name at call time so that the harness
    imports (and type-checks) on its own; a missing extractor is a clear error."""
    try:
        return (
            importlib.import_module("storytrace.annotate.entities"),
            importlib.import_module("storytrace.annotate.attributions"),
        )
    except ImportError as exc:
        raise StorytraceError(
            f"the attribution extractor is not available ({exc}); "
            "storytrace.annotate.attributions and storytrace.annotate.entities are needed"
        ) from exc


def check_dirs(in_dir: Path, out_dir: Path, gold_dir: Path | None) -> None:
    """Refuse unusable directories before any work; create the output directory."""
    if not in_dir.is_dir():
        raise StorytraceError(f"{in_dir}: not a directory (give the folder of input files)")
    if gold_dir is not None and not gold_dir.is_dir():
        raise StorytraceError(f"{gold_dir}: not a directory (give the folder of gold files)")
    resolved = out_dir.resolve()
    for other, what in ((in_dir, "input"), (gold_dir, "gold")):
        if other is not None and resolved == other.resolve():
            raise StorytraceError(
                f"{out_dir}: this is the {what} directory; choose another --out "
                "so that nothing is overwritten"
            )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorytraceError(f"{out_dir}: cannot create the output directory ({exc})") from exc


def write_text(path: Path, text: str) -> None:
    """Write an output file; failing to is an error of the run, not of one input."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise StorytraceError(f"{path}: cannot write ({exc.strerror or exc})") from exc


R = TypeVar("R")
D = TypeVar("D")


@dataclass
class Predictions(Generic[D]):
    """What :func:`predict_files` did: one prediction per usable input, in order."""

    observer: Observer
    predicted: list[D]
    written: list[Path]
    skipped: list[Skipped]
    extract_seconds: float = 0.0

    def skip(self, item: Skipped) -> None:
        self.skipped.append(item)
        self.observer.skipped(item)


def predict_files(
    inputs: Sequence[Path],
    observer: Observer,
    read: Callable[[Path], R],
    predict: Callable[[Path, R], D],
    write: Callable[[Path, R, D], Path],
    refuse: Callable[[Path], str | None] = lambda _path: None,
) -> Predictions[D]:
    """The loop both harnesses share: read each input, run the extractor on it (timed),
    write its prediction. A file that cannot be read, that ``refuse`` names a reason for,
    or on which the extractor fails, is skipped with the reason; the others go on. A
    :class:`StorytraceError` (the extractor or an output that cannot be used) ends the run.
    """
    run: Predictions[D] = Predictions(observer, [], [], [])
    observer.started(len(inputs))
    for path in inputs:
        try:
            reason = refuse(path)
            if reason is not None:
                run.skip(Skipped(str(path), reason, kind="unsupported"))
                continue
            try:
                item = read(path)
            except InputError as exc:
                run.skip(Skipped(exc.source, exc.problem, exc.locator, exc.kind))
                continue
            t0 = time.perf_counter()
            try:
                result = predict(path, item)
            except StorytraceError:
                raise
            except Exception as exc:
                problem = f"extractor failed: {type(exc).__name__}: {exc}"
                run.skip(Skipped(str(path), problem, kind="error"))
                continue
            finally:
                run.extract_seconds += time.perf_counter() - t0
            run.written.append(write(path, item, result))
            run.predicted.append(result)
        finally:
            observer.file_done(path.name)
    return run
