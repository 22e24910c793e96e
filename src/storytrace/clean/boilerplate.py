"""Line classifier: named patterns from the resources, plus a few structural rules.

Pattern-driven steps (wording): crawler headers, line/block/run patterns, context
patterns that grow banner blocks, agency datelines and the closing agency credit.
Structural steps (shape and neighbours; thresholds in ``common/layout.toml``):

- ``alt_text_before_credit``: a short unpunctuated line directly above a photo credit or a
  caption is the image's alt text (a subheading, by contrast, is followed by body text).
- ``trailing_teaser``: short unpunctuated lines after the closing credit/copyright line are
  headlines of other articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from storytrace.clean.lines import Layout, WorkLine, is_body, is_headline_like
from storytrace.clean.patterns import EVIDENCE_GROUPS, Pattern, PatternSet
from storytrace.model import RemovalReason

#: Reasons after which trailing short lines are teasers for other articles.
_END_MARKERS = frozenset({"agency_credit", "copyright", "social", "related_teaser"})
_IMAGE_REASONS = frozenset({"photo_credit", "caption"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Metadata found while removing boilerplate: a named group of a pattern that fired."""

    kind: str  # "outlet", "domain", "date", "url", "title", "agency"
    value: str
    line: int
    pattern: str
    text: str  # the removed text it came from


def _evidence(p: Pattern, groups: dict[str, str | None], line: int, text: str) -> list[Evidence]:
    return [
        Evidence(kind, value.strip(), line, p.name, text)
        for kind in EVIDENCE_GROUPS
        if (value := groups.get(kind))
    ]


def strip_crawler_headers(lines: list[WorkLine], ps: PatternSet) -> list[Evidence]:
    """Remove crawler header fields from the first lines (inline; the rest stays)."""
    found: list[Evidence] = []
    for line in lines:
        if not line.text:
            continue
        progress = True
        while progress and line.text:
            progress = False
            for p in ps.prefix_top:
                m = p.regex.search(line.text)
                if m and m.end() > 0:
                    piece = line.cut(m.start(), m.end(), cast(RemovalReason, p.reason), p.name)
                    found.extend(_evidence(p, m.groupdict(), line.number, piece))
                    progress = True
                    break
        if line.text:  # the first line with content left is where the body begins
            break
    return found


def _neighbour(lines: list[WorkLine], i: int, step: int, gap: bool) -> WorkLine | None:
    j = i + step
    while 0 <= j < len(lines):
        if not lines[j].blank:
            return lines[j]
        if not gap:
            return None
        j += step
    return None


def classify(lines: list[WorkLine], ps: PatternSet, lay: Layout) -> list[Evidence]:
    """Remove lines matched by line, block, run and context patterns."""
    found: list[Evidence] = []
    n = len(lines)
    for i, line in enumerate(lines):
        if not line.kept or line.words > ps.max_words:
            continue
        text = line.text
        for p in ps.line if ps.prefilter.match(text) else ps.gated:
            if p.kind == "run" or line.words > p.max_words:
                continue
            m = p.search(text)
            if m is None:
                continue
            if p.kind == "block":
                assert p.follow is not None
                j = i + 1
                while j < n and lines[j].kept and p.follow.search(lines[j].text):
                    j += 1
                if j - i - 1 < p.min_follow:
                    continue
                for k in range(i, j):
                    lines[k].remove(cast(RemovalReason, p.reason), p.name)
            else:
                line.remove(cast(RemovalReason, p.reason), p.name)
                found.extend(_evidence(p, m.groupdict(), line.number, text))
            break
    _runs(lines, ps, lay)
    _grow_blocks(lines, ps, lay)
    for line in lines:
        if line.kept and any(p.search(line.text) for p in ps.keep if line.words <= p.max_words):
            line.protected = True
    return found


def _runs(lines: list[WorkLine], ps: PatternSet, lay: Layout) -> None:
    """Run patterns (menus), only outside the body: before its first or after its last line."""
    body = [i for i, line in enumerate(lines) if is_body(line, lay)]
    if not body:
        return
    edges = [range(0, body[0]), range(body[-1] + 1, len(lines))]
    for p in (p for p in ps.line if p.kind == "run"):
        for span in edges:
            run: list[WorkLine] = []
            for i in [*span, -1]:
                line = lines[i] if i >= 0 else None
                if line is not None and line.blank:
                    continue
                if (
                    line is not None
                    and line.kept
                    and line.words <= p.max_words
                    and p.regex.search(line.text)
                ):
                    run.append(line)
                    continue
                if len(run) >= p.min_run:
                    for member in run:
                        member.remove(cast(RemovalReason, p.reason), p.name)
                run = []


