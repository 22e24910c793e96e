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
        if tok.end <= tok.start:
            continue
        if out:
            prev = out[-1]
            gap = text[prev.end : tok.start]
            joined = (
                len(gap) == 1
                and gap in _HYPHENS
                and prev.text[-1].isalnum()
                and text[tok.start].isalnum()
            ) or (not gap and (prev.text[-1] in _HYPHENS or text[tok.start] in _HYPHENS))
            if joined:
                start = prev.start
                out[-1] = Word(start, tok.end, text[start : tok.end])
                continue
        out.append(Word(tok.start, tok.end, text[tok.start : tok.end]))
    return out
