"""Paragraph structure: re-joining hard-wrapped text, subheadings, the final text and spans.

Each kept line becomes one paragraph; paragraphs are separated by one blank line. Plain
text that was hard-wrapped (lines broken at a fixed width inside paragraphs, as in e-mail or
wire feeds) is re-joined first, so that neither the classifier nor the sentence splitter
sees half sentences; a joined paragraph contains each of its raw lines verbatim.
"""

from __future__ import annotations

from storytrace.clean.lines import (
    QUOTES,
    Layout,
    WorkLine,
    ends_with_question,
    is_body,
    is_headline_like,
    is_terminal,
)
from storytrace.model import Span


def _groups(lines: list[WorkLine]) -> list[list[WorkLine]]:
    """Runs of non-blank lines (paragraphs as the source separated them)."""
    groups: list[list[WorkLine]] = []
    current: list[WorkLine] = []
    for line in lines:
        if line.text and line.reason is None:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def is_hard_wrapped(lines: list[WorkLine], lay: Layout) -> bool:
    """True when most lines inside paragraphs end mid-sentence and none is long."""
    texts = [line.text for line in lines if line.kept]
    if not texts or max(len(t) for t in texts) > lay.wrap_max_chars:
        return False
    inner = [line for group in _groups(lines) for line in group[:-1]]
    if len(inner) < lay.wrap_min_lines:
        return False
    open_ended = sum(not is_terminal(line.text) for line in inner)
    return open_ended / len(inner) >= lay.wrap_min_share


def unwrap(lines: list[WorkLine], lay: Layout) -> list[WorkLine]:
    """Join the lines of each paragraph of hard-wrapped text; other text is returned as is.

    A joined line keeps the number of its first raw line.
    """
    if not is_hard_wrapped(lines, lay):
        return lines
    out: list[WorkLine] = []
    run: list[WorkLine] = []

    def flush() -> None:
        if run:
            out.append(WorkLine(run[0].number, " ".join(line.text for line in run)))
            run.clear()

    for line in lines:
        if line.kept:
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def mark_headings(lines: list[WorkLine], lay: Layout) -> None:
    """Subheadings: short unpunctuated lines followed by body text, or HTML headings."""
    kept = [line for line in lines if line.kept]
    seen_body = False
    for k, line in enumerate(kept):
        following = kept[k + 1] if k + 1 < len(kept) else None
        if (line.heading_hint and line.words <= 2 * lay.heading_max_words) or (
            seen_body
            and following is not None
            and is_body(following, lay)
            and is_headline_like(line, lay.heading_max_words)
            and any(ch.isalpha() for ch in line.text)
            and (not ends_with_question(line.text) or _question_heading(line, lay))
        ):
            line.heading = True
        elif is_body(line, lay):
            seen_body = True


def _question_heading(line: WorkLine, lay: Layout) -> bool:
    return (
        line.words <= lay.question_heading_max_words
        and ":" not in line.text
        and line.text[0] not in QUOTES
    )


def assemble(lines: list[WorkLine]) -> tuple[str, tuple[Span, ...]]:
    """Text with paragraphs separated by ``"\\n\\n"``, and the spans of the headings."""
    parts: list[str] = []
    headings: list[Span] = []
    offset = 0
    for line in lines:
        if not line.kept:
            continue
        if parts:
            offset += 2
        if line.heading:
            headings.append(Span(offset, offset + len(line.text)))
        parts.append(line.text)
        offset += len(line.text)
    return "\n\n".join(parts), tuple(headings)
