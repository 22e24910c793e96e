"""Features of the German NER model (a linear-chain CRF), shared by training and tagging.

Each word gets binary features from itself (form, lowercase, shape, affixes, hyphen parts,
gazetteer tags, and its most likely word class in HanTa's lexicon of frequent German forms,
which tells common nouns from names) and a few from its neighbours (two words either side).
Only HanTa's lexicon is used, a dictionary lookup; its tagger is far too slow here
(~5,000 words/s, i.e. ~90 ms per article). Word-level features
are cached per word form, so a typical article costs one dictionary lookup per word plus the
context features; that keeps tagging well under a millisecond per sentence.

``FEATURE_VERSION`` is stored beside the model; change it whenever the features change, so a
model trained on other features is refused instead of silently mis-tagging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storytrace.annotate.ner.lexicon import GazMatch, Lexicon

FEATURE_VERSION = "de-crf-2"

_SHAPE_MAP = str.maketrans(
    {
        **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÀÁÂÉÈÊËÍÎÓÔŠŽČ"},
        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüßàáâéèêëíîóôšžčćı"},
        **{c: "d" for c in "0123456789"},
    }
)
_RUNS = (re.compile("X{2,}"), "X"), (re.compile("x{2,}"), "x"), (re.compile("d{2,}"), "d")


def shape(word: str) -> str:
    """Compressed word shape: "Rutte" → "Xx", "NATO-Chef" → "X-Xx", "1.500" → "d.d"."""
    out = word.translate(_SHAPE_MAP)
    for pattern, single in _RUNS:
        out = pattern.sub(single, out)
    return out


@cache
def word_classes() -> dict[str, str]:
    """Most likely STTS-like tag per word form in HanTa's lexicon ("Zeit" → "NN")."""
    from HanTa import HanoverTagger

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    return {w: tagger.int2tag[c[0][0]] for w, c in tagger.cache.items() if c}


def word_class(word: str) -> str:
    """HanTa's word class of a form; "low" for a capitalised form known in lower case,
    "?" for an unknown capitalised one, "-" otherwise."""
    classes = word_classes()
    found = classes.get(word)
    if found is not None:
        return found
    if word[:1].isupper():
        return "low" if word.lower() in classes else "?"
    return "-"


def _lexical_tags(lex: Lexicon, word: str) -> list[str]:
    tags = []
    if word in lex.first_names:
        tags.append("fn")
    if lex.head_of(word) is not None:
        tags.append("role")
    if lex.nationality_of(word) is not None:
        tags.append("nat")
    if lex.institution_of(word) is not None:
        tags.append("inst")
    if lex.prefix_code(word) is not None:
        tags.append("pre")
    if word.lower() in lex.media_cues:
        tags.append("mcue")
    return tags


@dataclass(frozen=True, slots=True)
class _WordFeatures:
    """A word's own features and the ones it lends its neighbours, computed once per form."""

    own: tuple[str, ...]
    left1: tuple[str, ...]  # as the word before the current one ("-1…")
    right1: tuple[str, ...]  # as the word after it ("+1…")
    left2: tuple[str, ...]
    right2: tuple[str, ...]


def _word_features(lex: Lexicon, word: str) -> _WordFeatures:
    low = word.lower()
    shp = shape(word)
    cls = word_class(word)
    gaz = ["g=" + g for g in _lexical_tags(lex, word)]
    x3 = "x3=" + low[-3:]
    own = [
        "b",
        "w=" + word,
        "l=" + low,
        "s=" + shp,
        "p2=" + low[:2],
        "p3=" + low[:3],
        "x2=" + low[-2:],
        x3,
        "x4=" + low[-4:],
        "n=" + str(min(len(word), 8)),
        "c=" + cls,
        *gaz,
    ]
    if word[:1].isupper():
        own.append("T")
        if len(word) > 1 and word.isupper():
            own.append("U")
    if any(c.isdigit() for c in word):
        own.append("D")
    if "-" in word and len(word) > 1:
        first, _, last = word.rpartition("-")
        own.append("hl=" + last.lower())
        own.append("hf=" + first.split("-", 1)[0].lower())
        own.append("hs=" + shape(last))
    near = ["l=" + low, "s=" + shp, x3, "c=" + cls, *gaz]
    far = ["l=" + low, "s=" + shp]
    return _WordFeatures(
        own=tuple(own),
        left1=tuple(["-1" + f for f in near]),
        right1=tuple(["+1" + f for f in near]),
        left2=tuple(["-2" + f for f in far]),
        right2=tuple(["+2" + f for f in far]),
    )


class FeatureExtractor:
    """Features per sentence, with a per-word-form cache (cleared when it holds ``limit``
    forms, so memory stays bounded on large batches)."""

    def __init__(self, lex: Lexicon, limit: int = 30_000) -> None:
        self.lex = lex
        self.limit = limit
        self._cache: dict[str, _WordFeatures] = {}

    def _lookup(self, word: str) -> _WordFeatures:
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) >= self.limit:  # bounded memory on large batches
                self._cache.clear()
            found = self._cache[word] = _word_features(self.lex, word)
        return found

    def __call__(self, words: list[str]) -> list[list[str]]:
        """One feature list per word of a sentence."""
        n = len(words)
        wf = [self._lookup(word) for word in words]
        out: list[list[str]] = []
        for i in range(n):
            feats = list(wf[i].own)
            if i == 0:
                feats.append("BOS")
            else:
                feats += wf[i - 1].left1
                if i >= 2:
                    feats += wf[i - 2].left2
            if i == n - 1:
                feats.append("EOS")
            else:
                feats += wf[i + 1].right1
                if i + 2 < n:
                    feats += wf[i + 2].right2
            out.append(feats)
        for m in self.lex.match_gazetteer(words):
            self._tag_match(out, m)
        return out

    def _tag_match(self, out: list[list[str]], m: GazMatch) -> None:
        cat = m.entry.category
        for k in range(m.start, m.end):
            tag = ("B-" if k == m.start else "I-") + cat
            out[k].append("g=" + tag)
            if k > 0:
                out[k - 1].append("+1g=" + tag)
            if k + 1 < len(out):
                out[k + 1].append("-1g=" + tag)
