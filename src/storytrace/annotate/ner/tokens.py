"""Words for entity recognition, built from the sentence splitter's tokens.

syntok drops the hyphen of a compound and returns "NATO" and "Generalsekretär" for
"NATO-Generalsekretär". German NER works on whole compounds (GermEval 2014 tokenises them as
one word, and "US-Außenministerium" is one name), so ``words`` re-joins tokens that touch a
hyphen between them: rule ``hyphen_compound``. Names joined by a hyphen ("Kim Jong-un") are
joined the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storytrace.model import Sentence, Span

_HYPHENS = frozenset("-‐‑")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


def words(text: str, sentence: Sentence) -> list[Word]:
    """The words of one sentence, with hyphenated compounds joined (``hyphen_compound``)."""
    out: list[Word] = []
    tokens: Sequence[Span] = sentence.tokens
    for tok in tokens:
        start, end = tok.start, tok.end
        if end <= start:
            continue
        if out:
            prev = out[-1]
            gap = start - prev.end
            if gap == 1:
                joined = (
                    text[prev.end] in _HYPHENS and prev.text[-1].isalnum() and text[start].isalnum()
                )
            else:
                # an empty (or, after a repaired span, negative) gap: the tokens touch
                joined = gap <= 0 and (prev.text[-1] in _HYPHENS or text[start] in _HYPHENS)
            if joined:
                out[-1] = Word(prev.start, end, text[prev.start : end])
                continue
        out.append(Word(start, end, text[start:end]))
    return out
