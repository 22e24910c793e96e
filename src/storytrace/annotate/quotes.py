"""Quotations as spans: paired quote marks in every style German and English news use.

„…“ and „…” (German), »…« and «…» (German books and Swiss/French style), ‚…‘ (inner German
quotes), “…” (English), "…" (straight, paired in order). A quote runs at most over one
paragraph: an opening mark whose partner does not come before the next blank line is left
unpaired rather than guessed (textacy's ``direct_quotations`` refuses unbalanced quotes the
same way). Apostrophes (’ ' in "Selenskyj’s", "don't") never open a quote.
"""

from __future__ import annotations

from storytrace.model import Span

#: Opening mark → the marks that may close it.
_PAIRS: dict[str, str] = {
    "„": '“”"',
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "“": "”“",
    '"': '"',
}
#: How far a quote may run; longer "quotes" are unpaired marks.
_MAX_CHARS = 3000


def find_quotes(text: str) -> list[Span]:
    """Top-level quotations in ``text``, marks included, in order."""
    out: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = _PAIRS.get(ch)
        if closers is None or not _opens(text, i):
            i += 1
            continue
        j = _close(text, i, closers)
        if j is None:
            i += 1
            continue
        out.append(Span(i, j + 1))
        i = j + 1
    return out


def _opens(text: str, i: int) -> bool:
    """A straight double quote opens after a space or bracket; the others always open.

    Pre-tokenised text ("sagte : " Wir …") puts spaces on both sides of every mark, so
    straight quotes are paired in order there.
    """
    if text[i] != '"':
        return True
    before = text[i - 1] if i else " "
    return before.isspace() or before in "([–—-/:"


def _close(text: str, i: int, closers: str) -> int | None:
    """The mark that closes the quote opened at ``i``; a nested quote of the same style
    („… „Small Business“ …“) is skipped by counting depth."""
    limit = min(len(text), i + _MAX_CHARS)
    opener = text[i]
    depth = 0
    j = i + 1
    while j < limit:
        ch = text[j]
        if ch == "\n" and text.startswith("\n\n", j):
            return None
        if ch == opener and opener not in closers:
            depth += 1
        elif ch in closers and j > i + 1:
            if ch == '"' and not _closes_straight(text, j):
                j += 1
                continue
            if depth:
                depth -= 1
            else:
                return j
        j += 1
    return None


def _closes_straight(text: str, j: int) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    return after.isspace() or after in ".,;:!?)]–—-"
