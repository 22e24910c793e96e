"""Rules-only names: the gazetteer plus three heuristics, without any model.

This is the baseline the NER model has to beat (``training/train_ner.py`` scores both on the
same held-out sentences), and the fallback for a language without a model. Rules, in order:

``gazetteer``
    a listed country, seat, place → LOC; organisation, media, government metonym → ORG.
``first_name``
    a listed first name followed by one to three capitalised words → PER ("Mark Rutte").
``title_name``
    a role head ("Präsident", "NATO-Generalsekretär") followed by two capitalised words
    that are no role heads → PER ("Präsident Wolodymyr Selenskyj").
``acronym``
    an unlisted all-capitals word of 2-6 letters → ORG ("ISW").
"""

from __future__ import annotations

from storytrace.annotate.ner.crf import NerLabel, NerSpan
from storytrace.annotate.ner.lexicon import GazCategory, Lexicon

_GAZ_LABEL: dict[GazCategory, NerLabel] = {
    "country": "LOC",
    "seat": "LOC",
    "place": "LOC",
    "organization": "ORG",
    "media": "ORG",
    "metonym": "ORG",
}


def _namelike(lex: Lexicon, word: str) -> bool:
    return (
        word[:1].isupper()
        and word not in lex.stop_names
        and lex.head_of(word) is None
        and word.lower() not in lex.determiners
        and not word.isupper()
    )


def rule_spans(lex: Lexicon, words: list[str]) -> list[NerSpan]:
    spans: list[NerSpan] = []
    taken = [False] * len(words)
    for m in lex.match_gazetteer(words):
        label = _GAZ_LABEL.get(m.entry.category)
        if label is not None:
            spans.append(NerSpan(m.start, m.end, label))
            for k in range(m.start, m.end):
                taken[k] = True
    n = len(words)
    i = 0
    while i < n:
        if taken[i]:
            i += 1
            continue
        word = words[i]
        end = i
        if word in lex.first_names:  # first_name
            end = i + 1
            while end < n and end - i < 4 and not taken[end] and _namelike(lex, words[end]):
                end += 1
            if end == i + 1:
                end = i
        elif (
            lex.head_of(word) is not None
            and i + 2 < n
            and _namelike(lex, words[i + 1])
            and _namelike(lex, words[i + 2])
            and not taken[i + 1]
            and not taken[i + 2]
        ):  # title_name
            spans.append(NerSpan(i + 1, i + 3, "PER"))
            for k in (i + 1, i + 2):
                taken[k] = True
            i += 3
            continue
        elif word.isalpha() and word.isupper() and 2 <= len(word) <= 6:  # acronym
            spans.append(NerSpan(i, i + 1, "ORG"))
            i += 1
            continue
        if end > i:
            spans.append(NerSpan(i, end, "PER"))
            for k in range(i, end):
                taken[k] = True
            i = end
        else:
            i += 1
    return sorted(spans, key=lambda s: s.start)