def _grow_blocks(lines: list[WorkLine], ps: PatternSet, lay: Layout) -> None:
    """Context patterns: lines that count only next to a removed block (until stable)."""
    if not ps.context:
        return
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            # An HTML heading is structure the page itself declared, not a banner fragment.
            if not line.kept or line.heading_hint:
                continue
            for p in ps.context:
                if line.words > p.max_words or not p.search(line.text):
                    continue
                if p.unless_before_body and i + 1 < len(lines) and is_body(lines[i + 1], lay):
                    continue
                reason = _context_reason(lines, i, p)
                if reason is not None:
                    line.remove(reason, p.name)
                    changed = True
                    break


def _context_reason(lines: list[WorkLine], i: int, p: Pattern) -> RemovalReason | None:
    sides = {"after": (-1,), "before": (1,), "either": (-1, 1)}[p.direction]
    for step in sides:
        other = _neighbour(lines, i, step, p.gap)
        if other is None or other.reason not in p.near:
            continue
        if not p.near_pattern or other.removals[-1].pattern in p.near_pattern:
            return other.reason if p.reason == "inherit" else cast(RemovalReason, p.reason)
    return None


def mark_captions(lines: list[WorkLine], lay: Layout) -> None:
    """Rules ``caption_above_credit`` and ``alt_text_before_credit``.

    Scraped image blocks stack alt text, caption and credit on adjacent lines:

        Feuerwehrleute legen eine Ölsperre aus            ← alt text (unpunctuated)
        Einsatzkräfte legen bei Niederfelsbach … aus.     ← caption (a sentence)
        Foto: Lena Fricke/Talmetaler Bote                 ← photo credit

    ``caption_above_credit``: a short punctuated line directly above a photo credit is the
    caption when an alt-text line sits directly above it (the whole stack); a sentence alone
    above a credit may be the end of a paragraph and stays. ``alt_text_before_credit``: the
    short unpunctuated line directly above a credit or caption.
    """
    for i in range(1, len(lines)):
        line = lines[i]
        if line.reason != "photo_credit":
            continue
        above = lines[i - 1]
        if not above.kept or above.protected or is_headline_like(above, lay.caption_max_words):
            continue
        if above.words > lay.caption_max_words:
            continue
        if i >= 2 and is_headline_like(lines[i - 2], lay.caption_max_words):
            above.remove("caption", "caption_above_credit")
    for i in range(1, len(lines)):
        line, above = lines[i], lines[i - 1]
        if line.reason not in _IMAGE_REASONS:
            continue
        if line.removals[-1].pattern == "alt_text_before_credit":
            continue
        if is_headline_like(above, lay.caption_max_words):
            above.remove("caption", "alt_text_before_credit")


def strip_agency_dateline(lines: list[WorkLine], ps: PatternSet, lay: Layout) -> list[Evidence]:
    """Remove an agency dateline ("Seoul (Reuters) - ") from one of the first body paragraphs."""
    seen = 0
    for line in lines:
        if not line.kept:
            continue
        for p in ps.prefix_body:
            m = p.regex.search(line.text)
            if m:
                piece = line.cut(m.start(), m.end(), "dateline", p.name)
                groups = m.groupdict()
                out = _evidence(p, groups, line.number, piece)
                credit = groups.get("credit")
                if credit:
                    out.append(Evidence("agency", credit, line.number, p.name, piece))
                return out
        if is_body(line, lay):
            seen += 1
            if seen >= lay.dateline_max_paragraph:
                break
    return []


def strip_closing_credit(lines: list[WorkLine], ps: PatternSet, lay: Layout) -> None:
    """Remove "(afp/red)" from the end of the last paragraph with text (inline).

    Tried from the last kept line back to the last body line: "… beraten. (dpa)" does not
    read as a body line until its credit is gone.
    """
    for line in reversed(lines):
        if not line.kept:
            continue
        for p in ps.suffix:
            m = p.regex.search(line.text)
            if m:
                line.cut(m.start(), m.end(), cast(RemovalReason, p.reason), p.name)
                return
        if is_body(line, lay):
            return


def mark_trailing_teasers(lines: list[WorkLine], max_words: int) -> None:
    """Rule ``trailing_teaser``: short unpunctuated lines after the closing credit line."""
    marker = None
    for i, line in enumerate(lines):
        if any(r.reason in _END_MARKERS for r in line.removals):
            marker = i
    if marker is None:
        return
    after = [line for line in lines[marker + 1 :] if line.kept]
    if after and all(is_headline_like(line, max_words) for line in after):
        for line in after:
            line.remove("related_teaser", "trailing_teaser")
