"""A trained German role tagger that completes the rules' attributions.

The rules (``find_attributions``) find the cue, the content and usually the source of a
statement, but no source where their patterns do not reach one, and never an addressee
("sagte er der Zeitung"). For each German attribution that has a cue but no source, this
module tags the words of the cue's sentence with their role relative to that cue (``S``
source, ``A`` addressee, ``M`` message, ``C`` cue, ``O`` other) with a linear-chain CRF
(python-crfsuite, the NER model's engine) and gives the attribution the words tagged ``S``
as its source and those tagged ``A`` as its addressee, unless they overlap its cue or
content. A filled-in source loses leading and trailing adverbs and conjunctions ("Auch die
Anwohner" → "die Anwohner") and is not filled in when what is left starts with a
preposition, relative or reflexive pronoun, or when the cue is passive ("wird
vorgeworfen"). Attributions that have a source are not tagged (that keeps the cost at about
0.5 ms per article; tagging all of them for addressees alone moved the scores by less than
0.001).

Nothing else changes: cues, contents, forms, stances and the attributions themselves stay
as the rules made them (on news, the model's own cues and messages are far worse than the
rules'; docs/attributions.md has the measurements).

Features (per word, from the sentence's tokens only, no parser): the word, its simplemma
lemma, its most likely word class in HanTa's lexicon (the NER model's lookup), shape,
suffix, membership of the lemma in the cue lexicon (``resources/de/cues.toml``), whether it
is inside quotation marks, the two words either side; and relative to the cue: signed
distance (log buckets), side, whether a comma or colon lies between word and cue, the cue's
lemma by side.

``resources/models/attribution-de.crfsuite`` is trained by
``training/train_attribution_model.py`` on GermEval 2023 SpkAtt task 1 (177 Bundestag
speeches, ``spkatt-parl/train``, CC BY-SA 4.0), one sequence per gold annotation with a
cue. The model is an adaptation of that data and shares its licence
(``attribution-de.LICENSE`` beside it). ``attribution-de.json`` records the feature version
and the training summary; a model whose feature version differs from
:data:`FEATURE_VERSION` is refused. The model is loaded lazily, once per process; a
missing model file is a clear error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from functools import cache
from pathlib import Path

import pycrfsuite
import simplemma

from storytrace.annotate.ner.crf import open_tagger, shipped_model
from storytrace.annotate.ner.features import shape, word_class, word_classes
from storytrace.model import Attribution, Sentence, Span
from storytrace.resources import load_toml

__all__ = [
    "FEATURE_VERSION",
    "MODEL_NAME",
    "ROLES",
    "model_path",
    "refine",
    "role_features",
    "rules_only",
    "sentence_features",
    "tag_roles",
]

FEATURE_VERSION = "de-attr-roles-1"
MODEL_NAME = "attribution-de.crfsuite"

#: Labels: cue, source, addressee, message, other.
ROLES = ("C", "S", "A", "M", "O")

_OPENING = frozenset({"„", "«", "‚"})
_CLOSING = frozenset({"“", "»", "”", "‘"})
_BREAKS = frozenset({",", ":", "„", "“", "–", "-"})

#: False inside :func:`rules_only`: ``refine`` then returns the rules' attributions unchanged.
_ENABLED: ContextVar[bool] = ContextVar("attribution_model_enabled", default=True)


@contextmanager
def rules_only() -> Iterator[None]:
    """Within this block the model is off and ``find_attributions`` gives the rules' own
    output (for training, and to measure with and without the model in one run)."""
    token = _ENABLED.set(False)
    try:
        yield
    finally:
        _ENABLED.reset(token)


# --------------------------------------------------------------------------- features


@cache
def _cue_lemmas() -> frozenset[str]:
    data = load_toml("de", "cues")
    out: set[str] = set()
    for section in ("speech", "thought", "writing"):
        groups = data.get(section, {})
        if isinstance(groups, dict):
            for entries in groups.values():
                if isinstance(entries, list):
                    out.update(e.split()[-1].lower() for e in entries if isinstance(e, str))
    return frozenset(out)


@cache
def _lemma(word: str) -> str:
    return str(simplemma.lemmatize(word, lang="de")).lower()


@cache
def _word_features(word: str) -> tuple[str, ...]:
    low = word.lower()
    lemma = _lemma(word)
    out = ["w=" + low, "l=" + lemma, "c=" + word_class(word), "s=" + shape(word), "x3=" + low[-3:]]
    if lemma in _cue_lemmas() or low in _cue_lemmas():
        out.append("cuelex")
    if word[:1].isupper():
        out.append("T")
    return tuple(out)


def _inside_quotes(words: Sequence[str]) -> list[bool]:
    inside = False
    out = []
    for w in words:
        if w in _OPENING:
            inside = True
            out.append(True)
        elif w in _CLOSING:
            out.append(True)
            inside = False
        elif w == '"':
            inside = not inside
            out.append(True)
        else:
            out.append(inside)
    return out


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """The cue-independent features of each word of one sentence."""
    own = [_word_features(w) for w in words]
    quoted = _inside_quotes(words)
    n = len(words)
    out = []
    for i in range(n):
        f = ["b", *own[i], "q=" + str(quoted[i])]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"{d}w=" + words[j].lower())
                if abs(d) == 1:
                    f.append(f"{d}c=" + own[j][2])
                    f.append(f"{d}l=" + own[j][1])
            else:
                f.append(f"{d}BOS" if j < 0 else f"{d}EOS")
        if i == 0:
            f.append("first")
        out.append(f)
    return out


def role_features(
    words: Sequence[str], features: Sequence[Sequence[str]], cue: Sequence[int]
) -> list[list[str]]:
    """``features`` (from :func:`sentence_features`) plus each word's relation to ``cue``
    (indices of the cue's words in the sentence)."""
    first, last = min(cue), max(cue)
    cue_set = set(cue)
    cue_lemma = _lemma(words[last])
    breaks = [i for i, w in enumerate(words) if w in _BREAKS]
    out = []
    for i, f in enumerate(features):
        if i in cue_set:
            rel = "C"
        elif i < first:
            rel = "L" + str(min(4, (first - i).bit_length()))
        else:
            rel = "R" + str(min(4, (i - last).bit_length()))
        side = rel[0]
        between = any(i < k < first or last < k < i for k in breaks)
        out.append(
            [
                *f,
                "rel=" + rel,
                f"side|w={side}|{words[i].lower()}",
                f"cue|side={cue_lemma}|{side}",
                "break=" + str(between),
                f"side|c={side}|{word_class(words[i])}",
            ]
        )
    return out


# --------------------------------------------------------------------------- the model


def model_path() -> Path:
    return shipped_model(MODEL_NAME)


@cache
def _tagger() -> pycrfsuite.Tagger:
    return open_tagger(
        model_path(),
        "German attribution model",
        "training/train_attribution_model.py",
        FEATURE_VERSION,
    )


def tag_roles(words: Sequence[str], cue: Sequence[int]) -> list[str]:
    """The role (one of :data:`ROLES`) of every word of a sentence, relative to the cue
    at word indices ``cue``."""
    if not words or not cue:
        return ["O"] * len(words)
    labels: list[str] = _tagger().tag(role_features(words, sentence_features(words), cue))
    return labels


# --------------------------------------------------------------------------- refining


def _spans(indices: Sequence[int], tokens: Sequence[Span]) -> tuple[Span, ...]:
    """Runs of consecutive word indices as character spans."""
    out: list[Span] = []
    prev = -2
    for i in indices:
        tok = tokens[i]
        if out and i == prev + 1:
            out[-1] = Span(out[-1].start, tok.end)
        else:
            out.append(Span(tok.start, tok.end))
        prev = i
    return tuple(out)


#: Word classes a filled-in source does not start or end with ("Auch der Minister",
#: "Tatsächlich"); a source that then starts with a preposition, relative or reflexive
#: pronoun or subordinator is no subject ("von denen er", "sich mit den Worten").
_EDGE_CLASSES = frozenset({"ADV", "KON", "KOUS", "PTKNEG", "ADJD", "PTKA", "$,", "$("})
_NOT_FIRST = ("APPR", "PRELS", "PRF", "PWS", "PWAV", "KOUS", "PAV")
#: Auxiliaries of a passive cue ("wird vorgeworfen"): its subject is not the speaker.
_PASSIVE = frozenset({"wird", "wurde", "werden", "wurden", "worden"})


def _class_in_context(word: str) -> str:
    found = word_class(word)
    if found in ("low", "?") and word[:1].isupper():
        return word_classes().get(word.lower(), found)
    return found


def _subject(indices: list[int], words: Sequence[str]) -> list[int]:
    """The tagged source words without leading or trailing adverbs and conjunctions;
    empty when what is left cannot be a subject."""
    kept = list(indices)
    while kept and _class_in_context(words[kept[0]]) in _EDGE_CLASSES:
        kept.pop(0)
    while kept and (
        _class_in_context(words[kept[-1]]) in _EDGE_CLASSES or not words[kept[-1]].isalnum()
    ):
        kept.pop()
    if not kept or _class_in_context(words[kept[0]]).startswith(_NOT_FIRST):
        return []
    return kept


def _chars(spans: Sequence[Span]) -> set[int]:
    return {c for s in spans for c in range(s.start, s.end)}


def _overlapping(tokens: Sequence[Span], spans: Sequence[Span]) -> list[int]:
    return [
        i
        for i, tok in enumerate(tokens)
        if any(tok.start < s.end and s.start < tok.end for s in spans)
    ]


def refine(
    text: str,
    sentences: Sequence[Sentence],
    language: str,
    attributions: Sequence[Attribution],
) -> tuple[Attribution, ...]:
    """The rules' attributions with missing sources and addressees filled in by the
    model (German only; anything else is returned unchanged)."""
    if language != "de" or not attributions or not _ENABLED.get():
        return tuple(attributions)
    tagger = _tagger()
    cached: dict[int, tuple[list[str], list[list[str]]]] = {}
    out: list[Attribution] = []
    for a in attributions:
        if not a.cue or a.source or not 0 <= a.sentence < len(sentences):
            out.append(a)
            continue
        tokens = sentences[a.sentence].tokens
        cue = _overlapping(tokens, a.cue)
        if not cue:
            out.append(a)
            continue
        if a.sentence not in cached:
            words = [text[t.start : t.end] for t in tokens]
            cached[a.sentence] = (words, sentence_features(words))
        words, feats = cached[a.sentence]
        labels = tagger.tag(role_features(words, feats, cue))
        taken = _chars(a.cue) | _chars(a.content)
        passive = any(words[i].lower() in _PASSIVE for i in cue)
        if not a.source and not passive:
            tagged = [i for i, lab in enumerate(labels) if lab == "S"]
            source = _spans(_subject(tagged, words), tokens)
            if source and not _chars(source) & taken:
                a = replace(a, source=source)
        if not a.addressee:
            addressee = _spans([i for i, lab in enumerate(labels) if lab == "A"], tokens)
            if addressee and not _chars(addressee) & (taken | _chars(a.source)):
                a = replace(a, addressee=addressee)
        out.append(a)
    return tuple(out)
