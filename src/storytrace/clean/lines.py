"""The working line record of the cleaner, whitespace normalisation and line shapes.

A ``WorkLine`` is mutable while one ``clean`` call runs (each call builds its own list, so
nothing is shared between calls); every removal is recorded as a ``Removed`` on the line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from storytrace.errors import ResourceError
from storytrace.model import RemovalReason, Removed
from storytrace.resources import load_toml

# Invisible characters that scraped text carries: soft hyphen, zero-width space/joiner
# marks used as word-break hints, byte-order marks inside the text.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_SPACE = re.compile(r"\s+")
# A line ends like a sentence: final . ! ? … : ; optionally followed by closing quotes or
# brackets ('… UN-Charta".', '… Entwicklung.“').
_TERMINAL = re.compile(r"[.!?…:;][\"“”»«’'‘)\]]*$")
_QUESTION = re.compile(r"[?!][\"“”»«’'‘)\]]*$")
QUOTES = "\"„“”»«‚‘’'"


def normalise(text: str) -> str:
    """NFC, no invisible characters, single spaces (incl. no-break and thin spaces), stripped."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _SPACE.sub(" ", text).strip()


def word_count(text: str) -> int:
    return len(text.split())


def is_terminal(text: str) -> bool:
    """True when the line ends with sentence punctuation (possibly inside quotes)."""
    return bool(_TERMINAL.search(text))


def ends_with_question(text: str) -> bool:
    return bool(_QUESTION.search(text))


@dataclass(frozen=True, slots=True)
class Layout:
    """Thresholds of the structural rules (``resources/common/layout.toml``)."""

    body_min_words: int
    title_max_words: int
    title_min_words: int
    kicker_max_words: int
    heading_max_words: int
    question_heading_max_words: int
    caption_max_words: int
    dateline_max_paragraph: int
    text_date_window: int
    wrap_min_share: float
    wrap_max_chars: int
    wrap_min_lines: int


@cache
def layout() -> Layout:
    data = load_toml("common", "layout")
    missing = [name for name in Layout.__annotations__ if name not in data]
    if missing:
        raise ResourceError(f"resource common/layout.toml lacks {', '.join(missing)}")
    ints = {name: int(data[name]) for name, kind in Layout.__annotations__.items() if kind == "int"}
    return Layout(wrap_min_share=float(data["wrap_min_share"]), **ints)


@dataclass(slots=True)
class WorkLine:
    """One line during cleaning: its current text and what was removed from it."""

    number: int
    text: str
    heading_hint: bool = False
    #: Set when the whole (remaining) line was removed.
    reason: RemovalReason | None = None
    removals: list[Removed] = field(default_factory=list)
    heading: bool = False
    #: Matched a ``keep`` pattern (a byline): structural rules leave it alone.
    protected: bool = False
    words: int = 0

    def __post_init__(self) -> None:
        self.words = word_count(self.text)

    @property
    def kept(self) -> bool:
        """Not removed and not blank: part of the article text."""
        return self.reason is None and bool(self.text)

    @property
    def blank(self) -> bool:
        return not self.text and self.reason is None

    def remove(self, reason: RemovalReason, pattern: str) -> None:
        """Remove what is left of the line."""
        self.removals.append(Removed(self.text, reason, self.number, pattern))
        self.reason = reason

    def cut(self, start: int, end: int, reason: RemovalReason, pattern: str) -> str:
        """Remove ``text[start:end]`` inline; returns the removed piece."""
        piece = self.text[start:end].strip()
        self.removals.append(Removed(piece, reason, self.number, pattern))
        self.text = normalise(self.text[:start] + " " + self.text[end:])
        self.words = word_count(self.text)
        if self.text and not any(ch.isalnum() for ch in self.text):
            # Only punctuation left ("–" after a dateline): nothing to keep.
            self.remove("empty", "emptied_line")
        return piece


def is_body(line: WorkLine, lay: Layout) -> bool:
    """A kept line that reads as prose: sentence punctuation at the end, or long.

    A short line ending in "?" or "!" is not body: it is a headline or subheading
    ("Wie geht es weiter?"), unless it is a quotation.
    """
    if not line.kept:
        return False
    if line.words >= lay.body_min_words:
        return True
    if ends_with_question(line.text) and line.words <= lay.heading_max_words:
        return line.text[0] in QUOTES
    return is_terminal(line.text)


def is_headline_like(line: WorkLine, max_words: int, min_words: int = 1) -> bool:
    """Short, kept, not protected, without final sentence punctuation (? or ! allowed)."""
    if not line.kept or line.protected or not min_words <= line.words <= max_words:
        return False
    return not is_terminal(line.text) or ends_with_question(line.text)
